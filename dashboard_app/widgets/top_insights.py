"""Top insights: the strongest significant correlations in the whole history, in words."""

from __future__ import annotations

from dataclasses import asdict

import dash_bootstrap_components as dbc
from dash import html

from dashboard_app.services.insights import refresh_insights, stored_insights
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, no_data, with_updating_note

SHOWN = 5
STRENGTH_COLOURS = {"strong": "primary", "moderate": "info", "weak": "secondary", "none": "light"}
DARK_TEXT = frozenset({"moderate", "none"})  # light backgrounds: dark text for contrast


def load(session, context):
    recomputing = refresh_insights(session, context.user_id, context.schedule_insights)
    # Ranked significant first, so the top few significant ones lead the list.
    chosen = [item for item in stored_insights(session, context.user_id) if item.is_significant]
    return {"items": [asdict(item) for item in chosen[:SHOWN]], "recomputing": recomputing}


def _item(insight):
    strength = insight["strength"]
    badges = [
        dbc.Badge(
            strength,
            color=STRENGTH_COLOURS.get(strength, "secondary"),
            text_color="dark" if strength in DARK_TEXT else None,
            title=f"{strength} link (correlation {insight['correlation_value']:+.2f})",
        )
    ]
    if insight.get("is_preliminary"):
        badges.append(
            dbc.Badge(
                "preliminary",
                color="light",
                text_color="dark",
                class_name="border",
                title=f"Only {insight['sample_size']} days so far: it may change",
            )
        )
    return dbc.ListGroupItem(
        html.Div(
            [
                html.Span(insight["insight_text"], className="small"),
                html.Div(
                    badges, className="d-flex flex-column gap-1 flex-shrink-0 align-items-end"
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


WIDGET = WidgetRenderer(WIDGET_KINDS["top_insights"], load=load, render=render)
