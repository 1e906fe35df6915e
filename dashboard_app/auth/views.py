"""Account views rendered by Flask: log in and out, register, forgotten password."""

from __future__ import annotations

import logging

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import validate_csrf
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from wtforms.validators import ValidationError as CSRFValidationError

from dashboard_app.auth.login_user import LoginUser
from dashboard_app.auth.redirects import safe_next
from dashboard_app.config import get_settings
from dashboard_app.database import get_session
from dashboard_app.mail import send_password_reset
from dashboard_app.schemas import field_errors
from dashboard_app.schemas.accounts import NewPasswordInput, RegistrationInput
from dashboard_app.services import accounts, logins, users
from dashboard_app.services.password_guard import PasswordLocked

blueprint = Blueprint("auth", __name__)
log = logging.getLogger(__name__)
REGISTER_FIELDS = ("username", "email", "first_name", "last_name")
PASSWORD_FIELDS = ("password", "password_confirm")
RESET_TOKEN_KEY = "reset_token"


def _check_csrf() -> None:
    try:
        validate_csrf(request.form.get("csrf_token"))
    except CSRFValidationError:
        abort(400, "The form expired or was not sent by this site; reload the page and retry.")


def _start_session(db, user) -> None:
    # A fresh session at login: nothing set before authentication survives it (no fixation).
    remember = request.form.get("remember") == "1"
    token = logins.start_login(db, user.id, remember, request.user_agent.string)
    db.commit()
    session.clear()
    login_user(LoginUser(user, token), remember=remember)


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    """Log in with username or e-mail address and password."""
    next_page = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(next_page)
    context = {"title": "Log in", "next": next_page, "login": "", "remember": False, "error": None}
    if request.method == "POST":
        _check_csrf()
        login_name = request.form.get("login", "")[:254]
        db = get_session()
        password = request.form.get("password", "")
        try:
            user = users.authenticate(db, login_name, password, request.remote_addr)
        except PasswordLocked as locked:
            log.warning("login refused while locked from %s", request.remote_addr)
            context.update(login=login_name, error=locked.message)
            response = make_response(render_template("auth/login.html", **context), 429)
            response.headers["Retry-After"] = str(locked.wait_seconds)
            return response
        db.commit()  # the login, or the failure the guard counts
        if user is not None:
            _start_session(db, user)
            return redirect(next_page)
        # The typed name is not logged: people sometimes type their password into it.
        known = users.find_user_by_login(db, login_name) if login_name.strip() else None
        account = f"user {known.id}" if known else "an unknown login name"
        log.warning("login failed for %s from %s", account, request.remote_addr)
        context.update(
            login=login_name,
            remember=request.form.get("remember") == "1",
            error="That username or email and password do not match an account.",
        )
        return render_template("auth/login.html", **context), 401
    return render_template("auth/login.html", **context)


@blueprint.route("/logout", methods=["GET", "POST"])
def logout():
    """Log out (POST with the form's token, so another site cannot log you out)."""
    if request.method == "GET":
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login"))
        return render_template("auth/logout.html", title="Log out")
    _check_csrf()
    if current_user.is_authenticated:
        db = get_session()
        logins.end_login(db, current_user.login_token)
        db.commit()
    # Cleared first: logout_user() leaves the flag that makes Flask-Login delete the
    # remember-me cookie, and clearing after it would wipe that flag.
    session.clear()
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


def _validated(schema, names: tuple[str, ...]):
    """The posted form validated by schema, or None and the field errors."""
    try:
        return schema.model_validate({name: request.form.get(name, "") for name in names}), {}
    except ValidationError as exc:
        return None, field_errors(exc)


@blueprint.route("/register", methods=["GET", "POST"])
def register():
    """Create an account and log straight in."""
    if current_user.is_authenticated:
        return redirect("/")
    values = {name: request.form.get(name, "") for name in REGISTER_FIELDS}
    context = {"title": "Create an account", "values": values, "errors": {}}
    if request.method == "GET":
        return render_template("auth/register.html", **context)
    _check_csrf()
    data, errors = _validated(RegistrationInput, (*REGISTER_FIELDS, *PASSWORD_FIELDS))
    if data is not None:
        db = get_session()
        errors = accounts.register_conflicts(db, data.username, data.email)
        if not errors:
            try:
                user = users.create_user(db, **data.model_dump(exclude={"password_confirm"}))
                db.commit()
            except IntegrityError:
                # Someone took the name or address between the check and the insert.
                db.rollback()
                errors = accounts.register_conflicts(db, data.username, data.email)
            else:
                _start_session(db, user)
                return redirect("/")
    context["errors"] = errors
    return render_template("auth/register.html", **context), 422


@blueprint.route("/forgot-password", methods=["GET", "POST"])
def forgot_password():
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    if request.method == "POST":
        _check_csrf()
        email = request.form.get("email", "")[:254]
        db = get_session()
        issued = accounts.issue_reset_token(db, email)
        if issued is not None:
            user, token = issued
            db.commit()
            log.info("password reset requested for user %s", user.id)
            link = public_url(url_for("auth.open_reset_link", token=token))
            send_password_reset(user.email, user.username, link)
        flash(
            "If that address has an account, a reset link is on its way. "
            "It works once, for one hour.",
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", title="Reset your password")


@blueprint.route("/reset-password/<token>")
def open_reset_link(token: str):
    """Move the token from the address into the session, then show the form at a plain URL.

    The token then appears in no later request line, history entry or Referer header.
    """
    session[RESET_TOKEN_KEY] = token[:200]
    return redirect(url_for("auth.reset_password"))


@blueprint.route("/reset-password", methods=["GET", "POST"])
def reset_password():
    """Choose a new password with a valid, unused, unexpired token."""
    db = get_session()
    token = session.get(RESET_TOKEN_KEY, "")
    if accounts.find_valid_reset_token(db, token) is None:
        return render_template("auth/reset_invalid.html", title="Link expired"), 410
    context = {"title": "Choose a new password", "errors": {}}
    if request.method == "GET":
        return render_template("auth/reset_password.html", **context)
    _check_csrf()
    data, context["errors"] = _validated(NewPasswordInput, PASSWORD_FIELDS)
    if data is None:
        return render_template("auth/reset_password.html", **context), 422
    try:
        user = accounts.reset_password_with_token(db, token, data.password)
    except LookupError:
        # Used by a parallel request a moment ago.
        return render_template("auth/reset_invalid.html", title="Link expired"), 410
    db.commit()
    session.pop(RESET_TOKEN_KEY, None)
    log.info("password reset for user %s", user.id)
    flash("Your password is changed. Log in with the new one.", "success")
    return redirect(url_for("auth.login"))


def public_url(path: str) -> str:
    """path on the configured public address; only in development from the request's host."""
    # Never trust the Host header for links in mail: a forged one would send the reset link
    # (and its token) to another site.
    base = get_settings(current_app).base_url or request.host_url.rstrip("/")
    return f"{base}{path}"
