"""Registration, login, logout, CSRF, rate limits and session cookies."""

import logging

import pytest
from sqlalchemy import select

from dashboard_app.database import get_database
from dashboard_app.passwords import hash_password
from db.models import DashboardPreference, User
from tests.helpers import PASSWORD, csrf_token, make_user


def _register(client, **fields):
    data = {
        "username": "bob",
        "email": "Bob@Example.com",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "first_name": "Bob",
        "last_name": "",
    }
    data.update(fields)
    data["csrf_token"] = csrf_token(client, "/register")
    return client.post("/register", data=data)


def _users(app):
    with get_database(app).session_factory() as session:
        return session.scalars(select(User)).all()


def test_register_creates_the_account_logs_in_and_stores_a_lowercase_email(app, client):
    reply = _register(client)
    assert reply.status_code == 302 and reply.headers["Location"] == "/"
    (user,) = _users(app)
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "bob",
        "bob@example.com",
        "Bob",
        None,
    )
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert client.get("/").status_code == 200
    with get_database(app).session_factory() as session:
        assert (
            session.scalar(
                select(DashboardPreference).where(DashboardPreference.user_id == user.id)
            )
            is not None
        )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"username": "x"}, "username", "3-40 letters"),
        ({"email": "not-an-address"}, "email", "@-sign"),
        ({"password": "short", "password_confirm": "short"}, "password", "at least 8"),
        ({"password": "password123", "password_confirm": "password123"}, "password", "most common"),
        ({"password_confirm": "something else entirely"}, "password_confirm", "differ"),
    ],
)
def test_register_shows_each_error_next_to_its_field_and_saves_nothing(
    app, client, fields, field, message
):
    reply = _register(client, **fields)
    assert reply.status_code == 422
    page = reply.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    assert message in page
    assert 'value="Bob"' in page  # what was typed stays
    assert _users(app) == []


def test_register_refuses_taken_username_and_email_case_insensitively(app, client):
    make_user(app, "bob")
    reply = _register(client, username="BOB", email="BOB@example.COM")
    page = reply.get_data(as_text=True)
    assert reply.status_code == 422
    assert "That username is taken" in page
    assert "An account with that email address exists" in page
    assert len(_users(app)) == 1


@pytest.mark.parametrize("login", ["alice", "ALICE", "alice@example.com", "Alice@Example.com"])
def test_login_with_username_or_email(client, auth, user, login):
    reply = auth.login(login)
    assert reply.status_code == 302
    assert client.get("/settings").status_code == 200


def test_wrong_password_is_refused_and_logged_without_the_password(client, auth, user, caplog):
    with caplog.at_level(logging.INFO):
        reply = auth.login("alice", "wrong password guess")
    assert reply.status_code == 401
    assert "do not match an account" in reply.get_data(as_text=True)
    assert f"login failed for user {user.id}" in caplog.text
    assert "wrong password guess" not in caplog.text
    assert client.get("/settings").status_code == 302


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(client, auth, user):
    unknown = auth.login("nobody", PASSWORD)
    wrong = auth.login("alice", "not the password")
    assert unknown.status_code == wrong.status_code == 401


def test_login_returns_to_the_requested_page_but_never_off_site(client, auth, user):
    assert auth.login("alice", next="/settings").headers["Location"] == "/settings"
    auth.logout()
    assert auth.login("alice", next="https://evil.example/").headers["Location"] == "/"


def test_post_without_csrf_token_is_refused(client, user):
    reply = client.post("/login", data={"login": "alice", "password": PASSWORD})
    assert reply.status_code == 400
    assert client.get("/settings").status_code == 302


def test_logout_needs_post_and_ends_the_session(logged_in, auth):
    confirm = logged_in.get("/logout")  # a link to /logout asks, it does not log out
    assert confirm.status_code == 200 and 'action="/logout"' in confirm.get_data(as_text=True)
    assert logged_in.get("/settings").status_code == 200
    reply = auth.logout()
    assert reply.status_code == 302
    assert logged_in.get("/settings").status_code == 302


def test_session_cookie_flags_and_remember_me(client, auth, user):
    reply = auth.login("alice", remember="1")
    cookies = reply.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember_cookie):
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie


def test_session_is_replaced_at_login(client, auth, user):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth.login("alice")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"]


def test_outdated_password_hash_is_upgraded_at_login(app, auth, user):
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    with get_database(app).session_factory() as session:
        session.get(User, user.id).password_hash = weak
        session.commit()
    assert auth.login("alice").status_code == 302
    with get_database(app).session_factory() as session:
        upgraded = session.get(User, user.id).password_hash
    assert upgraded != weak
    assert upgraded.split("$")[3] == hash_password("x").split("$")[3]  # current parameters


def test_rate_limit_storage_follows_redis_url(app_factory):
    limiter = app_factory(REDIS_URL="redis://localhost:6379/15").extensions[
        "metrics_tracker.limiter"
    ]
    assert "redis" in type(limiter._storage).__name__.lower()
    memory = app_factory().extensions["metrics_tracker.limiter"]
    assert "memory" in type(memory._storage).__name__.lower()


def _second_device(app, login="alice", password=PASSWORD, remember=False):
    from tests.helpers import AuthActions

    device = app.test_client()
    extra = {"remember": "1"} if remember else {}
    assert AuthActions(device).login(login, password, **extra).status_code == 302
    return device


def test_a_password_change_logs_out_every_other_device(app, logged_in, user):
    from dashboard_app.ui import ids
    from tests.helpers import callback_response, payload_for, post_callback

    phone = _second_device(app, remember=True)
    fields = ids.SETTINGS_PASSWORD_FIELDS
    payload = payload_for(
        app,
        (ids.SETTINGS_PASSWORD_SAVE, "n_clicks"),
        1,
        {
            (fields["current_password"], "value"): PASSWORD,
            (fields["password"], "value"): "a whole new passphrase",
            (fields["password_confirm"], "value"): "a whole new passphrase",
        },
    )
    assert "Password changed" in str(callback_response(post_callback(logged_in, payload)))
    assert logged_in.get("/settings").status_code == 200  # this browser stays logged in
    assert phone.get("/settings").status_code == 302  # the session cookie is dead...
    with phone.session_transaction() as session:
        session.clear()  # ...and so is the remember-me cookie on its own
    assert phone.get("/settings").status_code == 302


def test_cookies_of_a_deleted_account_never_open_a_new_one(app, user):
    from dashboard_app.services.accounts import delete_account
    from tests.helpers import make_user

    old_device = _second_device(app, remember=True)
    with get_database(app).session_factory() as session:
        assert delete_account(session, user.id, PASSWORD, "127.0.0.1")
        session.commit()
    make_user(app, "carol")  # on SQLite it gets the deleted id back
    assert old_device.get("/settings").status_code == 302
    with old_device.session_transaction() as session:
        session.clear()
    assert old_device.get("/settings").status_code == 302


def test_tampered_login_cookie_ids_are_refused(app, client, user):
    for forged in (f"{user.id}:not-the-token", str(user.id), "", "x" * 500):
        with client.session_transaction() as session:
            session["_user_id"] = forged  # the forms before 0014, and junk
            session["_fresh"] = True
        assert client.get("/settings").status_code == 302, forged


def test_a_password_typed_into_the_name_field_never_reaches_the_log(client, auth, user, caplog):
    with caplog.at_level(logging.INFO):
        auth.login(PASSWORD, "anything")
    assert "login failed for an unknown login name" in caplog.text
    assert PASSWORD not in caplog.text


def test_only_testing_hashes_cheaply_and_production_always_gets_the_rfc_profile(tmp_path):
    from dashboard_app import create_app, passwords

    def hashed_with(environment: str, **extra: str) -> str:
        config = {
            "METRICS_ENV": environment,
            "DATABASE_URL": f"sqlite:///{tmp_path / environment}.db",
            "METRICS_INSTANCE_PATH": str(tmp_path / environment),
            **extra,
        }
        create_app(config)
        return passwords.hash_password("a password").split("$")[3]

    try:
        assert hashed_with("testing") == "m=1024,t=1,p=1"
        production = hashed_with(
            "production", SECRET_KEY="s" * 40, METRICS_BASE_URL="https://tracker.example.com"
        )
        assert production == "m=65536,t=3,p=4"  # RFC 9106 low-memory, even after a testing app
        assert passwords.current_hasher() is passwords.PRODUCTION
        assert hashed_with("development") == "m=65536,t=3,p=4"
    finally:
        passwords.use_environment("testing")  # as the rest of the suite expects
