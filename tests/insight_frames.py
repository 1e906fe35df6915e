"""Daily frames and logged rows for the insights tests, as the services hand them over."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from dashboard_app.analytics.daily_series import SERIES
from dashboard_app.analytics.insights import Insight

D = dt.date
START = D(2024, 1, 1)
NUTRITION = {"calories", "protein", "carbohydrate", "fat", "fibre"}
TRAINING_AMOUNT = {"trained", "trained_legs", "sets", "volume", "session_minutes"}
TRAINING_EFFORT = {"mean_rir", "mean_stimulus", "mean_fatigue"}
ACTIVITY = {"steps", "active_minutes"}
CAUSAL = re.compile(
    r"\b(causes?|caused|causing|makes?|made|because|leads? to|led to|due to|results? in)\b",
    re.IGNORECASE,
)


def entry(day: dt.date, **fields) -> dict:
    """A daily row as the service hands it over: every field, None unless given."""
    row = dict.fromkeys(
        (
            "sleep_start",
            "sleep_end",
            "stress_level",
            "energy_level",
            "motivation_level",
            "weight",
            "calories",
            "protein",
            "carbohydrate",
            "fat",
            "fibre",
        )
    )
    return {"date": day, **row, **fields}


def line(day: dt.date, session_id: int = 1, **fields) -> dict:
    """A logged working line of 3 x 10 x 50 kg on the chest unless told otherwise."""
    row = {
        "date": day,
        "session_id": session_id,
        "sets": 3,
        "reps": 10,
        "load_kg": 50.0,
        "rir": None,
        "stimulus": None,
        "fatigue_level": None,
        "is_warmup": False,
        "muscle_group": "Chest",
        "session_minutes": None,
    }
    return {**row, **fields}


def frame_of(start: dt.date = START, **columns) -> pd.DataFrame:
    """A daily frame with the given columns and every other series missing."""
    size = len(next(iter(columns.values())))
    index = pd.date_range(start, periods=size, freq="D", name="date")
    data = {key: np.asarray(columns.get(key, np.full(size, np.nan)), float) for key in SERIES}
    return pd.DataFrame(data, index=index)


def only(insights: list[Insight], x: str, y: str, lag: int) -> Insight:
    matches = [i for i in insights if (i.metric_x, i.metric_y, i.lag_days) == (x, y, lag)]
    assert len(matches) == 1, matches
    return matches[0]


def at(frame: pd.DataFrame, day: dt.date) -> pd.Series:
    return frame.loc[pd.Timestamp(day)]


def ar1(rng: np.random.Generator, n: int, phi: float, sd: float = 1.0) -> np.ndarray:
    """Autocorrelated noise: each day phi times the day before plus a fresh shock."""
    shocks = rng.normal(0.0, sd, n)
    out = np.empty(n)
    out[0] = shocks[0] / np.sqrt(1 - phi**2)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + shocks[i]
    return out
