"""Training calendar: a contribution graph of the days trained, coloured by working sets."""

from __future__ import annotations

from datetime import timedelta

from dashboard_app.figures.dashboard import training_calendar_figure
from dashboard_app.services.training_summary import daily_working_sets
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer, graph, no_data

# "All" shows at most two years; a short range at least four weeks, so it is not a sliver.
LONGEST = timedelta(days=2 * 366)
SHORTEST = timedelta(weeks=4)


def load(session, context):
    oldest = context.today - LONGEST
    start = oldest if context.start is None else max(context.start, oldest)
    start = min(start, context.today - SHORTEST + timedelta(days=1))
    days = daily_working_sets(session, context.user_id, start, context.today)
    if context.start is None and days:
        # The whole history: begin with the first day trained, if that is recent.
        start = min(min(days), context.today - SHORTEST + timedelta(days=1))
    return {"first": start, "last": context.today, "days": days}


def render(data, context):
    if not data["days"]:
        return no_data("No training sessions in this range.", "/workouts", "Log a session")
    fig = training_calendar_figure(data["days"], data["first"], data["last"], context.theme)
    sessions = len(data["days"])
    return graph(fig, f"Training calendar: {sessions} days trained, coloured by working sets")


WIDGET = WidgetRenderer(WIDGET_KINDS["training_calendar"], load=load, render=render)
