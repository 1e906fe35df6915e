"""Callbacks of the API tokens card: create one (shown once), revoke one, list them."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from callbacks.forms import clicked_id, feedback_outputs, feedback_values, validate_data
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.schemas.api_tokens import ApiTokenInput
from dashboard_app.services import api_tokens
from dashboard_app.ui import ids
from dashboard_app.ui import settings_tokens as ui

NAME = {"name": ids.TOKEN_NAME}


def update_tokens(_load, _create, _revoke, name):
    """The token list after a create or revoke; a new token is shown once, here."""
    session, user_id = get_session(), current_user_id()
    new_token, errors, name_value = no_update, {}, no_update
    if ctx.triggered_id == ids.TOKEN_CREATE:
        clicked_id()
        data, errors = validate_data(ApiTokenInput, {"name": name})
        if data is not None:
            created = api_tokens.create_token(session, user_id, data.name)
            if created is None:
                errors = {"name": f"You have {api_tokens.MAX_TOKENS} tokens: revoke one first."}
            else:
                view, secret = created
                new_token, name_value = ui.build_new_token(view.name, secret), ""
    elif isinstance(ctx.triggered_id, dict):
        clicked = clicked_id()
        api_tokens.revoke_token(session, user_id, clicked.get("index"))
        new_token = None
    session.commit()
    tokens = ui.build_token_list(api_tokens.list_tokens(session, user_id))
    return [tokens, new_token, name_value, *feedback_values(NAME, errors)]


def register(app: Dash) -> None:
    app.callback(
        Output(ids.TOKEN_LIST, "children"),
        Output(ids.TOKEN_NEW, "children"),
        Output(ids.TOKEN_NAME, "value"),
        *feedback_outputs(NAME),
        Input(ids.TOKEN_LOAD, "data"),
        Input(ids.TOKEN_CREATE, "n_clicks"),
        Input({"type": ids.TOKEN_REVOKE, "index": ALL}, "n_clicks"),
        State(ids.TOKEN_NAME, "value"),
    )(update_tokens)
