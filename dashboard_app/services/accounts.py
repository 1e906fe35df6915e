"""Account lifecycle: registration checks, password reset tokens, password and e-mail changes."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from dashboard_app.passwords import hash_password, token_digest
from dashboard_app.services.api_tokens import revoke_all_tokens
from dashboard_app.services.logins import end_other_logins
from dashboard_app.services.password_guard import check_password
from dashboard_app.services.users import normalise_email
from db.base import utcnow
from db.models import PasswordResetToken, User

RESET_TOKEN_BYTES = 32
RESET_TOKEN_LIFETIME = timedelta(hours=1)


def register_conflicts(session: Session, username: str, email: str) -> dict[str, str]:
    """Field errors for a username or e-mail address that an account already uses."""
    errors = {}
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        errors["username"] = "That username is taken"
    if session.scalar(select(User.id).where(User.email == normalise_email(email))):
        errors["email"] = "An account with that email address exists; log in or reset its password"
    return errors


def issue_reset_token(session: Session, email: str) -> tuple[User, str] | None:
    """A new single-use token for the account with this address (None when there is none).

    Only the token's SHA-256 is stored; the caller sends the token itself and commits.
    """
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or not user.is_active:
        return None
    _use_up_reset_tokens(session, user.id)  # only the newest link works
    token = secrets.token_urlsafe(RESET_TOKEN_BYTES)
    session.add(
        PasswordResetToken(
            user_id=user.id,
            token_hash=token_digest(token),
            expires_at=utcnow() + RESET_TOKEN_LIFETIME,
        )
    )
    session.flush()
    return user, token


def find_valid_reset_token(session: Session, token: str) -> PasswordResetToken | None:
    """The stored token for this value if it is unused and unexpired."""
    if not token or len(token) > 200:
        return None
    return session.scalar(
        select(PasswordResetToken).where(
            PasswordResetToken.token_hash == token_digest(token),
            PasswordResetToken.used_at.is_(None),
            PasswordResetToken.expires_at > utcnow(),
        )
    )


def _use_up_reset_tokens(session: Session, user_id: int) -> None:
    session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user_id, PasswordResetToken.used_at.is_(None))
        .values(used_at=utcnow())
    )


@dataclass(frozen=True)
class PasswordChange:
    """What a new password ended: the account's other logins and its API tokens."""

    logins_ended: int
    tokens_revoked: int


def set_password(
    session: Session, user: User, password: str, keep_login: str | None = None
) -> PasswordChange:
    """Store a new password; end every login but keep_login's, every API token and reset link.

    Whoever knew the old password may hold a login or a token made with it: none survives.
    """
    user.password_hash = hash_password(password)
    _use_up_reset_tokens(session, user.id)
    return PasswordChange(
        logins_ended=end_other_logins(session, user.id, keep_login),
        tokens_revoked=revoke_all_tokens(session, user.id),
    )


def reset_password_with_token(session: Session, token: str, password: str) -> User:
    """Use a valid token once to set a new password; raise LookupError for a bad token."""
    stored = find_valid_reset_token(session, token)
    if stored is None:
        raise LookupError("reset token is invalid, used or expired")
    # Claimed with a conditional UPDATE: of two requests racing with one token, one wins.
    claimed = session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.id == stored.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if claimed.rowcount != 1:
        raise LookupError("reset token was used a moment ago")
    user = session.get(User, stored.user_id)
    set_password(session, user, password)
    return user


def change_password(
    session: Session,
    user_id: int,
    current: str,
    new: str,
    address: str | None,
    keep_login: str | None = None,
) -> PasswordChange | None:
    """Set a new password if current is right (see set_password); None, nothing changed, if not.

    current goes through the password guard (PasswordLocked while its limits are reached).
    """
    user = session.get(User, user_id)
    if not check_password(session, user, current, address):
        return None
    return set_password(session, user, new, keep_login)


def change_email(
    session: Session, user_id: int, email: str, password: str, address: str | None
) -> dict[str, str]:
    """Change the address (password required, through the guard); field errors, or none.

    The caller tells the old address (mail.send_email_changed) once this is committed.
    """
    user = session.get(User, user_id)
    if not check_password(session, user, password, address):
        return {"password": "The password is wrong"}
    email = normalise_email(email)
    taken = session.scalar(select(User.id).where(User.email == email, User.id != user.id))
    if taken:
        return {"email": "Another account uses that address"}
    user.email = email
    return {}


def delete_account(session: Session, user_id: int, password: str, address: str | None) -> bool:
    """Delete the user and, by cascade, every row they own; False if the password is wrong.

    The password goes through the guard (PasswordLocked while its limits are reached).
    """
    user = session.get(User, user_id)
    if not check_password(session, user, password, address):
        return False
    session.execute(delete(User).where(User.id == user_id))
    return True


def purge_expired_reset_tokens(session: Session) -> int:
    """Remove tokens that can no longer be used; returns how many."""
    result = session.execute(
        delete(PasswordResetToken).where(
            (PasswordResetToken.expires_at <= utcnow()) | PasswordResetToken.used_at.is_not(None)
        )
    )
    return result.rowcount
