"""The exercise library page and an exercise's own page."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ui import ids
from dashboard_app.ui.common import (
    create_delete_dialog,
    create_dialog,
    create_icon,
    create_page_header,
    create_stat_tile,
)
from dashboard_app.ui.forms import create_input, create_select, create_textarea

PAGE_SIZE = 25
ANY = ""


def build_library_layout() -> html.Div:
    """Search, filters, the paged list, and the form for a new exercise."""
    filters = dbc.Row(
        [
            dbc.Col(
                create_input(
                    ids.LIBRARY_QUERY,
                    "Search by name",
                    "search",
                    debounce=True,
                    placeholder="e.g. bench press",
                    autoComplete="off",
                ),
                md=6,
            ),
            dbc.Col(
                create_select(
                    ids.LIBRARY_MUSCLE, "Muscle group", [{"label": "Any", "value": ANY}], ANY
                ),
                xs=6,
                md=3,
            ),
            dbc.Col(
                create_select(
                    ids.LIBRARY_EQUIPMENT, "Equipment", [{"label": "Any", "value": ANY}], ANY
                ),
                xs=6,
                md=3,
            ),
        ],
        class_name="g-2",
    )
    return html.Div(
        [
            dcc.Store(id=ids.LIBRARY_LOAD, data=True),
            dcc.Location(id=ids.LIBRARY_REDIRECT, refresh="callback-nav"),
            html.Div(
                [
                    create_page_header(
                        "Exercises",
                        "The library by muscle group and equipment, with yours.",
                        "collection",
                    ),
                    dbc.Button(
                        [create_icon("plus-lg", "me-1"), "New exercise"],
                        id=ids.LIBRARY_NEW,
                        color="primary",
                    ),
                ],
                className="d-flex justify-content-between align-items-start gap-2 flex-wrap",
            ),
            filters,
            html.P(id=ids.LIBRARY_COUNT, className="text-body-secondary small mb-2", role="status"),
            dcc.Loading(dbc.ListGroup(id=ids.LIBRARY_RESULTS, class_name="mb-3"), type="dot"),
            dbc.Pagination(
                id=ids.LIBRARY_PAGES,
                max_value=1,
                active_page=1,
                fully_expanded=False,
                first_last=True,
                previous_next=True,
                class_name="flex-wrap",
            ),
            _new_exercise_modal(),
        ]
    )


def _new_exercise_modal() -> dbc.Modal:
    fields = ids.LIBRARY_FIELDS
    return create_dialog(
        ids.LIBRARY_MODAL,
        "New exercise",
        [
            create_input(fields["name"], "Name", maxLength=120, autoComplete="off"),
            create_select(fields["muscle_group_id"], "Muscle group", []),
            create_select(fields["equipment_id"], "Equipment", [], ANY),
            create_textarea(fields["description"], "Description (optional)", maxLength=2000),
            html.Div(id=ids.LIBRARY_STATUS, role="status"),
        ],
        (ids.LIBRARY_CANCEL, "Cancel"),
        (ids.LIBRARY_CREATE, "Create"),
    )


def create_exercise_item(item: dict[str, Any]) -> dbc.ListGroupItem:
    """One row of the library list, linking to the exercise's page."""
    badges = [dbc.Badge(item["muscle_group"], color="primary", class_name="me-1")]
    if item["equipment"]:
        badges.append(dbc.Badge(item["equipment"], color="secondary", class_name="me-1"))
    if item["is_custom"]:
        badges.append(dbc.Badge("Yours", color="success"))
    return dbc.ListGroupItem(
        html.Div(
            [html.Span(item["name"], className="fw-semibold me-2"), html.Span(badges)],
            className="d-flex justify-content-between align-items-center flex-wrap gap-1",
        ),
        href=f"/exercises/{item['id']}",
        action=True,
    )


def build_exercise_layout(exercise_id: str) -> html.Div:
    """An exercise's page; its content is loaded by a callback."""
    return html.Div(
        [
            dcc.Store(id=ids.EXERCISE_ID, data=exercise_id),
            dcc.Location(id=ids.EXERCISE_REDIRECT, refresh="callback-nav"),
            html.A(
                [create_icon("arrow-left", "me-1"), "All exercises"],
                href="/exercises",
                className="d-inline-block mb-3",
            ),
            dcc.Loading(html.Div(id=ids.EXERCISE_DETAIL), type="dot"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.H2(title, className="h6"),
                            dcc.Graph(
                                id=ids.EXERCISE_CHARTS[key],
                                config={"displaylogo": False},
                                className="trend-graph",
                            ),
                        ],
                        lg=6,
                    )
                    for key, title in (
                        ("e1rm", "Estimated 1RM by day"),
                        ("volume", "Volume per week"),
                    )
                ],
                class_name="g-3 mb-4",
            ),
            html.Div(id=ids.EXERCISE_MANAGE),
            html.Div(id=ids.EXERCISE_STATUS, role="status", className="mt-2"),
            create_delete_dialog(
                ids.EXERCISE_DELETE_MODAL,
                "Delete this exercise?",
                html.Div(id=ids.EXERCISE_DELETE_TEXT),
                ids.EXERCISE_DELETE_CANCEL,
                ids.EXERCISE_DELETE_CONFIRM,
            ),
        ]
    )


def _describe(exercise: dict[str, Any]) -> str:
    """A one-line description made from the catalogue's facts."""
    kind = " ".join(
        filter(
            None,
            [
                exercise["mechanic"],
                exercise["equipment"] and exercise["equipment"].lower(),
                exercise["category"],
            ],
        )
    )
    text = f"{kind.capitalize()} exercise for the {exercise['muscle_group'].lower()}"
    if exercise["secondary_muscles"]:
        text += "; also works the " + ", ".join(m.lower() for m in exercise["secondary_muscles"])
    return text + "."


def build_exercise_detail(
    exercise: dict[str, Any],
    history,
    best_e1rm: str,
    last: str,
    best_sets: list[dict[str, Any]],
    formula: str,
) -> html.Div:
    """Heading, facts and the user's history numbers for one exercise."""
    badges = [dbc.Badge(exercise["muscle_group"], color="primary", class_name="me-1")]
    if exercise["equipment"]:
        badges.append(dbc.Badge(exercise["equipment"], color="secondary", class_name="me-1"))
    if exercise["level"]:
        badges.append(
            dbc.Badge(
                exercise["level"].capitalize(), color="light", text_color="dark", class_name="me-1"
            )
        )
    if exercise["is_custom"]:
        badges.append(dbc.Badge("Yours", color="success"))
    table = (
        dbc.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th("Day"),
                            html.Th("Sets × reps"),
                            html.Th("Load"),
                            html.Th("Est. 1RM"),
                        ]
                    )
                ),
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Td(row["date"]),
                                html.Td(row["sets_reps"]),
                                html.Td(row["load"]),
                                html.Td(row["e1rm"]),
                            ]
                        )
                        for row in best_sets
                    ]
                ),
            ],
            striped=True,
            size="sm",
            responsive=True,
            class_name="mb-0",
        )
        if best_sets
        else html.P("No sets logged yet.", className="text-body-secondary mb-0")
    )
    return html.Div(
        [
            html.H1(exercise["name"], className="h3 mb-2"),
            html.Div(badges, className="mb-2"),
            html.P(exercise["description"] or _describe(exercise), className="text-body-secondary"),
            dbc.Row(
                [
                    dbc.Col(
                        create_stat_tile(
                            "Sessions", str(history.sessions), f"{history.lines} lines logged"
                        ),
                        xs=6,
                        lg=3,
                    ),
                    dbc.Col(create_stat_tile("Last performed", last), xs=6, lg=3),
                    dbc.Col(
                        create_stat_tile(
                            "Best estimated 1RM", best_e1rm, f"{formula.capitalize()} formula"
                        ),
                        xs=6,
                        lg=3,
                    ),
                    dbc.Col(
                        create_stat_tile("Times picked", str(exercise["usage_count"])), xs=6, lg=3
                    ),
                ],
                class_name="g-3 mb-3",
            ),
            dbc.Card(
                [dbc.CardHeader(html.H2("Best sets", className="h6 mb-0")), dbc.CardBody(table)],
                class_name="mb-3",
            ),
        ]
    )


def build_manage_custom(exercise: dict[str, Any]) -> dbc.Card:
    """Rename and delete, for the user's own exercises."""
    field = ids.EXERCISE_RENAME_FIELDS["name"]
    return dbc.Card(
        [
            dbc.CardHeader(html.H2("Your exercise", className="h6 mb-0")),
            dbc.CardBody(
                [
                    create_input(field, "Name", value=exercise["name"], maxLength=120),
                    html.Div(
                        [
                            dbc.Button("Rename", id=ids.EXERCISE_RENAME, color="primary"),
                            dbc.Button(
                                "Delete exercise",
                                id=ids.EXERCISE_DELETE,
                                color="danger",
                                outline=True,
                            ),
                        ],
                        className="d-flex gap-2",
                    ),
                ]
            ),
        ]
    )


def build_missing_exercise() -> dbc.Alert:
    return dbc.Alert(
        ["There is no such exercise. ", html.A("Back to the library", href="/exercises"), "."],
        color="warning",
    )
