"""Well-being: daily stress, energy and motivation on their 1-10 scales."""

from __future__ import annotations

from dashboard_app.figures.daily_log import WELLBEING, daily_frame, wellbeing_figure
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, daily_rows, graph, no_data


def render(rows, context):
    if not any(row[column] is not None for row in rows for column, _ in WELLBEING):
        return no_data(
            "No stress, energy or motivation logged in this range.", "/daily-log", "Rate today"
        )
    fig = wellbeing_figure(daily_frame(rows), context.theme)
    return graph(fig, "Stress, energy and motivation chart, levels 1 to 10")


WIDGET = WidgetRenderer(WIDGET_KINDS["wellbeing"], load=daily_rows, render=render)
