"""Validation schemas shared by forms, callbacks, the API and importers (one per thing)."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError


def field_errors(exc: ValidationError) -> dict[str, str]:
    """The first message for each invalid field, worded for the person who typed it."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "__all__"
        message = error["msg"].removeprefix("Value error, ")
        errors.setdefault(field, message[:1].upper() + message[1:])
    return errors


def field_error(field: str, message: str) -> ValidationError:
    """A ValidationError that belongs to one field (for checks that compare several fields)."""
    details = InitErrorDetails(
        type=PydanticCustomError("value_error", message), loc=(field,), input=None
    )
    return ValidationError.from_exception_data("form", [details])
