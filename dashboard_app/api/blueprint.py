"""What every API module shares: the blueprint, the spec that documents it, who is asking."""

from __future__ import annotations

from flask import Blueprint, g
from spectree import SecurityScheme, SpecTree
from spectree.models import SecuritySchemeData

from dashboard_app.api.problems import invalid

PREFIX = "/api/v1"
PUBLIC_PATHS = (f"{PREFIX}/openapi.json", f"{PREFIX}/docs/")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _refuse_invalid(_request, _response, error, _instance, *_rest) -> None:
    if error is not None:
        raise invalid(error)


spec = SpecTree(
    "flask",
    mode="strict",
    # spectree leaves its own path out of the document, so it cannot be the API's prefix; the
    # document is served at /api/v1/openapi.json by the route below.
    path=f"{PREFIX.strip('/')}/docs",
    filename="spectree.json",
    title="Metrics Tracker API",
    version="1",
    description=(
        "Your daily log, training sessions, exercises, records, insights and dashboard. "
        "Send a personal token from Settings as `Authorization: Bearer <token>`. Measures "
        "are in SI units named in the field (`weight_kg`, `load_kg`, `water_ml`). Errors are "
        "`application/problem+json` (RFC 9457) listing the fields that failed."
    ),
    security_schemes=[
        SecurityScheme(
            name="bearer",
            data=SecuritySchemeData(type="http", scheme="bearer", bearer_format="token"),
        )
    ],
    security={"bearer": []},
    before=_refuse_invalid,
    page_templates={},
)

blueprint = Blueprint("api", __name__, url_prefix=PREFIX)


def api_user_id() -> int:
    """The user the request's token belongs to (set before every API view runs)."""
    return g.api_user_id
