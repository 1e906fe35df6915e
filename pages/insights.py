"""Insights: what goes with what in the user's own data."""

import dash

from dashboard_app.ui.insights import build_insights_layout

dash.register_page(
    __name__,
    path="/insights",
    name="Insights",
    title="Insights · Metrics Tracker",
    nav_order=4,
    icon="graph-up",
)


def layout(**_query):
    return build_insights_layout()
