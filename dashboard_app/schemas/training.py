"""A user's own volume landmarks for one muscle group (weekly hard sets)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from dashboard_app.analytics.training_readiness import VOLUME_LANDMARKS
from dashboard_app.schemas import field_error

MAX_WEEKLY_SETS = 60


class LandmarkInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    muscle_group: str
    mv: int = Field(strict=True, ge=0, le=MAX_WEEKLY_SETS)
    mev: int = Field(strict=True, ge=0, le=MAX_WEEKLY_SETS)
    mrv: int = Field(strict=True, ge=1, le=MAX_WEEKLY_SETS)

    @model_validator(mode="after")
    def _known_and_ordered(self):
        if self.muscle_group.casefold() not in VOLUME_LANDMARKS:
            raise field_error("muscle_group", "choose a muscle group from the list")
        if self.mev < self.mv:
            raise field_error("mev", "the minimum effective volume is at least the maintenance")
        if self.mrv < self.mev:
            raise field_error("mrv", "the maximum recoverable volume is at least the minimum")
        return self
