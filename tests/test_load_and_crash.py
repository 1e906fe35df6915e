"""Browsers writing at once through 2 gunicorn workers, and a worker killed mid-write.

Each browser is a thread with its own login and connection, posting the daily log's save and a
session's "log a planned set" (its tick) and "delete session" callbacks as the renderer
does. What the server
accepted (a 2xx carrying the success output) must then be in the database exactly; a request
cut off by a killed worker is "unknown": saved whole or not at all.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import and_, exists, func, inspect, select, text
from sqlalchemy.orm import Session

from dashboard_app.database import get_database
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services import session_sets, workout_lines, workouts
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.exercise_usage import rebuild_usage
from dashboard_app.services.records import rebuild_records
from dashboard_app.ui import ids
from db.base import Base
from db.models import (
    DailyMetric,
    Exercise,
    PersonalRecord,
    PlannedSet,
    TrainingSession,
    User,
    UserExerciseHistory,
    WorkoutDetail,
)
from tests.helpers import PASSWORD, component_key, dash_payload, make_user, payload_for
from tests.live_server import BrowserClient, LiveServer, live_server

FIRST_DAY = date(2026, 1, 1)
SQUAT = "Barbell Squat"
DOOMED_LINES = 3  # lines of each session a browser deletes in one callback
RESPAWN_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class Write:
    """One save a browser sends: what, whose, where, and the values it stores."""

    kind: str  # "day", "line" (a planned set logged) or "delete"
    username: str
    target: date | int  # the day, or the training session's id
    values: tuple = ()  # day: (weight kg, energy, calories, meals); line: (reps, load kg)
    together: bool = False  # sent at the same moment as every other browser's
    planned_id: int | None = None  # line: the planned set its tick logs


@dataclass
class Outcomes:
    """What the server answered to each write, gathered from every browser thread."""

    accepted: list[Write] = field(default_factory=list)
    refused: list[tuple[Write, str]] = field(default_factory=list)
    server_errors: list[tuple[Write, int, str]] = field(default_factory=list)
    unknown: list[tuple[Write, str]] = field(default_factory=list)
    accepted_after_kill: int = 0
    killed: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Called with the number accepted so far, under the lock (the crash test's trigger).
    on_accept: Callable[[int], None] | None = None

    def record(self, write: Write, reply: requests.Response) -> None:
        with self.lock:
            if reply.status_code >= 500:
                self.server_errors.append((write, reply.status_code, reply.text[:300]))
            elif reply.status_code == 200 and _succeeded(write, reply.json()["response"]):
                self.accepted.append(write)
                self.accepted_after_kill += self.killed.is_set()
                if self.on_accept:
                    self.on_accept(len(self.accepted))
            else:
                self.refused.append((write, f"{reply.status_code} {reply.text[:300]}"))

    def lost(self, write: Write, error: Exception) -> None:
        with self.lock:
            self.unknown.append((write, repr(error)))


def _succeeded(write: Write, response: dict[str, Any]) -> bool:
    """Whether a callback reply shows the success the page shows the user."""
    if write.kind == "delete":
        return response.get(ids.SESSION_REDIRECT, {}).get("href") == "/workouts"
    if write.kind == "line":
        state = response.get(component_key({"index": _row_key(write), "type": ids.SET_STATE}))
        return "logged" in (state or {}).get("data", {})
    alert = response.get(ids.DAILY_STATUS, {}).get("children") or {}
    return alert.get("props", {}).get("color") == "success"


# The data browsers start from, written directly before the server starts.


@dataclass
class World:
    """The in-process app (for payloads and database checks) and the ids the data got."""

    app: Any
    exercise_id: int
    user_ids: dict[str, int]


@pytest.fixture
def world(app) -> World:
    """Users alice, bob and carol and the exercise catalogue, on the test's database."""
    user_ids = {name: make_user(app, name).id for name in ("alice", "bob", "carol")}
    with get_database(app).session_factory() as session:
        seed_catalogue(session)
        session.commit()
        squat = session.scalar(
            select(Exercise.id).where(Exercise.user_id.is_(None), Exercise.name == SQUAT)
        )
    return World(app, squat, user_ids)


def _new_session(world: World, username: str, day: date, lines: int = 0) -> int:
    """A training session (with lines, and so records and usage) made through the services."""
    user_id = world.user_ids[username]
    with get_database(world.app).session_factory() as session:
        session_id = workouts.create_session(session, user_id, SessionInput(date=day))
        for number in range(lines):
            line = LineInput(exercise_id=world.exercise_id, sets=1, reps=5, load_kg=50.0 + number)
            assert workout_lines.add_line(session, user_id, session_id, line).ok
        session.commit()
    return session_id


def _line(world: World, username: str, session_id: int, values: tuple, **kw) -> Write:
    """A line write: a set planned in the session now, logged by the browser's tick."""
    user_id = world.user_ids[username]
    with get_database(world.app).session_factory() as session:
        facts = workout_lines.exercise_facts(session, user_id, [world.exercise_id])
        block = session_sets.plan_block(
            session, user_id, session_id, facts[world.exercise_id], [{"reps": 1}]
        )
        planned_id = session.scalar(
            select(PlannedSet.id).where(
                PlannedSet.session_id == session_id, PlannedSet.block == block
            )
        )
        session.commit()
    return Write("line", username, session_id, values, planned_id=planned_id, **kw)


# Payloads, built from the app's own callback map.


def _row_key(write: Write) -> str:
    return f"p{write.planned_id}"


def _payload(world: World, write: Write) -> dict[str, Any]:
    if write.kind == "day":
        weight, energy, calories, meals = write.values
        fields = ids.DAILY_FIELDS
        # Untouched inputs post None; the 1-10 button groups post "" (as the page does).
        values = {(fid, "value"): "" if "_level" in n else None for n, fid in fields.items()}
        values[(ids.DAILY_DATE, "value")] = write.target.isoformat()
        values[(fields["weight"], "value")] = weight
        values[(fields["energy_level"], "value")] = energy
        values[(fields["calories"], "value")] = calories
        values[(fields["meals"], "value")] = meals
        return payload_for(world.app, (ids.DAILY_SAVE, "n_clicks"), 1, values)
    session_state = {(ids.SESSION_ID, "data"): str(write.target), (ids.SESSION_CHANGED, "data"): 0}
    if write.kind == "delete":
        return payload_for(world.app, (ids.SESSION_DELETE_CONFIRM, "n_clicks"), 1, session_state)
    # The set row as the page draws it, with the reps and load typed and the tick tapped.
    reps, load = write.values
    key = _row_key(write)
    typed = {"load": load, "reps": reps, "rir": None, "notes": None}
    fields = [{"type": ids.SET_FIELD, "index": key, "field": name} for name in typed]
    row = [({"type": ids.SET_LOG, "index": key}, "n_clicks", 1)]
    row += [(field, "n_submit", None) for field in fields]
    row += [(field, "value", typed[field["field"]]) for field in fields]
    row += [
        ({"type": ids.SET_WARMUP, "index": key}, "value", False),
        ({"type": ids.SET_STATE, "index": key}, "data", {"planned": write.planned_id}),
    ]
    return dash_payload(world.app, ({"type": ids.SET_LOG, "index": key}, "n_clicks"), row)


def _day_values(number: int, browser: int) -> tuple:
    return (60.0 + number / 10, 1 + number % 10, 1500 + number, f"browser {browser} meal {number}")


def _line_values(number: int) -> tuple:
    return (1 + number % 12, 20.0 + 2.5 * number)


# Browsers.


def _browse(
    server: LiveServer,
    world: World,
    cookies: Any,
    browser: int,
    plan: list[Write],
    outcomes: Outcomes,
    barrier: threading.Barrier,
) -> None:
    payloads = [(write, _payload(world, write)) for write in plan]
    client = BrowserClient(server.url, f"10.0.0.{browser + 1}", cookies)
    try:
        for write, payload in payloads:
            if write.together:
                barrier.wait()
            try:
                reply = client.post_callback(payload)
            except requests.RequestException as error:
                outcomes.lost(write, error)
            else:
                outcomes.record(write, reply)
    except BaseException:
        barrier.abort()  # the others would wait for this browser for ever
        raise
    finally:
        client.close()


def _log_in(server: LiveServer, usernames: set[str]) -> dict[str, Any]:
    """{username: login cookies}: each user logs in once, through the form, all at once.

    A user's browsers are tabs sharing that login, each with its own connection; one login per
    user keeps the argon2 checks (64 MiB, a CPU-second or so under load) to a few.
    """

    def log_in(username: str) -> Any:
        client = BrowserClient(server.url, f"10.0.2.{sorted(usernames).index(username)}")
        try:
            client.login(username, PASSWORD)
            return client.http.cookies.copy()
        finally:
            client.close()

    with ThreadPoolExecutor(len(usernames)) as pool:
        return dict(zip(usernames, pool.map(log_in, usernames), strict=True))


def _run_browsers(
    server: LiveServer, world: World, plans: list[tuple[str, list[Write]]], outcomes: Outcomes
) -> dict[str, Any]:
    """Run every browser's plan in its own thread; the users' login cookies."""
    cookies = _log_in(server, {username for username, _ in plans})
    barrier = threading.Barrier(len(plans), timeout=60)
    with ThreadPoolExecutor(len(plans)) as pool:
        running = [
            pool.submit(_browse, server, world, cookies[user], browser, plan, outcomes, barrier)
            for browser, (user, plan) in enumerate(plans)
        ]
        for browser in running:
            browser.result()
    return cookies


def _explain(outcomes: Outcomes, server: LiveServer) -> str:
    return (
        f"\n5xx: {outcomes.server_errors[:3]}\nrefused: {outcomes.refused[:3]}"
        f"\nunknown: {outcomes.unknown[:3]}\n--- gunicorn ---\n{server.log()}"
    )


# What the database holds.


def _stored_days(session: Session, world: World) -> dict[tuple[str, date], list[tuple]]:
    """{(username, day): [(weight, energy, calories, meals) of each row]} (a list: duplicates)."""
    names = {user_id: name for name, user_id in world.user_ids.items()}
    found: dict[tuple[str, date], list[tuple]] = {}
    for row in session.scalars(select(DailyMetric)):
        values = (round(row.weight, 3), row.energy_level, row.calories, row.meals)
        found.setdefault((names[row.user_id], row.date), []).append(values)
    return found


def _stored_lines(session: Session, world: World) -> Counter:
    """(username, session id, reps, load kg) of every logged set, counted."""
    names = {user_id: name for name, user_id in world.user_ids.items()}
    rows = session.execute(
        select(
            WorkoutDetail.user_id,
            WorkoutDetail.session_id,
            WorkoutDetail.reps,
            WorkoutDetail.load_weight,
        )
    )
    return Counter((names[r.user_id], r.session_id, r.reps, round(r.load_weight, 3)) for r in rows)


def _line_key(write: Write) -> tuple:
    reps, load = write.values
    return (write.username, write.target, reps, round(load, 3))


def _day_key(write: Write) -> tuple[str, date]:
    return (write.username, write.target)


def _day_row(write: Write) -> tuple:
    weight, energy, calories, meals = write.values
    return (round(weight, 3), energy, calories, meals)


def _derived_rows(session: Session) -> tuple[list[tuple], list[tuple]]:
    usage = session.execute(
        select(
            UserExerciseHistory.user_id,
            UserExerciseHistory.exercise_id,
            UserExerciseHistory.usage_count,
            UserExerciseHistory.last_used,
        )
    )
    records = session.execute(
        select(
            PersonalRecord.user_id,
            PersonalRecord.exercise_id,
            PersonalRecord.record_type,
            PersonalRecord.record_value,
            PersonalRecord.date,
            PersonalRecord.session_id,
            PersonalRecord.workout_detail_id,
        )
    )
    return sorted(map(tuple, usage)), sorted(map(tuple, records), key=repr)


def assert_derived_data_matches_lines(session: Session) -> None:
    """Usage history and records are what rebuilding them from the logged lines gives: a line
    saved without its records (or records of a line that is gone) would differ."""
    stored = _derived_rows(session)
    for user_id in session.scalars(select(User.id)):
        rebuild_usage(session, user_id)
        rebuild_records(session, user_id)
    session.flush()
    rebuilt = _derived_rows(session)
    session.rollback()
    assert stored == rebuilt


def assert_database_intact(session: Session) -> None:
    """No row points at a missing row; SQLite's own check passes; one entry per user and day."""
    if session.get_bind().dialect.name == "sqlite":
        assert session.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
    orphans = {}
    for table in Base.metadata.sorted_tables:
        for constraint in table.foreign_key_constraints:
            parent = constraint.referred_table.alias()
            pairs = [(e.parent, parent.c[e.column.name]) for e in constraint.elements]
            count = session.scalar(
                select(func.count())
                .select_from(table)
                .where(
                    *[child.is_not(None) for child, _ in pairs],
                    ~exists().where(and_(*[child == ref for child, ref in pairs])),
                )
            )
            if count:
                orphans[constraint.name] = count
    assert orphans == {}
    unique = inspect(session.get_bind()).get_unique_constraints(DailyMetric.__tablename__)
    assert ["date", "user_id"] in [sorted(c["column_names"]) for c in unique]
    duplicated = session.execute(
        select(DailyMetric.user_id, DailyMetric.date)
        .group_by(DailyMetric.user_id, DailyMetric.date)
        .having(func.count() > 1)
    ).all()
    assert duplicated == []


# Many browsers at once.

CONCURRENT_USERS = ("alice",) * 4 + ("bob",) * 2 + ("carol",) * 2
ROUNDS = 4


def test_browsers_saving_at_once_lose_nothing_and_never_duplicate_a_day(
    world, database_url, tmp_path
):
    """Every round, all browsers of a user save the SAME new day and a line to the SAME
    session at the same moment, beside the other users' browsers."""
    sessions = {name: _new_session(world, name, FIRST_DAY) for name in world.user_ids}
    plans = []
    for browser, username in enumerate(CONCURRENT_USERS):
        plan = []
        for round_number in range(ROUNDS):
            number = browser * ROUNDS + round_number
            day = FIRST_DAY + timedelta(days=round_number)
            plan.append(Write("day", username, day, _day_values(number, browser), True))
            values = _line_values(number)
            plan.append(_line(world, username, sessions[username], values, together=True))
        plans.append((username, plan))
    outcomes = Outcomes()
    with live_server(database_url, tmp_path) as server:
        _run_browsers(server, world, plans, outcomes)
    explained = _explain(outcomes, server)
    assert outcomes.server_errors == [], explained
    assert (outcomes.refused, outcomes.unknown) == ([], []), explained
    assert len(outcomes.accepted) == sum(len(plan) for _, plan in plans)

    with get_database(world.app).session_factory() as session:
        days = _stored_days(session, world)
        lines = _stored_lines(session, world)
        shared_positions = session.execute(
            select(WorkoutDetail.session_id, WorkoutDetail.position)
            .group_by(WorkoutDetail.session_id, WorkoutDetail.position)
            .having(func.count() > 1)
        ).all()
        assert_database_intact(session)
        assert_derived_data_matches_lines(session)
    # A day saved by several browsers at once is one row holding one browser's values whole.
    sent: dict[tuple, list[tuple]] = {}
    for write in outcomes.accepted:
        if write.kind == "day":
            sent.setdefault(_day_key(write), []).append(_day_row(write))
    assert set(days) == set(sent), explained
    for key, rows in days.items():
        assert len(rows) == 1, (key, rows)
        assert rows[0] in sent[key], (key, rows, sent[key])
    accepted_lines = Counter(_line_key(w) for w in outcomes.accepted if w.kind == "line")
    assert lines == accepted_lines, explained
    # Lines added to one session at once still each get a place of their own.
    assert shared_positions == [], explained


# A worker killed while browsers write.

CRASH_USERS = ("alice", "alice", "bob", "bob", "carol", "carol")
CRASH_WRITES = 14  # per browser
KILL_AFTER = 24  # accepted writes before the kill: it lands mid-run, with every browser busy
DELETE_AT = 9  # each browser deletes its doomed session as its 10th write


def _crash_plans(world: World) -> tuple[list[tuple[str, list[Write]]], dict[int, Write]]:
    """Each browser adds lines to its own session and saves days of its own, and once deletes
    a session of DOOMED_LINES lines (one callback removing several rows); the deletes."""
    plans, deletes = [], {}
    for browser, username in enumerate(CRASH_USERS):
        own = _new_session(world, username, FIRST_DAY + timedelta(days=browser))
        doomed = _new_session(world, username, FIRST_DAY, DOOMED_LINES)
        plan = []
        for index in range(CRASH_WRITES):
            number = browser * CRASH_WRITES + index
            if index == DELETE_AT:
                deletes[doomed] = Write("delete", username, doomed)
                plan.append(deletes[doomed])
            elif index % 2:
                day = FIRST_DAY + timedelta(days=number)
                plan.append(Write("day", username, day, _day_values(number, browser)))
            else:
                plan.append(_line(world, username, own, _line_values(number)))
        plans.append((username, plan))
    return plans, deletes


def test_a_worker_killed_mid_write_loses_no_accepted_write_and_half_saves_nothing(
    world, database_url, tmp_path
):
    plans, deletes = _crash_plans(world)
    outcomes = Outcomes()
    killed: list[int] = []
    with live_server(database_url, tmp_path) as server:
        server.wait_for_workers(2, RESPAWN_TIMEOUT_S)

        def kill_a_worker(accepted: int) -> None:
            # Called under the outcomes lock by the browser whose write was accepted.
            if accepted == KILL_AFTER:
                victim = server.worker_pids()[0]
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)
                outcomes.killed.set()

        outcomes.on_accept = kill_a_worker
        cookies = _run_browsers(server, world, plans, outcomes)
        assert killed, f"only {len(outcomes.accepted)} writes accepted" + _explain(outcomes, server)
        server.wait_for_workers(2, RESPAWN_TIMEOUT_S, exclude=set(killed))
        _assert_serves_again(server, world, cookies["alice"])
    explained = _explain(outcomes, server)
    assert outcomes.server_errors == [], explained
    assert outcomes.refused == [], explained
    assert outcomes.accepted_after_kill >= 10, explained  # the other worker kept serving

    with get_database(world.app).session_factory() as session:
        days = _stored_days(session, world)
        lines = _stored_lines(session, world)
        line_counts = dict(
            session.execute(
                select(TrainingSession.id, func.count(WorkoutDetail.id))
                .outerjoin(WorkoutDetail, WorkoutDetail.session_id == TrainingSession.id)
                .group_by(TrainingSession.id)
            ).all()
        )
        assert_database_intact(session)
        assert_derived_data_matches_lines(session)

    unknown = [write for write, _ in outcomes.unknown]
    for write in outcomes.accepted + unknown:
        if write.kind == "day":
            stored = days.get(_day_key(write), [])
            allowed = [[_day_row(write)]] + ([[]] if write in unknown else [])
            assert stored in allowed, (write, stored, explained)
    assert set(days) <= {_day_key(w) for w in outcomes.accepted + unknown if w.kind == "day"}
    for session_id, delete in deletes.items():
        # Gone with all its lines, or still whole: never a session missing some of its lines.
        left = line_counts.get(session_id)
        allowed = {None} if delete in outcomes.accepted else {DOOMED_LINES}
        allowed |= {None, DOOMED_LINES} if delete in unknown else set()
        assert left in allowed, (delete, left, explained)
    accepted_lines = Counter(_line_key(w) for w in outcomes.accepted if w.kind == "line")
    maybe_lines = Counter(_line_key(w) for w in unknown if w.kind == "line")
    # Browsers log lines to their own sessions only; the doomed ones' lines were made before.
    logged_lines = Counter({key: n for key, n in lines.items() if key[1] not in deletes})
    assert accepted_lines <= logged_lines <= accepted_lines + maybe_lines, explained


def _assert_serves_again(server: LiveServer, world: World, cookies: Any) -> None:
    """Fresh connections (the listen queue goes to whichever worker is free) open a day."""
    load_day = payload_for(world.app, (ids.DAILY_DATE, "value"), FIRST_DAY.isoformat())
    for attempt in range(4):
        client = BrowserClient(server.url, f"10.0.1.{attempt}", cookies)
        try:
            reply = client.post_callback(load_day)
        finally:
            client.close()
        assert reply.status_code == 200, f"{reply.status_code} {reply.text[:300]}\n{server.log()}"
