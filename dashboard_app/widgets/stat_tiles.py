"""Stat tiles: logging streak, sessions this week, and the last 7 days' weight and sleep."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard_app.analytics.training_readiness import hours_minutes
from dashboard_app.services.training_summary import dashboard_stats
from dashboard_app.ui.common import count_label
from dashboard_app.units import format_weight
from dashboard_app.widget_catalogue import WIDGET_KINDS
from dashboard_app.widgets.base import WidgetRenderer


def load(session, context):
    return dashboard_stats(session, context.user_id, context.today)


def hours_or_dash(hours: float | None) -> str:
    return "—" if hours is None else hours_minutes(hours)


def _streak_detail(stats) -> str:
    if stats.streak_days == 0:
        return "log today to start one"
    return "up to today" if stats.streak_includes_today else "log today to keep it going"


def _tile(label: str, short: str, value: str, detail: str) -> dbc.Col:
    # On a phone the grid is one column and the widget two rows high: a tile is one line,
    # with a short label that fits beside its value.
    return dbc.Col(
        html.Div(
            [
                html.Div(
                    [
                        html.Span(label, className="stat-label-long"),
                        html.Span(short, className="stat-label-short", **{"aria-hidden": "true"}),
                    ],
                    className="stat-label small text-body-secondary text-truncate",
                ),
                html.Div(value, className="stat-value fs-5 fw-semibold text-nowrap"),
                html.Div(
                    detail,
                    className="stat-detail small text-body-secondary text-truncate"
                    " d-none d-md-block",
                ),
            ],
            className="stat-tile d-flex d-md-block justify-content-between align-items-baseline"
            " gap-2 h-100",
            title=f"{label}: {value} ({detail})",
        ),
        xs=6,
        md=3,
    )


def render(stats, context):
    tiles = [
        _tile(
            "Logging streak", "Streak", count_label(stats.streak_days, "day"), _streak_detail(stats)
        ),
        _tile(
            "Sessions this week",
            "This week",
            str(stats.sessions_this_week),
            f"since Mon {stats.week_start:%d %b}",
        ),
        _tile(
            "Weight, 7-day average",
            "Weight, 7 d",
            format_weight(stats.weight_avg_kg, context.weight_unit),
            f"from {count_label(stats.weigh_ins, 'weigh-in')}",
        ),
        _tile(
            "Sleep, 7-day average",
            "Sleep, 7 d",
            hours_or_dash(stats.sleep_avg_hours),
            f"over {count_label(stats.nights, 'night')}",
        ),
    ]
    return dbc.Row(tiles, class_name="stat-tiles g-2 h-100")


WIDGET = WidgetRenderer(WIDGET_KINDS["stat_tiles"], load=load, render=render)
