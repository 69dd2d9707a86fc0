"""The nominative of a personal name's words, and Latin/Cyrillic spellings of one name.

pymorphy knows Russian names and many foreign ones; for the rest its suffix predictor
guesses a common noun's paradigm ("Шольцем" → "шолец"). A name word is therefore put in
the nominative (``nominative``) from, in order: a parse from pymorphy's dictionary that is
a name (Name, Surn, Patr; Fixd stays as it is), then the paradigms of ``data/names.yaml``
read backwards from the word's ending, the case and the gender of the whole name, with
the forms of the word found elsewhere in the document first. A word no paradigm fits is
indeclinable ("Баррозу", "Каллас" for a woman). ``skeleton`` writes a name as classes of
sounds, the same for "Borrell" and "Боррель".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pymorphy2.analyzer import Parse

MASC, FEMN = "masc", "femn"
CASES = {"Gen": "gen", "Dat": "dat", "Acc": "acc", "Ins": "ins", "Loc": "loc"}
OC_CASES = {"Gen": {"gent", "gen1", "gen2"}, "Dat": {"datv"}, "Acc": {"accs"},
            "Ins": {"ablt"}, "Loc": {"loct", "loc2"}, "Nom": {"nomn", "voct"}}
NAME_TAGS = ("Name", "Surn", "Patr")
FIRST, SURNAME, HYPHEN_FIRST = "first", "surname", "hyphen_first"
# the role of paradigms that serve a family name only after a given name declined in its
# case ("Павла Зарембу", "Жоакима Машаву": an -а name; "Жоау Пинту" stays)
AFTER_DECLINED = "after_declined"
NOMINATIVE_SCORE = 0.5  # "Марина" (0.83 nominative) is no genitive of "Марин"


@dataclass(frozen=True, slots=True)
class Paradigm:
    name: str
    genders: frozenset[str]
    roles: frozenset[str]
    plural: bool
    stem: re.Pattern[str]
    nominative: str
    endings: dict[str, tuple[str, ...]]  # UD case -> endings
    min_stem: int = 2
    singular: str = ""  # a plural's family name ("Клинтоны" → "Клинтон"): the normal

    @property
    def normal(self) -> str:
        """The ending of the name's normal: the family name itself for a plural."""
        return self.singular if self.plural else self.nominative


@dataclass(frozen=True, slots=True)
class NameMorphology:
    particles: frozenset[str]
    fixed_finals: frozenset[str]
    paradigms: tuple[Paradigm, ...]
    sound_classes: dict[str, str]  # letter -> class
    silent: frozenset[str]
    digraphs: tuple[tuple[str, str], ...]  # longest first
    family_kin: frozenset[str] = frozenset()  # lemmas: "брат" ("братья Запашные")
    family_collectives: frozenset[str] = frozenset()  # lemmas: "семья", "династия"
    family_houses: frozenset[str] = frozenset()  # lemmas: "дом" ("дом Романовых")
    indeclinable_family_finals: tuple[str, ...] = ()  # "еску": Попеску never declines
    japanese_word: re.Pattern[str] | None = None  # a word in Japanese syllables ("сигэру")


@dataclass(frozen=True, slots=True)
class NameShape:
    """What the whole name says of each of its words: case, gender, number."""

    case: str | None  # UD case, None when unknown
    gender: str | None  # MASC, FEMN or None
    plural: bool = False
    given_declined: bool = False  # the given name shows the case ("Павла Зарембу")
    japanese: bool = False  # a Japanese name whose family name is oblique ("Сигэру Исибе")


def parse_names(path: Path) -> NameMorphology:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    classes = {letter: name for name, letters in data["sound_classes"].items()
               for letter in letters}
    digraphs = sorted(data["digraphs"].items(), key=lambda kv: -len(kv[0]))
    return NameMorphology(
        particles=frozenset(data["particles"]),
        fixed_finals=frozenset(data["fixed_finals"]),
        paradigms=tuple(_paradigm(spec) for spec in data["paradigms"]),
        sound_classes=classes,
        silent=frozenset(data["silent"]),
        digraphs=tuple(digraphs),
        family_kin=frozenset(data.get("family_kin") or ()),
        family_collectives=frozenset(data.get("family_collectives") or ()),
        family_houses=frozenset(data.get("family_houses") or ()),
        indeclinable_family_finals=tuple(data.get("indeclinable_family_finals") or ()),
        japanese_word=re.compile(data["japanese_word"]) if data.get("japanese_word") else None,
    )


def _paradigm(spec: dict[str, Any]) -> Paradigm:
    genders = {MASC, FEMN} if spec["gender"] == "both" else {spec["gender"]}
    return Paradigm(
        name=spec["name"],
        genders=frozenset(genders),
        roles=frozenset(spec["roles"]),
        plural=spec.get("number") == "plur",
        stem=re.compile(f"(?:{spec['stem']})$"),
        nominative=spec["nominative"] or "",
        endings={ud: tuple(str(spec[key]).split("|")) for ud, key in CASES.items() if key in spec},
        min_stem=spec.get("min_stem", 2),
        singular=spec.get("singular") or "",
    )


def _morphology() -> NameMorphology:
    from ..resources import shipped

    return shipped("names")


# --- paradigms read backwards ---------------------------------------------------------------

def paradigm_nominatives(
    word: str, shape: NameShape, morphology: NameMorphology | None = None
) -> list[tuple[str, Paradigm]]:
    """Every (nominative, paradigm) whose form in ``shape.case`` is ``word`` (lower case);
    of a plural, the family name's nominative singular ("Клинтонов" → "клинтон")."""
    morphology = morphology or _morphology()
    found = []
    for paradigm in morphology.paradigms:
        if paradigm.plural != shape.plural or (shape.gender and shape.gender not in
                                               paradigm.genders):
            continue
        endings = ((paradigm.nominative,) if shape.case == "Nom" and paradigm.plural
                   else paradigm.endings.get(shape.case or "", ()))
        for ending in endings:
            stem = word[: len(word) - len(ending)]
            if (word.endswith(ending) and len(stem) >= paradigm.min_stem
                    and paradigm.stem.search(stem)):
                found.append((stem + paradigm.normal, paradigm))
    return found


def possible_nominatives(word: str, morphology: NameMorphology | None = None) -> set[str]:
    """What ``word`` (lower case) may be a form of, in any case, gender and number: the
    document's evidence for its other words."""
    forms = {word}
    for case in CASES:
        for plural in (False, True):
            shape = NameShape(case, None, plural)
            forms.update(nom for nom, _ in paradigm_nominatives(word, shape, morphology))
    return forms


@dataclass(slots=True)
class Evidence:
    """The words of one document as name forms: for each possible nominative, the
    document's words giving it. A word attests itself as a nominative twice as strongly
    as a form of another when the tagger read it as a nominative there."""

    surfaces: dict[str, set[str]]  # nominative -> the document's words giving it
    nominatives: frozenset[str] = frozenset()  # words the tagger read as nominatives
    known: Evidence | None = None  # known people's names (the KB's), attesting besides

    @classmethod
    def of(cls, words: Iterable[str | tuple[str, bool]],
           morphology: NameMorphology | None = None) -> Evidence:
        """``words``: the document's words, or (word, tagged nominative) pairs."""
        pairs = [(w, True) if isinstance(w, str) else w for w in words]
        surfaces: dict[str, set[str]] = {}
        for word in {fold(w) for w, _ in pairs if w[:1].isupper()}:
            for nom in possible_nominatives(word, morphology):
                surfaces.setdefault(nom, set()).add(word)
        return cls(surfaces, frozenset(fold(w) for w, nom in pairs if nom))

    def strength(self, nominative: str, word: str, known: bool = True) -> int:
        """How strongly the document, apart from ``word`` itself, attests ``nominative``
        (and, unless not ``known``, the known names)."""
        others = self.surfaces.get(nominative, set()) - {word}
        own = sum(2 if w == nominative and w in self.nominatives else 1 for w in others)
        return own + (self.known.strength(nominative, word) if self.known and known else 0)

    def knowing(self, known: Evidence) -> Evidence:
        """This document's evidence with ``known`` names attesting too."""
        return Evidence(self.surfaces, self.nominatives, known)


EMPTY = Evidence({})


def family_word(lemma: str, feats: dict[str, str],
                morphology: NameMorphology | None = None) -> str | None:
    """"kin" for kin in the plural ("братья", "супругов"), "collective" for "семья",
    "династия" and the like: a family name after them is the family's; "house" for "дом",
    after which only a genitive plural is ("дом Романовых"); else None."""
    morphology = morphology or _morphology()
    if lemma in morphology.family_collectives:
        return "collective"
    if lemma in morphology.family_houses:
        return "house"
    if lemma in morphology.family_kin and feats.get("Number") == "Plur":
        return "kin"
    return None


# --- one word -------------------------------------------------------------------------------

def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def is_initial(word: str) -> bool:
    """"Дж.", "Д.", "В" (a bare capital), "ДЖ": never declined."""
    core = word.rstrip(".")
    return (word.endswith(".") and len(core) <= 3) or (len(core) == 1 and core.isupper())


def is_cyrillic(word: str) -> bool:
    return any("а" <= ch <= "я" or ch == "ё" for ch in word.lower())


def nominative(
    vocab: Any, word: str, shape: NameShape, role: str,
    evidence: Evidence = EMPTY, morphology: NameMorphology | None = None,
    tagged_nominative: bool = False,
) -> str:
    """The nominative of one word of a name, in the word's own letter case;
    ``tagged_nominative``: the tagger called this word nominative."""
    morphology = morphology or _morphology()
    *before, last = word.split("-")
    if before:
        return "-".join(
            [part if fold(part) in morphology.particles
             else nominative(vocab, part, shape, HYPHEN_FIRST if role == SURNAME else role,
                             evidence, morphology, tagged_nominative)
             for part in before]
            + [nominative(vocab, last, shape, role, evidence, morphology, tagged_nominative)])
    if (not is_cyrillic(word) or is_initial(word) or fold(word) in morphology.particles
            or len(word) < 3):
        return word
    lower = fold(word)
    if shape.case == "Nom" and shape.plural:  # "Трампы провели" → "Трамп"
        known = _dictionary_nominative(vocab, lower, shape, role, evidence, morphology)
        found = paradigm_nominatives(lower, shape, morphology)
        return _shaped(known or (found[0][0] if found else lower), word)
    if shape.case in (None, "Nom"):
        other = _attested_oblique(vocab, lower, shape, evidence, morphology)
        return _shaped(other, word) if other else word
    if shape.japanese:  # "Исибе" → "Исиба"; Japanese given names end in vowels and stay
        return _shaped(lower[:-1] + "а", word) if role == SURNAME else word
    known = (None if role == HYPHEN_FIRST  # "Вике-Фрейберге": no given name "Вика" there
             else _dictionary_nominative(vocab, lower, shape, role, evidence, morphology))
    if known is None:
        fixed = (tagged_nominative and lower[-1] in morphology.fixed_finals) or (
            role == SURNAME and lower.endswith(morphology.indeclinable_family_finals))
        known = _paradigm_nominative(lower, shape, role, evidence, morphology, fixed)
    if known == lower:  # no form of this case: the tagger's case may be wrong ("Шольцу")
        known = _attested_oblique(vocab, lower, shape, evidence, morphology) or lower
    return _shaped(known, word)


def japanese_oblique(given: list[str], surname: str,
                     morphology: NameMorphology | None = None) -> bool:
    """``given`` and ``surname`` are a Japanese name whose family name is the dative or
    locative of an -а name: the given names are spelled in Japanese syllables, and so is
    the family name with -а for its -е, which no Japanese nominative ends in ("Сигэру
    Исибе", "Юко Накамуре"; not "Лукасу Банде", "Сейду Каборе"). A given name in -а or -я
    would show the dative itself: "Анура Кумара Дисанаяке" is a nominative."""
    morphology = morphology or _morphology()
    pattern, last = morphology.japanese_word, fold(surname)
    if (pattern is None or not given or len(last) < 4 or not last.endswith("е")
            or any(fold(w).endswith(("а", "я")) for w in given)):
        return False
    return all(pattern.fullmatch(fold(w)) for w in given) and bool(
        pattern.fullmatch(last[:-1] + "а"))


def _attested_oblique(
    vocab: Any, word: str, shape: NameShape, evidence: Evidence, morphology: NameMorphology
) -> str | None:
    """For a word the tagger calls nominative: the nominative of which it is an oblique
    form that the other words of the document attest best (a word itself before a form of
    it): "Кисиде" beside "Кисида", "Шольцу" beside "Шольцем"; none when the dictionary
    knows the word as a nominative name."""
    if any(_trusted(p) and p.tag.case == "nomn" for p in vocab.parse(word)):
        return None
    found = {nom for case in CASES
             for nom, _ in paradigm_nominatives(word, NameShape(case, None), morphology)}
    # the document's own words only: a known person's name never overrides a nominative
    strength = {nom: evidence.strength(nom, word, known=False) for nom in found - {word}}
    best = max(strength.values(), default=0)
    attested = [nom for nom, n in strength.items() if n == best]
    if not best or len(attested) > 1 or evidence.strength(word, word, known=False) >= best:
        return None  # "Кисида" is as much the nominative of "Кисиде" as a form of "Кисид"
    return attested[0]


def _dictionary_nominative(
    vocab: Any, word: str, shape: NameShape, role: str = SURNAME,
    evidence: Evidence = EMPTY, morphology: NameMorphology | None = None,
) -> str | None:
    """The nominative from pymorphy's dictionary, when it knows ``word`` as a name in this
    case, number and gender; the word itself when the dictionary says it is indeclinable.
    Of several names it knows, a declined one comes before an indeclinable one ("Ангеле"
    is Ангела's dative before it is the name Ангеле), then one the document attests, then
    one a paradigm of the word's role gives ("Ангела", not "Ангеля"), then pymorphy's
    score."""
    fits = [p for p in vocab.parse(word) if _trusted(p) and _fits(p.tag, shape)]
    if not fits:
        return None
    readings = {nom for nom, p in paradigm_nominatives(word, shape, morphology)
                if role in p.roles}
    options = [(_declined(p, shape), p) for p in fits]

    def rank(option: tuple[str | None, Any]) -> tuple:
        nom, parse = option
        return ("Fixd" not in parse.tag, nom is not None and evidence.strength(nom, word),
                nom in readings, parse.score)

    nom, best = max(options, key=rank)
    return word if "Fixd" in best.tag else nom


def _declined(parse: Any, shape: NameShape) -> str | None:
    if "Fixd" in parse.tag:
        return None
    # a plural family name's normal is the family name itself, in the masculine
    grams = {"nomn", "sing", "masc"} if shape.plural else {"nomn", "sing"}
    form = Parse.inflect(parse, grams)  # pymorphy's own grammemes, not natasha's UD names
    return fold(form.word) if form else None


def nominative_name(vocab: Any, word: str) -> Any | None:
    """The dictionary's parse of ``word`` as a name in the nominative singular, when that is
    by far its likeliest reading (pymorphy's score at least ``NOMINATIVE_SCORE``)."""
    names = [p for p in vocab.parse(word) if _trusted(p) and p.tag.POS == "NOUN"]
    top = max(names, key=lambda p: p.score, default=None)
    if top is None or top.tag.case != "nomn" or top.tag.number == "plur":
        return None
    return top if top.score >= NOMINATIVE_SCORE else None


def oblique_name(vocab: Any, word: str, kind: str = "Name") -> bool:
    """The dictionary knows ``word`` as a given name (``kind`` "Name") or a family name
    ("Surn") in oblique cases only ("Урсуле", "Мишустиным")."""
    names = [p for p in vocab.parse(fold(word)) if _trusted(p) and kind in p.tag]
    return bool(names) and not any(p.tag.case in OC_CASES["Nom"] for p in names)


def _trusted(parse: Any) -> bool:
    """A parse from the dictionary itself (no prefix or suffix guessing) of a name, or of
    an adjective (a family name or epithet of that type: "Юрия Красного")."""
    stack = parse.methods_stack
    return (len(stack) == 1 and type(stack[0][0]).__name__ == "DictionaryAnalyzer"
            and (any(tag in parse.tag for tag in NAME_TAGS) or parse.tag.POS == "ADJF"))


def _fits(tag: Any, shape: NameShape) -> bool:
    if tag.case not in OC_CASES.get(shape.case or "", set()):
        return False
    if (tag.number == "plur") != shape.plural:
        return False
    gender = str(tag.gender) if tag.gender else None
    return not shape.gender or gender in (shape.gender, None) or {"ms-f", "Fixd"} & tag.grammemes


def _paradigm_nominative(
    word: str, shape: NameShape, role: str, evidence: Evidence, morphology: NameMorphology,
    fixed: bool = False,
) -> str:
    """The reading the document attests best (a reading outside the word's role needs the
    nominative itself or two other forms), else (unless ``fixed``) the first of the role."""
    found = paradigm_nominatives(word, shape, morphology)
    attested = [(evidence.strength(nom, word), -i, nom) for i, (nom, p) in enumerate(found)
                if evidence.strength(nom, word) >= (1 if role in p.roles else 2)]
    if attested:
        best = max(attested)
        # the word itself as the nominative of the document's other forms ("Обама"
        # tagged genitive beside "Обамы", "Обамой") outranks a reading of it
        return word if evidence.strength(word, word) > best[0] else best[2]
    if found and evidence.strength(word, word) >= 2:
        return word
    if fixed:
        return word
    for nom, paradigm in found:
        if role in paradigm.roles or (role == SURNAME and shape.given_declined
                                      and AFTER_DECLINED in paradigm.roles):
            return nom
    return word


def _shaped(word: str, like: str) -> str:
    """``word`` in the letter case of ``like``."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def supports(vocab: Any, word: str, case: str, role: str,
             morphology: NameMorphology | None = None, plural: bool = False) -> bool:
    """``word`` has a visible form of ``case`` (not an indeclinable word's): a declined
    dictionary name, or a paradigm of its role ("Эрны" is genitive, "Сульберг" nothing);
    with ``plural``, also a plural one ("Байденов")."""
    lower = fold(word)
    if any(_trusted(p) and "Fixd" not in p.tag and (plural or p.tag.number != "plur")
           and p.tag.case in OC_CASES.get(case, set()) for p in vocab.parse(lower)):
        return True
    return any(role in p.roles for number in ((False, True) if plural else (False,))
               for _, p in paradigm_nominatives(lower, NameShape(case, None, number),
                                                morphology))


def plural_only(vocab: Any, word: str, case: str | None,
                morphology: NameMorphology | None = None) -> bool:
    """Only a family name in the plural makes ``word`` in an oblique ``case``
    ("Бекхэмов" as an object, "Обамами")."""
    if case is None or case == "Nom":
        return False
    lower = fold(word)
    if any(_trusted(p) and p.tag.number != "plur" and p.tag.case in OC_CASES[case]
           for p in vocab.parse(lower)):
        return False  # "Петровым" is a plural dative, though a singular instrumental
    return (not paradigm_nominatives(lower, NameShape(case, None), morphology)
            and bool(paradigm_nominatives(lower, NameShape(case, None, True), morphology)))


def plural_case(vocab: Any, word: str, case: str,
                morphology: NameMorphology | None = None) -> bool:
    """``word`` may be a family name's plural in ``case`` ("Асадов", "Романовых")."""
    lower = fold(word)
    return any(_trusted(p) and p.tag.number == "plur" and p.tag.case in OC_CASES[case]
               for p in vocab.parse(lower)) or bool(
        paradigm_nominatives(lower, NameShape(case, None, True), morphology))


def plural_nominative(vocab: Any, word: str, morphology: NameMorphology | None = None) -> bool:
    """``word``, tagged a plural nominative, is a family name's plural: the dictionary
    knows it as one ("Романовы"), or it ends in "-ы" or "-ие" after a family name's stem
    ("Трампы", "Зеленские"; a singular name ending so is rare, unlike "-и": "Нгози")."""
    lower = fold(word)
    parses = [p for p in vocab.parse(lower) if _trusted(p)]
    if parses:
        return any("Surn" in p.tag and p.tag.number == "plur" and p.tag.case == "nomn"
                   for p in parses)
    return lower.endswith(("ы", "ие")) and bool(
        paradigm_nominatives(lower, NameShape("Nom", None, True), morphology))


# --- the gender of a whole name -------------------------------------------------------------

def dictionary_genders(vocab: Any, word: str, case: str | None, tag: str) -> set[str]:
    """The genders pymorphy's dictionary gives ``word`` as a name of kind ``tag`` (Name,
    Surn) in an oblique ``case`` ("Аминате" is no dative of the man's name Аминат)."""
    parses = [p for p in vocab.parse(fold(word)) if _trusted(p) and tag in p.tag
              and p.tag.number != "plur"]
    if case is not None and case != "Nom":
        parses = [p for p in parses if p.tag.case in OC_CASES[case]]
    return {str(p.tag.gender) for p in parses
            if p.tag.gender and "ms-f" not in p.tag.grammemes}


def strong_ending(word: str, morphology: NameMorphology | None = None) -> bool:
    """``word`` does not end like an indeclinable name (its gender by ending is sure)."""
    morphology = morphology or _morphology()
    return fold(word)[-1:] not in morphology.fixed_finals


def paradigm_gender(word: str, case: str | None, role: str,
                    morphology: NameMorphology | None = None) -> str | None:
    """The one gender whose paradigms (of ``role``) make ``word`` in ``case``: masculine
    for "Олафом", feminine for "Аминате" or "Далю"; None when both or none do."""
    genders = {frozenset(p.genders) for _, p in
               paradigm_nominatives(fold(word), NameShape(case, None), morphology)
               if role in p.roles}
    if len(genders) == 1:
        (only,) = genders
        return next(iter(only)) if len(only) == 1 else None
    return None


# --- Latin and Cyrillic spellings -----------------------------------------------------------

def skeleton(word: str, morphology: NameMorphology | None = None) -> str:
    """The sound classes of a name word: "Borrell" and "Боррель" are both "BRL"."""
    morphology = morphology or _morphology()
    text = word.lower()
    for digraph, letter in morphology.digraphs:
        text = text.replace(digraph, letter)
    marks = [morphology.sound_classes.get(ch, "." if ch in morphology.silent else "")
             for ch in text]
    merged = [m for i, m in enumerate(marks) if m and (i == 0 or m != marks[i - 1])]
    return "".join(m for m in merged if m != ".")


def same_spelling(a: str, b: str, morphology: NameMorphology | None = None) -> bool:
    """Two spellings of one name word in different scripts ("Josep" / "Жозеп"): equal
    skeletons, or one class apart when both have at least four."""
    sa, sb = skeleton(a, morphology), skeleton(b, morphology)
    if not sa or not sb:
        return False
    if sa == sb:
        return True
    return min(len(sa), len(sb)) >= 4 and _one_apart(sa, sb)


def _one_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
