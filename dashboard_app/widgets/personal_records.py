"""Personal records: the latest records set, each a link to its exercise."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard_app.services.records import latest_records
from dashboard_app.ui.records import RECORD_NAMES, format_record
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, no_data

SHOWN = 6


def load(session, context):
    return latest_records(session, context.user_id, SHOWN)


def _item(record, weight_unit):
    value = format_record(record["record_type"], record["value"], weight_unit)
    detail = RECORD_NAMES.get(record["record_type"], record["record_type"])
    if record["previous"] is not None:
        detail += f" · was {format_record(record['record_type'], record['previous'], weight_unit)}"
    link = f"/exercises/{record['exercise_id']}"
    return dbc.ListGroupItem(
        [
            html.Div(
                [
                    html.Span(record["name"], className="fw-semibold text-truncate"),
                    html.Span(value, className="fw-semibold text-nowrap"),
                ],
                className="d-flex justify-content-between gap-2",
            ),
            html.Div(
                [
                    html.Span(detail, className="text-truncate"),
                    html.Span(record["achieved_on"].strftime("%d %b %Y"), className="text-nowrap"),
                ],
                className="d-flex justify-content-between gap-2 small text-body-secondary",
            ),
        ],
        href=link,
        action=True,
    )


def render(records, context):
    if not records:
        return no_data(
            "No personal records yet: they appear as you log sessions.",
            "/workouts",
            "Log a session",
        )
    return dbc.ListGroup([_item(record, context.weight_unit) for record in records], flush=True)


WIDGET = WidgetRenderer(WIDGET_KINDS["personal_records"], load=load, render=render)
