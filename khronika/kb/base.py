"""The loaded knowledge base: entities, their alias index, and the role lexicon."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .keys import key, lemma_key, word_lemma
from .labels import Labels, make_labels
from .model import Entity

_ROMAN = re.compile(r"^[IVXL]+$")


@dataclass(slots=True)
class RoleType:
    key: str
    priority: int
    suffix: str | None = None  # GOV, GOVMIL: appended to the country's code
    org: str | None = None  # international posts: the IGO
    labels: dict[str, str] = field(default_factory=dict)
    domestic: bool = False  # said without a country: the country of the context (``where``)

    def code_in(self, country: str | None) -> str | None:
        """The actor code of this post in ``country`` (RUS + GOV), None without a suffix."""
        return f"{country}{self.suffix}" if country and self.suffix else None


@dataclass(slots=True)
class InstitutionType:
    """A generic institution named with a country: "МИД Армении" → org:ARM-mfa."""

    key: str
    sector: str
    name: str
    labels: dict[str, str] = field(default_factory=dict)
    domestic: bool = False  # said without a country: the country of the context (``where``)


@dataclass(slots=True)
class Phrase:
    """A role or institution-type phrase as a lemma sequence."""

    lemmas: tuple[str, ...]
    kind: str  # role | institution | counterpart
    target: str  # a RoleType or InstitutionType key
    country: str | None = None  # the default country when the text names none


@dataclass
class KB:
    morph: Any  # pymorphy through natasha's MorphVocab (untyped): lemma keys
    entities: dict[str, Entity] = field(default_factory=dict)
    index: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, str] = field(default_factory=dict)  # ISO3/CAMEO/id code -> id
    adjectives: dict[str, str] = field(default_factory=dict)  # adjective lemma -> country id
    role_types: dict[str, RoleType] = field(default_factory=dict)
    institution_types: dict[str, InstitutionType] = field(default_factory=dict)
    phrases: dict[str, list[Phrase]] = field(default_factory=lambda: defaultdict(list))
    files: list[str] = field(default_factory=list)
    honorifics: set[str] = field(default_factory=set)  # lemmas: "шейх", "аятолла"
    honorific_genders: dict[str, str] = field(default_factory=dict)  # "госпожа" -> f
    regnal_titles: set[str] = field(default_factory=set)  # lemmas: "король", "папа"
    given_name_titles: set[str] = field(default_factory=set)  # and "принц", "шейх"
    former: set[str] = field(default_factory=set)  # lemmas: "бывший", "покойный"
    elect: set[str] = field(default_factory=set)  # lemmas: "избранный"
    by_role: dict[str, list[Entity]] = field(default_factory=dict)  # people_with_role's cache
    by_stem: dict[str, list] = field(default_factory=dict)  # people_by_stem's cache
    by_name: dict[str, Any] = field(default_factory=dict)  # namesakes.name_words' cache
    by_regnal: dict[str, list[str]] = field(default_factory=dict)  # regnal()'s cache
    name_forms: Any = None  # nlp/names.known_names' cache: people's names as name forms
    latin_given: frozenset[str] | None = None  # nlp/nerfix's cache: English given names

    # building
    def add(self, entity: Entity) -> Entity:
        if entity.id in self.entities:
            raise ValueError(f"duplicate id {entity.id!r}: ids must be unique across KB files")
        self.entities[entity.id] = entity
        for name in dict.fromkeys([entity.name, *entity.aliases]):
            self.add_alias(entity.id, name)
        return entity

    def add_alias(self, entity_id: str, name: str) -> None:
        for k in {key(name), lemma_key(self.morph, name)}:
            if k and entity_id not in self.index[k]:
                self.index[k].append(entity_id)

    def add_phrase(self, text: str, kind: str, target: str, country: str | None = None) -> None:
        lemmas = tuple(lemma_key(self.morph, text).split())
        phrase = Phrase(lemmas, kind, target, country)
        if lemmas and phrase not in self.phrases[lemmas[0]]:
            self.phrases[lemmas[0]].append(phrase)

    # lookups
    def get(self, entity_id: str | None) -> Entity | None:
        return self.entities.get(entity_id) if entity_id else None

    def candidates(self, *names: str) -> list[Entity]:
        """Entities one of ``names`` names (exact key first, then lemma key)."""
        found: dict[str, Entity] = {}
        for name in names:
            for k in (key(name), lemma_key(self.morph, name)):
                for entity_id in self.index.get(k, ()):
                    found.setdefault(entity_id, self.entities[entity_id])
        return list(found.values())

    def country(self, code: str | None) -> Entity | None:
        return self.get(self.countries.get(code or ""))

    def country_of_adjective(self, word: str) -> Entity | None:
        return self.get(self.adjectives.get(word_lemma(self.morph, word)))

    def institution(self, type_key: str, country: Entity) -> Entity:
        """The institution of ``type_key`` in ``country``, made on first use."""
        kind = self.institution_types[type_key]
        entity_id = f"org:{country.code}-{type_key}"
        if entity_id not in self.entities:
            name = _adjective_name(self.morph, country, kind.name) or (
                f"{kind.name} ({country.name})")
            self.entities[entity_id] = Entity(
                id=entity_id, kind="org", name=name,
                labels=_institution_labels(kind, self.labels(country)),
                code=f"{country.code}{kind.sector}", country=country.code, source="types",
            )
        return self.entities[entity_id]

    def people_by_stem(self, name: str) -> list[Entity]:
        """People with an alias whose words are the stems of ``name``'s words, for case forms
        pymorphy cannot lemmatise ("Хамидом Карзаем" → "Хамид Карзай", "Ауна" → "Аун")."""
        words = key(name).split()
        if len(words) < 2:  # a bare surname's stem is too weak ("Алиева" is not "Алиев")
            return []
        if not self.by_stem:
            for entity in (e for e in self.entities.values() if e.kind == "person"):
                for alias in (entity.name, *entity.aliases):
                    self.by_stem.setdefault(key(alias).split()[-1][:2], []).append(
                        (key(alias).split(), entity))  # two letters: "Ына" of "Ын"
        return list({id(e): e for alias, e in self.by_stem.get(words[-1][:2], ())
                     if _stems(words, alias)}.values())

    def regnal(self, *names: str) -> list[Entity]:
        """People with an alias that is one of ``names`` plus a regnal number ("Карл" →
        "Карл III", "король Карл" → "король Карл III"): only for a name said with a title."""
        if not self.by_regnal:  # built on first use, once every file is loaded
            for entity in (e for e in self.entities.values() if e.kind == "person"):
                for alias in (entity.name, *entity.aliases):
                    *bare, last = alias.split() or [""]
                    if bare and _ROMAN.match(last):
                        for k in {key(" ".join(bare)), lemma_key(self.morph, " ".join(bare))}:
                            self.by_regnal.setdefault(k, []).append(entity.id)
        found = {i: self.entities[i] for name in names
                 for k in (key(name), lemma_key(self.morph, name))
                 for i in self.by_regnal.get(k, ())}
        return list(found.values())

    def person_name_words(self) -> set[str]:
        """Every capitalised word of a person's name or alias: nominatives, as the KB
        writes names."""
        return {word for entity in self.entities.values() if entity.kind == "person"
                for alias in (entity.name, *entity.aliases) for word in alias.split()
                if word[:1].isupper()}

    def people_with_role(self, role: str) -> list[Entity]:
        if not self.by_role:  # built on first use, once every file is loaded
            for entity in self.entities.values():
                for kind in {r.role for r in entity.roles} if entity.kind == "person" else ():
                    self.by_role.setdefault(kind, []).append(entity)
        return self.by_role.get(role, [])

    def labels(self, entity: Entity) -> Labels:
        return make_labels(entity.name, entity.labels)


def _stems(words: list[str], alias: list[str]) -> bool:
    """Each word is a case form of the alias word: its stem (a short word: the word itself)
    plus at most three letters ("Карзаем" of "Карзай", "Ауна" of "Аун")."""
    def form(w: str, a: str) -> bool:
        stem = a[:-1] if len(a) > 3 else a
        return w == a or (w.startswith(stem) and 0 < len(w) - len(stem) <= 3)

    return len(words) == len(alias) and all(
        form(w, a) for w, a in zip(words, alias, strict=True))


def _adjective_name(morph, country: Entity, noun_phrase: str) -> str | None:
    """"российские миротворцы", "Армянское правительство": the country's adjective agreeing
    with the institution's head noun; None when the country has no adjective or pymorphy
    cannot agree it."""
    if not country.adjectives or morph is None or not noun_phrase:
        return None
    from pymorphy2 import MorphAnalyzer

    head = next((p for p in MorphAnalyzer.parse(morph, noun_phrase.split()[0])
                 if "NOUN" in p.tag and "nomn" in p.tag), None)
    adjective = next((p for p in MorphAnalyzer.parse(morph, country.adjectives[0])
                      if "ADJF" in p.tag), None)
    if head is None or adjective is None:
        return None
    gender = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}.get(head.tag.gender, "Masc")
    form = adjective.inflect({"Nom", "Plur"} if "plur" in head.tag else {"Nom", gender})
    if form is None:
        return None
    text = f"{form.word} {noun_phrase}"
    return text[:1].upper() + text[1:]


def _institution_labels(kind: InstitutionType, country: Labels) -> dict[str, str | None]:
    en, ar = kind.labels.get("en"), kind.labels.get("ar")
    return {
        "en": f"{en} of {country.en}" if en else None,
        "ar": f"{ar} ({country.ar})" if ar and "ar" not in country.fallback else None,
    }
