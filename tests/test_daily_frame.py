"""The daily frame the insights read: one row per calendar day, a column per series."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard_app.analytics.daily_series import SERIES, build_daily_frame
from dashboard_app.analytics.insights import compute_insights
from tests.insight_frames import START, D, at, entry, line


def test_frame_spans_every_day_with_nan_for_missing_and_zero_only_for_training_flags():
    frame = build_daily_frame(
        [entry(D(2024, 1, 1), energy_level=6, weight=80.0), entry(D(2024, 1, 5), stress_level=3)],
        [line(D(2024, 1, 3))],
    )
    assert list(frame.columns) == list(SERIES)
    assert (frame.dtypes == "float64").all()
    assert list(frame.index) == list(pd.date_range("2024-01-01", "2024-01-05", freq="D"))
    gap = at(frame, D(2024, 1, 2))
    assert gap["trained"] == 0.0 and gap["trained_legs"] == 0.0
    assert gap.drop(["trained", "trained_legs"]).isna().all()
    assert at(frame, D(2024, 1, 1))["energy"] == 6.0
    assert np.isnan(at(frame, D(2024, 1, 1))["stress"])
    assert at(frame, D(2024, 1, 3))["trained"] == 1.0
    assert np.isnan(at(frame, D(2024, 1, 3))["energy"])


def test_frame_starts_at_the_first_line_even_a_warm_up():
    frame = build_daily_frame(
        [entry(D(2024, 1, 5), energy_level=6)], [line(D(2024, 1, 2), is_warmup=True)]
    )
    assert frame.index[0] == pd.Timestamp("2024-01-02") and len(frame) == 4
    assert frame["trained"].tolist() == [0.0, 0.0, 0.0, 0.0]


def test_empty_inputs_give_an_empty_frame_with_every_column():
    frame = build_daily_frame([], [])
    assert frame.empty and list(frame.columns) == list(SERIES)
    assert isinstance(frame.index, pd.DatetimeIndex)
    assert compute_insights(frame) == []


def test_a_frame_of_a_single_day_gives_no_insight():
    frame = build_daily_frame([entry(START, energy_level=6, stress_level=3)], [line(START)])
    assert len(frame) == 1
    assert compute_insights(frame, min_days=1) == []


@pytest.mark.parametrize(
    ("start", "end", "bedtime", "wake_time", "hours"),
    [
        (dt.datetime(2024, 3, 9, 23, 30), dt.datetime(2024, 3, 10, 7, 15), -0.5, 7.25, 7.75),
        (dt.datetime(2024, 3, 10, 0, 45), dt.datetime(2024, 3, 10, 8, 0), 0.75, 8.0, 7.25),
        (dt.datetime(2024, 3, 9, 21, 0), dt.datetime(2024, 3, 10, 5, 30), -3.0, 5.5, 8.5),
        (dt.datetime(2024, 3, 10, 0, 0), dt.datetime(2024, 3, 10, 6, 0), 0.0, 6.0, 6.0),
    ],
)
def test_bedtime_is_hours_from_the_nights_midnight(start, end, bedtime, wake_time, hours):
    frame = build_daily_frame([entry(D(2024, 3, 10), sleep_start=start, sleep_end=end)], [])
    row = at(frame, D(2024, 3, 10))
    assert row["bedtime"] == pytest.approx(bedtime)
    assert row["wake_time"] == pytest.approx(wake_time)
    assert row["sleep_hours"] == pytest.approx(hours)


def test_half_a_night_gives_its_own_time_and_no_duration():
    frame = build_daily_frame(
        [
            entry(D(2024, 3, 10), sleep_start=dt.datetime(2024, 3, 9, 22, 0)),
            entry(D(2024, 3, 11), sleep_end=dt.datetime(2024, 3, 11, 6, 30)),
        ],
        [],
    )
    assert frame["bedtime"].tolist()[0] == -2.0 and np.isnan(frame["bedtime"].iloc[1])
    assert np.isnan(frame["wake_time"].iloc[0]) and frame["wake_time"].iloc[1] == 6.5
    assert frame["sleep_hours"].isna().all()


def test_weight_change_7d_needs_both_mornings():
    daily = [
        entry(START, weight=80.0),
        entry(START + dt.timedelta(days=7), weight=79.2),
        entry(START + dt.timedelta(days=8), weight=79.0),
        entry(START + dt.timedelta(days=9), weight=78.8),
        entry(START + dt.timedelta(days=2), weight=80.4),
    ]
    change = build_daily_frame(daily, [])["weight_change_7d"]
    assert change.iloc[7] == pytest.approx(-0.8)
    assert np.isnan(change.iloc[8])  # day 1 was not weighed
    assert change.iloc[9] == pytest.approx(78.8 - 80.4)
    assert change.iloc[:7].isna().all() and change.notna().sum() == 2


def test_warm_ups_count_in_no_series():
    lines = [
        line(START, 1, is_warmup=True, muscle_group="Quadriceps", rir=5, session_minutes=20),
        line(START + dt.timedelta(days=1), 2, is_warmup=True, sets=2, reps=5, load_kg=40.0),
        line(START + dt.timedelta(days=1), 2, sets=3, reps=5, load_kg=100.0, rir=2),
        line(START + dt.timedelta(days=1), 2, is_warmup=True, muscle_group="Glutes", rir=8),
    ]
    frame = build_daily_frame([], lines)
    warm_only = frame.iloc[0]
    assert warm_only["trained"] == 0.0 and warm_only["trained_legs"] == 0.0
    assert warm_only[["sets", "volume", "mean_rir", "session_minutes"]].isna().all()
    mixed = frame.iloc[1]
    assert mixed["trained"] == 1.0 and mixed["trained_legs"] == 0.0
    assert mixed["sets"] == 3.0 and mixed["volume"] == 1500.0 and mixed["mean_rir"] == 2.0


@pytest.mark.parametrize(
    ("muscle", "legs"),
    [
        ("Quadriceps", 1.0),
        ("Hamstrings", 1.0),
        ("Glutes", 1.0),
        ("Calves", 1.0),
        ("Adductors", 1.0),
        ("Abductors", 1.0),
        ("Lower Back", 0.0),
        ("Chest", 0.0),
        ("Abdominals", 0.0),
        (None, 0.0),
    ],
)
def test_trained_legs_follows_the_leg_muscles(muscle, legs):
    frame = build_daily_frame([], [line(START, muscle_group=muscle)])
    assert frame["trained_legs"].iloc[0] == legs and frame["trained"].iloc[0] == 1.0


def test_sets_volume_and_set_weighted_means():
    lines = [
        line(START, 1, sets=4, reps=8, load_kg=100.0, rir=1, stimulus=4, fatigue_level=2),
        line(START, 1, sets=1, reps=12, load_kg=20.0, rir=3, stimulus=None, fatigue_level=5),
        line(START, 1, sets=2, reps=10, load_kg=0.0, rir=None, stimulus=2),
        line(START, 2, sets=3, reps=5, load_kg=None),
    ]
    row = build_daily_frame([], lines).iloc[0]
    assert row["sets"] == 10.0
    assert row["volume"] == 4 * 8 * 100 + 12 * 20
    assert row["mean_rir"] == pytest.approx((4 * 1 + 1 * 3) / 5)
    assert row["mean_stimulus"] == pytest.approx((4 * 4 + 2 * 2) / 6)
    assert row["mean_fatigue"] == pytest.approx((4 * 2 + 1 * 5) / 5)


def test_rest_days_have_no_sets_volume_or_means():
    frame = build_daily_frame([entry(START)], [line(START + dt.timedelta(days=2), rir=2)])
    rest = frame.iloc[:2]
    assert rest[["sets", "volume", "mean_rir", "session_minutes"]].isna().all().all()
    assert rest["trained"].tolist() == [0.0, 0.0]


def test_session_minutes_add_up_distinct_sessions_and_unknown_spoils_the_day():
    day2, day3 = START + dt.timedelta(days=1), START + dt.timedelta(days=2)
    lines = [
        line(START, 1, session_minutes=60),
        line(START, 1, session_minutes=60),
        line(START, 1, session_minutes=60),
        line(START, 2, session_minutes=45),
        line(START, 3, session_minutes=30, is_warmup=True),  # a warm-up-only session
        line(day2, 4, session_minutes=50),
        line(day2, 5, session_minutes=None),
        line(day3, 6, session_minutes=None),
    ]
    minutes = build_daily_frame([], lines)["session_minutes"]
    assert minutes.iloc[0] == 105.0
    assert np.isnan(minutes.iloc[1]) and np.isnan(minutes.iloc[2])


def test_a_frame_of_lines_only_has_no_daily_values():
    frame = build_daily_frame([], [line(START), line(START + dt.timedelta(days=3))])
    daily_keys = ["sleep_hours", "bedtime", "stress", "energy", "weight", "weight_change_7d"]
    assert frame[daily_keys + ["calories", "fibre"]].isna().all().all()
    assert frame["trained"].tolist() == [1.0, 0.0, 0.0, 1.0]


def test_a_date_given_twice_keeps_its_last_row():
    frame = build_daily_frame([entry(START, energy_level=3), entry(START, energy_level=8)], [])
    assert frame["energy"].tolist() == [8.0]


def test_daily_fields_map_to_their_series():
    row = entry(
        START,
        stress_level=2,
        energy_level=3,
        motivation_level=4,
        weight=81.5,
        calories=2400.0,
        protein=160.0,
        carbohydrate=250.0,
        fat=70.0,
        fibre=31.0,
    )
    got = build_daily_frame([row], []).iloc[0]
    expected = {
        "stress": 2,
        "energy": 3,
        "motivation": 4,
        "weight": 81.5,
        "calories": 2400,
        "protein": 160,
        "carbohydrate": 250,
        "fat": 70,
        "fibre": 31,
    }
    assert {key: got[key] for key in expected} == expected


def test_steps_and_active_minutes_come_from_the_tracker_fields_and_stay_unknown_without():
    frame = build_daily_frame(
        [
            entry(START, steps=10735, active_minutes=257),
            entry(START + dt.timedelta(days=2), steps=0, active_minutes=0),
        ],
        [],
    )
    assert frame["steps"].tolist()[0::2] == [10735.0, 0.0]
    assert frame["active_minutes"].tolist()[0::2] == [257.0, 0.0]
    assert frame[["steps", "active_minutes"]].iloc[1].isna().all()


def test_sleep_hours_come_from_minutes_asleep_only_without_both_clock_times():
    night = {
        "sleep_start": dt.datetime(2024, 3, 9, 23, 0),
        "sleep_end": dt.datetime(2024, 3, 10, 7, 0),
    }
    frame = build_daily_frame(
        [
            entry(D(2024, 3, 10), sleep_minutes=300, **night),  # the clock times win
            entry(D(2024, 3, 11), sleep_minutes=384),  # a tracker's total alone
            entry(D(2024, 3, 12), sleep_minutes=0),  # nothing measured
            entry(D(2024, 3, 13), sleep_start=dt.datetime(2024, 3, 12, 22, 0), sleep_minutes=420),
            entry(D(2024, 3, 14), stress_level=3),
        ],
        [],
    )
    hours = frame["sleep_hours"].tolist()
    assert hours[:2] == [8.0, pytest.approx(6.4)] and hours[3] == 7.0
    assert np.isnan(hours[2]) and np.isnan(hours[4])
    # Minutes asleep say nothing of when the night began or ended.
    assert np.isnan(frame["bedtime"].iloc[1]) and np.isnan(frame["wake_time"].iloc[1])
    assert frame["bedtime"].iloc[3] == -2.0
