"""Training sessions and their lines, for one user.

Every change to lines refreshes, in the same transaction, the usage history and personal
records of the exercises it touched, so both always match the logged lines.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ScalarSelect, case, func
from sqlalchemy.orm import Session

from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services.exercise_usage import refresh_usage, usage_by_exercise
from dashboard_app.services.exercises import visible_exercises, with_muscle_and_equipment
from dashboard_app.services.records import NewRecord, refresh_records
from dashboard_app.services.scope import LINE_SESSION, get_owned, select_owned, select_owned_columns
from db.base import is_row_id
from db.models import Exercise, TrainingSession, WorkoutDetail

MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000_000
MAX_LINES_PER_SESSION = 200
MAX_POSITION = 32_000  # positions are SMALLINT; deleting and adding lines leaves gaps
# Latest first in training order: by day, then start time (unknown last), then saved order.
NEWEST_FIRST = (
    TrainingSession.date.desc(),
    TrainingSession.training_start.desc().nulls_last(),
    TrainingSession.id.desc(),
)
LINE_FIELDS = ("sets", "reps", "rir", "stimulus", "fatigue_level", "is_warmup", "notes")


@dataclass(frozen=True)
class LineChange:
    """The outcome of saving or deleting a line: its id, field errors, records it set."""

    line_id: int | None = None
    errors: dict[str, str] = field(default_factory=dict)
    new_records: list[NewRecord] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _after_lines_changed(
    session: Session, user_id: int, exercise_ids: Collection[int | None]
) -> list[NewRecord]:
    ids = {e for e in exercise_ids if e is not None}
    refresh_usage(session, user_id, ids)
    return refresh_records(session, user_id, ids)


def _exercises_in(session: Session, user_id: int, session_id: int) -> set[int]:
    return set(
        session.scalars(
            select_owned_columns(WorkoutDetail, user_id, WorkoutDetail.exercise_id).where(
                WorkoutDetail.session_id == session_id
            )
        )
    )


# Sessions


def mesocycle_names(session: Session, user_id: int) -> list[str]:
    """The user's mesocycles, most recently trained first."""
    rows = session.execute(
        select_owned_columns(
            TrainingSession,
            user_id,
            TrainingSession.mesocycle_name,
            func.max(TrainingSession.date).label("last"),
        )
        .where(TrainingSession.mesocycle_name.is_not(None))
        .group_by(TrainingSession.mesocycle_name)
        .order_by(func.max(TrainingSession.date).desc(), TrainingSession.mesocycle_name)
    )
    return [r.mesocycle_name for r in rows]


def next_session_number(session: Session, user_id: int, mesocycle: str | None) -> int:
    """One more than the highest number in the mesocycle (1 for a new one)."""
    if not mesocycle:
        return 1
    highest = session.scalar(
        select_owned_columns(
            TrainingSession, user_id, func.max(TrainingSession.session_number)
        ).where(TrainingSession.mesocycle_name == mesocycle)
    )
    return (highest or 0) + 1


def _apply_session(row: TrainingSession, data: SessionInput) -> None:
    row.date = data.date
    row.mesocycle_name = data.mesocycle
    row.session_number = data.session_number
    row.training_start = data.starts_at
    row.training_end = data.ends_at
    row.notes = data.notes


def create_session(session: Session, user_id: int, data: SessionInput) -> int:
    row = TrainingSession(user_id=user_id)
    _apply_session(row, data)
    session.add(row)
    session.flush()
    return row.id


def update_session(session: Session, user_id: int, session_id: object, data: SessionInput) -> bool:
    """Save the header; moving a session in time reorders its exercises' records."""
    row = get_owned(session, TrainingSession, user_id, session_id)
    if row is None:
        return False
    moved = (row.date, row.training_start) != (data.date, data.starts_at)
    _apply_session(row, data)
    session.flush()
    if moved:
        _after_lines_changed(session, user_id, _exercises_in(session, user_id, row.id))
    return True


def delete_session(session: Session, user_id: int, session_id: object) -> bool:
    row = get_owned(session, TrainingSession, user_id, session_id)
    if row is None:
        return False
    touched = _exercises_in(session, user_id, row.id)
    session.delete(row)
    session.flush()
    _after_lines_changed(session, user_id, touched)
    return True


def _duration_minutes(start: datetime | None, end: datetime | None) -> int | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 60)


def session_header(row: TrainingSession) -> dict[str, Any]:
    return {
        "id": row.id,
        "date": row.date,
        "mesocycle": row.mesocycle_name,
        "session_number": row.session_number,
        "start_time": row.training_start,
        "end_time": row.training_end,
        "duration_minutes": _duration_minutes(row.training_start, row.training_end),
        "notes": row.notes,
    }


def count_sessions(session: Session, user_id: int) -> int:
    return session.scalar(
        select_owned_columns(TrainingSession, user_id, func.count(TrainingSession.id))
    )


def sessions_page(
    session: Session, user_id: int, *, offset: int = 0, limit: int = 20
) -> tuple[list[dict[str, Any]], int]:
    """One page of the user's sessions, newest first, with exercise count and total volume."""
    total = count_sessions(session, user_id)
    page = (
        select_owned(TrainingSession, user_id)
        .order_by(*NEWEST_FIRST)
        .offset(min(max(0, offset), MAX_OFFSET))
        .limit(max(1, min(limit, MAX_PAGE_SIZE)))
    )
    rows = list(session.scalars(page))
    ids = [row.id for row in rows]
    volume = WorkoutDetail.sets * WorkoutDetail.reps * WorkoutDetail.load_weight
    totals = {
        r.session_id: r
        for r in session.execute(
            select_owned_columns(
                WorkoutDetail,
                user_id,
                WorkoutDetail.session_id,
                func.count(func.distinct(WorkoutDetail.exercise_name)).label("exercises"),
                func.coalesce(func.sum(WorkoutDetail.sets), 0).label("sets"),
                func.coalesce(
                    func.sum(case((WorkoutDetail.is_warmup, 0), else_=volume)), 0.0
                ).label("volume"),
            )
            .where(WorkoutDetail.session_id.in_(ids))
            .group_by(WorkoutDetail.session_id)
        )
    }
    items = []
    for row in rows:
        summary = totals.get(row.id)
        items.append(
            {
                **session_header(row),
                "exercises": summary.exercises if summary else 0,
                "sets": summary.sets if summary else 0,
                "volume_kg": float(summary.volume) if summary else 0.0,
            }
        )
    return items, total


def _line_dict(line: WorkoutDetail) -> dict[str, Any]:
    return {
        "id": line.id,
        "exercise_id": line.exercise_id,
        "exercise_name": line.exercise_name,
        "muscle_group": line.muscle_group,
        "equipment": line.equipment,
        "position": line.position,
        "load_kg": line.load_weight,
        **{name: getattr(line, name) for name in LINE_FIELDS},
    }


def load_session(session: Session, user_id: int, session_id: object) -> dict[str, Any] | None:
    """A session's header and its lines in logged order, or None (missing or another's)."""
    row = get_owned(session, TrainingSession, user_id, session_id)
    if row is None:
        return None
    lines = session.scalars(
        select_owned(WorkoutDetail, user_id)
        .where(WorkoutDetail.session_id == row.id)
        .order_by(WorkoutDetail.position, WorkoutDetail.id)
    )
    return {**session_header(row), "lines": [_line_dict(line) for line in lines]}


def _before(row: TrainingSession):
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


def previous_in_mesocycle(
    session: Session, user_id: int, session_id: object
) -> dict[str, Any] | None:
    """The session before this one in its mesocycle, with its lines: the plan to follow."""
    row = get_owned(session, TrainingSession, user_id, session_id)
    if row is None or row.mesocycle_name is None:
        return None
    previous = session.scalar(
        select_owned(TrainingSession, user_id)
        .where(TrainingSession.mesocycle_name == row.mesocycle_name, _before(row))
        .order_by(*NEWEST_FIRST)
        .limit(1)
    )
    return load_session(session, user_id, previous.id) if previous else None


def latest_in_mesocycle(session: Session, user_id: int, mesocycle: str) -> int | None:
    return session.scalar(
        select_owned_columns(TrainingSession, user_id, TrainingSession.id)
        .where(TrainingSession.mesocycle_name == mesocycle)
        .order_by(*NEWEST_FIRST)
        .limit(1)
    )


def repeat_last_session(session: Session, user_id: int, mesocycle: str, day: date) -> int | None:
    """Start the mesocycle's next session on day; its page offers the last one as the plan."""
    if latest_in_mesocycle(session, user_id, mesocycle) is None:
        return None
    data = SessionInput(
        date=day,
        mesocycle=mesocycle,
        session_number=min(next_session_number(session, user_id, mesocycle), 999),
    )
    return create_session(session, user_id, data)


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
        query = query.where(_before(current))
    found = session.execute(query.order_by(*NEWEST_FIRST).limit(1)).first()
    if found is None:
        return None
    lines = session.scalars(
        select_owned(WorkoutDetail, user_id)
        .where(WorkoutDetail.session_id == found.id, WorkoutDetail.exercise_id == exercise_id)
        .order_by(WorkoutDetail.position, WorkoutDetail.id)
    )
    return {"session_id": found.id, "date": found.date, "lines": [_line_dict(x) for x in lines]}


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


# Lines


def _exercise_facts(session: Session, user_id: int, exercise_id: int) -> dict[str, Any] | None:
    row = session.execute(
        with_muscle_and_equipment(visible_exercises(user_id), Exercise.id, Exercise.name).where(
            Exercise.id == exercise_id
        )
    ).first()
    if row is None:
        return None
    return {"exercise_name": row.name, "muscle_group": row.muscle_group, "equipment": row.equipment}


def _apply_line(line: WorkoutDetail, data: LineInput, facts: dict[str, Any]) -> None:
    line.exercise_id = data.exercise_id
    line.load_weight = data.load_kg
    for name in LINE_FIELDS:
        setattr(line, name, getattr(data, name))
    for name, value in facts.items():
        setattr(line, name, value)


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
    """Append a line to the user's session; the records it set, or field errors."""
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
    session.add(line)
    session.flush()
    return LineChange(line.id, {}, _after_lines_changed(session, user_id, {data.exercise_id}))


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
        line.id, {}, _after_lines_changed(session, user_id, {before, data.exercise_id})
    )


def delete_line(session: Session, user_id: int, line_id: object) -> bool:
    line = get_owned(session, WorkoutDetail, user_id, line_id)
    if line is None:
        return False
    exercise_id = line.exercise_id
    session.delete(line)
    session.flush()
    _after_lines_changed(session, user_id, {exercise_id})
    return True


def load_line(session: Session, user_id: int, line_id: object) -> dict[str, Any] | None:
    line = get_owned(session, WorkoutDetail, user_id, line_id)
    return _line_dict(line) if line else None
