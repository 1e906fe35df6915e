"""Top insights: the strongest significant correlations in the whole history, in words."""

from __future__ import annotations

from dataclasses import asdict

import dash_bootstrap_components as dbc
from dash import html

from dashboard_app.services.insights import refresh_insights, stored_insights
from dashboard_app.widgets.base import WidgetType, no_data, with_updating_note

SHOWN = 5
STRENGTH_COLOURS = {"strong": "primary", "moderate": "info", "weak": "secondary", "none": "light"}


def load(session, context):
    recomputing = refresh_insights(session, context.user_id, context.schedule_insights)
    # Ranked significant first, so the top few significant ones lead the list.
    chosen = [item for item in stored_insights(session, context.user_id) if item.is_significant]
    return {"items": [asdict(item) for item in chosen[:SHOWN]], "recomputing": recomputing}


def _item(insight):
    strength = insight["strength"]
    return dbc.ListGroupItem(
        html.Div(
            [
                html.Span(insight["insight_text"], className="small"),
                dbc.Badge(
                    strength,
                    color=STRENGTH_COLOURS.get(strength, "secondary"),
                    class_name="flex-shrink-0 align-self-start",
                    title=f"{strength} correlation ({insight['correlation_value']:+.2f})",
                ),
            ],
            className="d-flex justify-content-between gap-2",
        )
    )


def render(found, context):
    insights = found["items"]
    if not insights and not found["recomputing"]:
        return no_data(
            "No insights yet: they need a few weeks of daily-log entries to find what goes "
            "with what.",
            "/insights",
            "About insights",
        )
    listing = html.Div(
        [
            dbc.ListGroup([_item(insight) for insight in insights], flush=True),
            html.A("All insights", href="/insights", className="small d-inline-block mt-2"),
        ]
    )
    return with_updating_note(listing, found["recomputing"])


WIDGET = WidgetType(
    key="top_insights",
    title="Top insights",
    description="The strongest links found between your daily series.",
    icon="lightbulb",
    size=(4, 5),
    load=load,
    render=render,
    uses_range=False,
)
