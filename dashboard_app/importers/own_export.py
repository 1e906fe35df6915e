"""This app's own export (services.export) read back: its JSON document as an ImportBatch.

Only metrics-tracker.json is read; the CSVs beside it are for people and spreadsheets. Line
numbers in errors are those of the row in the table's CSV (1 is the header).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from dashboard_app.importers.batch import (
    ImportBatch,
    ImportedDay,
    ImportedLine,
    ImportedSession,
    NotThisFormat,
    RowError,
    strip_nul,
)
from dashboard_app.importers.common import checked_members
from dashboard_app.importers.own_format import (
    DOCUMENT_NAME,
    FORMAT,
    READABLE_VERSIONS,
    VERSION_1_NAMES,
)
from dashboard_app.schemas.daily_log import ENTRY_FIELDS

KIND = "metrics-tracker"
KEY_PREFIX = "export:"
# Ten years of daily logging and training make about 6 MB; more than this is no export of
# ours, and reading it would only fill the worker's memory.
MAX_DOCUMENT_BYTES = 64 * 2**20
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # a compression method zipfile lacks
    RuntimeError,  # an encrypted member
    EOFError,
    OSError,
    ValueError,  # JSON that does not parse, text that is not UTF-8
    RecursionError,
)


def read_own_document(data: bytes) -> dict[str, Any]:
    """The export's JSON document; NotThisFormat for anything else, or for another version."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {info.filename for info in checked_members(archive)}
            if DOCUMENT_NAME not in names:
                raise NotThisFormat(
                    f"this zip has no {DOCUMENT_NAME}: it is not a Metrics Tracker export"
                )
            if archive.getinfo(DOCUMENT_NAME).file_size > MAX_DOCUMENT_BYTES:
                raise NotThisFormat(f"{DOCUMENT_NAME} is too large for an export")
            document = strip_nul(json.loads(archive.read(DOCUMENT_NAME)))
    except NotThisFormat:
        raise
    except _UNREADABLE as exc:
        raise NotThisFormat(f"not a readable Metrics Tracker export (a zip file): {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise NotThisFormat(f"{DOCUMENT_NAME} is not a Metrics Tracker export document")
    version = document.get("format_version")
    if version not in READABLE_VERSIONS:
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        raise NotThisFormat(
            f"export format version {version!r}; this version of the app reads {readable}"
        )
    if not isinstance(document.get("tables"), dict):
        raise NotThisFormat(f"{DOCUMENT_NAME} has no tables")
    return document


def _rows(document: dict[str, Any], table: str) -> list[tuple[int, dict[str, Any]]]:
    """(CSV line, row) of one table, with exported names turned back into column names."""
    rows = document["tables"].get(table) or []
    if not isinstance(rows, list):
        raise NotThisFormat(f"the export's {table} is not a list of rows")
    units = (document.get("units") or {}).get("columns") or {}
    renamed = VERSION_1_NAMES.get(table, {}) if document.get("format_version") == 1 else {}

    def column(name: str) -> str:
        unit = units.get(f"{table}.{name}")
        name = name.removesuffix(f"_{unit}") if unit else name
        return renamed.get(name, name)

    return [
        (number, {column(k): v for k, v in row.items()} if isinstance(row, dict) else {})
        for number, row in enumerate(rows, start=2)
    ]


def _date(value: Any) -> date:
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    return date.fromisoformat(value)


def _datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a date and time: {value!r}")
    return datetime.fromisoformat(value)


def _text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"not text: {value!r}")
    return value


def session_key(row: dict[str, Any], origin: str) -> str:
    """The import key of an exported session, the same in every export of it.

    A session that came from another app keeps that app's key (importing that app's file
    later finds it); one logged here gets export:<account>:<its id>|<its date>, which names
    the account it was logged in: the export imported back there finds it, while a session
    of another account (another server) with the same id and date is never mistaken for it.
    """
    own = row.get("import_key")
    if isinstance(own, str) and own:
        return own
    return f"{KEY_PREFIX}{origin}:{row.get('id')}|{row.get('date')}"


def _line(number: int, row: dict[str, Any]) -> ImportedLine:
    name = row.get("exercise_name")
    if not isinstance(name, str):
        raise ValueError(f"not an exercise name: {name!r}")
    return ImportedLine(
        exercise_name=name,
        sets=row.get("sets", 1),
        reps=row.get("reps"),
        load_kg=row.get("load_weight"),
        rir=row.get("rir"),
        is_warmup=row.get("is_warmup", False),
        notes=_text(row.get("notes")),
        line=number,
        stimulus=row.get("stimulus"),
        fatigue_level=row.get("fatigue_level"),
        duration_seconds=row.get("duration_seconds"),
        distance_m=row.get("distance_m"),
        block=row.get("block"),
        superset_group=row.get("superset_group"),
        rest_seconds=row.get("rest_seconds"),
    )


def _lines(document, errors: list[RowError]) -> tuple[dict[Any, list], int]:
    """Every session's lines by the exported session id, in order; and how many rows."""
    rows = _rows(document, "workout_details")
    by_session = defaultdict(list)
    for number, row in rows:
        try:
            position = row.get("position")
            key = (position if isinstance(position, int) else 0, number)
            by_session[row.get("session_id")].append((key, _line(number, row)))
        except (TypeError, ValueError) as exc:
            errors.append(RowError(number, f"workout_details: {exc}"))
    return {sid: [line for _, line in sorted(lines)] for sid, lines in by_session.items()}, len(
        rows
    )


def _session(
    number: int, row: dict[str, Any], lines: list[ImportedLine], origin: str
) -> ImportedSession:
    return ImportedSession(
        import_key=session_key(row, origin),
        date=_date(row.get("date")),
        start_time=_datetime(row.get("training_start")),
        end_time=_datetime(row.get("training_end")),
        mesocycle=_text(row.get("mesocycle_name")),
        title=_text(row.get("title")),
        session_number=row.get("session_number"),
        notes=_text(row.get("notes")),
        lines=tuple(lines),
        line=number,
    )


def _day(number: int, row: dict[str, Any]) -> ImportedDay:
    fields = {
        name: _datetime(value) if name in ("sleep_start", "sleep_end") else value
        for name, value in row.items()
        if name in ENTRY_FIELDS and name != "date" and value is not None
    }
    return ImportedDay(date=_date(row.get("date")), fields=fields, line=number)


def read_own_export(data: bytes) -> ImportBatch:
    """A Metrics Tracker export zip as sessions with their lines and days (SI units)."""
    document = read_own_document(data)
    batch = ImportBatch(kind=KIND)
    origin = document.get("account")
    origin = origin if isinstance(origin, str) and 0 < len(origin) <= 40 else "unknown"
    lines, line_count = _lines(document, batch.errors)
    sessions = _rows(document, "training_sessions")
    for number, row in sessions:
        try:
            batch.sessions.append(_session(number, row, lines.pop(row.get("id"), []), origin))
        except (TypeError, ValueError) as exc:
            batch.errors.append(RowError(number, f"training_sessions: {exc}"))
    for orphans in lines.values():
        batch.errors.extend(
            RowError(line.line, "a line of no exported session") for line in orphans
        )
    days = _rows(document, "daily_metrics")
    for number, row in days:
        try:
            batch.days.append(_day(number, row))
        except (TypeError, ValueError) as exc:
            batch.errors.append(RowError(number, f"daily_metrics: {exc}"))
    batch.rows_read = len(sessions) + line_count + len(days)
    return batch
