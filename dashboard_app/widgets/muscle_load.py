"""Muscle load: each muscle's hard sets of the last 7 days against its 4-week weekly mean."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard_app.figures.daily_log import themed_layout
from dashboard_app.services.training import muscle_load
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, graph, no_data

# Acute:chronic ratios outside this band mark a sharp rise (injury and overreach risk in the
# training-load literature) or a sharp drop (detraining) against the last four weeks.
HIGH_RATIO = 1.3
LOW_RATIO = 0.8


def load(session, context):
    return muscle_load(session, context.user_id, context.today)


def _colour(ratio: float | None) -> str:
    if ratio is None or LOW_RATIO <= ratio <= HIGH_RATIO:
        return "#6c757d"
    return "#dc3545" if ratio > HIGH_RATIO else "#0d6efd"


def render(rows, context):
    if not rows:
        return no_data("No sets logged in the last four weeks.", "/workouts", "Log a session")
    muscles = [row.muscle for row in rows]
    fig = go.Figure(
        [
            go.Bar(
                y=muscles,
                x=[row.chronic_sets_per_week for row in rows],
                name="Weekly mean, 28 days",
                orientation="h",
                marker_color="rgba(108,117,125,0.35)",
                hovertemplate="%{x:.1f} sets a week<extra></extra>",
            ),
            go.Bar(
                y=muscles,
                x=[row.acute_sets for row in rows],
                name="Last 7 days",
                orientation="h",
                marker_color=[_colour(row.ratio) for row in rows],
                customdata=[row.ratio for row in rows],
                hovertemplate="%{x:.1f} sets (ratio %{customdata:.2f})<extra></extra>",
            ),
        ]
    )
    fig.update_layout(barmode="group", yaxis={"autorange": "reversed"}, xaxis_title="Hard sets")
    themed_layout(fig, context.theme, uirevision="muscle-load")
    return graph(fig, "Hard sets per muscle: last 7 days against the 4-week weekly mean")


WIDGET = WidgetRenderer(WIDGET_KINDS["muscle_load"], load=load, render=render)
