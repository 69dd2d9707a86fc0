"""Query parameters of the pages and the API, checked: a bad one is a 400 that says what
was expected, never a 500. The same parameters give the same filters as `khronika events`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from ..errors import KhronikaError
from ..events.calibrate import DEFAULT_MIN_CONFIDENCE
from ..store.browse import STACKS, UNITS
from ..store.query import COUNTRY_HINT, MODALITIES, ORDERS, PLOVER_TYPES, Country, Filters

LANGS = ("ru", "en", "ar")
PER_PAGE = 50
MAX_PER_PAGE = 200  # no page holds more: a client cannot ask for the whole store at once
MAX_TEXT = 200  # characters of a text parameter
CAMEO = re.compile(r"\d{2,4}")
COUNTRY = re.compile(r"[A-Za-z]{3}")
FILTERS = ("actor", "code", "since", "until", "modality", "place", "min_confidence", "country",
           "text")
PAGING = ("page", "per_page")


class BadParameter(KhronikaError):
    """A query parameter that is unknown or has a value its page cannot take."""


@dataclass(slots=True)
class Paging:
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def known(query: Mapping[str, str], allowed: tuple[str, ...]) -> None:
    """Refuse parameters this page does not take (a typo would silently filter nothing)."""
    lang(query)
    extra = sorted(set(query) - {*allowed, "lang"})
    if extra:
        raise BadParameter(f"unknown parameter {extra[0]!r}; this page takes: "
                           f"{', '.join(sorted({*allowed, 'lang'}))}")


def text(query: Mapping[str, str], name: str) -> str | None:
    value = (query.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise BadParameter(f"{name} is {len(value)} characters long; at most {MAX_TEXT}")
    return value or None


def choice(query: Mapping[str, str], name: str, choices, default: str | None = None):
    value = query.get(name) or default
    if value is not None and value not in choices:
        raise BadParameter(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return value


def day(query: Mapping[str, str], name: str) -> date | None:
    value = query.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else _bad_day(name, value)
    except ValueError:
        return _bad_day(name, value)


def _bad_day(name: str, value: str):
    raise BadParameter(f"{name} must be a day as YYYY-MM-DD; got {value!r}")


def number(query: Mapping[str, str], name: str, low: float, high: float, default, kind=int):
    value = query.get(name)
    if value is None or value == "":
        return default
    try:
        found = kind(value)
    except ValueError:
        found = None
    if found is None or found != found or not low <= found <= high:  # found != found: NaN
        what = "a whole number" if kind is int else "a number"
        raise BadParameter(f"{name} must be {what} from {low:g} to {high:g}; got {value!r}")
    return found


def lang(query: Mapping[str, str]) -> str:
    return choice(query, "lang", LANGS, "ru")


def code(query: Mapping[str, str]) -> str | None:
    value = text(query, "code")
    if value and value.upper() not in PLOVER_TYPES and not CAMEO.fullmatch(value):
        raise BadParameter(f"code must be a CAMEO code or prefix (2 to 4 digits: 04, 041) or "
                           f"a PLOVER type ({', '.join(PLOVER_TYPES)}); got {value!r}")
    return value


def country(query: Mapping[str, str]) -> Country | None:
    """The country filter, its places not looked up yet (``Web.filtered`` does)."""
    value = text(query, "country")
    if value and not COUNTRY.fullmatch(value):
        raise BadParameter(f"country must be {COUNTRY_HINT}; got {value!r}")
    return Country(value.upper()) if value else None


def words(query: Mapping[str, str], lemmas: Callable[[str], list[set[str]]]
          ) -> list[set[str]]:
    """The text search: for each word, the lemmas it may stand for (``lemmas``: the
    morphology's, ``search.query_lemmas``)."""
    value = text(query, "text")
    found = lemmas(value) if value else []
    if value and not found:
        raise BadParameter(f"text must hold at least one word; got {value!r}")
    return found


def filters(query: Mapping[str, str], lemmas: Callable[[str], list[set[str]]]) -> Filters:
    """The filters of `khronika events`, with its defaults (min_confidence 0.5), and the
    order of the list; ``lemmas`` turns the text search into lemmas."""
    since, until = day(query, "since"), day(query, "until")
    if since and until and since > until:
        raise BadParameter(f"since ({since}) is after until ({until})")
    return Filters(
        actor=text(query, "actor"), code=code(query), since=since, until=until,
        modality=choice(query, "modality", MODALITIES), place=text(query, "place"),
        min_confidence=number(query, "min_confidence", 0, 1, DEFAULT_MIN_CONFIDENCE, float),
        order=choice(query, "sort", tuple(ORDERS), "-date"), country=country(query),
        words=words(query, lemmas))


def paging(query: Mapping[str, str], per_page: int = PER_PAGE) -> Paging:
    return Paging(number(query, "page", 1, 100_000, 1),
                  number(query, "per_page", 1, MAX_PER_PAGE, per_page))


def unit(query: Mapping[str, str]) -> str:
    return choice(query, "unit", UNITS, "month")


def stack(query: Mapping[str, str]) -> str:
    return choice(query, "stack", tuple(STACKS), "plover")
