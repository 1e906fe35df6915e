"""Insight figures: the correlation heatmap and a pair's scatter with its OLS line.

Series are shown in their stored units (hours, points, kcal), weights in the user's unit; a
scatter's axes name the unit.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from dashboard_app.analytics.daily_series import SERIES
from dashboard_app.figures.daily_log import empty_figure, themed_layout
from dashboard_app.units import weight_from_kg

# Diverging, centred at zero: blue for negative, red for positive, white for none.
COLOUR_SCALE = "RdBu_r"
MUTED_OPACITY = 0.25


def _title(key: str) -> str:
    series = SERIES.get(key)
    return series.title if series else key


def _axis(key: str, weight_unit: str) -> tuple[str, float]:
    """A scatter axis: its title with the unit, and the factor from stored values to it."""
    series = SERIES[key]
    unit, factor = series.unit, 1.0
    if unit == "kg":
        unit, factor = weight_unit, float(weight_from_kg(1.0, weight_unit))
    shown = "" if series.kind == "binary" or unit == "points" else f" ({unit})"
    return series.title + shown, factor


def heatmap_figure(
    keys: list[str],
    values: list[list[float | None]],
    significant: list[list[bool]],
    lag_days: int,
    theme: str,
) -> go.Figure:
    """One cell per pair: colour by the correlation, faded where it is not significant.

    Two traces share the cells: significant ones at full strength, the rest muted, so the eye
    goes to what holds up after the multiple-comparison correction.
    """
    if not keys:
        return empty_figure("Not enough days logged for correlations yet.", theme)
    titles = [_title(key) for key in keys]
    z = np.array([[np.nan if v is None else v for v in row] for row in values], dtype=float)
    mask = np.array(significant, dtype=bool)
    y_label = "yesterday" if lag_days else ""
    common = {
        "x": titles,
        "y": titles,
        "zmin": -1,
        "zmid": 0,
        "zmax": 1,
        "colorscale": COLOUR_SCALE,
        "xgap": 1,
        "ygap": 1,
        "hovertemplate": "%{y}" + (f" ({y_label})" if y_label else "") + " · %{x}<br>"
        "correlation %{z:.2f}<extra></extra>",
    }
    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            z=np.where(mask, np.nan, z),
            opacity=MUTED_OPACITY,
            showscale=False,
            name="not significant",
            **common,
        )
    )
    fig.add_trace(
        go.Heatmap(
            z=np.where(mask, z, np.nan),
            colorbar={"title": {"text": "r / ρ"}, "thickness": 12},
            name="significant",
            **common,
        )
    )
    fig.update_xaxes(title_text="today" if lag_days else None, tickangle=-45)
    fig.update_yaxes(title_text="yesterday" if lag_days else None, autorange="reversed")
    themed_layout(fig, theme, uirevision=f"heatmap-{lag_days}", height=560)
    fig.update_layout(hovermode="closest", margin={"l": 120, "r": 16, "t": 16, "b": 120})
    return fig


def scatter_figure(
    points: dict[str, Any],
    x: str,
    y: str,
    lag_days: int,
    theme: str,
    weight_unit: str = "kg",
    height: int = 320,
    max_dots: int | None = None,
) -> go.Figure:
    """The paired days as dots and the least-squares line through them.

    With max_dots, a longer history draws that many days spread evenly over it (a small chart
    of thousands of dots is one blot and a large payload); the line still fits every day.
    """
    if not points or len(points["x"]) < 2:
        return empty_figure("Too few paired days to draw.", theme)
    (x_title, x_factor), (y_title, y_factor) = _axis(x, weight_unit), _axis(y, weight_unit)
    xs = np.asarray(points["x"], dtype=float) * x_factor
    ys = np.asarray(points["y"], dtype=float) * y_factor
    x_title += ", the day before" if lag_days else ""
    shown = np.arange(len(xs))
    if max_dots is not None and len(xs) > max_dots:
        shown = np.unique(np.linspace(0, len(xs) - 1, max_dots).round().astype(int))
    fig = go.Figure(
        go.Scatter(
            x=xs[shown],
            y=ys[shown],
            mode="markers",
            marker={"size": 6, "opacity": 0.55},
            text=[f"{points['dates'][i]:%d %b %Y}" for i in shown],
            hovertemplate="%{text}<br>" + f"{x_title} %{{x:.2f}}<br>{y_title} %{{y:.2f}}"
            "<extra></extra>",
            name="days",
        )
    )
    if np.ptp(xs) > 0:
        slope, intercept = np.polyfit(xs, ys, 1)
        line_x = np.array([xs.min(), xs.max()])
        fig.add_trace(
            go.Scatter(
                x=line_x,
                y=intercept + slope * line_x,
                mode="lines",
                line={"width": 2},
                name="trend",
                hoverinfo="skip",
            )
        )
    if len(shown) < len(xs):
        fig.add_annotation(
            text=f"{len(shown):,} of {len(xs):,} days shown",
            xref="paper",
            yref="paper",
            x=1,
            y=1,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font={"size": 10},
        )
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    themed_layout(fig, theme, uirevision=f"scatter-{x}-{y}-{lag_days}", height=height)
    fig.update_layout(showlegend=False, hovermode="closest")
    return fig
