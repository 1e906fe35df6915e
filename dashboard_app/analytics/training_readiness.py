"""Training readiness: volume landmarks per muscle group and the sleep-and-stress gate.

Landmarks are weekly hard sets (training.hard_sets_by_muscle). Readiness compares the user's
last week of sleep and stress with their own baseline and explains itself in `reasons`;
stress is on the daily log's 1-10 scale.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from dashboard_app.analytics.training import (
    DayRecovery,
)


@dataclass(frozen=True)
class VolumeLandmarks:
    """Weekly hard sets: maintenance (MV), minimum effective (MEV), maximum recoverable (MRV)."""

    mv: float
    mev: float
    mrv: float


# Intermediate-lifter landmarks after Renaissance Periodization's volume-landmark guides
# (Israetel et al.). Lats and middle back each take RP's "back" numbers, shoulders its side and
# rear delt numbers (the catalogue has one shoulder group). RP gives none for abductors,
# adductors, lower back and neck: those are conservative judgements (MV and MEV 0, because
# squats, deadlifts and rows train them indirectly; a low MRV, because they recover slowly).
VOLUME_LANDMARKS: dict[str, VolumeLandmarks] = {
    "abdominals": VolumeLandmarks(mv=0, mev=0, mrv=25),
    "abductors": VolumeLandmarks(mv=0, mev=0, mrv=16),
    "adductors": VolumeLandmarks(mv=0, mev=0, mrv=16),
    "biceps": VolumeLandmarks(mv=5, mev=8, mrv=26),
    "calves": VolumeLandmarks(mv=6, mev=8, mrv=20),
    "chest": VolumeLandmarks(mv=8, mev=10, mrv=22),
    "forearms": VolumeLandmarks(mv=0, mev=2, mrv=25),
    "glutes": VolumeLandmarks(mv=0, mev=0, mrv=16),
    "hamstrings": VolumeLandmarks(mv=3, mev=4, mrv=20),
    "lats": VolumeLandmarks(mv=8, mev=10, mrv=25),
    "lower back": VolumeLandmarks(mv=0, mev=0, mrv=10),
    "middle back": VolumeLandmarks(mv=8, mev=10, mrv=25),
    "neck": VolumeLandmarks(mv=0, mev=0, mrv=12),
    "quadriceps": VolumeLandmarks(mv=6, mev=8, mrv=20),
    "shoulders": VolumeLandmarks(mv=0, mev=8, mrv=26),
    "traps": VolumeLandmarks(mv=0, mev=0, mrv=26),
    "triceps": VolumeLandmarks(mv=4, mev=6, mrv=18),
}

# Readiness: the last 7 days against the 12 weeks before them. Sleep and stress drift with the
# seasons, so only the user's own recent distribution says what "clearly" is.
RECENT_DAYS = 7
BASELINE_DAYS = 84
MIN_RECENT_DAYS = 4  # a majority of the week: two or three nights say little
MIN_BASELINE_DAYS = 42  # six weeks of values: fewer make the spread of weekly means too rough
CLEAR_Z = 1.0  # one standard deviation of the user's own weekly means is "clearly"
# Spread floors: a near-constant baseline would turn any wobble into a huge z-score; these are
# about the resolution of sleep trackers (15 min) and of a 1-10 scale averaged over a week.
SLEEP_SD_FLOOR_H = 0.25
STRESS_SD_FLOOR = 0.25


@dataclass(frozen=True)
class Readiness:
    """Whether the last week's sleep and stress hold back added volume, and why."""

    can_judge: bool
    hold_added_volume: bool
    recent_sleep_h: float | None
    usual_sleep_h: float | None
    sleep_z: float | None
    recent_stress: float | None
    usual_stress: float | None
    stress_z: float | None
    reasons: tuple[str, ...]


def landmarks_for(muscle: str, landmarks: Mapping[str, VolumeLandmarks]) -> VolumeLandmarks | None:
    """The landmarks of a muscle group, matched without regard to case; None if unknown."""
    return landmarks.get(muscle.casefold())


def merge_landmarks(
    overrides: Mapping[str, VolumeLandmarks | Mapping[str, float]],
    defaults: Mapping[str, VolumeLandmarks] = VOLUME_LANDMARKS,
) -> dict[str, VolumeLandmarks]:
    """The defaults with the user's overrides: whole landmarks or some of mv/mev/mrv.

    Raises ValueError unless 0 <= mv <= mev <= mrv holds after merging.
    """
    merged = dict(defaults)
    for muscle, override in overrides.items():
        key = muscle.casefold()
        if isinstance(override, VolumeLandmarks):
            value = override
        else:
            value = dataclasses.replace(merged.get(key, VolumeLandmarks(0, 0, 0)), **override)
        if not 0 <= value.mv <= value.mev <= value.mrv:
            raise ValueError(f"{muscle}: need 0 <= MV <= MEV <= MRV, got {value}")
        merged[key] = value
    return dict(sorted(merged.items()))


def hours_minutes(hours: float) -> str:
    """Hours as '6 h 05 min'."""
    minutes = round(hours * 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _daily_series(recovery: Sequence[DayRecovery], field: str, start: date, days: int):
    """The field's daily values from start for `days` calendar days, NaN where missing."""
    values = {row.day: getattr(row, field) for row in recovery}
    index = [start + timedelta(days=offset) for offset in range(days)]
    return pd.Series([values.get(day) for day in index], index=index, dtype="float64")


def _compare(recovery, field, today, floor):
    """(recent mean, usual mean, z) of a field, or None when either window is too thin.

    z is the recent 7-day mean against the distribution of the baseline's rolling 7-day means
    (centre: the baseline's daily mean): weekly means vary less than days, and comparing like
    with like keeps a normal week from looking extreme.
    """
    recent_start = today - timedelta(days=RECENT_DAYS - 1)
    recent = _daily_series(recovery, field, recent_start, RECENT_DAYS)
    baseline = _daily_series(
        recovery, field, recent_start - timedelta(days=BASELINE_DAYS), BASELINE_DAYS
    )
    if recent.count() < MIN_RECENT_DAYS or baseline.count() < MIN_BASELINE_DAYS:
        return None
    weekly = baseline.rolling(RECENT_DAYS, min_periods=MIN_RECENT_DAYS).mean().dropna()
    spread = max(float(weekly.std()), floor)
    usual = float(baseline.mean())
    return float(recent.mean()), usual, (float(recent.mean()) - usual) / spread


def readiness(recovery: Sequence[DayRecovery], today: date) -> Readiness:
    """Whether sleep is clearly below or stress clearly above the user's own baseline.

    The last 7 days (to today) are compared with the 84 days before them (_compare); |z| >=
    CLEAR_Z is "clearly". Each measure needs MIN_RECENT_DAYS and MIN_BASELINE_DAYS values;
    without them it is not judged, and with neither judged nothing is held back.
    """
    sleep = _compare(recovery, "sleep_hours", today, SLEEP_SD_FLOOR_H)
    stress = _compare(recovery, "stress", today, STRESS_SD_FLOOR)
    held: list[str] = []
    fine: list[str] = []
    if sleep is not None:
        recent, usual, z = sleep
        said = f"{hours_minutes(recent)}, {{}} your usual {hours_minutes(usual)}"
        if z <= -CLEAR_Z:
            held.append(f"Your sleep over the last 7 days averaged {said.format('well below')}.")
        else:
            fine.append(f"Your sleep over the last 7 days averaged {said.format('near')}.")
    if stress is not None:
        recent, usual, z = stress
        said = f"{recent:.1f}/10, {{}} your usual {usual:.1f}/10"
        if z >= CLEAR_Z:
            held.append(f"Your stress over the last 7 days averaged {said.format('well above')}.")
        else:
            fine.append(f"Your stress over the last 7 days averaged {said.format('near')}.")
    missing = [name for name, got in (("sleep", sleep), ("stress", stress)) if got is None]
    if missing:
        fine.append(
            f"Not enough {' or '.join(missing)} data to judge readiness: it needs "
            f"{MIN_RECENT_DAYS} of the last {RECENT_DAYS} days and {MIN_BASELINE_DAYS} days "
            f"of the {BASELINE_DAYS} before them."
        )
    return Readiness(
        can_judge=sleep is not None or stress is not None,
        hold_added_volume=bool(held),
        recent_sleep_h=sleep[0] if sleep else None,
        usual_sleep_h=sleep[1] if sleep else None,
        sleep_z=sleep[2] if sleep else None,
        recent_stress=stress[0] if stress else None,
        usual_stress=stress[1] if stress else None,
        stress_z=stress[2] if stress else None,
        reasons=tuple(held) if held else tuple(fine),
    )
