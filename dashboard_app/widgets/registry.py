"""Every widget kind's renderer by key (the kinds themselves are widget_catalogue's)."""

from __future__ import annotations

from dashboard_app.widget_catalogue import WIDGET_KINDS
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
from dashboard_app.widgets.base import WidgetRenderer

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

RENDERERS: dict[str, WidgetRenderer] = {
    key: next(module.WIDGET for module in _MODULES if module.WIDGET.kind.key == key)
    for key in WIDGET_KINDS
}
