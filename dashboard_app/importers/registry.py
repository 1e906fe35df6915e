"""The kinds of file `metrics-tracker import KIND FILE` (and the upload form) can read.

Each entry: kind -> (reader, takes_unit, description). A reader takes the file's bytes (and the
unit its loads are in, when takes_unit) and returns an ImportBatch, or raises NotThisFormat.
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard_app.importers.batch import ImportBatch
from dashboard_app.importers.fitbit import read_fitbit
from dashboard_app.importers.hevy import read_hevy
from dashboard_app.importers.own_export import read_own_export
from dashboard_app.importers.strong import read_strong

Reader = Callable[..., ImportBatch]

IMPORT_READERS: dict[str, tuple[Reader, bool, str]] = {
    "strong": (read_strong, True, "Strong app CSV export (loads in --unit)"),
    "hevy": (read_hevy, False, "Hevy app CSV export"),
    "fitbit": (read_fitbit, False, "Fitbit daily activity, sleep or weight export (one person)"),
    "metrics-tracker": (read_own_export, False, "A Metrics Tracker export zip (Settings)"),
}
