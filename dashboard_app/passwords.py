"""Password hashing with argon2id; hashes made with other parameters are upgraded at login.

Production uses argon2-cffi's defaults, RFC 9106's low-memory profile (argon2id, 64 MiB, t=3,
p=4). Under METRICS_ENV=testing the factory switches to a cheap profile: the test suite logs
in thousands of times, and the real cost there buys no security, only minutes of CI. Every
other environment, production above all, gets the RFC's profile.
"""

from __future__ import annotations

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

PRODUCTION = PasswordHasher()
TESTING = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_hasher = PRODUCTION


def use_environment(environment: str) -> None:
    """Hash with the testing profile under "testing", with the RFC's under anything else."""
    global _hasher
    _hasher = TESTING if environment == "testing" else PRODUCTION


def current_hasher() -> PasswordHasher:
    """The hasher new hashes are made with."""
    return _hasher


def hash_password(password: str) -> str:
    """An argon2id hash of password, salted."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when password matches the stored hash; never raises for a wrong or corrupt hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with parameters other than the current ones."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def token_digest(token: str) -> str:
    """What is stored of a random token (reset link, login, API token): its SHA-256.

    The tokens are long and random, so a plain hash suffices: a leaked table opens nothing.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
