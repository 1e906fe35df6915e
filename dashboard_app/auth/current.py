"""The one way callbacks and views learn who is asking: the logged-in user, never the client."""

from __future__ import annotations

from flask_login import current_user
from werkzeug.exceptions import Unauthorized


def current_user_id() -> int:
    """The logged-in user's id; 401 if nobody is logged in (the guard normally stops that)."""
    if not current_user.is_authenticated:
        raise Unauthorized("authentication required")
    return current_user.id
