"""Callbacks of the volume landmarks editor: show, save or reset one muscle group's."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, no_update

from callbacks.forms import (
    clicked_id,
    feedback_outputs,
    feedback_values,
    next_change,
    validate_data,
)
from dashboard_app.analytics.training_readiness import VOLUME_LANDMARKS
from dashboard_app.auth.current import current_user_id
from dashboard_app.database import get_session
from dashboard_app.schemas.training import LandmarkInput
from dashboard_app.services import volume_landmarks
from dashboard_app.ui import ids

FIELDS = ids.LANDMARK_FIELDS


def _shown(session, user_id: int, muscle: str) -> list:
    """The muscle's values in the form and a line saying whose they are."""
    landmarks = volume_landmarks.user_landmarks(session, user_id)[muscle]
    own = muscle in volume_landmarks.own_landmark_muscles(session, user_id)
    default = VOLUME_LANDMARKS[muscle]
    note = (
        f"Your own; the default is {default.mv:g} / {default.mev:g} / {default.mrv:g}."
        if own
        else "The default."
    )
    return [round(landmarks.mv), round(landmarks.mev), round(landmarks.mrv), note]


def update_landmarks(muscle, _save, _reset, changed, *values):
    """Fill the form for the chosen muscle; save or reset it on a click."""
    session, user_id = get_session(), current_user_id()
    trigger, counter = ctx.triggered_id, no_update
    if not isinstance(muscle, str) or muscle not in VOLUME_LANDMARKS:
        if trigger in (ids.LANDMARK_SAVE, ids.LANDMARK_RESET):  # never onto a muscle not chosen
            message = "Nothing was saved: choose a muscle group from the list."
            return [no_update] * 3 + [message, no_update, *feedback_values(FIELDS, {})]
        muscle = next(iter(VOLUME_LANDMARKS))
    if trigger in (ids.LANDMARK_SAVE, ids.LANDMARK_RESET):
        clicked_id()
    if trigger == ids.LANDMARK_SAVE:
        data, errors = validate_data(
            LandmarkInput, {"muscle_group": muscle, **dict(zip(FIELDS, values, strict=True))}
        )
        if data is None:
            message = "Not saved: correct the marked fields."
            return [no_update] * 3 + [message, no_update, *feedback_values(FIELDS, errors)]
        volume_landmarks.save_landmark(session, user_id, data)
        counter = next_change(changed)
    elif trigger == ids.LANDMARK_RESET:
        volume_landmarks.reset_landmark(session, user_id, muscle)
        counter = next_change(changed)
    session.commit()
    return [*_shown(session, user_id, muscle), counter, *feedback_values(FIELDS, {})]


def register(app: Dash) -> None:
    app.callback(
        *(Output(field_id, "value") for field_id in FIELDS.values()),
        Output(ids.LANDMARK_STATUS, "children"),
        Output(ids.LANDMARKS_CHANGED, "data"),
        *feedback_outputs(FIELDS),
        Input(ids.LANDMARK_MUSCLE, "value"),
        Input(ids.LANDMARK_SAVE, "n_clicks"),
        Input(ids.LANDMARK_RESET, "n_clicks"),
        State(ids.LANDMARKS_CHANGED, "data"),
        *(State(field_id, "value") for field_id in FIELDS.values()),
    )(update_landmarks)
