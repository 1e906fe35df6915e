"""/sessions: training sessions with their lines."""

from __future__ import annotations

from spectree import Response

from dashboard_app.api.blueprint import api_user_id, blueprint, spec
from dashboard_app.api.models import Deleted, Page, SessionIn, SessionOut, SessionPage
from dashboard_app.api.problems import ApiProblem, FieldProblem, not_found, problem_responses
from dashboard_app.database import get_session
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services import session_sets, workout_lines, workouts

TAGS = ["Training"]


def _lines(session, user_id: int, session_id: int, body: SessionIn) -> None:
    """Add body's lines in order; a line the services refuse undoes the whole request."""
    for index, line in enumerate(body.lines):
        change = workout_lines.add_line(
            session, user_id, session_id, LineInput.model_validate(line.model_dump())
        )
        if not change.ok:
            session.rollback()
            problems = [
                FieldProblem(field=f"lines.{index}.{field}", message=message)
                for field, message in change.errors.items()
            ]
            raise ApiProblem(422, "Invalid request", "A line was refused.", problems)


def _header(body: SessionIn) -> SessionInput:
    return SessionInput.model_validate(body.model_dump(exclude={"lines"}))


def loaded_session(session, user_id: int, session_id: int) -> SessionOut | None:
    """The session with its logged lines and the sets still planned; None if not theirs."""
    found = workouts.load_session(session, user_id, session_id)
    if found is None:
        return None
    planned = session_sets.planned_sets(session, user_id, session_id)
    return SessionOut.model_validate({**found, "planned": planned})


@blueprint.get("/sessions")
@spec.validate(
    query=Page, resp=Response(HTTP_200=SessionPage, **problem_responses(401, 422)), tags=TAGS
)
def list_sessions(query: Page):
    """Sessions, newest first, with their exercise count, sets and volume."""
    rows, total = workouts.sessions_page(
        get_session(),
        api_user_id(),
        offset=(query.page - 1) * query.page_size,
        limit=query.page_size,
    )
    return SessionPage(items=rows, page=query.page, page_size=query.page_size, total=total)


@blueprint.post("/sessions")
@spec.validate(
    json=SessionIn, resp=Response(HTTP_201=SessionOut, **problem_responses(401, 422)), tags=TAGS
)
def create_session(json: SessionIn):
    """A new session with its lines (records and usage are updated)."""
    session, user_id = get_session(), api_user_id()
    session_id = workouts.create_session(session, user_id, _header(json))
    _lines(session, user_id, session_id, json)
    session.commit()
    return loaded_session(session, user_id, session_id), 201


@blueprint.get("/sessions/<int(signed=True):session_id>")
@spec.validate(resp=Response(HTTP_200=SessionOut, **problem_responses(401, 404)), tags=TAGS)
def get_session_(session_id: int):
    """One session with its lines in order and the sets still planned."""
    found = loaded_session(get_session(), api_user_id(), session_id)
    if found is None:
        raise not_found("session")
    return found


@blueprint.put("/sessions/<int(signed=True):session_id>")
@spec.validate(
    json=SessionIn,
    resp=Response(HTTP_200=SessionOut, **problem_responses(401, 404, 422)),
    tags=TAGS,
)
def replace_session(session_id: int, json: SessionIn):
    """Replace a session's header and all of its lines."""
    session, user_id = get_session(), api_user_id()
    current = workouts.load_session(session, user_id, session_id)
    if current is None:
        raise not_found("session")
    workouts.update_session(session, user_id, session_id, _header(json))
    for line in current["lines"]:
        workout_lines.delete_line(session, user_id, line["id"])
    _lines(session, user_id, session_id, json)
    session.commit()
    return loaded_session(session, user_id, session_id)


@blueprint.delete("/sessions/<int(signed=True):session_id>")
@spec.validate(resp=Response(HTTP_200=Deleted, **problem_responses(401, 404)), tags=TAGS)
def delete_session(session_id: int):
    """Delete a session and its lines."""
    session = get_session()
    if not workouts.delete_session(session, api_user_id(), session_id):
        raise not_found("session")
    session.commit()
    return Deleted()
