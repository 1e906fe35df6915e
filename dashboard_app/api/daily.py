"""/daily-metrics: the daily log by date range, one day, create or replace, delete, bulk."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from spectree import Response

from dashboard_app.api.blueprint import api_user_id, blueprint, spec
from dashboard_app.api.models import (
    BulkResult,
    DailyBulk,
    DailyMetricIn,
    DailyMetricOut,
    DailyMetricPage,
    DailyRange,
    Deleted,
)
from dashboard_app.api.problems import ApiProblem, invalid, not_found, problem_responses
from dashboard_app.database import get_session
from dashboard_app.schemas.daily_log import DailyEntryInput
from dashboard_app.services import daily_log

TAGS = ["Daily log"]


def _out(entry: dict) -> DailyMetricOut:
    return DailyMetricOut.model_validate(entry, by_name=True)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiProblem(404, "Not found", "A day is written as YYYY-MM-DD.") from None


def _entry(body: DailyMetricIn) -> DailyEntryInput:
    return DailyEntryInput.model_validate(body.model_dump(by_alias=False))


@blueprint.get("/daily-metrics")
@spec.validate(
    query=DailyRange,
    resp=Response(HTTP_200=DailyMetricPage, **problem_responses(401, 422)),
    tags=TAGS,
)
def list_daily_metrics(query: DailyRange):
    """Days in [start, end], newest first, in pages."""
    rows, total = daily_log.history_page(
        get_session(),
        api_user_id(),
        start=query.start,
        end=query.end,
        offset=(query.page - 1) * query.page_size,
        limit=query.page_size,
    )
    items = [_out(row) for row in rows]
    return DailyMetricPage(items=items, page=query.page, page_size=query.page_size, total=total)


@blueprint.get("/daily-metrics/<day>")
@spec.validate(resp=Response(HTTP_200=DailyMetricOut, **problem_responses(401, 404)), tags=TAGS)
def get_daily_metric(day: str):
    """One day's entry."""
    entry = daily_log.load_entry(get_session(), api_user_id(), _day(day))
    if entry is None:
        raise not_found("day in your log")
    return _out(entry)


@blueprint.post("/daily-metrics")
@spec.validate(
    json=DailyMetricIn,
    resp=Response(HTTP_200=DailyMetricOut, HTTP_201=DailyMetricOut, **problem_responses(401, 422)),
    tags=TAGS,
)
def put_daily_metric(json: DailyMetricIn):
    """Create the entry of json.date, or replace it (fields left out are cleared)."""
    session = get_session()
    saved = daily_log.save_entry(session, api_user_id(), _entry(json))
    session.commit()
    return _out(saved.entry), 201 if saved.created else 200


@blueprint.delete("/daily-metrics/<day>")
@spec.validate(resp=Response(HTTP_200=Deleted, **problem_responses(401, 404)), tags=TAGS)
def delete_daily_metric(day: str):
    """Delete one day's entry."""
    session, user_id = get_session(), api_user_id()
    entry = daily_log.load_entry(session, user_id, _day(day))
    if entry is None:
        raise not_found("day in your log")
    daily_log.delete_entry(session, user_id, entry["id"])
    session.commit()
    return Deleted()


@blueprint.post("/daily-metrics/bulk")
@spec.validate(
    json=DailyBulk, resp=Response(HTTP_200=BulkResult, **problem_responses(401, 422)), tags=TAGS
)
def bulk_daily_metrics(json: DailyBulk):
    """Create or replace many days in one transaction: all are saved, or none."""
    days = [item.date for item in json.items]
    if len(days) != len(set(days)):
        raise ApiProblem(422, "Invalid request", "A day appears twice in items.")
    session, user_id = get_session(), api_user_id()
    try:
        entries = [_entry(item) for item in json.items]
    except ValidationError as error:
        raise invalid(error) from None
    created = sum(daily_log.save_entry(session, user_id, entry).created for entry in entries)
    session.commit()
    return BulkResult(created=created, replaced=len(entries) - created)
