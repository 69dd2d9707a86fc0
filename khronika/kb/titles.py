"""A name said with its title: "патриарх Кирилл", "король Карл", "госпожа Обама".

NER tags the bare name ("Кирилл"), which names nobody: the KB has no bare first-name
aliases. The title before it (``roles.yaml`` ``honorifics``) joined with the name is looked
up as a name of its own ("патриарх Кирилл" is an alias of Patriarch Kirill); after a
regnal title ("король", "папа"), also the name with a regnal number ("король Карл" → "Карл
III"). A gendered title ("госпожа", "король") rules out the people of the other gender:
"госпожа Клинтон" is Hillary Clinton, "госпожа Обама" not Barack Obama.

The title stands right before the name, in the same case ("патриарха Кирилла", not "папа
Кирилла", Kirill's father), or NER took it into the mention ("Король Карл").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Doc, Mention
from .base import KB
from .model import Entity
from .phrases import Word


@dataclass(frozen=True, slots=True)
class Titled:
    title: str  # the title's lemma: "патриарх"
    names: tuple[str, ...]  # title and name joined: "патриарх Кирилл", "Патриарха Кирилла"
    bare: tuple[str, ...]  # the name alone: "Кирилл", "Кирилла"

    def gender(self, kb: KB) -> str | None:
        return kb.honorific_genders.get(self.title)


def title_of(doc: Doc, kb: KB, words: list[Word], mention: Mention) -> Titled | None:
    """The title said with ``mention``, right before it or as its first word."""
    span = doc.token_range(mention.start, mention.stop)
    if not span:
        return None
    first = span[0]
    if words[first].lemma in kb.honorifics and len(span) > 1:  # "Король Карл" tagged whole
        name = doc.text[words[first + 1].start : mention.stop]
        return Titled(words[first].lemma, (mention.text, mention.normal), (name,))
    before = first - 1
    if before < 0 or words[before].lemma not in kb.honorifics or (
            doc.tokens[before].sentence != doc.tokens[first].sentence
            or doc.text[words[before].stop : mention.start].strip()
            or not _agree(doc, before, first)):
        return None
    title = words[before]
    return Titled(title.lemma, (f"{title.lemma} {mention.normal}",
                                f"{title.text} {mention.text}"),
                  (mention.normal, mention.text))


def _agree(doc: Doc, title: int, name: int) -> bool:
    """Title and name in apposition agree in case ("патриарха Кирилла"); "папа Кирилла" is
    Kirill's father. A case the tagger does not give is no disagreement."""
    cases = {doc.tokens[i].feats.get("Case") for i in (title, name)}
    return len(cases - {None}) < 2


def titled_people(kb: KB, titled: Titled) -> list[Entity]:
    """The people the title and name name together ("патриарх Кирилл"), or with a regnal
    number after a regnal title ("король Карл" → Карл III)."""
    found = [e for e in kb.candidates(*titled.names) if e.kind == "person"]
    if titled.title in kb.regnal_titles:
        found += kb.regnal(*titled.names, *titled.bare)
    return list({e.id: e for e in found}.values())


def given_name_only(kb: KB, titles: Sequence[Titled], names: Sequence[str]) -> bool:
    """One word said after a title before given names ("принц Филипп", "король Карл") is a
    given name: it links only through the title, never as a surname alias (Édouard
    Philippe)."""
    return any(t.title in kb.given_name_titles for t in titles) and all(
        len(n.split()) == 1 for n in names)


def gender_fits(kb: KB, entity: Entity, titles: list[Titled]) -> bool:
    """No gendered title said of the cluster is of the other gender than ``entity``."""
    return entity.gender is None or all(
        t.gender(kb) in (None, entity.gender) for t in titles)
