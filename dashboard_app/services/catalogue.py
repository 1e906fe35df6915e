"""The exercise catalogue shipped with the app: building it, and loading it into a database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Equipment, Exercise, ExerciseSecondaryMuscle, MuscleGroup

CATALOGUE_RESOURCE = "catalogue.json"
_CATALOGUE_FIELDS = ("category", "force", "level", "mechanic")
# The catalogue's holds: filed as strength or plyometrics, but timed, not counted.
HOLDS = frozenset(
    {
        "Plank",
        "Side Bridge",
        "Isometric Chest Squeezes",
        "Isometric Neck Exercise - Front And Back",
        "Isometric Neck Exercise - Sides",
    }
)
# The source's lower-case labels, spelled the way the app shows them.
_LABEL_SPECIAL = {"e-z curl bar": "E-Z Curl Bar"}


@dataclass(frozen=True)
class SeedReport:
    muscle_groups_added: int
    equipment_added: int
    exercises_added: int
    exercises_updated: int


def display_label(raw: str) -> str:
    """'middle back' -> 'Middle Back'."""
    return _LABEL_SPECIAL.get(raw, raw.title())


def convert_source_catalogue(source: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep the facts of free-exercise-db entries (names, muscles, equipment), drop prose."""
    entries = []
    for item in source:
        primary = item["primaryMuscles"]
        if len(primary) != 1:
            raise ValueError(f"{item['name']!r} has {len(primary)} primary muscles, expected 1")
        entries.append(
            {
                "key": item["id"],
                "name": item["name"].strip(),
                "muscle_group": display_label(primary[0]),
                "secondary_muscles": sorted(display_label(m) for m in item["secondaryMuscles"]),
                "equipment": display_label(item["equipment"]) if item["equipment"] else None,
                **{field: item.get(field) for field in _CATALOGUE_FIELDS},
            }
        )
    return sorted(entries, key=lambda entry: entry["name"].lower())


def exercise_kind(name: str, category: str | None, equipment: str | None) -> str:
    """How a catalogue exercise is measured: cardio by distance, stretches and holds by time,
    body-weight exercises by reps, the rest by load x reps."""
    if category == "cardio":
        return "distance"
    if category == "stretching" or name in HOLDS:
        return "duration"
    if equipment == "Body Only":
        return "bodyweight"
    return "weight"


def load_catalogue() -> list[dict[str, Any]]:
    """The catalogue file packaged with the app."""
    text = resources.files("dashboard_app.data").joinpath(CATALOGUE_RESOURCE).read_text("utf-8")
    return json.loads(text)


def _ensure_named(session: Session, model: type, names: set[str]) -> tuple[dict[str, int], int]:
    existing = {row.name: row.id for row in session.execute(select(model.id, model.name))}
    missing = sorted(names - existing.keys())
    for name in missing:
        row = model(name=name)
        session.add(row)
        session.flush()
        existing[name] = row.id
    return existing, len(missing)


def seed_catalogue(session: Session, entries: list[dict[str, Any]] | None = None) -> SeedReport:
    """Insert or refresh muscle groups, equipment and catalogue exercises; safe to run again."""
    entries = load_catalogue() if entries is None else entries
    muscles = {e["muscle_group"] for e in entries} | {
        m for e in entries for m in e["secondary_muscles"]
    }
    muscle_ids, muscles_added = _ensure_named(session, MuscleGroup, muscles)
    equipment_ids, equipment_added = _ensure_named(
        session, Equipment, {e["equipment"] for e in entries if e["equipment"]}
    )
    by_key = {
        exercise.catalogue_key: exercise
        for exercise in session.scalars(select(Exercise).where(Exercise.user_id.is_(None)))
    }
    added = updated = 0
    for entry in entries:
        values = {
            "name": entry["name"],
            "muscle_group_id": muscle_ids[entry["muscle_group"]],
            "equipment_id": equipment_ids[entry["equipment"]] if entry["equipment"] else None,
            **{field: entry[field] for field in _CATALOGUE_FIELDS},
        }
        values["category"] = values["category"] or "strength"
        values["kind"] = exercise_kind(entry["name"], values["category"], entry["equipment"])
        exercise = by_key.get(entry["key"])
        if exercise is None:
            by_key[entry["key"]] = Exercise(catalogue_key=entry["key"], user_id=None, **values)
            session.add(by_key[entry["key"]])
            added += 1
        elif any(getattr(exercise, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(exercise, field, value)
            updated += 1
    session.flush()
    wanted = {(by_key[e["key"]].id, muscle_ids[m]) for e in entries for m in e["secondary_muscles"]}
    _sync_secondary_muscles(session, {by_key[e["key"]].id for e in entries}, wanted)
    return SeedReport(muscles_added, equipment_added, added, updated)


def _sync_secondary_muscles(
    session: Session, exercise_ids: set[int], wanted: set[tuple[int, int]]
) -> None:
    rows = session.execute(
        select(ExerciseSecondaryMuscle.exercise_id, ExerciseSecondaryMuscle.muscle_group_id)
    )
    current = {
        (row.exercise_id, row.muscle_group_id) for row in rows if row.exercise_id in exercise_ids
    }
    session.add_all(
        ExerciseSecondaryMuscle(exercise_id=exercise_id, muscle_group_id=muscle_id)
        for exercise_id, muscle_id in sorted(wanted - current)
    )
    for key in sorted(current - wanted):
        session.delete(session.get(ExerciseSecondaryMuscle, key))
    session.flush()
