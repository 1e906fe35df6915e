"""Personal API tokens: created and shown once, stored as a SHA-256, listed, revoked."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dashboard_app.passwords import token_digest
from dashboard_app.services.scope import get_owned, select_owned
from db.base import utcnow
from db.models import ApiToken, User

MAX_TOKENS = 20
TOKEN_PREFIX = "mt_"
# last_used_at is written at most this often, so a busy script does not write on every call.
USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenView:
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None


def _view(row: ApiToken) -> TokenView:
    return TokenView(row.id, row.name, row.prefix, row.created_at, row.last_used_at)


def create_token(session: Session, user_id: int, name: str) -> tuple[TokenView, str] | None:
    """A new token and its secret (shown once, never stored); None at MAX_TOKENS live tokens."""
    if len(list_tokens(session, user_id)) >= MAX_TOKENS:
        return None
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user_id, name=name, token_hash=token_digest(secret), prefix=secret[:10])
    session.add(row)
    session.flush()
    return _view(row), secret


def list_tokens(session: Session, user_id: int) -> list[TokenView]:
    """The user's live tokens, newest first."""
    rows = session.scalars(
        select_owned(ApiToken, user_id)
        .where(ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return [_view(row) for row in rows]


def revoke_token(session: Session, user_id: int, token_id: object) -> bool:
    """Revoke one of the user's tokens; False if it is not a live token of theirs."""
    row = get_owned(session, ApiToken, user_id, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    return True


def revoke_all_tokens(session: Session, user_id: int) -> int:
    """Revoke every live token of the user (their password changed); how many."""
    return session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    ).rowcount


def authenticate(session: Session, secret: str) -> int | None:
    """The id of the active user whose live token this is; None for anything else."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    row = session.execute(
        select(ApiToken, User.is_active)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == token_digest(secret), ApiToken.revoked_at.is_(None))
    ).first()
    if row is None or not row.is_active:
        return None
    token = row.ApiToken
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > USE_RESOLUTION:
        token.last_used_at = now
    return token.user_id
