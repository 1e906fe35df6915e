"""Callbacks of the logins card: list where the account is logged in, log them out."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, ctx, no_update
from flask_login import current_user

from callbacks.forms import clicked_id, status_alert
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.services import logins
from dashboard_app.ui import ids
from dashboard_app.ui.common import count_label
from dashboard_app.ui.settings_logins import build_login_list


def update_logins(_load, _end_others, _end_one):
    """The account's logins, after logging out the others or one of them."""
    session, user_id = get_session(), current_user_id()
    token = current_user.login_token
    status = no_update
    if ctx.triggered_id == ids.LOGINS_END_OTHERS:
        clicked_id()
        ended = logins.end_other_logins(session, user_id, keep_token=token)
        status = status_alert(
            f"Logged out {count_label(ended, 'other device')}."
            if ended
            else "No other device was logged in.",
            True,
        )
    elif isinstance(ctx.triggered_id, dict):
        clicked = clicked_id()
        if logins.end_login_by_id(session, user_id, clicked.get("index"), keep_token=token):
            status = status_alert("That device is logged out.", True)
    session.commit()
    return build_login_list(logins.list_logins(session, user_id, token)), status


def register(app: Dash) -> None:
    app.callback(
        Output(ids.LOGINS_LIST, "children"),
        Output(ids.LOGINS_STATUS, "children"),
        Input(ids.LOGINS_LOAD, "data"),
        Input(ids.LOGINS_END_OTHERS, "n_clicks"),
        Input({"type": ids.LOGIN_END, "index": ALL}, "n_clicks"),
    )(update_logins)
