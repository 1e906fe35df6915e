"""Personal records: the current ones per exercise and how each was reached."""

import dash

from dashboard_app.ui.records import build_records_layout

dash.register_page(
    __name__,
    path="/records",
    name="Records",
    title="Records · Metrics Tracker",
)


def layout(**_query):
    return build_records_layout()
