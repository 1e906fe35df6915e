"""The app's database binding: one engine per app, one session per request."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.session import create_db_engine, create_session_factory

EXTENSION_KEY = "metrics_tracker.db"


@dataclass(frozen=True)
class Database:
    engine: Engine
    session_factory: sessionmaker[Session]


def init_app(server: Flask, database_url: str) -> Database:
    """Create the engine for this app and close each request's session when it ends."""
    engine = create_db_engine(database_url)
    database = Database(engine, create_session_factory(engine))
    server.extensions[EXTENSION_KEY] = database
    server.teardown_appcontext(_close_request_session)
    return database


def get_database(app: Flask | None = None) -> Database:
    """The Database bound to app (default: the current app)."""
    return (app or current_app).extensions[EXTENSION_KEY]


def get_session() -> Session:
    """The session of the current request, opened on first use."""
    if "db_session" not in g:
        g.db_session = get_database().session_factory()
    return g.db_session


def _close_request_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
