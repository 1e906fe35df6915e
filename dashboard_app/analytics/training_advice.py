"""Training advice: next week's sets per muscle group, the deload detector, retrospectives.

Every suggestion carries `reasons`, plain sentences the page shows as they are: the advice is
never silent. Thresholds are constants, each with why it has its value; ratings are on the
logger's scales (stimulus and fatigue 1-5, stress, energy and motivation 1-10).

Next week's sets, per muscle group trained last week (stimulus and fatigue: the mean ratings
of the lines the muscle was primary in; e1RM trend: the mean % change of those exercises'
best e1RM against the latest earlier week that had one):

    condition (first match wins)                         change
    deload week                                          half the sets (no MEV floor)
    fatigue >= 4, or e1RM fell more than 2.5%            -1 set; -2 when fatigue >= 4.5 or
                                                         both; never below MEV
    stimulus <= 2 and fatigue <= 2, e1RM within -1%      +1 set; +2 when both <= 1.5;
                                                         never above MRV
    anything else (average, or ratings missing)          hold

Sets above MRV are always brought down to MRV. An added set is held back (held, not cut) when
readiness says sleep or stress are clearly off, and the readiness reasons are added.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dashboard_app.analytics.records import TIE_DECIMALS
from dashboard_app.analytics.training import (
    DayRecovery,
    E1rmChange,
    MesocycleWeek,
    TrainingLine,
    e1rm_change,
    line_e1rm,
    main_lifts,
    mean_or_none,
    mesocycle_weeks,
)
from dashboard_app.analytics.training_readiness import Readiness, VolumeLandmarks, landmarks_for

LOW_RATING = 2  # stimulus or fatigue at most 2 of 5: the muscle was barely challenged
VERY_LOW_RATING = 1.5  # both this low: one set more would still be too little
HIGH_FATIGUE = 4  # 4 of 5: the user reported being beaten up
VERY_HIGH_FATIGUE = 4.5
E1RM_FALL_PCT = 2.5  # a bigger fall than day-to-day noise of e1RM (about 1-2%) is fatigue
E1RM_HOLD_PCT = 1.0  # within 1% counts as holding: noise, not a trend
# Deload detector.
RIR_DRIFT = 0.5  # a week's mean RIR this low has reached failure, the end of accumulation
TREND_WEEKS = 3  # "rising over the last 2-3 weeks": up to 3 weekly means, at least 2
MIN_RECOVERY_DAYS_PER_WEEK = 3  # fewer logged days make a week's mean a guess
FATIGUE_RISE = 0.5  # half a point of 5 over the trend weeks
WELLBEING_CHANGE = 1.0  # one point of 10 for stress, energy and motivation
# Rising fatigue alone is the planned course of accumulation; a deload is due when
# performance gives way at failure, MRV is passed, or this many recovery markers turn at once.
MIN_RECOVERY_SIGNALS = 2
DELOAD_ADVICE = (
    "Deload for a week: halve the sets of every exercise, keep the loads, and stop every set "
    "3-4 reps short of failure (RIR 3-4)."
)


@dataclass(frozen=True)
class SetSuggestion:
    """Next week's hard sets of one muscle group, the rule that chose them, and why."""

    muscle: str
    last_sets: float
    suggested_sets: float
    action: str  # "add", "hold", "cut" or "deload"
    held_back: bool
    mean_stimulus: float | None
    mean_fatigue: float | None
    e1rm_change_pct: float | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DeloadCheck:
    """Whether the block calls for a deload, the signals found, and how to deload."""

    flagged: bool
    reasons: tuple[str, ...]
    advice: str


@dataclass(frozen=True)
class BlockSummary:
    """One finished mesocycle, as the retrospective compares them."""

    mesocycle: str
    start: date
    end: date
    weeks: int
    main_lifts: tuple[E1rmChange, ...]
    sets_per_week: dict[str, float]
    pr_count: int
    mean_sleep_h: float | None
    mean_stress: float | None
    mean_energy: float | None


def exercise_trend_pct(
    exercise_id: int, last_week: MesocycleWeek, previous_weeks: Sequence[MesocycleWeek]
) -> float | None:
    """% change of an exercise's best e1RM from the latest earlier week that rated it."""
    now = last_week.exercises.get(exercise_id)
    if now is None or now.best_e1rm_kg is None:
        return None
    for week in reversed(previous_weeks):
        before = week.exercises.get(exercise_id)
        if before is not None and before.best_e1rm_kg:
            return 100 * (now.best_e1rm_kg - before.best_e1rm_kg) / before.best_e1rm_kg
    return None


def mean_trend_pct(
    exercise_ids: Iterable[int], last_week: MesocycleWeek, previous_weeks: Sequence[MesocycleWeek]
) -> float | None:
    """The mean e1RM % change of the exercises that have one (exercise_trend_pct)."""
    return mean_or_none(exercise_trend_pct(key, last_week, previous_weeks) for key in exercise_ids)


def weekly_recovery_means(
    weeks: Sequence[MesocycleWeek], recovery: Sequence[DayRecovery], field: str, min_days: int
) -> list[float | None]:
    """Each week's mean of a recovery field, None with fewer than min_days values."""
    means: list[float | None] = []
    for week in weeks:
        values = [
            getattr(row, field)
            for row in recovery
            if week.start <= row.day <= week.end and getattr(row, field) is not None
        ]
        means.append(sum(values) / len(values) if len(values) >= min_days else None)
    return means


def _rating(value: float | None) -> str:
    """A mean 1-5 rating for a sentence."""
    return "not rated" if value is None else f"{value:.1f}/5"


def _trend_words(trend: float | None) -> str:
    """The e1RM trend for a sentence."""
    if trend is None:
        return "there was no e1RM to compare"
    return f"your e1RM {'rose' if trend >= 0 else 'fell'} {abs(trend):.1f}%"


def _suggest(muscle, last_week, previous_weeks, bounds, readiness, deload) -> SetSuggestion:
    """One muscle group's suggestion by the table of the module docstring."""
    found = last_week.muscles[muscle]
    sets, stimulus, fatigue = found.hard_sets, found.mean_stimulus, found.mean_fatigue
    trend = mean_trend_pct(found.exercise_ids, last_week, previous_weeks)
    mev, mrv = (bounds.mev, bounds.mrv) if bounds else (0.0, math.inf)
    tired = fatigue is not None and fatigue >= HIGH_FATIGUE
    fell = trend is not None and trend < -E1RM_FALL_PCT
    reasons: list[str] = []
    held = False
    if bounds is None:
        reasons.append(f"No volume landmarks for {muscle}: no MEV floor or MRV cap applies.")
    if deload:
        target = sets / 2
        reasons.append(f"Deload week: half of last week's {sets:g} sets.")
    elif tired or fell:
        cut = 2 if (fatigue is not None and fatigue >= VERY_HIGH_FATIGUE) or (tired and fell) else 1
        target = min(sets, max(mev, sets - cut))
        if tired:
            reasons.append(f"Fatigue was high last week ({_rating(fatigue)}).")
        if fell:
            reasons.append(f"Performance fell: {_trend_words(trend)} against the week before.")
        if target > sets - cut:
            reasons.append(f"The cut stops at your minimum effective volume of {mev:g} sets.")
    elif (
        stimulus is not None
        and fatigue is not None
        and stimulus <= LOW_RATING
        and fatigue <= LOW_RATING
        and (trend is None or trend >= -E1RM_HOLD_PCT)
    ):
        add = 2 if stimulus <= VERY_LOW_RATING and fatigue <= VERY_LOW_RATING else 1
        reasons.append(
            f"Stimulus ({_rating(stimulus)}) and fatigue ({_rating(fatigue)}) were low last "
            f"week and {_trend_words(trend)}: room for {add} more set{'s' * (add > 1)}."
        )
        if readiness is not None and readiness.hold_added_volume:
            target, held = sets, True
            reasons.append("The added sets are held back until you have recovered:")
            reasons.extend(readiness.reasons)
        else:
            target = sets + add
    else:
        target = sets
        if stimulus is None or fatigue is None:
            reasons.append("Stimulus and fatigue were not both rated last week: sets stay.")
        else:
            reasons.append(
                f"Stimulus ({_rating(stimulus)}) and fatigue ({_rating(fatigue)}) were average "
                f"and {_trend_words(trend)}: sets stay."
            )
    if target > mrv:
        target = mrv
        reasons.append(f"The suggestion stops at your maximum recoverable volume of {mrv:g} sets.")
    action = "deload" if deload else "add" if target > sets else "cut" if target < sets else "hold"
    return SetSuggestion(
        muscle=muscle,
        last_sets=sets,
        suggested_sets=float(target),
        action=action,
        held_back=held,
        mean_stimulus=stimulus,
        mean_fatigue=fatigue,
        e1rm_change_pct=trend,
        reasons=tuple(reasons),
    )


def next_week_sets(
    last_week: MesocycleWeek,
    previous_weeks: Sequence[MesocycleWeek],
    landmarks: Mapping[str, VolumeLandmarks],
    readiness: Readiness | None,
    deload: bool = False,
) -> tuple[SetSuggestion, ...]:
    """Next week's sets of every muscle group trained last week (table: module docstring)."""
    return tuple(
        _suggest(
            muscle,
            last_week,
            previous_weeks,
            landmarks_for(muscle, landmarks),
            readiness,
            deload,
        )
        for muscle in sorted(last_week.muscles)
    )


def _trend_reason(values: list[float | None], label: str, change: float, scale: int, up: bool):
    """A sentence when the last TREND_WEEKS weekly means moved steadily by at least change."""
    present = [value for value in values[-TREND_WEEKS:] if value is not None]
    if len(present) < 2:
        return None
    pairs = list(zip(present, present[1:], strict=False))
    steady = all(b >= a for a, b in pairs) if up else all(b <= a for a, b in pairs)
    moved = (present[-1] - present[0]) * (1 if up else -1)
    if not steady or moved < change:
        return None
    path = ", ".join(f"{value:.1f}" for value in present[:-1]) + f" then {present[-1]:.1f}"
    return (
        f"{label} {'rose' if up else 'fell'} over the last {len(present)} weeks: "
        f"{path} (of {scale})."
    )


def _rir_drift_reason(weeks: Sequence[MesocycleWeek]) -> str | None:
    """A sentence when the last week reached failure while the main lifts' e1RM fell."""
    last = weeks[-1]
    if last.mean_rir is None or last.mean_rir > RIR_DRIFT:
        return None
    changes = [
        (last.exercises[key].exercise_name, pct)
        for key in main_lifts(weeks)
        if (pct := exercise_trend_pct(key, last, weeks[:-1])) is not None
    ]
    mean = mean_or_none(pct for _name, pct in changes)
    if mean is None or mean >= -E1RM_HOLD_PCT:
        return None
    listed = ", ".join(f"{name} {pct:+.1f}%" for name, pct in changes)
    return (
        f"Your RIR drifted to {last.mean_rir:.1f} in week {last.week} while your main lifts' "
        f"e1RM fell {-mean:.1f}% on average ({listed})."
    )


def deload_check(
    weeks: Sequence[MesocycleWeek],
    recovery: Sequence[DayRecovery],
    landmarks: Mapping[str, VolumeLandmarks],
) -> DeloadCheck:
    """Whether the block so far calls for a deload; each signal found becomes a reason.

    Signals: the last week's mean RIR at most RIR_DRIFT with the main lifts' e1RM falling
    more than E1RM_HOLD_PCT; a muscle's hard sets above its MRV in the last week; and, over
    the last TREND_WEEKS weeks, fatigue or stress rising or energy or motivation falling
    steadily. The first two flag on their own, the recovery ones from MIN_RECOVERY_SIGNALS.
    """
    if not weeks:
        return DeloadCheck(flagged=False, reasons=(), advice="")
    last = weeks[-1]
    strong = [_rir_drift_reason(weeks)]
    for muscle, found in last.muscles.items():
        bounds = landmarks_for(muscle, landmarks)
        if bounds is not None and found.hard_sets > bounds.mrv:
            strong.append(
                f"{muscle}: {found.hard_sets:g} hard sets in week {last.week}, above its "
                f"maximum recoverable volume of {bounds.mrv:g}."
            )
    fatigue = [week.mean_fatigue for week in weeks]
    days = MIN_RECOVERY_DAYS_PER_WEEK

    def daily(field: str) -> list[float | None]:
        return weekly_recovery_means(weeks, recovery, field, days)

    soft = [
        _trend_reason(fatigue, "Fatigue", FATIGUE_RISE, 5, up=True),
        _trend_reason(daily("stress"), "Stress", WELLBEING_CHANGE, 10, up=True),
        _trend_reason(daily("energy"), "Energy", WELLBEING_CHANGE, 10, up=False),
        _trend_reason(daily("motivation"), "Motivation", WELLBEING_CHANGE, 10, up=False),
    ]
    strong_found = [reason for reason in strong if reason]
    soft_found = [reason for reason in soft if reason]
    flagged = bool(strong_found) or len(soft_found) >= MIN_RECOVERY_SIGNALS
    return DeloadCheck(
        flagged=flagged,
        reasons=tuple(strong_found + soft_found),
        advice=DELOAD_ADVICE if flagged else "",
    )


def _best_e1rms(lines: Iterable[TrainingLine], formula: str) -> dict[int, float]:
    """Each exercise's best e1RM over the lines."""
    best: dict[int, float] = {}
    for line in lines:
        value = line_e1rm(line, formula)
        if value is not None and value > best.get(line.exercise_id, 0.0):
            best[line.exercise_id] = value
    return best


def retrospective(
    lines: Iterable[TrainingLine],
    recovery: Sequence[DayRecovery],
    mesocycles: Iterable[str],
    formula: str = "brzycki",
) -> tuple[BlockSummary, ...]:
    """Finished blocks side by side, oldest first; blocks without lines are left out.

    Main lifts: main_lifts(weeks) with their e1RM change. Sets per week: the block's hard
    sets per muscle over its weeks. A PR is an exercise whose best e1RM in the block beats its
    best before the block's first day (an exercise new in the block has nothing to beat).
    Recovery means are over the block's weeks, first session's day to the last week's end.
    """
    lines = list(lines)
    summaries = []
    for name in mesocycles:
        weeks = mesocycle_weeks(lines, name, formula=formula)
        if not weeks:
            continue
        start, end = weeks[0].start, weeks[-1].end
        changes = {change.exercise_id: change for change in e1rm_change(weeks)}
        totals: dict[str, float] = defaultdict(float)
        for week in weeks:
            for muscle, found in week.muscles.items():
                totals[muscle] += found.hard_sets
        before = _best_e1rms((line for line in lines if line.day < start), formula)
        during = _best_e1rms((line for line in lines if line.mesocycle == name), formula)
        prs = sum(
            1
            for key, best in during.items()
            if key in before and round(best, TIE_DECIMALS) > round(before[key], TIE_DECIMALS)
        )
        days = [row for row in recovery if start <= row.day <= end]
        summaries.append(
            BlockSummary(
                mesocycle=name,
                start=start,
                end=end,
                weeks=len(weeks),
                main_lifts=tuple(changes[key] for key in main_lifts(weeks) if key in changes),
                sets_per_week={muscle: totals[muscle] / len(weeks) for muscle in sorted(totals)},
                pr_count=prs,
                mean_sleep_h=mean_or_none(row.sleep_hours for row in days),
                mean_stress=mean_or_none(row.stress for row in days),
                mean_energy=mean_or_none(row.energy for row in days),
            )
        )
    return tuple(sorted(summaries, key=lambda summary: (summary.start, summary.mesocycle)))
