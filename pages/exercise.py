"""One exercise: facts, the user's history with it, and managing the user's own."""

import dash

from dashboard_app.ui.exercises import build_exercise_layout

dash.register_page(
    __name__,
    path_template="/exercises/<exercise_id>",
    name="Exercise",
    title="Exercise · Metrics Tracker",
)


def layout(exercise_id: str = "", **_query):
    return build_exercise_layout(exercise_id)
