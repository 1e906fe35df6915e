"""Settings page."""

import dash

from dashboard_app.ui.settings import build_settings_layout

dash.register_page(__name__, path="/settings", name="Settings", title="Settings · Metrics Tracker")


def layout(**_query):
    return build_settings_layout()
