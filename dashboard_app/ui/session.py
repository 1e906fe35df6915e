"""One session's page: its blocks of sets, adding an exercise, finishing, the details."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ui import ids
from dashboard_app.ui.common import create_delete_dialog, create_dialog, create_icon
from dashboard_app.ui.forms import create_exercise_picker, create_input
from dashboard_app.ui.workouts import create_session_form


def _add_exercise() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                create_exercise_picker(
                    ids.SESSION_ADD_EXERCISE,
                    "Yours first: the ones you log most. It starts as you did it last time.",
                ),
                dbc.Button(
                    [create_icon("plus-lg", "me-1"), "Add exercise"],
                    id=ids.SESSION_ADD_BLOCK,
                    color="primary",
                    outline=True,
                    class_name="w-100",
                ),
            ]
        ),
        class_name="mb-3",
    )


def _details() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(html.H2("Details", className="h6 mb-0")),
            dbc.CardBody(
                [
                    create_session_form(
                        ids.SESSION_FIELDS,
                        ids.SESSION_MESOCYCLES,
                        ids.SESSION_START_NOW,
                        ids.SESSION_FINISH,
                    ),
                    html.Div(
                        [
                            dbc.Button("Save details", id=ids.SESSION_SAVE, color="primary"),
                            dbc.Button(
                                "Delete session",
                                id=ids.SESSION_DELETE,
                                color="danger",
                                outline=True,
                            ),
                        ],
                        className="d-flex gap-2 flex-wrap",
                    ),
                    html.Div(id=ids.SESSION_STATUS, role="status", className="mt-2"),
                    html.Hr(),
                    create_input(
                        ids.SESSION_ROUTINE_NAME,
                        "Save as a routine",
                        help_text="Its exercises, sets, rep range and RIR, to start again.",
                        maxLength=80,
                        placeholder="e.g. Upper A",
                        autoComplete="off",
                    ),
                    dbc.Button(
                        [create_icon("bookmark-plus", "me-1"), "Save routine"],
                        id=ids.SESSION_ROUTINE_SAVE,
                        color="secondary",
                        outline=True,
                    ),
                    html.Div(id=ids.SESSION_ROUTINE_STATUS, role="status", className="mt-2"),
                ]
            ),
        ],
        class_name="mb-3",
    )


def _rest_timer() -> html.Div:
    return html.Div(
        [
            html.Span("Rest", className="me-2 rest-timer-title"),
            html.Span("0:00", className="rest-timer-clock fw-semibold"),
            html.Button("−15 s", className="btn btn-light ms-2", **{"data-rest": "-15"}),
            html.Button("+15 s", className="btn btn-light ms-1", **{"data-rest": "15"}),
            html.Button("Skip", className="btn btn-outline-light ms-1", **{"data-rest": "stop"}),
        ],
        id=ids.REST_TIMER,
        className="rest-timer d-none",
        role="timer",
        **{"aria-live": "off", "aria-label": "Rest timer"},
    )


def build_session_layout(session_id: str) -> html.Div:
    """A session's page: title and totals, the blocks, add an exercise, finish, details."""
    return html.Div(
        [
            dcc.Store(id=ids.SESSION_ID, data=session_id),
            dcc.Store(id=ids.SESSION_CHANGED, data=0),
            dcc.Location(id=ids.SESSION_REDIRECT, refresh="callback-nav"),
            html.A(
                [create_icon("arrow-left", "me-1"), "All sessions"],
                href="/workouts",
                className="d-inline-block mb-3",
            ),
            html.H1(id=ids.SESSION_TITLE, className="h3 mb-1"),
            html.P(id=ids.SESSION_SUMMARY, className="text-body-secondary mb-2"),
            html.Div(
                id=ids.SESSION_STATUS_LIVE,
                role="status",
                className="session-status",
                **{"aria-live": "polite"},
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Div(id=ids.SESSION_BLOCKS, className="session-blocks"),
                            _add_exercise(),
                            dbc.Button(
                                [create_icon("flag-fill", "me-1"), "Finish workout"],
                                id=ids.SESSION_WORKOUT_FINISH,
                                color="success",
                                size="lg",
                                class_name="w-100 mb-3",
                            ),
                        ],
                        lg=7,
                    ),
                    dbc.Col(_details(), lg=5),
                ],
                class_name="g-3",
            ),
            _rest_timer(),
            create_dialog(
                ids.SESSION_FINISH_MODAL,
                "Finish with sets not done?",
                html.P(id=ids.SESSION_FINISH_TEXT),
                (ids.SESSION_FINISH_CANCEL, "Keep logging"),
                (ids.SESSION_FINISH_CONFIRM, "Finish"),
            ),
            create_delete_dialog(
                ids.SESSION_DELETE_MODAL,
                "Delete this session?",
                "Its sets go with it, and your records and exercise history are recalculated "
                "without them.",
                ids.SESSION_DELETE_CANCEL,
                ids.SESSION_DELETE_CONFIRM,
            ),
        ]
    )
