"""Tests of a correlation between two autocorrelated daily series.

The textbook test of a correlation counts every day as an independent draw. Days are not:
after the baselines are taken out (baselines) a bad week is still several bad days in a
row, and two such series cross each other's spells by chance more often than independent
days would. The variance of the sample correlation of two independent series is about
(1/n) * sum over all lags k of rho_x(k) * rho_y(k) (Bartlett 1935), so the n days carry the
information of

    n_eff = n / (1 + 2 * sum_{k=1..MAX_LAG} (1 - k/n) * rho_x(k) * rho_y(k))

independent ones, clipped to [2, n] (Bretherton et al. 1999 give the AR(1) special case;
the sum over lags also covers weekly patterns and the negative autocorrelation a baseline
leaves behind). The autocorrelations are each series' own, over its days with a value, from
statsmodels' ``acf`` with pairwise-complete lag products (``missing="conservative"``,
``adjusted=True``), which stays unbiased when days are missing. MAX_LAG is two weeks: it
takes in the weekly rhythm twice, and longer sums add estimation noise for nothing (the
baselines have removed the slower swings).

On n_eff, every figure of a pair follows from its correlation r:

- p-value: Student's t = r * sqrt((n_eff - 2) / (1 - r**2)) on n_eff - 2 degrees of freedom
  (the usual test with the honest count of days);
- 95% interval of r: Fisher's z, atanh(r) +/- 1.96 * se, with se = 1 / sqrt(n_eff - 3)
  (sqrt(1.06 / (n_eff - 3)) for Spearman's rho, Fieller, Hartley and Pearson 1957);
- slope of y on x (for a 0/1 x: the difference of the two groups' means) and its 95%
  interval, from the same t distribution: se = (sd_y / sd_x) * sqrt((1 - r**2) / (n_eff - 2)).

Why this and not Newey-West errors or surrogates: n_eff treats x and y alike, gives the
interval of the correlation the page shows as well as the p-value, and costs a few array
operations per pair, which keeps ten years of data under a second. In simulations of
independent drifting series (random walks, AR(1) at 0.9-0.98, trends and weekly cycles,
365 days, 10% of days missing) it rejected 4% at the 5% level, against 14-23% for the
uncorrected test on the same deviations.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats
from statsmodels.tsa.stattools import acf

MAX_LAG = 14
CONFIDENCE = 0.95
SPEARMAN_VARIANCE = 1.06
# Below this many effective days an interval or a test means nothing.
MIN_EFFECTIVE = 4.0


def autocorrelations(values: np.ndarray, max_lag: int = MAX_LAG) -> np.ndarray:
    """rho(1..max_lag) of a daily series with NaN for unknown days (zeros where undefined).

    Too short or constant series have no autocorrelation to speak of: zeros.
    """
    known = np.isfinite(values)
    lags = min(max_lag, len(values) - 2)
    out = np.zeros(max_lag)
    if lags < 1 or known.sum() < 3:
        return out
    clean = np.where(known, values, np.nan)
    # Values near the float limit overflow in the products: no usable estimate, so zeros
    # (their pair fails its own overflow check anyway).
    with np.errstate(all="ignore"):
        if not np.nanstd(clean) > 0:
            return out
        found = acf(clean, nlags=lags, adjusted=True, missing="conservative", fft=False)[1:]
    out[:lags] = np.clip(np.nan_to_num(found, nan=0.0, posinf=0.0, neginf=0.0), -1.0, 1.0)
    return out


def effective_sample_size(n: int, rho_x: np.ndarray, rho_y: np.ndarray) -> float:
    """Bartlett's effective number of independent paired days (module docstring)."""
    lags = np.arange(1, len(rho_x) + 1)
    weights = np.clip(1.0 - lags / n, 0.0, None)
    inflation = 1.0 + 2.0 * float(np.sum(weights * rho_x * rho_y))
    if inflation <= 0:
        return float(n)
    return float(min(n, max(2.0, n / inflation)))


def correlation_p_value(r: float, n_eff: float) -> float:
    """Two-sided p-value of r on n_eff - 2 degrees of freedom."""
    df = n_eff - 2.0
    if abs(r) >= 1.0:
        return 0.0
    t = r * math.sqrt(df / (1.0 - r * r))
    return float(2.0 * stats.t.sf(abs(t), df))


def correlation_interval(r: float, n_eff: float, rank: bool = False) -> tuple[float, float]:
    """The 95% interval of r by Fisher's z on n_eff (Spearman's wider when rank)."""
    z = math.atanh(max(-0.999999, min(0.999999, r)))
    se = math.sqrt((SPEARMAN_VARIANCE if rank else 1.0) / (n_eff - 3.0))
    half = stats.norm.ppf(0.5 + CONFIDENCE / 2) * se
    # A perfect r (z clipped to stay finite) still lies inside its own interval.
    return min(math.tanh(z - half), r), max(math.tanh(z + half), r)


def slope_interval(slope: float, r: float, ratio: float, n_eff: float) -> tuple[float, float]:
    """The 95% interval of the slope r * ratio (ratio = sd_y / sd_x) on n_eff."""
    df = n_eff - 2.0
    se = abs(ratio) * math.sqrt(max(0.0, 1.0 - r * r) / df)
    half = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df)) * se
    return slope - half, slope + half
