"""One user's daily series: a row per calendar day, a float column per metric in SERIES.

The frame runs from the first to the last day that has a daily entry or a logged line, with
no gaps, so shifting a column by one row is shifting it by one day. A day without data holds
NaN, never zero: an unlogged day is unknown, not a day of no sleep or no food. The training
flags are the exception: a day without a working line is a rest day, 0.0.

Rules per series (all in SI units, as stored):

- A daily entry holds the night that ENDED on the morning of its date. ``sleep_hours`` is
  end minus start (a night that does not end after it starts is no data); on a day without
  both clock times it is the entry's ``sleep_minutes`` (a tracker's minutes asleep, which
  gives no bedtime or wake time) in hours, and 0 minutes is no data.
  ``bedtime`` is the start in hours from the night's midnight, the midnight nearest the
  start: 23:30 is -0.5 and 00:45 is 0.75, so bedtimes either side of midnight stay one
  continuous scale. ``wake_time`` is the end in hours after midnight.
- ``weight_change_7d`` is the weight minus the weight 7 calendar days earlier, NaN unless
  both mornings were weighed.
- ``steps`` and ``active_minutes`` are the entry's, as a tracker counted them; a day without
  them is NaN (a tracker left off the wrist counted nothing, which is not a day of rest).
- Training series use working lines only: warm-ups count in no series. ``trained`` is 1.0 on
  a day with a working line; ``trained_legs`` is 1.0 on a day with a working line of a leg
  muscle (LEG_MUSCLES). ``sets`` and ``volume`` (sets x reps x load, kg; an unknown load adds
  none) are NaN on rest days. ``mean_rir``, ``mean_stimulus`` and ``mean_fatigue`` are means
  over the working lines that have the value, weighted by sets: a line of 4 sets says more
  about the day than a line of 1.
- ``session_minutes`` is the sum of the durations of the day's distinct sessions that have a
  working line; NaN on rest days, and NaN when any of those durations is unknown (a partial
  sum would read as a short day).

A date given twice in the daily rows keeps its last row.

SERIES is also the single table of how each series is worded in insight sentences (see
insight_text): its order is the driver order that orients same-day pairs (insights).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

KINDS = ("rating", "measure", "binary", "clock")
LEG_MUSCLES = frozenset(
    name.casefold()
    for name in ("Quadriceps", "Hamstrings", "Glutes", "Calves", "Adductors", "Abductors")
)
WEIGHT_CHANGE_DAYS = 7
HOURS_PER_DAY = 24
SECONDS_PER_HOUR = 3600
MINUTES_PER_HOUR = 60


@dataclass(frozen=True)
class Series:
    """One daily series: what it measures and every word a sentence uses about it.

    The insights compare each day with the person's usual (baselines), so the words do too.
    Templates take ``{step}``, replaced by step_text. As x: ``when_more`` completes "On days
    ..." and "After days when ..." ("you sleep an hour more than usual"; for a binary series
    it is the action, "you train"). As y: ``subject`` is the same-day noun phrase,
    ``next_subject`` the one for the day after x (lag 1), and ``higher``/``lower`` word a
    deviation above and below the usual. ``noun`` names it in "No clear link between ...".
    ``overnight`` marks a series of the night, which a lag 1 sentence places "that night".
    ``groups`` names a binary series' two kinds of day (without, with) on charts.
    """

    key: str
    label: str
    title: str
    unit: str
    kind: str
    family: str
    step: float
    step_text: str
    when_more: str
    subject: str
    next_subject: str
    noun: str
    higher: str = "above your usual"
    lower: str = "below your usual"
    overnight: bool = False
    derived_from: str | None = None
    groups: tuple[str, str] | None = None


def _series(*rows: Series) -> dict[str, Series]:
    return {row.key: row for row in rows}


SERIES: dict[str, Series] = _series(
    Series(
        key="sleep_hours",
        label="sleep",
        title="Sleep",
        unit="h",
        kind="measure",
        family="sleep",
        step=1.0,
        step_text="an hour",
        when_more="you sleep {step} more than usual",
        subject="your sleep",
        next_subject="your sleep that night",
        higher="longer than usual",
        lower="shorter than usual",
        noun="your sleep",
        overnight=True,
    ),
    Series(
        key="bedtime",
        label="bedtime",
        title="Bedtime",
        unit="h",
        kind="clock",
        family="sleep",
        step=1.0,
        step_text="an hour",
        when_more="you go to bed {step} later than usual",
        subject="your bedtime",
        next_subject="your bedtime that night",
        higher="later than usual",
        lower="earlier than usual",
        noun="your bedtime",
        overnight=True,
    ),
    Series(
        key="wake_time",
        label="wake time",
        title="Wake time",
        unit="h",
        kind="clock",
        family="sleep",
        step=1.0,
        step_text="an hour",
        when_more="you wake up {step} later than usual",
        subject="your wake time",
        next_subject="your wake time the next morning",
        higher="later than usual",
        lower="earlier than usual",
        noun="your wake time",
        overnight=True,
    ),
    Series(
        key="stress",
        label="stress",
        title="Stress",
        unit="points",
        kind="rating",
        family="mood",
        step=1.0,
        step_text="1 point",
        when_more="your stress is {step} above your usual",
        subject="your stress",
        next_subject="your stress the next day",
        noun="your stress",
    ),
    Series(
        key="calories",
        label="calories",
        title="Calories",
        unit="kcal",
        kind="measure",
        family="nutrition",
        step=500.0,
        step_text="500 kcal",
        when_more="you eat {step} more than usual",
        subject="your calorie intake",
        next_subject="your calorie intake the next day",
        noun="your calorie intake",
    ),
    Series(
        key="protein",
        label="protein",
        title="Protein",
        unit="g",
        kind="measure",
        family="nutrition",
        step=50.0,
        step_text="50 g",
        when_more="you eat {step} more protein than usual",
        subject="your protein intake",
        next_subject="your protein intake the next day",
        noun="your protein intake",
    ),
    Series(
        key="carbohydrate",
        label="carbohydrate",
        title="Carbohydrate",
        unit="g",
        kind="measure",
        family="nutrition",
        step=100.0,
        step_text="100 g",
        when_more="you eat {step} more carbohydrate than usual",
        subject="your carbohydrate intake",
        next_subject="your carbohydrate intake the next day",
        noun="your carbohydrate intake",
    ),
    Series(
        key="fat",
        label="fat",
        title="Fat",
        unit="g",
        kind="measure",
        family="nutrition",
        step=30.0,
        step_text="30 g",
        when_more="you eat {step} more fat than usual",
        subject="your fat intake",
        next_subject="your fat intake the next day",
        noun="your fat intake",
    ),
    Series(
        key="fibre",
        label="fibre",
        title="Fibre",
        unit="g",
        kind="measure",
        family="nutrition",
        step=10.0,
        step_text="10 g",
        when_more="you eat {step} more fibre than usual",
        subject="your fibre intake",
        next_subject="your fibre intake the next day",
        noun="your fibre intake",
    ),
    Series(
        key="trained",
        label="training",
        title="Trained",
        unit="",
        kind="binary",
        family="training_amount",
        step=1.0,
        step_text="a training day",
        when_more="you train",
        subject="your chance of training",
        next_subject="your chance of training the next day",
        noun="training",
        groups=("Rest days", "Training days"),
    ),
    Series(
        key="trained_legs",
        label="leg training",
        title="Trained legs",
        unit="",
        kind="binary",
        family="training_amount",
        step=1.0,
        step_text="a leg day",
        when_more="you train legs",
        subject="your chance of a leg day",
        next_subject="your chance of a leg day the next day",
        noun="leg training",
        groups=("Days without legs", "Leg days"),
    ),
    Series(
        key="sets",
        label="working sets",
        title="Working sets",
        unit="sets",
        kind="measure",
        family="training_amount",
        step=5.0,
        step_text="5",
        when_more="you do {step} more working sets than usual",
        subject="your number of working sets",
        next_subject="your number of working sets the next day",
        noun="your number of working sets",
    ),
    Series(
        key="volume",
        label="volume",
        title="Volume",
        unit="kg",
        kind="measure",
        family="training_amount",
        step=1000.0,
        step_text="1,000 kg",
        when_more="you lift {step} more than usual",
        subject="your training volume",
        next_subject="your training volume the next day",
        noun="your training volume",
    ),
    Series(
        key="mean_rir",
        label="reps in reserve",
        title="Mean RIR",
        unit="reps",
        kind="rating",
        family="training_effort",
        step=1.0,
        step_text="1 rep",
        when_more="you leave {step} more in reserve than usual",
        subject="your average reps in reserve",
        next_subject="your average reps in reserve the next day",
        noun="your reps in reserve",
    ),
    Series(
        key="mean_stimulus",
        label="stimulus",
        title="Mean stimulus",
        unit="points",
        kind="rating",
        family="training_effort",
        step=1.0,
        step_text="1 point",
        when_more="your stimulus rating is {step} above your usual",
        subject="your stimulus rating",
        next_subject="your stimulus rating the next day",
        noun="your stimulus rating",
    ),
    Series(
        key="mean_fatigue",
        label="fatigue",
        title="Mean fatigue",
        unit="points",
        kind="rating",
        family="training_effort",
        step=1.0,
        step_text="1 point",
        when_more="your fatigue rating is {step} above your usual",
        subject="your fatigue rating",
        next_subject="your fatigue rating the next day",
        noun="your fatigue rating",
    ),
    Series(
        key="session_minutes",
        label="training time",
        title="Training time",
        unit="min",
        kind="measure",
        family="training_amount",
        step=30.0,
        step_text="30 minutes",
        when_more="you train {step} longer than usual",
        subject="your training time",
        next_subject="your training time the next day",
        higher="longer than usual",
        lower="shorter than usual",
        noun="your training time",
    ),
    Series(
        key="steps",
        label="steps",
        title="Steps",
        unit="steps",
        kind="measure",
        family="activity",
        step=1000.0,
        step_text="1,000",
        when_more="you take {step} more steps than usual",
        subject="your step count",
        next_subject="your step count the next day",
        noun="your step count",
    ),
    Series(
        key="active_minutes",
        label="active minutes",
        title="Active minutes",
        unit="min",
        kind="measure",
        family="activity",
        step=30.0,
        step_text="30 minutes",
        when_more="you are active {step} longer than usual",
        subject="your active time",
        next_subject="your active time the next day",
        higher="longer than usual",
        lower="shorter than usual",
        noun="your active time",
    ),
    Series(
        key="energy",
        label="energy",
        title="Energy",
        unit="points",
        kind="rating",
        family="mood",
        step=1.0,
        step_text="1 point",
        when_more="your energy is {step} above your usual",
        subject="your energy",
        next_subject="your energy the next day",
        noun="your energy",
    ),
    Series(
        key="motivation",
        label="motivation",
        title="Motivation",
        unit="points",
        kind="rating",
        family="mood",
        step=1.0,
        step_text="1 point",
        when_more="your motivation is {step} above your usual",
        subject="your motivation",
        next_subject="your motivation the next day",
        noun="your motivation",
    ),
    Series(
        key="weight",
        label="weight",
        title="Weight",
        unit="kg",
        kind="measure",
        family="body",
        step=1.0,
        step_text="1 kg",
        when_more="you weigh {step} above your trend",
        subject="your weight",
        next_subject="your weight the next morning",
        higher="above its trend",
        lower="below its trend",
        noun="your weight",
    ),
    Series(
        key="weight_change_7d",
        label="7-day weight change",
        title="Weight change over 7 days",
        unit="kg",
        kind="measure",
        family="body",
        step=1.0,
        step_text="1 kg",
        when_more="your 7-day weight change is {step} above its usual",
        subject="your 7-day weight change",
        next_subject="your 7-day weight change the next day",
        higher="above its usual",
        lower="below its usual",
        noun="your 7-day weight change",
        derived_from="weight",
    ),
)

# Series that are one daily-entry field each, as stored.
COPIED_FIELDS = {
    "stress": "stress_level",
    "energy": "energy_level",
    "motivation": "motivation_level",
    "weight": "weight",
    "calories": "calories",
    "protein": "protein",
    "carbohydrate": "carbohydrate",
    "fat": "fat",
    "fibre": "fibre",
    "steps": "steps",
    "active_minutes": "active_minutes",
}
# Every entry field a series reads besides date, sleep_start and sleep_end (services load
# these columns): sleep_hours falls back to sleep_minutes.
DAILY_FIELDS = {**COPIED_FIELDS, "sleep_hours": "sleep_minutes"}
# Line fields averaged per day, weighted by sets.
WEIGHTED_MEANS = {"mean_rir": "rir", "mean_stimulus": "stimulus", "mean_fatigue": "fatigue_level"}


def _floats(rows: list[dict], field: str) -> np.ndarray:
    """One field of every row as floats, None as NaN."""
    return np.array([row.get(field) for row in rows], dtype="float64")


def _hours_since_epoch(values: list) -> np.ndarray:
    """Naive datetimes (or None) as float hours since 1970-01-01 00:00, None as NaN.

    The epoch is a midnight, so the hours modulo 24 are the time of day.
    """
    stamps = np.array(values, dtype="datetime64[s]")
    hours = stamps.astype("int64").astype("float64") / SECONDS_PER_HOUR
    hours[np.isnat(stamps)] = np.nan
    return hours


def _spread(positions: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """A column of size days, NaN except values at positions."""
    column = np.full(size, np.nan)
    column[positions] = values
    return column


def _daily_columns(daily: list[dict], first: int, size: int) -> dict[str, np.ndarray]:
    """The series that come from the daily entries, one array per key."""
    ordinals = np.array([row["date"].toordinal() for row in daily], dtype="int64")
    # np.unique keeps the first of equal values, so reversing keeps each date's last row.
    _, last_first = np.unique(ordinals[::-1], return_index=True)
    keep = len(daily) - 1 - last_first
    rows = [daily[i] for i in keep.tolist()]
    positions = ordinals[keep] - first
    start = _hours_since_epoch([row.get("sleep_start") for row in rows])
    end = _hours_since_epoch([row.get("sleep_end") for row in rows])
    duration = end - start
    # A comparison with NaN is False, so unknown nights stay NaN here too.
    duration[~(duration > 0)] = np.nan
    asleep = _floats(rows, "sleep_minutes") / MINUTES_PER_HOUR
    asleep[~(asleep > 0)] = np.nan
    duration = np.where(np.isnan(start) | np.isnan(end), asleep, duration)
    half_day = HOURS_PER_DAY / 2
    columns = {
        "sleep_hours": _spread(positions, duration, size),
        "bedtime": _spread(positions, np.mod(start + half_day, HOURS_PER_DAY) - half_day, size),
        "wake_time": _spread(positions, np.mod(end, HOURS_PER_DAY), size),
    }
    for key, field in COPIED_FIELDS.items():
        columns[key] = _spread(positions, _floats(rows, field), size)
    weight = columns["weight"]
    change = np.full(size, np.nan)
    change[WEIGHT_CHANGE_DAYS:] = weight[WEIGHT_CHANGE_DAYS:] - weight[:-WEIGHT_CHANGE_DAYS]
    columns["weight_change_7d"] = change
    return columns


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, NaN where the denominator is zero (no warning)."""
    out = np.full(numerator.shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def _session_minutes(
    lines: list[dict], working: np.ndarray, positions: np.ndarray, size: int
) -> np.ndarray:
    """Minutes of the day's distinct sessions with a working line; NaN if any is unknown."""
    sessions = pd.DataFrame(
        {
            "position": positions,
            "session_id": np.array([line["session_id"] for line in lines], dtype="int64")[working],
            "minutes": _floats(lines, "session_minutes")[working],
        }
    ).drop_duplicates(["position", "session_id"])
    at = sessions["position"].to_numpy()
    minutes = sessions["minutes"].to_numpy()
    unknown = np.bincount(at, weights=np.isnan(minutes), minlength=size)
    total = np.bincount(at, weights=np.nan_to_num(minutes), minlength=size)
    count = np.bincount(at, minlength=size)
    return np.where((count > 0) & (unknown == 0), total, np.nan)


def _training_columns(lines: list[dict], first: int, size: int) -> dict[str, np.ndarray]:
    """The series that come from the logged lines, one array per key (module docstring)."""
    working = ~np.array([bool(line.get("is_warmup")) for line in lines], dtype=bool)
    ordinals = np.array([line["date"].toordinal() for line in lines], dtype="int64")
    positions = ordinals[working] - first
    sets = _floats(lines, "sets")[working]
    reps = np.nan_to_num(_floats(lines, "reps")[working])  # a timed set lifts no volume
    load = np.nan_to_num(_floats(lines, "load_kg")[working])
    legs = np.array(
        [str(line.get("muscle_group") or "").casefold() in LEG_MUSCLES for line in lines],
        dtype=bool,
    )[working]
    trained = np.bincount(positions, minlength=size) > 0
    rest = np.where(trained, 1.0, np.nan)
    columns = {
        "trained": trained.astype("float64"),
        "trained_legs": (np.bincount(positions[legs], minlength=size) > 0).astype("float64"),
        "sets": np.bincount(positions, weights=sets, minlength=size) * rest,
        "volume": np.bincount(positions, weights=sets * reps * load, minlength=size) * rest,
    }
    for key, field in WEIGHTED_MEANS.items():
        values = _floats(lines, field)[working]
        rated = ~np.isnan(values)
        weighted = np.bincount(positions[rated], weights=(values * sets)[rated], minlength=size)
        weights = np.bincount(positions[rated], weights=sets[rated], minlength=size)
        columns[key] = _ratio(weighted, weights)
    columns["session_minutes"] = _session_minutes(lines, working, positions, size)
    return columns


def empty_daily_frame() -> pd.DataFrame:
    """A frame with every series column and no days."""
    index = pd.DatetimeIndex([], freq="D", name="date")
    return pd.DataFrame({key: pd.Series(dtype="float64") for key in SERIES}, index=index)


def build_daily_frame(daily: list[dict], lines: list[dict]) -> pd.DataFrame:
    """Every day from the first to the last with data, one float column per SERIES key.

    daily: dicts with date, sleep_start, sleep_end and the DAILY_FIELDS values (stress_level,
    ..., steps, active_minutes, sleep_minutes), None or left out when unknown.
    lines: dicts with date, session_id, sets, reps, load_kg, rir, stimulus, fatigue_level,
    is_warmup, muscle_group, session_minutes, one per logged line. See the module docstring.
    """
    ordinals = [row["date"].toordinal() for row in daily]
    ordinals += [line["date"].toordinal() for line in lines]
    if not ordinals:
        return empty_daily_frame()
    first, last = min(ordinals), max(ordinals)
    size = last - first + 1
    columns = {key: np.full(size, np.nan) for key in SERIES}
    if daily:
        columns.update(_daily_columns(daily, first, size))
    if lines:
        columns.update(_training_columns(lines, first, size))
    else:
        columns["trained"], columns["trained_legs"] = np.zeros(size), np.zeros(size)
    index = pd.date_range(date.fromordinal(first), periods=size, freq="D", name="date")
    return pd.DataFrame({key: columns[key] for key in SERIES}, index=index)
