"""Callbacks, one module per page; each offers register(app)."""

from __future__ import annotations

from dash import Dash


def register_all(app: Dash) -> None:
    """Register every module's callbacks on app (never through the global dash.callback)."""
    from callbacks import (
        daily_log,
        dashboard,
        dashboard_dialogs,
        exercises,
        insights,
        records,
        routines,
        session_blocks,
        session_details,
        settings,
        settings_data,
        settings_import,
        settings_logins,
        settings_tokens,
        shell,
        training,
        training_landmarks,
        workout_session,
        workouts,
    )

    for module in (
        shell,
        dashboard,
        dashboard_dialogs,
        daily_log,
        workouts,
        workout_session,
        session_blocks,
        session_details,
        records,
        routines,
        exercises,
        insights,
        training,
        training_landmarks,
        settings,
        settings_data,
        settings_import,
        settings_tokens,
        settings_logins,
    ):
        module.register(app)
