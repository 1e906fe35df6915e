"""The exercise library and exercise pages, through real Dash payloads."""

from datetime import date

import pytest
from sqlalchemy import select

from dashboard_app.database import get_database
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.ui import ids
from db.models import Exercise, MuscleGroup, TrainingSession, User, WorkoutDetail
from tests.helpers import AuthActions, callback_response, make_user, payload_for, post_callback

NEW = ids.LIBRARY_FIELDS


@pytest.fixture
def seeded(app, user):
    with get_database(app).session_factory() as session:
        seed_catalogue(session)
        session.commit()
        chest = session.scalar(select(MuscleGroup.id).where(MuscleGroup.name == "Chest"))
        squat = session.scalar(select(Exercise.id).where(Exercise.name == "Barbell Squat"))
    return {"chest": chest, "squat": squat}


def _post(app, client, trigger, value, values=None):
    return callback_response(post_callback(client, payload_for(app, trigger, value, values)))


def _create(app, client, name, muscle):
    values = {
        (NEW["name"], "value"): name,
        (NEW["muscle_group_id"], "value"): muscle,
        (NEW["equipment_id"], "value"): "",
        (NEW["description"], "value"): "",
    }
    return _post(app, client, (ids.LIBRARY_CREATE, "n_clicks"), 1, values)


def test_search_results_are_paged_and_typo_tolerant(app, logged_in, seeded):
    reply = _post(
        app,
        logged_in,
        (ids.LIBRARY_QUERY, "value"),
        "bech press",
        {(ids.LIBRARY_PAGES, "active_page"): 3},
    )
    assert "Bench Press" in str(reply[ids.LIBRARY_RESULTS]["children"][0])
    assert reply[ids.LIBRARY_PAGES]["active_page"] == 1  # a new search starts on page 1
    assert "exercises" in reply[ids.LIBRARY_COUNT]["children"]
    page_two = _post(
        app, logged_in, (ids.LIBRARY_PAGES, "active_page"), 2, {(ids.LIBRARY_QUERY, "value"): ""}
    )
    assert page_two[ids.LIBRARY_PAGES]["max_value"] >= 30
    assert "page 2 of" in page_two[ids.LIBRARY_COUNT]["children"]


def test_filter_options_and_crafted_filters(app, logged_in, seeded):
    options = _post(app, logged_in, (ids.LIBRARY_LOAD, "data"), True)
    muscles = options[ids.LIBRARY_MUSCLE]["options"]
    assert muscles[0] == {"label": "Any", "value": ""} and len(muscles) == 18
    for crafted in ("1 OR 1=1", -3, True, ["1"], {"id": 1}):
        reply = post_callback(
            logged_in,
            payload_for(
                app, (ids.LIBRARY_MUSCLE, "value"), crafted, {(ids.LIBRARY_PAGES, "active_page"): 1}
            ),
        )
        assert reply.status_code == 200


def test_creating_an_exercise_validates_and_opens_its_page(app, logged_in, seeded):
    bad = _create(app, logged_in, " ", str(seeded["chest"]))
    assert bad[NEW["name"]]["invalid"] is True
    no_muscle = _create(app, logged_in, "Floor Fly", "")
    assert "Choose a muscle group" in no_muscle[f"{NEW['muscle_group_id']}-feedback"]["children"]
    taken = _create(app, logged_in, "barbell squat", str(seeded["chest"]))
    assert "library already has" in taken[f"{NEW['name']}-feedback"]["children"]
    done = _create(app, logged_in, "Floor Fly", str(seeded["chest"]))
    href = done[ids.LIBRARY_REDIRECT]["href"]
    assert href.startswith("/exercises/")
    assert logged_in.get(href).status_code == 200
    with get_database(app).session_factory() as session:
        mine = session.scalar(select(Exercise).where(Exercise.name == "Floor Fly"))
        owner = session.get(User, mine.user_id)
    assert owner.username == "alice" and href == f"/exercises/{mine.id}"


def _log(app, exercise_id, name, loads):
    with get_database(app).session_factory() as session:
        alice = session.scalar(select(User).where(User.username == "alice"))
        for day, load in enumerate(loads, start=1):
            workout = TrainingSession(user_id=alice.id, date=date(2026, 3, day))
            session.add(workout)
            session.flush()
            session.add(
                WorkoutDetail(
                    session_id=workout.id,
                    user_id=alice.id,
                    exercise_id=exercise_id,
                    exercise_name=name,
                    sets=3,
                    reps=5,
                    load_weight=load,
                )
            )
        session.commit()


def test_exercise_page_shows_the_users_history_in_their_unit(app, logged_in, seeded):
    _log(app, seeded["squat"], "Barbell Squat", [100, 110])
    with get_database(app).session_factory() as session:
        session.scalar(select(User).where(User.username == "alice")).weight_unit = "lb"
        session.commit()
    reply = _post(app, logged_in, (ids.EXERCISE_ID, "data"), str(seeded["squat"]))
    text = str(reply[ids.EXERCISE_DETAIL]["children"])
    assert "Barbell Squat" in text and "Quadriceps" in text
    assert "272.8 lb" in text  # 110 kg x 5 -> 123.75 kg e1RM (Brzycki)
    assert "02 Mar 2026" in text
    assert reply[ids.EXERCISE_MANAGE]["children"] is None  # catalogue: nothing to manage
    assert reply[ids.EXERCISE_CHARTS["e1rm"]]["figure"]["data"]


def test_other_users_exercises_and_garbage_ids_show_nothing(app, logged_in, seeded):
    make_user(app, "bob")
    bob = app.test_client()
    AuthActions(bob).login("bob")
    created = _create(app, bob, "Bob Press", str(seeded["chest"]))
    bobs_id = created[ids.LIBRARY_REDIRECT]["href"].rsplit("/", 1)[1]
    for crafted in (bobs_id, "abc", "", None, 7.5, "-1"):
        reply = _post(app, logged_in, (ids.EXERCISE_ID, "data"), crafted)
        assert "There is no such exercise" in str(reply[ids.EXERCISE_DETAIL]["children"])
    renamed = _post(
        app,
        logged_in,
        (ids.EXERCISE_RENAME, "n_clicks"),
        1,
        {
            (ids.EXERCISE_ID, "data"): bobs_id,
            (ids.EXERCISE_RENAME_FIELDS["name"], "value"): "Mine now",
        },
    )
    assert "Not renamed" in str(renamed)
    deleted = _post(
        app,
        logged_in,
        (ids.EXERCISE_DELETE_CONFIRM, "n_clicks"),
        1,
        {(ids.EXERCISE_ID, "data"): bobs_id},
    )
    assert "Only your own" in str(deleted)
    with get_database(app).session_factory() as session:
        assert session.get(Exercise, int(bobs_id)).name == "Bob Press"


def test_rename_then_delete_own_exercise_keeps_logged_lines(app, logged_in, seeded):
    created = _create(app, logged_in, "Spoto Press", str(seeded["chest"]))
    exercise_id = created[ids.LIBRARY_REDIRECT]["href"].rsplit("/", 1)[1]
    _log(app, int(exercise_id), "Spoto Press", [80])
    renamed = _post(
        app,
        logged_in,
        (ids.EXERCISE_RENAME, "n_clicks"),
        1,
        {
            (ids.EXERCISE_ID, "data"): exercise_id,
            (ids.EXERCISE_RENAME_FIELDS["name"], "value"): "Spoto Bench",
        },
    )
    assert "Renamed" in str(renamed)
    dialog = _post(
        app,
        logged_in,
        (ids.EXERCISE_DELETE, "n_clicks"),
        1,
        {(ids.EXERCISE_ID, "data"): exercise_id},
    )
    assert dialog[ids.EXERCISE_DELETE_TEXT]["children"] == (
        "Its 1 logged line stays in your sessions under the same name; "
        "its personal records are removed."
    )
    done = _post(
        app,
        logged_in,
        (ids.EXERCISE_DELETE_CONFIRM, "n_clicks"),
        1,
        {(ids.EXERCISE_ID, "data"): exercise_id},
    )
    assert done[ids.EXERCISE_REDIRECT]["href"] == "/exercises"
    with get_database(app).session_factory() as session:
        line = session.scalar(select(WorkoutDetail))
        assert (line.exercise_id, line.exercise_name) == (None, "Spoto Bench")
