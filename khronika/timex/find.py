"""Date expressions in Russian news, resolved against the publication date.

``find_timexes(text, published)`` finds "9 ноября 2020 года", "в четверг", "на прошлой
неделе", "с февраля 1988 года"… and returns ``Timex`` records whose ``value`` is ISO
truncated to ``precision`` (conventions: ``timex.resolve``). The words come from
``timex/data/timex.yaml``; the patterns are in ``timex.rules``.

Expression text: an expression that starts with a number or a month name is the calendar
phrase alone ("9 ноября 2020 года", "2020 году", "феврале 1988 г."); a word phrase keeps its
preposition ("в четверг", "на прошлой неделе", "в первом квартале 2021 года", "в начале
марта"). "с/до/после/к …" stay outside the text and set ``mod`` (since, before, after).

``timex_doc(doc)`` is the pipeline stage: it reads each sentence's tokens to decide whether
the clause of an expression is in the future tense, which turns "9 ноября" or "в понедельник"
into their next occurrence instead of the last one. It resolves against the publication
time when the article knows it (``Article.published_at``), so that "в 18:45 мск" is that
minute and "два часа назад" that hour; otherwise against the publication date.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date, datetime

from ..records import Doc, Timex, Token
from .resolve import (
    is_relative,
    needs_tense,
    period_start,
    precision,
    resolve,
    resolve_range,
)
from .rules import Parsed, load_rules, scan

log = logging.getLogger(__name__)

UNRESOLVED_FLAG = "unresolved-relative-dates"
VERBS = ("VERB", "AUX")
MAX_CLIMB = 8


def find_timexes(
    text: str,
    published: date | None,
    *,
    start: int = 0,
    stop: int | None = None,
    future: bool = False,
) -> list[Timex]:
    """Every date expression in ``text[start:stop]``, offsets into ``text``.

    ``published``: the publication date, or a ``datetime`` when the time is known too (times
    of day then have hour or minute precision). ``future``: the clause is in the future
    tense, so a date without a year or a bare weekday is its next occurrence rather than its
    most recent one. With no ``published`` date, relative expressions get ``value=None``
    and ``resolved=False``.
    """
    return [to_timex(p, text, published, future) for p in scan(text, start, stop)]


def split_moment(published: date | None) -> tuple[date | None, datetime | None]:
    """(the publication date, the publication time or None)."""
    if isinstance(published, datetime):
        return published.date(), published.replace(tzinfo=None)
    return published, None


def to_timex(p: Parsed, text: str, published: date | None, future: bool, sentence: int = -1):
    day, at = split_moment(published)
    value, end = resolve_range(p.kind, p.fields, day, future, at)
    return Timex(
        start=p.start,
        stop=p.stop,
        text=text[p.start : p.stop],
        value=value,
        precision=precision(p.kind, p.fields, at is not None),
        relative=is_relative(p.kind, p.fields),
        resolved=value is not None,
        mod=p.mod,
        sentence=sentence,
        end=end,
    )


def timex_doc(doc: Doc, resources=None) -> None:
    """The stage: fill ``doc.timexes`` from the sentences and the dateline."""
    moment = doc.article.moment
    published, _ = split_moment(moment)
    timexes = []
    for index, sent in enumerate(doc.sentences):
        for p in scan(doc.text, sent.start, sent.stop):
            future = needs_tense(p.kind, p.fields) and reads_ahead(doc, index, p, published)
            timexes.append(to_timex(p, doc.text, moment, future, index))
    timexes.extend(_dateline_timexes(doc, timexes))
    doc.timexes = sorted(timexes, key=lambda t: t.start)
    if any(not t.resolved for t in doc.timexes) and UNRESOLVED_FLAG not in doc.flags:
        doc.flags.append(UNRESOLVED_FLAG)
    log.debug("%s: %d timexes", doc.id, len(doc.timexes))


# what a text's own date can fix: a date, month, season, quarter or half-year with no year,
# a bare weekday ("9 июля", "в конце мая", "в воскресенье"); "вчера", "в прошлом году",
# "три дня назад", "в минувшую субботу" count from the moment of writing, which an undated
# text does not give
ANCHORED_KINDS = ("ymd", "ym", "season", "quarter", "half", "weekday")


def anchored(doc: Doc, day: date) -> list[Timex]:
    """``doc.timexes``, the relative ones left unresolved (the article has no publication
    date) read against ``day``, the text's own latest date (``events.attach.reference_date``):
    a date with no year or a bare weekday is its next occurrence when its clause reads
    ahead (``reads_ahead``), else its occurrence nearest that day, before or after it, as
    the text was written on that day or some days later ("13 июня 2018 года … 31 мая" is
    2018-05-31; "22 декабря" in a text whose latest date is "декабре 2017 года",
    2017-12-22; "в понедельник" after "в субботу, 17 сентября", the 19th). They keep
    ``resolved`` False: the value is a reading, not the publication's."""
    if all(t.resolved for t in doc.timexes):
        return doc.timexes
    parsed: dict[tuple[int, int], tuple[int, Parsed]] = {}
    for index, sent in enumerate(doc.sentences):
        for p in scan(doc.text, sent.start, sent.stop):
            parsed[(p.start, p.stop)] = (index, p)
    out = []
    for t in doc.timexes:
        found = None if t.resolved else parsed.get((t.start, t.stop))
        if found is None or not _anchorable(found[1], t.text):
            out.append(t)
            continue
        index, p = found
        near = (_day_beside(doc, t) if p.kind == "weekday" else None) or day
        ahead = needs_tense(p.kind, p.fields) and reads_ahead(doc, index, p, near)
        readings = []  # (days from the anchor, ahead, value, end): the nearest, the past on a tie
        for future in (True,) if ahead else (False, True):
            try:
                value, end = resolve_range(p.kind, p.fields, near, future)
            except ValueError:
                continue
            first = period_start(value) if value else None
            if first is not None:
                readings.append((abs((first - near).days), future, value, end))
        if readings:
            _, _, value, end = min(readings)
            t = replace(t, value=value, end=end)
        out.append(t)
    return out


def _anchorable(p: Parsed, text: str) -> bool:
    """A kind read against a date, and a date or month that names its month: a holiday
    ("на Рождество", "в период Рождества") is the day of a custom the text may not share
    (7 January or 25 December)."""
    if p.kind not in ANCHORED_KINDS or "rel_year" in p.fields or p.fields.get("adj"):
        return False
    if p.kind in ("ymd", "ym"):
        months = load_rules().lookup["months"]
        return any(c.isdigit() for c in text) or any(
            w in months for w in re.findall(r"\w+", text.lower()))
    return True


def _day_beside(doc: Doc, t: Timex) -> date | None:
    """The full date in the weekday's sentence nearest it ("утром в пятницу, 3 марта 2023
    года"): what the weekday is read against rather than the text's latest date."""
    days = [(abs(x.start - t.start), x.value) for x in doc.timexes
            if x.sentence == t.sentence and x.resolved and x.value and x.precision == "day"]
    return date.fromisoformat(min(days)[1][:10]) if days else None


def _dateline_timexes(doc: Doc, found: list[Timex]) -> list[Timex]:
    span = doc.article.published_span
    if span is None:
        return []
    dateline = find_timexes(doc.text, doc.article.moment, start=span.start, stop=span.stop)
    return [t for t in dateline if not any(t.start < f.stop and f.start < t.stop for f in found)]


def reads_ahead(doc: Doc, index: int, p: Parsed, published: date | None) -> bool:
    """Whether the expression is its next occurrence, not its last: a target or deadline
    ("перенесён на 3 ноября", "до 28.02") near enough, or the verb governing it (or the
    nearest verb) is future tense, or present tense ("закрывает границу 15 марта",
    "вступающий в силу с 1 января", "рассчитывают на рост во втором полугодии") with the
    coming one near enough."""
    data = load_rules().data
    before = _preposition(doc.text, p)
    sent = doc.sentences[index]
    base, tokens = sent.token_start, doc.sentence_tokens(index)
    verb = _governing_verb(doc, base, tokens, p) if tokens else None
    if before in data["target_prepositions"] and not _night_of(doc.text, p) and not (
            before == "на" and verb is not None and _done(doc.tokens[verb])) and _coming(
            p, published, "target_coming_days"):
        return True
    if verb is None:
        return before in data["start_prepositions"] and _coming(p, published)
    if _is_future(doc, verb, tokens):
        return True
    tense = _tense(doc.tokens[verb])
    if tense == "Pres" or (before in data["start_prepositions"] and tense != "Past"):
        return _coming(p, published)
    return False


def _done(tok: Token) -> bool:
    """A past act that is no scheduling: "на Троицу прошли службы" (but "перенесли на 3
    ноября", "назначено на 14 сентября" aim ahead)."""
    return (_tense(tok) == "Past" and tok.feats.get("Voice") != "Pass"
            and tok.lemma not in load_rules().data["schedule_lemmas"])


def _tense(tok: Token) -> str | None:
    """The tagger's tense, except a past that the word's ending rules out."""
    tense = tok.feats.get("Tense")
    if tense == "Past" and tok.text.lower().endswith(tuple(load_rules().data["non_past_endings"])):
        return "Pres"
    return tense


PREPOSITION = re.compile(r"(?<!\w)(\w+)\s+$")


def _preposition(text: str, p: Parsed) -> str:
    """The word right before the expression, or the one it opens with ("к 1 июня")."""
    first = text[p.start : p.stop].split(maxsplit=1)
    data = load_rules().data
    if len(first) == 2 and first[0].lower() in (*data["target_prepositions"],
                                                *data["start_prepositions"]):
        return first[0].lower()
    m = PREPOSITION.search(text, max(0, p.start - 12), p.start)
    return m.group(1).lower() if m else ""


def _night_of(text: str, p: Parsed) -> bool:
    """"в ночь на 14 сентября": "на" names the night, not a target."""
    return text[max(0, p.start - 12) : p.start].rstrip().lower().endswith("ночь на")


COMING_LIMITS = {"day": "present_coming_days", "month": "present_coming_period_days",
                 "season": "present_coming_period_days", "quarter": "present_coming_period_days",
                 "half": "present_coming_period_days"}


def _coming(p: Parsed, published: date | None, days: str | None = None) -> bool:
    """The coming occurrence is near enough to be meant (days, months, seasons, quarters
    and half-years; a week or a year keeps its reading); ``days`` names the limit."""
    limit = COMING_LIMITS.get(precision(p.kind, p.fields))
    limit = days if limit and days else limit
    if published is None or limit is None:
        return False
    ahead = resolve(p.kind, p.fields, published, True)
    first = period_start(ahead) if ahead else None
    if first is None:
        return False
    return 0 <= (first - published).days <= load_rules().data[limit]


def _governing_verb(doc: Doc, base: int, tokens: list[Token], p: Parsed) -> int | None:
    inside = [base + i for i, t in enumerate(tokens) if t.start < p.stop and p.start < t.stop]
    heads = [i for i in inside if doc.tokens[i].head not in inside] or inside
    index = heads[0] if heads else None
    for _ in range(MAX_CLIMB):
        if index is None or index < 0 or index >= len(doc.tokens):
            break
        if doc.tokens[index].pos in VERBS:
            return index
        index = doc.tokens[index].head
    return _nearest_verb(base, tokens, p)


def _nearest_verb(base: int, tokens: list[Token], p: Parsed) -> int | None:
    verbs = [base + i for i, t in enumerate(tokens) if t.pos in VERBS]
    return min(verbs, key=lambda i: abs(tokens[i - base].start - p.start), default=None)


def _is_future(doc: Doc, verb: int, tokens: list[Token], depth: int = 0) -> bool:
    data = load_rules().data
    tok = doc.tokens[verb]
    if tok.feats.get("Tense") == "Fut" or tok.text.lower() in data["future_auxiliaries"]:
        return True
    auxiliaries = set(data["future_auxiliaries"])
    if any(t.head == verb and t.text.lower() in auxiliaries for t in tokens):
        return True
    if tok.lemma in data["modal_lemmas"] and tok.feats.get("Tense") == "Pres" and any(
            t.head == verb and t.feats.get("VerbForm") == "Inf" for t in tokens):
        return True  # "может состояться летом": a possibility ahead
    if tok.lemma in data["intent_lemmas"] and tok.feats.get("Tense") == "Pres":
        return True  # "летом планирует провести выборы": a plan ahead
    if tok.feats.get("VerbForm") != "Inf" or depth > 1 or not 0 <= tok.head < len(doc.tokens):
        return False
    head = doc.tokens[tok.head]
    if (head.lemma or head.text.lower()) in data["intent_lemmas"]:
        return True
    return _is_future(doc, tok.head, tokens, depth + 1)
