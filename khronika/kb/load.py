"""Build the KB from its data files (``kb/data``), plus the user's extra KB files.

Countries take ISO codes and official names from pycountry and their en/ar labels from CLDR
(babel) unless ``countries.yaml`` overrides them; everything else is read as written.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .base import KB, InstitutionType, RoleType
from .keys import key, word_lemma
from .model import Entity, Role, parse_when
from .standards import cldr_labels, iso_aliases

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
ENV = "KHRONIKA_KB"  # extra KB files or folders, separated by os.pathsep
HOME_ENV = "KHRONIKA_HOME"  # default ~/.khronika; its kb/ folder holds imported KB files


def user_kb_dir() -> Path:
    """Where `kb import-wikidata` writes by default and the loader always looks."""
    return Path(os.environ.get(HOME_ENV) or Path.home() / ".khronika") / "kb"


class KBDataError(ValueError):
    """A KB data file is malformed: the message names the file, the record and the field."""


def load_kb(morph=None, extra: Sequence[str | Path] = ()) -> KB:
    """The packaged KB, plus ``extra`` files or folders and those named by $KHRONIKA_KB."""
    if morph is None:
        from natasha import MorphVocab

        morph = MorphVocab()
    kb = KB(morph=morph)
    _load_roles(kb, _yaml(DATA / "roles.yaml"))
    people = sorted(_shipped(DATA / "people").glob("*.yaml"))
    steps = [(DATA / f"{name}.yaml", add) for name, add in READERS] + [
        (path, _add_person) for path in people]
    for path, add in steps:
        for record in _yaml(path):
            try:
                add(kb, record)
            except (KBDataError, KeyError, TypeError, ValueError) as error:
                raise KBDataError(
                    f"{path}: bad record {str(record)[:80]}: {error}; fix the record "
                    f"(the format is in docs/kb.md)") from error
    for path in _extra_files(extra):
        _load_extra(kb, path)
    return kb


def _shipped(path: Path) -> Path:
    """A KB data file or folder; MissingDataFile when one khronika ships is absent."""
    from ..resources import data_path  # resources imports this module: import at call time

    return data_path(path.name, path.parent)


def _yaml(path: Path) -> Any:
    """A data file's YAML (a list of records; roles.yaml: a mapping), [] when empty."""
    with open(_shipped(path), encoding="utf-8") as f:
        data = yaml.safe_load(f)
    return data if data is not None else []


def _entity(record: dict, kind: str, **fields) -> Entity:
    for required in ("id", "name"):
        if not record.get(required):
            raise KBDataError(f"{kind} record {record!r:.80} has no {required!r}")
    return Entity(
        id=record["id"], kind=kind, name=record["name"],
        aliases=[a for a in record.get("aliases") or [] if a],
        labels={k: v for k, v in (record.get("labels") or {}).items() if v},
        qid=record.get("qid"), same_as=list(record.get("same_as") or []),
        part_of=record.get("part_of"),
        coords=tuple(record["coords"]) if record.get("coords") else None, **fields,
    )


def kb_code(kb: KB, ref: str | None) -> str | None:
    """The CAMEO code of the country a record refers to (ISO3, CAMEO or id code)."""
    country = kb.country(ref)
    return country.code if country else ref


def _add_country(kb: KB, record: dict) -> None:
    iso3 = record.get("iso3")
    code = record.get("cameo") or iso3 or record["id"].split(":", 1)[1]
    labels = {**cldr_labels(iso3), **(record.get("labels") or {})}
    entity = _entity({**record, "labels": labels}, "country", code=code, country=code,
                     status=record.get("status"), adjectives=record.get("adjective") or [])
    entity.aliases += [a for a in iso_aliases(iso3) if a not in entity.aliases]
    kb.add(entity)
    for ref in {iso3, code, record["id"].split(":", 1)[1]} - {None}:
        kb.countries[ref] = entity.id
    for adjective in entity.adjectives:
        kb.adjectives[word_lemma(kb.morph, adjective)] = entity.id
    capital = record.get("capital")
    if capital:
        kb.add(_entity(capital, "city", code=code, country=code, capital_of=code,
                       acts_for=capital.get("acts_for")))


def _add_igo(kb: KB, record: dict) -> None:
    kb.add(_entity(record, "igo", code=record.get("cameo")))


def _add_location(kb: KB, record: dict) -> None:
    country = kb_code(kb, record.get("country"))
    kb.add(_entity(record, "loc", code=record.get("code") or country, country=country))


def _load_roles(kb: KB, data: dict) -> None:
    for record in data["roles"]:
        kb.role_types[record["key"]] = RoleType(
            key=record["key"], priority=record["priority"], suffix=record.get("suffix"),
            org=record.get("org"), labels=record.get("labels") or {},
            domestic=bool(record.get("domestic")))
        for phrase in record.get("phrases") or []:
            text, country = (phrase["phrase"], phrase.get("country")) if isinstance(
                phrase, dict) else (phrase, None)
            kb.add_phrase(text, "role", record["key"], country)
    for word in data.get("counterpart_words") or []:
        kb.add_phrase(word, "counterpart", "counterpart")
    kb.honorifics = {word_lemma(kb.morph, w) for w in data.get("honorifics") or []}
    kb.honorific_genders = {word_lemma(kb.morph, w): gender for gender, said in (
        data.get("honorific_genders") or {}).items() for w in said}
    kb.regnal_titles = {word_lemma(kb.morph, w) for w in data.get("regnal_titles") or []}
    kb.given_name_titles = kb.regnal_titles | {
        word_lemma(kb.morph, w) for w in data.get("given_name_titles") or []}
    kb.former = {word_lemma(kb.morph, w) for w in data.get("former_words") or []}
    kb.elect = {word_lemma(kb.morph, w) for w in data.get("elect_words") or []}


def _add_institution_type(kb: KB, record: dict) -> None:
    kind = InstitutionType(key=record["key"], sector=record["sector"], name=record["name"],
                           labels=record.get("labels") or {},
                           domestic=bool(record.get("domestic")))
    kb.institution_types[kind.key] = kind
    for text in dict.fromkeys([record["name"], *(record.get("aliases") or [])]):
        kb.add_phrase(text, "institution", kind.key, record.get("country"))


def _add_institution(kb: KB, record: dict) -> None:
    country = kb_code(kb, record.get("country"))
    code = record.get("code") or (f"{country or ''}{record.get('sector') or ''}" or None)
    kb.add(_entity(record, "org", code=code, country=country))


def _add_person(kb: KB, record: dict) -> None:
    roles = [_role(kb, r, record.get("id")) for r in record.get("roles") or []]
    kb.add(_entity(record, "person", roles=roles, gender=record.get("gender")))
    for role in roles:
        if role.title:  # "пресс-секретарь президента", "наследный принц": phrases too
            kb.add_phrase(role.title, "title", key(role.title))


def _role(kb: KB, record: dict, who: str | None) -> Role:
    role = record.get("role")
    kind = kb.role_types.get(role) if role is not None else None
    if kind is None:
        valid = ", ".join(kb.role_types)
        raise KBDataError(f"{who}: unknown role {record.get('role')!r}; valid roles: {valid}")
    country = kb_code(kb, record.get("country"))
    org = record.get("org") or kind.org
    igo = kb.get(org)
    code = record.get("code") or kind.code_in(country) or (igo.code if igo else None)
    return Role(role=kind.key, code=code, country=country, org=org, title=record.get("title"),
                start=parse_when(record.get("start")), end=parse_when(record.get("end"), end=True))


def _extra_files(extra) -> list[Path]:
    """Imported KB files: the user KB folder's, then ``extra``, then $KHRONIKA_KB's."""
    paths = [Path(p) for p in extra]
    paths += [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p]
    home = user_kb_dir()
    files = sorted(home.glob("*.jsonl")) if home.is_dir() else []
    for path in paths:
        files += sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return files


def _load_extra(kb: KB, path: Path) -> None:
    from .imported import merge_records
    from .wikidata import DumpError, load_records

    try:
        merge_records(kb, load_records(path))
    except (OSError, DumpError) as error:
        raise KBDataError(
            f"cannot read the KB file {path}: {error}; it is named by ${ENV} or lies in "
            f"{user_kb_dir()}: fix it, remove it, or make it again with "
            f"`khronika kb import-wikidata`") from error
    kb.files.append(str(path))


READERS = (
    ("countries", _add_country), ("igos", _add_igo),
    ("institution_types", _add_institution_type), ("institutions", _add_institution),
    ("organisations", _add_institution), ("locations", _add_location), ("places", _add_location),
)
