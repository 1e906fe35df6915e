"""Callbacks of routines: starting one from the workouts page, and the routine editor."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from pydantic import ValidationError

from callbacks.dialogs import register_dialog
from callbacks.forms import (
    blank_to_none,
    clicked_id,
    feedback_outputs,
    feedback_values,
    parse_id,
    pattern_entries,
    status_alert,
)
from callbacks.workouts import mesocycle_options
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.schemas.routines import MAX_ROUTINE_EXERCISES, RoutineInput
from dashboard_app.services import routines, workout_lines, workouts
from dashboard_app.services.preferences import user_now, user_today
from dashboard_app.ui import ids
from dashboard_app.ui.routines import build_routine_items, build_routine_list

FIELDS = ids.ROUTINE_FIELDS
TARGET_FIELDS = routines.TARGET_FIELDS
NEW = "new"


def update_routine_list(_load):
    session, user_id = get_session(), current_user_id()
    return build_routine_list(
        routines.list_routines(session, user_id), user_today(session, user_id)
    )


def update_started(_clicks):
    """Start the routine tapped: a session today, its sets planned; open it."""
    trigger = clicked_id()
    session, user_id = get_session(), current_user_id()
    now = user_now(session, user_id)
    session_id = routines.start_routine(
        session,
        user_id,
        trigger.get("index") if isinstance(trigger, dict) else None,
        now.date(),
        now,
    )
    if session_id is None:
        return status_alert("That routine no longer exists.", False), no_update
    session.commit()
    return "", f"/workouts/{session_id}"


def _exercise_options(session, user_id: int) -> list[dict[str, Any]]:
    return [
        {"label": f"{c['name']} · {c['muscle_group']}", "value": c["id"], "search": c["name"]}
        for c in workout_lines.exercise_choices(session, user_id)
    ]


def update_editor(routine_id):
    """The editor filled with the routine (empty for a new one)."""
    session, user_id = get_session(), current_user_id()
    common = [
        _exercise_options(session, user_id),
        mesocycle_options(workouts.mesocycle_names(session, user_id)),
    ]
    if routine_id == NEW:
        return ["", "", "", "", [], "New routine", "d-none", *common]
    routine = routines.load_routine(session, user_id, parse_id(routine_id))
    if routine is None:
        return ["", "", "", "", [], "No such routine", "d-none", *common]
    return [
        routine["name"],
        routine["mesocycle"] or "",
        "" if routine["weekday"] is None else str(routine["weekday"]),
        routine["notes"] or "",
        routine["exercises"],
        routine["name"],
        "",
        *common,
    ]


def _stored_items(items: Any) -> list[dict[str, Any]]:
    """The editor's items as the browser holds them, without what no editor wrote there."""
    if not isinstance(items, list):
        return []
    return [
        dict(item)
        for item in items
        if isinstance(item, dict) and isinstance(item.get("exercise_name"), str)
    ]


def update_items_shown(items):
    return build_routine_items(_stored_items(items))


def _whole(value: Any) -> Any:
    value = blank_to_none(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def merged_items(items: Any, states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored items with the numbers the editor shows now."""
    items = _stored_items(items)
    for target_id, value in pattern_entries(states):
        index, field = target_id.get("index"), target_id.get("field")
        if isinstance(index, int) and 0 <= index < len(items) and field in TARGET_FIELDS:
            items[index][field] = _whole(value)
    return items


def update_items(_add, _actions, exercise_id, items, _values):
    """Add an exercise, or move or remove one, keeping the numbers typed."""
    trigger = clicked_id()
    items = merged_items(items, ctx.states_list[2])
    if trigger == ids.ROUTINE_ADD:
        facts = workout_lines.exercise_facts(
            get_session(), current_user_id(), {parse_id(exercise_id)}
        ).get(parse_id(exercise_id))
        if facts is None or len(items) >= MAX_ROUTINE_EXERCISES:
            raise PreventUpdate
        timed = facts.kind == "duration"
        items.append(
            {
                "exercise_id": facts.id,
                "exercise_name": facts.name,
                "kind": facts.kind,
                "target_sets": 3,
                "rep_min": None if timed else 8,
                "rep_max": None if timed else 12,
                "target_rir": None if timed else 2,
                "target_seconds": 30 if timed else None,
                "superset_group": None,
                "rest_seconds": None,
            }
        )
        return items
    if not isinstance(trigger, dict):
        raise PreventUpdate
    index, action = trigger.get("index"), trigger.get("action")
    if not isinstance(index, int) or not 0 <= index < len(items):
        raise PreventUpdate
    if action == "remove":
        items.pop(index)
    elif action in ("up", "down"):
        other = index - 1 if action == "up" else index + 1
        if not 0 <= other < len(items):
            raise PreventUpdate
        items[index], items[other] = items[other], items[index]
    else:
        raise PreventUpdate
    return items


def update_saved(clicks, routine_id, items, _values, name, mesocycle, weekday, notes):
    """Validate and save the routine; errors at their fields, else back to the workouts."""
    if not clicks:
        raise PreventUpdate
    items = merged_items(items, ctx.states_list[2])
    data = {
        "name": name or "",
        "mesocycle": blank_to_none(mesocycle),
        "weekday": int(weekday) if isinstance(weekday, str) and weekday.isdigit() else None,
        "notes": blank_to_none(notes),
        "exercises": [
            {"exercise_id": item.get("exercise_id"), **{f: item.get(f) for f in TARGET_FIELDS}}
            for item in items
        ],
    }
    try:
        checked, errors = RoutineInput.model_validate(data), {}
    except ValidationError as exc:
        checked = None
        # Nested errors keep their place: "exercises.2.rep_max" is item 2's field.
        errors = {
            ".".join(str(part) for part in error["loc"]): error["msg"].removeprefix("Value error, ")
            for error in exc.errors()
        }
    unchanged = no_update
    if checked is None:
        return [
            *feedback_values(FIELDS, errors),
            status_alert("Not saved: check the marked fields.", False),
            build_routine_items(items, _item_errors(errors)),
            unchanged,
        ]
    session, user_id = get_session(), current_user_id()
    if routine_id == NEW:
        _, errors = routines.create_routine(session, user_id, checked)
    else:
        errors = routines.update_routine(session, user_id, parse_id(routine_id), checked)
        if errors is None:
            errors = {"name": "This routine no longer exists"}
    if errors:
        session.rollback()
        return [
            *feedback_values(FIELDS, errors),
            status_alert("Not saved.", False),
            build_routine_items(items, errors),
            unchanged,
        ]
    session.commit()
    return [*feedback_values(FIELDS, {}), "", unchanged, "/workouts"]


def _item_errors(errors: dict[str, str]) -> dict[str, str]:
    """A schema error of exercises.N.field under the editor's item N."""
    return {key: message for key, message in errors.items() if key.startswith("exercises")}


def update_deleted(clicks, routine_id):
    if not clicks:
        raise PreventUpdate
    session = get_session()
    if not routines.delete_routine(session, current_user_id(), parse_id(routine_id)):
        return False, status_alert("That routine was already deleted.", False), no_update
    session.commit()
    return False, no_update, "/workouts"


def register(app: Dash) -> None:
    app.callback(
        Output(ids.ROUTINES_LIST, "children"),
        Input(ids.WORKOUTS_LOAD, "data"),
    )(update_routine_list)
    app.callback(
        Output(ids.ROUTINES_STATUS, "children"),
        Output(ids.WORKOUTS_REDIRECT, "href", allow_duplicate=True),
        Input({"type": ids.ROUTINE_START, "index": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )(update_started)
    app.callback(
        *[Output(field_id, "value") for field_id in FIELDS.values()],
        Output(ids.ROUTINE_ITEMS, "data"),
        Output(ids.ROUTINE_HEADING, "children"),
        Output(ids.ROUTINE_DELETE, "class_name"),
        Output(ids.ROUTINE_ADD_EXERCISE, "options"),
        Output(ids.ROUTINE_MESOCYCLES, "children"),
        Input(ids.ROUTINE_ID, "data"),
    )(update_editor)
    app.callback(
        Output(ids.ROUTINE_EXERCISES, "children"),
        Input(ids.ROUTINE_ITEMS, "data"),
    )(update_items_shown)
    app.callback(
        Output(ids.ROUTINE_ITEMS, "data", allow_duplicate=True),
        Input(ids.ROUTINE_ADD, "n_clicks"),
        Input({"type": ids.ROUTINE_ITEM_ACTION, "index": ALL, "action": ALL}, "n_clicks"),
        State(ids.ROUTINE_ADD_EXERCISE, "value"),
        State(ids.ROUTINE_ITEMS, "data"),
        State({"type": ids.ROUTINE_ITEM_FIELD, "index": ALL, "field": ALL}, "value"),
        prevent_initial_call=True,
    )(update_items)
    app.callback(
        *feedback_outputs(FIELDS),
        Output(ids.ROUTINE_STATUS, "children"),
        Output(ids.ROUTINE_EXERCISES, "children", allow_duplicate=True),
        Output(ids.ROUTINE_REDIRECT, "href"),
        Input(ids.ROUTINE_SAVE, "n_clicks"),
        State(ids.ROUTINE_ID, "data"),
        State(ids.ROUTINE_ITEMS, "data"),
        State({"type": ids.ROUTINE_ITEM_FIELD, "index": ALL, "field": ALL}, "value"),
        *[State(field_id, "value") for field_id in FIELDS.values()],
        prevent_initial_call=True,
    )(update_saved)
    register_dialog(app, ids.ROUTINE_DELETE_MODAL, ids.ROUTINE_DELETE, ids.ROUTINE_DELETE_CANCEL)
    app.callback(
        Output(ids.ROUTINE_DELETE_MODAL, "is_open", allow_duplicate=True),
        Output(ids.ROUTINE_STATUS, "children", allow_duplicate=True),
        Output(ids.ROUTINE_REDIRECT, "href", allow_duplicate=True),
        Input(ids.ROUTINE_DELETE_CONFIRM, "n_clicks"),
        State(ids.ROUTINE_ID, "data"),
        prevent_initial_call=True,
    )(update_deleted)
