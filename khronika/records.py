"""Typed records passed between stages.

Every record that points into a document keeps ``start``/``stop`` character offsets into
``Article.text``, the decoded original text that khronika stores and emits.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any, Self

PER, LOC, ORG = "PER", "LOC", "ORG"
ENTITY_TYPES = (PER, LOC, ORG)

# timex precisions, coarsest last
PRECISIONS = ("minute", "hour", "day", "week", "month", "season", "quarter", "half", "year",
              "decade", "century")


def content_id(text: str) -> str:
    """Stable document id: a hash of the decoded text (ingest is idempotent by it)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class Record:
    """Mixin: JSON-ready dicts in, records out."""

    def to_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))  # type: ignore[call-overload]  # every Record is a dataclass

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]  # a dataclass
        return cls(**{k: v for k, v in data.items() if k in names})


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(slots=True)
class Span(Record):
    start: int
    stop: int


@dataclass(slots=True)
class Article(Record):
    """A document as read: its text and its layout.

    ``text`` is what every offset points into: the decoded page dump as it was, or, for HTML
    and JSON inputs, the title and body paragraphs that the reader extracted, joined by
    blank lines.
    """

    text: str
    path: str | None = None
    format: str = "text"  # dump | html | jsonl | text
    encoding: str | None = None
    title: Span | None = None
    published: date | None = None
    published_at: datetime | None = None  # the publication time, when the page gives one
    published_span: Span | None = None  # the dateline, when it is in text
    paragraphs: list[Span] = field(default_factory=list)  # body only
    furniture: list[Span] = field(default_factory=list)  # menus, credits, tags, share lines
    source_agency: str | None = None
    photo_credit: str | None = None
    translations: list[str] = field(default_factory=list)  # language codes offered
    language: str = "ru"
    url: str | None = None
    site: str | None = None
    flags: list[str] = field(default_factory=list)  # e.g. "decoded-with-replacement"

    @property
    def id(self) -> str:
        return content_id(self.text)

    @property
    def moment(self) -> date | None:
        """The publication time when known, else the publication date (or None)."""
        if self.published_at is not None and self.published_at.date() == self.published:
            return self.published_at
        return self.published

    @property
    def title_text(self) -> str | None:
        return self.text[self.title.start : self.title.stop] if self.title else None

    def blocks(self) -> list[Span]:
        """The spans that are analysed: the title, then the body paragraphs."""
        return ([self.title] if self.title else []) + list(self.paragraphs)


@dataclass(slots=True)
class Token(Record):
    start: int
    stop: int
    text: str
    lemma: str = ""
    pos: str = ""
    feats: dict[str, str] = field(default_factory=dict)
    head: int = -1  # index into Doc.tokens of the syntactic head; -1 for the root
    rel: str = ""
    sentence: int = 0  # index into Doc.sentences


@dataclass(slots=True)
class Sentence(Record):
    start: int
    stop: int
    block: int  # index into Article.blocks(): 0 is the title when there is one
    is_title: bool = False
    token_start: int = 0  # Doc.tokens[token_start:token_stop]
    token_stop: int = 0


@dataclass(slots=True)
class Mention(Record):
    """A named-entity mention.

    ``normal`` is the canonical name of the entity the mention refers to, nominative,
    after in-document coreference ("Алиев" → "Ильхам Алиев"); ``lemma`` is this mention's
    own nominative form ("Алиев"). ``cluster`` groups mentions of one entity in a document.
    """

    start: int
    stop: int
    type: str
    text: str
    normal: str
    lemma: str = ""
    cluster: int = -1
    sentence: int = -1
    source: str = "ner"  # ner | rule | layout | propagated | kb | credits | role (a role or
    # institution phrase) | adjective (a country adjective, "российский", linked to the country)
    kb_id: str | None = None
    wikidata: str | None = None
    code: str | None = None  # actor code on the article date (RUSGOV, AZE, IGOUNO)
    # what qualifies the code: "undated" (no date: no post held, the country alone),
    # "elect" (elected, not yet in office: USAELI)
    code_flags: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # ru, en, ar: never empty once linked
    labels_fallback: list[str] = field(default_factory=list)  # made up (transliterated) ones


@dataclass(slots=True)
class Timex(Record):
    """A date or time expression, resolved against the publication date (and time).

    ``value`` is ISO truncated to ``precision`` ("2021-04-08T18:45", "2021-04-08T20",
    "2021-04-08", "1988-02", "2020", "2021-W14", "2021-H1", "198" for the 1980s), or None
    when it cannot be resolved (a relative expression in a document with no publication
    date: ``resolved`` is False then). ``end`` is the last value of a range or list ("с
    1999 по 2004 год": value "1999", end "2004"), at the same precision, else None.
    ``mod`` qualifies the value: None, "start", "mid", "end", "since", "before", "after",
    "weekend", "approx".
    """

    start: int
    stop: int
    text: str
    value: str | None
    precision: str
    relative: bool = False
    resolved: bool = True
    mod: str | None = None
    sentence: int = -1
    end: str | None = None


@dataclass(slots=True)
class Speaker(Record):
    text: str
    normal: str
    start: int | None = None
    stop: int | None = None
    kb_id: str | None = None


@dataclass(slots=True)
class Quote(Record):
    """Quoted words, without the quote marks; ``speaker`` is None when nobody is named."""

    start: int
    stop: int
    text: str
    speaker: Speaker | None = None
    cue: Span | None = None  # the speech verb or phrase ("говорится в сообщении")
    partial: bool = False  # a quoted fragment inside reported speech
    sentence: int = -1


@dataclass(slots=True)
class Actor(Record):
    """An event's participant: a mention (or a plural role phrase) with its KB entity and
    its actor code on the event date."""

    text: str
    start: int
    stop: int
    kb_id: str | None = None
    code: str | None = None
    normal: str = ""
    type: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    wikidata: str | None = None


@dataclass(slots=True)
class Place(Record):
    text: str
    start: int
    stop: int
    normal: str = ""
    kb_id: str | None = None


@dataclass(slots=True)
class Evidence(Record):
    """Where an event is said: its sentence, trigger and the lexicon rule that fired."""

    sentence: Span
    trigger: Span
    rule: str
    confidence: float
    is_title: bool = False


@dataclass(slots=True)
class Event(Record):
    """A coded event (contract in design.md). ``actors`` act, ``recipients`` are acted on
    or met with; a symmetric event of several parties named together ("Путин, Пашинян и
    Алиев подписали") lists them all as actors. ``evidence`` holds every sentence of the
    article that reports it, the first being the one its fields come from."""

    code: str
    plover: str
    mode: str
    context: str
    modality: str  # asserted | negated | future | hypothetical | historical
    actors: list[Actor]
    recipients: list[Actor]
    date: str | None
    date_precision: str  # a timex precision, or "published" when only the article date is known
    place: Place | None
    trigger: Span
    sentence: Span
    rule: str
    confidence: float
    goldstein: float = 0.0
    quad: int = 0
    date_source: str = "timex"  # timex | paragraph | published | none
    evidence: list[Evidence] = field(default_factory=list)
    summary: dict[str, str] = field(default_factory=dict)
    key: str = ""  # same real event, same key: across articles too


@dataclass(slots=True)
class Failure(Record):
    """A document that could not be read or analysed, and why."""

    path: str
    reason: str
    kind: str  # the exception class name
    id: str | None = None


@dataclass(slots=True)
class Doc:
    """An article and what the stages found in it."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # e.g. "no-published-date"

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_tokens(self, index: int) -> list[Token]:
        sent = self.sentences[index]
        return self.tokens[sent.token_start : sent.token_stop]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset``, or -1 (sentences are sorted)."""
        i = bisect_right(self.sentences, offset, key=lambda s: s.start) - 1
        return i if i >= 0 and offset < self.sentences[i].stop else -1

    def token_range(self, start: int, stop: int) -> range:
        """Indexes of the tokens lying wholly inside ``start:stop`` (tokens are sorted)."""
        first = bisect_left(self.tokens, start, key=lambda t: t.start)
        last = bisect_right(self.tokens, stop, key=lambda t: t.stop)
        return range(first, max(first, last))
