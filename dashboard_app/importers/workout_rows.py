"""Rows of a set-per-row export (Strong, Hevy) gathered into workouts, then sessions of sets.

The workout's name becomes the session's title; each set a line of its own (sets = 1).

Exports repeat data two ways, and neither may double a session: a whole workout exported twice
(its rows are one run of rows repeated) and a row written twice in a row. Two equal rows apart
in one workout stay: an exercise done twice in a session repeats its warm-up exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from dashboard_app.importers.batch import (
    MAX_IMPORT_KEY,
    ImportBatch,
    ImportedLine,
    ImportedSession,
    RowError,
)
from dashboard_app.importers.common import RowProblem, cell, parse_datetime
from dashboard_app.schemas.workouts import MAX_SESSION, MAX_SET_SECONDS

MAX_LINE_NOTES = 500
MAX_TITLE = 120
MAX_SESSION_NOTES = 4000


def import_key(prefix: str, start: datetime, name: str) -> str:
    """The workout's stable key: its start and name, e.g. 'strong:2023-01-01T09:24:45|Legs'."""
    return f"{prefix}:{start.isoformat()}|{' '.join(name.split())}"[:MAX_IMPORT_KEY]


def session_end(start: datetime, end: datetime | None) -> datetime | None:
    """The end, None when unknown or before the start, at most the longest session allowed."""
    if end is None or end < start:
        return None
    return min(end, start + MAX_SESSION)


def joined_notes(parts: list[str | None], limit: int) -> str | None:
    """Distinct non-empty notes, one a line, cut to limit characters."""
    text = "\n".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))
    return (text[: limit - 1] + "…" if len(text) > limit else text) or None


@dataclass(frozen=True)
class SetRow:
    """One set of a file, in SI units (kg, seconds, metres)."""

    exercise_name: str
    reps: int | None
    load_kg: float
    rir: int | None
    is_warmup: bool
    notes: str | None
    line: int
    duration_seconds: int | None = None
    distance_m: float | None = None
    superset: str | None = None  # the file's superset id within its workout


def session_lines(sets: list[SetRow]) -> tuple[ImportedLine, ...]:
    """Each set a line, in file order; consecutive sets of one exercise are one block.

    Supersets keep the file's grouping, numbered 1, 2, ... in order of appearance.
    """
    lines, block, groups = [], -1, {}
    for index, row in enumerate(sets):
        if index == 0 or row.exercise_name != sets[index - 1].exercise_name:
            block += 1
        group = None
        if row.superset is not None:
            group = groups.setdefault(row.superset, len(groups) + 1)
        lines.append(
            ImportedLine(
                exercise_name=row.exercise_name,
                sets=1,
                reps=row.reps,
                load_kg=row.load_kg,
                rir=row.rir,
                is_warmup=row.is_warmup,
                notes=row.notes[:MAX_LINE_NOTES] if row.notes else None,
                line=row.line,
                duration_seconds=row.duration_seconds,
                distance_m=row.distance_m,
                block=block,
                superset_group=group,
            )
        )
    return tuple(lines)


def measures(
    reps: int | None, seconds: float | None, distance_m: float | None, exercise: str
) -> tuple[int | None, int | None, float | None]:
    """A set's reps, seconds and metres as stored: a 0 is not a measure.

    RowProblem for a time too long to be one set.
    """
    reps = reps or None
    whole = round(seconds) if seconds and seconds > 0 else None
    if whole is not None and whole > MAX_SET_SECONDS:
        raise RowProblem(f"{exercise}: {seconds:g} s is longer than a day")
    distance = distance_m if distance_m and distance_m > 0 else None
    return reps, whole, distance


def copies(rows: list[tuple[str, ...]]) -> dict[int, int]:
    """{index of a row that repeats: index of the row it repeats}.

    A workout whose rows are one run repeated keeps the first run; otherwise only a row equal
    to the row just before it is a copy.
    """
    count = len(rows)
    for period in range(1, count // 2 + 1):
        if count % period == 0 and all(rows[i] == rows[i % period] for i in range(count)):
            return {i: i % period for i in range(period, count)}
    return {i: i - 1 for i in range(1, count) if rows[i] == rows[i - 1]}


@dataclass
class _Row:
    cells: tuple[str, ...]
    line: int
    outcome: SetRow | RowError  # a set; or why the row was skipped (or refused, if error)
    error: bool = False


@dataclass
class Workout:
    """A workout being read: its header and its rows so far."""

    key: str
    start: datetime
    end: datetime | None
    line: int
    title: str
    notes: list[str | None] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)

    def add_set(self, cells: list[str], line: int, row: SetRow) -> None:
        self.rows.append(_Row(_key(cells), line, row))

    def add_skip(self, cells: list[str], line: int, reason: str) -> None:
        self.rows.append(_Row(_key(cells), line, RowError(line, reason)))

    def add_error(self, cells: list[str], line: int, reason: str) -> None:
        self.rows.append(_Row(_key(cells), line, RowError(line, reason), error=True))

    def session(self, batch: ImportBatch) -> ImportedSession:
        """The session, with its rows' errors and skips added to the batch."""
        repeated = copies([row.cells for row in self.rows])
        sets = []
        for index, row in enumerate(self.rows):
            if index in repeated:
                original = self.rows[repeated[index]].line
                batch.skipped.append(RowError(row.line, f"an exact copy of line {original}"))
            elif isinstance(row.outcome, SetRow):
                sets.append(row.outcome)
            else:
                (batch.errors if row.error else batch.skipped).append(row.outcome)
        return ImportedSession(
            import_key=self.key,
            date=self.start.date(),
            start_time=self.start,
            end_time=session_end(self.start, self.end),
            notes=joined_notes(self.notes, MAX_SESSION_NOTES),
            lines=session_lines(sets),
            line=self.line,
            title=" ".join(self.title.split())[:MAX_TITLE] or None,
        )


def _key(cells: list[str]) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in cells)


class Workouts:
    """The workouts of one file, in order of first appearance."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.by_key: dict[str, Workout] = {}

    def workout(self, start: datetime, name: str, end: datetime | None, line: int) -> Workout:
        """The workout that started at start with this name, opened at its first row."""
        key = import_key(self.prefix, start, name)
        if key not in self.by_key:
            self.by_key[key] = Workout(key, start, end, line, name)
        return self.by_key[key]

    def finish(self, batch: ImportBatch) -> None:
        """Put the sessions, skipped rows and refused rows into the batch, in file order."""
        batch.sessions = [workout.session(batch) for workout in self.by_key.values()]
        batch.errors.sort(key=lambda error: error.line)
        batch.skipped.sort(key=lambda skipped: skipped.line)


@dataclass(frozen=True)
class WorkoutHeader:
    """What a row says of its workout: when it started and ended, its name, its notes."""

    start: datetime
    end: datetime | None
    name: str
    notes: tuple[str | None, ...]


Cell = Callable[[str], str]


def read_header(
    get: Cell, start: str, name: str, notes: str, end: Callable[[Cell, datetime], datetime | None]
) -> WorkoutHeader:
    """A row's workout from its start, name and notes columns; end(get, start) its end.

    RowProblem for a start that cannot be read; an end that cannot be read is no end (the
    start alone places the workout).
    """
    started = parse_datetime(get(start))
    try:
        ended = end(get, started)
    except RowProblem:
        ended = None
    return WorkoutHeader(started, ended, get(name), (get(notes),))


def read_workout_rows(
    kind: str,
    rows: Iterable[tuple[int, list[str]]],
    columns: dict[str, int],
    header_of: Callable[[Cell], WorkoutHeader],
    read_set: Callable[[Workout, list[str], int, Cell], None],
) -> ImportBatch:
    """Every row's set gathered into its workout, the workouts into a batch.

    header_of raises RowProblem for a row whose workout cannot be placed (it is refused with
    its line); read_set adds the row's set, skip or error to its workout.
    """
    batch = ImportBatch(kind=kind)
    workouts = Workouts(kind)
    for line, cells in rows:
        batch.rows_read += 1
        get = partial(cell, cells, columns)
        try:
            header = header_of(get)
        except RowProblem as problem:
            batch.errors.append(RowError(line, str(problem)))
            continue
        workout = workouts.workout(header.start, header.name, header.end, line)
        workout.notes += header.notes
        read_set(workout, cells, line, get)
    workouts.finish(batch)
    return batch
