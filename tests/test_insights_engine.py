"""Insights engine: the daily frame, candidate pairs, statistics, correction, sentences, order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.multitest import multipletests

from dashboard_app.analytics.daily_series import SERIES, build_daily_frame
from dashboard_app.analytics.insight_text import describe
from dashboard_app.analytics.insights import (
    LAGGED_X,
    LAGGED_Y,
    Insight,
    Pair,
    candidate_pairs,
    compute_insights,
    correlation_matrix,
    rank_insights,
    strength_of,
)

D = dt.date
START = D(2024, 1, 1)
NUTRITION = {"calories", "protein", "carbohydrate", "fat", "fibre"}
TRAINING_AMOUNT = {"trained", "trained_legs", "sets", "volume", "session_minutes"}
TRAINING_EFFORT = {"mean_rir", "mean_stimulus", "mean_fatigue"}
ACTIVITY = {"steps", "active_minutes"}
CAUSAL = re.compile(
    r"\b(causes?|caused|causing|makes?|made|because|leads? to|led to|due to|results? in)\b",
    re.IGNORECASE,
)


def entry(day: dt.date, **fields) -> dict:
    """A daily row as the service hands it over: every field, None unless given."""
    row = dict.fromkeys(
        (
            "sleep_start",
            "sleep_end",
            "stress_level",
            "energy_level",
            "motivation_level",
            "weight",
            "calories",
            "protein",
            "carbohydrate",
            "fat",
            "fibre",
        )
    )
    return {"date": day, **row, **fields}


def line(day: dt.date, session_id: int = 1, **fields) -> dict:
    """A logged working line of 3 x 10 x 50 kg on the chest unless told otherwise."""
    row = {
        "date": day,
        "session_id": session_id,
        "sets": 3,
        "reps": 10,
        "load_kg": 50.0,
        "rir": None,
        "stimulus": None,
        "fatigue_level": None,
        "is_warmup": False,
        "muscle_group": "Chest",
        "session_minutes": None,
    }
    return {**row, **fields}


def frame_of(start: dt.date = START, **columns) -> pd.DataFrame:
    """A daily frame with the given columns and every other series missing."""
    size = len(next(iter(columns.values())))
    index = pd.date_range(start, periods=size, freq="D", name="date")
    data = {key: np.asarray(columns.get(key, np.full(size, np.nan)), float) for key in SERIES}
    return pd.DataFrame(data, index=index)


def only(insights: list[Insight], x: str, y: str, lag: int) -> Insight:
    matches = [i for i in insights if (i.metric_x, i.metric_y, i.lag_days) == (x, y, lag)]
    assert len(matches) == 1, matches
    return matches[0]


def at(frame: pd.DataFrame, day: dt.date) -> pd.Series:
    return frame.loc[pd.Timestamp(day)]


# Frame building.


def test_frame_spans_every_day_with_nan_for_missing_and_zero_only_for_training_flags():
    frame = build_daily_frame(
        [entry(D(2024, 1, 1), energy_level=6, weight=80.0), entry(D(2024, 1, 5), stress_level=3)],
        [line(D(2024, 1, 3))],
    )
    assert list(frame.columns) == list(SERIES)
    assert (frame.dtypes == "float64").all()
    assert list(frame.index) == list(pd.date_range("2024-01-01", "2024-01-05", freq="D"))
    gap = at(frame, D(2024, 1, 2))
    assert gap["trained"] == 0.0 and gap["trained_legs"] == 0.0
    assert gap.drop(["trained", "trained_legs"]).isna().all()
    assert at(frame, D(2024, 1, 1))["energy"] == 6.0
    assert np.isnan(at(frame, D(2024, 1, 1))["stress"])
    assert at(frame, D(2024, 1, 3))["trained"] == 1.0
    assert np.isnan(at(frame, D(2024, 1, 3))["energy"])


def test_frame_starts_at_the_first_line_even_a_warm_up():
    frame = build_daily_frame(
        [entry(D(2024, 1, 5), energy_level=6)], [line(D(2024, 1, 2), is_warmup=True)]
    )
    assert frame.index[0] == pd.Timestamp("2024-01-02") and len(frame) == 4
    assert frame["trained"].tolist() == [0.0, 0.0, 0.0, 0.0]


def test_empty_inputs_give_an_empty_frame_with_every_column():
    frame = build_daily_frame([], [])
    assert frame.empty and list(frame.columns) == list(SERIES)
    assert isinstance(frame.index, pd.DatetimeIndex)
    assert compute_insights(frame) == []


def test_a_frame_of_a_single_day_gives_no_insight():
    frame = build_daily_frame([entry(START, energy_level=6, stress_level=3)], [line(START)])
    assert len(frame) == 1
    assert compute_insights(frame, min_days=1) == []


@pytest.mark.parametrize(
    ("start", "end", "bedtime", "wake_time", "hours"),
    [
        (dt.datetime(2024, 3, 9, 23, 30), dt.datetime(2024, 3, 10, 7, 15), -0.5, 7.25, 7.75),
        (dt.datetime(2024, 3, 10, 0, 45), dt.datetime(2024, 3, 10, 8, 0), 0.75, 8.0, 7.25),
        (dt.datetime(2024, 3, 9, 21, 0), dt.datetime(2024, 3, 10, 5, 30), -3.0, 5.5, 8.5),
        (dt.datetime(2024, 3, 10, 0, 0), dt.datetime(2024, 3, 10, 6, 0), 0.0, 6.0, 6.0),
    ],
)
def test_bedtime_is_hours_from_the_nights_midnight(start, end, bedtime, wake_time, hours):
    frame = build_daily_frame([entry(D(2024, 3, 10), sleep_start=start, sleep_end=end)], [])
    row = at(frame, D(2024, 3, 10))
    assert row["bedtime"] == pytest.approx(bedtime)
    assert row["wake_time"] == pytest.approx(wake_time)
    assert row["sleep_hours"] == pytest.approx(hours)


def test_half_a_night_gives_its_own_time_and_no_duration():
    frame = build_daily_frame(
        [
            entry(D(2024, 3, 10), sleep_start=dt.datetime(2024, 3, 9, 22, 0)),
            entry(D(2024, 3, 11), sleep_end=dt.datetime(2024, 3, 11, 6, 30)),
        ],
        [],
    )
    assert frame["bedtime"].tolist()[0] == -2.0 and np.isnan(frame["bedtime"].iloc[1])
    assert np.isnan(frame["wake_time"].iloc[0]) and frame["wake_time"].iloc[1] == 6.5
    assert frame["sleep_hours"].isna().all()


def test_weight_change_7d_needs_both_mornings():
    daily = [
        entry(START, weight=80.0),
        entry(START + dt.timedelta(days=7), weight=79.2),
        entry(START + dt.timedelta(days=8), weight=79.0),
        entry(START + dt.timedelta(days=9), weight=78.8),
        entry(START + dt.timedelta(days=2), weight=80.4),
    ]
    change = build_daily_frame(daily, [])["weight_change_7d"]
    assert change.iloc[7] == pytest.approx(-0.8)
    assert np.isnan(change.iloc[8])  # day 1 was not weighed
    assert change.iloc[9] == pytest.approx(78.8 - 80.4)
    assert change.iloc[:7].isna().all() and change.notna().sum() == 2


def test_warm_ups_count_in_no_series():
    lines = [
        line(START, 1, is_warmup=True, muscle_group="Quadriceps", rir=5, session_minutes=20),
        line(START + dt.timedelta(days=1), 2, is_warmup=True, sets=2, reps=5, load_kg=40.0),
        line(START + dt.timedelta(days=1), 2, sets=3, reps=5, load_kg=100.0, rir=2),
        line(START + dt.timedelta(days=1), 2, is_warmup=True, muscle_group="Glutes", rir=8),
    ]
    frame = build_daily_frame([], lines)
    warm_only = frame.iloc[0]
    assert warm_only["trained"] == 0.0 and warm_only["trained_legs"] == 0.0
    assert warm_only[["sets", "volume", "mean_rir", "session_minutes"]].isna().all()
    mixed = frame.iloc[1]
    assert mixed["trained"] == 1.0 and mixed["trained_legs"] == 0.0
    assert mixed["sets"] == 3.0 and mixed["volume"] == 1500.0 and mixed["mean_rir"] == 2.0


@pytest.mark.parametrize(
    ("muscle", "legs"),
    [
        ("Quadriceps", 1.0),
        ("Hamstrings", 1.0),
        ("Glutes", 1.0),
        ("Calves", 1.0),
        ("Adductors", 1.0),
        ("Abductors", 1.0),
        ("Lower Back", 0.0),
        ("Chest", 0.0),
        ("Abdominals", 0.0),
        (None, 0.0),
    ],
)
def test_trained_legs_follows_the_leg_muscles(muscle, legs):
    frame = build_daily_frame([], [line(START, muscle_group=muscle)])
    assert frame["trained_legs"].iloc[0] == legs and frame["trained"].iloc[0] == 1.0


def test_sets_volume_and_set_weighted_means():
    lines = [
        line(START, 1, sets=4, reps=8, load_kg=100.0, rir=1, stimulus=4, fatigue_level=2),
        line(START, 1, sets=1, reps=12, load_kg=20.0, rir=3, stimulus=None, fatigue_level=5),
        line(START, 1, sets=2, reps=10, load_kg=0.0, rir=None, stimulus=2),
        line(START, 2, sets=3, reps=5, load_kg=None),
    ]
    row = build_daily_frame([], lines).iloc[0]
    assert row["sets"] == 10.0
    assert row["volume"] == 4 * 8 * 100 + 12 * 20
    assert row["mean_rir"] == pytest.approx((4 * 1 + 1 * 3) / 5)
    assert row["mean_stimulus"] == pytest.approx((4 * 4 + 2 * 2) / 6)
    assert row["mean_fatigue"] == pytest.approx((4 * 2 + 1 * 5) / 5)


def test_rest_days_have_no_sets_volume_or_means():
    frame = build_daily_frame([entry(START)], [line(START + dt.timedelta(days=2), rir=2)])
    rest = frame.iloc[:2]
    assert rest[["sets", "volume", "mean_rir", "session_minutes"]].isna().all().all()
    assert rest["trained"].tolist() == [0.0, 0.0]


def test_session_minutes_add_up_distinct_sessions_and_unknown_spoils_the_day():
    day2, day3 = START + dt.timedelta(days=1), START + dt.timedelta(days=2)
    lines = [
        line(START, 1, session_minutes=60),
        line(START, 1, session_minutes=60),
        line(START, 1, session_minutes=60),
        line(START, 2, session_minutes=45),
        line(START, 3, session_minutes=30, is_warmup=True),  # a warm-up-only session
        line(day2, 4, session_minutes=50),
        line(day2, 5, session_minutes=None),
        line(day3, 6, session_minutes=None),
    ]
    minutes = build_daily_frame([], lines)["session_minutes"]
    assert minutes.iloc[0] == 105.0
    assert np.isnan(minutes.iloc[1]) and np.isnan(minutes.iloc[2])


def test_a_frame_of_lines_only_has_no_daily_values():
    frame = build_daily_frame([], [line(START), line(START + dt.timedelta(days=3))])
    daily_keys = ["sleep_hours", "bedtime", "stress", "energy", "weight", "weight_change_7d"]
    assert frame[daily_keys + ["calories", "fibre"]].isna().all().all()
    assert frame["trained"].tolist() == [1.0, 0.0, 0.0, 1.0]


def test_a_date_given_twice_keeps_its_last_row():
    frame = build_daily_frame([entry(START, energy_level=3), entry(START, energy_level=8)], [])
    assert frame["energy"].tolist() == [8.0]


def test_daily_fields_map_to_their_series():
    row = entry(
        START,
        stress_level=2,
        energy_level=3,
        motivation_level=4,
        weight=81.5,
        calories=2400.0,
        protein=160.0,
        carbohydrate=250.0,
        fat=70.0,
        fibre=31.0,
    )
    got = build_daily_frame([row], []).iloc[0]
    expected = {
        "stress": 2,
        "energy": 3,
        "motivation": 4,
        "weight": 81.5,
        "calories": 2400,
        "protein": 160,
        "carbohydrate": 250,
        "fat": 70,
        "fibre": 31,
    }
    assert {key: got[key] for key in expected} == expected


def test_steps_and_active_minutes_come_from_the_tracker_fields_and_stay_unknown_without():
    frame = build_daily_frame(
        [
            entry(START, steps=10735, active_minutes=257),
            entry(START + dt.timedelta(days=2), steps=0, active_minutes=0),
        ],
        [],
    )
    assert frame["steps"].tolist()[0::2] == [10735.0, 0.0]
    assert frame["active_minutes"].tolist()[0::2] == [257.0, 0.0]
    assert frame[["steps", "active_minutes"]].iloc[1].isna().all()


def test_sleep_hours_come_from_minutes_asleep_only_without_both_clock_times():
    night = {
        "sleep_start": dt.datetime(2024, 3, 9, 23, 0),
        "sleep_end": dt.datetime(2024, 3, 10, 7, 0),
    }
    frame = build_daily_frame(
        [
            entry(D(2024, 3, 10), sleep_minutes=300, **night),  # the clock times win
            entry(D(2024, 3, 11), sleep_minutes=384),  # a tracker's total alone
            entry(D(2024, 3, 12), sleep_minutes=0),  # nothing measured
            entry(D(2024, 3, 13), sleep_start=dt.datetime(2024, 3, 12, 22, 0), sleep_minutes=420),
            entry(D(2024, 3, 14), stress_level=3),
        ],
        [],
    )
    hours = frame["sleep_hours"].tolist()
    assert hours[:2] == [8.0, pytest.approx(6.4)] and hours[3] == 7.0
    assert np.isnan(hours[2]) and np.isnan(hours[4])
    # Minutes asleep say nothing of when the night began or ended.
    assert np.isnan(frame["bedtime"].iloc[1]) and np.isnan(frame["wake_time"].iloc[1])
    assert frame["bedtime"].iloc[3] == -2.0


def test_activity_pairs_leave_out_the_same_movement_counted_twice():
    same_day = {(p.x, p.y) for p in candidate_pairs() if p.lag_days == 0}
    assert not {("steps", "active_minutes"), ("active_minutes", "steps")} & same_day
    assert not any({x, y} & {"active_minutes"} and {x, y} & TRAINING_AMOUNT for x, y in same_day)
    assert {("trained", "steps"), ("session_minutes", "steps"), ("steps", "energy")} <= same_day
    assert {("mean_fatigue", "active_minutes"), ("sleep_hours", "steps")} <= same_day
    lagged = {(p.x, p.y) for p in candidate_pairs() if p.lag_days == 1}
    assert {("steps", "sleep_hours"), ("active_minutes", "energy")} <= lagged


# Candidate pairs.


def test_same_day_pairs_are_every_allowed_pair_once_in_driver_order():
    keys = list(SERIES)
    same_day = [p for p in candidate_pairs() if p.lag_days == 0]
    unordered = [frozenset((p.x, p.y)) for p in same_day]
    assert len(unordered) == len(set(unordered))
    assert all(keys.index(p.x) < keys.index(p.y) for p in same_day)
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


# Statistics.


def planted(seed: int, n: int, slope: float, noise: float, x_mean=0.0, x_sd=1.0):
    rng = np.random.default_rng(seed)
    x = rng.normal(x_mean, x_sd, n)
    return x, 2.0 + slope * x + rng.normal(0, noise, n)


def expected_stats(x: np.ndarray, y: np.ndarray) -> dict:
    """What scipy and statsmodels give over the days both are finite."""
    keep = np.isfinite(x) & np.isfinite(y)
    xs, ys = x[keep], y[keep]
    fit = sm.OLS(ys, sm.add_constant(xs)).fit()
    low, high = fit.conf_int(alpha=0.05)[1]
    pearson, spearman = stats.pearsonr(xs, ys), stats.spearmanr(xs, ys)
    return {
        "pearson_r": pearson.statistic,
        "pearson_p": pearson.pvalue,
        "spearman_rho": spearman.statistic,
        "spearman_p": spearman.pvalue,
        "slope": fit.params[1],
        "slope_ci_low": low,
        "slope_ci_high": high,
        "sample_size": int(keep.sum()),
    }


def test_statistics_match_scipy_and_statsmodels_over_the_finite_days():
    x, y = planted(seed=7, n=200, slope=0.6, noise=1.0, x_mean=7.4, x_sd=0.8)
    x[[3, 50, 120]] = np.nan
    x[77] = np.inf
    y[[10, 50, 199]] = np.nan
    y[140] = -np.inf
    frame = frame_of(sleep_hours=x, weight=y)
    (found,) = compute_insights(frame, pairs=[Pair("sleep_hours", "weight", 0)])
    expected = expected_stats(x, y)
    assert found.sample_size == expected.pop("sample_size") == 200 - 7  # day 50 lacks both
    for name, value in expected.items():
        assert getattr(found, name) == pytest.approx(value, rel=1e-10, abs=1e-300), name
    assert found.method == "pearson" and found.correlation_value == found.pearson_r
    assert found.slope_ci_low < 0.6 < found.slope_ci_high
    assert found.p_value_adjusted == pytest.approx(found.pearson_p)  # one pair: BH is identity
    assert found.is_significant and found.strength == "moderate" and found.direction == "positive"
    assert found.period_start == START and found.period_end == START + dt.timedelta(days=198)


def test_lag_one_pairs_yesterdays_x_with_todays_y():
    x, y = planted(seed=11, n=120, slope=-0.5, noise=1.0)
    frame = frame_of(stress=x, sleep_hours=y)
    (found,) = compute_insights(frame, pairs=[Pair("stress", "sleep_hours", 1)])
    expected = expected_stats(x[:-1], y[1:])
    assert found.sample_size == expected.pop("sample_size") == 119
    for name, value in expected.items():
        assert getattr(found, name) == pytest.approx(value, rel=1e-10), name
    assert found.method == "spearman" and found.correlation_value == found.spearman_rho
    assert found.period_start == START + dt.timedelta(days=1)
    assert found.period_end == START + dt.timedelta(days=119)


def test_a_frame_with_gaps_is_lagged_by_calendar_days():
    x, y = planted(seed=5, n=60, slope=1.0, noise=0.5)
    frame = frame_of(calories=x, weight=y).drop(index=pd.Timestamp(START + dt.timedelta(days=30)))
    (found,) = compute_insights(frame, pairs=[Pair("calories", "weight", 1)])
    x[30] = y[30] = np.nan
    expected = expected_stats(x[:-1], y[1:])
    assert found.sample_size == expected["sample_size"] == 57
    assert found.pearson_r == pytest.approx(expected["pearson_r"], rel=1e-10)


@pytest.mark.parametrize(
    ("x", "y", "method"),
    [
        ("sleep_hours", "weight", "pearson"),
        ("bedtime", "calories", "pearson"),
        ("sets", "weight", "pearson"),
        ("sleep_hours", "energy", "spearman"),
        ("stress", "weight", "spearman"),
        ("trained", "weight", "spearman"),
        ("calories", "mean_fatigue", "spearman"),
    ],
)
def test_spearman_for_ratings_and_flags_pearson_for_measures(x, y, method):
    values, other = planted(seed=3, n=80, slope=0.7, noise=1.0)
    if SERIES[x].kind == "binary":
        values = (values > 0).astype(float)
    (found,) = compute_insights(frame_of(**{x: values, y: other}), pairs=[Pair(x, y, 0)])
    assert found.method == method
    chosen = found.spearman_rho if method == "spearman" else found.pearson_r
    assert found.correlation_value == chosen


def test_benjamini_hochberg_runs_over_every_computed_pair_at_once():
    rng = np.random.default_rng(21)
    n = 150
    sleep = rng.normal(7.4, 0.8, n)
    columns = {
        "sleep_hours": sleep,
        "energy": np.clip(np.round(5 + 1.0 * (sleep - 7.4) + rng.normal(0, 1.2, n)), 1, 10),
        "stress": rng.integers(1, 11, n).astype(float),
        "calories": rng.normal(2500, 300, n),
        "weight": 80 + rng.normal(0, 1, n),
        "motivation": rng.integers(1, 11, n).astype(float),
    }
    found = compute_insights(frame_of(**columns))
    assert len(found) == 15 + 8  # every pair of the six, and stress or calories at lag 1
    chosen = [i.spearman_p if i.method == "spearman" else i.pearson_p for i in found]
    reject, adjusted, *_ = multipletests(chosen, alpha=0.05, method="fdr_bh")
    assert [i.p_value_adjusted for i in found] == pytest.approx(adjusted.tolist(), rel=1e-12)
    assert [i.is_significant for i in found] == reject.tolist()
    assert [i.is_significant for i in found] == [i.p_value_adjusted < 0.05 for i in found]
    assert any(p < 0.05 <= q for p, q in zip(chosen, adjusted, strict=True))  # it corrected
    assert only(found, "sleep_hours", "energy", 0).is_significant


def test_alpha_decides_significance_on_the_adjusted_p():
    x, y = planted(seed=2, n=40, slope=0.35, noise=1.0)
    pair = [Pair("sleep_hours", "weight", 0)]
    (loose,) = compute_insights(frame_of(sleep_hours=x, weight=y), alpha=0.5, pairs=pair)
    (strict,) = compute_insights(
        frame_of(sleep_hours=x, weight=y), alpha=loose.p_value_adjusted, pairs=pair
    )
    assert loose.is_significant and not strict.is_significant
    assert strict.insight_text.startswith("No clear link")


def test_insights_hold_plain_python_values():
    x, y = planted(seed=4, n=50, slope=-0.8, noise=1.0)
    (found,) = compute_insights(frame_of(stress=x, energy=y), pairs=[Pair("stress", "energy", 0)])
    for field in dataclasses.fields(Insight):
        value = getattr(found, field.name)
        if field.name in {"metric_x", "metric_y", "method", "strength", "direction"}:
            assert type(value) is str
        elif field.name in {"lag_days", "sample_size"}:
            assert type(value) is int
        elif field.name == "is_significant":
            assert type(value) is bool
        elif field.name.startswith("period"):
            assert type(value) is dt.date
        elif field.name != "insight_text":
            assert type(value) is float, field.name
    assert found.direction == "negative" and found.correlation_value < 0
    assert dataclasses.is_dataclass(found) and Insight.__dataclass_params__.frozen


# Edge cases: no insight, never an exception or a warning (the suite turns warnings into errors).


@pytest.mark.parametrize(
    "x",
    [
        np.full(30, 7.0),  # constant
        np.full(30, np.nan),  # never logged
        np.full(30, np.inf),
        np.r_[np.full(15, np.nan), np.full(15, 7.5)],  # constant over the paired days
        80.0 + 1e-15 * np.arange(30),  # constant in floating point
    ],
    ids=["constant", "all-missing", "all-inf", "constant-where-paired", "near-constant"],
)
def test_degenerate_x_gives_no_insight(x):
    y = np.random.default_rng(1).normal(size=30)
    assert compute_insights(frame_of(weight=x, sleep_hours=y)) == []
    assert compute_insights(frame_of(weight=y, sleep_hours=x)) == []


def test_too_few_paired_days_give_no_insight_and_min_days_is_configurable():
    x, y = planted(seed=9, n=13, slope=1.0, noise=0.3)
    frame = frame_of(sleep_hours=x, weight=y)
    pair = [Pair("sleep_hours", "weight", 0)]
    assert compute_insights(frame, pairs=pair) == []
    assert len(compute_insights(frame, min_days=13, pairs=pair)) == 1
    assert compute_insights(frame, min_days=14, pairs=pair) == []
    y[0] = np.nan
    assert compute_insights(frame_of(sleep_hours=x, weight=y), min_days=13, pairs=pair) == []


def test_two_days_are_never_enough_whatever_min_days_says():
    frame = frame_of(sleep_hours=[7.0, 8.0], weight=[80.0, 81.0])
    assert compute_insights(frame, min_days=1) == []
    (found,) = compute_insights(
        frame_of(sleep_hours=[7.0, 8.0, 6.5], weight=[80.0, 81.0, 80.2]), min_days=1
    )
    assert found.sample_size == 3


def test_huge_values_give_no_warning():
    rng = np.random.default_rng(8)
    frame = frame_of(sleep_hours=rng.normal(size=40) * 1e300, weight=rng.normal(size=40) * 1e300)
    for found in compute_insights(frame):
        assert -1 <= found.correlation_value <= 1


def test_unknown_series_and_lags_are_refused():
    frame = frame_of(sleep_hours=np.arange(20.0), weight=np.arange(20.0))
    with pytest.raises(ValueError, match="unknown series"):
        compute_insights(frame, pairs=[Pair("sleep_hours", "heart_rate", 0)])
    with pytest.raises(ValueError, match="lag_days"):
        compute_insights(frame, pairs=[Pair("stress", "energy", 2)])


@settings(max_examples=60, deadline=None, database=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True, width=32)),
            st.one_of(st.none(), st.integers(1, 10)),
        ),
        min_size=0,
        max_size=40,
    )
)
def test_any_values_give_valid_insights_or_none(rows):
    x = np.array([np.nan if a is None else a for a, _ in rows], dtype=float)
    y = np.array([np.nan if b is None else b for _, b in rows], dtype=float)
    for found in compute_insights(frame_of(weight=x, energy=y), min_days=3):
        assert -1 <= found.correlation_value <= 1
        assert 0 <= found.p_value_adjusted <= 1 and found.sample_size >= 3


# Lag alignment.


def test_a_relationship_planted_at_lag_one_is_found_at_lag_one_only():
    rng = np.random.default_rng(31)
    calories = rng.normal(2500, 400, 400)
    weight = np.r_[80.0, 80 + 0.002 * calories[:-1]] + rng.normal(0, 0.5, 400)
    found = compute_insights(frame_of(calories=calories, weight=weight))
    assert only(found, "calories", "weight", 1).is_significant
    assert only(found, "calories", "weight", 1).correlation_value > 0.5
    assert not only(found, "calories", "weight", 0).is_significant


def test_a_relationship_planted_on_the_same_day_is_found_at_lag_zero_only():
    rng = np.random.default_rng(32)
    calories = rng.normal(2500, 400, 400)
    weight = 80 + 0.002 * calories + rng.normal(0, 0.5, 400)
    found = compute_insights(frame_of(calories=calories, weight=weight))
    assert only(found, "calories", "weight", 0).is_significant
    assert not only(found, "calories", "weight", 1).is_significant


# Strength, ranking and the heatmap matrix.


@pytest.mark.parametrize(
    ("value", "strength"),
    [
        (0.0, "none"),
        (0.0999, "none"),
        (0.1, "weak"),
        (-0.1, "weak"),
        (0.2999, "weak"),
        (0.3, "moderate"),
        (-0.4999, "moderate"),
        (0.5, "strong"),
        (-0.5, "strong"),
        (1.0, "strong"),
    ],
)
def test_strength_thresholds(value, strength):
    assert strength_of(value) == strength


BASE = Insight(
    metric_x="sleep_hours",
    metric_y="energy",
    lag_days=0,
    method="spearman",
    correlation_value=0.3,
    pearson_r=0.3,
    pearson_p=0.01,
    spearman_rho=0.3,
    spearman_p=0.01,
    p_value_adjusted=0.02,
    sample_size=100,
    slope=0.5,
    slope_ci_low=0.2,
    slope_ci_high=0.8,
    strength="moderate",
    direction="positive",
    is_significant=True,
    insight_text="",
    period_start=START,
    period_end=START + dt.timedelta(days=99),
)


def insight(**changes) -> Insight:
    return dataclasses.replace(BASE, **changes)


def test_rank_puts_significant_first_then_strength_then_days():
    ranked = [
        insight(metric_x="stress", correlation_value=-0.6, is_significant=True),
        insight(metric_x="bedtime", correlation_value=0.4, sample_size=300),
        insight(metric_x="calories", metric_y="weight", correlation_value=0.4, sample_size=200),
        insight(metric_x="wake_time", correlation_value=0.12),
        insight(metric_x="fat", metric_y="weight", correlation_value=-0.9, is_significant=False),
        insight(metric_x="fibre", metric_y="weight", correlation_value=0.05, is_significant=False),
    ]
    shuffled = [ranked[i] for i in (4, 2, 5, 0, 3, 1)]
    assert rank_insights(shuffled) == ranked
    assert rank_insights(list(reversed(ranked))) == ranked


def test_correlation_matrix_is_symmetric_on_the_same_day():
    found = [
        insight(metric_x="sleep_hours", metric_y="energy", correlation_value=0.6),
        insight(metric_x="stress", metric_y="energy", correlation_value=-0.2, is_significant=False),
        insight(metric_x="stress", metric_y="sleep_hours", lag_days=1, correlation_value=-0.3),
    ]
    keys, values, significant = correlation_matrix(found, 0)
    assert keys == ["sleep_hours", "stress", "energy"]
    for i, j in itertools.product(range(3), repeat=2):
        assert values[i][j] == values[j][i] and significant[i][j] == significant[j][i]
    assert values[0][2] == 0.6 and significant[0][2] is True
    assert values[1][2] == -0.2 and significant[1][2] is False
    assert values[0][1] is None and all(values[i][i] is None for i in range(3))


def test_correlation_matrix_at_lag_one_has_yesterday_in_rows():
    found = [
        insight(metric_x="stress", metric_y="sleep_hours", lag_days=1, correlation_value=-0.3),
        insight(metric_x="trained_legs", metric_y="energy", lag_days=1, correlation_value=-0.4),
        insight(metric_x="sleep_hours", metric_y="energy", correlation_value=0.6),
    ]
    keys, values, significant = correlation_matrix(found, 1)
    assert keys == ["sleep_hours", "stress", "trained_legs", "energy"]
    assert values[1][0] == -0.3 and values[0][1] is None
    assert values[2][3] == -0.4 and values[3][2] is None
    assert significant[2][3] is True and significant[3][2] is False
    assert correlation_matrix([], 0) == ([], [], [])


# Sentences.


def sentence(
    x, y, lag, slope, *, strength="moderate", n=100, significant=True, value=0.4, unit="kg"
):
    method = "spearman" if {SERIES[x].kind, SERIES[y].kind} & {"rating", "binary"} else "pearson"
    return describe(
        x,
        y,
        lag,
        method=method,
        correlation_value=value,
        slope=slope,
        strength=strength,
        is_significant=significant,
        sample_size=n,
        weight_unit=unit,
    )


@pytest.mark.parametrize(
    ("args", "kwargs", "text"),
    [
        (
            ("trained_legs", "energy", 1, -0.8),
            {"n": 92},
            "On days after you train legs, your energy is 0.8 points lower on average "
            "(moderate, 92 days).",
        ),
        (
            ("trained", "motivation", 0, 0.4),
            {"strength": "weak", "n": 300},
            "On days you train, your motivation is 0.4 points higher on average (weak, 300 days).",
        ),
        (
            ("sleep_hours", "energy", 0, 0.6),
            {"strength": "strong", "n": 140},
            "When you sleep 1 hour longer, your energy tends to be 0.6 points higher "
            "(strong, 140 days).",
        ),
        (
            ("stress", "sleep_hours", 1, -0.2),
            {"strength": "weak", "n": 300},
            "After days with 1 point more stress, your sleep that night tends to be 12 minutes "
            "shorter (weak, 300 days).",
        ),
        (
            ("calories", "weight", 0, -0.0006),
            {"n": 1200},
            "When you eat an extra 500 kcal, your weight tends to be 0.3 kg lower "
            "(moderate, 1,200 days).",
        ),
        (
            ("trained", "sleep_hours", 1, 0.25),
            {"strength": "weak", "n": 200},
            "After days you train, your sleep that night is 15 minutes longer on average "
            "(weak, 200 days).",
        ),
        (
            ("sleep_hours", "bedtime", 0, -0.5),
            {"strength": "strong"},
            "When you sleep 1 hour longer, your bedtime tends to be 30 minutes earlier "
            "(strong, 100 days).",
        ),
        (
            ("stress", "bedtime", 1, 1.0 / 60),
            {"strength": "weak"},
            "After days with 1 point more stress, your bedtime that night tends to be 1 minute "
            "later (weak, 100 days).",
        ),
        (
            ("volume", "wake_time", 1, 1.6 / 1000),
            {},
            "After days with an extra 1,000 kg lifted, your wake time the next morning tends to "
            "be 1.6 hours later (moderate, 100 days).",
        ),
        (
            ("stress", "trained", 0, -0.05),
            {"strength": "weak"},
            "When your stress is 1 point higher, your chance of training tends to be "
            "5 percentage points lower (weak, 100 days).",
        ),
        (
            ("sleep_hours", "calories", 0, 123.4),
            {},
            "When you sleep 1 hour longer, your calorie intake tends to be 123 kcal higher "
            "(moderate, 100 days).",
        ),
        (
            ("protein", "energy", 0, 0.0008),
            {"strength": "none", "n": 3650},
            "When you eat an extra 50 g of protein, your energy tends to be 0.04 points higher "
            "(very weak, 3,650 days).",
        ),
        (
            ("session_minutes", "motivation", 1, 1 / 30),
            {},
            "After days with 30 minutes more training, your motivation the next day tends to be "
            "1 point higher (moderate, 100 days).",
        ),
    ],
)
def test_sentences(args, kwargs, text):
    assert sentence(*args, **kwargs) == text


@pytest.mark.parametrize(
    ("args", "text"),
    [
        # -0.0006 kg per kcal: 500 kcal go with 0.3 kg = 0.66 lb less.
        (
            ("calories", "weight", 0, -0.0006),
            "When you eat an extra 500 kcal, your weight tends to be 0.7 lb lower "
            "(moderate, 100 days).",
        ),
        # Per kg of volume, 0.0005 points: 2,000 lb (907 kg) go with 0.45 points.
        (
            ("volume", "energy", 1, 0.0005),
            "After days with an extra 2,000 lb lifted, your energy the next day tends to be "
            "0.5 points higher (moderate, 100 days).",
        ),
    ],
)
def test_sentences_name_weights_in_pounds_for_pound_users(args, text):
    assert sentence(*args, unit="lb") == text
    assert "lb" not in sentence(*args, unit="kg")


@pytest.mark.parametrize(
    ("x", "y", "lag", "value", "text"),
    [
        (
            "stress",
            "weight",
            0,
            0.05,
            "No clear link between your stress and your weight (ρ = 0.05",
        ),
        ("calories", "weight", 0, -0.04, "No clear link between your calorie intake and your "),
        ("trained", "energy", 1, -0.004, "No clear link between training and your energy the "),
    ],
)
def test_non_significant_pairs_are_never_worded_as_findings(x, y, lag, value, text):
    got = sentence(x, y, lag, 2.5, significant=False, value=value, n=120)
    assert got.startswith(text)
    assert got.endswith(", 120 days).")
    assert "tends" not in got and "on average" not in got and "higher" not in got


def test_non_significant_sentences_give_the_correlation_with_its_symbol():
    assert (
        sentence("stress", "weight", 0, 0.01, significant=False, value=0.05, n=120)
        == "No clear link between your stress and your weight (ρ = 0.05, 120 days)."
    )
    assert (
        sentence("calories", "weight", 1, 0.01, significant=False, value=-0.004, n=98)
        == "No clear link between your calorie intake and your weight the next morning "
        "(r = 0.00, 98 days)."
    )


def test_sentence_lags_other_than_zero_and_one_are_refused():
    with pytest.raises(ValueError, match="lags 0 and 1"):
        sentence("stress", "energy", 2, 0.1)


def test_every_pair_reads_without_causal_words_or_leftover_placeholders():
    texts = [
        sentence(p.x, p.y, p.lag_days, slope, strength=strength, significant=significant)
        for p in candidate_pairs()
        for slope in (-1.3, 0.02)
        for strength, significant in (("none", True), ("strong", True), ("weak", False))
    ]
    assert len(set(texts)) > 1000
    for text in texts:
        assert not CAUSAL.search(text), text
        assert "{" not in text and "  " not in text and text.endswith(" days).")


# Ten years: a smoke check that a long history neither breaks nor explodes (no timing).


def ten_years(seed: int = 12) -> tuple[list[dict], list[dict]]:
    """3,650 days of logs and about 30,000 lines, with leg days sapping the next day's energy."""
    rng = np.random.default_rng(seed)
    days = 3650
    dates = [D(2015, 1, 1) + dt.timedelta(days=i) for i in range(days)]
    trains = rng.random(days) < 0.6
    legs = trains & (rng.random(days) < 0.4)
    legs_before = np.r_[False, legs[:-1]]
    sleep = np.clip(rng.normal(7.4, 0.8, days), 4, 10)
    bedtime = rng.normal(-0.5, 0.7, days)
    stress = np.clip(np.round(rng.normal(5, 2, days)), 1, 10)
    energy = np.clip(
        np.round(5.5 + 0.9 * (sleep - 7.4) - 1.0 * legs_before + rng.normal(0, 1, days)), 1, 10
    )
    motivation = np.clip(np.round(7 - 0.5 * (stress - 5) + rng.normal(0, 1, days)), 1, 10)
    weight = 80 + np.cumsum(rng.normal(0, 0.05, days)) + rng.normal(0, 0.3, days)
    calories = rng.normal(2600, 300, days)
    logged = rng.random(days) < 0.9
    daily = []
    for i in np.flatnonzero(logged).tolist():
        start = dt.datetime.combine(dates[i], dt.time()) + dt.timedelta(hours=float(bedtime[i]))
        daily.append(
            entry(
                dates[i],
                sleep_start=start,
                sleep_end=start + dt.timedelta(hours=float(sleep[i])),
                stress_level=int(stress[i]),
                energy_level=int(energy[i]),
                motivation_level=int(motivation[i]),
                weight=float(weight[i]) if rng.random() < 0.8 else None,
                calories=float(calories[i]),
                protein=float(rng.normal(160, 20)),
                carbohydrate=float(rng.normal(300, 50)),
                fat=float(rng.normal(80, 15)),
                fibre=float(rng.normal(30, 5)) if rng.random() < 0.7 else None,
            )
        )
    muscles = ["Chest", "Lats", "Shoulders", "Biceps", "Triceps", "Middle Back", "Abdominals"]
    leg_muscles = ["Quadriceps", "Hamstrings", "Glutes", "Calves"]
    lines = []
    for i in np.flatnonzero(trains).tolist():
        group = leg_muscles if legs[i] else muscles
        minutes = int(rng.integers(45, 100))
        for position in range(14):
            lines.append(
                line(
                    dates[i],
                    i,
                    sets=int(rng.integers(1, 5)),
                    reps=int(rng.integers(5, 13)),
                    load_kg=float(rng.integers(10, 140)),
                    rir=int(rng.integers(0, 4)),
                    stimulus=int(rng.integers(1, 6)),
                    fatigue_level=int(rng.integers(1, 6)),
                    is_warmup=position < 2,
                    muscle_group=group[position % len(group)],
                    session_minutes=minutes,
                )
            )
    return daily, lines


def test_ten_years_of_data_build_and_compute():
    daily, lines = ten_years()
    assert len(lines) > 28_000
    frame = build_daily_frame(daily, lines)
    assert len(frame) == 3650
    found = compute_insights(frame)
    pairs = len(candidate_pairs())
    assert 200 < len(found) <= pairs
    sleep_energy = only(found, "sleep_hours", "energy", 0)
    assert sleep_energy.is_significant and sleep_energy.direction == "positive"
    legs_energy = only(found, "trained_legs", "energy", 1)
    assert legs_energy.is_significant and legs_energy.direction == "negative"
    assert legs_energy.insight_text.startswith("On days after you train legs, your energy is ")
    assert only(found, "stress", "motivation", 0).is_significant
    assert not any(CAUSAL.search(i.insight_text) for i in found)
    ranked = rank_insights(found)
    assert ranked.index(sleep_energy) < 5
    flags = [i.is_significant for i in ranked]
    assert flags == sorted(flags, reverse=True)
