"""Request and response bodies of the API.

Requests are the app's own schemas (the ones the forms and importers validate with), with
the unit of each measure named in the field: `weight_kg`, `water_ml`, `calories_kcal`.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from dashboard_app.schemas.daily_log import DailyEntryInput, EntryDay
from dashboard_app.schemas.routines import RoutineInput
from dashboard_app.schemas.workouts import MAX_LOAD_KG, LineInput, SessionInput

MAX_PAGE_SIZE = 500
# A session's times are on the user's clock with no offset, which RFC 3339's "date-time"
# (what pydantic would document) does not allow: say what they are instead.
LocalDateTime = Annotated[
    datetime,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$",
            "description": "Local time on the user's clock, without an offset.",
        }
    ),
]
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
    """A logged set of one exercise: reps x load (kg), or a time (s) and distance (m) for a
    hold or a run; RIR 0-10, stimulus and fatigue 1-5. Consecutive sets of one exercise form
    a block unless `block` says otherwise; blocks sharing a `superset_group` are a superset."""


class LineOut(BaseModel):
    id: int
    exercise_id: int | None
    exercise_name: str
    sets: int
    reps: int | None
    load_kg: float = Field(ge=0, le=MAX_LOAD_KG * 2)
    duration_seconds: int | None
    distance_m: float | None
    rir: int | None
    stimulus: int | None
    fatigue_level: int | None
    is_warmup: bool
    notes: str | None
    block: int
    superset_group: int | None
    rest_seconds: int | None


class PlannedSetOut(BaseModel):
    """A set planned in a session (by a routine, or copied from last time), not done yet."""

    id: int
    exercise_id: int
    block: int
    position: int
    superset_group: int | None
    reps: int | None
    load_kg: float
    duration_seconds: int | None
    distance_m: float | None
    rir: int | None
    rest_seconds: int | None
    is_warmup: bool
    hint: str | None


class SessionIn(SessionInput):
    """A session's header and, when creating or replacing it, all of its lines in order."""

    lines: list[LineIn] = Field(default_factory=list, max_length=200)


class SessionOut(BaseModel):
    id: int
    date: date
    title: str | None
    routine_id: int | None
    mesocycle: str | None
    session_number: int | None
    start_time: LocalDateTime | None
    end_time: LocalDateTime | None
    duration_minutes: int | None
    notes: str | None
    lines: list[LineOut] = Field(default_factory=list)
    planned: list[PlannedSetOut] = Field(default_factory=list)


class SessionSummary(BaseModel):
    id: int
    date: date
    title: str | None = None
    mesocycle: str | None
    session_number: int | None
    start_time: LocalDateTime | None
    end_time: LocalDateTime | None
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


class RoutineIn(RoutineInput):
    """A routine: a named training day with its exercises in order and what to aim for in
    each (sets, a rep range or a time, RIR, rest; a shared superset_group for a superset)."""


class RoutineExerciseOut(BaseModel):
    exercise_id: int
    exercise_name: str
    kind: str
    target_sets: int
    rep_min: int | None
    rep_max: int | None
    target_rir: int | None
    target_seconds: int | None
    superset_group: int | None
    rest_seconds: int | None


class RoutineOut(BaseModel):
    id: int
    name: str
    mesocycle: str | None
    weekday: int | None = Field(description="0 Monday ... 6 Sunday")
    notes: str | None
    last_done: date | None
    exercises: list[RoutineExerciseOut]


class RoutineList(BaseModel):
    items: list[RoutineOut]


class RoutineStart(BaseModel):
    """The day to train the routine on (today in your time zone when left out)."""

    model_config = ConfigDict(extra="forbid")

    date: EntryDay | None = None


__all__ = ["time"]
