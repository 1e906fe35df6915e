"""Plain-language sentences for insights: what goes with what, never what causes what.

Rules:

- A link is described, never explained: sentences say "is about", "on days" and "after
  days when", never "causes", "makes", "because" or "leads to". A daily log cannot tell
  cause from coincidence, and a sentence must not pretend it can.
- The statistics compare each day with the person's usual (baselines), so the sentences do:
  "On days you sleep an hour more than usual, your energy is about 0.9 points above your
  usual". Body weight is against its trend.
- A pair that is not significant after correction is never worded as a finding: it reads
  "No clear link between ... over 120 days."
- A binary x (a training day or not) reads as the difference of the means of y's deviations
  on days with and without it. A continuous x reads as the slope scaled to the series'
  natural step (an hour of sleep, 500 kcal, 1,000 kg of volume...).
- Amounts read in units that suit y: a sleep or clock change under 90 minutes in minutes,
  above in hours; a rating in points. Magnitudes are rounded for reading (_number); the
  words, not a sign, say which way.
- The number of days closes the sentence in parentheses. Strength, certainty and the
  numbers are shown beside the sentence (a badge, plain words and the details), once each.

The words about each series live in one table, daily_series.SERIES; the sentence shapes live
here. Lags are 0 (same day) and 1 (x yesterday, y today).
"""

from __future__ import annotations

import math

from dashboard_app.analytics.daily_series import SERIES, Series
from dashboard_app.units import KG_PER_LB

BINARY_SAME_DAY = "On days {action}, {subject} is about {amount} ({days})."
BINARY_DAY_AFTER = "On days after {action}, {subject} is about {amount} ({days})."
# A night series after a training day: the entry dated the next day holds that night.
BINARY_NIGHT_AFTER = "After days {action}, {subject} is about {amount} ({days})."
CONTINUOUS_SAME_DAY = "On days {change}, {subject} is about {amount} ({days})."
CONTINUOUS_NEXT_DAY = "After days when {change}, {subject} is about {amount} ({days})."
NO_CLEAR_LINK = "No clear link between {x} and {y} over {days}."
# (singular, plural) of each unit as a sentence writes it.
UNIT_WORDS = {
    "points": ("point", "points"),
    "reps": ("rep", "reps"),
    "sets": ("set", "sets"),
    "min": ("minute", "minutes"),
    "h": ("hour", "hours"),
    "kg": ("kg", "kg"),
    "lb": ("lb", "lb"),
    "kcal": ("kcal", "kcal"),
    "g": ("g", "g"),
}
# Sentences in pounds for users who weigh in pounds: a kg series then steps by twice its kg
# step in lb, "2 lb" of body weight, "2,000 lb" of volume.
LB_STEP_FACTOR = 2
MINUTES_PER_HOUR = 60
# Changes in hours read in minutes up to here: "75 minutes" reads better than "1.2 hours".
MINUTES_UP_TO = 90
# Adjusted p-values below which a finding reads "very unlikely" / "unlikely" to be chance.
VERY_UNLIKELY = 0.001
UNLIKELY = 0.01


def _number(magnitude: float) -> str:
    """A non-negative amount rounded for reading: whole from 10, one decimal from 0.1."""
    if round(magnitude, 1) >= 10:
        return f"{magnitude:,.0f}"
    if round(magnitude, 2) >= 0.1:
        text = f"{magnitude:.1f}"
        return text.removesuffix(".0")
    text = f"{magnitude:.2f}"
    return "less than 0.01" if text == "0.00" else text


def _with_unit(magnitude: float, unit: str) -> str:
    """'0.6 points', '1 point', '12 minutes', '0.3 kg'."""
    text = _number(magnitude)
    singular, plural = UNIT_WORDS.get(unit, (unit, unit))
    word = singular if text == "1" else plural
    return f"{text} {word}".rstrip()


def _amount(change: float, series: Series, weight_unit: str) -> str:
    """A deviation in series as '<magnitude> <unit> <higher|lower words>'."""
    magnitude = abs(change)
    if series.unit == "kg" and weight_unit == "lb":
        text = _with_unit(magnitude / KG_PER_LB, "lb")
    elif series.unit == "h" and round(magnitude * MINUTES_PER_HOUR) < MINUTES_UP_TO:
        text = _with_unit(max(1, round(magnitude * MINUTES_PER_HOUR)), "min")
    elif series.unit == "min":
        text = _with_unit(max(1, round(magnitude)), "min")
    else:
        text = _with_unit(magnitude, series.unit)
    return f"{text} {series.higher if change >= 0 else series.lower}"


def _days(sample_size: int) -> str:
    return f"{sample_size:,} day" if sample_size == 1 else f"{sample_size:,} days"


def describe(
    metric_x: str,
    metric_y: str,
    lag_days: int,
    *,
    slope: float,
    is_significant: bool,
    sample_size: int,
    weight_unit: str = "kg",
) -> str:
    """The sentence for one pair's statistics (rules in the module docstring).

    slope is y's deviation per unit of x's (for a binary x: the difference of the groups'
    means), in the series' stored units; weights read in weight_unit ("kg" or "lb").
    """
    if lag_days not in (0, 1):
        raise ValueError(f"sentences exist for lags 0 and 1, got {lag_days}")
    x, y = SERIES[metric_x], SERIES[metric_y]
    subject = y.subject if lag_days == 0 else y.next_subject
    days = _days(sample_size)
    if not is_significant or not math.isfinite(slope):
        return NO_CLEAR_LINK.format(x=x.noun, y=subject, days=days)
    if x.kind == "binary":
        if lag_days == 0:
            template = BINARY_SAME_DAY
        elif y.overnight:
            template = BINARY_NIGHT_AFTER
        else:
            template, subject = BINARY_DAY_AFTER, y.subject
        return template.format(
            action=x.when_more, subject=subject, amount=_amount(slope, y, weight_unit), days=days
        )
    template = CONTINUOUS_SAME_DAY if lag_days == 0 else CONTINUOUS_NEXT_DAY
    step, step_text = x.step, x.step_text
    if x.unit == "kg" and weight_unit == "lb":
        pounds = x.step * LB_STEP_FACTOR
        step, step_text = pounds * KG_PER_LB, f"{pounds:,.0f} lb"
    return template.format(
        change=x.when_more.format(step=step_text),
        subject=subject,
        amount=_amount(slope * step, y, weight_unit),
        days=days,
    )


def certainty(p_value_adjusted: float, is_significant: bool, is_preliminary: bool) -> str:
    """How sure a finding is, in words for the card (its numbers sit one click away)."""
    if not is_significant:
        return "Could well be chance: it does not hold up once every pair is tested."
    if p_value_adjusted < VERY_UNLIKELY:
        words = "Very unlikely to be chance, even with every pair tested"
    elif p_value_adjusted < UNLIKELY:
        words = "Unlikely to be chance, even with every pair tested"
    else:
        words = "Holds up once every pair is tested, though only just"
    if is_preliminary:
        return f"{words}; preliminary: few days so far, so it may change."
    return f"{words}."
