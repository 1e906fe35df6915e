"""Strength analytics: Epley e1RM and the per-exercise summary, plain data in and out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import numpy as np
import pytest

from dashboard_app.analytics.strength import (
    BestSet,
    ExerciseHistory,
    estimated_one_rep_max,
    summarise_exercise_history,
)

D = dt.date


def line(day: dt.date, session_id: int, sets: int, reps: int, load_kg: float) -> dict:
    """One logged line as the service hands it over."""
    return {"date": day, "session_id": session_id, "sets": sets, "reps": reps, "load_kg": load_kg}


@pytest.mark.parametrize(
    ("load", "reps", "expected"),
    [
        (100.0, 5, 116.67),
        (100.0, 1, 100.0),
        (100.0, 2, 106.67),
        (80.0, 10, 106.67),
        (60.0, 30, 120.0),
        (0.0, 8, 0.0),
        (0.0, 1, 0.0),
    ],
)
def test_epley_values(load, reps, expected):
    assert estimated_one_rep_max(load, reps) == pytest.approx(expected, abs=0.005)


def test_single_rep_is_exactly_the_load_not_one_thirtieth_more():
    assert estimated_one_rep_max(142.5, 1) == 142.5
    assert isinstance(estimated_one_rep_max(100, 5), float)


@pytest.mark.parametrize(
    ("load", "reps"),
    [(100.0, 0), (100.0, -3), (-0.5, 5), (-100.0, 1), (float("nan"), 5), (float("inf"), 5)],
)
def test_bad_input_raises(load, reps):
    with pytest.raises(ValueError):
        estimated_one_rep_max(load, reps)


def hand_made_lines() -> list[dict]:
    """Two sessions on one Monday, one on the Wednesday, one across the new year."""
    return [
        # Session 1, morning of Monday 2025-12-29.
        line(D(2025, 12, 29), 1, 3, 5, 100.0),  # e1RM 116.67, volume 1500
        line(D(2025, 12, 29), 1, 1, 1, 110.0),  # e1RM 110, volume 110
        # Session 2, evening of the same Monday: a better day best.
        line(D(2025, 12, 29), 2, 2, 3, 115.0),  # e1RM 126.5, volume 690
        # Session 3 on Sunday 2026-01-04: still the week of Monday 2025-12-29.
        line(D(2026, 1, 4), 3, 1, 1, 120.0),  # e1RM 120, volume 120
        # Session 4, Monday 2026-01-05: the next ISO week. Logged out of order on purpose.
        line(D(2026, 1, 5), 4, 2, 2, 115.0),  # e1RM 122.67, volume 460
        # Session 5, Friday 2025-12-26: the week before.
        line(D(2025, 12, 26), 5, 5, 5, 80.0),  # e1RM 93.33, volume 2000
    ]


def test_summary_of_a_hand_made_history():
    history = summarise_exercise_history(hand_made_lines())
    assert history.sessions == 5
    assert history.lines == 6
    assert history.first_performed == D(2025, 12, 26)
    assert history.last_performed == D(2026, 1, 5)
    assert history.best_e1rm_kg == pytest.approx(126.5)


def test_two_sessions_on_one_day_are_one_daily_e1rm_point():
    history = summarise_exercise_history(hand_made_lines())
    days = [day for day, _ in history.e1rm_by_day]
    assert days == [D(2025, 12, 26), D(2025, 12, 29), D(2026, 1, 4), D(2026, 1, 5)]
    values = [value for _, value in history.e1rm_by_day]
    np.testing.assert_allclose(values, [93.333, 126.5, 120.0, 122.667], atol=0.001)


def test_weekly_volume_is_bucketed_by_iso_week_across_the_new_year():
    history = summarise_exercise_history(hand_made_lines())
    assert [week for week, _ in history.weekly_volume] == [
        D(2025, 12, 22),
        D(2025, 12, 29),
        D(2026, 1, 5),
    ]
    assert [volume for _, volume in history.weekly_volume] == pytest.approx(
        [2000.0, 1500.0 + 110.0 + 690.0 + 120.0, 460.0]
    )
    assert all(week.weekday() == 0 for week, _ in history.weekly_volume)


def test_best_sets_are_ordered_by_e1rm():
    history = summarise_exercise_history(hand_made_lines(), best=3)
    assert [(s.date, s.reps, s.load_kg) for s in history.best_sets] == [
        (D(2025, 12, 29), 3, 115.0),
        (D(2026, 1, 5), 2, 115.0),
        (D(2026, 1, 4), 1, 120.0),
    ]
    first = history.best_sets[0]
    assert first == BestSet(
        date=D(2025, 12, 29), sets=2, reps=3, load_kg=115.0, e1rm_kg=pytest.approx(126.5)
    )


def test_best_set_ties_go_to_the_later_date_then_the_heavier_load():
    # 100 x 5 and 87.5 x 10 are both 116.67 kg, though as floats they differ in the last bit.
    lines = [
        line(D(2026, 3, 2), 1, 3, 10, 87.5),
        line(D(2026, 3, 2), 1, 3, 5, 100.0),
        line(D(2026, 2, 23), 2, 1, 5, 100.0),
        line(D(2026, 3, 9), 3, 1, 1, 100.0),  # lower e1RM, newest: must come last
    ]
    history = summarise_exercise_history(lines)
    assert [(s.date, s.load_kg) for s in history.best_sets] == [
        (D(2026, 3, 2), 100.0),
        (D(2026, 3, 2), 87.5),
        (D(2026, 2, 23), 100.0),
        (D(2026, 3, 9), 100.0),
    ]


def test_best_limits_the_number_of_best_sets():
    lines = hand_made_lines()
    assert len(summarise_exercise_history(lines).best_sets) == 5
    assert len(summarise_exercise_history(lines, best=10).best_sets) == 6
    assert summarise_exercise_history(lines, best=0).best_sets == ()
    with pytest.raises(ValueError):
        summarise_exercise_history(lines, best=-1)


def test_results_are_plain_python_values_and_frozen():
    history = summarise_exercise_history(hand_made_lines())
    day, value = history.e1rm_by_day[0]
    assert type(day) is dt.date and type(value) is float
    best = history.best_sets[0]
    assert (type(best.sets), type(best.reps), type(best.load_kg)) == (int, int, float)
    assert type(history.sessions) is int and type(history.best_e1rm_kg) is float
    with pytest.raises(dataclasses.FrozenInstanceError):
        history.sessions = 3  # type: ignore[misc]


def test_input_order_does_not_change_the_result():
    lines = hand_made_lines()
    assert summarise_exercise_history(lines) == summarise_exercise_history(lines[::-1])


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


def test_thirty_thousand_lines_are_summarised_quickly():
    rng = np.random.default_rng(0)
    start = D(2015, 1, 1)
    lines = [
        line(start + dt.timedelta(days=i // 8), i // 4, int(sets), int(reps), float(load))
        for i, (sets, reps, load) in enumerate(
            zip(
                rng.integers(1, 6, 30_000),
                rng.integers(1, 13, 30_000),
                rng.choice([40.0, 60.0, 62.5, 80.0, 100.0], 30_000),
                strict=True,
            )
        )
    ]
    started = time.perf_counter()
    history = summarise_exercise_history(lines)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0
    assert history.lines == 30_000
    assert history.sessions == 7_500
    assert len(history.e1rm_by_day) == 3_750
    assert history.best_e1rm_kg == pytest.approx(140.0)
    assert sum(volume for _, volume in history.weekly_volume) == pytest.approx(
        sum(item["sets"] * item["reps"] * item["load_kg"] for item in lines)
    )
