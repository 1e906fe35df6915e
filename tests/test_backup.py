"""Whole-database backup and restore, done once for real on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, create_engine, make_url, select, text, update

from dashboard_app.backup import BackupError, backup, restore
from dashboard_app.cli import main
from dashboard_app.schemas.daily_log import DailyEntryInput
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services import daily_log, workout_lines, workouts
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.users import create_user
from db.base import Base
from db.migrate import upgrade
from db.models import Exercise, TrainingSession, User
from db.session import create_db_engine, create_session_factory
from tests.conftest import POSTGRES_URL
from tests.helpers import PASSWORD

DAY = date(2026, 3, 2)
PG_TOOLS = all(shutil.which(tool) for tool in ("pg_dump", "pg_restore"))


def fill(engine: Engine) -> None:
    """A user with a week of daily entries and a logged workout, through the services."""
    with create_session_factory(engine)() as session:
        seed_catalogue(session)
        alice = create_user(session, username="alice", email="alice@example.com", password=PASSWORD)
        session.flush()
        for offset in range(7):
            entry = DailyEntryInput(
                date=DAY + timedelta(offset), energy_level=offset + 3, weight=80 - offset / 10
            )
            daily_log.save_entry(session, alice.id, entry)
        session_id = workouts.create_session(
            session, alice.id, SessionInput(date=DAY, mesocycle="Block 1", session_number=1)
        )
        squat = session.scalar(select(Exercise.id).where(Exercise.name == "Barbell Squat"))
        line = LineInput(exercise_id=squat, sets=3, reps=5, load_kg=100.0)
        assert workout_lines.add_line(session, alice.id, session_id, line).errors == {}
        session.commit()


def change_everything(engine: Engine) -> None:
    """What a restore must undo: a deleted workout, an edited user, a new user."""
    with create_session_factory(engine)() as session:
        alice = session.scalar(select(User.id).where(User.username == "alice"))
        for session_id in session.scalars(select(TrainingSession.id)):
            assert workouts.delete_session(session, alice, session_id)
        session.execute(update(User).values(email="changed@example.com"))
        create_user(session, username="bob", email="bob@example.com", password=PASSWORD)
        session.commit()


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order, and the alembic revision."""
    with engine.connect() as connection:
        rows = {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }
        rows["alembic_version"] = connection.execute(text("SELECT * FROM alembic_version")).all()
    return rows


def can_add_a_user(engine: Engine) -> None:
    # After a restore the id sequences must continue from the restored rows.
    with create_session_factory(engine)() as session:
        create_user(session, username="carol", email="carol@example.com", password=PASSWORD)
        session.commit()


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def sqlite_app_db(cli_env) -> Iterator[Engine]:
    """The default SQLite database, upgraded with alembic and filled."""
    assert run("db", "upgrade").exit_code == 0
    engine = create_db_engine(f"sqlite:///{cli_env['METRICS_INSTANCE_PATH']}/metrics.db")
    fill(engine)
    yield engine
    engine.dispose()


def test_sqlite_backup_while_writing_then_restore_brings_every_row_back(sqlite_app_db, tmp_path):
    before = snapshot(sqlite_app_db)
    out = tmp_path / "nightly.db"
    with sqlite_app_db.connect() as writer:
        # A write the app has not committed yet: WAL lets the backup run beside it.
        writer.execute(text("UPDATE users SET email = 'uncommitted@example.com'"))
        backed_up = run("backup", "--out", str(out))
        writer.rollback()
    assert backed_up.exit_code == 0, backed_up.output
    assert f"to {out}" in backed_up.output
    assert not out.with_name("nightly.db.part").exists()

    change_everything(sqlite_app_db)
    assert snapshot(sqlite_app_db) != before
    refused = run("restore", str(out), input="n\n")
    assert "replaces ALL data" in refused.output
    assert refused.exit_code == 1
    assert snapshot(sqlite_app_db)["users"] != before["users"]

    with sqlite_app_db.connect() as open_connection:
        open_connection.execute(text("SELECT count(*) FROM users")).scalar_one()
        open_connection.rollback()
        restored = run("restore", str(out), input="y\n")
        assert restored.exit_code == 0, restored.output
        # A connection the app held open across the restore reads the restored data.
        assert open_connection.execute(text("SELECT email FROM users")).scalars().all() == [
            "alice@example.com"
        ]
    assert "the latest: ready" in restored.output
    assert snapshot(sqlite_app_db) == before
    can_add_a_user(sqlite_app_db)


def _foreign_files(tmp_path: Path, good_backup: Path) -> dict[str, Path]:
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(8192))
    other_app = tmp_path / "other.db"
    with sqlite3.connect(other_app) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.close()
    damaged = tmp_path / "damaged.db"
    data = bytearray(good_backup.read_bytes())
    data[4096 * 3 : 4096 * 6] = os.urandom(4096 * 3)
    damaged.write_bytes(bytes(data))
    return {
        "is not a SQLite database": junk,
        "no alembic_version, users": other_app,
        "is damaged": damaged,
    }


def test_sqlite_restore_refuses_a_foreign_or_damaged_file_and_leaves_the_database(
    sqlite_app_db, cli_env, tmp_path
):
    url = str(sqlite_app_db.url)
    good = backup(url, tmp_path / "good.db")
    before = snapshot(sqlite_app_db)
    for reason, path in _foreign_files(tmp_path, good).items():
        result = run("restore", str(path), "--yes")
        assert result.exit_code == 2, result.output
        assert reason in result.output
        assert "nothing was restored" in result.output
        assert snapshot(sqlite_app_db) == before

    with pytest.raises(BackupError, match="already holds data"):
        restore(url, good)  # not asked to replace
    with pytest.raises(BackupError, match="is the database itself"):
        backup(url, Path(sqlite_app_db.url.database))
    assert snapshot(sqlite_app_db) == before


def _fake_pg_dump(bin_dir: Path, log: Path) -> None:
    """A pg_dump older than the server: it records how it was called and fails as pg_dump does."""
    bin_dir.mkdir()
    script = bin_dir / "pg_dump"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 14.11"; exit 0; fi\n'
        f'echo "$@ PGPASSWORD=$PGPASSWORD" > {log}\n'
        'echo "pg_dump: error: aborting because of server version mismatch" >&2\n'
        'echo "pg_dump: detail: server version: 16.2; pg_dump version: 14.11" >&2\n'
        "exit 1\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_pg_dump_missing_or_too_old_exits_2_and_never_shows_the_password(
    cli_env, tmp_path, monkeypatch
):
    password = "s3cret-Pa55"
    monkeypatch.setenv(
        "DATABASE_URL", f"postgresql://backup_user:{password}@db.invalid:5432/tracker"
    )
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    missing = run("backup", "--out", str(tmp_path / "out.dump"))
    assert missing.exit_code == 2
    assert "pg_dump was not found" in missing.output
    assert password not in missing.output

    log = tmp_path / "called.txt"
    _fake_pg_dump(tmp_path / "bin", log)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    mismatch = run("backup", "--out", str(tmp_path / "out.dump"))
    assert mismatch.exit_code == 2
    assert "server version mismatch" in mismatch.output
    assert "This is pg_dump (PostgreSQL) 14.11" in mismatch.output
    assert password not in mismatch.output
    called = log.read_text()
    # The password travels in the environment, never on a command line other users can see.
    assert "--dbname=postgresql://backup_user@db.invalid:5432/tracker" in called
    assert called.count(password) == 1 and called.strip().endswith(f"PGPASSWORD={password}")
    assert not (tmp_path / "out.dump").exists()


@pytest.fixture
def scratch_postgres() -> Iterator[str]:
    """A database of its own, created and dropped here: the suite's database is never restored
    over."""
    if not POSTGRES_URL:
        pytest.skip("METRICS_TEST_POSTGRES_URL is not set")
    if not PG_TOOLS:
        pytest.skip("pg_dump/pg_restore are not installed")
    base = make_url(POSTGRES_URL)
    name = f"{base.database}_backup_{secrets.token_hex(4)}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        force = " WITH (FORCE)" if admin.dialect.server_version_info >= (13,) else ""
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"{force}'))
        admin.dispose()


def test_postgres_backup_and_restore_bring_every_row_back(scratch_postgres, tmp_path):
    engine = create_db_engine(scratch_postgres)
    try:
        upgrade(engine)
        fill(engine)
        before = snapshot(engine)
        out = backup(scratch_postgres, tmp_path / "tracker.dump")
        change_everything(engine)
        changed = snapshot(engine)
        assert changed != before

        with pytest.raises(BackupError, match="already holds data"):
            restore(scratch_postgres, out)
        junk = tmp_path / "junk.dump"
        junk.write_bytes(os.urandom(8192))
        with pytest.raises(BackupError, match="not a pg_dump custom-format backup"):
            restore(scratch_postgres, junk, replace=True)
        truncated = tmp_path / "truncated.dump"
        truncated.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
        with pytest.raises(BackupError, match="pg_restore"):
            restore(scratch_postgres, truncated, replace=True)
        assert snapshot(engine) == changed  # one transaction: a failure changes nothing
        restored = restore(scratch_postgres, out, replace=True)
        assert restored.advice.endswith("the latest: ready")
        assert snapshot(engine) == before
        can_add_a_user(engine)
    finally:
        engine.dispose()


def test_a_postgres_restore_behind_an_open_transaction_gives_up_and_says_who(
    scratch_postgres, tmp_path, monkeypatch
):
    import time

    from dashboard_app import backup as backup_module

    monkeypatch.setattr(backup_module, "RESTORE_LOCK_WAIT_SECONDS", 1.0)
    engine = create_db_engine(scratch_postgres)
    try:
        upgrade(engine)
        fill(engine)
        before = snapshot(engine)
        out = backup(scratch_postgres, tmp_path / "tracker.dump")
        change_everything(engine)
        changed = snapshot(engine)
        idle = engine.connect()
        idle.execute(text("SET application_name = 'gunicorn worker'"))
        idle.execute(text("SELECT count(*) FROM users"))  # a transaction left open
        started = time.monotonic()
        with pytest.raises(BackupError) as refused:
            restore(scratch_postgres, out, replace=True)
        assert time.monotonic() - started < 30
        message = str(refused.value)
        assert "waited 1 s for tables in use and was stopped, changing nothing" in message
        assert "gunicorn worker (pid " in message and "idle in transaction" in message
        idle.rollback()
        idle.close()
        assert snapshot(engine) == changed
        restore(scratch_postgres, out, replace=True)
        assert snapshot(engine) == before
    finally:
        engine.dispose()
