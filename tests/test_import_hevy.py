"""The Hevy reader: localised dates, set types, units, cardio, notes; samples and real files."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dashboard_app.importers.batch import ImportedLine, NotThisFormat, RowError
from dashboard_app.importers.common import RowProblem, parse_datetime
from dashboard_app.importers.hevy import read_hevy
from tests.helpers import import_fixture, needs_shared_data, shared_data


def test_quirks_sample_reads_set_types_body_weight_notes_and_bad_rows():
    batch = read_hevy(import_fixture("hevy_quirks.csv"))  # UTF-8 with a byte-order mark
    assert batch.kind == "hevy" and batch.rows_read == 13  # a note's line breaks: one row
    upper, lower = batch.sessions
    assert upper.import_key == "hevy:2026-04-08T16:50:00|Upper 💪"
    assert (upper.start_time, upper.end_time) == (
        datetime(2026, 4, 8, 16, 50),
        datetime(2026, 4, 8, 17, 43),
    )
    assert upper.notes == "Upper 💪\nline one\nline two 🔥"
    assert upper.lines == (
        ImportedLine("Bench Press (Barbell)", 1, 10, 40.0, None, True, None, line=2),
        # normal and failure sets of equal reps, load and RPE are one line of two sets
        ImportedLine("Bench Press (Barbell)", 2, 5, 80.0, 2, False, "elbows in", line=3),
        ImportedLine("Bench Press (Barbell)", 1, 8, 60.5, 1, False, "elbows in", line=5),
        ImportedLine("Pull Up", 1, 7, 0.0, line=6),  # empty weight_kg: body weight
    )
    assert lower.lines == ()  # its one set has an RPE of 11: reported, not guessed
    assert batch.errors == [
        RowError(10, "weight '-5' is negative"),
        RowError(11, "reps 'ten' is not a number"),
        RowError(12, "set_type 'superset' is not normal, warmup, failure or dropset"),
        RowError(13, "date 'yesterday' is not a date and time"),
        RowError(14, "RPE '11' is not from 0 to 10"),
    ]
    assert batch.skipped == [
        RowError(7, "an exact copy of line 6"),
        RowError(8, "Treadmill: cardio (2.5 km, 900 s), not reps"),
        RowError(9, "Plank: a timed set (60 s), not reps"),
    ]


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
    assert [(line.exercise_name, line.reps, line.load_kg) for line in session.lines] == [
        ("Bench Press (Barbell)", 6, 62.5),
        ("Bench Press (Barbell)", 8, 55.0),
        ("Chest Dip", 12, 0.0),  # an empty set_type is a normal set
    ]


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


@needs_shared_data
def test_real_large_export():
    batch = read_hevy(shared_data("hevy_export_2024_2025.csv"))
    assert batch.rows_read == 7211 and not batch.errors
    assert len(batch.sessions) == 335
    lines = [line for s in batch.sessions for line in s.lines]
    assert sum(line.sets for line in lines) == 6932
    assert sum(line.sets for line in lines if line.is_warmup) == 2195 - 1  # one in a copy
    timed = [s for s in batch.skipped if "timed set" in s.reason]
    assert len(timed) == 275 and all(s.reason.startswith("Warm Up:") for s in timed)
    # 10 Jul 2024's "Forearms" was written twice: its 3 rows count once. The 4th exact copy
    # in the file (22 Jul, line 7044) is the warm-up of a second round of the same curl: kept.
    assert [s for s in batch.skipped if "copy" in s.reason] == [
        RowError(7127, "an exact copy of line 7124"),
        RowError(7128, "an exact copy of line 7125"),
        RowError(7129, "an exact copy of line 7126"),
    ]
    first = batch.sessions[0]
    assert first.import_key == "hevy:2025-09-15T07:48:00|Lower // Ramp // Strength // 1"
    assert first.lines[:3] == (
        ImportedLine("Seated Leg Curl (Machine)", 1, 10, 39.0, 4, True, line=2),
        ImportedLine("Seated Leg Curl (Machine)", 1, 6, 51.0, 4, True, line=3),
        ImportedLine("Seated Leg Curl (Machine)", 1, 12, 78.0, 1, False, line=4),
    )


@needs_shared_data
def test_real_2025_2026_export():
    batch = read_hevy(shared_data("hevy_export_2025_2026.csv"))
    assert batch.rows_read == 567 and not batch.errors
    assert len(batch.sessions) == 37
    assert batch.skipped == [RowError(475, "Treadmill: a timed set (1800 s), not reps")]
    assert min(s.date for s in batch.sessions) == date(2025, 7, 8)
    assert max(s.date for s in batch.sessions) == date(2026, 4, 8)
    pull_ups = batch.sessions[0].lines[0]
    assert pull_ups == ImportedLine("Pull Up", 1, 7, 0.0, notes=None, line=2)


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
    assert batch.sessions[0].lines[0] == ImportedLine("Bench Press (Barbell)", 1, 8, 60.0, line=2)
