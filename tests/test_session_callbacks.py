"""A session's page set by set, through the payloads the renderer posts: log, undo, edit,
refuse; add, move, superset and remove blocks; ratings, rest, finish; routines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from dashboard_app.database import get_database
from dashboard_app.schemas.routines import RoutineExerciseInput, RoutineInput
from dashboard_app.services import routines, session_sets
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.ui import ids
from db.models import Exercise, PlannedSet, TrainingSession, User, WorkoutDetail
from tests.helpers import (
    AuthActions,
    callback_response,
    component_key,
    dash_payload,
    make_user,
    post_callback,
)

BENCH = "Barbell Bench Press - Medium Grip"
ROW = "Bent Over Barbell Row"
PRESS = "Seated Dumbbell Press"
PLANK = "Plank"
DAY = date(2026, 3, 10)


@pytest.fixture
def catalogue(app, user) -> dict[str, int]:
    with get_database(app).session_factory() as session:
        seed_catalogue(session)
        session.commit()
        return dict(
            session.execute(
                select(Exercise.name, Exercise.id).where(
                    Exercise.user_id.is_(None), Exercise.name.in_([BENCH, ROW, PRESS, PLANK])
                )
            ).all()
        )


@pytest.fixture
def bob_client(app):
    make_user(app, "bob")
    client = app.test_client()
    assert AuthActions(client).login("bob").status_code == 302
    return client


def _user_id(app, username="alice") -> int:
    with get_database(app).session_factory() as session:
        return session.scalar(select(User.id).where(User.username == username))


def _session_with_plan(app, catalogue, username="alice", day=DAY) -> int:
    """A session of bench (3 sets planned), a row/press superset and planks, as a routine
    started on day plans it (nothing done before: first-time numbers)."""
    with get_database(app).session_factory() as session:
        user_id = _user_id(app, username)
        routine_id, _ = routines.create_routine(
            session,
            user_id,
            RoutineInput(
                name="Upper A",
                mesocycle="Block 1",
                exercises=[
                    RoutineExerciseInput(
                        exercise_id=catalogue[BENCH], target_sets=3, rep_min=6, rep_max=8
                    ),
                    RoutineExerciseInput(
                        exercise_id=catalogue[ROW], target_sets=2, superset_group=1
                    ),
                    RoutineExerciseInput(
                        exercise_id=catalogue[PRESS], target_sets=2, superset_group=1
                    ),
                    RoutineExerciseInput(
                        exercise_id=catalogue[PLANK], target_sets=2, target_seconds=45
                    ),
                ],
            ),
        )
        session_id = routines.start_routine(session, user_id, routine_id, day)
        session.commit()
        return session_id


def _reply(client, payload) -> dict:
    return callback_response(post_callback(client, payload))


def _page(app, client, session_id) -> list[tuple]:
    """The components the blocks callback draws: (id, property, value) of each input."""
    payload = dash_payload(
        app,
        (ids.SESSION_ID, "data"),
        [(ids.SESSION_ID, "data", str(session_id)), (ids.SESSION_CHANGED, "data", 0)],
        output=ids.SESSION_BLOCKS,
    )
    tree = _reply(client, payload)[ids.SESSION_BLOCKS]["children"]
    found = []

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict) and "props" in node:
            props = node["props"]
            if isinstance(props.get("id"), dict):
                for prop in ("value", "data", "n_clicks", "n_submit"):
                    if prop in props:
                        found.append((props["id"], prop, props[prop]))
            for value in props.values():
                walk(value)

    walk(tree)
    return found


def _rows(components) -> list[str]:
    return [c["index"] for c, prop, _v in components if c["type"] == ids.SET_STATE]


def _row(components, key) -> list[tuple]:
    return [(c, p, v) for c, p, v in components if c.get("index") == key]


def _set_payload(app, components, key, trigger="tick", **typed):
    """A set row's callback: the tick tapped (or a field changed) with the values typed."""
    row = []
    for c, p, v in _row(components, key):
        if c["type"] == ids.SET_FIELD and p == "value" and c["field"] in typed:
            v = typed[c["field"]]
        if c["type"] == ids.SET_LOG and trigger == "tick":
            v = 1
        row.append((c, p, v))
    if trigger == "tick":
        triggers = [({"type": ids.SET_LOG, "index": key}, "n_clicks")]
    elif trigger == "enter":
        field = next(iter(typed), "reps")
        triggers = [({"type": ids.SET_FIELD, "index": key, "field": field}, "n_submit")]
        row = [(c, p, 1 if p == "n_submit" and c.get("field") == field else v) for c, p, v in row]
    else:
        triggers = [({"type": ids.SET_FIELD, "index": key, "field": f}, "value") for f in typed]
    return dash_payload(app, triggers, row)


def _logged(app, session_id) -> list[tuple]:
    with get_database(app).session_factory() as session:
        rows = session.scalars(
            select(WorkoutDetail)
            .where(WorkoutDetail.session_id == session_id)
            .order_by(WorkoutDetail.block, WorkoutDetail.position)
        )
        return [
            (r.exercise_name, r.block, r.reps, r.load_weight, r.duration_seconds, r.rir)
            for r in rows
        ]


def _planned(app, session_id) -> list[tuple]:
    with get_database(app).session_factory() as session:
        rows = session.scalars(
            select(PlannedSet)
            .where(PlannedSet.session_id == session_id)
            .order_by(PlannedSet.block, PlannedSet.position)
        )
        return [(r.id, r.block, r.reps, r.load_weight, r.duration_seconds) for r in rows]


def _output(reply, kind, key):
    return reply[component_key({"index": key, "type": kind})]


# The page drawn.


def test_the_blocks_are_the_routines_exercises_with_a_row_per_planned_set(
    app, logged_in, catalogue
):
    session_id = _session_with_plan(app, catalogue)
    page = _page(app, logged_in, session_id)
    keys = _rows(page)
    assert len(keys) == 3 + 2 + 2 + 2 and all(key.startswith("p") for key in keys)
    first = dict(
        ((c.get("field"), c["type"]), v)
        for c, p, v in _row(page, keys[0])
        if p in ("value", "data")
    )
    assert first[("reps", ids.SET_FIELD)] == 8  # first time: the top of the range
    assert first[(None, ids.SET_STATE)] == {"planned": int(keys[0][1:])}
    plank = dict(
        ((c.get("field"), c["type"]), v) for c, p, v in _row(page, keys[-1]) if p == "value"
    )
    assert plank[("time", ids.SET_FIELD)] == "0:45"
    assert ("load", ids.SET_FIELD) not in plank  # a hold has no load to type


def test_another_users_session_draws_nothing_of_theirs(app, logged_in, bob_client, catalogue):
    bobs = _session_with_plan(app, catalogue, "bob")
    for crafted in (str(bobs), bobs, "abc", "-1", None, "", "1.5", "99999999999999"):
        payload = dash_payload(
            app,
            (ids.SESSION_ID, "data"),
            [(ids.SESSION_ID, "data", crafted), (ids.SESSION_CHANGED, "data", 0)],
            output=ids.SESSION_BLOCKS,
        )
        shown = _reply(logged_in, payload)[ids.SESSION_BLOCKS]["children"]
        assert "There is no such session." in str(shown) and "Bench" not in str(shown)


# One tap a set.


def test_a_tap_logs_the_set_as_shown_and_a_second_tap_takes_it_back(app, logged_in, catalogue):
    session_id = _session_with_plan(app, catalogue)
    page = _page(app, logged_in, session_id)
    key = _rows(page)[0]
    reply = _reply(logged_in, _set_payload(app, page, key, load=80))
    state = _output(reply, ids.SET_STATE, key)["data"]
    assert set(state) == {"logged", "rest", "at"} and state["rest"] == 150  # a compound lift
    assert _output(reply, ids.SET_LOG, key)["aria-pressed"] == "true"
    assert _output(reply, ids.SET_ROW, key)["className"] == "set-row set-done"
    assert _logged(app, session_id) == [(BENCH, 0, 8, 80.0, None, None)]
    assert len(_planned(app, session_id)) == 8

    # The row now holds the logged set: its tick takes it back into the plan, values kept.
    logged_row = [(c, p, state if c["type"] == ids.SET_STATE else v) for c, p, v in _row(page, key)]
    undo = _reply(logged_in, _set_payload(app, logged_row, key, load=80))
    assert "planned" in _output(undo, ids.SET_STATE, key)["data"]
    assert _logged(app, session_id) == []
    assert _planned(app, session_id)[0][1:] == (0, 8, 80.0, None)


def test_inside_a_superset_there_is_no_rest_until_the_round_is_done(app, logged_in, catalogue):
    session_id = _session_with_plan(app, catalogue)
    page = _page(app, logged_in, session_id)
    keys = _rows(page)
    row_set, press_set = keys[3], keys[5]  # the first set of each superset exercise
    first = _reply(logged_in, _set_payload(app, page, row_set, load=60))
    assert _output(first, ids.SET_STATE, row_set)["data"]["rest"] == 0
    second = _reply(logged_in, _set_payload(app, page, press_set, load=20))
    assert _output(second, ids.SET_STATE, press_set)["data"]["rest"] == 150


def test_enter_in_a_field_logs_the_set_and_pounds_are_stored_in_kg(app, logged_in, catalogue):
    with get_database(app).session_factory() as session:
        session.scalar(select(User).where(User.username == "alice")).weight_unit = "lb"
        session.commit()
    session_id = _session_with_plan(app, catalogue)
    page = _page(app, logged_in, session_id)
    key = _rows(page)[0]
    _reply(logged_in, _set_payload(app, page, key, trigger="enter", load=225))
    assert _logged(app, session_id) == [(BENCH, 0, 8, pytest.approx(102.058), None, None)]


def test_a_typed_value_is_kept_on_the_planned_set_before_it_is_logged(app, logged_in, catalogue):
    session_id = _session_with_plan(app, catalogue)
    page = _page(app, logged_in, session_id)
    key = _rows(page)[1]
    reply = _reply(logged_in, _set_payload(app, page, key, trigger="value", reps=7))
    assert "planned" in _output(reply, ids.SET_STATE, key)["data"]
    assert _logged(app, session_id) == []
    assert _planned(app, session_id)[1][2] == 7


def test_a_refused_value_is_marked_and_the_stored_set_stays(app, logged_in, catalogue):
    session_id = _session_with_plan(app, catalogue)
    page = _page(app, logged_in, session_id)
    key = _rows(page)[0]
    _reply(logged_in, _set_payload(app, page, key, load=80))
    state = {"logged": _logged_ids(app, session_id)[0]}
    logged_row = [(c, p, state if c["type"] == ids.SET_STATE else v) for c, p, v in _row(page, key)]
    for field, typed, message in (
        ("load", -5, "Load: 0 to 700 kg"),
        ("reps", 0, "Reps: a whole number from 1 to 500"),
        ("reps", 7.5, "Reps: a whole number from 1 to 500"),
        ("rir", 11, "RIR: a whole number from 0 to 10"),
        ("load", "lots", "Load: 0 to 700 kg"),
    ):
        reply = _reply(
            logged_in, _set_payload(app, logged_row, key, trigger="value", **{field: typed})
        )
        text = str(_output(reply, ids.SET_MESSAGE, key)["children"])
        assert message in text and "the stored value is kept" in text, (field, typed)
        marked = {
            name: "is-invalid"
            in reply[component_key({"type": ids.SET_FIELD, "index": key, "field": name})][
                "className"
            ]
            for name in ("load", "reps", "rir", "notes")
        }
        assert marked == {name: name == field for name in marked}, (field, typed)
        assert _logged(app, session_id) == [(BENCH, 0, 8, 80.0, None, None)]
    # A refused tick on a planned set logs nothing.
    other = _rows(page)[1]
    refused = _reply(logged_in, _set_payload(app, page, other, reps=-1))
    assert "nothing was logged" in str(_output(refused, ids.SET_MESSAGE, other)["children"])
    assert len(_logged(app, session_id)) == 1


def _logged_ids(app, session_id) -> list[int]:
    with get_database(app).session_factory() as session:
        return list(
            session.scalars(
                select(WorkoutDetail.id)
                .where(WorkoutDetail.session_id == session_id)
                .order_by(WorkoutDetail.block, WorkoutDetail.position)
            )
        )


def test_a_crafted_row_state_or_another_users_set_changes_nothing(
    app, logged_in, bob_client, catalogue
):
    bobs = _session_with_plan(app, catalogue, "bob")
    bob_page = _page(app, bob_client, bobs)
    bob_key = _rows(bob_page)[0]
    before = _planned(app, bobs)
    for state in (
        {"planned": int(bob_key[1:])},
        {"logged": int(bob_key[1:])},
        {"planned": "1"},
        {"planned": -1},
        {"planned": True},
        {},
        "p1",
        None,
    ):
        row = [
            (c, p, state if c["type"] == ids.SET_STATE else v)
            for c, p, v in _row(bob_page, bob_key)
        ]
        reply = post_callback(logged_in, _set_payload(app, row, bob_key))
        assert reply.status_code in (200, 204), state
        assert "Bench" not in reply.get_data(as_text=True)
    assert _planned(app, bobs) == before and _logged(app, bobs) == []


def test_a_heavier_set_shows_its_records_beside_it(app, logged_in, catalogue):
    earlier = _session_with_plan(app, catalogue, day=DAY - timedelta(days=7))
    page = _page(app, logged_in, earlier)
    _reply(logged_in, _set_payload(app, page, _rows(page)[0], load=80, reps=8))
    session_id = _session_with_plan(app, catalogue)
    page = _page(app, logged_in, session_id)
    key = _rows(page)[0]
    reply = _reply(logged_in, _set_payload(app, page, key, load=85, reps=8))
    message = str(_output(reply, ids.SET_MESSAGE, key)["children"])
    assert "heaviest load" in message and "est. 1RM" in message and "best set volume" in message
    assert "most reps" not in message  # 8 ties 8
    # The next set at the same numbers only ties the set just logged: no record beside it.
    second = _rows(page)[1]
    reply = _reply(logged_in, _set_payload(app, page, second, load=85, reps=8))
    assert "New PR" not in str(_output(reply, ids.SET_MESSAGE, second)["children"])


# The shape of a session.


def _shape(app, client, session_id, trigger, page, exercise=None):
    components = [
        *page,
        (ids.SESSION_ID, "data", str(session_id)),
        (ids.SESSION_CHANGED, "data", 4),
        (ids.SESSION_ADD_EXERCISE, "value", exercise),
    ]
    components.append((trigger, "n_clicks", 1))
    return _reply(client, dash_payload(app, (trigger, "n_clicks"), components))


def test_add_a_set_move_superset_and_remove_blocks(app, logged_in, catalogue):
    session_id = _session_with_plan(app, catalogue)
    page = _page(app, logged_in, session_id)

    def action(block, name):
        return {"type": ids.BLOCK_ACTION, "index": block, "action": name}

    added = _shape(app, logged_in, session_id, action(0, "add_set"), page)
    assert added[ids.SESSION_CHANGED]["data"] == 5
    assert [p[1] for p in _planned(app, session_id)].count(0) == 4  # a copy of the last
    _shape(app, logged_in, session_id, action(3, "up"), _page(app, logged_in, session_id))
    blocks = session_sets_blocks(app, session_id)
    assert [name for name, _group in blocks] == [BENCH, ROW, PLANK, PRESS]
    # The row leaves its superset, and a superset of one (the press) is no superset.
    _shape(app, logged_in, session_id, action(1, "superset"), _page(app, logged_in, session_id))
    assert session_sets_blocks(app, session_id) == [
        (BENCH, None), (ROW, None), (PLANK, None), (PRESS, None)
    ]  # fmt: skip
    _shape(app, logged_in, session_id, action(0, "superset"), _page(app, logged_in, session_id))
    assert session_sets_blocks(app, session_id)[:2] == [(BENCH, 1), (ROW, 1)]
    _shape(app, logged_in, session_id, action(0, "remove"), _page(app, logged_in, session_id))
    assert BENCH not in [name for name, _g in session_sets_blocks(app, session_id)]
    _shape(
        app,
        logged_in,
        session_id,
        ids.SESSION_ADD_BLOCK,
        _page(app, logged_in, session_id),
        catalogue[BENCH],
    )
    assert session_sets_blocks(app, session_id)[-1][0] == BENCH


def session_sets_blocks(app, session_id) -> list[tuple]:
    with get_database(app).session_factory() as session:
        owner = session.get(TrainingSession, session_id)
        return [
            (b.exercise.name, b.superset_group)
            for b in session_sets.session_blocks(session, owner.user_id, session_id)
        ]


def test_a_shape_change_first_keeps_what_the_rows_show(app, logged_in, catalogue):
    session_id = _session_with_plan(app, catalogue)
    page = _page(app, logged_in, session_id)
    key = _rows(page)[1]
    typed = [
        (c, p, 6 if c.get("index") == key and c.get("field") == "reps" and p == "value" else v)
        for c, p, v in page
    ]
    _shape(
        app,
        logged_in,
        session_id,
        {"type": ids.BLOCK_ACTION, "index": 3, "action": "add_set"},
        typed,
    )
    assert _planned(app, session_id)[1][2] == 6


def test_shape_changes_of_another_users_session_change_nothing(
    app, logged_in, bob_client, catalogue
):
    bobs = _session_with_plan(app, catalogue, "bob")
    page = _page(app, bob_client, bobs)
    before = (_planned(app, bobs), session_sets_blocks(app, bobs))
    for name in ("add_set", "up", "down", "superset", "remove"):
        trigger = {"type": ids.BLOCK_ACTION, "index": 1, "action": name}
        _shape(app, logged_in, bobs, trigger, page)
    _shape(app, logged_in, bobs, ids.SESSION_ADD_BLOCK, page, catalogue[BENCH])
    assert (_planned(app, bobs), session_sets_blocks(app, bobs)) == before


# Ratings, rest, finishing.


def test_ratings_go_on_the_blocks_logged_sets(app, logged_in, catalogue):
    session_id = _session_with_plan(app, catalogue)
    page = _page(app, logged_in, session_id)

    def rate(stimulus, fatigue):
        components = [
            ({"type": ids.BLOCK_STIMULUS, "index": 0}, "value", stimulus),
            ({"type": ids.BLOCK_FATIGUE, "index": 0}, "value", fatigue),
            (ids.SESSION_ID, "data", str(session_id)),
        ]
        return post_callback(
            logged_in,
            dash_payload(app, ({"type": ids.BLOCK_STIMULUS, "index": 0}, "value"), components),
        )

    early = callback_response(rate(4, 2))
    assert "Log a set first" in str(early)
    _reply(logged_in, _set_payload(app, page, _rows(page)[0], load=80))
    _reply(logged_in, _set_payload(app, page, _rows(page)[1], load=80))
    saved = callback_response(rate(4, 2))
    assert "Rating saved on 2 sets." in str(saved)
    with get_database(app).session_factory() as session:
        rated = session.execute(
            select(WorkoutDetail.stimulus, WorkoutDetail.fatigue_level).where(
                WorkoutDetail.session_id == session_id
            )
        ).all()
    assert rated == [(4, 2), (4, 2)]
    assert rate(9, 2).status_code == 204  # a crafted rating is no rating
    # The next set logged in the block takes the block's rating with it.
    _reply(logged_in, _set_payload(app, page, _rows(page)[2], load=80))
    with get_database(app).session_factory() as session:
        assert session.scalars(
            select(WorkoutDetail.stimulus).where(WorkoutDetail.session_id == session_id)
        ).all() == [4, 4, 4]


def test_rest_steps_of_fifteen_seconds(app, logged_in, catalogue):
    session_id = _session_with_plan(app, catalogue)
    step = {"type": ids.BLOCK_REST, "index": 0, "step": 15}
    components = [
        (step, "n_clicks", 1),
        ({"type": ids.BLOCK_REST, "index": 0, "step": -15}, "n_clicks", 0),
        (ids.SESSION_ID, "data", str(session_id)),
    ]
    reply = _reply(logged_in, dash_payload(app, (step, "n_clicks"), components))
    assert _output(reply, ids.BLOCK_REST_LABEL, 0)["children"] == "Rest 2:45"
    with get_database(app).session_factory() as session:
        assert set(
            session.scalars(select(PlannedSet.rest_seconds).where(PlannedSet.block == 0))
        ) == {165}


def test_finishing_asks_about_sets_not_done_then_drops_them(app, logged_in, catalogue):
    session_id = _session_with_plan(app, catalogue, day=date.today())
    page = _page(app, logged_in, session_id)
    _reply(logged_in, _set_payload(app, page, _rows(page)[0], load=80))

    def press(button):
        components = [
            (ids.SESSION_WORKOUT_FINISH, "n_clicks", 1),
            (
                ids.SESSION_FINISH_CONFIRM,
                "n_clicks",
                1 if button != ids.SESSION_WORKOUT_FINISH else None,
            ),
            (ids.SESSION_FINISH_CANCEL, "n_clicks", None),
            (ids.SESSION_ID, "data", str(session_id)),
            (ids.SESSION_CHANGED, "data", 1),
        ]
        return _reply(logged_in, dash_payload(app, (button, "n_clicks"), components))

    asked = press(ids.SESSION_WORKOUT_FINISH)
    assert asked[ids.SESSION_FINISH_MODAL]["is_open"] is True
    assert asked[ids.SESSION_FINISH_TEXT]["children"].startswith("8 planned sets not done yet")
    assert len(_planned(app, session_id)) == 8
    done = press(ids.SESSION_FINISH_CONFIRM)
    assert "Workout finished. 8 sets not done were dropped." in str(done)
    assert _planned(app, session_id) == [] and len(_logged(app, session_id)) == 1
    with get_database(app).session_factory() as session:
        row = session.get(TrainingSession, session_id)
        assert row.training_start is not None and row.training_end >= row.training_start


# Routines.


def test_start_a_routine_from_the_workouts_page(app, logged_in, bob_client, catalogue):
    with get_database(app).session_factory() as session:
        bob_routine, _ = routines.create_routine(
            session,
            _user_id(app, "bob"),
            RoutineInput(
                name="Bob's", exercises=[RoutineExerciseInput(exercise_id=catalogue[ROW])]
            ),
        )
        mine, _ = routines.create_routine(
            session,
            _user_id(app),
            RoutineInput(
                name="Mine", exercises=[RoutineExerciseInput(exercise_id=catalogue[BENCH])]
            ),
        )
        session.commit()

    def start(routine_id):
        trigger = {"type": ids.ROUTINE_START, "index": routine_id}
        return post_callback(
            logged_in, dash_payload(app, (trigger, "n_clicks"), [(trigger, "n_clicks", 1)])
        )

    refused = callback_response(start(bob_routine))
    assert "That routine no longer exists." in str(refused)
    started = callback_response(start(mine))
    href = started[ids.WORKOUTS_REDIRECT]["href"]
    session_id = int(href.rsplit("/", 1)[1])
    with get_database(app).session_factory() as session:
        row = session.get(TrainingSession, session_id)
        assert (row.title, row.routine_id, row.user_id) == ("Mine", mine, _user_id(app))
    assert len(_planned(app, session_id)) == 3


def test_the_routine_editor_saves_valid_routines_and_marks_bad_fields(app, logged_in, catalogue):
    fields = ids.ROUTINE_FIELDS
    items = [
        {"exercise_id": catalogue[BENCH], "exercise_name": BENCH, "kind": "weight",
         "target_sets": 3, "rep_min": 6, "rep_max": 8, "target_rir": 2, "target_seconds": None,
         "superset_group": None, "rest_seconds": None},
    ]  # fmt: skip

    def save(name, rep_max=8, weekday="0"):
        components = [
            (ids.ROUTINE_SAVE, "n_clicks", 1),
            (ids.ROUTINE_ID, "data", "new"),
            (ids.ROUTINE_ITEMS, "data", items),
            ({"type": ids.ROUTINE_ITEM_FIELD, "index": 0, "field": "rep_max"}, "value", rep_max),
            (fields["name"], "value", name),
            (fields["mesocycle"], "value", "Block 1"),
            (fields["weekday"], "value", weekday),
            (fields["notes"], "value", ""),
        ]
        return _reply(logged_in, dash_payload(app, (ids.ROUTINE_SAVE, "n_clicks"), components))

    blank = save("  ")
    assert blank[fields["name"]]["invalid"] is True
    bad_range = save("Upper A", rep_max=4)
    assert "The most reps must be at least the fewest" in str(bad_range)
    saved = save("Upper A")
    assert saved[ids.ROUTINE_REDIRECT]["href"] == "/workouts"
    with get_database(app).session_factory() as session:
        listed = routines.list_routines(session, _user_id(app))
    assert [(r["name"], r["weekday"], r["mesocycle"]) for r in listed] == [
        ("Upper A", 0, "Block 1")
    ]
    assert listed[0]["exercises"][0]["rep_max"] == 8


def test_anonymous_calls_to_the_session_page_are_refused(app, client, catalogue):
    session_id = _session_with_plan(app, catalogue)
    key = f"p{_planned(app, session_id)[0][0]}"
    trigger = {"type": ids.SET_LOG, "index": key}
    state = ({"type": ids.SET_STATE, "index": key}, "data", {"planned": int(key[1:])})
    in_session = (ids.SESSION_ID, "data", str(session_id))

    def click(button):
        return dash_payload(app, (button, "n_clicks"), [(button, "n_clicks", 1), in_session])

    payloads = [
        dash_payload(app, (trigger, "n_clicks"), [(trigger, "n_clicks", 1), state]),
        click(ids.SESSION_ADD_BLOCK),
        click(ids.SESSION_WORKOUT_FINISH),
    ]
    for payload in payloads:
        assert post_callback(client, payload).status_code == 401
    assert _logged(app, session_id) == [] and len(_planned(app, session_id)) == 9
