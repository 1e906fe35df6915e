"""Errors as application/problem+json (RFC 9457), naming the field that failed."""

from __future__ import annotations

from typing import Any

from flask import Response, json
from pydantic import BaseModel, Field, ValidationError
from werkzeug.exceptions import HTTPException

PROBLEM_TYPE = "application/problem+json"


class FieldProblem(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """What every API error answers with."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldProblem] = Field(default_factory=list)


class ApiProblem(Exception):
    """Raised anywhere in an API view to answer with a problem document."""

    def __init__(self, status: int, title: str, detail: str | None = None, errors=()) -> None:
        super().__init__(detail or title)
        self.problem = Problem(status=status, title=title, detail=detail, errors=list(errors))


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(problem.model_dump(exclude_none=True))
    return Response(body, status=problem.status, mimetype=PROBLEM_TYPE, headers=headers)


def field_problems(error: ValidationError, aliases: dict[str, str] | None = None) -> list:
    """One entry per failing field, named as the client sent it."""
    problems = []
    for item in error.errors():
        location = [str(part) for part in item["loc"] if part not in ("body", "json")]
        field = ".".join(location) or "body"
        if aliases:
            field = ".".join(aliases.get(part, part) for part in field.split("."))
        message = item["msg"].removeprefix("Value error, ")
        problems.append(FieldProblem(field=field, message=message))
    return problems


def invalid(error: ValidationError, aliases: dict[str, str] | None = None) -> ApiProblem:
    return ApiProblem(
        422, "Invalid request", "Some fields are not valid.", field_problems(error, aliases)
    )


def not_found(what: str) -> ApiProblem:
    # Another user's id gets the same answer as a missing one: ids reveal nothing.
    return ApiProblem(404, "Not found", f"There is no such {what}.")


def http_problem(error: HTTPException) -> Response:
    problem = Problem(status=error.code or 500, title=error.name, detail=error.description)
    return problem_response(problem)


def unauthorized(detail: str) -> Response:
    problem = Problem(status=401, title="Unauthorized", detail=detail)
    return problem_response(problem, {"WWW-Authenticate": 'Bearer realm="metrics-tracker"'})


def problem_responses(*statuses: int) -> dict[str, Any]:
    """spectree Response keyword arguments documenting these error statuses.

    Every operation can answer 400 (a body that is not JSON, NUL characters) and 401.
    """
    return {f"HTTP_{status}": Problem for status in sorted({400, 401, *statuses})}
