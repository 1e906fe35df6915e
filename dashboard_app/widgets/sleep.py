"""Sleep: hours slept each night above the bedtime and wake-up times."""

from __future__ import annotations

from dashboard_app.figures.daily_log import daily_frame, sleep_figure
from dashboard_app.widgets.base import WidgetType, daily_rows, graph, no_data


def render(rows, context):
    if not any(row["sleep_start"] and row["sleep_end"] for row in rows):
        return no_data("No nights logged in this range.", "/daily-log", "Log last night's sleep")
    return graph(sleep_figure(daily_frame(rows), context.theme), "Sleep duration and timing chart")


WIDGET = WidgetType(
    key="sleep",
    title="Sleep",
    description="Hours slept each night, with bedtime and wake-up time.",
    icon="moon-stars",
    size=(6, 5),
    min_size=(3, 4),
    load=daily_rows,
    render=render,
)
