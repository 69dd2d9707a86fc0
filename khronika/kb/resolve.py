"""Choosing the entity a cluster of mentions refers to."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from datetime import date

from ..records import PER, Mention
from .base import KB
from .codes import active_roles, taking_office
from .keys import key
from .model import Entity
from .namesakes import claimed_by_namesake, fits
from .titles import Titled, gender_fits, given_name_only, titled_people

LOCAL = "local"
PLACES = ("country", "city", "loc")
SURNAME_YEARS = 5  # a bare surname names a KB person only within this many years of a post
SALIENT_PRIORITY = 3  # heads of state and government and foreign ministers (roles.yaml)
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")


@dataclass(slots=True)
class Context:
    when: date | None
    countries: set[str] = field(default_factory=set)  # codes of countries the text names
    full_names: list[str] = field(default_factory=list)  # people's names of 2+ words in it


def local_id(type: str, name: str) -> str:
    """A stable id for an entity the KB does not know: the same name, the same id."""
    return f"{LOCAL}:{type.lower()}:{key(name).replace(' ', '-')}"


def choose(kb: KB, cluster: list[Mention], context: Context, descriptor,
           extra: Sequence[str] = (), titles: Sequence[Titled] = (),
           places: bool = True) -> Entity | None:
    """The KB entity the mentions of one cluster name, or None; ``descriptor`` is a role
    phrase said of them ("президент Азербайджана"), ``extra`` more forms of their names,
    ``titles`` the titles said with them ("патриарх Кирилл", ``titles``); ``places``
    False: they name no place (a club, a band or a paper in quotes, «Барселона»)."""
    mention = max(cluster, key=lambda m: len(m.normal))
    names = [n for m in cluster for n in (m.normal, m.lemma, m.text)]
    names = list(dict.fromkeys(n for n in [*names, *extra] if n))
    found = [e for e in kb.candidates(*names) if places or e.kind not in PLACES]
    candidates = [e for e in found if _compatible(mention.type, e)] or _exact_other_type(
        found, mention)
    if mention.type == PER:
        titled = {e.id for t in titles for e in titled_people(kb, t)}
        candidates += _by_initials(kb, mention.normal) + [kb.entities[i] for i in titled]
        candidates = _people(kb, candidates, cluster, context, descriptor, titles, titled) or (
            _people(kb, [e for m in cluster for e in kb.people_by_stem(m.text)], cluster,
                    context, descriptor, titles))
    if not candidates:
        return None
    return max(candidates, key=lambda e: _score(kb, e, mention, context, descriptor))


def _people(kb: KB, candidates: list[Entity], cluster: list[Mention], context: Context,
            descriptor, titles: Sequence[Titled] = (), titled: Set[str] = frozenset()
            ) -> list[Entity]:
    """The candidates every name of the cluster fits ("Ирина Лаврова" is not Sergey
    Lavrov) and every gendered title ("госпожа Обама"), that no namesake in the document
    claims, at a plausible time (or that the role phrase said of them fits: "Иванов,
    бывший министр обороны"; or named with their title, "патриарх Кирилл", near the
    time of a post)."""
    mention = max(cluster, key=lambda m: len(m.normal))
    names = list(dict.fromkeys(n for m in cluster for n in (m.normal, m.lemma, m.text) if n))
    unique = list({e.id: e for e in candidates}.values())
    if given_name_only(kb, titles, names):
        unique = [e for e in unique if e.id in titled]
    return [e for e in unique if fits(kb, e, names) and gender_fits(kb, e, list(titles))
            and not claimed_by_namesake(kb, e, names, context.full_names)
            and (_plausible(kb, e, mention, context)
                 or _describes(descriptor, e, context.when)
                 or (e.id in titled and _near_a_post(e, context)))]


def _exact_other_type(found: list[Entity], mention: Mention) -> list[Entity]:
    """NER got the type wrong ("Байдена" as LOC): the one entity named exactly so."""
    exact = [e for e in found if key(mention.normal) in {key(n) for n in (e.name, *e.aliases)}]
    return exact if len(exact) == 1 else []


def _compatible(type: str, entity: Entity) -> bool:
    return (type == PER) == (entity.type == PER)


def _by_initials(kb: KB, name: str) -> list[Entity]:
    """"В. Путин", "В.В. Путин": people with that surname and first initial."""
    parts = name.replace(".", ". ").split()
    if len(parts) < 2 or not all(_INITIAL.match(p) for p in parts[:-1]):
        return []
    initial = key(parts[0])[0]
    return [e for e in kb.candidates(parts[-1])
            if e.kind == "person" and key(e.name)[0] == initial]


def _plausible(kb: KB, entity: Entity, mention: Mention, context: Context) -> bool:
    return len(mention.normal.split()) > 1 or plausible_surname(kb, entity, context)


def _near_a_post(entity: Entity, context: Context) -> bool:
    """Within SURNAME_YEARS of one of the person's posts (undated: always): "король Карл"
    in 1990 is not Charles III."""
    return not entity.roles or context.when is None or min(
        r.distance(context.when) for r in entity.roles) <= SURNAME_YEARS * 365


def plausible_surname(kb: KB, entity: Entity, context: Context) -> bool:
    """A bare surname names a KB person only near the time of one of their posts, and, unless
    they then led a state or its diplomacy ("Эрдоган", "Лавров"; in an undated text: ever;
    or were elected to lead it, "Байден" in December 2020),
    in a text that names the country they served ("Фёдоров" is a common surname)."""
    if not entity.roles:
        return True
    if context.when is not None and min(
            r.distance(context.when) for r in entity.roles) > SURNAME_YEARS * 365:
        return False
    held = active_roles(kb, entity, context.when) if context.when else entity.roles
    coming = taking_office(kb, entity, context.when) if context.when else None
    salient = coming is not None or any(
        kb.role_types[r.role].priority <= SALIENT_PRIORITY for r in held)
    return salient or bool({r.country for r in entity.roles} & context.countries)


def _score(kb: KB, entity: Entity, mention: Mention, context: Context, descriptor) -> tuple:
    exact = key(mention.normal) in {key(n) for n in (entity.name, *entity.aliases)}
    return (
        _describes(descriptor, entity, context.when),
        bool(active_roles(kb, entity, context.when)) if entity.roles else False,
        entity.type == mention.type,
        exact,
        bool(({r.country for r in entity.roles} | {entity.country}) & context.countries),
        entity.kind == "country",
        -min((r.distance(context.when) for r in entity.roles), default=0)
        if context.when else 0,
    )


def _describes(descriptor, entity: Entity, when: date | None) -> bool:
    """The role phrase before the name fits this person ("президент Азербайджана")."""
    if descriptor is None:
        return False
    country = descriptor.country.code if descriptor.country else None
    target = descriptor.phrase.target
    return any(
        (descriptor.kind == "counterpart" or r.role == target
         or (descriptor.kind == "title" and r.title and key(r.title) == target))
        and (country is None or r.country == country)
        and (when is None or descriptor.when != "now" or r.holds_on(when))
        for r in entity.roles
    )
