"""Workouts: the sessions list, starting or repeating a session."""

import dash

from dashboard_app.ui.workouts import build_workouts_layout

dash.register_page(
    __name__,
    path="/workouts",
    name="Workouts",
    title="Workouts · Metrics Tracker",
    nav_order=2,
    icon="lightning-charge",
)


def layout(**_query):
    return build_workouts_layout()
