"""Restoring an export's profile, units, own exercises, routines and dashboard into an account.

Run before its rows are imported (services.imports.apply_import): the lines then find the
account's own exercises, and records are rated by the export's e1RM formula.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard_app.schemas.accounts import EquipmentInput, ProfileInput
from dashboard_app.schemas.dashboard import PlacementInput, WidgetSettingsInput
from dashboard_app.schemas.exercises import ExerciseInput
from dashboard_app.schemas.routines import RoutineExerciseInput, RoutineInput
from dashboard_app.services.dashboard import DEFAULT_VIEW, reset_layout
from dashboard_app.services.exercises import (
    create_custom_exercise,
    visible_exercises,
    with_muscle_and_equipment,
)
from dashboard_app.services.preferences import save_equipment, save_profile, save_timezone
from dashboard_app.services.routines import TARGET_FIELDS, create_routine
from dashboard_app.services.scope import select_owned, select_owned_columns
from dashboard_app.widget_catalogue import WIDGET_KINDS, WidgetSpec
from db.models import (
    DashboardWidget,
    Equipment,
    Exercise,
    MuscleGroup,
    Routine,
)


@dataclass(frozen=True)
class _Widget:
    spec: WidgetSpec
    visible: bool
    config: dict[str, Any]


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"expected an object, found {value!r}")
    return value


def _widget(row: dict[str, Any]) -> _Widget:
    """A widget row of an export, checked by the schemas that guard the dashboard's forms."""
    position, size = _mapping(row.get("widget_position")), _mapping(row.get("widget_size"))
    config, kind = _mapping(row.get("widget_config") or {}), row.get("widget_type")
    visible = row.get("is_visible", True)
    if not isinstance(kind, str) or not 0 < len(kind) <= 40 or not isinstance(visible, bool):
        raise ValueError(f"not a widget: {row!r}")
    if kind not in WIDGET_KINDS:
        raise ValueError(f"no such kind of widget: {kind!r}")
    box = {"w": size.get("w"), "h": size.get("h")}
    settings = WidgetSettingsInput(title=row.get("widget_title"), range=config.get("range"), **box)
    place = PlacementInput(id=1, x=position.get("x"), y=position.get("y"), **box)
    spec = WidgetSpec(kind, settings.title, w=place.w, h=place.h, x=place.x, y=place.y)
    return _Widget(spec, visible, config)


def _stored_widgets(session: Session, user_id: int) -> list[DashboardWidget]:
    query = select_owned(DashboardWidget, user_id).order_by(DashboardWidget.id)
    return list(session.scalars(query))


def _restore_layout(session: Session, user_id: int, widgets: list[_Widget]) -> None:
    stored = _stored_widgets(session, user_id)
    columns = DashboardWidget.__table__.columns
    if [_widget({c.name: getattr(row, c.key) for c in columns}) for row in stored] == widgets:
        return  # restoring the same document again changes nothing, not even the ids
    reset_layout(session, user_id, [widget.spec for widget in widgets])
    for row, widget in zip(_stored_widgets(session, user_id), widgets, strict=True):
        row.is_visible, row.widget_config = widget.visible, widget.config
    session.flush()


def _new_exercises(session: Session, user_id: int, rows: list[dict]) -> list[ExerciseInput]:
    """The export's own exercises the user lacks, checked as the library's form checks them."""
    names = select_owned_columns(Exercise, user_id, func.lower(Exercise.name))
    have = set(session.scalars(names))
    found = []
    for row in rows:
        if str(row.get("name")).lower() in have:
            continue
        group = session.scalar(
            select(MuscleGroup.id).where(MuscleGroup.name == row.get("muscle_group_name"))
        )
        equipment = session.scalar(
            select(Equipment.id).where(Equipment.name == row.get("equipment_name"))
        )
        found.append(
            ExerciseInput(
                name=row.get("name"),
                muscle_group_id=group,
                equipment_id=equipment,
                kind=row.get("kind") or "weight",
                description=row.get("description"),
            )
        )
    return found


def restore_preferences(session: Session, user_id: int, document: dict[str, Any]) -> None:
    """Give the user the profile, units, own exercises and dashboard of an export's document.

    Run before apply_import: its lines then find the user's own exercises with their muscle
    groups, and records are rated by the export's e1RM formula. Every value is checked by the
    forms' schemas first (ValueError, nothing written); restoring twice changes nothing.
    """
    profile, tables = _mapping(document.get("profile")), _mapping(document.get("tables"))
    preference = next(iter(tables.get("dashboard_preferences") or []), {})
    fields = {k: profile[k] for k in ProfileInput.model_fields if profile.get(k) is not None}
    view = preference.get("default_view") or DEFAULT_VIEW
    profile_input = ProfileInput.model_validate({**fields, "dashboard_view": view})
    equipment = EquipmentInput.model_validate(
        {name: profile.get(name) for name in EquipmentInput.model_fields}
    )
    widgets = [_widget(_mapping(row)) for row in tables.get("dashboard_widgets") or []]
    exercises = _new_exercises(session, user_id, tables.get("custom_exercises") or [])
    timezone = profile.get("timezone")
    if timezone is not None and not save_timezone(session, user_id, timezone):
        raise ValueError(f"unknown time zone {timezone!r}")
    for exercise in exercises:
        create_custom_exercise(session, user_id, exercise)  # a name now in the catalogue: kept out
    save_profile(session, user_id, profile_input)
    if any(name in profile for name in EquipmentInput.model_fields):  # older exports lack them
        save_equipment(session, user_id, equipment)
    if widgets or preference.get("layout_created"):
        _restore_layout(session, user_id, widgets)
    _restore_routines(session, user_id, tables)


def _routine_inputs(session: Session, user_id: int, tables: dict[str, Any]) -> list[RoutineInput]:
    """The export's routines the user lacks (by name), checked as the editor checks them."""
    have = {
        name.lower()
        for name in session.scalars(select_owned_columns(Routine, user_id, Routine.name))
    }
    names = {}
    for row in session.execute(
        with_muscle_and_equipment(visible_exercises(user_id), Exercise.id, Exercise.name)
    ):
        names.setdefault(row.name.lower(), row.id)
    items: dict[Any, list[dict[str, Any]]] = {}
    for row in tables.get("routine_exercises") or []:
        row = _mapping(row)
        items.setdefault(row.get("routine_id"), []).append(row)
    found = []
    for row in tables.get("routines") or []:
        row = _mapping(row)
        if str(row.get("name")).lower() in have:
            continue
        exercises = []
        for item in sorted(items.get(row.get("id"), []), key=lambda i: i.get("position") or 0):
            exercise_id = names.get(str(item.get("exercise_name")).lower())
            if exercise_id is None:
                continue  # an exercise this server does not have: the routine goes without it
            targets = {name: item.get(name) for name in TARGET_FIELDS if item.get(name) is not None}
            exercises.append(RoutineExerciseInput(exercise_id=exercise_id, **targets))
        found.append(
            RoutineInput(
                name=row.get("name"),
                mesocycle=row.get("mesocycle_name"),
                weekday=row.get("weekday"),
                notes=row.get("notes"),
                exercises=exercises,
            )
        )
    return found


def _restore_routines(session: Session, user_id: int, tables: dict[str, Any]) -> None:
    for routine in _routine_inputs(session, user_id, tables):
        create_routine(session, user_id, routine)
