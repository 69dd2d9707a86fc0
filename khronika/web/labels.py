"""The web UI's words in ru, en and ar, from its data file (``web/data/labels.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..resources import SHIPPED


@dataclass(slots=True, frozen=True)
class Labels:
    languages: dict[str, dict[str, str]]  # code -> {name, dir}
    words: dict[str, dict[str, str]]  # key -> {ru, en, ar}

    def get(self, key: str, lang: str) -> str:
        """The word for ``key`` in ``lang``; an unknown key shows itself (never a 500)."""
        return self.words.get(key, {}).get(lang) or key

    def direction(self, lang: str) -> str:
        return self.languages[lang]["dir"]


def parse_labels(path: Path) -> Labels:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Labels(data["languages"], data["labels"])


def labels() -> Labels:
    return SHIPPED.get("web_labels")


def parse_openapi(path: Path) -> dict:
    """The API's OpenAPI description (``web/data/openapi.yaml``), served as JSON."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))
