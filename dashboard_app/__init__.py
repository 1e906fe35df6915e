"""Metrics Tracker: a self-hosted fitness and well-being tracker on Flask and Dash."""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path

from flask import Flask

from dashboard_app import passwords
from dashboard_app.config import SETTINGS_EXTENSION, Settings, load_settings

SECRET_KEY_FILE = "secret_key"
DATABASE_FILE = "metrics.db"


def create_app(config: Mapping[str, str] | None = None) -> Flask:
    """Build the Flask server with the Dash app mounted on it.

    config overrides environment variables by name (DATABASE_URL, SECRET_KEY, ...), which is how
    tests give each app its own database.
    """
    settings = load_settings({**os.environ, **(config or {})})
    server = Flask(__name__, instance_path=settings.instance_path)
    Path(server.instance_path).mkdir(parents=True, exist_ok=True)
    settings = settings.replace(
        instance_path=server.instance_path,
        secret_key=settings.secret_key or _instance_secret_key(Path(server.instance_path)),
        database_url=settings.database_url or default_database_url(server.instance_path),
    )
    _configure_server(server, settings)
    passwords.use_environment(settings.environment)
    if settings.is_production and passwords.current_hasher() is not passwords.PRODUCTION:
        raise RuntimeError("production must hash passwords with the RFC 9106 profile")

    # Imported here, not at module top, so that importing the package has no side effects
    # and pages/callbacks never import a half-built app.
    from dashboard_app import api, auth, background, cache, database, security
    from dashboard_app.dash_app import build_dash

    database.init_app(server, settings.database_url)
    background.init_app(server, settings.redis_url)
    cache.init_app(server, settings.redis_url)
    security.init_app(server, settings)
    auth.init_app(server)
    api.init_app(server)
    build_dash(server)
    return server


def default_database_url(instance_path: str) -> str:
    """The embedded default: a SQLite file in the instance folder."""
    return f"sqlite:///{Path(instance_path) / DATABASE_FILE}"


def _configure_server(server: Flask, settings: Settings) -> None:
    server.extensions[SETTINGS_EXTENSION] = settings
    server.config.update(
        SECRET_KEY=settings.secret_key,
        TESTING=settings.is_testing,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.is_production,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=settings.is_production,
        MAX_CONTENT_LENGTH=16 * 1024 * 1024,
    )
    if settings.proxy_hops:
        # Behind N reverse proxies, trust N X-Forwarded-* hops for client address and scheme
        # (rate limits key on the client address; secure cookies need the scheme).
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = settings.proxy_hops
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


def _instance_secret_key(instance: Path) -> str:
    # Development only (production requires SECRET_KEY): keeping the generated key in the
    # instance folder means restarting the dev server does not log everyone out.
    path = instance / SECRET_KEY_FILE
    if not path.exists():
        # Several gunicorn workers may start at once: the key is written to a private file and
        # linked into place, which fails for all but the first, so every worker reads one key.
        fd, draft = tempfile.mkstemp(dir=instance, prefix=".secret_key-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    return path.read_text("utf-8").strip()
