"""Request and response bodies of the API.

Requests are the app's own schemas (the ones the forms and importers validate with), with
the unit of each measure named in the field: `weight_kg`, `water_ml`, `calories_kcal`.
"""

from __future__ import annotations

from datetime import date, datetime, time

from pydantic import BaseModel, ConfigDict, Field

from dashboard_app.schemas.daily_log import DailyEntryInput
from dashboard_app.schemas.workouts import MAX_LOAD_KG, LineInput, SessionInput

MAX_PAGE_SIZE = 500
MAX_BULK = 1000

# The daily log's measures, named with their unit in the API (stored in these units).
DAILY_UNITS = {
    "weight": "weight_kg",
    "calories": "calories_kcal",
    "protein": "protein_g",
    "carbohydrate": "carbohydrate_g",
    "fat": "fat_g",
    "fibre": "fibre_g",
    "water": "water_ml",
    "calories_burned": "calories_burned_kcal",
}


def _daily_alias(name: str) -> str:
    return DAILY_UNITS.get(name, name)


class DailyMetricIn(DailyEntryInput):
    """One day's entry; every field but the date may be left out (left out: cleared)."""

    model_config = ConfigDict(extra="forbid", alias_generator=_daily_alias, serialize_by_alias=True)


class DailyMetricOut(DailyMetricIn):
    model_config = ConfigDict(extra="ignore", alias_generator=_daily_alias, serialize_by_alias=True)

    id: int


class DailyMetricPage(BaseModel):
    items: list[DailyMetricOut]
    page: int
    page_size: int
    total: int


class DailyRange(BaseModel):
    """Which days: [start, end], both optional, newest first, in pages."""

    model_config = ConfigDict(extra="forbid")

    start: date | None = None
    end: date | None = None
    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=100, ge=1, le=MAX_PAGE_SIZE)


class DailyBulk(BaseModel):
    """Several days at once, each created or replaced; all of them or none."""

    model_config = ConfigDict(extra="forbid")

    items: list[DailyMetricIn] = Field(min_length=1, max_length=MAX_BULK)


class BulkResult(BaseModel):
    created: int
    replaced: int


class LineIn(LineInput):
    """A line: sets x reps x load (kg) of one exercise, RIR 0-10, stimulus and fatigue 1-5."""


class LineOut(BaseModel):
    id: int
    exercise_id: int | None
    exercise_name: str
    sets: int
    reps: int
    load_kg: float = Field(ge=0, le=MAX_LOAD_KG * 2)
    rir: int | None
    stimulus: int | None
    fatigue_level: int | None
    is_warmup: bool
    notes: str | None


class SessionIn(SessionInput):
    """A session's header and, when creating or replacing it, all of its lines in order."""

    lines: list[LineIn] = Field(default_factory=list, max_length=200)


class SessionOut(BaseModel):
    id: int
    date: date
    mesocycle: str | None
    session_number: int | None
    start_time: datetime | None
    end_time: datetime | None
    duration_minutes: int | None
    notes: str | None
    lines: list[LineOut] = Field(default_factory=list)


class SessionSummary(BaseModel):
    id: int
    date: date
    mesocycle: str | None
    session_number: int | None
    start_time: datetime | None
    end_time: datetime | None
    exercises: int
    sets: int
    volume_kg: float


class SessionPage(BaseModel):
    items: list[SessionSummary]
    page: int
    page_size: int
    total: int


class Page(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=50, ge=1, le=MAX_PAGE_SIZE)


class Deleted(BaseModel):
    deleted: bool = True


__all__ = ["time"]
