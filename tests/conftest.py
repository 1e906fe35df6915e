"""Fixtures: an app on a fresh database per test (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import dash
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from dashboard_app import create_app, passwords
from db.base import Base
from db.session import create_db_engine, create_session_factory
from tests.helpers import AuthActions, make_user

POSTGRES_URL = os.environ.get("METRICS_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="METRICS_TEST_POSTGRES_URL is not set"),
    ),
]
TEST_SECRET_KEY = "test-secret-key-" + "x" * 32
# Whole modules of slow tests: real browsers, gunicorn, fuzzing, statistical simulations.
SLOW_MODULES = frozenset(
    {
        "test_browser",
        "test_load_and_crash",
        "test_fuzz_callbacks",
        "test_fuzz_api",
        "test_api_contract",
        "test_insights_honesty",
        "test_isolation",
        "test_backup",
        "test_background_jobs",
    }
)


def pytest_collection_modifyitems(items) -> None:
    """Mark the slow modules' tests slow, so `pytest -m "not slow"` is the quick part."""
    for item in items:
        if item.module.__name__.rpartition(".")[2] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> Iterator[None]:
    """Users made straight through the services hash as a testing app would."""
    passwords.use_environment("testing")
    yield


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    """One engine for the whole run; the schema is built once and emptied between tests."""
    engine = create_db_engine(POSTGRES_URL)
    with engine.begin() as connection:
        # The database may hold tables of another revision's schema (a run on another branch):
        # drop_all only knows today's tables and their order, so clear the whole schema.
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
        Base.metadata.create_all(connection)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """An empty SQLite database with the current schema, built once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "schema.db"
    engine = create_db_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    engine.dispose()  # the last connection checkpoints the WAL into the file
    return path


@pytest.fixture(scope="session")
def _prepared_databases(tmp_path_factory) -> dict[str, Path]:
    return {}


@pytest.fixture
def prepared(_prepared_databases, tmp_path_factory):
    """prepare(engine, key, build): the database filled by build(session), built once per run.

    On SQLite the first test of a key builds it and keeps a copy of the file; later tests get
    the copy (the engine is disposed first, so no connection sees the file change). On
    PostgreSQL build runs every time.
    """

    def prepare(engine: Engine, key: str, build) -> None:
        path = Path(engine.url.database) if engine.dialect.name == "sqlite" else None
        with engine.connect() as connection:
            empty = connection.execute(text("SELECT count(*) FROM users")).scalar() == 0
        if not empty:  # another fixture wrote first: a copy would erase its rows
            path = None
        if path is not None and key in _prepared_databases:
            engine.dispose()
            shutil.copyfile(_prepared_databases[key], path)
            return
        with create_session_factory(engine)() as session:
            build(session)
            session.commit()
        if path is not None:
            engine.dispose()  # the WAL is checkpointed into the file
            kept = tmp_path_factory.mktemp("prepared") / "prepared.db"
            shutil.copyfile(path, kept)
            _prepared_databases[key] = kept

    return prepare


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    """A URL to an empty database with the current schema."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    engine = request.getfixturevalue("postgres_engine")
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return POSTGRES_URL


@pytest.fixture
def db_engine(database_url) -> Iterator[Engine]:
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(db_engine) -> Iterator[Session]:
    """A session on the test database (commit to make rows visible to an app)."""
    with create_session_factory(db_engine)() as session:
        yield session


@pytest.fixture(autouse=True)
def _clear_dash_globals() -> Iterator[None]:
    # Dash keeps the page registry and callback lists in module globals; each test's app
    # must start from nothing, as Dash's own test suite does.
    def clear() -> None:
        dash._pages.PAGE_REGISTRY.clear()
        dash._pages.CONFIG.clear()
        dash._callback.GLOBAL_CALLBACK_LIST.clear()
        dash._callback.GLOBAL_CALLBACK_MAP.clear()
        dash._callback.GLOBAL_INLINE_SCRIPTS.clear()

    clear()
    yield
    clear()


@pytest.fixture
def user_pair(db_session) -> tuple[int, int]:
    """The ids of two users, alice and bob, made directly through the service (no app)."""
    from dashboard_app.services.users import create_user

    alice = create_user(db_session, username="alice", email="a@example.com", password="a pass 1234")
    bob = create_user(db_session, username="bob", email="b@example.com", password="b pass 1234")
    db_session.commit()
    return alice.id, bob.id


@pytest.fixture
def cli_env(tmp_path, monkeypatch) -> dict[str, str]:
    """The app's default SQLite file in a fresh instance folder, as `metrics-tracker` uses."""
    env = {
        "METRICS_ENV": "development",
        "METRICS_INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": "",
        "SECRET_KEY": "",
        "MAIL_SERVER": "",
        "REDIS_URL": "",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def app_factory(database_url, tmp_path):
    """Build apps on the test database; keyword arguments override environment settings."""
    built = []

    def build(**overrides: str):
        settings = {
            "METRICS_ENV": "testing",
            "DATABASE_URL": database_url,
            "SECRET_KEY": TEST_SECRET_KEY,
            "METRICS_INSTANCE_PATH": str(tmp_path / "instance"),
            "REDIS_URL": "",
            "MAIL_SERVER": "",
            **overrides,
        }
        server = create_app(settings)
        built.append(server)
        return server

    yield build
    for server in built:
        server.extensions["metrics_tracker.db"].engine.dispose()


@pytest.fixture
def app(app_factory):
    """The Flask server (with Dash mounted) on the test database."""
    return app_factory()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def user(app):
    """A registered user (username 'alice', password AuthActions.PASSWORD)."""
    return make_user(app, "alice")


@pytest.fixture
def logged_in(client, auth, user):
    """A test client logged in as 'alice'."""
    auth.login("alice")
    return client
