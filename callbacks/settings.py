"""Callbacks of the settings page: profile, password, e-mail address, account deletion."""

from __future__ import annotations

import logging

from dash import Dash, Input, Output
from dash.exceptions import PreventUpdate
from flask import request
from flask import session as flask_session
from flask_login import login_user, logout_user

from callbacks.forms import accepted, feedback_outputs, field_states, refused, validate_form
from dashboard_app.auth.current import current_user_id
from dashboard_app.auth.login_user import LoginUser
from dashboard_app.database import get_session
from dashboard_app.schemas.accounts import (
    AccountDeletionInput,
    EmailChangeInput,
    PasswordChangeInput,
    ProfileInput,
)
from dashboard_app.services import accounts
from dashboard_app.services.preferences import load_preferences, save_profile
from dashboard_app.services.users import load_login_user
from dashboard_app.ui import ids

log = logging.getLogger(__name__)
PROFILE = ids.SETTINGS_PROFILE_FIELDS
PASSWORD = ids.SETTINGS_PASSWORD_FIELDS
EMAIL = ids.SETTINGS_EMAIL_FIELDS
DELETE = ids.SETTINGS_DELETE_FIELDS


def _require_click(clicks) -> None:
    # Dash may call a callback when its button is first rendered (the theme switch it updates
    # lives in the shell); only a real click may save anything.
    if not clicks:
        raise PreventUpdate


def update_profile_form(_load):
    """The stored profile, into the form."""
    preferences = load_preferences(get_session(), current_user_id())
    return [getattr(preferences, name) or "" for name in PROFILE]


def update_profile(clicks, *values):
    """Validate and save profile and units; apply the theme at once."""
    _require_click(clicks)
    profile, errors = validate_form(ProfileInput, PROFILE, values)
    if errors:
        return refused(PROFILE, errors, "Nothing was saved: correct the marked fields.", 1)
    session = get_session()
    saved = save_profile(session, current_user_id(), profile)
    session.commit()
    return accepted(PROFILE, "Profile saved.", saved.theme == "dark")


def update_password(clicks, *values):
    """Change the password when the current one is right; the fields are emptied after."""
    _require_click(clicks)
    failed = "The password was not changed."
    data, errors = validate_form(PasswordChangeInput, PASSWORD, values)
    if errors:
        return refused(PASSWORD, errors, failed, len(PASSWORD))
    session = get_session()
    if not accounts.change_password(
        session, current_user_id(), data.current_password, data.password
    ):
        session.rollback()
        wrong = {"current_password": "The current password is wrong"}
        return refused(PASSWORD, wrong, failed, len(PASSWORD))
    session.commit()
    # The new password replaced the account's session token; keep this browser logged in.
    login_user(
        LoginUser(load_login_user(session, current_user_id())),
        remember=bool(request.cookies.get("remember_token")),
    )
    log.info("password changed for user %s", current_user_id())
    return accepted(PASSWORD, "Password changed.", *[""] * len(PASSWORD))


def update_email(clicks, *values):
    """Change the address; the password confirms it."""
    _require_click(clicks)
    failed = "The address was not changed."
    data, errors = validate_form(EmailChangeInput, EMAIL, values)
    if errors:
        return refused(EMAIL, errors, failed, 1)
    session = get_session()
    errors = accounts.change_email(session, current_user_id(), data.email, data.password)
    if errors:
        session.rollback()
        return refused(EMAIL, errors, failed, 1)
    session.commit()
    address = load_preferences(session, current_user_id()).email
    return accepted(EMAIL, f"Your address is now {address}.", "")


def update_deletion(clicks, *values):
    """Delete the account and everything in it, then log out."""
    _require_click(clicks)
    data, errors = validate_form(AccountDeletionInput, DELETE, values)
    if errors:
        return refused(DELETE, errors, "Nothing was deleted.", 1)
    session = get_session()
    user_id = current_user_id()
    if not accounts.delete_account(session, user_id, data.password):
        session.rollback()
        return refused(DELETE, {"password": "The password is wrong"}, "Nothing was deleted.", 1)
    session.commit()
    log.info("account %s deleted", user_id)
    logout_user()
    flask_session.clear()
    return accepted(DELETE, "Your account is deleted.", "/login")


def register(app: Dash) -> None:
    app.callback(
        [Output(field_id, "value") for field_id in PROFILE.values()],
        Input(ids.SETTINGS_LOAD, "data"),
    )(update_profile_form)
    forms = [
        (
            update_profile,
            PROFILE,
            ids.SETTINGS_PROFILE_SAVE,
            ids.SETTINGS_PROFILE_STATUS,
            [Output(ids.THEME_SWITCH, "value")],
        ),
        (
            update_password,
            PASSWORD,
            ids.SETTINGS_PASSWORD_SAVE,
            ids.SETTINGS_PASSWORD_STATUS,
            [Output(field_id, "value") for field_id in PASSWORD.values()],
        ),
        (
            update_email,
            EMAIL,
            ids.SETTINGS_EMAIL_SAVE,
            ids.SETTINGS_EMAIL_STATUS,
            [Output(EMAIL["password"], "value")],
        ),
        (
            update_deletion,
            DELETE,
            ids.SETTINGS_DELETE_SAVE,
            ids.SETTINGS_DELETE_STATUS,
            [Output(ids.SETTINGS_REDIRECT, "href")],
        ),
    ]
    for function, fields, button, status, extra_outputs in forms:
        app.callback(
            [*feedback_outputs(fields), Output(status, "children"), *extra_outputs],
            Input(button, "n_clicks"),
            *field_states(fields),
            prevent_initial_call=True,
        )(function)
