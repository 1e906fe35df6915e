"""Component ids, one constant each, shared by layouts and callbacks."""

URL = "shell-url"
NAVBAR_TOGGLER = "shell-navbar-toggler"
NAVBAR_COLLAPSE = "shell-navbar-collapse"
THEME_SWITCH = "shell-theme-switch"
THEME_SAVED = "shell-theme-saved"
BROWSER_TIMEZONE = "shell-browser-timezone"

DASHBOARD_RANGE = "dashboard-range"
DASHBOARD_EDIT = "dashboard-edit"  # the "Customize" / "Done" toggle
DASHBOARD_EDITING = "dashboard-editing"  # the page's container; class "editing" in edit mode
DASHBOARD_TOOLBAR = "dashboard-toolbar"
DASHBOARD_GRID = "dashboard-grid"
DASHBOARD_ORDER = "dashboard-order"  # the widget ids in the order of the grid's children
DASHBOARD_HIDDEN = "dashboard-hidden"  # the tray of hidden widgets (edit mode)
DASHBOARD_STATUS = "dashboard-status"
DASHBOARD_ADD_OPEN = "dashboard-add-open"
DASHBOARD_ADD_DIALOG = "dashboard-add-dialog"
DASHBOARD_ADD_CLOSE = "dashboard-add-close"
DASHBOARD_RESET_OPEN = "dashboard-reset-open"
DASHBOARD_RESET_DIALOG = "dashboard-reset-dialog"
DASHBOARD_RESET_CANCEL = "dashboard-reset-cancel"
DASHBOARD_RESET_CONFIRM = "dashboard-reset-confirm"
DASHBOARD_SETTINGS_DIALOG = "dashboard-settings-dialog"
DASHBOARD_SETTINGS_WIDGET = "dashboard-settings-widget"  # which widget the dialog edits
DASHBOARD_SETTINGS_FIELDS = {
    "title": "dashboard-settings-title",
    "range": "dashboard-settings-range",
    "w": "dashboard-settings-width",
    "h": "dashboard-settings-height",
}
DASHBOARD_SETTINGS_CANCEL = "dashboard-settings-cancel"
DASHBOARD_SETTINGS_SAVE = "dashboard-settings-save"
DASHBOARD_REMOVE_TEXT = "dashboard-remove-text"  # what the dialog asks about
DASHBOARD_SETTINGS_RANGE_HELP = "dashboard-settings-range-help"
DASHBOARD_REMOVE_DIALOG = "dashboard-remove-dialog"
DASHBOARD_REMOVE_WIDGET = "dashboard-remove-widget"  # which widget the dialog removes
DASHBOARD_REMOVE_CANCEL = "dashboard-remove-cancel"
DASHBOARD_REMOVE_CONFIRM = "dashboard-remove-confirm"
# Pattern-matching types; index: the widget's id (WIDGET_ADD: key, the widget type).
WIDGET_BODY = "widget-body"
WIDGET_RELOAD = "widget-reload"  # a store whose change makes the widget load again
WIDGET_SETTINGS = "widget-settings"
WIDGET_HIDE = "widget-hide"
WIDGET_SHOW = "widget-show"
WIDGET_REMOVE = "widget-remove"
WIDGET_MOVE_EARLIER = "widget-move-earlier"
WIDGET_MOVE_LATER = "widget-move-later"
WIDGET_ADD = "widget-add"

SETTINGS_LOAD = "settings-load"
SETTINGS_REDIRECT = "settings-redirect"
SETTINGS_PROFILE_FIELDS = {
    "first_name": "settings-first-name",
    "last_name": "settings-last-name",
    "gender": "settings-gender",
    "weight_unit": "settings-weight-unit",
    "height_unit": "settings-height-unit",
    "theme": "settings-theme",
    "e1rm_formula": "settings-e1rm-formula",
    "dashboard_view": "settings-dashboard-view",
}
SETTINGS_PROFILE_SAVE = "settings-profile-save"
SETTINGS_EQUIPMENT_FIELDS = {
    "bar_weight_kg": "settings-bar-weight",
    "plates_kg": "settings-plates",
}
# The unit the bar and the plates are typed in, in each field's label.
SETTINGS_EQUIPMENT_UNITS = ("settings-bar-unit", "settings-plates-unit")
SETTINGS_EQUIPMENT_SAVE = "settings-equipment-save"
SETTINGS_EQUIPMENT_STATUS = "settings-equipment-status"
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


DAILY_DATE = "daily-date"
DAILY_FIELDS = {
    "sleep_start": "daily-sleep-start",
    "sleep_end": "daily-sleep-end",
    "stress_level": "daily-stress",
    "energy_level": "daily-energy",
    "motivation_level": "daily-motivation",
    "weight": "daily-weight",
    "meals": "daily-meals",
    "calories": "daily-calories",
    "protein": "daily-protein",
    "carbohydrate": "daily-carbohydrate",
    "fat": "daily-fat",
    "fibre": "daily-fibre",
    "water": "daily-water",
}
DAILY_SLEEP_DURATION = "daily-sleep-duration"
DAILY_SAVE = "daily-save"
DAILY_COPY = "daily-copy-yesterday"
DAILY_STATUS = "daily-status"
DAILY_ENTRY_ID = "daily-entry-id"
DAILY_CHANGED = "daily-changed"
DAILY_WEIGHT_UNIT = "daily-weight-unit"
DAILY_WATER_UNIT = "daily-water-unit"
DAILY_HISTORY_FROM = "daily-history-from"
DAILY_HISTORY_TO = "daily-history-to"
DAILY_GRID = "daily-history-grid"
DAILY_DELETE = "daily-delete"
DAILY_DELETE_MODAL = "daily-delete-modal"
DAILY_DELETE_CONFIRM = "daily-delete-confirm"
DAILY_DELETE_CANCEL = "daily-delete-cancel"
DAILY_DELETE_TEXT = "daily-delete-text"
DAILY_RANGE = "daily-trend-range"
DAILY_CHARTS = {
    "weight": "daily-chart-weight",
    "sleep": "daily-chart-sleep",
    "wellbeing": "daily-chart-wellbeing",
    "nutrition": "daily-chart-nutrition",
}

LIBRARY_QUERY = "library-query"
LIBRARY_MUSCLE = "library-muscle"
LIBRARY_EQUIPMENT = "library-equipment"
LIBRARY_RESULTS = "library-results"
LIBRARY_COUNT = "library-count"
LIBRARY_PAGES = "library-pages"
LIBRARY_LOAD = "library-load"
LIBRARY_NEW = "library-new"
LIBRARY_MODAL = "library-new-modal"
LIBRARY_FIELDS = {
    "name": "library-new-name",
    "muscle_group_id": "library-new-muscle",
    "equipment_id": "library-new-equipment",
    "description": "library-new-description",
}
LIBRARY_CREATE = "library-create"
LIBRARY_CANCEL = "library-cancel"
LIBRARY_STATUS = "library-status"
LIBRARY_REDIRECT = "library-redirect"

EXERCISE_ID = "exercise-id"
EXERCISE_DETAIL = "exercise-detail"
EXERCISE_CHARTS = {"e1rm": "exercise-chart-e1rm", "volume": "exercise-chart-volume"}
EXERCISE_MANAGE = "exercise-manage"
EXERCISE_RENAME_FIELDS = {"name": "exercise-rename-name"}
EXERCISE_RENAME = "exercise-rename"
EXERCISE_DELETE = "exercise-delete"
EXERCISE_DELETE_MODAL = "exercise-delete-modal"
EXERCISE_DELETE_TEXT = "exercise-delete-text"
EXERCISE_DELETE_CONFIRM = "exercise-delete-confirm"
EXERCISE_DELETE_CANCEL = "exercise-delete-cancel"
EXERCISE_STATUS = "exercise-status"
EXERCISE_REDIRECT = "exercise-redirect"

SESSION_FORM_FIELDS = (
    "date",
    "title",
    "mesocycle",
    "session_number",
    "start_time",
    "end_time",
    "notes",
)


def session_form_ids(prefix: str) -> dict[str, str]:
    """Ids of a session-details form; the new-session dialog and a session's page each have one."""
    return {name: f"{prefix}-{name.replace('_', '-')}" for name in SESSION_FORM_FIELDS}


WORKOUTS_LOAD = "workouts-load"
WORKOUTS_NEW = "workouts-new"
WORKOUTS_MODAL = "workouts-new-modal"
WORKOUTS_FIELDS = session_form_ids("workouts-new")
WORKOUTS_MESOCYCLES = "workouts-mesocycle-list"
WORKOUTS_START_NOW = "workouts-new-start-now"
WORKOUTS_CREATE = "workouts-create"
WORKOUTS_CANCEL = "workouts-cancel"
WORKOUTS_STATUS = "workouts-status"
WORKOUTS_REPEAT_MESOCYCLE = "workouts-repeat-mesocycle"
WORKOUTS_REPEAT = "workouts-repeat"
WORKOUTS_REPEAT_STATUS = "workouts-repeat-status"
WORKOUTS_LIST = "workouts-list"
WORKOUTS_COUNT = "workouts-count"
WORKOUTS_PAGES = "workouts-pages"
WORKOUTS_REDIRECT = "workouts-redirect"

SESSION_ID = "session-id"
SESSION_CHANGED = "session-changed"
SESSION_TITLE = "session-title"
SESSION_SUMMARY = "session-summary"
SESSION_FIELDS = session_form_ids("session-details")
SESSION_MESOCYCLES = "session-mesocycle-list"
SESSION_START_NOW = "session-start-now"
SESSION_FINISH = "session-finish"
SESSION_SAVE = "session-details-save"
SESSION_STATUS = "session-details-status"
SESSION_DELETE = "session-delete"
SESSION_DELETE_MODAL = "session-delete-modal"
SESSION_DELETE_CONFIRM = "session-delete-confirm"
SESSION_DELETE_CANCEL = "session-delete-cancel"
SESSION_REDIRECT = "session-redirect"
SESSION_BLOCKS = "session-blocks"
SESSION_STATUS_LIVE = "session-live-status"  # what a tap did, read out by screen readers
SESSION_ADD_EXERCISE = "session-add-exercise"
SESSION_ADD_BLOCK = "session-add-block"
SESSION_WORKOUT_FINISH = "session-workout-finish"
SESSION_FINISH_MODAL = "session-finish-modal"
SESSION_FINISH_CONFIRM = "session-finish-confirm"
SESSION_FINISH_CANCEL = "session-finish-cancel"
SESSION_FINISH_TEXT = "session-finish-text"
SESSION_ROUTINE_NAME = "session-routine-name"
SESSION_ROUTINE_SAVE = "session-routine-save"
SESSION_ROUTINE_STATUS = "session-routine-status"
SESSION_UNIT = "session-unit"  # the user's load unit, for the plate calculator in the browser
REST_TIMER = "rest-timer"
# Pattern-matching id types. A set row's index is "p<id>" (planned) or "l<id>" (logged), as
# rendered; a block's index is its number in the session.
SET_FIELD = "set-field"  # with "field": load, reps, rir, time, distance, notes
SET_WARMUP = "set-warmup"
SET_LOG = "set-log"  # the check button
SET_STATE = "set-state"  # {"planned": id} or {"logged": id}, and the rest after a log
SET_MESSAGE = "set-message"
SET_ROW = "set-row"
SET_DELETE = "set-delete"
BLOCK_ACTION = "block-action"  # with "action": up, down, superset, remove, add_set
BLOCK_REST = "block-rest"  # with "step": -15 or 15
BLOCK_REST_LABEL = "block-rest-label"
BLOCK_STIMULUS = "block-stimulus"
BLOCK_FATIGUE = "block-fatigue"
BLOCK_RATING_STATUS = "block-rating-status"

ROUTINES_LIST = "routines-list"
ROUTINES_NEW = "routines-new"
ROUTINES_STATUS = "routines-status"
ROUTINE_START = "routine-start"  # pattern-matching: index is the routine's id
ROUTINE_ID = "routine-id"
ROUTINE_HEADING = "routine-heading"
ROUTINE_FIELDS = {
    "name": "routine-name",
    "mesocycle": "routine-mesocycle",
    "weekday": "routine-weekday",
    "notes": "routine-notes",
}
ROUTINE_MESOCYCLES = "routine-mesocycle-list"
ROUTINE_EXERCISES = "routine-exercises"
ROUTINE_ITEMS = "routine-items"  # the editor's exercises as stored in the browser
ROUTINE_ADD_EXERCISE = "routine-add-exercise"
ROUTINE_ADD = "routine-add"
ROUTINE_SAVE = "routine-save"
ROUTINE_DELETE = "routine-delete"
ROUTINE_DELETE_MODAL = "routine-delete-modal"
ROUTINE_DELETE_CONFIRM = "routine-delete-confirm"
ROUTINE_DELETE_CANCEL = "routine-delete-cancel"
ROUTINE_STATUS = "routine-status"
ROUTINE_REDIRECT = "routine-redirect"
ROUTINE_ITEM_FIELD = "routine-item-field"  # with "field"; index: the item's place
ROUTINE_ITEM_ACTION = "routine-item-action"  # with "action": up, down, remove

RECORDS_LOAD = "records-load"
RECORDS_QUERY = "records-query"
RECORDS_LIST = "records-list"
RECORDS_COUNT = "records-count"
RECORDS_ACCORDION = "records-accordion"
RECORDS_HISTORY = "records-history"  # pattern-matching type; index: the exercise's id

INSIGHTS_WINDOW = "insights-window"
INSIGHTS_SHOW_ALL = "insights-show-all"
INSIGHTS_DATA = "insights-data"
INSIGHTS_COUNT = "insights-count"
INSIGHTS_RECOMPUTING = "insights-recomputing"
INSIGHTS_RECOMPUTING_TEXT = "insights-recomputing-text"
INSIGHTS_POLL = "insights-poll"
INSIGHTS_CARDS = "insights-cards"
INSIGHTS_LAG = "insights-lag"
INSIGHTS_HEATMAP = "insights-heatmap"
INSIGHTS_PAIR = "insights-pair"
INSIGHTS_PAIR_CHART = "insights-pair-chart"

SETTINGS_DATA_EXPORT = "settings-data-export"
SETTINGS_DATA_DOWNLOAD = "settings-data-download"
SETTINGS_DATA_STATUS = "settings-data-status"

TRAINING_MESOCYCLE = "training-mesocycle"
TRAINING_CONTENT = "training-content"

# Settings: the import card.
IMPORT_KIND = "settings-import-kind"
IMPORT_UNIT = "settings-import-unit"
IMPORT_PERSON = "settings-import-person"
IMPORT_UPLOAD = "settings-import-upload"
IMPORT_FILE = "settings-import-file"  # the chosen file's name
IMPORT_START = "settings-import-start"
IMPORT_JOB = "settings-import-job"
IMPORT_TICK = "settings-import-tick"
IMPORT_PROGRESS = "settings-import-progress"
IMPORT_STATUS = "settings-import-status"
IMPORT_LOAD = "settings-import-load"

# Settings: the API tokens card.
TOKEN_NAME = "settings-token-name"
TOKEN_CREATE = "settings-token-create"
TOKEN_NEW = "settings-token-new"  # where a new token is shown, once
TOKEN_SECRET = "settings-token-secret"
TOKEN_LIST = "settings-token-list"
TOKEN_LOAD = "settings-token-load"
TOKEN_REVOKE = "settings-token-revoke"  # pattern-matching type; index: the token's id
LOGINS_LOAD = "settings-logins-load"
LOGINS_LIST = "settings-logins-list"
LOGINS_END_OTHERS = "settings-logins-end-others"
LOGINS_STATUS = "settings-logins-status"
LOGIN_END = "settings-login-end"  # pattern-matching type; index: the login's id

# Training: the volume landmarks editor.
LANDMARK_MUSCLE = "training-landmark-muscle"
LANDMARK_FIELDS = {
    "mv": "training-landmark-mv",
    "mev": "training-landmark-mev",
    "mrv": "training-landmark-mrv",
}
LANDMARK_SAVE = "training-landmark-save"
LANDMARK_RESET = "training-landmark-reset"
LANDMARK_STATUS = "training-landmark-status"
LANDMARKS_CHANGED = "training-landmarks-changed"  # a counter the report listens to

# The app shell.
SHELL_ACCOUNT_MENU = "shell-account-menu"
