"""A capital acting for its government, told by its syntax (rules in data/metonymy.yaml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..records import Doc, Mention, Token

SUBJECT_RELS = {"nsubj", "nsubj:pass"}
OBJECT_RELS = {"obj", "iobj"}


def rules() -> dict[str, set[str]]:
    """The rules of ``kb/data/metonymy.yaml`` (through the data loader)."""
    from ..resources import shipped

    return shipped("metonymy")


def parse_metonymy(path: Path) -> dict[str, set[str]]:
    with open(path, encoding="utf-8") as f:
        return {name: set(words) for name, words in yaml.safe_load(f).items()}


def acts_as_government(doc: Doc, mention: Mention) -> bool:
    span = doc.token_range(mention.start, mention.stop)
    if not span:
        return False
    index = span[-1]
    if doc.tokens[index].rel == "conj" and doc.tokens[index].head >= 0:
        index = doc.tokens[index].head  # "Баку и Ереван": the first conjunct's role
    token = doc.tokens[index]
    head = doc.tokens[token.head] if token.head >= 0 else None
    preposition = _case(doc, index)
    r = rules()
    if token.rel in SUBJECT_RELS:
        return True
    if preposition is not None:
        if preposition in r["party_prepositions"]:
            return True
        return (preposition in r["impersonal_prepositions"] and head is not None
                and head.pos == "VERB" and head.lemma in r["impersonal_verbs"]
                and _impersonal(doc, token.head))
    if token.rel in OBJECT_RELS:
        return head is not None and head.lemma not in r["place_verbs"]
    return token.rel == "nmod" and head is not None and head.lemma in r["party_nouns"]


def _children(doc: Doc, index: int) -> list[Token]:
    sent = doc.sentences[doc.tokens[index].sentence]
    return [t for t in doc.tokens[sent.token_start : sent.token_stop] if t.head == index]


def _case(doc: Doc, index: int) -> str | None:
    cases = [t.lemma.lower() for t in _children(doc, index) if t.rel == "case"]
    return cases[0] if cases else None


def _impersonal(doc: Doc, verb: int) -> bool:
    """A plural verb without a subject: "заявили", "считают"."""
    has_subject = any(t.rel in SUBJECT_RELS for t in _children(doc, verb))
    return not has_subject and doc.tokens[verb].feats.get("Number") == "Plur"
