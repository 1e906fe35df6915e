"""Settings validation: clear errors for bad values, sensible development defaults."""

import pytest

from dashboard_app import create_app
from dashboard_app.config import ConfigError, load_settings, normalise_database_url


def test_development_defaults():
    settings = load_settings({})
    assert settings.environment == "development"
    assert settings.database_url is None
    assert settings.secret_key is None
    assert settings.redis_url is None
    assert not settings.mail_enabled


def test_production_requires_a_secret_key():
    with pytest.raises(ConfigError, match="SECRET_KEY is required"):
        load_settings({"METRICS_ENV": "production"})
    with pytest.raises(ConfigError, match="at least 32"):
        load_settings({"METRICS_ENV": "production", "SECRET_KEY": "short"})
    with pytest.raises(ConfigError, match="METRICS_BASE_URL is required"):
        load_settings({"METRICS_ENV": "production", "SECRET_KEY": "k" * 40})
    settings = load_settings(
        {
            "METRICS_ENV": "production",
            "SECRET_KEY": "k" * 40,
            "METRICS_BASE_URL": "https://tracker.example.com/",
        }
    )
    assert settings.is_production and settings.base_url == "https://tracker.example.com"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("METRICS_ENV", "staging", "METRICS_ENV must be one of"),
        ("DATABASE_URL", "mysql://x/y", "scheme 'mysql' is not supported"),
        ("DATABASE_URL", "not a url", "is not a URL"),
        ("REDIS_URL", "http://localhost", "REDIS_URL must start with"),
        ("MAIL_PORT", "smtp", "MAIL_PORT must be a port number"),
        ("MAIL_PORT", "70000", "between 1 and 65535"),
        ("MAIL_USE_TLS", "maybe", "MAIL_USE_TLS must be true or false"),
        ("METRICS_LOG_LEVEL", "loud", "METRICS_LOG_LEVEL must be"),
        ("METRICS_PROXY_HOPS", "-1", "METRICS_PROXY_HOPS must be"),
        ("METRICS_BASE_URL", "tracker.example.com", "METRICS_BASE_URL must be like"),
        ("METRICS_BASE_URL", "ftp://tracker.example.com", "METRICS_BASE_URL must be like"),
    ],
)
def test_bad_values_are_refused_with_the_setting_named(name, value, message):
    with pytest.raises(ConfigError, match=message):
        load_settings({name: value})


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_urls_are_normalised_to_psycopg3(given, expected):
    assert normalise_database_url(given) == expected


def test_mail_settings_are_read():
    settings = load_settings(
        {
            "MAIL_SERVER": "smtp.example.com",
            "MAIL_PORT": "2525",
            "MAIL_USE_TLS": "no",
            "MAIL_FROM": "tracker@example.com",
        }
    )
    assert settings.mail_enabled
    assert (settings.mail_port, settings.mail_use_tls, settings.mail_from) == (
        2525,
        False,
        "tracker@example.com",
    )


def test_development_secret_key_is_kept_in_the_instance_folder(tmp_path):
    config = {
        "METRICS_INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": "",
        "METRICS_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.db'}",
    }
    first = create_app(config)
    second = create_app(config)
    assert first.secret_key == second.secret_key
    assert len(first.secret_key) >= 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path):
    app = create_app(
        {
            "METRICS_INSTANCE_PATH": str(tmp_path),
            "DATABASE_URL": "",
            "METRICS_ENV": "testing",
            "SECRET_KEY": "s" * 40,
        }
    )
    engine = app.extensions["metrics_tracker.db"].engine
    assert engine.url.database == str(tmp_path / "metrics.db")


def test_behind_a_proxy_rate_limits_apply_per_forwarded_client(app_factory):
    from dashboard_app.services.password_guard import PAIR_LIMIT
    from tests.helpers import csrf_token, make_user

    app = app_factory(METRICS_PROXY_HOPS="1")
    make_user(app, "alice")
    client = app.test_client()

    def attempt(client_address):
        return client.post(
            "/login",
            data={"login": "alice", "password": "wrong", "csrf_token": csrf_token(client)},
            headers={"X-Forwarded-For": client_address},
        ).status_code

    assert [attempt("203.0.113.9") for _ in range(PAIR_LIMIT)] == [401] * PAIR_LIMIT
    assert attempt("203.0.113.9") == 429
    assert attempt("198.51.100.7") == 401


def test_workers_starting_together_share_one_development_key(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from dashboard_app import _instance_secret_key

    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: _instance_secret_key(tmp_path), range(32)))
    assert len(keys) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]
