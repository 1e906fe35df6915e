"""Where to send a user after login, without ever leaving this site."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

DEFAULT_LANDING = "/"


def safe_next(target: str | None) -> str:
    """target if it is a path on this site, otherwise the default landing page."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return DEFAULT_LANDING
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return DEFAULT_LANDING
    if any(ord(ch) < 32 for ch in target):
        return DEFAULT_LANDING
    return target


def login_url_for(full_path: str) -> str:
    """The login page, remembering the page the visitor asked for."""
    path = full_path.rstrip("?")
    if path in ("", "/"):
        return "/login"
    return "/login?" + urlencode({"next": path})
