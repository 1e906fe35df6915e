"""One guard for every password check: the login, and the password a settings change asks for.

Failures only are counted, as django-axes does, in the database so that every worker and
machine sees the same counts, with or without Redis. Three limits, each over the last
WINDOW:
- one account from one address (PAIR_LIMIT): stops guessing at one account, and locks
  nobody else, not even others behind the same NAT;
- one address over any accounts (ADDRESS_LIMIT, higher): stops trying one password on many
  accounts; a neighbour on the same NAT must fail this often on purpose to lock it, and the
  lock lasts until the window has passed;
- one account from anywhere (ACCOUNT_LIMIT, highest): slows guessing spread over many
  addresses.
While a limit is reached the password is not even checked, so a guess cannot succeed; the
wait is until the oldest counted failure leaves the window. A right password clears the
account's failures from that address.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from dashboard_app.passwords import verify_password
from db.base import utcnow
from db.models import PasswordFailure, User

WINDOW = timedelta(minutes=15)
PAIR_LIMIT = 5
ADDRESS_LIMIT = 30
ACCOUNT_LIMIT = 50
MAX_ADDRESS = 64


class PasswordLocked(Exception):
    """Too many wrong passwords: try again in `wait_seconds`."""

    def __init__(self, wait_seconds: int) -> None:
        super().__init__(f"too many wrong passwords; try again in {wait_seconds} s")
        self.wait_seconds = wait_seconds

    @property
    def message(self) -> str:
        minutes = max(1, -(-self.wait_seconds // 60))
        return (
            "Too many wrong passwords. Wait "
            + (f"{minutes} minutes" if minutes > 1 else "a minute")
            + " and try again, or reset your password."
        )


def _address(address: str | None) -> str:
    return (address or "unknown")[:MAX_ADDRESS]


def _oldest_over_limit(session: Session, where, limit: int, since: datetime) -> datetime | None:
    """The oldest failure in the window when `where` counts limit or more of them."""
    count, oldest = session.execute(
        select(func.count(PasswordFailure.id), func.min(PasswordFailure.failed_at)).where(
            PasswordFailure.failed_at > since, *where
        )
    ).one()
    return oldest if count >= limit else None


def wait_seconds(session: Session, user_id: int | None, address: str | None) -> int:
    """How long this account from this address must wait before a password is checked."""
    now = utcnow()
    since = now - WINDOW
    address = _address(address)
    limits = [([PasswordFailure.address == address], ADDRESS_LIMIT)]
    if user_id is not None:
        limits += [
            ([PasswordFailure.user_id == user_id, PasswordFailure.address == address], PAIR_LIMIT),
            ([PasswordFailure.user_id == user_id], ACCOUNT_LIMIT),
        ]
    waits = [
        oldest + WINDOW - now
        for where, limit in limits
        if (oldest := _oldest_over_limit(session, where, limit, since)) is not None
    ]
    return max((int(wait.total_seconds()) + 1 for wait in waits), default=0)


def check_password(session: Session, user: User | None, password: str, address: str | None) -> bool:
    """Whether password is the user's (None: no such account, checked against nothing).

    Raises PasswordLocked before checking while a limit is reached. A wrong password is
    recorded (the caller commits, even when it rolls the rest back: see record_failure).
    """
    wait = wait_seconds(session, user.id if user else None, address)
    if wait:
        raise PasswordLocked(wait)
    if user is not None and verify_password(user.password_hash, password):
        session.execute(
            delete(PasswordFailure).where(
                PasswordFailure.user_id == user.id, PasswordFailure.address == _address(address)
            )
        )
        return True
    if user is None:
        verify_password(_dummy_hash(), password)  # a wrong name takes as long as a wrong password
    record_failure(session, user.id if user else None, address)
    return False


def record_failure(session: Session, user_id: int | None, address: str | None) -> None:
    session.add(PasswordFailure(user_id=user_id, address=_address(address)))
    session.flush()
    # Old failures count for nothing: drop them as new ones come in.
    session.execute(delete(PasswordFailure).where(PasswordFailure.failed_at < utcnow() - WINDOW))


_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        from dashboard_app.passwords import hash_password

        _DUMMY_HASH = hash_password("not-a-real-password")
    return _DUMMY_HASH
