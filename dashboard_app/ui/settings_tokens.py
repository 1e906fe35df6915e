"""The settings card for personal API tokens: create (shown once), list, revoke."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.services.api_tokens import TokenView
from dashboard_app.ui import ids
from dashboard_app.ui.common import create_icon, format_utc
from dashboard_app.ui.forms import create_input


def _when(moment) -> str:
    return format_utc(moment) if moment else "never"


def build_token_list(tokens: Sequence[TokenView]) -> html.Div:
    if not tokens:
        return html.P("No tokens yet.", className="text-body-secondary small mb-0")
    return dbc.ListGroup(
        [
            dbc.ListGroupItem(
                [
                    html.Div(
                        [
                            html.Div(token.name, className="fw-semibold text-truncate"),
                            html.Div(
                                [
                                    html.Code(f"{token.prefix}…"),
                                    f" · created {_when(token.created_at)}"
                                    f" · last used {_when(token.last_used_at)}",
                                ],
                                className="small text-body-secondary",
                            ),
                        ],
                        className="me-2 min-width-0",
                    ),
                    html.Button(
                        "Revoke",
                        id={"type": ids.TOKEN_REVOKE, "index": token.id},
                        type="button",
                        className="btn btn-outline-danger btn-sm flex-shrink-0",
                        **{"aria-label": f"Revoke the token {token.name}"},
                    ),
                ],
                class_name="d-flex justify-content-between align-items-center",
            )
            for token in tokens
        ]
    )


def build_new_token(name: str, secret: str) -> dbc.Alert:
    """The new token, shown this once: only its hash is kept."""
    return dbc.Alert(
        [
            html.Strong(f"Your new token “{name}”. "),
            "Copy it now: it is not shown again.",
            dbc.Label("Token", html_for=ids.TOKEN_SECRET, class_name="visually-hidden"),
            dbc.Input(
                id=ids.TOKEN_SECRET, value=secret, readonly=True, class_name="font-monospace mt-2"
            ),
        ],
        color="success",
        class_name="mt-3",
    )


def build_tokens_card() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(html.H2("API tokens", className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(
                        [
                            "Scripts and phone shortcuts use the ",
                            html.A(
                                [create_icon("box-arrow-up-right", "me-1"), "REST API"],
                                href="/api/v1/docs/",
                                target="_blank",
                            ),
                            " with a personal token sent as ",
                            html.Code("Authorization: Bearer <token>"),
                            ". A token can do anything you can, except change your account.",
                        ],
                        className="small",
                    ),
                    create_input(
                        ids.TOKEN_NAME, "Token name", maxLength=80, placeholder="e.g. Phone"
                    ),
                    dbc.Button("Create token", id=ids.TOKEN_CREATE, color="primary"),
                    html.Div(id=ids.TOKEN_NEW, role="status"),
                    html.H3("Your tokens", className="h6 mt-4"),
                    html.Div(id=ids.TOKEN_LIST),
                    dcc.Store(id=ids.TOKEN_LOAD, data=True),
                ]
            ),
        ],
        class_name="mb-4",
    )
