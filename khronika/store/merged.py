"""The ``events`` table, merged from the stored ``reports`` (one row per event as one
article tells it) so that it does not depend on the order articles arrive in.

Reports of one event share a ``parties`` key (family, negation, participants). Whenever a
batch brings reports of a group of parties, the group is merged again from all its
stored reports: which event each report tells (its own day; an undated report joins the
dated day ``events.undated`` picks), and each event's fields from its canonical report —
the best dated, then the most confident, then the earliest published, then the smallest
article id and event index — with the highest confidence, the first publication and the
counts of its evidence.
"""

from __future__ import annotations

from ..events.undated import Told, merged_keys

# the fields an event and each report of it share: (name, DuckDB type), in insert order
FIELDS: list[tuple[str, str]] = [
    ("code", "VARCHAR"), ("plover", "VARCHAR"), ("mode", "VARCHAR"), ("context", "VARCHAR"),
    ("modality", "VARCHAR"), ("goldstein", "DOUBLE"), ("quad", "INTEGER"),
    ("date", "VARCHAR"), ("date_precision", "VARCHAR"), ("day", "DATE"), ("actors", "JSON"),
    ("recipients", "JSON"), ("actor_ids", "VARCHAR[]"), ("actor_codes", "VARCHAR[]"),
    ("recipient_ids", "VARCHAR[]"), ("recipient_codes", "VARCHAR[]"),
    ("place_text", "VARCHAR"), ("place_kb_id", "VARCHAR"), ("summary", "JSON"),
    ("confidence", "DOUBLE"),
]

# an event's party names (as written, canonical, labels), lower case, one a line: what
# `--actor NAME` searches (never the JSON keys around them), kept in ``events.party_names``
NAME_FIELDS = ("text", "normal", "labels.ru", "labels.en", "labels.ar")
PARTY_NAMES = "lower(array_to_string(list_concat({}), chr(10)))".format(", ".join(
    f"json_extract_string({column}, '$[*].{field}')"
    for column in ("actors", "recipients") for field in NAME_FIELDS))

GROUP = "parties IN (SELECT unnest($1::VARCHAR[]))"
# the canonical report of an event: dated to the day, dated at all, most confident,
# first published, then the smallest article id and event index
CANONICAL = ("(date_precision = 'day') DESC, (date_precision NOT IN ('published', 'none')) "
             "DESC, confidence DESC, published NULLS LAST, article_id, event_idx")


def remerge(con, parties: list[str]) -> None:
    """Merge the events of these groups of parties again from all their reports."""
    if not parties:
        return
    _assign_keys(con, parties)
    con.execute(f"DELETE FROM events WHERE {GROUP}", [parties])
    _insert_events(con, parties)
    con.execute(
        "UPDATE event_evidence SET event_key = r.event_key FROM reports r "
        "WHERE r.article_id = event_evidence.article_id "
        f"AND r.event_idx = event_evidence.event_idx AND r.{GROUP}", [parties])
    _count(con, parties)


def _assign_keys(con, parties: list[str]) -> None:
    rows = con.execute(
        "SELECT parties, article_id, event_idx, own_key, date_precision, date, published, "
        "json_array_length(actors) + json_array_length(recipients) > 0 "
        f"FROM reports WHERE {GROUP} ORDER BY parties, article_id, event_idx",
        [parties]).fetchall()
    groups: dict[str, list[tuple]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    ids, idxs, keys = [], [], []
    for group in groups.values():
        told = [Told(own_key, precision, day, published, bool(named))
                for _, _, _, own_key, precision, day, published, named in group]
        ids += [row[1] for row in group]
        idxs += [row[2] for row in group]
        keys += merged_keys(told)
    con.execute(
        "UPDATE reports SET event_key = n.key FROM (SELECT unnest($1::VARCHAR[]) AS id, "
        "unnest($2::INTEGER[]) AS idx, unnest($3::VARCHAR[]) AS key) n "
        "WHERE reports.article_id = n.id AND reports.event_idx = n.idx", [ids, idxs, keys])


def _insert_events(con, parties: list[str]) -> None:
    names = ", ".join(name for name, _ in FIELDS if name != "confidence")
    con.execute(
        f"""
        INSERT INTO events (key, {names}, confidence, first_article, first_published,
                            articles, sources, reports, parties, party_names)
        SELECT event_key, {names},
               max(confidence) OVER event,
               first_value(article_id) OVER (PARTITION BY event_key
                                             ORDER BY published NULLS LAST, article_id),
               min(published) OVER event, 0, 0, 0, parties, {PARTY_NAMES}
        FROM reports WHERE {GROUP}
        WINDOW event AS (PARTITION BY event_key)
        QUALIFY row_number() OVER (PARTITION BY event_key ORDER BY {CANONICAL}) = 1
        """, [parties])


def _count(con, parties: list[str]) -> None:
    """Articles, distinct sources and reports of each event, from its evidence (an article
    whose site and agency are unknown is a source of its own)."""
    con.execute(
        f"""
        UPDATE events SET articles = c.articles, sources = c.sources, reports = c.reports
        FROM (SELECT event_key, count(DISTINCT article_id) AS articles,
                     count(DISTINCT coalesce(source, 'article:' || article_id)) AS sources,
                     count(*) AS reports
              FROM event_evidence
              WHERE event_key IN (SELECT key FROM events WHERE {GROUP})
              GROUP BY event_key) c
        WHERE events.key = c.event_key
        """, [parties])


def backfill_party_names(con) -> None:
    """A store made before ``events.party_names`` existed: its events' names."""
    con.execute(f"UPDATE events SET party_names = {PARTY_NAMES} WHERE party_names IS NULL")


def backfill_reports(con) -> None:
    """A store made before ``reports`` existed: one report per stored piece of evidence's
    event, its own date and confidence from the evidence, the rest from the event."""
    kept = [name for name, _ in FIELDS if name not in ("date", "date_precision", "confidence")]
    con.execute(
        f"""
        INSERT INTO reports (article_id, event_idx, own_key, event_key, parties,
                             {", ".join(kept)}, date, date_precision, confidence, published)
        SELECT v.article_id, v.event_idx, e.key, e.key, e.parties,
               {", ".join(f"e.{name}" for name in kept)}, v.date,
               CASE WHEN v.date_source = 'published' THEN 'published'
                    ELSE e.date_precision END,
               v.confidence, v.published
        FROM event_evidence v JOIN events e ON e.key = v.event_key
        QUALIFY row_number() OVER (PARTITION BY v.article_id, v.event_idx
                                   ORDER BY v.sentence_start) = 1
        """)
