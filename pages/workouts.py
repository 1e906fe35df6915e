"""Workouts page."""

import dash

from dashboard_app.ui.pages import build_section_layout

dash.register_page(
    __name__,
    path="/workouts",
    name="Workouts",
    title="Workouts · Metrics Tracker",
    nav_order=2,
    icon="lightning-charge",
)


def layout(**_query):
    return build_section_layout(
        "Workouts",
        "Training sessions in mesocycles: sets, reps, load, RIR, stimulus and fatigue.",
        "lightning-charge",
    )
