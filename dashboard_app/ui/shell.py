"""The app shell: navigation bar and page container."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ui import ids


def navigation_pages(registry: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Registered pages that belong in the navbar, in their declared order."""
    return sorted(
        (p for p in registry if p.get("nav_order") is not None), key=lambda p: p["nav_order"]
    )


def create_navbar(
    pages: list[Mapping[str, Any]], display_name: str, theme: str, csrf_token: str
) -> dbc.Navbar:
    """A navbar that collapses behind a toggler at phone width."""
    links = [
        dbc.NavItem(
            dbc.NavLink(
                [
                    html.I(className=f"bi bi-{page['icon']} me-1", **{"aria-hidden": "true"}),
                    page["name"],
                ],
                href=page["relative_path"],
                active="exact",
            )
        )
        for page in pages
    ]
    account = dbc.DropdownMenu(
        label=display_name,
        nav=True,
        align_end=True,
        children=[
            dbc.DropdownMenuItem("Settings", href="/settings"),
            dbc.DropdownMenuItem(divider=True),
            html.Form(
                [
                    dcc.Input(type="hidden", name="csrf_token", value=csrf_token),
                    html.Button("Log out", type="submit", className="dropdown-item"),
                ],
                method="POST",
                action="/logout",
            ),
        ],
        id=ids.SHELL_ACCOUNT_MENU,
    )
    theme_switch = dbc.Switch(
        id=ids.THEME_SWITCH,
        label="Dark theme",
        value=theme == "dark",
        class_name="navbar-theme-switch mb-0",
        persistence=False,
    )
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    [
                        html.I(className="bi bi-activity me-2", **{"aria-hidden": "true"}),
                        "Metrics Tracker",
                    ],
                    href="/",
                ),
                html.Button(
                    html.Span(className="navbar-toggler-icon"),
                    id=ids.NAVBAR_TOGGLER,
                    n_clicks=0,
                    className="navbar-toggler",
                    type="button",
                    **{
                        "aria-label": "Show or hide the navigation",
                        "aria-controls": ids.NAVBAR_COLLAPSE,
                    },
                ),
                dbc.Collapse(
                    [
                        dbc.Nav(links, class_name="me-auto", navbar=True),
                        dbc.Nav(
                            [
                                dbc.NavItem(theme_switch, class_name="d-flex align-items-center"),
                                account,
                            ],
                            navbar=True,
                            class_name="align-items-lg-center gap-lg-3",
                        ),
                    ],
                    id=ids.NAVBAR_COLLAPSE,
                    is_open=False,
                    navbar=True,
                ),
            ],
            fluid="lg",
        ),
        # Not "dark": Bootstrap 5.3 colours the bar from data-bs-theme, so it follows the theme.
        color="body-tertiary",
        dark=False,
        sticky="top",
        class_name="app-navbar border-bottom",
        expand="lg",
    )


def create_shell(navbar: dbc.Navbar, page_container: Any) -> html.Div:
    """The whole app frame: URL, navbar, the current page."""
    return html.Div(
        [
            dcc.Location(id=ids.URL),
            dcc.Store(id=ids.THEME_SAVED),
            dcc.Store(id=ids.BROWSER_TIMEZONE),
            navbar,
            html.Main(dbc.Container(page_container, fluid="lg"), className="app-main py-3"),
        ]
    )
