"""Callbacks of the training page: one block's report, chosen with the mesocycle select."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output
from flask_login import current_user

from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.figures.training import e1rm_change_figure, rir_figure, weekly_sets_figure
from dashboard_app.services.training import training_report
from dashboard_app.ui import ids
from dashboard_app.ui.training import (
    build_block_without_sets,
    build_training_empty,
    build_training_report,
)


def _mesocycle(value: Any) -> str | None:
    """A block name as typed; anything else (crafted lists, numbers) means the current block."""
    return value if isinstance(value, str) else None


def update_report(value, _landmarks_changed=None):
    """The chosen block's report (the current one for no or an unknown name) and the select."""
    session, user_id = get_session(), current_user_id()
    report = training_report(session, user_id, _mesocycle(value))
    options = [{"label": name, "value": name} for name in report.mesocycles]
    if report.mesocycle is None:
        return options, None, build_training_empty()
    if not report.weeks:
        return options, report.mesocycle, build_block_without_sets(report.mesocycle)
    user = current_user.row
    figures = {
        "sets": weekly_sets_figure(report.weeks, report.landmarks, user.theme),
        "rir": rir_figure(report.weeks, user.theme),
        "e1rm": e1rm_change_figure(report.e1rm_changes, user.theme),
    }
    return options, report.mesocycle, build_training_report(report, figures, user.weight_unit)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.TRAINING_MESOCYCLE, "options"),
        Output(ids.TRAINING_MESOCYCLE, "value"),
        Output(ids.TRAINING_CONTENT, "children"),
        Input(ids.TRAINING_MESOCYCLE, "value"),
        Input(ids.LANDMARKS_CHANGED, "data"),
    )(update_report)
