"""Which colour theme a response is rendered in, decided on the server so no page flashes."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from db.vocabulary import THEMES

THEME_COOKIE = "theme"
DEFAULT_THEME = "light"


def current_theme() -> str:
    """The logged-in user's theme, else the visitor's theme cookie, else light."""
    if current_user and current_user.is_authenticated:
        return current_user.row.theme
    theme = request.cookies.get(THEME_COOKIE, DEFAULT_THEME)
    return theme if theme in THEMES else DEFAULT_THEME
