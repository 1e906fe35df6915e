"""Exercise figures: ExerciseHistory in, plotly figures out, no app needed."""

from __future__ import annotations

import datetime as dt

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard_app.analytics.strength import ExerciseHistory, summarise_exercise_history
from dashboard_app.figures.exercises import EMPTY_MESSAGE, e1rm_figure, weekly_volume_figure

FIGURES = [e1rm_figure, weekly_volume_figure]


def history() -> ExerciseHistory:
    """Three days in two ISO weeks: Epley e1RMs 100, 116.67, 120 kg; volumes 1700 and 1200 kg."""
    lines = [
        {"date": dt.date(2025, 12, 29), "session_id": 1, "sets": 2, "reps": 1, "load_kg": 100.0},
        {"date": dt.date(2026, 1, 1), "session_id": 2, "sets": 3, "reps": 5, "load_kg": 100.0},
        {"date": dt.date(2026, 1, 5), "session_id": 3, "sets": 2, "reps": 6, "load_kg": 100.0},
    ]
    return summarise_exercise_history(lines, formula="epley")


def y_values(fig: go.Figure) -> np.ndarray:
    """The first trace's y values as floats, whether plotly kept a list or a numpy array."""
    return np.asarray(fig.data[0].y, dtype=float)


def is_empty_figure(fig: go.Figure) -> bool:
    """Whether fig is the shared placeholder with the not-logged message."""
    texts = [annotation.text for annotation in fig.layout.annotations]
    return not fig.data and texts == [EMPTY_MESSAGE]


def test_e1rm_figure_is_a_line_with_markers_in_kg():
    fig = e1rm_figure(history(), "kg", "light")
    assert len(fig.data) == 1
    assert fig.data[0].type == "scatter"
    assert fig.data[0].mode == "lines+markers"
    np.testing.assert_allclose(y_values(fig), [100.0, 116.667, 120.0], atol=0.001)
    assert fig.layout.yaxis.title.text == "Estimated 1RM (kg)"


def test_e1rm_figure_converts_to_pounds():
    fig = e1rm_figure(history(), "lb", "light")
    # 100 kg = 220.462 lb.
    np.testing.assert_allclose(y_values(fig), [220.462, 257.206, 264.555], atol=0.001)
    assert fig.layout.yaxis.title.text == "Estimated 1RM (lb)"
    assert "lb" in fig.data[0].hovertemplate


def test_e1rm_figure_plots_days_oldest_first():
    fig = e1rm_figure(history(), "kg", "light")
    days = [np.datetime64(x, "D") for x in fig.data[0].x]
    assert days == [np.datetime64(d) for d in ("2025-12-29", "2026-01-01", "2026-01-05")]


def test_weekly_volume_figure_is_bars_per_week_in_kg():
    fig = weekly_volume_figure(history(), "kg", "light")
    assert [trace.type for trace in fig.data] == ["bar"]
    np.testing.assert_allclose(y_values(fig), [1700.0, 1200.0])
    weeks = [np.datetime64(x, "D") for x in fig.data[0].x]
    assert weeks == [np.datetime64("2025-12-29"), np.datetime64("2026-01-05")]
    assert fig.layout.yaxis.title.text == "Volume (kg)"


def test_weekly_volume_figure_converts_to_pounds():
    fig = weekly_volume_figure(history(), "lb", "light")
    np.testing.assert_allclose(y_values(fig), [3747.858, 2645.547], atol=0.001)
    assert fig.layout.yaxis.title.text == "Volume (lb)"


@pytest.mark.parametrize("build", FIGURES)
@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_empty_history_gives_the_empty_figure(build, unit):
    fig = build(summarise_exercise_history([]), unit, "light")
    assert is_empty_figure(fig)
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False


@pytest.mark.parametrize("build", FIGURES)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_picks_the_template(build, theme):
    expected = pio.templates["plotly_dark" if theme == "dark" else "plotly_white"].layout
    for fig in (build(history(), "kg", theme), build(summarise_exercise_history([]), "kg", theme)):
        assert fig.layout.template.layout == expected
        assert fig.layout.paper_bgcolor == fig.layout.plot_bgcolor == "rgba(0,0,0,0)"


@pytest.mark.parametrize("build", FIGURES)
def test_no_webgl_traces_and_unit_in_the_zoom_revision(build):
    kg, lb = build(history(), "kg", "light"), build(history(), "lb", "light")
    # Scattergl needs WebGL, which the Content-Security-Policy forbids.
    assert {trace.type for trace in kg.data} <= {"scatter", "bar"}
    assert kg.layout.uirevision != lb.layout.uirevision
