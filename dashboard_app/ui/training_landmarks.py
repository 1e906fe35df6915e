"""The training page's editor of a user's volume landmarks, one muscle group at a time."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.analytics.training_readiness import VOLUME_LANDMARKS
from dashboard_app.schemas.training import MAX_WEEKLY_SETS
from dashboard_app.ui import ids
from dashboard_app.ui.forms import create_field

LABELS = {
    "mv": "Maintenance (MV)",
    "mev": "Minimum effective (MEV)",
    "mrv": "Maximum recoverable (MRV)",
}


def _number(name: str) -> dbc.Col:
    field_id = ids.LANDMARK_FIELDS[name]
    control = dbc.Input(id=field_id, type="number", min=0, max=MAX_WEEKLY_SETS, step=1)
    return dbc.Col(create_field(field_id, LABELS[name], control), xs=12, sm=4)


def build_landmarks_card() -> dbc.Card:
    muscles = [{"label": name.title(), "value": name} for name in VOLUME_LANDMARKS]
    return dbc.Card(
        [
            dbc.CardHeader(html.H2("Your volume landmarks", className="h6 mb-0")),
            dbc.CardBody(
                [
                    html.P(
                        "Weekly hard sets per muscle group. The defaults follow published "
                        "hypertrophy guidance for intermediate lifters; set your own where you "
                        "know better. The charts and next week's sets use them at once.",
                        className="small",
                    ),
                    create_field(
                        ids.LANDMARK_MUSCLE,
                        "Muscle group",
                        dbc.Select(
                            id=ids.LANDMARK_MUSCLE, options=muscles, value=muscles[0]["value"]
                        ),
                    ),
                    dbc.Row([_number(name) for name in ids.LANDMARK_FIELDS], class_name="g-2"),
                    html.Div(
                        [
                            dbc.Button("Save", id=ids.LANDMARK_SAVE, color="primary"),
                            dbc.Button(
                                "Use the default", id=ids.LANDMARK_RESET, color="outline-secondary"
                            ),
                        ],
                        className="d-flex flex-wrap gap-2",
                    ),
                    html.Div(id=ids.LANDMARK_STATUS, className="small mt-2", role="status"),
                    dcc.Store(id=ids.LANDMARKS_CHANGED, data=0),
                ]
            ),
        ],
        class_name="mb-4",
    )
