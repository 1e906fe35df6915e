"""Body weight: daily weigh-ins and their 7-day average."""

from __future__ import annotations

from dashboard_app.figures.daily_log import daily_frame, weight_figure
from dashboard_app.widgets.base import WidgetType, daily_rows, graph


def render(rows, context):
    fig = weight_figure(daily_frame(rows), context.weight_unit, context.theme)
    return graph(fig, f"Body weight chart, {context.weight_unit}")


WIDGET = WidgetType(
    key="body_weight",
    title="Body weight",
    description="Daily weigh-ins with a 7-day average.",
    icon="graph-up",
    size=(6, 5),
    load=daily_rows,
    render=render,
)
