"""Migrations build exactly the models' schema, on SQLite and on PostgreSQL."""

import uuid

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from db.base import Base
from db.migrate import current_revision, downgrade, schema_differences, upgrade
from db.session import create_db_engine
from tests.conftest import POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request, tmp_path):
    """An engine on a database with no tables at all."""
    if request.param == "sqlite":
        engine = create_db_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        engine.dispose()
        return
    if not POSTGRES_URL:
        pytest.skip("METRICS_TEST_POSTGRES_URL is not set")
    name = f"metrics_migrations_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_db_engine(make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


def test_upgrade_creates_exactly_the_models_schema(empty_engine):
    upgrade(empty_engine)
    assert current_revision(empty_engine) is not None
    assert schema_differences(empty_engine) == []
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_downgrade_to_base_removes_every_table_and_upgrade_again_works(empty_engine):
    upgrade(empty_engine)
    downgrade(empty_engine, "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    upgrade(empty_engine)
    assert schema_differences(empty_engine) == []


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'pragmas.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


OLD_INSIGHT = (
    "INSERT INTO correlation_insights (user_id, metric_x, metric_y, lag_days, method, "
    "correlation_value, sample_size, strength, direction, is_significant, insight_text, "
    "computed_at) VALUES (1, 'carbohydrate', 'weight', 0, 'pearson', -0.6, 300, 'strong', "
    "'negative', true, 'When you eat an extra 100 g of carbohydrate, your weight tends to be "
    "1.4 kg lower', '2026-11-30 08:00:00')"
)
NEW_INSIGHT = (
    "INSERT INTO correlation_insights (user_id, metric_x, metric_y, lag_days, method, "
    "correlation_value, correlation_ci_low, correlation_ci_high, sample_size, "
    "effective_sample_size, days_with, days_without, strength, direction, is_significant, "
    "is_preliminary, insight_text, computed_at) VALUES (1, 'trained', '{y}', 1, 'groups', "
    "-0.2, -0.3, -0.1, 300, {effective}, 150, 150, 'weak', 'negative', true, false, 'x', "
    "'2026-12-03 08:00:00')"
)


def test_the_honest_insights_migration_drops_the_old_engines_rows_and_adds_the_new_fields(
    empty_engine,
):
    upgrade(empty_engine, "0010")
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (username, email, password_hash, session_token, created_at, "
                "data_version, insights_version, insights_engine) VALUES ('old', "
                "'old@example.com', 'x', 'token', '2026-01-01 00:00:00', 5, 5, 3)"
            )
        )
        connection.execute(text(OLD_INSIGHT))
    upgrade(empty_engine, "0011")
    with empty_engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM correlation_insights")).scalar() == 0
        # The user stays; the old engine's version marks their insights stale.
        assert connection.execute(text("SELECT insights_engine FROM users")).scalar() == 3
        connection.execute(text(NEW_INSIGHT.format(y="energy", effective=212.5)))
    with pytest.raises(IntegrityError), empty_engine.begin() as connection:
        # More effective days than days: refused.
        connection.execute(text(NEW_INSIGHT.format(y="motivation", effective=301.0)))


def test_the_design_names_migration_keeps_every_row_both_ways(empty_engine):
    upgrade(empty_engine, "0011")
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (username, email, password_hash, session_token, created_at) "
                "VALUES ('old', 'old@example.com', 'x', 'token', '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO training_sessions (user_id, date, mesocycle, session_number, "
                "start_time, end_time, created_at) VALUES (1, '2026-03-02', 'Block A', 1, "
                "'2026-03-02 18:00:00', '2026-03-02 19:10:00', '2026-03-02 19:10:00')"
            )
        )
        connection.execute(text("INSERT INTO muscle_groups (name) VALUES ('Quadriceps')"))
        connection.execute(
            text(
                "INSERT INTO exercises (name, muscle_group_id, category, created_at) "
                "VALUES ('Barbell Squat', 1, 'strength', '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO workout_details (session_id, user_id, exercise_id, position, "
                "exercise_name, sets, reps, load_weight, is_warmup) VALUES (1, 1, 1, 0, "
                "'Barbell Squat', 3, 5, 140.0, false)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO personal_records (user_id, exercise_id, exercise_name, record_type, "
                "value, achieved_on, session_id, created_at) VALUES (1, 1, 'Barbell Squat', "
                "'max_load', 140.0, '2026-03-02', 1, '2026-03-02 19:10:00')"
            )
        )
        connection.execute(
            text(NEW_INSIGHT.replace("{effective}", "212.5").replace("{y}", "energy"))
        )
    upgrade(empty_engine)
    assert schema_differences(empty_engine) == []
    with empty_engine.begin() as connection:
        session = connection.execute(
            text("SELECT mesocycle_name, training_start, training_end FROM training_sessions")
        ).one()
        record = connection.execute(text("SELECT record_value, date FROM personal_records")).one()
        pair = connection.execute(
            text("SELECT primary_metric, secondary_metric FROM correlation_insights")
        ).one()
    assert session[0] == "Block A" and str(session[1]).startswith("2026-03-02 18:00")
    assert str(session[2]).startswith("2026-03-02 19:10")
    assert record[0] == 140.0 and str(record[1]) == "2026-03-02"
    assert tuple(pair) == ("trained", "energy")
    # Rebuilding training_sessions on SQLite drops the old table: no line or record goes with it.
    with empty_engine.begin() as connection:
        line = connection.execute(text("SELECT sets, reps, load_weight FROM workout_details"))
        assert tuple(line.one()) == (3, 5, 140.0)
        if empty_engine.dialect.name == "sqlite":  # and foreign keys are on again after
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with pytest.raises(IntegrityError), empty_engine.begin() as connection:
        # The renamed check still holds: a session cannot end before it starts.
        connection.execute(
            text(
                "UPDATE training_sessions SET training_end = '2026-03-02 17:00:00' "
                "WHERE mesocycle_name = 'Block A'"
            )
        )
    downgrade(empty_engine, "0011")
    with empty_engine.begin() as connection:
        assert connection.execute(text("SELECT mesocycle FROM training_sessions")).scalar() == (
            "Block A"
        )
        assert connection.execute(text("SELECT value FROM personal_records")).scalar() == 140.0
        assert connection.execute(text("SELECT metric_x FROM correlation_insights")).scalar() == (
            "trained"
        )


OLD_LINES = [  # (position, exercise id, sets, reps, load): 0012 stored lines, not sets
    (0, 1, 3, 5, 140.0),
    (1, 1, 1, 3, 150.0),
    (2, 2, 3, 1, 0.0),
    (3, 1, 2, 8, 100.0),
]


def _old_workout(connection) -> None:
    """An account at 0012 with squats, a plank and a run in the catalogue and one session."""
    connection.execute(
        text(
            "INSERT INTO users (username, email, password_hash, session_token, created_at) "
            "VALUES ('old', 'old@example.com', 'x', 'token', '2026-01-01 00:00:00')"
        )
    )
    connection.execute(text("INSERT INTO muscle_groups (name) VALUES ('Quadriceps')"))
    for name, category in (
        ("Barbell Squat", "strength"),
        ("Plank", "strength"),
        ("Running", "cardio"),
    ):
        connection.execute(
            text(
                "INSERT INTO exercises (name, muscle_group_id, category, created_at) "
                f"VALUES ('{name}', 1, '{category}', '2026-01-01 00:00:00')"
            )
        )
    connection.execute(
        text(
            "INSERT INTO training_sessions (user_id, date, mesocycle_name, session_number, "
            "training_start, training_end, created_at) VALUES (1, '2026-03-02', 'Block A', 1, "
            "'2026-03-02 18:00:00', '2026-03-02 19:10:00', '2026-03-02 19:10:00')"
        )
    )
    for position, exercise_id, sets, reps, load in OLD_LINES:
        connection.execute(
            text(
                "INSERT INTO workout_details (session_id, user_id, exercise_id, position, "
                "exercise_name, sets, reps, load_weight, is_warmup) VALUES (1, 1, "
                f"{exercise_id}, {position}, 'x', {sets}, {reps}, {load}, false)"
            )
        )
    connection.execute(
        text(
            "INSERT INTO personal_records (user_id, exercise_id, exercise_name, record_type, "
            "record_value, date, session_id, created_at) VALUES (1, 1, 'Barbell Squat', "
            "'max_volume', 2100.0, '2026-03-02', 1, '2026-03-02 19:10:00')"
        )
    )


def _lines(connection) -> list[tuple]:
    return [
        tuple(row)
        for row in connection.execute(
            text(
                "SELECT position, exercise_id, sets, reps, load_weight FROM workout_details "
                "ORDER BY position"
            )
        )
    ]


def test_the_sets_migration_keeps_old_multi_set_lines_whole_and_shows_them_as_sets(empty_engine):
    from sqlalchemy.orm import Session

    from dashboard_app.services.records import rebuild_records, users_with_stale_records
    from dashboard_app.services.session_sets import session_blocks
    from db.models import PersonalRecord

    upgrade(empty_engine, "0012")
    with empty_engine.begin() as connection:
        _old_workout(connection)
    upgrade(empty_engine)
    assert schema_differences(empty_engine) == []
    with empty_engine.begin() as connection:
        assert _lines(connection) == OLD_LINES  # nothing split, nothing lost
        blocks = connection.execute(text("SELECT block FROM workout_details ORDER BY position"))
        assert [row[0] for row in blocks] == [0, 0, 1, 2]  # squats, the plank, squats again
        kinds = connection.execute(text("SELECT name, kind FROM exercises ORDER BY id"))
        assert [tuple(row) for row in kinds] == [
            ("Barbell Squat", "weight"),
            ("Plank", "duration"),
            ("Running", "distance"),
        ]
        session = connection.execute(text("SELECT title, routine_id FROM training_sessions"))
        assert tuple(session.one()) == (None, None)
        assert connection.execute(text("SELECT count(*) FROM planned_sets")).scalar() == 0

    with Session(empty_engine) as session:
        shown = session_blocks(session, 1, 1)
        assert [
            (block.number, [(row.sets, row.reps, row.load_kg) for row in block.sets])
            for block in shown
        ] == [(0, [(3, 5, 140.0), (1, 3, 150.0)]), (1, [(3, 1, 0.0)]), (2, [(2, 8, 100.0)])]
        # The old record counted the whole line (3 x 5 x 140); the upgrade rebuilds it per set.
        assert users_with_stale_records(session) == [1]
        rebuild_records(session, 1)
        session.commit()
        volume = session.scalar(
            select(PersonalRecord.record_value).where(PersonalRecord.record_type == "max_volume")
        )
        assert volume == 800.0  # a set of 8 x 100 kg, not a line's 3 x 5 x 140 = 2,100 kg
        assert users_with_stale_records(session) == []

    downgrade(empty_engine, "0012")
    with empty_engine.begin() as connection:
        assert _lines(connection) == OLD_LINES
