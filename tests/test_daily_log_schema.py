"""The daily entry schema and the form's unit handling."""

from datetime import date, datetime

import pytest
from pydantic import ValidationError

from callbacks.daily_log_shaping import entry_to_form, form_to_entry
from dashboard_app.schemas import field_errors
from dashboard_app.schemas.daily_log import DailyEntryInput

DAY = date(2026, 3, 10)


def errors_for(**fields) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        DailyEntryInput(date=DAY, **fields)
    return field_errors(caught.value)


def test_a_night_crossing_midnight_is_the_normal_case():
    entry = DailyEntryInput(date=DAY, sleep_start="2026-03-09T23:15", sleep_end="2026-03-10T06:45")
    assert entry.sleep_hours == pytest.approx(7.5)


def test_a_night_after_midnight_and_a_date_only_entry_are_fine():
    assert DailyEntryInput(
        date=DAY, sleep_start="2026-03-10T01:00", sleep_end="2026-03-10T09:30"
    ).sleep_hours == pytest.approx(8.5)
    assert DailyEntryInput(date=DAY).sleep_hours is None


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        ("2026-03-10T07:00", "2026-03-10T06:00", "sleep_end", "after falling asleep"),
        ("2026-03-08T05:00", "2026-03-10T06:00", "sleep_start", "at most 24 hours"),
        ("2026-03-10T23:00", "2026-03-11T07:00", "sleep_end", "ends that morning"),
        ("2026-03-09T23:00", None, "sleep_end", "or neither"),
        (None, "2026-03-10T07:00", "sleep_start", "or neither"),
        ("2026-03-09T23:00+01:00", "2026-03-10T07:00+01:00", "sleep_start", "without a time zone"),
        ("yesterday", "2026-03-10T07:00", "sleep_start", "valid datetime"),
    ],
)
def test_sleep_errors_belong_to_the_right_field(start, end, field, message):
    errors = errors_for(sleep_start=start, sleep_end=end)
    assert field in errors and message in errors[field]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"energy_level": 0}, "energy_level"),
        ({"stress_level": 11}, "stress_level"),
        ({"motivation_level": "7"}, "motivation_level"),
        ({"motivation_level": 6.5}, "motivation_level"),
        ({"energy_level": True}, "energy_level"),
        ({"weight": 19.9}, "weight"),
        ({"weight": 4000.0}, "weight"),
        ({"weight": float("nan")}, "weight"),
        ({"weight": "80"}, "weight"),
        ({"calories": -1}, "calories"),
        ({"calories": 150000}, "calories"),
        ({"protein": float("inf")}, "protein"),
        ({"water": 25000}, "water"),
        ({"meals": "x" * 4001}, "meals"),
        ({"heart_rate": 60}, "heart_rate"),
        ({"steps": -1}, "steps"),
        ({"steps": 200001}, "steps"),
        ({"steps": 1000.5}, "steps"),
        ({"active_minutes": 1441}, "active_minutes"),
        ({"calories_burned": -1.0}, "calories_burned"),
        ({"calories_burned": 20001.0}, "calories_burned"),
        ({"sleep_minutes": 1441}, "sleep_minutes"),
    ],
)
def test_out_of_range_and_non_numbers_are_refused_at_their_field(fields, field):
    assert field in errors_for(**fields)


def test_bounds_are_inclusive_and_blank_meals_become_none():
    entry = DailyEntryInput(
        date=DAY, weight=20, calories=0, energy_level=10, stress_level=1, meals="   "
    )
    assert (entry.weight, entry.calories, entry.meals) == (20, 0, None)


def test_tracker_fields_are_their_own_and_not_intake():
    entry = DailyEntryInput(
        date=DAY, steps=0, active_minutes=1440, calories_burned=2500.0, sleep_minutes=384
    )
    assert (entry.steps, entry.active_minutes, entry.sleep_minutes) == (0, 1440, 384)
    assert (entry.calories_burned, entry.calories) == (2500.0, None)


def test_form_values_in_pounds_and_ounces_are_stored_in_kg_and_ml():
    entry = form_to_entry(
        "2026-03-10",
        {"weight": 176.4, "water": 64, "energy_level": "", "meals": "", "sleep_start": ""},
        "lb",
    )
    assert entry["weight"] == pytest.approx(80.01, abs=0.01)
    assert entry["water"] == pytest.approx(1892.7, abs=0.1)
    assert entry["energy_level"] is None and entry["meals"] is None
    assert entry["sleep_start"] is None


def test_crafted_text_in_a_number_field_reaches_the_schema_unconverted():
    entry = form_to_entry("2026-03-10", {"weight": "heavy"}, "lb")
    assert entry["weight"] == "heavy"
    assert "weight" in field_errors(_error(entry))


def _error(entry):
    with pytest.raises(ValidationError) as caught:
        DailyEntryInput(**entry)
    return caught.value


def test_stored_values_show_in_the_users_units():
    stored = {
        "date": DAY,
        "sleep_start": datetime(2026, 3, 9, 23, 15),
        "weight": 80.0,
        "water": 2000.0,
        "energy_level": None,
        "stress_level": 4,
    }
    shown = entry_to_form(stored, "lb")
    assert shown["sleep_start"] == "2026-03-09T23:15"
    assert shown["weight"] == 176.4
    assert shown["water"] == 68
    assert shown["energy_level"] == "" and shown["stress_level"] == 4
    assert entry_to_form(stored, "kg")["weight"] == 80.0
