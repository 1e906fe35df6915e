"""The time ranges the pages offer, from "7d" to "all": their days and names, in one table."""

from __future__ import annotations

from dataclasses import dataclass

from db.vocabulary import DASHBOARD_VIEWS


@dataclass(frozen=True)
class TimeRange:
    key: str
    days: int | None  # counting today; None: the whole history
    name: str  # "30 days", as a choice among others
    last: str  # "Last 30 days", as a period on its own


TIME_RANGES: dict[str, TimeRange] = {
    r.key: r
    for r in (
        TimeRange("7d", 7, "7 days", "Last 7 days"),
        TimeRange("30d", 30, "30 days", "Last 30 days"),
        TimeRange("90d", 90, "90 days", "Last 90 days"),
        TimeRange("1y", 365, "1 year", "Last year"),
        TimeRange("all", None, "All", "All"),
    )
}
DASHBOARD_RANGES = DASHBOARD_VIEWS  # what a dashboard or a widget may show
TREND_RANGES = ("30d", "90d", "1y", "all")  # the daily log's trend charts
INSIGHT_RANGES = ("90d", "1y", "all")  # the insights page's periods


def range_days(key: str) -> int | None:
    """The days a range covers (None: everything); KeyError for no range."""
    return TIME_RANGES[key].days
