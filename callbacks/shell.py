"""Callbacks of the app shell: navbar toggling and the theme switch."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, no_update

from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.services.preferences import save_theme, save_timezone
from dashboard_app.ui import ids


def update_saved_theme(theme: str | None):
    """Persist the theme the switch applied in the browser."""
    if theme is None:
        return no_update
    session = get_session()
    if save_theme(session, current_user_id(), theme):
        session.commit()
    return no_update


def update_saved_timezone(timezone: str | None):
    """Remember the browser's time zone: "today" on the server means the user's today."""
    session = get_session()
    if isinstance(timezone, str) and save_timezone(session, current_user_id(), timezone):
        session.commit()
    return no_update


def register(app: Dash) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="metrics", function_name="browserTimezone"),
        Output(ids.BROWSER_TIMEZONE, "data"),
        Input(ids.URL, "pathname"),
    )
    app.callback(
        Output(ids.BROWSER_TIMEZONE, "clear_data"),
        Input(ids.BROWSER_TIMEZONE, "data"),
        prevent_initial_call=True,
    )(update_saved_timezone)
    app.clientside_callback(
        ClientsideFunction(namespace="metrics", function_name="toggleNavbar"),
        Output(ids.NAVBAR_COLLAPSE, "is_open"),
        Input(ids.NAVBAR_TOGGLER, "n_clicks"),
        State(ids.NAVBAR_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
    # The switch applies the theme at once in the browser; the server only remembers it.
    app.clientside_callback(
        ClientsideFunction(namespace="metrics", function_name="applyTheme"),
        Output(ids.THEME_SAVED, "data"),
        Input(ids.THEME_SWITCH, "value"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(ids.THEME_SAVED, "clear_data"),
        Input(ids.THEME_SAVED, "data"),
        prevent_initial_call=True,
    )(update_saved_theme)
