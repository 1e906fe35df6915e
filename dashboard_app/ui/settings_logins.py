"""The settings card of where the account is logged in: each login, and logging them out."""

from __future__ import annotations

import re
from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.services.logins import LoginView
from dashboard_app.ui import ids
from dashboard_app.ui.common import format_utc

# (pattern in the User-Agent, name), the first that matches wins: Edge and Opera say Chrome
# too, Chrome says Safari.
BROWSERS = (
    (r"Edg/", "Edge"),
    (r"OPR/|Opera", "Opera"),
    (r"Firefox/|FxiOS/", "Firefox"),
    (r"Chrome/|CriOS/|Chromium/", "Chrome"),
    (r"Safari/", "Safari"),
)
SYSTEMS = (
    (r"iPhone|iPad|iOS", "iOS"),
    (r"Android", "Android"),
    (r"Windows", "Windows"),
    (r"Mac OS X|Macintosh", "macOS"),
    (r"CrOS", "ChromeOS"),
    (r"Linux", "Linux"),
)


def _first(patterns, text: str) -> str | None:
    return next((name for pattern, name in patterns if re.search(pattern, text)), None)


def device_name(user_agent: str | None) -> str:
    """ "Firefox on Android" from a User-Agent; "A browser" when it says nothing known."""
    text = user_agent or ""
    browser, system = _first(BROWSERS, text), _first(SYSTEMS, text)
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "A browser or a script")


def build_login_list(logins: Sequence[LoginView]) -> dbc.ListGroup:
    items = []
    for login in logins:
        facts = (
            f"logged in {format_utc(login.created_at)} · last seen {format_utc(login.last_seen_at)}"
        )
        if login.remember:
            facts += " · remembered"
        name = device_name(login.user_agent)
        end = (
            dbc.Badge("this device", color="success", class_name="flex-shrink-0")
            if login.is_current
            else html.Button(
                "Log out",
                id={"type": ids.LOGIN_END, "index": login.id},
                type="button",
                className="btn btn-outline-danger btn-sm flex-shrink-0",
                **{"aria-label": f"Log out {name}, {facts}"},
            )
        )
        items.append(
            dbc.ListGroupItem(
                [
                    html.Div(
                        [
                            html.Div(name, className="fw-semibold"),
                            html.Div(facts, className="small text-body-secondary"),
                        ],
                        className="me-2 min-width-0",
                    ),
                    end,
                ],
                class_name="d-flex justify-content-between align-items-center",
            )
        )
    return dbc.ListGroup(items)


def build_logins_card() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(html.H2("Where you are logged in", className="h5 mb-0")),
            dbc.CardBody(
                [
                    html.P(
                        "Logging out ends a login on the server, so a copied cookie stops "
                        "working too. A new password logs out every other device.",
                        className="small",
                    ),
                    html.Div(id=ids.LOGINS_LIST, className="mb-3"),
                    dbc.Button(
                        "Log out all other devices",
                        id=ids.LOGINS_END_OTHERS,
                        color="danger",
                        outline=True,
                    ),
                    html.Div(id=ids.LOGINS_STATUS, className="mt-3", role="status"),
                    dcc.Store(id=ids.LOGINS_LOAD, data=True),
                ]
            ),
        ],
        class_name="mb-4",
    )
