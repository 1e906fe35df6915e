"""Every callback refuses anonymous callers and, for a logged-in user, touches only their rows."""

from datetime import date

import pytest
from sqlalchemy import select

from dashboard_app.dash_app import DASH_EXTENSION_KEY
from dashboard_app.database import get_database
from dashboard_app.services.dashboard import load_widgets
from dashboard_app.services.scope import get_owned, select_owned
from db.base import Base
from db.models import DailyMetric, TrainingSession, User
from tests.helpers import PASSWORD, AuthActions, make_user, post_callback

CRAFTED_VALUES = [
    PASSWORD,
    None,
    1,
    -1,
    True,
    "dark",
    "1; DROP TABLE users",
    ["x"],
    {"id": 1},
    "9" * 400,
]


def _server_callbacks(app):
    dash_app = app.extensions[DASH_EXTENSION_KEY]
    return [(key, spec) for key, spec in dash_app.callback_map.items() if "callback" in spec]


def _payload(key, spec, value):
    def items(deps):
        return [{"id": dep["id"], "property": dep["property"], "value": value} for dep in deps]

    outputs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
        for part in key.strip(".").split("...")
    ]
    inputs = items(spec["inputs"])
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": inputs,
        "state": items(spec["state"]),
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else [],
    }


def _snapshot(app, user_id):
    """Every row the user owns, in every table, as plain tuples."""
    rows = {}
    with get_database(app).session_factory() as session:
        user = session.get(User, user_id)
        rows["users"] = [tuple(getattr(user, c.key) for c in User.__table__.columns)]
        for table in Base.metadata.sorted_tables:
            if "user_id" in table.c:
                result = session.execute(select(table).where(table.c.user_id == user_id))
                rows[table.name] = sorted(tuple(map(str, row)) for row in result)
    return rows


@pytest.fixture
def two_users(app):
    alice = make_user(app, "alice")
    bob = make_user(app, "bob")
    with get_database(app).session_factory() as session:
        session.add_all(
            [
                DailyMetric(user_id=alice.id, date=date(2026, 1, 1), energy_level=8, weight=61.0),
                TrainingSession(user_id=alice.id, date=date(2026, 1, 1), mesocycle_name="A block"),
                DailyMetric(user_id=bob.id, date=date(2026, 1, 1), energy_level=3),
            ]
        )
        session.commit()
        # Alice's widgets get the low ids that crafted values such as 1 point at.
        load_widgets(session, alice.id)
    return alice, bob


def test_there_are_callbacks_to_check(app):
    assert len(_server_callbacks(app)) >= 6


def test_anonymous_callers_are_refused_by_every_callback(app, client, two_users):
    client.get("/login")
    for key, spec in _server_callbacks(app):
        reply = post_callback(client, _payload(key, spec, PASSWORD))
        assert reply.status_code == 401, key


def test_user_b_cannot_read_or_change_user_a_through_any_callback(app, two_users):
    alice, bob = two_users
    # Bob logs in again whenever a payload logged him out (a password change, say); the login
    # rate limit is not what this test is about.
    app.extensions["metrics_tracker.limiter"].enabled = False
    before = _snapshot(app, alice.id)
    callbacks = _server_callbacks(app)
    posted = 0
    client = app.test_client()
    for value in CRAFTED_VALUES:
        for key, spec in callbacks:
            # A login costs a password hash (most of this test's time): only when logged out.
            logged_out = client.get("/_dash-layout").status_code != 200
            if logged_out and AuthActions(client).login("bob").status_code != 302:
                # Only a crafted payload that deleted Bob's own account may stop his logins.
                assert bob_deleted(app, bob.id), (key, value)
                make_user(app, "bob")
                assert AuthActions(client).login("bob").status_code == 302
            reply = post_callback(client, _payload(key, spec, value))
            posted += 1
            # 404: a widget id that is not one of Bob's, refused as if it did not exist.
            status = reply.status_code
            assert status in (200, 204, 400, 404), (key, value, reply.get_data(as_text=True))
            body = reply.get_data(as_text=True)
            assert "alice" not in body and "61.0" not in body and "A block" not in body, key
    assert posted == len(CRAFTED_VALUES) * len(callbacks)
    assert _snapshot(app, alice.id) == before


def bob_deleted(app, bob_id) -> bool:
    with get_database(app).session_factory() as session:
        return session.get(User, bob_id) is None


def test_owned_queries_never_return_another_users_rows(app, two_users):
    alice, bob = two_users
    with get_database(app).session_factory() as session:
        alices_entry = session.scalar(select_owned(DailyMetric, alice.id))
        assert get_owned(session, DailyMetric, alice.id, alices_entry.id) is not None
        assert get_owned(session, DailyMetric, bob.id, alices_entry.id) is None
        assert get_owned(session, DailyMetric, bob.id, str(alices_entry.id)) is None
        assert get_owned(session, DailyMetric, bob.id, True) is None
        bobs = session.scalars(select_owned(DailyMetric, bob.id)).all()
        assert [row.user_id for row in bobs] == [bob.id]
