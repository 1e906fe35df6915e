"""The logged sets ("lines") of a user's sessions: adding, changing and reading them.

A line is one set; lines logged before sets were rows may hold several equal sets. Every
change refreshes, in the same transaction, the usage history and personal records of the
exercises it touched, so both always match the logged lines.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ScalarSelect, func
from sqlalchemy.orm import Session

from dashboard_app.schemas.workouts import LineInput
from dashboard_app.services.exercise_usage import refresh_usage, usage_by_exercise
from dashboard_app.services.exercises import visible_exercises, with_muscle_and_equipment
from dashboard_app.services.records import NewRecord, refresh_records
from dashboard_app.services.scope import LINE_SESSION, get_owned, select_owned, select_owned_columns
from db.base import is_row_id
from db.models import Exercise, PlannedSet, TrainingSession, WorkoutDetail

MAX_LINES_PER_SESSION = 200
MAX_POSITION = 32_000  # positions are SMALLINT; deleting and adding lines leaves gaps
# Latest first in training order: by day, then start time (unknown last), then saved order.
NEWEST_FIRST = (
    TrainingSession.date.desc(),
    TrainingSession.training_start.desc().nulls_last(),
    TrainingSession.id.desc(),
)
# What a set measures and how it felt; block, superset and rest place it in its session.
LINE_FIELDS = (
    "sets",
    "reps",
    "duration_seconds",
    "distance_m",
    "rir",
    "stimulus",
    "fatigue_level",
    "is_warmup",
    "notes",
)
PLACE_FIELDS = ("block", "superset_group", "rest_seconds")


@dataclass(frozen=True)
class ExerciseFacts:
    """What a set copies of its exercise, and what the session page shows of it."""

    id: int
    name: str
    muscle_group: str | None
    equipment: str | None
    kind: str
    mechanic: str | None


def exercise_facts(
    session: Session, user_id: int, exercise_ids: Collection[int]
) -> dict[int, ExerciseFacts]:
    """The exercises of these ids the user may log (the catalogue's and their own)."""
    ids = {e for e in exercise_ids if is_row_id(e)}
    if not ids:
        return {}
    rows = session.execute(
        with_muscle_and_equipment(
            visible_exercises(user_id), Exercise.id, Exercise.name, Exercise.kind, Exercise.mechanic
        ).where(Exercise.id.in_(ids))
    )
    return {
        r.id: ExerciseFacts(r.id, r.name, r.muscle_group, r.equipment, r.kind, r.mechanic)
        for r in rows
    }


@dataclass(frozen=True)
class LineChange:
    """The outcome of saving or deleting a line: its id, field errors, records it set."""

    line_id: int | None = None
    errors: dict[str, str] = field(default_factory=dict)
    new_records: list[NewRecord] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def after_lines_changed(
    session: Session, user_id: int, exercise_ids: Collection[int | None]
) -> list[NewRecord]:
    ids = {e for e in exercise_ids if e is not None}
    refresh_usage(session, user_id, ids)
    return refresh_records(session, user_id, ids)


def exercises_in(session: Session, user_id: int, session_id: int) -> set[int]:
    return set(
        session.scalars(
            select_owned_columns(WorkoutDetail, user_id, WorkoutDetail.exercise_id).where(
                WorkoutDetail.session_id == session_id
            )
        )
    )


def line_dict(line: WorkoutDetail) -> dict[str, Any]:
    return {
        "id": line.id,
        "exercise_id": line.exercise_id,
        "exercise_name": line.exercise_name,
        "muscle_group": line.muscle_group,
        "equipment": line.equipment,
        "position": line.position,
        "load_kg": line.load_weight,
        **{name: getattr(line, name) for name in LINE_FIELDS},
        **{name: getattr(line, name) for name in PLACE_FIELDS},
    }


def trained_before(row: TrainingSession):
    """Criteria for sessions trained before row, in the order records use (analytics.records):
    by day, then by start time with unknown starts first, then in the order they were saved."""
    earlier_id = TrainingSession.id < row.id
    if row.training_start is None:
        same_day = TrainingSession.training_start.is_(None) & earlier_id
    else:
        same_day = (
            TrainingSession.training_start.is_(None)
            | (TrainingSession.training_start < row.training_start)
            | ((TrainingSession.training_start == row.training_start) & earlier_id)
        )
    return (TrainingSession.date < row.date) | ((TrainingSession.date == row.date) & same_day)


def last_time(
    session: Session, user_id: int, exercise_id: object, session_id: object = None
) -> dict[str, Any] | None:
    """The lines of the exercise in the latest session before this one that had it."""
    if not is_row_id(exercise_id):
        return None
    query = (
        select_owned_columns(WorkoutDetail, user_id, TrainingSession.id, TrainingSession.date)
        .select_from(WorkoutDetail)
        .join(TrainingSession, LINE_SESSION)
        .where(WorkoutDetail.exercise_id == exercise_id)
    )
    current = get_owned(session, TrainingSession, user_id, session_id)
    if current is not None:
        query = query.where(trained_before(current))
    found = session.execute(query.order_by(*NEWEST_FIRST).limit(1)).first()
    if found is None:
        return None
    lines = session.scalars(
        select_owned(WorkoutDetail, user_id)
        .where(WorkoutDetail.session_id == found.id, WorkoutDetail.exercise_id == exercise_id)
        .order_by(WorkoutDetail.position, WorkoutDetail.id)
    )
    return {"session_id": found.id, "date": found.date, "lines": [line_dict(x) for x in lines]}


def exercise_choices(session: Session, user_id: int) -> list[dict[str, Any]]:
    """Every exercise the user may log, the ones they use most (then most recently) first."""
    usage = usage_by_exercise(session, user_id)
    rows = session.execute(
        with_muscle_and_equipment(visible_exercises(user_id), Exercise.id, Exercise.name)
    )
    choices = [
        {
            "id": r.id,
            "name": r.name,
            "muscle_group": r.muscle_group,
            "usage_count": usage.get(r.id, (0, None))[0],
            "last_used": usage.get(r.id, (0, None))[1],
        }
        for r in rows
    ]
    choices.sort(
        key=lambda c: (
            -c["usage_count"],
            -(c["last_used"].toordinal() if c["last_used"] else 0),
            c["name"].lower(),
        )
    )
    return choices


def _exercise_facts(session: Session, user_id: int, exercise_id: int) -> dict[str, Any] | None:
    facts = exercise_facts(session, user_id, {exercise_id}).get(exercise_id)
    if facts is None:
        return None
    return {
        "exercise_name": facts.name,
        "muscle_group": facts.muscle_group,
        "equipment": facts.equipment,
    }


def _apply_line(line: WorkoutDetail, data: LineInput, facts: dict[str, Any]) -> None:
    """The set's measures and exercise; its place (block, superset, rest) only where given."""
    line.exercise_id = data.exercise_id
    line.load_weight = data.load_kg
    for name in LINE_FIELDS:
        setattr(line, name, getattr(data, name))
    for name in PLACE_FIELDS:
        if getattr(data, name) is not None:
            setattr(line, name, getattr(data, name))
    for name, value in facts.items():
        setattr(line, name, value)


def next_block(session: Session, user_id: int, session_id: int) -> int:
    """The number after the session's last block, logged or planned."""
    highest = [
        session.scalar(
            select_owned_columns(model, user_id, func.max(model.block)).where(
                model.session_id == session_id
            )
        )
        for model in (WorkoutDetail, PlannedSet)
    ]
    return max((h for h in highest if h is not None), default=-1) + 1


def _block_for(session: Session, user_id: int, session_id: int, exercise_id: int) -> int:
    """An appended set's block: the last line's when it is the same exercise, else a new one."""
    last = session.execute(
        select_owned_columns(WorkoutDetail, user_id, WorkoutDetail.exercise_id, WorkoutDetail.block)
        .where(WorkoutDetail.session_id == session_id)
        .order_by(WorkoutDetail.position.desc(), WorkoutDetail.id.desc())
        .limit(1)
    ).first()
    if last is not None and last.exercise_id == exercise_id:
        return last.block
    return next_block(session, user_id, session_id)


def _renumber(session: Session, user_id: int, session_id: int) -> int:
    """Close the gaps deleted lines left in a session's positions; the next free position."""
    lines = session.scalars(
        select_owned(WorkoutDetail, user_id)
        .where(WorkoutDetail.session_id == session_id)
        .order_by(WorkoutDetail.position, WorkoutDetail.id)
    ).all()
    for position, line in enumerate(lines):
        line.position = position
    session.flush()
    return len(lines)


def _next_position(user_id: int, session_id: int) -> ScalarSelect[int]:
    """The position after the session's last line, read by the INSERT itself.

    Two lines added to one session at once (two tabs) would both take the highest position
    read beforehand. The flush first updates the user's row (db.data_version), which waits for
    the other write to commit, so this read, made later inside the INSERT, sees its line.
    """
    return (
        select_owned_columns(
            WorkoutDetail, user_id, func.coalesce(func.max(WorkoutDetail.position) + 1, 0)
        )
        .where(WorkoutDetail.session_id == session_id)
        .scalar_subquery()
    )


def add_line(session: Session, user_id: int, session_id: object, data: LineInput) -> LineChange:
    """Append a set to the user's session; the records it set, or field errors.

    Without a block it joins the session's last block when that is the same exercise.
    """
    owner = get_owned(session, TrainingSession, user_id, session_id)
    if owner is None:
        return LineChange(errors={"session": "This session no longer exists"})
    facts = _exercise_facts(session, user_id, data.exercise_id)
    if facts is None:
        return LineChange(errors={"exercise_id": "Choose an exercise from the list"})
    count, highest = session.execute(
        select_owned_columns(
            WorkoutDetail, user_id, func.count(WorkoutDetail.id), func.max(WorkoutDetail.position)
        ).where(WorkoutDetail.session_id == owner.id)
    ).one()
    if count >= MAX_LINES_PER_SESSION:
        return LineChange(
            errors={"exercise_id": f"A session holds at most {MAX_LINES_PER_SESSION} lines"}
        )
    position = 0 if highest is None else highest + 1
    if position > MAX_POSITION:
        position = _renumber(session, user_id, owner.id)
    else:
        position = _next_position(user_id, owner.id)
    line = WorkoutDetail(user_id=user_id, session_id=owner.id, position=position)
    _apply_line(line, data, facts)
    if data.block is None:
        line.block = _block_for(session, user_id, owner.id, data.exercise_id)
    session.add(line)
    session.flush()
    return LineChange(line.id, {}, after_lines_changed(session, user_id, {data.exercise_id}))


def update_line(session: Session, user_id: int, line_id: object, data: LineInput) -> LineChange:
    line = get_owned(session, WorkoutDetail, user_id, line_id)
    if line is None:
        return LineChange(errors={"line": "This line no longer exists"})
    facts = _exercise_facts(session, user_id, data.exercise_id)
    if facts is None:
        return LineChange(errors={"exercise_id": "Choose an exercise from the list"})
    before = line.exercise_id
    _apply_line(line, data, facts)
    session.flush()
    return LineChange(
        line.id, {}, after_lines_changed(session, user_id, {before, data.exercise_id})
    )


def delete_line(session: Session, user_id: int, line_id: object) -> bool:
    line = get_owned(session, WorkoutDetail, user_id, line_id)
    if line is None:
        return False
    exercise_id = line.exercise_id
    session.delete(line)
    session.flush()
    after_lines_changed(session, user_id, {exercise_id})
    return True


def load_line(session: Session, user_id: int, line_id: object) -> dict[str, Any] | None:
    line = get_owned(session, WorkoutDetail, user_id, line_id)
    return line_dict(line) if line else None
