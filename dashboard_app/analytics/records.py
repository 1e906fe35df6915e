"""Personal records of one exercise, derived from its logged sets (pure code, plain data).

A row is a set; an old row may hold several equal sets (``sets`` > 1), which count as sets
of its reps x load each. Record types, all over sets that are not warm-ups:

- ``e1rm``: best estimated one-rep max (the user's formula; sets above 12 reps get none);
- ``max_load``: heaviest load lifted for at least one rep;
- ``max_reps``: most reps in one set, at any load;
- ``max_volume``: best single set, reps x load;
- ``max_duration``: longest timed set (a hold), in seconds;
- ``max_distance``: longest distance in one set, in metres;
- ``best_pace``: fastest pace over at least MIN_PACE_METRES, in seconds per km (lower is
  better, the one type that falls);
- ``session_volume``: best session, the sum of its rows' sets x reps x load.

A record's history is its progression: walking the sessions in training order, a session
enters the history of a type when its best value for that type beats every earlier session's
(strictly; a tie is not a new record). The first session that has a value sets the first
record. Within a session the first line, in logged order, that reaches the session's best
is the one credited. A value of zero (an unloaded line's load or volume) is no record.

Training order is (date, start time with unknown times first, session id): sessions of one day
keep the order they were trained in when the start was logged, else the order they were saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from dashboard_app.analytics.strength import estimated_one_rep_max
from db.vocabulary import RECORD_TYPES

LINE_RECORD_TYPES = tuple(kind for kind in RECORD_TYPES if kind != "session_volume")
LOWER_IS_BETTER = frozenset({"best_pace"})
# A pace over a shorter distance is a sprint's, not comparable with a run's.
MIN_PACE_METRES = 400.0
# Values equal to this many decimals are ties: float noise never makes a record.
TIE_DECIMALS = 6


@dataclass(frozen=True)
class RecordLine:
    """One logged line of the exercise, with what places its session in training order."""

    line_id: int
    session_id: int
    date: date
    start_time: datetime | None
    position: int
    sets: int
    reps: int | None
    load_kg: float
    is_warmup: bool = False
    duration_seconds: int | None = None
    distance_m: float | None = None


@dataclass(frozen=True)
class RecordEvent:
    """A session that set a new best of one record type (line_id None: a session's volume)."""

    record_type: str
    value: float
    achieved_on: date
    session_id: int
    line_id: int | None
    sets: int | None
    reps: int | None
    load_kg: float | None
    previous: float | None

    @property
    def key(self) -> tuple:
        """Everything stored about the event: a stored row equal to it needs no rewrite."""
        return record_key(
            self.record_type,
            self.session_id,
            self.line_id,
            self.value,
            self.achieved_on,
            self.sets,
            self.reps,
            self.load_kg,
        )


def record_key(record_type, session_id, line_id, value, achieved_on, sets, reps, load_kg) -> tuple:
    """The comparable form of a record, from an event or a stored row alike."""
    return (
        record_type,
        session_id,
        line_id,
        round(value, TIE_DECIMALS),
        achieved_on,
        sets,
        reps,
        None if load_kg is None else round(load_kg, TIE_DECIMALS),
    )


def training_order(line: RecordLine) -> tuple:
    """Sort key of lines: sessions in training order, lines in logged order within one."""
    started = line.start_time is not None
    start = line.start_time or datetime.min
    return (line.date, started, start, line.session_id, line.position, line.line_id)


def _pace(line: RecordLine) -> float | None:
    if not line.distance_m or not line.duration_seconds or line.distance_m < MIN_PACE_METRES:
        return None
    return line.duration_seconds / (line.distance_m / 1000)


def line_value(record_type: str, line: RecordLine, formula: str) -> float | None:
    """The set's value for a per-set record type, or None when it cannot set one."""
    if line.is_warmup:
        return None
    reps = line.reps
    if record_type == "e1rm":
        value = estimated_one_rep_max(line.load_kg, reps, formula) if reps else None
    elif record_type == "max_load":
        value = line.load_kg if reps else None
    elif record_type == "max_reps":
        value = float(reps) if reps else None
    elif record_type == "max_volume":
        value = reps * line.load_kg if reps else None
    elif record_type == "max_duration":
        value = float(line.duration_seconds) if line.duration_seconds else None
    elif record_type == "max_distance":
        value = line.distance_m
    elif record_type == "best_pace":
        value = _pace(line)
    else:
        raise ValueError(f"not a per-set record type: {record_type!r}")
    return value if value is not None and value > 0 else None


def beats(record_type: str, value: float, held: float | None) -> bool:
    """Whether value is a new best over held (strictly: a tie is not a record)."""
    if held is None:
        return True
    new, old = round(value, TIE_DECIMALS), round(held, TIE_DECIMALS)
    return new < old if record_type in LOWER_IS_BETTER else new > old


def session_volume(lines: Iterable[RecordLine]) -> float:
    """Sets x reps x load over the working sets (a timed or distance set adds none)."""
    return sum(line.sets * (line.reps or 0) * line.load_kg for line in lines if not line.is_warmup)


def _session_bests(lines: list[RecordLine], formula: str) -> dict[str, tuple[float, RecordLine]]:
    """The session's best value of each per-line type, with the first line that reached it."""
    bests: dict[str, tuple[float, RecordLine]] = {}
    for line in lines:
        for record_type in LINE_RECORD_TYPES:
            value = line_value(record_type, line, formula)
            if value is None:
                continue
            held = bests.get(record_type)
            if beats(record_type, value, held[0] if held else None):
                bests[record_type] = (value, line)
    return bests


def record_progression(lines: Iterable[RecordLine], formula: str = "brzycki") -> list[RecordEvent]:
    """Every record event of one exercise's lines, in training order (module docstring)."""
    ordered = sorted(lines, key=training_order)
    held: dict[str, float] = {}
    events: list[RecordEvent] = []

    def consider(record_type: str, value: float, session: list[RecordLine], line) -> None:
        previous = held.get(record_type)
        if not beats(record_type, value, previous):
            return
        held[record_type] = value
        events.append(
            RecordEvent(
                record_type=record_type,
                value=value,
                achieved_on=session[0].date,
                session_id=session[0].session_id,
                line_id=line.line_id if line else None,
                sets=1 if line else None,  # a set made it (an old line of several: one of them)
                reps=line.reps if line else None,
                load_kg=line.load_kg if line else None,
                previous=previous,
            )
        )

    for _session_id, grouped in groupby(ordered, key=lambda line: line.session_id):
        session = list(grouped)
        bests = _session_bests(session, formula)
        for record_type in LINE_RECORD_TYPES:
            if record_type in bests:
                value, line = bests[record_type]
                consider(record_type, value, session, line)
        volume = session_volume(session)
        if volume > 0:
            consider("session_volume", volume, session, None)
    return events


def current_records(events: Iterable[RecordEvent]) -> dict[str, RecordEvent]:
    """The latest (so best) event of each record type."""
    return {event.record_type: event for event in events}
