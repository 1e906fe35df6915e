"""Which pairs of daily series the insights test, oriented and compared how."""

from __future__ import annotations

import itertools

import pytest

from dashboard_app.analytics.daily_series import SERIES
from dashboard_app.analytics.insight_pairs import (
    BINARY,
    LAGGED_X,
    LAGGED_Y,
    Pair,
    candidate_pairs,
    check_pairs,
    method_for,
)
from tests.insight_frames import ACTIVITY, NUTRITION, TRAINING_AMOUNT, TRAINING_EFFORT


def test_activity_pairs_leave_out_the_same_movement_counted_twice():
    same_day = {(p.x, p.y) for p in candidate_pairs() if p.lag_days == 0}
    assert not {("steps", "active_minutes"), ("active_minutes", "steps")} & same_day
    assert not any({x, y} & {"active_minutes"} and {x, y} & TRAINING_AMOUNT for x, y in same_day)
    assert {("trained", "steps"), ("session_minutes", "steps"), ("steps", "energy")} <= same_day
    assert {("mean_fatigue", "active_minutes"), ("sleep_hours", "steps")} <= same_day
    lagged = {(p.x, p.y) for p in candidate_pairs() if p.lag_days == 1}
    assert {("steps", "sleep_hours"), ("active_minutes", "energy")} <= lagged


def test_same_day_pairs_are_every_allowed_pair_once_in_driver_order():
    keys = list(SERIES)
    same_day = [p for p in candidate_pairs() if p.lag_days == 0]
    unordered = [frozenset((p.x, p.y)) for p in same_day]
    assert len(unordered) == len(set(unordered))
    for p in same_day:
        if p.x in BINARY:  # a yes/no series splits the days, so it is always x
            assert p.y not in BINARY
        else:
            assert p.y not in BINARY and keys.index(p.x) < keys.index(p.y)
    assert Pair("trained", "sleep_hours", 0) in same_day  # not sleep_hours -> trained
    excluded = {
        frozenset(("weight", "weight_change_7d")),
        frozenset(("wake_time", "sleep_hours")),
        frozenset(("wake_time", "bedtime")),
    }
    for family in (NUTRITION, TRAINING_AMOUNT | TRAINING_EFFORT, ACTIVITY):
        excluded |= {frozenset(pair) for pair in itertools.combinations(family, 2)}
    excluded |= {frozenset(("active_minutes", amount)) for amount in TRAINING_AMOUNT}
    expected = {frozenset(pair) for pair in itertools.combinations(keys, 2)} - excluded
    assert set(unordered) == expected
    assert len(same_day) == 253 - 1 - 2 - 10 - 28 - 1 - 5


def test_same_day_pairs_leave_out_self_derivative_and_family_sums():
    same_day = {(p.x, p.y) for p in candidate_pairs() if p.lag_days == 0}
    assert not any(x == y for x, y in same_day)
    assert ("weight", "weight_change_7d") not in same_day
    assert not any(x in NUTRITION and y in NUTRITION for x, y in same_day)
    training = TRAINING_AMOUNT | TRAINING_EFFORT
    assert not any(x in training and y in training for x, y in same_day)
    assert ("sleep_hours", "bedtime") in same_day  # short nights do start late
    assert not {("sleep_hours", "wake_time"), ("bedtime", "wake_time")} & same_day
    assert {("sleep_hours", "energy"), ("stress", "motivation"), ("calories", "weight")} <= same_day
    assert {("mean_fatigue", "energy"), ("trained", "motivation")} <= same_day


def test_lagged_pairs_are_the_documented_set():
    lagged = [(p.x, p.y) for p in candidate_pairs() if p.lag_days == 1]
    assert set(LAGGED_X) == {
        "trained",
        "trained_legs",
        "sets",
        "volume",
        "mean_rir",
        "mean_stimulus",
        "mean_fatigue",
        "session_minutes",
        "stress",
        "calories",
        "protein",
        "carbohydrate",
        "fat",
        "steps",
        "active_minutes",
    }
    assert set(LAGGED_Y) == {
        "sleep_hours",
        "bedtime",
        "wake_time",
        "energy",
        "motivation",
        "weight",
    }
    assert sorted(lagged) == sorted(itertools.product(LAGGED_X, LAGGED_Y))
    assert len(lagged) == 90
    assert {p.lag_days for p in candidate_pairs()} == {0, 1}


@pytest.mark.parametrize(
    ("x", "y", "method"),
    [
        ("sleep_hours", "weight", "pearson"),
        ("bedtime", "calories", "pearson"),
        ("sets", "weight", "pearson"),
        ("sleep_hours", "energy", "spearman"),
        ("stress", "weight", "spearman"),
        ("calories", "mean_fatigue", "spearman"),
        ("trained", "weight", "groups"),
        ("trained_legs", "energy", "groups"),
    ],
)
def test_flags_are_groups_ratings_take_ranks_and_measures_pearson(x, y, method):
    assert method_for(x, y) == method


def test_unknown_series_other_lags_and_a_yes_no_y_are_refused():
    with pytest.raises(ValueError, match="unknown series"):
        check_pairs([Pair("sleep_hours", "heart_rate", 0)])
    with pytest.raises(ValueError, match="lag_days"):
        check_pairs([Pair("stress", "energy", 2)])
    with pytest.raises(ValueError, match="give it as x"):
        check_pairs([Pair("sleep_hours", "trained", 0)])
    check_pairs(candidate_pairs())  # every candidate is valid
    assert {key for key, series in SERIES.items() if series.kind == "binary"} == BINARY
