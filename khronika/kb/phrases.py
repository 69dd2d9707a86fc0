"""Role and institution phrases in text, with the country they name.

"президент России", "российский президент", "глава МИД Армении", "глава российского МИД",
"российские миротворцы", "с азербайджанским коллегой": a phrase from ``roles.yaml`` or
``institution_types.yaml`` matched by lemma, and its country from an adjective before or
inside it, or a country name right after it. Works on any lemmatised word sequence, so
``kb lookup`` uses it on a query as the linker does on a document.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import KB, Phrase
from .keys import key
from .model import Entity


@dataclass(slots=True)
class Word:
    text: str
    lemma: str
    start: int
    stop: int
    plural: bool = False
    noun: bool = False


@dataclass(slots=True)
class Match:
    first: int  # word indexes, stop exclusive: the phrase and the country named after it
    stop: int
    phrase: Phrase
    country: Entity | None
    when: str = "now"  # now | former | elect
    plural: bool = False  # "президенты России и Азербайджана": several people

    @property
    def kind(self) -> str:
        return self.phrase.kind


def find_phrases(kb: KB, words: list[Word]) -> list[Match]:
    """Non-overlapping phrase matches, longest first at each position."""
    matches, i = [], 0
    while i < len(words):
        match = _match_at(kb, words, i)
        if match is None:
            i += 1
            continue
        matches.append(match)
        i = match.stop
    return matches


def _match_at(kb: KB, words: list[Word], i: int) -> Match | None:
    best = None
    for phrase in kb.phrases.get(_bare(words[i].lemma), ()):
        found = _match_phrase(kb, words, i, phrase)
        if found and (best is None or found[0] > best[0]):
            best = (*found, phrase)
    if best is None:
        return None
    stop, country, phrase = best
    head = next((w for w in words[i:stop] if w.noun), words[i])  # "министр иностранных дел"
    plural = head.plural
    first = i
    if country is None and (country := _adjective_before(kb, words, i)) is not None:
        first = i - 1
    if country is None:
        country, size = _country_after(kb, words, stop)
        stop += size
    country = country or kb.country(phrase.country)
    when = _when(kb, words, i, first)
    if when != "now" and not words[i].lemma.startswith("экс-"):
        first -= 1  # "бывший президент Армении" spans its modifier
    return Match(first, stop, phrase, country, when, plural)


def _bare(lemma: str) -> str:
    return lemma.removeprefix("экс-")


def _match_phrase(kb: KB, words: list[Word], i: int, phrase: Phrase):
    """(stop, country adjective inside) when ``phrase`` matches at ``i``, skipping a country
    adjective inside it ("глава российского МИД")."""
    j, country = i, None
    for n, lemma in enumerate(phrase.lemmas):
        while j < len(words) and n and words[j].lemma != lemma:
            inside = kb.country_of_adjective(words[j].text)
            if inside is None or country is not None:
                return None
            country, j = inside, j + 1
        if j >= len(words) or (_bare(words[j].lemma) if n == 0 else words[j].lemma) != lemma:
            return None
        j += 1
    return j, country


def _adjective_before(kb: KB, words: list[Word], i: int) -> Entity | None:
    return kb.country_of_adjective(words[i - 1].text) if i > 0 else None


def _country_after(kb: KB, words: list[Word], stop: int) -> tuple[Entity | None, int]:
    """A country named right after the phrase, in one to four words ("России",
    "Азербайджанской Республики", "Соединённых Штатов Америки"), and its size."""
    for size in (4, 3, 2, 1):
        if stop + size > len(words) or not all(
                any(ch.isalnum() for ch in w.text) for w in words[stop : stop + size]):
            continue
        text = " ".join(w.text for w in words[stop : stop + size])
        lemmas = " ".join(w.lemma for w in words[stop : stop + size])
        for entity in kb.candidates(text, lemmas):
            if entity.kind == "country":
                return entity, size
    return None, 0


def _when(kb: KB, words: list[Word], i: int, first: int) -> str:
    """"бывший/экс-/покойный президент" → former, "избранный президент" → elect, else now
    (words in roles.yaml)."""
    before = key(words[first - 1].lemma) if first > 0 else ""
    if words[i].lemma.startswith("экс-") or before in kb.former:
        return "former"
    return "elect" if before in kb.elect else "now"
