"""Insight figures: the correlation heatmap and a pair's days as the insights compare them.

A pair's chart shows each day's deviation from the person's usual (the insights correlate
deviations, not levels): a scatter with its least-squares line, or for a yes/no x the two
groups of days side by side with their means. Series are in their stored units (hours,
points, kcal), weights in the user's unit; the axes name the unit.
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
JITTER = 0.18  # spreads a group's dots sideways so equal values do not hide each other
MEAN_HALF_WIDTH = 0.3


def _title(key: str) -> str:
    series = SERIES.get(key)
    return series.title if series else key


def _axis(key: str, weight_unit: str) -> tuple[str, float]:
    """A pair chart's axis: its title (a deviation, with the unit) and the factor to it."""
    series = SERIES[key]
    unit, factor = series.unit, 1.0
    if unit == "kg":
        unit, factor = weight_unit, float(weight_from_kg(1.0, weight_unit))
    if series.kind == "binary":
        return series.title, factor
    against = "trend" if key == "weight" else "usual"
    shown = "" if unit == "points" else f", {unit}"
    return f"{series.title} vs {against}{shown}", factor


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
    """The paired days' deviations: dots and their line, or a yes/no x's two groups.

    With max_dots, a longer history draws that many days spread evenly over it (a small chart
    of thousands of dots is one blot and a large payload); the line and the group means
    still use every day.
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
    dates = [f"{points['dates'][i]:%d %b %Y}" for i in shown]
    if SERIES[x].kind == "binary":
        fig = _groups_figure(xs, ys, shown, dates, SERIES[x].groups, lag_days, y_title)
    else:
        fig = _dots_figure(xs, ys, shown, dates, x_title, y_title)
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
    fig.update_yaxes(title_text=y_title, zeroline=True)
    themed_layout(fig, theme, uirevision=f"scatter-{x}-{y}-{lag_days}", height=height)
    fig.update_layout(showlegend=False, hovermode="closest")
    return fig


def _dots_figure(xs, ys, shown, dates, x_title: str, y_title: str) -> go.Figure:
    fig = go.Figure(
        go.Scatter(
            x=xs[shown],
            y=ys[shown],
            mode="markers",
            marker={"size": 6, "opacity": 0.55},
            text=dates,
            hovertemplate="%{text}<br>" + f"{x_title} %{{x:+.2f}}<br>{y_title} %{{y:+.2f}}"
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
    fig.update_xaxes(title_text=x_title, zeroline=True)
    return fig


def _groups_figure(xs, ys, shown, dates, groups, lag_days: int, y_title: str) -> go.Figure:
    """Each group's days as a jittered column of dots, and the group's mean as a bar."""
    names = [f"After {name.lower()}" if lag_days else name for name in groups]
    # A fixed seed: the same days always sit in the same places.
    jitter = np.random.default_rng(0).uniform(-JITTER, JITTER, len(shown))
    fig = go.Figure(
        go.Scatter(
            x=xs[shown] + jitter,
            y=ys[shown],
            mode="markers",
            marker={"size": 6, "opacity": 0.45},
            text=dates,
            hovertemplate="%{text}<br>" + f"{y_title} %{{y:+.2f}}<extra></extra>",
            name="days",
        )
    )
    for flag in (0, 1):
        values = ys[xs == flag]
        if len(values):
            mean = float(values.mean())
            fig.add_trace(
                go.Scatter(
                    x=[flag - MEAN_HALF_WIDTH, flag + MEAN_HALF_WIDTH],
                    y=[mean, mean],
                    mode="lines",
                    line={"width": 4},
                    name=f"mean of {names[flag].lower()}",
                    hovertemplate=f"{names[flag]}: mean %{{y:+.2f}} over {len(values)} days"
                    "<extra></extra>",
                )
            )
    fig.update_xaxes(
        tickmode="array", tickvals=[0, 1], ticktext=names, range=[-0.6, 1.6], title_text=None
    )
    return fig
