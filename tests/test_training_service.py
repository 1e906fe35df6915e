"""The training service: scoped loading of lines and recovery, and the demo user's report."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from dashboard_app.services import training
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.demo import create_demo_user
from db.models import DailyMetric, Exercise, MuscleGroup, TrainingSession, User, WorkoutDetail

DAY = date(2026, 3, 2)


def _exercise_with_secondaries(db_session) -> Exercise:
    chest, triceps, shoulders = (MuscleGroup(name=n) for n in ("Chest", "Triceps", "Shoulders"))
    exercise = Exercise(name="Bench", muscle_group=chest, secondary_muscles=[shoulders, triceps])
    db_session.add(exercise)
    db_session.flush()
    return exercise


def _session(db_session, user_id, day, mesocycle, exercise, **line):
    row = TrainingSession(user_id=user_id, date=day, mesocycle_name=mesocycle)
    db_session.add(row)
    db_session.flush()
    detail = WorkoutDetail(
        session_id=row.id,
        user_id=user_id,
        exercise_id=exercise.id if exercise else None,
        exercise_name=exercise.name if exercise else line.pop("name"),
        muscle_group=line.pop("muscle_group", "Chest"),
        sets=line.pop("sets", 3),
        reps=line.pop("reps", 8),
        load_weight=line.pop("load_weight", 100.0),
        **line,
    )
    db_session.add(detail)
    db_session.flush()
    return row


def test_lines_are_the_users_own_with_their_secondary_muscles(db_session, user_pair):
    alice, bob = user_pair
    bench = _exercise_with_secondaries(db_session)
    _session(db_session, alice, DAY, "Block A", bench, rir=2, stimulus=3, fatigue_level=2)
    _session(db_session, bob, DAY, "Block A", bench, sets=9, load_weight=200.0)
    _session(db_session, bob, DAY, "Bob's block", bench)
    db_session.commit()
    lines = training.load_lines(db_session, alice, mesocycle="Block A")
    assert [(line.sets, line.load_kg) for line in lines] == [(3, 100.0)]
    (line,) = lines
    assert line.primary_muscle == "Chest"
    assert line.secondary_muscles == ("Shoulders", "Triceps")
    assert (line.rir, line.stimulus, line.fatigue) == (2, 3, 2)
    assert training.mesocycle_names(db_session, alice) == ["Block A"]
    report = training.training_report(db_session, alice, "Bob's block", DAY)
    assert report.mesocycle == "Block A"
    assert report.mesocycles == ("Block A",)
    assert report.weeks[0].hard_sets("Chest") == 3
    assert report.weeks[0].hard_sets("Triceps") == 1.5


def test_a_deleted_exercises_lines_keep_their_muscle_and_have_no_secondaries(db_session, user_pair):
    alice, _bob = user_pair
    _session(db_session, alice, DAY, "Block A", None, name="Old press", muscle_group="Shoulders")
    db_session.commit()
    (line,) = training.load_lines(db_session, alice, start=DAY, end=DAY)
    assert (line.exercise_name, line.primary_muscle, line.secondary_muscles) == (
        "Old press",
        "Shoulders",
        (),
    )
    assert line.exercise_id == training.deleted_exercise_id("Old press") < 0


def test_mesocycles_are_newest_first_and_the_current_is_the_latest(db_session, user_pair):
    alice, _bob = user_pair
    bench = _exercise_with_secondaries(db_session)
    _session(db_session, alice, DAY, "Old", bench)
    _session(db_session, alice, DAY + timedelta(days=40), "New", bench)
    _session(db_session, alice, DAY + timedelta(days=50), None, bench)
    db_session.commit()
    assert training.mesocycle_names(db_session, alice) == ["New", "Old"]
    assert training.current_mesocycle(db_session, alice) == "New"


def test_sleep_comes_from_the_times_else_from_minutes(db_session, user_pair):
    alice, bob = user_pair
    night = datetime(2026, 3, 1, 23, 0)
    db_session.add_all(
        [
            DailyMetric(
                user_id=alice,
                date=DAY,
                sleep_start=night,
                sleep_end=night + timedelta(hours=7, minutes=30),
                sleep_minutes=300,
                stress_level=4,
            ),
            DailyMetric(user_id=alice, date=DAY + timedelta(days=1), sleep_minutes=390),
            DailyMetric(user_id=alice, date=DAY + timedelta(days=2), energy_level=6),
            DailyMetric(user_id=bob, date=DAY, sleep_minutes=600, stress_level=9),
        ]
    )
    db_session.commit()
    rows = training.load_recovery(db_session, alice, DAY, DAY + timedelta(days=5))
    assert [(row.sleep_hours, row.stress, row.energy) for row in rows] == [
        (7.5, 4, None),
        (6.5, None, None),
        (None, None, 6),
    ]


def test_no_mesocycles_gives_an_empty_report(db_session, user_pair):
    alice, _bob = user_pair
    report = training.training_report(db_session, alice, None, DAY)
    assert report.mesocycle is None and report.weeks == () and report.mesocycles == ()


def test_the_demo_users_blocks_have_believable_numbers(db_session):
    seed_catalogue(db_session)
    demo = create_demo_user(db_session, days=200, seed=3)
    db_session.commit()
    user_id = db_session.scalar(select(User.id).where(User.username == demo.username))
    names = training.mesocycle_names(db_session, user_id)
    assert len(names) >= 4
    today = db_session.scalar(select(TrainingSession.date).order_by(TrainingSession.date.desc()))
    current = training.training_report(db_session, user_id, None, today)
    assert current.mesocycle == names[0] and current.is_current
    assert current.suggestions and all(item.reasons for item in current.suggestions)
    assert current.readiness is not None and current.readiness.reasons
    assert current.acute_chronic
    assert len(current.retrospective) == min(len(names) - 1, training.RETRO_BLOCKS)
    assert sum(block.pr_count for block in current.retrospective) > 0
    longest = max(
        (training.training_report(db_session, user_id, name, today) for name in names[1:]),
        key=lambda report: len(report.weeks),
    )
    assert not longest.is_current and len(longest.weeks) >= 4
    for week in longest.weeks:
        assert week.sessions > 0 and sum(m.hard_sets for m in week.muscles.values()) > 0
        assert 1 <= week.mean_stimulus <= 5 and 1 <= week.mean_fatigue <= 5
    loading = [week.mean_rir for week in longest.weeks[:-1]]
    assert loading[0] > loading[-1] and loading[-1] <= 1  # RIR falls through the block
    assert longest.weeks[-1].mean_rir >= 4  # then the deload
    assert [week.target_rir for week in longest.weeks][-1] == 4
    assert longest.e1rm_changes and longest.sfr
    assert [item.rank for item in longest.sfr] == list(range(1, len(longest.sfr) + 1))
    assert all(item.reasons for item in longest.suggestions)


def test_muscle_load_compares_the_last_week_with_the_four_weeks_and_renders(db_session, user_pair):
    from dashboard_app.widgets.base import WidgetContext
    from dashboard_app.widgets.registry import RENDERERS

    alice, bob = user_pair
    bench = _exercise_with_secondaries(db_session)
    _session(db_session, alice, DAY, None, bench, sets=6)  # the last 7 days
    _session(db_session, alice, DAY - timedelta(days=20), None, bench, sets=2)
    _session(db_session, alice, DAY - timedelta(days=40), None, bench, sets=50)  # too old
    _session(db_session, bob, DAY, None, bench, sets=30)
    db_session.commit()
    rows = {row.muscle: row for row in training.muscle_load(db_session, alice, DAY)}
    assert (rows["Chest"].acute_sets, rows["Chest"].chronic_sets_per_week) == (6, 2.0)
    assert rows["Chest"].ratio == 3.0  # a sharp rise
    assert rows["Triceps"].acute_sets == 3  # secondaries count half
    kind = RENDERERS["muscle_load"]
    context = WidgetContext(alice, DAY, None, "all", "kg", "light")
    figure = kind.render(kind.load(db_session, context), context).children.figure
    last_week = figure.data[1]
    assert list(last_week.y) == ["Chest", "Shoulders", "Triceps"]
    assert list(last_week.marker.color)[0] == "#dc3545"


def test_a_block_in_progress_is_judged_by_its_finished_weeks(db_session, user_pair):
    alice, _bob = user_pair
    bench = _exercise_with_secondaries(db_session)
    start = DAY - timedelta(days=14)  # weeks 1 and 2 are over; week 3 began today
    for offset in (0, 2, 7, 9):
        _session(
            db_session,
            alice,
            start + timedelta(days=offset),
            "Live",
            bench,
            sets=6,
            rir=2,
            stimulus=3,
            fatigue_level=3,
        )
    _session(db_session, alice, DAY, "Live", bench, sets=2, rir=2, stimulus=3, fatigue_level=3)
    db_session.commit()
    report = training.training_report(db_session, alice, "Live", DAY)
    # Not over: its latest week is not its deload; the usual 5-week plan gives 3-2-1.
    assert [week.target_rir for week in report.weeks] == [3, 2, 1]
    chest = next(s for s in report.suggestions if s.muscle == "Chest")
    assert chest.last_sets == 12  # the last finished week, not today's 2 sets
