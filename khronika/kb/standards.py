"""What maintained packages already know about countries: ISO codes and official names
(pycountry, with its Russian translations) and common names in en/ar (CLDR through babel)."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from babel import Locale


@cache
def _russian():
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"],
                               fallback=True)


def _country(iso3: str | None):
    return pycountry.countries.get(alpha_3=iso3) if iso3 else None


def iso2(iso3: str | None) -> str | None:
    country = _country(iso3)
    return country.alpha_2 if country else None


@cache
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale(lang).territories)


def cldr_labels(iso3: str | None) -> dict[str, str]:
    """{en, ar} common names from CLDR ("Russia", "روسيا"), empty for unknown codes."""
    code = iso2(iso3)
    if not code:
        return {}
    return {lang: name for lang in ("en", "ar")
            if (name := _territories(lang).get(code))}


def iso_aliases(iso3: str | None) -> list[str]:
    """Russian translations of the ISO 3166 names ("Российская Федерация")."""
    country = _country(iso3)
    if not country:
        return []
    names = [country.name, getattr(country, "official_name", None)]
    russian = _russian()
    translated = (russian.gettext(n) for n in names if n)
    return list(dict.fromkeys(n for n in translated if _cyrillic(n)))


def _cyrillic(text: str) -> bool:
    return any("а" <= ch.lower() <= "я" for ch in text)
