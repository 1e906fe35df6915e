"""Custom exercises: one schema for the library form and the API."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from db.base import MAX_ROW_ID

# db.vocabulary.EXERCISE_KINDS, spelled out for the schema (a test keeps them equal).
ExerciseKind = Literal["weight", "bodyweight", "duration", "distance"]


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if len(name) < 2:
        raise ValueError("give the exercise a name of at least 2 characters")
    return name


def _blank_to_none(value: str | None) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else value


ExerciseName = Annotated[str, Field(max_length=120), AfterValidator(_clean_name)]


class ExerciseInput(BaseModel):
    """A user's own exercise."""

    model_config = ConfigDict(extra="forbid")

    name: ExerciseName
    muscle_group_id: int = Field(strict=True, ge=1, le=MAX_ROW_ID)
    equipment_id: int | None = Field(default=None, strict=True, ge=1, le=MAX_ROW_ID)
    # load x reps, reps of one's own weight, a hold timed, a distance with its time
    kind: ExerciseKind = "weight"
    description: Annotated[
        str | None, Field(default=None, max_length=2000), AfterValidator(_blank_to_none)
    ]


class ExerciseRenameInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ExerciseName
