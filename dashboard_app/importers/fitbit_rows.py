"""One row of a Fitbit daily export: its day, daily-log fields and rank (see fitbit.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dashboard_app.schemas.daily_log import validate_entry
from dashboard_app.units import KG_PER_LB

DAY = "%m/%d/%Y"
DATE_FORMATS = tuple(
    f"{DAY}{time}" for time in ("", " %I:%M:%S %p", " %I:%M %p", " %H:%M:%S", " %H:%M")
)
ACTIVE_COLUMNS = ("VeryActiveMinutes", "FairlyActiveMinutes", "LightlyActiveMinutes")
WEIGHT_DIGITS = 2  # 10 g: drops the float noise of the file (52.59999847)


class BadRow(ValueError):
    """A row that cannot be read: an error of the file."""


class SkipRow(ValueError):
    """A sound row that holds nothing to log."""


def _number(row: dict[str, str], column: str) -> float:
    text = row[column].strip()
    try:
        value = float(text)
    except ValueError:
        raise BadRow(f"{column} '{text[:40]}' is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise BadRow(f"{column} '{text[:40]}' is not a number of at least 0")
    return value


def _count(row: dict[str, str], column: str) -> int:
    value = _number(row, column)
    if not value.is_integer():
        raise BadRow(f"{column} '{row[column].strip()}' is not a whole number")
    return int(value)


def _activity(row: dict[str, str], when: datetime) -> tuple[dict[str, Any], tuple]:
    steps = _count(row, "TotalSteps")
    active = sum(_count(row, column) for column in ACTIVE_COLUMNS)
    burned = _number(row, "Calories")
    if steps == 0 and active == 0:
        raise SkipRow("no steps and no active minutes: the tracker was not worn that day")
    fields = {"steps": steps, "active_minutes": active, "calories_burned": burned}
    return fields, (steps, burned)


def _sleep(row: dict[str, str], when: datetime) -> tuple[dict[str, Any], tuple]:
    minutes = _count(row, "TotalMinutesAsleep")
    return {"sleep_minutes": minutes}, (minutes,)


def _weight(row: dict[str, str], when: datetime) -> tuple[dict[str, Any], tuple]:
    if row["WeightKg"].strip() or not row.get("WeightPounds", "").strip():
        kg = _number(row, "WeightKg")
    else:
        kg = _number(row, "WeightPounds") * KG_PER_LB
    return {"weight": round(kg, WEIGHT_DIGITS)}, (when,)


@dataclass(frozen=True)
class Kind:
    """One of the three exports: how it is recognised and read."""

    name: str  # as messages say it
    date_column: str
    columns: tuple[str, ...]  # needed besides Id and the date
    parse: Callable[[dict[str, str], datetime], tuple[dict[str, Any], tuple]]
    kept_because: str  # why the kept row of a day beats another


KINDS = (
    Kind(
        "daily activity",
        "ActivityDate",
        ("TotalSteps", *ACTIVE_COLUMNS, "Calories"),
        _activity,
        "has more steps",
    ),
    Kind("sleep", "SleepDay", ("TotalMinutesAsleep",), _sleep, "has more minutes asleep"),
    Kind("weight", "Date", ("WeightKg",), _weight, "is a later weigh-in"),
)
EXPECTED = (
    "expected Fitbit's dailyActivity_merged.csv (Id, ActivityDate, TotalSteps, ...), "
    "sleepDay_merged.csv (Id, SleepDay, TotalMinutesAsleep, ...) or "
    "weightLogInfo_merged.csv (Id, Date, WeightKg, ...)"
)


def parse_when(text: str) -> datetime:
    """A month-first date, with or without a time of day (12 or 24 hours)."""
    text = " ".join(text.split())
    for layout in DATE_FORMATS:
        try:
            return datetime.strptime(text, layout)
        except ValueError:
            continue
    raise BadRow(f"'{text[:40]}' is not a month/day/year date such as 04/12/2016")


def read_row(
    kind: Kind, header: list[str], values: list[str]
) -> tuple[date, dict[str, Any], tuple]:
    """The row's day, daily-log fields and rank; BadRow or SkipRow when it gives none."""
    row = dict(zip(header, values, strict=True))
    when = parse_when(row[kind.date_column])
    fields, rank = kind.parse(row, when)
    entry, problems = validate_entry({"date": when.date(), **fields})
    if entry is None:
        raise BadRow("; ".join(f"{name}: {text}" for name, text in problems.items()))
    return when.date(), fields, rank
