"""Dashboard widget charts: nutrition against its average, weekly volume, the training calendar.

Pure data -> plotly figures, sized by their widget (base.graph clears the fixed height).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard_app.figures.daily_log import (
    MACROS,
    empty_figure,
    nutrition_figure,
    themed_layout,
)
from dashboard_app.figures.insights import heatmap_figure

TOP_MUSCLE_GROUPS = 8
OTHER = "Other"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# GitHub's contribution greens; the first colour is a day without working sets.
CALENDAR_COLOURS = {
    "light": ("#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39"),
    "dark": ("#2d333b", "#0e4429", "#006d32", "#26a641", "#39d353"),
}
SMALL_FONT = {"size": 10}


def nutrition_averages(frame: pd.DataFrame) -> dict[str, Any]:
    """Mean calories and macros over the days each was logged, and how many days had any."""
    columns = ["calories", *(column for column, _ in MACROS)]
    logged = frame[columns].dropna(how="all")
    means = {
        column: (float(logged[column].mean()) if logged[column].notna().any() else None)
        for column in columns
    }
    return {"days": len(logged), **means}


def nutrition_summary(averages: dict[str, Any]) -> str:
    """One line: "Average 2,410 kcal · P 160 g · C 250 g · F 80 g over 12 logged days"."""

    def amount(value: float | None, unit: str) -> str:
        return "—" if value is None else f"{value:,.0f} {unit}"

    days = averages["days"]
    return (
        f"Average {amount(averages['calories'], 'kcal')}"
        f" · P {amount(averages['protein'], 'g')}"
        f" · C {amount(averages['carbohydrate'], 'g')}"
        f" · F {amount(averages['fat'], 'g')}"
        f" over {days} logged day{'' if days == 1 else 's'}"
    )


def nutrition_average_figure(frame: pd.DataFrame, calories: float | None, theme: str) -> go.Figure:
    """The nutrition chart with the range's average calories as a dashed line."""
    fig = nutrition_figure(frame, theme)
    if calories is None or not len(frame):
        return fig
    # Tick labels on both sides: let each axis claim the margin it needs in a small card.
    fig.update_layout(yaxis={"automargin": True}, yaxis2={"automargin": True})
    fig.add_trace(
        go.Scatter(
            x=[frame.index[0], frame.index[-1]],
            y=[calories, calories],
            mode="lines",
            name="Average kcal",
            yaxis="y2",
            line={"dash": "dash", "width": 1.5},
            hoverinfo="skip",
        )
    )
    return fig.update_layout(legend={"font": SMALL_FONT})


def _week_label(week: date, many_years: bool) -> str:
    return week.strftime("%d %b %y" if many_years else "%d %b")


def weekly_volume_figure(
    rows: list[dict[str, Any]], theme: str, top: int = TOP_MUSCLE_GROUPS
) -> go.Figure:
    """Working sets per week as bars stacked by muscle group; beyond the top groups, "Other".

    Every week from the first to the last with sets gets a bar slot, so a week off shows as one.
    """
    if not rows:
        return empty_figure("No working sets in this range yet", theme)
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row["muscle_group"]] += row["sets"]
    ranked = sorted(totals, key=lambda name: (-totals[name], name))
    # Folding a single group into "Other" would only rename it.
    kept = ranked if len(ranked) <= top + 1 else ranked[:top]
    first, last = rows[0]["week"], rows[-1]["week"]
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    many_years = first.year != last.year
    labels = [_week_label(week, many_years) for week in weeks]
    at = {week: i for i, week in enumerate(weeks)}
    groups = [*kept, OTHER] if len(kept) < len(ranked) else kept
    sets = {group: [0] * len(weeks) for group in groups}
    for row in rows:
        group = row["muscle_group"] if row["muscle_group"] in kept else OTHER
        sets[group][at[row["week"]]] += row["sets"]
    fig = go.Figure(
        [go.Bar(x=labels, y=sets[group], name=group, hovertemplate="%{y} sets") for group in groups]
    )
    fig.update_xaxes(type="category", title_text=None, tickfont=SMALL_FONT)
    fig.update_yaxes(title_text="Working sets", rangemode="tozero")
    themed_layout(fig, theme, uirevision="training-volume")
    # Three legend entries a row: nine groups take three short lines even on a phone.
    legend = {"font": SMALL_FONT, "entrywidth": 1 / 3, "entrywidthmode": "fraction"}
    return fig.update_layout(barmode="stack", legend=legend)


def calendar_grid(
    days: dict[date, int], first: date, last: date
) -> tuple[list[date], np.ndarray, list[list[str]]]:
    """Week columns (their Mondays), a 7 x weeks array of sets (NaN outside first..last;
    0 on a day without training) and each cell's date for the hover."""
    monday = first - timedelta(days=first.weekday())
    weeks = [monday + timedelta(weeks=i) for i in range((last - monday).days // 7 + 1)]
    z = np.full((7, len(weeks)), np.nan)
    labels = [[""] * len(weeks) for _ in range(7)]
    for column, week in enumerate(weeks):
        for row in range(7):
            day = week + timedelta(days=row)
            if first <= day <= last:
                z[row, column] = days.get(day, 0)
                labels[row][column] = day.strftime("%a %d %b %Y")
    return weeks, z, labels


def calendar_ticks(weeks: list[date]) -> tuple[list[int], list[str]]:
    """Labels under the week columns: each week of a short span, else the months begun.

    Long spans label every second or third month, so a phone-wide card stays legible.
    """
    if len(weeks) <= 8:
        return list(range(len(weeks))), [f"{week:%d %b}" for week in weeks]
    step = 1 if len(weeks) <= 30 else 2 if len(weeks) <= 60 else 3
    values, labels = [], []
    for column, week in enumerate(weeks):
        sunday = week + timedelta(days=6)
        # The week holds the 1st of sunday's month.
        if sunday.day <= 7 and (sunday.month - 1) % step == 0:
            values.append(column)
            labels.append(f"{sunday:%b %Y}" if sunday.month == 1 or not labels else f"{sunday:%b}")
    return values, labels


def training_calendar_figure(
    days: dict[date, int], first: date, last: date, theme: str
) -> go.Figure:
    """A contribution graph: one column per week, Monday on top, coloured by working sets."""
    weeks, z, labels = calendar_grid(days, first, last)
    colours = CALENDAR_COLOURS.get(theme, CALENDAR_COLOURS["light"])
    # A sharp step just above zero keeps one set visibly apart from a day off.
    scale = [[0, colours[0]], [0.001, colours[1]], [0.33, colours[2]], [0.66, colours[3]]]
    scale.append([1, colours[4]])
    fig = go.Figure(
        go.Heatmap(
            x=list(range(len(weeks))),
            y=list(WEEKDAYS),
            z=z,
            customdata=labels,
            zmin=0,
            zmax=max(1, max(days.values(), default=0)),
            colorscale=scale,
            showscale=False,
            xgap=2,
            ygap=2,
            hoverongaps=False,
            hovertemplate="%{customdata}<br>%{z} working sets<extra></extra>",
        )
    )
    tickvals, ticktext = calendar_ticks(weeks)
    fig.update_xaxes(
        tickvals=tickvals,
        ticktext=ticktext,
        range=[-0.5, len(weeks) - 0.5],
        showgrid=False,
        zeroline=False,
        tickfont=SMALL_FONT,
        fixedrange=True,
    )
    fig.update_yaxes(
        autorange="reversed", showgrid=False, zeroline=False, tickfont=SMALL_FONT, fixedrange=True
    )
    themed_layout(fig, theme, uirevision="training-calendar")
    return fig.update_layout(hovermode="closest")


def compact_heatmap_figure(
    keys: list[str], values: list[list[float | None]], significant: list[list[bool]], theme: str
) -> go.Figure:
    """The same-day correlation heatmap, with margins that grow to its labels in a small card."""
    fig = heatmap_figure(keys, values, significant, 0, theme)
    if keys:
        fig.update_xaxes(automargin=True, tickfont=SMALL_FONT)
        fig.update_yaxes(automargin=True, tickfont=SMALL_FONT)
        fig.update_traces(colorbar={"thickness": 8}, selector={"name": "significant"})
    return fig
