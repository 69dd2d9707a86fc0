"""Line classifiers for page layout: datelines, language switches, furniture, credits.

The vocabulary (month names, language codes, furniture prefixes) lives in
``khronika/read/data/layout.yaml``; it is loaded once per process. Both the page-dump reader and
the HTML reader classify lines through the functions here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import yaml

TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*\(?(?:мск|msk|utc|gmt)\)?)?"
NUMERIC_DATES = (
    re.compile(r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4}|\d{2})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
)
WORDS = re.compile(r"\w+")
LEAD_AGENCY = re.compile(
    r"^[А-ЯЁA-Z][А-ЯЁA-Z\- ]+,\s+\d{1,2}\s+[а-яё]+\.?\s*[/(]\s*(?P<agency>[^/()]{2,40}?)\s*[/)]"
)


@dataclass(frozen=True, slots=True)
class Layout:
    """The layout vocabulary, with its regular expressions compiled."""

    article_language: str
    languages: dict[str, str]
    language_split: re.Pattern
    months: dict[str, int]
    textual_date: re.Pattern
    date_decor: tuple[re.Pattern, ...]
    furniture: tuple[tuple[str, str], ...]  # (prefix, kind), longest prefix first
    tail_max_chars: int
    tail_max_words: int
    headline_max_chars: int
    headline_bad_endings: str
    sentence_endings: str
    not_articles: dict[str, str]  # file extension (".js") -> label (".js", "images")


def load_layout() -> Layout:
    """The reader's layout rules (``read/data/layout.yaml``, through the data loader)."""
    from ..resources import shipped

    return shipped("layout")


def parse_layout(path: Path) -> Layout:
    return build_layout(yaml.safe_load(path.read_text(encoding="utf-8")))


def build_layout(data: dict) -> Layout:
    months = {k.lower(): int(v) for k, v in data["months"].items()}
    return Layout(
        article_language=data["article_language"],
        languages={str(k).lower(): v for k, v in data["languages"].items()},
        language_split=re.compile(rf"[\s{re.escape(data['language_separators'])}]+"),
        months=months,
        textual_date=re.compile(
            rf"(?P<d>\d{{1,2}})\s+(?P<mon>{_alternatives(months)})\.?,?\s+(?P<y>\d{{4}})",
            re.IGNORECASE,
        ),
        date_decor=_date_decor(data),
        furniture=_furniture(data["furniture_prefixes"]),
        tail_max_chars=data["tail_line_max_chars"],
        tail_max_words=data["tail_line_max_words"],
        headline_max_chars=data["headline_max_chars"],
        headline_bad_endings=data["headline_bad_endings"],
        sentence_endings=data["sentence_endings"],
        not_articles={ext.lower(): label for label, exts in data["not_articles"].items()
                      for ext in exts},
    )


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _date_decor(data: dict) -> tuple[re.Pattern, ...]:
    """Patterns stripped around a date: labels, weekdays, times, year words."""
    labels = _alternatives(data["date_labels"])
    weekdays = _alternatives(data["weekdays"])
    years = _alternatives(data["year_words"])
    flags = re.IGNORECASE
    return (
        re.compile(rf"^(?:{labels})\s*:?\s*", flags),
        re.compile(rf"^(?:{weekdays})\.?\s*,?\s*", flags),
        re.compile(rf"^{TIME}\s*[,|/—–-]?\s*", flags),
        re.compile(rf"\s*(?:[,|/—–-]|\s)\s*(?:в\s+)?{TIME}$", flags),
        re.compile(rf"\s*(?:{years})$", flags),
    )


def _furniture(prefixes: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    pairs = [(p.lower(), kind) for kind, items in prefixes.items() for p in items]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


CLOCK = re.compile(r"(?<![\d:])(?P<h>\d{1,2}):(?P<mi>\d{2})(?![\d])")


def parse_dateline_time(line: str, layout: Layout | None = None) -> datetime | None:
    """The date and time of a dateline that gives a time ("12.03.2021 10:15", "Пятница, 9
    апреля 2021, 18:45"), else None."""
    day = parse_dateline(line, layout)
    clock = CLOCK.search(line)
    if day is None or clock is None:
        return None
    hour, minute = int(clock["h"]), int(clock["mi"])
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return datetime.combine(day, time(hour, minute))


def parse_dateline(line: str, layout: Layout | None = None) -> date | None:
    """The date of a line that is a dateline and nothing else ("Пятница, 9 апреля 2021")."""
    layout = layout or load_layout()
    core = _strip_date_decor(line.strip(), layout)
    match = layout.textual_date.fullmatch(core)
    if match:
        return _date(match["y"], layout.months[match["mon"].lower()], match["d"])
    for pattern in NUMERIC_DATES:
        match = pattern.fullmatch(core)
        if match:
            return _date(match["y"], match["m"], match["d"])
    return None


def _strip_date_decor(text: str, layout: Layout) -> str:
    for pattern in layout.date_decor:
        text = pattern.sub("", text, count=1)
    return text.strip(" ,|")


def _date(year: str, month: int | str, day: str) -> date | None:
    y = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return date(y, int(month), int(day))
    except ValueError:
        return None


def language_codes(line: str, layout: Layout | None = None) -> list[str] | None:
    """Language codes of a language-switch line ("En Ar" → ["en", "ar"]), else None."""
    layout = layout or load_layout()
    tokens = [t.strip(".").lower() for t in layout.language_split.split(line.strip()) if t]
    if not tokens or len(tokens) > 12 or any(t not in layout.languages for t in tokens):
        return None
    return [layout.languages[t] for t in tokens]


def translations(codes: list[str], layout: Layout | None = None) -> list[str]:
    """Codes offered besides the article's own language, in order, without repeats."""
    own = (layout or load_layout()).article_language
    return list(dict.fromkeys(c for c in codes if c != own))


def furniture_kind(line: str, layout: Layout | None = None) -> tuple[str, str] | None:
    """Classify a furniture line by its prefix: ("source" | "photo" | "other", rest of line).

    "По материалам ТАСС" → ("source", "ТАСС"); "Фото: МИД России" → ("photo", "МИД России").
    A prefix without its own punctuation ("Источник", "Фото") only counts on a line that
    does not end like a sentence, so "Источник в МИД сообщил, что…" stays body text.
    """
    layout = layout or load_layout()
    text = line.strip()
    lowered = text.lower()
    for prefix, kind in layout.furniture:
        if not lowered.startswith(prefix) or not _boundary(text, len(prefix)):
            continue
        if prefix[-1].isalnum() and ends_sentence(text, layout):
            continue
        return kind, text[len(prefix) :].strip(" :-—–\u00a0\t")
    return None


def _boundary(text: str, at: int) -> bool:
    return at >= len(text) or not text[at].isalnum() or not text[at - 1].isalnum()


def ends_sentence(text: str, layout: Layout | None = None) -> bool:
    """Whether ``text`` ends like a sentence (closing quotes and brackets looked through)."""
    endings = (layout or load_layout()).sentence_endings
    return text.rstrip().rstrip('»"”’)]').endswith(tuple(endings))


def is_tail_line(line: str, layout: Layout | None = None) -> bool:
    """A short line that does not end like a sentence: a tag, rubric or credit."""
    layout = layout or load_layout()
    text = line.strip()
    return (
        len(text) <= layout.tail_max_chars
        and len(WORDS.findall(text)) <= layout.tail_max_words
        and not ends_sentence(text, layout)
        and not text.endswith((":", ";", ","))
    )


def is_headline(line: str, layout: Layout | None = None) -> bool:
    """A short line with two words or more that does not end with a period or comma."""
    layout = layout or load_layout()
    text = line.strip()
    return (
        len(text) < layout.headline_max_chars
        and len(WORDS.findall(text)) >= 2
        and not text.endswith(tuple(layout.headline_bad_endings))
        and not text.endswith("…")
        and (text[0].isupper() or text[0].isdigit() or text[0] in "«\"„“'")
    )


def trailing_furniture(lines: list[str], layout: Layout | None = None, *, tags: bool = True) -> int:
    """Index where the trailing furniture of a body starts (len(lines) when there is none).

    Walks back from the end over credits, tags and share lines; the first line is never
    taken, so a body always keeps at least one paragraph. With ``tags`` False only prefixed
    furniture counts, not short unpunctuated lines (for text with no page around it).
    """
    layout = layout or load_layout()
    cut = len(lines)
    while cut > 1 and _is_trailing(lines[cut - 1], layout, tags):
        cut -= 1
    return cut


def _is_trailing(line: str, layout: Layout, tags: bool) -> bool:
    return (
        furniture_kind(line, layout) is not None
        or (tags and is_tail_line(line, layout))
        or language_codes(line, layout) is not None
        or parse_dateline(line, layout) is not None
    )


def credits(lines: list[str], layout: Layout | None = None) -> tuple[str | None, str | None]:
    """(source agency, photo credit) named by furniture lines; "Фото:" alone credits the next."""
    layout = layout or load_layout()
    source = photo = None
    for i, line in enumerate(lines):
        kind, rest = furniture_kind(line, layout) or (None, "")
        if kind == "photo" and not rest and i + 1 < len(lines):
            rest = lines[i + 1].strip() if furniture_kind(lines[i + 1], layout) is None else ""
        if kind == "source" and rest and source is None:
            source = rest.rstrip(".")
        elif kind == "photo" and rest and photo is None:
            photo = rest
    return source, photo


def lead_agency(paragraph: str) -> str | None:
    """The agency named in a wire lead ("МОСКВА, 9 апреля. /ТАСС/." → "ТАСС")."""
    match = LEAD_AGENCY.match(paragraph)
    return match["agency"] if match else None
