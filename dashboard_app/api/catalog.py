"""/exercises, /records, /insights and /dashboard/widgets."""

from __future__ import annotations

from datetime import date
from typing import get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator
from spectree import Response

from dashboard_app.analytics.insights import Insight
from dashboard_app.api.blueprint import api_user_id, blueprint, spec
from dashboard_app.api.problems import ApiProblem, FieldProblem, problem_responses
from dashboard_app.background import insights_scheduler
from dashboard_app.database import get_session
from dashboard_app.grid import Box, overlaps
from dashboard_app.schemas import field_error
from dashboard_app.schemas.dashboard import MAX_WIDGETS, PlacementInput, WidgetSettingsInput
from dashboard_app.schemas.exercises import ExerciseInput
from dashboard_app.services import dashboard, exercises, insights, records
from dashboard_app.widget_catalogue import WIDGET_KINDS, WidgetSpec
from db.base import MAX_ROW_ID


class ExerciseQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str = Field(default="", max_length=120, description="typo-tolerant name search")
    muscle_group_id: int | None = Field(default=None, ge=1, le=MAX_ROW_ID)
    equipment_id: int | None = Field(default=None, ge=1, le=MAX_ROW_ID)
    page: int = Field(default=1, ge=1, le=10_000)
    page_size: int = Field(default=25, ge=1, le=100)


class ExerciseOut(BaseModel):
    id: int
    name: str
    muscle_group: str
    equipment: str | None
    category: str | None
    is_custom: bool


class ExercisePage(BaseModel):
    items: list[ExerciseOut]
    page: int
    page_size: int
    total: int


class RecordOut(BaseModel):
    record_type: str
    value: float
    sets: int | None
    reps: int | None
    load_kg: float | None
    achieved_on: date
    session_id: int | None


class ExerciseRecords(BaseModel):
    exercise_id: int
    name: str
    current: dict[str, RecordOut]
    latest: date


# The stored insight as it is: its fields come from the analytics' own dataclass.
InsightOut = create_model(
    "InsightOut",
    __doc__="One pair's statistics: Pearson and Spearman, the BH-adjusted p, the OLS slope.",
    **{name: (hint, ...) for name, hint in get_type_hints(Insight).items()},
)


class WidgetIn(WidgetSettingsInput, PlacementInput):
    """A widget: its type, title, own range (null: the dashboard's), box and visibility."""

    model_config = ConfigDict(extra="forbid")

    id: int | None = Field(default=None, exclude=True)
    widget_type: str
    is_visible: bool = True

    @model_validator(mode="after")
    def _known_type(self):
        if self.widget_type not in WIDGET_KINDS:
            raise ValueError(f"widget_type must be one of {', '.join(sorted(WIDGET_KINDS))}")
        return self


class WidgetOut(BaseModel):
    id: int
    widget_type: str
    title: str
    range: str | None
    x: int
    y: int
    w: int
    h: int
    is_visible: bool


class Widgets(BaseModel):
    model_config = ConfigDict(extra="forbid")

    widgets: list[WidgetOut]
    default_view: str


class WidgetsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    widgets: list[WidgetIn] = Field(max_length=MAX_WIDGETS)

    @model_validator(mode="after")
    def _no_overlap(self):
        boxes = [
            Box(index, w.x, w.y, w.w, w.h) for index, w in enumerate(self.widgets) if w.is_visible
        ]
        for box in boxes:
            if any(overlaps(box, other) for other in boxes):
                raise field_error("widgets", f"widget {box.id} overlaps another shown widget")
        return self


class ExerciseCreated(BaseModel):
    id: int
    name: str


@blueprint.get("/exercises")
@spec.validate(
    query=ExerciseQuery,
    resp=Response(HTTP_200=ExercisePage, **problem_responses(401, 422)),
    tags=["Exercises"],
)
def list_exercises(query: ExerciseQuery):
    """The catalogue and your own exercises, filtered by muscle group, equipment and name."""
    items, total = exercises.search_exercises(
        get_session(),
        api_user_id(),
        query=query.q,
        muscle_group_id=query.muscle_group_id,
        equipment_id=query.equipment_id,
        offset=(query.page - 1) * query.page_size,
        limit=query.page_size,
    )
    return ExercisePage(items=items, page=query.page, page_size=query.page_size, total=total)


@blueprint.post("/exercises")
@spec.validate(
    json=ExerciseInput,
    resp=Response(HTTP_201=ExerciseCreated, **problem_responses(401, 422)),
    tags=["Exercises"],
)
def create_exercise(json: ExerciseInput):
    """Add an exercise of your own."""
    session = get_session()
    created, errors = exercises.create_custom_exercise(session, api_user_id(), json)
    if created is None:
        problems = [FieldProblem(field=name, message=text) for name, text in errors.items()]
        raise ApiProblem(422, "Invalid request", "The exercise was refused.", problems)
    session.commit()
    return ExerciseCreated(id=created["id"], name=created["name"]), 201


@blueprint.get("/records")
@spec.validate(
    resp=Response(HTTP_200=list[ExerciseRecords], **problem_responses(401)), tags=["Training"]
)
def list_records():
    """Every exercise with personal records and its current record of each type."""
    return [
        ExerciseRecords.model_validate(e)
        for e in records.records_by_exercise(get_session(), api_user_id())
    ]


@blueprint.get("/insights")
@spec.validate(
    resp=Response(HTTP_200=list[InsightOut], **problem_responses(401)), tags=["Insights"]
)
def list_insights():
    """Every pair of daily series tested, strongest significant findings first."""
    session, user_id = get_session(), api_user_id()
    recomputing = insights.refresh_insights(session, user_id, insights_scheduler())
    session.commit()  # a recompute done here is stored
    found = [
        InsightOut.model_validate(i, from_attributes=True)
        for i in insights.stored_insights(session, user_id)
    ]
    # The list stays a plain array; a client that cares sees whether newer results are coming.
    return found, 200, {"Insights-Status": "recomputing" if recomputing else "current"}


def _widgets(session, user_id: int) -> Widgets:
    rows = dashboard.load_widgets(session, user_id)
    items = [WidgetOut.model_validate(w, from_attributes=True) for w in rows]
    return Widgets(widgets=items, default_view=dashboard.default_view(session, user_id))


@blueprint.get("/dashboard/widgets")
@spec.validate(resp=Response(HTTP_200=Widgets, **problem_responses(401)), tags=["Dashboard"])
def get_widgets():
    """Your dashboard's widgets and the range it opens with."""
    return _widgets(get_session(), api_user_id())


@blueprint.put("/dashboard/widgets")
@spec.validate(
    json=WidgetsIn,
    resp=Response(HTTP_200=Widgets, **problem_responses(401, 422)),
    tags=["Dashboard"],
)
def replace_widgets(json: WidgetsIn):
    """Replace every widget of your dashboard with these."""
    session, user_id = get_session(), api_user_id()
    specs = [
        WidgetSpec(
            w.widget_type,
            w.title,
            w=w.w,
            h=w.h,
            x=w.x,
            y=w.y,
            is_visible=w.is_visible,
            range=w.range,
        )
        for w in json.widgets
    ]
    dashboard.reset_layout(session, user_id, specs)
    session.commit()
    return _widgets(session, user_id)
