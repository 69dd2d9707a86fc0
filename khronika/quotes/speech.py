"""The speech lexicon: verbs and phrases that introduce quotes (``data/speech.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    """Speech cues: verbs (by lemma), impersonal verbs, "по словам" phrases, name heads, titles."""

    verbs: frozenset[str]
    impersonal: frozenset[str]
    object_speaker: frozenset[str]
    according_to: frozenset[tuple[str, str]]
    name_heads: frozenset[str]
    titles: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: dict) -> SpeechLexicon:
        return cls(
            verbs=frozenset(data.get("verbs", ())),
            impersonal=frozenset(data.get("impersonal", ())),
            object_speaker=frozenset(data.get("object_speaker", ())),
            according_to=frozenset(tuple(pair) for pair in data.get("according_to", ())),
            name_heads=frozenset(data.get("name_heads", ())),
            titles=frozenset(data.get("titles", ())),
        )

    def is_speech(self, lemma: str) -> bool:
        return lemma in self.verbs or lemma in self.impersonal or lemma in self.object_speaker


def load_speech(path: str | Path | None = None) -> SpeechLexicon:
    """The speech lexicon from a YAML file (the packaged one by default)."""
    if path is None:
        from ..resources import shipped

        return shipped("speech")
    return parse_speech(Path(path))


def parse_speech(path: Path) -> SpeechLexicon:
    return SpeechLexicon.from_dict(yaml.safe_load(path.read_text(encoding="utf-8")))
