"""Workouts: the sessions list, a session's page and the records page, through real payloads."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from dashboard_app.dash_app import DASH_EXTENSION_KEY
from dashboard_app.database import get_database
from dashboard_app.schemas.exercises import ExerciseInput
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services import exercises, workout_lines, workouts
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.ui import ids
from db.models import Exercise, MuscleGroup, PersonalRecord, TrainingSession, User, WorkoutDetail
from tests.helpers import AuthActions, callback_response, make_user, post_callback

NEW = ids.WORKOUTS_FIELDS
DETAILS = ids.SESSION_FIELDS
SQUAT = "Barbell Squat"
BENCH = "Barbell Bench Press - Medium Grip"
DEADLIFT = "Barbell Deadlift"
NOT_FOUND = "Session not found"


# Data, written through the services as another part of the app would.


@pytest.fixture
def catalogue(app, user) -> dict[str, int]:
    """The exercise catalogue seeded; the ids of the exercises these tests log."""
    with get_database(app).session_factory() as session:
        seed_catalogue(session)
        session.commit()
        rows = session.execute(
            select(Exercise.name, Exercise.id).where(
                Exercise.user_id.is_(None), Exercise.name.in_([SQUAT, BENCH, DEADLIFT])
            )
        )
        found = dict(rows.all())
    assert set(found) == {SQUAT, BENCH, DEADLIFT}
    return found


@pytest.fixture
def bob(app) -> None:
    """A second user, 'bob', whose rows the logged-in 'alice' must never see or change."""
    make_user(app, "bob")


@pytest.fixture
def bob_client(app, bob):
    """A client logged in as 'bob'."""
    client = app.test_client()
    assert AuthActions(client).login("bob").status_code == 302
    return client


def _user_id(app, username: str) -> int:
    with get_database(app).session_factory() as session:
        return session.scalar(select(User.id).where(User.username == username))


def _set_unit(app, unit: str, username: str = "alice") -> None:
    with get_database(app).session_factory() as session:
        session.scalar(select(User).where(User.username == username)).weight_unit = unit
        session.commit()


def _new_session(app, username, day, mesocycle=None, number=None, **fields) -> int:
    with get_database(app).session_factory() as session:
        data = SessionInput(date=day, mesocycle=mesocycle, session_number=number, **fields)
        session_id = workouts.create_session(session, _user_id(app, username), data)
        session.commit()
        return session_id


def _add_line(app, username, session_id, exercise_id, sets=3, reps=5, load=100.0, **fields):
    with get_database(app).session_factory() as session:
        data = LineInput(exercise_id=exercise_id, sets=sets, reps=reps, load_kg=load, **fields)
        change = workout_lines.add_line(session, _user_id(app, username), session_id, data)
        assert change.errors == {}
        session.commit()
        return change.line_id


def _custom_exercise(app, username, name) -> int:
    with get_database(app).session_factory() as session:
        chest = session.scalar(select(MuscleGroup.id).where(MuscleGroup.name == "Chest"))
        created, errors = exercises.create_custom_exercise(
            session, _user_id(app, username), ExerciseInput(name=name, muscle_group_id=chest)
        )
        assert errors == {}
        session.commit()
        return created["id"]


def _sessions(app, username="alice") -> list[tuple]:
    with get_database(app).session_factory() as session:
        rows = session.scalars(
            select(TrainingSession)
            .join(User, TrainingSession.user_id == User.id)
            .where(User.username == username)
            .order_by(TrainingSession.id)
        )
        return [(r.id, r.date, r.mesocycle_name, r.session_number) for r in rows]


def _lines(app, username="alice") -> list[tuple]:
    """(id, session id, exercise id, sets, reps, load kg, rir, warm-up) of the user's lines."""
    with get_database(app).session_factory() as session:
        rows = session.scalars(
            select(WorkoutDetail)
            .join(User, WorkoutDetail.user_id == User.id)
            .where(User.username == username)
            .order_by(WorkoutDetail.id)
        )
        return [
            (r.id, r.session_id, r.exercise_id, r.sets, r.reps, r.load_weight, r.rir, r.is_warmup)
            for r in rows
        ]


def _records(app, record_type: str, username="alice") -> list[tuple]:
    """(session id, value, day) of the user's stored records of one type, in training order."""
    with get_database(app).session_factory() as session:
        rows = session.scalars(
            select(PersonalRecord)
            .join(User, PersonalRecord.user_id == User.id)
            .where(User.username == username, PersonalRecord.record_type == record_type)
            .order_by(PersonalRecord.date, PersonalRecord.id)
        )
        return [(r.session_id, r.record_value, r.date) for r in rows]


def _today(app, username="alice") -> date:
    with get_database(app).session_factory() as session:
        zone = session.scalar(select(User.timezone).where(User.username == username))
    return datetime.now(ZoneInfo(zone)).date()


# Payloads.


def _post(app, client, trigger, value, values=None, output=None):
    return post_callback(client, _payload(app, trigger, value, values, output))


def _reply(app, client, trigger, value, values=None, output=None):
    return callback_response(_post(app, client, trigger, value, values, output))


def _pattern_id(kind: str, index) -> str:
    return json.dumps({"index": index, "type": kind}, separators=(",", ":"), sort_keys=True)


def _payload(app, trigger, value, values=None, output=None):
    """The payload of the callback trigger fires, as the renderer posts it.

    trigger: (id, property); output: an id the callback must update, to choose between
    callbacks with the same input. An ALL input (the records page's histories) is an empty list.
    """
    values = dict(values or {})
    component, prop = trigger
    values[trigger] = value
    changed = f"{component}.{prop}"
    callback_map = app.extensions[DASH_EXTENSION_KEY].callback_map
    found = [
        (key, spec)
        for key, spec in callback_map.items()
        if "callback" in spec
        and (output is None or f"{output}." in key)
        and component
        in {
            json.loads(dep["id"])["type"] if dep["id"].startswith("{") else dep["id"]
            for dep in spec["inputs"]
        }
    ]
    if len(found) != 1:
        raise LookupError(f"{len(found)} server callbacks match {trigger} and output {output}")
    for key, spec in found:

        def item(dep):
            return {
                "id": dep["id"],
                "property": dep["property"],
                "value": values.get((dep["id"], dep["property"])),
            }

        inputs = []
        for dep in spec["inputs"]:
            if dep["id"].startswith("{"):
                inputs.append([])
            else:
                inputs.append(item(dep))
        parts = key.strip(".").split("...") if key.startswith("..") else [key]
        outputs = [
            {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1].split("@")[0]}
            for part in parts
        ]
        return {
            "output": key,
            "outputs": outputs if key.startswith("..") else outputs[0],
            "inputs": inputs,
            "state": [item(dep) for dep in spec["state"]],
            "changedPropIds": [changed],
        }
    raise AssertionError("unreachable")


def _new_form(**typed):
    values = {(field_id, "value"): "" for field_id in NEW.values()}
    values[(NEW["session_number"], "value")] = None
    for name, value in typed.items():
        values[(NEW[name], "value")] = value
    return values


def _create(app, client, **typed):
    return _reply(app, client, (ids.WORKOUTS_CREATE, "n_clicks"), 1, _new_form(**typed))


def _details_form(session_id, changed=0, **typed):
    values = {(ids.SESSION_ID, "data"): str(session_id), (ids.SESSION_CHANGED, "data"): changed}
    for name, field_id in DETAILS.items():
        values[(field_id, "value")] = typed.get(name, None if name == "session_number" else "")
    return values


def _status(reply, status_id) -> str:
    """The message of a status alert (dbc.Alert with text children)."""
    alert = reply[status_id]["children"]
    assert alert["type"] == "Alert", alert
    return alert["props"]["children"]


def _flags(reply, fields) -> dict[str, bool]:
    return {name: reply[field_id]["invalid"] for name, field_id in fields.items()}


def _feedback(reply, fields) -> dict[str, str]:
    return {name: reply[ids.feedback_id(field_id)]["children"] for name, field_id in fields.items()}


# Anonymous callers.


def test_anonymous_callers_are_refused_and_nothing_changes(app, client, catalogue):
    session_id = _new_session(app, "alice", date(2026, 3, 10), "Block A", 1)
    line_id = _add_line(app, "alice", session_id, catalogue[SQUAT])
    posts = [
        _post(
            app, client, (ids.WORKOUTS_PAGES, "active_page"), 1, {(ids.WORKOUTS_LOAD, "data"): 1}
        ),
        _post(app, client, (ids.WORKOUTS_NEW, "n_clicks"), 1),
        _post(app, client, (NEW["mesocycle"], "value"), "Block A"),
        _post(app, client, (ids.WORKOUTS_CREATE, "n_clicks"), 1, _new_form(date="2026-03-11")),
        _post(
            app,
            client,
            (ids.WORKOUTS_REPEAT, "n_clicks"),
            1,
            {(ids.WORKOUTS_REPEAT_MESOCYCLE, "value"): "Block A"},
        ),
        _post(app, client, (ids.SESSION_ID, "data"), str(session_id), output=ids.SESSION_TITLE),
        _post(
            app,
            client,
            (ids.SESSION_SAVE, "n_clicks"),
            1,
            _details_form(session_id, date="2026-01-01"),
        ),
        _post(
            app,
            client,
            (ids.SESSION_DELETE_CONFIRM, "n_clicks"),
            1,
            {(ids.SESSION_ID, "data"): str(session_id)},
        ),
        _post(app, client, (ids.RECORDS_QUERY, "value"), "", {(ids.RECORDS_LOAD, "data"): True}),
    ]
    assert [reply.status_code for reply in posts] == [401] * len(posts)
    assert {reply.get_json()["error"] for reply in posts} == {"authentication required"}
    assert _sessions(app) == [(session_id, date(2026, 3, 10), "Block A", 1)]
    assert _lines(app) == [(line_id, session_id, catalogue[SQUAT], 3, 5, 100.0, None, False)]


# The sessions list and the new-session dialog.


def test_dialog_opens_with_today_and_latest_mesocycle_and_suggests_the_next_number(
    app, logged_in, bob
):
    _new_session(app, "alice", date(2026, 3, 1), "Block A", 1)
    _new_session(app, "alice", date(2026, 3, 3), "Block A", 2)
    _new_session(app, "alice", date(2026, 3, 5), "Block B", 1)
    _new_session(app, "bob", date(2026, 3, 9), "Bob block", 7)

    opened = _reply(app, logged_in, (ids.WORKOUTS_NEW, "n_clicks"), 1)
    assert opened == {
        ids.WORKOUTS_MODAL: {"is_open": True},
        NEW["date"]: {"value": _today(app).isoformat()},
        NEW["mesocycle"]: {"value": "Block B"},
    }
    cancelled = _reply(
        app, logged_in, (ids.WORKOUTS_CANCEL, "n_clicks"), 1, {(ids.WORKOUTS_NEW, "n_clicks"): 1}
    )
    assert cancelled == {ids.WORKOUTS_MODAL: {"is_open": False}}

    picker = _reply(
        app, logged_in, (ids.WORKOUTS_LOAD, "data"), True, output=ids.WORKOUTS_REPEAT_MESOCYCLE
    )
    assert picker[ids.WORKOUTS_REPEAT_MESOCYCLE] == {
        "options": [
            {"label": "Block B", "value": "Block B"},
            {"label": "Block A", "value": "Block A"},
        ],
        "value": "Block B",
    }

    def suggested(mesocycle):
        reply = _reply(app, logged_in, (NEW["mesocycle"], "value"), mesocycle)
        return reply[NEW["session_number"]]["value"]

    assert suggested("Block A") == 3
    assert suggested("  Block   A ") == 3  # typed with stray spaces: the same mesocycle
    assert suggested("Block B") == 2
    assert suggested("A new block") == 1
    assert suggested("Bob block") == 1  # another user's mesocycle is not this user's
    assert suggested("") == 1
    assert suggested(None) == 1


def test_creating_a_session_opens_its_page_and_bad_input_is_refused_at_its_field(app, logged_in):
    refused = [
        (
            {"date": "2026-02-30"},
            "date",
            "Input should be a valid date or datetime, day value is outside expected range",
        ),
        ({"date": ""}, "date", "Input should be a valid date"),
        ({"date": "1850-01-01"}, "date", "Choose a day between 1900 and 2100"),
        (
            {"end_time": "19:00"},
            "start_time",
            "Enter when the session started, or clear the finish",
        ),
        ({"session_number": 0}, "session_number", "Input should be greater than or equal to 1"),
    ]
    for typed, field, message in refused:
        reply = _create(app, logged_in, **{"date": "2026-03-10", **typed})
        assert _flags(reply, NEW) == {name: name == field for name in NEW}, typed
        assert _feedback(reply, NEW) == {name: message if name == field else "" for name in NEW}
        assert _status(reply, ids.WORKOUTS_STATUS) == "Not started yet."
        assert ids.WORKOUTS_REDIRECT not in reply
    assert _sessions(app) == []

    reply = _create(
        app,
        logged_in,
        date="2026-03-10",
        mesocycle="  Hypertrophy   A ",
        session_number=4,
        start_time="18:00",
        end_time="19:15",
        notes="  ",
    )
    ((session_id, day, mesocycle, number),) = _sessions(app)
    assert reply[ids.WORKOUTS_REDIRECT]["href"] == f"/workouts/{session_id}"
    assert (day, mesocycle, number) == (date(2026, 3, 10), "Hypertrophy A", 4)
    assert set(_flags(reply, NEW).values()) == {False}
    assert set(_feedback(reply, NEW).values()) == {""}
    assert reply[ids.WORKOUTS_STATUS]["children"] == ""
    with get_database(app).session_factory() as session:
        row = session.get(TrainingSession, session_id)
        owner = session.get(User, row.user_id).username
        times = (row.training_start, row.training_end, row.notes)
    assert owner == "alice"
    assert times == (datetime(2026, 3, 10, 18, 0), datetime(2026, 3, 10, 19, 15), None)
    assert logged_in.get(f"/workouts/{session_id}").status_code == 200


def _listed(app, client, page):
    reply = _reply(
        app, client, (ids.WORKOUTS_PAGES, "active_page"), page, {(ids.WORKOUTS_LOAD, "data"): True}
    )
    hrefs = [item["props"]["href"] for item in reply[ids.WORKOUTS_LIST]["children"]]
    pages = reply[ids.WORKOUTS_PAGES]
    return hrefs, reply[ids.WORKOUTS_COUNT]["children"], pages["max_value"], pages["active_page"]


def test_sessions_list_is_paged_and_shows_only_the_users_own(app, logged_in, bob_client):
    empty = "No sessions yet: start one with “New session”."
    assert _listed(app, logged_in, 1) == ([], empty, 1, 1)
    alices = [
        _new_session(app, "alice", date(2026, 1, day), "Block A", day) for day in range(1, 22)
    ]
    bobs = _new_session(app, "bob", date(2026, 1, 5), "Bob block", 1)

    newest_first = [f"/workouts/{i}" for i in reversed(alices)]
    assert _listed(app, logged_in, 1) == (newest_first[:20], "21 sessions · page 1 of 2", 2, 1)
    assert _listed(app, logged_in, 2) == (newest_first[20:], "21 sessions · page 2 of 2", 2, 2)
    for crafted in (None, "2", True, 0, -4, 2.5):
        assert _listed(app, logged_in, crafted)[1:] == ("21 sessions · page 1 of 2", 2, 1)
    assert _listed(app, bob_client, 1) == ([f"/workouts/{bobs}"], "1 session", 1, 1)
    first = _reply(app, logged_in, (ids.WORKOUTS_LOAD, "data"), True, output=ids.WORKOUTS_LIST)
    assert "Block A · #21" in str(first[ids.WORKOUTS_LIST]["children"][0])
    assert "Bob block" not in str(first)


def test_a_page_past_the_last_shows_the_last_page(app, logged_in):
    for day in range(1, 22):
        _new_session(app, "alice", date(2026, 1, day))
    hrefs, count, pages, active = _listed(app, logged_in, 3)
    assert (len(hrefs), count, pages, active) == (1, "21 sessions · page 2 of 2", 2, 2)


def test_repeat_last_session_starts_the_next_number_today(app, logged_in, bob):
    _new_session(app, "alice", date(2026, 3, 1), "Block A", 1)
    _new_session(app, "alice", date(2026, 3, 4), "Block A", 2)
    _new_session(app, "bob", date(2026, 3, 4), "Bob block", 5)
    before_bob = _sessions(app, "bob")

    def repeat(mesocycle):
        return _reply(
            app,
            logged_in,
            (ids.WORKOUTS_REPEAT, "n_clicks"),
            1,
            {(ids.WORKOUTS_REPEAT_MESOCYCLE, "value"): mesocycle},
        )

    done = repeat("Block A")
    created = _sessions(app)[-1]
    assert done == {
        ids.WORKOUTS_REPEAT_STATUS: {"children": ""},
        ids.WORKOUTS_REDIRECT: {"href": f"/workouts/{created[0]}"},
    }
    assert created[1:] == (_today(app), "Block A", 3)

    for crafted in ("No such block", "Bob block", "", None, 7, ["Block A"], "Block A" + "x" * 80):
        refused = repeat(crafted)
        assert (
            _status(refused, ids.WORKOUTS_REPEAT_STATUS) == "Choose one of your mesocycles first."
        )
        assert ids.WORKOUTS_REDIRECT not in refused
    assert len(_sessions(app)) == 3
    assert _sessions(app, "bob") == before_bob


# A session's page.


def test_details_move_records_and_deleting_a_session_touches_only_the_users_own(
    app, logged_in, bob, catalogue
):
    first = _new_session(app, "alice", date(2026, 3, 1), "Block A", 1)
    _add_line(app, "alice", first, catalogue[SQUAT], 3, 5, 100.0)
    second = _new_session(app, "alice", date(2026, 3, 8), "Block A", 2)
    _add_line(app, "alice", second, catalogue[SQUAT], 3, 5, 110.0)
    bobs = _new_session(app, "bob", date(2026, 3, 5), "Bob block", 1)
    _add_line(app, "bob", bobs, catalogue[SQUAT])
    assert _records(app, "max_load") == [
        (first, 100.0, date(2026, 3, 1)),
        (second, 110.0, date(2026, 3, 8)),
    ]

    def save(session_id, **typed):
        values = _details_form(session_id, changed=7, **typed)
        return _reply(app, logged_in, (ids.SESSION_SAVE, "n_clicks"), 1, values)

    moved = save(second, date="2026-02-20", mesocycle="Block A", session_number=2)
    assert _status(moved, ids.SESSION_STATUS) == "Details saved."
    assert moved[ids.SESSION_CHANGED]["data"] == 8
    assert set(_flags(moved, DETAILS).values()) == {False}
    # The heavier session now came first: the lighter one after it sets no record.
    assert _records(app, "max_load") == [(second, 110.0, date(2026, 2, 20))]
    assert _records(app, "e1rm") == [(second, pytest.approx(123.75), date(2026, 2, 20))]

    bad = save(first, date="2026-03-01", end_time="10:00")
    assert _flags(bad, DETAILS) == {name: name == "start_time" for name in DETAILS}
    assert _status(bad, ids.SESSION_STATUS) == "Not saved."
    assert ids.SESSION_CHANGED not in bad
    foreign = save(bobs, date="2026-01-01", mesocycle="Hijacked")
    assert _status(foreign, ids.SESSION_STATUS) == "No such session."
    assert ids.SESSION_CHANGED not in foreign
    assert _sessions(app) == [
        (first, date(2026, 3, 1), "Block A", 1),
        (second, date(2026, 2, 20), "Block A", 2),
    ]

    dialog = _reply(app, logged_in, (ids.SESSION_DELETE, "n_clicks"), 1)
    assert dialog == {ids.SESSION_DELETE_MODAL: {"is_open": True}}
    kept = _reply(
        app,
        logged_in,
        (ids.SESSION_DELETE_CANCEL, "n_clicks"),
        1,
        {(ids.SESSION_DELETE, "n_clicks"): 1},
    )
    assert kept == {ids.SESSION_DELETE_MODAL: {"is_open": False}}

    def confirm(target):
        values = {(ids.SESSION_ID, "data"): target}
        return _reply(app, logged_in, (ids.SESSION_DELETE_CONFIRM, "n_clicks"), 1, values)

    for crafted in (str(bobs), bobs, "abc", None, "-1"):
        refused = confirm(crafted)
        assert refused[ids.SESSION_DELETE_MODAL]["is_open"] is False
        assert _status(refused, ids.SESSION_STATUS) == "No such session."
        assert ids.SESSION_REDIRECT not in refused
    assert _sessions(app, "bob") == [(bobs, date(2026, 3, 5), "Bob block", 1)]
    assert len(_lines(app, "bob")) == 1
    assert _records(app, "max_load", "bob") == [(bobs, 100.0, date(2026, 3, 5))]

    done = confirm(str(second))
    assert done == {
        ids.SESSION_DELETE_MODAL: {"is_open": False},
        ids.SESSION_REDIRECT: {"href": "/workouts"},
    }
    assert [row[0] for row in _sessions(app)] == [first]
    assert [line[1] for line in _lines(app)] == [first]
    # Without the heavier session, the lighter one holds the record again.
    assert _records(app, "max_load") == [(first, 100.0, date(2026, 3, 1))]


# The records page.


def test_records_page_lists_the_users_exercises_and_filters_by_name(
    app, logged_in, bob_client, catalogue
):
    first = _new_session(app, "alice", date(2026, 3, 1))
    _add_line(app, "alice", first, catalogue[BENCH], 3, 8, 60.0)
    later = _new_session(app, "alice", date(2026, 3, 8))
    _add_line(app, "alice", later, catalogue[SQUAT], 3, 5, 100.0)
    _add_line(app, "bob", _new_session(app, "bob", date(2026, 3, 9)), catalogue[DEADLIFT])

    def records(query, client=logged_in):
        reply = _reply(
            app, client, (ids.RECORDS_QUERY, "value"), query, {(ids.RECORDS_LOAD, "data"): True}
        )
        listed = reply[ids.RECORDS_LIST]["children"]
        titles = (
            [item["props"]["title"] for item in listed["props"]["children"]]
            if listed["type"] == "Accordion"
            else []
        )
        if listed["type"] == "Alert":
            titles = [listed["props"]["children"]]
        return titles, reply[ids.RECORDS_COUNT]["children"]

    assert records("") == (
        ["Barbell Squat · 112.5 kg e1RM", f"{BENCH} · 74.5 kg e1RM"],
        "2 exercises with records",
    )
    assert records(None) == records("")
    assert records("squat") == (["Barbell Squat · 112.5 kg e1RM"], "1 of 2 exercises with records")
    assert records("  SQUAT ") == records("squat")
    assert records("deadlift") == (
        ["No exercise with records matches “deadlift”."],
        "0 of 2 exercises with records",
    )
    assert records("", bob_client) == ([f"{DEADLIFT} · 112.5 kg e1RM"], "1 exercise with records")


def _histories(client, opened, shown):
    """Open accordion items (exercise ids) on a records page that shows `shown` exercises."""

    def history_id(exercise_id):
        return {"index": exercise_id, "type": ids.RECORDS_HISTORY}

    payload = {
        "output": f"{_pattern_id(ids.RECORDS_HISTORY, ['ALL'])}.children",
        "outputs": [{"id": history_id(e), "property": "children"} for e in shown],
        "inputs": [
            {
                "id": ids.RECORDS_ACCORDION,
                "property": "active_item",
                "value": [f"records-{e}" for e in opened],
            }
        ],
        "state": [[{"id": history_id(e), "property": "id", "value": history_id(e)} for e in shown]],
        "changedPropIds": [f"{ids.RECORDS_ACCORDION}.active_item"],
    }
    return post_callback(client, payload)


def test_records_history_is_built_only_for_opened_exercises_and_only_the_users(
    app, logged_in, bob_client, catalogue
):
    first = _new_session(app, "alice", date(2026, 3, 1))
    _add_line(app, "alice", first, catalogue[SQUAT], 3, 5, 100.0)
    later = _new_session(app, "alice", date(2026, 3, 8))
    _add_line(app, "alice", later, catalogue[SQUAT], 3, 5, 105.0)
    _add_line(app, "alice", later, catalogue[BENCH], 3, 8, 60.0)
    _add_line(app, "bob", _new_session(app, "bob", date(2026, 3, 9)), catalogue[DEADLIFT])
    squat, bench, deadlift = catalogue[SQUAT], catalogue[BENCH], catalogue[DEADLIFT]

    reply = callback_response(_histories(logged_in, [squat], [squat, bench]))
    assert list(reply) == [_pattern_id(ids.RECORDS_HISTORY, squat)]  # the closed one is left
    rows = reply[_pattern_id(ids.RECORDS_HISTORY, squat)]["children"]["props"]["children"][1]
    texts = [
        [cell["props"]["children"] for cell in row["props"]["children"]]
        for row in rows["props"]["children"]
    ]
    assert texts[:4] == [
        # A record names the set that made it: one of the three sets of 5 x 105 kg.
        ["08 Mar 2026", "est. 1RM", "118.1 kg", "5 × 105 kg"],
        ["08 Mar 2026", "heaviest load", "105 kg", "5 × 105 kg"],
        ["08 Mar 2026", "best set volume", "525 kg", "5 × 105 kg"],
        ["08 Mar 2026", "best session volume", "1,575 kg", ""],
    ]
    assert len(texts) == 9 and texts[-1][0] == "01 Mar 2026"

    # Bob asking for Alice's squat history gets an empty table, never her records.
    crafted = callback_response(_histories(bob_client, [squat, deadlift], [squat, deadlift]))
    assert (
        crafted[_pattern_id(ids.RECORDS_HISTORY, squat)]["children"]["props"]["children"][1][
            "props"
        ]["children"]
        == []
    )
    assert "112.5 kg" in str(crafted[_pattern_id(ids.RECORDS_HISTORY, deadlift)])
    assert _histories(logged_in, ["x"], [squat]).status_code == 204


def test_a_request_that_does_not_match_the_callback_is_a_400_not_a_500(app, logged_in):
    payload = {
        "output": f"{_pattern_id(ids.RECORDS_HISTORY, ['ALL'])}.children",
        "outputs": {"id": "records-list", "property": "children"},  # not the ALL outputs
        "inputs": [{"id": ids.RECORDS_ACCORDION, "property": "active_item", "value": ["x"]}],
        "state": [[]],
        "changedPropIds": [f"{ids.RECORDS_ACCORDION}.active_item"],
    }
    reply = post_callback(logged_in, payload)
    assert reply.status_code == 400
    assert reply.get_json() == {"error": "the request does not match the callback's definition"}
