"""Training analytics of mesocycles: weekly hard sets per muscle, RIR, e1RM change, SFR, load.

Pure code over plain data: the service hands over TrainingLine and DayRecovery rows and gets
frozen dataclasses back. The rules, each chosen for a reason:

- Working sets are the sets of every line that is not a warm-up; here each working set is a
  "hard set" (the logger has no separate flag, and RIR is often left empty).
- A line counts its sets in full for its exercise's primary muscle and half for each secondary
  muscle (PRIMARY_SHARE, SECONDARY_SHARE): a row trains the biceps, but less than a curl does.
- Weeks of a block are 7-day steps from the block's first session: week 1 is that day and the
  six after it. Blocks rarely start on a Monday, and ISO weeks would cut week 1 into a stub.
- Means of RIR, stimulus and fatigue are over the working lines that have the rating, one
  vote per line: the rating describes the line, not each of its sets.
- e1RM is strength.estimated_one_rep_max (Brzycki unless told otherwise): lines above 12 reps
  and unloaded lines get none, warm-ups never count.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from dashboard_app.analytics.records import TIE_DECIMALS
from dashboard_app.analytics.strength import estimated_one_rep_max

PRIMARY_SHARE = 1.0
# Half a set for a secondary muscle: the usual convention of hypertrophy volume counting.
SECONDARY_SHARE = 0.5
DAYS_PER_WEEK = 7
# RIR targets: accumulation starts at 3 reps in reserve and ends at 0 (failure), then a deload.
START_RIR = 3
DELOAD_RIR = 4
MIN_BLOCK_WEEKS = 3  # two accumulation weeks and a deload is the shortest block worth a plan
# The main lifts of a block are the few exercises with the most working sets: they carry the
# block, while isolation lifts' e1RMs are noisy and often above the 12-rep limit.
MAIN_LIFT_COUNT = 3
# The acute:chronic window: 7 days against the weekly mean of the last 28.
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
# A deload halves the sets (training_advice.DELOAD_ADVICE); 60% leaves room for a lighter
# week that is still counted as one, and for a missed session in a loading week.
DELOAD_SET_SHARE = 0.6
DELOAD_RIR_RISE = 1.5  # reps further from failure than the week before: effort was eased
DELOAD_LOAD_SHARE = 0.85  # without RIR: loads 15% down on the week before are a deload


@dataclass(frozen=True)
class TrainingLine:
    """One logged line with its exercise's muscles, as the workouts service hands it over."""

    day: date
    session_id: int
    mesocycle: str | None
    exercise_id: int
    exercise_name: str
    primary_muscle: str
    secondary_muscles: tuple[str, ...]
    sets: int
    reps: int | None  # None: a timed or distance set (counts as a set, lifts no volume)
    load_kg: float
    rir: int | None = None
    stimulus: int | None = None
    fatigue: int | None = None
    is_warmup: bool = False


@dataclass(frozen=True)
class DayRecovery:
    """One day of the daily log: hours asleep, stress/energy/motivation 1-10; None = missing."""

    day: date
    sleep_hours: float | None = None
    stress: float | None = None
    energy: float | None = None
    motivation: float | None = None


@dataclass(frozen=True)
class ExerciseWeek:
    """One exercise in one week: working sets, best e1RM and mean ratings."""

    exercise_id: int
    exercise_name: str
    primary_muscle: str
    working_sets: int
    best_e1rm_kg: float | None
    mean_stimulus: float | None
    mean_fatigue: float | None


@dataclass(frozen=True)
class MuscleWeek:
    """One muscle group in one week: hard sets and the ratings of the lines it was primary in."""

    muscle: str
    hard_sets: float
    mean_stimulus: float | None
    mean_fatigue: float | None
    exercise_ids: tuple[int, ...]


@dataclass(frozen=True)
class MesocycleWeek:
    """One week of a block: everything the mesocycle page shows per week."""

    week: int
    start: date
    end: date
    sessions: int
    muscles: dict[str, MuscleWeek]
    exercises: dict[int, ExerciseWeek]
    mean_rir: float | None
    target_rir: int | None
    mean_stimulus: float | None
    mean_fatigue: float | None
    volume_kg: float

    def hard_sets(self, muscle: str) -> float:
        """The week's hard sets of a muscle group, 0 when it was not trained."""
        found = self.muscles.get(muscle)
        return found.hard_sets if found else 0.0


@dataclass(frozen=True)
class E1rmChange:
    """An exercise's best e1RM in the first and last week it was rated in (change None: once)."""

    exercise_id: int
    exercise_name: str
    first_week: int
    first_e1rm_kg: float
    last_week: int
    last_e1rm_kg: float
    change_kg: float | None
    change_pct: float | None


@dataclass(frozen=True)
class ExerciseSfr:
    """Stimulus-to-fatigue ratio of an exercise over a block; rank 1 is the best."""

    rank: int
    exercise_id: int
    exercise_name: str
    mean_stimulus: float
    mean_fatigue: float
    ratio: float
    lines: int


@dataclass(frozen=True)
class AcuteChronic:
    """A muscle's hard sets of the last 7 days against its weekly mean of the last 28 days."""

    muscle: str
    acute_sets: float
    chronic_sets_per_week: float
    ratio: float | None


def mean_or_none(values: Iterable[float | None]) -> float | None:
    """The mean of the values that are not None, or None when there are none."""
    present = [value for value in values if value is not None]
    return fmean(present) if present else None


def line_e1rm(line: TrainingLine, formula: str = "brzycki") -> float | None:
    """The line's e1RM in kg, or None for warm-ups, unloaded lines and sets above 12 reps."""
    if line.is_warmup or not line.reps:
        return None
    value = estimated_one_rep_max(line.load_kg, line.reps, formula)
    return value if value else None


def hard_sets_by_muscle(lines: Iterable[TrainingLine]) -> dict[str, float]:
    """Working sets per muscle group: full for the primary muscle, half for each secondary."""
    totals: dict[str, float] = defaultdict(float)
    for line in lines:
        if line.is_warmup:
            continue
        totals[line.primary_muscle] += PRIMARY_SHARE * line.sets
        for muscle in dict.fromkeys(line.secondary_muscles):
            if muscle != line.primary_muscle:
                totals[muscle] += SECONDARY_SHARE * line.sets
    return dict(sorted(totals.items()))


def rir_target(weeks: int) -> tuple[int, ...]:
    """The target RIR of each week of a block of `weeks` weeks, the last being the deload.

    The accumulation weeks (all but the last) run from START_RIR down to 0. With four of them
    that is 3-2-1-0; with fewer the block starts lower (2-1-0, 1-0), so RIR still drops by one
    a week; with more, week i of n gets ceil(3 * (n - 1 - i) / (n - 1)), which spends the extra
    weeks at the easy end (5: 3-3-2-1-0, 6: 3-3-2-2-1-0), where they cost the least recovery.
    The deload week targets DELOAD_RIR. So 3 weeks: 1-0-4; 5: 3-2-1-0-4; 7: 3-3-2-2-1-0-4.
    """
    if weeks < MIN_BLOCK_WEEKS:
        raise ValueError(f"a block needs at least {MIN_BLOCK_WEEKS} weeks, got {weeks}")
    accumulation = weeks - 1
    if accumulation <= START_RIR + 1:
        targets = tuple(range(accumulation - 1, -1, -1))
    else:
        step = START_RIR / (accumulation - 1)
        targets = tuple(
            math.ceil(round(step * (accumulation - 1 - i), 9)) for i in range(weeks - 1)
        )
    return (*targets, DELOAD_RIR)


def _exercise_week(lines: list[TrainingLine], formula: str) -> ExerciseWeek:
    """One exercise's working lines of one week, summarised."""
    e1rms = [value for line in lines if (value := line_e1rm(line, formula)) is not None]
    return ExerciseWeek(
        exercise_id=lines[0].exercise_id,
        exercise_name=lines[0].exercise_name,
        primary_muscle=lines[0].primary_muscle,
        working_sets=sum(line.sets for line in lines),
        best_e1rm_kg=max(e1rms) if e1rms else None,
        mean_stimulus=mean_or_none(line.stimulus for line in lines),
        mean_fatigue=mean_or_none(line.fatigue for line in lines),
    )


def _week(number, start, lines, target, formula) -> MesocycleWeek:
    """One week of a block from all its lines (warm-ups included, they count for sessions)."""
    working = [line for line in lines if not line.is_warmup]
    by_exercise: dict[int, list[TrainingLine]] = defaultdict(list)
    by_muscle: dict[str, list[TrainingLine]] = defaultdict(list)
    for line in working:
        by_exercise[line.exercise_id].append(line)
        by_muscle[line.primary_muscle].append(line)
    muscles = {
        muscle: MuscleWeek(
            muscle=muscle,
            hard_sets=sets,
            mean_stimulus=mean_or_none(line.stimulus for line in by_muscle.get(muscle, ())),
            mean_fatigue=mean_or_none(line.fatigue for line in by_muscle.get(muscle, ())),
            exercise_ids=tuple(sorted({line.exercise_id for line in by_muscle.get(muscle, ())})),
        )
        for muscle, sets in hard_sets_by_muscle(working).items()
    }
    return MesocycleWeek(
        week=number,
        start=start,
        end=start + timedelta(days=DAYS_PER_WEEK - 1),
        sessions=len({line.session_id for line in lines}),
        muscles=muscles,
        exercises={key: _exercise_week(by_exercise[key], formula) for key in sorted(by_exercise)},
        mean_rir=mean_or_none(line.rir for line in working),
        target_rir=target,
        mean_stimulus=mean_or_none(line.stimulus for line in working),
        mean_fatigue=mean_or_none(line.fatigue for line in working),
        volume_kg=float(sum(line.sets * (line.reps or 0) * line.load_kg for line in working)),
    )


def mesocycle_weeks(
    lines: Iterable[TrainingLine],
    mesocycle: str,
    planned_weeks: int | None = None,
    formula: str = "brzycki",
) -> tuple[MesocycleWeek, ...]:
    """Every week of the block, from its first session's day in 7-day steps (module docstring).

    Weeks without a session in between are kept (zero sets), so charts have no gaps. The target
    RIR comes from rir_target(planned_weeks, else the weeks logged); it is None for weeks past
    the plan and for blocks shorter than MIN_BLOCK_WEEKS.
    """
    block = [line for line in lines if line.mesocycle == mesocycle]
    if not block:
        return ()
    first = min(line.day for line in block)
    count = (max(line.day for line in block) - first).days // DAYS_PER_WEEK + 1
    length = planned_weeks or count
    targets = rir_target(length) if length >= MIN_BLOCK_WEEKS else ()
    by_week: dict[int, list[TrainingLine]] = defaultdict(list)
    for line in block:
        by_week[(line.day - first).days // DAYS_PER_WEEK + 1].append(line)
    return tuple(
        _week(
            number,
            first + timedelta(days=DAYS_PER_WEEK * (number - 1)),
            by_week.get(number, []),
            targets[number - 1] if number <= len(targets) else None,
            formula,
        )
        for number in range(1, count + 1)
    )


def total_hard_sets(week: MesocycleWeek) -> float:
    return sum(muscle.hard_sets for muscle in week.muscles.values())


def _load_ratio(week: MesocycleWeek, before: MesocycleWeek) -> float | None:
    """The mean ratio of the best e1RMs of the exercises both weeks rated."""
    ratios = [
        exercise.best_e1rm_kg / earlier.best_e1rm_kg
        for key, exercise in week.exercises.items()
        if exercise.best_e1rm_kg
        and (earlier := before.exercises.get(key)) is not None
        and earlier.best_e1rm_kg
    ]
    return mean_or_none(ratios)


def loading_weeks(weeks: Sequence[MesocycleWeek]) -> tuple[MesocycleWeek, ...]:
    """The weeks that are not deloads. A deload (planned or taken) has at most
    DELOAD_SET_SHARE of the busiest week's hard sets and is eased against the last loading
    week that had sets: its mean RIR at least DELOAD_RIR_RISE higher, or, when RIR was not
    logged, its loads at most DELOAD_LOAD_SHARE of that week's. Its lighter loads say nothing
    about strength, so performance trends skip it. A light week at full effort and load stays
    a loading week."""
    busiest = max((total_hard_sets(week) for week in weeks), default=0.0)
    loading: list[MesocycleWeek] = []
    for week in weeks:
        before = next((w for w in reversed(loading) if total_hard_sets(w) > 0), None)
        lighter = total_hard_sets(week) <= DELOAD_SET_SHARE * busiest
        easier = False
        if before is not None and lighter:
            if week.mean_rir is not None and before.mean_rir is not None:
                easier = week.mean_rir - before.mean_rir >= DELOAD_RIR_RISE
            else:
                ratio = _load_ratio(week, before)
                easier = ratio is not None and ratio <= DELOAD_LOAD_SHARE
        if not (lighter and easier):
            loading.append(week)
    return tuple(loading)


def e1rm_change(weeks: Sequence[MesocycleWeek]) -> tuple[E1rmChange, ...]:
    """Per exercise, best e1RM of the first loading week it was rated in against the last
    (deload weeks left out: see loading_weeks), by name."""
    rated: dict[int, list[tuple[int, ExerciseWeek]]] = defaultdict(list)
    for week in loading_weeks(weeks):
        for exercise in week.exercises.values():
            if exercise.best_e1rm_kg is not None:
                rated[exercise.exercise_id].append((week.week, exercise))
    changes = []
    for history in rated.values():
        (first_week, first), (last_week, last) = history[0], history[-1]
        once = first_week == last_week
        change = last.best_e1rm_kg - first.best_e1rm_kg
        changes.append(
            E1rmChange(
                exercise_id=first.exercise_id,
                exercise_name=first.exercise_name,
                first_week=first_week,
                first_e1rm_kg=first.best_e1rm_kg,
                last_week=last_week,
                last_e1rm_kg=last.best_e1rm_kg,
                change_kg=None if once else change,
                change_pct=None if once else 100 * change / first.best_e1rm_kg,
            )
        )
    return tuple(sorted(changes, key=lambda item: (item.exercise_name, item.exercise_id)))


def main_lifts(weeks: Sequence[MesocycleWeek]) -> tuple[int, ...]:
    """The MAIN_LIFT_COUNT exercises with the most working sets that have an e1RM, most first."""
    totals: dict[int, int] = defaultdict(int)
    names: dict[int, str] = {}
    for week in weeks:
        for exercise in week.exercises.values():
            if exercise.best_e1rm_kg is not None:
                totals[exercise.exercise_id] += exercise.working_sets
                names[exercise.exercise_id] = exercise.exercise_name
    ranked = sorted(totals, key=lambda key: (-totals[key], names[key], key))
    return tuple(ranked[:MAIN_LIFT_COUNT])


def stimulus_to_fatigue(lines: Iterable[TrainingLine], mesocycle: str) -> tuple[ExerciseSfr, ...]:
    """Per exercise of the block, mean stimulus / mean fatigue over working lines rating both.

    Ranked by ratio, best first; ties go to the exercise with more rated lines, then by name.
    """
    rated: dict[int, list[TrainingLine]] = defaultdict(list)
    for line in lines:
        if line.mesocycle == mesocycle and not line.is_warmup and line.stimulus and line.fatigue:
            rated[line.exercise_id].append(line)
    rows = []
    for group in rated.values():
        stimulus = fmean(line.stimulus for line in group)
        fatigue = fmean(line.fatigue for line in group)
        rows.append((stimulus / fatigue, stimulus, fatigue, group))
    rows.sort(key=lambda row: (-round(row[0], TIE_DECIMALS), -len(row[3]), row[3][0].exercise_name))
    return tuple(
        ExerciseSfr(
            rank=rank,
            exercise_id=group[0].exercise_id,
            exercise_name=group[0].exercise_name,
            mean_stimulus=stimulus,
            mean_fatigue=fatigue,
            ratio=ratio,
            lines=len(group),
        )
        for rank, (ratio, stimulus, fatigue, group) in enumerate(rows, start=1)
    )


def acute_chronic(
    lines: Iterable[TrainingLine], today: date, muscles: Iterable[str] = ()
) -> tuple[AcuteChronic, ...]:
    """Per muscle, hard sets of the 7 days to today against the weekly mean of the 28 days.

    Both windows end with today. Listed: the muscles trained in the 28 days and any given in
    `muscles` (an untrained one has 0 sets and ratio None: no chronic load to compare with),
    sorted by name.
    """
    chronic_start = today - timedelta(days=CHRONIC_DAYS - 1)
    acute_start = today - timedelta(days=ACUTE_DAYS - 1)
    window = [line for line in lines if chronic_start <= line.day <= today]
    chronic = hard_sets_by_muscle(window)
    acute = hard_sets_by_muscle(line for line in window if line.day >= acute_start)
    weeks = CHRONIC_DAYS / DAYS_PER_WEEK
    rows = []
    for muscle in sorted(set(chronic) | set(muscles)):
        per_week = chronic.get(muscle, 0.0) / weeks
        sets = acute.get(muscle, 0.0)
        rows.append(
            AcuteChronic(
                muscle=muscle,
                acute_sets=sets,
                chronic_sets_per_week=per_week,
                ratio=sets / per_week if per_week else None,
            )
        )
    return tuple(rows)
