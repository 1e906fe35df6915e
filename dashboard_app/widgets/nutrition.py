"""Nutrition: calories and macros per day against the range's averages."""

from __future__ import annotations

from dash import html

from dashboard_app.figures.daily_log import daily_frame
from dashboard_app.figures.dashboard import (
    nutrition_average_figure,
    nutrition_averages,
    nutrition_summary,
)
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, daily_rows, graph, no_data


def render(rows, context):
    frame = daily_frame(rows)
    averages = nutrition_averages(frame)
    if not averages["days"]:
        return no_data(
            "No calories or macros logged in this range.", "/daily-log", "Log today's food"
        )
    summary = nutrition_summary(averages)
    chart = graph(
        nutrition_average_figure(frame, averages["calories"], context.theme),
        f"Calories and macros chart. {summary}",
    )
    # Without overflow hidden, a flex item never shrinks below its content: the chart would
    # push the card into a scrollbar by the summary's height.
    chart.className += " flex-grow-1 overflow-hidden"
    return html.Div(
        [html.P(summary, className="nutrition-summary small text-body-secondary mb-1"), chart],
        className="d-flex flex-column h-100",
    )


WIDGET = WidgetRenderer(WIDGET_KINDS["nutrition"], load=daily_rows, render=render)
