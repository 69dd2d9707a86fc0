"""JSON Lines → Articles, one per line: ``{"url", "title", "published", "text"}``.

Only ``text`` is required. The Article's text is the title, a blank line, then the text's
paragraphs (split on blank lines) joined by blank lines; offsets point into it. A line
that cannot be read becomes a ``Failure`` (kind "BadRecord") and the other lines are read
all the same. Each record's path is ``f"{path}#L{lineno}"`` (line numbers from 1).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import date, datetime

from khronika import errors
from khronika.read.html import assemble_article
from khronika.records import Article, Failure

log = logging.getLogger(__name__)

PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")


def iter_jsonl(
    text: str, *, path: str | None = None, encoding: str | None = None
) -> Iterator[Article | Failure]:
    """One Article per non-blank line, or a Failure for a line that is not a valid record."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path or '<jsonl>'}#L{lineno}"
        try:
            article = parse_record(line, path=where)
        except errors.BadRecord as error:
            log.warning("%s", error)
            yield Failure(path=where, reason=str(error), kind="BadRecord")
            continue
        article.encoding = encoding
        yield article


def parse_record(line: str, *, path: str) -> Article:
    """One JSON Lines record → Article; raise BadRecord when it is not one."""
    record = _load(line, path)
    body = _paragraphs(record.get("text"), path)
    title = _string(record.get("title"), "title", path)
    article = assemble_article(title, body)
    article.path, article.format = path, "jsonl"
    article.url = _string(record.get("url"), "url", path)
    article.published = _published(record.get("published"), path)
    article.published_at = _published_time(record.get("published"))
    return article


def _published_time(value) -> datetime | None:
    """The publication time when "published" gives one ("2021-04-09T10:15:00+03:00"), as
    the wall-clock time written there."""
    if not isinstance(value, str) or not TIME_IN_VALUE.search(value):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


TIME_IN_VALUE = re.compile(r"\d[T ]\d{1,2}:\d{2}")


def _load(line: str, path: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise errors.BadRecord(
            f"{path}: bad record: expected one JSON object per line, found invalid JSON "
            f"({error.msg} at column {error.colno}); fix or remove this line"
        ) from None
    if not isinstance(record, dict):
        raise errors.BadRecord(
            f"{path}: bad record: expected a JSON object, found {type(record).__name__}; "
            'write each line as {"title": …, "published": …, "text": …}'
        )
    return record


def _paragraphs(value, path: str) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        found = "no text field" if value is None else f"text of type {type(value).__name__}"
        if isinstance(value, str):
            found = "an empty text"
        raise errors.BadRecord(
            f'{path}: bad record: expected a non-empty string field "text", found {found}; '
            "add the article text to this line"
        )
    parts = PARAGRAPH_BREAK.split(value.replace("\r\n", "\n").replace("\r", "\n"))
    return [p.strip() for p in parts if p.strip()]


def _string(value, name: str, path: str) -> str | None:
    if value is None or isinstance(value, str):
        return value.strip() if value and value.strip() else None
    raise errors.BadRecord(
        f'{path}: bad record: expected field "{name}" to be a string or null, '
        f"found {type(value).__name__}; fix this line"
    )


def _published(value, path: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise errors.BadRecord(
        f'{path}: bad record: expected "published" as an ISO date (2021-04-09), '
        f"datetime or null, found {value!r}; fix the date or set it to null"
    )
