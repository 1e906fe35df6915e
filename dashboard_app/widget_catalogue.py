"""Every kind of dashboard widget as plain data: key, title, size, and the default layout.

Nothing here draws: the renderers live in dashboard_app.widgets, keyed by the same keys, so
services, the REST API and the layout builders can know the widgets without Dash or Plotly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WidgetKind:
    """A kind of widget: how it is offered and how big it starts."""

    key: str
    title: str
    description: str
    icon: str
    size: tuple[int, int]  # default (columns, rows) on the 12-column grid
    min_size: tuple[int, int] = (3, 3)
    uses_range: bool = True  # False: the widget ignores the dashboard's time range


@dataclass(frozen=True)
class WidgetSpec:
    """A widget to create: its type, title and box (y None: below everything)."""

    widget_type: str
    title: str
    w: int
    h: int
    x: int = 0
    y: int | None = None
    is_visible: bool = True
    range: str | None = None


def _kinds(*kinds: WidgetKind) -> dict[str, WidgetKind]:
    return {kind.key: kind for kind in kinds}


# In the order the "add a widget" dialog offers them.
WIDGET_KINDS: dict[str, WidgetKind] = _kinds(
    WidgetKind(
        key="stat_tiles",
        title="At a glance",
        description="Logging streak, sessions this week, and 7-day weight and sleep averages.",
        icon="speedometer2",
        size=(12, 2),
        min_size=(3, 2),
        uses_range=False,
    ),
    WidgetKind(
        key="body_weight",
        title="Body weight",
        description="Daily weigh-ins with a 7-day average.",
        icon="graph-up",
        size=(6, 5),
    ),
    WidgetKind(
        key="sleep",
        title="Sleep",
        description="Hours slept each night, with bedtime and wake-up time.",
        icon="moon-stars",
        size=(6, 5),
        min_size=(3, 4),
    ),
    WidgetKind(
        key="wellbeing",
        title="Well-being",
        description="Stress, energy and motivation from the daily log.",
        icon="emoji-smile",
        size=(6, 5),
    ),
    WidgetKind(
        key="nutrition",
        title="Nutrition",
        description="Calories and protein, carbohydrate and fat against your averages.",
        icon="egg-fried",
        size=(6, 5),
        min_size=(3, 4),
    ),
    WidgetKind(
        key="training_volume",
        title="Weekly volume",
        description="Working sets per muscle group each week (warm-ups left out).",
        icon="bar-chart-steps",
        size=(6, 5),
        min_size=(3, 4),
    ),
    WidgetKind(
        key="training_calendar",
        title="Training calendar",
        description="Every day trained as a square, darker with more working sets.",
        icon="calendar3",
        size=(12, 4),
        min_size=(4, 3),
    ),
    WidgetKind(
        key="recent_sessions",
        title="Recent sessions",
        description="Your latest training sessions with their volume.",
        icon="clock-history",
        size=(4, 5),
        uses_range=False,
    ),
    WidgetKind(
        key="personal_records",
        title="Personal records",
        description="Your latest personal records, newest first.",
        icon="trophy",
        size=(4, 5),
        uses_range=False,
    ),
    WidgetKind(
        key="top_insights",
        title="Top insights",
        description="The strongest links found between your daily series.",
        icon="lightbulb",
        size=(4, 5),
        uses_range=False,
    ),
    WidgetKind(
        key="correlation_heatmap",
        title="Correlations",
        description="How your daily series go together on the same day, as a heatmap.",
        icon="grid-3x3",
        size=(6, 6),
        min_size=(4, 5),
        uses_range=False,
    ),
    WidgetKind(
        key="muscle_load",
        title="Muscle load",
        description="Each muscle's sets of the last 7 days against its 4-week weekly mean "
        "(red: a sharp rise, blue: a sharp drop).",
        icon="activity",
        size=(6, 6),
        min_size=(3, 4),
        uses_range=False,
    ),
)

# (type, x, y) on the 12-column grid; sizes are the kinds' defaults.
DEFAULT_PLACES = (
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
    for key, x, y in DEFAULT_PLACES:
        kind = WIDGET_KINDS[key]
        specs.append(WidgetSpec(key, kind.title, w=kind.size[0], h=kind.size[1], x=x, y=y))
    return specs


def new_widget(key: object) -> WidgetSpec | None:
    """A widget of the kind key at its default size; None for a key that is no kind."""
    kind = WIDGET_KINDS.get(key) if isinstance(key, str) else None
    if kind is None:
        return None
    return WidgetSpec(key, kind.title, w=kind.size[0], h=kind.size[1])
