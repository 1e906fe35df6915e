"""Stored insights: data versions, recompute only after a change, replace in one go, isolation."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from dashboard_app.analytics.insights import deviations_of
from dashboard_app.schemas.daily_log import DailyEntryInput
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services import daily_log, insights, workout_lines, workouts
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.demo import create_demo_user
from dashboard_app.services.users import create_user
from db.models import CorrelationInsight, Exercise, User

END = date(2026, 6, 30)


@pytest.fixture
def people(db_engine, db_session, prepared):
    def build(session):
        seed_catalogue(session)
        create_demo_user(session, username="demo", days=200, end=END, seed=3)
        create_user(session, username="bob", email="b@example.com", password="b long pass")

    prepared(db_engine, "insights-service-people", build)
    ids = dict(db_session.execute(select(User.username, User.id)).all())
    return ids["demo"], ids["bob"]


def version(session, user_id) -> tuple[int, int | None]:
    session.expire_all()
    row = session.execute(
        select(User.data_version, User.insights_version).where(User.id == user_id)
    ).one()
    return tuple(row)


def stored_count(session, user_id) -> int:
    return session.scalar(
        select(func.count(CorrelationInsight.id)).where(CorrelationInsight.user_id == user_id)
    )


def test_every_change_to_logged_data_bumps_only_its_owners_version(db_session, people):
    demo, bob = people
    session = db_session
    squat = session.scalar(select(Exercise.id).where(Exercise.name == "Barbell Squat"))
    start = version(session, bob)[0]
    demo_start = version(session, demo)[0]

    daily_log.save_entry(session, bob, DailyEntryInput(date=END, energy_level=6))
    session.commit()
    assert version(session, bob)[0] == start + 1
    daily_log.save_entry(session, bob, DailyEntryInput(date=END, energy_level=6))  # unchanged
    session.commit()
    assert version(session, bob)[0] == start + 1
    daily_log.save_entry(session, bob, DailyEntryInput(date=END, energy_level=7))
    session.commit()
    assert version(session, bob)[0] == start + 2

    day = workouts.create_session(session, bob, SessionInput(date=END))
    session.commit()
    line = workout_lines.add_line(
        session, bob, day, LineInput(exercise_id=squat, sets=3, reps=5, load_kg=100.0)
    )
    session.commit()
    assert version(session, bob)[0] == start + 4
    workout_lines.delete_line(session, bob, line.line_id)
    session.commit()
    workouts.delete_session(session, bob, day)
    session.commit()
    assert version(session, bob)[0] == start + 6
    assert version(session, demo)[0] == demo_start  # another user's version never moves


def test_insights_are_computed_once_and_again_only_after_a_change(db_session, people):
    demo, _bob = people
    session = db_session
    assert insights.is_stale(session, demo)  # never computed
    assert insights.ensure_insights(session, demo) is True
    stored = stored_count(session, demo)
    assert stored > 50
    data_version, insights_version = version(session, demo)
    assert insights_version == data_version
    assert insights.ensure_insights(session, demo) is False  # a visit without a change

    daily_log.save_entry(
        session, demo, DailyEntryInput(date=END + timedelta(days=1), stress_level=9)
    )
    session.commit()
    assert insights.is_stale(session, demo)
    assert insights.ensure_insights(session, demo) is True
    assert stored_count(session, demo) >= stored  # replaced, not added to
    assert insights.ensure_insights(session, demo) is False


def test_recompute_replaces_the_users_rows_and_never_touches_another_users(db_session, people):
    demo, bob = people
    session = db_session
    insights.ensure_insights(session, demo)
    # Bob: 30 days where energy follows sleep exactly (irregular nights: a strict cycle would
    # be a handful of independent days repeated).
    nights = random.Random(5).choices(range(5, 10), k=30)
    for offset, hours in enumerate(nights):
        night = END - timedelta(days=offset)
        entry = DailyEntryInput(
            date=night,
            sleep_start=datetime.combine(night, datetime.min.time()) - timedelta(hours=1),
            sleep_end=datetime.combine(night, datetime.min.time()) + timedelta(hours=hours - 1),
            energy_level=hours,
        )
        daily_log.save_entry(session, bob, entry)
    session.commit()
    demo_rows = stored_count(session, demo)
    assert insights.recompute_insights(session, bob) == stored_count(session, bob) > 0
    session.commit()
    assert stored_count(session, demo) == demo_rows
    bobs = insights.stored_insights(session, bob)
    assert {(i.metric_x, i.metric_y) for i in bobs} >= {("sleep_hours", "energy")}
    found = next(
        i for i in bobs if (i.metric_x, i.metric_y, i.lag_days) == ("sleep_hours", "energy", 0)
    )
    assert found.correlation_value == pytest.approx(1.0)
    assert found.sample_size == 30
    assert found.is_significant


def test_the_demo_users_planted_relationships_are_among_the_top_findings(db_session, people):
    demo, _bob = people
    findings = insights.insights_for(db_session, demo, None, END)
    assert findings.recomputing is False  # no job queue: computed in the request
    found = findings.insights
    top = [(i.metric_x, i.metric_y, i.lag_days) for i in found[:15]]
    assert ("sleep_hours", "energy", 0) in top
    assert ("stress", "motivation", 0) in top
    assert found == insights.stored_insights(db_session, demo)
    assert all(i.is_significant for i in found[:5])


def test_a_window_is_computed_on_request_and_never_stored(db_session, people):
    demo, _bob = people
    window = insights.window_insights(db_session, demo, 90, END)
    assert window and all(
        i.period_start >= END - timedelta(days=89) and i.sample_size <= 90 for i in window
    )
    assert stored_count(db_session, demo) == 0


def test_pair_points_are_deviations_with_x_shifted_by_calendar_days(db_session, people):
    demo, _bob = people
    frame = insights.load_frame(db_session, demo)
    compared = deviations_of(frame)
    same = insights.pair_points(frame, "stress", "sleep_hours", 0)
    next_day = insights.pair_points(frame, "stress", "sleep_hours", 1)
    assert len(same["x"]) == len(same["y"]) == len(same["dates"])
    day = next_day["dates"][5]
    yesterday = day - timedelta(days=1)
    assert next_day["x"][5] == pytest.approx(compared.loc[str(yesterday), "stress"])
    assert next_day["y"][5] == pytest.approx(compared.loc[str(day), "sleep_hours"])
    assert next_day["x"][5] != frame.loc[str(yesterday), "stress"]  # not the raw rating
    groups = insights.pair_points(frame, "trained", "energy", 1)
    assert set(groups["x"]) == {0.0, 1.0}  # a yes/no x stays two groups
    assert insights.pair_points(frame, "stress", "nonsense", 0) is None
    assert insights.pair_points(frame, "stress", "energy", 2) is None


def test_a_new_engine_version_recomputes_unchanged_data(db_session, people, monkeypatch):
    demo, _bob = people
    assert insights.ensure_insights(db_session, demo) is True
    assert insights.is_stale(db_session, demo) is False
    monkeypatch.setattr(insights, "ENGINE_VERSION", insights.ENGINE_VERSION + 1)
    assert insights.is_stale(db_session, demo) is True  # the rules changed, not the data
    assert insights.ensure_insights(db_session, demo) is True
    db_session.expire_all()
    assert db_session.get(User, demo).insights_engine == insights.ENGINE_VERSION
    assert insights.ensure_insights(db_session, demo) is False


def test_switching_to_pounds_rewrites_the_sentences_in_pounds(db_session, people):
    from dashboard_app.schemas.accounts import ProfileInput
    from dashboard_app.services.preferences import save_profile

    _demo, bob = people
    # Bob's morning weight follows the day before's intake (around a flat trend).
    rng = random.Random(9)
    calories = [rng.gauss(2500, 400) for _ in range(91)]
    for day in range(90):
        weight = 80 + 0.001 * (calories[day] - 2500) + rng.gauss(0, 0.15)
        entry = DailyEntryInput(
            date=END - timedelta(days=89 - day), calories=round(calories[day + 1]), weight=weight
        )
        daily_log.save_entry(db_session, bob, entry)
    db_session.commit()

    def weight_sentences():
        insights.ensure_insights(db_session, bob)
        return [
            i.insight_text
            for i in insights.stored_insights(db_session, bob)
            if i.metric_y == "weight" and i.is_significant
        ]

    in_kg = weight_sentences()
    assert in_kg and all(" kg " in text for text in in_kg)
    save_profile(db_session, bob, ProfileInput(weight_unit="lb"))
    assert insights.is_stale(db_session, bob)
    in_pounds = weight_sentences()
    assert in_pounds and all(" lb " in text and " kg " not in text for text in in_pounds)


def test_two_visits_at_once_recompute_without_clashing(db_engine, db_session, people):
    import threading

    from db.session import create_session_factory

    demo, _bob = people
    db_session.commit()
    factory = create_session_factory(db_engine)
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def visit():
        with factory() as session:
            try:
                barrier.wait()
                outcomes.append(insights.ensure_insights(session, demo))
                session.commit()  # the visit's request commits, releasing the lock
            except Exception as exc:  # the test reports any failure, whatever its kind
                errors.append(repr(exc))

    threads = [threading.Thread(target=visit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert True in outcomes
    if db_engine.dialect.name == "postgresql":
        assert sorted(outcomes) == [False, True]  # the second waited, then found them fresh
    with factory() as session:
        assert not insights.is_stale(session, demo)
        stored = stored_count(session, demo)
        assert stored == len(insights.stored_insights(session, demo)) > 50
