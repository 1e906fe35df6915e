"""A personal API token's name: what the settings form and the service accept."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _squash(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


class ApiTokenInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=80), BeforeValidator(_squash)]
