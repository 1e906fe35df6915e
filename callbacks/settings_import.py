"""Callbacks of the import card: check and keep the upload, then import it a slice per tick."""

from __future__ import annotations

import base64
import binascii
import logging
import time

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from callbacks.forms import clicked_id
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.importers.batch import NotThisFormat
from dashboard_app.services import import_jobs
from dashboard_app.ui import ids
from dashboard_app.ui import settings_import as ui

log = logging.getLogger(__name__)

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
        return _refused(f"Nothing was imported: {refusal}")  # the request's session rolls back
    get_session().commit()
    return [job.id, False, 0, "0 %", SHOWN, ui.build_report(job.filename, job.report, False)]


def update_progress(_ticks, job_id):
    """Import the next slices for about BUDGET_SECONDS, each committed; stop when done."""
    if job_id is None:
        raise PreventUpdate
    session, user_id = get_session(), current_user_id()
    started = time.monotonic()
    while True:  # at least one slice per tick
        try:
            job = import_jobs.import_next_slice(session, user_id, job_id)
        except IntegrityError:
            session.rollback()  # another import added the same workouts: the next tick sees them
            job = import_jobs.load_job(session, user_id, job_id)
            break
        except SQLAlchemyError as error:
            # A slice the database refuses would be refused again on every tick: the job ends
            # failed, with its reason, instead of blocking the user's imports for a day.
            session.rollback()
            log.exception("import job %s failed", job_id)
            cause = type(getattr(error, "orig", None) or error).__name__
            reason = f"The database refused a part of the file ({cause})."
            job = import_jobs.fail_job(session, user_id, job_id, reason)
            session.commit()
            break
        session.commit()
        if job is None or job.status != "running":
            break
        if time.monotonic() - started >= import_jobs.BUDGET_SECONDS:
            break
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
        Output(ids.IMPORT_TICK, "disabled", allow_duplicate=True),
        Output(ids.IMPORT_PROGRESS, "value", allow_duplicate=True),
        Output(ids.IMPORT_PROGRESS, "label", allow_duplicate=True),
        Output(ids.IMPORT_PROGRESS, "class_name", allow_duplicate=True),
        Output(ids.IMPORT_STATUS, "children", allow_duplicate=True),
    ]
    app.callback(
        Output(ids.IMPORT_JOB, "data"),
        *progress,
        Input(ids.IMPORT_START, "n_clicks"),
        State(ids.IMPORT_UPLOAD, "contents"),
        State(ids.IMPORT_UPLOAD, "filename"),
        State(ids.IMPORT_KIND, "value"),
        State(ids.IMPORT_UNIT, "value"),
        State(ids.IMPORT_PERSON, "value"),
        prevent_initial_call=True,
    )(update_started)
    app.callback(
        *progress,
        Input(ids.IMPORT_TICK, "n_intervals"),
        State(ids.IMPORT_JOB, "data"),
        prevent_initial_call=True,
    )(update_progress)
    app.callback(Output(ids.IMPORT_FILE, "children"), Input(ids.IMPORT_UPLOAD, "filename"))(
        update_file_name
    )
    app.callback(Output(ids.IMPORT_UNIT, "value"), Input(ids.IMPORT_LOAD, "data"))(update_unit)
