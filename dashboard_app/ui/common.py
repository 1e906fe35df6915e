"""Small layout pieces used on several pages."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html


def create_icon(name: str, extra: str = "") -> html.I:
    """A decorative Bootstrap icon, hidden from screen readers."""
    return html.I(className=f"bi bi-{name} {extra}".strip(), **{"aria-hidden": "true"})


def create_page_header(title: str, lead: str, icon: str) -> html.Header:
    """The heading every page starts with."""
    return html.Header(
        [
            html.H1([create_icon(icon, "me-2"), title], className="h3 mb-1"),
            html.P(lead, className="text-body-secondary mb-0"),
        ],
        className="page-header mb-4",
    )


def create_stat_tile(label: str, value: str, detail: str = "") -> dbc.Card:
    """A labelled number with an optional line of context."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(label, className="stat-label text-body-secondary small"),
                html.Div(value, className="stat-value fs-3 fw-semibold"),
                html.Div(detail, className="stat-detail small text-body-secondary"),
            ]
        ),
        class_name="stat-tile h-100",
    )
