"""Personal records: the progression rules, the stored rows and their upkeep on every edit."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from dashboard_app.analytics.records import (
    RecordEvent,
    RecordLine,
    current_records,
    record_progression,
)
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services import workout_lines, workouts
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.records import NewRecord, records_by_exercise
from dashboard_app.services.users import create_user
from db.models import (
    Exercise,
    PersonalRecord,
    TrainingSession,
    User,
    UserExerciseHistory,
    WorkoutDetail,
)

D = date(2026, 3, 2)
TYPES = ("e1rm", "max_load", "max_reps", "max_volume", "session_volume")


# Pure rules: analytics.records.record_progression on hand-built lines.


def rl(
    line_id: int,
    session_id: int,
    sets: int,
    reps: int,
    load: float,
    *,
    day: date = D,
    start: datetime | None = None,
    position: int = 0,
    warmup: bool = False,
) -> RecordLine:
    return RecordLine(
        line_id=line_id,
        session_id=session_id,
        date=day,
        start_time=start,
        position=position,
        sets=sets,
        reps=reps,
        load_kg=load,
        is_warmup=warmup,
    )


def brief(events: list[RecordEvent]) -> list[tuple]:
    """(type, session, line, value, previous) of each event, floats to 6 decimals."""
    return [
        (
            e.record_type,
            e.session_id,
            e.line_id,
            round(e.value, 6),
            None if e.previous is None else round(e.previous, 6),
        )
        for e in events
    ]


def day(n: int) -> date:
    return D + timedelta(days=n)


def test_no_lines_no_records():
    assert record_progression([]) == []
    assert current_records([]) == {}


def test_first_session_sets_every_record_quietly():
    events = record_progression([rl(7, 3, 3, 5, 100.0)])
    common = {"achieved_on": D, "session_id": 3, "previous": None}
    line = {"line_id": 7, "sets": 1, "reps": 5, "load_kg": 100.0}  # one of the three sets
    assert events == [
        RecordEvent(record_type="e1rm", value=112.5, **line, **common),  # 100 * 36 / 32
        RecordEvent(record_type="max_load", value=100.0, **line, **common),
        RecordEvent(record_type="max_reps", value=5.0, **line, **common),
        RecordEvent(record_type="max_volume", value=500.0, **line, **common),  # one set
        RecordEvent(
            record_type="session_volume",
            value=1500.0,
            line_id=None,
            sets=None,
            reps=None,
            load_kg=None,
            **common,
        ),
    ]


def test_a_tie_is_no_record_only_strict_improvement():
    lines = [
        rl(1, 1, 3, 5, 100.0, day=day(0)),
        rl(2, 2, 3, 5, 100.0, day=day(2)),  # ties everything
        rl(3, 3, 3, 5, 100.0, day=day(4)),
        rl(4, 3, 1, 1, 60.0, day=day(4), position=1),  # only the session total grows
    ]
    assert brief(record_progression(lines)) == [
        ("e1rm", 1, 1, 112.5, None),
        ("max_load", 1, 1, 100.0, None),
        ("max_reps", 1, 1, 5.0, None),
        ("max_volume", 1, 1, 500.0, None),
        ("session_volume", 1, None, 1500.0, None),
        ("session_volume", 3, None, 1560.0, 1500.0),
    ]


def test_one_event_per_type_and_session_crediting_the_first_line_at_the_best():
    # Line ids run against the logged order: the position decides which line is first.
    lines = [
        rl(21, 2, 2, 5, 110.0, day=day(1), position=2),
        rl(10, 1, 1, 5, 100.0, day=day(0)),
        rl(22, 2, 1, 5, 110.0, day=day(1), position=1),
        rl(23, 2, 1, 5, 105.0, day=day(1), position=0),
    ]
    assert brief(record_progression(lines)) == [
        ("e1rm", 1, 10, 112.5, None),
        ("max_load", 1, 10, 100.0, None),
        ("max_reps", 1, 10, 5.0, None),
        ("max_volume", 1, 10, 500.0, None),
        ("session_volume", 1, None, 500.0, None),
        ("e1rm", 2, 22, 123.75, 112.5),  # 110 * 36 / 32; line 21 only ties it
        ("max_load", 2, 22, 110.0, 100.0),
        ("max_volume", 2, 22, 550.0, 500.0),  # a set of 5 x 110; line 21's sets only tie it
        ("session_volume", 2, None, 2175.0, 500.0),  # 525 + 550 + 1100
    ]


def test_warm_ups_count_in_no_record_type():
    lines = [
        rl(1, 1, 1, 5, 150.0, day=day(0), warmup=True),  # first session: only warm-ups
        rl(2, 2, 1, 5, 140.0, day=day(1), warmup=True),
        rl(3, 2, 3, 5, 100.0, day=day(1), position=1),
        rl(4, 3, 5, 15, 200.0, day=day(2), warmup=True),
    ]
    assert brief(record_progression(lines)) == [
        ("e1rm", 2, 3, 112.5, None),
        ("max_load", 2, 3, 100.0, None),
        ("max_reps", 2, 3, 5.0, None),
        ("max_volume", 2, 3, 500.0, None),
        ("session_volume", 2, None, 1500.0, None),  # not 2200 with the warm-up
    ]


def test_more_than_twelve_reps_give_no_e1rm_but_other_records():
    lines = [
        rl(1, 1, 3, 5, 100.0, day=day(0)),
        rl(2, 2, 1, 15, 80.0, day=day(1)),
        rl(3, 3, 3, 13, 60.0, day=day(2)),
        rl(4, 4, 1, 12, 100.0, day=day(3)),  # twelve still gets one: 100 * 36 / 25
    ]
    assert brief(record_progression(lines)) == [
        ("e1rm", 1, 1, 112.5, None),
        ("max_load", 1, 1, 100.0, None),
        ("max_reps", 1, 1, 5.0, None),
        ("max_volume", 1, 1, 500.0, None),
        ("session_volume", 1, None, 1500.0, None),
        ("max_reps", 2, 2, 15.0, 5.0),
        (
            "max_volume",
            2,
            2,
            1200.0,
            500.0,
        ),  # 15 x 80 in one set; 13 x 60 and 12 x 100 do not beat it
        ("session_volume", 3, None, 2340.0, 1500.0),
        ("e1rm", 4, 4, 144.0, 112.5),
    ]


def test_unloaded_lines_set_only_most_reps():
    lines = [
        rl(1, 1, 3, 10, 0.0, day=day(0)),
        rl(2, 2, 3, 12, 0.0, day=day(1)),
        rl(3, 3, 3, 8, 20.0, day=day(2)),
    ]
    assert brief(record_progression(lines)) == [
        ("max_reps", 1, 1, 10.0, None),
        ("max_reps", 2, 2, 12.0, 10.0),
        ("e1rm", 3, 3, round(20 * 36 / 29, 6), None),
        ("max_load", 3, 3, 20.0, None),
        ("max_volume", 3, 3, 160.0, None),
        ("session_volume", 3, None, 480.0, None),
    ]


def test_training_order_is_day_then_unknown_start_first_then_start_then_session_id():
    def at(hour: int) -> datetime:
        return datetime.combine(D, time(hour))

    lines = [
        rl(1, 5, 1, 5, 100.0, start=at(18)),
        rl(2, 7, 1, 5, 90.0),
        rl(3, 6, 1, 5, 95.0),
        rl(4, 3, 1, 5, 80.0, start=at(7)),
        rl(5, 4, 1, 5, 97.0, start=at(7)),
        rl(6, 99, 1, 5, 85.0, day=day(-1)),
    ]
    # Order: 99 (the day before), 6 and 7 (no start, by id), 3 and 4 (07:00, by id), 5 (18:00).
    expected = [(99, 85.0, None), (6, 95.0, 85.0), (4, 97.0, 95.0), (5, 100.0, 97.0)]
    for seed in range(5):
        shuffled = lines[:]
        random.Random(seed).shuffle(shuffled)
        events = record_progression(shuffled)
        max_load = [
            (e.session_id, e.value, e.previous) for e in events if e.record_type == "max_load"
        ]
        assert max_load == expected
        assert [e.session_id for e in events if e.record_type == "session_volume"] == [99, 6, 4, 5]
        assert [e.achieved_on for e in events if e.record_type == "max_load"] == [
            day(-1),
            D,
            D,
            D,
        ]


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        # Brzycki: 100; 95 * 36 / 34; 80 * 36 / 25 (= 115.2); 90 * 36 / 29 (= 111.72) is no record.
        ("brzycki", [(1, 100.0, None), (2, 95 * 36 / 34, 100.0), (3, 115.2, 95 * 36 / 34)]),
        # Epley: 100 (one rep is the load); 95 * 1.1; 80 * 1.4; 90 * (1 + 8 / 30) = 114.
        ("epley", [(1, 100.0, None), (2, 104.5, 100.0), (3, 112.0, 104.5), (4, 114.0, 112.0)]),
    ],
)
def test_the_formula_changes_the_e1rm_progression(formula, expected):
    lines = [
        rl(1, 1, 1, 1, 100.0, day=day(0)),
        rl(2, 2, 1, 3, 95.0, day=day(1)),
        rl(3, 3, 1, 12, 80.0, day=day(2)),
        rl(4, 4, 1, 8, 90.0, day=day(3)),
    ]
    e1rm = [
        (e.session_id, round(e.value, 6), None if e.previous is None else round(e.previous, 6))
        for e in record_progression(lines, formula)
        if e.record_type == "e1rm"
    ]
    assert e1rm == [(s, round(v, 6), None if p is None else round(p, 6)) for s, v, p in expected]


def test_current_records_are_the_last_event_of_each_type():
    lines = [
        rl(1, 1, 3, 5, 100.0, day=day(0)),
        rl(2, 2, 1, 15, 80.0, day=day(1)),
        rl(3, 3, 3, 13, 60.0, day=day(2)),
        rl(4, 4, 1, 12, 100.0, day=day(3)),
    ]
    current = current_records(record_progression(lines))
    assert {t: (e.session_id, e.value, e.achieved_on) for t, e in current.items()} == {
        "e1rm": (4, 144.0, day(3)),
        "max_load": (1, 100.0, day(0)),
        "max_reps": (2, 15.0, day(1)),
        "max_volume": (2, 1200.0, day(1)),
        "session_volume": (3, 2340.0, day(2)),
    }


def timed(line_id, session_id, *, seconds=None, metres=None, day_=D, load=0.0, reps=None):
    return RecordLine(
        line_id=line_id,
        session_id=session_id,
        date=day_,
        start_time=None,
        position=0,
        sets=1,
        reps=reps,
        load_kg=load,
        duration_seconds=seconds,
        distance_m=metres,
    )


def test_holds_and_runs_set_duration_distance_and_pace_records():
    lines = [
        timed(1, 1, seconds=60),  # a plank
        timed(2, 2, seconds=45),
        timed(3, 3, seconds=75),
        timed(4, 4, seconds=1500, metres=5000, day_=day(1)),  # 5 km in 25:00, 300 s/km
        timed(5, 5, seconds=1440, metres=5000, day_=day(2)),  # faster: 288 s/km
        timed(6, 6, seconds=3000, metres=8000, day_=day(3)),  # farther but slower
        timed(7, 7, seconds=50, metres=300, day_=day(4)),  # a sprint: too short for a pace
    ]
    assert brief(record_progression(lines)) == [
        ("max_duration", 1, 1, 60.0, None),
        ("max_duration", 3, 3, 75.0, 60.0),
        ("max_duration", 4, 4, 1500.0, 75.0),
        ("max_distance", 4, 4, 5000.0, None),
        ("best_pace", 4, 4, 300.0, None),
        ("best_pace", 5, 5, 288.0, 300.0),  # the one record that falls
        ("max_duration", 6, 6, 3000.0, 1500.0),
        ("max_distance", 6, 6, 8000.0, 5000.0),
    ]


def test_a_pace_tie_or_a_slower_run_is_no_record():
    lines = [
        timed(1, 1, seconds=1500, metres=5000),
        timed(2, 2, seconds=1500, metres=5000, day_=day(1)),
        timed(3, 3, seconds=1600, metres=5000, day_=day(2)),
    ]
    paces = [e for e in record_progression(lines) if e.record_type == "best_pace"]
    assert [(e.session_id, e.value) for e in paces] == [(1, 300.0)]


def test_a_weighted_hold_adds_no_volume_and_sets_no_lifting_record():
    events = record_progression([timed(1, 1, seconds=40, load=20.0)])
    assert brief(events) == [("max_duration", 1, 1, 40.0, None)]


# Services: the stored rows in personal_records, usage history, isolation.


@dataclass
class People:
    alice: int
    bob: int
    squat: int
    deadlift: int
    bench: int
    names: dict[int, str] = field(default_factory=dict)


@pytest.fixture
def people(db_session) -> People:
    seed_catalogue(db_session)
    alice = create_user(
        db_session, username="alice", email="a@example.com", password="a long passphrase"
    )
    bob = create_user(
        db_session, username="bob", email="b@example.com", password="b long passphrase"
    )
    db_session.commit()
    ids = {}
    for name in ("Barbell Squat", "Barbell Deadlift", "Barbell Bench Press - Medium Grip"):
        ids[name] = db_session.scalar(
            select(Exercise.id).where(Exercise.name == name, Exercise.user_id.is_(None))
        )
        assert ids[name] is not None
    squat, deadlift, bench = ids.values()
    return People(alice.id, bob.id, squat, deadlift, bench, {v: k for k, v in ids.items()})


def new_session(db, user_id: int, when: date, start: time | None = None) -> int:
    session_id = workouts.create_session(db, user_id, SessionInput(date=when, start_time=start))
    db.commit()
    return session_id


def line_input(exercise_id, sets, reps, load, warmup=False) -> LineInput:
    return LineInput(exercise_id=exercise_id, sets=sets, reps=reps, load_kg=load, is_warmup=warmup)


def log(db, user_id, session_id, exercise_id, sets, reps, load, warmup=False):
    change = workout_lines.add_line(
        db, user_id, session_id, line_input(exercise_id, sets, reps, load, warmup)
    )
    db.commit()
    assert change.ok, change.errors
    return change


def stored(db, user_id: int, exercise_id: int | None = None) -> list[tuple]:
    """(exercise, type, session, line, value, day) of the user's stored rows, sorted."""
    query = select(
        PersonalRecord.exercise_id,
        PersonalRecord.record_type,
        PersonalRecord.session_id,
        PersonalRecord.workout_detail_id,
        PersonalRecord.record_value,
        PersonalRecord.date,
    ).where(PersonalRecord.user_id == user_id)
    if exercise_id is not None:
        query = query.where(PersonalRecord.exercise_id == exercise_id)
    rows = [(*r[:4], round(r[4], 6), r[5]) for r in db.execute(query)]
    return sorted(rows, key=repr)


def rows(exercise_id, session_id, line_id, when, **values) -> list[tuple]:
    """Expected stored rows of one session; session_volume's row has no line."""
    return [
        (
            exercise_id,
            t,
            session_id,
            None if t == "session_volume" else line_id,
            round(float(v), 6),
            when,
        )
        for t, v in values.items()
    ]


def expect(*groups: list[tuple]) -> list[tuple]:
    return sorted((row for group in groups for row in group), key=repr)


def usage(db, user_id: int) -> dict[int, tuple[int, date]]:
    return {
        r.exercise_id: (r.usage_count, r.last_used)
        for r in db.execute(
            select(
                UserExerciseHistory.exercise_id,
                UserExerciseHistory.usage_count,
                UserExerciseHistory.last_used,
            ).where(UserExerciseHistory.user_id == user_id)
        )
    }


def test_new_pr_is_reported_only_when_an_earlier_record_is_beaten(db_session, people):
    db, alice, squat = db_session, people.alice, people.squat
    s1 = new_session(db, alice, day(0))
    first = log(db, alice, s1, squat, 3, 5, 100)
    assert first.new_records == []  # the first time sets records quietly
    s1_rows = rows(
        squat,
        s1,
        first.line_id,
        day(0),
        e1rm=112.5,
        max_load=100,
        max_reps=5,
        max_volume=500,
        session_volume=1500,
    )
    assert stored(db, alice) == expect(s1_rows)

    s2 = new_session(db, alice, day(3))
    assert log(db, alice, s2, squat, 3, 5, 100).new_records == []  # a tie
    assert stored(db, alice) == expect(s1_rows)

    heavier = log(db, alice, s2, squat, 1, 3, 105)  # e1rm 105 * 36 / 34 = 111.18 < 112.5
    assert sorted(heavier.new_records, key=lambda r: r.record_type) == [
        NewRecord("Barbell Squat", "max_load", 105.0, 100.0),
        NewRecord("Barbell Squat", "session_volume", 1815.0, 1500.0),
    ]
    s2_rows = rows(squat, s2, heavier.line_id, day(3), max_load=105, session_volume=1815)
    assert stored(db, alice) == expect(s1_rows, s2_rows)

    assert log(db, alice, s2, squat, 1, 1, 200, warmup=True).new_records == []
    deadlift = log(db, alice, s2, people.deadlift, 1, 5, 140)
    assert deadlift.new_records == []  # a first deadlift: quiet, and squat is untouched
    assert stored(db, alice, squat) == expect(s1_rows, s2_rows)
    assert stored(db, alice, people.deadlift) == expect(
        rows(
            people.deadlift,
            s2,
            deadlift.line_id,
            day(3),
            e1rm=157.5,  # 140 * 36 / 32
            max_load=140,
            max_reps=5,
            max_volume=700,
            session_volume=700,
        )
    )
    assert usage(db, alice) == {squat: (2, day(3)), people.deadlift: (1, day(3))}


def test_deleting_the_record_session_restores_the_previous_record(db_session, people):
    db, alice, squat = db_session, people.alice, people.squat
    s1, s2, s3 = (new_session(db, alice, day(n)) for n in (0, 3, 5))
    l1 = log(db, alice, s1, squat, 3, 5, 100).line_id
    l2 = log(db, alice, s2, squat, 3, 5, 110).line_id
    l3 = log(db, alice, s3, squat, 3, 5, 105)
    assert l3.new_records == []
    s1_rows = rows(
        squat,
        s1,
        l1,
        day(0),
        e1rm=112.5,
        max_load=100,
        max_reps=5,
        max_volume=500,
        session_volume=1500,
    )
    s2_rows = rows(
        squat, s2, l2, day(3), e1rm=123.75, max_load=110, max_volume=550, session_volume=1650
    )
    assert stored(db, alice) == expect(s1_rows, s2_rows)
    [entry] = records_by_exercise(db, alice)
    assert entry["current"]["max_load"]["value"] == 110.0
    assert entry["current"]["max_load"]["session_id"] == s2
    assert usage(db, alice) == {squat: (3, day(5))}

    assert workouts.delete_session(db, alice, s2) is True
    db.commit()
    # Without session 2, session 3 beats session 1 (not on reps: 5 ties 5).
    s3_rows = rows(
        squat,
        s3,
        l3.line_id,
        day(5),
        e1rm=118.125,  # 105 * 36 / 32
        max_load=105,
        max_volume=525,
        session_volume=1575,
    )
    assert stored(db, alice) == expect(s1_rows, s3_rows)
    [entry] = records_by_exercise(db, alice)
    assert {t: (r["value"], r["session_id"]) for t, r in entry["current"].items()} == {
        "e1rm": (118.125, s3),
        "max_load": (105.0, s3),
        "max_reps": (5.0, s1),
        "max_volume": (525.0, s3),
        "session_volume": (1575.0, s3),
    }
    assert usage(db, alice) == {squat: (2, day(5))}

    assert workout_lines.delete_line(db, alice, l3.line_id) is True
    db.commit()
    assert stored(db, alice) == expect(s1_rows)
    assert usage(db, alice) == {squat: (1, day(0))}  # the emptied session 3 counts no more

    assert workouts.delete_session(db, alice, s1) is True
    db.commit()
    assert stored(db, alice) == [] and usage(db, alice) == {}
    assert records_by_exercise(db, alice) == []


def test_moving_a_session_in_time_reorders_the_progression(db_session, people):
    db, alice, squat = db_session, people.alice, people.squat
    s1 = new_session(db, alice, day(3))
    s2 = new_session(db, alice, day(8))
    l1 = log(db, alice, s1, squat, 1, 5, 100).line_id
    l2 = log(db, alice, s2, squat, 1, 5, 120).line_id

    def s1_rows(when, *types):
        every = dict(e1rm=112.5, max_load=100, max_reps=5, max_volume=500, session_volume=500)
        return rows(squat, s1, l1, when, **{t: every[t] for t in types or every})

    def s2_rows(when, *types):
        every = dict(e1rm=135, max_load=120, max_reps=5, max_volume=600, session_volume=600)
        return rows(squat, s2, l2, when, **{t: every[t] for t in types or every})

    later = ("e1rm", "max_load", "max_volume", "session_volume")  # max_reps only ties
    assert stored(db, alice) == expect(s1_rows(day(3)), s2_rows(day(8), *later))
    assert usage(db, alice) == {squat: (2, day(8))}

    assert workouts.update_session(db, alice, s2, SessionInput(date=day(0))) is True
    db.commit()
    assert stored(db, alice) == expect(s2_rows(day(0)))  # session 1 now beats nothing
    assert usage(db, alice) == {squat: (2, day(3))}

    # The same day: a session without a start comes first, then by start time.
    assert workouts.update_session(db, alice, s2, SessionInput(date=day(3), start_time=time(18)))
    db.commit()
    assert stored(db, alice) == expect(s1_rows(day(3)), s2_rows(day(3), *later))
    assert workouts.update_session(db, alice, s1, SessionInput(date=day(3), start_time=time(19)))
    db.commit()
    assert stored(db, alice) == expect(s2_rows(day(3)))
    # Equal starts fall back to the session id.
    assert workouts.update_session(db, alice, s2, SessionInput(date=day(3), start_time=time(19)))
    db.commit()
    assert stored(db, alice) == expect(s1_rows(day(3)), s2_rows(day(3), *later))
    assert usage(db, alice) == {squat: (2, day(3))}


def test_changing_a_lines_exercise_moves_its_records(db_session, people):
    db, alice, squat, deadlift = db_session, people.alice, people.squat, people.deadlift
    s1 = new_session(db, alice, day(0))
    s2 = new_session(db, alice, day(3))
    l1 = log(db, alice, s1, squat, 3, 5, 100).line_id
    l2 = log(db, alice, s1, deadlift, 1, 5, 150).line_id
    l3 = log(db, alice, s2, squat, 3, 5, 110).line_id
    squat_s1 = rows(
        squat,
        s1,
        l1,
        day(0),
        e1rm=112.5,
        max_load=100,
        max_reps=5,
        max_volume=500,
        session_volume=1500,
    )
    deadlift_s1 = rows(
        deadlift,
        s1,
        l2,
        day(0),
        e1rm=168.75,
        max_load=150,
        max_reps=5,
        max_volume=750,
        session_volume=750,
    )
    assert stored(db, alice) == expect(
        squat_s1,
        deadlift_s1,
        rows(squat, s2, l3, day(3), e1rm=123.75, max_load=110, max_volume=550, session_volume=1650),
    )
    assert usage(db, alice) == {squat: (2, day(3)), deadlift: (1, day(0))}

    change = workout_lines.update_line(db, alice, l3, line_input(deadlift, 3, 5, 110))
    db.commit()
    assert change.ok and change.line_id == l3
    # Its sets of 5 x 110 beat no set of 5 x 150; the session's 1650 beats 750.
    assert change.new_records == [NewRecord("Barbell Deadlift", "session_volume", 1650.0, 750.0)]
    assert stored(db, alice) == expect(
        squat_s1,
        deadlift_s1,
        rows(deadlift, s2, l3, day(3), session_volume=1650),
    )
    assert usage(db, alice) == {squat: (1, day(0)), deadlift: (2, day(3))}
    assert workout_lines.load_line(db, alice, l3)["exercise_name"] == "Barbell Deadlift"

    # Two lines of one exercise in one session are one use of it.
    log(db, alice, s2, deadlift, 1, 1, 60, warmup=True)
    assert usage(db, alice) == {squat: (1, day(0)), deadlift: (2, day(3))}
    workout_lines.update_line(db, alice, l1, line_input(deadlift, 3, 5, 100))
    db.commit()
    assert usage(db, alice) == {deadlift: (2, day(3))}
    assert stored(db, alice, squat) == []


def test_records_follow_the_users_formula(db_session, people):
    db, bob = db_session, people.bob
    db.get(User, bob).e1rm_formula = "epley"
    db.commit()
    session_id = new_session(db, bob, day(0))
    line_id = log(db, bob, session_id, people.squat, 1, 5, 100).line_id
    [e1rm] = [r for r in stored(db, bob) if r[1] == "e1rm"]
    assert e1rm == (people.squat, "e1rm", session_id, line_id, round(100 * 35 / 30, 6), day(0))


def test_another_users_records_are_untouched(db_session, people):
    db, alice, bob, squat = db_session, people.alice, people.bob, people.squat
    bob_session = new_session(db, bob, day(1))
    bob_line = log(db, bob, bob_session, squat, 2, 8, 60).line_id
    bob_rows = stored(db, bob)
    bob_usage = usage(db, bob)
    assert bob_rows == expect(
        rows(
            squat,
            bob_session,
            bob_line,
            day(1),
            e1rm=round(60 * 36 / 29, 6),
            max_load=60,
            max_reps=8,
            max_volume=480,
            session_volume=960,
        )
    )
    assert bob_usage == {squat: (1, day(1))}

    s1 = new_session(db, alice, day(0))
    s2 = new_session(db, alice, day(2))
    line = log(db, alice, s1, squat, 3, 5, 100).line_id
    log(db, alice, s2, squat, 3, 5, 120)
    workout_lines.update_line(db, alice, line, line_input(squat, 5, 5, 130))
    workouts.update_session(db, alice, s1, SessionInput(date=day(4)))
    workout_lines.delete_line(db, alice, line)
    workouts.delete_session(db, alice, s2)
    db.commit()
    assert stored(db, alice) == [] and usage(db, alice) == {}
    assert stored(db, bob) == bob_rows and usage(db, bob) == bob_usage

    # Alice cannot reach Bob's rows by id.
    assert workouts.delete_session(db, alice, bob_session) is False
    assert workout_lines.delete_line(db, alice, bob_line) is False
    assert not workout_lines.update_line(db, alice, bob_line, line_input(squat, 1, 1, 200)).ok
    assert not workout_lines.add_line(db, alice, bob_session, line_input(squat, 1, 1, 200)).ok
    assert workouts.update_session(db, alice, bob_session, SessionInput(date=day(0))) is False
    db.commit()
    assert stored(db, bob) == bob_rows and usage(db, bob) == bob_usage


def test_record_history_is_newest_first_in_training_order(db_session, people):
    from dashboard_app.services.records import record_history

    db, p = db_session, people
    evening = new_session(db, p.alice, day(0), time(18, 0))
    log(db, p.alice, evening, p.squat, 1, 1, 120.0)
    unknown_start = new_session(db, p.alice, day(0))  # saved later, trained before the evening
    log(db, p.alice, unknown_start, p.squat, 1, 1, 100.0)
    history = record_history(db, p.alice, p.squat)
    assert [(h["session_id"], h["record_type"], h["value"]) for h in history] == [
        (evening, "e1rm", 120.0),
        (evening, "max_load", 120.0),
        (evening, "max_volume", 120.0),
        (evening, "session_volume", 120.0),
        (unknown_start, "e1rm", 100.0),
        (unknown_start, "max_load", 100.0),
        (unknown_start, "max_reps", 1.0),
        (unknown_start, "max_volume", 100.0),
        (unknown_start, "session_volume", 100.0),
    ]
    assert record_history(db, p.bob, p.squat) == []
    assert record_history(db, p.alice, "1") == []


def test_stored_record_rows_follow_edits_of_their_line(db_session, people):
    """A row's sets, reps and load are those of its line now, as a rebuild would give."""
    db, alice, squat = db_session, people.alice, people.squat
    s1 = new_session(db, alice, day(0))
    line = log(db, alice, s1, squat, 3, 5, 100).line_id
    workout_lines.update_line(db, alice, line, line_input(squat, 1, 5, 100))
    db.commit()
    details = {
        r.record_type: (r.sets, r.reps, r.load_weight)
        for r in db.execute(
            select(
                PersonalRecord.record_type,
                PersonalRecord.sets,
                PersonalRecord.reps,
                PersonalRecord.load_weight,
            ).where(PersonalRecord.user_id == alice)
        )
    }
    assert details == {
        "e1rm": (1, 5, 100.0),
        "max_load": (1, 5, 100.0),
        "max_reps": (1, 5, 100.0),
        "max_volume": (1, 5, 100.0),
        "session_volume": (None, None, None),
    }


# The key property: after any sequence of edits, the stored rows are a full recomputation.


BASE = date(2026, 1, 5)
LOADS = (0.0, 20.0, 40.0, 60.0, 62.5, 80.0, 100.0)
STARTS = (None, None, time(7), time(7, 30), time(18))


@dataclass(frozen=True)
class DbLine:
    id: int
    exercise_id: int
    session_id: int
    position: int
    sets: int
    reps: int
    load: float
    warmup: bool
    date: date
    start: datetime | None


def db_lines(db, user_id: int) -> list[DbLine]:
    query = (
        select(
            WorkoutDetail.id,
            WorkoutDetail.exercise_id,
            WorkoutDetail.session_id,
            WorkoutDetail.position,
            WorkoutDetail.sets,
            WorkoutDetail.reps,
            WorkoutDetail.load_weight,
            WorkoutDetail.is_warmup,
            TrainingSession.date,
            TrainingSession.training_start,
        )
        .join(TrainingSession, WorkoutDetail.session_id == TrainingSession.id)
        .where(WorkoutDetail.user_id == user_id)
    )
    return [DbLine(*r) for r in db.execute(query)]


def brute_e1rm(load: float, reps: int, formula: str) -> float | None:
    if reps > 12:
        return None
    if reps == 1:
        return load
    if formula == "brzycki":
        return load * 36 / (37 - reps)
    return load * (1 + reps / 30)


def brute_value(record_type: str, line: DbLine, formula: str) -> float | None:
    if line.warmup:
        return None
    if record_type == "e1rm":
        value = brute_e1rm(line.load, line.reps, formula)
    elif record_type == "max_load":
        value = line.load
    elif record_type == "max_reps":
        value = float(line.reps)
    else:  # max_volume: one set's
        value = line.reps * line.load
    if value is None or value <= 0:
        return None
    return value


def brute_records(lines: list[DbLine], formula: str) -> dict[tuple, bool]:
    """{(exercise, type, session, line, value, day): is the first of its type} by plain loops."""
    result = {}
    exercises = {line.exercise_id for line in lines}
    for exercise in exercises:
        sessions: dict[int, list[DbLine]] = {}
        for line in lines:
            if line.exercise_id == exercise:
                sessions.setdefault(line.session_id, []).append(line)

        # Training order: day, sessions without a start first, start, then session id.
        order = {}
        for session_id, session_lines in sessions.items():
            first = session_lines[0]
            started = first.start is not None
            order[session_id] = (first.date, started, first.start or datetime.min, session_id)

        for record_type in TYPES:
            held = None
            for session_id in sorted(sessions, key=order.get):
                logged = sorted(sessions[session_id], key=lambda x: (x.position, x.id))
                if record_type == "session_volume":
                    value = 0.0
                    for line in logged:
                        if not line.warmup:
                            value += line.sets * line.reps * line.load
                    line_id = None
                    if value <= 0:
                        continue
                else:
                    candidates = []
                    for line in logged:
                        v = brute_value(record_type, line, formula)
                        if v is not None:
                            candidates.append((v, line.id))
                    if not candidates:
                        continue
                    top = max(round(v, 6) for v, _ in candidates)
                    for v, i in candidates:
                        if round(v, 6) == top:
                            value, line_id = v, i
                            break
                if held is None or round(value, 6) > round(held, 6):
                    key = (
                        exercise,
                        record_type,
                        session_id,
                        line_id,
                        round(value, 6),
                        logged[0].date,
                    )
                    result[key] = held is None
                    held = value
    return result


def brute_usage(lines: list[DbLine]) -> dict[int, tuple[int, date]]:
    result = {}
    for exercise in {line.exercise_id for line in lines}:
        mine = [line for line in lines if line.exercise_id == exercise]
        result[exercise] = (len({x.session_id for x in mine}), max(x.date for x in mine))
    return result


@dataclass
class Shadow:
    """What the test expects in the database: sessions and lines, by id."""

    sessions: dict[int, tuple[int, date, datetime | None]] = field(default_factory=dict)
    lines: dict[int, tuple] = field(default_factory=dict)

    def sessions_of(self, who: int) -> list[int]:
        return sorted(s for s, v in self.sessions.items() if v[0] == who)

    def lines_of(self, who: int) -> list[int]:
        return sorted(line for line, v in self.lines.items() if v[0] == who)


users = st.integers(0, 1)
picks = st.integers(0, 1_000)
when = st.tuples(st.integers(0, 3), st.sampled_from(STARTS))
line_fields = st.tuples(
    st.integers(0, 2),
    st.integers(1, 5),
    st.integers(1, 15),
    st.sampled_from(LOADS),
    st.booleans(),
)
# Every operation draws every field and uses those its kind needs; adding lines is the most
# common edit (sampled_from draws each entry alike, and shrinks towards the first).
NO_LINE = (0, 1, 1, 0.0, False)
KINDS = ("add",) * 5 + ("session", "update", "delete_line", "delete_session", "move")
operations = st.tuples(st.sampled_from(KINDS), users, picks, line_fields, when)


def apply(db, people: People, shadow: Shadow, op: tuple) -> list[NewRecord] | None:
    """Apply one edit through the services and mirror it in shadow; new records, if any."""
    kind, who, pick, fields, (offset, start) = op
    user_id = (people.alice, people.bob)[who]
    exercises = (people.squat, people.deadlift, people.bench)
    if kind == "session":
        data = SessionInput(date=BASE + timedelta(days=offset), start_time=start)
        session_id = workouts.create_session(db, user_id, data)
        shadow.sessions[session_id] = (who, data.date, data.starts_at)
        return None
    if kind in ("add", "delete_session", "move"):
        mine = shadow.sessions_of(who)
        if not mine:
            return None
        session_id = mine[pick % len(mine)]
        if kind == "delete_session":
            assert workouts.delete_session(db, user_id, session_id) is True
            del shadow.sessions[session_id]
            for line_id in [k for k, v in shadow.lines.items() if v[1] == session_id]:
                del shadow.lines[line_id]
            return None
        if kind == "move":
            data = SessionInput(date=BASE + timedelta(days=offset), start_time=start)
            assert workouts.update_session(db, user_id, session_id, data) is True
            shadow.sessions[session_id] = (who, data.date, data.starts_at)
            return None
        exercise, sets, reps, load, warmup = fields
        data = line_input(exercises[exercise], sets, reps, load, warmup)
        change = workout_lines.add_line(db, user_id, session_id, data)
        assert change.ok, change.errors
        positions = [v[2] for v in shadow.lines.values() if v[1] == session_id]
        position = max(positions) + 1 if positions else 0
        shadow.lines[change.line_id] = (
            who,
            session_id,
            position,
            exercises[exercise],
            sets,
            reps,
            load,
            warmup,
        )
        return change.new_records
    mine = shadow.lines_of(who)
    if not mine:
        return None
    line_id = mine[pick % len(mine)]
    if kind == "delete_line":
        assert workout_lines.delete_line(db, user_id, line_id) is True
        del shadow.lines[line_id]
        return None
    exercise, sets, reps, load, warmup = fields
    data = line_input(exercises[exercise], sets, reps, load, warmup)
    change = workout_lines.update_line(db, user_id, line_id, data)
    assert change.ok and change.line_id == line_id, change.errors
    _, session_id, position, *_ = shadow.lines[line_id]
    shadow.lines[line_id] = (
        who,
        session_id,
        position,
        exercises[exercise],
        sets,
        reps,
        load,
        warmup,
    )
    return change.new_records


def check(db, people: People, shadow: Shadow, formulas: tuple[str, str]) -> dict:
    """Compare the database with the shadow and brute-force recomputations; the expected keys."""
    expected_by_user = {}
    for who, user_id in enumerate((people.alice, people.bob)):
        lines = db_lines(db, user_id)
        assert sorted(
            (x.id, x.session_id, x.position, x.exercise_id, x.sets, x.reps, x.load, x.warmup)
            for x in lines
        ) == sorted((k, *v[1:]) for k, v in shadow.lines.items() if v[0] == who)
        for x in lines:
            assert (x.date, x.start) == shadow.sessions[x.session_id][1:]
        assert sorted(
            db.scalars(select(TrainingSession.id).where(TrainingSession.user_id == user_id))
        ) == shadow.sessions_of(who)

        expected = brute_records(lines, formulas[who])
        assert stored(db, user_id) == sorted(expected, key=repr)
        assert usage(db, user_id) == brute_usage(lines)
        expected_by_user[who] = expected
    return expected_by_user


def reset(db, people: People) -> None:
    """Empty both users' training data (each hypothesis example starts from nothing)."""
    owners = (people.alice, people.bob)
    db.execute(delete(PersonalRecord).where(PersonalRecord.user_id.in_(owners)))
    db.execute(delete(UserExerciseHistory).where(UserExerciseHistory.user_id.in_(owners)))
    db.execute(delete(WorkoutDetail).where(WorkoutDetail.user_id.in_(owners)))
    db.execute(delete(TrainingSession).where(TrainingSession.user_id.in_(owners)))
    db.commit()
    db.expunge_all()


@pytest.fixture
def two_trainees(db_session, people) -> People:
    db_session.get(User, people.bob).e1rm_formula = "epley"
    db_session.commit()
    return people


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    database=None,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    opening=st.tuples(when, when),
    ops=st.lists(operations, min_size=10, max_size=40),
)
def test_stored_records_and_usage_always_match_a_full_recomputation(
    db_session, two_trainees, opening, ops
):
    db, people = db_session, two_trainees
    reset(db, people)
    shadow = Shadow()
    formulas = ("brzycki", "epley")
    before = check(db, people, shadow, formulas)
    # Both users start with a session, so that most edits find something to change.
    starts = [("session", who, 0, NO_LINE, moment) for who, moment in enumerate(opening)]
    for op in starts + ops:
        reported = apply(db, people, shadow, op)
        db.commit()
        after = check(db, people, shadow, formulas)
        if reported is not None:
            who = op[1]
            # "New PR" is every row the edit added that beats an earlier record.
            expected_new = sorted(
                (people.names[key[0]], key[1], key[4])
                for key, is_first in after[who].items()
                if key not in before[who] and not is_first
            )
            got = sorted((r.exercise_name, r.record_type, round(r.value, 6)) for r in reported)
            assert got == expected_new
            for record in reported:
                assert record.previous is not None
                assert round(record.value, 6) > round(record.previous, 6)
        before = after
