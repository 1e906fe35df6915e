"""The logged-in user as flask-login sees it."""

from __future__ import annotations

from db.models import User


class LoginUser:
    """The flask-login view of a User row (the row itself stays a plain model)."""

    is_anonymous = False

    def __init__(self, user: User) -> None:
        self.row = user
        self.id = user.id
        self.session_token = user.session_token
        self.username = user.username
        self.display_name = user.first_name or user.username

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.row.is_active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"
