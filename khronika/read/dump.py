"""Page dumps and plain text → Article, with offsets into the text as it is.

A page dump is the text of a news page saved as is: maybe a language-switch line, a
headline, a dateline, the body paragraphs, then furniture (tags, photo credit, source
agency, share lines). Plain text with none of that structure is all body: nothing is
ever discarded as a headline unless the page shows it is one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from khronika import errors
from khronika.read import layout as lay
from khronika.records import Article, Span

log = logging.getLogger(__name__)

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
BLANK_CHARS = " \t\f\v\u00a0\u2007\u202f\u200b\u2060\ufeff\u3000"
HEAD_MAX_UNITS = 8


@dataclass(slots=True)
class Unit:
    """A stripped line (or hard-wrapped lines joined) and where it starts a block."""

    start: int
    stop: int
    text: str
    block_start: bool = True  # preceded by a blank line or the start of the text

    @property
    def span(self) -> Span:
        return Span(self.start, self.stop)


def parse_dump(text: str, *, path: str | None = None, encoding: str | None = None) -> Article:
    """Read the layout of a page dump or plain text; see the module docstring."""
    units = split_units(text)
    if not units:
        raise errors.EmptyInput(
            f"{path or '<text>'}: empty input: expected a news page or text, "
            "found only blank lines; check that the file was saved completely"
        )
    article = Article(text=text, path=path, format="dump", encoding=encoding)
    body = _read_head(units, article)
    body = _read_tail(body, article, structured=_structured(article))
    _read_middle(body, article)
    _finish(units, article, path)
    return article


def split_units(text: str) -> list[Unit]:
    """Non-blank lines with their stripped offsets; hard-wrapped prose lines are joined."""
    units: list[Unit] = []
    blank_before = True
    for match in LINE.finditer(text):
        line = match.group().rstrip("\r\n")
        stripped = line.strip(BLANK_CHARS + "\r\n")
        if not stripped:
            blank_before = True
            if match.end() == len(text):
                break
            continue
        start = match.start() + len(line) - len(line.lstrip(BLANK_CHARS))
        unit = Unit(start, start + len(stripped), stripped, blank_before)
        if units and not blank_before and _continues(units[-1].text, stripped):
            units[-1] = Unit(
                units[-1].start, unit.stop, text[units[-1].start : unit.stop], units[-1].block_start
            )
        else:
            units.append(unit)
        blank_before = False
        if match.end() == len(text):
            break
    return units


def _continues(previous: str, line: str) -> bool:
    """A hard wrap: the previous line stops mid-sentence and this one goes on in lower case."""
    return (
        line[0].islower()
        and not lay.ends_sentence(previous)
        and not previous.endswith(":")
        and lay.furniture_kind(previous) is None
    )


def _read_head(units: list[Unit], article: Article) -> list[Unit]:
    """Take the language line, dateline, headline and head furniture; return the rest."""
    head, candidates, i = [], [], 0
    while i < min(len(units), HEAD_MAX_UNITS) and _is_head_unit(units[i]):
        head.append(units[i])
        if _head_role(units[i]) == "candidate":
            candidates.append(units[i])
        i += 1
    rest = units[i:]
    if not rest or not _has_page_structure(head, candidates, rest):
        kept = [u for u in head if _head_role(u) in ("language", "date")]
        _apply_head(kept, [], article)
        return [u for u in units if u not in kept]
    _apply_head(head, candidates, article)
    return rest


def _is_head_unit(unit: Unit) -> bool:
    return _head_role(unit) is not None


def _head_role(unit: Unit) -> str | None:
    if lay.language_codes(unit.text) is not None:
        return "language"
    if lay.parse_dateline(unit.text) is not None:
        return "date"
    if lay.furniture_kind(unit.text) is not None:
        return "furniture"
    if lay.is_headline(unit.text):
        return "candidate"
    if lay.is_tail_line(unit.text):
        return "rubric"
    return None


def _has_page_structure(head: list[Unit], candidates: list[Unit], rest: list[Unit]) -> bool:
    """A headline needs a page around it: a dateline or language line, or a lone short line
    set off by a blank line before body text that ends like prose."""
    if any(_head_role(u) in ("language", "date") for u in head):
        return True
    return bool(candidates) and rest[0].block_start and any(lay.ends_sentence(u.text) for u in rest)


def _apply_head(head: list[Unit], candidates: list[Unit], article: Article) -> None:
    title = max(candidates, key=lambda u: len(u.text), default=None)
    for unit in head:
        if unit is title:
            article.title = unit.span
            continue
        article.furniture.append(unit.span)
        _note(unit, article)
    _credit([u.text for u in head if u is not title], article)


def _credit(lines: list[str], article: Article) -> None:
    """Source agency and photo credit named by furniture lines, first found kept."""
    source, photo = lay.credits(lines)
    article.source_agency = article.source_agency or source
    article.photo_credit = article.photo_credit or photo


def _note(unit: Unit, article: Article) -> None:
    """Record what a furniture unit tells: translations offered, publication date."""
    codes = lay.language_codes(unit.text)
    if codes is not None:
        article.translations = article.translations or lay.translations(codes)
        return
    published = lay.parse_dateline(unit.text)
    if published is not None and article.published is None:
        article.published = published
        article.published_at = lay.parse_dateline_time(unit.text)
        article.published_span = unit.span


def _structured(article: Article) -> bool:
    return bool(article.title or article.published_span or article.translations)


def _read_tail(body: list[Unit], article: Article, *, structured: bool) -> list[Unit]:
    """Move trailing credits, tags and share lines to furniture; return the body before them.

    Short unpunctuated lines count as tags only on a page; in plain text only prefixed
    furniture ("По материалам ТАСС") does.
    """
    cut = lay.trailing_furniture([u.text for u in body], tags=structured)
    tail = body[cut:]
    _credit([u.text for u in tail], article)
    for unit in tail:
        article.furniture.append(unit.span)
        _note(unit, article)
    return body[:cut]


def _read_middle(body: list[Unit], article: Article) -> None:
    """Body paragraphs, except prefixed furniture inside the body ("Читайте также: …")."""
    for unit in body:
        kind = lay.furniture_kind(unit.text)
        if kind is None:
            article.paragraphs.append(unit.span)
            continue
        article.furniture.append(unit.span)
        _credit([unit.text], article)


def _finish(units: list[Unit], article: Article, path: str | None) -> None:
    if not article.paragraphs:
        _fall_back_to_body(units, article, path)
    article.furniture.sort(key=lambda s: s.start)
    if article.source_agency is None and article.paragraphs:
        first = article.paragraphs[0]
        article.source_agency = lay.lead_agency(article.text[first.start : first.stop])
    article.format = "dump" if _structured(article) or article.furniture else "text"
    log.debug("%s: %s, %d paragraphs", path, article.format, len(article.paragraphs))


def _fall_back_to_body(units: list[Unit], article: Article, path: str | None) -> None:
    """No body was found: everything that is not a dateline or language line is body; a
    text that is nothing but such lines ("12.03.2021 10:15" alone) is all body, to be
    analysed, and gives no publication date."""
    marks = [u for u in units if _head_role(u) in ("language", "date")]
    body = [u for u in units if u not in marks]
    if not body:
        body, marks = units, []
        article.published = article.published_at = article.published_span = None
        article.translations = []
    article.title = None
    article.source_agency = article.photo_credit = None
    article.paragraphs = [u.span for u in body]
    article.furniture = [u.span for u in marks]
