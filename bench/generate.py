"""Fill an empty database with many generated users and one heavy user, for latency benchmarks.

    DATABASE_URL=postgresql+psycopg://postgres@localhost/bench_many \\
        /work/venv/bin/python bench/generate.py --users 10000 --years 3
    /work/venv/bin/python bench/generate.py --users 200 --database-url sqlite:////tmp/gen.db

The schema is created with Alembic and the catalogue seeded. The heavy user ("heavy") is the
demo generator's user with --heavy-years of daily data (1,000+ sessions); the others
(user00001, ...) have varied histories of up to --years, loaded with COPY on PostgreSQL and
executemany on SQLite, with their personal records and exercise usage derived set-based.
Every account's password is bench-password-2026 (hashed once, the hash shared by all rows).
Bulk users get no dashboard widgets and no stored insights: the app lays out the widgets and
computes the insights on their first visit, as for a new account.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from sqlalchemy import Engine, func, inspect, select, text, update  # noqa: E402

from bench.generate_rows import (  # noqa: E402
    IdAllocator,
    Table,
    build_catalogue,
    generate_chunk,
)
from dashboard_app.passwords import hash_password  # noqa: E402
from dashboard_app.services.catalogue import seed_catalogue  # noqa: E402
from dashboard_app.services.demo import create_demo_user  # noqa: E402
from dashboard_app.services.exercises import with_muscle_and_equipment  # noqa: E402
from db.base import Base  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.models import (  # noqa: E402
    Exercise,
    PersonalRecord,
    User,
    UserExerciseHistory,
    WorkoutDetail,
)
from db.session import create_db_engine, create_session_factory  # noqa: E402

PASSWORD = "bench-password-2026"
HEAVY_USERNAME = "heavy"
EMAIL_DOMAIN = "bench.invalid"
MIN_HEAVY_SESSIONS = 1000
CHUNK_USERS = 250  # a few hundred MB at most while a chunk's rows are built and loaded
LOADED_TABLES = (
    "users",
    "dashboard_preferences",
    "daily_metrics",
    "training_sessions",
    "workout_details",
    "personal_records",
    "user_exercise_history",
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, required=True, help="generated users besides heavy")
    parser.add_argument("--years", type=float, default=3.0, help="longest generated history")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-heavy", action="store_true", help="leave out the heavy user")
    parser.add_argument("--heavy-years", type=int, default=10)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--reset", action="store_true", help="drop every table first")
    parser.add_argument(
        "--check",
        action="store_true",
        help="afterwards, log in as heavy and a generated user and compare sampled users' "
        "records and usage with the app's own rebuild",
    )
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL")
    if args.users < 0 or args.years <= 0 or args.heavy_years < 1:
        parser.error("--users must be >= 0, --years > 0 and --heavy-years >= 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    engine = create_db_engine(args.database_url)
    if _has_users(engine):
        if not args.reset:
            print("the database already has users; pass --reset to drop everything first")
            return 2
        _drop_everything(engine)
    started = time.perf_counter()
    upgrade(engine)
    factory = create_session_factory(engine)
    password_hash = hash_password(PASSWORD)
    with factory.begin() as session:
        seed_catalogue(session)
    if not args.no_heavy:
        _create_heavy_user(engine, args, password_hash)
    if args.users:
        _load_generated_users(engine, args, password_hash)
    _finish(engine)
    _print_summary(engine, args.database_url, time.perf_counter() - started)
    return _run_checks(engine, args.database_url) if args.check else 0


def _has_users(engine: Engine) -> bool:
    if not inspect(engine).has_table("users"):
        return False
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(User)) > 0


def _drop_everything(engine: Engine) -> None:
    print("--reset: dropping every table")
    Base.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _create_heavy_user(engine: Engine, args: argparse.Namespace, password_hash: str) -> None:
    """The demo generator's user, renamed to the bench's address and shared password hash."""
    started = time.perf_counter()
    with create_session_factory(engine).begin() as session:
        report = create_demo_user(
            session,
            username=HEAVY_USERNAME,
            password=PASSWORD,
            seed=args.seed,
            days=365 * args.heavy_years,
        )
        session.execute(
            update(User)
            .where(User.username == HEAVY_USERNAME)
            .values(email=f"{HEAVY_USERNAME}@{EMAIL_DOMAIN}", password_hash=password_hash)
        )
    print(
        f"heavy user: {report.daily_entries} daily entries, {report.sessions} sessions, "
        f"{report.workout_lines} lines ({report.first_date} to {report.last_date}) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    if report.sessions < MIN_HEAVY_SESSIONS:
        print(f"warning: the heavy user has fewer than {MIN_HEAVY_SESSIONS} sessions")


def _catalogue_rows(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return [
            (
                row.id,
                row.name,
                row.muscle_group,
                row.equipment,
                row.mechanic,
                row.category,
                row.level,
            )
            for row in connection.execute(
                with_muscle_and_equipment(
                    select(Exercise).where(Exercise.user_id.is_(None)),
                    Exercise.id,
                    Exercise.name,
                    Exercise.mechanic,
                    Exercise.category,
                    Exercise.level,
                ).order_by(Exercise.id)
            )
        ]


def _next_ids(engine: Engine) -> IdAllocator:
    """Ids continue after the rows already there (the heavy user's)."""
    with engine.connect() as connection:
        return IdAllocator(
            {
                table: connection.scalar(text(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}"))
                for table in LOADED_TABLES
            }
        )


class _PostgresLoader:
    """COPY into each table on one connection; asynchronous commits while loading.

    The rows reference each other consistently by construction (and --check compares them
    with the app's rebuild), so foreign-key triggers are skipped where the role allows it
    (session_replication_role needs a superuser): checking them costs more than the COPY.
    """

    def __init__(self, engine: Engine) -> None:
        self.connection = engine.raw_connection()
        self.cursor = self.connection.cursor()
        from psycopg.errors import InsufficientPrivilege

        try:
            self.cursor.execute("SET session_replication_role TO replica")
        except InsufficientPrivilege as error:
            print(f"foreign keys stay checked while loading (slower): {error}".strip())
            self.connection.rollback()
        self.cursor.execute("SET synchronous_commit TO off")

    def load(self, name: str, table: Table) -> None:
        with self.cursor.copy(f"COPY {name} ({', '.join(table.columns)}) FROM STDIN") as copy:
            for row in table.rows:
                copy.write_row(row)

    def commit(self) -> None:
        self.connection.commit()

    def close(self) -> None:
        self.connection.close()


class _SqliteLoader:
    """executemany on one connection, without waiting for the disk while loading."""

    def __init__(self, engine: Engine) -> None:
        self.connection = engine.raw_connection()
        self.cursor = self.connection.cursor()
        self.cursor.execute("PRAGMA synchronous=OFF")

    def load(self, name: str, table: Table) -> None:
        marks = ", ".join("?" for _ in table.columns)
        self.cursor.executemany(
            f"INSERT INTO {name} ({', '.join(table.columns)}) VALUES ({marks})", table.rows
        )

    def commit(self) -> None:
        self.connection.commit()

    def close(self) -> None:
        # The pooled connection goes back with the app's own durability setting.
        self.cursor.execute("PRAGMA synchronous=NORMAL")
        self.connection.close()


@contextmanager
def _loader(engine: Engine) -> Iterator[_PostgresLoader | _SqliteLoader]:
    loader = _PostgresLoader(engine) if _is_postgres(engine) else _SqliteLoader(engine)
    try:
        yield loader
    finally:
        loader.close()


def _is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


@contextmanager
def _secondary_indexes_dropped(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, the loaded tables' plain indexes are dropped and rebuilt afterwards.

    One sorted build per index is several times faster than updating five indexes a row at
    a time. The definitions are read back from the database, so exactly the indexes the
    migrations made are restored; those behind primary keys and unique constraints stay.
    """
    if not _is_postgres(engine):
        yield
        return
    with engine.begin() as connection:
        definitions = connection.execute(
            text(
                "SELECT indexname, indexdef FROM pg_indexes AS i"
                " WHERE schemaname = current_schema() AND tablename = ANY(:tables)"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = i.indexname)"
            ),
            {"tables": list(LOADED_TABLES)},
        ).all()
        for name, _ in definitions:
            connection.execute(text(f'DROP INDEX "{name}"'))
    try:
        yield
    finally:
        started = time.perf_counter()
        with engine.begin() as connection:
            connection.execute(text("SET LOCAL maintenance_work_mem TO '256MB'"))
            for _, definition in definitions:
                connection.execute(text(definition))
        print(f"rebuilt {len(definitions)} indexes in {time.perf_counter() - started:.1f} s")


def _load_generated_users(engine: Engine, args: argparse.Namespace, password_hash: str) -> None:
    """Generate and load the users a chunk at a time, committing each chunk."""
    rng = np.random.default_rng(args.seed)
    catalogue = build_catalogue(rng, _catalogue_rows(engine))
    ids = _next_ids(engine)
    today = date.today().toordinal()
    started, rows = time.perf_counter(), 0
    seconds = dict.fromkeys(LOADED_TABLES, 0.0)
    with _secondary_indexes_dropped(engine), _loader(engine) as loader:
        for first in range(1, args.users + 1, CHUNK_USERS):
            numbers = range(first, min(first + CHUNK_USERS, args.users + 1))
            tables = generate_chunk(rng, numbers, args.years, today, catalogue, password_hash, ids)
            for name, table in tables.items():
                table_started = time.perf_counter()
                loader.load(name, table)
                seconds[name] += time.perf_counter() - table_started
                rows += table.count
            loader.commit()
            elapsed = time.perf_counter() - started
            print(
                f"users {numbers[-1]:>6}/{args.users}  rows {rows:>11,}  "
                f"{rows / elapsed:>9,.0f} rows/s  {elapsed:7.1f} s",
                flush=True,
            )
    print(
        "seconds spent loading (with building the rows): "
        + ", ".join(f"{name} {spent:.1f}" for name, spent in seconds.items())
    )


def _finish(engine: Engine) -> None:
    """Sequences past the assigned ids; fresh statistics and visibility maps on PostgreSQL.

    VACUUM ANALYZE rather than ANALYZE alone: it also sets the visibility maps, so the
    database is in the settled state autovacuum would otherwise reach in the middle of a
    benchmark.
    """
    if not _is_postgres(engine):
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return
    with engine.begin() as connection:
        for table in LOADED_TABLES:
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE(MAX(id), 0) + 1, false) FROM {table}"
                )
            )
    started = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s")


def _print_summary(engine: Engine, url: str, seconds: float) -> None:
    print(f"done in {seconds:.1f} s")
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            count = connection.scalar(select(func.count()).select_from(table))
            print(f"  {table.name:28s} {count:>12,}")
        if _is_postgres(engine):
            size = connection.scalar(text("SELECT pg_database_size(current_database())"))
        else:
            size = Path(engine.url.database).stat().st_size
    print(f"database size {size / 2**20:,.0f} MiB")


def _run_checks(engine: Engine, url: str) -> int:
    """Derived rows match the app's rebuild, and users log in and see their records."""
    failures = _check_derived_rows(engine) + _check_logins(engine, url)
    for failure in failures:
        print(f"CHECK FAILED: {failure}")
    print("checks passed" if not failures else f"{len(failures)} checks failed")
    return 1 if failures else 0


def _check_derived_rows(engine: Engine, sample: int = 6) -> list[str]:
    """Rebuilding sampled users' records and usage with the app's services changes nothing."""
    from dashboard_app.services.exercise_usage import rebuild_usage
    from dashboard_app.services.records import rebuild_records

    failures = []
    with create_session_factory(engine)() as session:
        for user_id in _sample_users(session, sample):
            before = _derived_rows(session, user_id)
            rebuild_records(session, user_id)
            rebuild_usage(session, user_id)
            after = _derived_rows(session, user_id)
            print(f"user {user_id}: {len(before[0])} records, {len(before[1])} usage rows", end="")
            print(" - same as the app's rebuild" if before == after else " - DIFFERENT")
            if before != after:
                failures.append(f"user {user_id}'s records or usage differ from the app's")
        session.rollback()
    return failures


def _sample_users(session, sample: int) -> list[int]:
    """Generated users spread over the ids, plus one who logs warm-ups and one on Epley."""
    trained = (
        select(WorkoutDetail.user_id)
        .join(User, User.id == WorkoutDetail.user_id)
        .where(User.email.like(f"user%@{EMAIL_DOMAIN}"))
        .distinct()
        .order_by(WorkoutDetail.user_id)
    )
    user_ids = session.scalars(trained).all()
    chosen = user_ids[:: max(1, len(user_ids) // sample)][:sample]
    for special in (WorkoutDetail.is_warmup.is_(True), User.e1rm_formula == "epley"):
        chosen += session.scalars(trained.where(special).limit(1)).all()
    return sorted(set(chosen))


def _derived_rows(session, user_id: int) -> tuple[list[tuple], list[tuple]]:
    records = session.execute(
        select(
            PersonalRecord.exercise_id,
            PersonalRecord.exercise_name,
            PersonalRecord.record_type,
            func.round(PersonalRecord.record_value * 1000) / 1000,
            PersonalRecord.sets,
            PersonalRecord.reps,
            PersonalRecord.load_weight,
            PersonalRecord.date,
            PersonalRecord.session_id,
            PersonalRecord.workout_detail_id,
        ).where(PersonalRecord.user_id == user_id)
    )
    usage = session.execute(
        select(
            UserExerciseHistory.exercise_id,
            UserExerciseHistory.usage_count,
            UserExerciseHistory.last_used,
        ).where(UserExerciseHistory.user_id == user_id)
    )
    return sorted(map(tuple, records)), sorted(map(tuple, usage))


def _check_logins(engine: Engine, url: str) -> list[str]:
    """Log in through the real form as heavy and a generated user; open / and their records."""
    from dashboard_app import create_app
    from dashboard_app.ui import ids
    from tests.helpers import AuthActions, callback_response, payload_for, post_callback

    with engine.connect() as connection:
        names = connection.scalars(
            select(User.username)
            .where(User.username.in_([HEAVY_USERNAME, "user00042", "user00001"]))
            .order_by(User.id)
        ).all()
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "x" * 40,
            "METRICS_ENV": "testing",
            "METRICS_INSTANCE_PATH": tempfile.mkdtemp(prefix="metrics-generate-"),
        }
    )
    failures = []
    for username in [n for n in names if n != "user00001" or "user00042" not in names]:
        client = app.test_client()
        login = AuthActions(client).login(username, PASSWORD)
        home = client.get("/")
        if login.status_code != 302 or home.status_code != 200:
            failures.append(f"{username}: login {login.status_code}, / {home.status_code}")
            continue
        payload = payload_for(
            app, (ids.RECORDS_LOAD, "data"), 1, {(ids.RECORDS_QUERY, "value"): ""}
        )
        count = callback_response(post_callback(client, payload))[ids.RECORDS_COUNT]["children"]
        print(f"{username}: logged in, / is 200, records page: {count}")
    return failures


if __name__ == "__main__":
    sys.exit(main())
