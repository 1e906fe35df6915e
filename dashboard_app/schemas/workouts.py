"""Training sessions and their lines: one schema each for the forms, the API and importers.

Loads are in kg (SI); the form converts from the user's unit before validating.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from dashboard_app.schemas import field_error
from dashboard_app.schemas.daily_log import EntryDay, refuse_numbers
from db.base import MAX_ROW_ID

MAX_SESSION = timedelta(hours=12)
MAX_SESSION_NUMBER = 999
# Wide enough for every real lift (the heaviest ever are near 500 kg), narrow enough to catch
# a load typed with an extra zero.
MAX_LOAD_KG = 700.0
MAX_SETS = 50
MAX_REPS = 500
MAX_SET_SECONDS = 86_400
MAX_DISTANCE_M = 1_000_000.0
MAX_REST_SECONDS = 3600
MAX_BLOCK = 200
MAX_SUPERSET = 99


def clean_text(limit: int):
    def clean(value: str | None) -> str | None:
        if not isinstance(value, str):
            return value
        value = " ".join(value.split()) if limit <= 200 else value.strip()
        return value or None

    # Cleaned before the length check: surrounding spaces never make a name too long.
    return Annotated[str | None, Field(default=None, max_length=limit), BeforeValidator(clean)]


ClockTime = Annotated[time, BeforeValidator(refuse_numbers)]


class SessionInput(BaseModel):
    """A session's header: when it was, which mesocycle, its number in it."""

    model_config = ConfigDict(extra="forbid")

    date: EntryDay
    title: clean_text(120)
    mesocycle: clean_text(80)
    session_number: int | None = Field(default=None, strict=True, ge=1, le=MAX_SESSION_NUMBER)
    start_time: ClockTime | None = None
    end_time: ClockTime | None = None
    notes: clean_text(4000)

    @model_validator(mode="after")
    def _times(self):
        if self.end_time is not None and self.start_time is None:
            raise field_error("start_time", "enter when the session started, or clear the finish")
        if self.start_time is not None and self.start_time.tzinfo is not None:
            raise field_error("start_time", "give a local time without a time zone")
        if self.end_time is not None and self.end_time.tzinfo is not None:
            raise field_error("end_time", "give a local time without a time zone")
        if self.ends_at is not None and self.ends_at - self.starts_at > MAX_SESSION:
            raise field_error("end_time", "a session lasts at most 12 hours; check the times")
        return self

    @property
    def starts_at(self) -> datetime | None:
        return datetime.combine(self.date, self.start_time) if self.start_time else None

    @property
    def ends_at(self) -> datetime | None:
        """The finish; earlier on the clock than the start means after midnight."""
        if self.end_time is None or self.start_time is None:
            return None
        end = datetime.combine(self.date, self.end_time)
        return end if end >= self.starts_at else end + timedelta(days=1)


def _whole_load(load: float) -> float:
    return round(load, 3)


class LineInput(BaseModel):
    """One set of a session (a set row, the API's line, an imported set) and how it felt.

    A set counts reps (with a load, 0 for one's own weight), a time, or a distance with its
    time. `sets` above 1 is an old line of several equal sets, which the API still takes.
    Block, superset and rest place it in the session; left out, the services choose.
    """

    model_config = ConfigDict(extra="forbid")

    exercise_id: int = Field(strict=True, ge=1, le=MAX_ROW_ID)
    sets: int = Field(default=1, strict=True, ge=1, le=MAX_SETS)
    reps: int | None = Field(default=None, strict=True, ge=1, le=MAX_REPS)
    load_kg: Annotated[
        float,
        Field(default=0.0, strict=True, ge=0, le=MAX_LOAD_KG, allow_inf_nan=False),
        AfterValidator(_whole_load),
    ]
    duration_seconds: int | None = Field(default=None, strict=True, ge=1, le=MAX_SET_SECONDS)
    distance_m: float | None = Field(
        default=None, strict=True, gt=0, le=MAX_DISTANCE_M, allow_inf_nan=False
    )
    rir: int | None = Field(default=None, strict=True, ge=0, le=10)
    stimulus: int | None = Field(default=None, strict=True, ge=1, le=5)
    fatigue_level: int | None = Field(default=None, strict=True, ge=1, le=5)
    is_warmup: bool = Field(default=False, strict=True)
    notes: clean_text(500)
    block: int | None = Field(default=None, strict=True, ge=0, le=MAX_BLOCK)
    superset_group: int | None = Field(default=None, strict=True, ge=1, le=MAX_SUPERSET)
    rest_seconds: int | None = Field(default=None, strict=True, ge=0, le=MAX_REST_SECONDS)

    @model_validator(mode="after")
    def _measured(self):
        if self.reps is None and self.duration_seconds is None and self.distance_m is None:
            raise field_error("reps", "enter the reps, a time or a distance")
        return self

    @property
    def volume_kg(self) -> float:
        return self.sets * (self.reps or 0) * self.load_kg
