"""The page shown for an address that is no page."""

import dash

from dashboard_app.ui.pages import build_not_found_layout

dash.register_page(__name__, path="/404", name="Not found", title="Not found · Metrics Tracker")


def layout(**_query):
    return build_not_found_layout()
