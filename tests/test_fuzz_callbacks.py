"""Fuzz every Dash callback with junk and malformed requests (issue 9; the API: test_fuzz_api).

Every reply is below 500. A refusal (a 4xx, or a form's red status line) leaves the database
exactly as it was; anything else may save, but never touches the other user's rows, and no
row ever points at another user's row. Runs are derandomized: CI sees the same examples.
"""

from __future__ import annotations

import json
import math
import traceback
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from dashboard_app.database import get_database
from dashboard_app.schemas.daily_log import DailyEntryInput
from dashboard_app.schemas.exercises import ExerciseInput
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services import (
    api_tokens,
    daily_log,
    dashboard,
    exercises,
    workout_lines,
    workouts,
)
from dashboard_app.widget_catalogue import WIDGET_KINDS
from db.base import Base
from db.models import DashboardWidget, Equipment, MuscleGroup
from tests.helpers import make_user

# Written on every authenticated API call (at most once a minute), refused or not.
VOLATILE_COLUMNS = {("api_tokens", "last_used_at")}


def fuzz_settings(examples: int) -> settings:
    """Bounded and reproducible: the same examples on every run and in CI."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=False,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


@dataclass
class Owned:
    """The ids of one user's rows that the fuzz aims payloads at."""

    user_id: int
    token: str
    days: list[str] = field(default_factory=list)
    rows: dict[str, list[int]] = field(default_factory=dict)

    def all_ids(self) -> list[int]:
        return sorted({row_id for ids in self.rows.values() for row_id in ids})


@dataclass
class Seeded:
    alice: Owned
    bob: Owned
    muscle_group_ids: list[int]

    def plausible_ids(self) -> list[int]:
        return sorted({*self.alice.all_ids(), *self.bob.all_ids(), *self.muscle_group_ids})


def _seed_user(session, user_id: int, name: str, day: date, muscle_group_id: int) -> Owned:
    saved = daily_log.save_entry(
        session,
        user_id,
        DailyEntryInput(date=day, weight=61.0, energy_level=8, calories=2100, water=1500),
    )
    created, errors = exercises.create_custom_exercise(
        session, user_id, ExerciseInput(name=f"{name} press", muscle_group_id=muscle_group_id)
    )
    assert created is not None, errors
    session_id = workouts.create_session(
        session,
        user_id,
        SessionInput(date=day, mesocycle=f"{name} block", start_time=time(18), end_time=time(19)),
    )
    line = workout_lines.add_line(
        session,
        user_id,
        session_id,
        LineInput(exercise_id=created["id"], sets=3, reps=5, load_kg=80.0, rir=2),
    )
    assert line.ok, line.errors
    session.commit()
    dashboard.load_widgets(session, user_id)
    view, secret = api_tokens.create_token(session, user_id, f"{name} script")
    session.commit()
    widgets = session.scalars(select(DashboardWidget.id).where(DashboardWidget.user_id == user_id))
    details = workouts.load_session(session, user_id, session_id)["lines"]
    return Owned(
        user_id=user_id,
        token=secret,
        days=[day.isoformat()],
        rows={
            "daily_metrics": [saved.entry["id"]],
            "exercises": [created["id"]],
            "training_sessions": [session_id],
            "workout_details": [line["id"] for line in details],
            "dashboard_widgets": list(widgets),
            "api_tokens": [view.id],
        },
    )


def seed_two_users(app, alice_id: int) -> Seeded:
    """Alice (the logged-in user) and Bob, each with a log, a session, widgets and a token."""
    bob = make_user(app, "bob")
    with get_database(app).session_factory() as session:
        groups = [MuscleGroup(name="Chest"), MuscleGroup(name="Quadriceps")]
        session.add_all([*groups, Equipment(name="Barbell")])
        session.commit()
        group_ids = [group.id for group in groups]
        return Seeded(
            alice=_seed_user(session, alice_id, "alice", date(2026, 1, 5), group_ids[0]),
            bob=_seed_user(session, bob.id, "bob", date(2026, 1, 6), group_ids[1]),
            muscle_group_ids=group_ids,
        )


@dataclass(frozen=True)
class Snapshot:
    """Every row of the database by owner (a user id, or None for shared rows), and breaches."""

    rows: dict[tuple[int | None, str], tuple]
    cross_references: tuple[str, ...]

    def of(self, owner: int | None) -> dict[str, tuple]:
        return {table: rows for (who, table), rows in self.rows.items() if who == owner}

    def differences(self, other: Snapshot, owners=None) -> list[str]:
        keys = {*self.rows, *other.rows}
        return sorted(
            f"{table} of user {who}"
            for who, table in keys
            if (owners is None or who in owners)
            and self.rows.get((who, table)) != other.rows.get((who, table))
        )


def _text(value: Any) -> str:
    return repr(value) if not isinstance(value, float) or math.isfinite(value) else "non-finite"


def take_snapshot(app) -> Snapshot:
    """Every row, owned through user_id, or through the foreign key to a row that has one."""
    owner_by_table: dict[str, dict[Any, int | None]] = {}
    rows: dict[tuple[int | None, str], list] = {}
    breaches = []
    with get_database(app).engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            owners = owner_by_table.setdefault(table.name, {})
            keys = [column.name for column in table.primary_key.columns]
            for row in connection.execute(select(table)):
                values = row._mapping
                owner = _owner(table, values, owner_by_table)
                if len(keys) == 1:
                    owners[values[keys[0]]] = owner
                for fk in table.foreign_keys:
                    parent = owner_by_table.get(fk.column.table.name, {}).get(
                        values[fk.parent.name]
                    )
                    if owner is not None and parent not in (None, owner):
                        breaches.append(
                            f"{table.name} {dict(values)} points at user {parent}'s row"
                        )
                kept = tuple(
                    _text(values[c.name])
                    for c in table.columns
                    if (table.name, c.name) not in VOLATILE_COLUMNS
                )
                rows.setdefault((owner, table.name), []).append(kept)
    frozen = {key: tuple(sorted(items)) for key, items in rows.items()}
    return Snapshot(frozen, tuple(breaches))


def _owner(table, values, owner_by_table) -> int | None:
    if table.name == "users":
        return values["id"]
    if "user_id" in table.c:
        return values["user_id"]
    for fk in table.foreign_keys:
        owner = owner_by_table.get(fk.column.table.name, {}).get(values[fk.parent.name])
        if owner is not None:
            return owner
    return None


def describe_failure(where: str, sent: Any, reply_status: Any, reply_text: str) -> str:
    # A traceback's last lines say where it broke; a reply's first lines say what it is.
    shown = reply_text[-2500:] if reply_status == "exception" else reply_text[:1500]
    return f"\n{where}\npayload: {sent!r}\nreply: {reply_status} {shown}"


def call_safely(send) -> tuple[Any, str | None]:
    """send()'s reply, or None and the traceback when the app raised (a 500 in production)."""
    try:
        return send(), None
    except Exception:  # noqa: BLE001  (any exception is the defect being looked for)
        return None, traceback.format_exc()


# ---- JSON-like junk ------------------------------------------------------------------------

HUGE_INTS = [0, -1, 1, 2, 7, 2**31, -(2**31) - 1, 2**53 + 1, 2**63, 2**70, -(2**70), 10**30]
AWKWARD_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "9" * 400,
    "x" * 5000,
    "1; DROP TABLE users",
    "<script>alert(1)</script>",
    "ÅÄÖ 🏋️ 漢字",
    "\u202e\ufeff",
    "NaN",
    "Infinity",
    "-0",
    "1e309",
    "true",
    "null",
    "{}",
    "[]",
    "../../etc/passwd",
    "%00",
    "widget-1",
    "widget-99999999999999999999",
]
DATE_TEXT = [
    "2026-01-05",
    "2026-01-06",
    "2026-02-30",
    "1899-12-31",
    "2101-01-01",
    "9999-12-31",
    "0001-01-01",
    "2026-1-5",
    "20260105",
    "2026-01-05T07:30",
    "2026-01-05T25:61",
    "2026-01-05T07:30:00+02:00",
    "07:30",
    "24:00",
    "-07:30",
]
WORDS = [
    "kg",
    "lb",
    "cm",
    "in",
    "dark",
    "light",
    "male",
    "female",
    "other",
    "epley",
    "brzycki",
    "7d",
    "30d",
    "90d",
    "365d",
    "all",
    "strong",
    "hevy",
    "fitbit",
    "DELETE",
    "alice",
    "bob",
    "alice block",
    "bob block",
    "/",
    "/daily-log",
    "/workouts/1",
    "/exercises/2",
    "?page=2",
    "data:text/csv;base64,RGF0ZSxXb3Jrb3V0IE5hbWUKMjAyNi0wMS0wMSxBCg==",
    "data:text/csv;base64,!!!",
    *sorted(WIDGET_KINDS),
]


def scalars(seeded: Seeded) -> st.SearchStrategy:
    ids = seeded.plausible_ids()
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from(HUGE_INTS),
        st.floats(),  # nan and ±inf included: Python's JSON parser accepts NaN and Infinity
        st.text(max_size=30),
        st.sampled_from(AWKWARD_TEXT),
        st.sampled_from(DATE_TEXT),
        st.dates().map(date.isoformat),
        st.sampled_from(WORDS),
        st.sampled_from(ids),
        st.sampled_from(ids).map(str),
    )


def junk(seeded: Seeded) -> st.SearchStrategy:
    """JSON-like values: scalars nested in lists and dicts (keys the app might look for)."""
    keys = st.one_of(
        st.text(max_size=8),
        st.sampled_from(["id", "i", "x", "y", "w", "h", "index", "type", "value", "lg", "date"]),
    )
    return st.recursive(
        scalars(seeded),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=8,
    )


def dumps(value: Any) -> bytes:
    """JSON as a client may send it: NaN and Infinity written raw, as Python's parser takes."""
    return json.dumps(value, allow_nan=True).encode()


# ---- Dash callbacks ------------------------------------------------------------------------

CALLBACK_URL = "/_dash-update-component"
JSON_TYPE = "application/json"


@dataclass(frozen=True)
class Sent:
    """One request body: what it is (for the failure message), its bytes, its content type."""

    label: str
    data: bytes
    content_type: str = JSON_TYPE

    def __repr__(self) -> str:
        return f"{self.label}: {self.content_type} {self.data[:3000]!r}"


def server_callbacks(app) -> list[tuple[str, dict]]:
    """(output key, spec) of every callback that runs on the server, the page router included."""
    from dashboard_app.dash_app import DASH_EXTENSION_KEY

    callback_map = app.extensions[DASH_EXTENSION_KEY].callback_map
    return [(key, spec) for key, spec in callback_map.items() if "callback" in spec]


def _output_deps(key: str) -> list[tuple[str, str]]:
    parts = key.strip(".").split("...") if key.startswith("..") else [key]
    return [(part.rsplit(".", 1)[0], part.rsplit(".", 1)[1].split("@")[0]) for part in parts]


def _key(component_id: Any) -> str:
    if isinstance(component_id, dict):
        return json.dumps(component_id, separators=(",", ":"), sort_keys=True)
    return str(component_id)


def callback_body(key: str, spec: dict, value_of, indexes_of, match_index) -> dict[str, Any]:
    """The renderer's body for a callback: every pattern expanded the same way everywhere.

    value_of(component id, property) gives each input's and state's value; indexes_of(type)
    the indexes on the page of an ALL pattern; match_index the index of a MATCH pattern.
    """

    def expand(dep_id: str, prop: str, with_value: bool):
        def one(component_id):
            item = {"id": component_id, "property": prop}
            if with_value:
                item["value"] = value_of(component_id, prop)
            return item

        if not dep_id.startswith("{"):
            return one(dep_id)
        pattern = json.loads(dep_id)
        if pattern["index"] == ["MATCH"]:
            return one({"index": match_index, "type": pattern["type"]})
        return [
            one({"index": index, "type": pattern["type"]}) for index in indexes_of(pattern["type"])
        ]

    outputs = [expand(dep_id, prop, False) for dep_id, prop in _output_deps(key)]
    inputs = [expand(dep["id"], dep["property"], True) for dep in spec["inputs"]]
    flat = [item for dep in inputs for item in (dep if isinstance(dep, list) else [dep])]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": inputs,
        "state": [expand(dep["id"], dep["property"], True) for dep in spec["state"]],
        "changedPropIds": [f"{_key(item['id'])}.{item['property']}" for item in flat[:1]],
    }


def uniform_body(key: str, spec: dict, value: Any, label: str) -> Sent:
    """Every input and state set to value, one component per pattern: the explicit examples."""
    body = callback_body(key, spec, lambda _c, _p: value, lambda _t: [1], 1)
    return Sent(label, dumps(body))


def _malformed(draw, body: dict, seeded: Seeded) -> Sent | None:
    """Nothing (most of the time), or body broken in a way that keeps its outline.

    Bodies of the wrong outline (keys missing, lists that are not lists) are DISPATCH_CRASHES'.
    """
    way = draw(
        st.sampled_from(
            [None] * 18
            + [
                "wrong ids",
                "an input too many",
                "changedPropIds junk",
                "not JSON",
                "not JSON, as text",
            ]
        )
    )
    if way is None:
        return None
    anything = junk(seeded)
    broken = dict(body)
    if way == "wrong ids":
        broken["inputs"] = [
            {**item, "id": draw(anything)} if isinstance(item, dict) else item
            for item in body["inputs"]
        ]
    elif way == "an input too many":
        extra = {"id": draw(st.text(max_size=20)), "property": "value", "value": draw(anything)}
        broken["inputs"] = [*body["inputs"], extra]
    elif way == "changedPropIds junk":
        # Entries that are not text are DISPATCH_CRASHES' (Dash's context assumes text).
        broken["changedPropIds"] = draw(st.lists(st.text(max_size=30), max_size=3) | st.text())
    elif way == "not JSON":
        return Sent(way, draw(st.binary(max_size=200)))
    elif way == "not JSON, as text":
        return Sent(way, dumps(body)[: draw(st.integers(0, 40))], "text/plain")
    return Sent(way, dumps(broken))


@st.composite
def callback_requests(draw, key: str, spec: dict, seeded: Seeded) -> Sent:
    """A body for the callback at key: real ids and properties, junk values; sometimes broken."""
    values = junk(seeded)
    index = st.sampled_from(seeded.plausible_ids()) | scalars(seeded)
    indexes: dict[str, list] = {}

    def value_of(component_id, prop):
        if prop == "id":  # the renderer sends a pattern component's own id
            return draw(st.just(component_id) | values)
        return draw(values)

    def indexes_of(kind):
        return indexes.setdefault(kind, draw(st.lists(index, max_size=3)))

    body = callback_body(key, spec, value_of, indexes_of, draw(index))
    flat = [
        f"{_key(item['id'])}.{item['property']}"
        for dep in body["inputs"]
        for item in (dep if isinstance(dep, list) else [dep])
    ]
    if flat:
        # One input fires a callback (the renderer batches more only now and then).
        changed = st.lists(st.sampled_from(flat), min_size=1, max_size=2)
        body["changedPropIds"] = draw(st.sampled_from(flat).map(lambda one: [one]) | changed)
    return _malformed(draw, body, seeded) or Sent("well-formed", dumps(body))


def _verdicts(tree: Any) -> set[str]:
    """What a callback reply says of a form: "refused" (a red alert or a field marked invalid),
    "accepted" (a green alert)."""
    found = set()
    if isinstance(tree, dict):
        props = tree.get("props")
        if tree.get("type") == "Alert" and isinstance(props, dict):
            found.add({"danger": "refused", "success": "accepted"}.get(props.get("color"), ""))
        if tree.get("invalid") is True:
            found.add("refused")
        for value in tree.values():
            found |= _verdicts(value)
    elif isinstance(tree, list):
        for item in tree:
            found |= _verdicts(item)
    return found


def was_refused(reply) -> bool:
    """A 4xx, or a 200 that refuses a form and accepts nothing."""
    if 400 <= reply.status_code < 500:
        return True
    if reply.status_code != 200 or not reply.is_json:
        return False
    verdicts = _verdicts(reply.get_json(silent=True))
    return "refused" in verdicts and "accepted" not in verdicts


class Ledger:
    """The database as the last example left it, and every failure found so far."""

    def __init__(self, app, seeded: Seeded) -> None:
        self.app, self.seeded, self.failures = app, seeded, []
        self.last: Snapshot | None = None

    def before(self) -> Snapshot:
        last, self.last = self.last, None  # a failed example leaves the next one to look again
        return last or take_snapshot(self.app)

    def check(self, where: str, sent: Any, reply, crash: str | None, before: Snapshot, others):
        """Assert the reply and the database after it; remember the snapshot when all is well."""
        if crash is not None:
            raise AssertionError(describe_failure(where, sent, "exception", crash))
        text = reply.get_data(as_text=True)
        assert reply.status_code < 500, describe_failure(where, sent, reply.status_code, text)
        after = take_snapshot(self.app)
        assert not after.cross_references, describe_failure(
            where, sent, after.cross_references, text
        )
        if was_refused(reply):
            changed = before.differences(after)
            assert not changed, describe_failure(
                where, sent, f"refused but changed {changed}", text
            )
        else:
            changed = before.differences(after, owners=others)
            assert not changed, describe_failure(where, sent, f"changed others' {changed}", text)
        self.last = after


def _fuzz_callback(ledger: Ledger, client, auth, key: str, spec: dict, examples: int) -> None:
    seeded = ledger.seeded

    @fuzz_settings(examples)
    @given(sent=callback_requests(key, spec, seeded))
    @example(sent=uniform_body(key, spec, None, "all None"))
    @example(sent=uniform_body(key, spec, float("nan"), "all NaN"))
    @example(sent=uniform_body(key, spec, 2**70, "all 2**70"))
    @example(sent=uniform_body(key, spec, {}, "all {}"))
    def check(sent: Sent) -> None:
        before = ledger.before()
        reply, crash = call_safely(
            lambda: client.post(CALLBACK_URL, data=sent.data, content_type=sent.content_type)
        )
        ledger.check(f"callback {key}", sent, reply, crash, before, {None, seeded.bob.user_id})
        if reply.status_code == 401:  # a payload logged Alice out: log in for the next one
            auth.login("alice")

    try:
        check()
    except AssertionError as failure:
        ledger.failures.append(str(failure))


CALLBACK_EXAMPLES = {"sqlite": 12, "postgresql": 4}


def backend(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


def test_every_callback_answers_junk_below_500_and_refusals_change_nothing(
    app, logged_in, auth, user, database_url
):
    seeded = seed_two_users(app, user.id)
    # A payload may log Alice out; logging her in again is not what the login limit is for.
    app.extensions["metrics_tracker.limiter"].enabled = False
    callbacks = server_callbacks(app)
    assert len(callbacks) >= 60, [key for key, _spec in callbacks]
    ledger = Ledger(app, seeded)
    for key, spec in callbacks:
        _fuzz_callback(ledger, logged_in, auth, key, spec, CALLBACK_EXAMPLES[backend(database_url)])
    assert not ledger.failures, "\n\n".join(ledger.failures)


def _without(name: str):
    return lambda body: {key: value for key, value in body.items() if key != name}


# The dispatcher of Dash 4.4.1 indexes into the body before checking its outline, so each of
# these raises there (a 500), whichever callback is named: nothing in front of it refuses them
# yet (dashboard_app/dash_app.py refuses only the page router's malformed bodies).
DISPATCH_CRASHES = {
    "no output": _without("output"),
    "no outputs": _without("outputs"),
    "no inputs": _without("inputs"),
    "no state": _without("state"),
    "output a number": lambda body: {**body, "output": 5},
    "output unknown": lambda body: {**body, "output": "nope.children"},
    "outputs text": lambda body: {**body, "outputs": "x"},
    "outputs [1]": lambda body: {**body, "outputs": [1]},
    "outputs {}": lambda body: {**body, "outputs": {"a": 1}},
    "inputs text": lambda body: {**body, "inputs": "x"},
    "inputs [1]": lambda body: {**body, "inputs": [1]},
    "inputs {}": lambda body: {**body, "inputs": {"a": 1}},
    "inputs []": lambda body: {**body, "inputs": []},
    "an input too few": lambda body: {**body, "inputs": body["inputs"][1:]},
    "changedPropIds null": lambda body: {**body, "changedPropIds": None},
    "changedPropIds [null]": lambda body: {**body, "changedPropIds": [None]},
    "changedPropIds [[1]]": lambda body: {**body, "changedPropIds": [[1]]},
    "state text": lambda body: {**body, "state": "x"},
    "state [1]": lambda body: {**body, "state": [1]},
    "a list": lambda body: [body],
    "null": lambda body: None,
    "a string": lambda body: "x",
}
OTHER_SHAPES = {"no changedPropIds": _without("changedPropIds")}


def _post_shapes(app, client, user_id: int, shapes: dict) -> list[str]:
    """Failures of every callback sent each reshaped body (values None, one per pattern)."""
    seeded = seed_two_users(app, user_id)
    ledger = Ledger(app, seeded)
    for shape, reshape in shapes.items():
        for key, spec in server_callbacks(app):
            body = reshape(callback_body(key, spec, lambda _c, _p: None, lambda _t: [1], 1))
            sent = Sent(shape, dumps(body))
            before = ledger.before()
            reply, crash = call_safely(
                lambda sent=sent: client.post(
                    CALLBACK_URL, data=sent.data, content_type=sent.content_type
                )
            )
            others = {None, seeded.bob.user_id}
            try:
                ledger.check(f"callback {key}", sent, reply, crash, before, others)
            except AssertionError as failure:
                ledger.failures.append(str(failure))
    return ledger.failures


def _only_sqlite(database_url: str) -> None:
    if backend(database_url) != "sqlite":
        pytest.skip("Dash reads the body before any query: one backend says it all")


def test_callback_bodies_of_a_wrong_outline_are_refused(app, logged_in, user, database_url):
    _only_sqlite(database_url)
    failures = _post_shapes(app, logged_in, user.id, DISPATCH_CRASHES)
    assert not failures, "\n\n".join(failures[:3]) + f"\n({len(failures)} failures in all)"


def test_callback_bodies_of_other_outlines_are_answered(app, logged_in, user, database_url):
    _only_sqlite(database_url)
    failures = _post_shapes(app, logged_in, user.id, OTHER_SHAPES)
    assert not failures, "\n\n".join(failures)
