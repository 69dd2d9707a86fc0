"""Country adjectives as mentions: "российского", "американские", "азербайджанский".

An adjective that names a country (the ``adjective`` of a country in the KB,
``kb/data/countries.yaml``) becomes a LOC mention of its own, linked to that country, with
``source = "adjective"``: "российские власти" names Russia as much as "власти России" does.
NEREL annotates such adjectives as COUNTRY; factRuEval does not (its ``geo_adj`` is a
descriptor, not a name), and its view in ``evaluate/ner.py`` leaves them out.

Not an adjective inside a name ("Российская академия наук", "Американский союз гражданских
свобод"): that is part of the name. Inside a role or institution phrase ("российский
президент", "американских властей") it is kept, nested, as the country there is nested
in "президент России".

The stage runs last, after the events: the linker, the quote finder and the event coder
read country adjectives in their own way (role phrases, the country of a sentence), and an
adjective is never an event's participant or a quote's speaker by being a mention.
"""

from __future__ import annotations

from ..records import LOC, Doc, Mention

SOURCE = "adjective"


def country_adjectives_doc(doc: Doc, resources) -> None:
    """Add a LOC mention, linked to its country, for each country adjective outside a name."""
    from ..kb.codes import dated_code

    kb = resources.kb
    names = [m for m in doc.mentions if m.source != "role"]
    added: list[Mention] = []
    for token in doc.tokens:
        if token.pos != "ADJ" or not token.text.isalpha():
            continue  # "российско-американских" names two countries and neither alone
        country = kb.country_of_adjective(token.text)  # the cheap test first
        if country is None or any(m.start <= token.start and token.stop <= m.stop
                                  for m in names):
            continue
        labels = kb.labels(country)
        dated = dated_code(kb, country, doc.article.published)
        added.append(Mention(
            token.start, token.stop, LOC, token.text, normal=country.name,
            lemma=token.lemma or token.text.lower(), sentence=token.sentence, source=SOURCE,
            kb_id=country.id, wikidata=country.qid, code=dated.code,
            code_flags=list(dated.flags), labels=labels.to_json(),
            labels_fallback=list(labels.fallback)))
    if added:
        doc.mentions = sorted(doc.mentions + added, key=lambda m: (m.start, -m.stop))
