"""Dashboard widgets: their settings and their places on the grid (forms, grid events, API)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from dashboard_app.grid import COLUMNS
from dashboard_app.schemas import field_error
from db.base import MAX_ROW_ID
from db.vocabulary import DASHBOARD_VIEWS

MAX_TITLE = 80
MAX_ROWS = 16  # the tallest widget, in grid rows
MAX_TOP = 2_000  # deeper than any real layout; keeps a crafted y from overflowing columns
MAX_WIDGETS = 40

View = Literal[DASHBOARD_VIEWS]


def _squash_spaces(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


class WidgetSettingsInput(BaseModel):
    """What the widget's settings dialog edits: its title, its own range and its size."""

    model_config = ConfigDict(extra="forbid")

    title: Annotated[
        str, Field(min_length=1, max_length=MAX_TITLE), BeforeValidator(_squash_spaces)
    ]
    # None: follow the dashboard's range.
    range: View | None = None
    w: int = Field(strict=True, ge=1, le=COLUMNS)
    h: int = Field(strict=True, ge=1, le=MAX_ROWS)


class PlacementInput(BaseModel):
    """One widget's box as the grid reports it after a drag or a resize."""

    model_config = ConfigDict(extra="ignore")

    id: int = Field(strict=True, ge=1, le=MAX_ROW_ID)
    x: int = Field(strict=True, ge=0, lt=COLUMNS)
    y: int = Field(strict=True, ge=0, le=MAX_TOP)
    w: int = Field(strict=True, ge=1, le=COLUMNS)
    h: int = Field(strict=True, ge=1, le=MAX_ROWS)

    @model_validator(mode="after")
    def _inside_grid(self):
        if self.x + self.w > COLUMNS:
            raise field_error("w", f"a widget must fit in the grid's {COLUMNS} columns")
        return self


class LayoutInput(BaseModel):
    """The boxes of several widgets at once; each widget at most once."""

    model_config = ConfigDict(extra="forbid")

    items: list[PlacementInput] = Field(max_length=MAX_WIDGETS)

    @model_validator(mode="after")
    def _unique(self):
        ids = [item.id for item in self.items]
        if len(ids) != len(set(ids)):
            raise field_error("items", "a widget appears twice in the layout")
        return self
