"""Insights engine: deviations from the usual, effective sample sizes, tests, correction, order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.tsa.stattools import acf

from dashboard_app.analytics.baselines import deviations
from dashboard_app.analytics.daily_series import build_daily_frame
from dashboard_app.analytics.dependence import (
    autocorrelations,
    correlation_interval,
    correlation_p_value,
    effective_sample_size,
)
from dashboard_app.analytics.insight_pairs import Pair, candidate_pairs
from dashboard_app.analytics.insights import (
    MIN_GROUP_DAYS,
    PRELIMINARY_DAYS,
    Insight,
    assured_strength,
    compute_insights,
    correlation_matrix,
    deviations_of,
    rank_insights,
    strength_of,
)
from tests.insight_frames import CAUSAL, START, D, ar1, entry, frame_of, line, only

# Deviations from the person's usual.


def hand_deviations(values: list[float], start: dt.date) -> list[float]:
    """The documented rule, day by day: minus the median of the 21 days centred on the day
    (at least 5 known), then minus the weekday's mean deviation (at least 4 known)."""
    n = len(values)
    first = []
    for i in range(n):
        window = [v for v in values[max(0, i - 10) : i + 11] if not np.isnan(v)]
        known = len(window) >= 5 and not np.isnan(values[i])
        first.append(values[i] - float(np.median(window)) if known else np.nan)
    weekday = [(start + dt.timedelta(days=i)).weekday() for i in range(n)]
    means = {}
    for day in range(7):
        same = [d for d, w in zip(first, weekday, strict=True) if w == day and not np.isnan(d)]
        means[day] = float(np.mean(same)) if len(same) >= 4 else 0.0
    return [
        d - means[w] if not np.isnan(d) else np.nan for d, w in zip(first, weekday, strict=True)
    ]


def test_a_deviation_is_the_value_minus_its_three_week_median_and_its_weekday_mean():
    rng = np.random.default_rng(3)
    values = list(rng.normal(7, 1, 45).round(1))
    for gap in (4, 5, 6, 20, 33):
        values[gap] = np.nan
    index = pd.date_range(START, periods=len(values), freq="D")
    got = deviations(pd.Series(values, index=index)).to_numpy()
    np.testing.assert_allclose(got, hand_deviations(values, START), equal_nan=True)
    assert np.isnan(got[[4, 5, 6, 20, 33]]).all()


def test_a_slow_drift_and_a_weekday_habit_leave_no_deviation():
    index = pd.date_range(START, periods=200, freq="D")
    drift = 80 + 0.02 * np.arange(200)  # a steady gain
    monday = 0.6 * (index.day_of_week == 0)  # the Monday weigh-in after a weekend
    got = deviations(pd.Series(drift + monday, index=index)).to_numpy()
    inner = got[30:-30]
    assert np.abs(inner).max() < 0.02


def test_infinite_values_are_no_data_and_flags_stay_as_they_are():
    frame = frame_of(
        weight=[80.0, np.inf, 80.5, 81.0, 79.5, 80.0, 80.2], trained=[1, 0, 1, 0, 0, 1, 0]
    )
    compared = deviations_of(frame)
    assert np.isnan(compared["weight"].iloc[1])
    assert compared["trained"].tolist() == [1, 0, 1, 0, 0, 1, 0]
    assert compared["weight"].iloc[0] == pytest.approx(80.0 - 80.1)  # median of 6 known days


# Autocorrelation and the effective sample size.


def test_autocorrelations_match_statsmodels_and_a_hand_computation_with_a_gap():
    series = np.array([3.0, 5.0, 4.0, np.nan, 6.0, 7.0, 5.0, 6.0, 8.0, 7.0])
    got = autocorrelations(series, max_lag=2)
    expected = acf(series, nlags=2, adjusted=True, missing="conservative")[1:]
    np.testing.assert_allclose(got, expected)
    # By hand: products of known pairs at each lag over their count, over the variance.
    known = series[~np.isnan(series)]
    centred = series - known.mean()
    variance = np.sum(centred[~np.isnan(centred)] ** 2) / len(known)
    for lag in (1, 2):
        products = centred[lag:] * centred[:-lag]
        products = products[~np.isnan(products)]
        assert got[lag - 1] == pytest.approx(products.sum() / len(products) / variance)


def test_the_effective_sample_size_is_bartletts_sum_over_lags():
    rho_x = np.array([0.6, 0.3, 0.1])
    rho_y = np.array([0.5, 0.2, -0.1])
    n = 50
    inflation = 1 + 2 * ((1 - 1 / n) * 0.30 + (1 - 2 / n) * 0.06 + (1 - 3 / n) * -0.01)
    assert effective_sample_size(n, rho_x, rho_y) == pytest.approx(n / inflation)
    assert effective_sample_size(n, np.zeros(3), rho_y) == n  # one side independent
    assert effective_sample_size(n, -rho_x, rho_y) == n  # never more than the days
    weights = 1 - np.arange(1, 4) / n
    assert effective_sample_size(n, np.ones(3), np.ones(3)) == pytest.approx(
        n / (1 + 2 * weights.sum())
    )


def test_for_two_ar1_series_it_approaches_brethertons_closed_form():
    phi_x, phi_y, n = 0.6, 0.5, 100_000
    lags = np.arange(1, 15)
    got = effective_sample_size(n, phi_x**lags, phi_y**lags)
    product = phi_x * phi_y
    assert got == pytest.approx(n * (1 - product) / (1 + product), rel=1e-3)


def test_one_over_the_effective_sample_size_is_the_variance_of_r_between_independent_series():
    rng = np.random.default_rng(11)
    n, phi = 200, 0.7
    lags = np.arange(1, 15)
    n_eff = effective_sample_size(n, phi**lags, phi**lags)
    rs = [np.corrcoef(ar1(rng, n, phi), ar1(rng, n, phi))[0, 1] for _ in range(600)]
    assert np.var(rs) == pytest.approx(1 / n_eff, rel=0.2)
    assert np.var(rs) > 2 * (1 / n)  # counting every day as independent is far too sure


def test_p_values_and_intervals_on_the_effective_sample_size():
    rng = np.random.default_rng(2)
    x = rng.normal(size=60)
    y = 0.4 * x + rng.normal(size=60)
    r, p = stats.pearsonr(x, y)
    assert correlation_p_value(r, 60.0) == pytest.approx(p, rel=1e-9)  # independent days
    # The same r on fewer independent days: the t test on 13 degrees of freedom.
    t = r * np.sqrt(13 / (1 - r**2))
    assert correlation_p_value(r, 15.0) == pytest.approx(2 * stats.t.sf(abs(t), 13))
    assert correlation_p_value(r, 15.0) > 5 * p
    low, high = correlation_interval(r, 60.0)
    half = 1.959963984540054 / np.sqrt(57)
    assert (low, high) == pytest.approx(
        (np.tanh(np.arctanh(r) - half), np.tanh(np.arctanh(r) + half))
    )
    narrow, wide = correlation_interval(r, 200.0), correlation_interval(r, 20.0, rank=True)
    assert wide[0] < low < narrow[0] < r < narrow[1] < high < wide[1]


# A pair's statistics, recomputed by hand.


def test_a_pairs_figures_follow_from_its_deviations_and_effective_sample_size():
    rng = np.random.default_rng(7)
    n = 200
    sleep = 7.4 + ar1(rng, n, 0.5, 0.6) + 0.01 * np.arange(n)  # drifting up
    weight = 80 + 0.4 * (sleep - 7.4) + ar1(rng, n, 0.6, 0.3) + np.cumsum(rng.normal(0, 0.05, n))
    sleep[[3, 50, 120]] = np.nan
    weight[[10, 50, 199]] = np.nan
    frame = frame_of(sleep_hours=sleep, weight=weight)
    (found,) = compute_insights(frame, pairs=[Pair("sleep_hours", "weight", 0)])

    index = frame.index
    dx = deviations(pd.Series(sleep, index=index)).to_numpy()
    dy = deviations(pd.Series(weight, index=index)).to_numpy()
    keep = np.isfinite(dx) & np.isfinite(dy)
    xs, ys = dx[keep], dy[keep]
    r = stats.pearsonr(xs, ys).statistic
    rho = stats.spearmanr(xs, ys).statistic
    lags = np.arange(1, 15)
    rho_x = acf(
        np.where(np.isfinite(dx), dx, np.nan), nlags=14, adjusted=True, missing="conservative"
    )[1:]
    rho_y = acf(
        np.where(np.isfinite(dy), dy, np.nan), nlags=14, adjusted=True, missing="conservative"
    )[1:]
    n_eff = keep.sum() / (1 + 2 * np.sum((1 - lags / keep.sum()) * rho_x * rho_y))
    t = r * np.sqrt((n_eff - 2) / (1 - r**2))
    slope = r * ys.std() / xs.std()
    half = stats.t.ppf(0.975, n_eff - 2) * ys.std() / xs.std() * np.sqrt((1 - r**2) / (n_eff - 2))

    assert found.sample_size == keep.sum() == 200 - 5  # day 50 lacks both
    assert found.effective_sample_size == pytest.approx(n_eff)
    assert found.effective_sample_size < found.sample_size
    assert found.method == "pearson" and found.correlation_value == pytest.approx(r)
    assert found.pearson_r == pytest.approx(r) and found.spearman_rho == pytest.approx(rho)
    assert found.pearson_p == pytest.approx(2 * stats.t.sf(abs(t), n_eff - 2))
    assert (found.correlation_ci_low, found.correlation_ci_high) == pytest.approx(
        correlation_interval(r, n_eff)
    )
    assert found.slope == pytest.approx(slope)
    assert (found.slope_ci_low, found.slope_ci_high) == pytest.approx((slope - half, slope + half))
    assert found.slope_ci_low < 0.4 < found.slope_ci_high
    # statsmodels' OLS of the deviations gives the same slope; its interval counts every day
    # as independent and is narrower.
    fit = sm.OLS(ys, sm.add_constant(xs)).fit()
    assert fit.params[1] == pytest.approx(slope)
    naive_low, naive_high = fit.conf_int()[1]
    assert naive_high - naive_low < found.slope_ci_high - found.slope_ci_low
    assert found.p_value_adjusted == pytest.approx(found.pearson_p)  # one pair: BH is identity
    assert found.is_significant and found.direction == "positive"
    assert found.period_start == START and found.period_end == START + dt.timedelta(days=198)


def test_a_yes_no_x_is_the_weekday_adjusted_difference_of_the_two_groups():
    rng = np.random.default_rng(5)
    n = 210
    index = pd.date_range(START, periods=n, freq="D")
    weekday = index.day_of_week.to_numpy()
    # Trains Mon, Wed, Fri, with misses; energy is lower on Tuesdays and after training.
    trained = (np.isin(weekday, (0, 2, 4)) & (rng.random(n) > 0.15)).astype(float)
    trained[weekday == 5] = rng.random(np.count_nonzero(weekday == 5)) < 0.5
    before = np.r_[0.0, trained[:-1]]
    energy = 6 - 0.7 * before - 0.8 * (weekday == 1) + rng.normal(0, 1, n)
    frame = frame_of(trained=trained, energy=energy)
    (found,) = compute_insights(frame, pairs=[Pair("trained", "energy", 1)])

    dy = deviations(pd.Series(energy, index=index)).to_numpy()
    keep = np.isfinite(dy) & np.isfinite(np.r_[np.nan, trained[:-1]])
    design = pd.get_dummies(pd.Series(weekday[keep]), dtype=float)
    design.insert(0, "trained", before[keep])
    fit = sm.OLS(dy[keep], design.to_numpy()).fit()
    assert found.method == "groups"
    assert found.slope == pytest.approx(fit.params[0])  # Frisch-Waugh: the adjusted difference
    assert found.slope_ci_low < -0.7 < found.slope_ci_high
    assert found.days_with == int(before[keep].sum())
    assert found.days_with + found.days_without == found.sample_size == keep.sum()
    assert found.is_significant and found.direction == "negative"
    assert found.insight_text.startswith("On days after you train, your energy is about ")


def test_a_yes_no_x_needs_enough_days_on_each_side():
    rng = np.random.default_rng(4)
    flags = np.zeros(120)
    flags[: MIN_GROUP_DAYS - 1] = 1
    frame = frame_of(trained=rng.permutation(flags), energy=rng.normal(6, 1, 120))
    assert compute_insights(frame, pairs=[Pair("trained", "energy", 0)]) == []
    flags[MIN_GROUP_DAYS - 1] = 1
    frame = frame_of(trained=rng.permutation(flags), energy=rng.normal(6, 1, 120))
    (found,) = compute_insights(frame, pairs=[Pair("trained", "energy", 0)])
    assert found.days_with == MIN_GROUP_DAYS


def test_two_drifting_series_that_share_nothing_but_their_trend_are_not_a_finding():
    rng = np.random.default_rng(17)
    n = 365
    cut = 84 - 0.01 * np.arange(n)  # a slow cut
    carbohydrate = 300 - 0.3 * np.arange(n) + rng.normal(0, 40, n)  # eating less as it goes
    weight = cut + rng.normal(0, 0.35, n)
    frame = frame_of(carbohydrate=carbohydrate, weight=weight)
    raw = stats.pearsonr(carbohydrate, weight)
    assert raw.statistic > 0.5 and raw.pvalue < 1e-20  # what the levels would have claimed
    (found,) = compute_insights(frame, pairs=[Pair("carbohydrate", "weight", 0)])
    assert not found.is_significant and abs(found.correlation_value) < 0.15
    assert found.insight_text.startswith("No clear link between your carbohydrate intake")


def test_lag_one_pairs_yesterdays_x_with_todays_y_by_calendar_day():
    rng = np.random.default_rng(31)
    calories = rng.normal(2500, 400, 300)
    weight = np.r_[80.0, 80 + 0.002 * (calories[:-1] - 2500)] + rng.normal(0, 0.4, 300)
    frame = frame_of(calories=calories, weight=weight).drop(
        index=pd.Timestamp(START + dt.timedelta(days=30))
    )
    found = compute_insights(frame)
    lagged = only(found, "calories", "weight", 1)
    assert lagged.is_significant and lagged.correlation_value > 0.5
    assert not only(found, "calories", "weight", 0).is_significant
    assert lagged.sample_size == 299 - 2  # the dropped day is unknown on both sides
    assert lagged.period_start == START + dt.timedelta(days=1)


def test_a_relationship_planted_on_the_same_day_is_found_at_lag_zero_only():
    rng = np.random.default_rng(32)
    calories = rng.normal(2500, 400, 400)
    weight = 80 + 0.002 * (calories - 2500) + rng.normal(0, 0.5, 400)
    found = compute_insights(frame_of(calories=calories, weight=weight))
    assert only(found, "calories", "weight", 0).is_significant
    assert not only(found, "calories", "weight", 1).is_significant


# The correction across pairs, significance and the stored values.


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
    assert any(p < 0.05 <= q for p, q in zip(chosen, adjusted, strict=True))  # it corrected
    assert only(found, "sleep_hours", "energy", 0).is_significant


def test_alpha_decides_significance_on_the_adjusted_p():
    rng = np.random.default_rng(2)
    x = rng.normal(size=60)
    y = 0.35 * x + rng.normal(size=60)
    pair = [Pair("sleep_hours", "weight", 0)]
    (loose,) = compute_insights(frame_of(sleep_hours=x, weight=y), alpha=0.5, pairs=pair)
    (strict,) = compute_insights(
        frame_of(sleep_hours=x, weight=y), alpha=loose.p_value_adjusted, pairs=pair
    )
    assert loose.is_significant and not strict.is_significant
    assert strict.insight_text.startswith("No clear link")


def test_fewer_paired_days_than_the_documented_number_are_preliminary():
    rng = np.random.default_rng(8)
    n = PRELIMINARY_DAYS + 1
    sleep = rng.normal(7.4, 0.8, n)
    energy = 5 + (sleep - 7.4) + rng.normal(0, 0.5, n)
    pair = [Pair("sleep_hours", "energy", 0)]
    (settled,) = compute_insights(frame_of(sleep_hours=sleep, energy=energy), pairs=pair)
    (early,) = compute_insights(frame_of(sleep_hours=sleep[2:], energy=energy[2:]), pairs=pair)
    assert settled.sample_size == PRELIMINARY_DAYS + 1 and not settled.is_preliminary
    assert early.sample_size == PRELIMINARY_DAYS - 1 and early.is_preliminary
    assert early.is_significant  # preliminary is about how many days, not whether it holds


def test_insights_hold_plain_python_values():
    rng = np.random.default_rng(4)
    x = rng.normal(size=50)
    frame = frame_of(stress=x, energy=-0.8 * x + rng.normal(size=50))
    (found,) = compute_insights(frame, pairs=[Pair("stress", "energy", 0)])
    for field in dataclasses.fields(Insight):
        value = getattr(found, field.name)
        if field.name in {"metric_x", "metric_y", "method", "strength", "direction"}:
            assert type(value) is str
        elif field.name in {"lag_days", "sample_size"}:
            assert type(value) is int
        elif field.name in {"is_significant", "is_preliminary"}:
            assert type(value) is bool
        elif field.name in {"days_with", "days_without"}:
            assert value is None  # not a yes/no pair
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
    rng = np.random.default_rng(9)
    x = rng.normal(size=13)
    y = x + rng.normal(0, 0.3, 13)
    frame = frame_of(sleep_hours=x, weight=y)
    pair = [Pair("sleep_hours", "weight", 0)]
    assert compute_insights(frame, pairs=pair) == []
    assert len(compute_insights(frame, min_days=13, pairs=pair)) == 1
    assert compute_insights(frame, min_days=14, pairs=pair) == []
    y[0] = np.nan
    assert compute_insights(frame_of(sleep_hours=x, weight=y), min_days=13, pairs=pair) == []


def test_four_days_are_never_enough_whatever_min_days_says():
    rng = np.random.default_rng(6)
    sleep = rng.normal(7.4, 0.8, 12)
    weight = 80 + sleep + rng.normal(0, 0.3, 12)
    assert compute_insights(frame_of(sleep_hours=sleep[:4], weight=weight[:4]), min_days=1) == []
    (found,) = compute_insights(frame_of(sleep_hours=sleep, weight=weight), min_days=1)
    assert found.sample_size == 12


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
            st.booleans(),
        ),
        min_size=0,
        max_size=40,
    )
)
def test_any_values_give_valid_insights_or_none(rows):
    x = np.array([np.nan if a is None else a for a, _, _ in rows], dtype=float)
    y = np.array([np.nan if b is None else b for _, b, _ in rows], dtype=float)
    flags = np.array([float(c) for _, _, c in rows])
    for found in compute_insights(frame_of(weight=x, energy=y, trained=flags), min_days=3):
        assert -1 <= found.correlation_ci_low <= found.correlation_value
        assert found.correlation_value <= found.correlation_ci_high <= 1
        assert 0 <= found.p_value_adjusted <= 1 and found.sample_size >= 5
        assert 2 <= found.effective_sample_size <= found.sample_size


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
    correlation_ci_low=0.1,
    correlation_ci_high=0.5,
    pearson_r=0.3,
    pearson_p=0.01,
    spearman_rho=0.3,
    spearman_p=0.01,
    p_value_adjusted=0.02,
    sample_size=100,
    effective_sample_size=80.0,
    slope=0.5,
    slope_ci_low=0.2,
    slope_ci_high=0.8,
    days_with=None,
    days_without=None,
    strength="moderate",
    direction="positive",
    is_significant=True,
    is_preliminary=False,
    insight_text="",
    period_start=START,
    period_end=START + dt.timedelta(days=99),
)


def insight(**changes) -> Insight:
    return dataclasses.replace(BASE, **changes)


def test_assured_strength_is_the_interval_bound_nearest_zero():
    assert assured_strength(insight(correlation_ci_low=0.2, correlation_ci_high=0.6)) == 0.2
    assert assured_strength(insight(correlation_ci_low=-0.7, correlation_ci_high=-0.1)) == 0.1
    assert assured_strength(insight(correlation_ci_low=-0.1, correlation_ci_high=0.5)) == 0.0


def test_rank_puts_significant_first_then_the_surest_strength_then_days():
    ranked = [
        insight(
            metric_x="stress",
            correlation_value=-0.5,
            correlation_ci_low=-0.6,
            correlation_ci_high=-0.4,
        ),
        # Stronger-looking, but on few days: its interval allows far less.
        insight(
            metric_x="bedtime",
            correlation_value=0.7,
            correlation_ci_low=0.2,
            correlation_ci_high=0.9,
        ),
        insight(metric_x="calories", metric_y="weight", correlation_ci_low=0.2, sample_size=300),
        insight(metric_x="wake_time", correlation_ci_low=0.2, sample_size=200),
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


# Ten years: a long history neither breaks nor explodes (no timing).


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
