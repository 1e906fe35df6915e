"""The dashboard's dialogs: opening them filled in for the widget they are about, and closing."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, ctx, no_update

from callbacks.dashboard import SETTINGS, widget_or_404
from callbacks.dialogs import register_dialog
from callbacks.forms import clicked_id, feedback_outputs, feedback_values
from dashboard_app.ui import ids
from dashboard_app.ui.dashboard_dialogs import FOLLOW_DASHBOARD
from dashboard_app.widget_catalogue import WIDGET_KINDS


def _opened_widget():
    """The widget whose button was clicked (buttons that merely appeared click nothing)."""
    clicked = clicked_id()
    return widget_or_404(clicked.get("index") if isinstance(clicked, dict) else None)


def update_settings_dialog(_open, _cancel):
    """Open the settings of the widget whose gear was clicked, filled in; or close them."""
    if ctx.triggered_id == ids.DASHBOARD_SETTINGS_CANCEL:
        return [False, *[no_update] * 6, *feedback_values(SETTINGS, {})]
    widget = _opened_widget()
    kind = WIDGET_KINDS.get(widget.widget_type)
    follows = kind is not None and kind.uses_range
    help_text = (
        "Follow the dashboard, or keep this widget on a range of its own."
        if follows
        else "This widget does not depend on the time range."
    )
    return [
        True,
        widget.id,
        widget.title,
        widget.range or FOLLOW_DASHBOARD,
        widget.w,
        widget.h,
        help_text,
        *feedback_values(SETTINGS, {}),
    ]


def update_remove_dialog(_open, _cancel):
    """Ask before removing the widget whose bin was clicked."""
    if ctx.triggered_id == ids.DASHBOARD_REMOVE_CANCEL:
        return False, no_update, no_update
    widget = _opened_widget()
    text = f"“{widget.title}” leaves your dashboard. The data it shows stays."
    return True, widget.id, text


def register(app: Dash) -> None:
    fields = ids.DASHBOARD_SETTINGS_FIELDS
    app.callback(
        Output(ids.DASHBOARD_SETTINGS_DIALOG, "is_open"),
        Output(ids.DASHBOARD_SETTINGS_WIDGET, "data"),
        *(Output(field_id, "value") for field_id in fields.values()),
        Output(ids.DASHBOARD_SETTINGS_RANGE_HELP, "children"),
        *feedback_outputs(SETTINGS),
        Input({"type": ids.WIDGET_SETTINGS, "index": ALL}, "n_clicks"),
        Input(ids.DASHBOARD_SETTINGS_CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )(update_settings_dialog)
    app.callback(
        Output(ids.DASHBOARD_REMOVE_DIALOG, "is_open"),
        Output(ids.DASHBOARD_REMOVE_WIDGET, "data"),
        Output(ids.DASHBOARD_REMOVE_TEXT, "children"),
        Input({"type": ids.WIDGET_REMOVE, "index": ALL}, "n_clicks"),
        Input(ids.DASHBOARD_REMOVE_CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )(update_remove_dialog)
    register_dialog(app, ids.DASHBOARD_ADD_DIALOG, ids.DASHBOARD_ADD_OPEN, ids.DASHBOARD_ADD_CLOSE)
    register_dialog(
        app, ids.DASHBOARD_RESET_DIALOG, ids.DASHBOARD_RESET_OPEN, ids.DASHBOARD_RESET_CANCEL
    )
