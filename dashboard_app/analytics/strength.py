"""Strength analytics: estimated one-rep maxes, best sets and weekly volume of one exercise.

The estimated one-rep max (e1RM) uses Brzycki's formula by default,

    e1RM = load * 36 / (37 - reps),

because Strong and wger use it, so histories imported from them show the numbers their users
know; Epley's, load * (1 + reps / 30), is the alternative a user may prefer. Both give exactly
the load for a single rep. Above about ten reps every formula grows unreliable, so, as Strong
does, sets of more than MAX_E1RM_REPS reps get no e1RM at all.

All weights are in kg; converting to the user's unit is the figures' job.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

EPLEY_REPS_DIVISOR = 30
BRZYCKI_REPS_LIMIT = 37
MAX_E1RM_REPS = 12
FORMULAS = ("brzycki", "epley")
# e1RMs equal to the microgram are ties (87.5 x 10 and 100 x 5 differ in the last float bit).
TIE_DECIMALS = 6


@dataclass(frozen=True)
class BestSet:
    """One logged line among an exercise's best, by estimated one-rep max."""

    date: date
    sets: int
    reps: int
    load_kg: float
    e1rm_kg: float


@dataclass(frozen=True)
class ExerciseHistory:
    """Everything the exercise page shows about one exercise's logged lines."""

    sessions: int
    lines: int
    first_performed: date | None
    last_performed: date | None
    e1rm_by_day: tuple[tuple[date, float], ...]
    best_sets: tuple[BestSet, ...]
    weekly_volume: tuple[tuple[date, float], ...]
    best_e1rm_kg: float | None


EMPTY_HISTORY = ExerciseHistory(
    sessions=0,
    lines=0,
    first_performed=None,
    last_performed=None,
    e1rm_by_day=(),
    best_sets=(),
    weekly_volume=(),
    best_e1rm_kg=None,
)


def _e1rm(load_kg, reps, formula: str):
    """e1RM for scalars or arrays; NaN above MAX_E1RM_REPS; one rep is exactly the load."""
    load_kg, reps = np.asarray(load_kg, dtype="float64"), np.asarray(reps, dtype="float64")
    if formula == "brzycki":
        estimate = load_kg * 36 / (BRZYCKI_REPS_LIMIT - np.minimum(reps, MAX_E1RM_REPS))
    elif formula == "epley":
        estimate = load_kg * (1 + reps / EPLEY_REPS_DIVISOR)
    else:
        raise ValueError(f"formula must be one of {FORMULAS}, got {formula!r}")
    estimate = np.where(reps == 1, load_kg, estimate)
    return np.where(reps > MAX_E1RM_REPS, np.nan, estimate)


def estimated_one_rep_max(load_kg: float, reps: int, formula: str = "brzycki") -> float | None:
    """The e1RM in kg of reps at load_kg, or None above MAX_E1RM_REPS reps (module docstring)."""
    if reps < 1:
        raise ValueError(f"reps must be at least 1, got {reps}")
    if not math.isfinite(load_kg) or load_kg < 0:
        raise ValueError(f"load_kg must be a finite number >= 0, got {load_kg}")
    value = float(_e1rm(load_kg, reps, formula))
    return None if math.isnan(value) else value


def _lines_frame(lines: list[dict], formula: str) -> pd.DataFrame:
    """The lines as typed columns, dates as proleptic ordinals (1 = Monday 0001-01-01).

    Built column by column, and with integer days: both are many times faster than
    DataFrame(lines) or numpy's parsing of date objects.
    """
    frame = pd.DataFrame(
        {
            "day": np.array([line["date"].toordinal() for line in lines], dtype="int64"),
            "session_id": np.array([line["session_id"] for line in lines], dtype="int64"),
            "sets": np.array([line["sets"] for line in lines], dtype="int64"),
            "reps": np.array([line["reps"] for line in lines], dtype="int64"),
            "load_kg": np.array([line["load_kg"] for line in lines], dtype="float64"),
            "is_warmup": np.array([bool(line.get("is_warmup")) for line in lines], dtype=bool),
        }
    )
    bad = (frame["sets"] < 1) | (frame["reps"] < 1) | ~(frame["load_kg"] >= 0)
    if bad.any():
        row = frame[bad].iloc[0]
        raise ValueError(
            "every line needs sets >= 1, reps >= 1 and load_kg >= 0; got "
            f"{row['sets']} x {row['reps']} x {row['load_kg']} kg"
        )
    e1rm = _e1rm(frame["load_kg"].to_numpy(), frame["reps"].to_numpy(), formula)
    frame["e1rm_kg"] = np.where(frame["is_warmup"].to_numpy(), np.nan, e1rm)
    # Volume is working volume, as in session totals and records: warm-ups add none.
    frame["volume_kg"] = np.where(
        frame["is_warmup"].to_numpy(), 0.0, frame["sets"] * frame["reps"] * frame["load_kg"]
    )
    # Ordinal 1 is a Monday, so (day - 1) % 7 is the ISO weekday counted from Monday = 0.
    frame["week"] = frame["day"] - (frame["day"] - 1) % 7
    return frame


def _dated_pairs(series: pd.Series) -> tuple[tuple[date, float], ...]:
    """A day-ordinal-indexed series as ((date, value), ...) in plain Python types, oldest first."""
    days = [date.fromordinal(day) for day in series.index.tolist()]
    return tuple(zip(days, series.to_numpy(dtype="float64").tolist(), strict=True))


def _best_sets(frame: pd.DataFrame, best: int) -> tuple[BestSet, ...]:
    """The best lines by e1RM; ties go to the later date, then the heavier load."""
    tie_key = frame["e1rm_kg"].round(TIE_DECIMALS)
    if 0 < best < len(frame):
        # Sorting only the lines that can make the top N keeps large histories fast.
        frame = frame[tie_key >= tie_key.nlargest(best).iloc[-1]]
    top = (
        frame.assign(tie_key=tie_key)
        .sort_values(
            ["tie_key", "day", "load_kg", "sets", "reps", "session_id"],
            ascending=False,
            kind="stable",
        )
        .head(best)
    )
    return tuple(
        BestSet(date=date.fromordinal(day), sets=sets, reps=reps, load_kg=load, e1rm_kg=e1rm)
        for day, sets, reps, load, e1rm in zip(
            top["day"].tolist(),
            top["sets"].tolist(),
            top["reps"].tolist(),
            top["load_kg"].tolist(),
            top["e1rm_kg"].tolist(),
            strict=True,
        )
    )


def summarise_exercise_history(
    lines: list[dict], best: int = 5, formula: str = "brzycki"
) -> ExerciseHistory:
    """Sessions, dates, daily best e1RM, the best lines and ISO-weekly volume of one exercise.

    lines are dicts with date (datetime.date), session_id, sets, reps, load_kg and optionally
    is_warmup, one per logged line; best is how many best sets to keep. Sets above
    MAX_E1RM_REPS reps count in volume but get no e1RM and are never best sets; warm-ups
    count in neither (they still count as sessions and lines).
    """
    if best < 0:
        raise ValueError(f"best must be >= 0, got {best}")
    if formula not in FORMULAS:
        raise ValueError(f"formula must be one of {FORMULAS}, got {formula!r}")
    if not lines:
        return EMPTY_HISTORY
    frame = _lines_frame(lines, formula)
    rated = frame[frame["e1rm_kg"].notna()]
    e1rm_by_day = rated.groupby("day")["e1rm_kg"].max()
    weekly_volume = frame.groupby("week")["volume_kg"].sum()
    return ExerciseHistory(
        sessions=int(frame["session_id"].nunique()),
        lines=len(frame),
        first_performed=date.fromordinal(int(frame["day"].min())),
        last_performed=date.fromordinal(int(frame["day"].max())),
        e1rm_by_day=_dated_pairs(e1rm_by_day),
        best_sets=_best_sets(rated, best),
        weekly_volume=_dated_pairs(weekly_volume),
        best_e1rm_kg=float(e1rm_by_day.max()) if len(e1rm_by_day) else None,
    )
