"""Callbacks of a session's details: load, save, start/finish now, delete the session."""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from callbacks.dialogs import register_dialog
from callbacks.forms import (
    feedback_outputs,
    feedback_values,
    next_change,
    parse_id,
    status_alert,
    validate_data,
)
from callbacks.workouts import register_start_now, session_data
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.schemas.workouts import SessionInput
from dashboard_app.services import workouts
from dashboard_app.ui import ids

DETAILS = ids.SESSION_FIELDS


def update_details(session_id):
    """The details form, filled once when the page opens."""
    loaded = workouts.load_session(get_session(), current_user_id(), parse_id(session_id))
    if loaded is None:
        return [no_update] * len(DETAILS)
    return [
        loaded["date"].isoformat(),
        loaded["title"] or "",
        loaded["mesocycle"] or "",
        loaded["session_number"],
        f"{loaded['start_time']:%H:%M}" if loaded["start_time"] else "",
        f"{loaded['end_time']:%H:%M}" if loaded["end_time"] else "",
        loaded["notes"] or "",
    ]


def update_details_saved(clicks, session_id, changed, *values):
    if not clicks:
        raise PreventUpdate
    data, errors = validate_data(
        SessionInput, session_data(dict(zip(DETAILS, values, strict=True)))
    )
    if data is None:
        return [*feedback_values(DETAILS, errors), status_alert("Not saved.", False), no_update]
    session = get_session()
    if not workouts.update_session(session, current_user_id(), parse_id(session_id), data):
        return [*feedback_values(DETAILS, {}), status_alert("No such session.", False), no_update]
    session.commit()
    return [
        *feedback_values(DETAILS, {}),
        status_alert("Details saved.", True),
        next_change(changed),
    ]


def update_deleted(clicks, session_id):
    if not clicks:
        raise PreventUpdate
    session = get_session()
    if not workouts.delete_session(session, current_user_id(), parse_id(session_id)):
        return False, status_alert("No such session.", False), no_update
    session.commit()
    return False, no_update, "/workouts"


def register(app: Dash) -> None:
    app.callback(
        [Output(field_id, "value") for field_id in DETAILS.values()],
        Input(ids.SESSION_ID, "data"),
    )(update_details)
    app.callback(
        [
            *feedback_outputs(DETAILS),
            Output(ids.SESSION_STATUS, "children"),
            Output(ids.SESSION_CHANGED, "data", allow_duplicate=True),
        ],
        Input(ids.SESSION_SAVE, "n_clicks"),
        State(ids.SESSION_ID, "data"),
        State(ids.SESSION_CHANGED, "data"),
        *[State(field_id, "value") for field_id in DETAILS.values()],
        prevent_initial_call=True,
    )(update_details_saved)
    register_dialog(app, ids.SESSION_DELETE_MODAL, ids.SESSION_DELETE, ids.SESSION_DELETE_CANCEL)
    app.callback(
        Output(ids.SESSION_DELETE_MODAL, "is_open", allow_duplicate=True),
        Output(ids.SESSION_STATUS, "children", allow_duplicate=True),
        Output(ids.SESSION_REDIRECT, "href"),
        Input(ids.SESSION_DELETE_CONFIRM, "n_clicks"),
        State(ids.SESSION_ID, "data"),
        prevent_initial_call=True,
    )(update_deleted)
    register_start_now(
        app,
        DETAILS["date"],
        DETAILS["start_time"],
        DETAILS["end_time"],
        ids.SESSION_START_NOW,
        ids.SESSION_FINISH,
    )
