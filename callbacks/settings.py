"""Callbacks of the settings page: profile, password, e-mail address, account deletion."""

from __future__ import annotations

import logging
import re
import time

from dash import Dash, Input, Output
from dash.exceptions import PreventUpdate
from flask import request
from flask import session as flask_session
from flask_login import current_user, logout_user

from callbacks.forms import (
    accepted,
    feedback_outputs,
    field_states,
    refused,
    validate_data,
    validate_form,
)
from dashboard_app.analytics.plates import Equipment
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.mail import send_email_changed
from dashboard_app.schemas.accounts import (
    AccountDeletionInput,
    EmailChangeInput,
    EquipmentInput,
    PasswordChangeInput,
    ProfileInput,
)
from dashboard_app.services import accounts
from dashboard_app.services.password_guard import PasswordLocked
from dashboard_app.services.preferences import load_preferences, save_equipment, save_profile
from dashboard_app.ui import ids
from dashboard_app.ui.common import count_label
from dashboard_app.ui.session_sets import plate_text
from dashboard_app.units import KG_PER_LB, format_weight, weight_from_kg, weight_to_kg

log = logging.getLogger(__name__)
PROFILE = ids.SETTINGS_PROFILE_FIELDS
PASSWORD = ids.SETTINGS_PASSWORD_FIELDS
EMAIL = ids.SETTINGS_EMAIL_FIELDS
DELETE = ids.SETTINGS_DELETE_FIELDS
EQUIPMENT = ids.SETTINGS_EQUIPMENT_FIELDS
PASSWORD_EXTRAS = len(PASSWORD) + 2  # outputs after the status: fields, token and login lists
PLATE_SEPARATORS = re.compile(r"[,;\s]+")
# The load the saved message shows loaded, in each unit: a round number most lifters know.
EXAMPLE_LOAD_KG = {"kg": 100.0, "lb": 225 * KG_PER_LB}


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


def _in_unit(kg: float, unit: str) -> str:
    return f"{round(weight_from_kg(kg, unit), 2):g}"


def update_equipment_form(_load, _profile_saved):
    """The stored bar and plates in the user's unit (again after the unit may have changed)."""
    preferences = load_preferences(get_session(), current_user_id())
    unit = preferences.weight_unit
    bar = preferences.bar_weight_kg
    plates = ", ".join(_in_unit(kg, unit) for kg in preferences.plates_kg or ())
    return float(_in_unit(bar, unit)) if bar is not None else None, plates, unit, unit


def _typed_plates(text) -> list[float] | str:
    """The plate weights typed, or the message for the field."""
    if text is None:
        return []
    if not isinstance(text, str):
        return "Enter the plate weights separated by commas"
    numbers = []
    for part in filter(None, PLATE_SEPARATORS.split(text.strip())):
        try:
            numbers.append(float(part))
        except ValueError:
            return f"“{part[:20]}” is not a weight: use digits and a decimal point"
    return numbers


def _typed_bar(value) -> float | None | str:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "Enter the bar's weight as a number"
    return float(value)


def update_equipment(clicks, bar, plates_text):
    """Validate and save the bar and plates; say how a round load is now loaded."""
    _require_click(clicks)
    session = get_session()
    user_id = current_user_id()
    unit = load_preferences(session, user_id).weight_unit
    bar, plates = _typed_bar(bar), _typed_plates(plates_text)
    failed = "Nothing was saved: correct the marked fields."
    typed_errors = {
        name: value
        for name, value in (("bar_weight_kg", bar), ("plates_kg", plates))
        if isinstance(value, str)
    }
    if typed_errors:
        return refused(EQUIPMENT, typed_errors, failed)
    data = {
        "bar_weight_kg": weight_to_kg(bar, unit),
        "plates_kg": [weight_to_kg(plate, unit) for plate in plates],
    }
    equipment, errors = validate_data(EquipmentInput, data)
    if errors:
        return refused(EQUIPMENT, errors, failed)
    save_equipment(session, user_id, equipment)
    session.commit()
    saved = Equipment.of(unit, equipment.bar_weight_kg, equipment.plates_kg)
    example = EXAMPLE_LOAD_KG[unit]
    return accepted(
        EQUIPMENT,
        f"Bar and plates saved. {format_weight(example, unit)}: {plate_text(example, saved)}.",
    )


def update_password(clicks, *values):
    """Change the password when the current one is right; the fields are emptied after."""
    _require_click(clicks)
    failed = "The password was not changed."
    data, errors = validate_form(PasswordChangeInput, PASSWORD, values)
    if errors:
        return refused(PASSWORD, errors, failed, PASSWORD_EXTRAS)
    session = get_session()
    try:
        change = accounts.change_password(
            session,
            current_user_id(),
            data.current_password,
            data.password,
            request.remote_addr,
            keep_login=current_user.login_token,
        )
    except PasswordLocked as locked:
        return refused(PASSWORD, {"current_password": locked.message}, failed, PASSWORD_EXTRAS)
    session.commit()  # the new password, or the failure the guard counts
    if change is None:
        wrong = {"current_password": "The current password is wrong"}
        return refused(PASSWORD, wrong, failed, PASSWORD_EXTRAS)
    log.info("password changed for user %s", current_user_id())
    # The emptied fields, and the token and login lists read again: the change ended some.
    reload = time.time()
    return accepted(
        PASSWORD, password_changed_message(change), *[""] * len(PASSWORD), reload, reload
    )


def password_changed_message(change: accounts.PasswordChange) -> str:
    parts = ["Password changed."]
    if change.logins_ended:
        parts.append(f"Logged out on {count_label(change.logins_ended, 'other device')}.")
    if change.tokens_revoked:
        parts.append(
            f"{count_label(change.tokens_revoked, 'API token')} revoked: create new ones "
            "under API tokens for your scripts."
        )
    return " ".join(parts)


def update_email(clicks, *values):
    """Change the address; the password confirms it."""
    _require_click(clicks)
    failed = "The address was not changed."
    data, errors = validate_form(EmailChangeInput, EMAIL, values)
    if errors:
        return refused(EMAIL, errors, failed, 1)
    session = get_session()
    user_id = current_user_id()
    before = load_preferences(session, user_id)
    try:
        errors = accounts.change_email(
            session, user_id, data.email, data.password, request.remote_addr
        )
    except PasswordLocked as locked:
        return refused(EMAIL, {"password": locked.message}, failed, 1)
    session.commit()  # the new address, or the failure the guard counts
    if errors:
        return refused(EMAIL, errors, failed, 1)
    address = load_preferences(session, user_id).email
    if address != before.email:
        send_email_changed(before.email, before.username, address)
    return accepted(EMAIL, f"Your address is now {address}. A notice went to the old one.", "")


def update_deletion(clicks, *values):
    """Delete the account and everything in it, then log out."""
    _require_click(clicks)
    data, errors = validate_form(AccountDeletionInput, DELETE, values)
    if errors:
        return refused(DELETE, errors, "Nothing was deleted.", 1)
    session = get_session()
    user_id = current_user_id()
    try:
        deleted = accounts.delete_account(session, user_id, data.password, request.remote_addr)
    except PasswordLocked as locked:
        return refused(DELETE, {"password": locked.message}, "Nothing was deleted.", 1)
    session.commit()  # the deletion, or the failure the guard counts
    if not deleted:
        return refused(DELETE, {"password": "The password is wrong"}, "Nothing was deleted.", 1)
    log.info("account %s deleted", user_id)
    flask_session.clear()  # first: logout_user() leaves the flag that drops remember-me
    logout_user()
    return accepted(DELETE, "Your account is deleted.", "/login")


def register(app: Dash) -> None:
    app.callback(
        [Output(field_id, "value") for field_id in PROFILE.values()],
        Input(ids.SETTINGS_LOAD, "data"),
    )(update_profile_form)
    app.callback(
        [Output(field_id, "value") for field_id in EQUIPMENT.values()],
        [Output(unit_id, "children") for unit_id in ids.SETTINGS_EQUIPMENT_UNITS],
        Input(ids.SETTINGS_LOAD, "data"),
        Input(ids.SETTINGS_PROFILE_STATUS, "children"),
    )(update_equipment_form)
    forms = [
        (
            update_profile,
            PROFILE,
            ids.SETTINGS_PROFILE_SAVE,
            ids.SETTINGS_PROFILE_STATUS,
            [Output(ids.THEME_SWITCH, "value")],
        ),
        (
            update_equipment,
            EQUIPMENT,
            ids.SETTINGS_EQUIPMENT_SAVE,
            ids.SETTINGS_EQUIPMENT_STATUS,
            [],
        ),
        (
            update_password,
            PASSWORD,
            ids.SETTINGS_PASSWORD_SAVE,
            ids.SETTINGS_PASSWORD_STATUS,
            [
                *[Output(field_id, "value") for field_id in PASSWORD.values()],
                Output(ids.TOKEN_LOAD, "data"),
                Output(ids.LOGINS_LOAD, "data"),
            ],
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
