"""HTML pages → Article, through trafilatura.

trafilatura finds the main text and the metadata (title, date, site). The Article's text
is built from them: the title, a blank line, then the body paragraphs joined by blank
lines; every offset points into that text. Credits at the end of the body ("По материалам
ТАСС", "Фото: …") are recognised by the same functions as in page dumps.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime

import trafilatura
from lxml import etree

from khronika import errors
from khronika.read import layout as lay
from khronika.records import Article, Span

log = logging.getLogger(__name__)

# htmldate options: only the page's own markup and text, no guessing from the file's
# modification time or today's date.
DATE_OPTIONS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
BLOCK_TAGS = ("head", "p", "item", "quote", "cell")
SPACE = re.compile(r"\s+")
MIN_BODY_WORDS = 5


def parse_html(html: str, *, path: str | None = None, encoding: str | None = None) -> Article:
    """Extract the article of an HTML page; raise NoArticle when the page holds none."""
    where = path or "<html>"
    doc = _extract(html, where)
    title = (doc.get("title") or "").strip() or None
    blocks = _blocks(doc, title)
    cut = lay.trailing_furniture(blocks)
    furniture = [i >= cut or lay.furniture_kind(b) is not None for i, b in enumerate(blocks)]
    body = [b for b, is_furniture in zip(blocks, furniture, strict=True) if not is_furniture]
    if not any(len(b.split()) >= MIN_BODY_WORDS for b in body):
        raise errors.NoArticle(
            f"{where}: no article: expected an HTML page with article text, found "
            f"{len(blocks)} short text block(s) (menus or links only); "
            "check that the page is an article and not an index or a login page"
        )
    article = assemble_article(title, blocks, furniture)
    article.path, article.encoding, article.format = path, encoding, "html"
    article.site = doc.get("sitename") or None
    article.url = doc.get("url") or None
    article.published = _published(doc.get("date"), html)
    article.published_at = published_time(html, article.published)
    article.source_agency, article.photo_credit = lay.credits(texts(article, article.furniture))
    log.debug("%s: html, %d paragraphs", where, len(article.paragraphs))
    return article


def _extract(html: str, where: str) -> etree._Element:
    xml = trafilatura.extract(
        html,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=DATE_OPTIONS,
    )
    if not xml:
        raise errors.NoArticle(
            f"{where}: no article: expected an HTML page with article text, found none "
            f"in {len(html)} characters of markup; check that the page is an article"
        )
    return etree.fromstring(xml.encode("utf-8"))


def _blocks(doc: etree._Element, title: str | None) -> list[str]:
    """Text blocks of the main part, in order, whitespace collapsed; the title heading is
    dropped (it is the Article's title already)."""
    main = doc.find("main")
    if main is None:
        return []
    texts = [_text(el) for el in main.iter(*BLOCK_TAGS) if not _nested_block(el)]
    texts = [t for t in texts if t]
    if texts and title and texts[0] == title:
        texts = texts[1:]
    return texts


def _nested_block(element: etree._Element) -> bool:
    return any(parent.tag in BLOCK_TAGS for parent in element.iterancestors())


def _text(element: etree._Element) -> str:
    return SPACE.sub(" ", "".join(element.itertext())).strip()


def assemble_article(
    title: str | None, blocks: list[str], furniture: list[bool] | None = None
) -> Article:
    """The title and blocks joined by blank lines; each block a paragraph or furniture."""
    furniture = furniture or [False] * len(blocks)
    parts = ([title] if title else []) + blocks
    spans, offset = [], 0
    for part in parts:
        spans.append(Span(offset, offset + len(part)))
        offset += len(part) + 2
    article = Article(text="\n\n".join(parts))
    if title:
        article.title, spans = spans[0], spans[1:]
    for span, is_furniture in zip(spans, furniture, strict=True):
        (article.furniture if is_furniture else article.paragraphs).append(span)
    return article


def texts(article: Article, spans: list[Span]) -> list[str]:
    return [article.text[s.start : s.stop] for s in spans]


def _published(value: str | None, html: str) -> date | None:
    """The page's date, kept only when the page itself shows it (no guessed dates)."""
    if not value:
        return None
    try:
        found = date.fromisoformat(value[:10])
    except ValueError:
        return None
    if found > date.today() or not _shown_in(found, html):
        log.debug("ignoring date %s: not shown in the page", value)
        return None
    return found


PUBLISHED_TIME = (
    re.compile(r'"datePublished"\s*:\s*"(?P<v>[^"]+)"'),
    re.compile(r'<meta[^>]+(?:property|name|itemprop)=["\'](?:article:published_time|'
               r'datePublished|pubdate)["\'][^>]*content=["\'](?P<v>[^"\']+)', re.IGNORECASE),
    re.compile(r'<meta[^>]+content=["\'](?P<v>[^"\']+)["\'][^>]*(?:property|name|itemprop)='
               r'["\'](?:article:published_time|datePublished|pubdate)["\']', re.IGNORECASE),
    re.compile(r'<time[^>]+datetime=["\'](?P<v>[^"\']+)', re.IGNORECASE),
)


def published_time(html: str, day: date | None) -> datetime | None:
    """The publication time of the page's own date (JSON-LD or meta ``datePublished`` with
    a time), as the wall-clock time written there; None when the page gives no time."""
    if day is None:
        return None
    for pattern in PUBLISHED_TIME:
        for match in pattern.finditer(html):
            value = match["v"].strip()
            if not re.search(r"\d[T ]\d{1,2}:\d{2}", value):
                continue
            try:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            if moment.date() == day:
                return moment.replace(tzinfo=None)
    return None


def _shown_in(day: date, html: str) -> bool:
    forms = (
        day.isoformat(),
        day.strftime("%d.%m.%Y"),
        day.strftime("%Y/%m/%d"),
        f"{day.day}.{day.month:02d}.{day.year}",
        day.strftime("%Y%m%d"),
    )
    return any(form in html for form in forms) or _textual_date_in(day, html)


def _textual_date_in(day: date, html: str) -> bool:
    layout = lay.load_layout()
    for match in layout.textual_date.finditer(html):
        month = layout.months[match["mon"].lower()]
        if (int(match["y"]), month, int(match["d"])) == (day.year, day.month, day.day):
            return True
    return False
