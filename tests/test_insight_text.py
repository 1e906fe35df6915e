"""Insight sentences: each day against the usual, in plain words, never a cause."""

from __future__ import annotations

import pytest

from dashboard_app.analytics.insight_pairs import candidate_pairs
from dashboard_app.analytics.insight_text import certainty, describe
from tests.insight_frames import CAUSAL


def sentence(x, y, lag, slope, *, n=100, significant=True, unit="kg"):
    return describe(
        x, y, lag, slope=slope, is_significant=significant, sample_size=n, weight_unit=unit
    )


@pytest.mark.parametrize(
    ("args", "n", "text"),
    [
        (
            ("sleep_hours", "energy", 0, 0.9),
            120,
            "On days you sleep an hour more than usual, your energy is about 0.9 points above "
            "your usual (120 days).",
        ),
        (
            ("trained_legs", "energy", 1, -0.8),
            92,
            "On days after you train legs, your energy is about 0.8 points below your usual "
            "(92 days).",
        ),
        (
            ("trained", "motivation", 0, 0.4),
            300,
            "On days you train, your motivation is about 0.4 points above your usual (300 days).",
        ),
        (
            ("stress", "sleep_hours", 1, -0.2),
            300,
            "After days when your stress is 1 point above your usual, your sleep that night is "
            "about 12 minutes shorter than usual (300 days).",
        ),
        (
            ("calories", "weight", 1, 0.0004),
            1200,
            "After days when you eat 500 kcal more than usual, your weight the next morning is "
            "about 0.2 kg above its trend (1,200 days).",
        ),
        (
            ("trained", "sleep_hours", 1, 0.25),
            200,
            "After days you train, your sleep that night is about 15 minutes longer than usual "
            "(200 days).",
        ),
        (
            ("sleep_hours", "bedtime", 0, -0.5),
            100,
            "On days you sleep an hour more than usual, your bedtime is about 30 minutes "
            "earlier than usual (100 days).",
        ),
        (
            ("stress", "bedtime", 1, 1.0 / 60),
            100,
            "After days when your stress is 1 point above your usual, your bedtime that night is "
            "about 1 minute later than usual (100 days).",
        ),
        (
            ("stress", "bedtime", 1, 0.1 / 60),
            100,
            "After days when your stress is 1 point above your usual, your bedtime that night is "
            "about 1 minute later than usual (100 days).",
        ),
        (
            ("volume", "wake_time", 1, 1.6 / 1000),
            100,
            "After days when you lift 1,000 kg more than usual, your wake time the next morning "
            "is about 1.6 hours later than usual (100 days).",
        ),
        (
            ("trained", "calories", 0, 123.4),
            100,
            "On days you train, your calorie intake is about 123 kcal above your usual (100 days).",
        ),
        (
            ("protein", "energy", 0, 0.0008),
            3650,
            "On days you eat 50 g more protein than usual, your energy is about 0.04 points above "
            "your usual (3,650 days).",
        ),
        (
            ("session_minutes", "motivation", 1, 1 / 30),
            100,
            "After days when you train 30 minutes longer than usual, your motivation the next day "
            "is about 1 point above your usual (100 days).",
        ),
        (
            ("sleep_hours", "session_minutes", 0, 7.6),
            100,
            "On days you sleep an hour more than usual, your training time is about 8 minutes "
            "longer than usual (100 days).",
        ),
    ],
)
def test_sentences(args, n, text):
    assert sentence(*args, n=n) == text


@pytest.mark.parametrize(
    ("args", "text"),
    [
        # 0.0004 kg per kcal: 500 kcal go with 0.2 kg = 0.44 lb more.
        (
            ("calories", "weight", 1, 0.0004),
            "After days when you eat 500 kcal more than usual, your weight the next morning is "
            "about 0.4 lb above its trend (100 days).",
        ),
        # Per kg of volume, 0.0005 points: 2,000 lb (907 kg) go with 0.45 points.
        (
            ("volume", "energy", 1, 0.0005),
            "After days when you lift 2,000 lb more than usual, your energy the next day is about "
            "0.5 points above your usual (100 days).",
        ),
    ],
)
def test_sentences_name_weights_in_pounds_for_pound_users(args, text):
    assert sentence(*args, unit="lb") == text
    assert "lb" not in sentence(*args, unit="kg")


@pytest.mark.parametrize(
    ("x", "y", "lag", "text"),
    [
        ("stress", "weight", 0, "No clear link between your stress and your weight over 120 days."),
        (
            "calories",
            "weight",
            1,
            "No clear link between your calorie intake and your weight the next morning over "
            "120 days.",
        ),
        (
            "trained",
            "energy",
            1,
            "No clear link between training and your energy the next day over 120 days.",
        ),
    ],
)
def test_non_significant_pairs_are_never_worded_as_findings(x, y, lag, text):
    got = sentence(x, y, lag, 2.5, significant=False, n=120)
    assert got == text
    assert "about" not in got and "usual" not in got and "=" not in got


def test_sentence_lags_other_than_zero_and_one_are_refused():
    with pytest.raises(ValueError, match="lags 0 and 1"):
        sentence("stress", "energy", 2, 0.1)


def test_every_pair_reads_without_causal_words_strength_or_leftover_placeholders():
    texts = [
        sentence(p.x, p.y, p.lag_days, slope, significant=significant)
        for p in candidate_pairs()
        for slope in (-1.3, 0.02)
        for significant in (True, False)
    ]
    assert len(set(texts)) > 600
    for text in texts:
        assert not CAUSAL.search(text), text
        assert "{" not in text and "  " not in text
        assert text.endswith((" days).", " days.")), text
        for strength in ("weak", "moderate", "strong"):
            assert strength not in text  # the card's badge says it, once
        if "No clear link" not in text:
            assert "usual" in text or "trend" in text  # always against the person's usual


@pytest.mark.parametrize(
    ("p", "significant", "preliminary", "text"),
    [
        (1e-44, True, False, "Very unlikely to be chance, even with every pair tested."),
        (0.004, True, False, "Unlikely to be chance, even with every pair tested."),
        (0.03, True, False, "Holds up once every pair is tested, though only just."),
        (
            0.0001,
            True,
            True,
            "Very unlikely to be chance, even with every pair tested; preliminary: few days so "
            "far, so it may change.",
        ),
        (0.2, False, False, "Could well be chance: it does not hold up once every pair is tested."),
        (0.2, False, True, "Could well be chance: it does not hold up once every pair is tested."),
    ],
)
def test_certainty_is_said_in_words(p, significant, preliminary, text):
    assert certainty(p, significant, preliminary) == text
