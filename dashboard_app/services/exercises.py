"""The exercise library as one user sees it: the catalogue plus their own exercises."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, utils
from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from dashboard_app.schemas.exercises import ExerciseInput
from dashboard_app.services.scope import LINE_SESSION
from db.base import is_row_id
from db.models import (
    Equipment,
    Exercise,
    MuscleGroup,
    TrainingSession,
    UserExerciseHistory,
    WorkoutDetail,
)

MAX_PAGE_SIZE = 100
# A name matches a query at this rapidfuzz score (0-100) or above: high enough to drop noise,
# low enough that "bech press" still finds the bench presses.
MATCH_SCORE = 75


def visible_exercises(user_id: int) -> Select:
    """Catalogue exercises and the user's own; never another user's."""
    return select(Exercise).where(or_(Exercise.user_id.is_(None), Exercise.user_id == user_id))


def with_muscle_and_equipment(query: Select, *columns) -> Select:
    """query's exercises as columns, then their muscle group and equipment names.

    The names come labelled muscle_group and equipment (None without equipment).
    """
    return (
        query.with_only_columns(
            *columns, MuscleGroup.name.label("muscle_group"), Equipment.name.label("equipment")
        )
        .join(MuscleGroup, Exercise.muscle_group_id == MuscleGroup.id)
        .outerjoin(Equipment, Exercise.equipment_id == Equipment.id)
    )


def list_muscle_groups(session: Session) -> list[dict[str, Any]]:
    return [
        {"id": r.id, "name": r.name}
        for r in session.execute(
            select(MuscleGroup.id, MuscleGroup.name).order_by(MuscleGroup.name)
        )
    ]


def list_equipment(session: Session) -> list[dict[str, Any]]:
    return [
        {"id": r.id, "name": r.name}
        for r in session.execute(select(Equipment.id, Equipment.name).order_by(Equipment.name))
    ]


def _summaries(session: Session, query: Select) -> list[dict[str, Any]]:
    rows = session.execute(
        with_muscle_and_equipment(
            query, Exercise.id, Exercise.name, Exercise.user_id, Exercise.category
        )
    )
    return [
        {
            "id": r.id,
            "name": r.name,
            "muscle_group": r.muscle_group,
            "equipment": r.equipment,
            "category": r.category,
            "is_custom": r.user_id is not None,
        }
        for r in rows
    ]


def rank_by_name(items: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Items whose names match query, best first: exact words, then close spellings."""
    wanted = utils.default_process(query)
    scored = []
    for item in items:
        name = utils.default_process(item["name"])
        score = max(fuzz.partial_ratio(wanted, name), fuzz.token_set_ratio(wanted, name))
        if wanted in name or score >= MATCH_SCORE:
            scored.append((wanted not in name, -score, len(item["name"]), item["name"], item))
    return [entry[-1] for entry in sorted(scored, key=lambda entry: entry[:4])]


def search_exercises(
    session: Session,
    user_id: int,
    *,
    query: str = "",
    muscle_group_id: int | None = None,
    equipment_id: int | None = None,
    offset: int = 0,
    limit: int = 25,
) -> tuple[list[dict[str, Any]], int]:
    """One page of matching exercises (typo-tolerant by name) and how many match in all."""
    selection = visible_exercises(user_id)
    muscle_group_id = muscle_group_id if is_row_id(muscle_group_id) else None
    equipment_id = equipment_id if is_row_id(equipment_id) else None
    if muscle_group_id is not None:
        selection = selection.where(Exercise.muscle_group_id == muscle_group_id)
    if equipment_id is not None:
        selection = selection.where(Exercise.equipment_id == equipment_id)
    items = _summaries(session, selection)
    query = (query or "").strip()[:120]
    items = rank_by_name(items, query) if query else sorted(items, key=lambda i: i["name"].lower())
    offset = max(0, offset)
    return items[offset : offset + max(1, min(limit, MAX_PAGE_SIZE))], len(items)


def load_exercise(session: Session, user_id: int, exercise_id: object) -> dict[str, Any] | None:
    """Everything about one visible exercise, or None (missing or another user's)."""
    if not is_row_id(exercise_id):
        return None
    exercise = session.scalar(visible_exercises(user_id).where(Exercise.id == exercise_id))
    if exercise is None:
        return None
    usage = session.scalar(
        select(UserExerciseHistory.usage_count).where(
            UserExerciseHistory.user_id == user_id, UserExerciseHistory.exercise_id == exercise_id
        )
    )
    return {
        "id": exercise.id,
        "name": exercise.name,
        "is_custom": exercise.user_id is not None,
        "muscle_group": exercise.muscle_group.name,
        "muscle_group_id": exercise.muscle_group_id,
        "secondary_muscles": [m.name for m in exercise.secondary_muscles],
        "equipment": exercise.equipment.name if exercise.equipment else None,
        "equipment_id": exercise.equipment_id,
        "category": exercise.category,
        "kind": exercise.kind,
        "mechanic": exercise.mechanic,
        "force": exercise.force,
        "level": exercise.level,
        "description": exercise.description,
        "usage_count": usage or 0,
    }


def logged_lines(session: Session, user_id: int, exercise_id: int) -> list[dict[str, Any]]:
    """The user's logged lines of reps of the exercise, as plain data for analytics."""
    rows = session.execute(
        select(
            TrainingSession.date,
            WorkoutDetail.session_id,
            WorkoutDetail.sets,
            WorkoutDetail.reps,
            WorkoutDetail.load_weight,
            WorkoutDetail.is_warmup,
        )
        .join(TrainingSession, LINE_SESSION)
        .where(
            WorkoutDetail.user_id == user_id,
            WorkoutDetail.exercise_id == exercise_id,
            WorkoutDetail.reps.is_not(None),
        )
        .order_by(TrainingSession.date)
    )
    return [
        {
            "date": r.date,
            "session_id": r.session_id,
            "sets": r.sets,
            "reps": r.reps,
            "load_kg": r.load_weight,
            "is_warmup": r.is_warmup,
        }
        for r in rows
    ]


def count_logged_lines(session: Session, user_id: int, exercise_id: int) -> int:
    return session.scalar(
        select(func.count())
        .select_from(WorkoutDetail)
        .where(WorkoutDetail.user_id == user_id, WorkoutDetail.exercise_id == exercise_id)
    )


def _name_conflict(session: Session, user_id: int, name: str, exclude: int | None) -> str | None:
    query = visible_exercises(user_id).where(func.lower(Exercise.name) == name.lower())
    if exclude is not None:
        query = query.where(Exercise.id != exclude)
    clash = session.scalar(query)
    if clash is None:
        return None
    if clash.user_id is None:
        return f"The library already has “{clash.name}”; pick it or choose another name"
    return f"You already have an exercise called “{clash.name}”"


def create_custom_exercise(
    session: Session, user_id: int, data: ExerciseInput
) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """Add the user's own exercise; (its summary, {}) or (None, field errors)."""
    errors = {}
    if session.get(MuscleGroup, data.muscle_group_id) is None:
        errors["muscle_group_id"] = "Choose a muscle group from the list"
    if data.equipment_id is not None and session.get(Equipment, data.equipment_id) is None:
        errors["equipment_id"] = "Choose equipment from the list"
    if conflict := _name_conflict(session, user_id, data.name, None):
        errors["name"] = conflict
    if errors:
        return None, errors
    exercise = Exercise(user_id=user_id, category="strength", **data.model_dump())
    session.add(exercise)
    session.flush()
    return load_exercise(session, user_id, exercise.id), {}


def _own(session: Session, user_id: int, exercise_id: object) -> Exercise | None:
    if not is_row_id(exercise_id):
        return None
    return session.scalar(
        select(Exercise).where(Exercise.id == exercise_id, Exercise.user_id == user_id)
    )


def rename_custom_exercise(
    session: Session, user_id: int, exercise_id: object, name: str
) -> dict[str, str]:
    """Rename the user's own exercise and its logged lines; field errors, empty on success."""
    exercise = _own(session, user_id, exercise_id)
    if exercise is None:
        return {"name": "Only your own exercises can be renamed"}
    if conflict := _name_conflict(session, user_id, name, exercise.id):
        return {"name": conflict}
    exercise.name = name
    session.execute(
        update(WorkoutDetail)
        .where(WorkoutDetail.user_id == user_id, WorkoutDetail.exercise_id == exercise.id)
        .values(exercise_name=name)
    )
    session.flush()
    return {}


def delete_custom_exercise(session: Session, user_id: int, exercise_id: object) -> int | None:
    """Delete the user's own exercise; logged lines stay, readable by their stored name.

    Returns how many logged lines were kept, or None if the user owns no such exercise.
    """
    exercise = _own(session, user_id, exercise_id)
    if exercise is None:
        return None
    kept = count_logged_lines(session, user_id, exercise.id)
    session.delete(exercise)
    session.flush()
    return kept
