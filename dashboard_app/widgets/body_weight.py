"""Body weight: daily weigh-ins and their 7-day average."""

from __future__ import annotations

from dashboard_app.figures.daily_log import daily_frame, weight_figure
from dashboard_app.services.daily_log import trend_rows
from dashboard_app.widgets.base import WidgetType, graph


def load(session, context):
    return trend_rows(session, context.user_id, context.start, context.today)


def render(rows, context):
    fig = weight_figure(daily_frame(rows), context.weight_unit, context.theme)
    return graph(fig, f"Body weight chart, {context.weight_unit}")


WIDGET = WidgetType(
    key="body_weight",
    title="Body weight",
    description="Daily weigh-ins with a 7-day average.",
    icon="graph-up",
    size=(6, 5),
    load=load,
    render=render,
)
