"""Component ids, one constant each, shared by layouts and callbacks."""

URL = "shell-url"
NAVBAR_TOGGLER = "shell-navbar-toggler"
NAVBAR_COLLAPSE = "shell-navbar-collapse"
THEME_SWITCH = "shell-theme-switch"
THEME_SAVED = "shell-theme-saved"

OVERVIEW = "dashboard-overview"

SETTINGS_LOAD = "settings-load"
SETTINGS_REDIRECT = "settings-redirect"
SETTINGS_PROFILE_FIELDS = {
    "first_name": "settings-first-name",
    "last_name": "settings-last-name",
    "gender": "settings-gender",
    "weight_unit": "settings-weight-unit",
    "height_unit": "settings-height-unit",
    "theme": "settings-theme",
}
SETTINGS_PROFILE_SAVE = "settings-profile-save"
SETTINGS_PROFILE_STATUS = "settings-profile-status"
SETTINGS_PASSWORD_FIELDS = {
    "current_password": "settings-current-password",
    "password": "settings-new-password",
    "password_confirm": "settings-new-password-confirm",
}
SETTINGS_PASSWORD_SAVE = "settings-password-save"
SETTINGS_PASSWORD_STATUS = "settings-password-status"
SETTINGS_EMAIL_FIELDS = {
    "email": "settings-email",
    "password": "settings-email-password",
}
SETTINGS_EMAIL_SAVE = "settings-email-save"
SETTINGS_EMAIL_STATUS = "settings-email-status"
SETTINGS_DELETE_FIELDS = {
    "password": "settings-delete-password",
    "confirm": "settings-delete-confirm",
}
SETTINGS_DELETE_SAVE = "settings-delete-save"
SETTINGS_DELETE_STATUS = "settings-delete-status"


def feedback_id(field_id: str) -> str:
    """The id of the message shown under a field."""
    return f"{field_id}-feedback"
