"""user_exercise_history: how many sessions used each exercise, and when last.

Rows are derived from the logged lines and refreshed for the exercises a change touched.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from dashboard_app.services.scope import LINE_SESSION
from db.models import Exercise, TrainingSession, UserExerciseHistory, WorkoutDetail


def refresh_usage(session: Session, user_id: int, exercise_ids: Collection[int]) -> None:
    """Recount the user's usage of these exercises from their logged lines."""
    exercise_ids = sorted({e for e in exercise_ids if e is not None})
    if not exercise_ids:
        return
    counts = {
        row.exercise_id: (row.usage_count, row.last_used)
        for row in session.execute(
            select(
                WorkoutDetail.exercise_id,
                func.count(func.distinct(WorkoutDetail.session_id)).label("usage_count"),
                func.max(TrainingSession.date).label("last_used"),
            )
            .join(TrainingSession, LINE_SESSION)
            .where(WorkoutDetail.user_id == user_id, WorkoutDetail.exercise_id.in_(exercise_ids))
            .group_by(WorkoutDetail.exercise_id)
        )
    }
    stored = {
        row.exercise_id: row
        for row in session.scalars(
            select(UserExerciseHistory).where(
                UserExerciseHistory.user_id == user_id,
                UserExerciseHistory.exercise_id.in_(exercise_ids),
            )
        )
    }
    existing = set(session.scalars(select(Exercise.id).where(Exercise.id.in_(exercise_ids))))
    for exercise_id in exercise_ids:
        row = stored.get(exercise_id)
        if exercise_id not in counts:
            if row is not None:
                session.delete(row)
            continue
        usage_count, last_used = counts[exercise_id]
        if row is None and exercise_id in existing:
            session.add(
                UserExerciseHistory(
                    user_id=user_id,
                    exercise_id=exercise_id,
                    usage_count=usage_count,
                    last_used=last_used,
                )
            )
        elif row is not None:
            row.usage_count, row.last_used = usage_count, last_used
    session.flush()


def logged_exercise_ids(session: Session, user_id: int) -> list[int]:
    """Every exercise the user has logged a line of (deleted ones excluded)."""
    return list(
        session.scalars(
            select(WorkoutDetail.exercise_id)
            .where(WorkoutDetail.user_id == user_id, WorkoutDetail.exercise_id.is_not(None))
            .distinct()
        )
    )


def rebuild_usage(session: Session, user_id: int) -> None:
    """Recount every exercise the user has logged (after an import or a demo load)."""
    session.execute(delete(UserExerciseHistory).where(UserExerciseHistory.user_id == user_id))
    refresh_usage(session, user_id, logged_exercise_ids(session, user_id))


def usage_by_exercise(session: Session, user_id: int) -> dict[int, tuple[int, object]]:
    """{exercise id: (usage count, last used)} of every exercise the user has used."""
    return {
        row.exercise_id: (row.usage_count, row.last_used)
        for row in session.execute(
            select(
                UserExerciseHistory.exercise_id,
                UserExerciseHistory.usage_count,
                UserExerciseHistory.last_used,
            ).where(UserExerciseHistory.user_id == user_id)
        )
    }
