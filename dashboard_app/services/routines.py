"""Routines: a user's named training days, and sessions started from them.

Starting a routine plans each of its exercises from the last session of the same routine
(the exercise's last session anywhere when the routine never had it), moved on by
analytics.progression, with loads rounded to what the user's bar and plates make.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard_app.analytics.plates import Equipment
from dashboard_app.analytics.progression import SetValues, Target, next_sets
from dashboard_app.schemas.routines import RoutineExerciseInput, RoutineInput
from dashboard_app.schemas.workouts import MAX_SESSION_NUMBER
from dashboard_app.services.scope import get_owned, select_owned, select_owned_columns
from dashboard_app.services.session_sets import last_rest, plan_block
from dashboard_app.services.workout_lines import (
    NEWEST_FIRST,
    ExerciseFacts,
    exercise_facts,
    last_time,
)
from dashboard_app.services.workouts import latest_in_mesocycle, next_session_number
from db.models import Routine, RoutineExercise, TrainingSession, User, WorkoutDetail

MAX_ROUTINES = 50
TARGET_FIELDS = (
    "target_sets",
    "rep_min",
    "rep_max",
    "target_rir",
    "target_seconds",
    "superset_group",
    "rest_seconds",
)


def user_equipment(session: Session, user_id: int) -> Equipment:
    unit, bar, plates = session.execute(
        select(User.weight_unit, User.bar_weight_kg, User.plates_kg).where(User.id == user_id)
    ).one()
    return Equipment.of(unit, bar, plates)


def _exercise_item(row: RoutineExercise, facts: ExerciseFacts | None) -> dict[str, Any]:
    return {
        "exercise_id": row.exercise_id,
        "exercise_name": facts.name if facts else "Deleted exercise",
        "kind": facts.kind if facts else "weight",
        **{name: getattr(row, name) for name in TARGET_FIELDS},
    }


def _routine_item(
    routine: Routine, facts: dict[int, ExerciseFacts], last: date | None
) -> dict[str, Any]:
    return {
        "id": routine.id,
        "name": routine.name,
        "mesocycle": routine.mesocycle_name,
        "weekday": routine.weekday,
        "notes": routine.notes,
        "last_done": last,
        "exercises": [_exercise_item(e, facts.get(e.exercise_id)) for e in routine.exercises],
    }


def list_routines(session: Session, user_id: int) -> list[dict[str, Any]]:
    """The user's routines in their order, each with its exercises and the day last done."""
    routines = list(
        session.scalars(
            select_owned(Routine, user_id).order_by(
                Routine.mesocycle_name, Routine.weekday.nulls_last(), Routine.position, Routine.id
            )
        )
    )
    facts = exercise_facts(session, user_id, {e.exercise_id for r in routines for e in r.exercises})
    last = _last_done(session, user_id, [r.id for r in routines])
    return [_routine_item(r, facts, last.get(r.id)) for r in routines]


def _last_done(session: Session, user_id: int, routine_ids: list[int]) -> dict[int, date]:
    """{routine id: the latest day a session of it was trained}."""
    return dict(
        session.execute(
            select_owned_columns(
                TrainingSession, user_id, TrainingSession.routine_id, func.max(TrainingSession.date)
            )
            .where(TrainingSession.routine_id.in_(routine_ids))
            .group_by(TrainingSession.routine_id)
        ).all()
    )


def load_routine(session: Session, user_id: int, routine_id: object) -> dict[str, Any] | None:
    routine = get_owned(session, Routine, user_id, routine_id)
    if routine is None:
        return None
    facts = exercise_facts(session, user_id, {e.exercise_id for e in routine.exercises})
    return _routine_item(routine, facts, _last_done(session, user_id, [routine.id]).get(routine.id))


def _check_exercises(
    session: Session, user_id: int, exercises: list[RoutineExerciseInput]
) -> dict[str, str]:
    known = exercise_facts(session, user_id, {e.exercise_id for e in exercises})
    for index, item in enumerate(exercises):
        if item.exercise_id not in known:
            return {f"exercises.{index}.exercise_id": "Choose an exercise from the list"}
    return {}


def _apply(session: Session, user_id: int, routine: Routine, data: RoutineInput) -> None:
    routine.name = data.name
    routine.mesocycle_name = data.mesocycle
    routine.weekday = data.weekday
    routine.notes = data.notes
    routine.exercises = [
        RoutineExercise(
            user_id=user_id,
            exercise_id=item.exercise_id,
            position=position,
            **{name: getattr(item, name) for name in TARGET_FIELDS},
        )
        for position, item in enumerate(data.exercises)
    ]
    session.flush()


def create_routine(
    session: Session, user_id: int, data: RoutineInput
) -> tuple[int | None, dict[str, str]]:
    """A new routine; its id, or field errors."""
    count = session.scalar(select_owned_columns(Routine, user_id, func.count(Routine.id)))
    if count >= MAX_ROUTINES:
        return None, {"name": f"You can keep at most {MAX_ROUTINES} routines"}
    errors = _check_exercises(session, user_id, data.exercises)
    if errors:
        return None, errors
    routine = Routine(user_id=user_id, position=count)
    session.add(routine)
    _apply(session, user_id, routine, data)
    return routine.id, {}


def update_routine(
    session: Session, user_id: int, routine_id: object, data: RoutineInput
) -> dict[str, str] | None:
    """Replace the routine's name, place and exercises; field errors, or None for missing."""
    routine = get_owned(session, Routine, user_id, routine_id)
    if routine is None:
        return None
    errors = _check_exercises(session, user_id, data.exercises)
    if not errors:
        _apply(session, user_id, routine, data)
    return errors


def delete_routine(session: Session, user_id: int, routine_id: object) -> bool:
    """Delete the routine; its sessions stay, no longer linked to it."""
    routine = get_owned(session, Routine, user_id, routine_id)
    if routine is None:
        return False
    session.delete(routine)
    session.flush()
    return True


def routine_from_session(
    session: Session, user_id: int, session_id: object, name: str
) -> tuple[int | None, dict[str, str]]:
    """A routine of a session's exercises as done: sets, reps range and RIR of each block."""
    owner = get_owned(session, TrainingSession, user_id, session_id)
    if owner is None:
        return None, {"session": "This session no longer exists"}
    lines = session.scalars(
        select_owned(WorkoutDetail, user_id)
        .where(WorkoutDetail.session_id == owner.id, WorkoutDetail.exercise_id.is_not(None))
        .order_by(WorkoutDetail.block, WorkoutDetail.position, WorkoutDetail.id)
    ).all()
    blocks: dict[int, list[WorkoutDetail]] = {}
    for line in lines:
        blocks.setdefault(line.block, []).append(line)
    exercises = []
    for rows in blocks.values():
        working = [r for r in rows if not r.is_warmup] or rows
        reps = [r.reps for r in working if r.reps]
        rirs = [r.rir for r in working if r.rir is not None]
        seconds = [r.duration_seconds for r in working if r.duration_seconds]
        exercises.append(
            RoutineExerciseInput(
                exercise_id=rows[0].exercise_id,
                target_sets=min(20, sum(r.sets for r in working)),
                rep_min=min(reps) if reps else None,
                rep_max=max(reps) if reps else None,
                target_rir=round(sum(rirs) / len(rirs)) if rirs else None,
                target_seconds=max(seconds) if seconds else None,
                superset_group=rows[0].superset_group,
                rest_seconds=rows[0].rest_seconds,
            )
        )
    data = RoutineInput(name=name, mesocycle=owner.mesocycle_name, exercises=exercises[:30])
    routine_id, errors = create_routine(session, user_id, data)
    if routine_id is not None and owner.routine_id is None:
        owner.routine_id = routine_id
    return routine_id, errors


def _last_of_routine(session: Session, user_id: int, routine_id: int) -> int | None:
    return session.scalar(
        select_owned_columns(TrainingSession, user_id, TrainingSession.id)
        .where(TrainingSession.routine_id == routine_id)
        .join(WorkoutDetail, WorkoutDetail.session_id == TrainingSession.id)
        .order_by(*NEWEST_FIRST)
        .limit(1)
    )


def _done_sets(session: Session, user_id: int, session_id: int) -> dict[int, list[SetValues]]:
    """A session's logged sets by exercise, in order (an old line of N sets as N sets)."""
    done: dict[int, list[SetValues]] = {}
    for line in session.scalars(
        select_owned(WorkoutDetail, user_id)
        .where(WorkoutDetail.session_id == session_id)
        .order_by(WorkoutDetail.block, WorkoutDetail.position, WorkoutDetail.id)
    ):
        values = SetValues(
            reps=line.reps,
            load_kg=line.load_weight,
            rir=line.rir,
            duration_seconds=line.duration_seconds,
            distance_m=line.distance_m,
            is_warmup=line.is_warmup,
        )
        done.setdefault(line.exercise_id, []).extend([values] * line.sets)
    return done


def _previous_sets(session, user_id, facts: ExerciseFacts, session_id: int) -> list[SetValues]:
    last = last_time(session, user_id, facts.id, session_id)
    if last is None:
        return []
    return [
        SetValues(
            reps=line["reps"],
            load_kg=line["load_kg"],
            rir=line["rir"],
            duration_seconds=line["duration_seconds"],
            distance_m=line["distance_m"],
            is_warmup=line["is_warmup"],
        )
        for line in last["lines"]
        for _ in range(line["sets"])
    ]


def _planned(values: SetValues, facts: ExerciseFacts, equipment: Equipment) -> dict[str, Any]:
    return {
        "reps": values.reps,
        "load_weight": equipment.rounded(values.load_kg, facts.equipment),
        "duration_seconds": values.duration_seconds,
        "distance_m": values.distance_m,
        "rir": values.rir,
        "is_warmup": values.is_warmup,
    }


def start_routine(
    session: Session, user_id: int, routine_id: object, day: date, now: datetime | None = None
) -> int | None:
    """A new session of the routine on day (started at now), its sets planned; its id."""
    routine = get_owned(session, Routine, user_id, routine_id)
    if routine is None:
        return None
    last_session = _last_of_routine(session, user_id, routine.id)
    last_done = _done_sets(session, user_id, last_session) if last_session else {}
    number = next_session_number(session, user_id, routine.mesocycle_name)
    row = TrainingSession(
        user_id=user_id,
        date=day,
        title=routine.name,
        routine_id=routine.id,
        mesocycle_name=routine.mesocycle_name,
        session_number=min(number, MAX_SESSION_NUMBER) if routine.mesocycle_name else None,
        training_start=now if now is not None and now.date() == day else None,
    )
    session.add(row)
    session.flush()
    facts = exercise_facts(session, user_id, {e.exercise_id for e in routine.exercises})
    equipment = user_equipment(session, user_id)
    for item in routine.exercises:
        exercise = facts.get(item.exercise_id)
        if exercise is None:
            continue
        previous = last_done.get(exercise.id) or _previous_sets(session, user_id, exercise, row.id)
        target = Target(
            sets=item.target_sets,
            rep_min=item.rep_min,
            rep_max=item.rep_max,
            rir=item.target_rir,
            seconds=item.target_seconds,
        )
        plan = next_sets(previous, target, equipment.step_kg(exercise.equipment), exercise.kind)
        plan_block(
            session,
            user_id,
            row.id,
            exercise,
            [_planned(values, exercise, equipment) for values in plan.sets],
            superset_group=item.superset_group,
            rest_seconds=item.rest_seconds or last_rest(session, user_id, exercise.id),
            hint=plan.reason,
        )
    return row.id


def todays_routine(routines: list[dict[str, Any]], day: date) -> dict[str, Any] | None:
    """The routine planned for day's weekday in the most recent mesocycle, if any."""
    planned = [r for r in routines if r["weekday"] == day.weekday()]
    planned.sort(key=lambda r: r["last_done"] or date.min, reverse=True)
    return planned[0] if planned else None


def repeat_session(
    session: Session, user_id: int, mesocycle: str, day: date, now: datetime | None = None
) -> int | None:
    """Start the mesocycle's next session on day, as its last one was.

    A last session of a routine starts that routine again (planned from that session and
    moved on); any other is planned set for set as it was done. None without a session.
    """
    source_id = latest_in_mesocycle(session, user_id, mesocycle)
    source = get_owned(session, TrainingSession, user_id, source_id)
    if source is None:
        return None
    if source.routine_id is not None:
        return start_routine(session, user_id, source.routine_id, day, now)
    number = next_session_number(session, user_id, mesocycle)
    row = TrainingSession(
        user_id=user_id,
        date=day,
        title=source.title,
        mesocycle_name=mesocycle,
        session_number=min(number, MAX_SESSION_NUMBER),
        training_start=now if now is not None and now.date() == day else None,
    )
    session.add(row)
    session.flush()
    lines = session.scalars(
        select_owned(WorkoutDetail, user_id)
        .where(WorkoutDetail.session_id == source.id, WorkoutDetail.exercise_id.is_not(None))
        .order_by(WorkoutDetail.block, WorkoutDetail.position, WorkoutDetail.id)
    ).all()
    facts = exercise_facts(session, user_id, {line.exercise_id for line in lines})
    blocks: dict[int, list[WorkoutDetail]] = {}
    for line in lines:
        if line.exercise_id in facts:
            blocks.setdefault(line.block, []).append(line)
    hint = f"As on {source.date:%a %d %b}"
    for rows in blocks.values():
        sets = [
            {
                "reps": r.reps,
                "load_weight": r.load_weight,
                "duration_seconds": r.duration_seconds,
                "distance_m": r.distance_m,
                "rir": r.rir,
                "is_warmup": r.is_warmup,
            }
            for r in rows
            for _ in range(r.sets)
        ]
        first = rows[0]
        plan_block(
            session,
            user_id,
            row.id,
            facts[first.exercise_id],
            sets,
            superset_group=first.superset_group,
            rest_seconds=first.rest_seconds,
            hint=hint,
        )
    return row.id
