"""The daily entry: one schema for the form, the API and the importers (SI units)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from dashboard_app.schemas import field_error, field_errors

MAX_SLEEP = timedelta(hours=24)
# Days the log accepts: catches a mistyped year (0026) without limiting anyone real.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)
# Plausible ranges: wide enough for every real person, narrow enough to catch typos
# (a weight typed in grams, calories with an extra zero).
RANGES = {
    "weight": (20.0, 400.0, "kg"),
    "calories": (0.0, 15000.0, "kcal"),
    "protein": (0.0, 1000.0, "g"),
    "carbohydrate": (0.0, 2000.0, "g"),
    "fat": (0.0, 1000.0, "g"),
    "fibre": (0.0, 300.0, "g"),
    "water": (0.0, 20000.0, "ml"),
    "steps": (0, 200000, "steps"),
    "active_minutes": (0, 1440, "minutes"),
    "calories_burned": (0.0, 20000.0, "kcal"),
    "sleep_minutes": (0, 1440, "minutes"),
}
SCALE_FIELDS = ("stress_level", "energy_level", "motivation_level")
# Intake: what was eaten and drunk.
NUTRITION_FIELDS = ("calories", "protein", "carbohydrate", "fat", "fibre", "water")
# What a tracker measures; calories_burned is never intake, sleep_minutes is the time asleep
# for sources that give no clock times (with clock times, those describe the night).
ACTIVITY_FIELDS = ("steps", "active_minutes", "calories_burned", "sleep_minutes")
ENTRY_FIELDS = (
    "date",
    "sleep_start",
    "sleep_end",
    *SCALE_FIELDS,
    "weight",
    "meals",
    *NUTRITION_FIELDS,
    *ACTIVITY_FIELDS,
)


def _within(field: str):
    low, high, unit = RANGES[field]

    def check(value: float | int | None) -> float | int | None:
        if value is not None and not low <= value <= high:
            raise ValueError(f"enter a value from {low:g} to {high:g} {unit}")
        return value

    return AfterValidator(check)


def _blank_to_none(value: str | None) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else value


Scale = Annotated[int | None, Field(default=None, ge=1, le=10, strict=True)]


def _measure(field: str):
    return Annotated[
        float | None, Field(default=None, strict=True, allow_inf_nan=False), _within(field)
    ]


def _count(field: str):
    return Annotated[int | None, Field(default=None, strict=True), _within(field)]


def _check_night(entry):
    """The sleep times describe one night that ended on the morning of the entry's date."""
    start, end = entry.sleep_start, entry.sleep_end
    if start is None and end is None:
        return entry
    if start is None or end is None:
        missing = "sleep_start" if start is None else "sleep_end"
        raise field_error(missing, "enter both when you fell asleep and woke up, or neither")
    if start.tzinfo is not None or end.tzinfo is not None:
        raise field_error("sleep_start", "give local times without a time zone")
    if end.date() != entry.date:
        raise field_error(
            "sleep_end", f"the night logged on {entry.date:%d %b %Y} ends that morning"
        )
    if end <= start:
        raise field_error("sleep_end", "waking up must come after falling asleep")
    if end - start > MAX_SLEEP:
        raise field_error("sleep_start", "a night's sleep is at most 24 hours")
    return entry


def _plausible_day(day: date) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"choose a day between {FIRST_DAY:%Y} and {LAST_DAY:%Y}")
    return day


def refuse_numbers(value: Any) -> Any:
    """Dates and times are written out: pydantic would read 0 as 1970-01-01 (a Unix time)."""
    if isinstance(value, int | float):  # bool included
        raise ValueError("write it as text (YYYY-MM-DD, HH:MM), not as a number")
    return value


EntryDay = Annotated[date, BeforeValidator(refuse_numbers), AfterValidator(_plausible_day)]
Moment = Annotated[datetime, BeforeValidator(refuse_numbers)]


class NightInput(BaseModel):
    """The sleep part of an entry alone, so its errors show beside those of other fields."""

    model_config = ConfigDict(extra="ignore")

    date: date
    sleep_start: datetime | None = None
    sleep_end: datetime | None = None

    _one_night = model_validator(mode="after")(lambda night: _check_night(night))


class DailyEntryInput(BaseModel):
    """One day's entry; every field but the date may be left out."""

    model_config = ConfigDict(extra="forbid")

    date: EntryDay
    sleep_start: Moment | None = None
    sleep_end: Moment | None = None
    stress_level: Scale
    energy_level: Scale
    motivation_level: Scale
    weight: _measure("weight")
    meals: Annotated[
        str | None, Field(default=None, max_length=4000), AfterValidator(_blank_to_none)
    ]
    calories: _measure("calories")
    protein: _measure("protein")
    carbohydrate: _measure("carbohydrate")
    fat: _measure("fat")
    fibre: _measure("fibre")
    water: _measure("water")
    steps: _count("steps")
    active_minutes: _count("active_minutes")
    calories_burned: _measure("calories_burned")
    sleep_minutes: _count("sleep_minutes")

    _one_night = model_validator(mode="after")(lambda entry: _check_night(entry))

    @property
    def sleep_hours(self) -> float | None:
        if self.sleep_start is None or self.sleep_end is None:
            return None
        return (self.sleep_end - self.sleep_start).total_seconds() / 3600


def validate_entry(data: dict[str, Any]) -> tuple[DailyEntryInput | None, dict[str, str]]:
    """The validated entry, or None and every field's error at once (sleep included)."""
    try:
        return DailyEntryInput.model_validate(data), {}
    except ValidationError as exc:
        errors = field_errors(exc)
    if not errors.keys() & {"date", "sleep_start", "sleep_end"}:
        try:
            NightInput.model_validate(data)
        except ValidationError as exc:
            errors.update(field_errors(exc))
    return None, errors
