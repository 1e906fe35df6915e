"""Personal records as stored rows: rebuilt from the logged lines whenever those change.

A change to lines rebuilds the records of the exercises it touched, so the stored rows are
always exactly what a full recomputation from every logged line gives (analytics.records has
the rules). Only rows that differ are written.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.orm import Session, aliased

from dashboard_app.analytics.records import (
    LOWER_IS_BETTER,
    RECORD_TYPES,
    RecordEvent,
    RecordLine,
    beats,
    record_key,
    record_progression,
)
from dashboard_app.services.exercise_usage import logged_exercise_ids
from dashboard_app.services.scope import LINE_SESSION, select_owned_columns
from db.base import is_row_id
from db.models import Exercise, PersonalRecord, TrainingSession, User, WorkoutDetail

# The rules stored records follow; a user whose records_version is lower (or unset) has
# records from older rules, which `metrics-tracker db upgrade` rebuilds. 2: one set's volume,
# timed and distance records.
RECORDS_VERSION = 2


@dataclass(frozen=True)
class NewRecord:
    """A record a change just set, for the "New PR" message."""

    exercise_name: str
    record_type: str
    value: float
    previous: float | None
    # The session that holds it: an edit elsewhere can move a record into a later session.
    session_id: int | None = field(default=None, compare=False)


def user_formula(session: Session, user_id: int) -> str:
    return session.scalar(select(User.e1rm_formula).where(User.id == user_id))


def _record_lines(
    session: Session, user_id: int, exercise_ids: Collection[int]
) -> dict[int, list[RecordLine]]:
    rows = session.execute(
        select(
            WorkoutDetail.id,
            WorkoutDetail.exercise_id,
            WorkoutDetail.session_id,
            WorkoutDetail.position,
            WorkoutDetail.sets,
            WorkoutDetail.reps,
            WorkoutDetail.load_weight,
            WorkoutDetail.duration_seconds,
            WorkoutDetail.distance_m,
            WorkoutDetail.is_warmup,
            TrainingSession.date,
            TrainingSession.training_start,
        )
        .join(TrainingSession, LINE_SESSION)
        .where(WorkoutDetail.user_id == user_id, WorkoutDetail.exercise_id.in_(exercise_ids))
    )
    lines: dict[int, list[RecordLine]] = {exercise_id: [] for exercise_id in exercise_ids}
    for r in rows:
        lines[r.exercise_id].append(
            RecordLine(
                line_id=r.id,
                session_id=r.session_id,
                date=r.date,
                start_time=r.training_start,
                position=r.position,
                sets=r.sets,
                reps=r.reps,
                load_kg=r.load_weight,
                is_warmup=r.is_warmup,
                duration_seconds=r.duration_seconds,
                distance_m=r.distance_m,
            )
        )
    return lines


def _stored_key(row: PersonalRecord) -> tuple:
    return record_key(
        row.record_type,
        row.session_id,
        row.workout_detail_id,
        row.record_value,
        row.date,
        row.sets,
        row.reps,
        row.load_weight,
    )


def refresh_records(
    session: Session, user_id: int, exercise_ids: Collection[int], formula: str | None = None
) -> list[NewRecord]:
    """Rebuild the user's records of these exercises; the records that are new, beating older.

    A record is reported as new only when it beats an earlier one: the first time an exercise
    is logged sets its records quietly.
    """
    exercise_ids = sorted({e for e in exercise_ids if e is not None})
    if not exercise_ids:
        return []
    formula = formula or user_formula(session, user_id)
    names = dict(
        session.execute(
            select(Exercise.id, Exercise.name).where(Exercise.id.in_(exercise_ids))
        ).all()
    )
    exercise_ids = [e for e in exercise_ids if e in names]
    lines = _record_lines(session, user_id, exercise_ids)
    stored: dict[tuple, PersonalRecord] = {}
    for row in session.scalars(
        select(PersonalRecord).where(
            PersonalRecord.user_id == user_id, PersonalRecord.exercise_id.in_(exercise_ids)
        )
    ):
        stored[(row.exercise_id, *_stored_key(row))] = row
    wanted: dict[tuple, tuple[int, RecordEvent]] = {}
    for exercise_id in exercise_ids:
        for event in record_progression(lines[exercise_id], formula):
            wanted[(exercise_id, *event.key)] = (exercise_id, event)
    for key in stored.keys() - wanted.keys():
        session.delete(stored[key])
    new_records = []
    for key in sorted(wanted.keys() - stored.keys(), key=repr):
        exercise_id, event = wanted[key]
        session.add(
            PersonalRecord(
                user_id=user_id,
                exercise_id=exercise_id,
                exercise_name=names[exercise_id],
                record_type=event.record_type,
                record_value=event.value,
                sets=event.sets,
                reps=event.reps,
                load_weight=event.load_kg,
                date=event.achieved_on,
                session_id=event.session_id,
                workout_detail_id=event.line_id,
            )
        )
        if event.previous is not None:
            new_records.append(
                NewRecord(
                    names[exercise_id],
                    event.record_type,
                    event.value,
                    event.previous,
                    session_id=event.session_id,
                )
            )
    session.flush()
    return new_records


def rebuild_records(session: Session, user_id: int) -> None:
    """Recompute every record of the user (a formula change, an import, the demo)."""
    session.execute(delete(PersonalRecord).where(PersonalRecord.user_id == user_id))
    refresh_records(session, user_id, logged_exercise_ids(session, user_id))
    session.execute(update(User).where(User.id == user_id).values(records_version=RECORDS_VERSION))


def users_with_stale_records(session: Session) -> list[int]:
    """Users whose stored records follow older rules than RECORDS_VERSION."""
    return list(
        session.scalars(
            select(User.id)
            .where((User.records_version.is_(None)) | (User.records_version < RECORDS_VERSION))
            .order_by(User.id)
        )
    )


def _record_item(row) -> dict[str, Any]:
    return {
        "record_type": row.record_type,
        "value": row.record_value,
        "sets": row.sets,
        "reps": row.reps,
        "load_kg": row.load_weight,
        "achieved_on": row.date,
        "session_id": row.session_id,
    }


RECORD_COLUMNS = (
    PersonalRecord.exercise_id,
    PersonalRecord.record_type,
    PersonalRecord.record_value,
    PersonalRecord.sets,
    PersonalRecord.reps,
    PersonalRecord.load_weight,
    PersonalRecord.date,
    PersonalRecord.session_id,
)


def records_by_exercise(session: Session, user_id: int) -> list[dict[str, Any]]:
    """Every exercise with records and its current record of each type.

    Exercises are ordered by their latest record, most recent first. The history of one
    exercise is record_history's: a page of all of them at once grows with every PR.
    """
    rows = session.execute(
        select(*RECORD_COLUMNS, Exercise.name)
        .join(Exercise, PersonalRecord.exercise_id == Exercise.id)
        .where(PersonalRecord.user_id == user_id)
        .order_by(PersonalRecord.exercise_id, PersonalRecord.date, PersonalRecord.id)
    )
    exercises: dict[int, dict[str, Any]] = {}
    for row in rows:
        entry = exercises.setdefault(
            row.exercise_id,
            {"exercise_id": row.exercise_id, "name": row.name, "current": {}, "latest": None},
        )
        held = entry["current"].get(row.record_type)
        if beats(row.record_type, row.record_value, held["value"] if held else None):
            entry["current"][row.record_type] = _record_item(row)
        entry["latest"] = max(entry["latest"] or row.date, row.date)
    return sorted(exercises.values(), key=lambda e: (e["latest"], e["name"]), reverse=True)


def record_history(session: Session, user_id: int, exercise_id: object) -> list[dict[str, Any]]:
    """Every record the user set with the exercise, newest first ([] for another's)."""
    if not is_row_id(exercise_id):
        return []
    rows = session.execute(
        select(*RECORD_COLUMNS, TrainingSession.training_start)
        .join(TrainingSession, PersonalRecord.session_id == TrainingSession.id)
        .where(PersonalRecord.user_id == user_id, PersonalRecord.exercise_id == exercise_id)
    ).all()
    # Sessions newest first in training order (as records are set); within one, in the
    # order of the page's tables.
    rows.sort(key=lambda row: RECORD_TYPES.index(row.record_type))
    rows.sort(
        key=lambda row: (
            row.date,
            row.training_start is not None,
            row.training_start or datetime.min,
            row.session_id,
        ),
        reverse=True,
    )
    return [_record_item(row) for row in rows]


def session_records(session: Session, user_id: int, session_id: int) -> list[dict[str, Any]]:
    """Records that a session holds in its exercises' histories, for its badges."""
    rows = session.execute(
        select(
            PersonalRecord.record_type,
            PersonalRecord.record_value,
            PersonalRecord.workout_detail_id,
            Exercise.name,
        )
        .join(Exercise, PersonalRecord.exercise_id == Exercise.id)
        .where(PersonalRecord.user_id == user_id, PersonalRecord.session_id == session_id)
    )
    return [
        {
            "record_type": r.record_type,
            "value": r.record_value,
            "line_id": r.workout_detail_id,
            "name": r.name,
        }
        for r in rows
    ]


def _beaten(earlier, user_id: int, best, worse):
    return (
        select_owned_columns(earlier, user_id, best(earlier.record_value))
        .where(
            earlier.exercise_id == PersonalRecord.exercise_id,
            earlier.record_type == PersonalRecord.record_type,
            worse,
        )
        .scalar_subquery()
    )


def latest_records(session: Session, user_id: int, limit: int = 6) -> list[dict[str, Any]]:
    """The user's most recently set records, newest first, each with the value it beat.

    previous is None for an exercise's first record of that type. (Records go with their
    exercise, so every one has an exercise to link to; its name is the current one.)
    """
    earlier = aliased(PersonalRecord)
    # A type's progression only ever improves, so the record beaten is the best worse value:
    # the highest lower one, or for a pace the lowest higher one.
    falls = PersonalRecord.record_type.in_(LOWER_IS_BETTER)
    previous = case(
        (
            falls,
            _beaten(earlier, user_id, func.min, earlier.record_value > PersonalRecord.record_value),
        ),
        else_=_beaten(
            earlier, user_id, func.max, earlier.record_value < PersonalRecord.record_value
        ),
    )
    type_order = case(
        {kind: i for i, kind in enumerate(RECORD_TYPES)}, value=PersonalRecord.record_type
    )
    rows = session.execute(
        select_owned_columns(
            PersonalRecord,
            user_id,
            *RECORD_COLUMNS,
            Exercise.name,
            previous.label("previous"),
        )
        .join(Exercise, PersonalRecord.exercise_id == Exercise.id)
        .order_by(
            PersonalRecord.date.desc(),
            PersonalRecord.session_id.desc(),
            type_order,
            PersonalRecord.id.desc(),
        )
        .limit(max(1, limit))
    )
    return [
        {
            **_record_item(row),
            "exercise_id": row.exercise_id,
            "name": row.name,
            "previous": row.previous,
        }
        for row in rows
    ]
