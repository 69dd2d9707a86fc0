"""`khronika kb lookup`: what a name or a role phrase names on a date, and KB statistics."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from .base import KB
from .codes import active_roles, code_on
from .keys import word_lemma, words
from .labels import LANGS, Labels
from .model import Entity
from .phrases import Word, find_phrases
from .roles import post_holder


@dataclass(slots=True)
class Hit:
    entity: Entity
    code: str | None
    labels: Labels
    via: str  # alias | role | institution


def lookup(kb: KB, text: str, when: date | None = None) -> list[Hit]:
    """Entities ``text`` names on ``when``, best first: a whole role or institution phrase
    ("президент России", "МИД Армении") or a name in any case form ("Пашиняна")."""
    phrase = _phrase(kb, text, when)
    if phrase is not None:
        return [phrase]
    found = kb.candidates(text, " ".join(words(text)))
    found.sort(key=lambda e: (not active_roles(kb, e, when), e.kind != "country", e.id))
    return [Hit(e, code_on(kb, e, when), kb.labels(e), "alias") for e in found]


def _phrase(kb: KB, text: str, when: date | None) -> Hit | None:
    items = [Word(w, word_lemma(kb.morph, w), 0, 0) for w in words(text)]
    matches = find_phrases(kb, items)
    if len(matches) != 1 or matches[0].first != 0:
        return None
    match = matches[0]
    if match.kind == "institution" and match.country is not None:
        entity = kb.institution(match.phrase.target, match.country)
        return Hit(entity, entity.code, kb.labels(entity), "institution")
    holder = post_holder(kb, match.phrase.target, match, when)[1] if match.kind == "role" else None
    if holder is None:
        return None
    return Hit(holder, code_on(kb, holder, when), kb.labels(holder), "role")


def kb_stats(kb: KB) -> dict[str, object]:
    """Coverage counts for `khronika kb stats`."""
    entities = list(kb.entities.values())
    kinds = Counter(e.kind for e in entities)
    labels = {lang: sum(lang not in kb.labels(e).fallback for e in entities) for lang in LANGS}
    roles = Counter(r.role for e in entities for r in e.roles)
    return {
        "entities": len(entities),
        "kinds": dict(sorted(kinds.items())),
        "countries": dict(Counter(e.status for e in entities if e.kind == "country")),
        "people": kinds.get("person", 0),
        "roles": sum(roles.values()),
        "roles_by_type": dict(roles.most_common()),
        "labels": labels,
        "wikidata_ids": sum(bool(e.qid) for e in entities),
        "aliases": sum(len(e.aliases) + 1 for e in entities),
        "institution_types": len(kb.institution_types),
        "extra_files": list(kb.files),
    }
