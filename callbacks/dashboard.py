"""Callbacks of the dashboard: each widget loads on its own; edits are saved as they happen."""

from __future__ import annotations

from typing import Any

from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, Patch, State, ctx, no_update
from dash.exceptions import PreventUpdate
from flask import abort
from flask_login import current_user

from callbacks.forms import clicked_id, feedback_outputs, feedback_values, validate_data
from dashboard_app.auth.current import current_user_id
from dashboard_app.background import insights_scheduler
from dashboard_app.database import get_session
from dashboard_app.ranges import DASHBOARD_RANGES, range_days
from dashboard_app.schemas.dashboard import MAX_WIDGETS, LayoutInput, WidgetSettingsInput
from dashboard_app.services import dashboard
from dashboard_app.services.insights import window_start
from dashboard_app.services.preferences import user_today
from dashboard_app.ui import ids
from dashboard_app.ui.dashboard import (
    STORED_BREAKPOINT,
    build_hidden_tray,
    build_widget_card,
    grid_layout,
    shown_in_order,
    widget_id_of,
)
from dashboard_app.ui.dashboard_dialogs import FOLLOW_DASHBOARD
from dashboard_app.widget_catalogue import WIDGET_KINDS, default_layout, new_widget
from dashboard_app.widgets.base import WidgetContext
from dashboard_app.widgets.registry import RENDERERS

SETTINGS = {name: ids.DASHBOARD_SETTINGS_FIELDS[name] for name in ("title", "w", "h")}


def widget_or_404(widget_id: Any) -> dashboard.WidgetView:
    widget = dashboard.load_widget(get_session(), current_user_id(), widget_id)
    if widget is None:
        abort(404, "There is no such widget on your dashboard.")
    return widget


def _context(user_id: int, range_key: str) -> WidgetContext:
    today = user_today(get_session(), user_id)
    days = range_days(range_key)
    row = current_user.row
    return WidgetContext(
        user_id=user_id,
        today=today,
        start=window_start(days, today),
        range=range_key,
        weight_unit=row.weight_unit,
        theme=row.theme,
        schedule_insights=insights_scheduler(),
    )


def update_widget_body(_reload, range_value, body_id):
    """One widget's content; the range switch reloads only widgets that follow it."""
    widget = widget_or_404(body_id.get("index") if isinstance(body_id, dict) else None)
    renderer = RENDERERS.get(widget.widget_type)
    if renderer is None:
        return "This kind of widget is no longer offered; remove it in Customize."
    follows_dashboard = renderer.kind.uses_range and widget.range is None
    if ctx.triggered_id == ids.DASHBOARD_RANGE and not follows_dashboard:
        raise PreventUpdate
    if widget.range:
        range_key = widget.range
    elif isinstance(range_value, str) and range_value in DASHBOARD_RANGES:
        range_key = range_value
    else:
        range_key = dashboard.DEFAULT_VIEW
    context = _context(current_user_id(), range_key)
    session = get_session()
    data = renderer.load(session, context)
    session.commit()  # a stale insights recompute may have been stored while loading
    return renderer.render(data, context)


def update_saved_layout(layouts):
    """Store the 12-column boxes after a drag or resize.

    The grid reports every breakpoint's layout; only the 12-column one is stored, so a visit
    from a phone (one column) never rearranges the desktop. Echoes of what the server sent
    change nothing and write nothing. A layout naming a widget that is not the user's (removed
    in another tab, or crafted) saves nothing and gets the dashboard as it is now.
    """
    layout = layouts.get(STORED_BREAKPOINT) if isinstance(layouts, dict) else None
    if not isinstance(layout, list):
        raise PreventUpdate
    items = []
    for item in layout:
        if not isinstance(item, dict):
            abort(400, "Each layout item must be an object.")
        items.append({**item, "id": widget_id_of(item.get("i"))})
    parsed, errors = validate_data(LayoutInput, {"items": items})
    if parsed is None:
        abort(400, f"The layout is not valid: {errors}")
    session = get_session()
    changed = dashboard.save_layout(session, current_user_id(), parsed)
    if changed is None:
        stale = "Your dashboard changed elsewhere; this is how it is now. Nothing was moved."
        return [*_full(_widgets()), stale]
    if not changed:
        raise PreventUpdate
    session.commit()
    return [no_update] * 4 + ["Layout saved."]


def _card(widget: dashboard.WidgetView):
    return build_widget_card(widget, WIDGET_KINDS.get(widget.widget_type))


def _full(widgets: list[dashboard.WidgetView]) -> list[Any]:
    shown = shown_in_order(widgets)
    return [
        [_card(widget) for widget in shown],
        {STORED_BREAKPOINT: grid_layout(shown, WIDGET_KINDS)},
        [widget.id for widget in shown],
        build_hidden_tray(widgets),
    ]


def _patched(
    widgets: list[dashboard.WidgetView], order: Any, rebuilt_id: int | None = None
) -> list[Any]:
    """Grid outputs that touch only the cards that came, went or changed place.

    order is the browser's list of the shown widget ids, in page order. Cards keep their
    loaded data unless they move in the page or are rebuilt_id (whose settings changed).
    Keeping the page order equal to the reading order keeps keyboard and screen-reader order
    equal to what is seen. A crafted or stale order gets the whole grid rebuilt.
    """
    if (
        not isinstance(order, list)
        or not all(type(widget_id) is int for widget_id in order)
        or len(set(order)) != len(order)
    ):
        return _full(widgets)
    shown = shown_in_order(widgets)
    by_id = {widget.id: widget for widget in shown}
    children, current = Patch(), list(order)
    for widget_id in [widget_id for widget_id in current if widget_id not in by_id]:
        del children[current.index(widget_id)]
        current.remove(widget_id)
    for index, widget in enumerate(shown):
        if index < len(current) and current[index] == widget.id:
            if widget.id == rebuilt_id:
                children[index] = _card(widget)
            continue
        if widget.id in current:
            del children[current.index(widget.id)]
            current.remove(widget.id)
        if index == len(current):
            children.append(_card(widget))
        else:
            children.insert(index, _card(widget))
        current.insert(index, widget.id)
    return [
        children,
        {STORED_BREAKPOINT: grid_layout(shown, WIDGET_KINDS)},
        current,
        build_hidden_tray(widgets),
    ]


def _widgets() -> list[dashboard.WidgetView]:
    return dashboard.load_widgets(get_session(), current_user_id())


def update_grid(*args):
    """Add, show, hide, remove, move, reset: save the change, then update only what it touched.

    Outputs: the four grid outputs, the status line, then the add, reset and remove dialogs
    (each closed by the change it asked for).
    """
    *_clicks, order, remove_id = args
    clicked = clicked_id()
    session, user_id = get_session(), current_user_id()
    kind = clicked.get("type") if isinstance(clicked, dict) else clicked
    index = clicked.get("index") if isinstance(clicked, dict) else None
    keep = [no_update] * 3
    if kind == ids.WIDGET_ADD:
        spec = new_widget(index)
        if spec is None:
            abort(400, "There is no such kind of widget.")
        added = dashboard.add_widget(session, user_id, spec)
        if added is None:
            full = f"A dashboard holds at most {MAX_WIDGETS} widgets; remove one first."
            return [no_update] * 4 + [full, False, *keep[1:]]
        session.commit()
        return [*_patched(_widgets(), order), f"{added.title} added.", False, *keep[1:]]
    if kind == ids.DASHBOARD_RESET_CONFIRM:
        dashboard.reset_layout(session, user_id, default_layout())
        session.commit()
        return [*_full(_widgets()), "The default layout is back.", no_update, False, no_update]
    if kind == ids.DASHBOARD_REMOVE_CONFIRM:
        widget = widget_or_404(remove_id)
        dashboard.remove_widget(session, user_id, widget.id)
        session.commit()
        grid = _patched(_widgets(), order)
        return [*grid, f"{widget.title} removed.", no_update, no_update, False]
    widget = widget_or_404(index)
    if kind in (ids.WIDGET_HIDE, ids.WIDGET_SHOW):
        visible = kind == ids.WIDGET_SHOW
        dashboard.set_visible(session, user_id, widget.id, visible)
        session.commit()
        message = f"{widget.title} {'shown' if visible else 'hidden'}."
        return [*_patched(_widgets(), order), message, *keep]
    step = -1 if kind == ids.WIDGET_MOVE_EARLIER else 1
    if not dashboard.move_widget(session, user_id, widget.id, step):
        raise PreventUpdate  # already first or last
    session.commit()
    message = f"{widget.title} moved {'earlier' if step < 0 else 'later'}."
    return [*_patched(_widgets(), order), message, *keep]


def update_settings_saved(_clicks, widget_id, order, title, range_value, width, height):
    """Rename, set the widget's own range and its size; errors show at the fields."""
    widget = widget_or_404(widget_id)
    kind = WIDGET_KINDS.get(widget.widget_type)
    data = {
        "title": title,
        "range": None if range_value in (FOLLOW_DASHBOARD, "", None) else range_value,
        "w": _whole_number(width),
        "h": _whole_number(height),
    }
    settings, errors = validate_data(WidgetSettingsInput, data)
    if settings is not None and kind is not None:
        min_w, min_h = kind.min_size
        if settings.w < min_w:
            errors["w"] = f"This widget needs at least {min_w} columns."
        if settings.h < min_h:
            errors["h"] = f"This widget needs at least {min_h} rows."
    if "range" in errors:  # a select offers only valid ranges: only a crafted request gets here
        abort(400, f"range: {errors['range']}")
    if errors:
        return [*feedback_values(SETTINGS, errors), no_update, *[no_update] * 4, no_update]
    session = get_session()
    dashboard.update_settings(session, current_user_id(), widget.id, settings)
    session.commit()
    grid = _patched(_widgets(), order, rebuilt_id=widget.id)
    return [*feedback_values(SETTINGS, {}), False, *grid, f"{settings.title} saved."]


def _whole_number(value: Any) -> Any:
    """Number inputs send floats for whole numbers typed as 3.0; the schema wants ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def register(app: Dash) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="metrics", function_name="toggleDashboardEdit"),
        Output(ids.DASHBOARD_EDITING, "className"),
        Output(ids.DASHBOARD_GRID, "isDraggable"),
        Output(ids.DASHBOARD_GRID, "isResizable"),
        Output(ids.DASHBOARD_EDIT, "children"),
        Input(ids.DASHBOARD_EDIT, "n_clicks"),
        Input(ids.DASHBOARD_GRID, "breakpoint"),
    )
    app.callback(
        Output({"type": ids.WIDGET_BODY, "index": MATCH}, "children"),
        Input({"type": ids.WIDGET_RELOAD, "index": MATCH}, "data"),
        Input(ids.DASHBOARD_RANGE, "value"),
        State({"type": ids.WIDGET_BODY, "index": MATCH}, "id"),
    )(update_widget_body)
    grid_outputs = [
        Output(ids.DASHBOARD_GRID, "children", allow_duplicate=True),
        Output(ids.DASHBOARD_GRID, "layouts", allow_duplicate=True),
        Output(ids.DASHBOARD_ORDER, "data", allow_duplicate=True),
        Output(ids.DASHBOARD_HIDDEN, "children", allow_duplicate=True),
    ]
    app.callback(
        *grid_outputs,
        Output(ids.DASHBOARD_STATUS, "children", allow_duplicate=True),
        Input(ids.DASHBOARD_GRID, "layouts"),
        prevent_initial_call=True,
    )(update_saved_layout)
    app.callback(
        *grid_outputs,
        Output(ids.DASHBOARD_STATUS, "children", allow_duplicate=True),
        Output(ids.DASHBOARD_ADD_DIALOG, "is_open", allow_duplicate=True),
        Output(ids.DASHBOARD_RESET_DIALOG, "is_open", allow_duplicate=True),
        Output(ids.DASHBOARD_REMOVE_DIALOG, "is_open", allow_duplicate=True),
        Input({"type": ids.WIDGET_ADD, "index": ALL}, "n_clicks"),
        Input({"type": ids.WIDGET_SHOW, "index": ALL}, "n_clicks"),
        Input({"type": ids.WIDGET_HIDE, "index": ALL}, "n_clicks"),
        Input({"type": ids.WIDGET_MOVE_EARLIER, "index": ALL}, "n_clicks"),
        Input({"type": ids.WIDGET_MOVE_LATER, "index": ALL}, "n_clicks"),
        Input(ids.DASHBOARD_REMOVE_CONFIRM, "n_clicks"),
        Input(ids.DASHBOARD_RESET_CONFIRM, "n_clicks"),
        State(ids.DASHBOARD_ORDER, "data"),
        State(ids.DASHBOARD_REMOVE_WIDGET, "data"),
        prevent_initial_call=True,
    )(update_grid)
    app.callback(
        *feedback_outputs(SETTINGS),
        Output(ids.DASHBOARD_SETTINGS_DIALOG, "is_open", allow_duplicate=True),
        *grid_outputs,
        Output(ids.DASHBOARD_STATUS, "children", allow_duplicate=True),
        Input(ids.DASHBOARD_SETTINGS_SAVE, "n_clicks"),
        State(ids.DASHBOARD_SETTINGS_WIDGET, "data"),
        State(ids.DASHBOARD_ORDER, "data"),
        *(State(field_id, "value") for field_id in ids.DASHBOARD_SETTINGS_FIELDS.values()),
        prevent_initial_call=True,
    )(update_settings_saved)
