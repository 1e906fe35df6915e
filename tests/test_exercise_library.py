"""The exercise library service: typo-tolerant search, filters, custom exercises, isolation."""

from datetime import date

import pytest
from sqlalchemy import select

from dashboard_app.schemas.exercises import ExerciseInput
from dashboard_app.services import exercises
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.users import create_user
from db.models import Equipment, Exercise, MuscleGroup, TrainingSession, WorkoutDetail


@pytest.fixture
def library(db_session):
    seed_catalogue(db_session)
    alice = create_user(
        db_session, username="alice", email="a@example.com", password="a long passphrase"
    )
    bob = create_user(
        db_session, username="bob", email="b@example.com", password="b long passphrase"
    )
    db_session.commit()
    return alice.id, bob.id


def _id(session, model, name):
    return session.scalar(select(model.id).where(model.name == name))


def _custom(session, user_id, name, muscle="Chest", equipment="Barbell"):
    created, errors = exercises.create_custom_exercise(
        session,
        user_id,
        ExerciseInput(
            name=name,
            muscle_group_id=_id(session, MuscleGroup, muscle),
            equipment_id=_id(session, Equipment, equipment),
        ),
    )
    session.commit()
    assert errors == {}
    return created


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bech press", "Bench Press"),
        ("dedlift", "Deadlift"),
        ("romanain deadlift", "Romanian Deadlift"),
        ("SQUAT", "Squat"),
        ("pull up", "Pull"),
    ],
)
def test_search_forgives_typos_and_case(db_session, library, query, expected):
    alice, _ = library
    items, total = exercises.search_exercises(db_session, alice, query=query, limit=5)
    assert total > 0
    assert expected.lower() in items[0]["name"].lower()


def test_search_without_a_match_finds_nothing(db_session, library):
    alice, _ = library
    assert exercises.search_exercises(db_session, alice, query="xqzvw")[1] == 0


def test_filters_and_paging(db_session, library):
    alice, _ = library
    chest = _id(db_session, MuscleGroup, "Chest")
    barbell = _id(db_session, Equipment, "Barbell")
    items, total = exercises.search_exercises(
        db_session, alice, muscle_group_id=chest, equipment_id=barbell, limit=100
    )
    assert total == len(items) > 5
    assert {(i["muscle_group"], i["equipment"]) for i in items} == {("Chest", "Barbell")}
    assert [i["name"].lower() for i in items] == sorted(i["name"].lower() for i in items)
    first, total_all = exercises.search_exercises(db_session, alice, offset=0, limit=25)
    second, _ = exercises.search_exercises(db_session, alice, offset=25, limit=25)
    assert total_all >= 800 and len(first) == len(second) == 25
    assert not {i["id"] for i in first} & {i["id"] for i in second}


def test_custom_exercises_are_private_to_their_owner(db_session, library):
    alice, bob = library
    mine = _custom(db_session, alice, "Safety Bar Squat", muscle="Quadriceps")
    assert mine["is_custom"] and mine["muscle_group"] == "Quadriceps"
    alice_sees = exercises.search_exercises(db_session, alice, query="safety bar squat")[0]
    bob_sees = exercises.search_exercises(db_session, bob, query="safety bar squat")[0]
    assert alice_sees[0]["id"] == mine["id"]
    assert mine["id"] not in {i["id"] for i in bob_sees}
    assert exercises.load_exercise(db_session, bob, mine["id"]) is None
    assert exercises.load_exercise(db_session, alice, mine["id"])["name"] == "Safety Bar Squat"
    assert exercises.load_exercise(db_session, alice, str(mine["id"])) is None


def test_custom_names_must_be_new_and_references_real(db_session, library):
    alice, bob = library
    _custom(db_session, alice, "Cable Fly Low")
    created, errors = exercises.create_custom_exercise(
        db_session, alice, ExerciseInput(name="cable fly low", muscle_group_id=1)
    )
    assert created is None and "You already have" in errors["name"]
    created, errors = exercises.create_custom_exercise(
        db_session, alice, ExerciseInput(name="barbell squat", muscle_group_id=1)
    )
    assert "The library already has" in errors["name"]
    created, errors = exercises.create_custom_exercise(
        db_session, alice, ExerciseInput(name="Odd One", muscle_group_id=9999, equipment_id=9999)
    )
    assert set(errors) == {"muscle_group_id", "equipment_id"}
    # Bob may use a name Alice used: names are unique per user.
    assert (
        exercises.create_custom_exercise(
            db_session, bob, ExerciseInput(name="Cable Fly Low", muscle_group_id=1)
        )[1]
        == {}
    )


def _log_line(session, user_id, exercise):
    workout = TrainingSession(user_id=user_id, date=date(2026, 3, 2))
    session.add(workout)
    session.flush()
    session.add(
        WorkoutDetail(
            session_id=workout.id,
            user_id=user_id,
            exercise_id=exercise["id"],
            exercise_name=exercise["name"],
            sets=3,
            reps=5,
            load_weight=100,
        )
    )
    session.commit()


def test_rename_and_delete_keep_the_history_readable(db_session, library):
    alice, bob = library
    mine = _custom(db_session, alice, "Larsen Press")
    _log_line(db_session, alice, mine)
    assert exercises.rename_custom_exercise(db_session, bob, mine["id"], "Stolen") != {}
    assert exercises.rename_custom_exercise(db_session, alice, mine["id"], "Larsen Bench") == {}
    db_session.commit()
    line = db_session.scalar(select(WorkoutDetail))
    assert line.exercise_name == "Larsen Bench"

    assert exercises.delete_custom_exercise(db_session, bob, mine["id"]) is None
    squat = _id(db_session, Exercise, "Barbell Squat")
    assert exercises.delete_custom_exercise(db_session, alice, squat) is None  # catalogue
    assert exercises.delete_custom_exercise(db_session, alice, mine["id"]) == 1
    db_session.commit()
    db_session.expire_all()
    line = db_session.scalar(select(WorkoutDetail))
    assert (line.exercise_id, line.exercise_name) == (None, "Larsen Bench")


def test_logged_lines_are_the_users_own(db_session, library):
    alice, bob = library
    squat = exercises.load_exercise(db_session, alice, _id(db_session, Exercise, "Barbell Squat"))
    _log_line(db_session, alice, squat)
    assert len(exercises.logged_lines(db_session, alice, squat["id"])) == 1
    assert exercises.logged_lines(db_session, bob, squat["id"]) == []
    assert exercises.logged_lines(db_session, alice, squat["id"])[0]["load_kg"] == 100
