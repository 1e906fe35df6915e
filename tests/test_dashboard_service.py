"""Dashboard layouts: grid placement rules, persistence, defaults once, isolation between users."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import func, select

from dashboard_app import grid
from dashboard_app.schemas.dashboard import (
    MAX_WIDGETS,
    LayoutInput,
    PlacementInput,
    WidgetSettingsInput,
)
from dashboard_app.services import dashboard
from dashboard_app.widget_catalogue import WidgetSpec, default_layout
from db.models import DashboardPreference, DashboardWidget

DEFAULTS = [
    WidgetSpec("body_weight", "Body weight", w=6, h=5, x=0, y=0),
    WidgetSpec("sleep", "Sleep", w=6, h=5, x=6, y=0),
    WidgetSpec("recent_sessions", "Recent sessions", w=12, h=4, x=0, y=5),
]


# --- grid rules (pure) ---------------------------------------------------------------------


def assert_valid(boxes: list[grid.Box]) -> None:
    for box in boxes:
        assert box.x >= 0 and box.x + box.w <= grid.COLUMNS and box.y >= 0
        for other in boxes:
            assert not grid.overlaps(box, other), (box, other)


boxes_strategy = st.lists(
    st.tuples(st.integers(0, 11), st.integers(0, 30), st.integers(1, 12), st.integers(1, 6)).map(
        lambda t: (min(t[0], grid.COLUMNS - t[2]), t[1], t[2], t[3])
    ),
    min_size=1,
    max_size=12,
).map(lambda items: [grid.Box(i + 1, x, y, w, h) for i, (x, y, w, h) in enumerate(items)])


def test_compact_floats_boxes_up_until_they_meet_one():
    boxes = [grid.Box(1, 0, 3, 6, 2), grid.Box(2, 6, 9, 6, 2), grid.Box(3, 0, 10, 12, 1)]
    assert grid.compact(boxes) == [
        grid.Box(1, 0, 0, 6, 2),
        grid.Box(2, 6, 0, 6, 2),
        grid.Box(3, 0, 2, 12, 1),
    ]


@settings(max_examples=150, deadline=None)
@given(boxes_strategy, st.data())
def test_settle_keeps_the_fixed_box_and_leaves_no_overlap(boxes, data):
    fixed = data.draw(st.sampled_from(boxes))
    settled = grid.settle(boxes, fixed.id)
    assert sorted(box.id for box in settled) == sorted(box.id for box in boxes)
    assert_valid(settled)
    (after,) = [box for box in settled if box.id == fixed.id]
    assert (after.x, after.w, after.h) == (fixed.x, fixed.w, fixed.h)
    assert {(b.id, b.w, b.h) for b in settled} == {(b.id, b.w, b.h) for b in boxes}


@settings(max_examples=150, deadline=None)
@given(boxes_strategy, st.data())
def test_moving_earlier_puts_the_box_before_its_neighbour_without_overlap(boxes, data):
    boxes = grid.compact(boxes)
    ordered = grid.reading_order(boxes)
    index = data.draw(st.integers(0, len(ordered) - 1))
    moved = grid.swap_in_order(boxes, ordered[index].id, -1)
    assert_valid(moved)
    new_order = [box.id for box in grid.reading_order(moved)]
    if index > 0:
        assert new_order.index(ordered[index].id) < new_order.index(ordered[index - 1].id)
    else:
        assert new_order == [box.id for box in ordered]


def test_moving_later_swaps_two_side_by_side_widgets():
    boxes = [grid.Box(1, 0, 0, 6, 5), grid.Box(2, 6, 0, 6, 5)]
    assert sorted(grid.swap_in_order(boxes, 1, 1), key=lambda b: b.id) == [
        grid.Box(1, 6, 0, 6, 5),
        grid.Box(2, 0, 0, 6, 5),
    ]


# --- schemas -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    [
        {"id": 1, "x": 8, "y": 0, "w": 6, "h": 3},  # sticks out on the right
        {"id": 1, "x": -1, "y": 0, "w": 6, "h": 3},
        {"id": 1, "x": 0, "y": 0, "w": 6, "h": 0},
        {"id": 1, "x": 0, "y": 10**9, "w": 6, "h": 3},
        {"id": 1, "x": "0", "y": 0, "w": 6, "h": 3},  # strings are not coerced
        {"id": True, "x": 0, "y": 0, "w": 6, "h": 3},
        {"id": 2**40, "x": 0, "y": 0, "w": 6, "h": 3},
    ],
)
def test_placements_outside_the_grid_or_of_the_wrong_type_are_refused(item):
    with pytest.raises(ValidationError):
        PlacementInput.model_validate(item)


def test_a_layout_naming_one_widget_twice_is_refused():
    item = {"id": 1, "x": 0, "y": 0, "w": 6, "h": 3}
    with pytest.raises(ValidationError, match="twice"):
        LayoutInput.model_validate({"items": [item, item]})


def test_settings_squash_spaces_and_need_a_title():
    assert WidgetSettingsInput(title="  My   weight ", w=6, h=5).title == "My weight"
    with pytest.raises(ValidationError):
        WidgetSettingsInput(title="   ", w=6, h=5)
    with pytest.raises(ValidationError):
        WidgetSettingsInput(title="x", range="2w", w=6, h=5)


# --- persistence ---------------------------------------------------------------------------


def count(session, user_id) -> int:
    return session.scalar(
        select(func.count(DashboardWidget.id)).where(DashboardWidget.user_id == user_id)
    )


def boxes_of(widgets) -> dict[str, tuple[int, int, int, int]]:
    return {w.title: (w.x, w.y, w.w, w.h) for w in widgets}


def laid_out(session, user_id: int) -> list:
    """The user's dashboard replaced by DEFAULTS (committed, as a request would)."""
    dashboard.reset_layout(session, user_id, DEFAULTS)
    session.commit()
    return dashboard.load_widgets(session, user_id)


def as_before_layouts_were_made_at_creation(session, user_id: int) -> None:
    """An account made before: no widgets, and no layout laid out yet."""
    session.execute(DashboardWidget.__table__.delete().where(DashboardWidget.user_id == user_id))
    session.execute(
        DashboardPreference.__table__.update()
        .where(DashboardPreference.user_id == user_id)
        .values(layout_created=False)
    )
    session.commit()


def test_a_new_account_starts_with_the_default_layout(db_session, user_pair):
    alice, _bob = user_pair
    expected = {spec.title: (spec.x, spec.y, spec.w, spec.h) for spec in default_layout()}
    assert boxes_of(dashboard.load_widgets(db_session, alice)) == expected
    assert dashboard.create_default_layout(db_session, alice, DEFAULTS) is False  # laid out once


def test_an_older_account_is_laid_out_once_and_never_again(db_session, user_pair):
    alice, _bob = user_pair
    as_before_layouts_were_made_at_creation(db_session, alice)
    assert dashboard.load_widgets(db_session, alice) == []  # reading lays out nothing
    assert dashboard.create_default_layout(db_session, alice, DEFAULTS) is True
    db_session.commit()
    first = dashboard.load_widgets(db_session, alice)
    assert boxes_of(first) == {
        "Body weight": (0, 0, 6, 5),
        "Sleep": (6, 0, 6, 5),
        "Recent sessions": (0, 5, 12, 4),
    }
    for widget in first:
        assert dashboard.remove_widget(db_session, alice, widget.id)
    assert dashboard.create_default_layout(db_session, alice, DEFAULTS) is False
    assert dashboard.load_widgets(db_session, alice) == []  # removing all is a choice


def test_every_change_survives_a_new_session(db_engine, db_session, user_pair):
    from db.session import create_session_factory

    alice, _bob = user_pair
    weight, sleep, recent = laid_out(db_session, alice)
    added = dashboard.add_widget(db_session, alice, WidgetSpec("body_weight", "Body weight", 6, 5))
    assert (added.x, added.y) == (0, 9)  # below everything
    dashboard.update_settings(
        db_session,
        alice,
        added.id,
        WidgetSettingsInput(title="Weight, 1 year", range="1y", w=4, h=4),
    )
    dashboard.set_visible(db_session, alice, sleep.id, False)
    dashboard.remove_widget(db_session, alice, recent.id)
    layout = LayoutInput(items=[{"id": weight.id, "x": 2, "y": 0, "w": 10, "h": 6}])
    assert dashboard.save_layout(db_session, alice, layout) == 1
    assert dashboard.save_layout(db_session, alice, layout) == 0  # unchanged: nothing written
    db_session.commit()  # what a request does once its changes are in

    with create_session_factory(db_engine)() as fresh:
        widgets = {w.id: w for w in dashboard.load_widgets(fresh, alice)}
    assert set(widgets) == {weight.id, sleep.id, added.id}
    assert (widgets[weight.id].x, widgets[weight.id].w, widgets[weight.id].h) == (2, 10, 6)
    assert widgets[sleep.id].is_visible is False
    assert (widgets[added.id].title, widgets[added.id].range) == ("Weight, 1 year", "1y")
    assert (widgets[added.id].w, widgets[added.id].h) == (4, 4)


def test_a_resized_widget_pushes_the_ones_it_now_covers_down(db_session, user_pair):
    alice, _bob = user_pair
    weight, sleep, recent = laid_out(db_session, alice)
    dashboard.update_settings(
        db_session, alice, weight.id, WidgetSettingsInput(title="Body weight", w=12, h=5)
    )
    widgets = boxes_of(dashboard.load_widgets(db_session, alice))
    assert widgets == {
        "Body weight": (0, 0, 12, 5),
        "Sleep": (6, 5, 6, 5),
        "Recent sessions": (0, 10, 12, 4),
    }


def test_a_widget_shown_again_comes_back_below_the_others(db_session, user_pair):
    alice, _bob = user_pair
    weight, _sleep, _recent = laid_out(db_session, alice)
    dashboard.set_visible(db_session, alice, weight.id, False)
    shown = dashboard.set_visible(db_session, alice, weight.id, True)
    assert (shown.is_visible, shown.x, shown.y) == (True, 0, 9)


def test_move_swaps_neighbours_in_reading_order(db_session, user_pair):
    alice, _bob = user_pair
    weight, sleep, _recent = laid_out(db_session, alice)
    assert dashboard.move_widget(db_session, alice, sleep.id, -1)
    widgets = boxes_of(dashboard.load_widgets(db_session, alice))
    assert widgets["Sleep"][:2] == (0, 0) and widgets["Body weight"][:2] == (6, 0)
    assert not dashboard.move_widget(db_session, alice, sleep.id, 5)  # only one step at a time


def test_reset_brings_back_exactly_the_default_layout(db_session, user_pair):
    alice, _bob = user_pair
    widgets = laid_out(db_session, alice)
    dashboard.remove_widget(db_session, alice, widgets[0].id)
    dashboard.add_widget(db_session, alice, WidgetSpec("sleep", "Sleep", 6, 5))
    dashboard.reset_layout(db_session, alice, DEFAULTS)
    assert boxes_of(dashboard.load_widgets(db_session, alice)) == boxes_of(widgets)
    assert count(db_session, alice) == 3


def test_no_more_than_max_widgets(db_session, user_pair):
    alice, _bob = user_pair
    laid_out(db_session, alice)
    for _ in range(MAX_WIDGETS - len(DEFAULTS)):
        assert dashboard.add_widget(db_session, alice, WidgetSpec("sleep", "Sleep", 6, 5))
    assert dashboard.add_widget(db_session, alice, WidgetSpec("sleep", "Sleep", 6, 5)) is None
    assert count(db_session, alice) == MAX_WIDGETS


def test_default_view_is_kept_per_user_and_checked(db_session, user_pair):
    alice, bob = user_pair
    assert dashboard.default_view(db_session, alice) == "30d"
    dashboard.store_default_view(db_session, alice, "1y")
    with pytest.raises(ValueError, match="no such view"):
        dashboard.store_default_view(db_session, alice, "forever")
    assert dashboard.default_view(db_session, alice) == "1y"
    assert dashboard.default_view(db_session, bob) == "30d"


def test_a_user_without_a_preference_row_gets_one(db_session, user_pair):
    alice, _bob = user_pair
    db_session.execute(
        DashboardPreference.__table__.delete().where(DashboardPreference.user_id == alice)
    )
    db_session.commit()
    assert dashboard.default_view(db_session, alice) == "30d"  # read without writing
    assert db_session.scalar(select(func.count(DashboardPreference.id))) == 1  # Bob's only
    dashboard.store_default_view(db_session, alice, "7d")
    assert dashboard.default_view(db_session, alice) == "7d"


def test_nothing_of_another_users_dashboard_can_be_touched(db_session, user_pair):
    alice, bob = user_pair
    alices = laid_out(db_session, alice)
    before = boxes_of(alices)
    target = alices[0].id
    settings_input = WidgetSettingsInput(title="Mine now", w=3, h=3)
    assert dashboard.load_widget(db_session, bob, target) is None
    assert dashboard.remove_widget(db_session, bob, target) is False
    assert dashboard.set_visible(db_session, bob, target, False) is None
    assert dashboard.update_settings(db_session, bob, target, settings_input) is None
    assert dashboard.move_widget(db_session, bob, target, 1) is False
    bobs = laid_out(db_session, bob)
    # One foreign id among Bob's own: the whole layout is refused, his own boxes too.
    crafted = LayoutInput(
        items=[
            {"id": bobs[0].id, "x": 0, "y": 20, "w": 3, "h": 3},
            {"id": target, "x": 0, "y": 30, "w": 3, "h": 3},
        ]
    )
    assert dashboard.save_layout(db_session, bob, crafted) is None
    dashboard.reset_layout(db_session, bob, DEFAULTS[:1])
    db_session.expire_all()
    assert boxes_of(dashboard.load_widgets(db_session, alice)) == before
    assert all(w.is_visible for w in dashboard.load_widgets(db_session, alice))
    assert count(db_session, alice) == 3 and count(db_session, bob) == 1


def test_two_first_logins_at_once_lay_out_the_defaults_once(
    db_engine, db_session, user_pair, monkeypatch
):
    import threading
    import time

    from db.session import create_session_factory

    alice, _bob = user_pair
    as_before_layouts_were_made_at_creation(db_session, alice)
    create = dashboard._create

    def slow_create(session, user_id, specs):
        create(session, user_id, specs)
        session.flush()
        time.sleep(0.3)  # the other visit arrives while this one has not committed

    monkeypatch.setattr(dashboard, "_create", slow_create)
    factory = create_session_factory(db_engine)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def visit():
        try:
            with factory() as session:
                barrier.wait()
                dashboard.create_default_layout(session, alice, DEFAULTS)
                session.commit()
                results.append(len(dashboard.load_widgets(session, alice)))
        except Exception as error:  # reported below; a thread's exception is otherwise lost
            errors.append(error)

    threads = [threading.Thread(target=visit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert results == [3, 3]
    assert count(db_session, alice) == 3
