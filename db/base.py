"""Declarative base with a naming convention so constraint names match on every database."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    def __repr__(self) -> str:
        key = getattr(self, "id", None)
        label = getattr(self, "name", None) or getattr(self, "username", None)
        suffix = f" {label!r}" if label else ""
        return f"<{type(self).__name__} {key}{suffix}>"


def utcnow() -> datetime:
    """Naive UTC now: audit timestamps are stored as UTC without a zone on every backend."""
    return datetime.now(UTC).replace(tzinfo=None)


MAX_ROW_ID = 2**31 - 1  # ids are 32-bit integers on every backend


def is_row_id(value: object) -> bool:
    """Whether value can be a primary key (a crafted huge or odd value cannot)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ROW_ID
