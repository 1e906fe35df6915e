"""The settings page: profile and units, password, e-mail address, account deletion."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.schemas.accounts import GENDERS
from dashboard_app.ui import ids
from dashboard_app.ui.common import choices, create_page_header
from dashboard_app.ui.dashboard_dialogs import RANGES
from dashboard_app.ui.forms import create_field, create_input, create_select
from dashboard_app.ui.settings_data import build_data_card
from dashboard_app.ui.settings_import import build_import_card
from dashboard_app.ui.settings_logins import build_logins_card
from dashboard_app.ui.settings_tokens import build_tokens_card
from dashboard_app.units import HEIGHT_UNIT_NAMES, WEIGHT_UNIT_NAMES

GENDER_OPTIONS = ["", *GENDERS]


def _card(title: str, body: list, danger: bool = False) -> dbc.Card:
    return dbc.Card(
        [dbc.CardHeader(html.H2(title, className="h5 mb-0")), dbc.CardBody(body)],
        class_name="mb-4" + (" border-danger" if danger else ""),
    )


PROFILE_FIELDS = ids.SETTINGS_PROFILE_FIELDS
THEME_NAMES = {"light": "Light", "dark": "Dark"}
FORMULA_NAMES = {"brzycki": "Brzycki (as Strong and wger)", "epley": "Epley"}


def create_name_fields() -> list:
    """First and last name, and gender."""
    fields = PROFILE_FIELDS
    first = create_input(
        fields["first_name"], "First name", maxLength=80, autoComplete="given-name"
    )
    last = create_input(fields["last_name"], "Last name", maxLength=80, autoComplete="family-name")
    genders = [{"label": g.capitalize() if g else "Not set", "value": g} for g in GENDER_OPTIONS]
    return [
        dbc.Row([dbc.Col(first, md=6), dbc.Col(last, md=6)]),
        create_select(fields["gender"], "Gender (optional)", genders),
    ]


def create_unit_fields() -> dbc.Row:
    """Weight and height units, and the theme."""
    fields = PROFILE_FIELDS
    return dbc.Row(
        [
            dbc.Col(
                create_select(fields["weight_unit"], "Weight unit", choices(WEIGHT_UNIT_NAMES)),
                md=4,
            ),
            dbc.Col(
                create_select(fields["height_unit"], "Height unit", choices(HEIGHT_UNIT_NAMES)),
                md=4,
            ),
            dbc.Col(create_select(fields["theme"], "Theme", choices(THEME_NAMES)), md=4),
        ]
    )


def create_training_preferences() -> list:
    """How records are estimated, and the range the dashboard opens with."""
    fields = PROFILE_FIELDS
    views = [{"label": f"The last {name}", "value": key} for key, name in RANGES[:-1]]
    views.append({"label": "Everything", "value": "all"})
    return [
        create_field(
            fields["e1rm_formula"],
            "Estimated 1RM formula",
            dbc.Select(id=fields["e1rm_formula"], options=choices(FORMULA_NAMES)),
            "Used for records and charts; sets above 12 reps get no estimate. "
            "Changing it recalculates your records.",
        ),
        create_field(
            fields["dashboard_view"],
            "Dashboard opens with",
            dbc.Select(id=fields["dashboard_view"], options=views),
            "The time range the dashboard shows when you open it.",
        ),
    ]


def _profile_card() -> dbc.Card:
    return _card(
        "Profile and units",
        [
            *create_name_fields(),
            create_unit_fields(),
            *create_training_preferences(),
            dbc.Button("Save profile", id=ids.SETTINGS_PROFILE_SAVE, color="primary"),
            html.Div(id=ids.SETTINGS_PROFILE_STATUS, className="mt-3", role="status"),
        ],
    )


def _equipment_card() -> dbc.Card:
    fields = ids.SETTINGS_EQUIPMENT_FIELDS
    bar_unit, plates_unit = (html.Span(id=unit_id) for unit_id in ids.SETTINGS_EQUIPMENT_UNITS)
    return _card(
        "Barbell and plates",
        [
            html.P(
                "Planned loads are rounded to what your bar and plates make, and barbell sets "
                "show the plates to put on each side.",
                className="small text-body-secondary",
            ),
            create_field(
                fields["bar_weight_kg"],
                ["Bar weight (", bar_unit, ")"],
                dbc.Input(
                    id=fields["bar_weight_kg"],
                    type="number",
                    min=0,
                    step="any",
                    inputMode="decimal",
                ),
                "Leave empty for the standard bar: 20 kg, or 45 lb.",
            ),
            create_field(
                fields["plates_kg"],
                ["Plates you have, each (", plates_unit, ")"],
                dbc.Input(id=fields["plates_kg"], type="text", inputMode="decimal", maxLength=200),
                "Separate the weights with commas, e.g. 25, 20, 15, 10, 5, 2.5, 1.25. Leave "
                "empty for the standard plates of your unit. Pairs are assumed, any number.",
            ),
            dbc.Button("Save bar and plates", id=ids.SETTINGS_EQUIPMENT_SAVE, color="primary"),
            html.Div(id=ids.SETTINGS_EQUIPMENT_STATUS, className="mt-3", role="status"),
        ],
    )


def _password_card() -> dbc.Card:
    fields = ids.SETTINGS_PASSWORD_FIELDS
    return _card(
        "Change password",
        [
            create_input(
                fields["current_password"],
                "Current password",
                "password",
                autoComplete="current-password",
            ),
            create_input(
                fields["password"],
                "New password",
                "password",
                "At least 8 characters; not one of the most common passwords.",
                autoComplete="new-password",
            ),
            create_input(
                fields["password_confirm"],
                "New password again",
                "password",
                autoComplete="new-password",
            ),
            dbc.Button("Change password", id=ids.SETTINGS_PASSWORD_SAVE, color="primary"),
            html.Div(id=ids.SETTINGS_PASSWORD_STATUS, className="mt-3", role="status"),
        ],
    )


def _email_card() -> dbc.Card:
    fields = ids.SETTINGS_EMAIL_FIELDS
    return _card(
        "Change email address",
        [
            create_input(fields["email"], "New email address", "email", autoComplete="email"),
            create_input(
                fields["password"],
                "Password",
                "password",
                "Your password confirms the change.",
                autoComplete="current-password",
            ),
            dbc.Button("Change email", id=ids.SETTINGS_EMAIL_SAVE, color="primary"),
            html.Div(id=ids.SETTINGS_EMAIL_STATUS, className="mt-3", role="status"),
        ],
    )


def _delete_card() -> dbc.Card:
    fields = ids.SETTINGS_DELETE_FIELDS
    return _card(
        "Delete account",
        [
            html.P(
                "This removes your account and every entry, session, record and insight in "
                "it, at once and for good. Export your data first if you want to keep it."
            ),
            create_input(
                fields["password"], "Password", "password", autoComplete="current-password"
            ),
            dbc.Checkbox(
                id=fields["confirm"],
                label="I understand that this cannot be undone",
                value=False,
                class_name="mb-3",
            ),
            dbc.Button("Delete my account", id=ids.SETTINGS_DELETE_SAVE, color="danger"),
            html.Div(id=ids.SETTINGS_DELETE_STATUS, className="mt-3", role="status"),
        ],
        danger=True,
    )


def build_settings_layout() -> html.Div:
    """All settings forms; the profile values are filled in by a callback."""
    return html.Div(
        [
            dcc.Location(id=ids.SETTINGS_REDIRECT, refresh=True),
            dcc.Store(id=ids.SETTINGS_LOAD, data=True),
            create_page_header("Settings", "Your profile, units, theme and account.", "gear"),
            dbc.Row(
                [
                    dbc.Col(
                        [_profile_card(), _equipment_card(), build_import_card(), _email_card()],
                        lg=6,
                    ),
                    dbc.Col(
                        [
                            _password_card(),
                            build_logins_card(),
                            build_tokens_card(),
                            build_data_card(),
                            _delete_card(),
                        ],
                        lg=6,
                    ),
                ]
            ),
        ]
    )
