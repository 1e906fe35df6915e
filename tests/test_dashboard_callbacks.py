"""Dashboard callbacks through real payloads: widget loading, every edit, and crafted ids."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import delete, update

from dashboard_app.database import get_database
from dashboard_app.services import dashboard
from dashboard_app.services.preferences import user_today
from dashboard_app.ui import ids
from dashboard_app.widget_catalogue import WIDGET_KINDS, default_layout
from db.models import DailyMetric, DashboardPreference, DashboardWidget
from tests.helpers import (
    callback_response,
    component_key,
    find_components,
    make_user,
    pattern_payload,
    post_callback,
)

SETTINGS = ids.DASHBOARD_SETTINGS_FIELDS


def _widgets(app, user_id):
    with get_database(app).session_factory() as session:
        return dashboard.load_widgets(session, user_id)


def _by_type(app, user_id, widget_type):
    return next(w for w in _widgets(app, user_id) if w.widget_type == widget_type)


def _order(widgets):
    return [w.id for w in widgets if w.is_visible]


def _page(widgets, extra=()):
    """The pattern components a page with these widgets holds."""
    shown = _order(widgets)
    present = {
        kind: shown
        for kind in (
            ids.WIDGET_HIDE,
            ids.WIDGET_MOVE_EARLIER,
            ids.WIDGET_MOVE_LATER,
            ids.WIDGET_SETTINGS,
            ids.WIDGET_REMOVE,
        )
    }
    present[ids.WIDGET_SHOW] = [w.id for w in widgets if not w.is_visible]
    present[ids.WIDGET_ADD] = list(WIDGET_KINDS)
    present.update(extra)
    return present


def _click(app, client, kind, index, order, remove_id=None):
    widgets = _widgets(app, _alice(app))
    payload = pattern_payload(
        app,
        ({"type": kind, "index": index}, "n_clicks"),
        1,
        present=_page(widgets),
        values={
            (ids.DASHBOARD_ORDER, "data"): order,
            (ids.DASHBOARD_REMOVE_WIDGET, "data"): remove_id,
        },
        output=ids.DASHBOARD_GRID,
    )
    return post_callback(client, payload)


def _alice(app):
    from sqlalchemy import select

    from db.models import User

    with get_database(app).session_factory() as session:
        return session.scalar(select(User.id).where(User.username == "alice"))


@pytest.fixture
def bobs_widget(app):
    bob = make_user(app, "bob")
    return _widgets(app, bob.id)[0], bob


def _operations(patch):
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    return [(op["operation"], op["location"]) for op in patch["operations"]]


def _apply(order, patch):
    """The widget ids of the page's cards after the browser applies patch, in page order."""
    cards = list(order)
    for op in patch["operations"]:
        kind, location, params = op["operation"], op["location"], op["params"]
        card_id = params.get("value", params.get("item", {})).get("props", {}).get("id")
        widget_id = int(card_id.removeprefix("widget-")) if card_id else None
        if kind == "Delete":
            del cards[location[0]]
        elif kind == "Append":
            cards.append(widget_id)
        elif kind == "Insert":
            cards.insert(params["index"], widget_id)
        elif kind == "Assign":
            cards[location[0]] = widget_id
        else:
            raise AssertionError(f"unexpected patch operation {kind}")
    return cards


def _reading_order(app, user_id):
    shown = [w for w in _widgets(app, user_id) if w.is_visible]
    return [w.id for w in sorted(shown, key=lambda w: (w.y, w.x, w.id))]


# --- loading ------------------------------------------------------------------------------


def _body_payload(app, widget_id, range_value="30d", trigger="reload"):
    body = {"type": ids.WIDGET_BODY, "index": widget_id}
    reload = {"type": ids.WIDGET_RELOAD, "index": widget_id}
    values = {
        (component_key(reload), "data"): 0,
        (ids.DASHBOARD_RANGE, "value"): range_value,
        (component_key(body), "id"): body,
    }
    if trigger == "reload":
        return pattern_payload(app, (reload, "data"), 0, values=values)
    payload = pattern_payload(app, (reload, "data"), 0, values=values)
    payload["changedPropIds"] = [f"{ids.DASHBOARD_RANGE}.value"]
    return payload


def test_a_widget_loads_its_own_data_in_the_users_unit(app, logged_in, user):
    with get_database(app).session_factory() as session:
        today = user_today(session, user.id)
        session.get(type(user), user.id).weight_unit = "lb"
        session.add_all(
            DailyMetric(user_id=user.id, date=today - timedelta(days=n), weight=80.0 + n)
            for n in range(40)
        )
        session.commit()
    weight = _by_type(app, user.id, "body_weight")
    reply = callback_response(post_callback(logged_in, _body_payload(app, weight.id, "7d")))
    content = reply[f'{{"index":{weight.id},"type":"widget-body"}}']["children"]
    (frame,) = find_components(content, lambda props: props.get("role") == "img")
    assert frame["aria-label"] == "Body weight chart, lb"
    (graph,) = find_components(content, lambda props: "figure" in props)
    shown_days = {x[:10] for trace in graph["figure"]["data"] for x in trace["x"]}
    # Seven days of weigh-ins: today back to six days ago.
    assert shown_days == {(today - timedelta(days=n)).isoformat() for n in range(7)}


def test_the_range_switch_skips_widgets_that_do_not_follow_it(app, logged_in, user):
    recent = _by_type(app, user.id, "recent_sessions")
    assert WIDGET_KINDS["recent_sessions"].uses_range is False
    reply = post_callback(logged_in, _body_payload(app, recent.id, "90d", trigger="range"))
    assert reply.status_code == 204
    reply = post_callback(logged_in, _body_payload(app, recent.id, "90d"))
    assert "No sessions logged yet" in str(callback_response(reply))


def test_a_widget_with_its_own_range_keeps_it_when_the_dashboard_switches(app, logged_in, user):
    weight = _by_type(app, user.id, "body_weight")
    with get_database(app).session_factory() as session:
        settings = dashboard.WidgetSettingsInput(title="Weight", range="1y", w=6, h=5)
        dashboard.update_settings(session, user.id, weight.id, settings)
        session.commit()
    reply = post_callback(logged_in, _body_payload(app, weight.id, "7d", trigger="range"))
    assert reply.status_code == 204


def test_another_users_widget_is_refused_with_404_and_shows_nothing(
    app, logged_in, user, bobs_widget
):
    widget, _bob = bobs_widget
    reply = post_callback(logged_in, _body_payload(app, widget.id))
    assert reply.status_code == 404
    assert "There is no such widget" in reply.get_data(as_text=True)


@pytest.mark.parametrize("crafted", [["30d"], {"a": 1}, 30, None, "forever"])
def test_a_crafted_dashboard_range_falls_back_to_30_days(app, logged_in, user, crafted):
    with get_database(app).session_factory() as session:
        today = user_today(session, user.id)
        session.add_all(
            DailyMetric(user_id=user.id, date=today - timedelta(days=n), weight=70.0)
            for n in range(60)
        )
        session.commit()
    weight = _by_type(app, user.id, "body_weight")
    reply = callback_response(post_callback(logged_in, _body_payload(app, weight.id, crafted)))
    (graph,) = find_components(reply, lambda props: "figure" in props)
    assert len({x[:10] for trace in graph["figure"]["data"] for x in trace["x"]}) == 30


@pytest.mark.parametrize("crafted", ["1", None, True, {"index": 1}, 2**40])
def test_crafted_body_ids_are_refused(app, logged_in, user, crafted):
    body = {"type": ids.WIDGET_BODY, "index": 1}
    payload = _body_payload(app, 1)
    payload["state"][0]["value"] = {"type": ids.WIDGET_BODY, "index": crafted}
    payload["state"][0]["id"] = body
    assert post_callback(logged_in, payload).status_code == 404


# --- edits ---------------------------------------------------------------------------------


def test_add_appends_one_card_and_saves_the_widget(app, logged_in, user):
    before = _widgets(app, user.id)
    reply = callback_response(_click(app, logged_in, ids.WIDGET_ADD, "sleep", _order(before)))
    after = _widgets(app, user.id)
    (added,) = [w for w in after if w.id not in {b.id for b in before}]
    assert (added.widget_type, added.title, added.x) == ("sleep", "Sleep", 0)
    assert added.y == max(w.y + w.h for w in before)
    assert _operations(reply[ids.DASHBOARD_GRID]["children"]) == [("Append", [])]
    assert reply[ids.DASHBOARD_ORDER]["data"] == [*_order(before), added.id]
    layout = reply[ids.DASHBOARD_GRID]["layouts"]["lg"]
    assert {item["i"] for item in layout} == {f"widget-{w.id}" for w in after}
    assert reply[ids.DASHBOARD_ADD_DIALOG]["is_open"] is False


def test_two_widgets_of_one_type_are_allowed(app, logged_in, user):
    order = _order(_widgets(app, user.id))
    for _ in range(2):
        callback_response(_click(app, logged_in, ids.WIDGET_ADD, "body_weight", order))
    kinds = [w.widget_type for w in _widgets(app, user.id)]
    assert kinds.count("body_weight") == 3


def test_an_unknown_widget_type_is_refused(app, logged_in, user):
    count = len(_widgets(app, user.id))
    reply = _click(app, logged_in, ids.WIDGET_ADD, "crypto_prices", [])
    assert reply.status_code == 400
    assert len(_widgets(app, user.id)) == count


def test_hide_removes_the_card_and_lists_it_to_show_again(app, logged_in, user):
    widgets = _widgets(app, user.id)
    order = _order(widgets)
    target = widgets[1]
    reply = callback_response(_click(app, logged_in, ids.WIDGET_HIDE, target.id, order))
    assert _operations(reply[ids.DASHBOARD_GRID]["children"]) == [("Delete", [1])]
    assert reply[ids.DASHBOARD_ORDER]["data"] == [i for i in order if i != target.id]
    tray = reply[ids.DASHBOARD_HIDDEN]["children"]
    assert find_components(
        tray, lambda p: p.get("id") == {"type": ids.WIDGET_SHOW, "index": target.id}
    )
    assert _by_type(app, user.id, target.widget_type).is_visible is False

    new_order = reply[ids.DASHBOARD_ORDER]["data"]
    reply = callback_response(_click(app, logged_in, ids.WIDGET_SHOW, target.id, new_order))
    assert _operations(reply[ids.DASHBOARD_GRID]["children"]) == [("Append", [])]
    assert reply[ids.DASHBOARD_ORDER]["data"] == [*new_order, target.id]
    assert next(w for w in _widgets(app, user.id) if w.id == target.id).is_visible


def test_remove_deletes_after_the_confirmation(app, logged_in, user):
    widgets = _widgets(app, user.id)
    target = widgets[0]
    payload = pattern_payload(
        app,
        (ids.DASHBOARD_REMOVE_CONFIRM, "n_clicks"),
        1,
        present=_page(widgets),
        values={
            (ids.DASHBOARD_ORDER, "data"): _order(widgets),
            (ids.DASHBOARD_REMOVE_WIDGET, "data"): target.id,
        },
        output=ids.DASHBOARD_GRID,
    )
    reply = callback_response(post_callback(logged_in, payload))
    assert _operations(reply[ids.DASHBOARD_GRID]["children"]) == [("Delete", [0])]
    assert reply[ids.DASHBOARD_REMOVE_DIALOG]["is_open"] is False
    assert target.id not in {w.id for w in _widgets(app, user.id)}


@pytest.mark.parametrize("order", [None, ["x"], [1, 1], "1,2", [True]])
def test_a_crafted_order_from_the_browser_rebuilds_the_whole_grid(app, logged_in, user, order):
    widgets = _widgets(app, user.id)
    reply = callback_response(_click(app, logged_in, ids.WIDGET_HIDE, widgets[0].id, order))
    children = reply[ids.DASHBOARD_GRID]["children"]
    assert isinstance(children, list) and len(children) == len(widgets) - 1
    assert reply[ids.DASHBOARD_ORDER]["data"] == _reading_order(app, user.id)


def test_move_earlier_swaps_places_with_the_widget_before(app, logged_in, user):
    widgets = _widgets(app, user.id)
    ordered = sorted((w for w in widgets if w.is_visible), key=lambda w: (w.y, w.x))
    second, first = ordered[1], ordered[0]
    reply = callback_response(
        _click(app, logged_in, ids.WIDGET_MOVE_EARLIER, second.id, _order(widgets))
    )
    moved = {w.id: w for w in _widgets(app, user.id)}
    assert (moved[second.id].y, moved[second.id].x) <= (moved[first.id].y, moved[first.id].x)
    page_order = _apply(_order(widgets), reply[ids.DASHBOARD_GRID]["children"])
    assert page_order == reply[ids.DASHBOARD_ORDER]["data"] == _reading_order(app, user.id)
    layout = {item["i"]: item for item in reply[ids.DASHBOARD_GRID]["layouts"]["lg"]}
    assert layout[f"widget-{second.id}"]["y"] == moved[second.id].y
    # Already first: nothing to do.
    assert (
        _click(app, logged_in, ids.WIDGET_MOVE_EARLIER, second.id, _order(widgets)).status_code
        == 204
    )


def test_reset_brings_back_the_default_layout(app, logged_in, user):
    widgets = _widgets(app, user.id)
    _click(app, logged_in, ids.WIDGET_HIDE, widgets[0].id, _order(widgets))
    payload = pattern_payload(
        app,
        (ids.DASHBOARD_RESET_CONFIRM, "n_clicks"),
        1,
        present=_page(_widgets(app, user.id)),
        values={(ids.DASHBOARD_ORDER, "data"): []},
        output=ids.DASHBOARD_GRID,
    )
    reply = callback_response(post_callback(logged_in, payload))
    after = _widgets(app, user.id)
    assert [(w.widget_type, w.x, w.y, w.w, w.h) for w in after] == [
        (s.widget_type, s.x, s.y, s.w, s.h) for s in default_layout()
    ]
    assert len(reply[ids.DASHBOARD_GRID]["children"]) == len(after)
    assert reply[ids.DASHBOARD_HIDDEN]["children"] == []


# --- settings ------------------------------------------------------------------------------


def _settings(app, client, widget_id, order, **fields):
    values = {(SETTINGS[name], "value"): value for name, value in fields.items()}
    values[(ids.DASHBOARD_SETTINGS_WIDGET, "data")] = widget_id
    values[(ids.DASHBOARD_ORDER, "data")] = order
    payload = pattern_payload(app, (ids.DASHBOARD_SETTINGS_SAVE, "n_clicks"), 1, values=values)
    return post_callback(client, payload)


def test_settings_rename_resize_and_set_an_own_range(app, logged_in, user):
    widgets = _widgets(app, user.id)
    target = widgets[1]
    reply = callback_response(
        _settings(
            app,
            logged_in,
            target.id,
            _order(widgets),
            title="  Weight,  long view ",
            range="1y",
            w=12.0,
            h=6,
        )
    )
    saved = next(w for w in _widgets(app, user.id) if w.id == target.id)
    assert (saved.title, saved.range, saved.w, saved.h) == ("Weight, long view", "1y", 12, 6)
    # That card is rebuilt (it loads again with its new range); the ones it pushed down move
    # in the page to keep reading order; the rest keep their loaded data.
    patch = reply[ids.DASHBOARD_GRID]["children"]
    assert _operations(patch)[0] == ("Assign", [1])
    assert _apply(_order(widgets), patch) == _reading_order(app, user.id)
    assert reply[ids.DASHBOARD_ORDER]["data"] == _reading_order(app, user.id)
    untouched = [w.id for w in widgets if w.y < target.y]
    assert all(("Delete", [_order(widgets).index(i)]) not in _operations(patch) for i in untouched)
    assert reply[ids.DASHBOARD_SETTINGS_DIALOG]["is_open"] is False
    layout = reply[ids.DASHBOARD_GRID]["layouts"]["lg"]
    for item in layout:  # the widgets it now covers were pushed down
        for other in layout:
            if item is not other:
                assert (
                    item["x"] + item["w"] <= other["x"]
                    or other["x"] + other["w"] <= item["x"]
                    or item["y"] + item["h"] <= other["y"]
                    or other["y"] + other["h"] <= item["y"]
                )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "   "}, "title", "at least 1 character"),
        ({"title": "x" * 81}, "title", "at most 80"),
        ({"w": 13}, "w", "less than or equal to 12"),
        ({"w": 1}, "w", "at least"),  # below the type's smallest width
        ({"h": 0}, "h", "greater than or equal to 1"),
        ({"h": "tall"}, "h", "valid integer"),
        ({"range": "2w"}, "range", None),
    ],
)
def test_bad_settings_show_at_the_field_and_save_nothing(
    app, logged_in, user, fields, field, message
):
    widgets = _widgets(app, user.id)
    target = widgets[1]
    values = {"title": "New name", "range": "follow", "w": 6, "h": 5, **fields}
    reply = _settings(app, logged_in, target.id, _order(widgets), **values)
    assert _widgets(app, user.id) == widgets
    if field == "range":  # a select offers no such value: only a crafted request sends it
        assert reply.status_code == 400
        assert "range" in reply.get_data(as_text=True)
        return
    body = callback_response(reply)
    assert body[SETTINGS[field]]["invalid"] is True
    assert message in body[f"{SETTINGS[field]}-feedback"]["children"]
    assert ids.DASHBOARD_SETTINGS_DIALOG not in body  # stays open


def test_the_settings_dialog_opens_filled_in_for_the_clicked_widget(app, logged_in, user):
    widgets = _widgets(app, user.id)
    target = widgets[2]
    payload = pattern_payload(
        app,
        ({"type": ids.WIDGET_SETTINGS, "index": target.id}, "n_clicks"),
        1,
        present=_page(widgets),
    )
    reply = callback_response(post_callback(logged_in, payload))
    assert reply[ids.DASHBOARD_SETTINGS_DIALOG]["is_open"] is True
    assert reply[ids.DASHBOARD_SETTINGS_WIDGET]["data"] == target.id
    assert reply[SETTINGS["title"]]["value"] == target.title
    assert reply[SETTINGS["range"]]["value"] == "follow"
    assert (reply[SETTINGS["w"]]["value"], reply[SETTINGS["h"]]["value"]) == (target.w, target.h)


# --- the grid's drags and resizes ----------------------------------------------------------


def _layouts_payload(app, layouts):
    return pattern_payload(app, (ids.DASHBOARD_GRID, "layouts"), layouts)


def _items(widgets, **changes):
    items = [
        {
            "i": f"widget-{w.id}",
            "x": w.x,
            "y": w.y,
            "w": w.w,
            "h": w.h,
            "moved": False,
            "static": False,
        }
        for w in widgets
        if w.is_visible
    ]
    for item in items:
        item.update(changes.get(item["i"], {}))
    return items


def test_a_drag_or_resize_is_saved_and_an_echo_writes_nothing(app, logged_in, user):
    widgets = _widgets(app, user.id)
    target = widgets[0]
    items = _items(widgets, **{f"widget-{target.id}": {"x": 0, "y": 30, "w": 5, "h": 7}})
    reply = callback_response(post_callback(logged_in, _layouts_payload(app, {"lg": items})))
    assert reply[ids.DASHBOARD_STATUS]["children"] == "Layout saved."
    saved = next(w for w in _widgets(app, user.id) if w.id == target.id)
    assert (saved.x, saved.y, saved.w, saved.h) == (0, 30, 5, 7)
    # The grid sends the same layout back after the server set it: nothing to save.
    again = post_callback(logged_in, _layouts_payload(app, {"lg": items}))
    assert again.status_code == 204


def test_the_phone_layout_is_never_stored(app, logged_in, user):
    widgets = _widgets(app, user.id)
    phone = [{**item, "x": 0, "w": 1} for item in _items(widgets)]
    reply = post_callback(logged_in, _layouts_payload(app, {"lg": _items(widgets), "xs": phone}))
    assert reply.status_code == 204
    assert _widgets(app, user.id) == widgets


@pytest.mark.parametrize(
    "change",
    [
        {"x": 10, "w": 6},  # past the right edge
        {"h": 0},
        {"y": -1},
        {"w": "wide"},
        {"i": "widget-abc"},
        {"i": None},
    ],
)
def test_impossible_boxes_are_refused_with_400_and_nothing_is_saved(app, logged_in, user, change):
    widgets = _widgets(app, user.id)
    items = _items(widgets, **{f"widget-{widgets[0].id}": change})
    items[1]["y"] += 40  # a valid change in the same layout is not saved either
    reply = post_callback(logged_in, _layouts_payload(app, {"lg": items}))
    assert reply.status_code == 400
    assert _widgets(app, user.id) == widgets


@pytest.mark.parametrize("crafted", [None, "lg", ["x"], {"lg": "x"}, {"lg": ["x"]}, 7])
def test_crafted_layouts_never_500(app, logged_in, user, crafted):
    widgets = _widgets(app, user.id)
    reply = post_callback(logged_in, _layouts_payload(app, crafted))
    assert reply.status_code in (204, 400)
    assert _widgets(app, user.id) == widgets


# --- other users' widgets ------------------------------------------------------------------


def test_every_edit_of_another_users_widget_is_refused(app, logged_in, user, bobs_widget):
    widget, bob = bobs_widget
    bobs_before = _widgets(app, bob.id)
    mine = _order(_widgets(app, user.id))
    for kind in (ids.WIDGET_HIDE, ids.WIDGET_SHOW, ids.WIDGET_MOVE_EARLIER, ids.WIDGET_MOVE_LATER):
        assert _click(app, logged_in, kind, widget.id, mine).status_code == 404, kind
    remove = pattern_payload(
        app,
        (ids.DASHBOARD_REMOVE_CONFIRM, "n_clicks"),
        1,
        values={(ids.DASHBOARD_REMOVE_WIDGET, "data"): widget.id},
        output=ids.DASHBOARD_GRID,
    )
    assert post_callback(logged_in, remove).status_code == 404
    reply = _settings(app, logged_in, widget.id, mine, title="Mine", range="", w=6, h=5)
    assert reply.status_code == 404
    opened = pattern_payload(
        app, ({"type": ids.WIDGET_SETTINGS, "index": widget.id}, "n_clicks"), 1
    )
    assert post_callback(logged_in, opened).status_code == 404
    alices = _widgets(app, user.id)
    items = _items(alices)
    items.append({"i": f"widget-{widget.id}", "x": 0, "y": 50, "w": 3, "h": 3})
    items[0]["y"] += 30  # her own change in the same layout is not saved either
    reply = callback_response(post_callback(logged_in, _layouts_payload(app, {"lg": items})))
    # Nothing moves; she gets her dashboard as it is (what a tab gets after another tab
    # removed a widget it still shows).
    assert "changed elsewhere" in reply[ids.DASHBOARD_STATUS]["children"]
    assert reply[ids.DASHBOARD_ORDER]["data"] == _reading_order(app, user.id)
    assert f"'widget-{widget.id}'" not in str(reply[ids.DASHBOARD_GRID])
    assert _widgets(app, bob.id) == bobs_before
    assert _widgets(app, user.id) == alices


def test_buttons_that_merely_appear_change_nothing(app, logged_in, user):
    widgets = _widgets(app, user.id)
    payload = pattern_payload(
        app,
        ({"type": ids.WIDGET_HIDE, "index": widgets[0].id}, "n_clicks"),
        None,
        present=_page(widgets),
        output=ids.DASHBOARD_GRID,
    )
    assert post_callback(logged_in, payload).status_code == 204
    assert _widgets(app, user.id) == widgets


def test_the_page_opens_on_the_users_default_range(app, logged_in, user):
    with get_database(app).session_factory() as session:
        dashboard.store_default_view(session, user.id, "90d")
        session.commit()
    from tests.helpers import callback_payload

    payload = callback_payload(
        [("_pages_content", "children"), ("_pages_store", "data")],
        [("_pages_location", "pathname", "/"), ("_pages_location", "search", "")],
    )
    reply = post_callback(logged_in, payload)
    content = callback_response(reply)["_pages_content"]["children"]
    (radio,) = find_components(content, lambda p: p.get("id") == ids.DASHBOARD_RANGE)
    assert radio["value"] == "90d"
    cards = find_components(content, lambda p: re.fullmatch(r"widget-\d+", str(p.get("id"))))
    assert len(cards) == len(default_layout())


def test_opening_the_dashboard_writes_nothing_and_an_older_account_is_laid_out_at_login(
    app, client, user
):
    from tests.helpers import AuthActions, callback_payload

    with get_database(app).session_factory() as session:  # as before layouts came with accounts
        session.execute(delete(DashboardWidget).where(DashboardWidget.user_id == user.id))
        session.execute(
            update(DashboardPreference)
            .where(DashboardPreference.user_id == user.id)
            .values(layout_created=False)
        )
        session.commit()
    assert AuthActions(client).login("alice").status_code == 302
    assert len(_widgets(app, user.id)) == len(default_layout())  # the login laid it out
    with get_database(app).session_factory() as session:
        session.execute(delete(DashboardWidget).where(DashboardWidget.user_id == user.id))
        session.commit()
    payload = callback_payload(
        [("_pages_content", "children"), ("_pages_store", "data")],
        [("_pages_location", "pathname", "/"), ("_pages_location", "search", "")],
    )
    content = callback_response(post_callback(client, payload))["_pages_content"]["children"]
    assert "No widgets shown" in str(content)
    assert _widgets(app, user.id) == []  # the page only read: removing them all is a choice
