"""Training figures: weekly hard sets per muscle with landmark bands, RIR, e1RM change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from dashboard_app.analytics.training import E1rmChange, MesocycleWeek
from dashboard_app.analytics.training_readiness import VolumeLandmarks, landmarks_for
from dashboard_app.figures.daily_log import empty_figure, themed_layout

BAND_COLOUR = "rgba(25, 135, 84, 0.15)"  # Bootstrap's success green, faint: the productive range
ROW_HEIGHT = 34  # pixels per muscle group: readable bars on a phone
UP, DOWN = "#198754", "#dc3545"


def weekly_sets_figure(
    weeks: Sequence[MesocycleWeek], landmarks: Mapping[str, VolumeLandmarks], theme: str
) -> go.Figure:
    """Hard sets per muscle group, one bar per week, over its MEV-MRV band (shaded)."""
    muscles = sorted({muscle for week in weeks for muscle in week.muscles}, reverse=True)
    if not muscles:
        return empty_figure("No working sets logged in this block.", theme)
    fig = go.Figure()
    for week in weeks:
        fig.add_bar(
            y=muscles,
            x=[week.hard_sets(muscle) for muscle in muscles],
            name=f"Week {week.week}",
            orientation="h",
            hovertemplate="%{y}: %{x:g} sets<extra>Week " + str(week.week) + "</extra>",
        )
    # One list set once: add_shape re-validates every shape so far on each call.
    bands = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "y",
            "x0": bounds.mev,
            "x1": bounds.mrv,
            "y0": index - 0.45,
            "y1": index + 0.45,
            "fillcolor": BAND_COLOUR,
            "line": {"width": 0},
            "layer": "below",
        }
        for index, muscle in enumerate(muscles)
        if (bounds := landmarks_for(muscle, landmarks)) is not None
    ]
    fig.update_layout(shapes=bands)
    fig.update_layout(barmode="group", bargap=0.2, hovermode="closest")
    fig.update_xaxes(title_text="Hard sets per week (shaded: MEV to MRV)", rangemode="tozero")
    height = max(260, ROW_HEIGHT * len(muscles) + 60 + 6 * len(weeks))
    return themed_layout(fig, theme, uirevision="training-sets", height=height)


def rir_figure(weeks: Sequence[MesocycleWeek], theme: str) -> go.Figure:
    """Mean RIR per week against the block's target line."""
    rated = [week for week in weeks if week.mean_rir is not None]
    if not rated:
        return empty_figure("No RIR logged in this block.", theme)
    labels = [f"Week {week.week}" for week in weeks]
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=[week.mean_rir for week in weeks],
        name="Mean RIR",
        hovertemplate="%{x}: %{y:.1f} RIR<extra></extra>",
    )
    if any(week.target_rir is not None for week in weeks):
        fig.add_scatter(
            x=labels,
            y=[week.target_rir for week in weeks],
            name="Target",
            mode="lines+markers",
            line={"dash": "dash", "shape": "hv"},
            hovertemplate="%{x}: target %{y} RIR<extra></extra>",
        )
    fig.update_yaxes(title_text="Reps in reserve", rangemode="tozero")
    return themed_layout(fig, theme, uirevision="training-rir")


def e1rm_change_figure(changes: Sequence[E1rmChange], theme: str) -> go.Figure:
    """Each exercise's e1RM change across the block in %, gains green and losses red."""
    shown = [change for change in changes if change.change_pct is not None]
    if not shown:
        return empty_figure("No exercise has an e1RM in two weeks of this block.", theme)
    shown.sort(key=lambda change: change.change_pct)
    fig = go.Figure()
    fig.add_bar(
        y=[change.exercise_name for change in shown],
        x=[change.change_pct for change in shown],
        orientation="h",
        marker_color=[UP if change.change_pct >= 0 else DOWN for change in shown],
        hovertemplate="%{y}: %{x:+.1f}%<extra></extra>",
        showlegend=False,
    )
    fig.update_xaxes(title_text="e1RM change across the block (%)", zeroline=True)
    fig.update_yaxes(automargin=True)
    fig.update_layout(hovermode="closest")
    height = max(220, ROW_HEIGHT * len(shown) + 60)
    return themed_layout(fig, theme, uirevision="training-e1rm", height=height)
