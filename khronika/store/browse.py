"""What the web pages show besides the event list: timeline series, the actor network,
an actor's counterparts, an entity's stored record, an article with its metadata.

Every function takes the same ``Filters`` as `khronika events`, so a page's chart and its
table always show the same events.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import combinations

from .db import load_doc
from .query import Country, Filters

UNITS = ("day", "week", "month")
# what a timeline bar is stacked by: the PLOVER type (CAMEO code where it has none) or
# the QuadClass
QUADS = (1, 2, 3, 4)  # QuadClass: verbal and material cooperation, verbal and material conflict
STACKS = {"plover": "coalesce(plover, code)", "quad": "CAST(quad AS VARCHAR)"}
ARTICLE_FIELDS = ("url", "site", "source_agency", "photo_credit", "format", "encoding",
                  "language", "translations", "flags", "published_at")


def _and(where: str, clause: str) -> str:
    return f"{where} AND {clause}" if where else f" WHERE {clause}"


def bucket_end(start: date, unit: str) -> date:
    """The last day of the day, week (Monday to Sunday) or month that starts on ``start``."""
    if unit == "day":
        return start
    if unit == "week":
        return start + timedelta(days=6)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - timedelta(days=1)


def timeline(con, filters: Filters, unit: str = "month", stack: str = "plover") -> list[dict]:
    """Dated events per day, week or month and per series (PLOVER type or QuadClass):
    [{start, end, series, events}], oldest first."""
    where, params = filters.where()
    cur = con.execute(
        f"SELECT date_trunc('{UNITS[UNITS.index(unit)]}', day)::DATE AS bucket, "
        f"{STACKS[stack]} AS series, count(*) FROM events{_and(where, 'day IS NOT NULL')} "
        "GROUP BY ALL ORDER BY bucket, series", params)
    return [{"start": start.isoformat(), "end": bucket_end(start, unit).isoformat(),
             "series": series, "events": n} for start, series, n in cur.fetchall()]


def places(con, filters: Filters) -> list[dict]:
    """Where the filtered events happened: one row per place (its KB or local id, else its
    name), {place, kb_id, name, events, quads: {1..4: events}}, most events first. ``place``
    is the value of the events' ``place`` filter that selects them."""
    where, params = filters.where()
    cur = con.execute(
        "SELECT place_kb_id, mode(place_text), count(*), "
        + ", ".join(f"count(*) FILTER (quad = {q})" for q in QUADS)
        + f" FROM events{_and(where, 'place_text IS NOT NULL')} "
        "GROUP BY place_kb_id, CASE WHEN place_kb_id IS NULL THEN lower(place_text) END "
        "ORDER BY 3 DESC, 2", params)
    return [{"place": kb_id or name, "kb_id": kb_id, "name": name, "events": n,
             "quads": dict(zip(QUADS, quads, strict=True))}
            for kb_id, name, n, *quads in cur.fetchall()]


def in_country(con, locator, code: str) -> Country:
    """The ``country`` filter for ``code`` (a CAMEO country code), with the stored places
    that lie in that country; ``locator`` (``kb.coords.Places``) tells where a place is."""
    found = {kb_id or name.lower()
             for kb_id, name in con.execute(
                 "SELECT DISTINCT place_kb_id, place_text FROM events "
                 "WHERE place_text IS NOT NULL").fetchall()
             if locator.country_of(kb_id, name) == code}
    return Country(code, tuple(sorted(found)))


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    events: int = 0
    goldstein: float = 0.0  # the sum while counting; the mean once ``network`` returns

    def to_json(self) -> dict:
        return {"source": self.source, "target": self.target, "events": self.events,
                "goldstein": round(self.goldstein, 2)}


@dataclass(slots=True)
class Network:
    nodes: list[dict] = field(default_factory=list)  # {kb_id, name, labels, code, events}
    edges: list[Edge] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"nodes": self.nodes, "edges": [e.to_json() for e in self.edges]}


def pairs(actor_ids: list[str], recipient_ids: list[str]) -> list[tuple[str, str]]:
    """Who acts on whom in one event: each actor on each recipient; the parties of an event
    with no recipient (they met, agreed) in pairs."""
    if actor_ids and recipient_ids:
        return [(a, r) for a in actor_ids for r in recipient_ids if a != r]
    return [(a, b) if a < b else (b, a) for a, b in combinations(dict.fromkeys(actor_ids), 2)]


def network(con, filters: Filters, limit: int = 100) -> Network:
    """The ``limit`` heaviest edges (events between two KB or local entities, with their
    mean Goldstein score) among the filtered events, and the entities they join."""
    where, params = filters.where()
    edges: dict[tuple[str, str], Edge] = {}
    for actor_ids, recipient_ids, goldstein in con.execute(
            f"SELECT actor_ids, recipient_ids, goldstein FROM events{where}", params).fetchall():
        for a, b in pairs(actor_ids or [], recipient_ids or []):
            edge = edges.setdefault((a, b), Edge(a, b))
            edge.events += 1
            edge.goldstein += goldstein or 0.0
    kept = sorted(edges.values(), key=lambda e: (-e.events, e.source, e.target))[:limit]
    for edge in kept:
        edge.goldstein /= edge.events
    weight: dict[str, int] = defaultdict(int)
    for edge in kept:
        weight[edge.source] += edge.events
        weight[edge.target] += edge.events
    found = entities(con, list(weight))
    nodes = [{**found.get(i, {"kb_id": i, "name": i, "labels": {}, "code": None}),
              "events": n} for i, n in sorted(weight.items())]
    return Network(nodes, kept)


def counterparts(con, kb_id: str, filters: Filters, limit: int = 15) -> list[dict]:
    """The entities ``kb_id`` has most events with: {kb_id, name, labels, code, events,
    goldstein}, most events first."""
    net = network(con, replace(filters, actor=kb_id, limit=None), 10_000)
    names = {n["kb_id"]: n for n in net.nodes}
    found: dict[str, list] = {}
    for edge in net.edges:
        if kb_id in (edge.source, edge.target) and edge.source != edge.target:
            other = edge.target if edge.source == kb_id else edge.source
            total = found.setdefault(other, [0, 0.0])
            total[0] += edge.events
            total[1] += edge.goldstein * edge.events
    ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    return [{**names[i], "events": n, "goldstein": round(g / n, 2)} for i, (n, g) in ranked]


def entities(con, kb_ids: list[str]) -> dict[str, dict]:
    """Stored entities by id: {kb_id, kind, type, name, labels, wikidata, code, mentions,
    articles, first_published, last_published}."""
    if not kb_ids:
        return {}
    cur = con.execute("SELECT * FROM entities WHERE kb_id IN (SELECT unnest($1::VARCHAR[]))",
                      [kb_ids])
    names = [d[0] for d in cur.description]
    found = {}
    for row in cur.fetchall():
        record = dict(zip(names, row, strict=True))
        record["labels"] = json.loads(record["labels"]) if record["labels"] else {}
        found[record["kb_id"]] = record
    return found


def article(con, article_id: str) -> dict | None:
    """``load_doc``'s article with its metadata (url, site, agency, flags …) and, for each
    event it reports, the sentence that does."""
    doc = load_doc(con, article_id)
    if doc is None:
        return None
    row = con.execute(f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles WHERE id = ?",
                      [article_id]).fetchone()
    doc.update(zip(ARTICLE_FIELDS, row, strict=True))
    for event in doc["events"]:
        event["summary"] = json.loads(event["summary"]) if event["summary"] else {}
        event["sentence"] = doc["text"][event["sentence_start"]:event["sentence_stop"]]
    return doc
