"""The sessions list, its new-session dialog, and the session form both pages use."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ui import ids
from dashboard_app.ui.common import (
    count_label,
    create_dialog,
    create_icon,
    create_page_header,
)
from dashboard_app.ui.forms import create_input, create_textarea
from dashboard_app.ui.routines import build_routines_card
from dashboard_app.units import format_weight

PAGE_SIZE = 20


def create_session_form(
    fields: dict[str, str], datalist_id: str, start_now_id: str, finish_id: str | None = None
) -> html.Div:
    """Date, mesocycle (pick or type), number, start and finish with one-tap "now" buttons."""
    now_buttons = [
        dbc.Button(
            [create_icon("play-fill", "me-1"), "Start now"],
            id=start_now_id,
            color="secondary",
            outline=True,
            size="sm",
        )
    ]
    if finish_id:
        now_buttons.append(
            dbc.Button(
                [create_icon("stop-fill", "me-1"), "Finish now"],
                id=finish_id,
                color="secondary",
                outline=True,
                size="sm",
            )
        )
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(create_input(fields["date"], "Date", "date"), xs=6),
                    dbc.Col(
                        create_input(
                            fields["session_number"],
                            "Session number",
                            "number",
                            min=1,
                            max=999,
                            step=1,
                            inputMode="numeric",
                        ),
                        xs=6,
                    ),
                ],
                class_name="g-2",
            ),
            create_input(
                fields["title"],
                "Name (optional)",
                maxLength=120,
                autoComplete="off",
                placeholder="e.g. Upper A",
            ),
            create_input(
                fields["mesocycle"],
                "Mesocycle",
                help_text="Pick one you use or type a new name.",
                list=datalist_id,
                maxLength=80,
                autoComplete="off",
                placeholder="e.g. Hypertrophy block 3",
            ),
            html.Datalist(id=datalist_id),
            dbc.Row(
                [
                    dbc.Col(create_input(fields["start_time"], "Started", "time"), xs=6),
                    dbc.Col(create_input(fields["end_time"], "Finished", "time"), xs=6),
                ],
                class_name="g-2",
            ),
            html.Div(now_buttons, className="d-flex gap-2 mb-3"),
            create_textarea(fields["notes"], "Notes (optional)", rows=2, maxLength=4000),
        ]
    )


def build_workouts_layout() -> html.Div:
    """Start or repeat a session, and the paged list of sessions."""
    repeat = dbc.Card(
        dbc.CardBody(
            [
                html.H2("Repeat last session", className="h6"),
                html.P(
                    "Starts the mesocycle's next session today as its last one was: a routine's "
                    "is planned from that routine's last time, moved on a rep or a step.",
                    className="small text-body-secondary",
                ),
                dbc.Label(
                    "Mesocycle to repeat",
                    html_for=ids.WORKOUTS_REPEAT_MESOCYCLE,
                    class_name="visually-hidden",
                ),
                dbc.InputGroup(
                    [
                        dbc.Select(id=ids.WORKOUTS_REPEAT_MESOCYCLE, options=[]),
                        dbc.Button("Repeat", id=ids.WORKOUTS_REPEAT, color="primary"),
                    ]
                ),
                html.Div(id=ids.WORKOUTS_REPEAT_STATUS, role="status", className="mt-2"),
            ]
        ),
        class_name="mb-3",
    )
    return html.Div(
        [
            dcc.Store(id=ids.WORKOUTS_LOAD, data=True),
            dcc.Location(id=ids.WORKOUTS_REDIRECT, refresh="callback-nav"),
            html.Div(
                [
                    create_page_header(
                        "Workouts", "Your training sessions, newest first.", "lightning-charge"
                    ),
                    html.Div(
                        [
                            dbc.Button(
                                [create_icon("trophy", "me-1"), "Records"],
                                href="/records",
                                color="secondary",
                                outline=True,
                            ),
                            dbc.Button(
                                [create_icon("plus-lg", "me-1"), "New session"],
                                id=ids.WORKOUTS_NEW,
                                color="primary",
                            ),
                        ],
                        className="d-flex gap-2",
                    ),
                ],
                className="d-flex justify-content-between align-items-start gap-2 flex-wrap mb-3",
            ),
            build_routines_card(),
            repeat,
            html.P(
                id=ids.WORKOUTS_COUNT, className="text-body-secondary small mb-2", role="status"
            ),
            dcc.Loading(dbc.ListGroup(id=ids.WORKOUTS_LIST, class_name="mb-3"), type="dot"),
            dbc.Pagination(
                id=ids.WORKOUTS_PAGES,
                max_value=1,
                active_page=1,
                fully_expanded=False,
                first_last=True,
                previous_next=True,
                class_name="flex-wrap",
            ),
            create_dialog(
                ids.WORKOUTS_MODAL,
                "New session",
                [
                    create_session_form(
                        ids.WORKOUTS_FIELDS, ids.WORKOUTS_MESOCYCLES, ids.WORKOUTS_START_NOW
                    ),
                    html.Div(id=ids.WORKOUTS_STATUS, role="status"),
                ],
                (ids.WORKOUTS_CANCEL, "Cancel"),
                (ids.WORKOUTS_CREATE, "Start logging"),
            ),
        ]
    )


def describe_duration(minutes: int | None) -> str | None:
    if minutes is None:
        return None
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def session_title(item: dict[str, Any]) -> str:
    """ "Upper A", else "Hypertrophy A · #5", or "Session" with neither."""
    if item.get("title"):
        return item["title"]
    title = item["mesocycle"] or "Session"
    return f"{title} · #{item['session_number']}" if item["session_number"] else title


def create_session_item(item: dict[str, Any], unit: str) -> dbc.ListGroupItem:
    """One row of the sessions list, linking to the session's page."""
    planned = item.get("planned_sets", 0)
    if item["sets"] == 0 and planned:  # started from a routine, nothing logged yet
        facts = [f"{count_label(planned, 'set')} planned, none logged yet"]
    else:
        facts = [
            describe_duration(item["duration_minutes"]),
            count_label(item["exercises"], "exercise"),
            count_label(item["sets"], "set"),
            format_weight(item["volume_kg"], unit, 0) if item["volume_kg"] else None,
            f"{planned} still planned" if planned else None,
        ]
    return dbc.ListGroupItem(
        html.Div(
            [
                html.Div(
                    [
                        html.Div(session_title(item), className="fw-semibold"),
                        html.Div(f"{item['date']:%a %d %b %Y}", className="small"),
                    ]
                ),
                html.Div(
                    " · ".join(fact for fact in facts if fact),
                    className="small text-body-secondary text-end",
                ),
            ],
            className="d-flex justify-content-between align-items-center flex-wrap gap-1",
        ),
        href=f"/workouts/{item['id']}",
        action=True,
    )
