"""A user's training sessions: their headers and pages of them.

Their lines are workout_lines'; moving or deleting a session refreshes the records of the
exercises in it, as a change to its lines does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, func
from sqlalchemy.orm import Session

from dashboard_app.schemas.workouts import SessionInput
from dashboard_app.services.scope import get_owned, select_owned, select_owned_columns
from dashboard_app.services.workout_lines import (
    NEWEST_FIRST,
    after_lines_changed,
    exercises_in,
    line_dict,
)
from db.models import PlannedSet, TrainingSession, WorkoutDetail

MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000_000


def mesocycle_names(session: Session, user_id: int) -> list[str]:
    """The user's mesocycles, most recently trained first."""
    rows = session.execute(
        select_owned_columns(
            TrainingSession,
            user_id,
            TrainingSession.mesocycle_name,
            func.max(TrainingSession.date).label("last"),
        )
        .where(TrainingSession.mesocycle_name.is_not(None))
        .group_by(TrainingSession.mesocycle_name)
        .order_by(func.max(TrainingSession.date).desc(), TrainingSession.mesocycle_name)
    )
    return [r.mesocycle_name for r in rows]


def next_session_number(session: Session, user_id: int, mesocycle: str | None) -> int:
    """One more than the highest number in the mesocycle (1 for a new one)."""
    if not mesocycle:
        return 1
    highest = session.scalar(
        select_owned_columns(
            TrainingSession, user_id, func.max(TrainingSession.session_number)
        ).where(TrainingSession.mesocycle_name == mesocycle)
    )
    return (highest or 0) + 1


def _apply_session(row: TrainingSession, data: SessionInput) -> None:
    row.date = data.date
    row.title = data.title
    row.mesocycle_name = data.mesocycle
    row.session_number = data.session_number
    row.training_start = data.starts_at
    row.training_end = data.ends_at
    row.notes = data.notes


def create_session(session: Session, user_id: int, data: SessionInput) -> int:
    row = TrainingSession(user_id=user_id)
    _apply_session(row, data)
    session.add(row)
    session.flush()
    return row.id


def update_session(session: Session, user_id: int, session_id: object, data: SessionInput) -> bool:
    """Save the header; moving a session in time reorders its exercises' records."""
    row = get_owned(session, TrainingSession, user_id, session_id)
    if row is None:
        return False
    moved = (row.date, row.training_start) != (data.date, data.starts_at)
    _apply_session(row, data)
    session.flush()
    if moved:
        after_lines_changed(session, user_id, exercises_in(session, user_id, row.id))
    return True


def delete_session(session: Session, user_id: int, session_id: object) -> bool:
    row = get_owned(session, TrainingSession, user_id, session_id)
    if row is None:
        return False
    touched = exercises_in(session, user_id, row.id)
    session.delete(row)
    session.flush()
    after_lines_changed(session, user_id, touched)
    return True


def _duration_minutes(start: datetime | None, end: datetime | None) -> int | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 60)


def session_header(row: TrainingSession) -> dict[str, Any]:
    return {
        "id": row.id,
        "date": row.date,
        "title": row.title,
        "routine_id": row.routine_id,
        "mesocycle": row.mesocycle_name,
        "session_number": row.session_number,
        "start_time": row.training_start,
        "end_time": row.training_end,
        "duration_minutes": _duration_minutes(row.training_start, row.training_end),
        "notes": row.notes,
    }


def count_sessions(session: Session, user_id: int) -> int:
    return session.scalar(
        select_owned_columns(TrainingSession, user_id, func.count(TrainingSession.id))
    )


def sessions_page(
    session: Session, user_id: int, *, offset: int = 0, limit: int = 20
) -> tuple[list[dict[str, Any]], int]:
    """One page of the user's sessions, newest first, with exercise count and total volume."""
    total = count_sessions(session, user_id)
    page = (
        select_owned(TrainingSession, user_id)
        .order_by(*NEWEST_FIRST)
        .offset(min(max(0, offset), MAX_OFFSET))
        .limit(max(1, min(limit, MAX_PAGE_SIZE)))
    )
    rows = list(session.scalars(page))
    ids = [row.id for row in rows]
    volume = WorkoutDetail.sets * WorkoutDetail.reps * WorkoutDetail.load_weight
    totals = {
        r.session_id: r
        for r in session.execute(
            select_owned_columns(
                WorkoutDetail,
                user_id,
                WorkoutDetail.session_id,
                func.count(func.distinct(WorkoutDetail.exercise_name)).label("exercises"),
                func.coalesce(func.sum(WorkoutDetail.sets), 0).label("sets"),
                func.coalesce(
                    func.sum(case((WorkoutDetail.is_warmup, 0), else_=volume)), 0.0
                ).label("volume"),
            )
            .where(WorkoutDetail.session_id.in_(ids))
            .group_by(WorkoutDetail.session_id)
        )
    }
    planned = dict(
        session.execute(
            select_owned_columns(
                PlannedSet, user_id, PlannedSet.session_id, func.count(PlannedSet.id)
            )
            .where(PlannedSet.session_id.in_(ids))
            .group_by(PlannedSet.session_id)
        ).all()
    )
    items = []
    for row in rows:
        summary = totals.get(row.id)
        items.append(
            {
                **session_header(row),
                "exercises": summary.exercises if summary else 0,
                "sets": summary.sets if summary else 0,
                "volume_kg": float(summary.volume) if summary else 0.0,
                "planned_sets": planned.get(row.id, 0),
            }
        )
    return items, total


def load_session(session: Session, user_id: int, session_id: object) -> dict[str, Any] | None:
    """A session's header and its lines in logged order, or None (missing or another's)."""
    row = get_owned(session, TrainingSession, user_id, session_id)
    if row is None:
        return None
    lines = session.scalars(
        select_owned(WorkoutDetail, user_id)
        .where(WorkoutDetail.session_id == row.id)
        .order_by(WorkoutDetail.position, WorkoutDetail.id)
    )
    return {**session_header(row), "lines": [line_dict(line) for line in lines]}


def latest_in_mesocycle(session: Session, user_id: int, mesocycle: str) -> int | None:
    return session.scalar(
        select_owned_columns(TrainingSession, user_id, TrainingSession.id)
        .where(TrainingSession.mesocycle_name == mesocycle)
        .order_by(*NEWEST_FIRST)
        .limit(1)
    )
