"""Full-text search over stored articles, by lemma: each word of a query is matched
against the lemmas the pipeline stored for every token, so "переговоры" finds
"переговорах" and "Путина" finds "Путин".

A query word stands for every normal form the morphology gives it (and itself, for words
it does not know); an article matches when each word matches a token somewhere in it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .query import lemma_condition

WORD = re.compile(r"\w+(?:-\w+)*")
MAX_WORDS = 8  # a longer query is cut: every word costs a scan of the sentences


@dataclass(slots=True)
class Hit:
    article_id: str
    title: str | None
    published: object
    sentences: int  # how many of its sentences match some word
    snippet: list[tuple[str, bool]] = field(default_factory=list)  # (text, a matched word)

    def to_json(self) -> dict:
        return {"article_id": self.article_id, "title": self.title,
                "published": str(self.published) if self.published else None,
                "sentences": self.sentences,
                "snippet": "".join(text for text, _ in self.snippet),
                "matched": [text for text, hit in self.snippet if hit]}


def query_lemmas(morph, query: str) -> list[set[str]]:
    """For each word of ``query`` (at most MAX_WORDS), the lemmas it may stand for."""
    words = [w.lower() for w in WORD.findall(query)][:MAX_WORDS]
    return [{w, *(p.normal for p in morph.parse(w))} for w in words]


def search(con, words: list[set[str]], *, limit: int = 20, offset: int = 0
           ) -> tuple[int, list[Hit]]:
    """Articles in which every word matches: (how many, this page of them), those with the
    most matching sentences first, then the latest."""
    if not words:
        return 0, []
    conditions = [lemma_condition(lemmas) for lemmas in words]
    anywhere = " OR ".join(c for c, _ in conditions)
    every = " AND ".join(f"bool_or({c})" for c, _ in conditions)
    params = [p for _, ps in conditions for p in ps]
    matched = (f"SELECT article_id, count(*) AS n, min(idx) AS first FROM sentences "
               f"WHERE {anywhere} GROUP BY article_id HAVING {every}")
    total = con.execute(f"SELECT count(*) FROM ({matched})", params + params).fetchone()[0]
    rows = con.execute(
        f"SELECT m.article_id, a.title, a.published, m.n, m.first FROM ({matched}) m "
        "JOIN articles a ON a.id = m.article_id "
        "ORDER BY m.n DESC, a.published DESC NULLS LAST, m.article_id LIMIT ? OFFSET ?",
        [*params, *params, limit, offset]).fetchall()
    lemmas = set().union(*words)
    hits = [Hit(i, title, published, n) for i, title, published, n, _ in rows]
    for hit, row in zip(hits, rows, strict=True):
        hit.snippet = _snippet(con, hit.article_id, row[4], lemmas)
    return total, hits


def _snippet(con, article_id: str, idx: int, lemmas: set[str]) -> list[tuple[str, bool]]:
    """The sentence ``idx`` of the article, cut where its tokens match."""
    start, stop, tokens, text = con.execute(
        "SELECT s.start, s.stop, s.tokens, a.text FROM sentences s JOIN articles a "
        "ON a.id = s.article_id WHERE s.article_id = ? AND s.idx = ?",
        [article_id, idx]).fetchone()
    pieces, at = [], start
    for t_start, t_stop, lemma, *_ in json.loads(tokens):
        if lemma in lemmas and t_start >= at:
            pieces += [(text[at:t_start], False), (text[t_start:t_stop], True)]
            at = t_stop
    pieces.append((text[at:stop], False))
    return [p for p in pieces if p[0]]
