"""Small layout pieces used on several pages."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import html


def create_icon(name: str, extra: str = "") -> html.I:
    """A decorative Bootstrap icon, hidden from screen readers."""
    return html.I(className=f"bi bi-{name} {extra}".strip(), **{"aria-hidden": "true"})


def create_page_header(title: str, lead: str, icon: str) -> html.Header:
    """The heading every page starts with."""
    return html.Header(
        [
            html.H1([create_icon(icon, "me-2"), title], className="h3 mb-1"),
            html.P(lead, className="text-body-secondary mb-0"),
        ],
        className="page-header mb-4",
    )


def create_stat_tile(label: str, value: str, detail: str = "") -> dbc.Card:
    """A labelled number with an optional line of context."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(label, className="stat-label text-body-secondary small"),
                html.Div(value, className="stat-value fs-3 fw-semibold"),
                html.Div(detail, className="stat-detail small text-body-secondary"),
            ]
        ),
        class_name="stat-tile h-100",
    )


def create_dialog(
    modal_id: str,
    title: str,
    body,
    cancel: tuple[str, str],
    confirm: tuple[str, str],
    danger: bool = False,
) -> dbc.Modal:
    """A closed modal with a title, a body and two buttons given as (id, label)."""
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(title)),
            dbc.ModalBody(body),
            dbc.ModalFooter(
                [
                    dbc.Button(cancel[1], id=cancel[0], color="secondary"),
                    dbc.Button(confirm[1], id=confirm[0], color="danger" if danger else "primary"),
                ]
            ),
        ],
        id=modal_id,
        is_open=False,
    )


def create_delete_dialog(modal_id: str, title: str, body, cancel_id: str, confirm_id: str):
    """ "Delete this …?" with "Keep it" and a red "Delete"."""
    return create_dialog(
        modal_id, title, body, (cancel_id, "Keep it"), (confirm_id, "Delete"), danger=True
    )


def count_label(count: int, noun: str) -> str:
    """ "1 session", "3 sessions"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def choices(names: dict[str, str]) -> list[dict[str, str]]:
    """Select options from {stored value: what the user reads}."""
    return [{"label": label, "value": value} for value, label in names.items()]


def dom_id(component_id: str | dict) -> str:
    """The id a component has in the page, for a label's html_for: a pattern-matching id
    (a dict) is written as Dash's renderer writes it, JSON with its keys sorted."""
    if not isinstance(component_id, dict):
        return component_id
    return (
        "{"
        + ",".join(f"{json.dumps(k)}:{json.dumps(component_id[k])}" for k in sorted(component_id))
        + "}"
    )


def format_utc(moment) -> str:
    """An audit time (stored as naive UTC) for reading: "04 Dec 2026 20:00 UTC"."""
    return moment.strftime("%d %b %Y %H:%M") + " UTC"
