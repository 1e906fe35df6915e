"""What the Strong and Hevy readers share: reading the CSV and parsing its values."""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta

from dashboard_app.importers.batch import NotThisFormat
from dashboard_app.units import weight_to_kg

# Month names and abbreviations as phones write them: English, Portuguese, Spanish, German,
# French and Italian (accents removed, lower case).
_MONTH_WORDS = {
    1: "jan january janeiro ene enero januar janv janvier gen gennaio",
    2: "feb february fev fevereiro febrero februar fevr fevrier febbraio",
    3: "mar march marco marzo marz mrz mars",
    4: "apr april abr abril avr avril aprile",
    5: "may mai mayo maio mag maggio",
    6: "jun june junho junio juni juin giu giugno",
    7: "jul july julho julio juli juil juillet lug luglio",
    8: "aug august ago agosto aout",
    9: "sep sept september set setembro septiembre septembre settembre",
    10: "oct october out outubro octubre okt oktober octobre ott ottobre",
    11: "nov november novembro noviembre novembre",
    12: "dec december dez dezembro dic diciembre dezember decembre dicembre",
}
MONTHS = {word: number for number, words in _MONTH_WORDS.items() for word in words.split()}
_FILLER_WORDS = {"de", "del", "um", "a", "at"}  # "4 de set. de 2026", "8 Apr 2026 at 16:50"
_CLOCK = re.compile(r"^(\d{1,2})[:h.](\d{2})(?::(\d{2}))?$")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|小时|m|min|分钟|s|秒)")


class RowProblem(ValueError):
    """A row this reader cannot use; its message says why, for the report."""


# Longer is a typo (or a timer left running for a year), not a workout. (The schema caps a
# session at 12 hours; this only keeps absurd numbers from overflowing the clock.)
MAX_DURATION = timedelta(days=366)


def decode_text(data: bytes | str) -> str:
    """The file as text (UTF-8, with or without a byte-order mark; Latin-1 otherwise)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            data = data.decode("latin-1")
    return data.removeprefix("\ufeff")


def read_table(text: str, what: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (cells stripped) and (spreadsheet row number, cells) of each data row."""
    if "\x00" in text:
        raise NotThisFormat(f"This is not {what}: it is a binary file, not a CSV export.")
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise NotThisFormat(f"This is not {what}: the first line is empty.")
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [value.strip() for value in next(reader)]
    except csv.Error as problem:
        message = f"This is not {what}: its first line cannot be read ({problem})."
        raise NotThisFormat(message) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as problem:
                # A cell past csv's size limit (a pasted blob, a broken quote) cannot be read;
                # nothing after it can be trusted either.
                raise NotThisFormat(f"Row {number} of {what} cannot be read: {problem}.") from None
            if any(value.strip() for value in cells):
                yield number, cells

    return header, rows()


def not_this_format(what: str, column: str, header: list[str]) -> NotThisFormat:
    """The refusal for a file whose first line lacks a column the format always has."""
    hint = ""
    if {"exercise_title", "set_type"} <= set(header):
        hint = " It looks like a Hevy export: import it as hevy."
    elif "Exercise Name" in header or "运动名称" in header:
        hint = " It looks like a Strong export: import it as strong."
    return NotThisFormat(f"This is not {what}: the first line has no {column!r} column.{hint}")


def parse_number(text: str | None, what: str) -> float | None:
    """A number from a cell; None when empty."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
    except ValueError:
        raise RowProblem(f"{what} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise RowProblem(f"{what} {text!r} is not a number")
    return value


def parse_reps(text: str | None) -> int | None:
    """Reps as a whole number ("13.0" is 13); None when empty."""
    value = parse_number(text, "reps")
    if value is None:
        return None
    if value < 0 or value != int(value):
        raise RowProblem(f"reps {text.strip()!r} is not a whole number of at least 0")
    return int(value)


def parse_load(text: str | None, unit: str) -> float:
    """A load in kg to 0.01 kg; an empty cell is a body-weight set (0 kg)."""
    value = parse_number(text, "weight")
    if value is None:
        return 0.0
    if value < 0:
        raise RowProblem(f"weight {text.strip()!r} is negative")
    return round(weight_to_kg(value, unit), 2)


def rir_from_rpe(text: str | None) -> int | None:
    """Reps in reserve from an RPE cell: 10 - RPE, halves rounded up, kept within 0..10."""
    rpe = parse_number(text, "RPE")
    if rpe is None:
        return None
    if not 0 <= rpe <= 10:
        raise RowProblem(f"RPE {text.strip()!r} is not from 0 to 10")
    return min(10, max(0, math.floor(10 - rpe + 0.5)))


def parse_duration(text: str | None) -> timedelta | None:
    """'56m', '1h 2m', '1小时13分钟', or plain seconds ('2134'); None when empty."""
    text = (text or "").strip().lower()
    if not text:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        seconds = float(text)
    else:
        parts = _DURATION_PART.findall(text)
        if not parts or _DURATION_PART.sub("", text).strip():
            raise RowProblem(f"duration {text!r} is not a duration")
        scale = {"h": 3600, "小时": 3600, "m": 60, "min": 60, "分钟": 60, "s": 1, "秒": 1}
        seconds = sum(float(amount) * scale[unit] for amount, unit in parts)
    if not 0 <= seconds <= MAX_DURATION.total_seconds():
        raise RowProblem(f"duration {text!r} is longer than a few days")
    return timedelta(seconds=seconds)


def end_of(start: datetime, duration: timedelta | None) -> datetime | None:
    """When a workout that began at start ended; None if unknown or past the calendar's end."""
    if duration is None:
        return None
    try:
        return start + duration
    except OverflowError:
        return None


def cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    """The named cell, stripped; empty when the row is short or the file lacks the column."""
    index = columns.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _ascii_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[.,]+(?!\d)", " ", plain.lower()).split()
    return [w for w in words if w not in _FILLER_WORDS]


def _clock(words: list[str]) -> tuple[int, int, int]:
    if not words:
        return 0, 0, 0
    meridiem = words[1] if len(words) > 1 else None
    match = _CLOCK.match(words[0])
    if match is None or len(words) > 2 or meridiem not in (None, "am", "pm"):
        raise ValueError
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if meridiem:
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return hour, minute, second


def parse_datetime(text: str | None) -> datetime:
    """'2023-01-01 09:24:45', '8 Apr 2026, 16:50', '4 de set. de 2026, 15:16', 'Apr 8, 2026'."""
    text = (text or "").strip()
    try:
        return datetime.fromisoformat(text.replace("/", "-")).replace(tzinfo=None)
    except ValueError:
        pass
    words = _ascii_words(text)
    try:
        if len(words) >= 3 and words[0].isdigit() and words[1] in MONTHS:
            day, month, year, rest = int(words[0]), MONTHS[words[1]], words[2], words[3:]
        elif len(words) >= 3 and words[0] in MONTHS and words[1].isdigit():
            day, month, year, rest = int(words[1]), MONTHS[words[0]], words[2], words[3:]
        else:
            raise ValueError
        return datetime(int(year), month, day, *_clock(rest))
    except ValueError:
        raise RowProblem(f"date {text!r} is not a date and time") from None


# A real export unpacks to at most a few tens of MB and compresses about 5-20 times; a file
# that claims more is a zip bomb (0.07 MB that unpacks to 20 MB is 285:1), refused before any
# byte of it is inflated. zipfile stops each member at its declared size, so the declared
# sizes bound what reading can produce.
MAX_UNPACKED_BYTES = 64 * 2**20
MAX_ZIP_RATIO = 100
MAX_ZIP_MEMBERS = 500


def checked_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The zip's files, after refusing one that unpacks too large, too many or too far."""
    members = [info for info in archive.infolist() if not info.is_dir()]
    unpacked = sum(info.file_size for info in members)
    packed = sum(info.compress_size for info in members)
    if len(members) > MAX_ZIP_MEMBERS:
        raise NotThisFormat(f"the zip holds more than {MAX_ZIP_MEMBERS} files")
    if unpacked > MAX_UNPACKED_BYTES:
        raise NotThisFormat(
            f"the zip unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB: split the export"
        )
    if unpacked > MAX_ZIP_RATIO * max(packed, 1) and unpacked > 2**20:
        raise NotThisFormat(
            f"the zip unpacks to {unpacked / max(packed, 1):.0f} times its size, which no "
            "export does"
        )
    return members
