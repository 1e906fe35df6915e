"""Layout builders for each page; pages/ only registers them."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard_app.ui.common import create_icon, create_page_header


def build_section_layout(title: str, lead: str, icon: str) -> html.Div:
    return html.Div([create_page_header(title, lead, icon)])


def build_not_found_layout() -> html.Div:
    return html.Div(
        [
            html.H1([create_icon("signpost-split", "me-2"), "Page not found"], className="h3"),
            html.P("There is no page at this address.", className="text-body-secondary"),
            dbc.Button("Back to the dashboard", href="/", color="primary"),
        ],
        className="not-found py-5 text-center",
    )
