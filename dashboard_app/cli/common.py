"""What every metrics-tracker command shares: the app, its database, accounts by name."""

from __future__ import annotations

import click
from flask import Flask

from dashboard_app.config import ConfigError


def load_app() -> Flask:
    """The app as configured by the environment; a configuration error ends the command."""
    from dashboard_app import create_app

    try:
        return create_app()
    except ConfigError as exc:
        raise click.ClickException(f"configuration error: {exc}") from None


def database_of(app: Flask):
    """The app's Database (engine and session factory)."""
    from dashboard_app.database import get_database

    return get_database(app)


def accounts_named(session, username: str | None) -> list:
    """(id, username) of every account, or of the one named; a clear error for no such user."""
    from sqlalchemy import select

    from db.models import User

    query = select(User.id, User.username).order_by(User.id)
    if username is not None:
        query = query.where(User.username == username)
    accounts = session.execute(query).all()
    if username is not None and not accounts:
        raise click.ClickException(f"no user named {username!r}")
    return accounts
