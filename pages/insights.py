"""Insights page."""

import dash

from dashboard_app.ui.pages import build_section_layout

dash.register_page(
    __name__,
    path="/insights",
    name="Insights",
    title="Insights · Metrics Tracker",
    nav_order=4,
    icon="graph-up",
)


def layout(**_query):
    return build_section_layout("Insights", "What goes with what in your own data.", "graph-up")
