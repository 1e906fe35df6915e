"""Logins kept on the server: one row per browser's login, so logging out really ends it.

The login's token is in the browser's session cookie (and remember-me cookie); only its
SHA-256 is stored. Deleting the row ends the login wherever its cookies were copied.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from dashboard_app.passwords import token_digest
from dashboard_app.services.scope import get_owned, select_owned
from db.base import utcnow
from db.models import LoginSession, User

TOKEN_BYTES = 32
# How long a login lives without being used: the session cookie's 31 days, or remember-me's
# year (Flask's and Flask-Login's defaults, configured from these).
SESSION_IDLE = timedelta(days=31)
REMEMBERED_IDLE = timedelta(days=365)
# last_seen_at is a day's resolution for the list in the settings: writing it on every
# request would turn every read into a write.
SEEN_EVERY = timedelta(minutes=10)
MAX_USER_AGENT = 200


@dataclass(frozen=True)
class LoginView:
    id: int
    user_agent: str | None
    remember: bool
    created_at: datetime
    last_seen_at: datetime
    is_current: bool


def start_login(session: Session, user_id: int, remember: bool, user_agent: str | None) -> str:
    """A new login of the user; the token to put in the browser's cookies."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        LoginSession(
            user_id=user_id,
            token_hash=token_digest(token),
            remember=remember,
            user_agent=(user_agent or "")[:MAX_USER_AGENT] or None,
        )
    )
    _forget_stale(session, user_id)
    session.flush()
    return token


def _expired(login: LoginSession, now: datetime) -> bool:
    idle = REMEMBERED_IDLE if login.remember else SESSION_IDLE
    return login.last_seen_at + idle < now


def _forget_stale(session: Session, user_id: int) -> None:
    now = utcnow()
    session.execute(
        delete(LoginSession).where(
            LoginSession.user_id == user_id,
            or_(
                LoginSession.last_seen_at < now - REMEMBERED_IDLE,
                and_(
                    LoginSession.remember.is_(False),
                    LoginSession.last_seen_at < now - SESSION_IDLE,
                ),
            ),
        )
    )


def find_login(session: Session, token: str) -> tuple[LoginSession, User] | None:
    """The live login of this token and its active account, or None; marks it seen."""
    if not token or len(token) > 100:
        return None
    found = session.execute(
        select(LoginSession, User)
        .join(User, User.id == LoginSession.user_id)
        .where(LoginSession.token_hash == token_digest(token))
    ).first()
    if found is None:
        return None
    login, user = found
    now = utcnow()
    if not user.is_active or _expired(login, now):
        return None
    if now - login.last_seen_at >= SEEN_EVERY:
        login.last_seen_at = now
    return login, user


def end_login(session: Session, token: str | None) -> None:
    """Log this login out, wherever its cookies are."""
    if token:
        session.execute(delete(LoginSession).where(LoginSession.token_hash == token_digest(token)))


def end_other_logins(session: Session, user_id: int, keep_token: str | None = None) -> int:
    """Log the user out everywhere but the login of keep_token (None: everywhere); how many."""
    query = delete(LoginSession).where(LoginSession.user_id == user_id)
    if keep_token:
        query = query.where(LoginSession.token_hash != token_digest(keep_token))
    return session.execute(query).rowcount


def end_login_by_id(
    session: Session, user_id: int, login_id: object, keep_token: str | None = None
) -> bool:
    """Log out one of the user's logins by its id (never keep_token's); whether one ended."""
    row = get_owned(session, LoginSession, user_id, login_id)
    if row is None or (keep_token and row.token_hash == token_digest(keep_token)):
        return False
    session.delete(row)
    return True


def list_logins(session: Session, user_id: int, current_token: str | None) -> list[LoginView]:
    """The user's live logins, this one first, then the most recently seen."""
    current = token_digest(current_token) if current_token else None
    now = utcnow()
    rows = session.scalars(
        select_owned(LoginSession, user_id).order_by(LoginSession.last_seen_at.desc())
    )
    views = [
        LoginView(
            id=row.id,
            user_agent=row.user_agent,
            remember=row.remember,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            is_current=row.token_hash == current,
        )
        for row in rows
        if not _expired(row, now)
    ]
    return sorted(views, key=lambda view: not view.is_current)
