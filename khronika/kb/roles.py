"""A role or institution phrase on its own: who or what it names on the article date."""

from __future__ import annotations

from datetime import date

from ..records import ORG, PER, Doc
from .base import KB
from .codes import active_roles
from .keys import key
from .model import Entity
from .phrases import Match
from .resolve import LOCAL

ELECT_DAYS = 366  # "избранный президент": the next holder, taking office within a year


def resolve_phrase(doc: Doc, kb: KB, match: Match, start: int, when: date | None):
    """(entity, type, code) for the phrase, or None when it names nobody in particular."""
    if match.kind == "institution":
        if match.country is None:
            return None
        entity = kb.institution(match.phrase.target, match.country)
        return entity, ORG, entity.code
    if match.kind == "title":
        return _titled(kb, match, when)
    role = match.phrase.target if match.kind == "role" else _anchor_role(doc, kb, start, when)
    if role is None:
        return None
    kind = kb.role_types[role]
    where, holder = post_holder(kb, role, match, when)
    if where is None:
        return None
    holder = holder or (
        _named_before(doc, kb, role, where, start) if match.when == "now" else None)
    code = kind.code_in(match.country.code) if match.country else None
    code = code or (org.code if (org := kb.get(kind.org)) else None)
    if holder is None:
        name = f"{role}:{where}"
        return Entity(id=f"{LOCAL}:role:{name}", kind=LOCAL, name=name), PER, code
    return holder, PER, code


def _titled(kb: KB, match: Match, when: date | None):
    """An ``other`` post named by its title: "пресс-секретарь президента России"."""
    title = match.phrase.target
    where = match.country.code if match.country else None
    periods = [(r, e) for e in kb.people_with_role("other") for r in e.roles
               if r.title and key(r.title) == title and where in (None, r.country)]
    holder = _pick(periods, when, match.when)
    if holder is None:
        return None
    return holder, PER, None


def post_holder(kb: KB, role: str, match: Match, when: date | None):
    """(where, holder): the country code (or IGO id) of a role phrase's post, and who held
    it on ``when`` in the phrase's tense; where is None when the phrase names no country."""
    kind = kb.role_types[role]
    where = match.country.code if match.country else kind.org
    return where, holder_on(kb, role, where, when, match.when) if where else None


def holder_on(kb: KB, role: str, where: str, when: date | None, tense: str = "now"):
    """Who held ``role`` in ``where`` (country code or IGO id): on ``when`` ("now"), last
    before it ("former"), or next after it ("elect")."""
    periods = [(r, e) for e in kb.people_with_role(role) for r in e.roles
               if r.role == role and where in (r.country, r.org)]
    return _pick(periods, when, tense)


def _pick(periods: list, when: date | None, tense: str):
    if when is None:  # an undated text: a post names nobody in particular
        return None
    if tense == "former":  # never the sitting holder, even of an earlier term
        sitting = {e.id for r, e in periods if r.holds_on(when)}
        past = [(r.end, e) for r, e in periods
                if r.end and r.end < when and e.id not in sitting]
        return max(past, key=lambda p: p[0])[1] if past else None
    if tense == "elect":
        future = [(r.start, e) for r, e in periods
                  if r.start and 0 < (r.start - when).days <= ELECT_DAYS]
        return min(future, key=lambda p: p[0])[1] if future else None
    now = [(r.start or date.min, e) for r, e in periods if r.holds_on(when)]
    return max(now, key=lambda p: p[0])[1] if now else None


def _named_before(doc: Doc, kb: KB, role: str, where: str, start: int) -> Entity | None:
    """In an undated text, "российский лидер" is the person named before who held the post
    at some time ("Путин отметил… – сказал российский лидер")."""
    for mention in sorted(doc.mentions, key=lambda m: m.start, reverse=True):
        entity = kb.get(mention.kb_id) if mention.start < start else None
        if entity is not None and any(r.role == role and where in (r.country, r.org)
                                      for r in entity.roles):
            return entity
    return None


def _anchor_role(doc: Doc, kb: KB, start: int, when: date | None) -> str | None:
    """"коллега": the post of the person last named before it in the sentence."""
    sentence = doc.sentence_at(start)
    before = sorted((m for m in doc.mentions if m.start < start and m.sentence == sentence
                     and m.type == PER), key=lambda m: m.start, reverse=True)
    for mention in before:
        entity = kb.get(mention.kb_id)
        held = active_roles(kb, entity, when) if entity is not None else []
        if held:
            return held[0].role
    return None
