"""Correlation heatmap: every same-day pair of daily series, faded where not significant."""

from __future__ import annotations

from dashboard_app.analytics.insights import correlation_matrix
from dashboard_app.figures.dashboard import compact_heatmap_figure
from dashboard_app.services.insights import refresh_insights, stored_insights
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, graph, no_data, with_updating_note


def load(session, context):
    recomputing = refresh_insights(session, context.user_id, context.schedule_insights)
    keys, values, significant = correlation_matrix(stored_insights(session, context.user_id), 0)
    return {"keys": keys, "values": values, "significant": significant, "recomputing": recomputing}


def render(matrix, context):
    if not matrix["keys"]:
        return no_data(
            "Not enough days logged for correlations yet: keep logging for a few weeks.",
            "/daily-log",
            "Open the daily log",
        )
    fig = compact_heatmap_figure(
        matrix["keys"], matrix["values"], matrix["significant"], context.theme
    )
    chart = graph(fig, "Heatmap of same-day correlations between daily series")
    return with_updating_note(chart, matrix["recomputing"])


WIDGET = WidgetRenderer(WIDGET_KINDS["correlation_heatmap"], load=load, render=render)
