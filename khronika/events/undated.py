"""Across articles: a report that gives no date of its own ("Путин провел переговоры с
Эрдоганом", dated by its publication day) tells the event another report dates ("в
среду"), when both have the same family, negation and participants and the dated day lies
at most ``WINDOW`` days before that publication — the latest such day.

The choice depends on the set of reports only, never on the order they came in: the
store recomputes it over all the reports of a group of parties whenever one of them
arrives (``store.merged``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from datetime import date as Day  # `Told.date` is a field: the type by another name

WINDOW = 7  # days between an event and the publication of an undated report of it


@dataclass(frozen=True, slots=True)
class Told:
    """What joining needs of one stored report of an event."""

    own_key: str  # merge.event_key of the report alone (its own day)
    precision: str  # date precision: day, month, …, or "published" (no date of its own)
    date: str | None
    published: Day | None
    named: bool  # it names parties: a report of nobody joins nothing


def merged_keys(reports: list[Told]) -> list[str]:
    """The key of the event each report tells, for reports that share family, negation
    and participants (one ``merge.parties_key``): a dated report keeps its own; an undated
    one takes the latest dated day's within the window, else keeps its own."""
    dated = sorted({(day, r.own_key) for r in reports if (day := _dated_day(r)) is not None})
    return [(_nearest(dated, r.published) if r.published and _undated(r) else None)
            or r.own_key for r in reports]


def _dated_day(report: Told) -> date | None:
    if report.precision != "day" or not report.date or not report.named:
        return None
    try:
        return date.fromisoformat(report.date[:10])
    except ValueError:
        return None


def _undated(report: Told) -> bool:
    return report.precision == "published" and report.published is not None and report.named


def _nearest(dated: list[tuple[date, str]], published: date) -> str | None:
    inside = [(day, key) for day, key in dated
              if published - timedelta(days=WINDOW) <= day <= published]
    return max(inside)[1] if inside else None
