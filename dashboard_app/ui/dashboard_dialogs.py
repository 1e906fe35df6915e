"""The dashboard's dialogs: add a widget, a widget's settings, remove one, reset the layout."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.grid import COLUMNS
from dashboard_app.ranges import DASHBOARD_RANGES, TIME_RANGES
from dashboard_app.schemas.dashboard import MAX_ROWS, MAX_TITLE
from dashboard_app.ui import ids
from dashboard_app.ui.common import create_delete_dialog, create_dialog, create_icon
from dashboard_app.ui.ids import feedback_id
from dashboard_app.widget_catalogue import WidgetKind

RANGES = [(key, TIME_RANGES[key].name) for key in DASHBOARD_RANGES]
FOLLOW_DASHBOARD = "follow"  # the settings' range choice for "no range of its own"
ROW_HEIGHT = 60


def _add_dialog(types: dict[str, WidgetKind]) -> dbc.Modal:
    options = [
        dbc.ListGroupItem(
            [
                html.Div(
                    [
                        html.Div(
                            [create_icon(kind.icon, "me-2"), kind.title], className="fw-semibold"
                        ),
                        html.Div(kind.description, className="small text-body-secondary"),
                    ],
                    className="me-2",
                ),
                html.Button(
                    "Add",
                    id={"type": ids.WIDGET_ADD, "index": kind.key},
                    type="button",
                    className="btn btn-primary btn-sm",
                    **{"aria-label": f"Add {kind.title}"},
                ),
            ],
            class_name="d-flex justify-content-between align-items-center",
        )
        for kind in types.values()
    ]
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Add a widget")),
            dbc.ModalBody(
                [
                    html.P(
                        "Several of one kind are fine, for example two weight charts over "
                        "different ranges.",
                        className="small text-body-secondary",
                    ),
                    dbc.ListGroup(options),
                ]
            ),
            dbc.ModalFooter(dbc.Button("Close", id=ids.DASHBOARD_ADD_CLOSE, color="secondary")),
        ],
        id=ids.DASHBOARD_ADD_DIALOG,
        is_open=False,
        scrollable=True,
    )


def _settings_form() -> html.Div:
    fields = ids.DASHBOARD_SETTINGS_FIELDS
    return html.Div(
        [
            dbc.Label("Title", html_for=fields["title"]),
            dbc.Input(id=fields["title"], maxLength=MAX_TITLE, type="text"),
            dbc.FormFeedback(id=feedback_id(fields["title"]), type="invalid"),
            dbc.Label("Time range", html_for=fields["range"], class_name="mt-3"),
            dbc.Select(
                id=fields["range"],
                options=[{"label": "Follow the dashboard", "value": FOLLOW_DASHBOARD}]
                + [{"label": name, "value": key} for key, name in RANGES],
            ),
            html.Div(id=ids.DASHBOARD_SETTINGS_RANGE_HELP, className="form-text"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label("Width (columns of 12)", html_for=fields["w"]),
                            dbc.Input(id=fields["w"], type="number", min=1, max=COLUMNS, step=1),
                            dbc.FormFeedback(id=feedback_id(fields["w"]), type="invalid"),
                        ]
                    ),
                    dbc.Col(
                        [
                            dbc.Label(f"Height (rows of {ROW_HEIGHT} px)", html_for=fields["h"]),
                            dbc.Input(id=fields["h"], type="number", min=1, max=MAX_ROWS, step=1),
                            dbc.FormFeedback(id=feedback_id(fields["h"]), type="invalid"),
                        ]
                    ),
                ],
                class_name="mt-3 g-2",
            ),
            dcc.Store(id=ids.DASHBOARD_SETTINGS_WIDGET),
        ]
    )


def build_dashboard_dialogs(types: dict[str, WidgetKind]) -> list[dbc.Modal]:
    """The page's dialogs, closed; edit mode's buttons open them."""
    return [
        _add_dialog(types),
        create_dialog(
            ids.DASHBOARD_SETTINGS_DIALOG,
            "Widget settings",
            _settings_form(),
            (ids.DASHBOARD_SETTINGS_CANCEL, "Cancel"),
            (ids.DASHBOARD_SETTINGS_SAVE, "Save"),
        ),
        create_delete_dialog(
            ids.DASHBOARD_REMOVE_DIALOG,
            "Remove this widget?",
            [
                html.P(id=ids.DASHBOARD_REMOVE_TEXT),
                dcc.Store(id=ids.DASHBOARD_REMOVE_WIDGET),
            ],
            ids.DASHBOARD_REMOVE_CANCEL,
            ids.DASHBOARD_REMOVE_CONFIRM,
        ),
        create_dialog(
            ids.DASHBOARD_RESET_DIALOG,
            "Reset to the default layout?",
            html.P(
                "Every widget you added, renamed, moved or hid goes back to how a new "
                "account starts."
            ),
            (ids.DASHBOARD_RESET_CANCEL, "Keep mine"),
            (ids.DASHBOARD_RESET_CONFIRM, "Reset"),
            danger=True,
        ),
    ]
