"""Fitbit's daily exports (daily activity, sleep, weight) as daily-log days of one person.

Reads dailyActivity_merged.csv, sleepDay_merged.csv and weightLogInfo_merged.csv: any one,
several, or a zip holding them (its other files are listed in `skipped`), each recognised by
its header. Rules:

- One person: an export holds rows of every Id (one per person). With one Id it is used;
  with several, person_id must name one, or nothing is imported (FitbitPersonNeeded lists
  each Id with its number of rows).
- Dates are month first: 04/12/2016, 4/12/2016 12:00:00 AM, 05/02/2016 23:59.
- Daily activity: TotalSteps is steps; Very + Fairly + Lightly active minutes are
  active_minutes; Calories are calories_burned (Fitbit's estimate, resting rate included),
  never the intake calories. A day with no steps and no active minutes is a day the tracker
  was not worn: skipped, so it stays unknown instead of reading as a day without movement.
- Sleep: TotalMinutesAsleep is sleep_minutes. A row is already the day's total over its
  TotalSleepRecords (nights and naps), so it is taken as it is and never added to another.
- Weight: WeightKg (WeightPounds when it is blank) in kg to 10 g, which drops the file's
  float noise (52.59999847).
- One row per kind and day. A row repeated exactly is skipped. Of two different rows for a
  day (exports overlapping on their first and last day: one holds the whole day, the other
  its first minutes) the one with more steps, more minutes asleep or the later weigh-in is
  kept and the other skipped, with the reason.
- Every row is checked with the daily-log schema; a bad row is a RowError with its line.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dashboard_app.importers.batch import ImportBatch, ImportedDay, NotThisFormat, RowError
from dashboard_app.importers.common import checked_members
from dashboard_app.importers.fitbit_rows import EXPECTED, KINDS, BadRow, Kind, SkipRow, read_row

KIND = "fitbit"


class FitbitPersonNeeded(NotThisFormat):
    """The files hold several people: nothing is imported until person_id names one."""

    def __init__(self, message: str, ids: dict[str, int]) -> None:
        super().__init__(message)
        self.ids = ids  # every Id in the files -> its number of rows


@dataclass
class _Table:
    name: str
    kind: Kind
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class _Kept:
    where: tuple[str, int]  # file name, line
    values: tuple[str, ...]
    rank: tuple
    fields: dict[str, Any]


def _refusal(name: str, message: str) -> NotThisFormat:
    """NotThisFormat naming the file when it has a name."""
    return NotThisFormat(f"{name}: {message}" if name else message[:1].upper() + message[1:])


def _unzipped(name: str, data: bytes, skipped: list[RowError]) -> list[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _refusal(name, "not a readable zip file") from None
    try:
        members = checked_members(archive)
    except NotThisFormat as refusal:
        raise _refusal(name, str(refusal)) from None
    files = []
    for info in members:
        base = info.filename.rsplit("/", 1)[-1]
        if not base.lower().endswith(".csv") or base.startswith("."):
            skipped.append(RowError(0, f"{info.filename}: not a CSV file, not read"))
            continue
        try:
            files.append((info.filename, archive.read(info)))
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as exc:
            raise _refusal(name, f"{info.filename} cannot be unpacked ({exc})") from None
    return files


def _read_table(name: str, data: bytes) -> _Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refusal(name, f"not a text (CSV) file; {EXPECTED}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip() for column in next(reader, [])]
    except csv.Error:
        header = []
    columns = set(header)
    for kind in KINDS:
        if {"Id", kind.date_column} <= columns:
            missing = [c for c in kind.columns if c not in columns]
            if missing:
                raise _refusal(
                    name,
                    f"looks like Fitbit's {kind.name} export but has no "
                    f"{', '.join(missing)} column",
                )
            table = _Table(name, kind, header)
            break
    else:
        raise _refusal(name, f"not a Fitbit daily export; {EXPECTED}")
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return table
        except csv.Error as exc:
            table.errors.append(RowError(reader.line_num, f"unreadable row: {exc}"))
            continue
        if any(value.strip() for value in values):
            table.rows.append((reader.line_num, values))


def _tables(files: dict[str, bytes] | bytes) -> tuple[list[_Table], list[RowError]]:
    named = files.items() if isinstance(files, dict) else [("", files)]
    skipped: list[RowError] = []
    tables = []
    for name, data in named:
        if not data.strip():
            raise _refusal(name, "the file is empty")
        if data.startswith(b"PK\x03\x04"):
            for member, content in _unzipped(name, data, skipped):
                try:
                    tables.append(_read_table(member, content))
                except NotThisFormat as exc:
                    skipped.append(RowError(0, f"{exc}; not read"))
            if not tables:
                raise _refusal(name, f"holds none of Fitbit's daily exports; {EXPECTED}")
        else:
            tables.append(_read_table(name, data))
    return tables, skipped


def _person(tables: list[_Table], person_id: str | None) -> str | None:
    """The Id to import: the chosen one, or the only one; else FitbitPersonNeeded."""
    counts = Counter(
        values[table.header.index("Id")].strip()
        for table in tables
        for _, values in table.rows
        if len(values) == len(table.header)
    )
    counts.pop("", None)
    ids = {key: counts[key] for key in sorted(counts)}
    listed = ", ".join(f"{key} ({n} row{'' if n == 1 else 's'})" for key, n in ids.items())
    if person_id is not None:
        chosen = str(person_id).strip()
        if chosen in ids:
            return chosen
        raise FitbitPersonNeeded(f"No rows for Id {chosen}; the file holds {listed}.", ids)
    if len(ids) > 1:
        raise FitbitPersonNeeded(
            f"This Fitbit export holds {len(ids)} people; choose one Id: {listed}.", ids
        )
    return next(iter(ids), None)


def _place(
    kind: Kind, day: date, found: _Kept, kept: dict[tuple[str, date], _Kept], several: bool
) -> RowError | None:
    """Keep found as the day's row of its kind unless one read before beats it; the row left
    out, with the reason, or None."""
    key = (kind.name, day)
    other = kept.get(key)
    if other is None:
        kept[key] = found
        return None
    name, line = found.where
    if other.values == found.values:
        return RowError(line, _prefix(name, several) + f"repeats {_where(other.where, name)}")
    loser, winner = (other, found) if found.rank > other.rank else (found, other)
    kept[key] = winner
    why = kind.kept_because if winner.rank != loser.rank else "came first"
    reason = f"another row for {day} ({_where(winner.where, loser.where[0])}) {why}"
    return RowError(loser.where[1], f"{_prefix(loser.where[0], several)}{reason}; not imported")


def _prefix(name: str, several: bool) -> str:
    return f"{name}: " if several else ""


def _where(where: tuple[str, int], current: str) -> str:
    name, line = where
    return f"line {line}" if name == current else f"line {line} of {name}"


def read_fitbit(files: dict[str, bytes] | bytes, person_id: str | None = None) -> ImportBatch:
    """One person's days from Fitbit's daily exports (rules in the module docstring)."""
    tables, skipped = _tables(files)
    person = _person(tables, person_id)
    batch = ImportBatch(kind=KIND, skipped=skipped)
    kept: dict[tuple[str, date], _Kept] = {}
    several = len(tables) > 1
    for table in tables:
        prefix = _prefix(table.name, several)
        batch.errors += [RowError(e.line, prefix + e.reason) for e in table.errors]
        id_index = table.header.index("Id")
        for line, values in table.rows:
            row_id = values[id_index].strip() if len(values) == len(table.header) else None
            if row_id and row_id != person:
                continue
            batch.rows_read += 1
            try:
                if row_id is None:
                    raise BadRow(f"expected {len(table.header)} values, found {len(values)}")
                if not row_id:
                    raise BadRow("no Id")
                day, fields, rank = read_row(table.kind, table.header, values)
            except SkipRow as exc:
                batch.skipped.append(RowError(line, f"{prefix}{exc}"))
                continue
            except BadRow as exc:
                batch.errors.append(RowError(line, f"{prefix}{exc}"))
                continue
            found = _Kept((table.name, line), tuple(values), rank, fields)
            left_out = _place(table.kind, day, found, kept, several)
            if left_out is not None:
                batch.skipped.append(left_out)
    days: dict[date, ImportedDay] = {}
    for (_, day), row in kept.items():
        if day not in days:
            days[day] = ImportedDay(day, {}, row.where[1])
        days[day].fields.update(row.fields)
    batch.days = [days[day] for day in sorted(days)]
    batch.errors.sort(key=lambda error: error.line)
    batch.skipped.sort(key=lambda note: note.line)
    return batch
