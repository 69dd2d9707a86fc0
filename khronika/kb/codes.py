"""The CAMEO-style actor code of an entity on a date.

A person is coded by the post held that day (the highest-priority one when several:
head of state before head of government before ministers); between an election and taking
office as head of state or government, as an elite of that country flagged ``elect``
(USAELI: CAMEO has no code for a president-elect); out of office, as an elite of the
country last served (RUSELI); before any known post, by no code. With no date, no post can
be said to be held: a person is coded by the country (or IGO) of their latest post alone,
flagged ``undated``. Everything else has a fixed code: a country its CAMEO code, an
institution its country and sector (RUSGOV).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .base import KB
from .model import Entity, Role

ELECT_GAP_DAYS = 80  # from an election to taking office (the US: early November to 20 January)
ELECTED_PRIORITY = 2  # heads of state and government (roles.yaml priorities)
ELECT, UNDATED = "elect", "undated"


@dataclass(frozen=True, slots=True)
class DatedCode:
    code: str | None
    flags: tuple[str, ...] = ()  # "elect", "undated"


def active_roles(kb: KB, entity: Entity, when: date | None) -> list[Role]:
    """Posts held on ``when`` (or now, when the date is unknown: a ranking hint, never a
    code), by priority."""
    if when is None:
        held = [r for r in entity.roles if r.end is None]
    else:
        held = [r for r in entity.roles if r.holds_on(when)]
    return sorted(held, key=lambda r: kb.role_types[r.role].priority)


def code_on(kb: KB, entity: Entity, when: date | None) -> str | None:
    return dated_code(kb, entity, when).code


def dated_code(kb: KB, entity: Entity, when: date | None) -> DatedCode:
    """The code of ``entity`` on ``when`` and what qualifies it."""
    if entity.kind != "person" or not entity.roles:
        return DatedCode(entity.code)
    if when is None:
        latest = max(entity.roles, key=lambda r: (r.end is None, r.end or date.min))
        return DatedCode(latest.country or _org_code(kb, latest) or entity.code, (UNDATED,))
    held = active_roles(kb, entity, when)
    if held:
        return DatedCode(held[0].code)
    coming = taking_office(kb, entity, when)
    if coming is not None and coming.country:
        return DatedCode(f"{coming.country}ELI", (ELECT,))
    past = [r for r in entity.roles if r.end and r.end < when]
    if past:
        last = max(past, key=lambda r: r.end or date.min)
        return DatedCode(f"{last.country}ELI" if last.country else last.code)
    return DatedCode(entity.code)


def taking_office(kb: KB, entity: Entity, when: date) -> Role | None:
    """A head-of-state or government post this person takes up within the gap after an
    election."""
    coming = [r for r in entity.roles if r.start and 0 < (r.start - when).days <= ELECT_GAP_DAYS
              and kb.role_types[r.role].priority <= ELECTED_PRIORITY]
    return min(coming, key=lambda r: r.start or date.max) if coming else None


def _org_code(kb: KB, role: Role) -> str | None:
    org = kb.get(role.org)
    return org.code if org is not None else role.code
