"""Unit conversions between stored SI values and a user's display units (one place only)."""

from __future__ import annotations

KG_PER_LB = 0.45359237
CM_PER_IN = 2.54
ML_PER_US_FL_OZ = 29.5735295625
# How each stored unit choice reads where a user picks it.
WEIGHT_UNIT_NAMES = {"kg": "Kilograms (kg)", "lb": "Pounds (lb)"}
HEIGHT_UNIT_NAMES = {"cm": "Centimetres (cm)", "in": "Inches (in)"}


def weight_from_kg(kg: float | None, unit: str) -> float | None:
    """kg expressed in unit ('kg' or 'lb')."""
    if kg is None:
        return None
    return kg / KG_PER_LB if unit == "lb" else kg


def weight_to_kg(value: float | None, unit: str) -> float | None:
    """A weight typed in unit ('kg' or 'lb'), in kg."""
    if value is None:
        return None
    return value * KG_PER_LB if unit == "lb" else value


def height_from_cm(cm: float | None, unit: str) -> float | None:
    if cm is None:
        return None
    return cm / CM_PER_IN if unit == "in" else cm


def height_to_cm(value: float | None, unit: str) -> float | None:
    if value is None:
        return None
    return value * CM_PER_IN if unit == "in" else value


def water_from_ml(ml: float | None, weight_unit: str) -> float | None:
    """Water in ml for metric users, US fluid ounces for users who weigh in pounds."""
    if ml is None:
        return None
    return ml / ML_PER_US_FL_OZ if weight_unit == "lb" else ml


def water_unit(weight_unit: str) -> str:
    return "fl oz" if weight_unit == "lb" else "ml"


def water_to_ml(value: float | None, weight_unit: str) -> float | None:
    """Water typed in the user's unit (see water_unit), in ml."""
    if value is None:
        return None
    return value * ML_PER_US_FL_OZ if weight_unit == "lb" else value


def format_weight(kg: float | None, unit: str, digits: int = 1) -> str:
    """A weight for display in unit, without trailing zeros: "102.5 kg", "225 lb", "—"."""
    if kg is None:
        return "—"
    text = f"{weight_from_kg(kg, unit):,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {unit}"
