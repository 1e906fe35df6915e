"""Forgotten passwords: enumeration-proof request, single-use expiring token, real mail."""

import logging
import re
import socket
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from dashboard_app.database import get_database
from dashboard_app.services import accounts
from db.base import utcnow
from db.models import PasswordResetToken
from tests.helpers import PASSWORD, csrf_token

NEW_PASSWORD = "a brand new passphrase"
LINK = re.compile(r"https?://[^/\s]+(/reset-password/[A-Za-z0-9_-]+)")


def _request_reset(client, email):
    return client.post(
        "/forgot-password",
        data={"email": email, "csrf_token": csrf_token(client, "/forgot-password")},
    )


def _open(client, path):
    """Follow a reset link: the token moves into the session, the address loses it."""
    reply = client.get(path)
    assert reply.status_code == 302 and reply.headers["Location"] == "/reset-password"
    return client.get("/reset-password")


def _set_password(client, path, password=NEW_PASSWORD, confirm=None):
    _open(client, path)
    return client.post(
        "/reset-password",
        data={
            "password": password,
            "password_confirm": confirm or password,
            "csrf_token": csrf_token(client, "/forgot-password"),
        },
    )


def _tokens(app):
    with get_database(app).session_factory() as session:
        return session.scalars(select(PasswordResetToken)).all()


def test_unknown_and_known_addresses_get_the_same_answer(app, client, user):
    unknown = _request_reset(client, "nobody@example.com")
    known = _request_reset(client, "ALICE@example.com")
    assert unknown.status_code == known.status_code == 302
    assert unknown.headers["Location"] == known.headers["Location"]
    assert len(_tokens(app)) == 1


def test_reset_link_is_logged_without_mail_and_works_exactly_once(app, client, auth, user, caplog):
    with caplog.at_level(logging.WARNING):
        _request_reset(client, "alice@example.com")
    path = LINK.search(caplog.text).group(1)
    token = path.rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes, base64url
    (stored,) = _tokens(app)
    assert stored.token_hash != token and token not in stored.token_hash
    assert stored.expires_at - utcnow() <= timedelta(hours=1)

    assert _open(client, path).status_code == 200
    assert _set_password(client, path).headers["Location"] == "/login"
    assert auth.login("alice", PASSWORD).status_code == 401
    assert auth.login("alice", NEW_PASSWORD).status_code == 302
    assert _open(client, path).status_code == 410
    assert _set_password(client, path, "yet another passphrase").status_code == 410


def test_new_password_is_validated_and_the_token_is_kept_until_used(app, client, user, caplog):
    with caplog.at_level(logging.WARNING):
        _request_reset(client, "alice@example.com")
    path = LINK.search(caplog.text).group(1)
    reply = _set_password(client, path, "password1", "password1")
    assert reply.status_code == 422
    assert "most common" in reply.get_data(as_text=True)
    assert _open(client, path).status_code == 200


def test_expired_token_is_refused(app, client, user, caplog):
    with caplog.at_level(logging.WARNING):
        _request_reset(client, "alice@example.com")
    path = LINK.search(caplog.text).group(1)
    with get_database(app).session_factory() as session:
        session.execute(
            update(PasswordResetToken).values(expires_at=utcnow() - timedelta(seconds=1))
        )
        session.commit()
    assert _open(client, path).status_code == 410


def test_only_the_newest_link_works_and_a_new_password_kills_every_link(app, user):
    with get_database(app).session_factory() as session:
        _, first = accounts.issue_reset_token(session, "alice@example.com")
        _, second = accounts.issue_reset_token(session, "alice@example.com")
        session.commit()
        assert accounts.find_valid_reset_token(session, first) is None  # a newer one was sent
        with pytest.raises(LookupError):
            accounts.reset_password_with_token(session, first, NEW_PASSWORD)
        accounts.reset_password_with_token(session, second, NEW_PASSWORD)
        session.commit()
        assert accounts.find_valid_reset_token(session, second) is None
        _, third = accounts.issue_reset_token(session, "alice@example.com")
        assert accounts.change_password(
            session, user.id, NEW_PASSWORD, "third passphrase here", "127.0.0.1"
        )
        session.commit()
        assert accounts.find_valid_reset_token(session, third) is None
        with pytest.raises(LookupError):
            accounts.reset_password_with_token(session, third, "whatever passphrase")


def test_expired_and_used_tokens_can_be_purged(app, user):
    with get_database(app).session_factory() as session:
        accounts.issue_reset_token(session, "alice@example.com")  # used up by the next
        _, used = accounts.issue_reset_token(session, "alice@example.com")
        accounts.reset_password_with_token(session, used, NEW_PASSWORD)
        _, live = accounts.issue_reset_token(session, "alice@example.com")
        session.commit()
        assert accounts.purge_expired_reset_tokens(session) == 2
        session.commit()
        assert session.scalar(select(func.count()).select_from(PasswordResetToken)) == 1
        assert accounts.find_valid_reset_token(session, live) is not None


def test_reset_requests_are_rate_limited(client, user):
    codes = [_request_reset(client, "alice@example.com").status_code for _ in range(6)]
    assert codes == [302] * 5 + [429]


class _Inbox:
    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def test_reset_link_arrives_by_real_mail_and_never_in_the_log(app_factory, smtp_server, caplog):
    port, inbox = smtp_server
    app = app_factory(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(port),
        MAIL_USE_TLS="false",
        MAIL_FROM="tracker@example.com",
    )
    from tests.helpers import AuthActions, make_user

    make_user(app, "alice")
    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        _request_reset(client, "alice@example.com")
    for _ in range(100):  # the mail leaves from a background thread
        if inbox.messages:
            break
        time.sleep(0.05)
    (envelope,) = inbox.messages
    assert envelope.mail_from == "tracker@example.com"
    assert envelope.rcpt_tos == ["alice@example.com"]
    body = envelope.content.decode()
    assert "Subject: Reset your Metrics Tracker password" in body
    path = LINK.search(body).group(1)
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("dashboard_app"))
    assert "password reset requested for user" in ours
    assert path.rsplit("/", 1)[1] not in ours
    assert _set_password(client, path).status_code == 302
    assert AuthActions(client).login("alice", NEW_PASSWORD).status_code == 302


def test_a_forged_host_header_never_reaches_the_link(app_factory, caplog):
    from tests.helpers import make_user

    app = app_factory(METRICS_BASE_URL="https://tracker.example.com")
    make_user(app, "alice")
    client = app.test_client()
    forged = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    page = client.get("/forgot-password", headers=forged).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    with caplog.at_level(logging.WARNING):
        reply = client.post(
            "/forgot-password",
            data={"email": "alice@example.com", "csrf_token": token},
            headers=forged,
        )
    assert reply.status_code == 302
    assert "https://tracker.example.com/reset-password/" in caplog.text
    assert "evil.example" not in caplog.text
