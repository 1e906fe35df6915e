"""The Strong reader: every quirk of its exports, on hand-written samples and the real files."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest

from dashboard_app.importers.batch import ImportedLine, NotThisFormat, RowError
from dashboard_app.importers.common import RowProblem, parse_duration, rir_from_rpe
from dashboard_app.importers.strong import read_strong
from dashboard_app.importers.workout_rows import copies
from tests.helpers import (
    SHARED_DATA,
    assert_every_row_kept_or_listed,
    import_fixture,
    needs_shared_data,
    number,
    shared_data,
    timed_without_reps,
)


def test_quirks_sample_in_pounds_reads_sets_warm_ups_rpe_and_body_weight():
    batch = read_strong(import_fixture("strong_quirks.csv"), "lb")
    assert batch.kind == "strong" and batch.rows_read == 18
    push, legs, long_one = batch.sessions
    assert push.import_key == "strong:2024-03-01T18:00:00|Push Day"  # leading space trimmed
    assert (push.date, push.start_time, push.end_time) == (
        date(2024, 3, 1),
        datetime(2024, 3, 1, 18, 0),
        datetime(2024, 3, 1, 19, 2),  # "1h 2m"
    )
    # The workout's name is the title; the notes hold only the workout's notes.
    assert (push.title, push.notes, push.line) == ("Push Day", "Felt good", 2)
    assert push.lines == (
        ImportedLine("Bench Press (Barbell)", 1, 10, 20.41, None, True, None, line=2, block=0),
        # Each set of the file is a line of its own, equal sets included.
        ImportedLine("Bench Press (Barbell)", 1, 5, 83.91, 2, False, "paused", line=3, block=0),
        ImportedLine("Bench Press (Barbell)", 1, 5, 83.91, 2, False, None, line=4, block=0),
        ImportedLine("Bench Press (Barbell)", 1, 5, 83.91, 2, False, None, line=5, block=0),
        ImportedLine("Bench Press (Barbell)", 1, 8, 61.23, 1, False, None, line=6, block=0),  # D
        ImportedLine("Chest Dip", 1, 12, 0.0, line=8, block=1),  # trailing space, body weight
        ImportedLine("Chest Dip", 1, 9, 0.0, line=9, block=1),  # F
        # Reps 0 and Seconds 60: a timed set, not a skipped row.
        ImportedLine("Plank", 1, None, 0.0, line=10, duration_seconds=60, block=2),
        ImportedLine("Zzzdump2", 1, 11, 34.02, line=11, block=3),  # 74.99999999999999 lb
    )
    assert (legs.title, legs.notes) == ("Legs", None)
    assert legs.lines == (
        ImportedLine("Squat (Barbell)", 1, 5, 102.06, line=13, block=0),
        # The classic layout's distance has no unit: miles in a pound export (5 mi, 40 min).
        ImportedLine(
            "Running", 1, None, 0.0, line=17, duration_seconds=2400, distance_m=8046.72, block=1
        ),
    )
    assert legs.end_time == datetime(2024, 3, 3, 8, 26)  # "56m"
    # 14 h 5 min on the clock: the end is capped at the longest session the schema allows.
    assert long_one.end_time == datetime(2024, 3, 5, 18, 0)
    assert long_one.lines[0].load_kg == 142.88
    assert batch.errors == [
        RowError(14, "weight 'heavy' is not a number"),
        RowError(15, "reps 'x' is not a number"),
        RowError(16, "weight '-10' is negative"),
        RowError(18, "date 'not a date' is not a date and time"),
    ]
    assert batch.skipped == [
        RowError(7, "Bench Press (Barbell): a rest timer"),
        RowError(12, "an exact copy of line 11"),
    ]
    assert_every_row_kept_or_listed(batch, 18)


def test_the_unit_given_is_the_unit_of_the_loads():
    batch = read_strong(import_fixture("strong_quirks.csv"), "kg")
    bench = batch.sessions[0].lines[1]
    assert bench.load_kg == 185.0  # 185.00000000000003 rounded to 0.01 kg
    running = batch.sessions[1].lines[1]
    assert (running.exercise_name, running.distance_m) == ("Running", 5000.0)  # 5 km


def test_a_whole_workout_exported_twice_counts_once():
    batch = read_strong(import_fixture("strong_doubled_workout.csv"), "kg")
    first, second = batch.sessions
    assert [(line.line, line.sets, line.reps, line.load_kg) for line in first.lines] == [
        (2, 1, 8, 45.0),
        (3, 1, 5, 90.0),
        (4, 1, 5, 90.0),
    ]
    assert batch.skipped == [
        RowError(5, "an exact copy of line 2"),
        RowError(6, "an exact copy of line 3"),
        RowError(7, "an exact copy of line 4"),
    ]
    assert second.lines == (ImportedLine("Bench Press (Barbell)", 1, 5, 60.0, line=8, block=0),)
    assert_every_row_kept_or_listed(batch, 7)


def test_chinese_headers_and_durations():
    batch = read_strong(import_fixture("strong_zh.csv"), "lb")
    pull, legs = batch.sessions
    assert pull.import_key == "strong:2021-03-02T08:05:00|Pull A"
    assert pull.end_time - pull.start_time == timedelta(hours=1, minutes=13)  # 1小时13分钟
    assert legs.end_time - legs.start_time == timedelta(minutes=45)  # 45分钟
    assert (pull.title, pull.notes) == ("Pull A", "星期三")
    assert pull.lines == (
        ImportedLine("Bent Over Row (Barbell)", 1, 5, 20.0, notes="4x8 plan", line=2, block=0),
        ImportedLine("Bent Over Row (Barbell)", 1, 5, 20.0, line=3, block=0),
    )
    assert legs.lines[0].load_kg == 45.36  # 100 lb
    assert batch.skipped == [
        RowError(5, "an exact copy of line 2"),
        RowError(6, "an exact copy of line 3"),
    ]


def test_semicolon_layout_names_its_unit_and_gives_seconds():
    batch = read_strong(import_fixture("strong_semicolon.csv"), "lb")  # the header's kg wins
    upper, lunch = batch.sessions
    assert upper.import_key == "strong:2024-12-02T18:00:00|Upper"  # no "Workout #" in it
    assert upper.end_time - upper.start_time == timedelta(seconds=2134)
    assert (upper.title, lunch.title) == ("Upper", "Lunch lift")
    assert upper.lines == (
        ImportedLine("Bent Over Row (Barbell)", 1, 16, 10.0, line=2, block=0),
        ImportedLine("Bent Over Row (Barbell)", 1, 16, 10.0, line=3, block=0),
    )
    assert lunch.lines == (ImportedLine("Leg Press", 1, 12, 80.5, rir=3, line=5, block=0),)
    assert batch.skipped == [RowError(4, "Leg Press: an empty set (no weight or reps)")]


def test_old_layout_without_duration_and_windows_line_ends():
    batch = read_strong(import_fixture("strong_old_crlf.csv"), "kg")
    (session,) = batch.sessions
    assert session.end_time is None
    assert session.title == "Afternoon Workout" and session.notes is None
    assert session.lines == (ImportedLine("Bench Press (Barbell)", 1, 10, 50.0, line=2, block=0),)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "name,amount\ncoffee,2\n",
            "This is not a Strong export: the first line has no 'Date' column.",
        ),
        (
            "Date,Workout Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,1,10,5\n",
            "This is not a Strong export: the first line has no 'Exercise Name' column.",
        ),
        ("", "This is not a Strong export: the first line is empty."),
        (b"PK\x03\x04\x00\x00", "This is not a Strong export: it is a binary file"),
        (
            "title,start_time,end_time,exercise_title,set_type,weight_kg,reps\n",
            "It looks like a Hevy export: import it as hevy.",
        ),
    ],
)
def test_a_file_that_is_not_a_strong_export_is_refused(data, message):
    with pytest.raises(NotThisFormat) as refused:
        read_strong(data, "kg")
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("56m", timedelta(minutes=56)),
        ("1h 2m", timedelta(hours=1, minutes=2)),
        ("1h", timedelta(hours=1)),
        ("1小时13分钟", timedelta(hours=1, minutes=13)),
        ("12分钟", timedelta(minutes=12)),
        ("2134", timedelta(seconds=2134)),
        ("", None),
    ],
)
def test_durations(text, expected):
    assert parse_duration(text) == expected


def test_a_duration_that_is_not_one_is_a_problem():
    with pytest.raises(RowProblem):
        parse_duration("soon")


@pytest.mark.parametrize(
    ("rpe", "rir"), [("", None), ("8", 2), ("9.5", 1), ("10", 0), ("6", 4), ("0", 10)]
)
def test_rpe_becomes_reps_in_reserve(rpe, rir):
    assert rir_from_rpe(rpe) == rir


@pytest.mark.parametrize("rpe", ["11", "85", "-1"])
def test_an_rpe_off_the_scale_is_a_problem(rpe):
    with pytest.raises(RowProblem, match="RPE"):
        rir_from_rpe(rpe)


def test_copies_are_a_repeated_workout_or_a_row_twice_in_a_row():
    a, b, c = ("a",), ("b",), ("c",)
    assert copies([a, b, a, b]) == {2: 0, 3: 1}
    assert copies([a, a, b]) == {1: 0}
    # An exercise done twice repeats its warm-up row exactly: both stay.
    assert copies([a, b, a, c]) == {}


def test_sets_of_one_exercise_in_a_row_are_one_block_and_a_new_exercise_the_next():
    batch = read_strong(import_fixture("strong_cardio.csv"), "kg")
    (session,) = batch.sessions
    names_and_blocks = [(line.exercise_name, line.block) for line in session.lines]
    assert names_and_blocks == [
        ("Zzzjog", 0),
        ("Zzzsprint", 1),
        ("Zzzsprint", 1),
        ("Zzzhold", 2),
        ("Zzzhold", 2),  # the rest timer and the empty set between them are skipped
        ("Zzzjog", 3),  # the same exercise again, after another: a block of its own
    ]
    assert all(line.sets == 1 and line.superset_group is None for line in session.lines)


def test_a_run_in_the_classic_layout_is_a_distance_set_in_km_for_a_kg_export():
    batch = read_strong(import_fixture("strong_cardio.csv"), "kg")
    (run,) = batch.sessions
    # "  Morning   Run ": the title and the key with their spaces normalised.
    assert run.import_key == "strong:2024-04-02T07:00:00|Morning Run"
    assert (run.title, run.notes) == ("Morning Run", "Sunny")
    assert run.lines == (
        ImportedLine(
            "Zzzjog",
            1,
            None,
            0.0,
            notes="easy pace",
            line=2,
            duration_seconds=1500,
            distance_m=5000.0,
            block=0,
        ),
        ImportedLine(
            "Zzzsprint", 1, None, 0.0, line=3, duration_seconds=40, distance_m=200.0, block=1
        ),
        ImportedLine(
            "Zzzsprint", 1, None, 0.0, line=4, duration_seconds=38, distance_m=200.0, block=1
        ),
        ImportedLine("Zzzhold", 1, None, 0.0, line=5, duration_seconds=45, block=2),
        ImportedLine("Zzzhold", 1, 10, 0.0, line=8, block=2),
        ImportedLine(
            "Zzzjog", 1, None, 0.0, line=9, duration_seconds=960, distance_m=3000.0, block=3
        ),
    )
    assert [line.kind for line in run.lines] == [
        "distance",
        "distance",
        "distance",
        "duration",
        "weight",
        "distance",
    ]
    assert not batch.errors
    assert batch.skipped == [
        RowError(6, "Zzzhold: a rest timer"),
        RowError(7, "Zzzhold: no reps"),  # reps, seconds and distance all 0
    ]
    assert_every_row_kept_or_listed(batch, 8)


def test_the_classic_layouts_distance_is_in_miles_for_a_pound_export():
    batch = read_strong(import_fixture("strong_cardio.csv"), "lb")
    distances = [line.distance_m for line in batch.sessions[0].lines]
    assert distances == pytest.approx([8046.72, 321.8688, 321.8688, None, None, 4828.032])


@pytest.mark.parametrize(
    ("distance_header", "distance_unit", "unit", "metres"),
    [
        ("Distance", "", "kg", 2000.0),
        ("Distance", "", "lb", 2 * 1609.344),
        ("Distance (meters)", "", "lb", 2.0),
        ("Distance (km)", "", "lb", 2000.0),
        ("Distance (mi)", "", "kg", 2 * 1609.344),
        ("Distance", "m", "lb", 2.0),
        ("Distance", "km", "lb", 2000.0),
        ("Distance", "mi", "kg", 2 * 1609.344),
        ("Distance", "ft", "kg", 2 * 0.3048),
        ("Distance (meters)", "km", "kg", 2000.0),  # the row's own unit wins over the header
    ],
)
def test_a_header_or_a_distance_unit_column_names_the_distances_unit(
    distance_header, distance_unit, unit, metres
):
    data = (
        f"Date,Workout Name,Exercise Name,Set Order,Weight,Reps,{distance_header},Seconds,"
        "Distance Unit\n"
        f"2024-05-01 07:00:00,Row,Zzzrow,1,0,0,2,600,{distance_unit}\n"
    )
    batch = read_strong(data, unit)
    (line,) = batch.sessions[0].lines
    assert (line.reps, line.duration_seconds) == (None, 600)
    assert line.distance_m == pytest.approx(metres)
    assert not batch.errors and not batch.skipped


def test_a_distance_in_a_unit_strong_never_writes_is_refused():
    data = (
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Distance Unit\n"
        "2024-05-01 07:00:00,Row,Zzzrow,1,0,0,2,600,yd\n"
        "2024-05-01 07:00:00,Row,Zzzrow,2,0,0,0,90000,\n"
    )
    batch = read_strong(data, "kg")
    assert batch.sessions[0].lines == ()
    assert batch.errors == [
        RowError(2, "distance unit 'yd' is not m, km, mi or ft"),
        RowError(3, "Zzzrow: 90000 s is longer than a day"),
    ]
    assert_every_row_kept_or_listed(batch, 2)


def test_semicolon_layout_gives_distances_in_metres_whatever_the_weight_unit():
    batch = read_strong(import_fixture("strong_cardio_semicolon.csv"), "kg")  # lbs named
    (session,) = batch.sessions
    assert session.title == "Row day"
    assert session.end_time - session.start_time == timedelta(seconds=1500)
    assert session.lines == (
        ImportedLine(
            "Zzzrow", 1, None, 0.0, line=2, duration_seconds=480, distance_m=2000.0, block=0
        ),
        ImportedLine(
            "Zzzrow", 1, None, 0.0, line=3, duration_seconds=60, distance_m=350.0, block=0
        ),
        ImportedLine("Leg Press", 1, 10, 45.36, line=4, block=1),  # 100 lb
    )
    assert batch.skipped == [RowError(5, "Leg Press: an empty set (no weight or reps)")]
    assert_every_row_kept_or_listed(batch, 4)


# The real exports in ../shared/data.

# Each real Strong export and the unit its loads are in (the semicolon one names its own).
STRONG_EXPORTS = {
    "strong_export_2017_2019.csv": "kg",
    "strong_export_2020_2023_zh.csv": "lb",
    "strong_export_2023.csv": "lb",
    "strong_export_2025_semicolon.csv": "lb",
    "strong_export_2025_short.csv": "kg",
}
# The Chinese export's column names, for reading it with the csv module.
ZH_COLUMNS = {
    "Date": "日期",
    "Workout Name": "锻炼名称",
    "Exercise Name": "运动名称",
    "Reps": "次",
    "Distance": "距离",
    "Seconds": "秒",
    "Workout Notes": "锻炼备注",
}


def csv_rows(name: str) -> dict[int, dict[str, str]]:
    """{spreadsheet row number: row} of a real export, read with the csv module alone."""
    text = shared_data(name).decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=max(";,", key=first.count))
    return dict(enumerate(reader, start=2))


def column(row: dict[str, str], name: str) -> str:
    """A cell of a row by its English name, whatever the layout calls the column."""
    for key in (name, ZH_COLUMNS.get(name), "Distance (meters)" if name == "Distance" else None):
        if key in row:
            return (row[key] or "").strip()
    return ""


@needs_shared_data
def test_every_real_strong_export_is_checked():
    assert sorted(path.name for path in SHARED_DATA.glob("strong_export_*.csv")) == sorted(
        STRONG_EXPORTS
    )


@needs_shared_data
@pytest.mark.parametrize(("name", "unit"), STRONG_EXPORTS.items())
def test_every_row_of_a_real_strong_export_is_kept_or_listed(name, unit):
    rows = csv_rows(name)
    batch = read_strong(shared_data(name), unit)
    assert_every_row_kept_or_listed(batch, len(rows))
    # Each kept set measures what its row says: reps (0 is none), seconds and distance.
    for line in (line for s in batch.sessions for line in s.lines):
        row = rows[line.line]
        assert line.exercise_name == " ".join(column(row, "Exercise Name").split())
        assert line.sets == 1
        assert line.reps == (int(number(column(row, "Reps"))) or None)
        assert line.duration_seconds == (round(number(column(row, "Seconds"))) or None)
        assert number(column(row, "Distance")) == 0 and line.distance_m is None


@needs_shared_data
@pytest.mark.parametrize(("name", "unit"), STRONG_EXPORTS.items())
def test_a_real_strong_workouts_name_is_its_title_and_never_in_its_notes(name, unit):
    rows = csv_rows(name)
    workouts: dict[tuple[str, str], list[int]] = {}
    for line, row in rows.items():
        workout = (column(row, "Date"), " ".join(column(row, "Workout Name").split()))
        workouts.setdefault(workout, []).append(line)
    batch = read_strong(shared_data(name), unit)
    assert len(batch.sessions) == len(workouts)
    expected = {}
    for (_start, title), lines in workouts.items():
        notes = dict.fromkeys(column(rows[n], "Workout Notes") for n in lines)
        expected[lines[0]] = (title, "\n".join(n for n in notes if n) or None)
    assert {s.line: (s.title, s.notes) for s in batch.sessions} == expected


@needs_shared_data
@pytest.mark.parametrize(("name", "unit"), STRONG_EXPORTS.items())
def test_a_real_strong_workouts_blocks_are_its_runs_of_one_exercise(name, unit):
    rows = csv_rows(name)
    batch = read_strong(shared_data(name), unit)
    for session in batch.sessions:
        names = [
            " ".join(column(rows[line.line], "Exercise Name").split()) for line in session.lines
        ]
        expected, block = [], 0
        for index, exercise in enumerate(names):
            block += index > 0 and exercise != names[index - 1]
            expected.append(block)
        assert [line.block for line in session.lines] == expected
        assert all(line.superset_group is None for line in session.lines)


@needs_shared_data
def test_real_2023_export_in_pounds():
    rows = csv_rows("strong_export_2023.csv")
    batch = read_strong(shared_data("strong_export_2023.csv"), "lb")
    assert batch.rows_read == len(rows) == 9065 and not batch.errors and not batch.skipped
    assert len(batch.sessions) == 476
    lines = [line for s in batch.sessions for line in s.lines]
    assert len(lines) == sum(line.sets for line in lines) == len(rows)  # a line per set
    assert min(s.date for s in batch.sessions) == date(2023, 1, 1)
    assert max(s.date for s in batch.sessions) == date(2024, 12, 18)
    first = batch.sessions[0]
    assert first.import_key == "strong:2023-01-01T09:24:45|1 Legs #1"
    assert rows[2]["Workout Name"] == " 1 Legs #1"
    assert (first.title, first.notes) == ("1 Legs #1", None)
    assert first.end_time == datetime(2023, 1, 1, 10, 20, 45)  # 56m
    squat = first.lines[:2]  # 45.0 lb, the empty bar, then 135 lb
    assert [(line.reps, line.load_kg, line.block) for line in squat] == [
        (8, 20.41, 0),
        (8, 61.23, 0),
    ]
    by_line = {line.line: line for line in lines}
    # Lines 49-51: "Row - Elbows Out " at 74.99999999999999 lb for 11, 12, 12 reps, the 6th
    # exercise of "3 Pull #1" (after Pull Up, Hammer Curl, Shrug, T Bar Row, Reverse Fly).
    assert by_line[49] == ImportedLine("Row - Elbows Out", 1, 11, 34.02, line=49, block=5)
    assert by_line[50] == ImportedLine("Row - Elbows Out", 1, 12, 34.02, line=50, block=5)
    assert by_line[51] == ImportedLine("Row - Elbows Out", 1, 12, 34.02, line=51, block=5)
    with_rpe = [line for line, row in rows.items() if row["RPE"]]
    assert len(with_rpe) == 24
    assert sorted(line.line for line in lines if line.rir is not None) == with_rpe


@needs_shared_data
def test_real_2017_export_in_kilograms_keeps_planks_and_skips_a_doubled_workout():
    rows = csv_rows("strong_export_2017_2019.csv")
    batch = read_strong(shared_data("strong_export_2017_2019.csv"), "kg")
    assert batch.rows_read == len(rows) == 2995 and not batch.errors
    assert len(batch.sessions) == 137
    assert all(s.end_time is None for s in batch.sessions)  # no Duration column
    copied = [s for s in batch.skipped if "exact copy" in s.reason]
    assert len(copied) == 17 and batch.skipped == copied  # nothing else is skipped
    lines = [line for s in batch.sessions for line in s.lines]
    assert len(lines) == sum(line.sets for line in lines) == 2995 - 17


@needs_shared_data
def test_real_2017_export_imports_its_planks_as_timed_sets():
    rows = csv_rows("strong_export_2017_2019.csv")
    timed_rows = timed_without_reps(rows, "Seconds", "Reps")
    assert len(timed_rows) == 35
    assert {row["Exercise Name"] for row in timed_rows.values()} == {"Plank"}
    assert {row["Seconds"] for row in timed_rows.values()} == {"40", "50", "60"}
    batch = read_strong(shared_data("strong_export_2017_2019.csv"), "kg")
    timed = [line for s in batch.sessions for line in s.lines if line.duration_seconds]
    assert {line.line: line.duration_seconds for line in timed} == {
        line: int(row["Seconds"]) for line, row in timed_rows.items()
    }
    assert all(
        (line.exercise_name, line.reps, line.load_kg, line.kind) == ("Plank", None, 0.0, "duration")
        for line in timed
    )
    assert not [s for s in batch.skipped if s.line in timed_rows]


@needs_shared_data
def test_real_chinese_export_counts_its_29_doubled_workouts_once():
    # Its loads are pounds of whole kilograms: 44.09245243697551 lb is 20 kg.
    rows = csv_rows("strong_export_2020_2023_zh.csv")
    batch = read_strong(shared_data("strong_export_2020_2023_zh.csv"), "lb")
    assert batch.rows_read == len(rows) == 6778 and not batch.errors
    assert len(batch.sessions) == 384
    copied = [s for s in batch.skipped if "exact copy" in s.reason]
    assert len(copied) == 433
    # Line 2756 has a weight, but reps, seconds and distance of 0: an empty set.
    assert [column(rows[2756], name) for name in ("Reps", "Seconds", "Distance")] == ["0"] * 3
    assert [s for s in batch.skipped if s not in copied] == [
        RowError(2756, "Bench Press (Barbell): no reps")
    ]
    assert sum(line.sets for s in batch.sessions for line in s.lines) == 6778 - 433 - 1
    first = batch.sessions[0]
    assert (first.title, first.notes) == ("4.Pull", "星期二")
    assert first.end_time - first.start_time == timedelta(minutes=73)
    assert [line.load_kg for line in first.lines[:3]] == [20.0, 30.0, 50.0]
    # "72小时16分钟": a workout left running; its end is capped at 12 hours.
    longest = max(s.end_time - s.start_time for s in batch.sessions)
    assert longest == timedelta(hours=12)


@needs_shared_data
def test_real_short_and_semicolon_exports_of_one_lifter_share_their_workouts():
    short = read_strong(shared_data("strong_export_2025_short.csv"), "kg")
    semicolon = read_strong(shared_data("strong_export_2025_semicolon.csv"), "lb")
    assert (short.rows_read, len(short.sessions)) == (250, 15)
    assert (semicolon.rows_read, len(semicolon.sessions)) == (166, 10)
    assert sum(line.sets for s in short.sessions for line in s.lines) == 250  # "13.0" reps
    empty = [
        line
        for line, row in csv_rows("strong_export_2025_semicolon.csv").items()
        if not row["Weight (kg)"] and not row["Reps"]
    ]
    assert len(empty) == 7
    assert [s.line for s in semicolon.skipped] == empty
    assert all(s.reason.endswith(": an empty set (no weight or reps)") for s in semicolon.skipped)
    keys = [s.import_key for s in semicolon.sessions]
    assert keys == [s.import_key for s in short.sessions[:10]]
    assert [s.title for s in semicolon.sessions] == [s.title for s in short.sessions[:10]]
    assert semicolon.sessions[0].lines[0] == ImportedLine(
        "Bent Over Row (Barbell)", 1, 16, 10.0, line=2, block=0
    )
