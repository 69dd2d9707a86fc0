"""Across articles: a report that gives no date of its own ("Путин провел переговоры с
Эрдоганом", dated by its publication day) tells the event another report dates ("в
среду"), when both have the same family, negation and participants and the dated day lies
at most ``WINDOW`` days before that publication. The store gives such reports the dated
event's key before it writes a batch, in both orders of arrival."""

from __future__ import annotations

from datetime import date, timedelta

from ..records import Doc, Event
from .merge import parties_key

WINDOW = 7  # days between an event and the publication of an undated report of it


def _dated_day(event: Event) -> date | None:
    if event.date_precision != "day" or not event.date or not event.actors + event.recipients:
        return None
    try:
        return date.fromisoformat(event.date[:10])
    except ValueError:
        return None


def join_undated(con, docs: list[Doc]) -> list[str]:
    """Rekey the batch's undated reports onto dated events (in the batch, else stored),
    and stored undated events onto the batch's dated ones. Returns the stored keys that
    were folded away."""
    dated: dict[str, list[tuple[date, str]]] = {}
    for doc in docs:
        for e in doc.events:
            day = _dated_day(e)
            if day is not None:
                dated.setdefault(parties_key(e), []).append((day, e.key))
    for doc in docs:
        published = doc.article.published
        for e in doc.events:
            if e.date_precision == "published" and published and e.actors + e.recipients:
                parties = parties_key(e)
                key = _nearest(dated.get(parties, []), published) or _stored(
                    con, parties, published)
                e.key = key or e.key
    return _fold_stored(con, dated)


def _nearest(candidates: list[tuple[date, str]], published: date) -> str | None:
    inside = [(day, key) for day, key in candidates
              if published - timedelta(days=WINDOW) <= day <= published]
    return max(inside)[1] if inside else None


def _stored(con, parties: str, published: date) -> str | None:
    row = con.execute(
        "SELECT key FROM events WHERE parties = ? AND date_precision = 'day' "
        "AND day BETWEEN ? AND ? ORDER BY day DESC LIMIT 1",
        [parties, published - timedelta(days=WINDOW), published]).fetchone()
    return row[0] if row else None


def _fold_stored(con, dated: dict[str, list[tuple[date, str]]]) -> list[str]:
    folded = []
    for parties, items in dated.items():
        for day, key in items:
            rows = con.execute(
                "SELECT key FROM events WHERE parties = ? AND date_precision = 'published' "
                "AND day BETWEEN ? AND ? AND key <> ?",
                [parties, day, day + timedelta(days=WINDOW), key]).fetchall()
            for (old,) in rows:
                con.execute("UPDATE event_evidence SET event_key = ? WHERE event_key = ?",
                            [key, old])
                con.execute("DELETE FROM events WHERE key = ?", [old])
                folded.append(old)
    return folded
