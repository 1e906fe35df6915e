"""The settings page's "Your data" card: download everything as a zip."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ui import ids
from dashboard_app.ui.common import create_icon


def build_data_card() -> dbc.Card:
    """The card with the "Download all my data" button and its (invisible) download."""
    return dbc.Card(
        [
            dbc.CardHeader(html.H2("Your data", className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(
                        "Everything you have logged, as one zip file: a CSV file per table "
                        "for spreadsheets, and metrics-tracker.json, which a Metrics Tracker "
                        "account can import. Measures are in kg, kcal, g and ml whatever "
                        "units you display. Your password and API token secrets are never "
                        "included."
                    ),
                    dbc.Button(
                        [create_icon("download", "me-2"), "Download all my data"],
                        id=ids.SETTINGS_DATA_EXPORT,
                        color="primary",
                    ),
                    dcc.Download(id=ids.SETTINGS_DATA_DOWNLOAD),
                    html.Div(id=ids.SETTINGS_DATA_STATUS, className="mt-3", role="status"),
                ]
            ),
        ],
        class_name="mb-4",
    )
