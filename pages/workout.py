"""One training session: log its lines, follow the plan, edit its details."""

import dash

from dashboard_app.ui.session import build_session_layout

dash.register_page(
    __name__,
    path_template="/workouts/<session_id>",
    name="Session",
    title="Session · Metrics Tracker",
)


def layout(session_id: str = "", **_query):
    return build_session_layout(session_id)
