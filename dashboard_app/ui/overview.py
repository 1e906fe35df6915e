"""The dashboard's summary tiles."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import html

from dashboard_app.services.overview import Overview
from dashboard_app.services.preferences import Preferences
from dashboard_app.ui.common import create_stat_tile
from dashboard_app.units import weight_from_kg


def _day(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else "—"


def build_overview(overview: Overview, preferences: Preferences) -> html.Div:
    """Tiles for days logged, latest weight, sessions and the current mesocycle."""
    if overview.days_logged == 0 and overview.sessions == 0:
        return dbc.Alert(
            [
                html.Strong("Nothing logged yet. "),
                "Start with today's entry in the ",
                html.A("daily log", href="/daily-log"),
                " or log a training session under ",
                html.A("workouts", href="/workouts"),
                ".",
            ],
            color="info",
        )
    weight = weight_from_kg(overview.latest_weight_kg, preferences.weight_unit)
    tiles = [
        create_stat_tile(
            "Days logged",
            f"{overview.days_logged:,}",
            f"{_day(overview.first_day)} – {_day(overview.last_day)}",
        ),
        create_stat_tile(
            "Latest weight",
            f"{weight:.1f} {preferences.weight_unit}" if weight else "—",
            _day(overview.latest_weight_day),
        ),
        create_stat_tile(
            "Training sessions",
            f"{overview.sessions:,}",
            f"last on {_day(overview.last_session_day)}",
        ),
        create_stat_tile(
            "Current mesocycle",
            overview.current_mesocycle or "—",
            f"{overview.workout_lines:,} exercise lines logged in all",
        ),
    ]
    return dbc.Row([dbc.Col(tile, xs=12, sm=6, lg=3, class_name="mb-3") for tile in tiles])
