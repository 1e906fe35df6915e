"""What to do next time in a routine's exercise: double progression, with its reason in words.

Double progression is the rule most lifters run on: keep the load and add reps until every
set reaches the top of the rep range at the target effort, then add the smallest load step
and start again from the bottom of the range. Reps that fell below the range mean the load
was too much: one step back. Without a rep range the plan is last time's sets again. Holds
grow by HOLD_STEP_SECONDS once every set lasted its target; distances repeat.

Only working sets count (warm-ups are planned as they were done); a set's RIR counts as
meeting the target when it is at least the target, or unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

HOLD_STEP_SECONDS = 5
FIRST_TIME_REPS = 10


@dataclass(frozen=True)
class SetValues:
    """One set's numbers, done or planned (loads in kg, times in seconds, distances in m)."""

    reps: int | None = None
    load_kg: float = 0.0
    rir: int | None = None
    duration_seconds: int | None = None
    distance_m: float | None = None
    is_warmup: bool = False


@dataclass(frozen=True)
class Target:
    """A routine exercise's aim: sets, a rep range or a time, an effort (RIR)."""

    sets: int
    rep_min: int | None = None
    rep_max: int | None = None
    rir: int | None = None
    seconds: int | None = None


@dataclass(frozen=True)
class Prescription:
    sets: tuple[SetValues, ...]
    reason: str


def _spread(pattern: Sequence[SetValues], count: int) -> list[SetValues]:
    """count sets following pattern; past its end, its last set again."""
    return [pattern[min(i, len(pattern) - 1)] for i in range(count)]


def _met_effort(done: SetValues, rir: int | None) -> bool:
    return rir is None or done.rir is None or done.rir >= rir


def _first_time(kind: str, target: Target) -> Prescription:
    if kind == "duration":
        values = SetValues(duration_seconds=target.seconds or 30)
        return Prescription((values,) * target.sets, "First time: time your holds")
    if kind == "distance":
        values = SetValues(distance_m=1000.0, duration_seconds=target.seconds or 360)
        return Prescription((values,), "First time: log your distance and time")
    reps = target.rep_max or FIRST_TIME_REPS
    values = SetValues(reps=reps, rir=target.rir)
    reason = "First time: enter the load you use" if kind == "weight" else "First time"
    return Prescription((values,) * target.sets, reason)


def _holds(working: list[SetValues], target: Target, count: int) -> Prescription:
    times = [s.duration_seconds or 0 for s in working]
    aim = target.seconds or max(times)
    if all(t >= aim for t in times):
        longer = [
            replace(s, duration_seconds=(s.duration_seconds or 0) + HOLD_STEP_SECONDS)
            for s in working
        ]
        return Prescription(
            tuple(_spread(longer, count)),
            f"{HOLD_STEP_SECONDS} s longer: every hold lasted {aim} s last time",
        )
    return Prescription(tuple(_spread(working, count)), f"As last time: aim for {aim} s")


def _reps(working: list[SetValues], target: Target, step_kg: float, kind: str) -> Prescription:
    low, high, count = target.rep_min, target.rep_max, target.sets
    top = max(s.load_kg for s in working)
    at_top = [s for s in working if abs(s.load_kg - top) < 1e-6]
    if all((s.reps or 0) >= high and _met_effort(s, target.rir) for s in at_top):
        if kind == "bodyweight" and top == 0:
            values = SetValues(reps=high, load_kg=0.0, rir=target.rir)
            return Prescription(
                (values,) * count,
                f"Every set reached {high} reps: add load or a harder variation",
            )
        values = SetValues(reps=low, load_kg=top + step_kg, rir=target.rir)
        return Prescription((values,) * count, f"Heavier: every set reached {high} reps last time")
    short = [s for s in at_top if (s.reps or 0) < low]
    if top > 0 and len(short) * 2 > len(at_top):
        values = SetValues(reps=low, load_kg=max(0.0, top - step_kg), rir=target.rir)
        return Prescription(
            (values,) * count, f"Lighter: most sets fell below {low} reps last time"
        )
    more = [
        SetValues(reps=min(high, max(low, (s.reps or low) + 1)), load_kg=top, rir=target.rir)
        for s in at_top
    ]
    return Prescription(
        tuple(_spread(more, count)), f"Same load, a rep more a set (aim {low}-{high} reps)"
    )


def next_sets(
    previous: Sequence[SetValues], target: Target, step_kg: float, kind: str = "weight"
) -> Prescription:
    """The sets to plan for next time from last time's, the target and the load step (kg).

    kind is the exercise's (weight, bodyweight, duration, distance); previous are last time's
    sets in order, warm-ups included (they are planned again as they were).
    """
    warmups = [s for s in previous if s.is_warmup]
    working = [s for s in previous if not s.is_warmup]
    if not working:
        first = _first_time(kind, target)
        return Prescription((*warmups, *first.sets), first.reason)
    if kind == "duration" or (kind != "distance" and all(s.reps is None for s in working)):
        plan = _holds([s for s in working if s.duration_seconds] or working, target, target.sets)
    elif kind == "distance" or all(s.reps is None for s in working):
        plan = Prescription(tuple(_spread(working, target.sets)), "As last time")
    elif target.rep_min is None or target.rep_max is None:
        repeated = [
            replace(s, rir=target.rir if target.rir is not None else s.rir)
            for s in working
            if s.reps
        ]
        plan = Prescription(tuple(_spread(repeated, target.sets)), "As last time")
    else:
        plan = _reps([s for s in working if s.reps], target, step_kg, kind)
    return Prescription((*warmups, *plan.sets), plan.reason)
