"""Unit conversions and the post-login redirect target."""

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard_app.auth.redirects import login_url_for, safe_next
from dashboard_app.units import (
    height_from_cm,
    height_to_cm,
    water_from_ml,
    weight_from_kg,
    weight_to_kg,
)


def test_weight_round_trips_through_pounds():
    assert weight_from_kg(100, "lb") == pytest.approx(220.462, abs=1e-3)
    assert weight_to_kg(220.462262, "lb") == pytest.approx(100, abs=1e-6)
    assert weight_from_kg(80, "kg") == 80
    assert weight_from_kg(None, "lb") is None


def test_height_and_water_conversions():
    assert height_from_cm(254, "in") == pytest.approx(100)
    assert height_to_cm(70, "in") == pytest.approx(177.8)
    assert water_from_ml(29.5735295625, "lb") == pytest.approx(1)
    assert water_from_ml(500, "kg") == 500


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/settings", "/settings"),
        ("/daily-log?date=2026-01-01", "/daily-log?date=2026-01-01"),
        (None, "/"),
        ("", "/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("settings", "/"),
        ("/ok\r\nSet-Cookie: x=1", "/"),
    ],
)
def test_safe_next_only_allows_paths_on_this_site(target, expected):
    assert safe_next(target) == expected


def test_login_url_remembers_the_requested_page():
    assert login_url_for("/settings?") == "/login?next=%2Fsettings"
    assert login_url_for("/?") == "/login"


@given(st.text())
def test_safe_next_never_leaves_the_site_whatever_it_is_given(target):
    result = safe_next(target)
    parts = urlsplit(result)
    assert result.startswith("/") and not result.startswith("//")
    assert not parts.scheme and not parts.netloc
    assert "\\" not in result


@given(st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_weight_conversion_round_trips(kg):
    assert weight_to_kg(weight_from_kg(kg, "lb"), "lb") == pytest.approx(kg, abs=1e-9)
