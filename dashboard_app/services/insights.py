"""Insights of one user: their daily series in, correlations stored and read back.

The whole history's results live in correlation_insights and are replaced in one transaction
when the user's data has changed since they were computed (users.data_version against
users.insights_version); shorter windows are computed on request and never stored.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from dashboard_app.analytics.daily_series import DAILY_FIELDS, build_daily_frame
from dashboard_app.analytics.insights import (
    ENGINE_VERSION,
    Insight,
    compute_insights,
    rank_insights,
)
from dashboard_app.services.scope import select_owned_columns
from db.models import CorrelationInsight, DailyMetric, TrainingSession, User, WorkoutDetail

MIN_DAYS = 14
DAILY_COLUMNS = ("date", "sleep_start", "sleep_end", *DAILY_FIELDS.values())
INSIGHT_FIELDS = tuple(Insight.__dataclass_fields__)


def load_frame(session: Session, user_id: int, start: date | None = None) -> pd.DataFrame:
    """The user's daily series from `start` on (all of them without it)."""
    daily_query = select_owned_columns(
        DailyMetric, user_id, *(getattr(DailyMetric, name) for name in DAILY_COLUMNS)
    )
    lines_query = (
        select_owned_columns(
            WorkoutDetail,
            user_id,
            TrainingSession.date,
            TrainingSession.start_time,
            TrainingSession.end_time,
            WorkoutDetail.session_id,
            WorkoutDetail.sets,
            WorkoutDetail.reps,
            WorkoutDetail.load_weight,
            WorkoutDetail.rir,
            WorkoutDetail.stimulus,
            WorkoutDetail.fatigue_level,
            WorkoutDetail.is_warmup,
            WorkoutDetail.muscle_group,
        )
        .select_from(WorkoutDetail)
        .join(TrainingSession, WorkoutDetail.session_id == TrainingSession.id)
    )
    if start is not None:
        daily_query = daily_query.where(DailyMetric.date >= start)
        lines_query = lines_query.where(TrainingSession.date >= start)
    daily = [dict(row._mapping) for row in session.execute(daily_query)]
    lines = []
    for row in session.execute(lines_query):
        minutes = (
            round((row.end_time - row.start_time).total_seconds() / 60)
            if row.start_time is not None and row.end_time is not None
            else None
        )
        lines.append(
            {
                "date": row.date,
                "session_id": row.session_id,
                "sets": row.sets,
                "reps": row.reps,
                "load_kg": row.load_weight,
                "rir": row.rir,
                "stimulus": row.stimulus,
                "fatigue_level": row.fatigue_level,
                "is_warmup": row.is_warmup,
                "muscle_group": row.muscle_group,
                "session_minutes": minutes,
            }
        )
    return build_daily_frame(daily, lines)


def _weight_unit(session: Session, user_id: int) -> str:
    return session.scalar(select(User.weight_unit).where(User.id == user_id))


def _data_version(session: Session, user_id: int) -> int:
    return session.scalar(select(User.data_version).where(User.id == user_id))


def is_stale(session: Session, user_id: int) -> bool:
    """Whether the data or the engine changed since the stored insights were computed."""
    row = session.execute(
        select(User.data_version, User.insights_version, User.insights_engine).where(
            User.id == user_id
        )
    ).one()
    return (row.insights_version, row.insights_engine) != (row.data_version, ENGINE_VERSION)


def recompute_insights(session: Session, user_id: int, min_days: int = MIN_DAYS) -> int:
    """Replace the user's stored insights with a fresh computation; how many were stored.

    The caller commits: the delete and the inserts land together or not at all.
    """
    data_version = _data_version(session, user_id)
    insights = compute_insights(
        load_frame(session, user_id), min_days=min_days, weight_unit=_weight_unit(session, user_id)
    )
    session.execute(delete(CorrelationInsight).where(CorrelationInsight.user_id == user_id))
    if insights:
        session.execute(
            insert(CorrelationInsight), [{"user_id": user_id, **asdict(i)} for i in insights]
        )
    # The version read before computing: a change made meanwhile leaves the results stale.
    session.execute(
        update(User)
        .where(User.id == user_id)
        .values(insights_version=data_version, insights_engine=ENGINE_VERSION),
        execution_options={"synchronize_session": False},
    )
    return len(insights)


def ensure_insights(session: Session, user_id: int) -> bool:
    """Recompute and commit if the user's data changed since the last run; whether it did.

    Two visits at once would both replace the rows; the second waits on a lock of the user's
    row (PostgreSQL; SQLite writes one at a time anyway) and then finds them fresh.
    """
    if not is_stale(session, user_id):
        return False
    session.execute(select(User.id).where(User.id == user_id).with_for_update())
    if not is_stale(session, user_id):
        session.commit()  # another request recomputed while this one waited
        return False
    recompute_insights(session, user_id)
    session.commit()
    return True


def stored_insights(session: Session, user_id: int) -> list[Insight]:
    """The user's stored insights over their whole history, ranked."""
    rows = session.execute(
        select_owned_columns(
            CorrelationInsight,
            user_id,
            *(getattr(CorrelationInsight, name) for name in INSIGHT_FIELDS),
        )
    )
    return rank_insights([Insight(**row._mapping) for row in rows])


def window_start(days: int | None, today: date) -> date | None:
    """The first day of a window of the last `days` days (None: the whole history)."""
    return None if days is None else today - timedelta(days=days - 1)


def window_insights(session: Session, user_id: int, days: int, today: date) -> list[Insight]:
    """Insights over the last `days` days, computed now and not stored."""
    frame = load_frame(session, user_id, window_start(days, today))
    unit = _weight_unit(session, user_id)
    return rank_insights(compute_insights(frame, min_days=MIN_DAYS, weight_unit=unit))


def insights_for(session: Session, user_id: int, days: int | None, today: date) -> list[Insight]:
    """The whole history's stored insights (refreshed if stale), or a window's."""
    if days is None:
        ensure_insights(session, user_id)
        return stored_insights(session, user_id)
    return window_insights(session, user_id, days, today)


def pair_points(frame: pd.DataFrame, x: str, y: str, lag: int) -> dict[str, Any] | None:
    """The paired days of x (shifted by lag) and y, for a scatter; None for unknown series."""
    if x not in frame.columns or y not in frame.columns or lag not in (0, 1):
        return None
    # shift(freq=) moves by calendar days, whatever the frame's gaps.
    paired = pd.DataFrame({"x": frame[x].shift(lag, freq="D"), "y": frame[y]}).dropna()
    return {
        "dates": [day.date() for day in paired.index],
        "x": paired["x"].tolist(),
        "y": paired["y"].tolist(),
    }
