"""Insight figures: the heatmap's two layers and a scatter in the user's units."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from dashboard_app.figures.insights import heatmap_figure, scatter_figure

POINTS = {
    "dates": [date(2026, 3, d) for d in (1, 2, 3)],
    "x": [-0.5, 1.0, 0.25],
    "y": [-0.4, 0.6, -0.1],
}
GROUPS = {
    "dates": [date(2026, 3, d) for d in range(1, 7)],
    "x": [0.0, 1.0, 0.0, 1.0, 1.0, 0.0],
    "y": [0.5, -1.0, 1.5, -0.5, -1.5, 0.0],
}


def test_a_weight_axis_is_a_deviation_in_the_users_unit_and_names_it():
    in_kg = scatter_figure(POINTS, "sleep_hours", "weight", 0, "light", "kg")
    in_lb = scatter_figure(POINTS, "sleep_hours", "weight", 0, "light", "lb")
    assert in_kg.layout.yaxis.title.text == "Weight vs trend, kg"
    assert in_lb.layout.yaxis.title.text == "Weight vs trend, lb"
    assert in_lb.layout.xaxis.title.text == "Sleep vs usual, h"
    np.testing.assert_allclose(np.asarray(in_kg.data[0].y, dtype=float), [-0.4, 0.6, -0.1])
    np.testing.assert_allclose(
        np.asarray(in_lb.data[0].y, dtype=float), [-0.88, 1.32, -0.22], atol=0.01
    )
    # The trend line is fitted in the shown unit: its ends sit on the lb scale too.
    assert np.asarray(in_lb.data[1].y, dtype=float).max() > 1


def test_ratings_carry_no_unit_and_a_next_day_x_says_so():
    figure = scatter_figure(POINTS, "stress", "energy", 1, "dark")
    assert figure.layout.xaxis.title.text == "Stress vs usual, the day before"
    assert figure.layout.yaxis.title.text == "Energy vs usual"


def test_a_yes_no_x_draws_its_two_groups_with_their_means():
    figure = scatter_figure(GROUPS, "trained", "energy", 1, "light")
    dots, without, with_ = figure.data
    xs = np.asarray(dots.x, dtype=float)
    assert np.all(np.abs(xs - np.asarray(GROUPS["x"])) < 0.2)  # jittered, within the group
    assert list(figure.layout.xaxis.ticktext) == ["After rest days", "After training days"]
    assert np.asarray(without.y, dtype=float).tolist() == [2 / 3, 2 / 3]
    assert np.asarray(with_.y, dtype=float).tolist() == [-1.0, -1.0]
    same_day = scatter_figure(GROUPS, "trained_legs", "energy", 0, "light")
    assert list(same_day.layout.xaxis.ticktext) == ["Days without legs", "Leg days"]
    again = scatter_figure(GROUPS, "trained", "energy", 1, "light")
    assert list(again.data[0].x) == list(dots.x)  # the same places every time


def test_too_few_days_and_no_series_give_empty_figures():
    one_day = {"dates": [date(2026, 3, 1)], "x": [7.0], "y": [6.0]}
    assert not scatter_figure(one_day, "sleep_hours", "energy", 0, "light").data
    assert not heatmap_figure([], [], [], 0, "light").data


def test_heatmap_cells_are_either_significant_or_muted():
    keys = ["sleep_hours", "energy"]
    values = [[None, 0.6], [0.6, None]]
    significant = [[False, True], [True, False]]
    figure = heatmap_figure(keys, values, significant, 0, "light")
    muted, strong = figure.data
    assert muted.opacity < 1 and strong.opacity is None
    muted_z, strong_z = np.asarray(muted.z, dtype=float), np.asarray(strong.z, dtype=float)
    assert np.isnan(muted_z).all()  # both cells are significant
    assert strong_z[0][1] == 0.6 and strong_z[1][0] == 0.6
    assert list(strong.x) == ["Sleep", "Energy"] and strong.zmid == 0


def test_a_card_draws_at_most_max_dots_spread_over_the_period_and_fits_every_day():
    rng = np.random.default_rng(5)
    n = 3000
    xs = rng.normal(7, 1, n)
    many = {
        "dates": [date(2016, 1, 1) + timedelta(days=i) for i in range(n)],
        "x": list(xs),
        "y": list(2 * xs + rng.normal(0, 1, n)),
    }
    full = scatter_figure(many, "sleep_hours", "energy", 0, "light")
    card = scatter_figure(many, "sleep_hours", "energy", 0, "light", max_dots=365)

    assert len(full.data[0].x) == n and not full.layout.annotations
    dots = np.asarray(card.data[0].x, dtype=float)
    assert len(dots) == 365 == len(card.data[0].text)
    assert card.data[0].text[0] == "01 Jan 2016" and card.data[0].text[-1] == "18 Mar 2024"
    assert card.layout.annotations[0].text == "365 of 3,000 days shown"
    # The line is the fit over all 3,000 days, not over the dots drawn.
    np.testing.assert_allclose(
        np.asarray(card.data[1].y, dtype=float), np.asarray(full.data[1].y, dtype=float)
    )
    assert len(card.to_json()) < len(full.to_json()) / 5


def test_a_short_history_draws_every_day_even_with_max_dots():
    card = scatter_figure(POINTS, "sleep_hours", "weight", 0, "light", max_dots=365)
    assert len(card.data[0].x) == 3 and not card.layout.annotations
