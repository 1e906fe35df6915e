"""Pure generation of believable demo data: daily check-ins and a year of training blocks.

No database and no clock: everything follows from (seed, end, days), so the same arguments
always give the same data. Units are SI like the models (kg, grams, ml); times are naive
local wall-clock times. Hidden "true" values are simulated for every day first, then a
logging pattern decides which of them a real person would have written down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

MISSED_SESSION_RATE = 0.04
MAX_MISSED_PER_BLOCK = 2
HOLIDAY_AT = 0.55  # the holiday starts at the first block boundary past this share of the range
CUT_RATE_KG_PER_WEEK = 0.35
CUT_DAYS_MAX = 126


@dataclass(frozen=True)
class DailyEntry:
    """One day's log; sleep is the night that ended on the morning of `date`."""

    date: date
    sleep_start: datetime | None
    sleep_end: datetime | None
    stress_level: int | None
    energy_level: int | None
    motivation_level: int | None
    weight: float | None
    meals: str | None
    calories: float | None
    protein: float | None
    carbohydrate: float | None
    fat: float | None
    fibre: float | None
    water: float | None


@dataclass(frozen=True)
class WorkoutLine:
    """Sets x reps x load of one catalogue exercise (named as in the catalogue)."""

    exercise: str
    sets: int
    reps: int
    load_weight: float
    rir: int
    stimulus: int
    fatigue_level: int


@dataclass(frozen=True)
class DemoSession:
    date: date
    title: str
    weekday: int
    mesocycle: str
    session_number: int
    start_time: datetime
    end_time: datetime
    lines: tuple[WorkoutLine, ...]


@dataclass(frozen=True)
class DemoRoutine:
    """A day of the latest block's weekly plan: (exercise, reps, sets) in order."""

    name: str
    mesocycle: str
    weekday: int
    exercises: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class DemoData:
    daily: tuple[DailyEntry, ...]
    sessions: tuple[DemoSession, ...]
    routines: tuple[DemoRoutine, ...] = ()


# Estimated one-rep max (kg) at the start of the range, per dumbbell for dumbbell lifts, and
# the step loads are rounded to (plates come in 2.5 kg, the gym's dumbbells in 1 kg).
_LIFTS: dict[str, tuple[float, float]] = {
    "Barbell Squat": (140, 2.5),
    "Barbell Bench Press - Medium Grip": (105, 2.5),
    "Barbell Deadlift": (170, 2.5),
    "Standing Military Press": (65, 2.5),
    "Bent Over Barbell Row": (100, 2.5),
    "Romanian Deadlift": (140, 2.5),
    "Front Barbell Squat": (110, 2.5),
    "Leg Press": (260, 2.5),
    "Lying Leg Curls": (70, 2.5),
    "Leg Extensions": (90, 2.5),
    "Standing Calf Raises": (140, 2.5),
    "Seated Calf Raise": (90, 2.5),
    "Seated Cable Rows": (95, 2.5),
    "Wide-Grip Lat Pulldown": (90, 2.5),
    "Triceps Pushdown": (50, 2.5),
    "Lying Triceps Press": (45, 2.5),
    "Face Pull": (40, 2.5),
    "Cable Crunch": (70, 2.5),
    "Incline Dumbbell Press": (40, 1.0),
    "Seated Dumbbell Press": (32, 1.0),
    "Dumbbell Bicep Curl": (20, 1.0),
    "Hammer Curls": (22, 1.0),
    "Side Lateral Raise": (14, 1.0),
}

# A session template: (exercise, reps, sets in the first week), in the order performed.
_Template = tuple[tuple[str, int, int], ...]
_UPPER_A: _Template = (
    ("Barbell Bench Press - Medium Grip", 8, 3),
    ("Bent Over Barbell Row", 8, 3),
    ("Seated Dumbbell Press", 10, 3),
    ("Wide-Grip Lat Pulldown", 10, 3),
    ("Dumbbell Bicep Curl", 12, 2),
    ("Triceps Pushdown", 12, 2),
)
_LOWER_A: _Template = (
    ("Barbell Squat", 8, 3),
    ("Romanian Deadlift", 10, 3),
    ("Leg Press", 12, 3),
    ("Lying Leg Curls", 12, 2),
    ("Standing Calf Raises", 12, 3),
)
_UPPER_B: _Template = (
    ("Incline Dumbbell Press", 10, 3),
    ("Seated Cable Rows", 10, 3),
    ("Standing Military Press", 8, 3),
    ("Side Lateral Raise", 15, 3),
    ("Hammer Curls", 12, 2),
    ("Lying Triceps Press", 12, 2),
)
_LOWER_B: _Template = (
    ("Barbell Deadlift", 6, 3),
    ("Front Barbell Squat", 8, 3),
    ("Leg Extensions", 12, 2),
    ("Lying Leg Curls", 12, 2),
    ("Seated Calf Raise", 15, 3),
)
_PUSH: _Template = (
    ("Barbell Bench Press - Medium Grip", 5, 3),
    ("Standing Military Press", 6, 3),
    ("Incline Dumbbell Press", 8, 3),
    ("Side Lateral Raise", 12, 3),
    ("Triceps Pushdown", 10, 2),
)
_PULL: _Template = (
    ("Barbell Deadlift", 5, 3),
    ("Bent Over Barbell Row", 6, 3),
    ("Wide-Grip Lat Pulldown", 8, 3),
    ("Face Pull", 12, 2),
    ("Dumbbell Bicep Curl", 10, 2),
)
_LEGS: _Template = (
    ("Barbell Squat", 5, 3),
    ("Romanian Deadlift", 8, 3),
    ("Leg Press", 10, 2),
    ("Lying Leg Curls", 10, 2),
    ("Standing Calf Raises", 10, 3),
    ("Cable Crunch", 15, 2),
)


@dataclass(frozen=True)
class _Split:
    label: str
    days: tuple[tuple[int, str, _Template], ...]  # (weekday, Monday=0; its name; template)


_HYPERTROPHY = _Split(
    "Hypertrophy",
    (
        (0, "Upper A", _UPPER_A),
        (1, "Lower A", _LOWER_A),
        (3, "Upper B", _UPPER_B),
        (4, "Lower B", _LOWER_B),
    ),
)
_STRENGTH = _Split("Strength", ((0, "Push", _PUSH), (2, "Pull", _PULL), (4, "Legs", _LEGS)))
_BLOCK_ORDER = (_HYPERTROPHY, _HYPERTROPHY, _STRENGTH)


@dataclass(frozen=True)
class _Block:
    split: _Split
    name: str
    monday: date
    loading_weeks: int  # followed by one deload week
    strength: float  # multiplier on the starting one-rep maxes


@dataclass(frozen=True)
class _Slot:
    """A session that took place: its block, week within the block and template."""

    date: date
    block: _Block
    week: int
    title: str
    template: _Template
    number: int


def generate_demo_data(seed: int, end: date, days: int = 365) -> DemoData:
    """Daily entries and training sessions for the `days` days ending on `end`, from `seed`."""
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    rng = np.random.default_rng(seed)
    dates = [end - timedelta(days=days - 1 - i) for i in range(days)]
    blocks, holiday = _plan_blocks(rng, dates[0], end)
    slots = _session_slots(rng, blocks, end)
    on_holiday = np.array([holiday is not None and holiday[0] <= d <= holiday[1] for d in dates])
    session_days = {slot.date for slot in slots}
    training = np.array([d in session_days for d in dates])
    truth = _simulate_days(rng, dates, on_holiday, training)
    daily = _record_entries(rng, dates, truth, on_holiday, training)
    position = {d: i for i, d in enumerate(dates)}
    trained_before = np.concatenate(([False], training[:-1]))
    sessions = []
    for slot in slots:
        i = position[slot.date]
        sessions.append(_session(rng, slot, int(truth["energy"][i]), bool(trained_before[i])))
    latest = slots[-1].block if slots else None
    routines = (
        tuple(
            DemoRoutine(title, latest.name, weekday, template)
            for weekday, title, template in latest.split.days
        )
        if latest
        else ()
    )
    return DemoData(daily=daily, sessions=tuple(sessions), routines=routines)


def _next_monday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _plan_blocks(
    rng: np.random.Generator, first: date, last: date
) -> tuple[list[_Block], tuple[date, date] | None]:
    """Back-to-back blocks of 4-6 weeks from the first Monday, with one holiday between two."""
    monday, strength = _next_monday(first), 1.0
    holiday_from = first + (last - first) * HOLIDAY_AT
    cut_end = first + timedelta(days=_cut_days((last - first).days + 1))
    blocks: list[_Block] = []
    holiday: tuple[date, date] | None = None
    counts: dict[str, int] = {}
    while monday <= last:
        if holiday is None and monday >= holiday_from:
            # Leave on the Saturday of a deload week, come back to start a fresh block.
            length = int(rng.integers(10, 16))
            holiday = (monday - timedelta(days=2), monday + timedelta(days=length - 3))
            monday = _next_monday(holiday[1] + timedelta(days=1))
            continue
        split = _BLOCK_ORDER[len(blocks) % len(_BLOCK_ORDER)]
        counts[split.label] = counts.get(split.label, 0) + 1
        weeks = int(rng.integers(4, 7))
        name = f"{split.label} block {counts[split.label]}"
        blocks.append(_Block(split, name, monday, weeks - 1, strength))
        # Strength creeps up slowly while dieting, faster once eating at maintenance.
        strength *= 1.004 if monday < cut_end else 1.015
        monday += timedelta(weeks=weeks)
    return blocks, holiday


def _session_slots(rng: np.random.Generator, blocks: list[_Block], last: date) -> list[_Slot]:
    """Every planned session up to `last`, less a few missed ones, numbered within the block."""
    slots = []
    for block in blocks:
        number = misses = 0
        for week in range(block.loading_weeks + 1):
            missed_this_week = False
            for weekday, title, template in block.split.days:
                day = block.monday + timedelta(weeks=week, days=weekday)
                # A committed lifter misses the odd session, never two in a week or many in
                # a block.
                skip = (
                    not missed_this_week
                    and misses < MAX_MISSED_PER_BLOCK
                    and rng.random() < MISSED_SESSION_RATE
                )
                missed_this_week = missed_this_week or skip
                misses += skip
                if day > last or skip:
                    continue
                number += 1
                slots.append(_Slot(day, block, week, title, template, number))
    return slots


def _ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    """Autocorrelated noise: bad weeks and good weeks, not independent days."""
    shocks = rng.normal(0.0, sd, n)
    out = np.empty(n)
    out[0] = shocks[0] / np.sqrt(1 - phi**2)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def _simulate_days(
    rng: np.random.Generator, dates: list[date], on_holiday: np.ndarray, training: np.ndarray
) -> dict[str, np.ndarray]:
    """True values for every day, with the relationships the insights pages should find."""
    n = len(dates)
    idx = np.arange(n)
    weekend = np.array([d.weekday() >= 5 for d in dates])
    trained_yesterday = np.concatenate(([False], training[:-1]))
    phase = rng.uniform(0, 2 * np.pi)
    stress = (
        4.8
        - 1.2 * weekend
        - 2.0 * on_holiday
        + 0.8 * np.sin(2 * np.pi * idx / 90 + phase)
        + _ar1(rng, n, 0.6, 1.2)
    )
    # Last night's bedtime follows yesterday's stress; the night of a Friday or Saturday
    # (entries dated Saturday and Sunday) starts an hour later.
    stress_before = np.concatenate((stress[:1], stress[:-1]))
    bedtime_min = np.clip(
        -60 + 60 * weekend + 20 * on_holiday + 8 * (stress_before - 4.5) + rng.normal(0, 30, n),
        -150,
        150,
    )
    bad_night = rng.random(n) < 0.05
    sleep_h = np.clip(
        7.4
        + 0.6 * weekend
        + 0.5 * on_holiday
        - 0.18 * (stress_before - 4.5)
        + _ar1(rng, n, 0.3, 0.6)
        - bad_night * rng.uniform(1.5, 2.5, n),
        4.0,
        10.0,
    )
    energy = _scale(
        5.6
        + 0.85 * (sleep_h - 7.4)
        - 0.7 * trained_yesterday
        - 0.2 * (stress - 4.5)
        + 0.5 * on_holiday
        + rng.normal(0, 0.9, n)
    )
    motivation = _scale(
        6.4 - 0.55 * (stress - 4.5) + 0.3 * (energy - 5.6) + 0.3 * training + rng.normal(0, 0.9, n)
    )
    trend = _weight_trend(rng, n, on_holiday)
    return {
        "bedtime_min": np.round(bedtime_min),
        "sleep_min": np.round(sleep_h * 60),
        "stress": _scale(stress),
        "energy": energy,
        "motivation": motivation,
        "trend": trend,
        "weight": np.round(
            trend + rng.normal(0, 0.35, n) + 0.4 * np.array([d.weekday() == 0 for d in dates]), 1
        ),
    }


def _scale(values: np.ndarray) -> np.ndarray:
    """Round to the 1-10 scale the daily log uses."""
    return np.clip(np.round(values), 1, 10).astype(int)


def _weight_trend(rng: np.random.Generator, n: int, on_holiday: np.ndarray) -> np.ndarray:
    """A slow cut, a small rebound, then maintenance; a holiday adds a kilo that fades."""
    idx = np.arange(n)
    cut_days = _cut_days(n)
    trend = 84.0 + rng.normal(0, 1.5) - CUT_RATE_KG_PER_WEEK / 7 * np.minimum(idx, cut_days)
    trend += 0.6 * np.clip((idx - cut_days) / 30, 0, 1)
    trend += _ar1(rng, n, 0.98, 0.03)
    if on_holiday.any():
        first, last = np.flatnonzero(on_holiday)[[0, -1]]
        bump = np.where(on_holiday, (idx - first + 1) / (last - first + 1), 0.0)
        bump[last + 1 :] = np.exp(-(idx[last + 1 :] - last) / 10)
        trend += 1.2 * bump
    return trend


def _cut_days(n: int) -> int:
    """Days of dieting at the start of the range (a shorter range diets for less of it)."""
    return min(CUT_DAYS_MAX, int(n * 0.4))


def _record_entries(
    rng: np.random.Generator,
    dates: list[date],
    truth: dict[str, np.ndarray],
    on_holiday: np.ndarray,
    training: np.ndarray,
) -> tuple[DailyEntry, ...]:
    """What got written down: skipped days, unweighed mornings, unlogged weekend meals."""
    n = len(dates)
    weekend = np.array([d.weekday() >= 5 for d in dates])
    usual = ~on_holiday
    logged = usual & (rng.random(n) >= 0.06)
    # On holiday the app is opened on only one to three days.
    away = np.flatnonzero(on_holiday)
    logged[rng.choice(away, size=min(len(away), int(rng.integers(1, 4))), replace=False)] = True
    has_sleep = rng.random(n) < 0.95
    has_mood = rng.random(n) < 0.93
    has_weight = usual & (rng.random(n) < np.where(weekend, 0.45, 0.85))
    has_food = usual & (rng.random(n) < np.where(weekend, 0.25, 0.85))
    has_water = rng.random(n) < np.where(on_holiday, 0.2, 0.7)
    entries = []
    for i, day in enumerate(dates):
        food = _nutrition(rng, truth["trend"][i], weekend[i], training[i], i < _cut_days(n))
        fields = {
            **_sleep(day, truth["bedtime_min"][i], truth["sleep_min"][i], has_sleep[i]),
            "stress_level": int(truth["stress"][i]) if has_mood[i] else None,
            "energy_level": int(truth["energy"][i]) if has_mood[i] else None,
            "motivation_level": int(truth["motivation"][i]) if has_mood[i] else None,
            "weight": float(truth["weight"][i]) if has_weight[i] else None,
            **{k: (v if has_food[i] else None) for k, v in food.items()},
            "water": _water(rng, training[i]) if has_water[i] else None,
        }
        if logged[i] and any(v is not None for v in fields.values()):
            entries.append(DailyEntry(date=day, **fields))
    return tuple(entries)


def _sleep(day: date, bedtime_min: float, sleep_min: float, known: bool) -> dict:
    if not known:
        return {"sleep_start": None, "sleep_end": None}
    start = datetime.combine(day, time()) + timedelta(minutes=int(bedtime_min))
    return {"sleep_start": start, "sleep_end": start + timedelta(minutes=int(sleep_min))}


def _nutrition(
    rng: np.random.Generator, trend_kg: float, weekend: bool, trained: bool, cutting: bool
) -> dict:
    """Intake that follows body weight: maintenance scales with weight, less while cutting."""
    target = 33 * trend_kg - 500 * cutting + 350 * weekend + 150 * trained + rng.normal(0, 180)
    protein = max(90.0, 2.0 * trend_kg + rng.normal(0, 15))
    fat = max(35.0, target * 0.28 / 9 + rng.normal(0, 8))
    carbohydrate = max(80.0, (target - 4 * protein - 9 * fat) / 4)
    protein, fat, carbohydrate = round(protein), round(fat), round(carbohydrate)
    fibre = float(round(np.clip(rng.normal(30, 6), 10, 60))) if rng.random() < 0.85 else None
    return {
        "meals": _meals(rng, weekend) if rng.random() < 0.7 else None,
        "calories": float(5 * round((4 * protein + 4 * carbohydrate + 9 * fat) / 5)),
        "protein": float(protein),
        "carbohydrate": float(carbohydrate),
        "fat": float(fat),
        "fibre": fibre,
    }


def _water(rng: np.random.Generator, trained: bool) -> float:
    return float(50 * round(max(800.0, 2300 + 500 * trained + rng.normal(0, 350)) / 50))


_BREAKFASTS = (
    "Oats with berries and whey",
    "Eggs on toast",
    "Greek yoghurt and granola",
    "Protein pancakes",
)
_LUNCHES = (
    "Chicken rice bowl",
    "Tuna salad wrap",
    "Leftover chilli",
    "Turkey sandwich",
    "Lentil soup and bread",
)
_DINNERS = (
    "Salmon, potatoes and greens",
    "Beef stir-fry with noodles",
    "Chicken curry with rice",
    "Pasta bolognese",
    "Tofu and vegetable traybake",
)
_WEEKEND_DINNERS = ("Pizza night", "Burger and fries out", "Sunday roast", "Sushi takeaway")


def _meals(rng: np.random.Generator, weekend: bool) -> str:
    def pick(options: tuple[str, ...]) -> str:
        return options[int(rng.integers(len(options)))]

    dinner = pick(_WEEKEND_DINNERS if weekend else _DINNERS)
    return f"Breakfast: {pick(_BREAKFASTS)}; Lunch: {pick(_LUNCHES)}; Dinner: {dinner}"


def _round_to(value: float, step: float) -> float:
    return float(round(value / step) * step)


def _week_loads(name: str, reps: int, block: _Block) -> list[float]:
    """Load per week of a block: heavier as RIR falls (Epley), then a lighter deload."""
    e1rm, step = _LIFTS[name]
    loads: list[float] = []
    for week, rir in enumerate(_loading_rirs(block.loading_weeks)):
        # Performance also improves a little each week of the block.
        target = e1rm * block.strength * (1 + 0.01 * week) / (1 + (reps + rir) / 30)
        loads.append(max(_round_to(target, step), loads[-1] if loads else 0.0))
    return [*loads, _round_to(0.8 * loads[-1], step)]


def _loading_rirs(loading_weeks: int) -> list[int]:
    """Reps in reserve per loading week, counting down to 0: 2-1-0, 3-2-1-0, 3-3-2-1-0."""
    return [min(3, loading_weeks - 1 - week) for week in range(loading_weeks)]


def _session(
    rng: np.random.Generator, slot: _Slot, energy: int, trained_yesterday: bool
) -> DemoSession:
    lines = tuple(
        _line(rng, slot, name, reps, sets, energy, trained_yesterday)
        for name, reps, sets in slot.template
    )
    start = datetime.combine(slot.date, time(18)) + timedelta(
        minutes=5 * round(rng.normal(0, 25) / 5)
    )
    # Warm-up plus about three minutes a set (work and rest).
    minutes = 15 + 3 * sum(line.sets for line in lines) + np.clip(rng.normal(0, 5), -10, 10)
    return DemoSession(
        date=slot.date,
        title=slot.title,
        weekday=slot.date.weekday(),
        mesocycle=slot.block.name,
        session_number=slot.number,
        start_time=start,
        end_time=start + timedelta(minutes=round(minutes)),
        lines=lines,
    )


def _line(
    rng: np.random.Generator,
    slot: _Slot,
    name: str,
    reps: int,
    sets: int,
    energy: int,
    trained_yesterday: bool,
) -> WorkoutLine:
    """One exercise's line: volume climbs through the block and halves in the deload."""
    deload = slot.week == slot.block.loading_weeks
    last_loading_sets = min(5, sets + (slot.block.loading_weeks - 1) // 2)
    if deload:
        sets = max(2, (last_loading_sets + 1) // 2)
        rir = 4 + int(rng.random() < 0.3)
    else:
        sets = min(5, sets + slot.week // 2)
        rir = _loading_rirs(slot.block.loading_weeks)[slot.week] + int(rng.random() < 0.2)
    load = _week_loads(name, reps, slot.block)[slot.week]
    # On a flat day the planned load stays but a rep goes missing.
    tired = energy <= 3
    reps = int(np.clip(reps - int(tired and rng.random() < 0.5), 5, 15))
    nudge = int(rng.choice((-1, 0, 0, 1)))
    if deload:
        stimulus, fatigue = 2 + min(nudge, 0), 1 + trained_yesterday
    else:
        stimulus = 3 + (rir <= 1) + (sets >= 4) - tired + nudge
        fatigue = 2 + (rir <= 1) + trained_yesterday + (energy <= 4) + min(nudge, 0)
    return WorkoutLine(
        exercise=name,
        sets=sets,
        reps=reps,
        load_weight=load,
        rir=rir,
        stimulus=int(np.clip(stimulus, 1, 5)),
        fatigue_level=int(np.clip(fatigue, 1, 5)),
    )
