"""Callbacks of a session's page: log, edit and delete lines; details; the plan; records."""

from __future__ import annotations

import math
from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.forms import (
    blank_to_none,
    feedback_outputs,
    feedback_values,
    next_change,
    parse_id,
    status_alert,
    validate_data,
)
from callbacks.workouts import mesocycle_options
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.schemas.workouts import MAX_LOAD_KG, MAX_REPS, MAX_SETS, LineInput
from dashboard_app.services import records, workout_lines, workouts
from dashboard_app.ui import ids
from dashboard_app.ui.common import create_icon
from dashboard_app.ui.records import RECORD_NAMES, format_record
from dashboard_app.ui.session import (
    build_last_time,
    build_plan,
    build_session_lines,
    describe_line,
)
from dashboard_app.ui.workouts import describe_duration, session_title
from dashboard_app.units import format_weight, weight_from_kg, weight_to_kg

LINE = ids.SESSION_LINE_FIELDS
# The warm-up checkbox can only be wrong in a crafted request: its message goes to the status.
LINE_CHECKED = {name: field_id for name, field_id in LINE.items() if name != "is_warmup"}
SCALES = ("rir", "stimulus", "fatigue_level")
EDIT_TITLE, ADD_TITLE = "Edit line", "Add a line"
HIDDEN, SHOWN = "p-0 d-none", "p-0"


def _unit() -> str:
    return current_user.row.weight_unit


def _scale(value: Any) -> Any:
    """A 0-10 select's text as a number; anything else reaches the schema as sent."""
    if isinstance(value, str) and value.isdigit() and len(value) < 3:
        return int(value)
    return blank_to_none(value)


def _typed_number(value: Any) -> bool:
    # abs() first: math.isfinite overflows on a huge int.
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and abs(value) < 1e6
        and math.isfinite(value)
    )


def line_data(values: dict[str, Any], unit: str) -> dict[str, Any]:
    """The line form's values as LineInput takes them: blanks to None, the load in kg."""
    data = {name: blank_to_none(value) for name, value in values.items()}
    for name in SCALES:
        data[name] = _scale(values[name])
    load = data["load_kg"]
    if load is None:
        data["load_kg"] = 0.0  # a bodyweight line may leave the load empty
    elif _typed_number(load):
        data["load_kg"] = weight_to_kg(load, unit)
    if data["is_warmup"] is None:
        data["is_warmup"] = False
    return data


def line_errors(errors: dict[str, str], unit: str) -> dict[str, str]:
    """Schema messages in the words (and the unit) of the form."""
    friendly = {
        "exercise_id": "Choose an exercise from the list",
        "sets": f"Enter 1 to {MAX_SETS} sets",
        "reps": f"Enter 1 to {MAX_REPS} reps",
        "load_kg": f"Enter a load from 0 to {weight_from_kg(MAX_LOAD_KG, unit):.0f} {unit}",
        "rir": "Choose 0 to 10",
        "stimulus": "Choose 1 to 5",
        "fatigue_level": "Choose 1 to 5",
    }
    return {name: friendly.get(name, message) for name, message in errors.items()}


def _line_form_values(line: dict[str, Any], unit: str) -> list[Any]:
    load = weight_from_kg(line["load_kg"], unit)
    return [
        line["exercise_id"],
        line["sets"],
        line["reps"],
        round(load, 2),
        *["" if line[name] is None else str(line[name]) for name in SCALES],
        bool(line["is_warmup"]),
    ]


def update_options(session_id):
    """The exercise picker (most used first), the mesocycle list and the load unit."""
    session, user_id = get_session(), current_user_id()
    choices = workout_lines.exercise_choices(session, user_id)
    options = [
        {
            "label": f"{c['name']} · {c['muscle_group']}"
            + (f" · {c['usage_count']}×" if c["usage_count"] else ""),
            "value": c["id"],
            "search": c["name"],
        }
        for c in choices
    ]
    return (
        options,
        mesocycle_options(workouts.mesocycle_names(session, user_id)),
        _unit(),
    )


def _summary(loaded: dict[str, Any], unit: str) -> str:
    lines = [line for line in loaded["lines"] if not line["is_warmup"]]
    volume = sum(line["sets"] * line["reps"] * line["load_kg"] for line in lines)
    parts = [
        f"{loaded['date']:%A %d %B %Y}",
        describe_duration(loaded["duration_minutes"]),
        f"{sum(line['sets'] for line in lines)} working sets",
        f"{format_weight(volume, unit, 0)} volume" if volume else None,
    ]
    return " · ".join(part for part in parts if part)


def update_view(session_id, _changed):
    """Title, summary, the plan and the logged lines with their record badges."""
    session, user_id, unit = get_session(), current_user_id(), _unit()
    loaded = workouts.load_session(session, user_id, parse_id(session_id))
    if loaded is None:
        missing = dbc.Alert(
            ["There is no such session. ", html.A("Back to your sessions", href="/workouts")],
            color="warning",
        )
        return "Session not found", "", None, missing
    badges: dict[int, list[str]] = {}
    for record in records.session_records(session, user_id, loaded["id"]):
        if record["line_id"] is not None:
            badges.setdefault(record["line_id"], []).append(RECORD_NAMES[record["record_type"]])
    previous = workouts.previous_in_mesocycle(session, user_id, loaded["id"])
    return (
        session_title(loaded),
        _summary(loaded, unit),
        build_plan(previous, loaded["lines"], unit),
        build_session_lines(loaded["lines"], badges, unit),
    )


def update_last_time(exercise_id, session_id, _changed):
    """What the user did last time with the chosen exercise."""
    exercise = parse_id(exercise_id)
    if exercise is None:
        return None
    last = workout_lines.last_time(get_session(), current_user_id(), exercise, parse_id(session_id))
    return build_last_time(last, _unit())


def update_line_form(_fill, _last, _edit, _cancel):
    """Copy a planned or earlier line into the form, or load one of this session's to edit."""
    trigger = ctx.triggered_id
    if trigger == ids.LINE_CANCEL_EDIT:
        return [no_update] * len(LINE) + [None, ADD_TITLE, HIDDEN]
    clicked = ctx.triggered[0]["value"] if ctx.triggered else None
    if not isinstance(trigger, dict) or not clicked:
        raise PreventUpdate  # buttons appearing on a re-render, not a click
    line = workout_lines.load_line(get_session(), current_user_id(), trigger.get("index"))
    if line is None:
        raise PreventUpdate
    values = _line_form_values(line, _unit())
    if trigger.get("type") == ids.EDIT_LINE:
        return [*values, line["id"], EDIT_TITLE, SHOWN]
    # A copied line is a new one: copying while editing leaves the edit, never overwrites.
    return [*values, None, ADD_TITLE, HIDDEN]


def _records_alert(new_records: list[records.NewRecord], unit: str):
    if not new_records:
        return None
    lines = [
        html.Li(
            f"{r.exercise_name} {RECORD_NAMES[r.record_type]} "
            f"{format_record(r.record_type, r.value, unit)} "
            f"(was {format_record(r.record_type, r.previous, unit)})"
        )
        for r in new_records
    ]
    return dbc.Alert(
        [
            html.Strong([create_icon("trophy-fill", "me-2"), "New PR!"]),
            html.Ul(lines, className="mb-0 mt-1"),
        ],
        color="warning",
        dismissable=True,
        class_name="new-records",
    )


def update_line_saved(clicks, session_id, editing, changed, *values):
    """Validate and save the line; errors at their fields, records and the rest timer on success."""
    if not clicks:
        raise PreventUpdate
    unit = _unit()
    form = dict(zip(LINE, values, strict=True))
    data, errors = validate_data(LineInput, line_data(form, unit))
    unchanged = [no_update] * 6
    if data is None:
        errors = line_errors(errors, unit)
        message = errors.get("is_warmup", "Not saved: check the marked fields.")
        return [*feedback_values(LINE_CHECKED, errors), status_alert(message, False), *unchanged]
    session, user_id = get_session(), current_user_id()
    editing_id = parse_id(editing)
    if editing_id is not None:
        change = workout_lines.update_line(session, user_id, editing_id, data)
    else:
        change = workout_lines.add_line(session, user_id, parse_id(session_id), data)
    if not change.ok:
        session.rollback()
        errors = line_errors(change.errors, unit)
        message = errors.get("session") or errors.get("line") or "Not saved."
        return [*feedback_values(LINE_CHECKED, errors), status_alert(message, False), *unchanged]
    session.commit()
    verb = "Updated" if editing_id is not None else "Saved"
    described = describe_line({**data.model_dump(), "load_kg": data.load_kg}, unit)
    # Only records this session set: lowering an old line can hand a later one a "record".
    here = [r for r in change.new_records if r.session_id == parse_id(session_id)]
    return [
        *feedback_values(LINE_CHECKED, {}),
        status_alert(f"{verb} {described}.", True),
        _records_alert(here, unit),
        next_change(changed),
        None,
        ADD_TITLE,
        HIDDEN,
        # The rest timer starts after a working line, not after editing an old one.
        next_change(changed) if editing_id is None and not data.is_warmup else no_update,
    ]


def update_line_deleted(clicks, changed):
    """Delete the line whose button was pressed."""
    trigger = ctx.triggered_id
    clicked = ctx.triggered[0]["value"] if ctx.triggered else None
    if not isinstance(trigger, dict) or not clicked:
        raise PreventUpdate
    session = get_session()
    line = workout_lines.load_line(session, current_user_id(), trigger.get("index"))
    if line is None or not workout_lines.delete_line(session, current_user_id(), line["id"]):
        return no_update, status_alert("That line was already deleted.", False)
    session.commit()
    described = f"{line['exercise_name']} {describe_line(line, _unit())}"
    return next_change(changed), status_alert(f"Deleted {described}.", True)


def register(app: Dash) -> None:
    app.callback(
        Output(LINE["exercise_id"], "options"),
        Output(ids.SESSION_MESOCYCLES, "children"),
        Output(ids.LINE_LOAD_UNIT, "children"),
        Input(ids.SESSION_ID, "data"),
    )(update_options)
    app.callback(
        Output(ids.SESSION_TITLE, "children"),
        Output(ids.SESSION_SUMMARY, "children"),
        Output(ids.SESSION_PLAN, "children"),
        Output(ids.SESSION_LINES, "children"),
        Input(ids.SESSION_ID, "data"),
        Input(ids.SESSION_CHANGED, "data"),
    )(update_view)
    app.callback(
        Output(ids.LINE_LAST_TIME, "children"),
        Input(LINE["exercise_id"], "value"),
        State(ids.SESSION_ID, "data"),
        Input(ids.SESSION_CHANGED, "data"),
    )(update_last_time)
    app.callback(
        [Output(field_id, "value") for field_id in LINE.values()],
        Output(ids.LINE_EDITING, "data"),
        Output(ids.LINE_FORM_TITLE, "children"),
        Output(ids.LINE_CANCEL_EDIT, "class_name"),
        Input({"type": ids.FILL_LINE, "index": ALL}, "n_clicks"),
        Input({"type": ids.FILL_LAST, "index": ALL}, "n_clicks"),
        Input({"type": ids.EDIT_LINE, "index": ALL}, "n_clicks"),
        Input(ids.LINE_CANCEL_EDIT, "n_clicks"),
        prevent_initial_call=True,
    )(update_line_form)
    app.callback(
        [
            *feedback_outputs(LINE_CHECKED),
            Output(ids.LINE_STATUS, "children"),
            Output(ids.LINE_RECORDS, "children"),
            Output(ids.SESSION_CHANGED, "data"),
            Output(ids.LINE_EDITING, "data", allow_duplicate=True),
            Output(ids.LINE_FORM_TITLE, "children", allow_duplicate=True),
            Output(ids.LINE_CANCEL_EDIT, "class_name", allow_duplicate=True),
            Output(ids.REST_TIMER_START, "data"),
        ],
        Input(ids.LINE_SAVE, "n_clicks"),
        State(ids.SESSION_ID, "data"),
        State(ids.LINE_EDITING, "data"),
        State(ids.SESSION_CHANGED, "data"),
        *[State(field_id, "value") for field_id in LINE.values()],
        prevent_initial_call=True,
    )(update_line_saved)
    app.callback(
        Output(ids.SESSION_CHANGED, "data", allow_duplicate=True),
        Output(ids.LINE_STATUS, "children", allow_duplicate=True),
        Input({"type": ids.DELETE_LINE, "index": ALL}, "n_clicks"),
        State(ids.SESSION_CHANGED, "data"),
        prevent_initial_call=True,
    )(update_line_deleted)
    app.clientside_callback(
        ClientsideFunction(namespace="metrics", function_name="startRestTimer"),
        Output(ids.REST_TIMER, "title"),
        Input(ids.REST_TIMER_START, "data"),
        prevent_initial_call=True,
    )
