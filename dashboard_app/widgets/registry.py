"""Every widget type by key, and the layout a new user starts with."""

from __future__ import annotations

from dashboard_app.services.dashboard import WidgetSpec
from dashboard_app.widgets import (
    body_weight,
    correlation_heatmap,
    muscle_load,
    nutrition,
    personal_records,
    recent_sessions,
    sleep,
    stat_tiles,
    top_insights,
    training_calendar,
    training_volume,
    wellbeing,
)
from dashboard_app.widgets.base import WidgetType

_MODULES = (
    stat_tiles,
    body_weight,
    sleep,
    wellbeing,
    nutrition,
    training_volume,
    training_calendar,
    recent_sessions,
    personal_records,
    top_insights,
    correlation_heatmap,
    muscle_load,
)

WIDGET_TYPES: dict[str, WidgetType] = {module.WIDGET.key: module.WIDGET for module in _MODULES}

# (type, x, y) on the 12-column grid; sizes are the types' defaults.
_DEFAULT_PLACES = (
    ("stat_tiles", 0, 0),
    ("body_weight", 0, 2),
    ("sleep", 6, 2),
    ("wellbeing", 0, 7),
    ("training_volume", 6, 7),
    ("recent_sessions", 0, 12),
    ("personal_records", 4, 12),
    ("top_insights", 8, 12),
    ("training_calendar", 0, 17),
)


def default_layout() -> list[WidgetSpec]:
    """The widgets a new user finds, and "reset to default layout" brings back."""
    specs = []
    for key, x, y in _DEFAULT_PLACES:
        kind = WIDGET_TYPES[key]
        specs.append(WidgetSpec(key, kind.title, w=kind.size[0], h=kind.size[1], x=x, y=y))
    return specs


def new_widget(key: str) -> WidgetSpec | None:
    """A widget of the type key at its default size; None for a key that is no type."""
    kind = WIDGET_TYPES.get(key) if isinstance(key, str) else None
    if kind is None:
        return None
    return WidgetSpec(key, kind.title, w=kind.size[0], h=kind.size[1])
