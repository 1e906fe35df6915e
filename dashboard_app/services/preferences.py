"""A user's profile and display preferences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo
from zoneinfo import available_timezones as _zones

from sqlalchemy.orm import Session

from dashboard_app.schemas.accounts import EquipmentInput, ProfileInput
from dashboard_app.services.dashboard import default_view, store_default_view
from dashboard_app.services.records import rebuild_records
from db.data_version import bump_data_version
from db.models import User
from db.vocabulary import THEMES


@cache
def available_timezones() -> frozenset[str]:
    return frozenset(_zones())


@dataclass(frozen=True)
class Preferences:
    username: str
    email: str
    first_name: str | None
    last_name: str | None
    gender: str | None
    weight_unit: str
    height_unit: str
    theme: str
    e1rm_formula: str
    dashboard_view: str
    bar_weight_kg: float | None
    plates_kg: tuple[float, ...] | None


def load_preferences(session: Session, user_id: int) -> Preferences:
    """The profile and units of the user."""
    user = session.get(User, user_id)
    return Preferences(
        username=user.username,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        gender=user.gender,
        weight_unit=user.weight_unit,
        height_unit=user.height_unit,
        theme=user.theme,
        e1rm_formula=user.e1rm_formula,
        dashboard_view=default_view(session, user_id),
        bar_weight_kg=user.bar_weight_kg,
        plates_kg=tuple(user.plates_kg) if user.plates_kg else None,
    )


def save_theme(session: Session, user_id: int, theme: str) -> bool:
    """Remember the theme; False (nothing saved) for a value that is no theme."""
    if theme not in THEMES:
        return False
    session.get(User, user_id).theme = theme
    return True


def save_timezone(session: Session, user_id: int, timezone: str) -> bool:
    """Remember an IANA time zone name; False (nothing saved) for an unknown one."""
    if timezone not in available_timezones():
        return False
    user = session.get(User, user_id)
    if user.timezone != timezone:
        user.timezone = timezone
    return True


def user_today(session: Session, user_id: int) -> date:
    """Today's date where the user is."""
    return user_now(session, user_id).date()


def user_now(session: Session, user_id: int) -> datetime:
    """The time on the user's clock, without a zone (as sessions store their times)."""
    return datetime.now(ZoneInfo(session.get(User, user_id).timezone)).replace(
        tzinfo=None, microsecond=0
    )


def save_profile(session: Session, user_id: int, profile: ProfileInput) -> Preferences:
    """Store validated profile fields and units; a new e1RM formula re-rates every record."""
    user = session.get(User, user_id)
    formula_changed = user.e1rm_formula != profile.e1rm_formula
    # Insight sentences name weights in the user's unit: a new unit makes them stale.
    if user.weight_unit != profile.weight_unit:
        bump_data_version(session, [user_id])
    for field, value in profile.model_dump(exclude={"dashboard_view"}).items():
        setattr(user, field, value)
    session.flush()
    if formula_changed:
        rebuild_records(session, user_id)
    store_default_view(session, user_id, profile.dashboard_view)
    session.flush()
    return load_preferences(session, user_id)


def save_equipment(session: Session, user_id: int, equipment: EquipmentInput) -> None:
    """Store the bar and plates that loads are rounded to (None: the unit's standard ones).

    Sessions planned before keep their loads: a plan is what was asked for that day.
    """
    user = session.get(User, user_id)
    user.bar_weight_kg = equipment.bar_weight_kg
    user.plates_kg = list(equipment.plates_kg) if equipment.plates_kg else None
    session.flush()
