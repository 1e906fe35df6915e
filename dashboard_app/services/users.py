"""Accounts: creating users and reading them by login name."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from dashboard_app.passwords import hash_password, needs_rehash
from dashboard_app.services.dashboard import create_default_layout
from dashboard_app.services.password_guard import check_password
from dashboard_app.services.records import RECORDS_VERSION
from dashboard_app.widget_catalogue import default_layout
from db.base import utcnow
from db.models import User


def normalise_email(email: str) -> str:
    """Addresses compare case-insensitively, so they are stored lower-cased."""
    return email.strip().lower()


def create_user(
    session: Session,
    *,
    username: str,
    email: str,
    password: str,
    first_name: str | None = None,
    last_name: str | None = None,
) -> User:
    """Add a user with a hashed password, default preferences and the default dashboard."""
    user = User(
        username=username.strip(),
        email=normalise_email(email),
        password_hash=hash_password(password),
        first_name=first_name,
        last_name=last_name,
        records_version=RECORDS_VERSION,  # no records yet: none from older rules
    )
    session.add(user)
    session.flush()
    create_default_layout(session, user.id, default_layout())
    return user


def load_login_user(session: Session, user_id: int) -> User:
    """The account row behind a login session."""
    return session.get(User, user_id)


def find_user_by_login(session: Session, login: str) -> User | None:
    """The user whose username or e-mail address is login."""
    login = login.strip()
    return session.scalar(
        select(User).where(
            or_(func.lower(User.username) == login.lower(), User.email == normalise_email(login))
        )
    )


def authenticate(
    session: Session, login: str, password: str, address: str | None = None
) -> User | None:
    """The active user with these credentials, rehashing an outdated hash; else None.

    Checked through the password guard: raises PasswordLocked while its limits are reached.
    """
    user = find_user_by_login(session, login) if login.strip() else None
    if user is not None and not user.is_active:
        user = None
    if not check_password(session, user, password, address):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    # Accounts made before dashboards were laid out at creation get theirs at the next login.
    create_default_layout(session, user.id, default_layout())
    return user
