"""Insights: correlations between one user's daily series, tested honestly.

Pairs (candidate_pairs):

- Same day (lag 0): every two series, x first in the driver order, which is SERIES order:
  sleep and its timing, stress, nutrition, training, steps and active minutes, then energy,
  motivation, weight and weight_change_7d. Left out: a series with itself; a series with its
  own derivative (weight and weight_change_7d); two series of a family whose members are
  sums of each other or say the same thing (SUM_FAMILIES: calories and the macros; trained,
  trained_legs, sets, volume and session_minutes; steps and active minutes, two counts of
  the same movement); two training series of any kind (amount and effort describe the same
  sessions, so their links are how a workout was logged, not what goes with what: the
  training analytics read them); active minutes with any training amount (a tracker counts
  the workout's minutes among its active minutes, so those links are the same minutes
  counted twice); and wake time with sleep or bedtime (the wake time is the bedtime plus the
  sleep, so those links are arithmetic). Sleep with its bedtime is kept: short nights do
  start late. Steps with training are kept: lifting adds few steps.
- Lagged (lag 1): x yesterday (LAGGED_X: training, stress, intake, steps and active
  minutes) against y today (LAGGED_Y: sleep and its timing, energy, motivation, weight).
- A day's entry holds the night that ENDED that morning. So last night's sleep against
  today's energy is a same-day pair (x = sleep_hours, y = energy, lag 0), and yesterday's
  stress against the night that followed it is lag 1 with y = sleep_hours of today's entry.

Statistics (compute_insights), over the days on which both x (shifted by the lag) and y are
finite, and only with at least min_days of them (never fewer than MIN_PAIRED_DAYS, the least
that gives the slope a confidence interval):

- Pearson r and Spearman rho with their p-values (scipy), and the OLS slope of y on x with a
  constant, with its 95% confidence interval (statsmodels).
- The reported correlation is Spearman's when x or y is a rating or a binary flag: a 1-10
  rating is ordinal (from 6 to 7 need not be the step from 2 to 3) and a 0/1 flag is two
  groups, and ranks assume nothing more. Otherwise Pearson's, which is the correlation the
  OLS slope belongs to (slope = r * sd(y) / sd(x)).
- Testing about 270 pairs at once finds about 13 "significant" ones in pure noise, so the
  chosen p-values of all of a user's computed pairs are corrected together with
  Benjamini-Hochberg; a pair is significant when its adjusted p is below alpha.
- Strength from |correlation|: below 0.1 none, below 0.3 weak, below 0.5 moderate, else
  strong (Cohen's conventional small/medium/large effects for r).
- A pair with too few days, a constant (or numerically constant) side, or statistics that
  come out non-finite gets no insight; numpy and scipy warnings never escape.

Lag 1 periods are dated by y's day (today), the day the pair is about.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS
from statsmodels.stats.multitest import multipletests

from dashboard_app.analytics.daily_series import SERIES
from dashboard_app.analytics.insight_text import describe

# Raised whenever the pairs, statistics or sentences change: stored results of an older
# engine are then recomputed on the next visit, as after a change of data.
ENGINE_VERSION = 3
SUM_FAMILIES = frozenset({"nutrition", "training_amount", "activity"})
TRAINING_FAMILIES = frozenset({"training_amount", "training_effort"})
ARITHMETIC_PAIRS = ({"wake_time", "sleep_hours"}, {"wake_time", "bedtime"})
# (series, family): the series counts what every member of the family measures.
OVERLAPPING = (("active_minutes", "training_amount"),)
LAGGED_X = (
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
)
LAGGED_Y = ("sleep_hours", "bedtime", "wake_time", "energy", "motivation", "weight")
LAGS = (0, 1)
SPEARMAN_KINDS = frozenset({"rating", "binary"})
# (upper bound of |correlation|, strength); at or above the last bound it is "strong".
STRENGTH_BOUNDS = ((0.1, "none"), (0.3, "weak"), (0.5, "moderate"))
MIN_PAIRED_DAYS = 3
SLOPE_CI_ALPHA = 0.05
# A side whose spread is below this fraction of its mean is constant in floating point:
# its correlation would be noise (scipy warns at 1e-13).
FLAT_RELATIVE_SPREAD = 1e-10


@dataclass(frozen=True)
class Pair:
    """Two series to correlate: x lag_days before y."""

    x: str
    y: str
    lag_days: int = 0


@dataclass(frozen=True)
class Insight:
    """One pair's statistics and sentence, one row of correlation_insights."""

    metric_x: str
    metric_y: str
    lag_days: int
    method: str
    correlation_value: float
    pearson_r: float
    pearson_p: float
    spearman_rho: float
    spearman_p: float
    p_value_adjusted: float
    sample_size: int
    slope: float
    slope_ci_low: float
    slope_ci_high: float
    strength: str
    direction: str
    is_significant: bool
    insight_text: str
    period_start: date
    period_end: date


@dataclass(frozen=True)
class _PairStats:
    """What one pair's paired days give, before the correction across pairs."""

    sample_size: int
    pearson_r: float
    pearson_p: float
    spearman_rho: float
    spearman_p: float
    slope: float
    slope_ci_low: float
    slope_ci_high: float
    first: int
    last: int


def _same_day_pair_allowed(x: str, y: str) -> bool:
    """False for self, derivative, sum-family, two-training, overlap and arithmetic pairs."""
    first, second = SERIES[x], SERIES[y]
    if x == y or first.derived_from == y or second.derived_from == x:
        return False
    if {x, y} in ARITHMETIC_PAIRS:
        return False
    for key, family in OVERLAPPING:
        if (x, second.family) == (key, family) or (y, first.family) == (key, family):
            return False
    if first.family in TRAINING_FAMILIES and second.family in TRAINING_FAMILIES:
        return False
    return not (first.family == second.family and first.family in SUM_FAMILIES)


def candidate_pairs() -> list[Pair]:
    """Every same-day pair in driver order, then every lagged pair (module docstring)."""
    keys = list(SERIES)
    same_day = [
        Pair(x, y, 0)
        for i, x in enumerate(keys)
        for y in keys[i + 1 :]
        if _same_day_pair_allowed(x, y)
    ]
    return same_day + [Pair(x, y, 1) for x in LAGGED_X for y in LAGGED_Y]


def strength_of(correlation: float) -> str:
    """'none', 'weak', 'moderate' or 'strong' for a correlation (module docstring)."""
    magnitude = abs(correlation)
    for bound, name in STRENGTH_BOUNDS:
        if magnitude < bound:
            return name
    return "strong"


def method_for(x: str, y: str) -> str:
    """'spearman' when either series is a rating or binary, else 'pearson'."""
    kinds = {SERIES[x].kind, SERIES[y].kind}
    return "spearman" if kinds & SPEARMAN_KINDS else "pearson"


def _check_pairs(pairs: list[Pair]) -> None:
    for pair in pairs:
        unknown = [key for key in (pair.x, pair.y) if key not in SERIES]
        if unknown:
            raise ValueError(f"unknown series {unknown} in {pair}")
        if pair.lag_days not in LAGS:
            raise ValueError(f"lag_days must be one of {LAGS}, got {pair}")


def _contiguous(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame on every calendar day of its range, so a shift by a row is one day."""
    index = pd.DatetimeIndex(frame.index)
    days = pd.date_range(index.min().normalize(), index.max().normalize(), freq="D")
    return frame if index.equals(days) else frame.set_axis(index.normalize()).reindex(days)


def _is_flat(values: np.ndarray) -> bool:
    """True for a constant side, or one whose spread is lost in floating point."""
    mean = values.mean()
    spread = np.sqrt(np.sum((values - mean) ** 2))
    return not spread > FLAT_RELATIVE_SPREAD * abs(mean)


def _pair_stats(x: np.ndarray, y: np.ndarray, min_days: int) -> _PairStats | None:
    """Correlations and slope over the days both are finite, or None when undefined."""
    paired = np.isfinite(x) & np.isfinite(y)
    n = int(np.count_nonzero(paired))
    if n < min_days:
        return None
    xs, ys = x[paired], y[paired]
    # A warning means an overflow or a degenerate input: the numbers would not be trusted, so
    # the pair is dropped rather than the warning let out.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if _is_flat(xs) or _is_flat(ys):
            return None
        pearson = stats.pearsonr(xs, ys)
        spearman = stats.spearmanr(xs, ys)
        fit = OLS(ys, np.column_stack((np.ones(n), xs))).fit()
        ci_low, ci_high = fit.conf_int(alpha=SLOPE_CI_ALPHA)[1]
    numbers = [
        float(value)
        for value in (
            pearson.statistic,
            pearson.pvalue,
            spearman.statistic,
            spearman.pvalue,
            fit.params[1],
            ci_low,
            ci_high,
        )
    ]
    if caught or not all(math.isfinite(value) for value in numbers):
        return None
    positions = np.flatnonzero(paired)
    return _PairStats(n, *numbers, first=int(positions[0]), last=int(positions[-1]))


def _shifted(values: np.ndarray, lag_days: int) -> np.ndarray:
    """values moved lag_days later: today's row holds the value of lag_days ago."""
    if lag_days == 0:
        return values
    moved = np.full(values.shape, np.nan)
    moved[lag_days:] = values[:-lag_days]
    return moved


def _column(frame: pd.DataFrame, key: str) -> np.ndarray:
    """A series as floats; a column the frame lacks is a series without data."""
    if key not in frame.columns:
        return np.full(len(frame), np.nan)
    return frame[key].to_numpy(dtype="float64", na_value=np.nan)


def _insight(
    pair: Pair, found: _PairStats, adjusted: float, alpha: float, days, weight_unit: str
) -> Insight:
    """The Insight of a pair from its statistics and its corrected p-value."""
    method = method_for(pair.x, pair.y)
    value = found.spearman_rho if method == "spearman" else found.pearson_r
    # Rounding can leave |r| a hair above 1; the stored value must stay in [-1, 1].
    value = min(1.0, max(-1.0, value))
    strength = strength_of(value)
    significant = bool(adjusted < alpha)
    return Insight(
        metric_x=pair.x,
        metric_y=pair.y,
        lag_days=pair.lag_days,
        method=method,
        correlation_value=value,
        pearson_r=found.pearson_r,
        pearson_p=found.pearson_p,
        spearman_rho=found.spearman_rho,
        spearman_p=found.spearman_p,
        p_value_adjusted=adjusted,
        sample_size=found.sample_size,
        slope=found.slope,
        slope_ci_low=found.slope_ci_low,
        slope_ci_high=found.slope_ci_high,
        strength=strength,
        direction="positive" if value >= 0 else "negative",
        is_significant=significant,
        insight_text=describe(
            pair.x,
            pair.y,
            pair.lag_days,
            method=method,
            correlation_value=value,
            slope=found.slope,
            strength=strength,
            is_significant=significant,
            sample_size=found.sample_size,
            weight_unit=weight_unit,
        ),
        period_start=days[found.first].date(),
        period_end=days[found.last].date(),
    )


def compute_insights(
    frame: pd.DataFrame,
    min_days: int = 14,
    alpha: float = 0.05,
    pairs: list[Pair] | None = None,
    weight_unit: str = "kg",
) -> list[Insight]:
    """One Insight per pair with enough paired days, in pair order (module docstring).

    frame is build_daily_frame's: a DatetimeIndex of days and a column per series key.
    pairs defaults to candidate_pairs(); the Benjamini-Hochberg correction runs over all the
    pairs that gave statistics. weight_unit ("kg" or "lb") is the unit sentences use for
    weights; the statistics are in kg whatever it is.
    """
    pairs = candidate_pairs() if pairs is None else list(pairs)
    _check_pairs(pairs)
    if frame.empty:
        return []
    frame = _contiguous(frame)
    least = max(min_days, MIN_PAIRED_DAYS)
    columns: dict[tuple[str, int], np.ndarray] = {}

    def column(key: str, lag_days: int) -> np.ndarray:
        if (key, lag_days) not in columns:
            columns[key, lag_days] = _shifted(_column(frame, key), lag_days)
        return columns[key, lag_days]

    found = []
    for pair in pairs:
        result = _pair_stats(column(pair.x, pair.lag_days), column(pair.y, 0), least)
        if result is not None:
            found.append((pair, result))
    if not found:
        return []
    chosen_p = [
        result.spearman_p if method_for(pair.x, pair.y) == "spearman" else result.pearson_p
        for pair, result in found
    ]
    adjusted = multipletests(chosen_p, alpha=alpha, method="fdr_bh")[1]
    return [
        _insight(pair, result, float(p), alpha, frame.index, weight_unit)
        for (pair, result), p in zip(found, adjusted, strict=True)
    ]


SERIES_ORDER = {key: i for i, key in enumerate(SERIES)}


def _series_order(key: str) -> int:
    return SERIES_ORDER.get(key, len(SERIES_ORDER))


def rank_insights(insights: list[Insight]) -> list[Insight]:
    """Significant first, then by |correlation| descending, then by days descending.

    Remaining ties go by lag and SERIES order, so the order never depends on the input's.
    """
    return sorted(
        insights,
        key=lambda item: (
            not item.is_significant,
            -abs(item.correlation_value),
            -item.sample_size,
            item.lag_days,
            _series_order(item.metric_x),
            _series_order(item.metric_y),
            item.metric_x,
            item.metric_y,
        ),
    )


def correlation_matrix(
    insights: list[Insight], lag_days: int
) -> tuple[list[str], list[list[float | None]], list[list[bool]]]:
    """Keys, correlation values (None: no insight) and significance flags for a heatmap.

    Keys are the series that appear in the lag's insights, in SERIES order (keys outside it
    last, alphabetically); rows and columns both follow them. Row i, column j holds the pair
    x = keys[i], y = keys[j]; at lag 0 the matrix is symmetric (the pair's orientation is
    only a convention), at lag 1 rows are yesterday's x and columns today's y.
    """
    chosen = [item for item in insights if item.lag_days == lag_days]
    present = {item.metric_x for item in chosen} | {item.metric_y for item in chosen}
    keys = [key for key in SERIES if key in present] + sorted(present - SERIES.keys())
    at = {key: i for i, key in enumerate(keys)}
    values: list[list[float | None]] = [[None] * len(keys) for _ in keys]
    significant = [[False] * len(keys) for _ in keys]
    for item in chosen:
        cells = [(at[item.metric_x], at[item.metric_y])]
        if lag_days == 0:
            cells.append((at[item.metric_y], at[item.metric_x]))
        for row, col in cells:
            values[row][col] = item.correlation_value
            significant[row][col] = item.is_significant
    return keys, values, significant
