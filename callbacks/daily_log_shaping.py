"""Shaping between stored daily entries (SI) and what the daily log page shows (user units)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from dashboard_app.schemas.daily_log import RANGES
from dashboard_app.ui import ids
from dashboard_app.ui.daily_log import NOT_SET
from dashboard_app.units import (
    water_from_ml,
    water_to_ml,
    water_unit,
    weight_from_kg,
    weight_to_kg,
)

FIELDS = ids.DAILY_FIELDS
LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


def rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def entry_to_form(entry: dict[str, Any] | None, weight_unit: str) -> dict[str, Any]:
    """Stored values (SI) as the form shows them (the user's units, blanks for missing)."""
    entry = entry or {}
    values: dict[str, Any] = {}
    for name in FIELDS:
        value = entry.get(name)
        if isinstance(value, datetime):
            value = value.strftime(LOCAL_MINUTE)
        elif name == "weight":
            value = rounded(weight_from_kg(value, weight_unit), 1)
        elif name == "water":
            value = rounded(water_from_ml(value, weight_unit), 0)
        values[name] = NOT_SET if value is None and name.endswith("_level") else value
    return values


def form_to_entry(day: Any, values: dict[str, Any], weight_unit: str) -> dict[str, Any]:
    """Form values as the schema takes them: blanks to None, the user's units to SI."""
    entry: dict[str, Any] = {"date": day}
    for name, value in values.items():
        if value == "" or value == NOT_SET:
            value = None
        # Only plausible numbers are converted; anything else reaches the schema as typed and
        # is refused there (a huge number would overflow the conversion).
        number = (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and abs(value) < 1e6  # compared first: math.isfinite overflows on a huge int
            and math.isfinite(value)
        )
        if name == "weight" and number:
            value = weight_to_kg(value, weight_unit)
        elif name == "water" and number:
            value = water_to_ml(value, weight_unit)
        entry[name] = value
    return entry


def in_user_units(errors: dict[str, str], weight_unit: str) -> dict[str, str]:
    """Range messages for weight and water in the unit the user typed in."""
    if weight_unit != "lb":
        return errors
    for name, convert, unit in (
        ("weight", weight_from_kg, "lb"),
        ("water", water_from_ml, water_unit("lb")),
    ):
        if name in errors and errors[name].startswith("Enter a value"):
            low, high, _ = RANGES[name]
            errors[name] = (
                f"Enter a value from {convert(low, 'lb'):.0f} to {convert(high, 'lb'):.0f} {unit}"
            )
    return errors


def grid_row(entry: dict[str, Any], weight_unit: str) -> dict[str, Any]:
    start, end = entry["sleep_start"], entry["sleep_end"]
    return {
        "date": entry["date"].isoformat(),
        "sleep_hours": round((end - start).total_seconds() / 3600, 1) if start and end else None,
        "stress_level": entry["stress_level"],
        "energy_level": entry["energy_level"],
        "motivation_level": entry["motivation_level"],
        "weight": rounded(weight_from_kg(entry["weight"], weight_unit), 1),
        "calories": rounded(entry["calories"], 0),
        "protein": rounded(entry["protein"], 0),
        "meals": entry["meals"],
    }
