"""Whole-database backup and restore: SQLite through its online backup API, PostgreSQL
through pg_dump/pg_restore. Both keep every user's data, the schema and its alembic revision.
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, inspect, make_url, text
from sqlalchemy.exc import SQLAlchemyError

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"  # pg_dump --format=custom
# A backup is this app's when it holds these; anything else is refused before the database
# is touched.
REQUIRED_TABLES = ("alembic_version", "users")
SQLITE_TIMEOUT_SECONDS = 10.0
# --clean --if-exists drops each object of the backup before recreating it; one transaction
# means a failure half-way leaves the database as it was.
PG_RESTORE_OPTIONS = ("--clean", "--if-exists", "--no-owner", "--single-transaction")
# A restore drops every table, which waits for every open transaction on it; while it waits,
# its queued exclusive locks stall every request behind it. After waiting this long it is
# cancelled, changing nothing (one transaction), and says who held the locks. (lock_timeout
# cannot do it: a pg_dump archive sets lock_timeout = 0 first thing.)
RESTORE_LOCK_WAIT_SECONDS = 10.0
WATCH_EVERY_SECONDS = 0.2


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class RestoredRevision:
    """The migration the restored database is at, compared with this code's latest."""

    revision: str | None
    head: str
    known: bool
    # PostgreSQL: tables the backup does not have (made by a newer version) are left alone.
    leftover_tables: tuple[str, ...] = ()

    @property
    def advice(self) -> str:
        """What to do before the app starts: upgrade the schema, drop newer tables, nothing."""
        if self.leftover_tables:
            return (
                f"database at revision {self.revision}, but tables the backup does not have "
                f"were left in place ({', '.join(self.leftover_tables)}): drop them, then run "
                "`metrics-tracker db upgrade`"
            )
        if self.revision == self.head:
            return f"database at revision {self.revision}, the latest: ready"
        if self.known:
            return (
                f"database at revision {self.revision}, older than this version's {self.head}: "
                "run `metrics-tracker db upgrade` before starting the app"
            )
        return (
            f"database at revision {self.revision}, which this version does not know (latest "
            f"{self.head}): the backup comes from a newer Metrics Tracker; install that version"
        )


def backup(database_url: str, out_path: Path) -> Path:
    """Write a consistent copy of the whole database to out_path (safe while the app runs)."""
    url = make_url(database_url)
    out_path = Path(out_path)
    # Written beside the target and renamed at the end: a failure leaves no half a backup.
    partial = out_path.with_name(out_path.name + ".part")
    try:
        if url.get_backend_name() == "sqlite":
            _backup_sqlite(_sqlite_path(url, must_exist=True), out_path, partial)
        else:
            _run_pg("pg_dump", ["--format=custom", "--no-owner", f"--file={partial}"], url)
        os.replace(partial, out_path)
    except OSError as exc:
        raise BackupError(f"cannot write {out_path}: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return out_path


def restore(database_url: str, backup_path: Path, *, replace: bool = False) -> RestoredRevision:
    """Replace the whole database with backup_path; refuse a foreign or damaged file.

    A database that already holds tables is only replaced when replace is true.
    """
    url = make_url(database_url)
    backup_path = Path(backup_path)
    if not backup_path.is_file():
        raise BackupError(f"{backup_path} is not a file")
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite:
        _check_sqlite_backup(backup_path)
    else:
        backed_up_tables = _check_pg_backup(backup_path)
    if not replace and _table_names(url):
        raise BackupError(
            f"{url.render_as_string()} already holds data and a restore replaces ALL of it: "
            "confirm to go ahead"
        )
    if sqlite:
        _restore_sqlite(backup_path, _sqlite_path(url, must_exist=False))
        return _revision(url)
    _run_pg("pg_restore", [*PG_RESTORE_OPTIONS, str(backup_path)], url, watch_locks=True)
    leftover = sorted(set(_table_names(url)) - backed_up_tables)
    return dataclasses.replace(_revision(url), leftover_tables=tuple(leftover))


def _table_names(url: URL) -> list[str]:
    from db.session import create_db_engine

    if url.get_backend_name() == "sqlite" and not _sqlite_path(url, must_exist=False).exists():
        return []
    engine = create_db_engine(url.render_as_string(hide_password=False))
    try:
        return inspect(engine).get_table_names()
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        raise BackupError(f"cannot open {url.render_as_string()}: {reason}") from None
    finally:
        engine.dispose()


def _revision(url: URL) -> RestoredRevision:
    from alembic.script import ScriptDirectory

    from db.migrate import alembic_config, current_revision
    from db.session import create_db_engine

    engine = create_db_engine(url.render_as_string(hide_password=False))
    try:
        revision = current_revision(engine)
        scripts = ScriptDirectory.from_config(alembic_config(engine))
    finally:
        engine.dispose()
    known = {script.revision for script in scripts.walk_revisions()}
    return RestoredRevision(revision, scripts.get_current_head(), revision in known)


# SQLite


def _sqlite_path(url: URL, *, must_exist: bool) -> Path:
    if url.database in (None, "", ":memory:"):
        raise BackupError("an in-memory SQLite database has nothing to back up or restore")
    path = Path(url.database)
    if must_exist and not path.is_file():
        raise BackupError(f"there is no SQLite database at {path}")
    return path


def _backup_sqlite(database: Path, out_path: Path, partial: Path) -> None:
    if out_path.exists() and out_path.resolve() == database.resolve():
        raise BackupError(f"{out_path} is the database itself: choose another file")
    partial.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(database, timeout=SQLITE_TIMEOUT_SECONDS)
        target = sqlite3.connect(partial)
        try:
            # All pages in one step, inside one read transaction: with WAL the app keeps
            # writing meanwhile, and the copy is the database as of that transaction's start.
            source.backup(target)
            # A rollback-journal file is self-contained, readable from read-only media too.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"cannot back up {database} to {out_path}: {exc}") from None


def _check_sqlite_backup(backup_path: Path) -> None:
    with backup_path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{backup_path} is not a SQLite database: nothing was restored")
    connection = sqlite3.connect(f"{backup_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    finally:
        connection.close()
    if problems != ["ok"]:
        raise BackupError(
            f"{backup_path} is damaged ({'; '.join(problems[:3])}): nothing was restored"
        )
    missing = [table for table in REQUIRED_TABLES if table not in tables]
    if missing:
        raise BackupError(
            f"{backup_path} is not a Metrics Tracker backup (no {', '.join(missing)} table): "
            "nothing was restored"
        )


def _restore_sqlite(backup_path: Path, database: Path) -> None:
    if database.exists() and database.resolve() == backup_path.resolve():
        raise BackupError(f"{backup_path} is the database itself: nothing to restore")
    try:
        source = sqlite3.connect(f"{backup_path.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(database, timeout=SQLITE_TIMEOUT_SECONDS)
        try:
            # The backup API writes every page under the database's write lock: connections
            # the app holds open see the old database or the restored one, never a mix.
            source.backup(target)
        finally:
            target.close()
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"cannot restore into {database}: {exc}") from None


# PostgreSQL


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password (command lines are visible to every local user), and
    the environment that carries the password instead."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    # URL.set(password=None) would keep the password, so the URL is built again without it.
    plain = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    return plain.render_as_string(hide_password=False), env


def _check_pg_backup(backup_path: Path) -> set[str]:
    """The tables in backup_path, a pg_dump archive of this app (else a BackupError)."""
    with backup_path.open("rb") as handle:
        if handle.read(len(PG_DUMP_HEADER)) != PG_DUMP_HEADER:
            raise BackupError(
                f"{backup_path} is not a pg_dump custom-format backup: nothing was restored"
            )
    listing = _run_pg("pg_restore", ["--list", str(backup_path)])
    tables = set(re.findall(r"^\d+; \d+ \d+ TABLE (?!DATA )\S+ (\S+) ", listing, re.MULTILINE))
    missing = [table for table in REQUIRED_TABLES if table not in tables]
    if missing:
        raise BackupError(
            f"{backup_path} is not a Metrics Tracker backup (no {', '.join(missing)} table): "
            "nothing was restored"
        )
    return tables


_WAITING = text(
    "SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE NOT l.granted AND a.application_name = :name LIMIT 1"
)
_HOLDERS = text(
    "SELECT pid, COALESCE(NULLIF(application_name, ''), 'a client'), state "
    "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
    "AND application_name <> :name AND xact_start IS NOT NULL ORDER BY pid LIMIT 10"
)


def _cancel_when_stalled(url: URL, name: str, process: subprocess.Popen) -> str | None:
    """Watch the session called name while process runs; cancel it once it has waited for
    locks RESTORE_LOCK_WAIT_SECONDS in a row, and say who held them (None: it never stalled)."""
    from db.session import create_db_engine

    engine = create_db_engine(url.render_as_string(hide_password=False))
    waited = 0.0
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            while process.poll() is None:
                pid = connection.execute(_WAITING, {"name": name}).scalar()
                waited = waited + WATCH_EVERY_SECONDS if pid is not None else 0.0
                if waited >= RESTORE_LOCK_WAIT_SECONDS:
                    holders = connection.execute(_HOLDERS, {"name": name}).all()
                    connection.execute(text("SELECT pg_cancel_backend(:pid)"), {"pid": pid})
                    listed = ", ".join(f"{app} (pid {p}, {state})" for p, app, state in holders)
                    return listed or "a transaction that has ended since"
                time.sleep(WATCH_EVERY_SECONDS)
    except SQLAlchemyError:
        return None  # cannot watch: the restore runs as it would without the watch
    finally:
        engine.dispose()
    return None


def _run_pg(
    program: str, arguments: list[str], url: URL | None = None, watch_locks: bool = False
) -> str:
    """Run pg_dump/pg_restore (on url); its output, or a BackupError without the password.

    watch_locks: cancel it when it stalls behind other sessions' locks (see _cancel_when_stalled).
    """
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} was not found on PATH: install the PostgreSQL client tools "
            "(e.g. apt install postgresql-client) of the server's major version or newer"
        )
    command, env = [executable, *arguments], None
    if url is not None:
        dbname, env = _libpq(url)
        command.insert(1, f"--dbname={dbname}")
    name = f"metrics-tracker-{program}-{secrets.token_hex(4)}"
    if env is not None:
        env["PGAPPNAME"] = name
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    stalled = _cancel_when_stalled(url, name, process) if watch_locks and url else None
    stdout, stderr = process.communicate()
    if stalled is not None:
        raise BackupError(
            f"{program} waited {RESTORE_LOCK_WAIT_SECONDS:g} s for tables in use and was "
            f"stopped, changing nothing; open transactions: {stalled}. Stop the app (its "
            "workers hold connections) and any other client, then try again"
        )
    if process.returncode == 0:
        return stdout
    message = stderr.strip()
    if url is not None and url.password:
        message = message.replace(str(url.password), "***")
    if "version mismatch" in message or "unsupported version" in message:
        version = subprocess.run([executable, "--version"], capture_output=True, text=True)
        raise BackupError(
            f"{message}\nThis is {version.stdout.strip()}: install the PostgreSQL client tools "
            "of the server's major version (pg_dump must be at least as new as the server, "
            "pg_restore at least as new as the pg_dump that wrote the file)"
        )
    raise BackupError(f"{program} failed: {message}")
