"""Callbacks of the personal records page."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user

from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.services import records
from dashboard_app.services.exercises import rank_by_name
from dashboard_app.ui import ids
from dashboard_app.ui.common import count_label
from dashboard_app.ui.records import build_history_table, build_records_list, history_item_id


def update_records(_load, query):
    """Every exercise with records, the most recently improved first; filtered by name."""
    entries = records.records_by_exercise(get_session(), current_user_id())
    total = len(entries)
    query = query.strip()[:120] if isinstance(query, str) else ""
    if query:
        entries = rank_by_name(entries, query)
    count = count_label(total, "exercise") + " with records"
    if query:
        count = f"{len(entries)} of {count}"
    return build_records_list(entries, current_user.row.weight_unit, query), count


def update_histories(active, history_ids):
    """Build the history of each opened exercise; closed ones are left as they are."""
    # The accordion sends an item id or a list of them; anything else opens nothing.
    opened = {
        item for item in (active if isinstance(active, list) else [active]) if isinstance(item, str)
    }
    session, user_id, unit = get_session(), current_user_id(), current_user.row.weight_unit
    tables = []
    for component_id in history_ids or []:
        exercise_id = component_id.get("index") if isinstance(component_id, dict) else None
        if not isinstance(exercise_id, int) or history_item_id(exercise_id) not in opened:
            tables.append(no_update)
            continue
        tables.append(
            build_history_table(records.record_history(session, user_id, exercise_id), unit)
        )
    if all(table is no_update for table in tables):
        raise PreventUpdate  # only closing items
    return tables


def register(app: Dash) -> None:
    app.callback(
        Output(ids.RECORDS_LIST, "children"),
        Output(ids.RECORDS_COUNT, "children"),
        Input(ids.RECORDS_LOAD, "data"),
        Input(ids.RECORDS_QUERY, "value"),
    )(update_records)
    app.callback(
        Output({"type": ids.RECORDS_HISTORY, "index": ALL}, "children"),
        Input(ids.RECORDS_ACCORDION, "active_item"),
        State({"type": ids.RECORDS_HISTORY, "index": ALL}, "id"),
        prevent_initial_call=True,
    )(update_histories)
