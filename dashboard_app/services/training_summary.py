"""Training and logging summaries of one user for the dashboard's widgets (plain data out)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func
from sqlalchemy.orm import Session

from dashboard_app.services.scope import LINE_SESSION, select_owned_columns
from db.models import DailyMetric, TrainingSession, WorkoutDetail

NO_MUSCLE_GROUP = "Unassigned"
AVERAGE_DAYS = 7


@dataclass(frozen=True)
class DashboardStats:
    """The headline numbers: logging streak, this week's sessions, 7-day averages (SI units)."""

    streak_days: int
    streak_includes_today: bool
    sessions_this_week: int
    week_start: date
    weight_avg_kg: float | None
    weigh_ins: int
    sleep_avg_hours: float | None
    nights: int


def week_start(day: date) -> date:
    """The Monday of day's ISO week."""
    return day - timedelta(days=day.weekday())


def weekly_sets_by_muscle(
    session: Session, user_id: int, start: date | None, end: date
) -> list[dict[str, Any]]:
    """Working sets (warm-ups excluded) per ISO week and muscle group in [start, end].

    Rows {"week": Monday, "muscle_group": name, "sets": n}, oldest week first, then by name.
    SQL sums per day (weeks are computed differently by every backend); Python rolls days up.
    """
    query = (
        select_owned_columns(
            WorkoutDetail,
            user_id,
            TrainingSession.date,
            WorkoutDetail.muscle_group,
            func.sum(WorkoutDetail.sets).label("sets"),
        )
        .select_from(WorkoutDetail)
        .join(TrainingSession, LINE_SESSION)
        .where(WorkoutDetail.is_warmup.is_(False), TrainingSession.date <= end)
        .group_by(TrainingSession.date, WorkoutDetail.muscle_group)
    )
    if start is not None:
        query = query.where(TrainingSession.date >= start)
    weeks: dict[tuple[date, str], int] = defaultdict(int)
    for row in session.execute(query):
        weeks[(week_start(row.date), row.muscle_group or NO_MUSCLE_GROUP)] += int(row.sets)
    return [
        {"week": week, "muscle_group": muscle, "sets": sets}
        for (week, muscle), sets in sorted(weeks.items())
    ]


def daily_working_sets(session: Session, user_id: int, start: date, end: date) -> dict[date, int]:
    """Working sets on each day with a session in [start, end] (0 for warm-ups only)."""
    query = (
        select_owned_columns(
            TrainingSession,
            user_id,
            TrainingSession.date,
            func.coalesce(func.sum(WorkoutDetail.sets), 0).label("sets"),
        )
        .outerjoin(
            WorkoutDetail,
            and_(
                WorkoutDetail.session_id == TrainingSession.id,
                WorkoutDetail.is_warmup.is_(False),
            ),
        )
        .where(TrainingSession.date >= start, TrainingSession.date <= end)
        .group_by(TrainingSession.date)
    )
    return {row.date: int(row.sets) for row in session.execute(query)}


def _streak(logged: list[date], today: date) -> tuple[int, bool]:
    """Consecutive logged days ending today, or yesterday while today is still open."""
    days = set(logged)
    includes_today = today in days
    day = today if includes_today else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count, includes_today


def _logged_days(session: Session, user_id: int, today: date) -> list[date]:
    """Days with an entry up to today, newest first, stopping at the first gap."""
    query = (
        select_owned_columns(DailyMetric, user_id, DailyMetric.date)
        .where(DailyMetric.date <= today)
        .order_by(DailyMetric.date.desc())
    )
    days: list[date] = []
    for (day,) in session.execute(query):
        if days and day != days[-1] - timedelta(days=1):
            break
        days.append(day)
    return days


def _week_averages(session: Session, user_id: int, today: date) -> tuple:
    """Mean weight and sleep of the last 7 days and how many values each is over."""
    first = today - timedelta(days=AVERAGE_DAYS - 1)
    rows = session.execute(
        select_owned_columns(
            DailyMetric, user_id, DailyMetric.weight, DailyMetric.sleep_start, DailyMetric.sleep_end
        ).where(DailyMetric.date >= first, DailyMetric.date <= today)
    ).all()
    weights = [row.weight for row in rows if row.weight is not None]
    nights = [
        (row.sleep_end - row.sleep_start).total_seconds() / 3600
        for row in rows
        if row.sleep_start is not None and row.sleep_end is not None
    ]
    weight = sum(weights) / len(weights) if weights else None
    sleep = sum(nights) / len(nights) if nights else None
    return weight, len(weights), sleep, len(nights)


def dashboard_stats(session: Session, user_id: int, today: date) -> DashboardStats:
    """Logging streak, sessions in today's ISO week and the last 7 days' weight and sleep."""
    streak, includes_today = _streak(_logged_days(session, user_id, today), today)
    monday = week_start(today)
    sessions = session.scalar(
        select_owned_columns(TrainingSession, user_id, func.count(TrainingSession.id)).where(
            TrainingSession.date >= monday, TrainingSession.date <= monday + timedelta(days=6)
        )
    )
    weight, weigh_ins, sleep, nights = _week_averages(session, user_id, today)
    return DashboardStats(
        streak_days=streak,
        streak_includes_today=includes_today,
        sessions_this_week=sessions,
        week_start=monday,
        weight_avg_kg=weight,
        weigh_ins=weigh_ins,
        sleep_avg_hours=sleep,
        nights=nights,
    )
