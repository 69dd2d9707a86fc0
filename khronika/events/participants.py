"""Participants that are no single mention: a plural role phrase with coordinated
countries ("президенты России и Азербайджана условились…") names each country's holder,
an institution phrase ("власти Мальты и Италии") each country's institution."""

from __future__ import annotations

from datetime import date

from ..kb.link import _word
from ..kb.phrases import find_phrases
from ..kb.roles import holder_on
from ..records import Actor


def plural_role_actors(tree, kb, j: int, day: date | None, loose: bool = False) -> list[Actor]:
    """The holders of the role phrase at ``j`` in each coordinated country. ``loose``: the
    phrase need not be plural (the tagger read "Главы МИД России и Турции" as singular)."""
    doc = tree.doc
    sentence = doc.sentences[tree.tok(j).sentence]
    if j + 1 >= sentence.token_stop:
        return []
    words = [_word(kb, t) for t in doc.tokens[j:sentence.token_stop]]
    match = next((m for m in find_phrases(kb, words[:8]) if m.first == 0), None)
    if match is None or match.kind not in ("role", "institution") or (
            match.kind == "role" and not (match.plural or loose)) or match.country is None:
        return []
    role = kb.role_types.get(match.phrase.target)
    if role is None and match.kind == "role":
        return []
    countries = _countries(tree, kb, j, match.country)
    if len(countries) < 2:
        return []
    k = _country_token(tree, kb, j)
    stops = [tree.mention[c].stop for c in tree.conjuncts(k) if c in tree.mention] if k >= 0 else []
    stop = max(stops) if stops else doc.tokens[j + match.stop - 1].stop
    start = doc.tokens[j].start
    text = doc.text[start:stop]
    if match.kind == "institution":  # "власти Мальты и Италии": each country's, the
        spans = [(tree.mention[c].start, tree.mention[c].stop)  # first over the whole
                 for c in tree.conjuncts(k) if c in tree.mention]  # phrase, the others
        if len(spans) == len(countries):  # over their country's name
            spans[0] = (start, spans[0][1])
        else:
            spans = [(start, stop)] * len(countries)
        return [_institution(kb, match.phrase.target, country, doc.text[a:b], a, b)
                for country, (a, b) in zip(countries, spans, strict=True)]
    out = []
    for country in countries:
        holder = holder_on(kb, match.phrase.target, country.code, day) if day else None
        code = role.code_in(country.code)
        labels = kb.labels(holder).to_json() if holder else {}
        out.append(Actor(text, start, stop, holder.id if holder else None, code,
                         holder.name if holder else text, "PER", labels,
                         holder.qid if holder else None))
    return out


def _institution(kb, kind: str, country, text: str, start: int, stop: int) -> Actor:
    entity = kb.institution(kind, country)
    labels = kb.labels(entity).to_json()
    return Actor(text, start, stop, entity.id, entity.code, labels.get("ru", entity.name),
                 "ORG", labels, entity.qid)


def _country_token(tree, kb, j: int, depth: int = 0) -> int:
    """The country after a role word, or after its institution ("главы МИД России")."""
    for k in tree.children(j, "nmod"):
        if _country_at(tree, kb, k) is not None:
            return k
    for k in tree.children(j, "nmod") if depth == 0 else ():
        found = _country_token(tree, kb, k, 1)
        if found >= 0:
            return found
    return -1


def _countries(tree, kb, j: int, first_country) -> list:
    k = _country_token(tree, kb, j)
    if k < 0:
        return [first_country]
    out = []
    for c in tree.conjuncts(k):
        entity = _country_at(tree, kb, c)
        if entity is not None and entity not in out:
            out.append(entity)
    return out


def _country_at(tree, kb, k: int):
    """The country named at token ``k``, also inside a longer mention ("главы МИД России")."""
    t = tree.tok(k)
    for m in [tree.mention.get(k), *tree.doc.mentions]:
        if m is not None and m.start <= t.start and t.stop <= m.stop and m.kb_id:
            entity = kb.get(m.kb_id)
            if entity is not None and entity.kind == "country":
                return entity
    return None
