"""The embedded store: one DuckDB file, written in bulk by a single writer (opened and
waited for through ``access``).

Each batch of documents is one transaction, so a killed ingest never leaves a half-written
article; ``inputs`` remembers the content hash of every input read to its end (with its
status: done, partial or failed), so a rerun skips what is done and finishes the rest.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path

import duckdb

from ..events.merge import parties_key
from ..records import Doc, Failure
from .merged import FIELDS, backfill_party_names, backfill_reports, remerge

log = logging.getLogger(__name__)

DEFAULT_DB = "khronika.duckdb"


# table -> (column, DuckDB type) in insert order; rows are built by the *_rows functions below
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", "VARCHAR"), ("path", "VARCHAR"), ("format", "VARCHAR"), ("encoding", "VARCHAR"),
        ("url", "VARCHAR"), ("site", "VARCHAR"), ("title", "VARCHAR"), ("published", "DATE"),
        ("language", "VARCHAR"), ("source_agency", "VARCHAR"), ("photo_credit", "VARCHAR"),
        ("translations", "VARCHAR[]"), ("flags", "VARCHAR[]"), ("text", "VARCHAR"),
        ("layout", "JSON"),
        ("published_at", "TIMESTAMP"),  # the publication time, when the page gives one
    ],
    "sentences": [
        ("article_id", "VARCHAR"), ("idx", "INTEGER"), ("start", "INTEGER"), ("stop", "INTEGER"),
        ("block", "INTEGER"), ("is_title", "BOOLEAN"), ("tokens", "JSON"),
    ],
    "mentions": [
        ("article_id", "VARCHAR"), ("idx", "INTEGER"), ("start", "INTEGER"), ("stop", "INTEGER"),
        ("type", "VARCHAR"), ("text", "VARCHAR"), ("normal", "VARCHAR"), ("lemma", "VARCHAR"),
        ("cluster", "INTEGER"), ("sentence", "INTEGER"), ("source", "VARCHAR"),
        ("kb_id", "VARCHAR"), ("wikidata", "VARCHAR"), ("code", "VARCHAR"),
        ("labels", "JSON"),
    ],
    # one row per entity across all articles: KB entities and local ones merged by id
    "entities": [
        ("kb_id", "VARCHAR"), ("kind", "VARCHAR"), ("type", "VARCHAR"), ("name", "VARCHAR"),
        ("labels", "JSON"), ("wikidata", "VARCHAR"), ("code", "VARCHAR"),
        ("mentions", "BIGINT"), ("articles", "BIGINT"), ("first_published", "DATE"),
        ("last_published", "DATE"),
    ],
    "timexes": [
        ("article_id", "VARCHAR"), ("idx", "INTEGER"), ("start", "INTEGER"), ("stop", "INTEGER"),
        ("text", "VARCHAR"), ("value", "VARCHAR"), ("precision", "VARCHAR"),
        ("relative", "BOOLEAN"), ("resolved", "BOOLEAN"), ("mod", "VARCHAR"),
        ("sentence", "INTEGER"),
        ("value_end", "VARCHAR"),  # Timex.end: the last value of a range or list
    ],
    "quotes": [
        ("article_id", "VARCHAR"), ("idx", "INTEGER"), ("start", "INTEGER"), ("stop", "INTEGER"),
        ("text", "VARCHAR"), ("speaker_text", "VARCHAR"), ("speaker_normal", "VARCHAR"),
        ("speaker_start", "INTEGER"), ("speaker_stop", "INTEGER"), ("speaker_kb_id", "VARCHAR"),
        ("partial", "BOOLEAN"), ("sentence", "INTEGER"),
    ],
    # one row per real event, merged across the articles that report it (``merged``)
    "events": [
        ("key", "VARCHAR"), *FIELDS, ("first_article", "VARCHAR"),
        ("first_published", "DATE"), ("articles", "BIGINT"), ("sources", "BIGINT"),
        ("reports", "BIGINT"),
        ("parties", "VARCHAR"),  # merge.parties_key: family and participants, any day
        ("party_names", "VARCHAR"),  # merged.PARTY_NAMES: what `--actor NAME` searches
    ],
    # one row per event as one article tells it; ``events`` is merged from these
    "reports": [
        ("article_id", "VARCHAR"), ("event_idx", "INTEGER"),
        ("own_key", "VARCHAR"),  # merge.event_key of this report alone
        ("event_key", "VARCHAR"),  # the event it tells, after merging
        ("parties", "VARCHAR"), *FIELDS, ("published", "DATE"),
    ],
    # one row per sentence that reports an event
    "event_evidence": [
        ("event_key", "VARCHAR"), ("article_id", "VARCHAR"), ("event_idx", "INTEGER"),
        ("source", "VARCHAR"), ("published", "DATE"), ("code", "VARCHAR"),
        ("modality", "VARCHAR"), ("rule", "VARCHAR"), ("confidence", "DOUBLE"),
        ("sentence_start", "INTEGER"), ("sentence_stop", "INTEGER"),
        ("trigger_start", "INTEGER"), ("trigger_stop", "INTEGER"), ("is_title", "BOOLEAN"),
        ("date", "VARCHAR"), ("date_source", "VARCHAR"), ("actors", "JSON"),
        ("recipients", "JSON"),
    ],
    # one row per failure, stored once however often its input is ingested
    "failures": [
        ("path", "VARCHAR"), ("id", "VARCHAR"), ("kind", "VARCHAR"), ("reason", "VARCHAR"),
        ("sha", "VARCHAR"),  # the input's content hash (NULL: unreadable or too large)
    ],
    # one row per input ingested: status done, partial (some articles, some failures) or
    # failed (no article); a rerun skips them all
    "inputs": [
        ("sha", "VARCHAR"), ("path", "VARCHAR"), ("size", "BIGINT"), ("articles", "INTEGER"),
        ("status", "VARCHAR"), ("failures", "INTEGER"),
    ],
}


# what the insert columns above do not say: keys, and timestamps the store fills itself
PRIMARY_KEYS = {"inputs": "sha", "articles": "id", "entities": "kb_id", "events": "key"}
STAMPS = {
    "inputs": "ingested_at TIMESTAMP DEFAULT current_timestamp",
    "articles": "ingested_at TIMESTAMP DEFAULT current_timestamp",
    "failures": "failed_at TIMESTAMP DEFAULT current_timestamp",
}


def schema() -> str:
    """CREATE TABLE statements, derived from COLUMNS."""
    statements = []
    for table, columns in COLUMNS.items():
        parts = [
            f"{name} {kind}" + (" PRIMARY KEY" if PRIMARY_KEYS.get(table) == name else "")
            for name, kind in columns
        ]
        parts += [STAMPS[table]] if table in STAMPS else []
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)});")
    return "\n".join(statements)


def _upgrade(con) -> None:
    """Add the columns a store made by an earlier version lacks."""
    for table, columns in COLUMNS.items():
        for name, kind in columns:
            con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {name} {kind}")


def create(con) -> None:
    """Make the tables a new store needs, and the columns and tables an older one lacks."""
    tables = {t for (t,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()}
    con.execute(schema())
    _upgrade(con)
    if "events" in tables and "reports" not in tables:
        backfill_reports(con)
    if "events" in tables:  # events merged before party_names existed have none
        backfill_party_names(con)


def connect(path: str | Path = DEFAULT_DB, *, read_only: bool = False):
    """A bare connection (tests, scripts); commands open the store through ``access``,
    which waits for other processes and refuses files that are no khronika store."""
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        create(con)
    return con


def article_row(doc: Doc) -> tuple:
    a = doc.article
    layout = {
        "title": a.title.to_json() if a.title else None,
        "published_span": a.published_span.to_json() if a.published_span else None,
        "paragraphs": [p.to_json() for p in a.paragraphs],
        "furniture": [f.to_json() for f in a.furniture],
    }
    return (
        doc.id, a.path, a.format, a.encoding, a.url, a.site, a.title_text, a.published,
        a.language, a.source_agency, a.photo_credit, list(a.translations), list(doc.flags),
        a.text, json.dumps(layout), a.published_at,
    )


def _token_tuple(t) -> list:
    feats = "|".join(f"{k}={v}" for k, v in t.feats.items())
    return [t.start, t.stop, t.lemma, t.pos, feats, t.head, t.rel]


def doc_rows(doc: Doc) -> dict[str, list[tuple]]:
    """Every row one document adds, by table."""
    i = doc.id
    return {
        "articles": [article_row(doc)],
        "sentences": [
            (i, n, s.start, s.stop, s.block, s.is_title,
             json.dumps([_token_tuple(t) for t in doc.sentence_tokens(n)], ensure_ascii=False))
            for n, s in enumerate(doc.sentences)
        ],
        "mentions": [
            (i, n, m.start, m.stop, m.type, m.text, m.normal, m.lemma, m.cluster, m.sentence,
             m.source, m.kb_id, m.wikidata, m.code, _labels_json(m))
            for n, m in enumerate(doc.mentions)
        ],
        "timexes": [
            (i, n, t.start, t.stop, t.text, t.value, t.precision, t.relative, t.resolved, t.mod,
             t.sentence, t.end)
            for n, t in enumerate(doc.timexes)
        ],
        "quotes": [_quote_row(i, n, q) for n, q in enumerate(doc.quotes)],
        "reports": [report_row(doc, n, e) for n, e in enumerate(doc.events)],
        "event_evidence": [row for n, e in enumerate(doc.events)
                           for row in _evidence_rows(doc, n, e)],
    }


def article_source(doc: Doc) -> str | None:
    """Who published it, for counting an event's sources: the site, else the agency."""
    a = doc.article
    return a.site or a.source_agency


def _actors_json(actors) -> str:
    return json.dumps([a.to_json() for a in actors], ensure_ascii=False)


def _evidence_rows(doc: Doc, n: int, e) -> list[tuple]:
    return [
        (e.key, doc.id, n, article_source(doc), doc.article.published, e.code, e.modality,
         ev.rule, ev.confidence, ev.sentence.start, ev.sentence.stop, ev.trigger.start,
         ev.trigger.stop, ev.is_title, e.date, e.date_source, _actors_json(e.actors),
         _actors_json(e.recipients))
        for ev in e.evidence
    ]


def _day(value: str | None):
    """The first day of an event's date ("2021-04" → 2021-04-01), for range filters."""
    from datetime import date

    if not value or not value[:4].isdigit():
        return None
    try:
        return date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value[:10])
    except ValueError:
        return None


def report_row(doc: Doc, n: int, e) -> tuple:
    """One event as this article tells it (``merged`` makes ``events`` from these)."""
    return (
        doc.id, n, e.key, e.key, parties_key(e), e.code, e.plover, e.mode, e.context,
        e.modality, e.goldstein, e.quad, e.date, e.date_precision, _day(e.date),
        _actors_json(e.actors), _actors_json(e.recipients),
        [a.kb_id for a in e.actors if a.kb_id], [a.code for a in e.actors if a.code],
        [a.kb_id for a in e.recipients if a.kb_id], [a.code for a in e.recipients if a.code],
        e.place.normal or e.place.text if e.place else None,
        e.place.kb_id if e.place else None,
        json.dumps(e.summary, ensure_ascii=False), e.confidence, doc.article.published,
    )


def _quote_row(article_id: str, n: int, q) -> tuple:
    s = q.speaker
    return (
        article_id, n, q.start, q.stop, q.text,
        s.text if s else None, s.normal if s else None, s.start if s else None,
        s.stop if s else None, s.kb_id if s else None, q.partial, q.sentence,
    )


def insert_rows(con, table: str, rows: list[tuple], upsert: str | None = None) -> None:
    """Columnar bulk insert: one statement per table, each column passed as a list;
    ``upsert`` is the ON CONFLICT clause of a table that merges rows by key."""
    if not rows:
        return
    columns = COLUMNS[table]
    names = ", ".join(name for name, _ in columns)
    select = ", ".join(f"unnest(${n + 1}::{kind}[])" for n, (_, kind) in enumerate(columns))
    params = [list(column) for column in zip(*rows, strict=True)]
    conflict = f" ON CONFLICT DO UPDATE SET {upsert}" if upsert else ""
    con.execute(f"INSERT INTO {table} ({names}) SELECT {select}{conflict}", params)


UPSERTS = {
    "entities": (
        "mentions = entities.mentions + EXCLUDED.mentions, "
        "articles = entities.articles + EXCLUDED.articles, "
        "first_published = least(entities.first_published, EXCLUDED.first_published), "
        "last_published = greatest(entities.last_published, EXCLUDED.last_published), "
        "code = coalesce(EXCLUDED.code, entities.code)"
    ),
}


def _labels_json(m) -> str | None:
    """{ru, en, ar} plus "fallback": the languages whose label is made up."""
    if not m.labels:
        return None
    return json.dumps({**m.labels, "fallback": m.labels_fallback}, ensure_ascii=False)


def entity_rows(docs: list[Doc]) -> list[tuple]:
    """Per-entity counts over a batch of new documents (merged into ``entities``)."""
    rows: dict[str, list] = {}
    for doc in docs:
        published = doc.article.published
        for m in doc.mentions:
            if not m.kb_id:
                continue
            row = rows.setdefault(m.kb_id, [
                m.kb_id, m.kb_id.split(":", 1)[0], m.type, m.normal,
                _labels_json(m), m.wikidata, m.code, 0, set(),
                published, published])
            row[6] = m.code or row[6]
            row[7] += 1
            row[8].add(doc.id)
            row[9] = min(filter(None, (row[9], published)), default=None)
            row[10] = max(filter(None, (row[10], published)), default=None)
    return [(*r[:8], len(r[8]), r[9], r[10]) for r in rows.values()]


def known_inputs(con, shas: Iterable[str]) -> set[str]:
    shas = list(shas)
    if not shas:
        return set()
    rows = con.execute("SELECT sha FROM inputs WHERE sha IN (SELECT unnest($1::VARCHAR[]))", [shas])
    return {sha for (sha,) in rows.fetchall()}


def known_articles(con, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    rows = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest($1::VARCHAR[]))", [ids])
    return {i for (i,) in rows.fetchall()}


def failure_row(failure: Failure, sha: str | None) -> tuple:
    return (failure.path, failure.id, failure.kind, failure.reason, sha)


def new_failures(con, rows: list[tuple]) -> list[tuple]:
    """The failure rows not stored yet (a rerun of an input that fails again, or of one
    whose last batch never got written, stores nothing twice)."""
    if not rows:
        return []
    stored = set(con.execute(
        "SELECT path, id, kind, reason, sha FROM failures "
        "WHERE path IN (SELECT unnest($1::VARCHAR[]))", [[r[0] for r in rows]]).fetchall())
    return [row for row in dict.fromkeys(rows) if row not in stored]


def write_batch(con, docs: list[Doc], failures: list[tuple], inputs: list[tuple]) -> int:
    """Store a batch in one transaction; documents already stored are left alone.
    ``failures`` are ``failure_row``s, ``inputs`` rows of the inputs now done.

    Returns the number of new articles.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        seen = known_articles(con, [d.id for d in docs])
        tables: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
        fresh = []
        for doc in docs:
            if doc.id not in seen:
                seen.add(doc.id)
                fresh.append(doc)
        for doc in fresh:
            for table, rows in doc_rows(doc).items():
                tables[table].extend(rows)
        tables["entities"] = entity_rows(fresh)
        tables["failures"] = new_failures(con, failures)
        tables["inputs"] = inputs
        for table, rows in tables.items():
            insert_rows(con, table, rows, upsert=UPSERTS.get(table))
        remerge(con, sorted({row[4] for row in tables["reports"]}))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(tables["articles"])


def stats(con) -> dict[str, object]:
    """Counts for `khronika stats`."""
    count = {
        table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("articles", "sentences", "mentions", "timexes", "quotes", "events",
                      "event_evidence", "failures")
    }
    by_type = con.execute(
        "SELECT type, count(*), count(DISTINCT article_id || ':' || normal) FROM mentions "
        "GROUP BY type ORDER BY type"
    ).fetchall()
    count["entities"] = con.execute("SELECT count(*) FROM entities").fetchone()[0]
    count["kb_entities"] = con.execute(
        "SELECT count(*) FROM entities WHERE kind <> 'local'").fetchone()[0]
    cur = con.execute(
        "SELECT type, kb_id, name, labels, code, articles FROM entities "
        "ORDER BY articles DESC, mentions DESC, kb_id LIMIT 15"
    )
    names = [d[0] for d in cur.description]
    top = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    span = con.execute("SELECT min(published), max(published) FROM articles").fetchone()
    return {"count": count, "by_type": by_type, "top": top, "published": span}


def matching_ids(con, prefix: str, limit: int = 20) -> list[str]:
    """The stored article id equal to ``prefix``, else (at most ``limit``) ids that start
    with it, in order."""
    if con.execute("SELECT 1 FROM articles WHERE id = ?", [prefix]).fetchone():
        return [prefix]
    rows = con.execute("SELECT id FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT ?",
                       [prefix, limit])
    return [i for (i,) in rows.fetchall()]


def load_doc(con, article_id: str) -> dict | None:
    """One stored article with its mentions, dates, quotes and the events it reports, as
    plain dicts."""
    row = con.execute(
        "SELECT id, path, title, published, text FROM articles WHERE id = ?", [article_id],
    ).fetchone()
    if row is None:
        return None
    doc = dict(zip(("id", "path", "title", "published", "text"), row, strict=True))
    for table in ("mentions", "timexes", "quotes"):
        cur = con.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY start", [row[0]])
        names = [d[0] for d in cur.description]
        doc[table] = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    cur = con.execute(
        "SELECT e.date, e.code, e.plover, e.modality, e.summary, e.articles, v.trigger_start, "
        "v.trigger_stop, v.is_title, e.key, e.sources, e.confidence, v.sentence_start, "
        "v.sentence_stop FROM event_evidence v JOIN events e ON e.key = v.event_key "
        "WHERE v.article_id = ? ORDER BY v.sentence_start, v.trigger_start", [row[0]])
    names = [d[0] for d in cur.description]
    doc["events"] = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    return doc


def recent_articles(con, limit: int = 20) -> list[tuple]:
    """(id, published, title, mentions, dates, quotes) of the latest stored articles."""
    return con.execute(
        """
        SELECT a.id, a.published, coalesce(a.title, left(a.text, 60)),
               (SELECT count(*) FROM mentions m WHERE m.article_id = a.id),
               (SELECT count(*) FROM timexes t WHERE t.article_id = a.id),
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)
        FROM articles a ORDER BY a.published DESC NULLS LAST, a.id LIMIT ?
        """,
        [limit],
    ).fetchall()
