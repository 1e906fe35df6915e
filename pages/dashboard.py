"""Dashboard page: the home page after login."""

import dash

from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.services.dashboard import default_view, has_history, load_widgets
from dashboard_app.ui.dashboard import build_dashboard_layout
from dashboard_app.widget_catalogue import WIDGET_KINDS

dash.register_page(
    __name__,
    path="/",
    name="Dashboard",
    title="Dashboard · Metrics Tracker",
    nav_order=0,
    icon="speedometer2",
)


def layout(**_query):
    # The grid's frame comes with the page; each widget then loads its data on its own.
    session, user_id = get_session(), current_user_id()
    widgets = load_widgets(session, user_id)
    view = default_view(session, user_id)
    return build_dashboard_layout(widgets, WIDGET_KINDS, view, has_history(session, user_id))
