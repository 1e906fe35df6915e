"""Form pieces: a label, an input and the message shown under it when it is invalid."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ui.ids import feedback_id


def create_field(
    field_id: str, label: str | list, control: Any, help_text: str | None = None
) -> html.Div:
    """Label + control + feedback (+ help), wired for screen readers."""
    children = [
        dbc.Label(label, html_for=field_id),
        control,
        dbc.FormFeedback(id=feedback_id(field_id), type="invalid"),
    ]
    if help_text:
        children.append(dbc.FormText(help_text))
    return html.Div(children, className="mb-3")


def create_input(
    field_id: str, label: str, input_type: str = "text", help_text: str | None = None, **props
) -> html.Div:
    """A labelled dbc.Input."""
    return create_field(
        field_id, label, dbc.Input(id=field_id, type=input_type, **props), help_text
    )


def create_select(
    field_id: str, label: str, options: list[dict[str, str]], value: str | None = None
) -> html.Div:
    """A labelled dbc.Select."""
    return create_field(field_id, label, dbc.Select(id=field_id, options=options, value=value))


def create_textarea(field_id: str, label: str, rows: int = 3, **props) -> html.Div:
    """A labelled dbc.Textarea."""
    return create_field(field_id, label, dbc.Textarea(id=field_id, rows=rows, **props))


def create_exercise_picker(field_id: str, help_text: str | None = None) -> html.Div:
    """ "Add an exercise": a searchable dropdown whose options a callback fills as you type."""
    return create_field(
        field_id,
        "Add an exercise",
        dcc.Dropdown(
            id=field_id,
            options=[],
            placeholder="Search exercises…",
            clearable=False,
            optionHeight=44,
        ),
        help_text,
    )
