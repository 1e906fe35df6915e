"""Queries of user-owned rows that always carry the owner's id (isolation by construction)."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Delete, Select, delete, select
from sqlalchemy.orm import Session

from db.base import is_row_id

Owned = TypeVar("Owned")


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
