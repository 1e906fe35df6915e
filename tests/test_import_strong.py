"""The Strong reader: every quirk of its exports, on hand-written samples and the real files."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from dashboard_app.importers.batch import ImportedLine, NotThisFormat, RowError
from dashboard_app.importers.common import RowProblem, parse_duration, rir_from_rpe
from dashboard_app.importers.strong import read_strong
from dashboard_app.importers.workout_rows import copies
from tests.helpers import import_fixture, needs_shared_data, shared_data


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
    assert push.notes == "Push Day\nFelt good" and push.line == 2
    assert push.lines == (
        ImportedLine("Bench Press (Barbell)", 1, 10, 20.41, None, True, None, line=2),  # W
        ImportedLine("Bench Press (Barbell)", 3, 5, 83.91, 2, False, "paused", line=3),
        ImportedLine("Bench Press (Barbell)", 1, 8, 61.23, 1, False, None, line=6),  # D, RPE 9.5
        ImportedLine("Chest Dip", 1, 12, 0.0, line=8),  # trailing space, body weight
        ImportedLine("Chest Dip", 1, 9, 0.0, line=9),  # F
        ImportedLine("Zzzdump2", 1, 11, 34.02, line=11),  # 74.99999999999999 lb
    )
    assert legs.lines == (ImportedLine("Squat (Barbell)", 1, 5, 102.06, line=13),)
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
        RowError(10, "Plank: a timed set (60 s), not reps"),
        RowError(12, "an exact copy of line 11"),
        RowError(17, "Running: a distance (5000), not reps"),
    ]


def test_the_unit_given_is_the_unit_of_the_loads():
    batch = read_strong(import_fixture("strong_quirks.csv"), "kg")
    bench = batch.sessions[0].lines[1]
    assert bench.load_kg == 185.0  # 185.00000000000003 rounded to 0.01 kg


def test_a_whole_workout_exported_twice_counts_once():
    batch = read_strong(import_fixture("strong_doubled_workout.csv"), "kg")
    first, second = batch.sessions
    assert [(line.sets, line.reps, line.load_kg) for line in first.lines] == [
        (1, 8, 45.0),
        (2, 5, 90.0),
    ]
    assert [s.line for s in batch.skipped] == [5, 6, 7]
    assert second.lines == (ImportedLine("Bench Press (Barbell)", 1, 5, 60.0, line=8),)


def test_chinese_headers_and_durations():
    batch = read_strong(import_fixture("strong_zh.csv"), "lb")
    pull, legs = batch.sessions
    assert pull.import_key == "strong:2021-03-02T08:05:00|Pull A"
    assert pull.end_time - pull.start_time == timedelta(hours=1, minutes=13)  # 1小时13分钟
    assert legs.end_time - legs.start_time == timedelta(minutes=45)  # 45分钟
    assert pull.notes == "Pull A\n星期三"
    assert pull.lines == (
        ImportedLine("Bent Over Row (Barbell)", 2, 5, 20.0, notes="4x8 plan", line=2),
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
    assert upper.lines == (ImportedLine("Bent Over Row (Barbell)", 2, 16, 10.0, line=2),)
    assert lunch.lines == (ImportedLine("Leg Press", 1, 12, 80.5, rir=3, line=5),)
    assert batch.skipped == [RowError(4, "Leg Press: an empty set (no weight or reps)")]


def test_old_layout_without_duration_and_windows_line_ends():
    batch = read_strong(import_fixture("strong_old_crlf.csv"), "kg")
    (session,) = batch.sessions
    assert session.end_time is None
    assert session.lines == (ImportedLine("Bench Press (Barbell)", 1, 10, 50.0, line=2),)


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


# The real exports in ../shared/data.


@needs_shared_data
def test_real_2023_export_in_pounds():
    batch = read_strong(shared_data("strong_export_2023.csv"), "lb")
    assert batch.rows_read == 9065 and not batch.errors and not batch.skipped
    assert len(batch.sessions) == 476
    assert sum(line.sets for s in batch.sessions for line in s.lines) == 9065
    assert min(s.date for s in batch.sessions) == date(2023, 1, 1)
    assert max(s.date for s in batch.sessions) == date(2024, 12, 18)
    first = batch.sessions[0]
    assert first.import_key == "strong:2023-01-01T09:24:45|1 Legs #1"
    assert first.end_time == datetime(2023, 1, 1, 10, 20, 45)  # 56m
    squat = first.lines[:2]  # 45.0 lb, the empty bar, then 135 lb
    assert [(line.reps, line.load_kg) for line in squat] == [(8, 20.41), (8, 61.23)]
    by_line = {line.line: line for s in batch.sessions for line in s.lines}
    # Lines 49-51: "Row - Elbows Out " at 74.99999999999999 lb for 11, 12, 12 reps.
    assert by_line[49] == ImportedLine("Row - Elbows Out", 1, 11, 34.02, line=49)
    assert (by_line[50].sets, by_line[50].reps, by_line[50].load_kg) == (2, 12, 34.02)
    assert sum(line.sets for s in batch.sessions for line in s.lines if line.rir is not None) == 24


@needs_shared_data
def test_real_2017_export_in_kilograms_skips_planks_and_a_doubled_workout():
    batch = read_strong(shared_data("strong_export_2017_2019.csv"), "kg")
    assert batch.rows_read == 2995 and not batch.errors
    assert len(batch.sessions) == 137
    assert all(s.end_time is None for s in batch.sessions)  # no Duration column
    timed = [s for s in batch.skipped if "a timed set" in s.reason]
    copied = [s for s in batch.skipped if "exact copy" in s.reason]
    assert (len(timed), len(copied)) == (35, 17)
    assert all(s.reason.startswith("Plank:") for s in timed)
    assert sum(line.sets for s in batch.sessions for line in s.lines) == 2995 - 35 - 17


@needs_shared_data
def test_real_chinese_export_counts_its_29_doubled_workouts_once():
    # Its loads are pounds of whole kilograms: 44.09245243697551 lb is 20 kg.
    batch = read_strong(shared_data("strong_export_2020_2023_zh.csv"), "lb")
    assert batch.rows_read == 6778 and not batch.errors
    assert len(batch.sessions) == 384
    copied = [s for s in batch.skipped if "exact copy" in s.reason]
    assert len(copied) == 433
    assert [s for s in batch.skipped if s not in copied] == [
        RowError(2756, "Bench Press (Barbell): no reps")
    ]
    assert sum(line.sets for s in batch.sessions for line in s.lines) == 6778 - 433 - 1
    first = batch.sessions[0]
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
    assert len(semicolon.skipped) == 7  # sets with empty weight and reps
    keys = [s.import_key for s in semicolon.sessions]
    assert keys == [s.import_key for s in short.sessions[:10]]
    assert semicolon.sessions[0].lines[0] == ImportedLine(
        "Bent Over Row (Barbell)", 1, 16, 10.0, line=2
    )
