"""Exercises page."""

import dash

from dashboard_app.ui.pages import build_section_layout

dash.register_page(
    __name__,
    path="/exercises",
    name="Exercises",
    title="Exercises · Metrics Tracker",
    nav_order=3,
    icon="collection",
)


def layout(**_query):
    return build_section_layout(
        "Exercises",
        "The exercise library by muscle group and equipment, with your history.",
        "collection",
    )
