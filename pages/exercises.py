"""Exercise library page."""

import dash

from dashboard_app.ui.exercises import build_library_layout

dash.register_page(
    __name__,
    path="/exercises",
    name="Exercises",
    title="Exercises · Metrics Tracker",
    nav_order=3,
    icon="collection",
)


def layout(**_query):
    return build_library_layout()
