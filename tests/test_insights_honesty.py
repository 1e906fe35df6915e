"""The insights on data that drifts like real self-tracking: few false findings, real ones found.

Planted users: every series independent of every other by construction but drifting as real
logs do (random walks, AR(1) with coefficients 0.9-0.98, linear trends, weekly cycles), with
training on a weekly schedule that changes between blocks and days left unlogged. Then the
same users with true effects planted: same day and next day, of moderate strength.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from dashboard_app.analytics.daily_series import SERIES, build_daily_frame
from dashboard_app.analytics.insight_pairs import candidate_pairs
from dashboard_app.analytics.insights import compute_insights, rank_insights
from dashboard_app.services.demo_data import generate_demo_data
from tests.insight_frames import ar1

NULL_SEEDS = range(24)
POWER_SEEDS = range(30)
MOOD = {"stress", "energy", "motivation"}
NUTRITION = {"calories", "protein", "carbohydrate", "fat", "fibre"}


def drifting(rng: np.random.Generator, n: int, centre: float, spread: float) -> np.ndarray:
    """An independent drifting series of one of four shapes."""
    t = np.arange(n)
    shape = rng.integers(4)
    if shape == 0:
        z = np.cumsum(rng.normal(0, 0.25, n))  # a random walk
    elif shape == 1:
        z = ar1(rng, n, rng.uniform(0.9, 0.98), 0.35)  # persistent spells
    elif shape == 2:
        z = t / n * rng.uniform(-3, 3) + ar1(rng, n, 0.5, 0.6)  # a trend
    else:
        z = 0.8 * np.sin(2 * np.pi * t / 7 + rng.uniform(0, 7)) + ar1(rng, n, 0.9, 0.3)
    return centre + spread * z


def null_user(seed: int, n: int) -> pd.DataFrame:
    """Every series independent of every other, each drifting; a tenth of days unlogged."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2025-01-06", periods=n, freq="D", name="date")
    weekday = index.day_of_week.to_numpy()
    trained = np.zeros(n)
    for block in range(0, n, 35):  # a new weekly schedule every five weeks
        days = slice(block, block + 35)
        plan = rng.choice(7, size=rng.integers(3, 6), replace=False)
        trained[days] = np.isin(weekday[days], plan) & (rng.random(len(weekday[days])) > 0.08)
    legs = trained * (rng.random(n) < 0.4)

    def rating():
        return np.clip(np.round(drifting(rng, n, 5.5, 1.2)), 1, 10)

    def on_training_days(values):
        return np.where(trained == 1, values, np.nan)

    weight = 80 + np.cumsum(rng.normal(0, 0.15, n)) + rng.normal(0, 0.3, n)
    columns = {
        "sleep_hours": drifting(rng, n, 7.3, 0.5),
        "bedtime": drifting(rng, n, -0.5, 0.5),
        "wake_time": drifting(rng, n, 7.0, 0.5),
        "stress": rating(),
        "energy": rating(),
        "motivation": rating(),
        "calories": drifting(rng, n, 2500, 250),
        "protein": drifting(rng, n, 150, 20),
        "carbohydrate": drifting(rng, n, 280, 40),
        "fat": drifting(rng, n, 80, 12),
        "fibre": drifting(rng, n, 30, 5),
        "trained": trained,
        "trained_legs": legs,
        "sets": on_training_days(drifting(rng, n, 18, 3)),
        "volume": on_training_days(drifting(rng, n, 9000, 1500)),
        "mean_rir": on_training_days(drifting(rng, n, 2, 0.6)),
        "mean_stimulus": on_training_days(np.clip(drifting(rng, n, 3, 0.8), 1, 5)),
        "mean_fatigue": on_training_days(np.clip(drifting(rng, n, 3, 0.8), 1, 5)),
        "session_minutes": on_training_days(drifting(rng, n, 70, 12)),
        "steps": drifting(rng, n, 8000, 1500),
        "active_minutes": drifting(rng, n, 60, 15),
        "weight": weight,
        "weight_change_7d": np.r_[np.full(7, np.nan), weight[7:] - weight[:-7]],
    }
    for key, values in columns.items():
        if key not in {"trained", "trained_legs"}:
            values[rng.random(n) < 0.1] = np.nan
    return pd.DataFrame({key: columns[key] for key in SERIES}, index=index)


def test_independent_drifting_series_are_almost_never_called_significant():
    tested = significant = naive = 0
    for seed in NULL_SEEDS:
        frame = null_user(seed, 365)
        found = compute_insights(frame)
        tested += len(found)
        significant += sum(item.is_significant for item in found)
        naive += naive_significant(frame)
    assert tested > 200 * len(NULL_SEEDS)
    assert significant / tested <= 0.05
    # The same data tested as independent days of raw levels calls a large share of its pairs
    # significant: the drift is strong enough that the test above could fail.
    assert naive / tested > 0.25


def naive_significant(frame: pd.DataFrame) -> int:
    """How many pairs the textbook test on raw levels, corrected by BH, calls significant."""
    p_values = []
    for pair in candidate_pairs():
        x = frame[pair.x].shift(pair.lag_days).to_numpy()
        y = frame[pair.y].to_numpy()
        keep = np.isfinite(x) & np.isfinite(y)
        if keep.sum() >= 14 and np.ptp(x[keep]) > 0 and np.ptp(y[keep]) > 0:
            p_values.append(stats.pearsonr(x[keep], y[keep]).pvalue)
    return int(multipletests(p_values, method="fdr_bh")[0].sum())


def planted_user(seed: int, n: int) -> pd.DataFrame:
    """A null user whose sleep follows yesterday's stress and whose energy follows sleep."""
    frame = null_user(seed + 1000, n)
    rng = np.random.default_rng(seed)
    stress = np.clip(np.round(5 + ar1(rng, n, 0.5, 1.3)), 1, 10)
    stress_before = np.r_[5.0, stress[:-1]]
    sleep = 7.3 - 0.22 * (stress_before - 5) + ar1(rng, n, 0.3, 0.55)
    energy = np.clip(np.round(5.5 + 1.0 * (sleep - 7.3) + rng.normal(0, 1.0, n)), 1, 10)
    frame["stress"], frame["sleep_hours"], frame["energy"] = stress, sleep, energy
    return frame


def find(found, x: str, y: str, lag: int):
    (item,) = [i for i in found if (i.metric_x, i.metric_y, i.lag_days) == (x, y, lag)]
    return item


def test_a_true_same_day_link_over_120_days_is_found_at_lag_zero():
    hits, strengths = 0, []
    for seed in POWER_SEEDS:
        found = compute_insights(planted_user(seed, 120))
        sleep_energy = find(found, "sleep_hours", "energy", 0)
        strengths.append(sleep_energy.correlation_value)
        hits += sleep_energy.is_significant and sleep_energy.direction == "positive"
    assert 0.4 <= np.median(strengths) <= 0.55  # moderate, as the issue plants it
    assert hits >= 0.9 * len(POWER_SEEDS)


def test_a_true_next_day_link_over_150_days_is_found_at_lag_one():
    hits = right_lag = 0
    strengths = []
    for seed in POWER_SEEDS:
        found = compute_insights(planted_user(seed, 150))
        next_day = find(found, "stress", "sleep_hours", 1)
        same_day = find(found, "sleep_hours", "stress", 0)
        strengths.append(next_day.correlation_value)
        hits += next_day.is_significant and next_day.direction == "negative"
        right_lag += abs(next_day.correlation_value) > abs(same_day.correlation_value)
    assert -0.5 <= np.median(strengths) <= -0.35
    assert hits >= 0.9 * len(POWER_SEEDS)
    assert right_lag >= 0.9 * len(POWER_SEEDS)


# The demo: what it plants leads, what it does not plant stays out.

# Links the demo generator builds in (services.demo_data): sleep, stress and training drive
# energy and motivation, yesterday's stress the night, training the day's intake; and what
# follows from those through the same days (wake time is bedtime plus sleep).
PLANTED_CORE = {
    "sleep_hours",
    "bedtime",
    "wake_time",
    "stress",
    "energy",
    "motivation",
    "trained",
    "trained_legs",
    "sets",
    "volume",
    "mean_rir",
    "mean_stimulus",
    "mean_fatigue",
    "session_minutes",
}
PLANTED_INTAKE = {"calories", "carbohydrate", "fat"}


def planted(item) -> bool:
    pair = {item.metric_x, item.metric_y}
    if pair <= PLANTED_CORE:
        return True
    return item.metric_x in {"trained", "trained_legs"} and item.metric_y in PLANTED_INTAKE


def demo_frame(seed: int, days: int = 365) -> pd.DataFrame:
    data = generate_demo_data(seed, date(2026, 12, 3), days)
    catalogue = json.loads(
        resources.files("dashboard_app.data").joinpath("catalogue.json").read_text()
    )
    muscle = {item["name"]: item["muscle_group"] for item in catalogue}
    daily = [dict(vars(e), steps=None, active_minutes=None, sleep_minutes=None) for e in data.daily]
    lines = [
        {
            "date": session.date,
            "session_id": number,
            "sets": line.sets,
            "reps": line.reps,
            "load_kg": line.load_weight,
            "rir": line.rir,
            "stimulus": line.stimulus,
            "fatigue_level": line.fatigue_level,
            "is_warmup": False,
            "muscle_group": muscle[line.exercise],
            "session_minutes": (session.end_time - session.start_time).total_seconds() / 60,
        }
        for number, session in enumerate(data.sessions)
        for line in session.lines
    ]
    return build_daily_frame(daily, lines)


def test_the_demos_planted_links_lead_and_its_drift_artefacts_are_gone():
    significant = unplanted = 0
    for seed in (42, *range(1, 16)):  # 42 is the demo command's default
        ranked = rank_insights(compute_insights(demo_frame(seed)))
        top = [(i.metric_x, i.metric_y, i.lag_days) for i in ranked[:5]]
        assert all(planted(item) for item in ranked[:5]), (seed, top)
        assert {("sleep_hours", "energy", 0), ("stress", "motivation", 0)} <= set(top), seed
        found = [item for item in ranked if item.is_significant]
        significant += len(found)
        unplanted += sum(not planted(item) for item in found)
        if seed == 42:
            # Its weight only drifts (a cut, a holiday, Monday weigh-ins): no finding at all,
            # where raw levels gave "an extra 100 g of carbohydrate, 1.4 kg lower".
            assert not [item for item in found if "weight" in {item.metric_x, item.metric_y}]
    assert significant > 200
    assert unplanted / significant <= 0.05  # the false discovery rate BH promises
