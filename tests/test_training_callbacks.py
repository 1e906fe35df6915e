"""The training page's callback over real Dash payloads: the demo user's report, crafted values."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from dashboard_app.database import get_database
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.demo import DEFAULT_DEMO_PASSWORD, create_demo_user
from dashboard_app.ui import ids
from tests.helpers import AuthActions, callback_response, payload_for, post_callback

TRIGGER = (ids.TRAINING_MESOCYCLE, "value")


@pytest.fixture
def demo(app, prepared):
    """A client logged in as the demo user (200 days ending today)."""
    today = datetime.now(UTC).date()

    def build(session):
        seed_catalogue(session)
        create_demo_user(session, days=200, end=today, seed=3)

    prepared(get_database(app).engine, f"training-demo-{today}", build)
    client = app.test_client()
    assert AuthActions(client).login("demo", DEFAULT_DEMO_PASSWORD).status_code == 302
    return client


def _page(app, client, value):
    response = callback_response(post_callback(client, payload_for(app, TRIGGER, value)))
    return response[ids.TRAINING_MESOCYCLE], json.dumps(response[ids.TRAINING_CONTENT])


def test_the_demo_users_current_block_shows_suggestions_with_reasons(app, demo):
    select, content = _page(app, demo, None)
    names = [option["value"] for option in select["options"]]
    assert select["value"] == names[0] and len(names) >= 4
    assert "Next week" in content
    assert "training-suggestion" in content
    assert "sets stay" in content or "more set" in content
    assert "Readiness" in content and "Deload check" in content
    assert "Finished blocks side by side" in content


def test_an_older_block_is_shown_when_chosen(app, demo):
    select, _content = _page(app, demo, None)
    older = select["options"][2]["value"]
    select, content = _page(app, demo, older)
    assert select["value"] == older
    assert f"{older}: " in content and "current block" not in content


def test_a_user_without_blocks_is_told_what_to_log(app, logged_in):
    select, content = _page(app, logged_in, None)
    assert select == {"options": [], "value": None}
    assert "No mesocycles yet" in content and "mesocycle name" in content


@pytest.mark.parametrize(
    "value", [["Strength block 1"], 1, 3.5, {"name": "x"}, "", "Strength block 1' OR 1=1"]
)
def test_crafted_values_never_fail_or_show_another_users_blocks(app, demo, logged_in, value):
    demo_select, _content = _page(app, demo, value)
    assert demo_select["value"] == demo_select["options"][0]["value"]  # the current block
    select, content = _page(app, logged_in, value)
    assert select == {"options": [], "value": None}
    assert "No mesocycles yet" in content
    assert not [option for option in demo_select["options"] if option["value"] in content]


def test_another_users_block_name_shows_only_ones_own(app, demo, logged_in):
    select, _content = _page(app, demo, None)
    for theirs in (select["options"][-1]["value"], select["options"][0]["value"]):
        mine, content = _page(app, logged_in, theirs)
        assert mine == {"options": [], "value": None}
        assert theirs not in content


def test_a_block_without_sets_says_so_instead_of_failing(app, logged_in, user):
    from datetime import date

    from dashboard_app.database import get_database
    from dashboard_app.schemas.workouts import SessionInput
    from dashboard_app.services.workouts import create_session

    with get_database(app).session_factory() as session:
        create_session(
            session, user.id, SessionInput(date=date(2026, 3, 2), mesocycle="Empty block")
        )
        session.commit()
    reply = post_callback(logged_in, payload_for(app, (ids.TRAINING_MESOCYCLE, "value"), None))
    assert "No sets logged in Empty block yet" in str(callback_response(reply))
