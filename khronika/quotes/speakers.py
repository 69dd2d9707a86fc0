"""Speakers: the noun phrase that a speech cue names, resolved to a person or a source.

A person is named by its mention's canonical name ("Лавров" → "Сергей Лавров"), an
institution by the nominative of its phrase ("в пресс-службе Кремля" → "пресс-служба
Кремля"); a bare title ("сказал министр", "в пресс-службе") is resolved to the last speaker
or person that carried that title, a pronoun ("сказал он") to the speaker in context.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..nlp.names import lemma_of
from ..records import ORG, PER, Doc, Mention, Speaker
from ..resources import Resources
from .marks import quoted_spans
from .speech import SpeechLexicon, load_speech

PRONOUNS = frozenset({"он", "она", "они"})
MAX_NAME_WORDS = 3  # a quoted name after a noun: газета "Коммерсант"
NP_RELS = frozenset({"nmod", "amod", "flat", "flat:name", "flat:foreign", "appos", "nummod"})


@dataclass(slots=True)
class State:
    """What attribution needs about one document, and the speaker in context."""

    doc: Doc
    resources: Resources
    lex: SpeechLexicon
    starts: list[int]  # token start offsets, for bisect
    quoted: list[bool]  # token lies inside quotation marks
    children: dict[int, list[int]]
    titles: list[tuple[int, str, Speaker]]  # (offset, head lemma, speaker) antecedents
    current: Speaker | None = None
    current_block: int = -10
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (open, close, block)


def build_state(doc: Doc, resources) -> State:
    spans = [
        (open_, close, index)
        for index, block in enumerate(doc.article.blocks())
        for open_, close in quoted_spans(doc.text, block)
    ]
    starts = [t.start for t in doc.tokens]
    quoted = [any(o < t.start and t.stop <= c for o, c, _ in spans) for t in doc.tokens]
    children = defaultdict(list)
    for index, token in enumerate(doc.tokens):
        children[token.head].append(index)
    lex = getattr(resources, "speech", None) or load_speech()
    state = State(doc, resources, lex, starts, quoted, children, [], spans=spans)
    state.titles = appos_titles(doc)
    return state


def appos_titles(doc: Doc) -> list[tuple[int, str, Speaker]]:
    """Titles of persons: "Президент России Владимир Путин" → ("президент", Путин)."""
    titles = []
    first = {t.start: i for i, t in enumerate(doc.tokens)}
    for mention in doc.mentions:
        index = first.get(mention.start)
        if mention.type != PER or index is None:
            continue
        token = doc.tokens[index]
        if token.rel == "appos" and token.head >= 0:
            titles.append((mention.start, doc.tokens[token.head].lemma, person_speaker(mention)))
    return titles


def child(state: State, head: int, rels: tuple[str, ...]) -> int | None:
    """The first dependent of ``head`` outside quotes whose relation is one of ``rels``."""
    for index in state.children[head]:
        if state.doc.tokens[index].rel in rels and not state.quoted[index]:
            return index
    return None


def np_speaker(state: State, head: int | None, locative: bool = False) -> Speaker | None:
    """The speaker a noun phrase names: a person, a titled antecedent, or the phrase."""
    if head is None:
        return None
    doc, token = state.doc, state.doc.tokens[head]
    if token.pos == "PRON":
        return pronoun(state, head) if token.lemma in PRONOUNS else None
    ids = np_tokens(state, head)
    start, stop = doc.tokens[ids[0]].start, doc.tokens[ids[-1]].stop
    named = mention_in(doc, start, stop, PER)
    if named is not None:
        speaker = person_speaker(named)
    elif not any(doc.tokens[i].pos == "PROPN" for i in ids):
        speaker = (
            antecedent(state, token.lemma, start)
            or epithet(state, head)
            or phrase(state, head, ids, locative)
        )
    else:
        speaker = phrase(state, head, ids, locative)
    state.titles.append((start, token.lemma, speaker))
    return speaker


def np_tokens(state: State, head: int) -> list[int]:
    tokens, ids, todo = state.doc.tokens, [head], [head]
    while todo:
        for index in state.children[todo.pop()]:
            token = tokens[index]
            same = token.sentence == tokens[head].sentence
            if token.rel in NP_RELS and not state.quoted[index] and same:
                ids.append(index)
                todo.append(index)
    return sorted(ids)


def phrase(state: State, head: int, ids: list[int], locative: bool) -> Speaker:
    doc = state.doc
    start, stop = doc.tokens[ids[0]].start, doc.tokens[ids[-1]].stop
    stop = _named_by_quote(state, stop)
    whole = mention_in(doc, start, stop, None)
    if whole is not None and whole.start <= start and whole.stop >= stop:
        normal = whole.normal
    else:
        sentence = doc.tokens[head].sentence
        span = Mention(start, stop, ORG, doc.text[start:stop], "", sentence=sentence)
        normal = lemma_of(doc, span, state.resources)
    return Speaker(normal if locative else doc.text[start:stop], normal, start, stop)


def _named_by_quote(state: State, stop: int) -> int:
    """Extend a phrase over the name in quotes that follows it: газета "Коммерсант"."""
    for open_, close, _ in state.spans:
        name, gap = state.doc.text[open_ + 1 : close], state.doc.text[stop:open_]
        adjacent = open_ >= stop and gap in ("", " ")
        if adjacent and name[:1].isupper() and len(name.split()) <= MAX_NAME_WORDS:
            return close + 1
    return stop


def mention_in(doc: Doc, start: int, stop: int, kind: str | None) -> Mention | None:
    for mention in doc.mentions:
        if mention.start < stop and mention.stop > start and kind in (None, mention.type):
            return mention
    return None


def person_speaker(mention: Mention) -> Speaker:
    return Speaker(mention.text, mention.normal, mention.start, mention.stop, mention.kb_id)


def antecedent(state: State, lemma: str, before: int) -> Speaker | None:
    """The last person or speaker titled ``lemma`` ("министр", "пресс-служба") before."""
    found = [(o, s) for o, title, s in state.titles if title == lemma and o < before]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def epithet(state: State, head: int) -> Speaker | None:
    """For "сказал российский лидер": the person in context, when the title fits one."""
    token, doc = state.doc.tokens[head], state.doc
    block = doc.sentences[token.sentence].block
    if token.lemma not in state.lex.titles or state.current is None:
        return None
    persons = {m.normal for m in doc.mentions if m.type == PER}
    recent = block - state.current_block <= 1
    return state.current if recent and state.current.normal in persons else None


def pronoun(state: State, index: int) -> Speaker | None:
    """For "сказал он": the speaker in context, else the nearest person named before."""
    if state.current is not None:
        return state.current
    start = state.doc.tokens[index].start
    persons = [m for m in state.doc.mentions if m.type == PER and m.stop <= start]
    return person_speaker(persons[-1]) if persons else None
