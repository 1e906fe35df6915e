"""Body weight: daily weigh-ins and their 7-day average."""

from __future__ import annotations

from dashboard_app.figures.daily_log import daily_frame, weight_figure
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, daily_rows, graph


def render(rows, context):
    fig = weight_figure(daily_frame(rows), context.weight_unit, context.theme)
    return graph(fig, f"Body weight chart, {context.weight_unit}")


WIDGET = WidgetRenderer(WIDGET_KINDS["body_weight"], load=daily_rows, render=render)
