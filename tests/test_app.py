"""The app factory, the shell, page registration and the anonymous guard."""

import dash
import pytest

from dashboard_app.dash_app import DASH_EXTENSION_KEY
from tests.helpers import callback_payload, callback_response, make_user, post_callback

PAGES = ["/", "/daily-log", "/workouts", "/training", "/exercises", "/insights", "/settings"]
RECORDS_PAYLOAD = callback_payload(
    [("records-list", "children"), ("records-count", "children")],
    [("records-load", "data", None), ("records-query", "value", "")],
)


def test_two_apps_in_one_process_both_answer_callbacks(app_factory):
    first, second = app_factory(), app_factory()
    for server, name in ((first, "ann"), (second, "bob")):
        make_user(server, name)
    for server, name in ((first, "ann"), (second, "bob")):
        client = server.test_client()
        from tests.helpers import AuthActions

        AuthActions(client).login(name)
        reply = post_callback(client, RECORDS_PAYLOAD)
        assert "0 exercises with records" in str(callback_response(reply))
    assert first.extensions[DASH_EXTENSION_KEY] is not second.extensions[DASH_EXTENSION_KEY]


def test_every_page_is_registered_with_a_path_and_name(app):
    paths = {page["relative_path"]: page["name"] for page in dash.page_registry.values()}
    for path in PAGES:
        assert path in paths
    assert paths["/404"] == "Not found"


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_page_requests_redirect_to_login_and_back(client, path):
    reply = client.get(path)
    assert reply.status_code == 302
    location = reply.headers["Location"]
    assert location.startswith("/login")
    if path != "/":
        assert "next=" in location


@pytest.mark.parametrize("path", ["/_dash-layout", "/_dash-dependencies"])
def test_anonymous_json_routes_get_401(client, path):
    reply = client.get(path)
    assert reply.status_code == 401
    assert reply.get_json() == {"error": "authentication required"}


def test_the_api_answers_anonymous_requests_with_a_401_problem(client):
    reply = client.get("/api/v1/anything")
    assert reply.status_code == 401
    assert reply.content_type == "application/problem+json"


def test_anonymous_callbacks_get_401_and_run_nothing(client):
    reply = post_callback(client, RECORDS_PAYLOAD)
    assert reply.status_code == 401


def test_assets_and_login_are_public(client):
    for asset in ("/assets/01-bootstrap.min.css", "/assets/fonts/bootstrap-icons.woff2"):
        with client.get(asset) as reply:  # file responses must be closed
            assert reply.status_code == 200
    assert client.get("/login").status_code == 200
    assert client.get("/healthz").get_json() == {"status": "ok"}


@pytest.mark.parametrize("path", PAGES)
def test_logged_in_pages_serve_the_dash_index_in_the_users_theme(logged_in, path):
    reply = logged_in.get(path)
    assert reply.status_code == 200
    html = reply.get_data(as_text=True)
    assert '<html lang="en" data-bs-theme="light" data-ag-theme-mode="light">' in html
    assert "01-bootstrap.min.css" in html


def test_unknown_path_shows_the_404_page_with_status_404(logged_in):
    assert logged_in.get("/no/such/page").status_code == 404


def test_shell_layout_has_navbar_with_pages_and_the_users_name(app, logged_in):
    layout = logged_in.get("/_dash-layout").get_data(as_text=True)
    for name in ("Dashboard", "Daily log", "Workouts", "Exercises", "Insights"):
        assert f'"{name}"' in layout
    assert '"label":"alice"' in layout.replace(" ", "")
    assert "shell-theme-switch" in layout
    assert '"action":"/logout"' in layout.replace(" ", "").replace("\\u002f", "/")


def test_security_headers_on_every_response(client, logged_in):
    for reply in (client.get("/login"), logged_in.get("/"), logged_in.get("/_dash-layout")):
        headers = reply.headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "'sha256-" in csp
        assert "unsafe-eval" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"


def test_nothing_of_a_users_data_may_be_cached_but_the_shared_assets_may(app, logged_in, user):
    private = [
        logged_in.get("/"),
        logged_in.get("/settings"),
        logged_in.get("/_dash-layout"),
        post_callback(logged_in, RECORDS_PAYLOAD),
        logged_in.get("/api/v1/daily-metrics"),  # 401 without a token: still not cached
        logged_in.get("/login"),
    ]
    assert [reply.headers.get("Cache-Control") for reply in private] == ["no-store"] * 6
    page = logged_in.get("/").get_data(as_text=True)
    asset = next(part for part in page.split('"') if part.startswith("/assets/"))
    public = logged_in.get(asset.split("?")[0])
    public.close()  # a file response: read nothing of it
    assert public.status_code == 200 and public.headers.get("Cache-Control") != "no-store"


def test_a_script_of_a_library_that_is_not_loaded_is_a_404_not_a_500(client):
    for path in ("/_dash-component-suites/os/x.js", "/_dash-component-suites/sys/../x.js"):
        assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://sub.localhost"},
        {"Origin": "http://localhost:8050"},  # another port is another origin
    ],
)
def test_writes_from_another_site_are_refused_before_anything_runs(app, logged_in, headers):
    from tests.helpers import AuthActions, find_components

    reply = logged_in.post("/_dash-update-component", json=RECORDS_PAYLOAD, headers=headers)
    assert reply.status_code == 403
    layout = logged_in.get("/_dash-layout").get_json()
    (token,) = find_components(layout, lambda props: props.get("name") == "csrf_token")
    logout = logged_in.post("/logout", data={"csrf_token": token["value"]}, headers=headers)
    assert logout.status_code == 403
    assert logged_in.get("/settings").status_code == 200  # still logged in
    same = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    ok = logged_in.post("/_dash-update-component", json=RECORDS_PAYLOAD, headers=same)
    assert ok.status_code == 200
    assert AuthActions(logged_in).logout().status_code == 302  # no headers: not a browser's


def test_nul_characters_are_refused_everywhere_with_a_400(app, logged_in):
    from tests.helpers import csrf_token

    client = app.test_client()
    form = client.post(
        "/login", data={"login": "al\x00ice", "password": "x", "csrf_token": csrf_token(client)}
    )
    assert form.status_code == 400
    assert client.get("/login?next=/\x00").status_code == 400
    payload = callback_payload(
        [("records-list", "children"), ("records-count", "children")],
        [("records-load", "data", None), ("records-query", "value", "bench\x00")],
    )
    assert post_callback(logged_in, payload).status_code == 400


def test_dash_finishes_its_first_request_setup_before_any_request_is_served(app):
    # Left to the first requests, Dash's set-up races between a new worker's threads.
    dash_app = app.extensions[DASH_EXTENSION_KEY]
    assert dash_app._got_first_request == {"pages": True, "setup_server": True}
    router = [
        key for key in dash_app.callback_map if key.startswith("..") and "_pages_content" in key
    ]
    assert router, "the pages router's callback is registered already"
