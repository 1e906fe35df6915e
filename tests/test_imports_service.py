"""apply_import and `metrics-tracker import`: idempotent, isolated, validated, records rebuilt."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from dashboard_app.cli import imports as imports_command
from dashboard_app.cli import main
from dashboard_app.database import get_database
from dashboard_app.importers.batch import (
    ImportBatch,
    ImportedDay,
    ImportedLine,
    ImportedSession,
)
from dashboard_app.importers.hevy import read_hevy
from dashboard_app.importers.strong import read_strong
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.import_exercises import candidate_names, guess_muscle_group
from dashboard_app.services.imports import apply_import
from dashboard_app.services.records import rebuild_records, records_by_exercise
from dashboard_app.services.users import create_user
from db.models import (
    DailyMetric,
    Exercise,
    PersonalRecord,
    TrainingSession,
    User,
    UserExerciseHistory,
    WorkoutDetail,
)
from tests.helpers import IMPORT_FIXTURES, SHARED_DATA, needs_shared_data

FIXTURES = IMPORT_FIXTURES
OWNED = (TrainingSession, WorkoutDetail, PersonalRecord, UserExerciseHistory, Exercise, DailyMetric)


@pytest.fixture
def users(db_session, user_pair):
    seed_catalogue(db_session)
    db_session.commit()
    return user_pair


def snapshot(session, user_id: int) -> dict:
    """Every row the user owns, and their data version."""
    rows = {
        model.__name__: session.execute(
            select(*model.__table__.columns).where(model.user_id == user_id).order_by(model.id)
        ).all()
        for model in OWNED
    }
    rows["data_version"] = session.scalar(select(User.data_version).where(User.id == user_id))
    return rows


def quirks() -> ImportBatch:
    return read_strong((FIXTURES / "strong_quirks.csv").read_bytes(), "lb")


def current(session, user_id: int, exercise: str) -> dict:
    (entry,) = [e for e in records_by_exercise(session, user_id) if e["name"] == exercise]
    return {kind: (r["value"], r["achieved_on"]) for kind, r in entry["current"].items()}


def test_a_strong_file_becomes_sessions_lines_and_exercises(db_session, users):
    alice, _ = users
    report = apply_import(db_session, alice, quirks())
    db_session.commit()
    assert (report.sessions_added, report.sessions_already_there, report.lines_added) == (3, 0, 12)
    assert report.rows_read == 18
    assert [e.line for e in report.errors] == [14, 15, 16, 18]
    assert [s.line for s in report.skipped] == [7, 12]  # the rest timer, the exact copy
    assert report.exercises_matched == {
        "Bench Press (Barbell)": "Barbell Bench Press - Medium Grip",
        "Chest Dip": "Dips - Chest Version",
        "Deadlift (Barbell)": "Barbell Deadlift",
        "Plank": "Plank",
        "Squat (Barbell)": "Barbell Squat",
    }
    assert report.exercises_created == ["Running", "Zzzdump2"]
    # No word fits either: a distance exercise is filed under the legs, the rest by default.
    assert report.created_muscle_groups == {"Running": "Quadriceps", "Zzzdump2": "Abdominals"}
    push = db_session.scalar(
        select(TrainingSession).where(TrainingSession.user_id == alice).order_by(TrainingSession.id)
    )
    assert push.import_key == "strong:2024-03-01T18:00:00|Push Day"
    assert (push.training_start, push.training_end) == (
        datetime(2024, 3, 1, 18, 0),
        datetime(2024, 3, 1, 19, 2),
    )
    assert push.title == "Push Day"
    bench, dips = "Barbell Bench Press - Medium Grip", "Dips - Chest Version"
    # One row a set; an exercise's consecutive sets are one block.
    assert [
        (d.position, d.block, d.exercise_name, d.muscle_group, d.sets, d.reps, d.load_weight)
        + (d.rir, d.is_warmup, d.duration_seconds)
        for d in push.details
    ] == [
        (0, 0, bench, "Chest", 1, 10, 20.41, None, True, None),
        (1, 0, bench, "Chest", 1, 5, 83.91, 2, False, None),
        (2, 0, bench, "Chest", 1, 5, 83.91, 2, False, None),
        (3, 0, bench, "Chest", 1, 5, 83.91, 2, False, None),
        (4, 0, bench, "Chest", 1, 8, 61.23, 1, False, None),
        (5, 1, dips, "Chest", 1, 12, 0.0, None, False, None),
        (6, 1, dips, "Chest", 1, 9, 0.0, None, False, None),
        (7, 2, "Plank", "Abdominals", 1, None, 0.0, None, False, 60),  # a hold: seconds
        (8, 3, "Zzzdump2", "Abdominals", 1, 11, 34.02, None, False, None),
    ]
    run = db_session.scalar(select(WorkoutDetail).where(WorkoutDetail.exercise_name == "Running"))
    assert (run.reps, run.duration_seconds, run.distance_m) == (None, 2400, 8046.72)  # 5 mi
    own = db_session.scalar(select(Exercise).where(Exercise.name == "Zzzdump2"))
    assert own.user_id == alice and own.category == "strength"


def test_records_and_usage_are_rebuilt_without_warm_ups(db_session, users):
    alice, _ = users
    apply_import(db_session, alice, quirks())
    db_session.commit()
    bench = current(db_session, alice, "Barbell Bench Press - Medium Grip")
    # The 10-rep warm-up sets no record: the most reps are the drop set's 8.
    assert bench["max_reps"] == (8.0, date(2024, 3, 1))
    assert bench["max_load"] == (83.91, date(2024, 3, 1))
    usage = db_session.scalar(select(func.count()).select_from(UserExerciseHistory))
    assert usage == 7  # seven exercises, each in one session
    stored = snapshot(db_session, alice)["PersonalRecord"]
    rebuild_records(db_session, alice)  # the import's records equal a full recomputation
    assert [r[2:12] for r in snapshot(db_session, alice)["PersonalRecord"]] == [
        r[2:12] for r in stored
    ]


def test_importing_the_same_file_twice_changes_nothing(db_session, users):
    alice, _ = users
    apply_import(db_session, alice, quirks())
    db_session.commit()
    before = snapshot(db_session, alice)
    assert before["data_version"] == 1
    again = apply_import(db_session, alice, quirks())
    db_session.commit()
    assert (again.sessions_added, again.sessions_already_there, again.lines_added) == (0, 3, 0)
    assert again.exercises_matched == {} and again.exercises_created == []
    assert snapshot(db_session, alice) == before


def test_another_users_data_is_untouched_and_the_same_key_is_theirs_too(db_session, users):
    alice, bob = users
    apply_import(db_session, alice, quirks())
    db_session.commit()
    alices = snapshot(db_session, alice)
    report = apply_import(db_session, bob, quirks())
    db_session.commit()
    assert (report.sessions_added, report.exercises_created) == (3, ["Running", "Zzzdump2"])
    assert snapshot(db_session, alice) == alices
    keys = db_session.execute(
        select(TrainingSession.user_id, TrainingSession.import_key).order_by(TrainingSession.id)
    ).all()
    assert [k for u, k in keys if u == alice] == [k for u, k in keys if u == bob]
    assert db_session.scalar(select(func.count()).where(Exercise.name == "Zzzdump2")) == 2


def test_lines_failing_the_schema_are_reported_and_the_rest_imported(db_session, users):
    alice, _ = users
    lines = (
        ImportedLine("Squat (Barbell)", 1, 5, 100.0, line=2),
        ImportedLine("Squat (Barbell)", 51, 5, 100.0, line=3),
        ImportedLine("Squat (Barbell)", 1, 0, 100.0, line=4),
        ImportedLine("Squat (Barbell)", 1, 5, 900.0, line=5),
        ImportedLine("X", 1, 5, 10.0, line=6),  # too short a name for an exercise
    )
    good = ImportedSession("test:1", date(2026, 1, 5), datetime(2026, 1, 5, 9), lines=lines)
    too_long = ImportedSession(
        "test:2",
        date(2026, 1, 6),
        datetime(2026, 1, 6, 9),
        datetime(2026, 1, 6, 22),
        lines=lines[:1],
        line=7,
    )
    no_key = ImportedSession("", date(2026, 1, 7), lines=lines[:1], line=8)
    batch = ImportBatch("test", sessions=[good, too_long, no_key], rows_read=7)
    report = apply_import(db_session, alice, batch)
    db_session.commit()
    assert (report.sessions_added, report.lines_added) == (1, 1)
    assert [e.line for e in report.errors] == [3, 4, 5, 6, 7, 8]
    assert "sets" in report.errors[0].reason and "reps" in report.errors[1].reason
    assert "load_kg" in report.errors[2].reason
    assert "12 hours" in report.errors[4].reason
    assert db_session.scalar(select(func.count()).select_from(TrainingSession)) == 1


def test_days_merge_only_the_fields_given_and_unchanged_days_write_nothing(db_session, users):
    alice, _ = users
    db_session.add(DailyMetric(user_id=alice, date=date(2026, 2, 1), stress_level=4, weight=80.0))
    db_session.commit()
    days = [
        ImportedDay(date(2026, 2, 1), {"weight": 79.5}, line=2),
        ImportedDay(date(2026, 2, 2), {"weight": 79.0, "calories": 2500.0}, line=3),
        ImportedDay(date(2026, 2, 3), {"weight": 2.0}, line=4),
        ImportedDay(date(2026, 2, 4), {"shoe_size": 44}, line=5),
    ]
    report = apply_import(db_session, alice, ImportBatch("test", days=days))
    db_session.commit()
    assert (report.days_added, report.days_updated, report.days_unchanged) == (1, 1, 0)
    assert [e.line for e in report.errors] == [4, 5]
    first = db_session.scalar(select(DailyMetric).where(DailyMetric.date == date(2026, 2, 1)))
    assert (first.stress_level, first.weight) == (4, 79.5)
    before = snapshot(db_session, alice)
    again = apply_import(db_session, alice, ImportBatch("test", days=days))
    db_session.commit()
    assert (again.days_added, again.days_updated, again.days_unchanged) == (0, 0, 2)
    assert snapshot(db_session, alice) == before  # updated_at and data_version included


# The real exports, through the service.


def real_import(session, user_id, name: str, unit: str | None = None):
    data = (SHARED_DATA / name).read_bytes()
    batch = read_strong(data, unit) if name.startswith("strong") else read_hevy(data)
    report = apply_import(session, user_id, batch)
    session.commit()
    return report


@needs_shared_data
def test_real_strong_2023_export_in_pounds(db_session, users):
    alice, _ = users
    report = real_import(db_session, alice, "strong_export_2023.csv", "lb")
    assert (report.sessions_added, report.lines_added, report.rows_read) == (
        476,
        9065,
        9065,
    )  # every row a set
    assert (len(report.exercises_matched), len(report.exercises_created)) == (64, 24)
    assert not report.errors and not report.skipped
    assert current(db_session, alice, "Barbell Squat")["max_load"] == (77.11, date(2023, 2, 24))
    assert current(db_session, alice, "Barbell Deadlift")["max_load"] == (
        115.67,
        date(2024, 11, 10),
    )
    bench = current(db_session, alice, "Barbell Bench Press - Medium Grip")
    assert bench["max_load"] == (61.23, date(2024, 11, 25))
    count = select(func.count()).select_from(PersonalRecord).where(PersonalRecord.user_id == alice)
    assert db_session.scalar(count) == 1372
    before = snapshot(db_session, alice)
    again = real_import(db_session, alice, "strong_export_2023.csv", "lb")
    assert (again.sessions_added, again.sessions_already_there) == (0, 476)
    assert snapshot(db_session, alice) == before


@needs_shared_data
def test_real_chinese_export_imports_each_doubled_workout_once(db_session, users):
    alice, _ = users
    report = real_import(db_session, alice, "strong_export_2020_2023_zh.csv", "lb")
    assert (report.sessions_added, report.lines_added) == (384, 6344)
    assert current(db_session, alice, "Barbell Deadlift")["max_load"] == (100.0, date(2021, 3, 24))


@needs_shared_data
def test_real_hevy_export_keeps_warm_ups_out_of_records(db_session, users):
    alice, _ = users
    report = real_import(db_session, alice, "hevy_export_2024_2025.csv")
    assert (report.sessions_added, report.lines_added) == (335, 7207)
    warm_ups = select(func.sum(WorkoutDetail.sets)).where(WorkoutDetail.is_warmup)
    assert db_session.scalar(warm_ups) == 2194
    # Its most reps of incline bench (10) and heaviest assisted pull-up (32 kg) are warm-ups.
    incline = current(db_session, alice, "Barbell Incline Bench Press - Medium Grip")
    assert incline["max_reps"] == (9.0, date(2025, 5, 21))
    assisted = current(db_session, alice, "Pull Up (Assisted)")
    assert assisted["max_load"] == (30.0, date(2024, 12, 7))


@needs_shared_data
def test_real_exports_of_one_lifter_overlap_without_doubling(db_session, users):
    alice, _ = users
    real_import(db_session, alice, "strong_export_2025_short.csv", "kg")
    report = real_import(db_session, alice, "strong_export_2025_semicolon.csv", "kg")
    assert (report.sessions_added, report.sessions_already_there) == (0, 10)
    assert db_session.scalar(select(func.count()).select_from(TrainingSession)) == 15


def test_candidate_names_and_muscle_groups():
    assert candidate_names("Squat (Barbell)")[-2:] == ["barbell squat", "squat"]
    assert candidate_names(" Chin-Up ")[0] == "chin up"
    assert guess_muscle_group("Seated Palms Up Wrist Curl") == "Forearms"
    assert guess_muscle_group("Lying Leg Curl Backup") == "Hamstrings"
    assert guess_muscle_group("Cable Twist") == "Abdominals"
    assert guess_muscle_group("Running", "distance") == "Quadriceps"  # no word fits: by kind
    assert guess_muscle_group("Running") == "Abdominals"


# The command.


@pytest.fixture
def cli_database(database_url, monkeypatch, tmp_path):
    env = {
        "METRICS_ENV": "development",
        "METRICS_INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "",
        "MAIL_SERVER": "",
        "REDIS_URL": "",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    built = []

    def tracked_app():
        built.append(build_app())
        return built[-1]

    # Each command builds an app; its engine's connections are closed after the test.
    build_app = imports_command.load_app
    monkeypatch.setattr(imports_command, "load_app", tracked_app)
    yield
    for app in built:
        get_database(app).engine.dispose()


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_imports_and_reports_counts_exercises_and_bad_rows(db_session, cli_database):
    seed_catalogue(db_session)
    create_user(db_session, username="ann", email="ann@x.org", password="pw 12345678")
    db_session.commit()
    result = run("import", "strong", str(FIXTURES / "strong_quirks.csv"), "--user", "ann")
    assert result.exit_code == 0, result.output
    assert "sessions: 3 added, 0 already there; 12 exercise lines added" in result.output
    assert "Bench Press (Barbell) -> Barbell Bench Press - Medium Grip" in result.output
    assert "Zzzdump2 (Abdominals)" in result.output
    assert "line 14: weight 'heavy' is not a number" in result.output
    assert "line 7: Bench Press (Barbell): a rest timer" in result.output
    load = select(WorkoutDetail.load_weight).where(WorkoutDetail.exercise_name == "Zzzdump2")
    assert db_session.scalar(load) == 75.0  # ann's unit is kg, the default: 74.99999999999999
    again = run("import", "strong", str(FIXTURES / "strong_quirks.csv"), "--user", "ann")
    assert "sessions: 0 added, 3 already there" in again.output


def test_cli_takes_the_users_unit_and_refuses_another_format(db_session, cli_database):
    seed_catalogue(db_session)
    create_user(db_session, username="lb", email="lb@x.org", password="pw 12345678")
    db_session.execute(User.__table__.update().values(weight_unit="lb"))
    db_session.commit()
    refused = run("import", "hevy", str(FIXTURES / "strong_quirks.csv"), "--user", "lb")
    assert refused.exit_code == 1
    assert (
        "This is not a Hevy export" in refused.output and "Nothing was imported" in refused.output
    )
    assert db_session.scalar(select(func.count()).select_from(TrainingSession)) == 0
    assert run("import", "strong", str(FIXTURES / "strong_quirks.csv"), "--user", "x").exit_code
    result = run("import", "strong", str(FIXTURES / "strong_quirks.csv"), "--user", "lb")
    assert result.exit_code == 0, result.output
    load = select(WorkoutDetail.load_weight).where(WorkoutDetail.exercise_name == "Zzzdump2")
    assert db_session.scalar(load) == 34.02
