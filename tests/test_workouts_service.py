"""The workouts service: sessions, their lines, plans from earlier sessions, isolation."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from dashboard_app.schemas.exercises import ExerciseInput
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services import exercises, routines, session_sets, workout_lines, workouts
from dashboard_app.services.catalogue import load_catalogue, seed_catalogue
from dashboard_app.services.users import create_user
from db.models import (
    Exercise,
    MuscleGroup,
    TrainingSession,
    UserExerciseHistory,
    WorkoutDetail,
)

DAY = date(2026, 3, 10)
SQUAT = "Barbell Squat"
BENCH = "Barbell Bench Press - Medium Grip"
DEADLIFT = "Barbell Deadlift"
CURL = "Dumbbell Bicep Curl"
GARBAGE_IDS = [-1, 0, "1", None, 2**40, True, 1.0]


@pytest.fixture
def users(db_session):
    seed_catalogue(db_session)
    alice = create_user(
        db_session, username="alice", email="a@example.com", password="a long passphrase"
    )
    bob = create_user(
        db_session, username="bob", email="b@example.com", password="b long passphrase"
    )
    db_session.commit()
    return alice.id, bob.id


def ex(session, name: str) -> int:
    return session.scalar(
        select(Exercise.id).where(Exercise.name == name, Exercise.user_id.is_(None))
    )


def new_session(session, user_id, day=DAY, mesocycle=None, number=None, **fields) -> int:
    data = SessionInput(date=day, mesocycle=mesocycle, session_number=number, **fields)
    session_id = workouts.create_session(session, user_id, data)
    session.commit()
    return session_id


def add(session, user_id, session_id, exercise_id, sets=3, reps=5, load=100.0, **fields) -> int:
    data = LineInput(exercise_id=exercise_id, sets=sets, reps=reps, load_kg=load, **fields)
    change = workout_lines.add_line(session, user_id, session_id, data)
    assert change.errors == {}
    session.commit()
    return change.line_id


def custom(session, user_id, name, muscle="Chest"):
    muscle_id = session.scalar(select(MuscleGroup.id).where(MuscleGroup.name == muscle))
    created, errors = exercises.create_custom_exercise(
        session, user_id, ExerciseInput(name=name, muscle_group_id=muscle_id)
    )
    assert errors == {}
    session.commit()
    return created["id"]


def line_count(session, user_id=None) -> int:
    query = select(func.count(WorkoutDetail.id))
    if user_id is not None:
        query = query.where(WorkoutDetail.user_id == user_id)
    return session.scalar(query)


def usage(session, user_id) -> dict[int, tuple[int, date]]:
    return {
        row.exercise_id: (row.usage_count, row.last_used)
        for row in session.execute(
            select(UserExerciseHistory).where(UserExerciseHistory.user_id == user_id)
        ).scalars()
    }


# Sessions


def test_mesocycle_names_list_the_most_recently_trained_first(db_session, users):
    alice, bob = users
    new_session(db_session, alice, date(2026, 2, 1), "Block A", 1)
    new_session(db_session, alice, date(2026, 3, 1), "Block B", 1)
    new_session(db_session, alice, date(2026, 3, 5), "Block C", 1)
    new_session(db_session, alice, date(2026, 3, 12), "Block A", 2)  # A trained last
    new_session(db_session, alice, date(2026, 3, 5), "Block D", 1)  # ties C: by name
    new_session(db_session, alice, date(2026, 4, 1))  # no mesocycle
    new_session(db_session, bob, date(2026, 5, 1), "Bob's block", 1)
    assert workouts.mesocycle_names(db_session, alice) == [
        "Block A",
        "Block C",
        "Block D",
        "Block B",
    ]
    assert workouts.mesocycle_names(db_session, bob) == ["Bob's block"]


def test_mesocycle_names_of_a_new_user_are_empty(db_session, users):
    alice, _ = users
    new_session(db_session, alice, DAY)
    assert workouts.mesocycle_names(db_session, alice) == []


def test_next_session_number_is_one_more_than_the_users_highest(db_session, users):
    alice, bob = users
    for number in (1, 2, 5):
        new_session(db_session, alice, DAY, "Block A", number)
    new_session(db_session, alice, DAY, "Block B", 3)
    new_session(db_session, alice, DAY, "Unnumbered")
    for number in range(1, 11):
        new_session(db_session, bob, DAY, "Block A", number)
    assert workouts.next_session_number(db_session, alice, "Block A") == 6
    assert workouts.next_session_number(db_session, alice, "Block B") == 4
    assert workouts.next_session_number(db_session, alice, "Unnumbered") == 1
    assert workouts.next_session_number(db_session, alice, "New block") == 1
    assert workouts.next_session_number(db_session, alice, None) == 1
    assert workouts.next_session_number(db_session, alice, "") == 1
    assert workouts.next_session_number(db_session, bob, "Block A") == 11
    assert workouts.next_session_number(db_session, bob, "Block B") == 1


def test_a_created_session_loads_back_with_its_times_past_midnight(db_session, users):
    alice, _ = users
    session_id = new_session(
        db_session,
        alice,
        DAY,
        "  Block   A ",
        4,
        start_time="22:30",
        end_time="00:15",
        notes=" late one ",
    )
    db_session.expire_all()
    assert workouts.load_session(db_session, alice, session_id) == {
        "id": session_id,
        "date": DAY,
        "title": None,
        "routine_id": None,
        "mesocycle": "Block A",
        "session_number": 4,
        "start_time": datetime(2026, 3, 10, 22, 30),
        "end_time": datetime(2026, 3, 11, 0, 15),
        "duration_minutes": 105,
        "notes": "late one",
        "lines": [],
    }


def test_updating_a_session_saves_its_header_for_the_owner_only(db_session, users):
    alice, bob = users
    session_id = new_session(db_session, alice, DAY, "Block A", 1)
    before = workouts.load_session(db_session, alice, session_id)
    changed = SessionInput(
        date=date(2026, 3, 11), mesocycle="Block B", session_number=2, start_time="07:00"
    )
    assert workouts.update_session(db_session, bob, session_id, changed) is False
    for garbage in [*GARBAGE_IDS, str(session_id), session_id + 2**32]:
        assert workouts.update_session(db_session, alice, garbage, changed) is False
    db_session.commit()
    db_session.expire_all()
    assert workouts.load_session(db_session, alice, session_id) == before

    assert workouts.update_session(db_session, alice, session_id, changed) is True
    db_session.commit()
    db_session.expire_all()
    loaded = workouts.load_session(db_session, alice, session_id)
    assert (loaded["date"], loaded["mesocycle"], loaded["session_number"]) == (
        date(2026, 3, 11),
        "Block B",
        2,
    )
    assert (loaded["start_time"], loaded["end_time"], loaded["duration_minutes"]) == (
        datetime(2026, 3, 11, 7, 0),
        None,
        None,
    )


def test_moving_a_session_moves_the_last_used_day_of_its_exercises(db_session, users):
    alice, _ = users
    squat = ex(db_session, SQUAT)
    session_id = new_session(db_session, alice, DAY)
    add(db_session, alice, session_id, squat)
    assert usage(db_session, alice) == {squat: (1, DAY)}
    workouts.update_session(db_session, alice, session_id, SessionInput(date=date(2026, 3, 20)))
    db_session.commit()
    assert usage(db_session, alice) == {squat: (1, date(2026, 3, 20))}


def test_deleting_a_session_removes_it_and_its_lines_for_the_owner_only(db_session, users):
    alice, bob = users
    squat, bench = ex(db_session, SQUAT), ex(db_session, BENCH)
    kept = new_session(db_session, alice, date(2026, 3, 1))
    add(db_session, alice, kept, squat)
    doomed = new_session(db_session, alice, DAY)
    add(db_session, alice, doomed, squat)
    add(db_session, alice, doomed, bench)

    assert workouts.delete_session(db_session, bob, doomed) is False
    for garbage in [*GARBAGE_IDS, str(doomed)]:
        assert workouts.delete_session(db_session, alice, garbage) is False
    db_session.commit()
    assert line_count(db_session, alice) == 3
    assert workouts.load_session(db_session, alice, doomed) is not None

    assert workouts.delete_session(db_session, alice, doomed) is True
    db_session.commit()
    db_session.expire_all()
    assert workouts.load_session(db_session, alice, doomed) is None
    assert workouts.load_session(db_session, alice, kept) is not None
    assert line_count(db_session, alice) == 1
    assert usage(db_session, alice) == {squat: (1, date(2026, 3, 1))}
    assert workouts.delete_session(db_session, alice, doomed) is False


def test_sessions_page_sums_each_session_without_warm_up_volume(db_session, users):
    alice, bob = users
    squat, bench = ex(db_session, SQUAT), ex(db_session, BENCH)
    heavy = new_session(db_session, alice, DAY, "Block A", 1, start_time="18:00", end_time="19:30")
    add(db_session, alice, heavy, squat, sets=2, reps=5, load=60.0, is_warmup=True)  # 600
    add(db_session, alice, heavy, squat, sets=3, reps=5, load=100.0)  # 1500
    add(db_session, alice, heavy, squat, sets=1, reps=3, load=110.0)  # 330
    add(db_session, alice, heavy, bench, sets=3, reps=8, load=80.0)  # 1920
    empty = new_session(db_session, alice, date(2026, 3, 9))
    warm_only = new_session(db_session, alice, date(2026, 3, 8))
    add(db_session, alice, warm_only, bench, sets=2, reps=10, load=20.0, is_warmup=True)
    bobs = new_session(db_session, bob, date(2026, 3, 11))
    add(db_session, bob, bobs, squat, sets=10, reps=10, load=200.0)

    items, total = workouts.sessions_page(db_session, alice)
    assert total == 3
    assert [item["id"] for item in items] == [heavy, empty, warm_only]
    summary = {item["id"]: (item["exercises"], item["sets"], item["volume_kg"]) for item in items}
    assert summary == {
        heavy: (2, 9, 3750.0),
        empty: (0, 0, 0.0),
        warm_only: (1, 2, 0.0),
    }
    assert items[0]["duration_minutes"] == 90
    assert (items[0]["mesocycle"], items[0]["session_number"]) == ("Block A", 1)
    bob_items, bob_total = workouts.sessions_page(db_session, bob)
    assert bob_total == 1
    assert [(i["id"], i["exercises"], i["sets"], i["volume_kg"]) for i in bob_items] == [
        (bobs, 1, 10, 20000.0)
    ]


def test_sessions_page_orders_one_day_by_start_time_then_newest_saved(db_session, users):
    alice, _ = users
    no_time = new_session(db_session, alice, DAY)
    evening = new_session(db_session, alice, DAY, start_time="18:00")
    morning = new_session(db_session, alice, DAY, start_time="07:00")
    no_time_later = new_session(db_session, alice, DAY)
    yesterday = new_session(db_session, alice, date(2026, 3, 9), start_time="23:00")
    tomorrow = new_session(db_session, alice, date(2026, 3, 11))
    items, _ = workouts.sessions_page(db_session, alice)
    assert [item["id"] for item in items] == [
        tomorrow,
        evening,
        morning,
        no_time_later,
        no_time,
        yesterday,
    ]


def test_sessions_page_pages_on_the_server(db_session, users):
    alice, bob = users
    ids = [new_session(db_session, alice, date(2026, 1, day)) for day in range(1, 26)]
    new_session(db_session, bob, date(2026, 2, 1))
    newest_first = ids[::-1]

    page, total = workouts.sessions_page(db_session, alice, offset=0, limit=10)
    assert total == 25 and [item["id"] for item in page] == newest_first[:10]
    page, total = workouts.sessions_page(db_session, alice, offset=10, limit=10)
    assert total == 25 and [item["id"] for item in page] == newest_first[10:20]
    page, total = workouts.sessions_page(db_session, alice, offset=20, limit=10)
    assert total == 25 and [item["id"] for item in page] == newest_first[20:]
    assert workouts.sessions_page(db_session, alice, offset=25, limit=10) == ([], 25)
    assert workouts.sessions_page(db_session, alice, offset=10**12, limit=10) == ([], 25)
    assert workouts.sessions_page(db_session, alice, offset=2**70, limit=10) == ([], 25)
    page, _ = workouts.sessions_page(db_session, alice, offset=-5, limit=3)
    assert [item["id"] for item in page] == newest_first[:3]
    page, _ = workouts.sessions_page(db_session, alice, limit=0)
    assert [item["id"] for item in page] == newest_first[:1]
    page, _ = workouts.sessions_page(db_session, alice, limit=10**9)
    assert [item["id"] for item in page] == newest_first


def test_load_session_lists_lines_in_position_order(db_session, users):
    alice, bob = users
    squat, bench, curl = ex(db_session, SQUAT), ex(db_session, BENCH), ex(db_session, CURL)
    session_id = new_session(db_session, alice)
    first = add(db_session, alice, session_id, squat, load=100.0)
    second = add(db_session, alice, session_id, bench, load=80.0)
    third = add(db_session, alice, session_id, curl, load=15.0)
    loaded = workouts.load_session(db_session, alice, session_id)
    assert [line["id"] for line in loaded["lines"]] == [first, second, third]
    assert [line["position"] for line in loaded["lines"]] == [0, 1, 2]

    # Reordered lines come back in their new order, not in the order they were saved.
    positions = {first: 2, second: 0, third: 1}
    for line in db_session.scalars(select(WorkoutDetail)):
        line.position = positions[line.id]
    db_session.commit()
    loaded = workouts.load_session(db_session, alice, session_id)
    assert [line["id"] for line in loaded["lines"]] == [second, third, first]
    assert loaded["lines"][0] == {
        "id": second,
        "exercise_id": bench,
        "exercise_name": BENCH,
        "muscle_group": "Chest",
        "equipment": "Barbell",
        "position": 0,
        "load_kg": 80.0,
        "sets": 3,
        "reps": 5,
        "duration_seconds": None,
        "distance_m": None,
        "rir": None,
        "stimulus": None,
        "fatigue_level": None,
        "is_warmup": False,
        "notes": None,
        "block": 1,  # a new exercise after the squats: the session's second block
        "superset_group": None,
        "rest_seconds": None,
    }


def test_load_session_refuses_another_users_session_and_garbage_ids(db_session, users):
    alice, bob = users
    session_id = new_session(db_session, alice)
    add(db_session, alice, session_id, ex(db_session, SQUAT))
    assert workouts.load_session(db_session, bob, session_id) is None
    for garbage in [*GARBAGE_IDS, str(session_id), 2**70]:
        assert workouts.load_session(db_session, alice, garbage) is None
    assert workouts.load_session(db_session, alice, session_id)["id"] == session_id


# Repeating the last session of a mesocycle


def test_repeat_session_plans_the_last_sessions_sets_in_the_next_numbered_session(
    db_session, users
):
    alice, bob = users
    squat, bench = ex(db_session, SQUAT), ex(db_session, BENCH)
    new_session(db_session, alice, date(2026, 3, 1), "Block A", 1)
    latest = new_session(db_session, alice, date(2026, 3, 5), "Block A", 2)
    add(db_session, alice, latest, squat, sets=2, load=105.0)  # an old line of two sets
    add(db_session, alice, latest, bench, sets=1, reps=8, load=80.0)
    for number in (1, 9):
        new_session(db_session, bob, date(2026, 3, 6), "Block A", number)

    repeated = routines.repeat_session(db_session, alice, "Block A", DAY)
    db_session.commit()
    loaded = workouts.load_session(db_session, alice, repeated)
    assert (loaded["date"], loaded["mesocycle"], loaded["session_number"]) == (DAY, "Block A", 3)
    assert loaded["lines"] == []  # planned, nothing logged: nothing counts yet
    blocks = session_sets.session_blocks(db_session, alice, repeated)
    assert [(b.exercise.id, [(r.reps, r.load_kg, r.logged) for r in b.sets]) for b in blocks] == [
        (squat, [(5, 105.0, False)] * 2),
        (bench, [(8, 80.0, False)]),
    ]
    assert workouts.next_session_number(db_session, bob, "Block A") == 10


def test_repeat_session_needs_a_mesocycle_of_the_users_own(db_session, users):
    alice, bob = users
    new_session(db_session, alice, date(2026, 3, 1), "Block A", 1)
    new_session(db_session, bob, date(2026, 3, 1), "Bob's block", 4)
    before = db_session.scalar(select(func.count(TrainingSession.id)))
    assert routines.repeat_session(db_session, alice, "Unknown", DAY) is None
    assert routines.repeat_session(db_session, alice, "Bob's block", DAY) is None
    assert routines.repeat_session(db_session, alice, "block a", DAY) is None
    assert db_session.scalar(select(func.count(TrainingSession.id))) == before
    assert workouts.mesocycle_names(db_session, alice) == ["Block A"]


def test_repeat_session_keeps_the_number_within_999(db_session, users):
    alice, _ = users
    new_session(db_session, alice, date(2026, 3, 1), "Long block", 999)
    repeated = routines.repeat_session(db_session, alice, "Long block", DAY)
    assert workouts.load_session(db_session, alice, repeated)["session_number"] == 999


def test_last_time_shows_the_exercises_lines_of_the_latest_earlier_session(db_session, users):
    alice, _ = users
    squat, bench = ex(db_session, SQUAT), ex(db_session, BENCH)
    first = new_session(db_session, alice, date(2026, 3, 1))
    add(db_session, alice, first, squat, load=100.0)
    second = new_session(db_session, alice, date(2026, 3, 5))
    warm = add(db_session, alice, second, squat, load=60.0, is_warmup=True)
    add(db_session, alice, second, bench, load=80.0)
    top = add(db_session, alice, second, squat, load=110.0)
    bench_only = new_session(db_session, alice, date(2026, 3, 7))
    add(db_session, alice, bench_only, bench, load=82.5)
    third = new_session(db_session, alice, date(2026, 3, 9))
    add(db_session, alice, third, squat, load=115.0)

    found = workout_lines.last_time(db_session, alice, squat)
    assert (found["session_id"], found["date"]) == (third, date(2026, 3, 9))
    assert [line["load_kg"] for line in found["lines"]] == [115.0]

    found = workout_lines.last_time(db_session, alice, squat, third)
    assert (found["session_id"], found["date"]) == (second, date(2026, 3, 5))
    assert [line["id"] for line in found["lines"]] == [warm, top]
    assert {line["exercise_id"] for line in found["lines"]} == {squat}

    # From the bench-only session, the sessions after it do not count.
    assert workout_lines.last_time(db_session, alice, squat, bench_only)["session_id"] == second
    assert workout_lines.last_time(db_session, alice, squat, second)["session_id"] == first
    assert workout_lines.last_time(db_session, alice, squat, first) is None
    assert workout_lines.last_time(db_session, alice, bench, bench_only)["session_id"] == second
    assert workout_lines.last_time(db_session, alice, ex(db_session, CURL)) is None
    assert workout_lines.last_time(db_session, alice, None) is None


def test_last_time_on_one_day_counts_only_sessions_saved_before(db_session, users):
    alice, _ = users
    squat = ex(db_session, SQUAT)
    morning = new_session(db_session, alice, DAY)
    add(db_session, alice, morning, squat, load=100.0)
    evening = new_session(db_session, alice, DAY)
    add(db_session, alice, evening, squat, load=90.0)
    assert workout_lines.last_time(db_session, alice, squat, evening)["session_id"] == morning
    assert workout_lines.last_time(db_session, alice, squat, morning) is None


def test_last_time_on_one_day_follows_the_start_times_when_logged(db_session, users):
    """An evening session saved first still comes after the morning one, as in records."""
    alice, _ = users
    squat = ex(db_session, SQUAT)
    evening = new_session(db_session, alice, DAY, start_time="18:00")
    add(db_session, alice, evening, squat, load=90.0)
    morning = new_session(db_session, alice, DAY, start_time="07:00")
    add(db_session, alice, morning, squat, load=100.0)
    unknown = new_session(db_session, alice, DAY)  # no start: before both
    add(db_session, alice, unknown, squat, load=80.0)
    assert workout_lines.last_time(db_session, alice, squat, evening)["session_id"] == morning
    assert workout_lines.last_time(db_session, alice, squat, morning)["session_id"] == unknown
    assert workout_lines.last_time(db_session, alice, squat, unknown) is None
    assert workout_lines.last_time(db_session, alice, squat)["session_id"] == evening


def test_last_time_never_shows_another_users_lines(db_session, users):
    alice, bob = users
    squat = ex(db_session, SQUAT)
    mine = new_session(db_session, alice, date(2026, 3, 1))
    add(db_session, alice, mine, squat, load=100.0)
    current = new_session(db_session, alice, DAY)
    bobs = new_session(db_session, bob, date(2026, 3, 5))
    add(db_session, bob, bobs, squat, load=250.0)
    bobs_later = new_session(db_session, bob, date(2026, 3, 20))
    add(db_session, bob, bobs_later, squat, load=260.0)

    found = workout_lines.last_time(db_session, alice, squat, current)
    assert found["session_id"] == mine
    assert [line["load_kg"] for line in found["lines"]] == [100.0]
    # Another user's session id as "current" is no current session at all.
    found = workout_lines.last_time(db_session, alice, squat, bobs_later)
    assert found["session_id"] == mine
    assert [line["load_kg"] for line in found["lines"]] == [100.0]
    found = workout_lines.last_time(db_session, bob, squat, bobs_later)
    assert found["session_id"] == bobs
    assert [line["load_kg"] for line in found["lines"]] == [250.0]
    assert workout_lines.last_time(db_session, bob, squat, bobs) is None


def test_last_time_treats_garbage_exercise_ids_as_none(db_session, users):
    alice, _ = users
    squat = ex(db_session, SQUAT)
    add(db_session, alice, new_session(db_session, alice), squat)
    for garbage in [str(squat), True, 2**40, 2**70, "x"]:
        assert workout_lines.last_time(db_session, alice, garbage) is None


# Exercise choices


def test_exercise_choices_put_the_most_used_then_most_recent_first(db_session, users):
    alice, bob = users
    squat, bench, deadlift, curl = (ex(db_session, name) for name in (SQUAT, BENCH, DEADLIFT, CURL))
    first = new_session(db_session, alice, date(2026, 3, 1))
    add(db_session, alice, first, squat)
    add(db_session, alice, first, squat)  # twice in one session: still one use
    add(db_session, alice, first, deadlift)
    second = new_session(db_session, alice, date(2026, 3, 2))
    add(db_session, alice, second, deadlift)
    third = new_session(db_session, alice, date(2026, 3, 3))
    add(db_session, alice, third, squat)
    latest = new_session(db_session, alice, date(2026, 3, 9))
    add(db_session, alice, latest, bench)
    older = new_session(db_session, alice, date(2026, 2, 1))
    add(db_session, alice, older, curl)
    for day in range(1, 6):  # Bob's heavy use of bench rows changes nothing for Alice
        add(db_session, bob, new_session(db_session, bob, date(2026, 4, day)), bench)

    choices = workout_lines.exercise_choices(db_session, alice)
    assert [(c["id"], c["usage_count"], c["last_used"]) for c in choices[:5]] == [
        (squat, 2, date(2026, 3, 3)),
        (deadlift, 2, date(2026, 3, 2)),
        (bench, 1, date(2026, 3, 9)),
        (curl, 1, date(2026, 2, 1)),
        (choices[4]["id"], 0, None),
    ]
    rest = choices[4:]
    assert {(c["usage_count"], c["last_used"]) for c in rest} == {(0, None)}
    assert [c["name"].lower() for c in rest] == sorted(c["name"].lower() for c in rest)
    assert len(choices) == len(load_catalogue())
    assert choices[0] == {
        "id": squat,
        "name": SQUAT,
        "muscle_group": "Quadriceps",
        "usage_count": 2,
        "last_used": date(2026, 3, 3),
    }
    bob_choices = workout_lines.exercise_choices(db_session, bob)
    assert (bob_choices[0]["id"], bob_choices[0]["usage_count"]) == (bench, 5)
    assert bob_choices[1]["usage_count"] == 0


def test_exercise_choices_show_own_custom_exercises_and_never_anothers(db_session, users):
    alice, bob = users
    mine = custom(db_session, alice, "Alice Pin Press")
    bobs = custom(db_session, bob, "Bob Secret Press")
    alice_ids = {c["id"] for c in workout_lines.exercise_choices(db_session, alice)}
    bob_ids = {c["id"] for c in workout_lines.exercise_choices(db_session, bob)}
    assert mine in alice_ids and bobs not in alice_ids
    assert bobs in bob_ids and mine not in bob_ids
    assert len(alice_ids) == len(bob_ids) == len(load_catalogue()) + 1


# Lines


def test_add_line_appends_and_copies_the_exercises_names(db_session, users):
    alice, _ = users
    squat, bench = ex(db_session, SQUAT), ex(db_session, BENCH)
    mine = custom(db_session, alice, "Alice Pin Press", muscle="Triceps")
    session_id = new_session(db_session, alice, DAY)
    ids = [
        add(db_session, alice, session_id, squat, sets=5, reps=5, load=120.0, rir=2),
        add(db_session, alice, session_id, bench, stimulus=4, fatigue_level=3, notes=" slow "),
        add(db_session, alice, session_id, mine, is_warmup=True),
    ]
    lines = workouts.load_session(db_session, alice, session_id)["lines"]
    assert [line["id"] for line in lines] == ids
    assert [
        (line["position"], line["exercise_name"], line["muscle_group"], line["equipment"])
        for line in lines
    ] == [
        (0, SQUAT, "Quadriceps", "Barbell"),
        (1, BENCH, "Chest", "Barbell"),
        (2, "Alice Pin Press", "Triceps", None),
    ]
    assert (lines[0]["sets"], lines[0]["reps"], lines[0]["load_kg"], lines[0]["rir"]) == (
        5,
        5,
        120.0,
        2,
    )
    assert (lines[1]["stimulus"], lines[1]["fatigue_level"], lines[1]["notes"]) == (4, 3, "slow")
    assert lines[2]["is_warmup"] is True
    assert usage(db_session, alice) == {squat: (1, DAY), bench: (1, DAY), mine: (1, DAY)}


def test_add_line_continues_after_the_highest_position(db_session, users):
    alice, _ = users
    squat = ex(db_session, SQUAT)
    session_id = new_session(db_session, alice, DAY)
    first = add(db_session, alice, session_id, squat)
    db_session.get(WorkoutDetail, first).position = 7
    db_session.commit()
    second = add(db_session, alice, session_id, squat)
    assert workout_lines.load_line(db_session, alice, second)["position"] == 8
    other = new_session(db_session, alice, DAY)
    assert (
        workout_lines.load_line(db_session, alice, add(db_session, alice, other, squat))["position"]
        == 0
    )


def test_add_line_closes_position_gaps_before_positions_run_out(db_session, users):
    alice, _ = users
    squat, bench = ex(db_session, SQUAT), ex(db_session, BENCH)
    session_id = new_session(db_session, alice, DAY)
    first = add(db_session, alice, session_id, squat)
    second = add(db_session, alice, session_id, bench)
    db_session.get(WorkoutDetail, first).position = 20_000
    db_session.get(WorkoutDetail, second).position = workout_lines.MAX_POSITION
    db_session.commit()
    third = add(db_session, alice, session_id, squat)
    lines = workouts.load_session(db_session, alice, session_id)["lines"]
    assert [(line["id"], line["position"]) for line in lines] == [
        (first, 0),
        (second, 1),
        (third, 2),
    ]


@pytest.mark.parametrize("who", ["unknown", "bobs_custom"])
def test_add_line_refuses_an_exercise_the_user_cannot_see(db_session, users, who):
    alice, bob = users
    exercise_id = 999_999 if who == "unknown" else custom(db_session, bob, "Bob Secret Press")
    session_id = new_session(db_session, alice, DAY)
    change = workout_lines.add_line(
        db_session,
        alice,
        session_id,
        LineInput(exercise_id=exercise_id, sets=3, reps=5, load_kg=100.0),
    )
    assert change.errors == {"exercise_id": "Choose an exercise from the list"}
    assert (change.ok, change.line_id, change.new_records) == (False, None, [])
    db_session.commit()
    assert line_count(db_session) == 0
    assert usage(db_session, alice) == {}


def test_add_line_refuses_another_users_session(db_session, users):
    alice, bob = users
    squat = ex(db_session, SQUAT)
    bobs = new_session(db_session, bob, DAY)
    data = LineInput(exercise_id=squat, sets=3, reps=5, load_kg=100.0)
    for session_id in [bobs, *GARBAGE_IDS, str(bobs)]:
        change = workout_lines.add_line(db_session, alice, session_id, data)
        assert change.errors == {"session": "This session no longer exists"}
        assert change.line_id is None
    db_session.commit()
    assert line_count(db_session) == 0
    assert usage(db_session, alice) == {} and usage(db_session, bob) == {}
    assert workouts.load_session(db_session, bob, bobs)["lines"] == []


def test_a_session_holds_at_most_200_lines(db_session, users):
    alice, _ = users
    squat = ex(db_session, SQUAT)
    session_id = new_session(db_session, alice, DAY)
    other = new_session(db_session, alice, DAY)
    db_session.add_all(
        WorkoutDetail(
            session_id=session_id,
            user_id=alice,
            exercise_id=squat,
            exercise_name=SQUAT,
            position=position,
            sets=1,
            reps=5,
            load_weight=60.0,
        )
        for position in range(workout_lines.MAX_LINES_PER_SESSION - 1)
    )
    db_session.commit()
    last = add(db_session, alice, session_id, squat)
    assert workout_lines.load_line(db_session, alice, last)["position"] == 199
    change = workout_lines.add_line(
        db_session, alice, session_id, LineInput(exercise_id=squat, sets=1, reps=5, load_kg=60.0)
    )
    assert change.errors == {"exercise_id": "A session holds at most 200 lines"}
    db_session.commit()
    assert len(workouts.load_session(db_session, alice, session_id)["lines"]) == 200
    # The cap is per session.
    assert (
        workout_lines.load_line(db_session, alice, add(db_session, alice, other, squat)) is not None
    )


def test_update_line_changes_the_exercise_and_both_exercises_usage(db_session, users):
    alice, _ = users
    squat, bench = ex(db_session, SQUAT), ex(db_session, BENCH)
    earlier = new_session(db_session, alice, date(2026, 3, 1))
    add(db_session, alice, earlier, squat)
    session_id = new_session(db_session, alice, DAY)
    line_id = add(db_session, alice, session_id, squat, load=100.0)
    assert usage(db_session, alice) == {squat: (2, DAY)}

    data = LineInput(exercise_id=bench, sets=4, reps=8, load_kg=70.0, rir=1, notes="wide")
    change = workout_lines.update_line(db_session, alice, line_id, data)
    assert (change.ok, change.errors, change.line_id) == (True, {}, line_id)
    db_session.commit()
    db_session.expire_all()
    line = workout_lines.load_line(db_session, alice, line_id)
    assert line == {
        "id": line_id,
        "exercise_id": bench,
        "exercise_name": BENCH,
        "muscle_group": "Chest",
        "equipment": "Barbell",
        "position": 0,
        "load_kg": 70.0,
        "sets": 4,
        "reps": 8,
        "duration_seconds": None,
        "distance_m": None,
        "rir": 1,
        "stimulus": None,
        "fatigue_level": None,
        "is_warmup": False,
        "notes": "wide",
        "block": 0,  # its place stays: an edit changes what was done, not where
        "superset_group": None,
        "rest_seconds": None,
    }
    assert usage(db_session, alice) == {squat: (1, date(2026, 3, 1)), bench: (1, DAY)}


def test_update_line_refuses_unknown_exercises_and_other_users_lines(db_session, users):
    alice, bob = users
    squat, bench = ex(db_session, SQUAT), ex(db_session, BENCH)
    bobs_custom = custom(db_session, bob, "Bob Secret Press")
    line_id = add(db_session, alice, new_session(db_session, alice, DAY), squat, load=100.0)
    before = workout_lines.load_line(db_session, alice, line_id)

    for exercise_id in (999_999, bobs_custom):
        change = workout_lines.update_line(
            db_session,
            alice,
            line_id,
            LineInput(exercise_id=exercise_id, sets=1, reps=1, load_kg=1.0),
        )
        assert change.errors == {"exercise_id": "Choose an exercise from the list"}
    data = LineInput(exercise_id=bench, sets=1, reps=1, load_kg=1.0)
    assert workout_lines.update_line(db_session, bob, line_id, data).errors == {
        "line": "This line no longer exists"
    }
    for garbage in [*GARBAGE_IDS, str(line_id)]:
        assert workout_lines.update_line(db_session, alice, garbage, data).errors == {
            "line": "This line no longer exists"
        }
    db_session.commit()
    db_session.expire_all()
    assert workout_lines.load_line(db_session, alice, line_id) == before
    assert usage(db_session, alice) == {squat: (1, DAY)}
    assert usage(db_session, bob) == {}


def test_delete_line_removes_the_owners_line_and_its_usage(db_session, users):
    alice, bob = users
    squat, bench = ex(db_session, SQUAT), ex(db_session, BENCH)
    session_id = new_session(db_session, alice, DAY)
    squat_line = add(db_session, alice, session_id, squat)
    bench_line = add(db_session, alice, session_id, bench)

    assert workout_lines.delete_line(db_session, bob, squat_line) is False
    for garbage in [*GARBAGE_IDS, str(squat_line)]:
        assert workout_lines.delete_line(db_session, alice, garbage) is False
    db_session.commit()
    assert line_count(db_session, alice) == 2

    assert workout_lines.delete_line(db_session, alice, squat_line) is True
    db_session.commit()
    db_session.expire_all()
    assert [
        line["id"] for line in workouts.load_session(db_session, alice, session_id)["lines"]
    ] == [bench_line]
    assert usage(db_session, alice) == {bench: (1, DAY)}
    assert workout_lines.delete_line(db_session, alice, squat_line) is False


def test_load_line_is_the_owners_only(db_session, users):
    alice, bob = users
    line_id = add(db_session, alice, new_session(db_session, alice, DAY), ex(db_session, SQUAT))
    assert workout_lines.load_line(db_session, alice, line_id)["exercise_name"] == SQUAT
    assert workout_lines.load_line(db_session, bob, line_id) is None
    for garbage in [*GARBAGE_IDS, str(line_id), 2**70]:
        assert workout_lines.load_line(db_session, alice, garbage) is None
