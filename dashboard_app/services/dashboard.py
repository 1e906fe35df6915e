"""Each user's dashboard: which widgets, where, how big, shown or hidden, and its default range.

Widget types are plain strings here; dashboard_app.widget_catalogue knows each kind and the
default layout, dashboard_app.widgets what each shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import update
from sqlalchemy.orm import Session

from dashboard_app import grid
from dashboard_app.schemas.dashboard import MAX_WIDGETS, LayoutInput, WidgetSettingsInput
from dashboard_app.services.scope import (
    delete_owned,
    get_owned,
    select_owned,
    select_owned_columns,
)
from dashboard_app.widget_catalogue import WidgetSpec
from db.models import (
    DailyMetric,
    DashboardPreference,
    DashboardWidget,
    TrainingSession,
)
from db.vocabulary import DASHBOARD_VIEWS

DEFAULT_VIEW = "30d"


@dataclass(frozen=True)
class WidgetView:
    id: int
    widget_type: str
    title: str
    x: int
    y: int
    w: int
    h: int
    is_visible: bool
    range: str | None

    @property
    def box(self) -> grid.Box:
        return grid.Box(self.id, self.x, self.y, self.w, self.h)


def _view(row: DashboardWidget) -> WidgetView:
    position, size, config = row.widget_position, row.widget_size, row.widget_config or {}
    return WidgetView(
        id=row.id,
        widget_type=row.widget_type,
        title=row.widget_title,
        x=position["x"],
        y=position["y"],
        w=size["w"],
        h=size["h"],
        is_visible=row.is_visible,
        range=config.get("range"),
    )


def _place(row: DashboardWidget, box: grid.Box) -> bool:
    """Write box into row; whether anything changed (unchanged rows are not rewritten)."""
    position, size = {"x": box.x, "y": box.y}, {"w": box.w, "h": box.h}
    if row.widget_position == position and row.widget_size == size:
        return False
    row.widget_position, row.widget_size = position, size
    return True


def _rows(session: Session, user_id: int) -> list[DashboardWidget]:
    query = select_owned(DashboardWidget, user_id).order_by(DashboardWidget.id)
    return list(session.scalars(query))


def _preference(session: Session, user_id: int) -> DashboardPreference | None:
    return session.scalar(select_owned(DashboardPreference, user_id))


def _writable_preference(session: Session, user_id: int) -> DashboardPreference:
    """The user's preference row, added for accounts made before preferences existed."""
    row = _preference(session, user_id)
    if row is None:
        row = DashboardPreference(user_id=user_id)
        session.add(row)
        session.flush()
    return row


def _new_row(user_id: int, spec: WidgetSpec, y: int) -> DashboardWidget:
    return DashboardWidget(
        user_id=user_id,
        widget_type=spec.widget_type,
        widget_title=spec.title,
        widget_position={"x": spec.x, "y": y},
        widget_size={"w": spec.w, "h": spec.h},
        widget_config={"range": spec.range} if spec.range else {},
        is_visible=spec.is_visible,
    )


def _create(session: Session, user_id: int, specs: Sequence[WidgetSpec]) -> None:
    for spec in specs:
        session.add(_new_row(user_id, spec, spec.y or 0))


def create_default_layout(session: Session, user_id: int, defaults: Sequence[WidgetSpec]) -> bool:
    """Lay out `defaults` as the user's dashboard unless it was laid out before; whether it did.

    Account creation and login call it, so the dashboard page only ever reads. The layout is
    claimed with one conditional UPDATE: of two calls at once (two workers, two tabs), the
    second waits for the first's write and then finds nothing left to claim, on PostgreSQL
    and on SQLite alike.
    """
    _writable_preference(session, user_id)
    claimed = session.execute(
        update(DashboardPreference)
        .where(
            DashboardPreference.user_id == user_id,
            DashboardPreference.layout_created.is_(False),
        )
        .values(layout_created=True)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed:
        _create(session, user_id, defaults)
        session.flush()
    return bool(claimed)


def load_widgets(session: Session, user_id: int) -> list[WidgetView]:
    """The user's widgets, in the order they were added."""
    return [_view(row) for row in _rows(session, user_id)]


def load_widget(session: Session, user_id: int, widget_id: object) -> WidgetView | None:
    """One of the user's widgets; None for a missing id or another user's."""
    row = get_owned(session, DashboardWidget, user_id, widget_id)
    return _view(row) if row else None


def default_view(session: Session, user_id: int) -> str:
    row = _preference(session, user_id)
    return row.default_view if row is not None else DEFAULT_VIEW


def store_default_view(session: Session, user_id: int, view: str) -> None:
    """Set the range the dashboard opens with (a validated view)."""
    if view not in DASHBOARD_VIEWS:
        raise ValueError(f"no such view: {view!r}")
    _writable_preference(session, user_id).default_view = view


def add_widget(session: Session, user_id: int, spec: WidgetSpec) -> WidgetView | None:
    """Add a widget below the visible ones; None once the user has MAX_WIDGETS."""
    rows = _rows(session, user_id)
    if len(rows) >= MAX_WIDGETS:
        return None
    y = grid.bottom(_view(row).box for row in rows if row.is_visible)
    row = _new_row(user_id, replace(spec, x=0), y)
    session.add(row)
    session.flush()
    return _view(row)


def remove_widget(session: Session, user_id: int, widget_id: object) -> bool:
    """Delete one of the user's widgets; False if it is not theirs (nothing deleted)."""
    row = get_owned(session, DashboardWidget, user_id, widget_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def set_visible(
    session: Session, user_id: int, widget_id: object, visible: bool
) -> WidgetView | None:
    """Hide or show a widget; a widget shown again comes back below the visible ones."""
    row = get_owned(session, DashboardWidget, user_id, widget_id)
    if row is None:
        return None
    if visible and not row.is_visible:
        others = (_view(other).box for other in _rows(session, user_id) if other.is_visible)
        row.widget_position = {"x": row.widget_position["x"], "y": grid.bottom(others)}
    row.is_visible = visible
    session.flush()
    return _view(row)


def _settle(session: Session, user_id: int, fixed_id: int) -> None:
    """Push the visible widgets that the box of fixed_id now covers out of its way."""
    rows = {row.id: row for row in _rows(session, user_id) if row.is_visible}
    for box in grid.settle((_view(row).box for row in rows.values()), fixed_id):
        _place(rows[box.id], box)


def update_settings(
    session: Session, user_id: int, widget_id: object, settings: WidgetSettingsInput
) -> WidgetView | None:
    """Rename, set the widget's own range and size; None if the widget is not the user's."""
    row = get_owned(session, DashboardWidget, user_id, widget_id)
    if row is None:
        return None
    row.widget_title = settings.title
    row.widget_config = {**(row.widget_config or {}), "range": settings.range}
    x = min(row.widget_position["x"], grid.COLUMNS - settings.w)
    _place(row, grid.Box(row.id, x, row.widget_position["y"], settings.w, settings.h))
    if row.is_visible:
        _settle(session, user_id, row.id)
    session.flush()
    return _view(row)


def save_layout(session: Session, user_id: int, layout: LayoutInput) -> int | None:
    """Store the boxes the grid reports; how many widgets moved or changed size.

    None, with nothing saved, if any id is not one of the user's widgets.
    """
    rows = {row.id: row for row in _rows(session, user_id)}
    if any(item.id not in rows for item in layout.items):
        return None
    changed = sum(
        _place(rows[item.id], grid.Box(item.id, item.x, item.y, item.w, item.h))
        for item in layout.items
    )
    session.flush()
    return changed


def move_widget(session: Session, user_id: int, widget_id: object, step: int) -> bool:
    """Swap a visible widget with its neighbour before (step -1) or after (+1) in reading order."""
    row = get_owned(session, DashboardWidget, user_id, widget_id)
    if row is None or not row.is_visible or step not in (-1, 1):
        return False
    rows = {other.id: other for other in _rows(session, user_id) if other.is_visible}
    moved = grid.swap_in_order((_view(other).box for other in rows.values()), row.id, step)
    changed = sum(_place(rows[box.id], box) for box in moved)
    session.flush()
    return changed > 0


def reset_layout(session: Session, user_id: int, defaults: Sequence[WidgetSpec]) -> None:
    """Replace every widget of the user with these (the default layout, or an API client's)."""
    session.execute(delete_owned(DashboardWidget, user_id))
    _create(session, user_id, defaults)
    _writable_preference(session, user_id).layout_created = True
    session.flush()


def has_history(session: Session, user_id: int) -> bool:
    """Whether the user has logged a day or a session yet (a new account gets a welcome)."""
    return any(
        session.scalar(select_owned_columns(model, user_id, model.id).limit(1)) is not None
        for model in (DailyMetric, TrainingSession)
    )
