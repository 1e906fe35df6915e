"""Daily log page."""

import dash

from dashboard_app.ui.pages import build_section_layout

dash.register_page(
    __name__,
    path="/daily-log",
    name="Daily log",
    title="Daily log · Metrics Tracker",
    nav_order=1,
    icon="journal-text",
)


def layout(**_query):
    return build_section_layout(
        "Daily log",
        "Sleep, stress, energy, motivation, weight, meals and nutrition, day by day.",
        "journal-text",
    )
