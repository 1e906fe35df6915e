"""/routines: named training days; starting one plans a session from it."""

from __future__ import annotations

from spectree import Response

from dashboard_app.api.blueprint import api_user_id, blueprint, spec
from dashboard_app.api.models import (
    Deleted,
    RoutineIn,
    RoutineList,
    RoutineOut,
    RoutineStart,
    SessionOut,
)
from dashboard_app.api.problems import ApiProblem, FieldProblem, not_found, problem_responses
from dashboard_app.api.sessions import loaded_session
from dashboard_app.database import get_session
from dashboard_app.schemas.routines import RoutineInput
from dashboard_app.services import routines
from dashboard_app.services.preferences import user_now

TAGS = ["Training"]


def _refused(errors: dict[str, str]) -> ApiProblem:
    problems = [FieldProblem(field=field, message=message) for field, message in errors.items()]
    return ApiProblem(422, "Invalid request", "The routine was refused.", problems)


def _data(body: RoutineIn) -> RoutineInput:
    return RoutineInput.model_validate(body.model_dump())


@blueprint.get("/routines")
@spec.validate(resp=Response(HTTP_200=RoutineList, **problem_responses(401)), tags=TAGS)
def list_routines():
    """Your routines, by mesocycle and weekday, with the day each was last done."""
    return RoutineList(items=routines.list_routines(get_session(), api_user_id()))


@blueprint.post("/routines")
@spec.validate(
    json=RoutineIn, resp=Response(HTTP_201=RoutineOut, **problem_responses(401, 422)), tags=TAGS
)
def create_routine(json: RoutineIn):
    """A new routine; every exercise must be one you may log."""
    session, user_id = get_session(), api_user_id()
    routine_id, errors = routines.create_routine(session, user_id, _data(json))
    if routine_id is None:
        session.rollback()
        raise _refused(errors)
    session.commit()
    return RoutineOut.model_validate(routines.load_routine(session, user_id, routine_id)), 201


@blueprint.get("/routines/<int(signed=True):routine_id>")
@spec.validate(resp=Response(HTTP_200=RoutineOut, **problem_responses(401, 404)), tags=TAGS)
def get_routine(routine_id: int):
    """One routine with its exercises in order."""
    found = routines.load_routine(get_session(), api_user_id(), routine_id)
    if found is None:
        raise not_found("routine")
    return RoutineOut.model_validate(found)


@blueprint.put("/routines/<int(signed=True):routine_id>")
@spec.validate(
    json=RoutineIn,
    resp=Response(HTTP_200=RoutineOut, **problem_responses(401, 404, 422)),
    tags=TAGS,
)
def replace_routine(routine_id: int, json: RoutineIn):
    """Replace a routine's name, place and exercises (its past sessions stay as they were)."""
    session, user_id = get_session(), api_user_id()
    errors = routines.update_routine(session, user_id, routine_id, _data(json))
    if errors is None:
        raise not_found("routine")
    if errors:
        session.rollback()
        raise _refused(errors)
    session.commit()
    return RoutineOut.model_validate(routines.load_routine(session, user_id, routine_id))


@blueprint.delete("/routines/<int(signed=True):routine_id>")
@spec.validate(resp=Response(HTTP_200=Deleted, **problem_responses(401, 404)), tags=TAGS)
def delete_routine(routine_id: int):
    """Delete a routine; the sessions trained from it stay."""
    session = get_session()
    if not routines.delete_routine(session, api_user_id(), routine_id):
        raise not_found("routine")
    session.commit()
    return Deleted()


@blueprint.post("/routines/<int(signed=True):routine_id>/start")
@spec.validate(
    json=RoutineStart,
    resp=Response(HTTP_201=SessionOut, **problem_responses(401, 404, 422)),
    tags=TAGS,
)
def start_routine(routine_id: int, json: RoutineStart):
    """A new session of the routine, its sets planned from last time (double progression)."""
    session, user_id = get_session(), api_user_id()
    now = user_now(session, user_id)
    day = json.date or now.date()
    session_id = routines.start_routine(session, user_id, routine_id, day, now)
    if session_id is None:
        raise not_found("routine")
    session.commit()
    return loaded_session(session, user_id, session_id), 201
