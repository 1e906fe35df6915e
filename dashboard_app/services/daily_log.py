"""Daily entries of one user: load, upsert by day, delete, page through history, trends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard_app.schemas.daily_log import ENTRY_FIELDS, NUTRITION_FIELDS, DailyEntryInput
from dashboard_app.services.scope import get_owned, select_owned, select_owned_columns
from db.models import DailyMetric

MAX_PAGE_SIZE = 500
MAX_OFFSET = 10_000_000  # far beyond any history; keeps the number inside every backend's range
# Columns the history may be sorted by, keyed by the grid's column ids.
SORTABLE = {
    "date": DailyMetric.date,
    "stress_level": DailyMetric.stress_level,
    "energy_level": DailyMetric.energy_level,
    "motivation_level": DailyMetric.motivation_level,
    "weight": DailyMetric.weight,
    "calories": DailyMetric.calories,
}
REPEATED_FIELDS = ("meals", *NUTRITION_FIELDS)
COPY_LOOKBACK = timedelta(days=7)


@dataclass(frozen=True)
class SavedEntry:
    entry: dict[str, Any]
    created: bool


def entry_dict(row: DailyMetric) -> dict[str, Any]:
    """A row as plain data (SI units), with its id."""
    return {"id": row.id, **{field: getattr(row, field) for field in ENTRY_FIELDS}}


def load_entry(session: Session, user_id: int, day: date) -> dict[str, Any] | None:
    """The user's entry for day, or None."""
    row = session.scalar(select_owned(DailyMetric, user_id).where(DailyMetric.date == day))
    return entry_dict(row) if row else None


def save_entry(session: Session, user_id: int, entry: DailyEntryInput) -> SavedEntry:
    """Create or replace the user's entry for entry.date (one per day); the caller commits."""
    values = entry.model_dump()
    row = session.scalar(select_owned(DailyMetric, user_id).where(DailyMetric.date == entry.date))
    created = row is None
    if created:
        try:
            with session.begin_nested():
                row = DailyMetric(user_id=user_id, **values)
                session.add(row)
        except IntegrityError:
            # Another request created the day in the meantime: replace it instead.
            row = session.scalar(
                select_owned(DailyMetric, user_id).where(DailyMetric.date == entry.date)
            )
            created = False
    if not created:
        for field, value in values.items():
            setattr(row, field, value)
    session.flush()
    return SavedEntry(entry_dict(row), created)


def delete_entry(session: Session, user_id: int, entry_id: object) -> date | None:
    """Delete the user's entry with this id; its date, or None if the user has no such entry."""
    row = get_owned(session, DailyMetric, user_id, entry_id)
    if row is None:
        return None
    day = row.date
    session.delete(row)
    session.flush()
    return day


def repeated_fields_before(session: Session, user_id: int, day: date) -> dict[str, Any] | None:
    """Meals and nutrition of the latest entry in the week before day (for "copy yesterday")."""
    row = session.scalar(
        select_owned(DailyMetric, user_id)
        .where(DailyMetric.date < day, DailyMetric.date >= day - COPY_LOOKBACK)
        .order_by(DailyMetric.date.desc())
        .limit(1)
    )
    if row is None:
        return None
    return {"date": row.date, **{field: getattr(row, field) for field in REPEATED_FIELDS}}


def history_page(
    session: Session,
    user_id: int,
    *,
    start: date | None = None,
    end: date | None = None,
    sort: str = "date",
    descending: bool = True,
    offset: int = 0,
    limit: int = 100,
) -> tuple[list[dict[str, Any]], int]:
    """One page of the user's entries in [start, end] and how many there are in all."""
    query = select_owned(DailyMetric, user_id)
    if start is not None:
        query = query.where(DailyMetric.date >= start)
    if end is not None:
        query = query.where(DailyMetric.date <= end)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    column = SORTABLE.get(sort, DailyMetric.date)
    order = column.desc().nulls_last() if descending else column.asc().nulls_last()
    rows = session.scalars(
        query.order_by(order, DailyMetric.date.desc())
        .offset(min(max(0, offset), MAX_OFFSET))
        .limit(max(1, min(limit, MAX_PAGE_SIZE)))
    )
    return [entry_dict(row) for row in rows], total


def trend_rows(
    session: Session, user_id: int, start: date | None, end: date | None = None
) -> list[dict[str, Any]]:
    """The user's entries in [start, end], oldest first, as plain data for charts."""
    columns = [getattr(DailyMetric, field) for field in ENTRY_FIELDS if field != "meals"]
    query = select_owned_columns(DailyMetric, user_id, *columns)
    if start is not None:
        query = query.where(DailyMetric.date >= start)
    if end is not None:
        query = query.where(DailyMetric.date <= end)
    return [dict(row._mapping) for row in session.execute(query.order_by(DailyMetric.date))]
