"""Idempotency keys for API writes: a retried request gets the first answer, not a second write.

As the IETF draft "The Idempotency-Key HTTP Header Field" describes: the client sends a
unique key with a POST, PUT, PATCH or DELETE; the first request with it runs and its answer
is kept with the key for KEEP; a retry with the same key and the same request gets that
answer again; the same key with another request is refused (422), and a retry while the
first is still running gets 409.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import IdempotencyKey

KEEP = timedelta(hours=24)
MAX_KEY = 255
MAX_KEPT_BODY = 1_000_000  # a larger answer is not kept; its retry gets 409


def fingerprint(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(b"\n".join([method.encode(), path.encode(), body])).hexdigest()


@dataclass(frozen=True)
class Claim:
    """What to do with a request that carries a key: run it (row given), replay, or refuse."""

    row: IdempotencyKey | None = None
    replay: tuple[int, str] | None = None
    refusal: tuple[int, str] | None = None


IN_PROGRESS = (409, "A request with this Idempotency-Key is in progress.")


def claim(session: Session, user_id: int, key: str, print_: str) -> Claim:
    """Take the key for this request, in the session's transaction (flushed, not committed).

    IntegrityError when a concurrent request took the key first: the caller rolls back and
    answers IN_PROGRESS.
    """
    session.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.user_id == user_id, IdempotencyKey.created_at < utcnow() - KEEP
        )
    )
    found = session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
    )
    if found is None:
        row = IdempotencyKey(user_id=user_id, key=key, fingerprint=print_)
        session.add(row)
        session.flush()  # a concurrent request with the key waits here, then fails
        return Claim(row=row)
    if found.fingerprint != print_:
        return Claim(
            refusal=(422, "This Idempotency-Key was used for another request: use a new key.")
        )
    if found.status is None:
        return Claim(
            refusal=(
                409,
                "The first request with this Idempotency-Key was applied, but its answer was "
                "not kept: read the resource to see it.",
            )
        )
    return Claim(replay=(found.status, found.body or ""))


def keep_answer(session: Session, row: IdempotencyKey, status: int, body: str) -> None:
    """Keep the first answer with its key (the caller commits)."""
    if len(body) <= MAX_KEPT_BODY:
        row.status, row.body = status, body
