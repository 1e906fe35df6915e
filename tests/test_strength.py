"""Strength analytics: Brzycki (default) and Epley e1RM and the per-exercise summary."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from dashboard_app.analytics.strength import (
    BestSet,
    ExerciseHistory,
    estimated_one_rep_max,
    summarise_exercise_history,
)

D = dt.date
FORMULAS = ["brzycki", "epley"]


def line(
    day: dt.date,
    session_id: int,
    sets: int,
    reps: int,
    load_kg: float,
    is_warmup: bool | None = None,
) -> dict:
    """One logged line as the service hands it over; is_warmup only when given."""
    item = {"date": day, "session_id": session_id, "sets": sets, "reps": reps, "load_kg": load_kg}
    if is_warmup is not None:
        item["is_warmup"] = is_warmup
    return item


# Brzycki by hand: load * 36 / (37 - reps), one rep is the load.
@pytest.mark.parametrize(
    ("load", "reps", "expected"),
    [
        (100.0, 1, 100.0),
        (100.0, 2, 102.86),  # 3600 / 35 = 102.857
        (100.0, 5, 112.5),  # 3600 / 32
        (100.0, 10, 133.33),  # 3600 / 27 = 133.333
        (100.0, 12, 144.0),  # 3600 / 25
        (120.0, 3, 127.06),  # 4320 / 34 = 127.059
        (80.0, 8, 99.31),  # 2880 / 29 = 99.310
        (62.5, 6, 72.58),  # 2250 / 31 = 72.581
        (0.0, 8, 0.0),
        (0.0, 1, 0.0),
    ],
)
def test_brzycki_values(load, reps, expected):
    assert estimated_one_rep_max(load, reps, formula="brzycki") == pytest.approx(
        expected, abs=0.005
    )


# Epley by hand: load * (1 + reps / 30), one rep is the load.
@pytest.mark.parametrize(
    ("load", "reps", "expected"),
    [
        (100.0, 5, 116.67),
        (100.0, 1, 100.0),
        (100.0, 2, 106.67),
        (80.0, 10, 106.67),
        (100.0, 12, 140.0),
        (0.0, 8, 0.0),
        (0.0, 1, 0.0),
    ],
)
def test_epley_values(load, reps, expected):
    assert estimated_one_rep_max(load, reps, formula="epley") == pytest.approx(expected, abs=0.005)


def test_brzycki_is_the_default():
    assert estimated_one_rep_max(100.0, 5) == pytest.approx(112.5, abs=0.005)
    assert estimated_one_rep_max(100.0, 10) == pytest.approx(133.33, abs=0.005)


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("load", [142.5, 61.7, 0.0])
def test_single_rep_is_exactly_the_load(formula, load):
    # 61.7 * 36 / 36 and 61.7 * (1 + 1 / 30) are both not 61.7 as floats.
    value = estimated_one_rep_max(load, 1, formula=formula)
    assert value == load
    assert type(value) is float
    assert type(estimated_one_rep_max(100, 5, formula=formula)) is float


@pytest.mark.parametrize("formula", FORMULAS)
def test_twelve_reps_are_rated_thirteen_are_not(formula):
    twelve = {"brzycki": 144.0, "epley": 140.0}[formula]  # 3600 / 25; 100 * 1.4
    assert estimated_one_rep_max(100.0, 12, formula=formula) == pytest.approx(twelve, abs=0.005)
    assert estimated_one_rep_max(100.0, 13, formula=formula) is None


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize(
    ("load", "reps"),
    # 37 reps would divide by zero in Brzycki's formula, more would give a negative e1RM.
    [(60.0, 30), (100.0, 13), (100.0, 20), (100.0, 36), (100.0, 37), (100.0, 38), (0.0, 13)],
)
def test_more_than_twelve_reps_have_no_e1rm(formula, load, reps):
    assert estimated_one_rep_max(load, reps, formula=formula) is None


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize(
    ("load", "reps"),
    [(100.0, 0), (100.0, -3), (-0.5, 5), (-100.0, 1), (float("nan"), 5), (float("inf"), 5)],
)
def test_bad_input_raises(formula, load, reps):
    with pytest.raises(ValueError):
        estimated_one_rep_max(load, reps, formula=formula)


@pytest.mark.parametrize("formula", ["wathan", "Brzycki", "EPLEY", "", None])
def test_unknown_formula_raises(formula):
    with pytest.raises(ValueError, match="formula"):
        estimated_one_rep_max(100.0, 5, formula=formula)
    with pytest.raises(ValueError, match="formula"):
        estimated_one_rep_max(100.0, 1, formula=formula)
    with pytest.raises(ValueError, match="formula"):
        summarise_exercise_history(hand_made_lines(), formula=formula)


def hand_made_lines() -> list[dict]:
    """Two sessions on one Monday, one on the Wednesday, one across the new year."""
    return [
        # Session 1, morning of Monday 2025-12-29.
        line(D(2025, 12, 29), 1, 3, 5, 100.0),  # Brzycki 3600/32 = 112.5, volume 1500
        line(D(2025, 12, 29), 1, 1, 1, 110.0),  # e1RM 110, volume 110
        # Session 2, evening of the same Monday: a better day best.
        line(D(2025, 12, 29), 2, 2, 3, 115.0),  # Brzycki 4140/34 = 121.765, volume 690
        # Session 3 on Sunday 2026-01-04: still the week of Monday 2025-12-29.
        line(D(2026, 1, 4), 3, 1, 1, 120.0),  # e1RM 120, volume 120
        # Session 4, Monday 2026-01-05: the next ISO week. Logged out of order on purpose.
        line(D(2026, 1, 5), 4, 2, 2, 115.0),  # Brzycki 4140/35 = 118.286, volume 460
        # Session 5, Friday 2025-12-26: the week before.
        line(D(2025, 12, 26), 5, 5, 5, 80.0),  # Brzycki 2880/32 = 90, volume 2000
    ]


HAND_MADE_WEEKS = [D(2025, 12, 22), D(2025, 12, 29), D(2026, 1, 5)]
HAND_MADE_VOLUMES = [2000.0, 1500.0 + 110.0 + 690.0 + 120.0, 460.0]
HAND_MADE_DAYS = [D(2025, 12, 26), D(2025, 12, 29), D(2026, 1, 4), D(2026, 1, 5)]
# Daily best e1RMs, by hand. Epley: 80 * 7/6, 115 * 1.1, 120, 115 * 16/15.
HAND_MADE_DAILY_E1RM = {
    "brzycki": [90.0, 121.765, 120.0, 118.286],
    "epley": [93.333, 126.5, 120.0, 122.667],
}


def test_summary_of_a_hand_made_history():
    history = summarise_exercise_history(hand_made_lines())
    assert history.sessions == 5
    assert history.lines == 6
    assert history.first_performed == D(2025, 12, 26)
    assert history.last_performed == D(2026, 1, 5)
    assert history.best_e1rm_kg == pytest.approx(4140 / 34)  # 121.765, 115 x 3


def test_summary_defaults_to_brzycki():
    lines = hand_made_lines()
    brzycki = summarise_exercise_history(lines, formula="brzycki")
    assert summarise_exercise_history(lines) == brzycki
    assert summarise_exercise_history(lines, formula="epley") != brzycki


@pytest.mark.parametrize("formula", FORMULAS)
def test_two_sessions_on_one_day_are_one_daily_e1rm_point(formula):
    history = summarise_exercise_history(hand_made_lines(), formula=formula)
    assert [day for day, _ in history.e1rm_by_day] == HAND_MADE_DAYS
    values = [value for _, value in history.e1rm_by_day]
    np.testing.assert_allclose(values, HAND_MADE_DAILY_E1RM[formula], atol=0.001)
    assert history.best_e1rm_kg == pytest.approx(max(HAND_MADE_DAILY_E1RM[formula]), abs=0.001)


@pytest.mark.parametrize("formula", FORMULAS)
def test_weekly_volume_is_bucketed_by_iso_week_across_the_new_year(formula):
    history = summarise_exercise_history(hand_made_lines(), formula=formula)
    assert [week for week, _ in history.weekly_volume] == HAND_MADE_WEEKS
    assert [volume for _, volume in history.weekly_volume] == pytest.approx(HAND_MADE_VOLUMES)
    assert all(week.weekday() == 0 for week, _ in history.weekly_volume)


MONDAY_115_X_3 = (D(2025, 12, 29), 3, 115.0)  # Brzycki 121.765, Epley 126.5
SUNDAY_120_X_1 = (D(2026, 1, 4), 1, 120.0)  # 120 in both
NEXT_MONDAY_115_X_2 = (D(2026, 1, 5), 2, 115.0)  # Brzycki 118.286, Epley 122.667


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("brzycki", [MONDAY_115_X_3, SUNDAY_120_X_1, NEXT_MONDAY_115_X_2]),
        ("epley", [MONDAY_115_X_3, NEXT_MONDAY_115_X_2, SUNDAY_120_X_1]),
    ],
)
def test_best_sets_are_ordered_by_e1rm(formula, expected):
    history = summarise_exercise_history(hand_made_lines(), best=3, formula=formula)
    assert [(s.date, s.reps, s.load_kg) for s in history.best_sets] == expected


def test_best_set_carries_its_line_and_brzycki_e1rm():
    history = summarise_exercise_history(hand_made_lines())
    assert history.best_sets[0] == BestSet(
        date=D(2025, 12, 29), sets=2, reps=3, load_kg=115.0, e1rm_kg=pytest.approx(4140 / 34)
    )
    assert [s.e1rm_kg for s in history.best_sets] == pytest.approx(
        [4140 / 34, 120.0, 4140 / 35, 112.5, 110.0]
    )


@pytest.mark.parametrize(
    ("formula", "lines"),
    [
        # Epley: 100 x 5 and 87.5 x 10 are both 116.67 kg, though as floats they differ in the
        # last bit.
        (
            "epley",
            [
                line(D(2026, 3, 2), 1, 3, 10, 87.5),
                line(D(2026, 3, 2), 1, 3, 5, 100.0),
                line(D(2026, 2, 23), 2, 1, 5, 100.0),
                line(D(2026, 3, 9), 3, 1, 1, 100.0),  # lower e1RM, newest: must come last
            ],
        ),
        # Brzycki: 96 x 5, 81 x 10 and 108 x 1 are all exactly 108 kg (3456/32, 2916/27).
        (
            "brzycki",
            [
                line(D(2026, 3, 2), 1, 3, 10, 81.0),
                line(D(2026, 3, 2), 1, 3, 5, 96.0),
                line(D(2026, 2, 23), 2, 1, 1, 108.0),
                line(D(2026, 3, 9), 3, 1, 1, 100.0),  # lower e1RM, newest: must come last
            ],
        ),
    ],
)
def test_best_set_ties_go_to_the_later_date_then_the_heavier_load(formula, lines):
    history = summarise_exercise_history(lines, formula=formula)
    loads = sorted({item["load_kg"] for item in lines[:2]}, reverse=True)
    assert [(s.date, s.load_kg) for s in history.best_sets] == [
        (D(2026, 3, 2), loads[0]),
        (D(2026, 3, 2), loads[1]),
        (D(2026, 2, 23), lines[2]["load_kg"]),
        (D(2026, 3, 9), 100.0),
    ]


def test_best_limits_the_number_of_best_sets():
    lines = hand_made_lines()
    assert len(summarise_exercise_history(lines).best_sets) == 5
    assert len(summarise_exercise_history(lines, best=10).best_sets) == 6
    assert summarise_exercise_history(lines, best=0).best_sets == ()
    with pytest.raises(ValueError):
        summarise_exercise_history(lines, best=-1)


@pytest.mark.parametrize("formula", FORMULAS)
def test_twelve_rep_lines_are_rated_and_thirteen_rep_lines_only_count_in_volume(formula):
    lines = [
        line(D(2026, 3, 2), 1, 3, 12, 100.0),  # rated; volume 3600
        line(D(2026, 3, 2), 1, 2, 13, 130.0),  # not rated, would be the best; volume 3380
        line(D(2026, 3, 4), 2, 1, 20, 150.0),  # not rated, its day's only line; volume 3000
        line(D(2026, 3, 10), 3, 1, 40, 50.0),  # not rated, next week; volume 2000
    ]
    twelve = {"brzycki": 144.0, "epley": 140.0}[formula]  # 100 * 36 / 25; 100 * 1.4
    history = summarise_exercise_history(lines, best=10, formula=formula)
    assert history.sessions == 3
    assert history.lines == 4
    assert history.first_performed == D(2026, 3, 2)
    assert history.last_performed == D(2026, 3, 10)
    assert history.best_e1rm_kg == pytest.approx(twelve)
    assert history.e1rm_by_day == ((D(2026, 3, 2), pytest.approx(twelve)),)
    assert history.best_sets == (
        BestSet(date=D(2026, 3, 2), sets=3, reps=12, load_kg=100.0, e1rm_kg=pytest.approx(twelve)),
    )
    assert history.weekly_volume == (
        (D(2026, 3, 2), pytest.approx(3600.0 + 3380.0 + 3000.0)),
        (D(2026, 3, 9), pytest.approx(2000.0)),
    )


def hand_made_lines_with_warmups() -> list[dict]:
    """The hand-made history with two warm-ups that would be its best sets if rated."""
    return [
        *hand_made_lines(),
        # In session 4 (week of 2026-01-05): 140 x 1 would be the best e1RM. Volume 140.
        line(D(2026, 1, 5), 4, 1, 1, 140.0, is_warmup=True),
        # Saturday 2025-12-20, the only line of its day and its week. Volume 2 x 5 x 130 = 1300.
        line(D(2025, 12, 20), 6, 2, 5, 130.0, is_warmup=True),
    ]


@pytest.mark.parametrize("formula", FORMULAS)
def test_warmups_get_no_e1rm_are_never_best_sets_and_add_no_volume(formula):
    history = summarise_exercise_history(hand_made_lines_with_warmups(), best=10, formula=formula)
    assert history.sessions == 6
    assert history.lines == 8
    assert history.first_performed == D(2025, 12, 20)
    assert history.last_performed == D(2026, 1, 5)
    assert [day for day, _ in history.e1rm_by_day] == HAND_MADE_DAYS
    np.testing.assert_allclose(
        [value for _, value in history.e1rm_by_day], HAND_MADE_DAILY_E1RM[formula], atol=0.001
    )
    assert history.best_e1rm_kg == pytest.approx(max(HAND_MADE_DAILY_E1RM[formula]), abs=0.001)
    assert len(history.best_sets) == 6
    assert 140.0 not in [s.load_kg for s in history.best_sets]
    assert D(2025, 12, 20) not in [s.date for s in history.best_sets]
    assert [week for week, _ in history.weekly_volume] == [D(2025, 12, 15), *HAND_MADE_WEEKS]
    assert [volume for _, volume in history.weekly_volume] == pytest.approx(
        [0.0, HAND_MADE_VOLUMES[0], HAND_MADE_VOLUMES[1], HAND_MADE_VOLUMES[2]]
    )


@pytest.mark.parametrize(
    ("is_warmup", "best_e1rm"),
    [(None, 140.0), (False, 140.0), (True, 4140 / 34)],
)
def test_only_a_true_warmup_flag_takes_a_line_out_of_the_e1rm(is_warmup, best_e1rm):
    lines = [*hand_made_lines(), line(D(2026, 1, 5), 4, 1, 1, 140.0, is_warmup=is_warmup)]
    history = summarise_exercise_history(lines)
    assert history.best_e1rm_kg == pytest.approx(best_e1rm)
    assert (history.best_sets[0].load_kg == 140.0) is (is_warmup is not True)


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_history_of_only_unrated_lines_has_no_e1rm_but_its_counts(formula):
    lines = [
        line(D(2026, 2, 27), 7, 1, 15, 60.0),  # Friday, week of 2026-02-23; volume 900
        line(D(2026, 3, 2), 8, 2, 5, 100.0, is_warmup=True),  # volume 1000
        line(D(2026, 3, 2), 8, 3, 13, 80.0),  # volume 3120
        line(D(2026, 3, 8), 9, 1, 1, 140.0, is_warmup=True),  # Sunday; volume 140
    ]
    history = summarise_exercise_history(lines, formula=formula)
    assert history == ExerciseHistory(
        sessions=3,
        lines=4,
        first_performed=D(2026, 2, 27),
        last_performed=D(2026, 3, 8),
        e1rm_by_day=(),
        best_sets=(),
        weekly_volume=(
            (D(2026, 2, 23), pytest.approx(900.0)),
            (D(2026, 3, 2), pytest.approx(3120.0)),  # the warm-ups add nothing
        ),
        best_e1rm_kg=None,
    )


def test_results_are_plain_python_values_and_frozen():
    history = summarise_exercise_history(hand_made_lines())
    day, value = history.e1rm_by_day[0]
    assert type(day) is dt.date and type(value) is float
    week, volume = history.weekly_volume[0]
    assert type(week) is dt.date and type(volume) is float
    best = history.best_sets[0]
    assert (type(best.sets), type(best.reps), type(best.load_kg)) == (int, int, float)
    assert type(best.e1rm_kg) is float and type(best.date) is dt.date
    assert type(history.sessions) is int and type(history.best_e1rm_kg) is float
    with pytest.raises(dataclasses.FrozenInstanceError):
        history.sessions = 3  # type: ignore[misc]


@pytest.mark.parametrize("formula", FORMULAS)
def test_input_order_does_not_change_the_result(formula):
    lines = hand_made_lines_with_warmups()
    assert summarise_exercise_history(lines, formula=formula) == summarise_exercise_history(
        lines[::-1], formula=formula
    )


def test_empty_input():
    assert summarise_exercise_history([]) == ExerciseHistory(
        sessions=0,
        lines=0,
        first_performed=None,
        last_performed=None,
        e1rm_by_day=(),
        best_sets=(),
        weekly_volume=(),
        best_e1rm_kg=None,
    )


@pytest.mark.parametrize(
    "bad", [{"reps": 0}, {"sets": 0}, {"load_kg": -1.0}, {"load_kg": float("nan")}]
)
def test_impossible_lines_raise(bad):
    lines = hand_made_lines()
    lines[2] = {**lines[2], **bad}
    with pytest.raises(ValueError):
        summarise_exercise_history(lines)


def test_thirty_thousand_lines_give_the_right_counts():
    """A long history, checked against sums and maxima computed line by line in Python."""
    rng = np.random.default_rng(0)
    start = D(2015, 1, 1)
    count = 30_000
    lines = [
        # Eight lines a day in two sessions of four; every tenth line a warm-up; up to 15 reps.
        line(start + dt.timedelta(days=i // 8), i // 4, int(sets), int(reps), float(load), warmup)
        for i, (sets, reps, load, warmup) in enumerate(
            zip(
                rng.integers(1, 6, count),
                rng.integers(1, 16, count),
                rng.choice([40.0, 60.0, 62.5, 80.0, 100.0], count),
                [i % 10 == 0 for i in range(count)],
                strict=True,
            )
        )
    ]
    volume_by_week: dict[dt.date, float] = {}
    e1rm_by_day: dict[dt.date, float] = {}
    heaviest_twelves = []  # the 100 kg x 12 rated lines: 3600 / 25 = 144 kg, the most possible
    for item in lines:
        day, sets, reps, load = item["date"], item["sets"], item["reps"], item["load_kg"]
        week = day - dt.timedelta(days=day.weekday())
        working = 0.0 if item["is_warmup"] else sets * reps * load
        volume_by_week[week] = volume_by_week.get(week, 0.0) + working
        if item["is_warmup"] or reps > 12:
            continue
        e1rm = load if reps == 1 else load * 36 / (37 - reps)
        e1rm_by_day[day] = max(e1rm_by_day.get(day, 0.0), e1rm)
        if (load, reps) == (100.0, 12):
            heaviest_twelves.append((day, sets))

    history = summarise_exercise_history(lines)

    assert history.lines == 30_000
    assert history.sessions == 7_500
    assert history.first_performed == start
    assert history.last_performed == start + dt.timedelta(days=3_749)
    weeks = sorted(volume_by_week)
    assert [week for week, _ in history.weekly_volume] == weeks
    assert [volume for _, volume in history.weekly_volume] == pytest.approx(
        [volume_by_week[week] for week in weeks]
    )
    assert sum(volume for _, volume in history.weekly_volume) == pytest.approx(
        sum(i["sets"] * i["reps"] * i["load_kg"] for i in lines if not i["is_warmup"])
    )
    assert [day for day, _ in history.e1rm_by_day] == sorted(e1rm_by_day)
    assert dict(history.e1rm_by_day) == pytest.approx(e1rm_by_day)
    assert len(heaviest_twelves) >= 5
    assert history.best_e1rm_kg == pytest.approx(144.0)
    assert [(s.date, s.sets, s.reps, s.load_kg) for s in history.best_sets] == [
        (day, sets, 12, 100.0) for day, sets in sorted(heaviest_twelves, reverse=True)[:5]
    ]
