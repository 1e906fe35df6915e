"""Read a Hevy app CSV export (one row per set) into an ImportBatch.

Hevy names its unit in the header (weight_kg or weight_lbs) and writes dates in the phone's
language ("8 Apr 2026, 16:50", "4 de set. de 2026, 15:16"). Set types are normal, warmup,
failure and dropset; only warm-ups are marked, the others are working sets.
"""

from __future__ import annotations

from dashboard_app.importers.batch import ImportBatch
from dashboard_app.importers.common import (
    RowProblem,
    decode_text,
    not_this_format,
    parse_datetime,
    parse_load,
    parse_number,
    parse_reps,
    read_table,
    rir_from_rpe,
)
from dashboard_app.importers.workout_rows import (
    SetRow,
    Workout,
    WorkoutHeader,
    read_header,
    read_workout_rows,
)

WHAT = "a Hevy export"
REQUIRED = ("title", "start_time", "exercise_title", "reps")
WEIGHT_COLUMNS = {"weight_kg": "kg", "weight_lbs": "lb", "weight_lb": "lb"}
DISTANCE_COLUMNS = {"distance_km": "km", "distance_miles": "mi", "distance_meters": "m"}
SET_TYPES = {"": False, "normal": False, "failure": False, "dropset": False, "warmup": True}


def _skip_reason(get, exercise: str, reps: int | None, weight_column: str) -> str | None:
    """Why a readable row holds no set of reps x load (it is skipped, not an error)."""
    if reps:
        return None
    seconds = parse_number(get("duration_seconds"), "duration") or 0
    for column, unit in DISTANCE_COLUMNS.items():
        distance = parse_number(get(column), "distance") or 0
        if distance > 0:
            return f"{exercise}: cardio ({distance:g} {unit}, {seconds:g} s), not reps"
    if seconds > 0:
        return f"{exercise}: a timed set ({seconds:g} s), not reps"
    if reps is None and not get(weight_column):
        return f"{exercise}: an empty set (no weight or reps)"
    return f"{exercise}: no reps"


def _read_set(workout: Workout, cells: list[str], line: int, get, weight: str) -> None:
    """Add the row to its workout: a set, a skipped row or a refused one."""
    exercise = " ".join(get("exercise_title").split())
    try:
        if not exercise:
            raise RowProblem("the exercise has no name")
        set_type = get("set_type").lower()
        if set_type not in SET_TYPES:
            raise RowProblem(f"set_type {set_type!r} is not normal, warmup, failure or dropset")
        reps = parse_reps(get("reps"))
        load = parse_load(get(weight), WEIGHT_COLUMNS[weight])
        rir = rir_from_rpe(get("rpe"))
        skip = _skip_reason(get, exercise, reps, weight)
    except RowProblem as problem:
        workout.add_error(cells, line, str(problem))
        return
    if skip:
        workout.add_skip(cells, line, skip)
        return
    notes = get("exercise_notes")
    workout.add_set(
        cells, line, SetRow(exercise, reps, load, rir, SET_TYPES[set_type], notes, line)
    )


def read_hevy(data: bytes | str) -> ImportBatch:
    """Read a Hevy CSV export; loads in the unit its header names, converted to kg."""
    header, rows = read_table(decode_text(data), WHAT)
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(name.lower(), index)
    for name in REQUIRED:
        if name not in columns:
            raise not_this_format(WHAT, name, header)
    weight = next((c for c in WEIGHT_COLUMNS if c in columns), None)
    if weight is None:
        raise not_this_format(WHAT, "weight_kg", header)
    return read_workout_rows(
        "hevy",
        rows,
        columns,
        _header,
        lambda workout, cells, line, get: _read_set(workout, cells, line, get, weight),
    )


def _header(get) -> WorkoutHeader:
    return read_header(get, "start_time", "title", "description", _end)


def _end(get, _start):
    return parse_datetime(get("end_time")) if get("end_time") else None
