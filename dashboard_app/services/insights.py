"""Insights of one user: their daily series in, correlations stored and read back.

The whole history's results live in correlation_insights and are replaced in one transaction
when the user's data has changed since they were computed (users.data_version against
users.insights_version); shorter windows are computed on request and never stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any, Protocol

import pandas as pd
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from dashboard_app.analytics.daily_series import DAILY_FIELDS, build_daily_frame
from dashboard_app.analytics.insights import (
    ENGINE_VERSION,
    Insight,
    compute_insights,
    deviations_of,
    rank_insights,
)
from dashboard_app.services.scope import LINE_SESSION, select_owned_columns
from db.models import CorrelationInsight, DailyMetric, TrainingSession, User, WorkoutDetail

MIN_DAYS = 14
WINDOW_CACHE_SECONDS = 24 * 3600
# Takes a user id and moves their recompute to the background; False when it cannot.
Scheduler = Callable[[int], bool]


class Cache(Protocol):
    """A key-value cache (Flask-Caching's, on Redis or in the process)."""

    def get(self, key: str) -> Any: ...

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool: ...


@dataclass(frozen=True)
class Findings:
    """Insights for a period; `recomputing`: newer ones are being computed in the background."""

    insights: list[Insight]
    recomputing: bool = False


DAILY_COLUMNS = ("date", "sleep_start", "sleep_end", *DAILY_FIELDS.values())
# An Insight's field -> its column, where the design's column name differs from the
# analytics' (which names a pair's two sides x and y, as its statistics do).
INSIGHT_COLUMNS = {
    name: {"metric_x": "primary_metric", "metric_y": "secondary_metric"}.get(name, name)
    for name in Insight.__dataclass_fields__
}


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
            TrainingSession.training_start,
            TrainingSession.training_end,
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
        .join(TrainingSession, LINE_SESSION)
    )
    if start is not None:
        daily_query = daily_query.where(DailyMetric.date >= start)
        lines_query = lines_query.where(TrainingSession.date >= start)
    daily = [dict(row._mapping) for row in session.execute(daily_query)]
    lines = []
    for row in session.execute(lines_query):
        minutes = (
            round((row.training_end - row.training_start).total_seconds() / 60)
            if row.training_start is not None and row.training_end is not None
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

    The delete and the inserts land together or not at all, when the caller commits.
    """
    data_version = _data_version(session, user_id)
    insights = compute_insights(
        load_frame(session, user_id), min_days=min_days, weight_unit=_weight_unit(session, user_id)
    )
    session.execute(delete(CorrelationInsight).where(CorrelationInsight.user_id == user_id))
    if insights:
        session.execute(
            insert(CorrelationInsight),
            [
                {"user_id": user_id, **{INSIGHT_COLUMNS[k]: v for k, v in asdict(i).items()}}
                for i in insights
            ],
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
    """Recompute if the user's data changed since the last run; whether it did.

    Two visits at once would both replace the rows; the second waits on a lock of the user's
    row (PostgreSQL; SQLite writes one at a time anyway) until the first's request commits,
    and then finds them fresh.
    """
    if not is_stale(session, user_id):
        return False
    session.execute(select(User.id).where(User.id == user_id).with_for_update())
    if not is_stale(session, user_id):
        return False  # another request recomputed while this one waited
    recompute_insights(session, user_id)
    return True


def refresh_insights(session: Session, user_id: int, schedule: Scheduler | None = None) -> bool:
    """Bring the stored insights up to date; whether that is still under way in the background.

    With a scheduler that takes the job the request answers at once with the insights it has;
    without one, a stale user's recompute happens here.
    """
    if not is_stale(session, user_id):
        return False
    if schedule is not None and schedule(user_id):
        return True
    ensure_insights(session, user_id)
    return False


def stored_insights(session: Session, user_id: int) -> list[Insight]:
    """The user's stored insights over their whole history, ranked."""
    rows = session.execute(
        select_owned_columns(
            CorrelationInsight,
            user_id,
            *(
                getattr(CorrelationInsight, column).label(name)
                for name, column in INSIGHT_COLUMNS.items()
            ),
        )
    )
    return rank_insights([Insight(**row._mapping) for row in rows])


def window_start(days: int | None, today: date) -> date | None:
    """The first day of a window of the last `days` days (None: the whole history)."""
    return None if days is None else today - timedelta(days=days - 1)


def window_insights(
    session: Session, user_id: int, days: int, today: date, cache: Cache | None = None
) -> list[Insight]:
    """Insights over the last `days` days, computed now or taken from the cache, never stored.

    The cache key holds the data version, so a change to the user's data misses it by
    construction; nothing has to be invalidated.
    """
    row = session.execute(
        select(User.data_version, User.weight_unit).where(User.id == user_id)
    ).one()
    key = f"insights-window:{user_id}:{row.data_version}:{ENGINE_VERSION}:{row.weight_unit}"
    key += f":{days}:{today.isoformat()}"
    if cache is not None and (found := cache.get(key)) is not None:
        return found
    frame = load_frame(session, user_id, window_start(days, today))
    found = rank_insights(compute_insights(frame, min_days=MIN_DAYS, weight_unit=row.weight_unit))
    if cache is not None:
        cache.set(key, found, timeout=WINDOW_CACHE_SECONDS)
    return found


def insights_for(
    session: Session,
    user_id: int,
    days: int | None,
    today: date,
    schedule: Scheduler | None = None,
    cache: Cache | None = None,
) -> Findings:
    """The whole history's stored insights (refreshed if stale), or a window's."""
    if days is None:
        recomputing = refresh_insights(session, user_id, schedule)
        return Findings(stored_insights(session, user_id), recomputing)
    return Findings(window_insights(session, user_id, days, today, cache))


def pair_points(frame: pd.DataFrame, x: str, y: str, lag: int) -> dict[str, Any] | None:
    """The paired days of x (shifted by lag) and y as the insights compare them, for a chart.

    Values are deviations from the person's usual (a yes/no x stays 0/1); None for unknown
    series or lags.
    """
    if x not in frame.columns or y not in frame.columns or lag not in (0, 1):
        return None
    compared = deviations_of(frame[[x, y]] if x != y else frame[[x]])
    # shift(freq=) moves by calendar days, whatever the frame's gaps.
    paired = pd.DataFrame({"x": compared[x].shift(lag, freq="D"), "y": compared[y]}).dropna()
    return {
        "dates": [day.date() for day in paired.index],
        "x": paired["x"].tolist(),
        "y": paired["y"].tolist(),
    }
