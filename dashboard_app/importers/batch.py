"""What every importer produces: plain sessions, lines and days, plus the rows it refused.

Readers (Strong, Hevy, Fitbit, this app's own export) only parse and check; applying a batch to
a user's data is services.imports.apply_import, the same for every source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

MAX_IMPORT_KEY = 200  # training_sessions.import_key's length


class NotThisFormat(ValueError):
    """The file is not an export of the kind asked for: nothing of it is imported."""


@dataclass(frozen=True)
class RowError:
    line: int  # the line of the file (1 is the header), as a spreadsheet numbers it
    reason: str


@dataclass(frozen=True)
class ImportedLine:
    """One set (this app's older exports: a line of several equal sets), SI units."""

    exercise_name: str  # as the file names it; matched to the catalogue when applied
    sets: int
    reps: int | None
    load_kg: float
    rir: int | None = None
    is_warmup: bool = False
    notes: str | None = None
    line: int = 0  # where it came from, for reports
    # 1-5 as the session form rates them; only this app's own export has them.
    stimulus: int | None = None
    fatigue_level: int | None = None
    duration_seconds: int | None = None
    distance_m: float | None = None
    # Its exercise block in the session (None: consecutive sets of one exercise are one).
    block: int | None = None
    superset_group: int | None = None
    rest_seconds: int | None = None

    @property
    def kind(self) -> str:
        """How the set measures its exercise, for an exercise the import creates."""
        if self.distance_m:
            return "distance"
        if self.duration_seconds and not self.reps:
            return "duration"
        return "weight"


@dataclass(frozen=True)
class ImportedSession:
    # Stable for the same workout in any later export of the same app: a second import of a
    # workout finds the session of the first instead of adding it again.
    import_key: str
    date: date
    start_time: datetime | None = None
    end_time: datetime | None = None
    mesocycle: str | None = None
    session_number: int | None = None
    notes: str | None = None
    lines: tuple[ImportedLine, ...] = ()
    title: str | None = None  # the workout's name in the app it came from
    line: int = 0  # the file line of the workout's first row, for reports


@dataclass(frozen=True)
class ImportedDay:
    date: date
    # Daily-log fields (DailyEntryInput names, SI units) that the file gives for that day.
    fields: dict[str, Any] = field(default_factory=dict)
    line: int = 0


@dataclass
class ImportBatch:
    kind: str
    sessions: list[ImportedSession] = field(default_factory=list)
    days: list[ImportedDay] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows_read: int = 0
    # Rows that are fine but hold nothing this app logs (a rest timer, an empty set):
    # reported with the reason, never counted as errors of the file.
    skipped: list[RowError] = field(default_factory=list)


# The staged form of a batch: each workout or day as JSON, so an import job parses its file
# once and each slice reads back only its own items (services.import_jobs).


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"datetime"}:
            return datetime.fromisoformat(value["datetime"])
        if set(value) == {"date"}:
            return date.fromisoformat(value["date"])
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return value


def staged_item(item: ImportedSession | ImportedDay) -> dict[str, Any]:
    """A workout or a day as plain JSON (unstaged_item reads it back, equal).

    Built from the dataclasses' own dicts: dataclasses.asdict deep-copies every value and
    took most of a large upload's start.
    """
    if isinstance(item, ImportedDay):
        return {"item": "day", "date": item.date.isoformat(), "fields": _plain(item.fields),
                "line": item.line}  # fmt: skip
    data = dict(vars(item))
    data["item"] = "session"
    data["date"] = item.date.isoformat()
    for name in ("start_time", "end_time"):
        moment = data[name]
        data[name] = moment.isoformat() if moment is not None else None
    data["lines"] = [vars(line) for line in item.lines]
    return data


def unstaged_item(data: dict[str, Any]) -> ImportedSession | ImportedDay:
    values = {key: value for key, value in data.items() if key != "item"}
    values["date"] = date.fromisoformat(values["date"])
    if data["item"] == "day":
        return ImportedDay(**{**values, "fields": _typed(values["fields"])})
    for name in ("start_time", "end_time"):
        if values[name] is not None:
            values[name] = datetime.fromisoformat(values[name])
    lines = tuple(ImportedLine(**line) for line in values.pop("lines"))
    return ImportedSession(**values, lines=lines)


def strip_nul(value: Any) -> Any:
    """value with every NUL character taken out of its texts (PostgreSQL stores none)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {strip_nul(key): strip_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [strip_nul(item) for item in value]
    return value


def without_nul(batch: ImportBatch) -> ImportBatch:
    """The batch with NUL characters taken out of every text of its workouts and days."""
    batch.sessions = [unstaged_item(strip_nul(staged_item(s))) for s in batch.sessions]
    batch.days = [unstaged_item(strip_nul(staged_item(d))) for d in batch.days]
    return batch
