"""The REST API under /api/v1: personal bearer tokens, OpenAPI from the shared schemas.

Session cookies never authenticate the API, so it has no CSRF surface; every request carries
`Authorization: Bearer <token>`. spectree validates requests against the same pydantic schemas
the forms and importers use and writes the OpenAPI document from them (spectree because it
takes pydantic v2 models as they are and plugs into a plain Flask app; flask-smorest and
APIFlask are built on marshmallow, flask-openapi3 wants its own Flask subclass).
"""

from __future__ import annotations

import copy

from flask import Flask, Response, g, jsonify, request, url_for
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from dashboard_app.api.blueprint import FORM_TYPES, PREFIX, PUBLIC_PATHS, blueprint, spec
from dashboard_app.api.problems import (
    PROBLEM_TYPE,
    ApiProblem,
    Problem,
    http_problem,
    not_found,
    problem_response,
    unauthorized,
)
from dashboard_app.database import get_session
from dashboard_app.services import idempotency
from dashboard_app.services.api_tokens import authenticate

IDEMPOTENCY_HEADER = "Idempotency-Key"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _authenticate():
    if not request.path.startswith(PREFIX + "/") and request.path != PREFIX:
        return None
    if request.path in PUBLIC_PATHS or request.path.startswith(f"{PREFIX}/docs/"):
        return None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return unauthorized("Send a personal API token as 'Authorization: Bearer <token>'.")
    session = get_session()
    user_id = authenticate(session, secret.strip())
    if user_id is None:
        return unauthorized("The token is not valid, or it was revoked.")
    # The token's use is recorded on its own, before the route's work begins.
    session.commit()
    g.api_user_id = user_id
    if not (request.endpoint or "").startswith(f"{blueprint.name}."):
        # Werkzeug leaves an address such as /api/v1//x to Dash's catch-all page.
        return problem_response(not_found("API address").problem)
    return _refuse_unreadable_body() or _claim_idempotency_key(session, user_id)


def _claim_idempotency_key(session, user_id: int):
    """A write with an Idempotency-Key runs once; a retry gets the first answer again."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None or request.method not in WRITE_METHODS:
        return None
    if not key.strip() or len(key) > idempotency.MAX_KEY or not key.isprintable():
        detail = f"{IDEMPOTENCY_HEADER} must be 1 to {idempotency.MAX_KEY} printable characters."
        return problem_response(Problem(status=400, title="Bad request", detail=detail))
    print_ = idempotency.fingerprint(
        request.method, request.full_path, request.get_data(cache=True)
    )
    try:
        claim = idempotency.claim(session, user_id, key, print_)
    except IntegrityError:
        session.rollback()
        claim = idempotency.Claim(refusal=idempotency.IN_PROGRESS)
    if claim.refusal is not None:
        status, detail = claim.refusal
        title = "Conflict" if status == 409 else "Invalid request"
        return problem_response(Problem(status=status, title=title, detail=detail))
    if claim.replay is not None:
        status, body = claim.replay
        mimetype = PROBLEM_TYPE if status >= 400 else "application/json"
        return Response(
            body, status=status, mimetype=mimetype, headers={"Idempotent-Replayed": "true"}
        )
    g.idempotency_key = claim.row
    return None


def _keep_idempotent_answer(response: Response) -> Response:
    row = g.pop("idempotency_key", None)
    if row is None:
        return response
    session = get_session()
    if response.status_code >= 500:
        # What the route committed (if anything) stays marked done, without an answer.
        session.rollback()
        return response
    idempotency.keep_answer(session, row, response.status_code, response.get_data(as_text=True))
    session.commit()
    return response


def _refuse_unreadable_body():
    """A body that is not JSON gets a 400 here, before validation could call it a missing field."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    if request.mimetype in FORM_TYPES:
        # spectree validates no JSON at all in a form post and would hand the view None.
        detail = "Send the body as application/json."
        return problem_response(Problem(status=400, title="Bad request", detail=detail))
    if not request.get_data(cache=True):
        return None
    try:
        parsed = request.get_json(silent=True)
    except RecursionError:  # nesting deep enough to exhaust the parser
        parsed = None
    if parsed is None:
        problem = Problem(status=400, title="Bad request", detail="The body is not valid JSON.")
        return problem_response(problem)
    return None


def _api_error(error: HTTPException):
    if request.path.startswith(PREFIX):
        return http_problem(error)
    return error


@blueprint.route("/", defaults={"_rest": ""}, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
@blueprint.route("/<path:_rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def no_such_route(_rest: str):
    """Any other address under the API: a problem document, not the app's HTML page."""
    raise not_found("API address")


def _with_problem_media_type(document: dict) -> dict:
    """spectree documents every body as application/json; errors are problem documents."""
    document = copy.deepcopy(document)
    for path in document.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[:1] in "45" and "application/json" in content:
                    content[PROBLEM_TYPE] = content.pop("application/json")
    return document


DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Metrics Tracker API</title>
  <link rel="stylesheet" href="{css}">
</head>
<body>
  <div id="swagger-ui" data-url="{document}"></div>
  <script src="{bundle}"></script>
  <script src="{init}"></script>
</body>
</html>
"""


@blueprint.get("/docs/")
def docs_page():
    """The browsable API reference (Swagger UI, served from this app, no CDN)."""
    return DOCS_PAGE.format(
        css=url_for("static", filename="apidocs/swagger-ui.css"),
        bundle=url_for("static", filename="apidocs/swagger-ui-bundle.js"),
        init=url_for("static", filename="apidocs/docs.js"),
        document=url_for("api.openapi_document"),
    )


@blueprint.get("/openapi.json")
def openapi_document():
    """The OpenAPI 3.1 document of this API (public: it holds no data)."""
    return jsonify(_with_problem_media_type(spec.spec))


def init_app(server: Flask) -> None:
    """Mount the API; call after the login guard, which leaves /api/v1 to the token check."""
    from dashboard_app.api import catalog, daily, routines, sessions  # noqa: F401  (routes)

    server.before_request(_authenticate)
    server.after_request(_keep_idempotent_answer)
    server.register_blueprint(blueprint)
    server.register_error_handler(ApiProblem, lambda error: problem_response(error.problem))
    server.register_error_handler(HTTPException, _api_error)
    spec.register(server)
