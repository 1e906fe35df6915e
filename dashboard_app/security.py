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
LOGIN_LIMIT = "10 per minute;50 per hour"
RESET_LIMIT = "5 per minute;20 per hour"
LIMITED_VIEWS = {
    "auth.login": LOGIN_LIMIT,
    "auth.register": RESET_LIMIT,
    "auth.forgot_password": RESET_LIMIT,
    "auth.open_reset_link": RESET_LIMIT,
    "auth.reset_password": RESET_LIMIT,
}


def init_app(server: Flask, settings: Settings) -> None:
    """Install the CSRF helpers, the response headers and the limiter (views are limited later)."""
    server.config["WTF_CSRF_TIME_LIMIT"] = None  # the token lives as long as the session
    server.jinja_env.globals.update(csrf_token=generate_csrf, current_theme=current_theme)
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
    if request.is_secure:
        response.headers.setdefault(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
        )
    return response
