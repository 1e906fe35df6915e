"""Recent sessions: the latest training sessions, each a link to its page."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard_app.services.workouts import sessions_page
from dashboard_app.units import format_weight
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, no_data

SHOWN = 6


def load(session, context):
    rows, _total = sessions_page(session, context.user_id, limit=SHOWN)
    return rows


def _item(row, weight_unit):
    name = " · ".join(
        str(part)
        for part in (
            row.get("mesocycle"),
            row.get("session_number") and f"#{row['session_number']}",
        )
        if part
    )
    volume = format_weight(row["volume_kg"], weight_unit, 0)
    detail = f"{row['exercises']} exercises · {row['sets']} sets · {volume}"
    return dbc.ListGroupItem(
        [
            html.Div(
                [
                    html.Span(row["date"].strftime("%a %d %b %Y"), className="fw-semibold"),
                    html.Span(name, className="text-body-secondary small"),
                ],
                className="d-flex justify-content-between gap-2",
            ),
            html.Div(detail, className="small text-body-secondary"),
        ],
        href=f"/workouts/{row['id']}",
        action=True,
    )


def render(rows, context):
    if not rows:
        return no_data("No sessions logged yet.", "/workouts", "Log a session")
    return dbc.ListGroup([_item(row, context.weight_unit) for row in rows], flush=True)


WIDGET = WidgetRenderer(WIDGET_KINDS["recent_sessions"], load=load, render=render)
