"""Daily-log charts: one frame of logged days in, plotly figures (weight, sleep, mood, food) out."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from dashboard_app.units import weight_from_kg

EMPTY_MESSAGE = "No entries in this range yet"
HEIGHT = 320
SLEEP_HEIGHT = 380
TRANSPARENT = "rgba(0,0,0,0)"
# The app draws these trace types only (a test keeps it so).
TRACE_TYPES = ("bar", "heatmap", "scatter")


def _lean_template(name: str) -> go.layout.Template:
    """Plotly's template without the styles of trace types the app never draws.

    Every figure copies its template and sends it to the browser: the full one takes about
    twice the time to apply and the bytes of the traces this app never uses.
    """
    full = pio.templates[name]
    return go.layout.Template(
        layout=full.layout, data={kind: getattr(full.data, kind) for kind in TRACE_TYPES}
    )


TEMPLATES = {"light": _lean_template("plotly_white"), "dark": _lean_template("plotly_dark")}

DATETIME_COLUMNS = ["sleep_start", "sleep_end"]
NUMERIC_COLUMNS = [
    "stress_level",
    "energy_level",
    "motivation_level",
    "weight",
    "calories",
    "protein",
    "carbohydrate",
    "fat",
    "fibre",
    "water",
]
DERIVED_COLUMNS = ["sleep_hours", "bedtime_hour", "wake_hour", "weight_avg7"]
COLUMNS = DATETIME_COLUMNS + NUMERIC_COLUMNS + DERIVED_COLUMNS
WELLBEING = [
    ("stress_level", "Stress"),
    ("energy_level", "Energy"),
    ("motivation_level", "Motivation"),
]
MACROS = [("protein", "Protein"), ("carbohydrate", "Carbohydrate"), ("fat", "Fat")]
# Past about a year a chart draws weekly means: ten years are 520 points instead of 3,650,
# which a phone can draw and a small card can show, and the payload shrinks sevenfold.
WEEKLY_AFTER_DAYS = 400
WEEKLY_TITLE = "Weekly averages"


def daily_frame(rows: list[dict]) -> pd.DataFrame:
    """One row per calendar day from first to last logged date; unlogged days are NaN rows."""
    if not rows:
        return _empty_frame()
    frame = pd.DataFrame(rows).reindex(columns=["date", *DATETIME_COLUMNS, *NUMERIC_COLUMNS])
    frame.index = pd.DatetimeIndex(pd.to_datetime(frame.pop("date")), name="date")
    # A repeated date would make reindex fail; the last row written wins, as in the database.
    frame = frame[~frame.index.duplicated(keep="last")].sort_index()
    frame = frame.reindex(pd.date_range(frame.index[0], frame.index[-1], freq="D", name="date"))
    for column in DATETIME_COLUMNS:
        frame[column] = pd.to_datetime(frame[column])
    frame[NUMERIC_COLUMNS] = frame[NUMERIC_COLUMNS].astype("float64")
    return _with_derived_columns(frame)


def _empty_frame() -> pd.DataFrame:
    """A frame with no days but every column, typed as a filled one would be."""
    index = pd.DatetimeIndex([], name="date")
    columns = {
        column: pd.Series(index=index, dtype="datetime64[us]") for column in DATETIME_COLUMNS
    }
    columns |= {
        column: pd.Series(index=index, dtype="float64")
        for column in NUMERIC_COLUMNS + DERIVED_COLUMNS
    }
    return pd.DataFrame(columns, index=index)


def _clock_hours(times: pd.Series) -> pd.Series:
    """Time of day as fractional hours (23:30 -> 23.5), NaN where the time is missing."""
    return times.dt.hour + times.dt.minute / 60 + times.dt.second / 3600


def _with_derived_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Add sleep hours, bedtime/wake clock hours and the 7-day weight average."""
    hours = (frame["sleep_end"] - frame["sleep_start"]).dt.total_seconds() / 3600
    # An end at or before the start is a typing slip, not a night of sleep.
    frame["sleep_hours"] = hours.where(hours > 0)
    bedtime = _clock_hours(frame["sleep_start"])
    # Past-midnight bedtimes continue the evening (00:30 -> 24.5) so they plot next to 23:30.
    frame["bedtime_hour"] = bedtime.where(bedtime >= 12, bedtime + 24)
    frame["wake_hour"] = _clock_hours(frame["sleep_end"])
    # Time-based window over logged values only: skipped weigh-ins shrink it, never count as 0.
    frame["weight_avg7"] = frame["weight"].rolling("7D", min_periods=3).mean()
    return frame


def chart_points(frame: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The rows a chart draws: the days, or weekly means over a long range; whether weekly.

    Weeks start on Monday and are labelled by it; a week's mean is over its logged days only.
    """
    if len(frame) <= WEEKLY_AFTER_DAYS:
        return frame, False
    return frame.resample("W-MON", label="left", closed="left").mean(), True


def _label_weekly(fig: go.Figure, weekly: bool, **axis) -> go.Figure:
    if weekly:
        fig.update_xaxes(title_text=WEEKLY_TITLE, title_font={"size": 11}, **axis)
    return fig


def _has_data(frame: pd.DataFrame, columns: list[str]) -> bool:
    """Whether any of columns holds at least one value."""
    return len(frame) > 0 and bool(frame[columns].notna().to_numpy().any())


def themed_layout(fig: go.Figure, theme: str, uirevision: str, height: int = HEIGHT) -> go.Figure:
    """Apply the shared look: theme template, see-through background, phone-sized margins."""
    fig.update_layout(
        template=TEMPLATES.get(theme, TEMPLATES["light"]),
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        height=height,
        margin={"l": 48, "r": 16, "t": 36, "b": 32},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        hovermode="x unified",
        # A constant revision keeps the user's zoom when the callback sends new data.
        uirevision=uirevision,
    )
    return fig


def empty_figure(message: str, theme: str) -> go.Figure:
    """A blank, axis-less figure that shows message in the middle."""
    fig = go.Figure()
    fig.add_annotation(
        text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 14}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return themed_layout(fig, theme, uirevision="empty")


def weight_figure(frame: pd.DataFrame, weight_unit: str, theme: str) -> go.Figure:
    """Daily weigh-ins as markers and their 7-day average as a line, in the user's unit."""
    if not _has_data(frame, ["weight"]):
        return empty_figure(EMPTY_MESSAGE, theme)
    hover = f"%{{y:.1f}} {weight_unit}"
    frame, weekly = chart_points(frame)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=frame.index,
            y=weight_from_kg(frame["weight"], weight_unit),
            mode="markers",
            name="Weight",
            marker={"size": 6, "opacity": 0.6},
            hovertemplate=hover,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=frame.index,
            y=weight_from_kg(frame["weight_avg7"], weight_unit),
            mode="lines",
            name="7-day average",
            line={"width": 2.5},
            connectgaps=False,
            hovertemplate=hover,
        )
    )
    fig.update_yaxes(title_text=f"Weight ({weight_unit})")
    _label_weekly(fig, weekly)
    # The unit is part of the revision so switching kg/lb resets a y zoom that no longer fits.
    return themed_layout(fig, theme, uirevision=f"weight-{weight_unit}")


def _clock_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Tick positions across low..high hours, labelled as clock times (25 -> "01:00")."""
    step = next((s for s in (1, 2, 3, 4, 6) if (high - low) / s <= 8), 12)
    values = list(range(math.floor(low / step) * step, math.ceil(high / step) * step + 1, step))
    return [float(v) for v in values], [f"{v % 24:02d}:00" for v in values]


def sleep_figure(frame: pd.DataFrame, theme: str) -> go.Figure:
    """Hours slept as bars above a bedtime / wake-time chart with clock-time ticks."""
    if not _has_data(frame, ["sleep_hours", "bedtime_hour", "wake_hour"]):
        return empty_figure(EMPTY_MESSAGE, theme)
    frame, weekly = chart_points(frame)
    bedtime = frame["bedtime_hour"]
    # Wake times go on the same continuous scale as bedtimes (07:00 -> 31) so the gap between
    # the two lines is the night itself; the frame keeps plain 0-24 wake hours.
    wake = (bedtime + frame["sleep_hours"]).fillna(frame["wake_hour"] + 24)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    fig.add_trace(
        go.Bar(x=frame.index, y=frame["sleep_hours"], name="Sleep", hovertemplate="%{y:.1f} h"),
        row=1,
        col=1,
    )
    for name, hours, times in (
        ("Bedtime", bedtime, frame["sleep_start"]),
        ("Wake", wake, frame["sleep_end"]),
    ):
        fig.add_trace(
            go.Scatter(
                x=frame.index,
                y=hours,
                text=times.dt.strftime("%H:%M"),
                mode="lines+markers",
                name=name,
                connectgaps=False,
                hovertemplate="%{text}",
            ),
            row=2,
            col=1,
        )
    clock = pd.concat([bedtime, wake]).dropna()
    tickvals, ticktext = _clock_ticks(clock.min(), clock.max()) if len(clock) else ([], [])
    fig.update_yaxes(title_text="Hours", rangemode="tozero", row=1, col=1)
    # Reversed so the evening sits above the morning, the way a day planner reads.
    fig.update_yaxes(tickvals=tickvals, ticktext=ticktext, autorange="reversed", row=2, col=1)
    _label_weekly(fig, weekly, row=2, col=1)
    return themed_layout(fig, theme, uirevision="sleep", height=SLEEP_HEIGHT)


def wellbeing_figure(frame: pd.DataFrame, theme: str) -> go.Figure:
    """Stress, energy and motivation (1-10) as lines that break where a day was not logged."""
    columns = [column for column, _ in WELLBEING]
    if not _has_data(frame, columns):
        return empty_figure(EMPTY_MESSAGE, theme)
    frame, weekly = chart_points(frame)
    fig = go.Figure()
    for column, name in WELLBEING:
        fig.add_trace(
            go.Scatter(
                x=frame.index,
                y=frame[column],
                mode="lines+markers",
                name=name,
                connectgaps=False,
                hovertemplate="%{y:.1f}" if weekly else "%{y:.0f}",
            )
        )
    fig.update_yaxes(range=[0.5, 10.5], tickvals=list(range(1, 11)), title_text="Level")
    _label_weekly(fig, weekly)
    return themed_layout(fig, theme, uirevision="wellbeing")


def nutrition_figure(frame: pd.DataFrame, theme: str) -> go.Figure:
    """Calories as a line (kcal, left) over stacked protein / carbs / fat bars (grams, right)."""
    columns = ["calories", *(column for column, _ in MACROS)]
    if not _has_data(frame, columns):
        return empty_figure(EMPTY_MESSAGE, theme)
    frame, weekly = chart_points(frame)
    fig = go.Figure()
    for column, name in MACROS:
        fig.add_trace(
            go.Bar(
                x=frame.index, y=frame[column], name=name, opacity=0.7, hovertemplate="%{y:.0f} g"
            )
        )
    fig.add_trace(
        go.Scatter(
            x=frame.index,
            y=frame["calories"],
            mode="lines+markers",
            name="Calories",
            yaxis="y2",
            connectgaps=False,
            hovertemplate="%{y:.0f} kcal",
        )
    )
    # Calories get the overlaying axis (drawn on top) but sit on the left, so the line is never
    # hidden behind the bars.
    fig.update_layout(
        barmode="stack",
        yaxis={"title": {"text": "Grams"}, "side": "right", "rangemode": "tozero"},
        yaxis2={
            "title": {"text": "kcal"},
            "side": "left",
            "overlaying": "y",
            "rangemode": "tozero",
            "showgrid": False,
        },
    )
    _label_weekly(fig, weekly)
    # Two y axes need tick-label room on both sides.
    return themed_layout(fig, theme, uirevision="nutrition").update_layout(margin={"r": 48})
