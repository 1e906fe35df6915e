"""Dialogs opened by one button and closed by another: one helper for every page's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dash import Dash, Input, Output, State, ctx, no_update


def register_dialog(
    app: Dash,
    dialog: str,
    opener: str,
    closer: str,
    fill: Callable[..., Sequence[Any]] | None = None,
    outputs: Sequence[tuple[str, str]] = (),
    states: Sequence[tuple[str, str]] = (),
) -> Callable[..., Any]:
    """Open dialog on a click of opener, close it on closer; the callback, for tests.

    With fill, opening also sets outputs (component id, property) to fill(*states' values):
    what the dialog asks about. A button that merely appeared (no clicks) opens nothing.
    """

    def update_dialog(open_clicks, _close_clicks, *values):
        opening = ctx.triggered_id == opener and bool(open_clicks)
        if not outputs:
            return opening  # one output: Dash wants the value itself
        if not opening:
            return [False, *[no_update] * len(outputs)]
        return [True, *fill(*values)]

    app.callback(
        Output(dialog, "is_open"),
        *(Output(component, prop) for component, prop in outputs),
        Input(opener, "n_clicks"),
        Input(closer, "n_clicks"),
        *(State(component, prop) for component, prop in states),
        prevent_initial_call=True,
    )(update_dialog)
    return update_dialog
