"""Callbacks that change a session's shape: add an exercise or a set, reorder, superset,
remove; a block's rest and ratings; finishing the workout; saving it as a routine.

Changes of shape redraw the blocks. Values typed in rows are saved before (a field left
saves itself, and a shape change first keeps whatever the rows show), so a redraw never
loses them.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, MATCH, Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user
from pydantic import ValidationError

from callbacks.forms import clicked_id, next_change, parse_id, pattern_entries, status_alert
from callbacks.workout_session import set_data
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.schemas.routines import RoutineInput
from dashboard_app.schemas.workouts import LineInput
from dashboard_app.services import routines, session_sets, workouts
from dashboard_app.services.preferences import user_now
from dashboard_app.ui import ids
from dashboard_app.ui.common import count_label
from dashboard_app.ui.session_sets import rest_label

ACTIONS = ("up", "down", "superset", "remove", "add_set")


def keep_typed(session, user_id: int, rows: dict[str, dict[str, Any]], unit: str) -> None:
    """Save what every row shows (values that pass; a refused one stays as stored)."""
    for key, row in rows.items():
        kind, set_id = key[:1], parse_id(key[1:])
        if set_id is None or kind not in ("p", "l"):
            continue
        exercise_id = session_sets.exercise_of_set(
            session, user_id, set_id if kind == "l" else None, set_id if kind == "p" else None
        )
        if exercise_id is None:
            continue
        try:
            data = LineInput.model_validate(
                set_data(row["fields"], row.get("warmup", False), unit, exercise_id)
            )
        except ValidationError:
            continue
        if kind == "p":
            session_sets.save_planned(session, user_id, set_id, data)
        else:
            session_sets.save_logged(session, user_id, set_id, data)


def _typed_rows() -> dict[str, dict[str, Any]]:
    """{row key: {"fields": {field: value}, "warmup": flag}} from the callback's states."""
    rows: dict[str, dict[str, Any]] = {}
    fields, warmups = ctx.states_list[-2], ctx.states_list[-1]
    for field_id, value in pattern_entries(fields):
        key = field_id.get("index")
        if isinstance(key, str):
            rows.setdefault(key, {"fields": {}})["fields"][field_id.get("field")] = value
    for warmup_id, value in pattern_entries(warmups):
        key = warmup_id.get("index")
        if isinstance(key, str) and key in rows:
            rows[key]["warmup"] = value
    return rows


def _act(session, user_id: int, session_id: int | None, trigger: dict) -> str:
    """Do what the button asks; the sentence for the status line."""
    kind = trigger.get("type")
    if kind == ids.SET_DELETE:
        key = trigger.get("index")
        logged = isinstance(key, str) and key.startswith("l")
        done = isinstance(key, str) and session_sets.delete_set(
            session, user_id, parse_id(key[1:]), logged
        )
        return "Set deleted." if done else "That set was already deleted."
    block, action = trigger.get("index"), trigger.get("action")
    if action not in ACTIONS:
        raise PreventUpdate
    if action == "add_set":
        done = session_sets.add_set(session, user_id, session_id, block)
        return "Set added: it copies the last one." if done else "No set could be added."
    if action in ("up", "down"):
        done = session_sets.move_block(
            session, user_id, session_id, block, -1 if action == "up" else 1
        )
        return f"Exercise moved {action}." if done else "It cannot move further."
    if action == "superset":
        done = session_sets.toggle_superset(session, user_id, session_id, block)
        return "Superset changed." if done else "No next exercise to superset with."
    done = session_sets.remove_block(session, user_id, session_id, block)
    return "Exercise removed." if done else "That exercise was already removed."


def update_shape(_actions, _deletes, _add, exercise_id, session_id, changed, _fields, _warmups):
    """Add an exercise, add or delete a set, move, superset or remove a block."""
    trigger = clicked_id()
    session, user_id = get_session(), current_user_id()
    owner = parse_id(session_id)
    keep_typed(session, user_id, _typed_rows(), current_user.row.weight_unit)
    if trigger == ids.SESSION_ADD_BLOCK:
        error = session_sets.add_block(session, user_id, owner, parse_id(exercise_id))
        if error:
            session.rollback()
            return no_update, status_alert(error + ".", False)
        message = "Exercise added: its sets are planned as last time."
    elif isinstance(trigger, dict):
        message = _act(session, user_id, owner, trigger)
    else:
        raise PreventUpdate
    session.commit()
    return next_change(changed), status_alert(message, True)


def update_rest(_steps, session_id):
    """Shorten or lengthen a block's rest by 15 s, for its sets to come and those logged."""
    trigger = clicked_id()
    step = trigger.get("step") if isinstance(trigger, dict) else None
    if step not in (-15, 15):
        raise PreventUpdate
    session = get_session()
    seconds = session_sets.change_block_rest(
        session, current_user_id(), parse_id(session_id), trigger.get("index"), step
    )
    if seconds is None:
        raise PreventUpdate
    session.commit()
    return rest_label(seconds)


def _scale(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    raise PreventUpdate  # a crafted value: no rating of 1-5


def update_rating(stimulus, fatigue, session_id):
    """Store the block's stimulus and fatigue on its logged sets."""
    if not ctx.triggered:
        raise PreventUpdate
    block = next((rated_id.get("index") for rated_id, _ in pattern_entries(ctx.outputs_list)), None)
    session = get_session()
    rated = session_sets.rate_block(
        session, current_user_id(), parse_id(session_id), block, _scale(stimulus), _scale(fatigue)
    )
    if rated is None:
        raise PreventUpdate
    session.commit()
    if not rated:
        return html.Span("Log a set first: the rating goes with its sets.", className="text-danger")
    return html.Span(f"Rating saved on {count_label(rated, 'set')}.", className="text-success")


def _finish(session, user_id: int, session_id: int | None) -> list[Any]:
    """The status, and the start and finish the details form now shows."""
    dropped = session_sets.finish_session(session, user_id, session_id, user_now(session, user_id))
    if dropped is None:
        return [status_alert("There is no such session.", False), no_update, no_update]
    session.commit()
    header = workouts.load_session(session, user_id, session_id)
    left = f" {count_label(dropped, 'set')} not done were dropped." if dropped else ""
    return [
        status_alert(f"Workout finished.{left}", True),
        f"{header['start_time']:%H:%M}" if header["start_time"] else "",
        f"{header['end_time']:%H:%M}" if header["end_time"] else "",
    ]


def update_finish(_finish_clicks, _confirm, _cancel, session_id, changed):
    """Finish: straight away when every set is done, else after saying what is dropped."""
    trigger = clicked_id()
    if trigger == ids.SESSION_FINISH_CANCEL:
        return [False] + [no_update] * 5
    unchanged = [no_update] * 4  # the status, the times and the change count
    session, user_id = get_session(), current_user_id()
    owner = parse_id(session_id)
    if trigger == ids.SESSION_WORKOUT_FINISH and owner is not None:
        planned = session_sets.count_planned(session, user_id, owner)
        if planned:
            text = (
                f"{count_label(planned, 'planned set')} not done yet will be dropped; "
                "the sets you logged stay."
            )
            return [True, text, *unchanged]
    return [False, no_update, *_finish(session, user_id, owner), next_change(changed)]


def update_routine_saved(clicks, name, session_id):
    """Save the session's exercises as a routine to start again."""
    if not clicks:
        raise PreventUpdate
    try:
        RoutineInput(name=name or "")
    except ValidationError:
        return status_alert("Give the routine a name of up to 80 characters.", False)
    session, user_id = get_session(), current_user_id()
    routine_id, errors = routines.routine_from_session(session, user_id, parse_id(session_id), name)
    if routine_id is None:
        session.rollback()
        return status_alert(next(iter(errors.values()), "Not saved.") + ".", False)
    session.commit()
    return status_alert(
        f"Saved the routine “{' '.join(name.split())}”: start it from Workouts.", True
    )


def register(app: Dash) -> None:
    app.callback(
        Output(ids.SESSION_CHANGED, "data", allow_duplicate=True),
        Output(ids.SESSION_STATUS_LIVE, "children"),
        Input({"type": ids.BLOCK_ACTION, "index": ALL, "action": ALL}, "n_clicks"),
        Input({"type": ids.SET_DELETE, "index": ALL}, "n_clicks"),
        Input(ids.SESSION_ADD_BLOCK, "n_clicks"),
        State(ids.SESSION_ADD_EXERCISE, "value"),
        State(ids.SESSION_ID, "data"),
        State(ids.SESSION_CHANGED, "data"),
        State({"type": ids.SET_FIELD, "index": ALL, "field": ALL}, "value"),
        State({"type": ids.SET_WARMUP, "index": ALL}, "value"),
        prevent_initial_call=True,
    )(update_shape)
    app.callback(
        Output({"type": ids.BLOCK_REST_LABEL, "index": MATCH}, "children"),
        Input({"type": ids.BLOCK_REST, "index": MATCH, "step": ALL}, "n_clicks"),
        State(ids.SESSION_ID, "data"),
        prevent_initial_call=True,
    )(update_rest)
    app.callback(
        Output({"type": ids.BLOCK_RATING_STATUS, "index": MATCH}, "children"),
        Input({"type": ids.BLOCK_STIMULUS, "index": MATCH}, "value"),
        Input({"type": ids.BLOCK_FATIGUE, "index": MATCH}, "value"),
        State(ids.SESSION_ID, "data"),
        prevent_initial_call=True,
    )(update_rating)
    app.callback(
        Output(ids.SESSION_FINISH_MODAL, "is_open"),
        Output(ids.SESSION_FINISH_TEXT, "children"),
        Output(ids.SESSION_STATUS_LIVE, "children", allow_duplicate=True),
        Output(ids.SESSION_FIELDS["start_time"], "value", allow_duplicate=True),
        Output(ids.SESSION_FIELDS["end_time"], "value", allow_duplicate=True),
        Output(ids.SESSION_CHANGED, "data", allow_duplicate=True),
        Input(ids.SESSION_WORKOUT_FINISH, "n_clicks"),
        Input(ids.SESSION_FINISH_CONFIRM, "n_clicks"),
        Input(ids.SESSION_FINISH_CANCEL, "n_clicks"),
        State(ids.SESSION_ID, "data"),
        State(ids.SESSION_CHANGED, "data"),
        prevent_initial_call=True,
    )(update_finish)
    app.callback(
        Output(ids.SESSION_ROUTINE_STATUS, "children"),
        Input(ids.SESSION_ROUTINE_SAVE, "n_clicks"),
        State(ids.SESSION_ROUTINE_NAME, "value"),
        State(ids.SESSION_ID, "data"),
        prevent_initial_call=True,
    )(update_routine_saved)
