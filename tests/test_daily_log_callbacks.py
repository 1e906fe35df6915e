"""The daily log page's callbacks, posted as the browser posts them."""

import base64
from datetime import UTC, date, datetime

import numpy as np
import pytest
from sqlalchemy import select

from dashboard_app.database import get_database
from dashboard_app.ui import ids
from db.models import DailyMetric, User
from tests.helpers import (
    AuthActions,
    callback_response,
    make_user,
    payload_for,
    post_callback,
)

F = ids.DAILY_FIELDS
DAY = "2026-03-10"


def _post(app, client, trigger, value, values=None):
    return post_callback(client, payload_for(app, trigger, value, values))


def _form(**typed):
    """(id, "value") pairs for a filled-in form; unnamed fields stay blank."""
    values = {(ids.DAILY_DATE, "value"): DAY}
    for name, field_id in F.items():
        values[(field_id, "value")] = typed.get(name, "" if name.endswith("_level") else None)
    return values


def _save(app, client, **typed):
    return callback_response(_post(app, client, (ids.DAILY_SAVE, "n_clicks"), 1, _form(**typed)))


def _rows(app, username="alice"):
    with get_database(app).session_factory() as session:
        user_id = session.scalar(select(User.id).where(User.username == username))
        return session.scalars(select(DailyMetric).where(DailyMetric.user_id == user_id)).all()


def _set_unit(app, unit):
    with get_database(app).session_factory() as session:
        session.scalar(select(User).where(User.username == "alice")).weight_unit = unit
        session.commit()


def test_saving_a_valid_day_stores_it_in_si_units(app, logged_in):
    _set_unit(app, "lb")
    reply = _save(
        app,
        logged_in,
        sleep_start="2026-03-09T23:30",
        sleep_end="2026-03-10T07:00",
        energy_level=7,
        stress_level=3,
        weight=176.4,
        water=64,
        calories=2500,
        meals="Oats, chicken and rice",
    )
    assert "Saved Tuesday 10 March 2026" in str(reply[ids.DAILY_STATUS])
    assert reply[ids.DAILY_CHANGED]["data"] == 1
    (row,) = _rows(app)
    assert row.date == date(2026, 3, 10)
    assert row.weight == pytest.approx(80.01, abs=0.01)
    assert row.water == pytest.approx(1892.7, abs=0.1)
    assert (row.energy_level, row.stress_level, row.motivation_level) == (7, 3, None)
    assert row.sleep_end.hour == 7


def test_invalid_input_is_shown_at_each_field_and_nothing_is_saved(app, logged_in):
    _set_unit(app, "lb")
    reply = _save(
        app,
        logged_in,
        sleep_start="2026-03-10T08:00",
        sleep_end="2026-03-10T07:00",
        weight=2000,
        calories=-5,
        energy_level=12,
    )
    assert reply[F["weight"]]["invalid"] is True
    assert "lb" in reply[f"{F['weight']}-feedback"]["children"]  # the user's own unit
    assert reply[F["calories"]]["invalid"] is True
    assert reply[F["sleep_end"]]["invalid"] is True
    assert reply[f"{F['energy_level']}-feedback"]["children"]
    assert reply[F["meals"]]["invalid"] is False
    assert "Not saved" in str(reply[ids.DAILY_STATUS])
    assert _rows(app) == []


@pytest.mark.parametrize(
    "typed",
    [
        {"weight": "eighty"},
        {"energy_level": "9; DROP TABLE daily_metrics"},
        {"calories": [1, 2]},
        {"sleep_start": {"$gt": ""}, "sleep_end": "2026-03-10T07:00"},
        {"meals": 12345},
    ],
)
def test_crafted_values_get_field_errors_not_500s(app, logged_in, typed):
    reply = _save(app, logged_in, **typed)
    assert "Not saved" in str(reply[ids.DAILY_STATUS])
    assert _rows(app) == []


@pytest.mark.parametrize("day", [None, "", "not-a-date", "2026-02-30", 20260310])
def test_a_bad_date_is_refused_at_the_date_field(app, logged_in, day):
    values = _form(energy_level=5)
    values[(ids.DAILY_DATE, "value")] = day
    reply = callback_response(_post(app, logged_in, (ids.DAILY_SAVE, "n_clicks"), 1, values))
    assert reply[f"{ids.DAILY_DATE}-feedback"]["children"]
    assert _rows(app) == []


def test_choosing_a_day_loads_it_and_saving_again_updates_it(app, logged_in):
    _save(app, logged_in, energy_level=4, weight=80.0)
    loaded = callback_response(_post(app, logged_in, (ids.DAILY_DATE, "value"), DAY))
    assert loaded[F["energy_level"]]["value"] == 4
    assert loaded[F["weight"]]["value"] == 80.0
    assert loaded[F["motivation_level"]]["value"] == ""
    assert loaded[ids.DAILY_DELETE]["disabled"] is False
    assert loaded[ids.DAILY_WEIGHT_UNIT]["children"] == "kg"
    updated = _save(app, logged_in, energy_level=8, weight=80.5)
    assert "Updated" in str(updated[ids.DAILY_STATUS])
    (row,) = _rows(app)
    assert (row.energy_level, row.weight) == (8, 80.5)
    empty = callback_response(_post(app, logged_in, (ids.DAILY_DATE, "value"), "2026-03-11"))
    assert empty[F["energy_level"]]["value"] == "" and empty[F["weight"]]["value"] is None
    assert empty[ids.DAILY_DELETE]["disabled"] is True


def test_copy_yesterday_fills_meals_and_nutrition_only(app, logged_in):
    values = _form(meals="Oats", calories=2400, protein=160, weight=80.0, energy_level=6)
    values[(ids.DAILY_DATE, "value")] = "2026-03-09"
    callback_response(_post(app, logged_in, (ids.DAILY_SAVE, "n_clicks"), 1, values))
    reply = callback_response(
        _post(app, logged_in, (ids.DAILY_COPY, "n_clicks"), 1, {(ids.DAILY_DATE, "value"): DAY})
    )
    assert reply[F["meals"]]["value"] == "Oats"
    assert reply[F["calories"]]["value"] == 2400
    assert F["weight"] not in reply and F["energy_level"] not in reply
    assert len(_rows(app)) == 1  # copying does not save
    nothing = callback_response(
        _post(
            app,
            logged_in,
            (ids.DAILY_COPY, "n_clicks"),
            1,
            {(ids.DAILY_DATE, "value"): "2026-01-01"},
        )
    )
    assert "No entry in the week before" in str(nothing)


def test_delete_asks_first_and_removes_only_the_users_own_entry(app, logged_in):
    saved = _save(app, logged_in, energy_level=4)
    entry_id = saved[ids.DAILY_ENTRY_ID]["data"]
    dialog = callback_response(
        _post(app, logged_in, (ids.DAILY_DELETE, "n_clicks"), 1, {(ids.DAILY_DATE, "value"): DAY})
    )
    assert dialog[ids.DAILY_DELETE_MODAL]["is_open"] is True
    assert "10 March 2026" in dialog[ids.DAILY_DELETE_TEXT]["children"]
    assert len(_rows(app)) == 1  # opening the dialog deletes nothing

    make_user(app, "bob")
    bob = app.test_client()
    AuthActions(bob).login("bob")
    crafted = callback_response(
        _post(
            app,
            bob,
            (ids.DAILY_DELETE_CONFIRM, "n_clicks"),
            1,
            {(ids.DAILY_ENTRY_ID, "data"): entry_id},
        )
    )
    assert "nothing to delete" in str(crafted)
    assert len(_rows(app)) == 1

    done = callback_response(
        _post(
            app,
            logged_in,
            (ids.DAILY_DELETE_CONFIRM, "n_clicks"),
            1,
            {(ids.DAILY_ENTRY_ID, "data"): entry_id},
        )
    )
    assert "Deleted Tuesday 10 March 2026" in str(done)
    assert done[ids.DAILY_ENTRY_ID]["data"] is None
    assert _rows(app) == []


def test_history_rows_come_from_the_server_in_pages_and_the_users_units(app, logged_in):
    for day in range(1, 21):
        values = _form(weight=80.0 + day / 10, energy_level=day % 10 + 1)
        values[(ids.DAILY_DATE, "value")] = f"2026-03-{day:02d}"
        callback_response(_post(app, logged_in, (ids.DAILY_SAVE, "n_clicks"), 1, values))
    _set_unit(app, "lb")
    request = {"startRow": 0, "endRow": 5, "sortModel": [], "filterModel": {}}
    reply = callback_response(_post(app, logged_in, (ids.DAILY_GRID, "getRowsRequest"), request))
    response = reply[ids.DAILY_GRID]["getRowsResponse"]
    assert response["rowCount"] == 20
    assert [row["date"] for row in response["rowData"]] == [
        f"2026-03-{day:02d}" for day in (20, 19, 18, 17, 16)
    ]
    assert response["rowData"][0]["weight"] == pytest.approx(180.8, abs=0.05)  # 82 kg in lb

    filtered = callback_response(
        _post(
            app,
            logged_in,
            (ids.DAILY_GRID, "getRowsRequest"),
            {"startRow": 0, "endRow": 100, "sortModel": [{"colId": "weight", "sort": "asc"}]},
            {
                (ids.DAILY_HISTORY_FROM, "value"): "2026-03-05",
                (ids.DAILY_HISTORY_TO, "value"): "2026-03-07",
            },
        )
    )
    rows = filtered[ids.DAILY_GRID]["getRowsResponse"]["rowData"]
    assert [row["date"] for row in rows] == ["2026-03-05", "2026-03-06", "2026-03-07"]


@pytest.mark.parametrize(
    "request_body",
    [None, "rows please", {"startRow": "0"}, {"sortModel": "weight"}, {"sortModel": [7]}],
)
def test_crafted_grid_requests_do_not_fail(app, logged_in, request_body):
    reply = _post(app, logged_in, (ids.DAILY_GRID, "getRowsRequest"), request_body)
    assert reply.status_code in (200, 204)


def test_choosing_a_history_row_opens_that_day(app, logged_in):
    reply = callback_response(
        _post(app, logged_in, (ids.DAILY_GRID, "selectedRows"), [{"date": "2026-03-04"}])
    )
    assert reply[ids.DAILY_DATE]["value"] == "2026-03-04"
    assert (
        _post(app, logged_in, (ids.DAILY_GRID, "selectedRows"), [{"date": "<script>"}]).status_code
        == 204
    )


def _decoded(values):
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return np.asarray(values, dtype=float)


def test_trend_charts_show_the_users_data_in_their_unit(app, logged_in):
    today = datetime.now(UTC).date()  # the user's zone is UTC until their browser says more
    values = _form(weight=80.0, energy_level=6)
    values[(ids.DAILY_DATE, "value")] = today.isoformat()
    callback_response(_post(app, logged_in, (ids.DAILY_SAVE, "n_clicks"), 1, values))
    _set_unit(app, "lb")
    reply = callback_response(
        _post(app, logged_in, (ids.DAILY_RANGE, "value"), "30d", {(ids.DAILY_CHANGED, "data"): 1})
    )
    weight = reply[ids.DAILY_CHARTS["weight"]]["figure"]
    weights = _decoded(weight["data"][0]["y"])
    assert weights[-1] == pytest.approx(176.37, abs=0.01)
    assert "lb" in weight["layout"]["yaxis"]["title"]["text"]
    wellbeing = reply[ids.DAILY_CHARTS["wellbeing"]]["figure"]
    energy = next(trace for trace in wellbeing["data"] if trace["name"] == "Energy")
    assert _decoded(energy["y"])[-1] == 6


def test_oversized_and_out_of_range_input_is_refused_not_crashed(app, logged_in):
    _set_unit(app, "lb")
    reply = _save(app, logged_in, weight=10**400, water=float("inf"))
    assert reply[F["weight"]]["invalid"] is True and reply[F["water"]]["invalid"] is True
    values = _form(energy_level=5)
    values[(ids.DAILY_DATE, "value")] = "0026-03-10"  # a mistyped year
    values[(ids.DAILY_CHANGED, "data")] = "x"
    reply = callback_response(_post(app, logged_in, (ids.DAILY_SAVE, "n_clicks"), 1, values))
    assert "between 1900 and 2100" in reply[f"{ids.DAILY_DATE}-feedback"]["children"]
    assert _rows(app) == []
    values[(ids.DAILY_DATE, "value")] = DAY
    reply = callback_response(_post(app, logged_in, (ids.DAILY_SAVE, "n_clicks"), 1, values))
    assert reply[ids.DAILY_CHANGED]["data"] == 1  # a crafted counter restarts, the save stands
    assert len(_rows(app)) == 1
    far = {"startRow": 10**20, "endRow": 10**20 + 100, "sortModel": []}
    grid = callback_response(_post(app, logged_in, (ids.DAILY_GRID, "getRowsRequest"), far))
    assert grid[ids.DAILY_GRID]["getRowsResponse"]["rowCount"] == 1
    copied = _post(
        app, logged_in, (ids.DAILY_COPY, "n_clicks"), 1, {(ids.DAILY_DATE, "value"): "0001-01-02"}
    )
    assert copied.status_code == 204
