"""Participants that are no single mention: a plural role phrase with coordinated
countries ("президенты России и Азербайджана условились…") names each country's holder."""

from __future__ import annotations

from datetime import date

from ..kb.link import _word
from ..kb.phrases import find_phrases
from ..kb.roles import holder_on
from ..records import Actor


def plural_role_actors(tree, kb, j: int, day: date | None) -> list[Actor]:
    doc = tree.doc
    sentence = doc.sentences[tree.tok(j).sentence]
    if j + 1 >= sentence.token_stop:
        return []
    words = [_word(kb, t) for t in doc.tokens[j:sentence.token_stop]]
    match = next((m for m in find_phrases(kb, words[:8]) if m.first == 0), None)
    if match is None or match.kind != "role" or not match.plural or match.country is None:
        return []
    role = kb.role_types.get(match.phrase.target)
    if role is None:
        return []
    countries = _countries(tree, kb, j, match.country)
    if len(countries) < 2:
        return []
    k = _country_token(tree, kb, j)
    stops = [tree.mention[c].stop for c in tree.conjuncts(k) if c in tree.mention] if k >= 0 else []
    stop = max(stops) if stops else doc.tokens[j + match.stop - 1].stop
    start = doc.tokens[j].start
    text = doc.text[start:stop]
    out = []
    for country in countries:
        holder = holder_on(kb, match.phrase.target, country.code, day) if day else None
        code = role.code_in(country.code)
        labels = kb.labels(holder).to_json() if holder else {}
        out.append(Actor(text, start, stop, holder.id if holder else None, code,
                         holder.name if holder else text, "PER", labels,
                         holder.qid if holder else None))
    return out


def _country_token(tree, kb, j: int) -> int:
    for k in tree.children(j, "nmod"):
        m = tree.mention.get(k)
        entity = kb.get(m.kb_id) if m is not None and m.kb_id else None
        if entity is not None and entity.kind == "country":
            return k
    return -1


def _countries(tree, kb, j: int, first_country) -> list:
    k = _country_token(tree, kb, j)
    if k < 0:
        return [first_country]
    out = []
    for c in tree.conjuncts(k):
        m = tree.mention.get(c)
        entity = kb.get(m.kb_id) if m is not None and m.kb_id else None
        if entity is not None and entity.kind == "country" and entity not in out:
            out.append(entity)
    return out
