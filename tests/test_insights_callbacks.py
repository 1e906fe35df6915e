"""Insights page: findings, cards, heatmap and a pair's days, through real callback payloads."""

from __future__ import annotations

import base64
import json
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from sqlalchemy import select

from dashboard_app.analytics.daily_series import SERIES
from dashboard_app.dash_app import DASH_EXTENSION_KEY
from dashboard_app.database import get_database
from dashboard_app.schemas.daily_log import DailyEntryInput
from dashboard_app.services import daily_log
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.demo import create_demo_user
from dashboard_app.ui import ids
from db.models import CorrelationInsight, DailyMetric, User
from tests.helpers import AuthActions, callback_response, make_user, post_callback

DEMO = "demo"
DEMO_PASSWORD = "insights-demo-pass-2026"
DATA = (ids.INSIGHTS_DATA, "data")
WINDOW = (ids.INSIGHTS_WINDOW, "value")
SHOW_ALL = (ids.INSIGHTS_SHOW_ALL, "value")
LAG = (ids.INSIGHTS_LAG, "value")
CLICK = (ids.INSIGHTS_HEATMAP, "clickData")
NOT_ENOUGH = "Not enough days logged in this period: insights need at least 14 paired days."
KEEP_LOGGING = "Keep logging: insights appear once there are at least 14 days with both of a pair."
NOTHING_HOLDS = (
    "Nothing holds up yet: no pair is significant once every pair is tested. "
    "Switch on “Show every pair tested” to see them all."
)
EMPTY_HEATMAP = "Not enough days logged for correlations yet."
TOO_FEW_POINTS = "Too few paired days to draw."
TOO_FEW_DAYS = "Too few days with both to say anything."


# Users and data.


@pytest.fixture
def demo(app, client, prepared):
    """A client logged in as 'demo', a user with 200 days of generated logs ending today.

    The demo data plants sleep -> energy (same day, positive), stress -> motivation (same day,
    negative) and training -> lower energy the next day. Its user lives in UTC.
    """
    today = datetime.now(UTC).date()

    def build(session):
        seed_catalogue(session)
        create_demo_user(
            session, username=DEMO, password=DEMO_PASSWORD, days=200, end=today, seed=3
        )

    prepared(get_database(app).engine, f"insights-demo-{today}", build)
    assert AuthActions(client).login(DEMO, DEMO_PASSWORD).status_code == 302
    return client


@pytest.fixture
def bob_client(app):
    """A second user, 'bob', without any logged data, logged in on his own client."""
    make_user(app, "bob")
    client = app.test_client()
    assert AuthActions(client).login("bob").status_code == 302
    return client


def _user_id(app, username: str = DEMO) -> int:
    with get_database(app).session_factory() as session:
        return session.scalar(select(User.id).where(User.username == username))


def _versions(app, username: str = DEMO) -> tuple[int, int | None]:
    with get_database(app).session_factory() as session:
        row = session.execute(
            select(User.data_version, User.insights_version).where(User.username == username)
        ).one()
        return row.data_version, row.insights_version


def _stored(app, username: str = DEMO) -> dict[tuple[str, str, int], CorrelationInsight]:
    """The user's rows of correlation_insights by (x, y, lag)."""
    with get_database(app).session_factory() as session:
        rows = session.scalars(
            select(CorrelationInsight)
            .join(User, CorrelationInsight.user_id == User.id)
            .where(User.username == username)
        ).all()
        session.expunge_all()
    return {(row.primary_metric, row.secondary_metric, row.lag_days): row for row in rows}


def _user_today() -> date:
    return datetime.now(UTC).date()  # every user here has the default timezone, UTC


# Payloads and replies.


def _payload(app, output: str, trigger: tuple[str, str], values: dict) -> dict[str, Any]:
    """The payload the renderer posts for the server callback that updates output.

    The callback is looked up in the app's own callback map by its output and its trigger
    (the store feeds both the cards and the heatmap); values gives every input's and state's
    value by (id, property), None where missing.
    """
    callback_map = app.extensions[DASH_EXTENSION_KEY].callback_map
    found = [
        (key, spec)
        for key, spec in callback_map.items()
        if "callback" in spec
        and f"{output}." in key
        and trigger in [(dep["id"], dep["property"]) for dep in spec["inputs"]]
    ]
    assert len(found) == 1, (output, trigger, [key for key, _ in found])
    key, spec = found[0]

    def item(dep):
        return {
            "id": dep["id"],
            "property": dep["property"],
            "value": values.get((dep["id"], dep["property"])),
        }

    parts = key.strip(".").split("...") if key.startswith("..") else [key]
    outputs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1].split("@")[0]}
        for part in parts
    ]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": [item(dep) for dep in spec["inputs"]],
        "state": [item(dep) for dep in spec["state"]],
        "changedPropIds": [f"{trigger[0]}.{trigger[1]}"],
    }


def _data_post(app, client, window):
    return post_callback(client, _payload(app, ids.INSIGHTS_DATA, WINDOW, {WINDOW: window}))


def _cards_post(app, client, data, show_all=False, window="all"):
    values = {DATA: data, SHOW_ALL: show_all, WINDOW: window}
    return post_callback(client, _payload(app, ids.INSIGHTS_CARDS, DATA, values))


def _heatmap_post(app, client, data, lag=0):
    values = {DATA: data, LAG: lag}
    return post_callback(client, _payload(app, ids.INSIGHTS_HEATMAP, DATA, values))


def _pair_post(app, client, click, data, window="all", lag=0):
    values = {CLICK: click, DATA: data, WINDOW: window, LAG: lag}
    return post_callback(client, _payload(app, ids.INSIGHTS_PAIR, CLICK, values))


def _data(app, client, window="all") -> tuple[list[dict], str]:
    reply = callback_response(_data_post(app, client, window))
    return reply[ids.INSIGHTS_DATA]["data"], reply[ids.INSIGHTS_COUNT]["children"]


def _cards(app, client, data, show_all=False, window="all"):
    return callback_response(_cards_post(app, client, data, show_all, window))[ids.INSIGHTS_CARDS][
        "children"
    ]


def _heatmap(app, client, data, lag=0) -> dict:
    return callback_response(_heatmap_post(app, client, data, lag))[ids.INSIGHTS_HEATMAP]["figure"]


def _pair(app, client, click, data, window="all", lag=0) -> tuple[Any, dict, dict]:
    reply = callback_response(_pair_post(app, client, click, data, window, lag))
    chart = reply[ids.INSIGHTS_PAIR_CHART]
    return reply[ids.INSIGHTS_PAIR]["children"], chart["figure"], chart["style"]


def _click(x: str, y: str) -> dict:
    """A click on the heatmap cell of x (its row) and y (its column), as Plotly reports it.

    The point's y is the row's title and its x the column's: the titles name the pair.
    """
    return _point(SERIES[y].title, SERIES[x].title)


def _point(column: Any, row: Any) -> dict:
    return {"points": [{"curveNumber": 1, "pointNumber": [0, 1], "x": column, "y": row, "z": 0.5}]}


# Reading serialised components and figures.


def _walk(tree: Any):
    """(type, props) of every component in a serialised Dash tree, depth first."""
    if isinstance(tree, dict):
        if "type" in tree and isinstance(tree.get("props"), dict):
            yield tree["type"], tree["props"]
            yield from _walk(tree["props"])
        else:
            for value in tree.values():
                yield from _walk(value)
    elif isinstance(tree, list):
        for item in tree:
            yield from _walk(item)


def _text(tree: Any) -> str:
    """Every string child in a serialised tree, joined by ' | '."""
    texts = []

    def visit(node):
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict) and isinstance(node.get("props"), dict):
            visit(node["props"].get("children"))

    # A component's props (as _walk and _card_list give them) stand for the component.
    visit(tree.get("children") if isinstance(tree, dict) and "props" not in tree else tree)
    return " | ".join(texts)


def _lines(detail: Any) -> list[str]:
    """The text of each element of a pair's detail, in order."""
    return [
        props["children"] for _, props in _walk(detail) if isinstance(props.get("children"), str)
    ]


def _card_list(children: Any) -> list[dict]:
    """The props of every insight card in the cards' row, in order."""
    return [
        props
        for kind, props in _walk(children)
        if kind == "Card" and "insight-card" in (props.get("class_name") or "")
    ]


def _graphs(tree: Any) -> list[dict]:
    return [props for kind, props in _walk(tree) if kind == "Graph"]


def _array(value: Any) -> np.ndarray:
    """A figure array as floats, whether Plotly sent a list or {"dtype", "bdata"[, "shape"]}."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            shape = value["shape"]
            dims = shape if isinstance(shape, list) else str(shape).split(",")
            array = array.reshape([int(n) for n in dims])
        return array.astype(float)
    return np.array(value, dtype=float)


def _annotations(figure: dict) -> list[str]:
    return [note["text"] for note in figure.get("layout", {}).get("annotations", [])]


def _find(data: list[dict], x: str, y: str, lag: int = 0) -> dict:
    (found,) = [
        item
        for item in data
        if (item["metric_x"], item["metric_y"], item["lag_days"]) == (x, y, lag)
    ]
    return found


def _statistic(item: dict) -> str:
    """The first of a finding's folded-away numbers: its correlation and 95% interval."""
    symbol = "ρ" if item["method"] == "spearman" else "r"
    low, high = item["correlation_ci_low"], item["correlation_ci_high"]
    return f"{symbol} = {item['correlation_value']:+.2f}, 95% interval {low:+.2f} to {high:+.2f}"


def _days_text(item: dict) -> str:
    effective = round(item["effective_sample_size"])
    return f"{item['sample_size']:,} paired days, worth about {effective:,} independent ones"


def _count_text(data: list[dict]) -> str:
    significant = sum(1 for item in data if item["is_significant"])
    assert significant >= 2  # the demo's planted links hold up, even over 90 days
    shown = "; the 12 strongest are shown." if significant > 12 else "."
    return f"{significant} findings hold up, out of {len(data)} pairs tested{shown}"


def _assured(item: dict) -> float:
    """The least |correlation| a finding's interval allows, as the ranking uses it."""
    low, high = item["correlation_ci_low"], item["correlation_ci_high"]
    return low if low > 0 else -high if high < 0 else 0.0


# Anonymous callers.


def test_anonymous_callers_are_refused_by_every_insights_callback(app, client):
    make_user(app, "alice")
    client.get("/login")
    store = [{"metric_x": "sleep_hours", "metric_y": "energy"}]
    replies = [
        _data_post(app, client, "all"),
        _data_post(app, client, "90d"),
        _cards_post(app, client, store, True),
        _heatmap_post(app, client, store, 0),
        _pair_post(app, client, _click("sleep_hours", "energy"), store),
    ]
    assert [reply.status_code for reply in replies] == [401] * len(replies)
    assert [reply.get_json() for reply in replies] == [{"error": "authentication required"}] * len(
        replies
    )
    assert _versions(app, "alice") == (0, None)  # nothing was computed for anyone
    assert _stored(app, "alice") == {}


# update_data.


def test_the_whole_history_is_ranked_stored_and_counted(app, demo):
    assert _versions(app)[1] is None  # never computed
    data, count = _data(app, demo, "all")

    assert len(data) > 100
    assert count == _count_text(data)
    flags = [item["is_significant"] for item in data]
    assert flags == sorted(flags, reverse=True)  # significant first
    significant = [_assured(item) for item in data if item["is_significant"]]
    assert significant == sorted(significant, reverse=True)  # the surest first
    assert all(-1 <= item["correlation_value"] <= 1 for item in data)
    top = [(item["metric_x"], item["metric_y"], item["lag_days"]) for item in data[:15]]
    assert ("sleep_hours", "energy", 0) in top
    assert ("stress", "motivation", 0) in top
    sleep = _find(data, "sleep_hours", "energy")
    stress = _find(data, "stress", "motivation")
    assert sleep["is_significant"] and sleep["direction"] == "positive"
    assert stress["is_significant"] and stress["direction"] == "negative"
    # The demo plants sleep -> energy at r near 0.5 and ends today, so its sample (and which
    # side of the 0.5 bound it lands) moves with the date.
    assert 0.3 <= sleep["correlation_value"] <= 0.7, sleep["correlation_value"]
    assert sleep["strength"] in ("moderate", "strong") and stress["strength"] == "strong"
    assert sleep["insight_text"].startswith(
        "On days you sleep an hour more than usual, your energy is about "
    )
    assert "above your usual" in sleep["insight_text"]
    for item in data:
        assert item["correlation_ci_low"] <= item["correlation_value"]
        assert item["correlation_value"] <= item["correlation_ci_high"]
        assert 2 <= item["effective_sample_size"] <= item["sample_size"]
        assert item["is_preliminary"] is (item["sample_size"] < 60)

    stored = _stored(app)
    assert set(stored) == {(i["metric_x"], i["metric_y"], i["lag_days"]) for i in data}
    assert len(stored) == len(data)
    for item in data:
        row = stored[item["metric_x"], item["metric_y"], item["lag_days"]]
        assert row.correlation_value == item["correlation_value"]
        assert row.sample_size == item["sample_size"]
        assert row.is_significant is item["is_significant"]
        assert row.insight_text == item["insight_text"]
        assert row.period_start.isoformat() == item["period_start"]
        assert row.period_end.isoformat() == item["period_end"]
    versions = _versions(app)
    assert versions[1] == versions[0]

    # A second visit reads the stored rows: no recomputation.
    computed = {key: (row.id, row.computed_at) for key, row in stored.items()}
    again, again_count = _data(app, demo, "all")
    assert again == data
    assert again_count == count
    assert _versions(app) == versions
    assert {key: (row.id, row.computed_at) for key, row in _stored(app).items()} == computed


def test_a_change_to_the_users_data_recomputes_at_the_next_visit(app, demo):
    data, _ = _data(app, demo, "all")
    before = _stored(app)
    versions = _versions(app)
    user_id = _user_id(app)
    with get_database(app).session_factory() as session:
        logged = set(
            session.scalars(select(DailyMetric.date).where(DailyMetric.user_id == user_id))
        )
        gap = next(  # a day without an entry, inside the history
            day
            for offset in range(1, 200)
            if (day := _user_today() - timedelta(days=offset)) not in logged
        )
        daily_log.save_entry(
            session, user_id, DailyEntryInput(date=gap, stress_level=10, motivation_level=1)
        )
        session.commit()
    changed = _versions(app)
    assert changed[0] > versions[0] and changed[1] == versions[1]

    fresh, count = _data(app, demo, "all")
    assert count == _count_text(fresh)
    assert _versions(app) == (changed[0], changed[0])
    after = _stored(app)
    assert set(after) == {(i["metric_x"], i["metric_y"], i["lag_days"]) for i in fresh}
    old, new = _find(data, "stress", "motivation"), _find(fresh, "stress", "motivation")
    assert new["sample_size"] == old["sample_size"] + 1
    assert after["stress", "motivation", 0].sample_size == old["sample_size"] + 1
    kept = set(after) & set(before)
    assert len(kept) > 100
    assert all(after[key].computed_at > before[key].computed_at for key in kept)


def test_a_window_is_computed_on_request_and_never_stored(app, demo):
    versions = _versions(app)
    data, count = _data(app, demo, "90d")
    assert _stored(app) == {}  # the window alone stores nothing
    assert _versions(app) == versions
    assert versions[1] is None
    assert len(data) > 50
    assert count == _count_text(data)
    first_day = _user_today() - timedelta(days=89)
    for item in data:
        start, end = (
            date.fromisoformat(item["period_start"]),
            date.fromisoformat(item["period_end"]),
        )
        assert first_day <= start <= end <= _user_today()
        assert item["sample_size"] <= 90

    everything, _ = _data(app, demo, "all")
    stored = _stored(app)
    again, again_count = _data(app, demo, "90d")
    assert (again, again_count) == (data, count)
    assert _stored(app).keys() == stored.keys()
    assert {key: row.computed_at for key, row in _stored(app).items()} == {
        key: row.computed_at for key, row in stored.items()
    }
    window_sleep = _find(data, "sleep_hours", "energy")["sample_size"]
    assert window_sleep < _find(everything, "sleep_hours", "energy")["sample_size"]


def test_a_crafted_window_falls_back_to_the_whole_history(app, demo):
    everything = _data(app, demo, "all")
    for window in (None, 5, "7d", ["all"], {"value": "90d"}, "ALL", "90D", True, ""):
        assert _data(app, demo, window) == everything, window


# update_cards.


def test_the_cards_show_the_strongest_significant_findings_with_charts(app, demo):
    data, _ = _data(app, demo, "all")
    cards = _card_list(_cards(app, demo, data))
    significant = [item for item in data if item["is_significant"]]

    assert 5 <= len(cards) == min(12, len(significant))
    for card, item in zip(cards, significant[:12], strict=True):
        text = _text(card)
        assert item["insight_text"] in text
        assert _statistic(item) in text and _days_text(item) in text
        assert "adjusted p = 1.4e-44" not in text and "not clear" not in text
        p_adjusted = item["p_value_adjusted"]
        sureness = (
            "Very unlikely to be chance"
            if p_adjusted < 0.001
            else "Unlikely to be chance"
            if p_adjusted < 0.01
            else "though only just"
        )
        assert sureness in text  # how sure, in words
        assert ("next day" if item["lag_days"] else "same day") in text
        strength_badges = [
            props
            for kind, props in _walk(card)
            if kind == "Badge" and str(props.get("children")).endswith(" link")
        ]
        assert len(strength_badges) == 1  # the strength is said once per card
        assert item["strength"] not in item["insight_text"]
    charts = [_graphs(card) for card in cards]
    assert [len(found) for found in charts] == [1] * min(6, len(cards)) + [0] * (len(cards) - 6)
    for (chart,), item in zip(charts[:6], significant, strict=False):
        traces = chart["figure"]["data"]
        # The days, then a trend line, or for a kind of day (training days) each kind's mean.
        binary = SERIES[item["metric_x"]].kind == "binary"
        assert [t["mode"] for t in traces] == ["markers"] + ["lines"] * (2 if binary else 1)
        assert len(_array(traces[0]["x"])) == item["sample_size"]
        assert len(_array(traces[0]["y"])) == item["sample_size"]
        assert chart["figure"]["layout"]["height"] == 200


def test_show_all_shows_every_pair_tested(app, demo):
    data, _ = _data(app, demo, "all")
    cards = _card_list(_cards(app, demo, data, show_all=True))

    assert len(cards) == len(data)
    texts = [_text(card) for card in cards]
    for text, item in zip(texts, data, strict=True):
        assert item["insight_text"] in text
        assert ("not clear" in text) is (not item["is_significant"])
    insignificant = sum(1 for item in data if not item["is_significant"])
    assert insignificant > 0
    assert sum("not clear" in text for text in texts) == insignificant
    assert sum("opacity-75" in card["class_name"] for card in cards) == insignificant
    assert [len(_graphs(card)) for card in cards[:8]] == [1] * 6 + [0] * 2
    assert sum(len(_graphs(card)) for card in cards) == 6

    # Only True switches every pair on.
    significant = sum(item["is_significant"] for item in data)
    for crafted in ("yes", 1, [True], None):
        assert len(_card_list(_cards(app, demo, data, show_all=crafted))) == min(12, significant)


def test_no_significant_finding_says_so(app, demo):
    data, _ = _data(app, demo, "all")
    muted = [{**item, "is_significant": False} for item in data]
    note = _cards(app, demo, muted)
    assert note["type"] == "P"
    assert note["props"]["children"] == NOTHING_HOLDS
    assert len(_card_list(_cards(app, demo, muted, show_all=True))) == len(data)


CRAFTED_STORES = (
    None,
    [],
    "a string",
    ["garbage", 1, None],
    [{"metric_x": "sleep_hours", "metric_y": "energy"}],
    {"metric_x": "sleep_hours"},
    [{"lag_days": "x"}],
    42,
)


def test_a_crafted_store_shows_the_empty_note(app, demo):
    for store in CRAFTED_STORES:
        for show_all in (False, True):
            note = _cards(app, demo, store, show_all=show_all)
            assert note["type"] == "P", store
            assert note["props"]["children"] == KEEP_LOGGING, store


def test_a_store_with_one_broken_finding_shows_nothing_rather_than_failing(app, demo):
    data, _ = _data(app, demo, "all")
    broken = [*data[:3], {k: v for k, v in data[3].items() if k != "sample_size"}]
    note = _cards(app, demo, broken)
    assert note["props"]["children"] == KEEP_LOGGING


# update_heatmap.


def _cells(figure: dict) -> tuple[np.ndarray, np.ndarray]:
    """The muted and significant traces' z of a heatmap figure."""
    muted, significant = figure["data"]
    assert muted["type"] == significant["type"] == "heatmap"
    assert muted["name"] == "not significant" and significant["name"] == "significant"
    return _array(muted["z"]), _array(significant["z"])


def test_the_same_day_heatmap_is_symmetric_and_splits_significant_cells(app, demo):
    data, _ = _data(app, demo, "all")
    figure = _heatmap(app, demo, data, 0)
    muted, significant = _cells(figure)
    same_day = [item for item in data if item["lag_days"] == 0]
    keys = [key for key in SERIES if any(key in (i["metric_x"], i["metric_y"]) for i in same_day)]
    titles = [SERIES[key].title for key in keys]

    assert figure["data"][0]["x"] == figure["data"][0]["y"] == titles
    assert figure["data"][1]["x"] == figure["data"][1]["y"] == titles
    assert muted.shape == significant.shape == (len(keys), len(keys))
    assert not np.any(~np.isnan(muted) & ~np.isnan(significant))  # disjoint
    z = np.where(np.isnan(significant), muted, significant)
    assert np.array_equal(z, z.T, equal_nan=True)
    assert np.all(np.isnan(np.diag(z)))
    finite = z[~np.isnan(z)]
    assert np.all((finite >= -1) & (finite <= 1))
    assert finite.size == 2 * len(same_day)
    assert np.count_nonzero(~np.isnan(significant)) == 2 * sum(
        item["is_significant"] for item in same_day
    )
    for item in same_day:
        i, j = keys.index(item["metric_x"]), keys.index(item["metric_y"])
        trace = significant if item["is_significant"] else muted
        assert trace[i, j] == trace[j, i] == pytest.approx(item["correlation_value"])
    assert figure["data"][0]["opacity"] == 0.25
    assert "text" not in figure["layout"]["xaxis"].get("title", {})


def test_the_next_day_heatmap_has_rows_for_yesterday(app, demo):
    data, _ = _data(app, demo, "all")
    figure = _heatmap(app, demo, data, 1)
    muted, significant = _cells(figure)
    lagged = [item for item in data if item["lag_days"] == 1]
    keys = [key for key in SERIES if any(key in (i["metric_x"], i["metric_y"]) for i in lagged)]

    z = np.where(np.isnan(significant), muted, significant)
    assert z.shape == (len(keys), len(keys))
    assert np.count_nonzero(~np.isnan(z)) == len(lagged)  # not mirrored
    stress = _find(data, "stress", "bedtime", 1)
    assert stress["is_significant"] and stress["direction"] == "positive"
    row, col = keys.index("stress"), keys.index("bedtime")
    assert significant[row, col] == pytest.approx(stress["correlation_value"])
    assert np.isnan(z[col, row])
    assert figure["data"][1]["y"][row] == "Stress" and figure["data"][1]["x"][col] == "Bedtime"
    assert figure["layout"]["xaxis"]["title"]["text"] == "today"
    assert figure["layout"]["yaxis"]["title"]["text"] == "yesterday"


def test_a_crafted_lag_draws_the_same_day_heatmap(app, demo):
    data, _ = _data(app, demo, "all")
    same_day = _heatmap(app, demo, data, 0)
    assert same_day != _heatmap(app, demo, data, 1)
    for lag in ("x", True, False, 7, None, -1, [1], "1", {"lag": 1}):
        assert _heatmap(app, demo, data, lag) == same_day, lag


def test_an_empty_store_draws_the_not_enough_days_figure(app, demo):
    for store in CRAFTED_STORES:
        for lag in (0, 1):
            figure = _heatmap(app, demo, store, lag)
            assert figure["data"] == [], store
            assert _annotations(figure) == [EMPTY_HEATMAP], store


# update_pair.


def test_a_clicked_cell_shows_its_sentence_and_its_days(app, demo):
    data, _ = _data(app, demo, "all")
    sleep = _find(data, "sleep_hours", "energy")
    detail, figure, style = _pair(app, demo, _click("sleep_hours", "energy"), data)

    assert style == {"display": "block"}
    texts = _lines(detail)
    assert texts[0] == "Sleep and Energy"
    assert sleep["insight_text"] in texts and _statistic(sleep) in texts
    dots, trend = figure["data"]
    assert dots["mode"] == "markers" and trend["mode"] == "lines"
    xs, ys = _array(dots["x"]), _array(dots["y"])
    assert len(xs) == len(ys) == len(dots["text"]) == sleep["sample_size"]
    # Deviations from the usual: around zero, both ways, not raw hours and ratings.
    assert xs.min() < 0 < xs.max() and ys.min() < 0 < ys.max()
    assert abs(np.median(xs)) < 0.5 and abs(np.median(ys)) < 1
    line_x, line_y = _array(trend["x"]), _array(trend["y"])
    assert list(line_x) == [xs.min(), xs.max()]
    assert line_y[1] > line_y[0]  # more sleep than usual, more energy than usual
    assert figure["layout"]["xaxis"]["title"]["text"] == "Sleep vs usual, h"
    assert figure["layout"]["yaxis"]["title"]["text"] == "Energy vs usual"

    # The mirrored cell of the same-day heatmap is the same pair.
    mirrored = _pair(app, demo, _click("energy", "sleep_hours"), data)
    assert mirrored == (detail, figure, style)


def test_a_window_click_shows_that_windows_days(app, demo):
    data, _ = _data(app, demo, "90d")
    stress = _find(data, "stress", "motivation")
    detail, figure, _ = _pair(app, demo, _click("stress", "motivation"), data, "90d")
    assert stress["insight_text"] in _text(detail)
    assert len(_array(figure["data"][0]["x"])) == stress["sample_size"]
    assert stress["sample_size"] <= 90


def test_a_next_day_click_shows_the_next_day_sentence(app, demo):
    data, _ = _data(app, demo, "all")
    stress = _find(data, "stress", "bedtime", 1)
    detail, figure, style = _pair(app, demo, _click("stress", "bedtime"), data, lag=1)

    assert style == {"display": "block"}
    texts = _lines(detail)
    assert texts[0] == "Stress (the day before) and Bedtime"
    assert stress["insight_text"] in texts and _statistic(stress) in texts
    assert stress["insight_text"].startswith(
        "After days when your stress is 1 point above your usual, your bedtime that night is "
    )
    assert "later than usual" in stress["insight_text"]
    dots, trend = figure["data"]
    assert len(_array(dots["x"])) == stress["sample_size"]
    assert _array(trend["y"])[1] > _array(trend["y"])[0]
    assert figure["layout"]["xaxis"]["title"]["text"] == "Stress vs usual, the day before"


def test_a_yes_no_series_is_drawn_as_two_groups_of_days(app, demo):
    data, _ = _data(app, demo, "all")
    trained = _find(data, "trained", "energy", 1)
    assert trained["method"] == "groups"
    assert trained["days_with"] + trained["days_without"] == trained["sample_size"]
    assert min(trained["days_with"], trained["days_without"]) >= 10
    detail, figure, _ = _pair(app, demo, _click("trained", "energy"), data, lag=1)
    dots, without, with_ = figure["data"]
    assert len(_array(dots["x"])) == trained["sample_size"]
    assert set(np.round(_array(dots["x"]))) == {0.0, 1.0}  # jittered around the two groups
    assert figure["layout"]["xaxis"]["ticktext"] == ["After rest days", "After training days"]
    assert _array(with_["y"])[0] < _array(without["y"])[0]  # less energy after training
    text = _text(detail)
    assert f"{trained['days_with']:,} days with, {trained['days_without']:,} without" in text


def test_a_click_without_a_known_pair_changes_nothing(app, demo):
    data, _ = _data(app, demo, "all")
    clicks = [
        _click("sleep_hours", "sleep_hours"),  # the diagonal
        _point("Energy", "Nonsense"),
        _point("Users", "Sleep"),
        _point("energy", "sleep_hours"),  # keys, not titles
        _point("energy", "Sleep"),
        _point(None, None),
        _point(["Energy"], "Sleep"),
        _point({"Energy": 1}, "Sleep"),
        _point("Energy", 3),
        {"points": [{"x": "Energy"}]},
        {"points": [{"y": "Sleep"}]},
        {"points": [{"customdata": ["sleep_hours", "energy"]}]},
        {"points": []},
        {"points": None},
        {"points": "abc"},
        {"points": {"0": _click("sleep_hours", "energy")["points"][0]}},
        {},
        None,
        "Sleep",
        [],
        7,
    ]
    for click in clicks:
        for lag in (0, 1):
            assert _pair_post(app, demo, click, data, lag=lag).status_code == 204, click


def test_a_crafted_float_lag_reads_as_same_day_and_never_fails(app, demo):
    data, _ = _data(app, demo, "all")
    reply = _pair_post(app, demo, _click("trained", "energy"), data, lag=1.0)
    same_day = _pair(app, demo, _click("trained", "energy"), data, lag=0)
    assert callback_response(reply)[ids.INSIGHTS_PAIR]["children"] == same_day[0]


def test_a_pair_that_is_never_tested_says_why(app, demo):
    data, _ = _data(app, demo, "all")
    detail, _figure, _ = _pair(app, demo, _click("trained", "sets"), data, lag=0)
    assert _lines(detail) == [
        "Trained and Working sets",
        "This pair is not tested: the two say the same thing, or one is worked out from the "
        "other, so a link between them would tell you nothing.",
    ]


def test_a_click_without_a_store_still_shows_only_the_users_days(app, demo):
    detail, figure, _ = _pair(app, demo, _click("sleep_hours", "energy"), None)
    assert _lines(detail) == ["Sleep and Energy", TOO_FEW_DAYS]
    data, _ = _data(app, demo, "all")
    points = len(_array(figure["data"][0]["x"]))
    assert points == _find(data, "sleep_hours", "energy")["sample_size"]


# Isolation.


def test_another_user_never_sees_the_demo_users_findings(app, demo, bob_client):
    data, _ = _data(app, demo, "all")
    demo_rows = {key: row.computed_at for key, row in _stored(app).items()}

    reply = _data_post(app, bob_client, "all")
    assert callback_response(reply) == {
        ids.INSIGHTS_DATA: {"data": []},
        ids.INSIGHTS_COUNT: {"children": NOT_ENOUGH},
        ids.INSIGHTS_RECOMPUTING: {"is_open": False},
        ids.INSIGHTS_RECOMPUTING_TEXT: {"children": ""},
        ids.INSIGHTS_POLL: {"disabled": True},
    }
    assert _data(app, bob_client, "90d") == ([], NOT_ENOUGH)
    assert _stored(app, "bob") == {}
    assert {key: row.computed_at for key, row in _stored(app).items()} == demo_rows

    # Bob's empty store: the empty note and the empty heatmap.
    assert _cards(app, bob_client, [])["props"]["children"] == KEEP_LOGGING
    assert _annotations(_heatmap(app, bob_client, [], 0)) == [EMPTY_HEATMAP]

    # Even with the demo's findings pasted into his store, every day drawn is Bob's: none.
    detail, figure, style = _pair(app, bob_client, _click("sleep_hours", "energy"), data)
    assert figure["data"] == []
    assert _annotations(figure) == [TOO_FEW_POINTS]
    assert style == {"display": "block"}
    detail, figure, _ = _pair(app, bob_client, _click("sleep_hours", "energy"), [])
    assert TOO_FEW_DAYS in _text(detail)
    assert figure["data"] == []
    cards = _card_list(_cards(app, bob_client, data))
    assert len(cards) == min(12, sum(item["is_significant"] for item in data))
    for chart in [graph for card in cards for graph in _graphs(card)]:
        assert chart["figure"]["data"] == []
        assert _annotations(chart["figure"]) == [TOO_FEW_POINTS]


def test_the_logged_in_user_is_the_only_source_of_days(app, demo, bob_client):
    """Bob logs 20 days where energy follows sleep; each user's findings are their own."""
    bob_id = _user_id(app, "bob")
    today = _user_today()
    with get_database(app).session_factory() as session:
        # Irregular nights and stress (a strict cycle would be a few days repeated).
        nights = random.Random(5).choices(range(5, 10), k=20)
        stress = random.Random(6).choices(range(1, 8), k=20)
        for offset, hours in enumerate(nights):
            day = today - timedelta(days=offset)
            midnight = datetime.combine(day, datetime.min.time())
            entry = DailyEntryInput(
                date=day,
                sleep_start=midnight - timedelta(hours=1),
                sleep_end=midnight + timedelta(hours=hours - 1),
                energy_level=hours,
                stress_level=stress[offset],
            )
            daily_log.save_entry(session, bob_id, entry)
        session.commit()

    bobs, count = _data(app, bob_client, "all")
    demos, _ = _data(app, demo, "all")
    assert count == "2 findings hold up, out of 8 pairs tested."
    found = [(i["metric_x"], i["metric_y"], i["lag_days"], i["is_significant"]) for i in bobs]
    assert found[:2] == [("sleep_hours", "energy", 0, True), ("wake_time", "energy", 0, True)]
    assert set(found[2:]) == {
        ("stress", "sleep_hours", 1, False),
        ("stress", "wake_time", 1, False),
        ("stress", "energy", 1, False),
        ("stress", "energy", 0, False),
        ("sleep_hours", "stress", 0, False),
        ("wake_time", "stress", 0, False),
    }
    cards = _card_list(_cards(app, bob_client, bobs))
    assert len(cards) == 2
    for card in cards:
        (chart,) = _graphs(card)
        assert len(_array(chart["figure"]["data"][0]["x"])) == 20
    assert bobs and all(item["sample_size"] <= 20 for item in bobs)
    bob_sleep = _find(bobs, "sleep_hours", "energy")
    assert bob_sleep["sample_size"] == 20
    assert bob_sleep["correlation_value"] == pytest.approx(1.0)
    assert set(_stored(app, "bob")) == {(i["metric_x"], i["metric_y"], i["lag_days"]) for i in bobs}
    assert len(_stored(app)) == len(demos)
    assert _find(demos, "sleep_hours", "energy")["sample_size"] > 20

    # The same click gives each user their own days, whatever the store says.
    _, bob_figure, _ = _pair(app, bob_client, _click("sleep_hours", "energy"), demos)
    _, demo_figure, _ = _pair(app, demo, _click("sleep_hours", "energy"), bobs)
    assert len(_array(bob_figure["data"][0]["x"])) == 20
    assert (
        len(_array(demo_figure["data"][0]["x"]))
        == _find(demos, "sleep_hours", "energy")["sample_size"]
    )
    body = json.dumps(callback_response(_data_post(app, bob_client, "all")))
    for item in demos:
        if (item["metric_x"], item["metric_y"], item["lag_days"]) not in {
            (i["metric_x"], i["metric_y"], i["lag_days"]) for i in bobs
        }:
            assert item["insight_text"] not in body
