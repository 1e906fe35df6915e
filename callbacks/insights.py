"""Callbacks of the insights page: findings for a period, cards, heatmap, one pair's days."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dash import Dash, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate
from flask_login import current_user
from pydantic import TypeAdapter, ValidationError

from dashboard_app.analytics.daily_series import SERIES
from dashboard_app.analytics.insight_pairs import Pair, candidate_pairs
from dashboard_app.analytics.insights import Insight, correlation_matrix
from dashboard_app.auth.current import current_user_id
from dashboard_app.background import insights_scheduler
from dashboard_app.cache import get_cache
from dashboard_app.database import get_session
from dashboard_app.figures.daily_log import empty_figure
from dashboard_app.figures.insights import heatmap_figure, scatter_figure
from dashboard_app.ranges import INSIGHT_RANGES, range_days
from dashboard_app.services import insights as service
from dashboard_app.services.preferences import user_today
from dashboard_app.ui import ids
from dashboard_app.ui.common import count_label
from dashboard_app.ui.insight_cards import (
    build_insight_cards,
    build_pair_detail,
    create_insight_card,
)

CARD_CHARTS = 6  # small scatters for the strongest findings only: each costs a figure
CARD_DOTS = 365  # a card's chart draws at most a year's worth of days, spread over the period
TOP_CARDS = 12  # the strongest findings; the switch shows every pair tested
INSIGHTS = TypeAdapter(list[Insight])
HIDDEN, SHOWN = {"display": "none"}, {"display": "block"}
SERIES_BY_TITLE = {series.title: key for key, series in SERIES.items()}
TESTED = frozenset(candidate_pairs())
RECOMPUTING_NOTE = "Updating your insights with your latest entries; this page refreshes when done."


def _window(value: Any) -> str:
    return value if isinstance(value, str) and value in INSIGHT_RANGES else "all"


def _start(window: str):
    """The window's first day in the user's time zone (None for all)."""
    session, user_id = get_session(), current_user_id()
    return service.window_start(range_days(window), user_today(session, user_id))


def _lag(value: Any) -> int:
    """0 (same day) or 1 (next day); anything else, crafted floats included, reads as 0."""
    return value if type(value) is int and value in (0, 1) else 0


def _parse(data: Any) -> list[Insight]:
    """The page's stored findings; a crafted store shows nothing rather than failing."""
    try:
        return INSIGHTS.validate_python(data or [])
    except ValidationError:
        return []


def _jsonable(insight: Insight) -> dict[str, Any]:
    item = asdict(insight)
    item["period_start"] = insight.period_start.isoformat() if insight.period_start else None
    item["period_end"] = insight.period_end.isoformat() if insight.period_end else None
    return item


def update_data(window, _polls):
    """The period's findings, ranked, and whether newer ones are being computed.

    The whole history's are stored and refreshed if stale (in the background when there is a
    job queue, and then the page polls until they are in); a shorter period's are computed
    now, or taken from the cache.
    """
    window = _window(window)
    session, user_id = get_session(), current_user_id()
    findings = service.insights_for(
        session,
        user_id,
        range_days(window),
        user_today(session, user_id),
        schedule=insights_scheduler(),
        cache=get_cache(),
    )
    session.commit()  # a recompute done in this request is stored
    polled = ctx.triggered_id == ids.INSIGHTS_POLL
    if polled and findings.recomputing:
        raise PreventUpdate  # still running: keep the page as it is
    found = findings.insights
    significant = sum(1 for insight in found if insight.is_significant)
    if findings.recomputing and not found:
        count = "Computing your insights for the first time: this takes a few seconds."
    elif not found:
        count = "Not enough days logged in this period: insights need at least 14 paired days."
    else:
        count = (
            f"{count_label(significant, 'finding')} hold up, out of "
            f"{count_label(len(found), 'pair')} tested"
            + (f"; the {TOP_CARDS} strongest are shown." if significant > TOP_CARDS else ".")
        )
    recomputing = findings.recomputing
    note = RECOMPUTING_NOTE + (" Shown meanwhile: the findings from before." if found else "")
    data = [_jsonable(insight) for insight in found]
    return data, count, recomputing, note if recomputing else "", not recomputing


def update_cards(data, show_all, window, recomputing):
    """Significant findings as cards, strongest first; the rest on request."""
    found = _parse(data)
    shown = found if show_all is True else [i for i in found if i.is_significant][:TOP_CARDS]
    if not shown and recomputing is True and not found:
        return None  # the first computation is under way: no "keep logging" meanwhile
    if not shown:
        return _empty_note(bool(found))
    frame = None
    cards = []
    theme, weight_unit = current_user.row.theme, current_user.row.weight_unit
    for rank, insight in enumerate(shown):
        chart = None
        if rank < CARD_CHARTS and insight.is_significant:
            if frame is None:
                frame = service.load_frame(
                    get_session(), current_user_id(), _start(_window(window))
                )
            points = service.pair_points(
                frame, insight.metric_x, insight.metric_y, insight.lag_days
            )
            chart = _small_chart(points, insight, theme, weight_unit)
        cards.append(create_insight_card(_jsonable(insight), chart))
    return build_insight_cards(cards)


def _empty_note(tested: bool) -> html.P:
    text = (
        "Nothing holds up yet: no pair is significant once every pair is tested. "
        "Switch on “Show every pair tested” to see them all."
        if tested
        else "Keep logging: insights appear once there are at least 14 days with both of a pair."
    )
    return html.P(text, className="text-body-secondary")


def _small_chart(points, insight: Insight, theme: str, weight_unit: str) -> dcc.Graph:
    figure = scatter_figure(
        points,
        insight.metric_x,
        insight.metric_y,
        insight.lag_days,
        theme,
        weight_unit,
        height=200,
        max_dots=CARD_DOTS,
    )
    return dcc.Graph(figure=figure, config={"displayModeBar": False}, className="mt-2")


def update_heatmap(data, lag, recomputing):
    lag = _lag(lag)
    found = _parse(data)
    if not found and recomputing is True:
        return empty_figure("Computing your insights…", current_user.row.theme)
    keys, values, significant = correlation_matrix(found, lag)
    return heatmap_figure(keys, values, significant, lag, current_user.row.theme)


def update_pair(click, data, window, lag):
    """The clicked cell's pair: its sentence and its days with the trend line."""
    # A cell's row is the first series (yesterday's, on the next-day map), its column the other.
    try:
        point = click["points"][0]
        x, y = SERIES_BY_TITLE.get(point["y"]), SERIES_BY_TITLE.get(point["x"])
    except (KeyError, IndexError, TypeError):
        raise PreventUpdate from None
    if x is None or y is None or x == y:
        raise PreventUpdate
    lag = _lag(lag)
    found = _parse(data)
    match = next(
        (
            i
            for i in found
            if i.lag_days == lag
            and {i.metric_x, i.metric_y} == {x, y}
            and (lag == 0 or (i.metric_x, i.metric_y) == (x, y))
        ),
        None,
    )
    if match is not None:
        x, y = match.metric_x, match.metric_y
    frame = service.load_frame(get_session(), current_user_id(), _start(_window(window)))
    points = service.pair_points(frame, x, y, lag)
    title = f"{SERIES[x].title}{' (the day before)' if lag else ''} and {SERIES[y].title}"
    tested = Pair(x, y, lag) in TESTED or (lag == 0 and Pair(y, x, 0) in TESTED)
    detail = build_pair_detail(_jsonable(match) if match else None, title, tested)
    user = current_user.row
    figure = scatter_figure(points, x, y, lag, user.theme, user.weight_unit)
    return detail, figure, SHOWN


def register(app: Dash) -> None:
    app.callback(
        Output(ids.INSIGHTS_DATA, "data"),
        Output(ids.INSIGHTS_COUNT, "children"),
        Output(ids.INSIGHTS_RECOMPUTING, "is_open"),
        Output(ids.INSIGHTS_RECOMPUTING_TEXT, "children"),
        Output(ids.INSIGHTS_POLL, "disabled"),
        Input(ids.INSIGHTS_WINDOW, "value"),
        Input(ids.INSIGHTS_POLL, "n_intervals"),
    )(update_data)
    app.callback(
        Output(ids.INSIGHTS_CARDS, "children"),
        Input(ids.INSIGHTS_DATA, "data"),
        Input(ids.INSIGHTS_SHOW_ALL, "value"),
        State(ids.INSIGHTS_WINDOW, "value"),
        State(ids.INSIGHTS_RECOMPUTING, "is_open"),
    )(update_cards)
    app.callback(
        Output(ids.INSIGHTS_HEATMAP, "figure"),
        Input(ids.INSIGHTS_DATA, "data"),
        Input(ids.INSIGHTS_LAG, "value"),
        State(ids.INSIGHTS_RECOMPUTING, "is_open"),
    )(update_heatmap)
    app.callback(
        Output(ids.INSIGHTS_PAIR, "children"),
        Output(ids.INSIGHTS_PAIR_CHART, "figure"),
        Output(ids.INSIGHTS_PAIR_CHART, "style"),
        Input(ids.INSIGHTS_HEATMAP, "clickData"),
        State(ids.INSIGHTS_DATA, "data"),
        State(ids.INSIGHTS_WINDOW, "value"),
        State(ids.INSIGHTS_LAG, "value"),
        prevent_initial_call=True,
    )(update_pair)
