"""Well-being: daily stress, energy and motivation on their 1-10 scales."""

from __future__ import annotations

from dashboard_app.figures.daily_log import WELLBEING, daily_frame, wellbeing_figure
from dashboard_app.widgets.base import WidgetType, daily_rows, graph, no_data


def render(rows, context):
    if not any(row[column] is not None for row in rows for column, _ in WELLBEING):
        return no_data(
            "No stress, energy or motivation logged in this range.", "/daily-log", "Rate today"
        )
    fig = wellbeing_figure(daily_frame(rows), context.theme)
    return graph(fig, "Stress, energy and motivation chart, levels 1 to 10")


WIDGET = WidgetType(
    key="wellbeing",
    title="Well-being",
    description="Stress, energy and motivation from the daily log.",
    icon="emoji-smile",
    size=(6, 5),
    load=daily_rows,
    render=render,
)
