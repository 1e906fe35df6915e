"""Dashboard widgets: their services on hand-built data, every type rendered, the default layout."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime, time, timedelta
from itertools import combinations

import numpy as np
import pytest
from dash._utils import to_json
from sqlalchemy import select

from dashboard_app.figures.dashboard import (
    calendar_grid,
    nutrition_summary,
    weekly_volume_figure,
)
from dashboard_app.grid import COLUMNS, Box, overlaps
from dashboard_app.schemas.daily_log import DailyEntryInput
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services import daily_log, workout_lines, workouts
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.demo import create_demo_user
from dashboard_app.services.records import latest_records
from dashboard_app.services.training_summary import (
    daily_working_sets,
    dashboard_stats,
    weekly_sets_by_muscle,
)
from dashboard_app.widget_catalogue import WIDGET_KINDS, default_layout
from dashboard_app.widgets.base import WidgetContext
from dashboard_app.widgets.registry import RENDERERS
from db.models import Exercise, User
from tests.helpers import find_components

TODAY = date(2026, 3, 11)  # a Wednesday; its ISO week starts on Monday 9 March
SQUAT = "Barbell Squat"  # Quadriceps
BENCH = "Barbell Bench Press - Medium Grip"  # Chest
CHART_TYPES = {
    "body_weight",
    "sleep",
    "wellbeing",
    "nutrition",
    "training_volume",
    "training_calendar",
    "correlation_heatmap",
    "muscle_load",
}


@pytest.fixture
def lifters(db_session, user_pair):
    """Alice and Bob, with the exercise catalogue to train from."""
    seed_catalogue(db_session)
    db_session.commit()
    return user_pair


def exercise(session, name: str) -> int:
    return session.scalar(select(Exercise.id).where(Exercise.name == name))


def entry(session, user_id: int, day: date, sleep: float | None = None, **fields) -> None:
    """Save a daily entry; sleep is hours ending at 07:00 that morning."""
    if sleep is not None:
        end = datetime.combine(day, time(7))
        fields |= {"sleep_start": end - timedelta(hours=sleep), "sleep_end": end}
    daily_log.save_entry(session, user_id, DailyEntryInput(date=day, **fields))
    session.commit()


def train(session, user_id: int, day: date, *lines: tuple) -> int:
    """A session on day with lines (exercise name, sets, reps, load kg[, warm-up])."""
    session_id = workouts.create_session(session, user_id, SessionInput(date=day))
    for name, sets, reps, load, *warmup in lines:
        data = LineInput(
            exercise_id=exercise(session, name),
            sets=sets,
            reps=reps,
            load_kg=load,
            is_warmup=bool(warmup and warmup[0]),
        )
        assert workout_lines.add_line(session, user_id, session_id, data).ok
    session.commit()
    return session_id


def context(user_id: int, start: date | None = None, **fields) -> WidgetContext:
    values = {"range": "30d" if start else "all", "weight_unit": "kg", "theme": "light"}
    return WidgetContext(user_id=user_id, today=TODAY, start=start, **(values | fields))


def rendered(session, key: str, ctx: WidgetContext) -> dict:
    """A widget's component tree as the browser receives it (JSON)."""
    kind = RENDERERS[key]
    return json.loads(to_json(kind.render(kind.load(session, ctx), ctx)))


def texts(tree) -> list[str]:
    """Every string child in a serialised component tree, in order."""
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, dict):
        return texts(tree.get("props", {}).get("children"))
    if isinstance(tree, list):
        return [text for item in tree for text in texts(item)]
    return []


def figures(tree) -> list[dict]:
    return [props["figure"] for props in find_components(tree, lambda props: "figure" in props)]


def decoded(values):
    """A figure array as a list, decoding Plotly's base64 typed arrays."""
    if isinstance(values, dict) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        if "shape" in values:
            array = array.reshape([int(n) for n in values["shape"].split(",")])
        return array.tolist()
    return values


def is_empty_state(tree) -> bool:
    """A note with where to log, or a chart that is only a message (no data traces)."""
    if find_components(tree, lambda props: "widget-empty" in props.get("className", "")):
        return True
    charts = figures(tree)
    return len(charts) == 1 and not charts[0]["data"] and bool(charts[0]["layout"]["annotations"])


# Services


@pytest.fixture
def training(db_session, lifters):
    """Alice's week of 2 March (Monday and Sunday), of 9 March, and a warm-up-only day."""
    alice, bob = lifters
    s = db_session
    train(
        s,
        alice,
        date(2026, 3, 2),
        (SQUAT, 3, 5, 100.0),
        (SQUAT, 2, 5, 60.0, True),
        (BENCH, 4, 8, 70.0),
    )
    train(s, alice, date(2026, 3, 8), (SQUAT, 2, 5, 105.0))
    train(s, alice, date(2026, 3, 9), (BENCH, 3, 8, 72.5))
    train(s, alice, date(2026, 3, 10), (SQUAT, 3, 5, 50.0, True))
    train(s, alice, date(2026, 3, 11))  # nothing logged in it yet
    train(s, bob, date(2026, 3, 3), (SQUAT, 5, 5, 140.0))
    train(s, bob, date(2026, 3, 9), (BENCH, 6, 5, 100.0))
    return alice, bob


def test_weekly_sets_sum_working_sets_per_iso_week_and_muscle_group(db_session, training):
    alice, bob = training
    assert weekly_sets_by_muscle(db_session, alice, None, TODAY) == [
        {"week": date(2026, 3, 2), "muscle_group": "Chest", "sets": 4},
        {"week": date(2026, 3, 2), "muscle_group": "Quadriceps", "sets": 5},  # Monday + Sunday
        {"week": date(2026, 3, 9), "muscle_group": "Chest", "sets": 3},
    ]
    assert weekly_sets_by_muscle(db_session, bob, None, TODAY) == [
        {"week": date(2026, 3, 2), "muscle_group": "Quadriceps", "sets": 5},
        {"week": date(2026, 3, 9), "muscle_group": "Chest", "sets": 6},
    ]


def test_weekly_sets_keep_to_the_range(db_session, training):
    alice, _ = training
    assert weekly_sets_by_muscle(db_session, alice, date(2026, 3, 8), date(2026, 3, 8)) == [
        {"week": date(2026, 3, 2), "muscle_group": "Quadriceps", "sets": 2},
    ]


def test_daily_working_sets_count_each_training_day(db_session, training):
    alice, bob = training
    assert daily_working_sets(db_session, alice, date(2026, 3, 1), TODAY) == {
        date(2026, 3, 2): 7,
        date(2026, 3, 8): 2,
        date(2026, 3, 9): 3,
        date(2026, 3, 10): 0,  # warm-ups only
        date(2026, 3, 11): 0,  # an empty session is still a day trained
    }
    assert daily_working_sets(db_session, bob, date(2026, 3, 4), TODAY) == {date(2026, 3, 9): 6}


def test_training_summaries_of_a_user_without_training_are_empty(db_session, user_pair):
    alice, _ = user_pair
    assert weekly_sets_by_muscle(db_session, alice, None, TODAY) == []
    assert daily_working_sets(db_session, alice, date(2020, 1, 1), TODAY) == {}


@pytest.mark.parametrize(
    ("days_ago", "streak", "includes_today"),
    [
        ([], 0, False),
        ([0], 1, True),
        ([1], 1, False),  # today not logged yet: yesterday keeps the streak alive
        ([1, 2, 3, 5], 3, False),  # stops at the gap
        ([0, 1, 2, 4, 5], 3, True),
        ([2, 3, 4], 0, False),  # neither today nor yesterday: broken
        ([-1, 1], 1, False),  # an entry dated tomorrow does not count
    ],
)
def test_logging_streak(db_session, user_pair, days_ago, streak, includes_today):
    alice, bob = user_pair
    for n in days_ago:
        entry(db_session, alice, TODAY - timedelta(days=n), energy_level=5)
    for n in range(10):
        entry(db_session, bob, TODAY - timedelta(days=n), energy_level=5)
    stats = dashboard_stats(db_session, alice, TODAY)
    assert (stats.streak_days, stats.streak_includes_today) == (streak, includes_today)


def test_dashboard_stats_average_the_last_seven_days(db_session, training):
    alice, bob = training
    s = db_session
    entry(s, alice, TODAY, weight=80.0, sleep=7.0)
    entry(s, alice, TODAY - timedelta(days=2), weight=81.0, sleep=8.5)
    entry(s, alice, TODAY - timedelta(days=6), weight=82.5)
    entry(s, alice, TODAY - timedelta(days=7), weight=90.0, sleep=4.0)  # eight days ago
    entry(s, bob, TODAY, weight=120.0, sleep=3.0)
    stats = dashboard_stats(s, alice, TODAY)
    assert stats.weight_avg_kg == pytest.approx(81.166667)
    assert stats.weigh_ins == 3
    assert stats.sleep_avg_hours == pytest.approx(7.75)
    assert stats.nights == 2
    # 9, 10 and 11 March; 8 March is the week before, bob's 9 March is bob's.
    assert (stats.week_start, stats.sessions_this_week) == (date(2026, 3, 9), 3)
    assert (stats.streak_days, stats.streak_includes_today) == (1, True)


def test_dashboard_stats_of_an_empty_user(db_session, user_pair):
    alice, _ = user_pair
    stats = dashboard_stats(db_session, alice, TODAY)
    assert (stats.streak_days, stats.sessions_this_week, stats.weigh_ins, stats.nights) == (
        0,
        0,
        0,
        0,
    )
    assert stats.weight_avg_kg is None and stats.sleep_avg_hours is None


def test_latest_records_are_newest_first_with_the_value_beaten(db_session, lifters):
    alice, bob = lifters
    s = db_session
    train(s, alice, date(2026, 3, 2), (SQUAT, 3, 5, 100.0))
    train(s, alice, date(2026, 3, 9), (SQUAT, 3, 5, 110.0), (SQUAT, 1, 5, 140.0, True))
    train(s, bob, date(2026, 3, 10), (SQUAT, 3, 5, 200.0))
    records = latest_records(s, alice, 10)
    squat = exercise(s, SQUAT)
    summary = [(r["achieved_on"], r["record_type"], r["value"], r["previous"]) for r in records]
    assert summary == [
        (date(2026, 3, 9), "e1rm", pytest.approx(123.75), pytest.approx(112.5)),
        (date(2026, 3, 9), "max_load", 110.0, 100.0),  # the 140 kg warm-up is no record
        (date(2026, 3, 9), "max_volume", 550.0, 500.0),  # one set's reps x load
        (date(2026, 3, 9), "session_volume", 1650.0, 1500.0),
        (date(2026, 3, 2), "e1rm", pytest.approx(112.5), None),
        (date(2026, 3, 2), "max_load", 100.0, None),
        (date(2026, 3, 2), "max_reps", 5.0, None),
        (date(2026, 3, 2), "max_volume", 500.0, None),
        (date(2026, 3, 2), "session_volume", 1500.0, None),
    ]
    assert {(r["exercise_id"], r["name"]) for r in records} == {(squat, SQUAT)}
    assert len(latest_records(s, alice, 2)) == 2
    assert [r["value"] for r in latest_records(s, bob, 1)] == [pytest.approx(225.0)]  # Brzycki


def test_latest_records_of_an_empty_user(db_session, user_pair):
    alice, _ = user_pair
    assert latest_records(db_session, alice, 6) == []


# Widgets


@pytest.mark.parametrize("key", sorted(WIDGET_KINDS))
def test_every_widget_renders_an_empty_state_for_a_new_user(db_session, user_pair, key):
    alice, _ = user_pair
    for ctx in (context(alice, TODAY - timedelta(days=6)), context(alice, theme="dark")):
        tree = rendered(db_session, key, ctx)
        if key == "stat_tiles":
            assert "0 days" in texts(tree) and "—" in texts(tree)
        else:
            assert is_empty_state(tree), key


@pytest.fixture
def demo(db_engine, db_session, prepared):
    def build(session):
        seed_catalogue(session)
        create_demo_user(session, username="demo", days=60, end=TODAY, seed=3)

    prepared(db_engine, "widgets-demo", build)
    return db_session.scalar(select(User.id).where(User.username == "demo"))


def test_every_widget_renders_a_users_data(db_session, demo):
    for ctx in (
        context(demo, TODAY - timedelta(days=6), range="7d", weight_unit="lb"),
        context(demo, theme="dark"),
    ):
        for key in WIDGET_KINDS:
            tree = rendered(db_session, key, ctx)
            assert not is_empty_state(tree), key
            assert bool(figures(tree)) == (key in CHART_TYPES), key


def test_nutrition_widget_shows_the_ranges_averages(db_session, user_pair):
    alice, _ = user_pair
    entry(db_session, alice, date(2026, 3, 1), calories=2000.0, protein=150.0, fat=70.0)
    entry(db_session, alice, date(2026, 3, 3), calories=2500.0, protein=170.0, fat=90.0)
    entry(db_session, alice, date(2026, 3, 4), carbohydrate=200.0)
    entry(db_session, alice, date(2026, 3, 5), energy_level=5)  # no food: not a logged day
    tree = rendered(db_session, "nutrition", context(alice, date(2026, 3, 1)))
    summary = "Average 2,250 kcal · P 160 g · C 200 g · F 80 g over 3 logged days"
    assert summary in texts(tree)
    (figure,) = figures(tree)
    (average,) = [trace for trace in figure["data"] if trace["name"] == "Average kcal"]
    assert decoded(average["y"]) == [2250.0, 2250.0]
    assert average["line"]["dash"] == "dash" and average["yaxis"] == "y2"


def test_nutrition_summary_marks_what_was_not_logged():
    averages = {"days": 1, "calories": 1234.4, "protein": None, "carbohydrate": 10.0, "fat": 2.0}
    assert nutrition_summary(averages) == (
        "Average 1,234 kcal · P — · C 10 g · F 2 g over 1 logged day"
    )


def test_training_volume_widget_stacks_sets_by_muscle_group(db_session, training):
    alice, _ = training
    (figure,) = figures(rendered(db_session, "training_volume", context(alice, date(2026, 3, 1))))
    bars = {trace["name"]: decoded(trace["y"]) for trace in figure["data"]}
    assert bars == {"Quadriceps": [5, 0], "Chest": [4, 3]}
    assert figure["data"][0]["x"] == ["02 Mar", "09 Mar"]
    assert figure["layout"]["barmode"] == "stack"


def test_weekly_volume_folds_small_muscle_groups_into_other():
    week = date(2026, 3, 2)
    rows = [{"week": week, "muscle_group": f"Group {n:02d}", "sets": 20 - n} for n in range(11)]
    rows.append({"week": week + timedelta(weeks=2), "muscle_group": "Group 10", "sets": 1})
    fig = weekly_volume_figure(rows, "dark", top=8)
    names = [trace.name for trace in fig.data]
    assert names == [f"Group {n:02d}" for n in range(8)] + ["Other"]
    # Groups 8, 9 and 10 (12 + 11 + 10 sets); a week without training keeps its place.
    assert list(fig.data[-1].y) == [33, 0, 1]
    assert list(fig.data[0].x) == ["02 Mar", "09 Mar", "16 Mar"]


def test_training_calendar_colours_each_day_by_its_working_sets(db_session, training):
    alice, _ = training
    ctx = context(alice, TODAY - timedelta(days=6), range="7d")
    (figure,) = figures(rendered(db_session, "training_calendar", ctx))
    (heatmap,) = figure["data"]
    z = decoded(heatmap["z"])
    # At least four weeks: 12 Feb to 11 March, from the week of Monday 9 Feb.
    assert len(z) == 7 and len(z[0]) == 5
    assert heatmap["customdata"][3][0] == "Thu 12 Feb 2026"
    assert np.isnan(z[2][0]) and np.isnan(z[3][4])  # before the first day, after today
    assert z[0][3] == 7  # Monday 2 March
    assert z[6][3] == 2  # Sunday 8 March
    assert z[0][4] == 3 and z[1][4] == 0 and z[2][4] == 0
    assert z[1][3] == 0  # a day off in range


def test_training_calendar_of_the_whole_history_is_at_most_two_years(db_session, lifters):
    alice, _ = lifters
    train(db_session, alice, date(2020, 1, 6), (SQUAT, 3, 5, 100.0))
    train(db_session, alice, date(2025, 1, 6), (SQUAT, 3, 5, 100.0))
    kind = RENDERERS["training_calendar"]
    data = kind.load(db_session, context(alice))
    assert data["first"] == date(2025, 1, 6)
    assert TODAY - timedelta(days=2 * 366) <= data["first"]
    assert data["days"] == {date(2025, 1, 6): 3}


def test_calendar_grid_starts_on_monday():
    weeks, z, labels = calendar_grid({date(2026, 3, 4): 9}, date(2026, 3, 4), date(2026, 3, 4))
    assert weeks == [date(2026, 3, 2)]
    assert np.isnan(z[0][0]) and z[2][0] == 9 and labels[2][0] == "Wed 04 Mar 2026"


def test_personal_records_widget_lists_records_in_the_users_unit(db_session, lifters):
    alice, _ = lifters
    train(db_session, alice, date(2026, 3, 2), (SQUAT, 3, 5, 100.0))
    train(db_session, alice, date(2026, 3, 9), (SQUAT, 3, 5, 110.0))
    tree = rendered(db_session, "personal_records", context(alice, weight_unit="lb"))
    words = texts(tree)
    assert "242.5 lb" in words  # 110 kg, the heaviest load
    assert "heaviest load · was 220.5 lb" in words
    assert "09 Mar 2026" in words
    links = {props["href"] for props in find_components(tree, lambda props: "href" in props)}
    assert links == {f"/exercises/{exercise(db_session, SQUAT)}"}


def test_top_insights_widget_shows_significant_sentences(db_session, demo):
    kind = RENDERERS["top_insights"]
    found = kind.load(db_session, context(demo))
    insights = found["items"]
    assert 1 <= len(insights) <= 5 and found["recomputing"] is False
    assert all(item["is_significant"] for item in insights)
    tree = json.loads(to_json(kind.render(found, context(demo))))
    words = texts(tree)
    assert "Updating" not in words
    for item in insights:
        assert item["insight_text"] in words and item["strength"] in words


def test_a_preliminary_top_insight_says_so(db_session, demo):
    kind = RENDERERS["top_insights"]
    found = kind.load(db_session, context(demo))
    early = {**found["items"][0], "is_preliminary": True, "sample_size": 30}
    words = texts(json.loads(to_json(kind.render({**found, "items": [early]}, context(demo)))))
    assert "preliminary" in words
    later = {**early, "is_preliminary": False, "sample_size": 90}
    settled = texts(json.loads(to_json(kind.render({**found, "items": [later]}, context(demo)))))
    assert "preliminary" not in settled


def test_top_insights_empty_state_explains_what_they_need(db_session, user_pair):
    alice, _ = user_pair
    words = " ".join(texts(rendered(db_session, "top_insights", context(alice))))
    assert "few weeks" in words


def test_stat_tiles_widget_shows_the_numbers(db_session, training):
    alice, _ = training
    entry(db_session, alice, TODAY - timedelta(days=1), weight=80.0, sleep=7.5)
    entry(db_session, alice, TODAY - timedelta(days=2), weight=81.0, sleep=7.0)
    words = texts(rendered(db_session, "stat_tiles", context(alice, weight_unit="lb")))
    assert "2 days" in words  # today not yet logged
    assert "3" in words  # sessions on 9, 10 and 11 March
    assert "177.5 lb" in words  # 80.5 kg
    assert "7 h 15 min" in words


# Registry and default layout


def test_widget_kinds_fit_the_grid_and_each_has_its_renderer():
    assert list(RENDERERS) == list(WIDGET_KINDS)
    for key, kind in WIDGET_KINDS.items():
        assert kind.key == key and RENDERERS[key].kind is kind
        (w, h), (min_w, min_h) = kind.size, kind.min_size
        assert 1 <= min_w <= w <= COLUMNS and 1 <= min_h <= h, key


def test_default_layout_fits_twelve_columns_without_overlaps():
    specs = default_layout()
    boxes = [Box(i, s.x, s.y, s.w, s.h) for i, s in enumerate(specs)]
    assert all(box.x >= 0 and box.y >= 0 and box.x + box.w <= COLUMNS for box in boxes)
    assert not any(overlaps(a, b) for a, b in combinations(boxes, 2))
    assert specs[0].widget_type == "stat_tiles" and (specs[0].x, specs[0].y) == (0, 0)
    assert all(spec.widget_type in WIDGET_KINDS for spec in specs)
    # No holes: every row from the top to the bottom has a widget across all 12 columns.
    bottom = max(box.bottom for box in boxes)
    covered = {(x, y) for b in boxes for x in range(b.x, b.x + b.w) for y in range(b.y, b.bottom)}
    assert len(covered) == COLUMNS * bottom
