"""Authentication: the login manager, the request guard and the account views."""

from __future__ import annotations

from flask import Flask, jsonify, redirect, request
from flask_login import LoginManager, current_user

from dashboard_app.auth.login_user import LoginUser
from dashboard_app.auth.redirects import login_url_for
from dashboard_app.database import get_session
from dashboard_app.services.logins import find_login

login_manager = LoginManager()
# "basic": a session seen from a new address or browser is marked not fresh instead of being
# dropped, so a phone switching from gym Wi-Fi to mobile data stays logged in; every sensitive
# change (password, e-mail, deletion) asks for the password again anyway.
login_manager.session_protection = "basic"
login_manager.login_view = "auth.login"

# Everything else is refused to anonymous users: a new route is private unless listed here.
PUBLIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico", "/healthz")
PUBLIC_ENDPOINTS = frozenset(
    {
        "auth.login",
        "auth.register",
        "auth.forgot_password",
        "auth.open_reset_link",
        "auth.reset_password",
        "static",
    }
)
JSON_PREFIXES = ("/_dash-", "/_reload-hash", "/api/")
API_PREFIX = "/api/v1"


@login_manager.user_loader
def _load_user(login_token: str) -> LoginUser | None:
    session = get_session()
    found = find_login(session, login_token)
    if found is None:
        return None
    login, user = found
    if login in session.dirty:  # its last-seen time moved on
        session.commit()
    return LoginUser(user, login_token)


def require_login():
    """Refuse anonymous requests: 401 for callbacks, a login redirect for pages.

    The API is left to its own bearer-token check (dashboard_app.api): a session cookie must
    never authenticate it, so it is not looked at there.
    """
    if request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/"):
        return None
    if current_user.is_authenticated:
        return None
    if request.endpoint in PUBLIC_ENDPOINTS or request.path.startswith(PUBLIC_PREFIXES):
        return None
    if request.path.startswith(JSON_PREFIXES):
        return jsonify(error="authentication required"), 401
    return redirect(login_url_for(request.full_path))


def init_app(server: Flask) -> None:
    """Bind the login manager, install the guard and the account views."""
    from dashboard_app.auth import views

    login_manager.init_app(server)
    server.before_request(require_login)
    server.register_blueprint(views.blueprint)
    server.add_url_rule("/healthz", "healthz", lambda: {"status": "ok"})
