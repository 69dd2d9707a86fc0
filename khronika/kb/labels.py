"""Labels in ru/en/ar with a marked fallback: never an empty name.

A label the KB does not have is made from another: English from the Russian name by
transliteration (the table in ``data/translit.tsv``), Arabic from the English label. Such
labels are listed in ``fallback`` so that users can tell them apart.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

LANGS = ("ru", "en", "ar")


@dataclass(slots=True)
class Labels:
    ru: str
    en: str
    ar: str
    fallback: list[str] = field(default_factory=list)

    def get(self, lang: str) -> str:
        return getattr(self, lang)

    def to_json(self) -> dict[str, str]:
        return {"ru": self.ru, "en": self.en, "ar": self.ar}

    def shown(self, lang: str) -> str:
        """The label for display: a fallback is marked with its source."""
        text = self.get(lang)
        return f"{text} [translit]" if lang in self.fallback else text


def _table() -> dict[str, str]:
    from ..resources import shipped

    return shipped("translit")


def parse_translit(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {cyr: lat for cyr, lat in rows}


def transliterate(text: str) -> str:
    """Russian to Latin (BGN/PCGN-like): "Пашинян" → "Pashinyan"."""
    table = _table()
    out = []
    for ch in text:
        lat = table.get(ch.lower())
        if lat is None:
            out.append(ch)
        else:
            out.append(lat.capitalize() if ch.isupper() else lat)
    return "".join(out)


def make_labels(ru: str, given: Mapping[str, str | None]) -> Labels:
    en, ar = given.get("en"), given.get("ar")
    fallback = []
    if not en:
        en, fallback = transliterate(ru), ["en"]
    if not ar:
        ar = en
        fallback.append("ar")
    return Labels(ru=ru, en=en, ar=ar, fallback=fallback)
