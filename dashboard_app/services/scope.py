"""Queries of user-owned rows that always carry the owner's id (isolation by construction)."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Delete, Select, and_, delete, select
from sqlalchemy.orm import Session

from db.base import is_row_id
from db.models import TrainingSession, WorkoutDetail

Owned = TypeVar("Owned")

# A line's session, joined on the owner as well as the id: the owner is then known on both
# sides, so the database finds the user's sessions in a date range through their
# (user_id, date) index and only their lines, instead of visiting every line the user ever
# logged; how long that takes would otherwise grow with the other users' sessions.
LINE_SESSION = and_(
    WorkoutDetail.session_id == TrainingSession.id,
    TrainingSession.user_id == WorkoutDetail.user_id,
)


def select_owned(model: type[Owned], user_id: int) -> Select[tuple[Owned]]:
    """SELECT model rows that belong to user_id; add further criteria with .where()."""
    return select(model).where(model.user_id == user_id)


def select_owned_columns(model: type, user_id: int, *columns) -> Select:
    """SELECT some columns of the model's rows that belong to user_id."""
    return select(*columns).where(model.user_id == user_id)


def delete_owned(model: type, user_id: int) -> Delete:
    """DELETE the model's rows that belong to user_id; narrow it further with .where()."""
    return delete(model).where(model.user_id == user_id)


def get_owned(session: Session, model: type[Owned], user_id: int, row_id: object) -> Owned | None:
    """The row with this id if user_id owns it; None for a missing row or another user's."""
    if not is_row_id(row_id):
        return None
    return session.scalar(select_owned(model, user_id).where(model.id == row_id))
