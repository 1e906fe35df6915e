"""Routines: named training days and their exercises, one schema for the editor and the API."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from dashboard_app.schemas import field_error
from dashboard_app.schemas.workouts import (
    MAX_REST_SECONDS,
    MAX_SET_SECONDS,
    MAX_SUPERSET,
    clean_text,
)
from db.base import MAX_ROW_ID

MAX_ROUTINE_EXERCISES = 30
MAX_TARGET_SETS = 20
MAX_TARGET_REPS = 100


def _name(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


class RoutineExerciseInput(BaseModel):
    """One exercise of a routine: its sets and the reps (or time) and effort to aim for."""

    model_config = ConfigDict(extra="forbid")

    exercise_id: int = Field(strict=True, ge=1, le=MAX_ROW_ID)
    target_sets: int = Field(default=3, strict=True, ge=1, le=MAX_TARGET_SETS)
    rep_min: int | None = Field(default=None, strict=True, ge=1, le=MAX_TARGET_REPS)
    rep_max: int | None = Field(default=None, strict=True, ge=1, le=MAX_TARGET_REPS)
    target_rir: int | None = Field(default=None, strict=True, ge=0, le=10)
    target_seconds: int | None = Field(default=None, strict=True, ge=1, le=MAX_SET_SECONDS)
    superset_group: int | None = Field(default=None, strict=True, ge=1, le=MAX_SUPERSET)
    rest_seconds: int | None = Field(default=None, strict=True, ge=0, le=MAX_REST_SECONDS)

    @model_validator(mode="after")
    def _range(self):
        if self.rep_min is not None and self.rep_max is not None and self.rep_min > self.rep_max:
            raise field_error("rep_max", "the most reps must be at least the fewest")
        if self.rep_max is not None and self.rep_min is None:
            self.rep_min = self.rep_max
        if self.rep_min is not None and self.rep_max is None:
            self.rep_max = self.rep_min
        return self


class RoutineInput(BaseModel):
    """A routine: its name, the mesocycle and weekday it belongs to, its exercises in order."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=80), BeforeValidator(_name)]
    mesocycle: clean_text(80)
    weekday: int | None = Field(default=None, strict=True, ge=0, le=6)
    notes: clean_text(2000)
    exercises: list[RoutineExerciseInput] = Field(
        default_factory=list, max_length=MAX_ROUTINE_EXERCISES
    )
