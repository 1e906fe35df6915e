"""Which pairs of daily series the insights test, and how each pair is compared.

- Same day (lag 0): every two series, x first in the driver order, which is SERIES order:
  sleep and its timing, stress, nutrition, training, steps and active minutes, then energy,
  motivation, weight and weight_change_7d; except that a yes/no series (trained,
  trained_legs) is always x, since it splits the days into two groups. Left out: a series
  with itself; a series with its own derivative (weight and weight_change_7d); two series
  of a family whose members are sums of each other or say the same thing (SUM_FAMILIES:
  calories and the macros; trained, trained_legs, sets, volume and session_minutes; steps
  and active minutes, two counts of the same movement); two training series of any kind
  (amount and effort describe the same sessions, so their links are how a workout was
  logged, not what goes with what: the training analytics read them); active minutes with
  any training amount (a tracker counts the workout's minutes among its active minutes, so
  those links are the same minutes counted twice); and wake time with sleep or bedtime (the
  wake time is the bedtime plus the sleep, so those links are arithmetic). Sleep with its
  bedtime is kept: short nights do start late. Steps with training are kept: lifting adds
  few steps.
- Lagged (lag 1): x yesterday (LAGGED_X: training, stress, intake, steps and active
  minutes) against y today (LAGGED_Y: sleep and its timing, energy, motivation, weight).
- A day's entry holds the night that ENDED that morning. So last night's sleep against
  today's energy is a same-day pair (x = sleep_hours, y = energy, lag 0), and yesterday's
  stress against the night that followed it is lag 1 with y = sleep_hours of today's entry.

Methods (method_for): a yes/no x is compared as two groups ("groups": the difference of y's
mean deviation on days with and without, and its point-biserial correlation); a rating on
either side takes Spearman's rho (a 1-10 rating is ordinal: from 6 to 7 need not be the step
from 2 to 3, and ranks assume nothing more, nor do they let one odd day dominate);
otherwise Pearson's r, the correlation the slope belongs to (slope = r * sd(y) / sd(x)).
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard_app.analytics.daily_series import SERIES

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
BINARY = frozenset(key for key, series in SERIES.items() if series.kind == "binary")


@dataclass(frozen=True)
class Pair:
    """Two series to correlate: x lag_days before y."""

    x: str
    y: str
    lag_days: int = 0


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


def _oriented(x: str, y: str) -> Pair:
    """The same-day pair with a yes/no series as x."""
    return Pair(y, x, 0) if y in BINARY and x not in BINARY else Pair(x, y, 0)


def candidate_pairs() -> list[Pair]:
    """Every same-day pair in driver order, then every lagged pair (module docstring)."""
    keys = list(SERIES)
    same_day = [
        _oriented(x, y)
        for i, x in enumerate(keys)
        for y in keys[i + 1 :]
        if _same_day_pair_allowed(x, y)
    ]
    return same_day + [Pair(x, y, 1) for x in LAGGED_X for y in LAGGED_Y]


def method_for(x: str, y: str) -> str:
    """'groups' for a yes/no x, 'spearman' when either is a rating, else 'pearson'."""
    if x in BINARY:
        return "groups"
    return "spearman" if "rating" in {SERIES[x].kind, SERIES[y].kind} else "pearson"


def check_pairs(pairs: list[Pair]) -> None:
    """Refuse unknown series, lags other than LAGS and a yes/no y."""
    for pair in pairs:
        unknown = [key for key in (pair.x, pair.y) if key not in SERIES]
        if unknown:
            raise ValueError(f"unknown series {unknown} in {pair}")
        if pair.lag_days not in LAGS:
            raise ValueError(f"lag_days must be one of {LAGS}, got {pair}")
        if pair.y in BINARY:
            raise ValueError(f"a yes/no series splits the days: give it as x, got {pair}")
