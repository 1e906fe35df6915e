"""Training: mesocycles week by week, next week's sets with reasons, deloads, retrospective."""

import dash

from dashboard_app.ui.training import build_training_layout

dash.register_page(
    __name__,
    path="/training",
    name="Training",
    title="Training · Metrics Tracker",
    nav_order=2.5,
    icon="bar-chart-line",
)


def layout(**_query):
    return build_training_layout()
