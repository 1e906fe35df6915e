"""Training volume: working sets per muscle group in each ISO week."""

from __future__ import annotations

from dashboard_app.figures.dashboard import weekly_volume_figure
from dashboard_app.services.training_summary import week_start, weekly_sets_by_muscle
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, graph, no_data


def load(session, context):
    # Whole weeks: the range's first week from its Monday, so no bar shows part of a week.
    start = week_start(context.start) if context.start else None
    return weekly_sets_by_muscle(session, context.user_id, start, context.today)


def render(rows, context):
    if not rows:
        return no_data("No working sets in this range.", "/workouts", "Log a session")
    fig = weekly_volume_figure(rows, context.theme)
    return graph(fig, "Working sets per muscle group per week, stacked bars")


WIDGET = WidgetRenderer(WIDGET_KINDS["training_volume"], load=load, render=render)
