"""KB records: entities and their date-bounded roles."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date

PER, LOC, ORG = "PER", "LOC", "ORG"

# the NER type of each kind of KB entity
KIND_TYPES = {
    "person": PER, "country": LOC, "city": LOC, "loc": LOC,
    "igo": ORG, "org": ORG, "local": None,
}


def parse_when(value, *, end: bool = False) -> date | None:
    """'2003-10-31', '2003-10' or '2003' (a YAML date too) as a date; a partial date is
    its first day, or its last day when it ends a period."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        year, month = parts
        return date(year, month, monthrange(year, month)[1] if end else 1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


@dataclass(slots=True)
class Role:
    """A post held from ``start`` to ``end`` (None: open) in a country or an IGO."""

    role: str
    # the actor code while in the post (AZEGOV, RUSGOVMIL, IGOUNO); None when neither the
    # record, the post's country nor its IGO gives one
    code: str | None
    start: date | None = None
    end: date | None = None
    country: str | None = None  # CAMEO/ISO code of the country
    org: str | None = None  # KB id of the IGO for international posts
    title: str | None = None  # Russian title for role: other

    def holds_on(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (
            self.end is None or when <= self.end)

    def distance(self, when: date) -> int:
        """Days from ``when`` to this role's period (0 inside it)."""
        if self.holds_on(when):
            return 0
        if self.start and when < self.start:
            return (self.start - when).days
        return (when - self.end).days if self.end else 0


@dataclass(slots=True)
class Entity:
    id: str
    kind: str  # person | country | city | loc | igo | org | local
    name: str  # Russian canonical name
    aliases: list[str] = field(default_factory=list)
    # en, ar (ru is ``name``); None: not known (an institution made from a type without one)
    labels: dict[str, str | None] = field(default_factory=dict)
    qid: str | None = None
    # other Wikidata items news uses for the same thing (a company's service: Facebook Q355
    # beside Meta Q380); never the entity's own id: ``qid`` is
    same_as: list[str] = field(default_factory=list)
    code: str | None = None  # the actor code outside any dated role (AZE, IGOUNO, RUSMED)
    country: str | None = None  # CAMEO code of the country it belongs to
    roles: list[Role] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    capital_of: str | None = None  # CAMEO code of the country whose capital this city is
    acts_for: str | None = None  # who a capital acting stands for, when not its government
    coords: tuple[float, float] | None = None
    part_of: str | None = None
    status: str | None = None  # countries: member | observer | disputed
    gender: str | None = None  # people: m | f
    source: str = "khronika"  # the file that defined it

    @property
    def type(self) -> str | None:
        return KIND_TYPES.get(self.kind)
