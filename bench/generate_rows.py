"""Rows of many generated users, built with numpy: profiles, daily logs, sessions and lines.

Pure code (no database, no clock): generate_chunk turns (rng, user numbers, today) into rows
ready for COPY or executemany, with ids from an IdAllocator so rows can reference each other
before they are loaded. Personal records and exercise usage are derived from the generated
lines set-based (pandas), by the rules of dashboard_app.analytics.records and
services.exercise_usage. Dates and times are written as the text SQLAlchemy stores on SQLite
("2024-05-01", "2024-05-01 21:30:00.000000"), which PostgreSQL's COPY parses as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from dashboard_app.analytics.records import TIE_DECIMALS
from dashboard_app.analytics.strength import (
    BRZYCKI_REPS_LIMIT,
    EPLEY_REPS_DIVISOR,
    MAX_E1RM_REPS,
)

UNIX_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal(); ordinal 1 is a Monday
MINUTES_PER_DAY = 1440
MAX_TEMPLATE_LINES = 8
REP_TARGETS = np.array([5, 6, 8, 8, 10, 10, 12, 15])
RIR_CHOICES = np.array([0, 1, 1, 2, 2, 2, 3, 4])
BLOCK_LABELS = ("Hypertrophy", "Strength", "Base", "Peaking", "Volume")
NOTES = np.array(["Felt strong", "Short on time", "Gym was busy", "Tired"], object)
FIRST_NAMES = np.array(["Alex", "Sam", "Maria", "Jon", "Priya", "Kenji", "Lea", "Omar"], object)
LAST_NAMES = np.array(["Smith", "Garcia", "Novak", "Okafor", "Tanaka", "Berg", "Rossi"], object)
GENDERS = np.array(["male", "female", "non-binary", None], object)
TIMEZONES = np.array(["UTC", "Europe/London", "Europe/Berlin", "America/New_York"], object)
MEAL_PARTS = (
    np.array(["Oats", "Eggs on toast", "Yoghurt and fruit", "Coffee only"], object),
    np.array(["Chicken salad", "Soup and bread", "Burrito", "Leftovers"], object),
    np.array(["Pasta", "Curry and rice", "Steak and potatoes", "Pizza", "Stir-fry"], object),
)
# How each generated column is written: the array holds ordinals, minutes or plain values.
DATE, DATETIME, INT, FLOAT, OBJECT = "date", "datetime", "int", "float", "object"


@dataclass(frozen=True)
class Catalogue:
    """The catalogue exercises users pick from, as parallel arrays."""

    ids: np.ndarray
    names: np.ndarray
    muscle_groups: np.ndarray
    equipment: np.ndarray
    base_e1rm_kg: np.ndarray  # a typical trained lifter's one-rep max; 0 for body weight
    load_step_kg: np.ndarray
    popularity: np.ndarray  # choice probabilities, summing to 1


@dataclass(frozen=True)
class Table:
    """Rows for one table, produced lazily (only the column lists are held in memory)."""

    columns: tuple[str, ...]
    rows: Iterable[tuple]
    count: int


@dataclass
class IdAllocator:
    """Primary keys handed out in ranges, starting after the ids a table already holds."""

    next_ids: dict[str, int] = field(default_factory=dict)

    def take(self, table: str, count: int) -> np.ndarray:
        first = self.next_ids.get(table, 1)
        self.next_ids[table] = first + count
        return np.arange(first, first + count, dtype=np.int64)


# A table's columns while generated: name -> (values, kind, present or None for NOT NULL).
Columns = dict[str, tuple[np.ndarray, str, np.ndarray | None]]


def _python_values(values: np.ndarray, kind: str, present: np.ndarray | None) -> list:
    if len(values) == 0:
        return []  # np.strings.replace cannot size an empty result
    if kind == DATE:
        values = np.datetime_as_string((values - UNIX_EPOCH_ORDINAL).astype("datetime64[D]"))
    elif kind == DATETIME:
        minutes = np.where(present, values, 0) if present is not None else values
        text = np.datetime_as_string(minutes.astype("datetime64[m]").astype("datetime64[us]"))
        values = np.strings.replace(text, "T", " ")
    elif kind == INT:
        values = (np.where(present, values, 0) if present is not None else values).astype(np.int64)
    elif kind == FLOAT:
        values = values.astype(np.float64)
    if present is None:
        return values.tolist()
    objects = values.astype(object)
    objects[~present] = None
    return objects.tolist()


def build_table(columns: Columns) -> Table:
    """The generated columns as a Table of Python rows."""
    lists = [_python_values(*spec) for spec in columns.values()]
    return Table(tuple(columns), zip(*lists, strict=True), len(lists[0]) if lists else 0)


def _concat(parts: list[Columns]) -> Columns:
    """One Columns from many users' (every part has the same names and kinds)."""
    joined: Columns = {}
    for name, (_, kind, present) in parts[0].items():
        values = np.concatenate([part[name][0] for part in parts])
        masks = None if present is None else np.concatenate([part[name][2] for part in parts])
        joined[name] = (values, kind, masks)
    return joined


def _take(columns: Columns, order: np.ndarray) -> Columns:
    return {
        name: (values[order], kind, None if present is None else present[order])
        for name, (values, kind, present) in columns.items()
    }


def _segment_positions(counts: np.ndarray) -> np.ndarray:
    """0..count-1 for each segment, concatenated: [2, 3] -> [0, 1, 0, 1, 2]."""
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(int(counts.sum())) - starts


def _round_to(values: np.ndarray, step: np.ndarray) -> np.ndarray:
    """Loads as the plates allow: multiples of step (exact in binary for 1, 2 and 2.5 kg)."""
    return np.round(values / step) * step


def _share(rng: np.random.Generator, never: float, low: float, high: float) -> float:
    """A per-user probability: zero for a `never` share of users, else uniform in [low, high]."""
    return 0.0 if rng.random() < never else float(rng.uniform(low, high))


@dataclass(frozen=True)
class _Profile:
    """How long and how one user logs: not everyone started long ago or still logs."""

    first_ord: int
    last_ord: int
    trains: bool
    warms_up: bool
    times_logged: bool
    mesocycles: bool
    tracker: bool
    epley: bool

    @property
    def ordinals(self) -> np.ndarray:
        return np.arange(self.first_ord, self.last_ord + 1)


def _profile(rng: np.random.Generator, years: float, today_ord: int) -> _Profile:
    history = int(rng.integers(14, max(15, int(years * 365) + 1)))
    idle = int(rng.integers(1, max(2, history // 3))) if rng.random() < 0.2 else 0
    return _Profile(
        first_ord=today_ord - idle - history + 1,
        last_ord=today_ord - idle,
        trains=bool(rng.random() < 0.75),
        warms_up=bool(rng.random() < 0.3),
        times_logged=bool(rng.random() < 0.85),
        mesocycles=bool(rng.random() < 0.6),
        tracker=bool(rng.random() < 0.25),
        epley=bool(rng.random() < 0.15),
    )


def _daily(rng: np.random.Generator, profile: _Profile, trained: np.ndarray) -> Columns:
    """One user's daily_metrics rows: the days they logged, each field on some of them."""
    ords = profile.ordinals
    n = len(ords)
    weekend = (ords - 1) % 7 >= 5
    drift = np.cumsum(rng.normal(0, 0.05, n)) + rng.normal(0, 0.004) * np.arange(n)
    weight = np.clip(rng.normal(80, 13) + drift + rng.normal(0, 0.4, n), 40, 250)
    bedtime = rng.normal(-45, 50) + 45 * weekend + rng.normal(0, 35, n)
    asleep = np.clip(rng.normal(440, 35) + rng.normal(0, 45, n), 240, 660)
    stress = np.clip(np.round(rng.uniform(3, 7) + rng.normal(0, 1.4, n)), 1, 10)
    energy = np.clip(np.round(rng.uniform(4, 8) + rng.normal(0, 1.3, n) - trained), 1, 10)
    motivation = np.clip(np.round(rng.uniform(4, 8.5) + rng.normal(0, 1.3, n) + trained), 1, 10)
    intake = weight * rng.uniform(26, 36) + 250 * weekend + rng.normal(0, 250, n)
    protein = np.round(np.maximum(40, weight * rng.uniform(1.2, 2.2) + rng.normal(0, 15, n)))
    fat = np.round(np.maximum(25, intake * rng.uniform(0.25, 0.35) / 9))
    carbohydrate = np.round(np.maximum(40, (intake - 4 * protein - 9 * fat) / 4))
    steps = np.round(np.clip(rng.normal(rng.uniform(4000, 12000), 2500, n), 0, 60000))
    active = np.clip(np.round(steps / 120 + rng.normal(0, 15, n)), 0, 600)
    has = {
        "sleep": rng.random(n) < _share(rng, 0.15, 0.4, 1.0),
        "mood": rng.random(n) < _share(rng, 0.1, 0.3, 1.0),
        "weight": rng.random(n) < _share(rng, 0.1, 0.2, 1.0),
        "food": rng.random(n) < _share(rng, 0.4, 0.2, 0.9),
        "water": rng.random(n) < _share(rng, 0.5, 0.2, 0.9),
        "tracker": rng.random(n) < (0.95 if profile.tracker else 0.0),
    }
    has["meals"] = has["food"] & (rng.random(n) < _share(rng, 0.5, 0.2, 0.9))
    has["fibre"] = has["food"] & (rng.random(n) < 0.7)
    logged = (rng.random(n) < rng.uniform(0.30, 0.95)) & np.any(list(has.values()), axis=0)
    day_start = (ords - UNIX_EPOCH_ORDINAL) * MINUTES_PER_DAY
    sleep_start = day_start + np.round(bedtime)
    calories = 5 * np.round((4 * protein + 4 * carbohydrate + 9 * fat) / 5)
    meals = np.full(n, None, object)
    meals[has["meals"] & logged] = _meals(rng, int((has["meals"] & logged).sum()))
    columns: Columns = {
        "date": (ords, DATE, None),
        "sleep_start": (sleep_start, DATETIME, has["sleep"]),
        "sleep_end": (sleep_start + np.round(asleep), DATETIME, has["sleep"]),
        "stress_level": (stress, INT, has["mood"]),
        "energy_level": (energy, INT, has["mood"]),
        "motivation_level": (motivation, INT, has["mood"]),
        "weight": (np.round(weight, 1), FLOAT, has["weight"]),
        "meals": (meals, OBJECT, has["meals"]),
        "calories": (calories, FLOAT, has["food"]),
        "protein": (protein, FLOAT, has["food"]),
        "carbohydrate": (carbohydrate, FLOAT, has["food"]),
        "fat": (fat, FLOAT, has["food"]),
        "fibre": (np.round(np.clip(rng.normal(28, 7, n), 5, 70)), FLOAT, has["fibre"]),
        "water": (
            50 * np.round(np.clip(rng.normal(2300, 450, n), 300, 6000) / 50),
            FLOAT,
            has["water"],
        ),
        "steps": (steps, INT, has["tracker"]),
        "active_minutes": (active, INT, has["tracker"]),
        "calories_burned": (np.round(1700 + 0.045 * steps + 4 * active), FLOAT, has["tracker"]),
        "sleep_minutes": (
            np.round(asleep - rng.uniform(10, 40, n)),
            INT,
            has["tracker"] & has["sleep"],
        ),
        "created_at": (day_start + 21 * 60 + rng.integers(0, 180, n), DATETIME, None),
    }
    columns["updated_at"] = columns["created_at"]
    return _take(columns, np.flatnonzero(logged))


def _meals(rng: np.random.Generator, n: int) -> list[str]:
    parts = [options[rng.integers(len(options), size=n)] for options in MEAL_PARTS]
    return [f"Breakfast: {b}; Lunch: {lu}; Dinner: {d}" for b, lu, d in zip(*parts, strict=True)]


def _training(
    rng: np.random.Generator, profile: _Profile, catalogue: Catalogue
) -> tuple[Columns, Columns]:
    """One user's sessions and their lines: 2-5 weekdays, templates that change per block.

    A user who does not train gets none (the draws are made all the same).
    """
    per_week = int(rng.integers(2, 6))
    weekdays = np.sort(rng.choice(7, per_week, replace=False))
    ords = profile.ordinals
    weekday = (ords - 1) % 7
    attends = rng.random(len(ords)) < rng.uniform(0.6, 0.97)
    trained = profile.trains & np.isin(weekday, weekdays) & attends
    offsets = np.flatnonzero(trained)
    block_bounds = np.cumsum(rng.integers(4, 13, size=len(ords) // 28 + 2) * 7)
    block = np.searchsorted(block_bounds, offsets, side="right")
    template = block * per_week + np.searchsorted(weekdays, weekday[trained])
    templates = (int(block.max(initial=0)) + 1) * per_week
    pool = rng.choice(
        len(catalogue.ids), int(rng.integers(10, 26)), replace=False, p=catalogue.popularity
    )
    picks = pool[np.argsort(rng.random((templates, len(pool))), axis=1)[:, :MAX_TEMPLATE_LINES]]
    shape = (templates, MAX_TEMPLATE_LINES)
    template_reps = REP_TARGETS[rng.integers(len(REP_TARGETS), size=shape)]
    template_sets = rng.integers(2, 6, size=shape)
    line_counts = rng.integers(4, MAX_TEMPLATE_LINES + 1, size=templates)[template]
    line_session = np.repeat(np.arange(len(offsets)), line_counts)
    position = _segment_positions(line_counts)
    slot = (template[line_session], position)
    exercise = picks[slot]
    lines = _lines(
        rng, catalogue, exercise, template_reps[slot], template_sets[slot], offsets, line_session
    )
    lines["position"] = (position, INT, None)
    if profile.warms_up:
        lines, line_session = _with_warmups(lines, line_session, catalogue)
    sessions = _sessions(rng, profile, ords[trained], block, lines, line_session)
    lines["session"] = (line_session, INT, None)
    return sessions, lines


def _lines(
    rng: np.random.Generator,
    catalogue: Catalogue,
    exercise: np.ndarray,
    target_reps: np.ndarray,
    sets: np.ndarray,
    offsets: np.ndarray,
    line_session: np.ndarray,
) -> Columns:
    """Working lines: loads follow a one-rep max that grows with weeks of training."""
    n = len(exercise)
    base = catalogue.base_e1rm_kg[exercise]
    weeks = (offsets[line_session] - (offsets[0] if len(offsets) else 0)) / 7
    strength = rng.lognormal(0, 0.3) * (1 + rng.uniform(0.1, 0.6) * (1 - np.exp(-weeks / 40)))
    one_rep_max = base * strength * (1 + rng.normal(0, 0.03, n))
    rir = RIR_CHOICES[rng.integers(len(RIR_CHOICES), size=n)]
    reps = np.where(base > 0, target_reps, rng.integers(8, 21, size=n))
    reps = np.maximum(1, reps + rng.integers(-1, 2, size=n))
    load = np.maximum(
        0.0, _round_to(one_rep_max / (1 + (reps + rir) / 30), catalogue.load_step_kg[exercise])
    )
    nudge = rng.integers(-1, 2, size=n)
    noted = rng.random(n) < 0.02
    return {
        "exercise": (exercise, INT, None),
        "sets": (sets, INT, None),
        "reps": (reps, INT, None),
        "load_weight": (load, FLOAT, None),
        "rir": (rir, INT, np.ones(n, bool)),
        "stimulus": (np.clip(3 + (rir <= 1) - (rir >= 4) + nudge, 1, 5), INT, np.ones(n, bool)),
        "fatigue_level": (
            np.clip(2 + (rir <= 1) + (sets >= 4) + nudge, 1, 5),
            INT,
            np.ones(n, bool),
        ),
        "is_warmup": (np.zeros(n, bool), OBJECT, None),
        "notes": (NOTES[rng.integers(len(NOTES), size=n)], OBJECT, noted),
    }


def _with_warmups(
    lines: Columns, line_session: np.ndarray, catalogue: Catalogue
) -> tuple[Columns, np.ndarray]:
    """A lighter single warm-up set before each session's first loaded exercise."""
    first = np.flatnonzero((lines["position"][0] == 0) & (lines["load_weight"][0] > 0))
    warmups = _take(lines, first)
    n = len(first)
    exercise = warmups["exercise"][0]
    half = _round_to(0.5 * warmups["load_weight"][0], catalogue.load_step_kg[exercise])
    warmups.update(
        sets=(np.ones(n, np.int64), INT, None),
        reps=(np.full(n, 10), INT, None),
        load_weight=(half, FLOAT, None),
        rir=(warmups["rir"][0], INT, np.zeros(n, bool)),
        stimulus=(warmups["stimulus"][0], INT, np.zeros(n, bool)),
        fatigue_level=(warmups["fatigue_level"][0], INT, np.zeros(n, bool)),
        is_warmup=(np.ones(n, bool), OBJECT, None),
        notes=(warmups["notes"][0], OBJECT, np.zeros(n, bool)),
    )
    lines["position"] = (lines["position"][0] + 1, INT, None)
    joined = _concat([lines, warmups])
    sessions = np.concatenate([line_session, line_session[first]])
    order = np.lexsort((joined["position"][0], sessions))
    return _take(joined, order), sessions[order]


def _sessions(
    rng: np.random.Generator,
    profile: _Profile,
    dates: np.ndarray,
    block: np.ndarray,
    lines: Columns,
    line_session: np.ndarray,
) -> Columns:
    """The sessions' rows: numbered within named blocks for users who plan mesocycles."""
    n = len(dates)
    blocks = int(block.max(initial=-1)) + 1
    labels = np.array(BLOCK_LABELS, object)[rng.integers(len(BLOCK_LABELS), size=blocks)]
    names = np.array([f"{label} block {i + 1}" for i, label in enumerate(labels)], object)
    number = np.arange(n) - np.searchsorted(block, block, side="left") + 1
    day_start = (dates - UNIX_EPOCH_ORDINAL) * MINUTES_PER_DAY
    start = day_start + 60 * int(rng.integers(6, 21)) + 5 * np.round(rng.normal(0, 8, n))
    sets = np.bincount(line_session, weights=lines["sets"][0], minlength=n)
    end = start + np.maximum(10, np.round(15 + 3 * sets + rng.normal(0, 6, n)))
    planned = np.full(n, profile.mesocycles)
    timed = np.full(n, profile.times_logged)
    return {
        "date": (dates, DATE, None),
        "mesocycle_name": (names[block], OBJECT, planned),
        "session_number": (number, INT, planned),
        "training_start": (start, DATETIME, timed),
        "training_end": (end, DATETIME, timed),
        "notes": (
            NOTES[rng.integers(len(NOTES), size=n)],
            OBJECT,
            rng.random(n) < 0.05,
        ),
        "created_at": (np.where(timed, end, day_start + 20 * 60), DATETIME, None),
    }


def generate_chunk(
    rng: np.random.Generator,
    numbers: range,
    years: float,
    today_ord: int,
    catalogue: Catalogue,
    password_hash: str,
    ids: IdAllocator,
) -> dict[str, Table]:
    """Every row of the users numbered `numbers`, table by table in loading order.

    Rows of the chunk's users are interleaved by date, as they would be logged, rather than
    stored user after user.
    """
    profiles = [_profile(rng, years, today_ord) for _ in numbers]
    user_ids = ids.take("users", len(profiles))
    daily_parts, session_parts, line_parts = [], [], []
    sessions_so_far = 0
    for user_id, profile in zip(user_ids, profiles, strict=True):
        sessions, lines = _training(rng, profile, catalogue)
        session_count, line_count = len(sessions["date"][0]), len(lines["sets"][0])
        sessions["user_id"] = (np.full(session_count, user_id), INT, None)
        lines["user_id"] = (np.full(line_count, user_id), INT, None)
        lines["session"] = (lines["session"][0] + sessions_so_far, INT, None)
        lines["epley"] = (np.full(line_count, profile.epley), OBJECT, None)
        sessions_so_far += session_count
        session_parts.append(sessions)
        line_parts.append(lines)
        trained = np.isin(profile.ordinals, sessions["date"][0]).astype(float)
        daily = _daily(rng, profile, trained)
        daily["user_id"] = (np.full(len(daily["date"][0]), user_id), INT, None)
        daily_parts.append(daily)
    daily = _by_date(_concat(daily_parts))
    sessions, lines = _concat(session_parts), _concat(line_parts)
    session_order = np.lexsort((sessions["user_id"][0], sessions["date"][0]))
    session_ids = np.empty(len(session_order), np.int64)
    session_ids[session_order] = ids.take("training_sessions", len(session_order))
    sessions = _take(sessions, session_order)
    sessions["id"] = (session_ids[session_order], INT, None)
    line_session = lines.pop("session")[0]
    lines["session_id"] = (session_ids[line_session], INT, None)
    lines = _take(lines, np.lexsort((lines["position"][0], lines["session_id"][0])))
    lines["id"] = (ids.take("workout_details", len(lines["sets"][0])), INT, None)
    facts = _line_facts(lines, sessions, catalogue)
    counts = np.bincount(
        np.concatenate([daily["user_id"][0], sessions["user_id"][0]]) - user_ids[0],
        minlength=len(profiles),
    )
    daily["id"] = (ids.take("daily_metrics", len(daily["date"][0])), INT, None)
    return {
        "users": build_table(_users(rng, numbers, user_ids, profiles, password_hash, counts)),
        "dashboard_preferences": build_table(_preferences(user_ids, profiles, ids)),
        "daily_metrics": build_table(daily),
        "training_sessions": build_table(sessions),
        "workout_details": build_table(_workout_details(lines, catalogue)),
        "personal_records": build_table(personal_records(facts, ids)),
        "user_exercise_history": build_table(usage_history(facts, ids)),
    }


def _by_date(daily: Columns) -> Columns:
    return _take(daily, np.lexsort((daily["user_id"][0], daily["date"][0])))


def _users(
    rng: np.random.Generator,
    numbers: range,
    user_ids: np.ndarray,
    profiles: list[_Profile],
    password_hash: str,
    data_versions: np.ndarray,
) -> Columns:
    """Accounts as create_user makes them; insights_version stays NULL (computed on visit)."""
    n = len(profiles)
    names = [f"user{number:05d}" for number in numbers]
    first = np.array([p.first_ord for p in profiles])
    last = np.array([p.last_ord for p in profiles])
    named = rng.random(n) < 0.7
    sized = rng.random(n) < 0.7
    return {
        "id": (user_ids, INT, None),
        "username": (np.array(names, object), OBJECT, None),
        "email": (np.array([f"{name}@bench.invalid" for name in names], object), OBJECT, None),
        "password_hash": (np.full(n, password_hash, object), OBJECT, None),
        "first_name": (FIRST_NAMES[rng.integers(len(FIRST_NAMES), size=n)], OBJECT, named),
        "last_name": (LAST_NAMES[rng.integers(len(LAST_NAMES), size=n)], OBJECT, named),
        "gender": (GENDERS[rng.integers(len(GENDERS), size=n)], OBJECT, None),
        "height_cm": (np.round(rng.normal(173, 10, n), 1), FLOAT, sized),
        "weight_unit": (np.where(rng.random(n) < 0.7, "kg", "lb").astype(object), OBJECT, None),
        "height_unit": (np.where(rng.random(n) < 0.75, "cm", "in").astype(object), OBJECT, None),
        "theme": (np.where(rng.random(n) < 0.6, "light", "dark").astype(object), OBJECT, None),
        "timezone": (TIMEZONES[rng.integers(len(TIMEZONES), size=n)], OBJECT, None),
        "e1rm_formula": (
            np.array(["epley" if p.epley else "brzycki" for p in profiles], object),
            OBJECT,
            None,
        ),
        "data_version": (data_versions, INT, None),
        "is_active": (np.ones(n, bool), OBJECT, None),
        "created_at": (_minutes(first) + rng.integers(6 * 60, 20 * 60, size=n), DATETIME, None),
        "last_login_at": (_minutes(last) + 20 * 60, DATETIME, None),
    }


def _minutes(ordinals: np.ndarray) -> np.ndarray:
    """Minutes since the Unix epoch at the start of these days."""
    return (ordinals - UNIX_EPOCH_ORDINAL) * MINUTES_PER_DAY


def _preferences(user_ids: np.ndarray, profiles: list[_Profile], ids: IdAllocator) -> Columns:
    """The row create_user adds; widgets are laid out on the first dashboard visit."""
    n = len(user_ids)
    return {
        "id": (ids.take("dashboard_preferences", n), INT, None),
        "user_id": (user_ids, INT, None),
        "default_view": (np.full(n, "30d", object), OBJECT, None),
        "layout_created": (np.zeros(n, bool), OBJECT, None),
        "updated_at": (_minutes(np.array([p.first_ord for p in profiles])), DATETIME, None),
    }


def _workout_details(lines: Columns, catalogue: Catalogue) -> Columns:
    """The lines with the exercise's names copied in, as services.workouts saves them."""
    exercise = lines["exercise"][0]
    named = {
        "exercise_id": (catalogue.ids[exercise], INT, None),
        "exercise_name": (catalogue.names[exercise], OBJECT, None),
        "muscle_group": (catalogue.muscle_groups[exercise], OBJECT, None),
        "equipment": (catalogue.equipment[exercise], OBJECT, None),
    }
    kept = ("id", "session_id", "user_id", "position", "sets", "reps", "load_weight", "rir")
    rest = ("stimulus", "fatigue_level", "is_warmup", "notes")
    return {**{k: lines[k] for k in kept}, **named, **{k: lines[k] for k in rest}}


def _line_facts(lines: Columns, sessions: Columns, catalogue: Catalogue) -> dict[str, np.ndarray]:
    """What records and usage are derived from: each line with its session's day.

    Each user has at most one session a day and session ids rise with the date, so ordering
    by session id, then line id, is the training order of dashboard_app.analytics.records.
    """
    row_of = np.empty(int(sessions["id"][0].max(initial=0)) + 1, np.int64)
    row_of[sessions["id"][0]] = np.arange(len(sessions["id"][0]))
    session_row = row_of[lines["session_id"][0]]
    exercise = lines["exercise"][0]
    return {
        "line_id": lines["id"][0],
        "user_id": lines["user_id"][0],
        "exercise_id": catalogue.ids[exercise],
        "exercise_name": catalogue.names[exercise],
        "session_id": lines["session_id"][0],
        "sets": lines["sets"][0].astype(np.int64),
        "reps": lines["reps"][0].astype(np.int64),
        "load": lines["load_weight"][0].astype(np.float64),
        "is_warmup": lines["is_warmup"][0].astype(bool),
        "epley": lines["epley"][0].astype(bool),
        "date": sessions["date"][0][session_row],
        "created_at": sessions["created_at"][0][session_row],
    }


def estimated_one_rep_max(load: np.ndarray, reps: np.ndarray, epley: np.ndarray) -> np.ndarray:
    """analytics.strength's e1RM, vectorised over users' formulas; NaN above the rep limit."""
    reps = reps.astype(np.float64)
    brzycki = load * 36 / (BRZYCKI_REPS_LIMIT - np.minimum(reps, MAX_E1RM_REPS))
    estimate = np.where(epley, load * (1 + reps / EPLEY_REPS_DIVISOR), brzycki)
    estimate = np.where(reps == 1, load, estimate)
    return np.where(reps > MAX_E1RM_REPS, np.nan, estimate)


def _tie_key(values: np.ndarray) -> np.ndarray:
    """Values as integers in units of the tie precision: equal keys are ties."""
    return np.rint(values * 10**TIE_DECIMALS).astype(np.int64)


def _starts(*keys: np.ndarray) -> np.ndarray:
    """True where a row of sorted keys begins a new group."""
    start = np.zeros(len(keys[0]), bool)
    start[:1] = True
    for key in keys:
        start[1:] |= key[1:] != key[:-1]
    return start


def _beats_earlier(start: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Rows whose key beats every earlier key of their group (each group's first row does).

    Each group is lifted above the previous one, so one running maximum serves them all.
    """
    group = np.cumsum(start) - 1
    lift = int(key.max(initial=0)) + 1
    if int(group.max(initial=0)) * lift >= 2**62:
        raise OverflowError("too many record groups in one chunk; use smaller chunks")
    lifted = key + group * lift
    running = np.maximum.accumulate(lifted)
    return start | (lifted > np.concatenate(([-1], running[:-1])))


def personal_records(facts: dict[str, np.ndarray], ids: IdAllocator) -> Columns:
    """Every record event of the lines (analytics.records rules), as personal_records rows."""
    work = {name: values[~facts["is_warmup"]] for name, values in facts.items()}
    user, exercise, session = work["user_id"], work["exercise_id"], work["session_id"]
    volume = work["sets"] * work["reps"] * work["load"]
    per_line = {
        "e1rm": estimated_one_rep_max(work["load"], work["reps"], work["epley"]),
        "max_load": work["load"],
        "max_reps": work["reps"].astype(np.float64),
        "max_volume": volume,
    }
    parts = []
    for record_type, values in per_line.items():
        valued = np.flatnonzero(values > 0)
        key = _tie_key(values[valued])
        # A session's best is the first line, in logged order, that reaches it.
        order = np.lexsort(
            (work["line_id"][valued], -key, session[valued], exercise[valued], user[valued])
        )
        rows = valued[order]
        best = rows[_starts(user[rows], exercise[rows], session[rows])]
        beats = _beats_earlier(_starts(user[best], exercise[best]), _tie_key(values[best]))
        events = best[beats]
        parts.append(_record_rows(work, events, record_type, values[events], line=True))
    order = np.lexsort((work["line_id"], session, exercise, user))
    first = np.flatnonzero(_starts(user[order], exercise[order], session[order]))
    totals = np.add.reduceat(volume[order], first) if len(first) else np.zeros(0)
    sessions = order[first]
    scored = totals > 0
    beats = _beats_earlier(
        _starts(user[sessions][scored], exercise[sessions][scored]), _tie_key(totals[scored])
    )
    events = sessions[scored][beats]
    parts.append(_record_rows(work, events, "session_volume", totals[scored][beats], line=False))
    records = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}
    line = records.pop("line")
    return {
        "id": (ids.take("personal_records", len(line)), INT, None),
        **{name: (records[name], kind, None) for name, kind in _RECORD_KINDS.items()},
        **{name: (records[name], kind, line) for name, kind in _RECORD_LINE_KINDS.items()},
    }


_RECORD_KINDS = {
    "user_id": INT,
    "exercise_id": INT,
    "exercise_name": OBJECT,
    "record_type": OBJECT,
    "record_value": FLOAT,
    "date": DATE,
    "session_id": INT,
    "created_at": DATETIME,
}
# Only a line's record names the line: a session's volume belongs to the session.
_RECORD_LINE_KINDS = {"sets": INT, "reps": INT, "load_weight": FLOAT, "workout_detail_id": INT}


def _record_rows(
    work: dict[str, np.ndarray],
    events: np.ndarray,
    record_type: str,
    values: np.ndarray,
    line: bool,
) -> dict[str, np.ndarray]:
    return {
        "user_id": work["user_id"][events],
        "exercise_id": work["exercise_id"][events],
        "exercise_name": work["exercise_name"][events],
        "record_type": np.full(len(events), record_type, object),
        "record_value": values,
        "date": work["date"][events],
        "session_id": work["session_id"][events],
        "created_at": work["created_at"][events],
        "sets": work["sets"][events],
        "reps": work["reps"][events],
        "load_weight": work["load"][events],
        "workout_detail_id": work["line_id"][events],
        "line": np.full(len(events), line),
    }


def usage_history(facts: dict[str, np.ndarray], ids: IdAllocator) -> Columns:
    """user_exercise_history rows: sessions that used each exercise (warm-ups count), last day."""
    user, exercise, session = facts["user_id"], facts["exercise_id"], facts["session_id"]
    order = np.lexsort((session, exercise, user))
    used = order[_starts(user[order], exercise[order], session[order])]
    first = np.flatnonzero(_starts(user[used], exercise[used]))
    counts = np.diff(np.append(first, len(used)))
    last_used = np.maximum.reduceat(facts["date"][used], first) if len(first) else first
    return {
        "id": (ids.take("user_exercise_history", len(first)), INT, None),
        "user_id": (user[used][first], INT, None),
        "exercise_id": (exercise[used][first], INT, None),
        "usage_count": (counts, INT, None),
        "last_used": (last_used, DATE, None),
    }


# The lifts most people log, most popular first; the rest of the catalogue follows in a
# seeded random order with falling popularity.
STAPLES = (
    "Barbell Squat",
    "Barbell Bench Press - Medium Grip",
    "Barbell Deadlift",
    "Wide-Grip Lat Pulldown",
    "Dumbbell Bicep Curl",
    "Standing Military Press",
    "Bent Over Barbell Row",
    "Leg Press",
    "Triceps Pushdown",
    "Romanian Deadlift",
    "Seated Cable Rows",
    "Incline Dumbbell Press",
    "Side Lateral Raise",
    "Pullups",
    "Lying Leg Curls",
    "Leg Extensions",
    "Standing Calf Raises",
    "Hammer Curls",
    "Pushups",
    "Face Pull",
    "Dips - Triceps Version",
    "Cable Crunch",
)
# A typical trained lifter's one-rep max by (equipment, mechanic); per dumbbell for dumbbells.
BASE_E1RM_KG = {
    "Barbell": (90.0, 40.0),
    "E-Z Curl Bar": (40.0, 35.0),
    "Dumbbell": (28.0, 14.0),
    "Cable": (55.0, 30.0),
    "Machine": (110.0, 60.0),
    "Kettlebells": (24.0, 16.0),
    "Body Only": (0.0, 0.0),
}
LOAD_STEP_KG = {"Dumbbell": 1.0, "Kettlebells": 2.0}
DEFAULT_LOAD_STEP_KG = 2.5
CATEGORIES = ("strength", "powerlifting")


def build_catalogue(rng: np.random.Generator, rows: Iterable[tuple]) -> Catalogue:
    """The exercises generated users train, from catalogue rows
    (id, name, muscle group, equipment, mechanic, category, level)."""
    kept = [
        row
        for row in rows
        if row[3] in BASE_E1RM_KG and row[5] in CATEGORIES and row[6] != "expert"
    ]
    staple_rank = {name: rank for rank, name in enumerate(STAPLES)}
    shuffled = rng.permutation(len(kept))
    rank = np.array(
        [
            staple_rank.get(row[1], len(STAPLES) + int(order))
            for row, order in zip(kept, shuffled, strict=True)
        ]
    )
    weights = 1.0 / (rank + 5.0) ** 1.2
    return Catalogue(
        ids=np.array([row[0] for row in kept], np.int64),
        names=np.array([row[1] for row in kept], object),
        muscle_groups=np.array([row[2] for row in kept], object),
        equipment=np.array([row[3] for row in kept], object),
        base_e1rm_kg=np.array(
            [BASE_E1RM_KG[row[3]][row[4] == "isolation"] for row in kept], np.float64
        ),
        load_step_kg=np.array(
            [LOAD_STEP_KG.get(row[3], DEFAULT_LOAD_STEP_KG) for row in kept], np.float64
        ),
        popularity=weights / weights.sum(),
    )
