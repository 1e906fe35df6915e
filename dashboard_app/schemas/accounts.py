"""Schemas for account forms: registration, password changes, profile and preferences."""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Literal

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from dashboard_app.schemas import field_error
from dashboard_app.units import KG_PER_LB
from db.vocabulary import DASHBOARD_VIEWS, E1RM_FORMULAS, HEIGHT_UNITS, THEMES, WEIGHT_UNITS

GENDERS = ("female", "male", "non-binary", "prefer not to say")
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{3,40}$")


@cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn ships 30,000 passwords seen most often in breaches; NIST SP 800-63B asks that
    # such passwords be refused.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def check_password(password: str) -> str:
    """A password per NIST SP 800-63B: long enough, not a known common one, no other rules."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"use at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValueError(f"use at most {MAX_PASSWORD_LENGTH} characters")
    if password.lower() in _common_passwords():
        raise ValueError("this password is one of the most common ones; choose another")
    return password


def check_email(email: str) -> str:
    """A syntactically valid address, normalised to lower case."""
    try:
        result = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from None
    return result.normalized.lower()


def check_username(username: str) -> str:
    username = username.strip()
    if not USERNAME_PATTERN.match(username):
        raise ValueError("use 3-40 letters, digits, dots, dashes or underscores")
    return username


def _blank_to_none(value: str | None) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else value


Password = Annotated[str, AfterValidator(check_password)]
Email = Annotated[str, AfterValidator(check_email)]
Username = Annotated[str, AfterValidator(check_username)]
OptionalName = Annotated[str | None, Field(max_length=80), AfterValidator(_blank_to_none)]


class _Form(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=False, extra="ignore")


def _check_passwords_match(form):
    if form.password != form.password_confirm:
        raise field_error("password_confirm", "the two passwords differ")
    return form


class RegistrationInput(_Form):
    username: Username
    email: Email
    password: Password
    password_confirm: str
    first_name: OptionalName = None
    last_name: OptionalName = None

    _passwords_match = model_validator(mode="after")(_check_passwords_match)


class NewPasswordInput(_Form):
    password: Password
    password_confirm: str

    _passwords_match = model_validator(mode="after")(_check_passwords_match)


class ProfileInput(_Form):
    first_name: OptionalName = None
    last_name: OptionalName = None
    gender: Annotated[
        Literal[GENDERS] | None,  # type: ignore[valid-type]
        BeforeValidator(_blank_to_none),
    ] = None
    weight_unit: Literal[WEIGHT_UNITS] = "kg"  # type: ignore[valid-type]
    height_unit: Literal[HEIGHT_UNITS] = "cm"  # type: ignore[valid-type]
    theme: Literal[THEMES] = "light"  # type: ignore[valid-type]
    e1rm_formula: Literal[E1RM_FORMULAS] = "brzycki"  # type: ignore[valid-type]
    dashboard_view: Literal[DASHBOARD_VIEWS] = "30d"  # type: ignore[valid-type]


# The users table's check bounds the bar; a plate above 50 kg (110 lb) is a typing slip.
MAX_BAR_KG = 100.0
MAX_PLATE_KG = 50.0
MAX_PLATE_SIZES = 12


def _in_both_units(kg: float) -> str:
    return f"{kg:g} kg ({kg / KG_PER_LB:.0f} lb)"


class EquipmentInput(_Form):
    """A lifter's bar and the plate sizes they have, in kg; None: the standard ones."""

    bar_weight_kg: float | None = None
    plates_kg: tuple[float, ...] | None = None

    @field_validator("bar_weight_kg")
    @classmethod
    def _bar(cls, kg: float | None) -> float | None:
        if kg is not None and not 0 <= kg <= MAX_BAR_KG:  # NaN fails too
            raise ValueError(f"enter a bar from 0 to {_in_both_units(MAX_BAR_KG)}")
        return kg

    @field_validator("plates_kg")
    @classmethod
    def _plates(cls, plates: tuple[float, ...] | None) -> tuple[float, ...] | None:
        if not plates:
            return None
        if not all(0 < kg <= MAX_PLATE_KG for kg in plates):
            raise ValueError(f"each plate weighs more than 0 and at most {_in_both_units(50)}")
        # Kept unrounded: 45 lb plates must add up to 225 lb exactly, not to a hair over.
        sizes = tuple(sorted({round(kg, 6): kg for kg in plates}.values(), reverse=True))
        if len(sizes) > MAX_PLATE_SIZES:
            raise ValueError(f"list at most {MAX_PLATE_SIZES} plate sizes")
        return sizes


class PasswordChangeInput(NewPasswordInput):
    current_password: str = Field(min_length=1)


class EmailChangeInput(_Form):
    email: Email
    password: str = Field(min_length=1)


class AccountDeletionInput(_Form):
    password: str = Field(min_length=1)
    confirm: bool

    @model_validator(mode="after")
    def _confirmed(self) -> AccountDeletionInput:
        if self.confirm is not True:
            raise field_error("confirm", "tick the box to confirm")
        return self
