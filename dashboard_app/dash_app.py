"""The Dash app mounted on the Flask server: pages, shell layout, callbacks."""

from __future__ import annotations

import re
from pathlib import Path

import dash
from dash import Dash
from dash.exceptions import CallbackException, DependencyException
from flask import Flask
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from dashboard_app import callback_requests
from dashboard_app.security import CSP_KEY, limit_views
from dashboard_app.theme import current_theme
from dashboard_app.ui.shell import create_navbar, create_shell, navigation_pages

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGES_FOLDER = PROJECT_ROOT / "pages"
ASSETS_FOLDER = PROJECT_ROOT / "assets"
DASH_EXTENSION_KEY = "metrics_tracker.dash"
THEME_MARKER = "__METRICS_THEME__"
# Dash serves its index page from these Flask endpoints (the root and the catch-all).
INDEX_ENDPOINTS = ("/", "/<path:path>")

INDEX_TEMPLATE = f"""<!DOCTYPE html>
<html lang="en" data-bs-theme="{THEME_MARKER}" data-ag-theme-mode="{THEME_MARKER}">
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        {{%favicon%}}
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <footer>
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </footer>
    </body>
</html>"""


class MetricsDash(Dash):
    """Dash whose index page is rendered in the visitor's theme (no light flash in dark mode)."""

    def interpolate_index(self, **kwargs) -> str:
        return super().interpolate_index(**kwargs).replace(THEME_MARKER, current_theme())


def build_shell() -> object:
    """The layout of every page, built per request for the logged-in user."""
    name = current_user.display_name if current_user.is_authenticated else ""
    navbar = create_navbar(
        navigation_pages(dash.page_registry.values()), name, current_theme(), generate_csrf()
    )
    return create_shell(navbar, dash.page_container)


def build_dash(server: Flask) -> Dash:
    """Create the Dash app on server, register pages and callbacks, then the CSP."""
    from callbacks import register_all

    app = MetricsDash(
        "dashboard_app",
        server=False,
        use_pages=True,
        pages_folder=str(PAGES_FOLDER),
        assets_folder=str(ASSETS_FOLDER),
        title="Metrics Tracker",
        update_title=None,
        suppress_callback_exceptions=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        index_string=INDEX_TEMPLATE,
        serve_locally=True,
    )
    app.init_app(server)
    app.layout = build_shell
    register_all(app)
    limit_views(server)
    server.extensions[DASH_EXTENSION_KEY] = app
    # Dash adds inline scripts until its first request (pages add a title script), so the
    # hashes are read when a response is sent, not now.
    server.extensions[CSP_KEY] = app.csp_hashes
    _mark_unknown_paths_not_found(server)
    server.before_request(_refuse_malformed_page_routing)
    callback_requests.init_app(server, app)
    server.register_error_handler(CallbackException, _refuse_mismatched_callback_request)
    server.register_error_handler(DependencyException, _unknown_component_suite)
    _finish_first_request_setup(server)
    return app


def _finish_first_request_setup(server: Flask) -> None:
    # Dash finishes setting up (assets, scripts, the pages router's callback) in its first
    # request, behind a flag it sets before the work is done, so requests arriving together
    # at a new gunicorn worker's threads race it: one iterates the callbacks while another
    # adds the router's, and gets a 500. Running that first request's hooks now, before any
    # thread serves, leaves nothing to race. The login page is public, so no guard stops them.
    with server.test_request_context("/login"):
        server.preprocess_request()


def _unknown_component_suite(_error: DependencyException):
    # Dash raises this for a script of a library it never loaded (/_dash-component-suites/os/
    # x.js): a file that is not here, not a fault of the server.
    return "Not found", 404


def _refuse_mismatched_callback_request(error: CallbackException):
    # Dash checks a request's outputs and inputs against the callback's definition and raises
    # plain CallbackException when they differ: only a crafted request does that, so it gets a
    # 400. Subclasses (a callback returning the wrong shape) are our bugs and stay 500s.
    if type(error) is not CallbackException:
        raise error
    return {"error": "the request does not match the callback's definition"}, 400


def _mark_unknown_paths_not_found(server: Flask) -> None:
    # Dash answers every path with its index page and draws the 404 page in the browser;
    # the status code should still say 404 for a path that is no page.
    from flask import request

    def set_status(response):
        if (
            request.endpoint in INDEX_ENDPOINTS
            and response.status_code == 200
            and not _is_page_path(request.path)
        ):
            response.status_code = 404
        return response

    server.after_request(set_status)


def _is_page_path(path: str) -> bool:
    """Whether path is a registered page, fixed or templated (/exercises/<exercise_id>)."""
    path = path.rstrip("/") or "/"
    for page in dash.page_registry.values():
        template = page.get("path_template")
        if template:
            pattern = re.sub(r"<[^>/]+>", "[^/]+", re.escape(template))
            if re.fullmatch(pattern, path):
                return True
        elif path == (page["relative_path"].rstrip("/") or "/"):
            return True
    return False


def _refuse_malformed_page_routing():
    # Dash's own page router assumes the browser sends the path as text; a crafted payload
    # with anything else would make it raise, so such a request is refused with a 400 here.
    from flask import request

    if request.path != "/_dash-update-component" or not request.is_json:
        return None
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or "_pages_content" not in str(body.get("output", "")):
        return None
    inputs = body.get("inputs")
    valid = (
        isinstance(inputs, list)
        and inputs
        and all(isinstance(item, dict) and isinstance(item.get("value"), str) for item in inputs)
        and inputs[0]["value"].startswith("/")
    )
    if not valid:
        return {"error": "the page router takes a path starting with / and a query, as text"}, 400
    return None
