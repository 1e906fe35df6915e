"""An insight as a card: its sentence, how sure it is in words, the numbers folded away."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard_app.analytics.insight_text import certainty

STRENGTH_COLOURS = {"strong": "danger", "moderate": "warning", "weak": "info"}
METHOD_NAMES = {
    "pearson": "Pearson's r",
    "spearman": "Spearman's ρ (ranks)",
    "groups": "days with and without, within the same weekdays",
}


def _signed(value: float) -> str:
    text = f"{value:+.2f}"
    return "0.00" if text in {"+0.00", "-0.00"} else text


def create_insight_numbers(insight: dict[str, Any]) -> html.Details:
    """The figures behind a finding, folded away: correlation, interval, days, adjusted p."""
    symbol = "ρ" if insight["method"] == "spearman" else "r"
    effective = round(insight["effective_sample_size"])
    rows = [
        f"{symbol} = {_signed(insight['correlation_value'])}, 95% interval "
        f"{_signed(insight['correlation_ci_low'])} to {_signed(insight['correlation_ci_high'])}",
        f"{insight['sample_size']:,} paired days, worth about {effective:,} independent ones "
        "(neighbouring days are alike)",
        f"Adjusted p = {insight['p_value_adjusted']:.2g} (Benjamini-Hochberg over every pair "
        "tested)",
        f"Method: {METHOD_NAMES.get(insight['method'], insight['method'])}, on each day's "
        "difference from your usual",
    ]
    if insight.get("days_with") is not None:
        rows.insert(2, f"{insight['days_with']:,} days with, {insight['days_without']:,} without")
    return html.Details(
        [
            html.Summary("The numbers", className="small"),
            html.Ul([html.Li(row) for row in rows], className="small mb-0 ps-3 mt-1"),
        ],
        className="insight-numbers text-body-secondary",
    )


def create_insight_badges(insight: dict[str, Any]) -> html.Div:
    """Strength (once per card), lag, and whether the finding is preliminary or not clear."""
    strength = insight["strength"]
    badges = [
        dbc.Badge(
            f"{strength} link" if strength != "none" else "very weak link",
            color=STRENGTH_COLOURS.get(strength, "secondary"),
            text_color="dark" if strength in {"moderate", "weak"} else None,
            class_name="me-1",
        ),
        dbc.Badge(
            "next day" if insight["lag_days"] else "same day",
            color="light",
            text_color="dark",
            class_name="me-1 border",
        ),
    ]
    if insight.get("is_preliminary"):
        badges.append(
            dbc.Badge("preliminary", color="light", text_color="dark", class_name="me-1 border")
        )
    if not insight["is_significant"]:
        badges.append(dbc.Badge("not clear", color="secondary"))
    return html.Div(badges, className="mb-2")


def create_certainty(insight: dict[str, Any]) -> html.P:
    """How sure a finding is, in plain words."""
    words = certainty(
        insight["p_value_adjusted"], insight["is_significant"], bool(insight.get("is_preliminary"))
    )
    return html.P(words, className="small mb-1")


def create_insight_card(insight: dict[str, Any], chart: Any = None) -> dbc.Card:
    """One finding: its sentence, how sure it is in words, the numbers a click away, its days."""
    body = [
        create_insight_badges(insight),
        html.P(insight["insight_text"], className="mb-1 insight-text"),
        create_certainty(insight),
        create_insight_numbers(insight),
    ]
    if chart is not None:
        body.append(chart)
    return dbc.Card(
        dbc.CardBody(body),
        class_name="h-100 insight-card" + ("" if insight["is_significant"] else " opacity-75"),
    )


def build_insight_cards(cards: list[dbc.Card]) -> dbc.Row:
    return dbc.Row([dbc.Col(card, md=6, xl=4) for card in cards], class_name="g-3")


def build_pair_detail(insight: dict[str, Any] | None, title: str, tested: bool) -> html.Div:
    """A pair's sentence, certainty and numbers; or why there are none."""
    if insight is None:
        why = (
            "Too few days with both to say anything."
            if tested
            else "This pair is not tested: the two say the same thing, or one is worked out "
            "from the other, so a link between them would tell you nothing."
        )
        return html.Div(
            [html.H3(title, className="h6 mt-3"), html.P(why, className="text-body-secondary")]
        )
    return html.Div(
        [
            html.H3(title, className="h6 mt-3"),
            create_insight_badges(insight),
            html.P(insight["insight_text"], className="mb-1"),
            create_certainty(insight),
            create_insight_numbers(insight),
        ]
    )
