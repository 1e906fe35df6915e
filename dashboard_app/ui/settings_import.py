"""The settings card for importing another app's export, with its progress and report."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.importers.batch import RowError
from dashboard_app.ui import ids
from dashboard_app.ui.common import choices, create_icon
from dashboard_app.ui.forms import create_field, create_input, create_select
from dashboard_app.units import WEIGHT_UNIT_NAMES

KINDS = [
    ("strong", "Strong (CSV export)"),
    ("hevy", "Hevy (CSV export)"),
    ("fitbit", "Fitbit (daily activity, sleep or weight CSV, or a zip of them)"),
    ("metrics-tracker", "Metrics Tracker (a zip from “Download all my data”)"),
]
SHOWN_ROWS = 20  # bad rows listed in the page; the CLI lists all


def build_import_card() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(html.H2("Import from another app", className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(
                        "Bring your history from Strong, Hevy or Fitbit. Importing the same file "
                        "again changes nothing; rows that cannot be read are listed, the rest "
                        "is imported.",
                        className="small",
                    ),
                    create_select(
                        ids.IMPORT_KIND,
                        "Kind of file",
                        [{"label": label, "value": key} for key, label in KINDS],
                        "strong",
                    ),
                    create_field(
                        ids.IMPORT_UNIT,
                        "Loads in the file are in",
                        dbc.Select(
                            id=ids.IMPORT_UNIT,
                            options=choices(WEIGHT_UNIT_NAMES),
                        ),
                        "Strong files do not say their unit; Hevy and Fitbit files do.",
                    ),
                    create_input(
                        ids.IMPORT_PERSON,
                        "Fitbit person Id (only for files with several people)",
                        maxLength=40,
                    ),
                    html.Div(
                        [
                            dbc.Label("File", html_for=ids.IMPORT_UPLOAD),
                            dcc.Upload(
                                html.Div(
                                    [
                                        create_icon("upload", "me-2"),
                                        "Drop a file here or choose one",
                                    ],
                                    className="upload-target",
                                ),
                                id=ids.IMPORT_UPLOAD,
                                max_size=12 * 1024 * 1024,
                                className="upload-box",
                            ),
                            html.Div(
                                id=ids.IMPORT_FILE, className="small text-body-secondary mt-1"
                            ),
                        ],
                        className="mb-3",
                    ),
                    dbc.Button(
                        [create_icon("box-arrow-in-down", "me-1"), "Import"],
                        id=ids.IMPORT_START,
                        color="primary",
                    ),
                    dbc.Progress(
                        id=ids.IMPORT_PROGRESS,
                        value=0,
                        label="",
                        class_name="mt-3 d-none",
                        style={"height": "1.25rem"},
                    ),
                    html.Div(id=ids.IMPORT_STATUS, className="mt-3", role="status"),
                    dcc.Store(id=ids.IMPORT_JOB),
                    dcc.Store(id=ids.IMPORT_LOAD, data=True),
                    dcc.Interval(id=ids.IMPORT_TICK, interval=250, disabled=True),
                ]
            ),
        ],
        class_name="mb-4",
    )


def _count(report: dict[str, Any], name: str) -> int:
    return int(report.get(name, 0))


def build_report(filename: str, report: dict[str, Any], finished: bool) -> html.Div:
    """What the import did so far (or in all): counts, exercises, and the rows it refused."""
    lines = [
        f"{_count(report, 'sessions_added')} workouts added "
        f"({_count(report, 'lines_added')} lines), "
        f"{_count(report, 'sessions_already_there')} already there",
        f"{_count(report, 'days_added')} days added, {_count(report, 'days_updated')} updated, "
        f"{_count(report, 'days_unchanged')} unchanged",
    ]
    matched, created = report.get("exercises_matched", {}), report.get("exercises_created", [])
    if matched or created:
        lines.append(
            f"{len(matched)} exercise names matched; {len(created)} new exercises of your own"
        )
    errors = [RowError(**e) for e in report.get("errors", [])]
    failure = report.get("failure")
    heading = "Stopped importing " if failure else "Imported " if finished else "Importing "
    children: list[Any] = [
        html.Strong(heading + filename),
        html.Ul([html.Li(text) for text in lines], className="mb-1"),
    ]
    if failure:
        children.append(html.P(f"{failure} What was imported before it stays.", className="mb-1"))
    if created:
        children.append(html.P("New exercises: " + ", ".join(created), className="small mb-1"))
    if errors:
        shown = errors[:SHOWN_ROWS]
        children.append(html.P(f"{len(errors)} rows could not be imported:", className="mb-1"))
        children.append(
            html.Ul([html.Li(f"line {e.line}: {e.reason}") for e in shown], className="small mb-0")
        )
        if len(errors) > SHOWN_ROWS:
            children.append(html.P(f"… and {len(errors) - SHOWN_ROWS} more.", className="small"))
    color = "danger" if failure else "warning" if errors else "success"
    return dbc.Alert(children, color=color, class_name="mb-0")
