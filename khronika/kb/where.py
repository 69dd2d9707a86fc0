"""The country a sentence or an article is about, for phrases that name none.

"В Сирии боевики…", "В Тбилиси мэр столицы открыл мост": a domestic institution or post
(``domestic: true`` in institution_types.yaml and roles.yaml) said without a country takes
the one country the sentence's places lie in (countries, cities, regions, country
adjectives), else the article's dominant country when it is clear; else none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..records import LOC, Doc, Mention
from .base import KB
from .model import Entity

DOMINANT = 2  # the article's country: named at least this many times, and this many times
#               as often as any other


def context_country(doc: Doc, kb: KB, start: int) -> Entity | None:
    sentence = doc.sentence_at(start)
    here = _countries(kb, [m for m in doc.mentions if m.sentence == sentence])
    here.update(_adjectives(doc, kb, sentence))
    if here:
        return kb.country(next(iter(here))) if len(here) == 1 else None
    counts = Counter(code for m in doc.mentions for code in _countries(kb, [m]))
    ranked = [*counts.most_common(2), ("", 0), ("", 0)]
    (top, n), (_, second) = ranked[0], ranked[1]
    return kb.country(top) if n >= DOMINANT and n >= DOMINANT * second else None


def _countries(kb: KB, mentions: Iterable[Mention]) -> set[str]:
    """The countries places lie in, where their name says so unambiguously."""
    found: set[str] = set()
    for mention in mentions:
        if mention.type != LOC:
            continue
        linked = kb.get(mention.kb_id)
        entities = [linked] if linked is not None else kb.candidates(mention.normal)
        codes = {e.country or e.code for e in entities
                 if e.kind in ("country", "city", "loc")} - {None}
        if len(codes) == 1:
            found |= {c for c in codes if c}
    return found


def _adjectives(doc: Doc, kb: KB, sentence: int) -> set[str]:
    return {e.code for t in doc.tokens if t.sentence == sentence and t.pos == "ADJ"
            and (e := kb.country_of_adjective(t.text)) is not None and e.code}
