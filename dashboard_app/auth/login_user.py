"""The logged-in user as flask-login sees it."""

from __future__ import annotations

from db.models import User


class LoginUser:
    """The flask-login view of a User row (the row itself stays a plain model)."""

    is_anonymous = False

    def __init__(self, user: User, login_token: str) -> None:
        self.row = user
        self.id = user.id
        # The login's own token (services.logins): what the cookies carry, never the user id.
        self.login_token = login_token
        self.username = user.username
        self.display_name = user.first_name or user.username

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.row.is_active

    def get_id(self) -> str:
        return self.login_token
