"""Daily-log frame and figures: pure data in, plotly figures out, no app needed."""

from __future__ import annotations

import datetime as dt
import math
import re
import time

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard_app.figures.daily_log import (
    EMPTY_MESSAGE,
    daily_frame,
    empty_figure,
    nutrition_figure,
    sleep_figure,
    weight_figure,
    wellbeing_figure,
)

START = dt.date(2024, 1, 1)
FIGURES = {
    "weight": lambda frame, theme: weight_figure(frame, "kg", theme),
    "sleep": sleep_figure,
    "wellbeing": wellbeing_figure,
    "nutrition": nutrition_figure,
}


def day(offset: int, **values) -> dict:
    """A logged-day row offset days after START."""
    return {"date": START + dt.timedelta(days=offset), **values}


def night(offset: int, bed: tuple[int, int], wake: tuple[int, int]) -> dict:
    """A row for the night ending on START + offset, bed and wake as (hour, minute)."""
    date = START + dt.timedelta(days=offset)
    morning = dt.datetime.combine(date, dt.time(*wake))
    evening_date = date if bed[0] < 12 else date - dt.timedelta(days=1)
    return day(
        offset,
        sleep_start=dt.datetime.combine(evening_date, dt.time(*bed)),
        sleep_end=morning,
    )


def is_empty_figure(fig: go.Figure) -> bool:
    """Whether fig is the placeholder with the no-entries message."""
    texts = [annotation.text for annotation in fig.layout.annotations]
    return not fig.data and texts == [EMPTY_MESSAGE]


def test_missing_days_are_nan_rows_not_zero():
    frame = daily_frame([day(0, weight=80.0, calories=2000), day(3, weight=81.0)])
    assert list(frame.index) == list(pd.date_range("2024-01-01", "2024-01-04", freq="D"))
    assert frame.loc["2024-01-02":"2024-01-03"].isna().all().all()
    assert math.isnan(frame.loc["2024-01-04", "calories"])
    assert frame["calories"].sum() == 2000


def test_rows_out_of_order_are_sorted_by_date():
    frame = daily_frame([day(2, weight=82.0), day(0, weight=80.0)])
    assert frame.index.is_monotonic_increasing
    assert frame["weight"].tolist()[::2] == [80.0, 82.0]


def test_seven_day_average_over_available_weights():
    weights = {0: 80.0, 1: 81.0, 2: 82.0, 4: 84.0, 8: 86.0}
    frame = daily_frame([day(offset, weight=kg) for offset, kg in weights.items()])
    # Day 9's window (days 3-9) holds only 84 and 86: two values are not enough.
    expected = [np.nan, np.nan, 81.0, 81.0, 81.75, 81.75, 81.75, 247 / 3, 84.0]
    np.testing.assert_allclose(frame["weight_avg7"].to_numpy(), expected)
    frame = daily_frame([*(day(o, weight=kg) for o, kg in weights.items()), day(9)])
    assert math.isnan(frame["weight_avg7"].iloc[-1])


def test_bedtimes_either_side_of_midnight_plot_next_to_each_other():
    frame = daily_frame([night(0, (23, 30), (7, 0)), night(1, (0, 30), (8, 15))])
    assert frame["bedtime_hour"].tolist() == [23.5, 24.5]
    assert frame["wake_hour"].tolist() == [7.0, 8.25]


def test_sleep_hours_for_a_night_crossing_midnight():
    frame = daily_frame([night(0, (23, 30), (7, 0)), day(1, sleep_start=None, sleep_end=None)])
    assert frame["sleep_hours"].iloc[0] == 7.5
    assert math.isnan(frame["sleep_hours"].iloc[1])


def test_empty_rows_give_an_empty_frame_with_derived_columns():
    frame = daily_frame([])
    assert frame.empty
    assert isinstance(frame.index, pd.DatetimeIndex)
    for column in ("sleep_hours", "bedtime_hour", "wake_hour", "weight_avg7", "weight"):
        assert column in frame.columns


def test_weight_figure_converts_to_pounds_and_names_the_unit():
    frame = daily_frame([day(0, weight=100.0), day(1, weight=None), day(2, weight=90.0)])
    fig = weight_figure(frame, "lb", "light")
    markers = fig.data[0]
    np.testing.assert_allclose(markers.y, [220.46, np.nan, 198.42], atol=0.01)
    assert "lb" in fig.layout.yaxis.title.text
    assert fig.data[1].mode == "lines"
    kg = weight_figure(frame, "kg", "light")
    assert kg.data[0].y[0] == 100.0
    assert "kg" in kg.layout.yaxis.title.text


def test_sleep_figure_shows_hours_and_clock_ticks():
    frame = daily_frame([night(0, (23, 30), (7, 0)), night(1, (0, 30), (8, 15))])
    fig = sleep_figure(frame, "light")
    bars, bedtime, wake = fig.data
    assert bars.type == "bar"
    assert list(bars.y) == [7.5, 7.75]
    assert list(bedtime.y) == [23.5, 24.5]
    # Wake times share the bedtime scale, so 07:00 the next morning is 31.
    assert list(wake.y) == [31.0, 32.25]
    ticktext = fig.layout.yaxis2.ticktext
    assert "00:00" in ticktext
    assert all(re.fullmatch(r"[0-2]\d:00", text) for text in ticktext)
    assert min(fig.layout.yaxis2.tickvals) <= 23.5
    assert max(fig.layout.yaxis2.tickvals) >= 32.25


def test_wellbeing_figure_has_three_gappy_lines():
    frame = daily_frame(
        [day(0, stress_level=3, energy_level=7, motivation_level=8), day(2, stress_level=5)]
    )
    fig = wellbeing_figure(frame, "light")
    assert [trace.name for trace in fig.data] == ["Stress", "Energy", "Motivation"]
    assert all(trace.connectgaps is False for trace in fig.data)
    assert math.isnan(fig.data[0].y[1])
    assert tuple(fig.layout.yaxis.range) == (0.5, 10.5)


def test_nutrition_bars_are_stacked_and_calories_have_their_own_axis():
    frame = daily_frame([day(0, calories=2200, protein=150, carbohydrate=250, fat=70)])
    fig = nutrition_figure(frame, "light")
    assert fig.layout.barmode in ("stack", "relative")
    bars = [trace for trace in fig.data if trace.type == "bar"]
    (calories,) = [trace for trace in fig.data if trace.name == "Calories"]
    assert [bar.name for bar in bars] == ["Protein", "Carbohydrate", "Fat"]
    assert calories.type == "scatter"
    assert {bar.yaxis or "y" for bar in bars} == {"y"}
    assert calories.yaxis == "y2"
    assert fig.layout.yaxis2.overlaying == "y"
    assert fig.layout.yaxis2.side != fig.layout.yaxis.side


@pytest.mark.parametrize("name", FIGURES)
def test_empty_input_gives_the_empty_figure(name):
    assert is_empty_figure(FIGURES[name](daily_frame([]), "light"))


@pytest.mark.parametrize("name", FIGURES)
def test_all_none_columns_give_the_empty_figure(name):
    blank = {"weight": None, "sleep_start": None, "stress_level": None, "calories": None}
    frame = daily_frame([day(0, **blank), day(1, fibre=30.0, water=1500.0)])
    assert is_empty_figure(FIGURES[name](frame, "light"))


def test_one_filled_column_is_not_empty():
    frame = daily_frame([day(0, fat=60.0)])
    assert not is_empty_figure(nutrition_figure(frame, "light"))
    assert is_empty_figure(weight_figure(frame, "kg", "light"))


def test_empty_figure_has_no_axes_and_centres_the_message():
    fig = empty_figure("Nothing here", "light")
    assert fig.layout.xaxis.visible is False
    assert fig.layout.yaxis.visible is False
    (annotation,) = fig.layout.annotations
    assert (annotation.text, annotation.x, annotation.y) == ("Nothing here", 0.5, 0.5)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_picks_the_template_and_keeps_background_transparent(theme):
    frame = daily_frame([day(0, weight=80.0, stress_level=4)])
    expected = pio.templates["plotly_dark" if theme == "dark" else "plotly_white"].layout
    for fig in (weight_figure(frame, "kg", theme), empty_figure("x", theme)):
        assert fig.layout.template.layout == expected
        assert fig.layout.paper_bgcolor == fig.layout.plot_bgcolor == "rgba(0,0,0,0)"


def test_layout_suits_phones_and_keeps_zoom():
    frame = daily_frame([day(0, weight=80.0, stress_level=4, calories=2000)])
    night_frame = daily_frame([night(0, (23, 0), (7, 0))])
    figures = [build(frame, "light") for build in FIGURES.values()]
    figures[1] = sleep_figure(night_frame, "light")
    for fig in figures:
        assert fig.layout.hovermode == "x unified"
        assert fig.layout.legend.orientation == "h"
        assert fig.layout.uirevision
        assert fig.layout.height <= 400
        # Scattergl needs WebGL, which the Content-Security-Policy forbids.
        assert {trace.type for trace in fig.data} <= {"scatter", "bar"}


def test_ten_years_of_days_build_quickly():
    rng = np.random.default_rng(0)
    dates = pd.date_range("2015-01-01", periods=3650, freq="D")
    rows = [
        {
            "date": date.date(),
            "sleep_start": date - pd.Timedelta(minutes=int(minutes)),
            "sleep_end": date + pd.Timedelta(hours=7),
            "stress_level": int(level),
            "energy_level": int(level),
            "motivation_level": None,
            "weight": 80 + float(noise),
            "calories": 2200,
            "protein": 150,
            "carbohydrate": 250,
            "fat": 70,
        }
        for date, minutes, level, noise in zip(
            dates,
            rng.integers(0, 120, 3650),
            rng.integers(1, 11, 3650),
            rng.normal(0, 1, 3650),
            strict=True,
        )
    ]
    started = time.perf_counter()
    frame = daily_frame(rows)
    figures = [build(frame, "dark") for build in FIGURES.values()]
    elapsed = time.perf_counter() - started
    assert len(frame) == 3650
    assert all(fig.data for fig in figures)
    assert elapsed < 2


def test_over_a_long_range_charts_draw_weekly_means_of_the_logged_days():
    # Ten years, weighed every day but Sunday; each week's weigh-ins average 80 + its number.
    rows = [
        day(offset, weight=80.0 + offset // 7 + (0.5 if offset % 7 < 3 else -0.5))
        for offset in range(3650)
        if offset % 7 != 6
    ]
    frame = daily_frame(rows)  # START is a Monday, so weeks line up with the offsets
    figure = weight_figure(frame, "kg", "light")
    weights = np.asarray(figure.data[0].y, dtype=float)
    assert len(weights) == 522
    np.testing.assert_allclose(weights[:3], [80.0, 81.0, 82.0])
    assert pd.Timestamp(figure.data[0].x[1]) == pd.Timestamp(START + dt.timedelta(days=7))
    assert figure.layout.xaxis.title.text == "Weekly averages"
    for name, build in FIGURES.items():
        drawn = build(frame, "light")
        assert all(len(trace.x) <= 522 for trace in drawn.data), name


def test_a_range_of_about_a_year_stays_daily():
    frame = daily_frame([day(offset, weight=80.0) for offset in range(400)])
    figure = weight_figure(frame, "kg", "light")
    assert len(figure.data[0].y) == 400 and figure.layout.xaxis.title.text is None


def test_figures_use_a_lean_template_that_styles_every_trace_type_the_app_draws():
    from pathlib import Path

    from dashboard_app.figures.daily_log import TEMPLATES, TRACE_TYPES

    root = Path(__file__).resolve().parents[1]
    sources = [*root.glob("dashboard_app/**/*.py"), *root.glob("callbacks/*.py")]
    drawn = {
        name.lower()
        for path in sources
        for name in re.findall(r"\bgo\.([A-Z]\w*)\(", path.read_text())
        if name not in ("Figure",)
    }
    assert drawn == set(TRACE_TYPES)
    full = pio.templates["plotly_white"]
    lean = TEMPLATES["light"]
    assert lean.layout == full.layout
    assert {kind: getattr(lean.data, kind) for kind in TRACE_TYPES} == {
        kind: getattr(full.data, kind) for kind in TRACE_TYPES
    }
    assert len(lean.to_plotly_json()["data"]) == len(TRACE_TYPES)
