"""Server-side timings of the workouts feature for a heavy user (1,000 sessions, 30,000 lines).

Measures the real Dash callbacks through the Flask test client, logged in: saving a line
(adding one to the newest session; editing one in an old session, which recomputes that
exercise's records), the records page, a session's page, the sessions list and the exercise
picker; and the cost of a full rebuild of usage history and personal records.

The read-only requests are timed first, on the generated data as it is; then the saves, which
add up to --repeat lines (twice) to the newest session. The user's unit is kg.

Usage: python bench/bench_workouts.py [--sessions 1000] [--lines-per-session 30]
                                      [--repeat 40] [--json FILE]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import fresh_app, report, timed  # noqa: E402
from sqlalchemy import func, insert, select, text  # noqa: E402

from dashboard_app.services.catalogue import seed_catalogue  # noqa: E402
from dashboard_app.services.demo import CatalogueExercise, catalogue_exercises  # noqa: E402
from dashboard_app.services.exercise_usage import rebuild_usage  # noqa: E402
from dashboard_app.services.records import rebuild_records  # noqa: E402
from dashboard_app.services.users import create_user  # noqa: E402
from dashboard_app.services.workout_lines import MAX_LINES_PER_SESSION  # noqa: E402
from dashboard_app.ui import ids  # noqa: E402
from db.models import (  # noqa: E402
    PersonalRecord,
    TrainingSession,
    UserExerciseHistory,
    WorkoutDetail,
)
from tests.helpers import PASSWORD, AuthActions, payload_for, post_callback  # noqa: E402

USERNAME = "heavy"
LINE = ids.SESSION_LINE_FIELDS

# Six session templates (push, pull, legs; twice) of seven catalogue exercises each, in the
# order performed: (catalogue name, estimated 1RM in kg when the history starts, load step).
# Dumbbell loads are per dumbbell; bodyweight lifts log the added load.
TEMPLATES: tuple[tuple[tuple[str, float, float], ...], ...] = (
    (
        ("Barbell Bench Press - Medium Grip", 100, 2.5),
        ("Standing Military Press", 60, 2.5),
        ("Incline Dumbbell Press", 36, 1.0),
        ("Dips - Triceps Version", 30, 2.5),
        ("Side Lateral Raise", 13, 1.0),
        ("Triceps Pushdown", 45, 2.5),
        ("Cable Crossover", 35, 2.5),
    ),
    (
        ("Barbell Deadlift", 160, 2.5),
        ("Bent Over Barbell Row", 90, 2.5),
        ("Pullups", 25, 2.5),
        ("Face Pull", 35, 2.5),
        ("Barbell Curl", 50, 2.5),
        ("Hammer Curls", 20, 1.0),
        ("Barbell Shrug", 140, 2.5),
    ),
    (
        ("Barbell Squat", 130, 2.5),
        ("Romanian Deadlift", 125, 2.5),
        ("Leg Press", 240, 2.5),
        ("Lying Leg Curls", 65, 2.5),
        ("Standing Calf Raises", 130, 2.5),
        ("Dumbbell Lunges", 28, 1.0),
        ("Cable Crunch", 65, 2.5),
    ),
    (
        ("Close-Grip Barbell Bench Press", 90, 2.5),
        ("Seated Dumbbell Press", 30, 1.0),
        ("Dumbbell Bench Press", 40, 1.0),
        ("Arnold Dumbbell Press", 26, 1.0),
        ("Dumbbell Flyes", 20, 1.0),
        ("Lying Triceps Press", 42, 2.5),
        ("EZ-Bar Skullcrusher", 38, 2.5),
    ),
    (
        ("T-Bar Row with Handle", 95, 2.5),
        ("Wide-Grip Lat Pulldown", 85, 2.5),
        ("Seated Cable Rows", 90, 2.5),
        ("One-Arm Dumbbell Row", 42, 1.0),
        ("Chin-Up", 20, 2.5),
        ("Reverse Flyes", 13, 1.0),
        ("Preacher Curl", 42, 2.5),
    ),
    (
        ("Front Barbell Squat", 100, 2.5),
        ("Hack Squat", 170, 2.5),
        ("Barbell Hip Thrust", 150, 2.5),
        ("Good Morning", 85, 2.5),
        ("Leg Extensions", 85, 2.5),
        ("Seated Leg Curl", 65, 2.5),
        ("Seated Calf Raise", 85, 2.5),
    ),
)
COMPOUNDS_PER_TEMPLATE = 3  # the first exercises of a template get heavy, low-rep work
# Mesocycle phases: (label, reps of compound lifts, reps of isolation lifts).
PHASES = (("Hypertrophy", 10, 12), ("Strength", 5, 10), ("Volume", 8, 15), ("Peaking", 3, 8))
TRAINING_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday; a week off between mesocycles


Facts = CatalogueExercise


def _on_step(load: float, step: float) -> float:
    return round(max(step, round(load / step) * step), 3)


def _strength_trend(years: float) -> float:
    """Share of the starting 1RM after `years` of training: fast gains first, then slower."""
    return 0.8 + 0.45 * (1 - math.exp(-years / 2.5)) + 0.02 * math.sin(years * 1.7)


def generate(
    count: int, lines_per_session: int, last_day: date, seed: int = 7
) -> list[tuple[dict, list[dict]]]:
    """(session row, its line rows) in training order; lines name exercises, ids come later."""
    rng = random.Random(seed)
    planned = []  # (day offset, mesocycle, phase, number in it, week of it)
    block, block_start = 0, 0
    while len(planned) < count:
        phase = PHASES[block % len(PHASES)]
        length = rng.randint(15, 21)
        for number in range(1, length + 1):
            week, slot = divmod(number - 1, len(TRAINING_DAYS))
            day = block_start + week * 7 + TRAINING_DAYS[slot]
            planned.append((day, f"Block {block + 1:02d} · {phase[0]}", phase, number, week))
        block_start += (math.ceil(length / len(TRAINING_DAYS)) + 1) * 7
        block += 1
    planned = planned[:count]
    first_day = last_day - timedelta(days=planned[-1][0])
    exercises_per_session = min(
        len(TEMPLATES[0]), max(1, round(lines_per_session / 4.3)), lines_per_session
    )
    sessions = []
    for index, (offset, mesocycle, phase, number, week) in enumerate(planned):
        day = first_day + timedelta(days=offset)
        years = offset / 365.25
        template = TEMPLATES[index % len(TEMPLATES)][:exercises_per_session]
        share, extra = divmod(lines_per_session, len(template))
        lines: list[dict] = []
        for rank, (name, start_1rm, step) in enumerate(template):
            count_here = share + (1 if rank < extra else 0)
            compound = rank < COMPOUNDS_PER_TEMPLATE
            reps = phase[1] if compound else phase[2]
            rir = rng.choice((1, 2, 2, 3))
            one_rep_max = start_1rm * _strength_trend(years) * (0.95 + 0.012 * week)
            top = one_rep_max * (37 - reps - rir) / 36 * (1 + rng.gauss(0, 0.02))
            warmups = min((2, 2, 1)[rank] if compound else 0, count_here - 1)
            for number_here in range(count_here):
                line = {
                    "exercise": name,
                    "sets": 1,
                    "reps": reps,
                    "rir": rir,
                    "stimulus": rng.randint(2, 5),
                    "fatigue_level": rng.randint(1, 5),
                    "is_warmup": False,
                }
                if number_here < warmups:
                    share_of_top = (0.5, 0.7)[number_here] if warmups == 2 else 0.6
                    line.update(
                        reps=5,
                        load_weight=_on_step(top * share_of_top, step),
                        rir=None,
                        stimulus=1,
                        fatigue_level=1,
                        is_warmup=True,
                    )
                elif number_here == warmups:
                    line["load_weight"] = _on_step(top, step)  # the top set
                else:
                    line.update(
                        sets=rng.choice((2, 3, 3)),
                        reps=reps + rng.choice((0, 1, 2)),
                        load_weight=_on_step(top * rng.uniform(0.86, 0.92), step),
                        rir=min(10, rir + 1),
                    )
                lines.append(line)
        start = datetime(day.year, day.month, day.day, 18) + timedelta(minutes=rng.randint(-90, 60))
        if rng.random() < 0.2:
            start = datetime(day.year, day.month, day.day, 7) + timedelta(
                minutes=rng.randint(0, 45)
            )
        session = {
            "date": day,
            "mesocycle_name": mesocycle,
            "session_number": number,
            "training_start": start,
            "training_end": start + timedelta(minutes=50 + 2 * len(lines) + rng.randint(0, 30)),
        }
        sessions.append((session, lines))
    return sessions


def catalogue_facts(session, names: set[str]) -> dict[str, Facts]:
    """The catalogue's id, name, muscle group and equipment of each of names."""
    return catalogue_exercises(session, names)


def insert_history(session, user_id: int, generated, facts: dict[str, Facts]) -> int:
    """Bulk-insert the sessions and their lines; the number of lines."""
    statement = insert(TrainingSession).returning(TrainingSession.id, sort_by_parameter_order=True)
    session_ids = list(
        session.scalars(statement, [{"user_id": user_id, **s} for s, _ in generated])
    )
    rows = []
    for (_, lines), session_id in zip(generated, session_ids, strict=True):
        for position, line in enumerate(lines):
            exercise = facts[line["exercise"]]
            rows.append(
                {
                    "session_id": session_id,
                    "user_id": user_id,
                    "exercise_id": exercise.id,
                    "position": position,
                    "exercise_name": exercise.name,
                    "muscle_group": exercise.muscle_group,
                    "equipment": exercise.equipment,
                    **{k: v for k, v in line.items() if k != "exercise"},
                }
            )
    # The ORM leaves None values out of a row's parameters and starts a new executemany batch
    # whenever consecutive rows differ in their set of keys: warm-ups (RIR None) between
    # working lines would make six statements a session. Rows with the same None fields go
    # together (a stable sort: ids stay in logged order within each group).
    rows.sort(key=lambda row: tuple(key for key, value in row.items() if value is None))
    session.execute(insert(WorkoutDetail), rows)
    return len(rows)


def line_form(line: dict, **changes) -> dict[tuple[str, str], object]:
    """The line form's State values (load in kg: the user's unit) for a stored line dict."""
    values = {**line, **changes}
    return {
        (LINE["exercise_id"], "value"): values["exercise_id"],
        (LINE["sets"], "value"): values["sets"],
        (LINE["reps"], "value"): values["reps"],
        (LINE["load_kg"], "value"): values["load_weight"],
        **{
            (LINE[name], "value"): "" if values[name] is None else str(values[name])
            for name in ("rir", "stimulus", "fatigue_level")
        },
        (LINE["is_warmup"], "value"): bool(values["is_warmup"]),
    }


def save_payload(app, session_id: int, editing: int | None, form: dict) -> dict:
    payload = payload_for(
        app,
        (ids.LINE_SAVE, "n_clicks"),
        1,
        {
            (ids.SESSION_ID, "data"): str(session_id),
            (ids.LINE_EDITING, "data"): editing,
            (ids.SESSION_CHANGED, "data"): 3,
            **form,
        },
    )
    return _expect(payload, LINE["exercise_id"], "invalid")


def _expect(payload: dict, output_id: str, prop: str) -> dict:
    """payload_for takes the first callback a trigger fires: check it is the one meant."""
    first = payload["outputs"][0] if isinstance(payload["outputs"], list) else payload["outputs"]
    if (first["id"], first["property"]) != (output_id, prop):
        raise LookupError(f"payload reaches {payload['output'][:60]!r}, not {output_id!r}")
    return payload


def _history_payload(database) -> dict:
    """Opening the records page's item of the exercise with the most record rows."""
    with database.session_factory() as session:
        exercise_id = session.scalar(
            select(PersonalRecord.exercise_id)
            .group_by(PersonalRecord.exercise_id)
            .order_by(func.count(PersonalRecord.id).desc())
            .limit(1)
        )
    component = {"index": exercise_id, "type": ids.RECORDS_HISTORY}
    key = json.dumps({"index": ["ALL"], "type": ids.RECORDS_HISTORY}, separators=(",", ":"))
    return {
        "output": f"{key}.children",
        "outputs": [{"id": component, "property": "children"}],
        "inputs": [
            {
                "id": ids.RECORDS_ACCORDION,
                "property": "active_item",
                "value": [f"records-{exercise_id}"],
            }
        ],
        "state": [[{"id": component, "property": "id", "value": component}]],
        "changedPropIds": [f"{ids.RECORDS_ACCORDION}.active_item"],
    }


def _line_row(line: WorkoutDetail) -> dict:
    return {
        "exercise_id": line.exercise_id,
        "sets": line.sets,
        "reps": line.reps,
        "load_weight": line.load_weight,
        "rir": line.rir,
        "stimulus": line.stimulus,
        "fatigue_level": line.fatigue_level,
        "is_warmup": line.is_warmup,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--lines-per-session", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.sessions < 10 or args.repeat < 2:
        parser.error("need --sessions >= 10 and --repeat >= 2")
    if not 1 <= args.lines_per_session <= MAX_LINES_PER_SESSION - 4:
        parser.error(f"need 1 <= --lines-per-session <= {MAX_LINES_PER_SESSION - 4}")
    started = time.perf_counter()
    app, database = fresh_app()
    results: dict[str, object] = {
        "app set-up, database emptied": (time.perf_counter() - started) * 1000
    }
    backend = database.engine.url.get_backend_name()

    def step(name: str, work):
        started = time.perf_counter()
        with database.session_factory.begin() as session:
            value = work(session)
        results[name] = (time.perf_counter() - started) * 1000
        return value

    step("seed_catalogue_ms", seed_catalogue)
    user_id = step(
        "create_user_ms (argon2id)",
        lambda s: (
            create_user(s, username=USERNAME, email=f"{USERNAME}@example.com", password=PASSWORD).id
        ),
    )
    started = time.perf_counter()
    generated = generate(args.sessions, args.lines_per_session, date.today() - timedelta(days=1))
    results["generate_rows_ms (Python)"] = (time.perf_counter() - started) * 1000
    names = {line["exercise"] for _, lines in generated for line in lines}
    facts = step("look_up_exercises_ms", lambda s: catalogue_facts(s, names))
    line_count = step(
        "bulk_insert_ms (sessions + lines)", lambda s: insert_history(s, user_id, generated, facts)
    )
    step("rebuild_usage_ms", lambda s: rebuild_usage(s, user_id))
    step("rebuild_records_ms", lambda s: rebuild_records(s, user_id))
    if backend == "postgresql":
        # Fresh tables have no planner statistics until autovacuum gets to them (about a
        # minute after a bulk load); a live database has them, so gather them now.
        started = time.perf_counter()
        with database.engine.begin() as connection:
            connection.execute(text("ANALYZE"))
        results["analyze_ms (PostgreSQL)"] = (time.perf_counter() - started) * 1000

    with database.session_factory() as session:
        record_rows = session.scalar(
            select(func.count(PersonalRecord.id)).where(PersonalRecord.user_id == user_id)
        )
        usage_rows = session.scalar(
            select(func.count(UserExerciseHistory.id)).where(UserExerciseHistory.user_id == user_id)
        )
        newest, old = (
            session.scalar(
                select(TrainingSession)
                .where(TrainingSession.user_id == user_id)
                .order_by(TrainingSession.date.desc(), TrainingSession.id.desc())
                .offset(offset)
                .limit(1)
            )
            for offset in (0, args.sessions - 1 - args.sessions // 8)  # about a year in
        )
        newest_lines, old_lines = (
            session.scalars(
                select(WorkoutDetail)
                .where(WorkoutDetail.session_id == s.id)
                .order_by(WorkoutDetail.position)
            ).all()
            for s in (newest, old)
        )
        newest_top = next(line for line in newest_lines if not line.is_warmup)
        old_top = next(line for line in old_lines if not line.is_warmup)
        old_backoff = next(
            (line for line in old_lines if not line.is_warmup and line is not old_top), old_top
        )
        newest_top_row, old_top_row = _line_row(newest_top), _line_row(old_top)
        old_backoff_row, old_backoff_id = _line_row(old_backoff), old_backoff.id
        old_top_id, old_exercise = old_top.id, old_top.exercise_name
        newest_id, old_id, old_day = newest.id, old.id, old.date

    client = app.test_client()
    if AuthActions(client).login(USERNAME, PASSWORD).status_code != 302:
        raise SystemExit("login failed")

    def call(payload: dict):
        def request():
            response = post_callback(client, payload)
            if response.status_code != 200:
                raise RuntimeError(f"{response.status_code}: {response.get_data(as_text=True)}")
            return response

        return request

    reads = {
        "session page: view (newest session)": _expect(
            payload_for(
                app,
                (ids.SESSION_CHANGED, "data"),
                0,
                {(ids.SESSION_ID, "data"): str(newest_id)},
            ),
            ids.SESSION_TITLE,
            "children",
        ),
        "session page: exercise picker options": _expect(
            payload_for(app, (ids.SESSION_ID, "data"), str(newest_id)),
            LINE["exercise_id"],
            "options",
        ),
        "sessions list: first page": _expect(
            payload_for(
                app, (ids.WORKOUTS_LOAD, "data"), True, {(ids.WORKOUTS_PAGES, "active_page"): 1}
            ),
            ids.WORKOUTS_LIST,
            "children",
        ),
        "records page: load": _expect(
            payload_for(app, (ids.RECORDS_LOAD, "data"), True, {(ids.RECORDS_QUERY, "value"): ""}),
            ids.RECORDS_LIST,
            "children",
        ),
        # Fired by picking an exercise, and again after every save (the change counter).
        "session page: last time (exercise picked)": _expect(
            payload_for(
                app,
                (LINE["exercise_id"], "value"),
                newest_top_row["exercise_id"],
                {(ids.SESSION_ID, "data"): str(newest_id), (ids.SESSION_CHANGED, "data"): 0},
            ),
            ids.LINE_LAST_TIME,
            "children",
        ),
    }
    reads["records page: open the longest history"] = _history_payload(database)
    checks = {}
    for name, payload in reads.items():
        reply = call(payload)().get_json()["response"]  # also the warm-up
        checks[name] = reply
        results[name] = timed(call(payload), args.repeat)
    count_text = checks["sessions list: first page"][ids.WORKOUTS_COUNT]["children"]
    records_text = checks["records page: load"][ids.RECORDS_COUNT]["children"]
    options = checks["session page: exercise picker options"][LINE["exercise_id"]]["options"]

    def lines_in(session_id: int) -> int:
        with database.session_factory() as session:
            return session.scalar(
                select(func.count(WorkoutDetail.id)).where(WorkoutDetail.session_id == session_id)
            )

    def records_of(exercise_id: int) -> int:
        with database.session_factory() as session:
            return session.scalar(
                select(func.count(PersonalRecord.id)).where(
                    PersonalRecord.user_id == user_id, PersonalRecord.exercise_id == exercise_id
                )
            )

    # Adding lines: the session holds at most MAX_LINES_PER_SESSION, shared by the two kinds.
    room = (MAX_LINES_PER_SESSION - args.lines_per_session) // 2 - 1
    add_repeat = max(1, min(args.repeat, room))
    if add_repeat < args.repeat:
        print(f"note: adding lines timed {add_repeat} times (a session holds at most 200 lines)")
    plain = save_payload(app, newest_id, None, line_form(newest_top_row))
    before = lines_in(newest_id)
    call(plain)()
    results["save line: add to newest session"] = timed(call(plain), add_repeat)
    added = lines_in(newest_id) - before
    if added != add_repeat + 1:
        raise RuntimeError(f"{added} lines landed, expected {add_repeat + 1}")

    # Each line beats the last: a new record of several types every time, and the PR alert.
    record_loads = [
        _on_step(newest_top_row["load_weight"] * 1.2, 2.5) + 2.5 * n for n in range(add_repeat + 1)
    ]
    heavier_each_time = iter(
        [
            save_payload(app, newest_id, None, line_form(newest_top_row, load_weight=load))
            for load in record_loads
        ]
    )

    def add_record():
        return call(next(heavier_each_time))()

    reply = add_record().get_json()["response"]
    if not reply[ids.LINE_RECORDS]["children"]:
        raise RuntimeError("a heavier line set no new record")
    results["save line: add to newest, new PR each time"] = timed(add_record, add_repeat)
    with database.session_factory() as session:
        heaviest = session.scalar(
            select(func.max(PersonalRecord.value)).where(
                PersonalRecord.user_id == user_id,
                PersonalRecord.exercise_id == newest_top_row["exercise_id"],
                PersonalRecord.record_type == "max_load",
            )
        )
    if heaviest != record_loads[-1]:
        raise RuntimeError(f"the heaviest-load record is {heaviest}, not {record_loads[-1]}")

    # Editing a line of an old session: the exercise's records are recomputed from all its
    # lines; toggling RIR changes none of them, toggling the load x1.6 rewrites its history.
    rir_forms = itertools.cycle(
        [
            save_payload(app, old_id, old_backoff_id, line_form(old_backoff_row, rir=rir))
            for rir in (
                old_backoff_row["rir"] + 1 if old_backoff_row["rir"] < 10 else 0,
                old_backoff_row["rir"],
            )
        ]
    )
    heavier = min(700.0, _on_step(old_top_row["load_weight"] * 1.6, 2.5))
    load_forms = itertools.cycle(
        [
            save_payload(app, old_id, old_top_id, line_form(old_top_row, load_weight=load))
            for load in (heavier, old_top_row["load_weight"])
        ]
    )

    def edited(line_id: int) -> tuple:
        with database.session_factory() as session:
            line = session.get(WorkoutDetail, line_id)
            return line.rir, line.load_weight

    records_before = records_of(old_top_row["exercise_id"])
    call(next(rir_forms))()
    if edited(old_backoff_id)[0] == old_backoff_row["rir"]:
        raise RuntimeError("the RIR edit did not land")
    if records_of(old_top_row["exercise_id"]) != records_before:
        raise RuntimeError("a RIR edit changed records")
    call(next(rir_forms))()
    results["save line: edit old line, records unchanged"] = timed(
        lambda: call(next(rir_forms))(), args.repeat
    )
    call(next(load_forms))()
    records_raised = records_of(old_top_row["exercise_id"])
    if edited(old_top_id)[1] != heavier or records_raised == records_before:
        raise RuntimeError("the load edit did not land or changed no record")
    call(next(load_forms))()
    if records_of(old_top_row["exercise_id"]) != records_before:
        raise RuntimeError("restoring the load did not restore the records")
    results["save line: edit old line, records rewritten"] = timed(
        lambda: call(next(load_forms))(), args.repeat - args.repeat % 2
    )

    first_day, last_day = generated[0][0]["date"], generated[-1][0]["date"]
    mesocycles = len({s["mesocycle"] for s, _ in generated})
    print(
        f"{backend}: {args.sessions} sessions, {line_count} lines, {len(names)} exercises, "
        f"{mesocycles} mesocycles, {first_day} to {last_day}; "
        f"{record_rows} record rows, {usage_rows} usage rows"
    )
    print(f"  sessions list says {count_text!r}; records page says {records_text!r}")
    print(f"  picker offers {len(options)} exercises; newest session {newest_id}")
    print(
        f"  old session {old_id} ({old_day}): {old_exercise} records "
        f"{records_before} rows, {records_raised} with its top set at {heavier} kg"
    )
    extra = {
        "backend": backend,
        "sessions": args.sessions,
        "lines": line_count,
        "lines_per_session": args.lines_per_session,
        "exercises": len(names),
        "record_rows": record_rows,
        "repeat": args.repeat,
    }
    report("timings:", results, args.json, **extra)
    database.engine.dispose()


if __name__ == "__main__":
    main()
