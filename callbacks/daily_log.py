"""Callbacks of the daily log page: form load/save/copy/delete, history paging, trend charts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.daily_log_shaping import entry_to_form, form_to_entry, grid_row, in_user_units
from callbacks.dialogs import register_dialog
from callbacks.forms import form_values, next_change, parse_day, status_alert
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.figures import daily_log as figures
from dashboard_app.ranges import TREND_RANGES, range_days
from dashboard_app.schemas.daily_log import ENTRY_FIELDS, validate_entry
from dashboard_app.services import daily_log
from dashboard_app.services.preferences import user_today
from dashboard_app.ui import ids
from dashboard_app.ui.ids import feedback_id
from dashboard_app.units import (
    water_unit,
)

FIELDS = ids.DAILY_FIELDS
# Controls that take Bootstrap's "invalid" outline; the 1-10 button groups show text only.
OUTLINED = [name for name in FIELDS if not name.endswith("_level")]
# Fields the form does not edit (a tracker's steps, minutes asleep...): saving keeps them.
KEPT_FIELDS = [name for name in ENTRY_FIELDS if name != "date" and name not in FIELDS]


def _weight_unit() -> str:
    return current_user.row.weight_unit


def _feedback(errors: dict[str, str]) -> list[Any]:
    return (
        [name in errors for name in OUTLINED]
        + [errors.get(name, "") for name in FIELDS]
        + [errors.get("date", "")]
    )


def update_form(day_value):
    """Load the chosen day's entry into the form (an empty form for a new day)."""
    day = parse_day(day_value)
    if day is None:
        raise PreventUpdate
    unit = _weight_unit()
    entry = daily_log.load_entry(get_session(), current_user_id(), day)
    values = entry_to_form(entry, unit)
    status = status_alert(f"Editing {day:%A %d %B %Y}.{tracker_text(entry)}", True) if entry else ""
    return [
        *values.values(),
        *_feedback({}),
        status,
        entry["id"] if entry else None,
        entry is None,
        unit,
        water_unit(unit),
    ]


def tracker_text(entry: dict[str, Any]) -> str:
    """' From your tracker: 9,012 steps, ...' for the day's tracker fields ('' without any)."""
    parts = [
        f"{entry[name]:,.0f} {words}"
        for name, words in (
            ("steps", "steps"),
            ("active_minutes", "active minutes"),
            ("calories_burned", "kcal burned"),
            ("sleep_minutes", "minutes asleep"),
        )
        if entry.get(name) is not None
    ]
    return f" From your tracker: {', '.join(parts)}." if parts else ""


def update_saved(clicks, day_value, changed, *values):
    """Validate and save the day; errors stay next to their fields and nothing is saved."""
    if not clicks:
        raise PreventUpdate
    unit = _weight_unit()
    day = parse_day(day_value)
    stored = daily_log.load_entry(get_session(), current_user_id(), day) if day else None
    kept = {name: stored[name] for name in KEPT_FIELDS} if stored else {}
    entry_values = {**kept, **form_to_entry(day_value, form_values(FIELDS, values), unit)}
    entry, errors = validate_entry(entry_values)
    if errors:
        errors = in_user_units(errors, unit)
        return [
            *_feedback(errors),
            status_alert("Not saved: correct the marked fields.", False),
            no_update,
            no_update,
            no_update,
        ]
    session = get_session()
    saved = daily_log.save_entry(session, current_user_id(), entry)
    session.commit()
    verb = "Saved" if saved.created else "Updated"
    return [
        *_feedback({}),
        status_alert(f"{verb} {entry.date:%A %d %B %Y}.", True),
        saved.entry["id"],
        False,
        next_change(changed),
    ]


def update_copied(clicks, day_value):
    """Fill meals and nutrition from the day before (the form still needs saving)."""
    day = parse_day(day_value)
    if not clicks or day is None:
        raise PreventUpdate
    source = daily_log.repeated_fields_before(get_session(), current_user_id(), day)
    names = copied_fields()
    if source is None:
        return [no_update] * len(names) + [
            status_alert("No entry in the week before to copy from.", False)
        ]
    values = entry_to_form(source, _weight_unit())
    return [values[name] for name in names] + [
        status_alert(
            f"Copied meals and nutrition from {source['date']:%d %B}; check and save.", True
        )
    ]


def copied_fields() -> list[str]:
    return [name for name in FIELDS if name in daily_log.REPEATED_FIELDS]


def deletion_question(day_value) -> list[str]:
    """What the delete dialog asks about the day shown in the form."""
    day = parse_day(day_value)
    return [f"The entry for {day:%A %d %B %Y} will be removed." if day else ""]


def update_deleted(clicks, entry_id, changed):
    """Delete the entry in the form, if it is the user's."""
    if not clicks:
        raise PreventUpdate
    session = get_session()
    day = daily_log.delete_entry(session, current_user_id(), entry_id)
    if day is None:
        return (
            False,
            status_alert("There was nothing to delete.", False),
            no_update,
            no_update,
            no_update,
        )
    session.commit()
    return (
        False,
        status_alert(f"Deleted {day:%A %d %B %Y}.", True),
        None,
        True,
        next_change(changed),
    )


def update_history_rows(request, start_value, end_value):
    """One block of history rows for the grid, sorted and filtered on the server."""
    if not isinstance(request, dict):
        raise PreventUpdate
    start_row = _row_index(request.get("startRow"), 0)
    end_row = _row_index(request.get("endRow"), start_row + 100)
    sort_model = request.get("sortModel") or [{"colId": "date", "sort": "desc"}]
    first = sort_model[0] if isinstance(sort_model, list) and sort_model else {}
    sort = first.get("colId", "date") if isinstance(first, dict) else "date"
    descending = not (isinstance(first, dict) and first.get("sort") == "asc")
    unit = _weight_unit()
    rows, total = daily_log.history_page(
        get_session(),
        current_user_id(),
        start=parse_day(start_value),
        end=parse_day(end_value),
        sort=sort if isinstance(sort, str) else "date",
        descending=descending,
        offset=start_row,
        limit=end_row - start_row,
    )
    return {"rowData": [grid_row(row, unit) for row in rows], "rowCount": total}


def _row_index(value: Any, default: int) -> int:
    valid = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10**9
    return value if valid else default


def update_day_from_grid(selected):
    """Open the chosen row's day in the form."""
    if not selected or not isinstance(selected, list) or not isinstance(selected[0], dict):
        raise PreventUpdate
    day = parse_day(selected[0].get("date"))
    if day is None:
        raise PreventUpdate
    return day.isoformat()


def update_trends(range_value, _changed):
    """The four trend charts over the chosen range, in the user's units and theme."""
    chosen = range_value if range_value in TREND_RANGES else "90d"
    days = range_days(chosen)
    session, user_id = get_session(), current_user_id()
    start = None if days is None else user_today(session, user_id) - timedelta(days=days - 1)
    rows = daily_log.trend_rows(session, user_id, start, None)
    frame = figures.daily_frame(rows)
    theme = current_user.row.theme
    return [
        figures.weight_figure(frame, _weight_unit(), theme),
        figures.sleep_figure(frame, theme),
        figures.wellbeing_figure(frame, theme),
        figures.nutrition_figure(frame, theme),
    ]


def register(app: Dash) -> None:
    field_values = [Output(field_id, "value") for field_id in FIELDS.values()]
    feedback = (
        [Output(FIELDS[name], "invalid") for name in OUTLINED]
        + [Output(feedback_id(field_id), "children") for field_id in FIELDS.values()]
        + [Output(feedback_id(ids.DAILY_DATE), "children")]
    )
    states = [State(field_id, "value") for field_id in FIELDS.values()]

    app.clientside_callback(
        ClientsideFunction(namespace="metrics", function_name="localToday"),
        Output(ids.DAILY_DATE, "value"),
        Input(ids.DAILY_DATE, "id"),
        State(ids.DAILY_DATE, "value"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="metrics", function_name="sleepDuration"),
        Output(ids.DAILY_SLEEP_DURATION, "children"),
        Input(FIELDS["sleep_start"], "value"),
        Input(FIELDS["sleep_end"], "value"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="metrics", function_name="purgeGrid"),
        Output(ids.DAILY_GRID, "className"),
        Input(ids.DAILY_CHANGED, "data"),
        Input(ids.DAILY_HISTORY_FROM, "value"),
        Input(ids.DAILY_HISTORY_TO, "value"),
        State(ids.DAILY_GRID, "id"),
        prevent_initial_call=True,
    )
    app.callback(
        [
            *field_values,
            *feedback,
            Output(ids.DAILY_STATUS, "children"),
            Output(ids.DAILY_ENTRY_ID, "data"),
            Output(ids.DAILY_DELETE, "disabled"),
            Output(ids.DAILY_WEIGHT_UNIT, "children"),
            Output(ids.DAILY_WATER_UNIT, "children"),
        ],
        Input(ids.DAILY_DATE, "value"),
    )(update_form)
    app.callback(
        [
            *feedback,
            Output(ids.DAILY_STATUS, "children", allow_duplicate=True),
            Output(ids.DAILY_ENTRY_ID, "data", allow_duplicate=True),
            Output(ids.DAILY_DELETE, "disabled", allow_duplicate=True),
            Output(ids.DAILY_CHANGED, "data"),
        ],
        Input(ids.DAILY_SAVE, "n_clicks"),
        State(ids.DAILY_DATE, "value"),
        State(ids.DAILY_CHANGED, "data"),
        *states,
        prevent_initial_call=True,
    )(update_saved)
    app.callback(
        [
            *[Output(FIELDS[name], "value", allow_duplicate=True) for name in copied_fields()],
            Output(ids.DAILY_STATUS, "children", allow_duplicate=True),
        ],
        Input(ids.DAILY_COPY, "n_clicks"),
        State(ids.DAILY_DATE, "value"),
        prevent_initial_call=True,
    )(update_copied)
    register_dialog(
        app,
        ids.DAILY_DELETE_MODAL,
        ids.DAILY_DELETE,
        ids.DAILY_DELETE_CANCEL,
        deletion_question,
        outputs=[(ids.DAILY_DELETE_TEXT, "children")],
        states=[(ids.DAILY_DATE, "value")],
    )
    app.callback(
        Output(ids.DAILY_DELETE_MODAL, "is_open", allow_duplicate=True),
        Output(ids.DAILY_STATUS, "children", allow_duplicate=True),
        Output(ids.DAILY_ENTRY_ID, "data", allow_duplicate=True),
        Output(ids.DAILY_DELETE, "disabled", allow_duplicate=True),
        Output(ids.DAILY_CHANGED, "data", allow_duplicate=True),
        Input(ids.DAILY_DELETE_CONFIRM, "n_clicks"),
        State(ids.DAILY_ENTRY_ID, "data"),
        State(ids.DAILY_CHANGED, "data"),
        prevent_initial_call=True,
    )(update_deleted)
    app.callback(
        Output(ids.DAILY_GRID, "getRowsResponse"),
        Input(ids.DAILY_GRID, "getRowsRequest"),
        State(ids.DAILY_HISTORY_FROM, "value"),
        State(ids.DAILY_HISTORY_TO, "value"),
        prevent_initial_call=True,
    )(update_history_rows)
    app.callback(
        Output(ids.DAILY_DATE, "value", allow_duplicate=True),
        Input(ids.DAILY_GRID, "selectedRows"),
        prevent_initial_call=True,
    )(update_day_from_grid)
    app.callback(
        [Output(graph_id, "figure") for graph_id in ids.DAILY_CHARTS.values()],
        Input(ids.DAILY_RANGE, "value"),
        Input(ids.DAILY_CHANGED, "data"),
    )(update_trends)
