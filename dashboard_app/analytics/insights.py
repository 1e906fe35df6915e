"""Insights: correlations between one user's daily series that survive drift and chance.

Pairs and methods are insight_pairs'. For every pair (compute_insights):

1. Deviations, not levels: each series is each day's deviation from the person's own
   21-day baseline with the weekday pattern removed (baselines); yes/no flags stay 0/1 and
   split the days into two groups. Lag 1 pairs yesterday's x with today's y by calendar day.
2. The paired days are those on which both are finite; a pair needs at least min_days of
   them (never fewer than MIN_PAIRED_DAYS), and a yes/no x at least MIN_GROUP_DAYS on each
   side, or it gets no insight.
3. Pearson's r and Spearman's rho of the deviations; the reported correlation is the
   method's. The slope of y on x is r * sd(y) / sd(x).
   Groups (a yes/no x): y's deviations on days with and without are compared within the
   same weekdays, because training follows a weekly schedule and y's weekday pattern has
   been removed: comparing all days with all days would credit the weekday with what the
   training does. So x is centred on its weekday means over the paired days before the
   slope and the correlation are taken (Frisch-Waugh: the slope of y on x adjusted for the
   weekday, a weighted mean of the weekday-by-weekday differences). The slope is that
   difference of the means, the correlation the point-biserial one adjusted for the weekday;
   a weekday on which x never varies adds nothing, as it should.
4. Autocorrelation: p-values and 95% intervals of the correlation and of the slope are
   computed on the effective number of independent days, n_eff (dependence), which is
   stored next to the number of paired days.
5. Benjamini-Hochberg across every pair and lag the user has (about 270): in pure noise
   that many tests would give about 13 "significant" ones at 5%. A pair is significant when
   its adjusted p is below alpha.
6. Strength from |correlation|: below 0.1 none, below 0.3 weak, below 0.5 moderate, else
   strong (Cohen's conventional small/medium/large effects for r). A finding on fewer than
   PRELIMINARY_DAYS paired days is preliminary: a first look that more days may change.

A pair with too few days, a constant (or numerically constant) side, too few effective
days, or statistics that come out non-finite gets no insight; numpy and scipy warnings never
escape. Lag 1 periods are dated by y's day (today), the day the pair is about.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from dashboard_app.analytics.baselines import deviation_frame
from dashboard_app.analytics.daily_series import SERIES
from dashboard_app.analytics.dependence import (
    MIN_EFFECTIVE,
    autocorrelations,
    correlation_interval,
    correlation_p_value,
    effective_sample_size,
    slope_interval,
)
from dashboard_app.analytics.insight_pairs import (
    BINARY,
    Pair,
    candidate_pairs,
    check_pairs,
    method_for,
)
from dashboard_app.analytics.insight_text import describe

# Raised whenever the pairs, statistics or sentences change: stored results of an older
# engine are then recomputed on the next visit, as after a change of data.
ENGINE_VERSION = 4
# (upper bound of |correlation|, strength); at or above the last bound it is "strong".
STRENGTH_BOUNDS = ((0.1, "none"), (0.3, "weak"), (0.5, "moderate"))
MIN_PAIRED_DAYS = 5
MIN_GROUP_DAYS = 10
PRELIMINARY_DAYS = 60
# A side whose spread is below this fraction of its scale is constant in floating point:
# its correlation would be noise (scipy warns at 1e-13).
FLAT_RELATIVE_SPREAD = 1e-10


@dataclass(frozen=True)
class Insight:
    """One pair's statistics and sentence, one row of correlation_insights.

    pearson_p and spearman_p are on the effective sample size; days_with and days_without
    count a yes/no x's two groups (None otherwise).
    """

    metric_x: str
    metric_y: str
    lag_days: int
    method: str
    correlation_value: float
    correlation_ci_low: float
    correlation_ci_high: float
    pearson_r: float
    pearson_p: float
    spearman_rho: float
    spearman_p: float
    p_value_adjusted: float
    sample_size: int
    effective_sample_size: float
    slope: float
    slope_ci_low: float
    slope_ci_high: float
    days_with: int | None
    days_without: int | None
    strength: str
    direction: str
    is_significant: bool
    is_preliminary: bool
    insight_text: str
    period_start: date
    period_end: date


@dataclass(frozen=True)
class _PairStats:
    """What one pair's paired days give, before the correction across pairs."""

    method: str
    sample_size: int
    effective_sample_size: float
    correlation_value: float
    correlation_ci_low: float
    correlation_ci_high: float
    pearson_r: float
    pearson_p: float
    spearman_rho: float
    spearman_p: float
    slope: float
    slope_ci_low: float
    slope_ci_high: float
    days_with: int | None
    days_without: int | None
    first: int
    last: int

    @property
    def chosen_p(self) -> float:
        return self.spearman_p if self.method == "spearman" else self.pearson_p


def strength_of(correlation: float) -> str:
    """'none', 'weak', 'moderate' or 'strong' for a correlation (module docstring)."""
    magnitude = abs(correlation)
    for bound, name in STRENGTH_BOUNDS:
        if magnitude < bound:
            return name
    return "strong"


def _contiguous(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame on every calendar day of its range, so a shift by a row is one day."""
    index = pd.DatetimeIndex(frame.index)
    days = pd.date_range(index.min().normalize(), index.max().normalize(), freq="D")
    return frame if index.equals(days) else frame.set_axis(index.normalize()).reindex(days)


def _is_flat(values: np.ndarray, scale: float) -> bool:
    """True for a side whose spread is nothing next to scale (its values' magnitude)."""
    spread = np.sqrt(np.sum((values - values.mean()) ** 2))
    return not spread > FLAT_RELATIVE_SPREAD * scale


def _correlation(xs: np.ndarray, ys: np.ndarray) -> float:
    xc, yc = xs - xs.mean(), ys - ys.mean()
    return float(np.sum(xc * yc) / np.sqrt(np.sum(xc * xc) * np.sum(yc * yc)))


@dataclass(frozen=True)
class _Side:
    """One side of a pair on the frame's days: raw values, deviations, autocorrelations."""

    raw: np.ndarray
    deviation: np.ndarray
    rho: np.ndarray


def weekday_centred(values: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
    """values minus the mean of their weekday (weekdays: 0-6 per value)."""
    sums = np.bincount(weekdays, weights=values, minlength=7)
    counts = np.bincount(weekdays, minlength=7)
    means = np.divide(sums, counts, out=np.zeros(7), where=counts > 0)
    return values - means[weekdays]


def _pair_stats(
    pair: Pair, x: _Side, y: _Side, weekdays: np.ndarray, min_days: int
) -> _PairStats | None:
    """The pair's statistics over the days both are finite, or None when undefined."""
    paired = np.isfinite(x.deviation) & np.isfinite(y.deviation)
    n = int(np.count_nonzero(paired))
    if n < min_days:
        return None
    method = method_for(pair.x, pair.y)
    xs, ys = x.deviation[paired], y.deviation[paired]
    days_with = days_without = None
    if method == "groups":
        days_with = int(np.count_nonzero(xs == 1.0))
        days_without = n - days_with
        if min(days_with, days_without) < MIN_GROUP_DAYS:
            return None
        xs = weekday_centred(xs, weekdays[paired])
    # A warning means an overflow or a degenerate input: the numbers would not be trusted, so
    # the pair is dropped rather than the warning let out.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for side, values in ((x, xs), (y, ys)):
            raw = side.raw[paired]
            scale = max(abs(raw.mean()), np.sqrt(np.sum((raw - raw.mean()) ** 2)))
            if _is_flat(raw, abs(raw.mean())) or _is_flat(values, scale):
                return None
        n_eff = effective_sample_size(n, x.rho, y.rho)
        if n_eff < MIN_EFFECTIVE:
            return None
        pearson = _correlation(xs, ys)
        spearman = _correlation(stats.rankdata(xs), stats.rankdata(ys))
        chosen = spearman if method == "spearman" else pearson
        chosen = min(1.0, max(-1.0, chosen))
        ci_low, ci_high = correlation_interval(chosen, n_eff, rank=method == "spearman")
        ratio = float(np.std(ys) / np.std(xs))
        slope = pearson * ratio
        slope_low, slope_high = slope_interval(slope, pearson, ratio, n_eff)
        numbers = [
            chosen,
            ci_low,
            ci_high,
            pearson,
            correlation_p_value(pearson, n_eff),
            spearman,
            correlation_p_value(spearman, n_eff),
            slope,
            slope_low,
            slope_high,
        ]
    if caught or not all(math.isfinite(value) for value in numbers):
        return None
    positions = np.flatnonzero(paired)
    return _PairStats(
        method,
        n,
        n_eff,
        *numbers,
        days_with=days_with,
        days_without=days_without,
        first=int(positions[0]),
        last=int(positions[-1]),
    )


def _shifted(values: np.ndarray, lag_days: int) -> np.ndarray:
    """values moved lag_days later: today's row holds the value of lag_days ago."""
    if lag_days == 0:
        return values
    moved = np.full(values.shape, np.nan)
    moved[lag_days:] = values[:-lag_days]
    return moved


def _column(frame: pd.DataFrame, key: str) -> np.ndarray:
    """A series as floats, infinities as unknown; a missing column is a series without data."""
    if key not in frame.columns:
        return np.full(len(frame), np.nan)
    values = frame[key].to_numpy(dtype="float64", na_value=np.nan)
    return np.where(np.isfinite(values), values, np.nan)


def _insight(
    pair: Pair, found: _PairStats, adjusted: float, alpha: float, days, weight_unit: str
) -> Insight:
    """The Insight of a pair from its statistics and its corrected p-value."""
    strength = strength_of(found.correlation_value)
    significant = bool(adjusted < alpha)
    return Insight(
        metric_x=pair.x,
        metric_y=pair.y,
        lag_days=pair.lag_days,
        method=found.method,
        correlation_value=found.correlation_value,
        correlation_ci_low=found.correlation_ci_low,
        correlation_ci_high=found.correlation_ci_high,
        pearson_r=found.pearson_r,
        pearson_p=found.pearson_p,
        spearman_rho=found.spearman_rho,
        spearman_p=found.spearman_p,
        p_value_adjusted=adjusted,
        sample_size=found.sample_size,
        effective_sample_size=found.effective_sample_size,
        slope=found.slope,
        slope_ci_low=found.slope_ci_low,
        slope_ci_high=found.slope_ci_high,
        days_with=found.days_with,
        days_without=found.days_without,
        strength=strength,
        direction="positive" if found.correlation_value >= 0 else "negative",
        is_significant=significant,
        is_preliminary=found.sample_size < PRELIMINARY_DAYS,
        insight_text=describe(
            pair.x,
            pair.y,
            pair.lag_days,
            slope=found.slope,
            is_significant=significant,
            sample_size=found.sample_size,
            weight_unit=weight_unit,
        ),
        period_start=days[found.first].date(),
        period_end=days[found.last].date(),
    )


class _Sides:
    """Each series' raw values, deviations and autocorrelations, computed once per lag."""

    def __init__(self, frame: pd.DataFrame, keys: set[str]) -> None:
        raw = pd.DataFrame({key: _column(frame, key) for key in sorted(keys)}, index=frame.index)
        self._raw = raw
        self._deviations = deviation_frame(raw, BINARY)
        self.weekdays = np.asarray(frame.index.day_of_week, dtype="int64")
        self._rho: dict[str, np.ndarray] = {}
        self._sides: dict[tuple[str, int], _Side] = {}

    def _autocorrelations(self, key: str, deviation: np.ndarray) -> np.ndarray:
        """A flag's are those of its weekday-centred days, as the groups compare them."""
        if key in BINARY:
            known = np.isfinite(deviation)
            deviation = deviation.copy()
            deviation[known] = weekday_centred(deviation[known], self.weekdays[known])
        return autocorrelations(deviation)

    def get(self, key: str, lag_days: int) -> _Side:
        if (key, lag_days) not in self._sides:
            deviation = self._deviations[key].to_numpy(dtype="float64", na_value=np.nan)
            if key not in self._rho:
                self._rho[key] = self._autocorrelations(key, deviation)
            self._sides[key, lag_days] = _Side(
                raw=_shifted(self._raw[key].to_numpy(), lag_days),
                deviation=_shifted(deviation, lag_days),
                rho=self._rho[key],
            )
        return self._sides[key, lag_days]


def deviations_of(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's series as the insights compare them: deviations, flags as they are."""
    if frame.empty:
        return frame.astype("float64")
    frame = _contiguous(frame)
    return deviation_frame(
        pd.DataFrame({key: _column(frame, key) for key in frame.columns}, index=frame.index),
        BINARY,
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
    check_pairs(pairs)
    if frame.empty or not pairs:
        return []
    frame = _contiguous(frame)
    sides = _Sides(frame, {key for pair in pairs for key in (pair.x, pair.y)})
    least = max(min_days, MIN_PAIRED_DAYS)
    found = []
    for pair in pairs:
        x, y = sides.get(pair.x, pair.lag_days), sides.get(pair.y, 0)
        result = _pair_stats(pair, x, y, sides.weekdays, least)
        if result is not None:
            found.append((pair, result))
    if not found:
        return []
    chosen_p = [result.chosen_p for _, result in found]
    adjusted = multipletests(chosen_p, alpha=alpha, method="fdr_bh")[1]
    return [
        _insight(pair, result, float(p), alpha, frame.index, weight_unit)
        for (pair, result), p in zip(found, adjusted, strict=True)
    ]


SERIES_ORDER = {key: i for i, key in enumerate(SERIES)}


def _series_order(key: str) -> int:
    return SERIES_ORDER.get(key, len(SERIES_ORDER))


def assured_strength(insight: Insight) -> float:
    """The least |correlation| its 95% interval allows: 0 when the interval spans zero."""
    if insight.correlation_ci_low > 0:
        return insight.correlation_ci_low
    if insight.correlation_ci_high < 0:
        return -insight.correlation_ci_high
    return 0.0


def rank_insights(insights: list[Insight]) -> list[Insight]:
    """Significant first, then by assured strength, |correlation| and days, descending.

    Assured strength (the interval's bound nearest zero) ranks a sure moderate link over a
    strong-looking one on a few days. Remaining ties go by lag and SERIES order, so the
    order never depends on the input's.
    """
    return sorted(
        insights,
        key=lambda item: (
            not item.is_significant,
            -assured_strength(item),
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
