"""Match exercise names from other apps' exports to the library; create the ones it lacks.

A name matches, in this order: an exercise the user can see (catalogue or their own) of the
same normalised name; a known alias (data/exercise_aliases.json); the rule "X (Equipment)" ->
"Equipment X", then "X". Anything else becomes the user's own exercise, filed under a muscle
group guessed from words in its name (the file's default group when no word fits).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard_app.schemas import field_errors
from dashboard_app.schemas.exercises import ExerciseInput
from dashboard_app.services.exercises import (
    create_custom_exercise,
    visible_exercises,
    with_muscle_and_equipment,
)
from db.models import Equipment, Exercise, MuscleGroup

ALIASES_RESOURCE = "exercise_aliases.json"
_EQUIPMENT_SUFFIX = re.compile(r"^(?P<base>.+?)\s*\((?P<equipment>[^()]+)\)$")


def normalise_name(name: str) -> str:
    """'Chin-Up ' -> 'chin up': case, punctuation and spacing never decide a match."""
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


def clean_name(name: str) -> str:
    return " ".join(name.split())


@cache
def load_aliases() -> dict[str, Any]:
    """The alias file, its keys normalised."""
    text = resources.files("dashboard_app.data").joinpath(ALIASES_RESOURCE).read_text("utf-8")
    data = json.loads(text)
    return {
        "aliases": {normalise_name(k): v for k, v in data["aliases"].items()},
        "equipment": {normalise_name(k): v for k, v in data["equipment"].items()},
        "keywords": [
            (re.compile(rf"\b{kw}"), group) for kw, group in data["muscle_group_keywords"]
        ],
        "default_muscle_group": data["default_muscle_group"],
    }


def candidate_names(name: str) -> list[str]:
    """Normalised library names that a file's exercise name may stand for, best first."""
    aliases = load_aliases()
    cleaned = clean_name(name)
    candidates = [normalise_name(cleaned)]
    if alias := aliases["aliases"].get(candidates[0]):
        candidates.append(normalise_name(alias))
    match = _EQUIPMENT_SUFFIX.match(cleaned)
    if match:
        kit = aliases["equipment"].get(normalise_name(match["equipment"]))
        if kit is not None:
            base = normalise_name(match["base"])
            candidates += [normalise_name(f"{kit['prefix']} {base}"), base]
    return candidates


# The catalogue files nearly all of its cardio under the legs that do the work.
DISTANCE_MUSCLE_GROUP = "Quadriceps"


def guess_muscle_group(name: str, kind: str = "weight") -> str:
    """The muscle group a new exercise is filed under, from words in its name and its kind."""
    aliases = load_aliases()
    normalised = normalise_name(name)
    for pattern, group in aliases["keywords"]:
        if pattern.search(normalised):
            return group
    return DISTANCE_MUSCLE_GROUP if kind == "distance" else aliases["default_muscle_group"]


def guess_equipment(name: str) -> str | None:
    match = _EQUIPMENT_SUFFIX.match(clean_name(name))
    if match is None:
        return None
    kit = load_aliases()["equipment"].get(normalise_name(match["equipment"]))
    return kit["equipment"] if kit else None


@dataclass(frozen=True)
class Target:
    """The exercise a line is logged against, with the names copied onto the line."""

    id: int
    name: str
    muscle_group: str | None
    equipment: str | None


class ExerciseMatcher:
    """Resolves a file's exercise names for one user, creating their own exercises as needed."""

    def __init__(self, session: Session, user_id: int) -> None:
        self.session, self.user_id = session, user_id
        self.matched: dict[str, str] = {}  # file name -> library name
        self.created: dict[str, str] = {}  # new exercise -> its muscle group
        self._refused: dict[str, str] = {}
        self._resolved: dict[str, Target | None] = {}
        self._library: dict[str, Target] | None = None

    def _load_library(self) -> dict[str, Target]:
        rows = self.session.execute(
            with_muscle_and_equipment(
                visible_exercises(self.user_id), Exercise.id, Exercise.name, Exercise.user_id
            )
            # The user's own first: setdefault then keeps theirs over a catalogue namesake.
            .order_by(Exercise.user_id.is_(None), Exercise.id)
        )
        library: dict[str, Target] = {}
        for r in rows:
            library.setdefault(
                normalise_name(r.name), Target(r.id, r.name, r.muscle_group, r.equipment)
            )
        return library

    def resolve(self, file_name: str, kind: str = "weight") -> Target | None:
        """The exercise for this name (matched or newly created), or None if refused.

        kind is how the file measures it (a new exercise is created of that kind).
        """
        if file_name in self._resolved:
            return self._resolved[file_name]
        if self._library is None:
            self._library = self._load_library()
        target = next(
            (self._library[c] for c in candidate_names(file_name) if c in self._library), None
        )
        if target is not None:
            self.matched[clean_name(file_name)] = target.name
        else:
            target = self._create(file_name, kind)
        self._resolved[file_name] = target
        return target

    def refusal(self, file_name: str) -> str:
        """Why a name could not become an exercise."""
        return self._refused.get(file_name, f"{file_name!r}: not an exercise name")

    def _create(self, file_name: str, kind: str) -> Target | None:
        group = guess_muscle_group(file_name, kind)
        equipment = guess_equipment(file_name)
        group_id = self.session.scalar(select(MuscleGroup.id).where(MuscleGroup.name == group))
        if group_id is None:
            self._refused[file_name] = (
                f"exercise {file_name!r} cannot be added: the muscle groups are not loaded "
                "(run metrics-tracker db seed)"
            )
            return None
        equipment_id = (
            self.session.scalar(select(Equipment.id).where(Equipment.name == equipment))
            if equipment
            else None
        )
        try:
            data = ExerciseInput(
                name=clean_name(file_name) or "?",
                muscle_group_id=group_id,
                equipment_id=equipment_id,
                kind=kind,
            )
        except ValidationError as exc:
            reasons = "; ".join(field_errors(exc).values())
            self._refused[file_name] = f"exercise {file_name!r} cannot be added: {reasons}"
            return None
        summary, errors = create_custom_exercise(self.session, self.user_id, data)
        if summary is None:
            reasons = "; ".join(errors.values())
            self._refused[file_name] = f"exercise {file_name!r} cannot be added: {reasons}"
            return None
        target = Target(
            summary["id"], summary["name"], summary["muscle_group"], summary["equipment"]
        )
        self._library[normalise_name(target.name)] = target
        self.created[target.name] = group
        return target
