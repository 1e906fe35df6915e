"""Read a Strong app CSV export (one row per set) into an ImportBatch.

Strong writes no unit in its classic layout, so the reader takes it from the caller; the newer
semicolon layout names it in the header ("Weight (kg)"), which then wins. Column names may be
localised (Simplified Chinese is known); durations read "56m", "1h 2m", "1小时13分钟" or, in
the semicolon layout, seconds.
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
    "Distance (meters)": ("Distance", None),
    "Distance (km)": ("Distance", None),
    "Distance (mi)": ("Distance", None),
}
REQUIRED = ("Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Reps")
WARM_UP, DROP_SET, FAILURE, REST_TIMER = "w", "d", "f", "rest timer"


def _columns(header: list[str]) -> tuple[dict[str, int], str | None]:
    """{English column name: index}, and the unit the header names, if any."""
    columns, unit = {}, None
    for index, raw in enumerate(header):
        name = COLUMN_NAMES.get(raw, raw)
        if name in UNIT_COLUMNS:
            name, named_unit = UNIT_COLUMNS[name]
            unit = named_unit or unit
        columns.setdefault(name, index)
    return columns, unit


def _set_kind(text: str) -> bool:
    """Whether the set is a warm-up; RowProblem for a Set Order Strong never writes."""
    order = text.strip().lower()
    if order.isdigit() or order in (DROP_SET, FAILURE):
        return False
    if order == WARM_UP:
        return True
    raise RowProblem(f"Set Order {text!r} is not a set number, W, D or F")


def _skip_reason(get, exercise: str, reps: int | None) -> str | None:
    """Why a readable row holds no set of reps x load (it is skipped, not an error)."""
    seconds = parse_number(get("Seconds"), "seconds") or 0
    distance = parse_number(get("Distance"), "distance") or 0
    if reps:
        return None
    if seconds > 0:
        return f"{exercise}: a timed set ({seconds:g} s), not reps"
    if distance > 0:
        return f"{exercise}: a distance ({distance:g}), not reps"
    if reps is None and not get("Weight"):
        return f"{exercise}: an empty set (no weight or reps)"
    return f"{exercise}: no reps"


def _read_set(workout: Workout, cells: list[str], line: int, get, unit: str) -> None:
    """Add the row to its workout: a set, a skipped row or a refused one."""
    exercise = " ".join(get("Exercise Name").split())
    try:
        if get("Set Order").lower() == REST_TIMER:
            workout.add_skip(cells, line, f"{exercise or 'rest'}: a rest timer")
            return
        if not exercise:
            raise RowProblem("the exercise has no name")
        is_warmup = _set_kind(get("Set Order"))
        reps = parse_reps(get("Reps"))
        load = parse_load(get("Weight"), unit)
        rir = rir_from_rpe(get("RPE"))
        skip = _skip_reason(get, exercise, reps)
    except RowProblem as problem:
        workout.add_error(cells, line, str(problem))
        return
    if skip:
        workout.add_skip(cells, line, skip)
    else:
        workout.add_set(
            cells, line, SetRow(exercise, reps, load, rir, is_warmup, get("Notes"), line)
        )


def read_strong(data: bytes | str, unit: str) -> ImportBatch:
    """Read a Strong CSV export whose loads are in unit ('kg' or 'lb') unless it names one."""
    header, rows = read_table(decode_text(data), WHAT)
    columns, named_unit = _columns(header)
    for name in REQUIRED:
        if name not in columns:
            raise not_this_format(WHAT, name, header)
    unit = named_unit or unit
    if unit not in ("kg", "lb"):
        raise ValueError(f"unit must be 'kg' or 'lb', not {unit!r}")
    return read_workout_rows(
        "strong",
        rows,
        columns,
        _header,
        lambda workout, cells, line, get: _read_set(workout, cells, line, get, unit),
    )


def _header(get) -> WorkoutHeader:
    return read_header(get, "Date", "Workout Name", "Workout Notes", _end)


def _end(get, start):
    return end_of(start, parse_duration(get("Duration")))
