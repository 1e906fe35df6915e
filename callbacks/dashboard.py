"""Callbacks of the dashboard page."""

from __future__ import annotations

from dash import Dash, Input, Output

from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.services.overview import load_overview
from dashboard_app.services.preferences import load_preferences
from dashboard_app.ui import ids
from dashboard_app.ui.overview import build_overview


def update_overview(_pathname: str | None):
    """The summary tiles for the logged-in user."""
    session = get_session()
    user_id = current_user_id()
    return build_overview(load_overview(session, user_id), load_preferences(session, user_id))


def register(app: Dash) -> None:
    app.callback(Output(ids.OVERVIEW, "children"), Input(ids.URL, "pathname"))(update_overview)
