"""The Hevy reader: localised dates, set types, units, cardio, notes; samples and real files."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pytest

from dashboard_app.importers.batch import ImportedLine, NotThisFormat, RowError
from dashboard_app.importers.common import RowProblem, parse_datetime
from dashboard_app.importers.hevy import read_hevy
from tests.helpers import (
    SHARED_DATA,
    assert_every_row_kept_or_listed,
    import_fixture,
    needs_shared_data,
    number,
    shared_data,
    timed_without_reps,
)


def test_quirks_sample_reads_set_types_body_weight_notes_and_bad_rows():
    batch = read_hevy(import_fixture("hevy_quirks.csv"))  # UTF-8 with a byte-order mark
    assert batch.kind == "hevy" and batch.rows_read == 13  # a note's line breaks: one row
    upper, lower = batch.sessions
    assert upper.import_key == "hevy:2026-04-08T16:50:00|Upper 💪"
    assert (upper.start_time, upper.end_time) == (
        datetime(2026, 4, 8, 16, 50),
        datetime(2026, 4, 8, 17, 43),
    )
    # The workout's name is the title; the notes hold only its description.
    assert (upper.title, upper.notes) == ("Upper 💪", "line one\nline two 🔥")
    assert upper.lines == (
        ImportedLine("Bench Press (Barbell)", 1, 10, 40.0, None, True, None, line=2, block=0),
        # normal, failure and drop sets: each set a line of its own
        ImportedLine("Bench Press (Barbell)", 1, 5, 80.0, 2, False, "elbows in", line=3, block=0),
        ImportedLine("Bench Press (Barbell)", 1, 5, 80.0, 2, False, "elbows in", line=4, block=0),
        ImportedLine("Bench Press (Barbell)", 1, 8, 60.5, 1, False, "elbows in", line=5, block=0),
        # empty weight_kg: body weight; superset_id 0: the workout's first superset
        ImportedLine("Pull Up", 1, 7, 0.0, line=6, block=1, superset_group=1),
        # cardio: 2.5 km in 900 s; a plank: 60 s
        ImportedLine(
            "Treadmill", 1, None, 0.0, line=8, duration_seconds=900, distance_m=2500.0, block=2
        ),
        ImportedLine("Plank", 1, None, 0.0, line=9, duration_seconds=60, block=3),
    )
    assert (lower.title, lower.notes) == ("Lower", None)
    assert lower.lines == ()  # its one set has an RPE of 11: reported, not guessed
    assert batch.errors == [
        RowError(10, "weight '-5' is negative"),
        RowError(11, "reps 'ten' is not a number"),
        RowError(12, "set_type 'superset' is not normal, warmup, failure or dropset"),
        RowError(13, "date 'yesterday' is not a date and time"),
        RowError(14, "RPE '11' is not from 0 to 10"),
    ]
    assert batch.skipped == [RowError(7, "an exact copy of line 6")]
    assert_every_row_kept_or_listed(batch, 13)


def test_pounds_and_dates_in_the_phones_language():
    batch = read_hevy(import_fixture("hevy_localised_lbs.csv"))
    assert [(s.start_time, s.end_time.time().isoformat()) for s in batch.sessions] == [
        (datetime(2026, 9, 4, 15, 16), "16:20:00"),  # 4 de set. de 2026
        (datetime(2026, 9, 5, 10, 0), "11:00:00"),  # 5 sept 2026
        (datetime(2026, 10, 6, 9, 30), "10:15:00"),  # 6. Okt. 2026
        (datetime(2026, 12, 7, 18, 5), "19:00:00"),  # 7 déc. 2026
        (datetime(2027, 2, 9, 7, 15), "08:00:00"),  # 9 févr. 2027
    ]
    # weight_lbs 135, 25, 30, 32.5, 35 in kg to 0.01
    assert [s.lines[0].load_kg for s in batch.sessions] == [61.23, 11.34, 13.61, 14.74, 15.88]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 Apr 2026, 16:50", datetime(2026, 4, 8, 16, 50)),
        ("4 de set. de 2026, 15:16", datetime(2026, 9, 4, 15, 16)),
        ("4 de out. de 2026, 07:05", datetime(2026, 10, 4, 7, 5)),
        ("12 ene 2026, 9:00", datetime(2026, 1, 12, 9, 0)),
        ("3 dic. 2025, 20:15", datetime(2025, 12, 3, 20, 15)),
        ("1. März 2026, 18:00", datetime(2026, 3, 1, 18, 0)),
        ("1. Mai 2026, 06:30", datetime(2026, 5, 1, 6, 30)),
        ("14 juil. 2026, 12:00", datetime(2026, 7, 14, 12, 0)),
        ("15 août 2026, 10:10", datetime(2026, 8, 15, 10, 10)),
        ("Apr 8, 2026, 4:50 PM", datetime(2026, 4, 8, 16, 50)),
        ("2026-04-08 16:50:00", datetime(2026, 4, 8, 16, 50)),
    ],
)
def test_dates(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["", "0", "yesterday", "32 Apr 2026, 10:00", "8 Foo 2026"])
def test_dates_that_are_not_dates(text):
    with pytest.raises(RowProblem):
        parse_datetime(text)


def test_semicolon_layout_without_superset_id():
    batch = read_hevy(import_fixture("hevy_semicolon.csv"))
    (session,) = batch.sessions
    assert session.import_key == "hevy:2024-01-03T10:05:00|Pecho-espalda"
    assert session.title == "Pecho-espalda"
    assert [
        (line.exercise_name, line.reps, line.load_kg, line.block) for line in session.lines
    ] == [
        ("Bench Press (Barbell)", 6, 62.5, 0),
        ("Bench Press (Barbell)", 8, 55.0, 0),
        ("Chest Dip", 12, 0.0, 1),  # an empty set_type is a normal set
    ]
    assert all(line.superset_group is None for line in session.lines)  # no superset_id


def test_cardio_and_timed_rows_are_distance_and_timed_sets():
    batch = read_hevy(import_fixture("hevy_cardio.csv"))
    (session,) = batch.sessions
    assert session.title == "Cardio + Core"
    assert session.lines == (
        ImportedLine(
            "Zzzjog", 1, None, 0.0, line=2, duration_seconds=1560, distance_m=5200.0, block=0
        ),
        ImportedLine(
            "Zzzjog", 1, None, 0.0, line=3, duration_seconds=70, distance_m=300.0, block=0
        ),
        ImportedLine("Plank", 1, None, 0.0, line=4, duration_seconds=90, block=1),  # reps 0
    )
    assert [line.kind for line in session.lines] == ["distance", "distance", "duration"]
    assert not batch.errors
    # reps 0 and duration 0: nothing measured
    assert batch.skipped == [RowError(5, "Plank: an empty set (no weight or reps)")]
    assert_every_row_kept_or_listed(batch, 4)


@pytest.mark.parametrize(
    ("column", "value", "metres"),
    [
        ("distance_km", "1.5", 1500.0),
        ("distance_miles", "2", 2 * 1609.344),
        ("distance_meters", "800", 800.0),
    ],
)
def test_a_distance_is_read_in_the_unit_its_column_names(column, value, metres):
    data = (
        f"title,start_time,exercise_title,set_type,weight_lbs,reps,{column},duration_seconds\n"
        f'Run,"8 Apr 2026, 07:00",Zzzjog,normal,,,{value},600\n'
    )
    (line,) = read_hevy(data).sessions[0].lines
    assert (line.reps, line.duration_seconds, line.kind) == (None, 600, "distance")
    assert line.distance_m == pytest.approx(metres)


def test_superset_ids_become_groups_numbered_within_each_workout():
    batch = read_hevy(import_fixture("hevy_supersets.csv"))
    upper, lower = batch.sessions
    assert [(line.exercise_name, line.superset_group, line.block) for line in upper.lines] == [
        ("Bench Press (Barbell)", 1, 0),  # superset_id 3: the first superset
        ("Bench Press (Barbell)", 1, 0),
        ("Bent Over Row (Barbell)", 1, 1),
        ("Bent Over Row (Barbell)", 1, 1),
        ("Bicep Curl (Dumbbell)", 2, 2),  # superset_id 7: the second
        ("Triceps Pushdown", 2, 3),
        ("Bench Press (Barbell)", None, 4),  # the bench again, on its own: a new block
    ]
    # superset_id 7 again, in another workout: that workout's first superset
    assert [(line.superset_group, line.block) for line in lower.lines] == [(1, 0), (1, 1)]
    assert not batch.errors and not batch.skipped


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_an_export.csv", "This is not a Hevy export: the first line has no 'title' column."),
        ("strong_quirks.csv", "It looks like a Strong export: import it as strong."),
    ],
)
def test_a_file_that_is_not_a_hevy_export_is_refused(name, message):
    with pytest.raises(NotThisFormat) as refused:
        read_hevy(import_fixture(name))
    assert message in str(refused.value)


def test_a_hevy_file_without_a_weight_column_is_refused():
    with pytest.raises(NotThisFormat, match="no 'weight_kg' column"):
        read_hevy("title,start_time,exercise_title,reps\nA,8 Apr 2026 16:50,Squat,5\n")


# The real exports in ../shared/data.

HEVY_EXPORTS = (
    "hevy_export_2023_semicolon.csv",
    "hevy_export_2024_2025.csv",
    "hevy_export_2025_2026.csv",
)
# A start_time Hevy writes, e.g. "15 Sep 2025, 07:48": rows without one are refused.
HEVY_START = re.compile(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d{2}")


def csv_rows(name: str) -> dict[int, dict[str, str]]:
    """{spreadsheet row number: row} of a real export, read with the csv module alone."""
    text = shared_data(name).decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=max(";,", key=first.count))
    return {
        line: {k: (v or "").strip() for k, v in row.items()} for line, row in enumerate(reader, 2)
    }


def workouts_of(rows: dict[int, dict[str, str]]) -> dict[tuple[str, str], list[int]]:
    """{(start, title): its rows' lines} of the rows with a start, in order of appearance."""
    workouts: dict[tuple[str, str], list[int]] = {}
    for line, row in rows.items():
        if HEVY_START.fullmatch(row["start_time"]):
            key = (row["start_time"], " ".join(row["title"].split()))
            workouts.setdefault(key, []).append(line)
    return workouts


@needs_shared_data
def test_every_real_hevy_export_is_checked():
    assert sorted(path.name for path in SHARED_DATA.glob("hevy_export_*.csv")) == sorted(
        HEVY_EXPORTS
    )


@needs_shared_data
@pytest.mark.parametrize("name", HEVY_EXPORTS)
def test_every_row_of_a_real_hevy_export_is_kept_or_listed(name):
    rows = csv_rows(name)
    batch = read_hevy(shared_data(name))
    assert_every_row_kept_or_listed(batch, len(rows))
    # Each kept set measures what its row says: reps (0 is none), seconds and distance.
    for line in (line for s in batch.sessions for line in s.lines):
        row = rows[line.line]
        assert line.exercise_name == " ".join(row["exercise_title"].split())
        assert line.sets == 1 and line.is_warmup == (row["set_type"] == "warmup")
        assert line.reps == (int(number(row["reps"])) or None)
        assert line.duration_seconds == (round(number(row["duration_seconds"])) or None)
        assert line.distance_m == (number(row["distance_km"]) * 1000 or None)


@needs_shared_data
@pytest.mark.parametrize("name", HEVY_EXPORTS)
def test_a_real_hevy_workouts_title_is_its_name_and_its_notes_its_description(name):
    rows = csv_rows(name)
    workouts = workouts_of(rows)
    batch = read_hevy(shared_data(name))
    expected = {}
    for (_start, title), lines in workouts.items():
        notes = dict.fromkeys(rows[line]["description"] for line in lines)
        expected[lines[0]] = (title, "\n".join(n for n in notes if n) or None)
    assert {s.line: (s.title, s.notes) for s in batch.sessions} == expected


@needs_shared_data
@pytest.mark.parametrize("name", HEVY_EXPORTS)
def test_a_real_hevy_workouts_blocks_and_supersets(name):
    rows = csv_rows(name)
    batch = read_hevy(shared_data(name))
    for session in batch.sessions:
        names = [rows[line.line]["exercise_title"] for line in session.lines]
        expected, block = [], 0
        for index, exercise in enumerate(names):
            block += index > 0 and exercise != names[index - 1]
            expected.append(block)
        assert [line.block for line in session.lines] == expected
        # One superset_id, one group; groups numbered 1, 2, ... as the ids first appear.
        ids = [rows[line.line].get("superset_id") or None for line in session.lines]
        numbers = {i: n for n, i in enumerate(dict.fromkeys(i for i in ids if i), start=1)}
        assert [line.superset_group for line in session.lines] == [numbers.get(i) for i in ids]


@needs_shared_data
def test_real_large_export():
    rows = csv_rows("hevy_export_2024_2025.csv")
    batch = read_hevy(shared_data("hevy_export_2024_2025.csv"))
    assert batch.rows_read == len(rows) == 7211 and not batch.errors
    assert len(batch.sessions) == len(workouts_of(rows)) == 335
    # 10 Jul 2024's "Forearms" was written twice: its 3 rows count once. The 4th exact copy
    # in the file (22 Jul, line 7044) is the warm-up of a second round of the same curl: kept.
    # Line 6643 is a failure set of 0 reps and 0 s: nothing to log.
    assert batch.skipped == [
        RowError(6643, "Crunch (Weighted): no reps"),
        RowError(7127, "an exact copy of line 7124"),
        RowError(7128, "an exact copy of line 7125"),
        RowError(7129, "an exact copy of line 7126"),
    ]
    assert (rows[6643]["reps"], rows[6643]["duration_seconds"]) == ("0", "0")
    assert [rows[n] for n in (7127, 7128, 7129)] == [rows[n] for n in (7124, 7125, 7126)]
    assert rows[7044] == rows[7042]  # two rows apart: the warm-up of a second round, kept
    skipped = {s.line for s in batch.skipped}
    lines = [line for s in batch.sessions for line in s.lines]
    assert len(lines) == sum(line.sets for line in lines) == 7211 - 4
    assert {7042, 7044} <= {line.line for line in lines}
    warm_ups = [n for n, row in rows.items() if row["set_type"] == "warmup" and n not in skipped]
    assert len(warm_ups) == 2195 - 1  # one in a copy
    assert [line.line for line in lines if line.is_warmup] == warm_ups
    first = batch.sessions[0]
    assert first.import_key == "hevy:2025-09-15T07:48:00|Lower // Ramp // Strength // 1"
    assert (first.title, first.notes) == ("Lower // Ramp // Strength // 1", None)
    assert first.lines[:3] == (
        ImportedLine("Seated Leg Curl (Machine)", 1, 10, 39.0, 4, True, line=2, block=0),
        ImportedLine("Seated Leg Curl (Machine)", 1, 6, 51.0, 4, True, line=3, block=0),
        ImportedLine("Seated Leg Curl (Machine)", 1, 12, 78.0, 1, False, line=4, block=0),
    )


@needs_shared_data
def test_real_large_exports_warm_ups_of_five_minutes_are_timed_sets():
    rows = csv_rows("hevy_export_2024_2025.csv")
    timed_rows = timed_without_reps(rows, "duration_seconds", "reps")
    assert len(timed_rows) == 275
    assert {row["exercise_title"] for row in timed_rows.values()} == {"Warm Up"}
    assert sum(row["duration_seconds"] == "300" for row in timed_rows.values()) == 259
    batch = read_hevy(shared_data("hevy_export_2024_2025.csv"))
    timed = [line for s in batch.sessions for line in s.lines if line.duration_seconds]
    assert {line.line: line.duration_seconds for line in timed} == {
        line: int(row["duration_seconds"]) for line, row in timed_rows.items()
    }
    assert all((line.reps, line.kind) == (None, "duration") for line in timed)
    by_line = {line.line: line for line in timed}
    assert by_line[2178] == ImportedLine(
        "Warm Up", 1, None, 0.0, line=2178, duration_seconds=300, block=0
    )


@needs_shared_data
def test_real_large_exports_supersets():
    rows = csv_rows("hevy_export_2024_2025.csv")
    in_supersets = [line for line, row in rows.items() if row["superset_id"]]
    assert len(in_supersets) == 277  # all of them superset_id 0
    assert {rows[line]["superset_id"] for line in in_supersets} == {"0"}
    batch = read_hevy(shared_data("hevy_export_2024_2025.csv"))
    grouped = [line for s in batch.sessions for line in s.lines if line.superset_group]
    copies = {s.line for s in batch.skipped if "copy" in s.reason}
    assert [line.line for line in grouped] == [n for n in in_supersets if n not in copies]
    assert len(grouped) == 277 - 3 and {line.superset_group for line in grouped} == {1}
    hips = {line.line: line for line in grouped if 91 <= line.line <= 96}
    assert [(hips[n].exercise_name, hips[n].block) for n in range(91, 97)] == [
        ("Hip Adduction (Machine)", hips[91].block)
    ] * 3 + [("Hip Abduction (Machine)", hips[91].block + 1)] * 3


@needs_shared_data
def test_real_2025_2026_export():
    rows = csv_rows("hevy_export_2025_2026.csv")
    batch = read_hevy(shared_data("hevy_export_2025_2026.csv"))
    assert batch.rows_read == len(rows) == 567 and not batch.errors and not batch.skipped
    assert len(batch.sessions) == 37
    assert sum(line.sets for s in batch.sessions for line in s.lines) == 567
    # A treadmill walk of 1800 s, with no reps or distance: a timed set.
    assert (rows[475]["reps"], rows[475]["distance_km"], rows[475]["duration_seconds"]) == (
        "",
        "",
        "1800",
    )
    by_line = {line.line: line for s in batch.sessions for line in s.lines}
    assert (by_line[475].exercise_name, by_line[475].reps, by_line[475].duration_seconds) == (
        "Treadmill",
        None,
        1800,
    )
    assert by_line[475].notes == "no idea but it was 3MPH"
    assert min(s.date for s in batch.sessions) == date(2025, 7, 8)
    assert max(s.date for s in batch.sessions) == date(2026, 4, 8)
    first = batch.sessions[0]
    assert first.title == "escape the BACKrooms"
    assert first.notes == "melhorando cada vez mais nos pull ups to feliz"
    assert first.lines[0] == ImportedLine("Pull Up", 1, 7, 0.0, notes=None, line=2, block=0)


@needs_shared_data
def test_real_semicolon_export_reports_its_broken_rows():
    batch = read_hevy(shared_data("hevy_export_2023_semicolon.csv"))
    assert batch.rows_read == 1155
    # A note with line breaks and a stray quote was split into rows by a spreadsheet: those
    # rows have no date. SOURCES.md counts 56 "workouts" by start_time, 4 of them such junk.
    assert batch.errors == [
        RowError(625, "date '' is not a date and time"),
        RowError(626, "date '0' is not a date and time"),
        RowError(734, "date '0' is not a date and time"),
        RowError(736, "date '1' is not a date and time"),
        RowError(738, "date '2' is not a date and time"),
    ]
    assert len(batch.sessions) == 52
    assert batch.sessions[0].lines[0] == ImportedLine(
        "Bench Press (Barbell)", 1, 8, 60.0, line=2, block=0
    )
    by_line = {line.line: line for s in batch.sessions for line in s.lines}
    # 27 Oct 2023's treadmill: 900 s and nothing else, a timed set
    assert by_line[357] == ImportedLine(
        "Treadmill", 1, None, 0.0, line=357, duration_seconds=900, block=by_line[357].block
    )
