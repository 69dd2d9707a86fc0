"""Organisations named by a description of what they are and whose they are.

"пресс-служба МВД Киргизии", "мэрия Уфы", "городской совет Детройта", "министерство
здравоохранения США", "администрация Обамы": a body noun (``org_heads`` of
``data/ner_fixes.yaml``, with the adjectives before it and the common words that depend on
it) governing a name in the genitive right after it is one ORG mention, the actor whole, with
``source = "description"``; the name stays inside it, nested, as it was linked. A person's
name takes only the heads that a person leads (``person_org_heads``: "администрация
Обамы", not "совет Путина"). A body of ``bare_org_heads`` named with no owner
("правительство", "министерства юстиции") is an ORG mention too. Each gets a local id by its
nominative and labels, as the linker gives a name it does not know.

Institutions that the KB knows by type with their country ("правительство Киргизии",
"посольство США") are already mentions made by the linker (``source = "role"``), linked to
the institution; a description never replaces one. NEREL annotates such descriptions as
ORGANIZATION; factRuEval does not (its ``org_descr`` is no name), and its view in
``evaluate/ner.py`` leaves them out.

The stage runs last, after the events, with the country adjectives: the linker, the quote
finder and the event coder keep reading the names inside (the country of "мэрия Уфы" is
Russia's through "Уфы"), and a description adds a mention with a local id.
"""

from __future__ import annotations

from ..records import LOC, ORG, PER, Doc, Mention
from .nerfix import CLOSE_QUOTES, OPEN_QUOTES, Fixes, _key, load_fixes

SOURCE = "description"
JOINING_RELS = {"amod", "nmod", "case", "det", "flat", "flat:foreign", "compound", "nummod"}


def descriptions_doc(doc: Doc, resources, fixes: Fixes | None = None) -> None:
    """Add an ORG mention for each body noun governing a name in the genitive."""
    from ..kb.labels import make_labels
    from ..kb.resolve import local_id
    from .names import lemma_of

    fixes = fixes or load_fixes()
    added: list[Mention] = []
    for name in [m for m in doc.mentions if m.type in (PER, LOC, ORG)]:
        start = _described(doc, name, fixes)
        if start is None:
            continue
        if any(m.start <= start and name.stop <= m.stop for m in doc.mentions
               if m is not name and m.type != PER):
            continue  # already one mention ("правительство Киргизии" from the linker)
        if any(m.start < name.stop and start < m.stop and not (
                start <= m.start and m.stop <= name.stop) for m in [*doc.mentions, *added]):
            continue  # crosses another mention
        text = doc.text[start : name.stop]
        mention = Mention(start, name.stop, ORG, text, normal=text, lemma=text,
                          sentence=name.sentence, source=SOURCE)
        added.append(mention)
    added.extend(_bare_bodies(doc, [*doc.mentions, *added], fixes))
    for mention in added:  # a local id and labels, as the linker gives a name it does not know
        mention.lemma = mention.normal = lemma_of(doc, mention, resources) or mention.text
        mention.kb_id = local_id(ORG, mention.normal)
        labels = make_labels(mention.normal, {})
        mention.labels, mention.labels_fallback = labels.to_json(), list(labels.fallback)
    if added:
        doc.mentions = sorted(doc.mentions + added, key=lambda m: (m.start, -m.stop))


def _bare_bodies(doc: Doc, mentions: list[Mention], fixes: Fixes) -> list[Mention]:
    """A body of ``bare_org_heads`` named with no owner ("правительство", "коалиционного
    правительства", "министерства юстиции"): an ORG mention, inside a post ("глава
    правительства") too."""
    found: list[Mention] = []
    for i, token in enumerate(doc.tokens):
        if _key(token.lemma or token.text) not in fixes.bare_org_heads or not (
                token.text[:1].islower() or _sentence_initial(doc, i)):
            continue
        if any(m.start < token.stop and token.start < m.stop and m.type != PER
               for m in mentions):
            continue
        first, last = i, i
        while first > 0 and _modifier(doc, first - 1, i):
            first -= 1
        while last + 1 < len(doc.tokens) and _complement(doc, last + 1, i):
            last += 1
        start, stop = doc.tokens[first].start, doc.tokens[last].stop
        if any(m.start < stop and start < m.stop and m.type != PER for m in mentions):
            continue
        text = doc.text[start:stop]
        found.append(Mention(start, stop, ORG, text, normal=text, lemma=text,
                             sentence=token.sentence, source=SOURCE))
    return found


def _complement(doc: Doc, i: int, head: int) -> bool:
    """A lower-case common word after the body noun that belongs to it ("министерства
    юстиции", "кабинет министров", "палаты парламента")."""
    token = doc.tokens[i]
    return (token.pos in ("NOUN", "ADJ") and token.text[:1].islower()
            and token.sentence == doc.tokens[head].sentence and _depends_on(doc, i, head))


def _described(doc: Doc, name: Mention, fixes: Fixes) -> int | None:
    """Where the description of ``name`` begins, when a body noun governs it."""
    index = list(doc.token_range(name.start, name.stop))
    if not index:
        return None
    inside = set(index)
    top = next((i for i in index if doc.tokens[i].head not in inside), index[0])
    head = doc.tokens[top].head
    if head < 0 or head >= index[0] or doc.tokens[top].rel != "nmod":
        return None
    if doc.tokens[top].feats.get("Case") not in (None, "Gen") and name.type != ORG:
        return None
    noun = doc.tokens[head]
    heads = fixes.person_org_heads if name.type == PER else fixes.org_heads
    if _key(noun.lemma or noun.text) not in heads or noun.sentence != doc.tokens[top].sentence:
        return None
    if not noun.text[:1].islower() and not _sentence_initial(doc, head):
        return None  # a capitalised body noun starts a name of its own ("Совет Федерации")
    first = head
    while first > 0 and _modifier(doc, first - 1, head):
        first -= 1
    for between in range(head + 1, index[0]):
        word = doc.tokens[between].text
        if word not in OPEN_QUOTES and (
                not _depends_on(doc, between, head) or word in CLOSE_QUOTES):
            return None  # not words of the body noun ("министерство здравоохранения")
    return doc.tokens[first].start


def _modifier(doc: Doc, i: int, head: int) -> bool:
    """A lower-case adjective agreeing with the body noun ("городской совет")."""
    token = doc.tokens[i]
    return (token.pos == "ADJ" and token.head == head and token.rel == "amod"
            and token.sentence == doc.tokens[head].sentence
            and (token.text[:1].islower() or _sentence_initial(doc, i)))


def _depends_on(doc: Doc, i: int, head: int) -> bool:
    seen = 0
    while i >= 0 and i != head and seen < 8:
        if doc.tokens[i].rel not in JOINING_RELS:
            return False
        i, seen = doc.tokens[i].head, seen + 1
    return i == head


def _sentence_initial(doc: Doc, i: int) -> bool:
    sentence = doc.sentences[doc.tokens[i].sentence]
    return all(doc.tokens[j].pos == "PUNCT" for j in range(sentence.token_start, i))
