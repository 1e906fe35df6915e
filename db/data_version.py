"""users.data_version: a counter bumped whenever a user's logged data changes.

Derived results (insights) remember the version they were computed from, so a page visit can
tell in one cheap query whether they are stale. The counter is bumped by a flush hook on every
session, so no service has to remember to do it; bulk inserts, which bypass the ORM, call
bump_data_version themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import event, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import DailyMetric, TrainingSession, User, WorkoutDetail

TRACKED = (DailyMetric, TrainingSession, WorkoutDetail)


def bump_data_version(session: Session, user_ids: Iterable[int]) -> None:
    """Mark these users' logged data as changed."""
    ids = sorted({user_id for user_id in user_ids if user_id is not None})
    if ids:
        session.execute(
            update(User).where(User.id.in_(ids)).values(data_version=User.data_version + 1),
            execution_options={"synchronize_session": False},
        )


def _bump_before_flush(session: Session, _context, _instances) -> None:
    changed = [obj.user_id for obj in (*session.new, *session.deleted) if isinstance(obj, TRACKED)]
    changed += [
        obj.user_id
        for obj in session.dirty
        if isinstance(obj, TRACKED) and session.is_modified(obj)
    ]
    if changed:
        bump_data_version(session, changed)


def track_data_versions(factory: sessionmaker[Session]) -> None:
    """Bump data_version on every flush of this factory's sessions that changes logged rows."""
    event.listen(factory, "before_flush", _bump_before_flush)
