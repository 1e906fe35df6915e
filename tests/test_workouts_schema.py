"""The session and line schemas: ranges, strict types, times past midnight, error fields."""

from datetime import date, datetime, time

import pytest
from pydantic import BaseModel, ValidationError, model_validator

from dashboard_app.schemas import field_errors
from dashboard_app.schemas.workouts import LineInput, SessionInput

DAY = date(2026, 3, 10)
LINE = {"exercise_id": 7, "sets": 3, "reps": 5, "load_kg": 100.0}


def session_errors(**fields) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        SessionInput(**{"date": DAY, **fields})
    return field_errors(caught.value)


def line_errors(**fields) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        LineInput(**{**LINE, **fields})
    return field_errors(caught.value)


# SessionInput


def test_a_date_only_session_has_no_times():
    session = SessionInput(date=DAY)
    assert (session.mesocycle, session.session_number, session.notes) == (None, None, None)
    assert (session.starts_at, session.ends_at) == (None, None)


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2100, 12, 31), "2026-03-10"])
def test_days_inside_the_range_are_accepted(day):
    assert SessionInput(date=day).date == (DAY if isinstance(day, str) else day)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(1899, 12, 31), "Choose a day between 1900 and 2100"),
        (date(2101, 1, 1), "Choose a day between 1900 and 2100"),
        (date(26, 3, 10), "Choose a day between 1900 and 2100"),
        ("yesterday", "Input should be a valid date"),
        (None, "Input should be a valid date"),
    ],
)
def test_days_outside_the_range_are_refused_on_date(day, message):
    errors = session_errors(date=day)
    assert set(errors) == {"date"}
    assert errors["date"].startswith(message)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Block A", "Block A"),
        ("  Block \t A\n", "Block A"),
        ("Hypertrophy   block   2", "Hypertrophy block 2"),
        ("", None),
        ("   \n\t ", None),
        (None, None),
        ("m" * 80, "m" * 80),
    ],
)
def test_mesocycle_whitespace_is_collapsed_and_blank_is_none(typed, stored):
    assert SessionInput(date=DAY, mesocycle=typed).mesocycle == stored


@pytest.mark.parametrize("typed", ["m" * 81, "m" * 200])
def test_mesocycle_over_80_characters_is_refused(typed):
    errors = session_errors(mesocycle=typed)
    assert errors == {"mesocycle": "String should have at most 80 characters"}


def test_session_notes_are_trimmed_but_keep_their_lines():
    session = SessionInput(date=DAY, notes="  felt strong\n\nback was tight  ")
    assert session.notes == "felt strong\n\nback was tight"
    assert SessionInput(date=DAY, notes=" \n ").notes is None
    assert SessionInput(date=DAY, notes="n" * 4000).notes == "n" * 4000
    assert set(session_errors(notes="n" * 4001)) == {"notes"}


@pytest.mark.parametrize("number", [1, 2, 998, 999, None])
def test_session_numbers_from_1_to_999_are_accepted(number):
    assert SessionInput(date=DAY, session_number=number).session_number == number


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (0, "Input should be greater than or equal to 1"),
        (-1, "Input should be greater than or equal to 1"),
        (1000, "Input should be less than or equal to 999"),
        (2**40, "Input should be less than or equal to 999"),
        ("3", "Input should be a valid integer"),
        (3.0, "Input should be a valid integer"),
        (2.5, "Input should be a valid integer"),
        (True, "Input should be a valid integer"),
        (False, "Input should be a valid integer"),
    ],
)
def test_session_numbers_out_of_range_or_not_ints_are_refused(number, message):
    assert session_errors(session_number=number) == {"session_number": message}


@pytest.mark.parametrize(
    ("start", "end", "starts_at", "ends_at", "minutes"),
    [
        ("22:30", "00:15", datetime(2026, 3, 10, 22, 30), datetime(2026, 3, 11, 0, 15), 105),
        ("18:00", "19:30", datetime(2026, 3, 10, 18, 0), datetime(2026, 3, 10, 19, 30), 90),
        (time(8, 0), time(20, 0), datetime(2026, 3, 10, 8), datetime(2026, 3, 10, 20), 720),
        ("20:00", "08:00", datetime(2026, 3, 10, 20), datetime(2026, 3, 11, 8), 720),
        ("07:00", "07:00", datetime(2026, 3, 10, 7), datetime(2026, 3, 10, 7), 0),
        ("07:00", None, datetime(2026, 3, 10, 7), None, None),
    ],
)
def test_times_give_the_start_and_finish_even_after_midnight(
    start, end, starts_at, ends_at, minutes
):
    session = SessionInput(date=DAY, start_time=start, end_time=end)
    assert (session.starts_at, session.ends_at) == (starts_at, ends_at)
    if minutes is not None:
        assert (session.ends_at - session.starts_at).total_seconds() / 60 == minutes


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (None, "09:00", "start_time", "Enter when the session started, or clear the finish"),
        ("08:00", "20:01", "end_time", "A session lasts at most 12 hours; check the times"),
        ("10:00", "09:59", "end_time", "A session lasts at most 12 hours; check the times"),
        ("19:59", "08:00", "end_time", "A session lasts at most 12 hours; check the times"),
        ("22:30+01:00", None, "start_time", "Give a local time without a time zone"),
        ("22:30Z", "23:30Z", "start_time", "Give a local time without a time zone"),
        ("22:30", "23:30+00:00", "end_time", "Give a local time without a time zone"),
        ("25:00", None, "start_time", "Input should be in a valid time format"),
        ("08:00", "noon", "end_time", "Input should be in a valid time format"),
    ],
)
def test_bad_times_are_refused_on_the_right_field(start, end, field, message):
    errors = session_errors(start_time=start, end_time=end)
    assert set(errors) == {field}
    assert errors[field].startswith(message)


@pytest.mark.parametrize("extra", ["duration", "user_id", "id", "lines"])
def test_unknown_session_keys_are_refused(extra):
    assert session_errors(**{extra: 1}) == {extra: "Extra inputs are not permitted"}


# LineInput


def test_a_line_with_only_the_required_fields_has_defaults():
    line = LineInput(**LINE)
    assert line.model_dump() == {
        **LINE,
        "rir": None,
        "stimulus": None,
        "fatigue_level": None,
        "is_warmup": False,
        "notes": None,
        "duration_seconds": None,
        "distance_m": None,
        "block": None,
        "superset_group": None,
        "rest_seconds": None,
    }
    assert line.volume_kg == 1500.0


def test_a_set_is_one_set_of_reps_a_timed_hold_or_a_distance():
    assert LineInput(exercise_id=1, reps=8, load_kg=60.0).sets == 1
    plank = LineInput(exercise_id=1, duration_seconds=60)
    assert (plank.reps, plank.load_kg, plank.volume_kg) == (None, 0.0, 0.0)
    run = LineInput(exercise_id=1, distance_m=5000.0, duration_seconds=1500)
    assert (run.distance_m, run.duration_seconds) == (5000.0, 1500)
    with pytest.raises(ValidationError) as caught:
        LineInput(exercise_id=1, load_kg=60.0)
    assert field_errors(caught.value) == {"reps": "Enter the reps, a time or a distance"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("exercise_id", 1),
        ("exercise_id", 2**31 - 1),
        ("sets", 1),
        ("sets", 50),
        ("reps", 1),
        ("reps", 500),
        ("load_kg", 0),
        ("load_kg", 0.0),
        ("load_kg", 700),
        ("load_kg", 700.0),
        ("load_kg", 62.5),
        ("rir", 0),
        ("rir", 10),
        ("rir", None),
        ("stimulus", 1),
        ("stimulus", 5),
        ("fatigue_level", 1),
        ("fatigue_level", 5),
        ("is_warmup", True),
        ("is_warmup", False),
        ("notes", "n" * 500),
    ],
)
def test_line_bounds_are_inclusive(field, value):
    assert getattr(LineInput(**{**LINE, field: value}), field) == value


def test_loads_are_kept_to_the_gram_and_line_notes_trimmed():
    assert LineInput(**{**LINE, "load_kg": 102.50049}).load_kg == 102.5
    assert LineInput(**{**LINE, "load_kg": 20.1234}).load_kg == 20.123
    line = LineInput(**{**LINE, "notes": "  paused reps\n  belt on  "})
    assert line.notes == "paused reps\n  belt on"
    assert LineInput(**{**LINE, "notes": "   "}).notes is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("exercise_id", 0, "Input should be greater than or equal to 1"),
        ("exercise_id", -1, "Input should be greater than or equal to 1"),
        ("exercise_id", 2**31, "Input should be less than or equal to 2147483647"),
        ("exercise_id", 2**40, "Input should be less than or equal to 2147483647"),
        ("exercise_id", "7", "Input should be a valid integer"),
        ("exercise_id", 7.0, "Input should be a valid integer"),
        ("exercise_id", True, "Input should be a valid integer"),
        ("exercise_id", None, "Input should be a valid integer"),
        ("sets", 0, "Input should be greater than or equal to 1"),
        ("sets", 51, "Input should be less than or equal to 50"),
        ("sets", "3", "Input should be a valid integer"),
        ("sets", 3.0, "Input should be a valid integer"),
        ("sets", True, "Input should be a valid integer"),
        ("reps", 0, "Input should be greater than or equal to 1"),
        ("reps", 501, "Input should be less than or equal to 500"),
        ("reps", "5", "Input should be a valid integer"),
        ("reps", 5.5, "Input should be a valid integer"),
        ("load_kg", -0.5, "Input should be greater than or equal to 0"),
        ("load_kg", 700.01, "Input should be less than or equal to 700"),
        ("load_kg", 7000, "Input should be less than or equal to 700"),
        ("load_kg", float("nan"), "Input should be a finite number"),
        ("load_kg", float("inf"), "Input should be a finite number"),
        ("load_kg", float("-inf"), "Input should be a finite number"),
        ("load_kg", "heavy", "Input should be a valid number"),
        ("load_kg", None, "Input should be a valid number"),
        ("rir", -1, "Input should be greater than or equal to 0"),
        ("rir", 11, "Input should be less than or equal to 10"),
        ("rir", "2", "Input should be a valid integer"),
        ("rir", 2.0, "Input should be a valid integer"),
        ("stimulus", 0, "Input should be greater than or equal to 1"),
        ("stimulus", 6, "Input should be less than or equal to 5"),
        ("stimulus", "3", "Input should be a valid integer"),
        ("fatigue_level", 0, "Input should be greater than or equal to 1"),
        ("fatigue_level", 6, "Input should be less than or equal to 5"),
        ("fatigue_level", True, "Input should be a valid integer"),
        ("is_warmup", 1, "Input should be a valid boolean"),
        ("is_warmup", 0, "Input should be a valid boolean"),
        ("is_warmup", "true", "Input should be a valid boolean"),
        ("is_warmup", "yes", "Input should be a valid boolean"),
        ("is_warmup", None, "Input should be a valid boolean"),
        ("notes", "n" * 501, "String should have at most 500 characters"),
        ("notes", 5, "Input should be a valid string"),
    ],
)
def test_line_values_out_of_range_or_of_the_wrong_type_are_refused(field, value, message):
    errors = line_errors(**{field: value})
    assert set(errors) == {field}
    assert errors[field].startswith(message)


@pytest.mark.parametrize("missing", ["exercise_id"])
def test_required_line_fields_are_named_when_missing(missing):
    fields = {name: value for name, value in LINE.items() if name != missing}
    with pytest.raises(ValidationError) as caught:
        LineInput(**fields)
    assert field_errors(caught.value) == {missing: "Field required"}


@pytest.mark.parametrize("extra", ["weight", "volume_kg", "user_id", "session_id", "position"])
def test_unknown_line_keys_are_refused(extra):
    assert line_errors(**{extra: 1}) == {extra: "Extra inputs are not permitted"}


# field_errors


def test_field_errors_give_every_bad_field_its_own_message():
    with pytest.raises(ValidationError) as caught:
        LineInput(
            exercise_id="7",
            sets=0,
            reps=501,
            load_kg=float("nan"),
            is_warmup="no",
            stimulus=9,
            colour="red",
        )
    assert field_errors(caught.value) == {
        "exercise_id": "Input should be a valid integer",
        "sets": "Input should be greater than or equal to 1",
        "reps": "Input should be less than or equal to 500",
        "load_kg": "Input should be a finite number",
        "is_warmup": "Input should be a valid boolean",
        "stimulus": "Input should be less than or equal to 5",
        "colour": "Extra inputs are not permitted",
    }


def test_field_errors_of_a_session_drop_the_value_error_prefix_and_capitalise():
    with pytest.raises(ValidationError) as caught:
        SessionInput(date=date(1800, 1, 1), mesocycle="m" * 81, session_number="1", rest=2)
    assert field_errors(caught.value) == {
        "date": "Choose a day between 1900 and 2100",
        "mesocycle": "String should have at most 80 characters",
        "session_number": "Input should be a valid integer",
        "rest": "Extra inputs are not permitted",
    }


class _Pair(BaseModel):
    values: list[int]

    @model_validator(mode="after")
    def _sum(self):
        if sum(self.values) > 10:
            raise ValueError("the values add up to more than 10")
        return self


def test_field_errors_keep_the_first_message_and_file_whole_model_errors_under_all():
    with pytest.raises(ValidationError) as caught:
        _Pair(values=["x", 1.5])
    assert field_errors(caught.value) == {
        "values": "Input should be a valid integer, unable to parse string as an integer"
    }
    with pytest.raises(ValidationError) as caught:
        _Pair(values=[6, 6])
    assert field_errors(caught.value) == {"__all__": "The values add up to more than 10"}
