"""Read a Strong app CSV export (one row per set) into an ImportBatch.

Strong writes no unit in its classic layout, so the reader takes it from the caller; the newer
semicolon layout names it in the header ("Weight (kg)"), which then wins. Column names may be
localised (Simplified Chinese is known); durations read "56m", "1h 2m", "1小时13分钟" or, in
the semicolon layout, seconds. Timed sets (a plank's seconds) and distances (a run's, with
its seconds) are sets like any other. The classic layout's distance has no unit: it is taken
in km for a kg export and miles for a lb one, as Strong shows it; a header or a "Distance
Unit" column that names one wins.
"""

from __future__ import annotations

from dashboard_app.importers.batch import ImportBatch
from dashboard_app.importers.common import (
    RowProblem,
    decode_text,
    end_of,
    not_this_format,
    parse_duration,
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

WHAT = "a Strong export"
# Localised column names, as Strong writes them, to the English ones.
COLUMN_NAMES = {
    "日期": "Date",
    "锻炼名称": "Workout Name",
    "时长": "Duration",
    "运动名称": "Exercise Name",
    "设置顺序": "Set Order",
    "重量": "Weight",
    "次": "Reps",
    "距离": "Distance",
    "秒": "Seconds",
    "备注": "Notes",
    "锻炼备注": "Workout Notes",
}
# Header spellings that carry their unit (the semicolon layout).
UNIT_COLUMNS = {
    "Weight (kg)": ("Weight", "kg"),
    "Weight (lbs)": ("Weight", "lb"),
    "Weight (lb)": ("Weight", "lb"),
    "Duration (sec)": ("Duration", None),
}
DISTANCE_COLUMNS = {"Distance (meters)": "m", "Distance (km)": "km", "Distance (mi)": "mi"}
METRES_PER = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "ft": 0.3048, "meters": 1.0}
REQUIRED = ("Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Reps")
WARM_UP, DROP_SET, FAILURE, REST_TIMER = "w", "d", "f", "rest timer"


def _columns(header: list[str]) -> tuple[dict[str, int], str | None, str | None]:
    """{English column name: index}, and the weight and distance units the header names."""
    columns, unit, distance = {}, None, None
    for index, raw in enumerate(header):
        name = COLUMN_NAMES.get(raw, raw)
        if name in UNIT_COLUMNS:
            name, named_unit = UNIT_COLUMNS[name]
            unit = named_unit or unit
        if name in DISTANCE_COLUMNS:
            name, distance = "Distance", DISTANCE_COLUMNS[name]
        columns.setdefault(name, index)
    return columns, unit, distance


def _set_kind(text: str) -> bool:
    """Whether the set is a warm-up; RowProblem for a Set Order Strong never writes."""
    order = text.strip().lower()
    if order.isdigit() or order in (DROP_SET, FAILURE):
        return False
    if order == WARM_UP:
        return True
    raise RowProblem(f"Set Order {text!r} is not a set number, W, D or F")


def _distance_m(get, unit: str | None) -> float | None:
    """The row's distance in metres, in the unit its header or row names."""
    value = parse_number(get("Distance"), "distance")
    if not value:
        return None
    named = (get("Distance Unit") or unit or "").strip().lower()
    if named not in METRES_PER:
        raise RowProblem(f"distance unit {named!r} is not m, km, mi or ft")
    return value * METRES_PER[named]


def _read_set(
    workout: Workout, cells: list[str], line: int, get, unit: str, distance_unit: str
) -> None:
    """Add the row to its workout: a set, a skipped row or a refused one."""
    exercise = " ".join(get("Exercise Name").split())
    try:
        if get("Set Order").lower() == REST_TIMER:
            workout.add_skip(cells, line, f"{exercise or 'rest'}: a rest timer")
            return
        if not exercise:
            raise RowProblem("the exercise has no name")
        is_warmup = _set_kind(get("Set Order"))
        row_unit = (get("Weight Unit") or unit).strip().lower().replace("lbs", "lb")
        if row_unit not in ("kg", "lb"):
            raise RowProblem(f"weight unit {row_unit!r} is not kg or lb")
        load = parse_load(get("Weight"), row_unit)
        reps, seconds, distance = measures(
            parse_reps(get("Reps")),
            parse_number(get("Seconds"), "seconds"),
            _distance_m(get, distance_unit),
            exercise,
        )
        rir = rir_from_rpe(get("RPE"))
    except RowProblem as problem:
        workout.add_error(cells, line, str(problem))
        return
    if reps is None and seconds is None and distance is None:
        reason = "an empty set (no weight or reps)" if not get("Weight") else "no reps"
        workout.add_skip(cells, line, f"{exercise}: {reason}")
        return
    row = SetRow(exercise, reps, load, rir, is_warmup, get("Notes"), line, seconds, distance)
    workout.add_set(cells, line, row)


def read_strong(data: bytes | str, unit: str) -> ImportBatch:
    """Read a Strong CSV export whose loads are in unit ('kg' or 'lb') unless it names one."""
    header, rows = read_table(decode_text(data), WHAT)
    columns, named_unit, named_distance = _columns(header)
    for name in REQUIRED:
        if name not in columns:
            raise not_this_format(WHAT, name, header)
    unit = named_unit or unit
    if unit not in ("kg", "lb"):
        raise ValueError(f"unit must be 'kg' or 'lb', not {unit!r}")
    distance_unit = named_distance or ("km" if unit == "kg" else "mi")
    return read_workout_rows(
        "strong",
        rows,
        columns,
        _header,
        lambda workout, cells, line, get: _read_set(workout, cells, line, get, unit, distance_unit),
    )


def _header(get) -> WorkoutHeader:
    return read_header(get, "Date", "Workout Name", "Workout Notes", _end)


def _end(get, start):
    return end_of(start, parse_duration(get("Duration")))
