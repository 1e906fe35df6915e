"""The shipped exercise catalogue and loading it into a database."""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard_app.services.catalogue import (
    convert_source_catalogue,
    load_catalogue,
    seed_catalogue,
)
from db.models import Equipment, Exercise, ExerciseSecondaryMuscle, MuscleGroup

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "exercise_catalogue.json"


def test_shipped_catalogue_has_hundreds_of_exercises_with_facts_only():
    entries = load_catalogue()
    assert len(entries) >= 800
    names = [e["name"] for e in entries]
    assert len(set(names)) == len(names)
    assert {"Barbell Squat", "Barbell Deadlift", "Pullups"} <= set(names)
    assert all(
        set(e)
        == {
            "key",
            "name",
            "muscle_group",
            "secondary_muscles",
            "equipment",
            "category",
            "force",
            "level",
            "mechanic",
        }
        for e in entries
    )


@pytest.mark.skipif(not SOURCE.exists(), reason="../shared/data is not beside this checkout")
def test_shipped_catalogue_is_the_converted_public_source():
    source = json.loads(SOURCE.read_text("utf-8"))
    assert convert_source_catalogue(source) == load_catalogue()


def test_conversion_refuses_an_entry_without_one_primary_muscle():
    entry = {
        "id": "x",
        "name": "X",
        "primaryMuscles": [],
        "secondaryMuscles": [],
        "equipment": None,
        "category": "strength",
    }
    with pytest.raises(ValueError, match="0 primary muscles"):
        convert_source_catalogue([entry])


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_seed_loads_everything_and_is_idempotent(db_session):
    first = seed_catalogue(db_session)
    db_session.commit()
    assert first.exercises_added == len(load_catalogue())
    assert _count(db_session, MuscleGroup) == first.muscle_groups_added == 17
    assert _count(db_session, Equipment) == first.equipment_added
    pairs = _count(db_session, ExerciseSecondaryMuscle)
    assert pairs > 500

    second = seed_catalogue(db_session)
    db_session.commit()
    assert (second.exercises_added, second.exercises_updated, second.muscle_groups_added) == (
        0,
        0,
        0,
    )
    assert _count(db_session, Exercise) == first.exercises_added
    assert _count(db_session, ExerciseSecondaryMuscle) == pairs


def test_seed_applies_catalogue_changes(db_session):
    entries = load_catalogue()
    seed_catalogue(db_session, entries)
    db_session.commit()
    changed = [dict(e) for e in entries]
    squat = next(e for e in changed if e["name"] == "Barbell Squat")
    squat["equipment"] = "Machine"
    squat["secondary_muscles"] = ["Calves"]
    report = seed_catalogue(db_session, changed)
    db_session.commit()
    assert report.exercises_updated == 1
    row = db_session.scalar(select(Exercise).where(Exercise.name == "Barbell Squat"))
    db_session.refresh(row)
    assert row.equipment.name == "Machine"
    assert [m.name for m in row.secondary_muscles] == ["Calves"]
    assert row.muscle_group.name == "Quadriceps"
