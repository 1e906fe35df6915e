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


METRES_PER_MILE = 1609.344


def distance_unit(weight_unit: str) -> str:
    """Distances go with the load unit: km beside kg, miles beside lb."""
    return "mi" if weight_unit == "lb" else "km"


def distance_from_m(metres: float | None, weight_unit: str) -> float | None:
    if metres is None:
        return None
    return metres / (METRES_PER_MILE if weight_unit == "lb" else 1000.0)


def distance_to_m(value: float | None, weight_unit: str) -> float | None:
    if value is None:
        return None
    return value * (METRES_PER_MILE if weight_unit == "lb" else 1000.0)


def format_distance(metres: float | None, weight_unit: str) -> str:
    if metres is None:
        return "—"
    value = distance_from_m(metres, weight_unit)
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {distance_unit(weight_unit)}"


def format_clock(seconds: float | None) -> str:
    """A set's time on a clock: "0:45", "1:30", "1:02:03"; "—" for none."""
    if seconds is None:
        return "—"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def parse_clock(text: object) -> int | None | str:
    """Seconds from "45", "1:30" or "1:02:03"; None when blank; the text itself if unreadable
    (so a schema refuses it with a message instead of a guess)."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return int(text) if text == int(text) else text
    if not isinstance(text, str):
        return text
    cleaned = text.strip().lower().removesuffix("s").strip()
    if not cleaned:
        return None
    parts = cleaned.split(":")
    if len(parts) > 3 or not all(p.isdigit() and len(p) <= 5 for p in parts):
        return text
    if len(parts) > 1 and any(int(p) >= 60 for p in parts[1:]):
        return text
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds


def format_pace(seconds_per_km: float | None, weight_unit: str) -> str:
    """A pace per km (or per mile beside lb): "5:12 /km"."""
    if seconds_per_km is None:
        return "—"
    per = seconds_per_km * (METRES_PER_MILE / 1000 if weight_unit == "lb" else 1.0)
    return f"{format_clock(per)} /{distance_unit(weight_unit)}"
