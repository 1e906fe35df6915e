"""The dashboard page: a grid of widget cards, the range switch, and the edit mode's dialogs."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash_snap_grid import ResponsiveGrid

from dashboard_app.grid import COLUMNS, reading_order
from dashboard_app.schemas.dashboard import MAX_ROWS
from dashboard_app.services.dashboard import WidgetView
from dashboard_app.ui import ids
from dashboard_app.ui.common import create_icon
from dashboard_app.ui.dashboard_dialogs import RANGES, ROW_HEIGHT, build_dashboard_dialogs
from dashboard_app.widget_catalogue import WidgetKind

RANGE_NAMES = dict(RANGES)
# Below the "xs" width the grid is one column; the 12-column layout is the one that is stored.
BREAKPOINTS = {"lg": 768, "xs": 0}
GRID_COLUMNS = {"lg": COLUMNS, "xs": 1}
STORED_BREAKPOINT = "lg"
DRAG_HANDLE = ".widget-drag-handle"


def grid_key(widget_id: int) -> str:
    """The grid item's key, which is also its card's component id."""
    return f"widget-{widget_id}"


def widget_id_of(key: object) -> int | None:
    """The widget id in a grid key; None for anything that is not one."""
    if not isinstance(key, str) or not key.startswith("widget-"):
        return None
    digits = key.removeprefix("widget-")
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 10 else None


def grid_layout(widgets: Sequence[WidgetView], types: dict[str, WidgetKind]) -> list[dict]:
    items = []
    for widget in widgets:
        kind = types.get(widget.widget_type)
        min_w, min_h = kind.min_size if kind else (1, 1)
        items.append(
            {
                "i": grid_key(widget.id),
                "x": widget.x,
                "y": widget.y,
                "w": widget.w,
                "h": widget.h,
                "minW": min(min_w, widget.w),
                "minH": min(min_h, widget.h),
                "maxH": MAX_ROWS,
            }
        )
    return items


def _icon_button(icon: str, label: str, component_id: dict, extra: str = "") -> dbc.Button:
    # dbc.Button takes no aria attributes; a plain button with Bootstrap's classes does.
    return html.Button(
        create_icon(icon),
        id=component_id,
        type="button",
        className=f"btn btn-link btn-sm widget-action px-1 {extra}".strip(),
        title=label,
        **{"aria-label": label},
    )


def _edit_controls(widget: WidgetView) -> html.Div:
    title = widget.title
    return html.Div(
        [
            _icon_button(
                "arrow-up",
                f"Move {title} earlier",
                {"type": ids.WIDGET_MOVE_EARLIER, "index": widget.id},
            ),
            _icon_button(
                "arrow-down",
                f"Move {title} later",
                {"type": ids.WIDGET_MOVE_LATER, "index": widget.id},
            ),
            _icon_button(
                "gear", f"Settings of {title}", {"type": ids.WIDGET_SETTINGS, "index": widget.id}
            ),
            _icon_button(
                "eye-slash", f"Hide {title}", {"type": ids.WIDGET_HIDE, "index": widget.id}
            ),
            _icon_button(
                "trash",
                f"Remove {title}",
                {"type": ids.WIDGET_REMOVE, "index": widget.id},
                "text-danger",
            ),
        ],
        className="widget-edit-controls d-flex flex-shrink-0",
    )


def build_widget_card(widget: WidgetView, kind: WidgetKind | None) -> html.Div:
    """One grid item: a title bar (the drag handle in edit mode) over the widget's body."""
    badge = (
        dbc.Badge(RANGE_NAMES[widget.range], color="secondary", class_name="ms-2 fw-normal")
        if widget.range and kind and kind.uses_range
        else None
    )
    title_id = f"widget-title-{widget.id}"
    header = html.Div(
        [
            html.Div(
                [
                    create_icon("grip-vertical", "widget-grip me-1"),
                    create_icon(
                        kind.icon if kind else "question-square", "me-2 text-body-secondary"
                    ),
                    html.H2(
                        widget.title, id=title_id, className="widget-title h6 mb-0 text-truncate"
                    ),
                    badge,
                ],
                className="widget-drag-handle d-flex align-items-center flex-grow-1",
            ),
            _edit_controls(widget),
        ],
        className="widget-header card-header d-flex align-items-center py-1 px-2",
    )
    body = html.Div(
        [
            dcc.Store(id={"type": ids.WIDGET_RELOAD, "index": widget.id}, data=0),
            dcc.Loading(
                html.Div(
                    id={"type": ids.WIDGET_BODY, "index": widget.id},
                    className="widget-content",
                ),
                type="dot",
                parent_className="widget-loading",
                delay_show=250,
            ),
        ],
        className="widget-body card-body p-2",
    )
    return html.Div(
        html.Section(
            [header, body], className="card widget-card h-100", **{"aria-labelledby": title_id}
        ),
        id=grid_key(widget.id),
        className="dashboard-widget",
    )


def shown_in_order(widgets: Sequence[WidgetView]) -> list[WidgetView]:
    """The visible widgets in reading order: the order of their cards in the page, so that
    keyboard and screen-reader order follow what is seen."""
    visible = {widget.id: widget for widget in widgets if widget.is_visible}
    return [visible[box.id] for box in reading_order(w.box for w in visible.values())]


def build_grid_children(
    widgets: Sequence[WidgetView], types: dict[str, WidgetKind]
) -> list[html.Div]:
    return [build_widget_card(w, types.get(w.widget_type)) for w in shown_in_order(widgets)]


def build_hidden_tray(widgets: Sequence[WidgetView]) -> list:
    hidden = [widget for widget in widgets if not widget.is_visible]
    if not hidden:
        return []
    return [
        html.H2("Hidden widgets", className="h6 mb-2"),
        html.Ul(
            [
                html.Li(
                    [
                        html.Span(widget.title, className="me-2"),
                        html.Button(
                            [create_icon("eye", "me-1"), "Show"],
                            id={"type": ids.WIDGET_SHOW, "index": widget.id},
                            type="button",
                            className="btn btn-outline-primary btn-sm",
                            **{"aria-label": f"Show {widget.title}"},
                        ),
                    ],
                    className="d-flex align-items-center justify-content-between py-1",
                )
                for widget in hidden
            ],
            className="list-unstyled mb-0",
        ),
    ]


def _welcome() -> dbc.Alert:
    return dbc.Alert(
        [
            html.Strong("Nothing logged yet. "),
            "Start with today's entry in the ",
            html.A("daily log", href="/daily-log"),
            " or log a training session under ",
            html.A("workouts", href="/workouts"),
            "; these widgets fill in as you go.",
        ],
        color="info",
    )


def create_range_choice(view: str) -> html.Fieldset:
    """The dashboard's time range, as a row of buttons."""
    return html.Fieldset(
        [
            html.Legend("Time range", className="visually-hidden"),
            dbc.RadioItems(
                id=ids.DASHBOARD_RANGE,
                options=[{"label": name, "value": key} for key, name in RANGES],
                value=view,
                inline=True,
                class_name="range-buttons",
                input_class_name="btn-check",
                label_class_name="btn btn-outline-secondary btn-sm",
                label_checked_class_name="active",
            ),
        ],
        className="mb-0",
    )


def create_dashboard_header(view: str) -> html.Div:
    """Title, lead, the time range and the Customize switch."""
    title = html.Div(
        [
            html.H1([create_icon("speedometer2", "me-2"), "Dashboard"], className="h3 mb-1"),
            html.P("Your training and recovery at a glance.", className="text-body-secondary mb-0"),
        ],
        className="me-auto",
    )
    customize = html.Button(
        "Customize",
        id=ids.DASHBOARD_EDIT,
        type="button",
        className="btn btn-outline-primary btn-sm",
        n_clicks=0,
    )
    return html.Div(
        [
            title,
            html.Div(
                [create_range_choice(view), customize],
                className="d-flex flex-wrap align-items-center gap-2",
            ),
        ],
        className="page-header d-flex flex-wrap align-items-end gap-3 mb-3",
    )


def create_edit_toolbar(widgets: Sequence[WidgetView]) -> html.Div:
    """What edit mode shows above the grid: how to edit, add and reset, status, hidden ones."""
    how = html.P(
        [
            html.Span(
                "Drag a widget by its title bar to move it and by its lower right "
                "corner to resize it, or use its buttons. ",
                className="d-none d-md-inline",
            ),
            html.Span(
                "Move widgets with their arrows; size and range are in their settings. ",
                className="d-md-none",
            ),
            "Every change is saved at once.",
        ],
        className="small text-body-secondary mb-2",
    )
    buttons = html.Div(
        [
            dbc.Button(
                [create_icon("plus-lg", "me-1"), "Add widget"],
                id=ids.DASHBOARD_ADD_OPEN,
                color="primary",
                size="sm",
            ),
            dbc.Button(
                [create_icon("arrow-counterclockwise", "me-1"), "Reset to default layout"],
                id=ids.DASHBOARD_RESET_OPEN,
                color="outline-secondary",
                size="sm",
            ),
        ],
        className="d-flex flex-wrap gap-2",
    )
    return html.Div(
        [
            how,
            buttons,
            # Every edit is made here in edit mode, so its outcome is told here too.
            html.Div(id=ids.DASHBOARD_STATUS, role="status", className="small mt-2"),
            html.Div(
                build_hidden_tray(widgets), id=ids.DASHBOARD_HIDDEN, className="hidden-tray mt-3"
            ),
        ],
        id=ids.DASHBOARD_TOOLBAR,
        className="dashboard-toolbar card card-body mb-3",
    )


def create_widget_grid(widgets: Sequence[WidgetView], types: dict[str, WidgetKind]):
    """The grid of visible widgets, fixed until Customize makes it draggable."""
    visible = [widget for widget in widgets if widget.is_visible]
    return ResponsiveGrid(
        id=ids.DASHBOARD_GRID,
        children=build_grid_children(widgets, types),
        layouts={STORED_BREAKPOINT: grid_layout(visible, types)},
        breakpoints=BREAKPOINTS,
        cols=GRID_COLUMNS,
        rowHeight=ROW_HEIGHT,
        margin=[12, 12],
        containerPadding=[0, 0],
        compactType="vertical",
        draggableHandle=DRAG_HANDLE,
        isDraggable=False,
        isResizable=False,
    )


def build_dashboard_layout(
    widgets: Sequence[WidgetView], types: dict[str, WidgetKind], view: str, has_history: bool
) -> html.Div:
    """The page for one user's widgets, opening on their default range."""
    empty = html.P(
        ["No widgets shown. Choose ", html.Strong("Customize"), " to add some."],
        className="dashboard-empty text-body-secondary",
    )
    return html.Div(
        [
            create_dashboard_header(view),
            None if has_history else _welcome(),
            create_edit_toolbar(widgets),
            empty,
            create_widget_grid(widgets, types),
            dcc.Store(id=ids.DASHBOARD_ORDER, data=[w.id for w in shown_in_order(widgets)]),
            *build_dashboard_dialogs(types),
        ],
        id=ids.DASHBOARD_EDITING,
        className="dashboard",
    )
