"""Each day against the person's own usual: the deviations the insights correlate.

Raw daily levels drift. Body weight wanders for weeks, stress and motivation come in spells,
intake follows the season and training blocks. Two series that drift slowly correlate by
chance however unrelated they are, and with hundreds of days such a correlation looks
overwhelming (Granger and Newbold's "spurious regression"). What a person can act on is the
day: "on days I sleep more than usual, is my energy above my usual?". So every series
except the yes/no flags enters the insights as its deviation from the person's own recent
baseline, with the weekday pattern taken out:

1. baseline: the median of the series over the BASELINE_DAYS calendar days centred on the
   day (the day itself included), over the days that have a value, and only where at least
   MIN_BASELINE_DAYS of them do; elsewhere the day has no deviation. 21 days is three of
   every weekday, so the baseline leans on no weekday; it follows a cut, a new block or a
   stressful month within weeks, yet a single day moves it little (a median ignores the odd
   extreme day). Centred rather than trailing: the analysis looks back at finished days,
   and a trailing baseline lags behind every trend, which would leave the trend in the
   deviations. Shorter windows remove more of the drift but give a noisier baseline; in
   simulations of independent drifting series (random walks, AR(1) with coefficients
   0.9-0.98, trends, weekly cycles) 14 to 21 days left the corrected tests at their nominal
   rate while 28 and 60 days let more chance links through.
2. weekday: the mean deviation of each weekday over the whole period is subtracted (when
   that weekday has at least MIN_WEEKDAY_DAYS deviations), so "Mondays are different" (the
   Monday weigh-in after a weekend, weekend lie-ins) is not a finding about anything else.

Body weight is thereby its deviation from its own trend, never a level against a daily
quantity; the 7-day weight change is compared with its usual rate (a cut's steady loss is
the usual, not a finding). Binary flags (a training day or not) stay 0/1: they split the
days into two groups whose deviations are compared (insights).

What is left is still autocorrelated (a bad week is several bad days), which the tests
account for with an effective sample size (dependence).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BASELINE_DAYS = 21
MIN_BASELINE_DAYS = 5
MIN_WEEKDAY_DAYS = 4


def deviations(values: pd.Series) -> pd.Series:
    """Each day's value minus its baseline and its weekday's mean deviation (docstring).

    values: floats on a contiguous daily DatetimeIndex, NaN where unknown. An infinite value
    is no data, not an extreme day.
    """
    values = values.where(np.isfinite(values))
    baseline = values.rolling(BASELINE_DAYS, center=True, min_periods=MIN_BASELINE_DAYS).median()
    deviation = values - baseline
    weekday = pd.Index(deviation.index.day_of_week)
    grouped = deviation.groupby(weekday)
    counts = grouped.transform("count")
    means = grouped.transform("mean").where(counts >= MIN_WEEKDAY_DAYS, 0.0)
    return deviation - means


def deviation_frame(frame: pd.DataFrame, binary: frozenset[str]) -> pd.DataFrame:
    """The frame with every column but the binary ones replaced by its deviations.

    frame: build_daily_frame's, on every calendar day of its range.
    """
    columns = {
        key: frame[key] if key in binary else deviations(frame[key].astype("float64"))
        for key in frame.columns
    }
    return pd.DataFrame(columns, index=frame.index)
