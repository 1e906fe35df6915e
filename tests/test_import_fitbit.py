"""Fitbit's daily exports: the real samples, the quirks, applying them, the form afterwards."""

import io
import zipfile
from datetime import date

import pytest
from sqlalchemy import select

from dashboard_app.database import get_database
from dashboard_app.importers.batch import NotThisFormat, RowError
from dashboard_app.importers.fitbit import FitbitPersonNeeded, read_fitbit
from dashboard_app.services.imports import apply_import
from dashboard_app.services.insights import load_frame
from dashboard_app.ui import ids
from db.models import DailyMetric, User
from tests.helpers import (
    IMPORT_FIXTURES,
    SHARED_DATA,
    callback_response,
    payload_for,
    post_callback,
)

SHARED = SHARED_DATA
FIXTURES = IMPORT_FIXTURES
NAMES = {
    "activity": "fitbit_dailyActivity_merged.csv",
    "sleep": "fitbit_sleepDay_merged.csv",
    "weight": "fitbit_weightLogInfo_merged.csv",
}
PERSON = "1503960366"  # in all three files: 50 activity rows, 25 nights, 3 weigh-ins
D = date


@pytest.fixture(scope="module")
def real() -> dict[str, bytes]:
    paths = {kind: SHARED / name for kind, name in NAMES.items()}
    missing = [str(path) for path in paths.values() if not path.is_file()]
    if missing:
        pytest.skip(f"the real Fitbit samples are not here: {', '.join(missing)}")
    return {kind: path.read_bytes() for kind, path in paths.items()}


def _all_three(real: dict[str, bytes]) -> dict[str, bytes]:
    return {NAMES[kind]: data for kind, data in real.items()}


def _day(batch, day: date) -> dict:
    (found,) = [d.fields for d in batch.days if d.date == day]
    return found


def _fixture(kind: str) -> bytes:
    return (FIXTURES / f"fitbit_{kind}_quirks.csv").read_bytes()


# The real samples.


def test_several_people_are_refused_with_each_id_and_its_rows(real):
    with pytest.raises(FitbitPersonNeeded) as refused:
        read_fitbit(real["activity"])
    message = str(refused.value)
    assert message.startswith("This Fitbit export holds 35 people; choose one Id: ")
    assert "1503960366 (50 rows)" in message and "2891001357 (8 rows)" in message
    assert len(refused.value.ids) == 35 and sum(refused.value.ids.values()) == 1397
    assert refused.value.ids["4020332650"] == 63
    with pytest.raises(FitbitPersonNeeded, match="No rows for Id 42; the file holds "):
        read_fitbit(real["weight"], person_id="42")


def test_real_daily_activity_of_one_person(real):
    batch = read_fitbit(real["activity"], person_id=PERSON)
    assert (batch.kind, batch.rows_read, len(batch.days), batch.errors) == ("fitbit", 50, 48, [])
    assert (batch.days[0].date, batch.days[-1].date) == (D(2016, 3, 25), D(2016, 5, 11))
    # 4/12 is in both exports the file merges: the whole day (line 2) beats its first
    # 41 minutes (line 960); 5/12 was not worn.
    assert batch.skipped == [
        RowError(32, "no steps and no active minutes: the tracker was not worn that day"),
        RowError(960, "another row for 2016-04-12 (line 2) has more steps; not imported"),
    ]
    assert _day(batch, D(2016, 4, 12)) == {
        "steps": 13162,
        "active_minutes": 25 + 13 + 328,
        "calories_burned": 1985.0,
    }
    assert _day(batch, D(2016, 4, 13))["steps"] == 10735
    assert sum(day.fields["steps"] for day in batch.days) == 596_565
    assert not any("calories" in day.fields for day in batch.days)


def test_real_sleep_takes_each_days_total_once(real):
    batch = read_fitbit(real["sleep"], person_id=PERSON)
    assert (batch.rows_read, len(batch.days), batch.errors, batch.skipped) == (25, 25, [], [])
    # Two sleep records that night: Fitbit's row already holds their sum.
    assert _day(batch, D(2016, 4, 13)) == {"sleep_minutes": 384}
    assert _day(batch, D(2016, 4, 17)) == {"sleep_minutes": 700}
    # An exact repeat of a row is not a second night.
    repeated = read_fitbit(real["sleep"], person_id="4388161847")
    assert (repeated.rows_read, len(repeated.days)) == (24, 23)
    assert repeated.skipped == [RowError(163, "repeats line 162")]
    assert _day(repeated, D(2016, 5, 5)) == {"sleep_minutes": 471}


def test_real_weight_in_kg_with_both_date_layouts(real):
    batch = read_fitbit(real["weight"], person_id=PERSON)
    assert [(d.date, d.fields["weight"]) for d in batch.days] == [
        (D(2016, 4, 5), 53.3),
        (D(2016, 5, 2), 52.6),
        (D(2016, 5, 3), 52.6),
    ]
    other = read_fitbit(real["weight"], person_id="1927972279")  # 4/13/2016 1:08:52 AM
    assert _day(other, D(2016, 4, 13)) == {"weight": 133.5}
    daily = read_fitbit(real["weight"], person_id="8877689391")
    assert (daily.rows_read, len(daily.days), daily.skipped) == (
        33,
        32,
        [RowError(101, "repeats line 45")],
    )


def test_the_three_files_together_or_in_a_zip_give_one_entry_per_day(real):
    together = read_fitbit(_all_three(real), person_id=PERSON)
    assert (together.rows_read, len(together.days), together.errors) == (78, 48, [])
    assert _day(together, D(2016, 5, 2)) == {
        "steps": 14727,
        "active_minutes": 333,
        "calories_burned": 2004.0,
        "sleep_minutes": 277,
        "weight": 52.6,
    }
    assert together.skipped[-1].reason.startswith("fitbit_dailyActivity_merged.csv: another row")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in _all_three(real).items():
            archive.writestr(f"Fitabase Data 4.12.16-5.12.16/{name}", data)
        archive.writestr("hourlySteps_merged.csv", "Id,ActivityHour,StepTotal\n1,2,3\n")
        archive.writestr("README.txt", "not a table")
    zipped = read_fitbit(buffer.getvalue(), person_id=PERSON)
    assert zipped.days == together.days
    assert [note.line for note in zipped.skipped[:2]] == [0, 0]
    assert "README.txt: not a CSV file" in zipped.skipped[0].reason
    assert "hourlySteps_merged.csv: not a Fitbit daily export" in zipped.skipped[1].reason


# Files that are not Fitbit's daily exports.


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((FIXTURES / "not_an_export.csv").read_bytes(), "Not a Fitbit daily export; expected"),
        (b"Id,ActivityDate,TotalSteps\n1,04/12/2016,5\n", "has no VeryActiveMinutes,"),
        (b"\x89PNG\r\n\x1a\n\x00\xff\xfe", "Not a text (CSV) file"),
        (b"  \n", "The file is empty"),
        (b"PK\x03\x04broken", "Not a readable zip file"),
    ],
)
def test_other_files_are_refused_with_a_clear_message(data, message):
    with pytest.raises(NotThisFormat, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_fitbit(data)


def test_a_strong_export_and_a_zip_without_fitbit_files_are_refused(real):
    strong = SHARED / "strong_export_2023.csv"
    if strong.is_file():
        with pytest.raises(NotThisFormat, match="strong.csv: not a Fitbit daily export"):
            read_fitbit({"strong.csv": strong.read_bytes(), NAMES["sleep"]: real["sleep"]})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.csv", "a,b\n1,2\n")
    with pytest.raises(NotThisFormat, match="upload.zip: holds none of Fitbit's daily exports"):
        read_fitbit({"upload.zip": buffer.getvalue()})


# Bad rows, with their lines (hand-written samples).


def test_bad_activity_rows_are_reported_by_line_and_the_good_ones_kept():
    batch = read_fitbit(_fixture("activity"))
    assert batch.rows_read == 12
    assert [(d.date, d.fields["steps"]) for d in batch.days] == [
        (D(2016, 4, 12), 13162),
        (D(2016, 4, 19), 15506),
    ]
    assert batch.errors == [
        RowError(3, "'13/04/2016' is not a month/day/year date such as 04/12/2016"),
        RowError(4, "TotalSteps 'many' is not a number"),
        RowError(5, "VeryActiveMinutes '-29' is not a number of at least 0"),
        RowError(7, "expected 15 values, found 4"),
        RowError(8, "steps: Enter a value from 0 to 200000 steps"),
        RowError(12, "no Id"),
        RowError(13, "VeryActiveMinutes '11.5' is not a whole number"),
    ]
    assert [note.line for note in batch.skipped] == [6, 9, 11]
    assert batch.skipped[2].reason == "repeats line 10"


def test_bad_sleep_and_weight_rows_are_reported_by_line():
    sleep = read_fitbit(_fixture("sleep"))
    assert [(d.date, d.fields) for d in sleep.days] == [
        (D(2016, 4, 12), {"sleep_minutes": 327}),
        (D(2016, 4, 13), {"sleep_minutes": 384}),
    ]
    assert [(e.line, e.reason) for e in sleep.errors] == [
        (5, "TotalMinutesAsleep '412.5' is not a whole number"),
        (6, "'4/31/2016 12:00:00 AM' is not a month/day/year date such as 04/12/2016"),
        (7, "sleep_minutes: Enter a value from 0 to 1440 minutes"),
    ]
    weight = read_fitbit(_fixture("weight"))
    # Pounds when the kg column is blank; of two weigh-ins on one day, the later.
    assert [(d.date, d.fields) for d in weight.days] == [
        (D(2016, 4, 13), {"weight": 80.9}),
        (D(2016, 5, 2), {"weight": 80.0}),
    ]
    assert [(e.line, e.reason) for e in weight.errors] == [
        (3, "WeightKg 'heavy' is not a number"),
        (4, "weight: Enter a value from 20 to 400 kg"),
    ]
    assert weight.skipped == [
        RowError(5, "another row for 2016-04-13 (line 6) is a later weigh-in; not imported")
    ]


# Applying: idempotent, intake untouched, seen by insights.


def test_applying_twice_changes_nothing_and_keeps_intake_calories(real, db_session, user_pair):
    alice, bob = user_pair
    db_session.add(DailyMetric(user_id=alice, date=D(2016, 4, 13), calories=2500.0, stress_level=4))
    db_session.commit()
    first = apply_import(db_session, alice, read_fitbit(_all_three(real), person_id=PERSON))
    db_session.commit()
    assert (first.days_added, first.days_updated, first.days_unchanged) == (47, 1, 0)
    assert first.errors == [] and len(first.skipped) == 2
    rows = {
        row.date: row
        for row in db_session.scalars(select(DailyMetric).where(DailyMetric.user_id == alice))
    }
    assert len(rows) == 48
    kept = rows[D(2016, 4, 13)]
    assert (kept.calories, kept.stress_level, kept.steps, kept.sleep_minutes) == (
        2500.0,
        4,
        10735,
        384,
    )
    assert kept.calories_burned == 1797.0
    assert all(row.calories is None for day, row in rows.items() if day != D(2016, 4, 13))
    assert rows[D(2016, 5, 2)].weight == 52.6
    second = apply_import(db_session, alice, read_fitbit(_all_three(real), person_id=PERSON))
    db_session.commit()
    assert (second.days_added, second.days_updated, second.days_unchanged) == (0, 0, 48)
    assert not second.changed
    assert db_session.scalars(select(DailyMetric).where(DailyMetric.user_id == bob)).all() == []
    frame = load_frame(db_session, alice)
    assert frame.loc["2016-04-13", "steps"] == 10735
    assert frame.loc["2016-04-13", "active_minutes"] == 257
    assert frame.loc["2016-04-13", "sleep_hours"] == pytest.approx(384 / 60)
    assert frame["steps"].count() == 48 and frame["sleep_hours"].count() == 25


def test_saving_the_form_keeps_the_tracker_fields(app, logged_in):
    with get_database(app).session_factory() as session:
        user_id = session.scalar(select(User.id).where(User.username == "alice"))
        apply_import(session, user_id, read_fitbit(_fixture("activity")))
        session.commit()
    loaded = callback_response(
        post_callback(logged_in, payload_for(app, (ids.DAILY_DATE, "value"), "2016-04-12"))
    )
    assert "From your tracker: 13,162 steps, 366 active minutes, 1,985 kcal burned." in str(
        loaded[ids.DAILY_STATUS]
    )
    form = {(ids.DAILY_DATE, "value"): "2016-04-12"}
    for name, field_id in ids.DAILY_FIELDS.items():
        form[(field_id, "value")] = "" if name.endswith("_level") else None
    form[(ids.DAILY_FIELDS["energy_level"], "value")] = 6
    saved = post_callback(logged_in, payload_for(app, (ids.DAILY_SAVE, "n_clicks"), 1, form))
    assert "Updated" in str(callback_response(saved)[ids.DAILY_STATUS])
    with get_database(app).session_factory() as session:
        row = session.scalar(select(DailyMetric).where(DailyMetric.date == D(2016, 4, 12)))
        assert (row.energy_level, row.steps, row.active_minutes) == (6, 13162, 366)
        assert (row.calories_burned, row.calories) == (1985.0, None)
