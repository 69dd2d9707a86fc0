"""The CAMEO-style actor code of an entity on a date.

A person is coded by the post held that day (the highest-priority one when several:
head of state before head of government before ministers); out of office, as an elite of
the country last served (RUSELI); before any known post, by no code. Everything else has a
fixed code: a country its CAMEO code, an institution its country and sector (RUSGOV).
"""

from __future__ import annotations

from datetime import date

from .base import KB
from .model import Entity, Role


def active_roles(kb: KB, entity: Entity, when: date | None) -> list[Role]:
    """Posts held on ``when`` (or now, when the date is unknown), by priority."""
    if when is None:
        held = [r for r in entity.roles if r.end is None]
    else:
        held = [r for r in entity.roles if r.holds_on(when)]
    return sorted(held, key=lambda r: kb.role_types[r.role].priority)


def code_on(kb: KB, entity: Entity, when: date | None) -> str | None:
    if entity.kind != "person":
        return entity.code
    held = active_roles(kb, entity, when)
    if held:
        return held[0].code
    past = [(r.end, r) for r in entity.roles if r.end and (when is None or r.end < when)]
    if past:
        _, last = max(past, key=lambda p: p[0])
        return f"{last.country}ELI" if last.country else last.code
    return entity.code
