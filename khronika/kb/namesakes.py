"""Whether the names said of a cluster can be a KB person's: an alias never overrides the
document.

A story about some "Ирина Лаврова" says "Лаврова" too; the surname is one of Sergey
Lavrov's aliases, but the cluster's full name is not his. A KB person fits a cluster only
when every word of every name in it is one of the person's name words (a case form of one,
an initial of a given name, a patronymic of the right gender, a particle such as "бен"),
and no form of it is of the other gender ("Лавровой"). A bare surname also does not link
when the document gives it to someone else by full name ("Ирина Лаврова … Лаврова") and to
nobody who fits. Words that may stand in a name unlisted are in ``data/namesakes.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .base import KB
from .keys import key, word_lemma
from .model import Entity

_INITIAL = re.compile(r"^[A-Za-zА-Яа-яЁё]$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*\.?")
GENDERS = {"masc": "m", "femn": "f"}


@dataclass(frozen=True, slots=True)
class NameWords:
    """A person's names as words: keys and lemma keys, and the initials of given names."""

    words: frozenset[str]
    initials: frozenset[str]


@dataclass(frozen=True, slots=True)
class NamesakeWords:
    particles: frozenset[str]
    patronymics: dict[str, tuple[str, ...]]  # gender -> endings
    relatives: frozenset[str] = frozenset()  # lemmas of words for descendants ("сын", "внучка")


def parse_namesakes(path: Path) -> NamesakeWords:
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    return NamesakeWords(frozenset(key(w) for w in data["particles"]),
                         {g: tuple(ends) for g, ends in data["patronymics"].items()},
                         frozenset(key(w) for w in data.get("relatives", ())))


def _lexicon() -> NamesakeWords:
    from ..resources import shipped

    return shipped("namesakes")


def name_words(kb: KB, entity: Entity) -> NameWords:
    found = kb.by_name.get(entity.id)
    if found is None:
        words, initials = set(), set()
        for alias in (entity.name, *entity.aliases):
            parts = split_name(alias)
            for n, part in enumerate(parts):
                words |= {key(part), word_lemma(kb.morph, part)}
                if n < len(parts) - 1:
                    initials.add(key(part)[:1])
        found = kb.by_name[entity.id] = NameWords(frozenset(words), frozenset(initials))
    return found


def split_name(name: str) -> list[str]:
    """The words of a name; "В.В." is two initials."""
    return [w.rstrip(".") for w in _WORD.findall(name.replace(".", ". "))]


def fits(kb: KB, entity: Entity, names: Iterable[str]) -> bool:
    """Every name can be this person's (always true of other kinds of entity)."""
    if entity.kind != "person":
        return True
    own = name_words(kb, entity)
    return all(_name_fits(kb, entity, own, name) for name in names)


def _name_fits(kb: KB, entity: Entity, own: NameWords, name: str) -> bool:
    parts = split_name(name)
    return all(_word_fits(kb, entity, own, word, n, len(parts)) for n, word in enumerate(parts))


def _word_fits(kb: KB, entity: Entity, own: NameWords, word: str, n: int, size: int) -> bool:
    folded, lexicon = key(word), _lexicon()
    if folded in own.words or folded in lexicon.particles:
        return True  # as the KB writes it (foreign names' genders are pymorphy's guesses)
    if n == 0 and size > 1 and word_lemma(kb.morph, word) in kb.honorifics:
        return True  # a title, no word of the name ("Госпожа Клинтон"; its gender: titles)
    if entity.gender and form_gender(kb, word) not in (None, entity.gender):
        return False  # "Лавровой" is a woman
    if word_lemma(kb.morph, word) in own.words:
        return True
    if _INITIAL.match(word):
        return n < size - 1 and folded in own.initials
    if 0 < n < size - 1 and folded.endswith(lexicon.patronymics.get(entity.gender or "", ())):
        return True
    return not _known_name(kb, word) and any(_case_form(folded, w) for w in own.words)


def _case_form(word: str, alias: str) -> bool:
    """A case form pymorphy cannot lemmatise: the alias word's stem plus at most three
    letters ("Карзаем" of "Карзай", "Ёля" of the Korean syllable "Ёль"); only for words
    pymorphy does not know as a name ("Джон" is not a form of "Джо"; "Ином", to pymorphy
    a form of "иной", may be one of "Ин")."""
    stem = alias[:-1] if len(alias) > 3 or alias.endswith(("ь", "й")) else alias
    return word.startswith(stem) and 0 < len(word) - len(stem) <= 3


def _known_name(kb: KB, word: str) -> bool:
    """pymorphy knows ``word`` as a given name, surname or patronymic."""
    from pymorphy2 import MorphAnalyzer

    return _known(kb, word) and any(
        {"Name", "Surn", "Patr"} & p.tag.grammemes
        for p in MorphAnalyzer.parse(kb.morph, word.lower()) if p.is_known)


def _known(kb: KB, word: str) -> bool:
    from pymorphy2 import MorphAnalyzer

    return bool(MorphAnalyzer.word_is_known(kb.morph, word.lower()))


def form_gender(kb: KB, word: str) -> str | None:
    """m or f when every singular reading of a known word as a name is of that gender
    ("Лавровой" f, "Лавров" m, "Лаврова" either), else None."""
    from pymorphy2 import MorphAnalyzer

    if len(word) < 2 or not _known(kb, word):
        return None
    genders = {GENDERS.get(p.tag.gender) for p in MorphAnalyzer.parse(kb.morph, word)
               if {"Name", "Surn", "Patr"} & p.tag.grammemes and "sing" in p.tag}
    return genders.pop() if len(genders) == 1 else None


def name_gender(kb: KB, names: Iterable[str]) -> str | None:
    """The gender the forms of ``names`` agree on, None when they do not say or disagree."""
    found = {g for name in names for w in split_name(name) if (g := form_gender(kb, w))}
    return found.pop() if len(found) == 1 else None


def claimed_by_namesake(kb: KB, entity: Entity, names: Sequence[str],
                        full_names: Sequence[str]) -> bool:
    """A cluster of bare surnames ("Лаврова") whose surname the document gives by full name
    only to people who are not ``entity`` ("Ирина Лаврова")."""
    if entity.kind != "person" or any(len(split_name(n)) > 1 for n in names):
        return False
    surnames = {k for n in names for w in split_name(n)
                for k in (key(w), word_lemma(kb.morph, w))}
    gender = name_gender(kb, names)
    namesakes = [n for n in full_names if _surname_in(kb, n, surnames)
                 and (gender is None or name_gender(kb, [n]) in (None, gender))]
    return bool(namesakes) and not any(fits(kb, entity, [n]) for n in namesakes)


def _surname_in(kb: KB, name: str, surnames: set[str]) -> bool:
    last = split_name(name)[-1:]
    return bool(last) and bool({key(last[0]), word_lemma(kb.morph, last[0])} & surnames)


def relatives() -> frozenset[str]:
    """Lemmas of words for descendants: "сын Гейдар" is a child's given name, not Heydar
    Aliyev's."""
    return _lexicon().relatives


def maybe_surname(kb: KB, word: str) -> bool:
    """pymorphy reads ``word`` as a surname ("Назарбаева"; "Гейдар", "Саиду" it does not)."""
    from pymorphy2 import MorphAnalyzer

    return any("Surn" in p.tag for p in MorphAnalyzer.parse(kb.morph, word))
