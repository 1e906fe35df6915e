"""Callbacks of the sessions list: paging, the new-session dialog, repeating a mesocycle."""

from __future__ import annotations

import math
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, html, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.dialogs import register_dialog
from callbacks.forms import (
    blank_to_none,
    feedback_outputs,
    feedback_values,
    status_alert,
    validate_data,
)
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.schemas.workouts import SessionInput
from dashboard_app.services import routines, workouts
from dashboard_app.services.preferences import user_now, user_today
from dashboard_app.ui import ids
from dashboard_app.ui.common import count_label
from dashboard_app.ui.workouts import PAGE_SIZE, create_session_item

NEW = ids.WORKOUTS_FIELDS


def session_data(values: dict[str, Any]) -> dict[str, Any]:
    """A session form's values as SessionInput takes them."""
    return {name: blank_to_none(value) for name, value in values.items()}


def mesocycle_options(names: list[str]) -> list[html.Option]:
    return [html.Option(value=name) for name in names]


def update_list(_load, page):
    """One page of sessions, newest first."""
    page = page if isinstance(page, int) and not isinstance(page, bool) and page > 0 else 1
    session, user_id = get_session(), current_user_id()
    pages = max(1, math.ceil(workouts.count_sessions(session, user_id) / PAGE_SIZE))
    page = min(page, pages)  # a stale or crafted page past the end shows the last one
    items, total = workouts.sessions_page(
        session, user_id, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    unit = current_user.row.weight_unit
    count = count_label(total, "session") + (f" · page {page} of {pages}" if pages > 1 else "")
    if not total:
        count = "No sessions yet: start one with “New session”."
    return [create_session_item(item, unit) for item in items], count, pages, page


def update_mesocycles(_load):
    """Mesocycles to pick from when starting or repeating a session."""
    names = workouts.mesocycle_names(get_session(), current_user_id())
    options = [{"label": name, "value": name} for name in names]
    return (
        options or [{"label": "No mesocycles yet", "value": "", "disabled": True}],
        names[0] if names else "",
        mesocycle_options(names),
    )


def new_session_defaults() -> list[str]:
    """The new-session dialog's day and mesocycle: today and the latest one."""
    session, user_id = get_session(), current_user_id()
    names = workouts.mesocycle_names(session, user_id)
    return [user_today(session, user_id).isoformat(), names[0] if names else ""]


def update_suggested_number(mesocycle):
    """The next number in the mesocycle typed or picked."""
    name = " ".join(mesocycle.split())[:80] if isinstance(mesocycle, str) else ""
    return workouts.next_session_number(get_session(), current_user_id(), name or None)


def update_created(clicks, *values):
    """Create the session and open its page to log lines."""
    if not clicks:
        raise PreventUpdate
    data, errors = validate_data(SessionInput, session_data(dict(zip(NEW, values, strict=True))))
    if data is None:
        return [*feedback_values(NEW, errors), status_alert("Not started yet.", False), no_update]
    session = get_session()
    session_id = workouts.create_session(session, current_user_id(), data)
    session.commit()
    return [*feedback_values(NEW, {}), "", f"/workouts/{session_id}"]


def update_repeated(clicks, mesocycle):
    """Start the mesocycle's next session today, planned as its last one was."""
    if not clicks:
        raise PreventUpdate
    session, user_id = get_session(), current_user_id()
    name = mesocycle if isinstance(mesocycle, str) and mesocycle else None
    now = user_now(session, user_id)
    session_id = (
        routines.repeat_session(session, user_id, name, now.date(), now)
        if name and len(name) <= 80
        else None
    )
    if session_id is None:
        return status_alert("Choose one of your mesocycles first.", False), no_update
    session.commit()
    return "", f"/workouts/{session_id}"


def register_start_now(
    app: Dash, date_id: str, start_id: str, end_id: str, button: str, finish: str | None
) -> None:
    """ "Start now" / "Finish now" fill the times (and an empty date) from the browser's clock."""
    inputs = [Input(button, "n_clicks")] + ([Input(finish, "n_clicks")] if finish else [])
    app.clientside_callback(
        ClientsideFunction(namespace="metrics", function_name="sessionNow"),
        Output(date_id, "value", allow_duplicate=True),
        Output(start_id, "value", allow_duplicate=True),
        Output(end_id, "value", allow_duplicate=True),
        *inputs,
        State(date_id, "value"),
        State(start_id, "value"),
        State(end_id, "value"),
        prevent_initial_call=True,
    )


def register(app: Dash) -> None:
    app.callback(
        Output(ids.WORKOUTS_LIST, "children"),
        Output(ids.WORKOUTS_COUNT, "children"),
        Output(ids.WORKOUTS_PAGES, "max_value"),
        Output(ids.WORKOUTS_PAGES, "active_page"),
        Input(ids.WORKOUTS_LOAD, "data"),
        Input(ids.WORKOUTS_PAGES, "active_page"),
    )(update_list)
    app.callback(
        Output(ids.WORKOUTS_REPEAT_MESOCYCLE, "options"),
        Output(ids.WORKOUTS_REPEAT_MESOCYCLE, "value"),
        Output(ids.WORKOUTS_MESOCYCLES, "children"),
        Input(ids.WORKOUTS_LOAD, "data"),
    )(update_mesocycles)
    register_dialog(
        app,
        ids.WORKOUTS_MODAL,
        ids.WORKOUTS_NEW,
        ids.WORKOUTS_CANCEL,
        new_session_defaults,
        outputs=[(NEW["date"], "value"), (NEW["mesocycle"], "value")],
    )
    app.callback(
        Output(NEW["session_number"], "value"),
        Input(NEW["mesocycle"], "value"),
        prevent_initial_call=True,
    )(update_suggested_number)
    app.callback(
        [
            *feedback_outputs(NEW),
            Output(ids.WORKOUTS_STATUS, "children"),
            Output(ids.WORKOUTS_REDIRECT, "href"),
        ],
        Input(ids.WORKOUTS_CREATE, "n_clicks"),
        *[State(field_id, "value") for field_id in NEW.values()],
        prevent_initial_call=True,
    )(update_created)
    app.callback(
        Output(ids.WORKOUTS_REPEAT_STATUS, "children"),
        Output(ids.WORKOUTS_REDIRECT, "href", allow_duplicate=True),
        Input(ids.WORKOUTS_REPEAT, "n_clicks"),
        State(ids.WORKOUTS_REPEAT_MESOCYCLE, "value"),
        prevent_initial_call=True,
    )(update_repeated)
    register_start_now(
        app, NEW["date"], NEW["start_time"], NEW["end_time"], ids.WORKOUTS_START_NOW, None
    )
