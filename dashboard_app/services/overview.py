"""A short summary of one user's data for the home page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import DailyMetric, TrainingSession, WorkoutDetail


@dataclass(frozen=True)
class Overview:
    days_logged: int
    first_day: date | None
    last_day: date | None
    latest_weight_kg: float | None
    latest_weight_day: date | None
    sessions: int
    last_session_day: date | None
    current_mesocycle: str | None
    workout_lines: int


def load_overview(session: Session, user_id: int) -> Overview:
    """Counts and latest values across the user's log and training history."""
    days, first_day, last_day = session.execute(
        select(func.count(), func.min(DailyMetric.date), func.max(DailyMetric.date)).where(
            DailyMetric.user_id == user_id
        )
    ).one()
    weight = session.execute(
        select(DailyMetric.weight, DailyMetric.date)
        .where(DailyMetric.user_id == user_id, DailyMetric.weight.is_not(None))
        .order_by(DailyMetric.date.desc())
        .limit(1)
    ).first()
    sessions, last_session_day = session.execute(
        select(func.count(), func.max(TrainingSession.date)).where(
            TrainingSession.user_id == user_id
        )
    ).one()
    mesocycle = session.scalar(
        select(TrainingSession.mesocycle)
        .where(TrainingSession.user_id == user_id, TrainingSession.mesocycle.is_not(None))
        .order_by(TrainingSession.date.desc(), TrainingSession.id.desc())
        .limit(1)
    )
    lines = session.scalar(
        select(func.count()).select_from(WorkoutDetail).where(WorkoutDetail.user_id == user_id)
    )
    return Overview(
        days_logged=days,
        first_day=first_day,
        last_day=last_day,
        latest_weight_kg=weight.weight if weight else None,
        latest_weight_day=weight.date if weight else None,
        sessions=sessions,
        last_session_day=last_session_day,
        current_mesocycle=mesocycle,
        workout_lines=lines,
    )
