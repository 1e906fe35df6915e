"""Callbacks of the exercise library and of an exercise's page."""

from __future__ import annotations

import math

from dash import Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.dialogs import register_dialog
from callbacks.forms import (
    feedback_outputs,
    feedback_values,
    parse_id,
    status_alert,
    validate_data,
)
from dashboard_app.analytics.strength import summarise_exercise_history
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.figures.exercises import e1rm_figure, weekly_volume_figure
from dashboard_app.schemas.exercises import ExerciseInput, ExerciseRenameInput
from dashboard_app.services import exercises
from dashboard_app.ui import ids
from dashboard_app.ui.common import count_label
from dashboard_app.ui.exercises import (
    ANY,
    PAGE_SIZE,
    build_exercise_detail,
    build_manage_custom,
    build_missing_exercise,
    create_exercise_item,
)
from dashboard_app.units import weight_from_kg

NEW = ids.LIBRARY_FIELDS
RENAME = ids.EXERCISE_RENAME_FIELDS


def update_filter_options(_load):
    """Muscle groups and equipment for the filters and the new-exercise form."""
    session = get_session()
    muscles = [
        {"label": m["name"], "value": str(m["id"])} for m in exercises.list_muscle_groups(session)
    ]
    equipment = [
        {"label": e["name"], "value": str(e["id"])} for e in exercises.list_equipment(session)
    ]
    any_option = [{"label": "Any", "value": ANY}]
    none_option = [{"label": "None", "value": ANY}]
    return any_option + muscles, any_option + equipment, muscles, none_option + equipment


def update_results(query, muscle, equipment, page):
    """The page of exercises matching the search and filters."""
    if ctx.triggered_id in (ids.LIBRARY_QUERY, ids.LIBRARY_MUSCLE, ids.LIBRARY_EQUIPMENT):
        page = 1  # a new search starts at its first page
    page = page if isinstance(page, int) and not isinstance(page, bool) and page > 0 else 1
    items, total = exercises.search_exercises(
        get_session(),
        current_user_id(),
        query=query if isinstance(query, str) else "",
        muscle_group_id=parse_id(muscle),
        equipment_id=parse_id(equipment),
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    pages = max(1, math.ceil(total / PAGE_SIZE))
    count = f"{total} exercise{'s' if total != 1 else ''}" + (
        f" · page {page} of {pages}" if pages > 1 else ""
    )
    return [create_exercise_item(item) for item in items], count, pages, min(page, pages)


def update_created(clicks, *values):
    """Create the user's own exercise and open its page."""
    if not clicks:
        raise PreventUpdate
    name, muscle, equipment, description = values
    data = {
        "name": name if name is not None else "",
        "muscle_group_id": parse_id(muscle),
        "equipment_id": parse_id(equipment),
        "description": description,
    }
    if data["muscle_group_id"] is None:
        data["muscle_group_id"] = 0  # refused below with a message at the field
    created, errors = None, {}
    entry, errors = validate_data(ExerciseInput, data)
    if entry is not None:
        session = get_session()
        created, errors = exercises.create_custom_exercise(session, current_user_id(), entry)
        if created:
            session.commit()
    if errors:
        if "muscle_group_id" in errors:
            errors["muscle_group_id"] = "Choose a muscle group from the list"
        return [*feedback_values(NEW, errors), status_alert("Not created yet.", False), no_update]
    return [*feedback_values(NEW, {}), "", f"/exercises/{created['id']}"]


def update_exercise_page(exercise_id, _status):
    """Facts, history numbers and charts of one exercise, in the user's unit and theme."""
    session, user_id = get_session(), current_user_id()
    user = current_user.row
    unit, theme, formula = user.weight_unit, user.theme, user.e1rm_formula
    exercise = exercises.load_exercise(session, user_id, parse_id(exercise_id))
    if exercise is None:
        return build_missing_exercise(), no_update, no_update, None
    history = summarise_exercise_history(
        exercises.logged_lines(session, user_id, exercise["id"]), formula=formula
    )

    def weight(kg: float) -> str:
        return f"{weight_from_kg(kg, unit):.1f} {unit}"

    best_sets = [
        {
            "date": f"{s.date:%d %b %Y}",
            "sets_reps": f"{s.sets} × {s.reps}",
            "load": weight(s.load_kg),
            "e1rm": weight(s.e1rm_kg),
        }
        for s in history.best_sets
    ]
    detail = build_exercise_detail(
        exercise,
        history,
        weight(history.best_e1rm_kg) if history.best_e1rm_kg else "—",
        f"{history.last_performed:%d %b %Y}" if history.last_performed else "Never",
        best_sets,
        formula,
    )
    manage = build_manage_custom(exercise) if exercise["is_custom"] else None
    return (
        detail,
        e1rm_figure(history, unit, theme),
        weekly_volume_figure(history, unit, theme),
        manage,
    )


def update_renamed(clicks, exercise_id, name):
    """Rename the user's own exercise (its logged lines follow)."""
    if not clicks:
        raise PreventUpdate
    data, errors = validate_data(ExerciseRenameInput, {"name": name if name is not None else ""})
    if data is not None:
        session = get_session()
        errors = exercises.rename_custom_exercise(
            session, current_user_id(), parse_id(exercise_id), data.name
        )
        if not errors:
            session.commit()
            return [*feedback_values(RENAME, {}), status_alert(f"Renamed to “{data.name}”.", True)]
    return [*feedback_values(RENAME, errors), status_alert("Not renamed.", False)]


def deletion_question(exercise_id) -> list[str]:
    """What the delete dialog asks: how much logged history stays."""
    exercise = parse_id(exercise_id)
    kept = exercises.count_logged_lines(get_session(), current_user_id(), exercise or 0)
    text = (
        "It has no logged sets."
        if kept == 0
        else f"Its {count_label(kept, 'logged line')} {'stays' if kept == 1 else 'stay'} in your "
        "sessions under the same name; its personal records are removed."
    )
    return [text]


def update_deleted(clicks, exercise_id):
    if not clicks:
        raise PreventUpdate
    session = get_session()
    kept = exercises.delete_custom_exercise(session, current_user_id(), parse_id(exercise_id))
    if kept is None:
        return False, status_alert("Only your own exercises can be deleted.", False), no_update
    session.commit()
    return False, no_update, "/exercises"


def register(app: Dash) -> None:
    app.callback(
        Output(ids.LIBRARY_MUSCLE, "options"),
        Output(ids.LIBRARY_EQUIPMENT, "options"),
        Output(NEW["muscle_group_id"], "options"),
        Output(NEW["equipment_id"], "options"),
        Input(ids.LIBRARY_LOAD, "data"),
    )(update_filter_options)
    app.callback(
        Output(ids.LIBRARY_RESULTS, "children"),
        Output(ids.LIBRARY_COUNT, "children"),
        Output(ids.LIBRARY_PAGES, "max_value"),
        Output(ids.LIBRARY_PAGES, "active_page"),
        Input(ids.LIBRARY_QUERY, "value"),
        Input(ids.LIBRARY_MUSCLE, "value"),
        Input(ids.LIBRARY_EQUIPMENT, "value"),
        Input(ids.LIBRARY_PAGES, "active_page"),
    )(update_results)
    register_dialog(app, ids.LIBRARY_MODAL, ids.LIBRARY_NEW, ids.LIBRARY_CANCEL)
    app.callback(
        [
            *feedback_outputs(NEW),
            Output(ids.LIBRARY_STATUS, "children"),
            Output(ids.LIBRARY_REDIRECT, "href"),
        ],
        Input(ids.LIBRARY_CREATE, "n_clicks"),
        *[State(field_id, "value") for field_id in NEW.values()],
        prevent_initial_call=True,
    )(update_created)
    app.callback(
        Output(ids.EXERCISE_DETAIL, "children"),
        Output(ids.EXERCISE_CHARTS["e1rm"], "figure"),
        Output(ids.EXERCISE_CHARTS["volume"], "figure"),
        Output(ids.EXERCISE_MANAGE, "children"),
        Input(ids.EXERCISE_ID, "data"),
        Input(ids.EXERCISE_STATUS, "children"),
    )(update_exercise_page)
    app.callback(
        [*feedback_outputs(RENAME), Output(ids.EXERCISE_STATUS, "children")],
        Input(ids.EXERCISE_RENAME, "n_clicks"),
        State(ids.EXERCISE_ID, "data"),
        State(RENAME["name"], "value"),
        prevent_initial_call=True,
    )(update_renamed)
    register_dialog(
        app,
        ids.EXERCISE_DELETE_MODAL,
        ids.EXERCISE_DELETE,
        ids.EXERCISE_DELETE_CANCEL,
        deletion_question,
        outputs=[(ids.EXERCISE_DELETE_TEXT, "children")],
        states=[(ids.EXERCISE_ID, "data")],
    )
    app.callback(
        Output(ids.EXERCISE_DELETE_MODAL, "is_open", allow_duplicate=True),
        Output(ids.EXERCISE_STATUS, "children", allow_duplicate=True),
        Output(ids.EXERCISE_REDIRECT, "href"),
        Input(ids.EXERCISE_DELETE_CONFIRM, "n_clicks"),
        State(ids.EXERCISE_ID, "data"),
        prevent_initial_call=True,
    )(update_deleted)
