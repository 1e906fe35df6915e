"""Cross-cutting protections: CSRF tokens, rate limits, security headers.

CSRF: the Flask forms (login, register, reset, logout) carry a flask-wtf token. Dash callbacks
are JSON POSTs that a foreign site cannot forge with a cookie attached: the session cookie is
SameSite=Lax (not sent on cross-site POSTs) and a cross-site fetch with a JSON content type
needs a CORS preflight that this app never grants.
"""

from __future__ import annotations

from flask import Flask, abort, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import generate_csrf

from dashboard_app.config import Settings
from dashboard_app.theme import current_theme

CSP_KEY = "metrics_tracker.csp"
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico", "/static/")
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
API_PREFIX = "/api/"
RESET_LIMIT = "5 per minute;20 per hour"
# The login's wrong passwords are counted by services.password_guard, failures only: a limit
# on every login POST would lock a whole NAT out for its successful logins.
LIMITED_VIEWS = {
    "auth.register": RESET_LIMIT,
    "auth.forgot_password": RESET_LIMIT,
    "auth.open_reset_link": RESET_LIMIT,
    "auth.reset_password": RESET_LIMIT,
}


def init_app(server: Flask, settings: Settings) -> None:
    """Install the CSRF helpers, the response headers and the limiter (views are limited later)."""
    server.config["WTF_CSRF_TIME_LIMIT"] = None  # the token lives as long as the session
    server.jinja_env.globals.update(csrf_token=generate_csrf, current_theme=current_theme)
    server.before_request(_refuse_cross_site_writes)
    server.before_request(_refuse_nul_characters)
    server.after_request(_security_headers)
    # Memory storage keeps one process's counts; with Redis every worker and machine shares
    # them, and while Redis is unreachable each process falls back to its own counts rather
    # than refusing logins.
    server.extensions["metrics_tracker.limiter"] = Limiter(
        get_remote_address,
        app=server,
        storage_uri=settings.redis_url or "memory://",
        key_prefix="metrics-tracker",
        strategy="moving-window",
        headers_enabled=True,
        swallow_errors=True,
        in_memory_fallback_enabled=True,
    )


def limit_views(server: Flask) -> None:
    """Rate-limit the POSTs of the views that guess passwords or send mail."""
    limiter: Limiter = server.extensions["metrics_tracker.limiter"]
    for endpoint, limit in LIMITED_VIEWS.items():
        view = server.view_functions[endpoint]
        server.view_functions[endpoint] = limiter.limit(limit, methods=["POST"])(view)


def content_security_policy(script_hashes: list[str]) -> str:
    """A CSP that Dash runs under: scripts from this site plus its inline bootstrap script.

    script_hashes are quoted CSP sources such as "'sha256-...'" (what Dash.csp_hashes gives).
    """
    scripts = " ".join(["'self'", *script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            # Dash components and Plotly set inline styles on elements.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


def _refuse_cross_site_writes():
    # A write with the login cookie must come from this site's own pages, as Django's CSRF
    # middleware asks on HTTPS: browsers say where a request comes from in Sec-Fetch-Site
    # (and Origin). A sibling subdomain ("same-site") is another site. Requests that say
    # neither are not browsers' and carry no cookie of a victim; the API authenticates by
    # bearer token, which no other site can attach.
    if request.method not in UNSAFE_METHODS or request.path.startswith(API_PREFIX):
        return None
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        abort(403, "This request came from another site.")
    origin = request.headers.get("Origin")
    if origin is not None and origin.rstrip("/") != request.host_url.rstrip("/"):
        abort(403, "This request came from another site.")
    return None


def _refuse_nul_characters():
    # No text this app stores may hold a NUL (PostgreSQL refuses it outright), so a request
    # carrying one, raw, JSON-escaped or form-encoded, is turned away before any view.
    values = [*request.args.values(), *request.form.values()]
    body = request.get_data(cache=True) if request.is_json else b""
    if any("\x00" in value for value in values) or b"\x00" in body or b"\\u0000" in body:
        abort(400, "Text may not contain NUL characters.")
    return None


def _security_headers(response):
    inline_script_hashes = current_app.extensions.get(CSP_KEY, list)
    response.headers.setdefault(
        "Content-Security-Policy", content_security_policy(inline_script_hashes())
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if not request.path.startswith(STATIC_PREFIXES):
        # Pages, layouts, callback replies, downloads and the API hold one user's data: no
        # browser or proxy may keep a copy (ASVS 8.2.1).
        response.headers["Cache-Control"] = "no-store"
    if request.is_secure:
        response.headers.setdefault(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
        )
    return response
