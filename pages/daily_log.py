"""Daily log page."""

import dash

from dashboard_app.ui.daily_log import build_daily_log_layout

dash.register_page(
    __name__,
    path="/daily-log",
    name="Daily log",
    title="Daily log · Metrics Tracker",
    nav_order=1,
    icon="journal-text",
)


def layout(**_query):
    return build_daily_log_layout()
