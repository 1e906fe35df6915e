"""One session's logging page: the line form, the plan, the lines logged, the details."""

from __future__ import annotations

from collections import Counter
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ui import ids
from dashboard_app.ui.common import create_delete_dialog, create_icon
from dashboard_app.ui.forms import create_field, create_input
from dashboard_app.ui.workouts import create_session_form, session_title
from dashboard_app.units import format_weight

SCALE_HELP = (
    "RIR: reps you had left in reserve (0-10). Stimulus (1-5): how well the target muscle "
    "was trained. Fatigue (1-5): the cost to joints and the whole body."
)


def _number_input(name: str, label: str, help_text: str | None = None, **props) -> html.Div:
    return create_input(
        ids.SESSION_LINE_FIELDS[name], label, "number", help_text, inputMode="numeric", **props
    )


def _scale_select(name: str, label: str, high: int) -> html.Div:
    options = [{"label": "—", "value": ""}] + [
        {"label": str(n), "value": str(n)} for n in range(0 if name == "rir" else 1, high + 1)
    ]
    field_id = ids.SESSION_LINE_FIELDS[name]
    return create_field(
        field_id,
        label,
        dbc.Select(id=field_id, options=options, value=""),
    )


def build_line_form() -> dbc.Card:
    """Exercise picker, what was done last time, and the line's numbers."""
    fields = ids.SESSION_LINE_FIELDS
    return dbc.Card(
        [
            dbc.CardHeader(
                html.Div(
                    [
                        html.H2("Add a line", id=ids.LINE_FORM_TITLE, className="h6 mb-0"),
                        dbc.Button(
                            "Cancel edit",
                            id=ids.LINE_CANCEL_EDIT,
                            color="link",
                            size="sm",
                            class_name="p-0 d-none",
                        ),
                    ],
                    className="d-flex justify-content-between align-items-center",
                )
            ),
            dbc.CardBody(
                [
                    dcc.Store(id=ids.LINE_EDITING, data=None),
                    create_field(
                        fields["exercise_id"],
                        "Exercise",
                        dcc.Dropdown(
                            id=fields["exercise_id"],
                            options=[],
                            placeholder="Search exercises…",
                            clearable=False,
                            optionHeight=44,
                        ),
                        "Yours first: the ones you log most.",
                    ),
                    html.Div(id=ids.LINE_LAST_TIME, className="mb-2"),
                    dbc.Row(
                        [
                            dbc.Col(_number_input("sets", "Sets", min=1, max=50, step=1), xs=4),
                            dbc.Col(_number_input("reps", "Reps", min=1, max=500, step=1), xs=4),
                            dbc.Col(
                                create_input(
                                    fields["load_kg"],
                                    html.Span(["Load (", html.Span(id=ids.LINE_LOAD_UNIT), ")"]),
                                    "number",
                                    min=0,
                                    step="any",
                                    inputMode="decimal",
                                ),
                                xs=4,
                            ),
                        ],
                        class_name="g-2",
                    ),
                    dbc.Row(
                        [
                            dbc.Col(_scale_select("rir", "RIR", 10), xs=4),
                            dbc.Col(_scale_select("stimulus", "Stimulus", 5), xs=4),
                            dbc.Col(_scale_select("fatigue_level", "Fatigue", 5), xs=4),
                        ],
                        class_name="g-2",
                    ),
                    dbc.FormText(SCALE_HELP, class_name="d-block mb-3 mt-n2"),
                    html.Div(
                        [
                            dbc.Checkbox(
                                id=fields["is_warmup"],
                                label="Warm-up (not counted in records)",
                                value=False,
                            ),
                        ],
                        className="mb-3",
                    ),
                    dbc.Button(
                        [create_icon("check-lg", "me-1"), "Save line"],
                        id=ids.LINE_SAVE,
                        color="primary",
                        size="lg",
                        class_name="w-100",
                    ),
                    html.Div(id=ids.LINE_STATUS, role="status", className="mt-2"),
                ]
            ),
        ],
        class_name="mb-3",
    )


def build_session_layout(session_id: str) -> html.Div:
    """A session's page: its details, the plan, the line form and the lines logged so far."""
    details = dbc.Card(
        [
            dbc.CardHeader(html.H2("Details", className="h6 mb-0")),
            dbc.CardBody(
                [
                    create_session_form(
                        ids.SESSION_FIELDS,
                        ids.SESSION_MESOCYCLES,
                        ids.SESSION_START_NOW,
                        ids.SESSION_FINISH,
                    ),
                    html.Div(
                        [
                            dbc.Button("Save details", id=ids.SESSION_SAVE, color="primary"),
                            dbc.Button(
                                "Delete session",
                                id=ids.SESSION_DELETE,
                                color="danger",
                                outline=True,
                            ),
                        ],
                        className="d-flex gap-2 flex-wrap",
                    ),
                    html.Div(id=ids.SESSION_STATUS, role="status", className="mt-2"),
                ]
            ),
        ],
        class_name="mb-3",
    )
    return html.Div(
        [
            dcc.Store(id=ids.SESSION_ID, data=session_id),
            dcc.Store(id=ids.SESSION_CHANGED, data=0),
            dcc.Store(id=ids.REST_TIMER_START, data=None),
            dcc.Location(id=ids.SESSION_REDIRECT, refresh="callback-nav"),
            html.A(
                [create_icon("arrow-left", "me-1"), "All sessions"],
                href="/workouts",
                className="d-inline-block mb-3",
            ),
            html.H1(id=ids.SESSION_TITLE, className="h3 mb-1"),
            html.P(id=ids.SESSION_SUMMARY, className="text-body-secondary"),
            html.Div(id=ids.LINE_RECORDS, role="status", **{"aria-live": "polite"}),
            dbc.Row(
                [
                    dbc.Col([build_line_form(), html.Div(id=ids.SESSION_PLAN)], lg=5),
                    dbc.Col([html.Div(id=ids.SESSION_LINES), details], lg=7),
                ],
                class_name="g-3",
            ),
            html.Div(
                [
                    html.Span("Rest", className="me-2"),
                    html.Span("0:00", className="rest-timer-clock fw-semibold"),
                    html.Button(
                        "−15 s", className="btn btn-sm btn-light ms-2", **{"data-rest": "-15"}
                    ),
                    html.Button(
                        "+15 s", className="btn btn-sm btn-light ms-1", **{"data-rest": "15"}
                    ),
                    html.Button(
                        "Skip",
                        className="btn btn-sm btn-outline-light ms-1",
                        **{"data-rest": "stop"},
                    ),
                ],
                id=ids.REST_TIMER,
                className="rest-timer d-none",
                role="timer",
                **{"aria-live": "off", "aria-label": "Rest timer"},
            ),
            create_delete_dialog(
                ids.SESSION_DELETE_MODAL,
                "Delete this session?",
                "Its lines go with it, and your records and exercise history are recalculated "
                "without them.",
                ids.SESSION_DELETE_CANCEL,
                ids.SESSION_DELETE_CONFIRM,
            ),
        ]
    )


def describe_line(line: dict[str, Any], unit: str) -> str:
    """ "3 × 8 × 80 kg · RIR 2" with the parts that were logged."""
    text = f"{line['sets']} × {line['reps']} × {format_weight(line['load_kg'], unit, 2)}"
    if line.get("rir") is not None:
        text += f" · RIR {line['rir']}"
    return text


def _line_scores(line: dict[str, Any]) -> str:
    parts = []
    if line["stimulus"] is not None:
        parts.append(f"stimulus {line['stimulus']}")
    if line["fatigue_level"] is not None:
        parts.append(f"fatigue {line['fatigue_level']}")
    return ", ".join(parts)


def _icon_button(kind: str, line_id: int, icon: str, label: str, color: str) -> dbc.Button:
    return dbc.Button(
        [create_icon(icon), html.Span(label, className="visually-hidden")],
        id={"type": kind, "index": line_id},
        color=color,
        outline=True,
        size="sm",
        title=label,
    )


def build_session_lines(
    lines: list[dict[str, Any]], record_lines: dict[int, list[str]], unit: str
) -> dbc.Card:
    """The session's lines grouped by exercise, each with its records and edit/delete."""
    if not lines:
        body: Any = html.P(
            "No lines yet: pick an exercise and save your first set.",
            className="text-body-secondary mb-0",
        )
    else:
        groups: dict[str, list[dict[str, Any]]] = {}
        for line in lines:
            groups.setdefault(line["exercise_name"], []).append(line)
        body = [_exercise_group(name, group, record_lines, unit) for name, group in groups.items()]
    return dbc.Card(
        [dbc.CardHeader(html.H2("Logged", className="h6 mb-0")), dbc.CardBody(body)],
        class_name="mb-3",
    )


def _exercise_group(
    name: str, lines: list[dict[str, Any]], record_lines: dict[int, list[str]], unit: str
) -> html.Section:
    first = lines[0]
    facts = " · ".join(filter(None, [first["muscle_group"], first["equipment"]]))
    rows = []
    for line in lines:
        badges = [
            dbc.Badge(
                [create_icon("trophy-fill", "me-1"), label],
                color="warning",
                text_color="dark",
                class_name="me-1",
            )
            for label in record_lines.get(line["id"], [])
        ]
        if line["is_warmup"]:
            badges.insert(0, dbc.Badge("warm-up", color="secondary", class_name="me-1"))
        rows.append(
            html.Li(
                [
                    html.Div(
                        [
                            html.Span(describe_line(line, unit), className="fw-semibold"),
                            html.Div(_line_scores(line), className="small text-body-secondary"),
                            html.Div(badges),
                        ]
                    ),
                    html.Div(
                        [
                            _icon_button(
                                ids.EDIT_LINE, line["id"], "pencil", "Edit line", "secondary"
                            ),
                            _icon_button(
                                ids.DELETE_LINE, line["id"], "trash", "Delete line", "danger"
                            ),
                        ],
                        className="d-flex gap-1",
                    ),
                ],
                className="d-flex justify-content-between align-items-center gap-2 py-1",
            )
        )
    return html.Section(
        [
            html.H3(name, className="h6 mb-0"),
            html.Div(facts, className="small text-body-secondary mb-1"),
            html.Ul(rows, className="list-unstyled mb-3"),
        ]
    )


def build_last_time(last: dict[str, Any] | None, unit: str) -> html.Div | None:
    """What the user did with the chosen exercise last time; a tap copies a line to the form."""
    if last is None:
        return html.Div("First time with this exercise.", className="small text-body-secondary")
    return html.Div(
        [
            html.Div(
                f"Last time, {last['date']:%a %d %b %Y}:", className="small text-body-secondary"
            ),
            html.Div(
                [
                    dbc.Button(
                        describe_line(line, unit) + (" (warm-up)" if line["is_warmup"] else ""),
                        id={"type": ids.FILL_LAST, "index": line["id"]},
                        color="info",
                        outline=True,
                        size="sm",
                        title="Copy into the form",
                    )
                    for line in last["lines"]
                ],
                className="d-flex flex-wrap gap-1",
            ),
        ],
        className="last-time",
    )


def build_plan(previous: dict[str, Any] | None, logged: list[dict[str, Any]], unit: str):
    """The previous session of the mesocycle as a checklist: tap a line to copy it to the form.

    The k-th planned line of an exercise counts as done once k lines of it are logged here.
    """
    if previous is None or not previous["lines"]:
        return None
    done = Counter(line["exercise_id"] for line in logged)
    seen: Counter = Counter()
    items = []
    for line in previous["lines"]:
        seen[line["exercise_id"]] += 1
        finished = seen[line["exercise_id"]] <= done[line["exercise_id"]]
        items.append(
            # A real button, so the plan works from the keyboard and screen readers.
            html.Button(
                html.Div(
                    [
                        create_icon("check-circle-fill" if finished else "circle", "me-2"),
                        html.Div(
                            [
                                html.Div(line["exercise_name"], className="fw-semibold"),
                                html.Div(describe_line(line, unit), className="small"),
                            ]
                        ),
                    ],
                    className="d-flex align-items-center"
                    + (" text-body-secondary text-decoration-line-through" if finished else ""),
                ),
                id={"type": ids.FILL_LINE, "index": line["id"]},
                type="button",
                n_clicks=0,
                className="list-group-item list-group-item-action",
            )
        )
    title = session_title(previous)
    return dbc.Card(
        [
            dbc.CardHeader(
                html.H2(f"Plan: {title}, {previous['date']:%d %b}", className="h6 mb-0")
            ),
            html.Div(items, className="list-group list-group-flush"),
        ],
        class_name="mb-3",
    )
