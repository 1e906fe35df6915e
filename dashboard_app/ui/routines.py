"""Routines: the list to start one from (on the workouts page) and a routine's editor."""

from __future__ import annotations

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ui import ids
from dashboard_app.ui.common import create_delete_dialog, create_icon, dom_id
from dashboard_app.ui.forms import (
    create_exercise_picker,
    create_input,
    create_select,
    create_textarea,
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The editor's numbers per exercise: (field, label, smallest, largest).
TARGETS = (
    ("target_sets", "Sets", 1, 20),
    ("rep_min", "Reps from", 1, 100),
    ("rep_max", "to", 1, 100),
    ("target_rir", "RIR", 0, 10),
)
HOLD_TARGETS = (("target_sets", "Sets", 1, 20), ("target_seconds", "Seconds", 1, 86_400))
ITEM_EXTRAS = (("superset_group", "Superset", 1, 99), ("rest_seconds", "Rest (s)", 0, 3600))


def _routine_facts(routine: dict[str, Any]) -> str:
    parts = [
        routine["mesocycle"],
        WEEKDAYS[routine["weekday"]] if routine["weekday"] is not None else None,
        f"{len(routine['exercises'])} exercise{'' if len(routine['exercises']) == 1 else 's'}",
        f"last {routine['last_done']:%a %d %b}" if routine["last_done"] else "not done yet",
    ]
    return " · ".join(p for p in parts if p)


def today_badge() -> dbc.Badge:
    return dbc.Badge("today", color="info", text_color="dark", class_name="ms-2")


def build_routine_list(routines: list[dict[str, Any]], today: date) -> list[Any]:
    """Each routine with a one-tap Start; today's (by weekday) first and highlighted."""
    if not routines:
        return [
            html.P(
                [
                    "No routines yet. Make one with “New routine”, or save a session you "
                    "logged as one (on its page, under Details)."
                ],
                className="text-body-secondary small mb-0",
            )
        ]
    # Today's first, then the days to come in order, routines of any day last.
    ordered = sorted(
        routines,
        key=lambda r: (r["weekday"] is None, ((r["weekday"] or 0) - today.weekday()) % 7),
    )
    items = []
    for routine in ordered:
        today_s = routine["weekday"] == today.weekday()
        names = ", ".join(e["exercise_name"] for e in routine["exercises"][:4])
        if len(routine["exercises"]) > 4:
            names += ", …"
        items.append(
            dbc.ListGroupItem(
                html.Div(
                    [
                        html.Div(
                            [
                                html.Div(
                                    [
                                        routine["name"],
                                        today_badge() if today_s else None,
                                    ],
                                    className="fw-semibold",
                                ),
                                html.Div(_routine_facts(routine), className="small"),
                                html.Div(names, className="small text-body-secondary"),
                            ],
                            className="me-auto min-width-0",
                        ),
                        html.A(
                            [
                                create_icon("pencil"),
                                html.Span(f"Edit {routine['name']}", className="visually-hidden"),
                            ],
                            href=f"/routines/{routine['id']}",
                            className="btn btn-outline-secondary routine-edit flex-shrink-0",
                            title=f"Edit {routine['name']}",
                        ),
                        html.Button(
                            [create_icon("play-fill", "me-1"), "Start"],
                            id={"type": ids.ROUTINE_START, "index": routine["id"]},
                            n_clicks=0,
                            type="button",
                            className="btn routine-start flex-shrink-0 "
                            + ("btn-primary" if today_s else "btn-outline-secondary"),
                            **{"aria-label": f"Start {routine['name']}"},
                        ),
                    ],
                    className="d-flex align-items-center gap-2",
                )
            )
        )
    return [dbc.ListGroup(items, flush=True)]


def build_routines_card() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(
                html.Div(
                    [
                        html.H2("Routines", className="h6 mb-0"),
                        dbc.Button(
                            [create_icon("plus-lg", "me-1"), "New routine"],
                            href="/routines/new",
                            color="link",
                            # A darker blue than the theme's link (10-app.css): contrast.
                            class_name="p-0 routines-new",
                            id=ids.ROUTINES_NEW,
                        ),
                    ],
                    className="d-flex justify-content-between align-items-center",
                )
            ),
            html.Div(id=ids.ROUTINES_LIST),
            html.Div(id=ids.ROUTINES_STATUS, role="status", className="px-3"),
        ],
        class_name="mb-3",
    )


def _number(index: int, field: str, label: str, low: int, high: int, value, name: str):
    field_id = {"type": ids.ROUTINE_ITEM_FIELD, "index": index, "field": field}
    return html.Div(
        [
            html.Label(
                [label, html.Span(f" ({name})", className="visually-hidden")],
                htmlFor=dom_id(field_id),
                className="form-label small mb-0",
            ),
            dcc.Input(
                id=field_id,
                type="number",
                min=low,
                max=high,
                step=1,
                value=value,
                inputMode="numeric",
                className="form-control routine-number",
            ),
        ],
        className="routine-target",
    )


def build_routine_items(items: list[dict[str, Any]], errors: dict[str, str] | None = None):
    """The editor's exercises in order, each with its targets and move/remove buttons."""
    errors = errors or {}
    if not items:
        return html.P("No exercises yet: add the first one below.", className="text-body-secondary")
    rows = []
    for index, item in enumerate(items):
        name = item["exercise_name"]
        targets = HOLD_TARGETS if item.get("kind") == "duration" else TARGETS
        numbers = [
            _number(index, field, label, low, high, item.get(field), name)
            for field, label, low, high in (*targets, *ITEM_EXTRAS)
        ]
        message = next(
            (m for key, m in errors.items() if key.startswith(f"exercises.{index}.")), None
        )
        message = message[:1].upper() + message[1:] if message else None

        def action(kind: str, icon: str, text: str, disabled: bool = False, index=index, name=name):
            return dbc.Button(
                [create_icon(icon), html.Span(f"{text}: {name}", className="visually-hidden")],
                id={"type": ids.ROUTINE_ITEM_ACTION, "index": index, "action": kind},
                color="light",
                n_clicks=0,
                disabled=disabled,
                title=text,
                class_name="routine-action",
            )

        rows.append(
            dbc.ListGroupItem(
                [
                    html.Div(
                        [
                            html.Div(f"{index + 1}. {name}", className="fw-semibold me-auto"),
                            action("up", "arrow-up", "Move up", index == 0),
                            action("down", "arrow-down", "Move down", index == len(items) - 1),
                            action("remove", "trash", "Remove"),
                        ],
                        className="d-flex align-items-center gap-1 mb-1",
                    ),
                    html.Div(numbers, className="d-flex flex-wrap gap-2"),
                    html.Div(message, className="text-danger small") if message else None,
                ]
            )
        )
    return dbc.ListGroup(rows, class_name="mb-3")


def build_routine_layout(routine_id: str) -> html.Div:
    weekday_options = [{"label": "Any day", "value": ""}] + [
        {"label": day, "value": str(i)} for i, day in enumerate(WEEKDAYS)
    ]
    fields = ids.ROUTINE_FIELDS
    return html.Div(
        [
            dcc.Store(id=ids.ROUTINE_ID, data=routine_id),
            dcc.Store(id=ids.ROUTINE_ITEMS, data=[]),
            dcc.Location(id=ids.ROUTINE_REDIRECT, refresh="callback-nav"),
            html.A(
                [create_icon("arrow-left", "me-1"), "Workouts"],
                href="/workouts",
                className="d-inline-block mb-3",
            ),
            html.H1("Routine", id=ids.ROUTINE_HEADING, className="h3 mb-3"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            create_input(
                                fields["name"],
                                "Name",
                                maxLength=80,
                                autoComplete="off",
                                placeholder="e.g. Upper A",
                            ),
                            create_input(
                                fields["mesocycle"],
                                "Mesocycle (optional)",
                                list=ids.ROUTINE_MESOCYCLES,
                                maxLength=80,
                                autoComplete="off",
                            ),
                            html.Datalist(id=ids.ROUTINE_MESOCYCLES),
                            create_select(
                                fields["weekday"], "Day of the week", weekday_options, ""
                            ),
                            create_textarea(
                                fields["notes"], "Notes (optional)", rows=2, maxLength=2000
                            ),
                        ],
                        md=5,
                    ),
                    dbc.Col(
                        [
                            html.H2("Exercises", className="h6"),
                            html.P(
                                "Sets and the rep range and RIR to aim for: a session started from "
                                "the routine plans each exercise from the last time, one rep more "
                                "or a step heavier. Exercises with the same superset number are "
                                "done as rounds.",
                                className="small text-body-secondary",
                            ),
                            html.Div(id=ids.ROUTINE_EXERCISES),
                            create_exercise_picker(ids.ROUTINE_ADD_EXERCISE),
                            dbc.Button(
                                [create_icon("plus-lg", "me-1"), "Add to routine"],
                                id=ids.ROUTINE_ADD,
                                color="secondary",
                                outline=True,
                                class_name="mb-3",
                            ),
                        ],
                        md=7,
                    ),
                ]
            ),
            html.Div(
                [
                    dbc.Button("Save routine", id=ids.ROUTINE_SAVE, color="primary", size="lg"),
                    dbc.Button(
                        "Delete routine", id=ids.ROUTINE_DELETE, color="danger", outline=True
                    ),
                ],
                className="d-flex gap-2 flex-wrap",
            ),
            html.Div(id=ids.ROUTINE_STATUS, role="status", className="mt-2"),
            create_delete_dialog(
                ids.ROUTINE_DELETE_MODAL,
                "Delete this routine?",
                "Its sessions stay, no longer linked to it.",
                ids.ROUTINE_DELETE_CANCEL,
                ids.ROUTINE_DELETE_CONFIRM,
            ),
        ]
    )
