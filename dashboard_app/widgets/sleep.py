"""Sleep: hours slept each night above the bedtime and wake-up times."""

from __future__ import annotations

from dashboard_app.figures.daily_log import daily_frame, sleep_figure
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, daily_rows, graph, no_data


def render(rows, context):
    if not any(row["sleep_start"] and row["sleep_end"] for row in rows):
        return no_data("No nights logged in this range.", "/daily-log", "Log last night's sleep")
    return graph(sleep_figure(daily_frame(rows), context.theme), "Sleep duration and timing chart")


WIDGET = WidgetRenderer(WIDGET_KINDS["sleep"], load=daily_rows, render=render)
