"""Exercise charts: an ExerciseHistory in, plotly figures (e1RM trend, weekly volume) out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard_app.analytics.strength import ExerciseHistory
from dashboard_app.figures.daily_log import empty_figure, themed_layout
from dashboard_app.units import weight_from_kg

EMPTY_MESSAGE = "Not logged yet"


def _series(pairs: tuple[tuple, ...]) -> pd.Series:
    """((date, kg), ...) as a float series indexed by date."""
    days, values = zip(*pairs, strict=True)
    return pd.Series(values, index=pd.DatetimeIndex(days), dtype="float64")


def e1rm_figure(history: ExerciseHistory, weight_unit: str, theme: str) -> go.Figure:
    """The best estimated one-rep max of each day as a line with markers, in the user's unit."""
    if not history.e1rm_by_day:
        return empty_figure(EMPTY_MESSAGE, theme)
    e1rm = _series(history.e1rm_by_day)
    fig = go.Figure(
        go.Scatter(
            x=e1rm.index,
            y=weight_from_kg(e1rm, weight_unit),
            mode="lines+markers",
            name="Estimated 1RM",
            hovertemplate=f"%{{y:.1f}} {weight_unit}<extra></extra>",
        )
    )
    fig.update_yaxes(title_text=f"Estimated 1RM ({weight_unit})")
    # The unit is part of the revision so switching kg/lb resets a y zoom that no longer fits.
    return themed_layout(fig, theme, uirevision=f"e1rm-{weight_unit}")


def weekly_volume_figure(history: ExerciseHistory, weight_unit: str, theme: str) -> go.Figure:
    """Sets x reps x load summed per ISO week, one bar per week (x = its Monday), in the unit."""
    if not history.weekly_volume:
        return empty_figure(EMPTY_MESSAGE, theme)
    volume = _series(history.weekly_volume)
    fig = go.Figure(
        go.Bar(
            x=volume.index,
            y=weight_from_kg(volume, weight_unit),
            name="Volume",
            hovertemplate=f"Week of %{{x|%d %b %Y}}: %{{y:,.0f}} {weight_unit}<extra></extra>",
        )
    )
    fig.update_yaxes(title_text=f"Volume ({weight_unit})", rangemode="tozero")
    return themed_layout(fig, theme, uirevision=f"volume-{weight_unit}")
