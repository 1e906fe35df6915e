"""Shared plumbing for form callbacks: field errors out to the inputs that caused them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from pydantic import BaseModel, ValidationError

from dashboard_app.schemas import field_errors
from dashboard_app.schemas.daily_log import FIRST_DAY, LAST_DAY
from dashboard_app.ui.ids import feedback_id
from db.base import is_row_id


def field_states(fields: Mapping[str, str], prop: str = "value") -> list[State]:
    """State of every field, in the mapping's order."""
    return [State(field_id, prop) for field_id in fields.values()]


def feedback_outputs(fields: Mapping[str, str]) -> list[Output]:
    """For each field: its invalid flag, then (after all flags) its message."""
    return [Output(field_id, "invalid") for field_id in fields.values()] + [
        Output(feedback_id(field_id), "children") for field_id in fields.values()
    ]


def feedback_values(fields: Mapping[str, str], errors: Mapping[str, str]) -> list[Any]:
    """Values for feedback_outputs: flags and messages; errors on unknown keys are dropped."""
    return [name in errors for name in fields] + [errors.get(name, "") for name in fields]


def form_values(fields: Mapping[str, str], values: tuple[Any, ...]) -> dict[str, Any]:
    """{field name: value typed} from the State values of field_states(fields)."""
    return dict(zip(fields, values, strict=True))


def status_alert(message: str, ok: bool) -> dbc.Alert:
    return dbc.Alert(
        message, color="success" if ok else "danger", class_name="mb-0 py-2", dismissable=True
    )


def validate_data(
    schema: type[BaseModel], data: Mapping[str, Any]
) -> tuple[BaseModel | None, dict[str, str]]:
    """data validated by schema, or None and the field errors."""
    try:
        return schema.model_validate(data), {}
    except ValidationError as exc:
        return None, field_errors(exc)


def validate_form(
    schema: type[BaseModel], fields: Mapping[str, str], values: tuple[Any, ...]
) -> tuple[BaseModel | None, dict[str, str]]:
    """The form's State values validated by schema, or None and the field errors."""
    return validate_data(schema, form_values(fields, values))


def refused(
    fields: Mapping[str, str], errors: Mapping[str, str], message: str, unchanged: int = 0
) -> list[Any]:
    """Outputs for a form that was not accepted: errors at the fields, a red status line."""
    return [
        *feedback_values(fields, errors),
        status_alert(message, False),
        *[no_update] * unchanged,
    ]


def accepted(fields: Mapping[str, str], message: str, *extra: Any) -> list[Any]:
    """Outputs for an accepted form: no errors, a green status line, then extra outputs."""
    return [*feedback_values(fields, {}), status_alert(message, True), *extra]


def clicked_id() -> Any:
    """The id of the control whose click fired the callback.

    Buttons that merely appear (a re-rendered list, a new card) fire with no clicks: those
    raise PreventUpdate, so only a real click acts.
    """
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    return ctx.triggered_id


def pattern_entries(entries: Any) -> list[tuple[dict[str, Any], Any]]:
    """(id, value) of each entry of a pattern-matching dependency that has the shape Dash
    sends (a crafted payload may send anything in its place)."""
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list):
        return []
    return [
        (entry["id"], entry.get("value"))
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("id"), dict)
    ]


def parse_id(value: Any) -> int | None:
    """A row id from a component (selects and addresses send digits as text); None otherwise."""
    if isinstance(value, str) and value.isdigit() and len(value) < 12:
        value = int(value)
    return value if is_row_id(value) else None


def parse_day(value: Any) -> date | None:
    """A plausible day from the ISO text a date input sends; None for anything else."""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return day if day is not None and FIRST_DAY <= day <= LAST_DAY else None


def next_change(changed: Any) -> int:
    """The next value of a page's change counter (a crafted counter restarts at 1)."""
    return changed + 1 if isinstance(changed, int) and not isinstance(changed, bool) else 1


def blank_to_none(value: Any) -> Any:
    """Empty inputs send "": the schemas take None for "not given"."""
    return None if value == "" else value
