"""Stored events: the filters of `khronika events`, and the rows exports are made from."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
MODALITIES = ("asserted", "negated", "future", "hypothetical", "historical")


# how events may be listed: the newest first (the CLI's order), or by another column; every
# order ends on the key, so pages never overlap
ORDERS = {
    "-date": "day DESC NULLS LAST, articles DESC, key",
    "date": "day ASC NULLS LAST, articles DESC, key",
    "-articles": "articles DESC, day DESC NULLS LAST, key",
    "-confidence": "confidence DESC, day DESC NULLS LAST, key",
    "goldstein": "goldstein ASC, day DESC NULLS LAST, key",
    "-goldstein": "goldstein DESC, day DESC NULLS LAST, key",
}


def like_pattern(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for ``text`` anywhere: its own % and _ are
    plain characters, never wildcards."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _token_pattern(lemma: str) -> str:
    """A LIKE pattern for a stored sentence whose tokens ([start, stop, lemma, pos, …]) have
    this lemma: the lemma is the string that follows the two offsets."""
    return like_pattern(", " + json.dumps(lemma, ensure_ascii=False) + ', "')


def lemma_condition(lemmas: set[str] | frozenset[str]) -> tuple[str, list[str]]:
    """SQL true for a ``sentences`` row one of whose tokens has one of ``lemmas`` (the
    forms one query word may stand for: ``search.query_lemmas``), and its parameters."""
    ordered = sorted(lemmas)
    return ("(" + " OR ".join(["tokens LIKE ? ESCAPE '\\'"] * len(ordered)) + ")",
            [_token_pattern(lemma) for lemma in ordered])


# an event's evidence sentence (the ``sentences`` row it starts) holds a word: the
# condition of ``lemma_condition`` goes in the braces
EVIDENCE_SAYS = ("EXISTS (SELECT 1 FROM event_evidence ev JOIN sentences s "
                 "ON s.article_id = ev.article_id AND s.start = ev.sentence_start "
                 "WHERE ev.event_key = events.key AND {})")


# a party's actor code starts with the parameter (RUS: RUS, RUSGOV, RUSMIL)
CODE_PREFIX = ("len(list_filter(actor_codes || recipient_codes, "
               "lambda c: starts_with(c, ?))) > 0")

COUNTRY_HINT = "an ISO 3166 alpha-3 code (three letters: RUS, UKR, USA)"


@dataclass(frozen=True, slots=True)
class Country:
    """Events in a country: a party's actor code starts with ``code`` (RUS: RUSGOV,
    RUSMIL), or the event happened at one of ``places``. The store keeps no place's
    country, so the caller finds those (``browse.in_country``, from the KB and GeoNames):
    each as the ``place`` filter's key, the place's KB or local id, else its name lower-cased;
    ``None`` until it has (``where`` refuses it then)."""

    code: str  # the country's CAMEO code (its ISO 3166 alpha-3 code but for a few)
    places: tuple[str, ...] | None = None


@dataclass(slots=True)
class Filters:
    actor: str | None = None  # a kb_id, an actor code or its prefix (RUS, RUSGOV), or a name
    code: str | None = None  # a CAMEO code prefix ("04", "041") or a PLOVER type
    since: date | None = None
    until: date | None = None
    modality: str | None = None
    place: str | None = None  # where it happened: a KB id (city:moscow) or a name (Москва)
    limit: int | None = None
    min_confidence: float | None = None  # events at least this likely usable
    offset: int = 0  # skip this many (paging)
    order: str = "-date"  # a key of ORDERS
    country: Country | None = None  # a party from it, or a place in it
    # a text search: for each of its words, the lemmas it may stand for (the caller's
    # morphology: ``search.query_lemmas``); the event's evidence sentences hold every word
    words: list[set[str]] = field(default_factory=list)

    def where(self) -> tuple[str, list[str | date | float | list[str]]]:
        clauses: list[str] = []
        params: list[str | date | float | list[str]] = []
        if self.actor:
            a = self.actor
            clauses.append(
                "(list_contains(actor_ids || recipient_ids, ?) "
                f"OR {CODE_PREFIX} "
                "OR party_names LIKE ? ESCAPE '\\')")
            params += [a, a.upper(), like_pattern(a.lower())]
        if self.code:
            if self.code.upper() in PLOVER_TYPES:
                clauses.append("plover = ?")
                params.append(self.code.upper())
            else:
                clauses.append("starts_with(code, ?)")
                params.append(self.code)
        if self.since:
            clauses.append("day >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("day <= ?")
            params.append(self.until)
        if self.modality:
            clauses.append("modality = ?")
            params.append(self.modality)
        if self.place:
            clauses.append("(place_kb_id = ? OR lower(place_text) = lower(?))")
            params += [self.place, self.place]
        if self.min_confidence:
            clauses.append("confidence >= ?")
            params.append(self.min_confidence)
        if self.country:
            if self.country.places is None:
                raise ValueError(f"the places in {self.country.code} are not looked up yet")
            clauses.append(
                f"({CODE_PREFIX} "
                "OR list_contains(?::VARCHAR[], coalesce(place_kb_id, lower(place_text))))")
            params += [self.country.code, list(self.country.places)]
        for lemmas in self.words:
            condition, patterns = lemma_condition(lemmas)
            clauses.append(EVIDENCE_SAYS.format(condition))
            params += patterns
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def select_events(con, filters: Filters) -> list[dict]:
    """Events as dicts (actors, recipients and summary parsed), latest first, each with its
    evidence: article, source and the sentence that reports it."""
    where, params = filters.where()
    limit = f" LIMIT {int(filters.limit)}" if filters.limit else ""
    offset = f" OFFSET {int(filters.offset)}" if filters.offset else ""
    cur = con.execute(f"SELECT * EXCLUDE (party_names) FROM events{where} "
                      f"ORDER BY {ORDERS[filters.order]}{limit}{offset}", params)
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    for row in rows:
        for column in ("actors", "recipients", "summary"):
            row[column] = json.loads(row[column]) if row[column] else ([] if column != "summary"
                                                                        else {})
    _add_evidence(con, rows)
    return rows


def count_events(con, filters: Filters) -> int:
    """How many events the filters select (their limit and offset aside)."""
    where, params = filters.where()
    return con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]


def _add_evidence(con, rows: list[dict]) -> None:
    if not rows:
        return
    cur = con.execute(
        """
        SELECT e.event_key, e.article_id, a.path, a.url, a.title, e.source, e.published,
               e.rule, e.sentence_start, e.sentence_stop, e.trigger_start, e.trigger_stop,
               substring(a.text, e.sentence_start + 1, e.sentence_stop - e.sentence_start)
        FROM event_evidence e JOIN articles a ON a.id = e.article_id
        WHERE e.event_key IN (SELECT unnest($1::VARCHAR[]))
        ORDER BY e.published NULLS LAST, e.article_id, e.sentence_start
        """,
        [[r["key"] for r in rows]])
    names = ("article_id", "path", "url", "title", "source", "published", "rule",
             "sentence_start", "sentence_stop", "trigger_start", "trigger_stop", "sentence")
    found: dict[str, list[dict]] = {}
    for key, *values in cur.fetchall():
        found.setdefault(key, []).append(dict(zip(names, values, strict=True)))
    for row in rows:
        row["evidence"] = found.get(row["key"], [])


def actor_names(actors: list[dict], lang: str) -> str:
    return "; ".join((a.get("labels") or {}).get(lang) or a.get("normal") or a.get("text", "")
                     for a in actors)
