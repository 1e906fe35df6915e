"""Logins that end when logged out, and one guard for every password check (issue 22)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from dashboard_app.database import get_database
from dashboard_app.services import api_tokens, password_guard
from dashboard_app.ui import ids
from db.models import ApiToken, LoginSession, PasswordFailure
from tests.helpers import (
    PASSWORD,
    AuthActions,
    callback_response,
    make_user,
    payload_for,
    post_callback,
)

NEW_PASSWORD = "a whole new passphrase"


def _device(app, address="10.0.0.1"):
    """A browser of its own, at its own address."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _login(app, login="alice", password=PASSWORD, address="10.0.0.1", remember=False):
    device = _device(app, address)
    extra = {"remember": "1"} if remember else {}
    return device, AuthActions(device).login(login, password, **extra)


def _is_logged_in(client) -> bool:
    return client.get("/settings").status_code == 200


def _cookie(client, name):
    cookie = client.get_cookie(name)
    return cookie.value if cookie else None


def _count(app, model, *where) -> int:
    with get_database(app).session_factory() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


# Log out.


def test_logging_out_with_remember_me_ends_the_login_everywhere_its_cookies_went(app, user):
    laptop, reply = _login(app, remember=True)
    assert reply.status_code == 302 and _is_logged_in(laptop)
    session_cookie, remember_cookie = _cookie(laptop, "session"), _cookie(laptop, "remember_token")
    assert session_cookie and remember_cookie
    copied_session, copied_remember = _device(app, "10.9.9.9"), _device(app, "10.9.9.8")
    copied_session.set_cookie("session", session_cookie)
    copied_remember.set_cookie("remember_token", remember_cookie)
    assert _is_logged_in(copied_session) and _is_logged_in(copied_remember)

    reply = AuthActions(laptop).logout()
    assert reply.status_code == 302
    deleted = [c for c in reply.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert deleted and "Expires=Thu, 01 Jan 1970" in deleted[0]  # the browser drops it
    assert not _is_logged_in(laptop)
    assert not _is_logged_in(copied_session)  # the server forgot the login itself
    assert not _is_logged_in(copied_remember)
    assert _count(app, LoginSession) == 0


def test_each_login_is_its_own_and_the_settings_list_them_and_log_others_out(app, user):
    laptop, _ = _login(app, address="10.0.0.1")
    phone_headers = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile"}
    phone = _device(app, "10.0.0.2")
    phone.environ_base["HTTP_USER_AGENT"] = phone_headers["User-Agent"]
    AuthActions(phone).login("alice", remember="1")
    tablet, _ = _login(app, address="10.0.0.3")
    AuthActions(tablet).logout()  # one login ends, the others stay
    assert _is_logged_in(laptop) and _is_logged_in(phone) and not _is_logged_in(tablet)

    def logins_card(client, trigger=(ids.LOGINS_LOAD, "data"), value=True, values=None):
        payload = payload_for(app, trigger, value, values)
        return callback_response(post_callback(client, payload))

    listed = str(logins_card(laptop)[ids.LOGINS_LIST])
    assert "this device" in listed and "Chrome on Android" in listed and "remembered" in listed
    with get_database(app).session_factory() as session:
        phone_login = session.scalar(select(LoginSession.id).where(LoginSession.remember))
    # Another account cannot end alice's login by its id.
    make_user(app, "bob")
    bob, _ = _login(app, "bob", address="10.0.0.4")
    crafted = [{"id": {"type": ids.LOGIN_END, "index": phone_login}, "property": "n_clicks"}]
    payload = payload_for(app, (ids.LOGINS_LOAD, "data"), True)
    payload["inputs"][2] = [{**crafted[0], "value": 1}]
    payload["changedPropIds"] = [f'{{"index":{phone_login},"type":"{ids.LOGIN_END}"}}.n_clicks']
    post_callback(bob, payload)
    assert _is_logged_in(phone)
    post_callback(laptop, payload)  # alice's own: ends it
    assert not _is_logged_in(phone) and _is_logged_in(laptop)

    AuthActions(phone).login("alice")
    reply = logins_card(laptop, (ids.LOGINS_END_OTHERS, "n_clicks"), 1)
    assert "Logged out 1 other device." in str(reply[ids.LOGINS_STATUS])
    assert _is_logged_in(laptop) and not _is_logged_in(phone) and _is_logged_in(bob)


def test_anonymous_calls_to_the_logins_card_are_refused(app, client, user):
    client.get("/login")
    payload = payload_for(app, (ids.LOGINS_END_OTHERS, "n_clicks"), 1)
    assert post_callback(client, payload).status_code == 401


# A new password ends the other logins and every API token.


def _change_password(app, client, current, new=NEW_PASSWORD):
    fields = ids.SETTINGS_PASSWORD_FIELDS
    payload = payload_for(
        app,
        (ids.SETTINGS_PASSWORD_SAVE, "n_clicks"),
        1,
        {
            (fields["current_password"], "value"): current,
            (fields["password"], "value"): new,
            (fields["password_confirm"], "value"): new,
        },
    )
    return callback_response(post_callback(client, payload))


def test_a_new_password_ends_other_logins_and_revokes_every_api_token(app, user):
    laptop, _ = _login(app, address="10.0.0.1")
    phone, _ = _login(app, address="10.0.0.2", remember=True)
    with get_database(app).session_factory() as session:
        _view, secret = api_tokens.create_token(session, user.id, "script")
        api_tokens.create_token(session, user.id, "shortcut")
        session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    assert laptop.get("/api/v1/daily-metrics", headers=headers).status_code == 200

    reply = _change_password(app, laptop, PASSWORD)
    status = str(reply[ids.SETTINGS_PASSWORD_STATUS])
    assert "Password changed. Logged out on 1 other device. 2 API tokens revoked" in status
    assert _is_logged_in(laptop) and not _is_logged_in(phone)
    # The token and login lists are asked to load again: they show what the change ended.
    assert reply[ids.TOKEN_LOAD]["data"] == reply[ids.LOGINS_LOAD]["data"]
    assert reply[ids.TOKEN_LOAD]["data"] > 0
    assert laptop.get("/api/v1/daily-metrics", headers=headers).status_code == 401
    assert _count(app, ApiToken, ApiToken.revoked_at.is_(None)) == 0


def test_a_reset_password_ends_every_login_and_api_token(app, user):
    from dashboard_app.services import accounts

    laptop, _ = _login(app)
    with get_database(app).session_factory() as session:
        _view, secret = api_tokens.create_token(session, user.id, "script")
        _user, token = accounts.issue_reset_token(session, "alice@example.com")
        session.commit()
        accounts.reset_password_with_token(session, token, NEW_PASSWORD)
        session.commit()
        assert api_tokens.authenticate(session, secret) is None
    assert not _is_logged_in(laptop)
    assert _count(app, LoginSession) == 0


# The password guard.


def _wrong_logins(app, count, login="alice", address="10.0.0.1"):
    return [_login(app, login, f"wrong {i}", address)[1].status_code for i in range(count)]


def test_login_failures_lock_the_account_at_that_address_and_nobody_else(app, user):
    make_user(app, "bob")
    assert _wrong_logins(app, password_guard.PAIR_LIMIT) == [401] * password_guard.PAIR_LIMIT
    _device_, locked = _login(app, address="10.0.0.1")  # the right password, too late
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 14 * 60
    assert "Too many wrong passwords. Wait 15 minutes" in locked.get_data(as_text=True)
    # The same account from elsewhere, and someone else behind the same address, log in.
    assert _login(app, address="10.0.0.2")[1].status_code == 302
    assert _login(app, "bob", address="10.0.0.1")[1].status_code == 302
    # The lock ends with the window.
    with get_database(app).session_factory() as session:
        session.execute(
            update(PasswordFailure).values(
                failed_at=PasswordFailure.failed_at - password_guard.WINDOW - timedelta(seconds=1)
            )
        )
        session.commit()
    assert _login(app, address="10.0.0.1")[1].status_code == 302


def test_successful_logins_are_never_counted_and_a_success_clears_the_failures(app, user):
    assert {_login(app)[1].status_code for _ in range(25)} == {302}  # a whole gym's NAT
    _wrong_logins(app, password_guard.PAIR_LIMIT - 1)
    assert _login(app)[1].status_code == 302
    assert _count(app, PasswordFailure) == 0
    assert _wrong_logins(app, password_guard.PAIR_LIMIT - 1) == [401] * 4


def test_one_address_trying_many_accounts_is_stopped(app, user):
    names = [f"user{i}" for i in range(password_guard.ADDRESS_LIMIT // 4 + 1)]
    for name in names:
        make_user(app, name)
    codes = []
    for name in names:
        codes += _wrong_logins(app, 4, name, "10.6.6.6")
    assert codes[: password_guard.ADDRESS_LIMIT] == [401] * password_guard.ADDRESS_LIMIT
    assert set(codes[password_guard.ADDRESS_LIMIT :]) == {429}
    assert _login(app, address="10.6.6.6")[1].status_code == 429
    assert _login(app, address="10.0.0.7")[1].status_code == 302


def test_unknown_names_count_for_the_address(app, user):
    codes = _wrong_logins(app, password_guard.ADDRESS_LIMIT + 1, "nobody", "10.5.5.5")
    assert codes[-1] == 429
    assert _count(app, PasswordFailure, PasswordFailure.user_id.is_(None)) == (
        password_guard.ADDRESS_LIMIT
    )


def test_every_worker_sees_the_same_counts(app_factory, user):
    """Two app instances (two gunicorn workers) on one database share the failures."""
    first, second = app_factory(), app_factory()
    _wrong_logins(first, 3)
    _wrong_logins(second, 2)
    assert _login(first)[1].status_code == 429
    assert _login(second)[1].status_code == 429


@pytest.mark.parametrize("form", ["password", "email", "delete"])
def test_settings_password_checks_go_through_the_same_guard(app, user, form):
    laptop, _ = _login(app)
    fields = {
        "password": (ids.SETTINGS_PASSWORD_FIELDS, "current_password", ids.SETTINGS_PASSWORD_SAVE),
        "email": (ids.SETTINGS_EMAIL_FIELDS, "password", ids.SETTINGS_EMAIL_SAVE),
        "delete": (ids.SETTINGS_DELETE_FIELDS, "password", ids.SETTINGS_DELETE_SAVE),
    }[form]
    names, password_field, button = fields
    others = {
        "password": {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
        "email": {"email": "new@example.com"},
        "delete": {"confirm": True},
    }[form]

    def attempt(password):
        values = {(names[password_field], "value"): password}
        values |= {(names[name], "value"): value for name, value in others.items()}
        payload = payload_for(app, (button, "n_clicks"), 1, values)
        reply = callback_response(post_callback(laptop, payload))
        return reply[f"{names[password_field]}-feedback"]["children"]

    messages = [attempt(f"wrong {i}") for i in range(password_guard.PAIR_LIMIT)]
    assert all("wrong" in message for message in messages)
    assert "Too many wrong passwords" in attempt(PASSWORD)  # the right one, refused
    assert _is_logged_in(laptop)  # nothing changed: still logged in, still the old password
    assert _login(app, address="10.0.0.2")[1].status_code == 302
    # The login form of the same account at the same address is locked as well.
    assert _login(app, address="10.0.0.1")[1].status_code == 429


def test_an_email_change_tells_the_old_address(app_factory, user, monkeypatch):
    from dashboard_app import mail

    app = app_factory(MAIL_SERVER="smtp.example.com")
    sent = []
    monkeypatch.setattr(mail, "_send_later", lambda _settings, message, _user: sent.append(message))
    laptop, _ = _login(app)
    fields = ids.SETTINGS_EMAIL_FIELDS
    values = {
        (fields["email"], "value"): "New@Example.com",
        (fields["password"], "value"): PASSWORD,
    }
    reply = callback_response(
        post_callback(laptop, payload_for(app, (ids.SETTINGS_EMAIL_SAVE, "n_clicks"), 1, values))
    )
    assert "new@example.com. A notice went to the old one." in str(reply[ids.SETTINGS_EMAIL_STATUS])
    (notice,) = sent
    assert notice["To"] == "alice@example.com"
    assert "is now new@example.com" in notice.get_content()
