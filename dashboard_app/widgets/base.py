"""What a widget's renderer declares, what each rendering is given, and shared pieces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import plotly.graph_objects as go
from dash import dcc, html
from sqlalchemy.orm import Session

from dashboard_app.figures.daily_log import empty_figure
from dashboard_app.services.daily_log import trend_rows
from dashboard_app.widget_catalogue import WidgetKind


@dataclass(frozen=True)
class WidgetContext:
    """One rendering: whose data, which days, in which units and theme."""

    user_id: int
    today: date
    start: date | None  # first day of the range; None for the whole history
    range: str  # the range key the widget shows ("7d" … "all")
    weight_unit: str
    theme: str
    # Moves a stale insights recompute to the job queue (None: no queue, compute in place).
    schedule_insights: Callable[[int], bool] | None = None


@dataclass(frozen=True)
class WidgetRenderer:
    """How one kind of widget gets and shows its data (its metadata is the catalogue's).

    load(session, context) reads what the widget needs through the services and returns
    plain data; render(data, context) turns it into components. Only visible widgets load.
    """

    kind: WidgetKind
    load: Callable[[Session, WidgetContext], Any]
    render: Callable[[Any, WidgetContext], Any]


def daily_rows(session: Session, context: WidgetContext) -> list[dict[str, Any]]:
    """The daily-log entries of the widget's range: what the daily-log charts are drawn from."""
    return trend_rows(session, context.user_id, context.start, context.today)


def graph(fig: go.Figure, label: str) -> html.Div:
    """A chart that fills its widget and follows it when the widget is resized."""
    fig.update_layout(height=None, autosize=True, margin={"l": 44, "r": 12, "t": 28, "b": 28})
    chart = dcc.Graph(
        figure=fig, responsive=True, config={"displayModeBar": False}, className="widget-graph"
    )
    # Plotly's SVG names nothing; the wrapper tells screen readers what the chart shows.
    return html.Div(chart, role="img", className="widget-graph-frame", **{"aria-label": label})


def empty(message: str, theme: str) -> html.Div:
    return graph(empty_figure(message, theme), message)


def with_updating_note(content: Any, recomputing: bool) -> Any:
    """The content, preceded while a background recompute runs by a note saying so."""
    if not recomputing:
        return content
    note = html.P(
        "Updating with your latest entries; these are from before.",
        className="small text-body-secondary mb-1",
        role="status",
    )
    return html.Div([note, content])


def no_data(message: str, link: str | None = None, link_text: str = "") -> html.Div:
    """A short note for a widget with nothing to show yet, with where to add some."""
    parts: list[Any] = [message]
    if link:
        parts += [" ", html.A(link_text, href=link)]
    return html.P(parts, className="widget-empty text-body-secondary small mb-0")
