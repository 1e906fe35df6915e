"""Integrity lives in the database: constraints and cascades hold on SQLite and PostgreSQL."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.users import create_user
from db.models import (
    DailyMetric,
    DashboardPreference,
    Exercise,
    PasswordResetToken,
    TrainingSession,
    User,
    UserExerciseHistory,
    WorkoutDetail,
)


@pytest.fixture
def owner(db_session):
    user = create_user(
        db_session, username="owner", email="owner@example.com", password="a long enough password"
    )
    db_session.commit()
    return user


def _refused(session, row) -> None:
    session.add(row)
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


@pytest.mark.parametrize(
    "fields",
    [
        {"stress_level": 0},
        {"energy_level": 11},
        {"motivation_level": -1},
        {"weight": 0},
        {"calories": -5},
        {"water": -1},
        {"sleep_start": datetime(2026, 1, 2, 7), "sleep_end": datetime(2026, 1, 1, 23)},
    ],
)
def test_daily_metric_ranges_are_checked(db_session, owner, fields):
    _refused(db_session, DailyMetric(user_id=owner.id, date=date(2026, 1, 2), **fields))


def test_one_daily_entry_per_user_and_day(db_session, owner):
    db_session.add(DailyMetric(user_id=owner.id, date=date(2026, 1, 2), energy_level=5))
    db_session.commit()
    _refused(db_session, DailyMetric(user_id=owner.id, date=date(2026, 1, 2), energy_level=6))


@pytest.mark.parametrize(
    "fields",
    [
        {"sets": 0},
        {"reps": 0},
        {"load_weight": -2.5},
        {"rir": 11},
        {"stimulus": 6},
        {"fatigue_level": 0},
    ],
)
def test_workout_line_ranges_are_checked(db_session, owner, fields):
    session_row = TrainingSession(user_id=owner.id, date=date(2026, 1, 2), mesocycle_name="Block 1")
    db_session.add(session_row)
    db_session.commit()
    line = {"sets": 3, "reps": 8, "load_weight": 100.0, "exercise_name": "Squat", **fields}
    _refused(db_session, WorkoutDetail(session_id=session_row.id, user_id=owner.id, **line))


def test_unique_names_for_catalogue_and_per_user(db_session, owner):
    seed_catalogue(db_session)
    db_session.commit()
    squat = db_session.scalar(select(Exercise).where(Exercise.name == "Barbell Squat"))
    _refused(db_session, Exercise(name="Barbell Squat", muscle_group_id=squat.muscle_group_id))
    # A user may own an exercise with a catalogue name, but only once.
    db_session.add(
        Exercise(name="Barbell Squat", user_id=owner.id, muscle_group_id=squat.muscle_group_id)
    )
    db_session.commit()
    _refused(
        db_session,
        Exercise(name="Barbell Squat", user_id=owner.id, muscle_group_id=squat.muscle_group_id),
    )


def test_deleting_a_user_cascades_to_every_owned_row(db_session, owner):
    seed_catalogue(db_session)
    other = create_user(
        db_session, username="other", email="other@example.com", password="another long password"
    )
    squat = db_session.scalar(select(Exercise).where(Exercise.name == "Barbell Squat"))
    for user in (owner, other):
        db_session.add(DailyMetric(user_id=user.id, date=date(2026, 1, 2), weight=80.0))
        session_row = TrainingSession(user_id=user.id, date=date(2026, 1, 2))
        db_session.add(session_row)
        db_session.flush()
        db_session.add(
            WorkoutDetail(
                session_id=session_row.id,
                user_id=user.id,
                exercise_id=squat.id,
                exercise_name="Barbell Squat",
                sets=3,
                reps=5,
                load_weight=100,
            )
        )
        db_session.add(UserExerciseHistory(user_id=user.id, exercise_id=squat.id, usage_count=1))
        db_session.add(
            PasswordResetToken(
                user_id=user.id, token_hash=f"{user.id:064d}", expires_at=datetime(2030, 1, 1)
            )
        )
    db_session.commit()
    owner_id = owner.id
    # Deleted in SQL, not through the ORM, so only the database's ON DELETE CASCADE can help.
    db_session.execute(User.__table__.delete().where(User.id == owner_id))
    db_session.commit()
    for model in (
        DailyMetric,
        TrainingSession,
        WorkoutDetail,
        UserExerciseHistory,
        PasswordResetToken,
        DashboardPreference,
    ):
        owned = select(func.count()).select_from(model).where(model.user_id == owner_id)
        kept = select(func.count()).select_from(model).where(model.user_id == other.id)
        assert db_session.scalar(owned) == 0, model.__name__
        assert db_session.scalar(kept) == 1, model.__name__
    assert db_session.get(Exercise, squat.id) is not None


def test_deleting_a_custom_exercise_keeps_the_logged_line_readable(db_session, owner):
    seed_catalogue(db_session)
    squat = db_session.scalar(select(Exercise).where(Exercise.name == "Barbell Squat"))
    mine = Exercise(
        name="Safety bar squat", user_id=owner.id, muscle_group_id=squat.muscle_group_id
    )
    session_row = TrainingSession(user_id=owner.id, date=date(2026, 1, 2))
    db_session.add_all([mine, session_row])
    db_session.flush()
    line = WorkoutDetail(
        session_id=session_row.id,
        user_id=owner.id,
        exercise_id=mine.id,
        exercise_name=mine.name,
        sets=3,
        reps=5,
        load_weight=90,
    )
    db_session.add(line)
    db_session.commit()
    db_session.execute(Exercise.__table__.delete().where(Exercise.id == mine.id))
    db_session.commit()
    db_session.expire_all()
    kept = db_session.get(WorkoutDetail, line.id)
    assert kept.exercise_id is None
    assert kept.exercise_name == "Safety bar squat"
