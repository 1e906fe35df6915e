"""The insights page: ranked findings, the correlation heatmap, one pair up close."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ranges import INSIGHT_RANGES, TIME_RANGES
from dashboard_app.ui import ids
from dashboard_app.ui.common import create_page_header

GRAPH_CONFIG = {"displaylogo": False, "responsive": True}
POLL_MS = 2000
POLL_LIMIT = 150


def create_insights_controls() -> dbc.Row:
    """The period and the switch that shows every pair tested, not only the findings."""
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label("Period", html_for=ids.INSIGHTS_WINDOW),
                    dbc.RadioItems(
                        id=ids.INSIGHTS_WINDOW,
                        options=[
                            {"label": TIME_RANGES[key].last, "value": key} for key in INSIGHT_RANGES
                        ],
                        value="all",
                        inline=True,
                    ),
                ],
                md=8,
            ),
            dbc.Col(
                dbc.Switch(
                    id=ids.INSIGHTS_SHOW_ALL,
                    label="Show every pair tested",
                    value=False,
                    class_name="mt-md-4",
                ),
                md=4,
            ),
        ],
        class_name="g-2 mb-2",
    )


def create_heatmap_card() -> dbc.Card:
    """Every pair at once, same day or next day, and the clicked pair's days below it."""
    header = html.Div(
        [
            html.H2("Everything against everything", className="h6 mb-0"),
            dbc.RadioItems(
                id=ids.INSIGHTS_LAG,
                options=[{"label": "Same day", "value": 0}, {"label": "Next day", "value": 1}],
                value=0,
                inline=True,
                input_class_name="me-1",
            ),
        ],
        className="d-flex justify-content-between align-items-center flex-wrap gap-2",
    )
    body = [
        html.P(
            "Each day is compared with your usual. Red: the two are above their usual "
            "together; blue: when one is above, the other tends to be below. Faded cells did "
            "not hold up once every pair was tested. Click a cell to see its days.",
            className="small text-body-secondary",
        ),
        dcc.Loading(dcc.Graph(id=ids.INSIGHTS_HEATMAP, config=GRAPH_CONFIG), type="dot"),
        html.Div(id=ids.INSIGHTS_PAIR),
        dcc.Graph(id=ids.INSIGHTS_PAIR_CHART, config=GRAPH_CONFIG, style={"display": "none"}),
    ]
    return dbc.Card([dbc.CardHeader(header), dbc.CardBody(body)], class_name="mb-4")


def create_recomputing_note() -> list:
    """The note shown while a background recompute runs, and the poll that ends it."""
    return [
        dbc.Alert(
            [
                dbc.Spinner(size="sm", spinner_class_name="me-2"),
                html.Span(id=ids.INSIGHTS_RECOMPUTING_TEXT),
            ],
            id=ids.INSIGHTS_RECOMPUTING,
            color="info",
            is_open=False,
            class_name="small py-2",
        ),
        # Polls only while a background recompute runs; gives up after five minutes.
        dcc.Interval(
            id=ids.INSIGHTS_POLL, interval=POLL_MS, disabled=True, max_intervals=POLL_LIMIT
        ),
    ]


def build_insights_layout() -> html.Div:
    return html.Div(
        [
            dcc.Store(id=ids.INSIGHTS_DATA),
            create_page_header(
                "Insights",
                "What goes with what in your own data, each day against your own usual (so "
                "slow drifts and weekday habits are not mistaken for links). Links, not "
                "causes: a correlation says two things move together, never which one moves "
                "the other.",
                "graph-up",
            ),
            create_insights_controls(),
            html.P(id=ids.INSIGHTS_COUNT, className="text-body-secondary small", role="status"),
            *create_recomputing_note(),
            dcc.Loading(html.Div(id=ids.INSIGHTS_CARDS, className="mb-4"), type="dot"),
            create_heatmap_card(),
        ]
    )
