"""The volume landmarks editor through real callback payloads: save, reset, errors, isolation."""

from __future__ import annotations

import pytest

from dashboard_app.analytics.training_readiness import VOLUME_LANDMARKS, VolumeLandmarks
from dashboard_app.database import get_database
from dashboard_app.services import volume_landmarks
from dashboard_app.ui import ids
from tests.helpers import callback_response, make_user, pattern_payload, post_callback

FIELDS = ids.LANDMARK_FIELDS


def _post(app, client, trigger, muscle, mv=None, mev=None, mrv=None, changed=0):
    values = {
        (ids.LANDMARK_MUSCLE, "value"): muscle,
        (ids.LANDMARKS_CHANGED, "data"): changed,
        (FIELDS["mv"], "value"): mv,
        (FIELDS["mev"], "value"): mev,
        (FIELDS["mrv"], "value"): mrv,
    }
    value = muscle if trigger == ids.LANDMARK_MUSCLE else 1
    payload = pattern_payload(
        app, (trigger, "value" if value is muscle else "n_clicks"), value, values=values
    )
    return callback_response(post_callback(client, payload))


def _landmarks(app, user_id):
    with get_database(app).session_factory() as session:
        return volume_landmarks.user_landmarks(session, user_id)


def test_choosing_a_muscle_shows_its_default(app, logged_in, user):
    reply = _post(app, logged_in, ids.LANDMARK_MUSCLE, "chest")
    chest = VOLUME_LANDMARKS["chest"]
    assert [reply[FIELDS[n]]["value"] for n in ("mv", "mev", "mrv")] == [
        round(chest.mv),
        round(chest.mev),
        round(chest.mrv),
    ]
    assert reply[ids.LANDMARK_STATUS]["children"] == "The default."


def test_saving_own_landmarks_changes_only_that_users_and_reset_restores(app, logged_in, user):
    bob = make_user(app, "bob")
    reply = _post(app, logged_in, ids.LANDMARK_SAVE, "chest", 6, 9, 18)
    assert reply[ids.LANDMARKS_CHANGED]["data"] == 1  # the report reloads with them
    assert "Your own" in reply[ids.LANDMARK_STATUS]["children"]
    assert _landmarks(app, user.id)["chest"] == VolumeLandmarks(6, 9, 18)
    assert _landmarks(app, bob.id)["chest"] == VOLUME_LANDMARKS["chest"]
    reply = _post(app, logged_in, ids.LANDMARK_RESET, "chest", changed=1)
    assert reply[ids.LANDMARKS_CHANGED]["data"] == 2
    assert _landmarks(app, user.id)["chest"] == VOLUME_LANDMARKS["chest"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ((6, 4, 18), "mev"),
        ((6, 9, 8), "mrv"),
        ((-1, 9, 18), "mv"),
        ((6, 9, 99), "mrv"),
        ((6, "x", 18), "mev"),
    ],
)
def test_impossible_landmarks_are_shown_at_the_field_and_not_saved(
    app, logged_in, user, values, field
):
    reply = _post(app, logged_in, ids.LANDMARK_SAVE, "chest", *values)
    assert reply[FIELDS[field]]["invalid"] is True
    assert reply[f"{FIELDS[field]}-feedback"]["children"]
    assert _landmarks(app, user.id)["chest"] == VOLUME_LANDMARKS["chest"]


@pytest.mark.parametrize("muscle", [None, ["chest"], "spleen", 7])
def test_a_crafted_muscle_saves_and_resets_nothing(app, logged_in, user, muscle):
    for trigger in (ids.LANDMARK_SAVE, ids.LANDMARK_RESET):
        reply = _post(app, logged_in, trigger, muscle, 1, 2, 3)
        assert "choose a muscle group" in reply[ids.LANDMARK_STATUS]["children"]
        assert ids.LANDMARKS_CHANGED not in reply
    with get_database(app).session_factory() as session:
        assert volume_landmarks.own_landmark_muscles(session, user.id) == set()


def test_the_report_uses_the_users_own_landmarks(app, logged_in, user):
    from dashboard_app.services.training import training_report

    _post(app, logged_in, ids.LANDMARK_SAVE, "chest", 6, 9, 18)
    with get_database(app).session_factory() as session:
        assert training_report(session, user.id).landmarks["chest"] == VolumeLandmarks(6, 9, 18)
