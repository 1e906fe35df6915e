"""A user's mesocycles as the training analytics' plain inputs, and the page's whole report.

Queries stay bounded: the chosen block's lines, the lines of the acute:chronic window, the
finished blocks the retrospective compares (at most RETRO_BLOCKS) and, for their PR counts,
each exercise's heaviest load per rep count before them (the best e1RM at a rep count is that
of its heaviest load, so those rows stand in exactly for the older history).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from dashboard_app.analytics.training import (
    CHRONIC_DAYS,
    AcuteChronic,
    DayRecovery,
    E1rmChange,
    ExerciseSfr,
    MesocycleWeek,
    TrainingLine,
    acute_chronic,
    e1rm_change,
    loading_weeks,
    mesocycle_weeks,
    stimulus_to_fatigue,
)
from dashboard_app.analytics.training_advice import (
    BlockSummary,
    DeloadCheck,
    SetSuggestion,
    deload_check,
    next_week_sets,
    retrospective,
)
from dashboard_app.analytics.training_readiness import (
    BASELINE_DAYS,
    RECENT_DAYS,
    Readiness,
    VolumeLandmarks,
    readiness,
)
from dashboard_app.services.preferences import user_today
from dashboard_app.services.scope import LINE_SESSION, select_owned_columns
from dashboard_app.services.training_summary import NO_MUSCLE_GROUP
from dashboard_app.services.volume_landmarks import user_landmarks
from db.models import (
    DailyMetric,
    Exercise,
    ExerciseSecondaryMuscle,
    MuscleGroup,
    TrainingSession,
    User,
    WorkoutDetail,
)

USUAL_BLOCK_WEEKS = 5  # four loading weeks and a deload: the common hypertrophy block
RETRO_BLOCKS = 6  # the finished blocks the retrospective compares, newest; older ones rarely matter
SECONDS_PER_HOUR = 3600


@dataclass(frozen=True)
class Mesocycle:
    """A block's name and the days of its first and last session."""

    name: str
    start: date
    end: date


@dataclass(frozen=True)
class TrainingReport:
    """Everything the training page shows for one block (empty weeks: no such block)."""

    mesocycle: str | None
    mesocycles: tuple[str, ...]
    is_current: bool
    as_of: date
    weeks: tuple[MesocycleWeek, ...]
    landmarks: dict[str, VolumeLandmarks]
    e1rm_changes: tuple[E1rmChange, ...]
    sfr: tuple[ExerciseSfr, ...]
    suggestions: tuple[SetSuggestion, ...]
    readiness: Readiness | None
    deload: DeloadCheck
    acute_chronic: tuple[AcuteChronic, ...]
    retrospective: tuple[BlockSummary, ...]


def load_mesocycles(session: Session, user_id: int) -> list[Mesocycle]:
    """The user's named blocks, newest first (by their latest session's day), then by name."""
    last = func.max(TrainingSession.date)
    query = (
        select_owned_columns(
            TrainingSession,
            user_id,
            TrainingSession.mesocycle_name,
            func.min(TrainingSession.date).label("start"),
            last.label("end"),
        )
        .where(TrainingSession.mesocycle_name.is_not(None), TrainingSession.mesocycle_name != "")
        .group_by(TrainingSession.mesocycle_name)
        .order_by(last.desc(), TrainingSession.mesocycle_name)
    )
    return [Mesocycle(row.mesocycle_name, row.start, row.end) for row in session.execute(query)]


def mesocycle_names(session: Session, user_id: int) -> list[str]:
    """The user's block names, newest first."""
    return [block.name for block in load_mesocycles(session, user_id)]


def current_mesocycle(session: Session, user_id: int) -> str | None:
    """The block of the user's latest named session, or None without any."""
    names = mesocycle_names(session, user_id)
    return names[0] if names else None


def deleted_exercise_id(name: str) -> int:
    """A stable stand-in id (negative, never a row's) for the lines of a deleted exercise."""
    return -1 - zlib.crc32(name.encode())


def _secondaries(session: Session, user_id: int, exercise_ids: set[int]) -> dict[int, tuple]:
    """Secondary muscle names of the exercises the user may see (catalogue or their own)."""
    if not exercise_ids:
        return {}
    query = (
        select(ExerciseSecondaryMuscle.exercise_id, MuscleGroup.name)
        .join(MuscleGroup, MuscleGroup.id == ExerciseSecondaryMuscle.muscle_group_id)
        .join(Exercise, Exercise.id == ExerciseSecondaryMuscle.exercise_id)
        .where(
            ExerciseSecondaryMuscle.exercise_id.in_(sorted(exercise_ids)),
            or_(Exercise.user_id.is_(None), Exercise.user_id == user_id),
        )
        .order_by(ExerciseSecondaryMuscle.exercise_id, MuscleGroup.name)
    )
    found: dict[int, list[str]] = {}
    for exercise_id, name in session.execute(query):
        found.setdefault(exercise_id, []).append(name)
    return {key: tuple(names) for key, names in found.items()}


def load_lines(
    session: Session,
    user_id: int,
    *,
    mesocycle: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[TrainingLine]:
    """The user's lines of a block and/or a date range, with their exercise's muscles.

    A line counts for its exercise's primary muscle group and, half, its secondary ones; the
    line of a deleted exercise keeps the muscle group copied onto it and has no secondaries.
    """
    query = (
        select_owned_columns(
            WorkoutDetail,
            user_id,
            TrainingSession.date,
            TrainingSession.mesocycle_name,
            WorkoutDetail.session_id,
            WorkoutDetail.exercise_id,
            func.coalesce(Exercise.name, WorkoutDetail.exercise_name).label("exercise_name"),
            func.coalesce(MuscleGroup.name, WorkoutDetail.muscle_group).label("muscle"),
            WorkoutDetail.sets,
            WorkoutDetail.reps,
            WorkoutDetail.load_weight,
            WorkoutDetail.rir,
            WorkoutDetail.stimulus,
            WorkoutDetail.fatigue_level,
            WorkoutDetail.is_warmup,
        )
        .select_from(WorkoutDetail)
        .join(TrainingSession, LINE_SESSION)
        .outerjoin(
            Exercise,
            (Exercise.id == WorkoutDetail.exercise_id)
            & or_(Exercise.user_id.is_(None), Exercise.user_id == user_id),
        )
        .outerjoin(MuscleGroup, MuscleGroup.id == Exercise.muscle_group_id)
        .where(TrainingSession.user_id == user_id)
        .order_by(TrainingSession.date, WorkoutDetail.session_id, WorkoutDetail.position)
    )
    if mesocycle is not None:
        query = query.where(TrainingSession.mesocycle_name == mesocycle)
    if start is not None:
        query = query.where(TrainingSession.date >= start)
    if end is not None:
        query = query.where(TrainingSession.date <= end)
    rows = session.execute(query).all()
    secondaries = _secondaries(session, user_id, {r.exercise_id for r in rows if r.exercise_id})
    return [
        TrainingLine(
            day=row.date,
            session_id=row.session_id,
            mesocycle=row.mesocycle_name,
            exercise_id=row.exercise_id or deleted_exercise_id(row.exercise_name),
            exercise_name=row.exercise_name,
            primary_muscle=row.muscle or NO_MUSCLE_GROUP,
            secondary_muscles=secondaries.get(row.exercise_id, ()) if row.exercise_id else (),
            sets=row.sets,
            reps=row.reps,
            load_kg=float(row.load_weight or 0.0),
            rir=row.rir,
            stimulus=row.stimulus,
            fatigue=row.fatigue_level,
            is_warmup=bool(row.is_warmup),
        )
        for row in rows
    ]


def load_best_loads_before(session: Session, user_id: int, before: date) -> list[TrainingLine]:
    """Each exercise's heaviest working load per rep count before a day, as one-set lines.

    Dated the day before `before` and in no block: they stand in for older history when the
    retrospective counts PRs (see the module docstring).
    """
    name = func.coalesce(Exercise.name, WorkoutDetail.exercise_name)
    query = (
        select_owned_columns(
            WorkoutDetail,
            user_id,
            WorkoutDetail.exercise_id,
            name.label("exercise_name"),
            WorkoutDetail.reps,
            func.max(WorkoutDetail.load_weight).label("load"),
        )
        .select_from(WorkoutDetail)
        .join(TrainingSession, LINE_SESSION)
        .outerjoin(Exercise, Exercise.id == WorkoutDetail.exercise_id)
        .where(
            TrainingSession.user_id == user_id,
            TrainingSession.date < before,
            WorkoutDetail.is_warmup.is_(False),
            WorkoutDetail.reps.is_not(None),
        )
        .group_by(WorkoutDetail.exercise_id, name, WorkoutDetail.reps)
    )
    day = before - timedelta(days=1)
    return [
        TrainingLine(
            day=day,
            session_id=0,
            mesocycle=None,
            exercise_id=row.exercise_id or deleted_exercise_id(row.exercise_name),
            exercise_name=row.exercise_name,
            primary_muscle=NO_MUSCLE_GROUP,
            secondary_muscles=(),
            sets=1,
            reps=row.reps,
            load_kg=float(row.load or 0.0),
        )
        for row in session.execute(query)
    ]


def sleep_hours(start, end, minutes: int | None) -> float | None:
    """Hours asleep: from the night's start and end, else from a tracker's minutes."""
    if start is not None and end is not None:
        return (end - start).total_seconds() / SECONDS_PER_HOUR
    return minutes / 60 if minutes is not None else None


def load_recovery(session: Session, user_id: int, start: date, end: date) -> list[DayRecovery]:
    """The daily log's sleep, stress, energy and motivation in [start, end], oldest first."""
    query = (
        select_owned_columns(
            DailyMetric,
            user_id,
            DailyMetric.date,
            DailyMetric.sleep_start,
            DailyMetric.sleep_end,
            DailyMetric.sleep_minutes,
            DailyMetric.stress_level,
            DailyMetric.energy_level,
            DailyMetric.motivation_level,
        )
        .where(DailyMetric.date >= start, DailyMetric.date <= end)
        .order_by(DailyMetric.date)
    )
    return [
        DayRecovery(
            day=row.date,
            sleep_hours=sleep_hours(row.sleep_start, row.sleep_end, row.sleep_minutes),
            stress=row.stress_level,
            energy=row.energy_level,
            motivation=row.motivation_level,
        )
        for row in session.execute(query)
    ]


def _recovery_in(
    session: Session, user_id: int, ranges: Iterable[tuple[date, date]]
) -> list[DayRecovery]:
    """The recovery days of several ranges, each day once, oldest first."""
    days: dict[date, DayRecovery] = {}
    for start, end in ranges:
        for row in load_recovery(session, user_id, start, end):
            days[row.day] = row
    return [days[day] for day in sorted(days)]


def _empty_report(names: tuple[str, ...], as_of: date, landmarks) -> TrainingReport:
    return TrainingReport(
        mesocycle=None,
        mesocycles=names,
        is_current=False,
        as_of=as_of,
        weeks=(),
        landmarks=landmarks,
        e1rm_changes=(),
        sfr=(),
        suggestions=(),
        readiness=None,
        deload=DeloadCheck(flagged=False, reasons=(), advice=""),
        acute_chronic=(),
        retrospective=(),
    )


def _finished_weeks(weeks, as_of: date):
    """The weeks that are over by as_of: a week still in progress has only some of its
    sessions, and its few sets would read as a cut in volume (all weeks if none is over)."""
    finished = tuple(week for week in weeks if week.end <= as_of)
    return finished or weeks


def _suggestions(weeks, landmarks, ready, deload: bool):
    """Next week's sets from the latest loading week: a deload week's light sets would read
    as lost strength and low fatigue (see analytics.training.loading_weeks)."""
    loading = loading_weeks(weeks)
    return next_week_sets(loading[-1], loading[:-1], landmarks, ready, deload)


def training_report(
    session: Session, user_id: int, mesocycle: object = None, today: date | None = None
) -> TrainingReport:
    """The page's report of one of the user's blocks (any other value: the current block).

    Readiness and acute:chronic look back from today for the current block, and from the end
    of its last week for an older one; the retrospective compares the finished blocks (all
    but the current one, at most RETRO_BLOCKS of them).
    """
    today = today or user_today(session, user_id)
    landmarks = user_landmarks(session, user_id)
    blocks = load_mesocycles(session, user_id)
    names = tuple(block.name for block in blocks)
    if not blocks:
        return _empty_report(names, today, landmarks)
    chosen = next((block for block in blocks if block.name == mesocycle), blocks[0])
    formula = session.get(User, user_id).e1rm_formula
    lines = load_lines(session, user_id, mesocycle=chosen.name)
    is_current = chosen is blocks[0]
    weeks = mesocycle_weeks(lines, chosen.name, formula=formula)
    if is_current and weeks:
        # A block in progress is not over: its latest week is not its deload. Until it runs
        # longer, assume the usual length (loading weeks, then a deload).
        planned = max(len(weeks) + 1, USUAL_BLOCK_WEEKS)
        weeks = mesocycle_weeks(lines, chosen.name, planned_weeks=planned, formula=formula)
    if not weeks:  # sessions named for the block, but no sets logged in them yet
        return replace(_empty_report(names, today, landmarks), mesocycle=chosen.name)
    as_of = today if is_current else min(today, weeks[-1].end)
    finished = blocks[1 : RETRO_BLOCKS + 1]
    ranges = [
        (weeks[0].start, weeks[-1].end),
        (as_of - timedelta(days=RECENT_DAYS + BASELINE_DAYS), as_of),
    ]
    retro_lines: list[TrainingLine] = []
    if finished:
        start = min(block.start for block in finished)
        end = max(block.end for block in finished) + timedelta(days=6)
        ranges.append((start, end))
        retro_lines = load_best_loads_before(session, user_id, start) + load_lines(
            session, user_id, start=start, end=end
        )
    recovery = _recovery_in(session, user_id, ranges)
    ready = readiness(recovery, as_of)
    deload = deload_check(weeks, recovery, landmarks)
    window = load_lines(session, user_id, start=as_of - timedelta(days=CHRONIC_DAYS - 1), end=as_of)
    return TrainingReport(
        mesocycle=chosen.name,
        mesocycles=names,
        is_current=is_current,
        as_of=as_of,
        weeks=weeks,
        landmarks=landmarks,
        e1rm_changes=e1rm_change(weeks),
        sfr=stimulus_to_fatigue(lines, chosen.name),
        suggestions=_suggestions(_finished_weeks(weeks, as_of), landmarks, ready, deload.flagged),
        readiness=ready,
        deload=deload,
        acute_chronic=acute_chronic(window, as_of),
        retrospective=retrospective(
            retro_lines, recovery, [block.name for block in reversed(finished)], formula
        ),
    )


def muscle_load(session: Session, user_id: int, today: date) -> tuple[AcuteChronic, ...]:
    """Per muscle, the last 7 days' hard sets against the 28 days' weekly mean, to today."""
    start = today - timedelta(days=CHRONIC_DAYS - 1)
    return acute_chronic(load_lines(session, user_id, start=start, end=today), today)
