"""The daily log page: the day's form, the history table and trend charts."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ranges import TIME_RANGES, TREND_RANGES
from dashboard_app.ui import ids
from dashboard_app.ui.common import create_delete_dialog, create_icon, create_page_header
from dashboard_app.ui.ids import feedback_id

FIELDS = ids.DAILY_FIELDS
SCALES = (
    ("stress_level", "Stress"),
    ("energy_level", "Energy"),
    ("motivation_level", "Motivation"),
)

NOT_SET = ""

TREND_CHOICES = [(key, TIME_RANGES[key].name) for key in TREND_RANGES]


def _feedback(field_id: str) -> html.Div:
    # Always display:block, so a message shows whatever kind of control it belongs to.
    return html.Div(id=feedback_id(field_id), className="invalid-feedback d-block")


def _labelled(field_id: str, label: str, control, addon=None) -> html.Div:
    body = dbc.InputGroup([control, addon]) if addon is not None else control
    return html.Div(
        [dbc.Label(label, html_for=field_id), body, _feedback(field_id)], className="mb-3"
    )


def _number(field: str, label: str, step: float, addon=None) -> html.Div:
    control = dbc.Input(id=FIELDS[field], type="number", min=0, step=step, inputMode="decimal")
    return _labelled(FIELDS[field], label, control, addon)


def _scale(field: str, label: str) -> html.Fieldset:
    options = [{"label": "–", "value": NOT_SET}] + [
        {"label": str(n), "value": n} for n in range(1, 11)
    ]
    return html.Fieldset(
        [
            html.Legend(label, className="form-label fs-6 mb-1"),
            dbc.RadioItems(
                id=FIELDS[field],
                options=options,
                value=NOT_SET,
                inline=True,
                class_name="scale-buttons",
                input_class_name="btn-check",
                label_class_name="btn btn-outline-primary",
                label_checked_class_name="active",
            ),
            _feedback(FIELDS[field]),
        ],
        className="mb-3",
    )


def create_day_choice() -> dbc.Row:
    """The day being edited, and copying yesterday's habits into it."""
    day = _labelled(ids.DAILY_DATE, "Day", dbc.Input(id=ids.DAILY_DATE, type="date"))
    copy = dbc.Button(
        [create_icon("copy", "me-1"), "Copy yesterday"],
        id=ids.DAILY_COPY,
        color="secondary",
        outline=True,
        class_name="mt-md-4",
    )
    return dbc.Row(
        [
            dbc.Col(day, xs=7, md=4),
            dbc.Col(
                copy,
                xs=5,
                md=8,
                class_name="d-flex align-items-center justify-content-end justify-content-md-start",
            ),
        ],
        class_name="g-2",
    )


def create_sleep_fields() -> list:
    """The night that ended that morning: when it began and ended, and how long it was."""
    fields = [
        dbc.Col(
            _labelled(FIELDS[name], label, dbc.Input(id=FIELDS[name], type="datetime-local")),
            md=6,
        )
        for name, label in (("sleep_start", "Fell asleep"), ("sleep_end", "Woke up"))
    ]
    return [
        html.H2("Sleep", className="h6 mt-2"),
        dbc.Row(fields, class_name="g-2"),
        html.P(
            id=ids.DAILY_SLEEP_DURATION,
            className="text-body-secondary small",
            **{"aria-live": "polite"},
        ),
    ]


def create_body_and_food_fields() -> list:
    """Body weight, meals and the day's nutrition, in the user's units."""
    unit = html.Span(id=ids.DAILY_WEIGHT_UNIT, className="input-group-text")
    water_unit = html.Span(id=ids.DAILY_WATER_UNIT, className="input-group-text")
    meals = dbc.Textarea(id=FIELDS["meals"], rows=2, maxLength=4000)
    return [
        html.H2("Body and food", className="h6"),
        dbc.Row(dbc.Col(_number("weight", "Body weight", 0.1, unit), md=6)),
        _labelled(FIELDS["meals"], "Meals", meals),
        dbc.Row(
            [
                dbc.Col(_number("calories", "Calories (kcal)", 1), xs=6, md=4),
                dbc.Col(_number("protein", "Protein (g)", 1), xs=6, md=4),
                dbc.Col(_number("carbohydrate", "Carbohydrate (g)", 1), xs=6, md=4),
                dbc.Col(_number("fat", "Fat (g)", 1), xs=6, md=4),
                dbc.Col(_number("fibre", "Fibre (g)", 1), xs=6, md=4),
                dbc.Col(_number("water", "Water", 1, water_unit), xs=6, md=4),
            ],
            class_name="g-2",
        ),
    ]


def create_day_buttons() -> html.Div:
    """Save and delete the day, and where their outcome is told."""
    buttons = html.Div(
        [
            dbc.Button(
                [create_icon("check2", "me-1"), "Save day"],
                id=ids.DAILY_SAVE,
                color="primary",
                size="lg",
            ),
            dbc.Button(
                [create_icon("trash", "me-1"), "Delete day"],
                id=ids.DAILY_DELETE,
                color="danger",
                outline=True,
                disabled=True,
            ),
        ],
        className="d-flex gap-2 flex-wrap",
    )
    return html.Div([buttons, html.Div(id=ids.DAILY_STATUS, className="mt-3", role="status")])


def _entry_form() -> dbc.Card:
    body = [
        create_day_choice(),
        *create_sleep_fields(),
        html.H2("How you feel (1 low – 10 high)", className="h6"),
        *[_scale(field, label) for field, label in SCALES],
        *create_body_and_food_fields(),
        create_day_buttons(),
    ]
    return dbc.Card(dbc.CardBody(body), class_name="mb-4")


GRID_COLUMNS = [
    {"field": "date", "headerName": "Day", "pinned": "left", "width": 120},
    {"field": "sleep_hours", "headerName": "Sleep (h)", "sortable": False, "width": 105},
    {"field": "stress_level", "headerName": "Stress", "width": 95},
    {"field": "energy_level", "headerName": "Energy", "width": 95},
    {"field": "motivation_level", "headerName": "Motivation", "width": 115},
    {"field": "weight", "headerName": "Weight", "width": 100},
    {"field": "calories", "headerName": "kcal", "width": 90},
    {"field": "protein", "headerName": "Protein (g)", "sortable": False, "width": 115},
    {"field": "meals", "headerName": "Meals", "sortable": False, "flex": 1, "minWidth": 160},
]


def _history() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(html.H2("History", className="h5 mb-0")),
            dbc.CardBody(
                [
                    dbc.Row(
                        [
                            dbc.Col(
                                _labelled(
                                    ids.DAILY_HISTORY_FROM,
                                    "From",
                                    dbc.Input(id=ids.DAILY_HISTORY_FROM, type="date"),
                                ),
                                xs=6,
                                md=3,
                            ),
                            dbc.Col(
                                _labelled(
                                    ids.DAILY_HISTORY_TO,
                                    "To",
                                    dbc.Input(id=ids.DAILY_HISTORY_TO, type="date"),
                                ),
                                xs=6,
                                md=3,
                            ),
                        ],
                        class_name="g-2",
                    ),
                    html.P(
                        "Choose a row to open that day in the form above.",
                        className="small text-body-secondary",
                    ),
                    dag.AgGrid(
                        id=ids.DAILY_GRID,
                        rowModelType="infinite",
                        columnDefs=GRID_COLUMNS,
                        defaultColDef={
                            "sortable": True,
                            "resizable": True,
                            "suppressHeaderMenuButton": True,
                        },
                        dashGridOptions={
                            "rowSelection": {
                                "mode": "singleRow",
                                "checkboxes": False,
                                "enableClickSelection": True,
                            },
                            "cacheBlockSize": 100,
                            "maxBlocksInCache": 20,
                        },
                        getRowId="params.data.date",
                        style={"height": "420px"},
                        className="daily-history-grid",
                    ),
                ]
            ),
        ],
        class_name="mb-4",
    )


def _trends() -> dbc.Card:
    graphs = [
        dbc.Col(
            dcc.Graph(
                id=graph_id,
                config={"displaylogo": False, "responsive": True},
                className="trend-graph",
            ),
            lg=6,
        )
        for graph_id in ids.DAILY_CHARTS.values()
    ]
    return dbc.Card(
        [
            dbc.CardHeader(
                html.Div(
                    [
                        html.H2("Trends", className="h5 mb-0"),
                        html.Div(
                            dbc.RadioItems(
                                id=ids.DAILY_RANGE,
                                options=[
                                    {"label": label, "value": value}
                                    for value, label in TREND_CHOICES
                                ],
                                value="90d",
                                inline=True,
                                class_name="range-buttons",
                                input_class_name="btn-check",
                                label_class_name="btn btn-outline-secondary btn-sm",
                                label_checked_class_name="active",
                            ),
                            role="group",
                            **{"aria-label": "Trend range"},
                        ),
                    ],
                    className="d-flex justify-content-between align-items-center flex-wrap gap-2",
                )
            ),
            dbc.CardBody(dbc.Row(graphs, class_name="g-3")),
        ],
        class_name="mb-4",
    )


def _delete_modal() -> dbc.Modal:
    return create_delete_dialog(
        ids.DAILY_DELETE_MODAL,
        "Delete this day?",
        html.Div(id=ids.DAILY_DELETE_TEXT),
        ids.DAILY_DELETE_CANCEL,
        ids.DAILY_DELETE_CONFIRM,
    )


def build_daily_log_layout() -> html.Div:
    """Form, history and trends; values are filled in by callbacks."""
    return html.Div(
        [
            dcc.Store(id=ids.DAILY_ENTRY_ID),
            dcc.Store(id=ids.DAILY_CHANGED, data=0),
            create_page_header(
                "Daily log", "Sleep, how you feel, weight and food, day by day.", "journal-text"
            ),
            _entry_form(),
            _trends(),
            _history(),
            _delete_modal(),
        ]
    )
