"""Account lifecycle: registration checks, password reset tokens, password and e-mail changes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from dashboard_app.passwords import hash_password, verify_password
from dashboard_app.services.users import normalise_email
from db.base import new_session_token, utcnow
from db.models import PasswordResetToken, User

RESET_TOKEN_BYTES = 32
RESET_TOKEN_LIFETIME = timedelta(hours=1)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


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
    token = secrets.token_urlsafe(RESET_TOKEN_BYTES)
    session.add(
        PasswordResetToken(
            user_id=user.id,
            token_hash=_token_hash(token),
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
            PasswordResetToken.token_hash == _token_hash(token),
            PasswordResetToken.used_at.is_(None),
            PasswordResetToken.expires_at > utcnow(),
        )
    )


def set_password(session: Session, user: User, password: str) -> None:
    """Store a new password and kill every outstanding reset token of the user."""
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=utcnow())
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


def change_password(session: Session, user_id: int, current: str, new: str) -> bool:
    """Set a new password if current is right; False (nothing changed) otherwise."""
    user = session.get(User, user_id)
    if not verify_password(user.password_hash, current):
        return False
    set_password(session, user, new)
    return True


def change_email(session: Session, user_id: int, email: str, password: str) -> dict[str, str]:
    """Change the address (password required); field errors, empty on success."""
    user = session.get(User, user_id)
    if not verify_password(user.password_hash, password):
        return {"password": "The password is wrong"}
    email = normalise_email(email)
    taken = session.scalar(select(User.id).where(User.email == email, User.id != user.id))
    if taken:
        return {"email": "Another account uses that address"}
    user.email = email
    return {}


def delete_account(session: Session, user_id: int, password: str) -> bool:
    """Delete the user and, by cascade, every row they own; False if the password is wrong."""
    user = session.get(User, user_id)
    if not verify_password(user.password_hash, password):
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
