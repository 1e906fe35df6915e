"""A session as the lifter sees it: blocks of one exercise, each a list of sets, done or planned.

Planned sets (planned_sets) are suggestions: from a routine, the set before, or last time.
Logging one moves it, with the values shown, into workout_details, where everything that
counts reads; un-logging moves it back. A block's stimulus and fatigue are rated once, after
its last set, and stored on each of its logged sets; its rest is stored on all its sets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, update
from sqlalchemy.orm import Session

from dashboard_app.schemas.workouts import (
    MAX_BLOCK,
    MAX_REST_SECONDS,
    MAX_SESSION,
    MAX_SUPERSET,
    LineInput,
)
from dashboard_app.services.records import NewRecord
from dashboard_app.services.scope import get_owned, select_owned, select_owned_columns
from dashboard_app.services.workout_lines import (
    MAX_LINES_PER_SESSION,
    ExerciseFacts,
    LineChange,
    add_line,
    after_lines_changed,
    delete_line,
    exercise_facts,
    exercises_in,
    last_time,
    next_block,
    update_line,
)
from db.base import is_row_id
from db.models import PersonalRecord, PlannedSet, TrainingSession, WorkoutDetail

# Rest between sets when neither the routine nor the user's last sets say: a compound lift
# needs longer than an isolation one (about 2-3 minutes against 1-2).
DEFAULT_REST = {"compound": 150, "isolation": 90}
DEFAULT_REST_SECONDS = 120
HOLD_REST_SECONDS = 60
SET_VALUES = ("reps", "duration_seconds", "distance_m", "rir", "is_warmup", "notes")


@dataclass(frozen=True)
class SetRow:
    """One set of a block: logged (a workout_details row) or planned (a planned_sets row)."""

    id: int
    logged: bool
    sets: int
    reps: int | None
    load_kg: float
    duration_seconds: int | None
    distance_m: float | None
    rir: int | None
    is_warmup: bool
    notes: str | None
    hint: str | None = None
    records: tuple[str, ...] = ()  # record types this set holds


@dataclass(frozen=True)
class Block:
    """The consecutive sets of one exercise in a session, logged ones first in order done."""

    number: int
    exercise: ExerciseFacts
    superset_group: int | None
    rest_seconds: int
    stimulus: int | None
    fatigue_level: int | None
    sets: tuple[SetRow, ...]
    previous: tuple[dict[str, Any], ...] = ()  # last time's sets of the exercise

    @property
    def done(self) -> bool:
        return bool(self.sets) and all(row.logged for row in self.sets)

    @property
    def hint(self) -> str | None:
        return next((row.hint for row in self.sets if row.hint), None)


@dataclass(frozen=True)
class SetOutcome:
    """The result of logging, un-logging or saving a set: its row now, or field errors."""

    row: SetRow | None = None
    errors: dict[str, str] = field(default_factory=dict)
    new_records: list[NewRecord] = field(default_factory=list)
    block: int | None = None
    rest_seconds: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def default_rest(facts: ExerciseFacts) -> int:
    if facts.kind == "duration":
        return HOLD_REST_SECONDS
    return DEFAULT_REST.get(facts.mechanic or "", DEFAULT_REST_SECONDS)


def _row(item: WorkoutDetail | PlannedSet, records: tuple[str, ...] = ()) -> SetRow:
    logged = isinstance(item, WorkoutDetail)
    return SetRow(
        id=item.id,
        logged=logged,
        sets=item.sets if logged else 1,
        reps=item.reps,
        load_kg=item.load_weight,
        duration_seconds=item.duration_seconds,
        distance_m=item.distance_m,
        rir=item.rir,
        is_warmup=bool(item.is_warmup),
        notes=item.notes,
        hint=None if logged else item.hint,
        records=records,
    )


def _line_records(session: Session, user_id: int, line_ids: list[int]) -> dict[int, tuple]:
    if not line_ids:
        return {}
    held: dict[int, list[str]] = {}
    for line_id, record_type in session.execute(
        select_owned_columns(
            PersonalRecord, user_id, PersonalRecord.workout_detail_id, PersonalRecord.record_type
        ).where(PersonalRecord.workout_detail_id.in_(line_ids))
    ):
        held.setdefault(line_id, []).append(record_type)
    return {line_id: tuple(types) for line_id, types in held.items()}


def _items(session: Session, user_id: int, session_id: int, block: int | None = None):
    """The session's logged then planned rows (of one block), each in order."""
    queries = []
    for model in (WorkoutDetail, PlannedSet):
        query = select_owned(model, user_id).where(model.session_id == session_id)
        if block is not None:
            query = query.where(model.block == block)
        queries.append(query.order_by(model.block, model.position, model.id))
    return [list(session.scalars(query)) for query in queries]


def session_blocks(session: Session, user_id: int, session_id: object) -> list[Block] | None:
    """The session's blocks in order, each with its sets; None for a missing or another's."""
    owner = get_owned(session, TrainingSession, user_id, session_id)
    if owner is None:
        return None
    logged, planned = _items(session, user_id, owner.id)
    facts = exercise_facts(session, user_id, {i.exercise_id for i in (*logged, *planned)})
    records = _line_records(session, user_id, [line.id for line in logged])
    grouped: dict[int, list] = {}
    for item in (*logged, *planned):
        grouped.setdefault(item.block, []).append(item)
    blocks = []
    for number in sorted(grouped):
        items = grouped[number]
        first = items[0]
        exercise = facts.get(first.exercise_id) or _deleted_exercise(first)
        done = [i for i in items if isinstance(i, WorkoutDetail)]
        previous = last_time(session, user_id, first.exercise_id, owner.id)
        blocks.append(
            Block(
                number=number,
                exercise=exercise,
                superset_group=first.superset_group,
                rest_seconds=next(
                    (i.rest_seconds for i in items if i.rest_seconds is not None),
                    default_rest(exercise),
                ),
                stimulus=next((i.stimulus for i in done if i.stimulus is not None), None),
                fatigue_level=next(
                    (i.fatigue_level for i in done if i.fatigue_level is not None), None
                ),
                sets=tuple(
                    _row(i, records.get(i.id, ()) if isinstance(i, WorkoutDetail) else ())
                    for i in items
                ),
                previous=tuple(previous["lines"]) if previous else (),
            )
        )
    return blocks


def _deleted_exercise(line) -> ExerciseFacts:
    """A logged line whose exercise was deleted keeps its copied name."""
    return ExerciseFacts(
        id=line.exercise_id or 0,
        name=getattr(line, "exercise_name", None) or "Deleted exercise",
        muscle_group=getattr(line, "muscle_group", None),
        equipment=getattr(line, "equipment", None),
        kind="weight",
        mechanic=None,
    )


def _held(session: Session, user_id: int, line_id: int) -> tuple[str, ...]:
    return _line_records(session, user_id, [line_id]).get(line_id, ())


def _block_ratings(session: Session, user_id: int, session_id: int, block: int):
    return session.execute(
        select_owned_columns(
            WorkoutDetail,
            user_id,
            func.max(WorkoutDetail.stimulus),
            func.max(WorkoutDetail.fatigue_level),
        ).where(WorkoutDetail.session_id == session_id, WorkoutDetail.block == block)
    ).one()


def log_planned(session: Session, user_id: int, planned_id: object, data: LineInput) -> SetOutcome:
    """Log a planned set with these values: it becomes a logged set of its block."""
    planned = get_owned(session, PlannedSet, user_id, planned_id)
    if planned is None:
        return SetOutcome(errors={"set": "This set is no longer planned: reload the page"})
    stimulus, fatigue = _block_ratings(session, user_id, planned.session_id, planned.block)
    placed = data.model_copy(
        update={
            "exercise_id": planned.exercise_id,
            "block": planned.block,
            "superset_group": planned.superset_group,
            "rest_seconds": planned.rest_seconds,
            "stimulus": data.stimulus if data.stimulus is not None else stimulus,
            "fatigue_level": data.fatigue_level if data.fatigue_level is not None else fatigue,
        }
    )
    change = add_line(session, user_id, planned.session_id, placed)
    if not change.ok:
        return SetOutcome(errors=change.errors)
    block, owner = planned.block, planned.session_id
    session.delete(planned)
    session.flush()
    rest = rest_after(session, user_id, owner, block)
    return _logged_outcome(session, user_id, change, block, rest)


def _logged_outcome(session, user_id, change: LineChange, block, rest) -> SetOutcome:
    line = get_owned(session, WorkoutDetail, user_id, change.line_id)
    return SetOutcome(
        row=_row(line, _held(session, user_id, line.id)),
        new_records=change.new_records,
        block=block,
        rest_seconds=rest,
    )


def exercise_of_set(
    session: Session, user_id: int, logged_id: int | None, planned_id: int | None
) -> int | None:
    """The exercise of the user's logged (or else planned) set; None for a set gone."""
    model, set_id = (
        (WorkoutDetail, logged_id) if logged_id is not None else (PlannedSet, planned_id)
    )
    row = get_owned(session, model, user_id, set_id)
    return row.exercise_id if row is not None else None


def unlog_set(session: Session, user_id: int, line_id: object) -> SetOutcome:
    """Take a logged set back into the plan (a tick undone), its values kept."""
    line = get_owned(session, WorkoutDetail, user_id, line_id)
    if line is None:
        return SetOutcome(errors={"set": "This set was deleted: reload the page"})
    if line.sets > 1 or line.exercise_id is None:
        return SetOutcome(errors={"set": "An older line of several sets cannot be un-ticked"})
    planned = PlannedSet(
        session_id=line.session_id,
        user_id=user_id,
        exercise_id=line.exercise_id,
        block=line.block,
        position=0,
        superset_group=line.superset_group,
        rest_seconds=line.rest_seconds,
        load_weight=line.load_weight,
        **{name: getattr(line, name) for name in SET_VALUES},
    )
    # First among the block's planned sets: it was done before them.
    session.execute(
        update(PlannedSet)
        .where(
            PlannedSet.user_id == user_id,
            PlannedSet.session_id == line.session_id,
            PlannedSet.block == line.block,
        )
        .values(position=PlannedSet.position + 1)
    )
    session.add(planned)
    block = line.block
    delete_line(session, user_id, line.id)
    session.flush()
    return SetOutcome(row=_row(planned), block=block)


def save_planned(session: Session, user_id: int, planned_id: object, data: LineInput) -> SetOutcome:
    """Keep what was typed into a planned set, so nothing typed is lost before it is logged.

    One UPDATE, not a loaded row: the set may be logged (deleted from the plan) by a tap
    that races this save, which then finds nothing to change.
    """
    if not is_row_id(planned_id):
        return SetOutcome(errors={"set": "This set is no longer planned: reload the page"})
    changed = session.execute(
        update(PlannedSet)
        .where(PlannedSet.id == planned_id, PlannedSet.user_id == user_id)
        .values(load_weight=data.load_kg, **{name: getattr(data, name) for name in SET_VALUES})
        .execution_options(synchronize_session=False)
    ).rowcount
    if not changed:
        return SetOutcome(errors={"set": "This set is no longer planned: reload the page"})
    planned = get_owned(session, PlannedSet, user_id, planned_id)
    session.refresh(planned)
    return SetOutcome(row=_row(planned), block=planned.block)


def rest_after(session: Session, user_id: int, session_id: int, block: int) -> int:
    """Seconds to rest after a set of the block: its rest, or none inside a superset's round
    (the rest comes after its last exercise)."""
    groups = _groups(session, user_id, session_id)
    group = groups.get(block)
    if group is not None and any(b > block and g == group for b, g in groups.items()):
        return 0
    rests = session.scalars(
        select_owned_columns(WorkoutDetail, user_id, WorkoutDetail.rest_seconds).where(
            WorkoutDetail.session_id == session_id,
            WorkoutDetail.block == block,
            WorkoutDetail.rest_seconds.is_not(None),
        )
    ).first()
    if rests is not None:
        return rests
    facts_id = session.scalar(
        select_owned_columns(WorkoutDetail, user_id, WorkoutDetail.exercise_id)
        .where(WorkoutDetail.session_id == session_id, WorkoutDetail.block == block)
        .limit(1)
    )
    facts = exercise_facts(session, user_id, {facts_id}).get(facts_id)
    return default_rest(facts) if facts else DEFAULT_REST_SECONDS


def save_logged(session: Session, user_id: int, line_id: object, data: LineInput) -> SetOutcome:
    """Change a logged set's values (its exercise, block and ratings stay)."""
    line = get_owned(session, WorkoutDetail, user_id, line_id)
    if line is None:
        return SetOutcome(errors={"set": "This set was deleted: reload the page"})
    if line.exercise_id is None:
        return SetOutcome(errors={"set": "Its exercise was deleted: the set can only be removed"})
    kept = data.model_copy(
        update={
            "exercise_id": line.exercise_id,
            "sets": line.sets,
            "stimulus": line.stimulus,
            "fatigue_level": line.fatigue_level,
        }
    )
    change = update_line(session, user_id, line.id, kept)
    if not change.ok:
        return SetOutcome(errors=change.errors)
    return _logged_outcome(session, user_id, change, line.block, line.rest_seconds)


def _next_planned_position(session: Session, user_id: int, session_id: int, block: int) -> int:
    """After the block's last planned set."""
    value = session.scalar(
        select_owned_columns(PlannedSet, user_id, func.max(PlannedSet.position)).where(
            PlannedSet.session_id == session_id, PlannedSet.block == block
        )
    )
    return 0 if value is None else value + 1


def _count_sets(session: Session, user_id: int, session_id: int) -> int:
    return sum(
        session.scalar(
            select_owned_columns(model, user_id, func.count(model.id)).where(
                model.session_id == session_id
            )
        )
        for model in (WorkoutDetail, PlannedSet)
    )


def add_set(session: Session, user_id: int, session_id: object, block: object) -> bool:
    """A planned set copying the block's last set (planned, else the last logged)."""
    owner = get_owned(session, TrainingSession, user_id, session_id)
    if owner is None or not isinstance(block, int) or isinstance(block, bool):
        return False
    if _count_sets(session, user_id, owner.id) >= MAX_LINES_PER_SESSION:
        return False
    logged, planned = _items(session, user_id, owner.id, block)
    source = (planned or logged or [None])[-1]
    if source is None or source.exercise_id is None:
        return False
    session.add(
        PlannedSet(
            session_id=owner.id,
            user_id=user_id,
            exercise_id=source.exercise_id,
            block=block,
            position=_next_planned_position(session, user_id, owner.id, block),
            superset_group=source.superset_group,
            rest_seconds=source.rest_seconds,
            load_weight=source.load_weight,
            **{name: getattr(source, name) for name in SET_VALUES},
        )
    )
    session.flush()
    return True


def plan_block(
    session: Session,
    user_id: int,
    session_id: int,
    facts: ExerciseFacts,
    sets: list[dict[str, Any]],
    *,
    block: int | None = None,
    superset_group: int | None = None,
    rest_seconds: int | None = None,
    hint: str | None = None,
) -> int:
    """Plan these sets (SetValues fields) as a block of the exercise; the block's number."""
    number = next_block(session, user_id, session_id) if block is None else block
    for position, values in enumerate(sets):
        session.add(
            PlannedSet(
                session_id=session_id,
                user_id=user_id,
                exercise_id=facts.id,
                block=number,
                position=position,
                superset_group=superset_group,
                rest_seconds=rest_seconds if rest_seconds is not None else default_rest(facts),
                hint=hint,
                **values,
            )
        )
    session.flush()
    return number


def add_block(
    session: Session, user_id: int, session_id: object, exercise_id: object
) -> str | None:
    """A new block of the exercise at the end, planned as last time; an error, or None."""
    owner = get_owned(session, TrainingSession, user_id, session_id)
    if owner is None:
        return "This session no longer exists"
    facts = exercise_facts(session, user_id, {exercise_id}).get(exercise_id)
    if facts is None:
        return "Choose an exercise from the list"
    if _count_sets(session, user_id, owner.id) >= MAX_LINES_PER_SESSION:
        return f"A session holds at most {MAX_LINES_PER_SESSION} sets"
    if next_block(session, user_id, owner.id) > MAX_BLOCK:
        return "This session has as many exercises as it can hold"
    previous = last_time(session, user_id, facts.id, owner.id)
    rest = last_rest(session, user_id, facts.id)
    if previous and previous["lines"]:
        sets = [_planned_values(line) for line in previous["lines"] for _ in range(line["sets"])]
        hint = f"As last time, {previous['date']:%a %d %b}"
    else:
        sets = [_first_values(facts)]
        hint = "First time: adjust the numbers to what you do"
    plan_block(session, user_id, owner.id, facts, sets, rest_seconds=rest, hint=hint)
    return None


def _planned_values(line: dict[str, Any]) -> dict[str, Any]:
    return {"load_weight": line["load_kg"], **{name: line[name] for name in SET_VALUES}}


def _first_values(facts: ExerciseFacts) -> dict[str, Any]:
    if facts.kind == "duration":
        return {"duration_seconds": 30}
    if facts.kind == "distance":
        return {"distance_m": 1000.0, "duration_seconds": 360}
    return {"reps": 10}


def last_rest(session: Session, user_id: int, exercise_id: int) -> int | None:
    """The rest the user last set for the exercise."""
    return session.scalar(
        select_owned_columns(WorkoutDetail, user_id, WorkoutDetail.rest_seconds)
        .where(WorkoutDetail.exercise_id == exercise_id, WorkoutDetail.rest_seconds.is_not(None))
        .order_by(WorkoutDetail.id.desc())
        .limit(1)
    )


def delete_set(session: Session, user_id: int, set_id: object, logged: bool) -> bool:
    if logged:
        return delete_line(session, user_id, set_id)
    planned = get_owned(session, PlannedSet, user_id, set_id)
    if planned is None:
        return False
    session.delete(planned)
    session.flush()
    return True


def _update_block(session, user_id, session_id, number: int, **values) -> None:
    """Set values on every set (logged and planned) of the session's block `number`."""
    for model in (WorkoutDetail, PlannedSet):
        session.execute(
            update(model)
            .where(model.user_id == user_id, model.session_id == session_id, model.block == number)
            .values(**values)
            .execution_options(synchronize_session=False)
        )


def _block_numbers(session: Session, user_id: int, session_id: int) -> list[int]:
    numbers: set[int] = set()
    for model in (WorkoutDetail, PlannedSet):
        numbers |= set(
            session.scalars(
                select_owned_columns(model, user_id, model.block)
                .where(model.session_id == session_id)
                .distinct()
            )
        )
    return sorted(numbers)


def _owned_block(session, user_id, session_id, block) -> tuple[TrainingSession | None, list[int]]:
    owner = get_owned(session, TrainingSession, user_id, session_id)
    if owner is None or not isinstance(block, int) or isinstance(block, bool):
        return None, []
    numbers = _block_numbers(session, user_id, owner.id)
    return (owner, numbers) if block in numbers else (None, [])


def move_block(
    session: Session, user_id: int, session_id: object, block: object, step: int
) -> bool:
    """Swap the block with the one before (step -1) or after (+1)."""
    owner, numbers = _owned_block(session, user_id, session_id, block)
    if owner is None or step not in (-1, 1):
        return False
    index = numbers.index(block) + step
    if not 0 <= index < len(numbers):
        return False
    other = numbers[index]
    parking = max(numbers) + 1  # blocks are not unique keys, but keep the swap unambiguous
    _update_block(session, user_id, owner.id, block, block=parking)
    _update_block(session, user_id, owner.id, other, block=block)
    _update_block(session, user_id, owner.id, parking, block=other)
    session.flush()
    return True


def _groups(session: Session, user_id: int, session_id: int) -> dict[int, int | None]:
    groups: dict[int, int | None] = {}
    for model in (WorkoutDetail, PlannedSet):
        for number, group in session.execute(
            select_owned_columns(model, user_id, model.block, model.superset_group)
            .where(model.session_id == session_id)
            .distinct()
        ):
            groups.setdefault(number, group)
    return dict(sorted(groups.items()))


def toggle_superset(session: Session, user_id: int, session_id: object, block: object) -> bool:
    """Group the block with the next one as a superset, or take it out of its superset."""
    owner, numbers = _owned_block(session, user_id, session_id, block)
    if owner is None:
        return False
    groups = _groups(session, user_id, owner.id)
    group = groups[block]
    if group is not None:
        _update_block(session, user_id, owner.id, block, superset_group=None)
        left = [b for b, g in groups.items() if g == group and b != block]
        if len(left) == 1:  # a superset of one is no superset
            _update_block(session, user_id, owner.id, left[0], superset_group=None)
        session.flush()
        return True
    later = [b for b in numbers if b > block]
    if not later:
        return False
    partner = later[0]
    group = groups[partner] or min(
        set(range(1, MAX_SUPERSET + 1)) - {g for g in groups.values() if g}, default=None
    )
    if group is None:
        return False
    _update_block(session, user_id, owner.id, block, superset_group=group)
    _update_block(session, user_id, owner.id, partner, superset_group=group)
    session.flush()
    return True


def rate_block(
    session: Session,
    user_id: int,
    session_id: object,
    block: object,
    stimulus: int | None,
    fatigue_level: int | None,
) -> int | None:
    """Store the block's stimulus and fatigue (1-5, or None) on each of its logged sets; how
    many sets took it, or None for a block that is not the user's."""
    owner, _ = _owned_block(session, user_id, session_id, block)
    if owner is None:
        return None
    rated = session.execute(
        update(WorkoutDetail)
        .where(
            WorkoutDetail.user_id == user_id,
            WorkoutDetail.session_id == owner.id,
            WorkoutDetail.block == block,
        )
        .values(stimulus=stimulus, fatigue_level=fatigue_level)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.flush()
    return rated


def change_block_rest(
    session: Session, user_id: int, session_id: object, block: object, delta: int
) -> int | None:
    """Lengthen or shorten the block's rest by delta seconds (within 0 and an hour); the new
    rest, or None for a block that is not the user's."""
    owner, _ = _owned_block(session, user_id, session_id, block)
    if owner is None:
        return None
    current = None
    for model in (PlannedSet, WorkoutDetail):
        current = current or session.scalar(
            select_owned_columns(model, user_id, model.rest_seconds)
            .where(
                model.session_id == owner.id,
                model.block == block,
                model.rest_seconds.is_not(None),
            )
            .limit(1)
        )
    if current is None:
        exercise_id = session.scalar(
            select_owned_columns(PlannedSet, user_id, PlannedSet.exercise_id)
            .where(PlannedSet.session_id == owner.id, PlannedSet.block == block)
            .limit(1)
        ) or session.scalar(
            select_owned_columns(WorkoutDetail, user_id, WorkoutDetail.exercise_id)
            .where(WorkoutDetail.session_id == owner.id, WorkoutDetail.block == block)
            .limit(1)
        )
        facts = exercise_facts(session, user_id, {exercise_id}).get(exercise_id)
        current = default_rest(facts) if facts else DEFAULT_REST_SECONDS
    seconds = min(MAX_REST_SECONDS, max(0, current + delta))
    _update_block(session, user_id, owner.id, block, rest_seconds=seconds)
    session.flush()
    return seconds


def remove_block(session: Session, user_id: int, session_id: object, block: object) -> bool:
    """Delete the block's sets, logged and planned (records are recalculated)."""
    owner, _ = _owned_block(session, user_id, session_id, block)
    if owner is None:
        return False
    exercises = set(
        session.scalars(
            select_owned_columns(WorkoutDetail, user_id, WorkoutDetail.exercise_id).where(
                WorkoutDetail.session_id == owner.id, WorkoutDetail.block == block
            )
        )
    )
    for model in (WorkoutDetail, PlannedSet):
        session.execute(
            delete(model).where(
                model.user_id == user_id, model.session_id == owner.id, model.block == block
            )
        )
    session.flush()
    after_lines_changed(session, user_id, exercises)
    return True


def count_planned(session: Session, user_id: int, session_id: int) -> int:
    return session.scalar(
        select_owned_columns(PlannedSet, user_id, func.count(PlannedSet.id)).where(
            PlannedSet.session_id == session_id
        )
    )


def finish_session(session: Session, user_id: int, session_id: object, now: datetime) -> int | None:
    """End the session: the sets not done dropped (their count returned), its finish now.

    None for a missing session. A session of today without a start starts now too.
    """
    owner = get_owned(session, TrainingSession, user_id, session_id)
    if owner is None:
        return None
    dropped = count_planned(session, user_id, owner.id)
    session.execute(
        delete(PlannedSet).where(PlannedSet.user_id == user_id, PlannedSet.session_id == owner.id)
    )
    # Only a session trained now gets now's clock: finishing one logged later keeps its times.
    start = owner.training_start or now
    if owner.date == now.date() and start <= now <= start + MAX_SESSION:
        moved = owner.training_start is None
        owner.training_start, owner.training_end = start, now
        session.flush()
        if moved:  # a start orders it among the day's sessions, and so their records
            after_lines_changed(session, user_id, exercises_in(session, user_id, owner.id))
    session.flush()
    return dropped


def planned_sets(session: Session, user_id: int, session_id: int) -> list[dict[str, Any]]:
    """The sets still planned in the user's session, by block and place."""
    rows = session.scalars(
        select_owned(PlannedSet, user_id)
        .where(PlannedSet.session_id == session_id)
        .order_by(PlannedSet.block, PlannedSet.position, PlannedSet.id)
    )
    return [
        {
            "id": row.id,
            "exercise_id": row.exercise_id,
            "block": row.block,
            "position": row.position,
            "superset_group": row.superset_group,
            "reps": row.reps,
            "load_kg": row.load_weight,
            "duration_seconds": row.duration_seconds,
            "distance_m": row.distance_m,
            "rir": row.rir,
            "rest_seconds": row.rest_seconds,
            "is_warmup": row.is_warmup,
            "hint": row.hint,
        }
        for row in rows
    ]
