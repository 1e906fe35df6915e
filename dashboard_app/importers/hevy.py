"""Read a Hevy app CSV export (one row per set) into an ImportBatch.

Hevy names its unit in the header (weight_kg or weight_lbs) and writes dates in the phone's
language ("8 Apr 2026, 16:50", "4 de set. de 2026, 15:16"). Set types are normal, warmup,
failure and dropset; only warm-ups are marked, the others are working sets. Timed and
cardio sets (duration_seconds, a distance) are sets too; a superset_id groups the exercises
of a workout done as a superset.
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
    measures,
    read_header,
    read_workout_rows,
)

WHAT = "a Hevy export"
REQUIRED = ("title", "start_time", "exercise_title", "reps")
WEIGHT_COLUMNS = {"weight_kg": "kg", "weight_lbs": "lb", "weight_lb": "lb"}
DISTANCE_COLUMNS = {"distance_km": 1000.0, "distance_miles": 1609.344, "distance_meters": 1.0}
SET_TYPES = {"": False, "normal": False, "failure": False, "dropset": False, "warmup": True}


def _distance_m(get) -> float | None:
    for column, metres in DISTANCE_COLUMNS.items():
        distance = parse_number(get(column), "distance")
        if distance:
            return distance * metres
    return None


def _read_set(workout: Workout, cells: list[str], line: int, get, weight: str) -> None:
    """Add the row to its workout: a set, a skipped row or a refused one."""
    exercise = " ".join(get("exercise_title").split())
    try:
        if not exercise:
            raise RowProblem("the exercise has no name")
        set_type = get("set_type").lower()
        if set_type not in SET_TYPES:
            raise RowProblem(f"set_type {set_type!r} is not normal, warmup, failure or dropset")
        load = parse_load(get(weight), WEIGHT_COLUMNS[weight])
        reps, seconds, distance = measures(
            parse_reps(get("reps")),
            parse_number(get("duration_seconds"), "duration"),
            _distance_m(get),
            exercise,
        )
        rir = rir_from_rpe(get("rpe"))
    except RowProblem as problem:
        workout.add_error(cells, line, str(problem))
        return
    if reps is None and seconds is None and distance is None:
        reason = "an empty set (no weight or reps)" if not get(weight) else "no reps"
        workout.add_skip(cells, line, f"{exercise}: {reason}")
        return
    superset = get("superset_id").strip() or None
    row = SetRow(
        exercise,
        reps,
        load,
        rir,
        SET_TYPES[set_type],
        get("exercise_notes"),
        line,
        seconds,
        distance,
        superset,
    )
    workout.add_set(cells, line, row)


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
