"""Mention normalization (nominative) and in-document name coreference.

"Ильхамом Алиевым" → "Ильхам Алиев"; a later "Алиев" (or a headline "Алиев") joins the
cluster of "Ильхам Алиев", and every mention's ``normal`` becomes the cluster's canonical
name: the longest full name seen anywhere in the document.
"""

from __future__ import annotations

from types import SimpleNamespace

from natasha.norm import normalize, syntax_normalize

from ..records import ORG, PER, Doc, Mention
from ..resources import Resources


def _natasha_tokens(doc: Doc, mention: Mention) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            id=i, head_id=t.head, text=t.text, start=t.start, stop=t.stop,
            pos=t.pos, feats=t.feats,
        )
        for i in doc.token_range(mention.start, mention.stop)
        for t in (doc.tokens[i],)
    ]


def lemma_of(doc: Doc, mention: Mention, resources: Resources) -> str:
    """The mention's own nominative form ("Николом Пашиняном" → "Никол Пашинян")."""
    tokens = _natasha_tokens(doc, mention)
    if not tokens:
        return mention.text
    method = syntax_normalize if mention.type == ORG else normalize
    return method(resources.morph_vocab, tokens)


def normalize_doc(doc: Doc, resources: Resources) -> None:
    for mention in doc.mentions:
        mention.text = doc.text[mention.start : mention.stop]
        mention.lemma = lemma_of(doc, mention, resources)
        mention.normal = mention.lemma


def _propagating_names(doc: Doc) -> tuple[dict[str, str], set[int]]:
    """Lemma → type of the one-word names and surnames tagged somewhere in the document."""
    names: dict[str, str] = {}
    covered: set[int] = set()
    for mention in doc.mentions:
        span = doc.token_range(mention.start, mention.stop)
        covered.update(span)
        if len(span) == 1 or (mention.type == PER and len(span) > 1):
            names.setdefault(_key(doc.tokens[span[-1]].lemma), mention.type)
    return names, covered


def propagate_doc(doc: Doc, resources: Resources | None = None) -> None:
    """One sense per discourse: a capitalised word whose lemma is a name tagged elsewhere in
    the document is that name here too ("Алиев" missed by NER in one sentence)."""
    names, covered = _propagating_names(doc)
    added = []
    for index, token in enumerate(doc.tokens):
        kind = names.get(_key(token.lemma))
        if kind and index not in covered and token.text[:1].isupper() and len(token.text) > 2:
            added.append(Mention(token.start, token.stop, kind, token.text, normal=token.text,
                                 sentence=token.sentence, source="propagated"))
    if added:
        doc.mentions = sorted(doc.mentions + added, key=lambda m: m.start)


def _key(word: str) -> str:
    return word.lower().replace("ё", "е").strip(".")


def _name_parts(name: str) -> list[str]:
    return [_key(w) for w in name.replace("-", " - ").split() if w != "-"]


def _same_person(short: list[str], full: list[str]) -> bool:
    """``short`` names the same person as ``full``: a surname, a first name, or initials."""
    if len(short) == 1:
        return short[0] in (full[0], full[-1])
    if short[-1] != full[-1]:
        return False
    pairs = zip(short, full, strict=False)
    return all(s == f or (len(s) == 1 and f.startswith(s)) for s, f in pairs)


def _person_clusters(persons: list[Mention]) -> dict[int, str]:
    """Canonical full name for each PER mention (by index in ``persons``)."""
    fulls = sorted(
        {m.lemma for m in persons if len(_name_parts(m.lemma)) >= 2},
        key=lambda name: (-len(_name_parts(name)), name),
    )
    canonical = {}
    for index, mention in enumerate(persons):
        parts = _name_parts(mention.lemma)
        matches = [f for f in fulls if parts and _same_person(parts, _name_parts(f))]
        canonical[index] = matches[0] if len(matches) == 1 else _nearest(mention, persons, matches)
    return canonical


def _nearest(mention: Mention, persons: list[Mention], names: list[str]) -> str:
    """Among several candidate full names, the one mentioned closest before, else after."""
    if not names:
        return mention.lemma
    before = [m for m in persons if m.lemma in names and m.start <= mention.start]
    after = [m for m in persons if m.lemma in names and m.start > mention.start]
    chosen = before[-1] if before else after[0]
    return chosen.lemma


def coref_doc(doc: Doc, resources: Resources | None = None) -> None:
    """Group mentions of one entity; set ``normal`` to its canonical name and ``cluster``."""
    persons = [m for m in doc.mentions if m.type == PER]
    for mention, name in zip(persons, _person_clusters(persons).values(), strict=True):
        mention.normal = name
    clusters: dict[tuple[str, str], int] = {}
    for mention in doc.mentions:
        key = (mention.type, _key(mention.normal))
        mention.cluster = clusters.setdefault(key, len(clusters))
