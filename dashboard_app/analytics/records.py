"""Personal records of one exercise, derived from its logged lines (pure code, plain data).

Record types, all over lines that are not warm-ups:

- ``e1rm``: best estimated one-rep max (the user's formula; lines above 12 reps get none);
- ``max_load``: heaviest load lifted for at least one rep;
- ``max_reps``: most reps in one set, at any load;
- ``max_volume``: best single line, sets x reps x load;
- ``session_volume``: best session, the sum of its lines' sets x reps x load.

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

LINE_RECORD_TYPES = RECORD_TYPES[:4]
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
    reps: int
    load_kg: float
    is_warmup: bool = False


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


def line_value(record_type: str, line: RecordLine, formula: str) -> float | None:
    """The line's value for a per-line record type, or None when it cannot set one."""
    if line.is_warmup:
        return None
    if record_type == "e1rm":
        value = estimated_one_rep_max(line.load_kg, line.reps, formula)
    elif record_type == "max_load":
        value = line.load_kg
    elif record_type == "max_reps":
        value = float(line.reps)
    elif record_type == "max_volume":
        value = line.sets * line.reps * line.load_kg
    else:
        raise ValueError(f"not a per-line record type: {record_type!r}")
    return value if value is not None and value > 0 else None


def _session_bests(lines: list[RecordLine], formula: str) -> dict[str, tuple[float, RecordLine]]:
    """The session's best value of each per-line type, with the first line that reached it."""
    bests: dict[str, tuple[float, RecordLine]] = {}
    for line in lines:
        for record_type in LINE_RECORD_TYPES:
            value = line_value(record_type, line, formula)
            if value is None:
                continue
            held = bests.get(record_type)
            if held is None or round(value, TIE_DECIMALS) > round(held[0], TIE_DECIMALS):
                bests[record_type] = (value, line)
    return bests


def record_progression(lines: Iterable[RecordLine], formula: str = "brzycki") -> list[RecordEvent]:
    """Every record event of one exercise's lines, in training order (module docstring)."""
    ordered = sorted(lines, key=training_order)
    held: dict[str, float] = {}
    events: list[RecordEvent] = []

    def consider(record_type: str, value: float, session: list[RecordLine], line) -> None:
        previous = held.get(record_type)
        if previous is not None and round(value, TIE_DECIMALS) <= round(previous, TIE_DECIMALS):
            return
        held[record_type] = value
        events.append(
            RecordEvent(
                record_type=record_type,
                value=value,
                achieved_on=session[0].date,
                session_id=session[0].session_id,
                line_id=line.line_id if line else None,
                sets=line.sets if line else None,
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
        volume = sum(line.sets * line.reps * line.load_kg for line in session if not line.is_warmup)
        if volume > 0:
            consider("session_volume", volume, session, None)
    return events


def current_records(events: Iterable[RecordEvent]) -> dict[str, RecordEvent]:
    """The latest (so best) event of each record type."""
    return {event.record_type: event for event in events}
