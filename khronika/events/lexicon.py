"""The trigger lexicon: ``lexicon/*.yaml``, one file per CAMEO root (format in docs/events.md).

A rule names a CAMEO code and the lemmas of its trigger words, verbs or verbal nouns, with
optional constraints: ``objects`` (the verb's object must be one of these), ``requires``
(one of these must depend on the trigger or its object), ``entity_object`` (the object is a
named entity), ``exclude``, ``no_destination`` (no "в/на + place" on the verb). Rules
with constraints are tried before bare ones, and longer (more specific) codes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import yaml

from .ontology import cameo

KEYS = {"id", "code", "verbs", "nouns", "requires", "objects", "entity_object", "reverse",
        "actorless", "exclude", "no_destination", "implied_actor", "confidence", "note"}


class LexiconError(ValueError):
    """A lexicon file that cannot be used, with the file and rule named."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    code: str
    pos: str  # verb | noun
    lemmas: frozenset[str]
    requires: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    entity_object: bool = False
    reverse: bool = False
    actorless: bool = False
    exclude: frozenset[str] = frozenset()
    no_destination: bool = False  # "выслал в Грузию сотрудника" sends, does not expel
    implied_actor: str = ""  # who does it, unnamed: an institution of grammar's
    # group_actors ("police") or a sector of its implied_sectors ("CVL")
    confidence: float = 0.8

    @property
    def constrained(self) -> bool:
        return bool(self.requires or self.objects or self.entity_object)

    @property
    def root(self) -> str:
        return self.code[:2]


class _Shared(TypedDict):
    """The fields of a lexicon entry that its verb rule and its noun rule share."""

    id: str
    code: str
    requires: frozenset[str]
    objects: frozenset[str]
    entity_object: bool
    reverse: bool
    actorless: bool
    exclude: frozenset[str]
    no_destination: bool
    implied_actor: str
    confidence: float


@dataclass(slots=True)
class Lexicon:
    rules: list[Rule]
    by_lemma: dict[tuple[str, str], list[Rule]]  # (pos, lemma) -> rules, constrained first

    def candidates(self, pos: str, lemma: str) -> list[Rule]:
        return self.by_lemma.get((pos, lemma), [])


def _words(value, where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: expected a list of words")
    return frozenset(v.strip().lower().replace("ё", "е") for v in value)


def _rules(path: Path) -> list[Rule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LexiconError(f"{path}: cannot read: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise LexiconError(f"{path}: expected a mapping with a 'rules' list")
    rules = []
    for n, item in enumerate(data["rules"], start=1):
        where = f"{path.name} rule {n} ({item.get('id') if isinstance(item, dict) else item})"
        if not isinstance(item, dict) or not item.get("id") or not item.get("code"):
            raise LexiconError(f"{where}: needs 'id' and 'code'")
        unknown = set(item) - KEYS
        if unknown:
            raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
        code = str(item["code"])
        cameo(code)  # raises on an unknown code
        common: _Shared = dict(
            id=str(item["id"]), code=code,
            requires=_words(item.get("requires"), where),
            objects=_words(item.get("objects"), where),
            entity_object=bool(item.get("entity_object")), reverse=bool(item.get("reverse")),
            actorless=bool(item.get("actorless")), exclude=_words(item.get("exclude"), where),
            no_destination=bool(item.get("no_destination")),
            implied_actor=str(item.get("implied_actor") or ""),
            confidence=float(item.get("confidence", 0.8)),
        )
        made = [Rule(pos=pos, lemmas=_words(item[key], where), **common)
                for pos, key in (("verb", "verbs"), ("noun", "nouns")) if item.get(key)]
        if not made:
            raise LexiconError(f"{where}: needs 'verbs' or 'nouns'")
        rules.extend(made)
    return rules


def load_lexicon(folder: Path | None = None) -> Lexicon:
    """The trigger lexicon shipped (``events/lexicon/``), or the one in another folder."""
    if folder is None:
        from ..resources import shipped

        return shipped("lexicon")
    return parse_lexicon(Path(folder))


def parse_lexicon(folder: Path) -> Lexicon:
    rules: list[Rule] = []
    for path in sorted(folder.glob("*.yaml")):
        rules.extend(_rules(path))
    seen: dict[tuple[str, str], str] = {}
    by_lemma: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules:
        if seen.setdefault((rule.id, rule.pos), rule.code) != rule.code:
            raise LexiconError(f"rule id {rule.id!r} is used twice")
        for lemma in rule.lemmas:
            by_lemma.setdefault((rule.pos, lemma), []).append(rule)
    for found in by_lemma.values():
        found.sort(key=lambda r: (not r.constrained, -len(r.code)))  # the most specific first
    return Lexicon(rules, by_lemma)
