"""The demo account: believable generated data, and how it lands in the database."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import event, func, select

from dashboard_app.passwords import verify_password
from dashboard_app.services.demo import (
    DemoUserExists,
    create_demo_user,
    delete_user_by_username,
)
from dashboard_app.services.demo_data import DemoData, DemoSession, generate_demo_data
from db.models import (
    DailyMetric,
    DashboardPreference,
    Exercise,
    TrainingSession,
    User,
    UserExerciseHistory,
    WorkoutDetail,
)

END = date(2026, 3, 1)
MAIN_LIFTS = ("Barbell Squat", "Barbell Bench Press - Medium Grip", "Barbell Deadlift")


@pytest.fixture(scope="module")
def year() -> DemoData:
    return generate_demo_data(42, END, 365)


@pytest.fixture(scope="module")
def daily(year) -> pd.DataFrame:
    frame = pd.DataFrame([asdict(entry) for entry in year.daily])
    frame["sleep_hours"] = (frame.sleep_end - frame.sleep_start).dt.total_seconds() / 3600
    frame["weekend"] = [d.weekday() >= 5 for d in frame.date]
    return frame


def _blocks(data: DemoData) -> dict[str, list[DemoSession]]:
    """Sessions per mesocycle, without the last one (still in progress at `end`)."""
    blocks: dict[str, list[DemoSession]] = defaultdict(list)
    for session in data.sessions:
        blocks[session.mesocycle].append(session)
    del blocks[data.sessions[-1].mesocycle]
    return blocks


def _weeks(sessions: list[DemoSession]) -> list[list[DemoSession]]:
    """A block's sessions by training week (Monday to Sunday), empty weeks included."""
    first_monday = sessions[0].date - timedelta(days=sessions[0].date.weekday())
    count = (sessions[-1].date - first_monday).days // 7 + 1
    weeks: list[list[DemoSession]] = [[] for _ in range(count)]
    for session in sessions:
        weeks[(session.date - first_monday).days // 7].append(session)
    return weeks


def test_same_seed_gives_the_same_data_and_another_seed_differs():
    first = generate_demo_data(7, END, 60)
    assert first == generate_demo_data(7, END, 60)
    other = generate_demo_data(8, END, 60)
    assert other.daily != first.daily
    assert other.sessions != first.sessions


def test_rejects_an_empty_range():
    with pytest.raises(ValueError, match="days"):
        generate_demo_data(1, END, 0)


def test_entries_stay_inside_the_range_and_the_valid_scales(year, daily):
    assert daily.date.min() >= END - timedelta(days=364) and daily.date.max() <= END
    assert daily.date.is_unique and daily.date.is_monotonic_increasing
    for column in ("stress_level", "energy_level", "motivation_level"):
        assert daily[column].dropna().between(1, 10).all()
    assert daily.weight.dropna().between(60, 100).all()
    nutrition = ["calories", "protein", "carbohydrate", "fat", "fibre", "water"]
    assert (daily[nutrition].dropna() > 0).all().all()
    assert year.sessions[-1].date <= END


def test_sleep_ends_after_it_starts_and_lasts_3_to_12_hours(daily):
    sleep = daily.dropna(subset=["sleep_start"])
    assert (sleep.sleep_end > sleep.sleep_start).all()
    assert sleep.sleep_hours.between(3, 12).all()
    # The night belongs to the morning it ended on.
    assert (sleep.sleep_end.dt.date == sleep.date).all()
    bedtime = (sleep.sleep_start - pd.to_datetime(sleep.date)).dt.total_seconds() / 3600
    assert -1.5 < bedtime[~sleep.weekend].median() < 0.5  # around 23:00
    assert bedtime[sleep.weekend].mean() > bedtime[~sleep.weekend].mean() + 0.5


def test_built_in_relationships_show_in_the_data(year, daily):
    assert daily.sleep_hours.corr(daily.energy_level) > 0.2
    assert daily.stress_level.corr(daily.motivation_level) < -0.2


def test_training_the_day_before_lowers_energy(year, daily):
    trained = {session.date for session in year.sessions}
    rated = daily.dropna(subset=["sleep_hours", "energy_level"])
    after_training = rated.date.map(lambda d: d - timedelta(days=1) in trained).astype(float)
    # Least squares with sleep and stress held fixed, so weekends cannot fake the effect.
    design = np.column_stack(
        [np.ones(len(rated)), rated.sleep_hours, rated.stress_level, after_training]
    )
    coefficients = np.linalg.lstsq(design, rated.energy_level.astype(float), rcond=None)[0]
    assert coefficients[3] < -0.3


def test_weight_falls_in_a_cut_then_holds_and_calories_follow(daily):
    weights = daily.dropna(subset=["weight"]).set_index("date").weight
    first_month, last_quarter = weights.iloc[:20].mean(), weights.iloc[-60:].mean()
    assert first_month - last_quarter > 3
    assert weights.iloc[-60:].std() < 1.5
    # Slow: under 1.5 kg between the averages of consecutive weeks with 3+ weigh-ins.
    weekly = weights.set_axis(pd.to_datetime(weights.index)).resample("W").agg(["mean", "count"])
    assert weekly["mean"].where(weekly["count"] >= 3).diff().abs().max() < 1.5
    calories = daily.dropna(subset=["calories"])
    cutting = calories.date < END - timedelta(days=250)
    assert calories.calories[cutting].mean() < calories.calories[~cutting].mean() - 200


def test_logging_has_gaps_like_a_real_person(daily):
    assert 250 < len(daily) < 365
    assert daily.weight.isna().any() and daily.weight.notna().mean() > 0.5
    logged_food = daily.calories.notna()
    assert logged_food[daily.weekend].mean() < logged_food[~daily.weekend].mean() - 0.3
    # A holiday (10-15 days): some 10 days in a row with at most half of them logged.
    days = pd.Series(1, index=pd.to_datetime(daily.date)).asfreq("D", fill_value=0)
    assert days.rolling(10).sum().min() <= 5


def test_session_lines_are_plausible(year):
    lines = [line for session in year.sessions for line in session.lines]
    assert all(5 <= len(session.lines) <= 6 for session in year.sessions)
    assert all(2 <= line.sets <= 5 and 5 <= line.reps <= 15 for line in lines)
    assert all(0 <= line.rir <= 10 for line in lines)
    assert all(1 <= line.stimulus <= 5 and 1 <= line.fatigue_level <= 5 for line in lines)
    for session in year.sessions:
        assert session.start_time.date() == session.date
        minutes = (session.end_time - session.start_time).total_seconds() / 60
        assert 30 <= minutes <= 120, session
    # Rounded to plates or dumbbells (which step applies is checked against the catalogue
    # in test_workout_lines_are_linked_to_the_catalogue_in_order).
    assert all(line.load_weight > 0 and line.load_weight % 0.5 == 0 for line in lines)
    squats = [line.load_weight for line in lines if line.exercise == MAIN_LIFTS[0]]
    assert min(squats) >= 60 and max(squats) <= 160


def test_mesocycles_last_4_to_6_weeks_on_a_weekly_pattern(year):
    blocks = _blocks(year)
    assert len(blocks) >= 6
    names = [session.mesocycle for session in year.sessions]
    assert names[0] == "Hypertrophy block 1"
    missed = False
    for sessions in blocks.values():
        weeks = _weeks(sessions)
        assert 4 <= len(weeks) <= 6
        assert [s.session_number for s in sessions] == list(range(1, len(sessions) + 1))
        per_week = [len(week) for week in weeks]
        assert 3 <= max(per_week) <= 4
        missed = missed or min(per_week) < max(per_week)
    assert missed, "a real lifter misses the odd session"


def test_rir_falls_through_each_block_and_the_deload_is_lighter(year):
    for name, sessions in _blocks(year).items():
        *loading, deload = _weeks(sessions)
        first_rir = np.mean([line.rir for s in loading[0] for line in s.lines])
        last_rir = np.mean([line.rir for s in loading[-1] for line in s.lines])
        assert last_rir < first_rir, name

        def sets_per_session(week: list[DemoSession]) -> float:
            return float(np.mean([sum(line.sets for line in s.lines) for s in week]))

        assert sets_per_session(deload) < 0.75 * sets_per_session(loading[-1]), name
        assert np.mean([line.rir for s in deload for line in s.lines]) > first_rir, name


def _loads(weeks: list[list[DemoSession]], exercise: str) -> list[float]:
    return [
        line.load_weight for w in weeks for s in w for line in s.lines if line.exercise == exercise
    ]


def test_main_lift_loads_rise_across_the_loading_weeks(year):
    rising = 0
    for name, sessions in _blocks(year).items():
        *loading, deload = _weeks(sessions)
        for lift in MAIN_LIFTS:
            loads = _loads(loading, lift)
            assert loads == sorted(loads), (name, lift)
            # Missed sessions can leave a lift with one loading week in a block, or none.
            if loads:
                assert all(load < loads[-1] for load in _loads([deload], lift)), (name, lift)
            if len(loads) >= 2:
                assert loads[-1] > loads[0], (name, lift)
                rising += 1
    assert rising >= 2 * len(_blocks(year))


def test_training_the_day_before_raises_fatigue(year):
    dates = {session.date for session in year.sessions}
    fatigue: dict[bool, list[int]] = {True: [], False: []}
    for session in year.sessions:
        back_to_back = session.date - timedelta(days=1) in dates
        fatigue[back_to_back].extend(line.fatigue_level for line in session.lines)
    assert np.mean(fatigue[True]) > np.mean(fatigue[False]) + 0.6


def _count(session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_create_demo_user_bulk_inserts_a_year(db_session):
    inserts: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if statement.startswith("INSERT INTO workout_details"):
            inserts.append(statement)

    engine = db_session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        report = create_demo_user(db_session, end=END)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    db_session.commit()

    data = generate_demo_data(42, END, 365)
    user = db_session.scalar(select(User).where(User.username == "demo"))
    assert (user.first_name, user.email) == ("Demo", "demo@example.com")
    assert verify_password(user.password_hash, report.password)
    assert report.password == "demo-lifter-2026"
    assert user.data_version > 0, "bulk inserts bypass the flush hook and must bump it"
    assert report.daily_entries == len(data.daily) == _count(db_session, DailyMetric)
    assert report.sessions == len(data.sessions) == _count(db_session, TrainingSession)
    lines = sum(line.sets for s in data.sessions for line in s.lines)  # a row per set
    assert report.workout_lines == lines == _count(db_session, WorkoutDetail)
    assert _count(db_session, WorkoutDetail, WorkoutDetail.user_id == user.id) == lines
    assert (report.first_date, report.last_date) == (data.daily[0].date, END)
    assert 1 <= len(inserts) <= 3, "workout lines must go in as one bulk insert"
    assert _count(db_session, Exercise, Exercise.user_id.is_(None)) == 873


def test_workout_lines_are_linked_to_the_catalogue_in_order(db_session):
    create_demo_user(db_session, days=42, end=END)
    data = generate_demo_data(42, END, 42)
    catalogue = {
        e.id: e for e in db_session.scalars(select(Exercise).where(Exercise.user_id.is_(None)))
    }
    rows = db_session.execute(
        select(TrainingSession.date, WorkoutDetail)
        .join(WorkoutDetail, WorkoutDetail.session_id == TrainingSession.id)
        .order_by(TrainingSession.date, WorkoutDetail.position)
    ).all()
    by_date: dict[date, list[WorkoutDetail]] = defaultdict(list)
    for day, detail in rows:
        exercise = catalogue[detail.exercise_id]
        assert detail.exercise_name == exercise.name
        assert detail.muscle_group == exercise.muscle_group.name
        assert detail.equipment == (exercise.equipment.name if exercise.equipment else None)
        step = 1.0 if detail.equipment == "Dumbbell" else 2.5
        assert detail.load_weight % step == 0, (detail.exercise_name, detail.load_weight)
        by_date[day].append(detail)
    for session in data.sessions:
        details = by_date[session.date]
        sets = [(block, line) for block, line in enumerate(session.lines) for _ in range(line.sets)]
        assert [d.position for d in details] == list(range(len(sets)))
        assert [(d.block, d.exercise_name, d.sets, d.reps, d.load_weight) for d in details] == [
            (block, line.exercise, 1, line.reps, line.load_weight) for block, line in sets
        ]


def test_exercise_history_counts_sessions_per_exercise(db_session):
    create_demo_user(db_session, days=120, end=END)
    data = generate_demo_data(42, END, 120)
    expected = Counter(name for s in data.sessions for name in {line.exercise for line in s.lines})
    last = {}
    for session in data.sessions:
        for line in session.lines:
            last[line.exercise] = session.date
    history = db_session.execute(
        select(Exercise.name, UserExerciseHistory.usage_count, UserExerciseHistory.last_used).join(
            Exercise, Exercise.id == UserExerciseHistory.exercise_id
        )
    ).all()
    assert {name: count for name, count, _ in history} == dict(expected)
    assert {name: used for name, _, used in history} == last
    assert max(expected.values()) > 1


def test_a_second_demo_user_is_refused_and_reset_deletes_everything(db_session):
    create_demo_user(db_session, days=30, end=END)
    db_session.commit()
    with pytest.raises(DemoUserExists, match="'demo' already exists"):
        create_demo_user(db_session, days=30, end=END)
    with pytest.raises(DemoUserExists):
        create_demo_user(db_session, username="DEMO", days=30, end=END)

    assert delete_user_by_username(db_session, "demo") is True
    db_session.commit()
    assert delete_user_by_username(db_session, "demo") is False
    for model in (
        User,
        DailyMetric,
        TrainingSession,
        WorkoutDetail,
        UserExerciseHistory,
        DashboardPreference,
    ):
        assert _count(db_session, model) == 0, model.__tablename__
    assert _count(db_session, Exercise) == 873
    assert create_demo_user(db_session, days=30, end=END).sessions > 0
