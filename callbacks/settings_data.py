"""Callback of the settings page's "Your data" card: the export download."""

from __future__ import annotations

import io

from dash import Dash, Input, Output, dcc
from dash.exceptions import PreventUpdate

from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.services.export import export_filename, write_export
from dashboard_app.services.preferences import load_preferences, user_today
from dashboard_app.ui import ids


def export_summary(counts: dict[str, int]) -> str:
    """What the zip holds, in a sentence."""
    return (
        f"Your export is ready: {counts['daily_metrics']} days, "
        f"{counts['training_sessions']} sessions with {counts['workout_details']} exercise "
        f"lines, {counts['personal_records']} record entries."
    )


def update_download(clicks):
    """The logged-in user's export zip as a download, and what it holds."""
    if not clicks:
        raise PreventUpdate
    session, user_id = get_session(), current_user_id()
    buffer = io.BytesIO()
    counts = write_export(session, user_id, buffer)
    name = export_filename(
        load_preferences(session, user_id).username, user_today(session, user_id)
    )
    return dcc.send_bytes(buffer.getvalue(), name, type="application/zip"), export_summary(counts)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.SETTINGS_DATA_DOWNLOAD, "data"),
        Output(ids.SETTINGS_DATA_STATUS, "children"),
        Input(ids.SETTINGS_DATA_EXPORT, "n_clicks"),
        prevent_initial_call=True,
    )(update_download)
