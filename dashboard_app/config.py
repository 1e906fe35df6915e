"""Settings read from the environment and validated once at start-up."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from flask import Flask

ENVIRONMENTS = ("development", "production", "testing")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A setting has a value the app cannot start with."""


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment."""

    environment: str = "development"
    database_url: str | None = None
    secret_key: str | None = None
    redis_url: str | None = None
    mail_server: str | None = None
    mail_port: int = 587
    mail_username: str | None = None
    mail_password: str | None = None
    mail_use_tls: bool = True
    mail_from: str = "metrics-tracker@localhost"
    instance_path: str | None = None
    log_level: str = "INFO"
    proxy_hops: int = 0
    base_url: str | None = None

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def is_testing(self) -> bool:
        return self.environment == "testing"

    @property
    def mail_enabled(self) -> bool:
        return bool(self.mail_server)

    def replace(self, **changes) -> Settings:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)


def normalise_database_url(url: str) -> str:
    """Map the URL forms hosting providers hand out onto SQLAlchemy's psycopg 3 driver."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ConfigError(f"DATABASE_URL {url!r} is not a URL (expected e.g. sqlite:///path.db)")
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    if scheme == "sqlite" or scheme.startswith("sqlite+") or scheme.startswith("postgresql+"):
        return url
    raise ConfigError(
        f"DATABASE_URL scheme {scheme!r} is not supported: use sqlite:/// or postgresql://"
    )


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


def _port(name: str, raw: str) -> int:
    try:
        port = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a port number, got {raw!r}") from None
    if not 0 < port < 65536:
        raise ConfigError(f"{name} must be between 1 and 65535, got {port}")
    return port


def _redis_url(raw: str) -> str:
    if urlsplit(raw).scheme not in ("redis", "rediss", "unix"):
        raise ConfigError(f"REDIS_URL must start with redis://, rediss:// or unix://, got {raw!r}")
    return raw


def _base_url(raw: str) -> str | None:
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise ConfigError(f"METRICS_BASE_URL must be like https://tracker.example.com, got {raw!r}")
    return raw.rstrip("/")


def load_settings(environ: Mapping[str, str]) -> Settings:
    """Build validated settings from an environment mapping; raise ConfigError on a bad value."""
    env = environ.get("METRICS_ENV", "development").strip().lower()
    if env not in ENVIRONMENTS:
        raise ConfigError(f"METRICS_ENV must be one of {', '.join(ENVIRONMENTS)}, got {env!r}")
    secret_key = environ.get("SECRET_KEY") or None
    if env == "production":
        if not secret_key:
            raise ConfigError("SECRET_KEY is required when METRICS_ENV=production")
        if len(secret_key) < 32:
            raise ConfigError("SECRET_KEY must be at least 32 characters in production")
    database_url = environ.get("DATABASE_URL") or None
    level = environ.get("METRICS_LOG_LEVEL", "INFO").upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"METRICS_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {level!r}")
    base_url = _base_url(environ.get("METRICS_BASE_URL", ""))
    if env == "production" and not base_url:
        raise ConfigError(
            "METRICS_BASE_URL is required when METRICS_ENV=production (the address users reach "
            "the app at, e.g. https://tracker.example.com); links in mail are built from it"
        )
    hops = environ.get("METRICS_PROXY_HOPS", "0")
    if not hops.isdigit() or int(hops) > 5:
        raise ConfigError(f"METRICS_PROXY_HOPS must be a whole number from 0 to 5, got {hops!r}")
    return Settings(
        environment=env,
        proxy_hops=int(hops),
        base_url=base_url,
        database_url=normalise_database_url(database_url) if database_url else None,
        secret_key=secret_key,
        redis_url=_redis_url(environ["REDIS_URL"]) if environ.get("REDIS_URL") else None,
        mail_server=environ.get("MAIL_SERVER") or None,
        mail_port=_port("MAIL_PORT", environ["MAIL_PORT"]) if environ.get("MAIL_PORT") else 587,
        mail_username=environ.get("MAIL_USERNAME") or None,
        mail_password=environ.get("MAIL_PASSWORD") or None,
        mail_use_tls=_flag("MAIL_USE_TLS", environ.get("MAIL_USE_TLS", "true")),
        mail_from=environ.get("MAIL_FROM") or "metrics-tracker@localhost",
        instance_path=environ.get("METRICS_INSTANCE_PATH") or None,
        log_level=level,
    )


# Where create_app keeps the server's settings.
SETTINGS_EXTENSION = "metrics_tracker.settings"


def get_settings(server: Flask) -> Settings:
    """The validated settings the server was built with."""
    return server.extensions[SETTINGS_EXTENSION]
