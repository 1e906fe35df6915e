"""Plain-language sentences for insights: what goes with what, never what causes what.

Rules:

- A link is described, never explained: sentences say "tends to", "on average", "goes with"
  and never "causes", "makes", "because" or "leads to". A daily log cannot tell cause from
  coincidence, and a sentence must not pretend it can.
- A pair that is not significant after correction is never worded as a finding: it reads
  "No clear link between ... (r = 0.05, 120 days)", with ρ for a Spearman correlation.
- A binary x (a training day or not) reads as the difference of the means of y on days with
  and without it, which is the OLS slope on a 0/1 x. A continuous x reads as the slope scaled
  to the series' natural step (1 hour of sleep, 500 kcal, 1,000 kg of volume...).
- Amounts read in units that suit y: a sleep or clock change under 90 minutes in minutes,
  above in hours; a rating in points; a binary y (the chance of training) in percentage
  points. Magnitudes are rounded for reading (_number); the words, not a sign, say which way.
- Strength and the number of days close the sentence in parentheses. A significant pair with
  strength "none" (|correlation| < 0.1, found only thanks to many days) reads "very weak".

The words about each series live in one table, daily_series.SERIES; the sentence shapes live
here. Lags are 0 (same day) and 1 (x yesterday, y today).
"""

from __future__ import annotations

import math

from dashboard_app.analytics.daily_series import SERIES, Series

BINARY_SAME_DAY = "On days {action}, {subject} is {amount} on average ({closing})."
BINARY_DAY_AFTER = "On days after {action}, {subject} is {amount} on average ({closing})."
# A night series after a training day: the entry dated the next day holds that night.
BINARY_NIGHT_AFTER = "After days {action}, {subject} is {amount} on average ({closing})."
CONTINUOUS_SAME_DAY = "When {change}, {subject} tends to be {amount} ({closing})."
CONTINUOUS_NEXT_DAY = "After days with {change}, {subject} tends to be {amount} ({closing})."
NO_CLEAR_LINK = "No clear link between {x} and {y} ({symbol} = {value}, {days})."

STRENGTH_WORDS = {"none": "very weak", "weak": "weak", "moderate": "moderate", "strong": "strong"}
CORRELATION_SYMBOLS = {"pearson": "r", "spearman": "ρ"}
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
    "pp": ("percentage point", "percentage points"),
}
# Sentences in pounds for users who weigh in pounds (the same factor as dashboard_app.units;
# analytics imports nothing of the app's). A kg series then steps by twice its kg step in lb:
# "2 lb" of body weight, "2,000 lb" of volume.
KG_PER_LB = 0.45359237
LB_STEP_FACTOR = 2
MINUTES_PER_HOUR = 60
# Changes in hours read in minutes up to here: "75 minutes" reads better than "1.2 hours".
MINUTES_UP_TO = 90
PERCENT = 100


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
    """A change in series as '<magnitude> <unit> <higher|lower word>'."""
    magnitude = abs(change)
    if series.unit == "kg" and weight_unit == "lb":
        text = _with_unit(magnitude / KG_PER_LB, "lb")
    elif series.kind == "binary":
        text = _with_unit(magnitude * PERCENT, "pp")
    elif series.unit == "h" and round(magnitude * MINUTES_PER_HOUR) < MINUTES_UP_TO:
        text = _with_unit(magnitude * MINUTES_PER_HOUR, "min")
    else:
        text = _with_unit(magnitude, series.unit)
    return f"{text} {series.higher if change >= 0 else series.lower}"


def _correlation(value: float) -> str:
    """Two decimals, and never '-0.00'."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def _days(sample_size: int) -> str:
    return f"{sample_size:,} day" if sample_size == 1 else f"{sample_size:,} days"


def describe(
    metric_x: str,
    metric_y: str,
    lag_days: int,
    *,
    method: str,
    correlation_value: float,
    slope: float,
    strength: str,
    is_significant: bool,
    sample_size: int,
    weight_unit: str = "kg",
) -> str:
    """The sentence for one pair's statistics (rules in the module docstring).

    Weights read in weight_unit ("kg" or "lb"); slope is in the series' stored units.
    """
    if lag_days not in (0, 1):
        raise ValueError(f"sentences exist for lags 0 and 1, got {lag_days}")
    x, y = SERIES[metric_x], SERIES[metric_y]
    subject = y.subject if lag_days == 0 else y.next_subject
    if not is_significant or not math.isfinite(slope):
        return NO_CLEAR_LINK.format(
            x=x.noun,
            y=subject,
            symbol=CORRELATION_SYMBOLS[method],
            value=_correlation(correlation_value),
            days=_days(sample_size),
        )
    closing = f"{STRENGTH_WORDS[strength]}, {_days(sample_size)}"
    if x.kind == "binary":
        if lag_days == 0:
            template = BINARY_SAME_DAY
        elif y.overnight:
            template = BINARY_NIGHT_AFTER
        else:
            template, subject = BINARY_DAY_AFTER, y.subject
        return template.format(
            action=x.when_more,
            subject=subject,
            amount=_amount(slope, y, weight_unit),
            closing=closing,
        )
    template = CONTINUOUS_SAME_DAY if lag_days == 0 else CONTINUOUS_NEXT_DAY
    step, step_text = x.step, x.step_text
    if x.unit == "kg" and weight_unit == "lb":
        pounds = x.step * LB_STEP_FACTOR
        step, step_text = pounds * KG_PER_LB, f"{pounds:,.0f} lb"
    change = (x.when_more if lag_days == 0 else x.after_more).format(step=step_text)
    return template.format(
        change=change,
        subject=subject,
        amount=_amount(slope * step, y, weight_unit),
        closing=closing,
    )
