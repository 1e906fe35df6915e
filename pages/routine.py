"""A routine's editor: its name, day, and exercises with their targets."""

import dash

from dashboard_app.ui.routines import build_routine_layout

dash.register_page(
    __name__,
    path_template="/routines/<routine_id>",
    name="Routine",
    title="Routine · Metrics Tracker",
)


def layout(routine_id: str = "", **_query):
    return build_routine_layout(routine_id)
