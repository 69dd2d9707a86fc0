"""Merge KB records imported from Wikidata (``kb import-wikidata``) into the KB.

An imported record the KB already has (same QID; same ISO code for a country; else the
same name, when exactly one KB entity of that kind bears it) adds its labels, aliases and
QID to that entity; the KB's own names and roles win. Others become new entities
with ``wd:QID`` ids. A position held (P39) becomes a role when the position's jurisdiction
is a country the KB knows; its kind (head of state, of government…) comes from the
position record, else it is kept as ``other`` with the position's name as title.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from .base import KB
from .keys import key
from .model import Entity, Role, parse_when

log = logging.getLogger(__name__)


def merge_records(kb: KB, records: Iterable[dict]) -> None:
    by_qid = {q: e for e in kb.entities.values() for q in (*e.same_as, e.qid) if q}
    people, positions = [], {}
    for record in records:
        kind = record.get("kind")
        if kind == "position":
            positions[record.get("qid")] = record
        elif kind == "person":
            people.append(record)
        elif kind in ("country", "igo"):
            _merge_entity(kb, by_qid, record, kind)
    country_by_qid = {q: e for e in kb.entities.values() if e.kind == "country"
                      for q in (*e.same_as, e.qid) if q}
    for record in people:
        roles = [r for r in (_role(kb, positions, country_by_qid, x)
                             for x in record.get("roles") or []) if r]
        entity = _merge_entity(kb, by_qid, record, "person")
        if entity.source == "wikidata":
            entity.roles = roles


def _same(kb: KB, record: dict, kind: str) -> Entity | None:
    """The KB's own entity for an imported record: same QID, ISO code, or exact name."""
    if kind == "country":
        return kb.country(record.get("iso3"))
    name = key(record.get("name") or "")
    same = [e for e in kb.candidates(name) if e.kind == kind
            and name in {key(n) for n in (e.name, *e.aliases)}] if name else []
    return same[0] if len(same) == 1 else None


def _merge_entity(kb: KB, by_qid: dict, record: dict, kind: str) -> Entity:
    existing = by_qid.get(record.get("qid")) or _same(kb, record, kind)
    if existing is not None:
        for name in record.get("aliases") or []:
            if name not in existing.aliases:
                existing.aliases.append(name)
                kb.add_alias(existing.id, name)
        for lang, label in (record.get("labels") or {}).items():
            existing.labels.setdefault(lang, label)
        existing.qid = existing.qid or record.get("qid")
        return existing
    name = record.get("name") or (record.get("labels") or {}).get("en") or record.get("qid")
    assert name is not None  # import-wikidata writes every record with its QID
    entity = Entity(
        id=record.get("id") or f"wd:{record.get('qid')}", kind=kind, name=name,
        aliases=list(record.get("aliases") or []), labels=dict(record.get("labels") or {}),
        qid=record.get("qid"), code=record.get("iso3") or ("IGO" if kind == "igo" else None),
        country=record.get("iso3"), source="wikidata",
    )
    if kind == "person" and len(name.split()) > 1:
        entity.aliases.append(name.split()[-1])
    by_qid[entity.qid] = kb.add(entity)
    if kind == "country" and record.get("iso3"):
        kb.countries[record["iso3"]] = entity.id
    return entity


def _role(kb: KB, positions: dict, countries: dict, held: dict) -> Role | None:
    position = positions.get(held.get("position_qid"))
    if position is None:
        return None
    country = countries.get(position.get("jurisdiction_qid"))
    if country is None:
        return None
    kind = kb.role_types.get(position.get("role") or "other") or kb.role_types["other"]
    code = kind.code_in(country.code) or f"{country.code}GOV"
    return Role(
        role=kind.key, code=code, country=country.code,
        title=position.get("name") if kind.key == "other" else None,
        start=parse_when(held.get("start")), end=parse_when(held.get("end"), end=True),
    )
