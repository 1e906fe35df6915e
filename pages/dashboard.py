"""Dashboard page."""

import dash

from dashboard_app.ui.pages import build_dashboard_layout

dash.register_page(
    __name__,
    path="/",
    name="Dashboard",
    title="Dashboard · Metrics Tracker",
    nav_order=0,
    icon="speedometer2",
)


def layout(**_query):
    return build_dashboard_layout()
