"""Callbacks of a session's page: its blocks, its totals, and each set row's tick and edits.

A set row is its own callback (MATCH): a tap logs that set and changes only that row, so a
tap never redraws (and never loses) what is being typed in another. A field is saved when it
is left or Enter is pressed; a value refused is marked at its field, and the stored value
stays as it was.
"""

from __future__ import annotations

import time
from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State, ctx, html
from dash.exceptions import PreventUpdate
from flask_login import current_user
from pydantic import ValidationError
from sqlalchemy.orm.exc import StaleDataError

from callbacks.forms import blank_to_none, parse_id, pattern_entries
from callbacks.workouts import mesocycle_options
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.schemas import field_errors
from dashboard_app.schemas.workouts import MAX_DISTANCE_M, MAX_LOAD_KG, MAX_REPS, LineInput
from dashboard_app.services import session_sets, workout_lines, workouts
from dashboard_app.services.routines import user_equipment
from dashboard_app.ui import ids
from dashboard_app.ui.session_sets import (
    build_blocks,
    check_button,
    describe_set,
    record_message,
)
from dashboard_app.ui.workouts import describe_duration, session_title
from dashboard_app.units import (
    distance_from_m,
    distance_to_m,
    distance_unit,
    format_weight,
    parse_clock,
    weight_from_kg,
    weight_to_kg,
)

# Schema fields -> the row's inputs, where their messages go.
ROW_FIELDS = {
    "load_kg": "load",
    "reps": "reps",
    "rir": "rir",
    "duration_seconds": "time",
    "distance_m": "distance",
    "notes": "notes",
}
INPUT_CLASS = "form-control set-input"


def _unit() -> str:
    return current_user.row.weight_unit


def _number(value: Any) -> Any:
    """A number input's value as the schema takes it: 8.0 is 8; blanks are None."""
    value = blank_to_none(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e6:
        return int(value)
    return value


def _typed(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e9


def set_data(fields: dict[str, Any], warmup: Any, unit: str, exercise_id: int) -> dict[str, Any]:
    """A row's inputs as LineInput takes them: SI units, blanks as None, times in seconds."""
    load = _number(fields.get("load"))
    distance = _number(fields.get("distance"))
    return {
        "exercise_id": exercise_id,
        "load_kg": 0.0 if load is None else weight_to_kg(load, unit) if _typed(load) else load,
        "reps": _number(fields.get("reps")),
        "rir": _number(fields.get("rir")),
        "duration_seconds": parse_clock(fields.get("time")),
        "distance_m": distance_to_m(distance, unit) if _typed(distance) else distance,
        "is_warmup": bool(warmup) if isinstance(warmup, bool) else warmup,
        "notes": blank_to_none(fields.get("notes")),
    }


def set_errors(errors: dict[str, str], unit: str) -> dict[str, str]:
    """Schema messages in the row's words, keyed by the row's inputs."""
    most_load = weight_from_kg(MAX_LOAD_KG, unit)
    most_distance = distance_from_m(MAX_DISTANCE_M, unit)
    friendly = {
        "reps": f"Reps: a whole number from 1 to {MAX_REPS}",
        "load_kg": f"Load: 0 to {most_load:.0f} {unit}",
        "rir": "RIR: a whole number from 0 to 10",
        "duration_seconds": "Time: like 45 or 1:30, up to a day",
        "distance_m": f"Distance: above 0, at most {most_distance:,.0f} {distance_unit(unit)}",
        "notes": "Note: at most 500 characters",
    }
    shown = {}
    for name, message in errors.items():
        target = ROW_FIELDS.get(name, "reps" if name == "__all__" else None)
        if name == "reps" and "reps, a time or a distance" in message:
            message = "Enter the reps (or a time, a distance) first"
        elif name in friendly:
            message = friendly[name]
        shown[target or "set"] = message
    return shown


def update_options(session_id):
    """The exercise picker (most used first) and the mesocycle list of the details form."""
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
    return options, mesocycle_options(workouts.mesocycle_names(session, user_id))


def update_blocks(session_id, _changed):
    """Every block with its sets, as stored."""
    session, user_id = get_session(), current_user_id()
    blocks = session_sets.session_blocks(session, user_id, parse_id(session_id))
    if blocks is None:
        return dbc.Alert(
            ["There is no such session. ", html.A("Back to your sessions", href="/workouts")],
            color="warning",
        )
    return build_blocks(blocks, _unit(), user_equipment(session, user_id))


def summary_text(loaded: dict[str, Any], planned: int, unit: str) -> str:
    lines = [line for line in loaded["lines"] if not line["is_warmup"]]
    volume = sum(line["sets"] * (line["reps"] or 0) * line["load_kg"] for line in lines)
    done = sum(line["sets"] for line in lines)
    parts = [
        f"{loaded['date']:%a %d %b %Y}",
        describe_duration(loaded["duration_minutes"]),
        f"{done} working set{'' if done == 1 else 's'} done",
        f"{planned} to go" if planned else None,
        f"{format_weight(volume, unit, 0)} volume" if volume else None,
    ]
    return " · ".join(part for part in parts if part)


def update_summary(session_id, _changed, _states):
    """Title and totals, after any set is logged or the page changes."""
    session, user_id = get_session(), current_user_id()
    loaded = workouts.load_session(session, user_id, parse_id(session_id))
    if loaded is None:
        return "Session not found", ""
    planned = session_sets.count_planned(session, user_id, loaded["id"])
    return session_title(loaded), summary_text(loaded, planned, _unit())


def _row_inputs() -> tuple[dict[str, Any], Any]:
    """The row's inputs {field: value} and its warm-up flag, from the callback's inputs."""
    entries = pattern_entries(ctx.inputs_list[2])
    fields = {field_id.get("field"): value for field_id, value in entries}
    warmup = pattern_entries(ctx.inputs_list[3])
    return fields, warmup[0][1] if warmup else None


def _field_classes(errors: dict[str, str]) -> list[str]:
    return [
        INPUT_CLASS + (" is-invalid" if field_id.get("field") in errors else "")
        for field_id, _ in pattern_entries(ctx.outputs_list[5])
    ]


def _row_outputs(state, logged: bool, label: str, message, errors=None, rest=None) -> list:
    check = check_button(logged)
    if rest is not None:
        state = {**state, "rest": rest, "at": time.time()}
    return [
        state,
        check["className"],
        check["aria-pressed"],
        "set-row" + (" set-done" if logged else ""),
        message,
        _field_classes(errors or {}),
    ]


def _refusal(errors: dict[str, str], logging: bool) -> html.Div:
    kept = "nothing was logged" if logging else "the stored value is kept"
    return html.Div(
        [html.Strong("Not saved: "), "; ".join(errors.values()), f" ({kept})."],
        className="text-danger",
    )


def update_set(_log, _submits, _values, _warmup, state):
    """Log the set as shown (tick or Enter), take a tick back, or keep a value typed."""
    if not ctx.triggered or not isinstance(state, dict):
        raise PreventUpdate
    # A field left by tapping the tick changes its value and the tick's clicks at once: one
    # call with both triggered, which logs the set with the new value.
    tapped = any(
        f'"{ids.SET_LOG}"' in item["prop_id"] and item.get("value") for item in ctx.triggered
    )
    submitted = any(
        item["prop_id"].endswith(".n_submit") and item.get("value") for item in ctx.triggered
    )
    if (
        not tapped
        and not submitted
        and not any(item["prop_id"].endswith(".value") for item in ctx.triggered)
    ):
        raise PreventUpdate  # a re-rendered button, not a tap
    logged_id, planned_id = parse_id(state.get("logged")), parse_id(state.get("planned"))
    if logged_id is None and planned_id is None:
        raise PreventUpdate
    session, user_id, unit = get_session(), current_user_id(), _unit()
    fields, warmup = _row_inputs()
    exercise_id = session_sets.exercise_of_set(session, user_id, logged_id, planned_id)
    if exercise_id is None:
        return _row_outputs(
            state, logged_id is not None, "This set", "This set was deleted: reload the page"
        )
    data_dict = set_data(fields, warmup, unit, exercise_id)
    label = "This set"
    try:
        data = LineInput.model_validate(data_dict)
    except ValidationError as exc:
        errors = set_errors(field_errors(exc), unit)
        logging = planned_id is not None and (tapped or submitted)
        return _row_outputs(state, logged_id is not None, label, _refusal(errors, logging), errors)
    try:
        return _apply(session, user_id, data, state, logged_id, planned_id, tapped, submitted)
    except StaleDataError:
        session.rollback()
        message = "This set changed elsewhere: reload the page"
        return _row_outputs(state, logged_id is not None, label, message)


def _apply(session, user_id, data, state, logged_id, planned_id, tapped, submitted):
    unit = _unit()
    if planned_id is not None and (tapped or submitted):
        outcome = session_sets.log_planned(session, user_id, planned_id, data)
        if not outcome.ok:
            session.rollback()
            return _row_outputs(state, False, "This set", _refusal(outcome.errors, True))
        rest = outcome.rest_seconds
        session.commit()
        row = outcome.row
        message = record_message(row.records) or html.Span(
            f"Logged {describe_set(_values(row), unit)}.", className="text-success"
        )
        return _row_outputs({"logged": row.id}, True, "This set", message, rest=rest)
    if logged_id is not None and tapped:
        outcome = session_sets.unlog_set(session, user_id, logged_id)
        if not outcome.ok:
            session.rollback()
            return _row_outputs(state, True, "This set", _refusal(outcome.errors, False))
        session.commit()
        message = html.Span("Not done: back in the plan.", className="text-body-secondary")
        return _row_outputs({"planned": outcome.row.id}, False, "This set", message)
    if logged_id is not None:
        outcome = session_sets.save_logged(session, user_id, logged_id, data)
        if not outcome.ok:
            session.rollback()
            return _row_outputs(state, True, "This set", _refusal(outcome.errors, False))
        session.commit()
        row = outcome.row
        message = record_message(row.records) or html.Span(
            f"Saved {describe_set(_values(row), unit)}.", className="text-success"
        )
        return _row_outputs(state, True, "This set", message)
    outcome = session_sets.save_planned(session, user_id, planned_id, data)
    if not outcome.ok:
        session.rollback()
        return _row_outputs(state, False, "This set", _refusal(outcome.errors, False))
    session.commit()
    return _row_outputs(state, False, "This set", None)


def _values(row: session_sets.SetRow) -> dict[str, Any]:
    return {
        "sets": row.sets,
        "reps": row.reps,
        "load_kg": row.load_kg,
        "duration_seconds": row.duration_seconds,
        "distance_m": row.distance_m,
    }


def register(app: Dash) -> None:
    app.callback(
        Output(ids.SESSION_ADD_EXERCISE, "options"),
        Output(ids.SESSION_MESOCYCLES, "children"),
        Input(ids.SESSION_ID, "data"),
    )(update_options)
    app.callback(
        Output(ids.SESSION_BLOCKS, "children"),
        Input(ids.SESSION_ID, "data"),
        Input(ids.SESSION_CHANGED, "data"),
    )(update_blocks)
    app.callback(
        Output(ids.SESSION_TITLE, "children"),
        Output(ids.SESSION_SUMMARY, "children"),
        Input(ids.SESSION_ID, "data"),
        Input(ids.SESSION_CHANGED, "data"),
        Input({"type": ids.SET_STATE, "index": ALL}, "data"),
    )(update_summary)
    app.callback(
        Output({"type": ids.SET_STATE, "index": MATCH}, "data"),
        Output({"type": ids.SET_LOG, "index": MATCH}, "className"),
        Output({"type": ids.SET_LOG, "index": MATCH}, "aria-pressed"),
        Output({"type": ids.SET_ROW, "index": MATCH}, "className"),
        Output({"type": ids.SET_MESSAGE, "index": MATCH}, "children"),
        Output({"type": ids.SET_FIELD, "index": MATCH, "field": ALL}, "className"),
        Input({"type": ids.SET_LOG, "index": MATCH}, "n_clicks"),
        Input({"type": ids.SET_FIELD, "index": MATCH, "field": ALL}, "n_submit"),
        Input({"type": ids.SET_FIELD, "index": MATCH, "field": ALL}, "value"),
        Input({"type": ids.SET_WARMUP, "index": MATCH}, "value"),
        State({"type": ids.SET_STATE, "index": MATCH}, "data"),
        prevent_initial_call=True,
    )(update_set)
    app.clientside_callback(
        ClientsideFunction(namespace="metrics", function_name="restAfterSet"),
        Output({"type": ids.SET_ROW, "index": MATCH}, "data-rest"),
        Input({"type": ids.SET_STATE, "index": MATCH}, "data"),
        prevent_initial_call=True,
    )
