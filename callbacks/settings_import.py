"""Callbacks of the import card: check and keep the upload, then import it a slice per tick."""

from __future__ import annotations

import base64
import binascii

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.forms import clicked_id
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.importers.batch import NotThisFormat
from dashboard_app.services import import_jobs
from dashboard_app.ui import settings_import as ui

HIDDEN, SHOWN = "mt-3 d-none", "mt-3"


def _refused(message: str):
    alert = dbc.Alert(message, color="danger", class_name="mb-0")
    return [no_update, True, 0, "", HIDDEN, alert]


def _decoded(contents) -> bytes | None:
    """The bytes of a dcc.Upload data URL; None for anything else."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return None


def update_started(_clicks, contents, filename, kind, unit, person):
    """Check the chosen file and start importing it (nothing is kept if it is the wrong kind)."""
    clicked_id()
    content = _decoded(contents)
    if content is None:
        return _refused("Choose a file first.")
    unit = unit if unit in ("kg", "lb") else current_user.row.weight_unit
    name = filename if isinstance(filename, str) and filename else "the file"
    person = person.strip()[:40] if isinstance(person, str) else None
    try:
        job = import_jobs.start_job(
            get_session(),
            current_user_id(),
            kind if isinstance(kind, str) else "",
            name,
            content,
            unit,
            person,
        )
    except NotThisFormat as refusal:
        return _refused(f"Nothing was imported: {refusal}")
    return [job.id, False, 0, "0 %", SHOWN, ui.build_report(job.filename, job.report, False)]


def update_progress(_ticks, job_id):
    """Import the next slices; stop ticking when the job is done."""
    if job_id is None:
        raise PreventUpdate
    job = import_jobs.advance_job(get_session(), current_user_id(), job_id)
    if job is None:
        return True, 0, "", HIDDEN, dbc.Alert("There is no such import.", color="danger")
    finished = job.status != "running"
    report = ui.build_report(job.filename, job.report, finished)
    return finished, job.percent, f"{job.percent} %", SHOWN, report


def update_file_name(filename):
    return f"Chosen: {filename}" if isinstance(filename, str) and filename else ""


def update_unit(_load):
    return current_user.row.weight_unit


def register(app: Dash) -> None:
    progress = [
        Output(ui.IMPORT_TICK, "disabled", allow_duplicate=True),
        Output(ui.IMPORT_PROGRESS, "value", allow_duplicate=True),
        Output(ui.IMPORT_PROGRESS, "label", allow_duplicate=True),
        Output(ui.IMPORT_PROGRESS, "class_name", allow_duplicate=True),
        Output(ui.IMPORT_STATUS, "children", allow_duplicate=True),
    ]
    app.callback(
        Output(ui.IMPORT_JOB, "data"),
        *progress,
        Input(ui.IMPORT_START, "n_clicks"),
        State(ui.IMPORT_UPLOAD, "contents"),
        State(ui.IMPORT_UPLOAD, "filename"),
        State(ui.IMPORT_KIND, "value"),
        State(ui.IMPORT_UNIT, "value"),
        State(ui.IMPORT_PERSON, "value"),
        prevent_initial_call=True,
    )(update_started)
    app.callback(
        *progress,
        Input(ui.IMPORT_TICK, "n_intervals"),
        State(ui.IMPORT_JOB, "data"),
        prevent_initial_call=True,
    )(update_progress)
    app.callback(Output(ui.IMPORT_FILE, "children"), Input(ui.IMPORT_UPLOAD, "filename"))(
        update_file_name
    )
    app.callback(Output(ui.IMPORT_UNIT, "value"), Input(ui.IMPORT_LOAD, "data"))(update_unit)
