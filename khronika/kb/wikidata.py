"""Wikidata JSON dump → KB records (``khronika kb import-wikidata DUMP``), streamed.

Reads a dump as Wikidata publishes it (``[``, one entity per line with a trailing comma,
``]``) or JSON Lines (one entity per line), plain, gzip or bzip2 (told by magic bytes). Keeps
countries, intergovernmental organisations, positions and office holders as JSON Lines
records (see docs/kb.md); everything else is counted as ignored. Deprecated statements are
skipped; for one-valued facts (ISO codes, capital, jurisdiction) a preferred statement wins.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import os
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khronika.errors import ReadError

KINDS = ("country", "igo", "position", "person")
COUNTRY_CLASSES = {"Q6256", "Q3624078"}  # country, sovereign state
IGO, HUMAN, POSITION = "Q245065", "Q5", "Q4164871"
ROLE_BY_CLASS = {  # P279 value → roles.yaml key; the KB loader resolves the others
    "Q48352": "head_of_state",  # head of state
    "Q30461": "head_of_state",  # president
    "Q2285706": "head_of_government",  # head of government
    "Q14212": "head_of_government",  # prime minister
}
LABEL_LANGS = ("en", "ar")
MAX_EXAMPLES = 10
PROGRESS_EVERY = 10_000
_QID = re.compile(r"Q[1-9]\d*")
_TIME = re.compile(r"([+-])(\d+)-(\d\d)-(\d\d)T")


class DumpError(ReadError):
    """The file is not a Wikidata JSON dump (missing, binary, truncated, or no entity in it)."""


@dataclass(frozen=True)
class BadLine:
    """A dump line that is not a JSON object with an "id"; line numbers count from 1."""

    line_no: int
    reason: str


@dataclass
class ImportReport:
    """What an import read: records per kind, ignored entities, bad lines (a few examples)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    ignored: int = 0
    bad: int = 0
    lines: int = 0
    bad_examples: list[str] = field(default_factory=list)

    def add_bad(self, reason: str) -> None:
        self.bad += 1
        if len(self.bad_examples) < MAX_EXAMPLES:
            self.bad_examples.append(reason)

    def summary(self) -> str:
        kinds = ", ".join(f"{kind} {n}" for kind, n in self.counts.items())
        return f"{self.lines} lines: {kinds}; ignored {self.ignored}; bad {self.bad}"


# --- reading ---------------------------------------------------------------------------


def _open(path: Path) -> io.BufferedIOBase:
    with open(path, "rb") as probe:
        magic = probe.read(3)
    if magic[:2] == b"\x1f\x8b":
        return gzip.open(path, "rb")
    if magic == b"BZh":
        return bz2.open(path, "rb")
    return open(path, "rb")


def _sniff(path: Path) -> None:
    """Raise DumpError unless the file exists and its (decompressed) start looks like JSON."""
    if not path.is_file():
        raise DumpError(
            f"{path}: expected a Wikidata JSON dump, found no such file; "
            "check the path (download latest-all.json.gz from dumps.wikimedia.org)"
        )
    try:
        with _open(path) as stream:
            head = stream.read(4096)
    except (OSError, EOFError, zlib.error) as error:
        raise DumpError(
            f"{path}: expected a Wikidata JSON dump, found a file that cannot be "
            f"decompressed ({error}); download the dump again"
        ) from None
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if b"\x00" in head or "\ufffd" in text[:-4] or not text.startswith(("[", "{")):
        found = repr(head[:40]) if head.strip() else "an empty file"
        raise DumpError(
            f"{path}: expected a Wikidata JSON dump ('[' or one JSON entity per "
            f"line), found {found}; pass latest-all.json(.gz|.bz2) or JSON Lines"
        )


def iter_dump(path: str | Path) -> Iterator[dict | BadLine]:
    """Entities one by one, or a BadLine for a line that is not one; reads as it goes."""
    path = Path(path)
    _sniff(path)
    with _open(path) as stream:
        line_no = 0
        try:
            for line_no, raw in enumerate(stream, start=1):
                line = raw.strip().rstrip(b",")
                if line and line not in (b"[", b"]"):
                    yield _parse(line, line_no)
        except (OSError, EOFError, zlib.error) as error:
            raise DumpError(
                f"{path}: expected a complete dump, found it cut or corrupt after "
                f"line {line_no} ({error}); download the dump again"
            ) from None


def _parse(line: bytes, line_no: int) -> dict | BadLine:
    try:
        entity = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return BadLine(line_no, f"line {line_no}: not UTF-8")
    except json.JSONDecodeError as error:
        return BadLine(line_no, f"line {line_no}: invalid JSON ({error.msg}, col {error.colno})")
    except RecursionError:
        return BadLine(line_no, f"line {line_no}: JSON nested too deep")
    if not isinstance(entity, dict) or "id" not in entity:
        found = "an object without an id" if isinstance(entity, dict) else type(entity).__name__
        return BadLine(line_no, f"line {line_no}: expected an entity object, found {found}")
    return entity


# --- extracting ------------------------------------------------------------------------


def entity_problem(entity: dict) -> str | None:
    """Why an entity is malformed (counted as bad), or None. Empty maps may come as []."""
    qid = entity.get("id")
    if not isinstance(qid, str) or not qid:
        return f"entity id {qid!r}: expected a string such as 'Q399'"
    for key in ("labels", "aliases", "claims"):
        value = entity.get(key, {})
        if not isinstance(value, dict) and value != []:
            return f"{qid}: expected {key!r} to be an object, found {type(value).__name__}"
    return None


def extract(entity: dict) -> dict | None:
    """One KB record for an entity, or None (ignored or malformed). Never raises."""
    if not isinstance(entity, dict) or entity_problem(entity) is not None:
        return None
    qid = entity["id"]
    if entity.get("type", "item") != "item" or not _QID.fullmatch(qid):
        return None
    classes = _items(entity, "P31")
    if COUNTRY_CLASSES.intersection(classes):
        return _country(entity, qid)
    if IGO in classes:
        return _record(entity, "igo", f"wd:{qid}", qid)
    if HUMAN in classes:
        return _person(entity, qid)
    return _position(entity, qid, classes)


def _record(entity: dict, kind: str, id_: str, qid: str) -> dict:
    labels = {lang: v for lang in LABEL_LANGS if (v := _label(entity, lang))}
    name = _label(entity, "ru")
    aliases = [a for a in dict.fromkeys(_aliases(entity, "ru")) if a != name]
    return {"kind": kind, "id": id_, "qid": qid, "name": name, "aliases": aliases, "labels": labels}


def _country(entity: dict, qid: str) -> dict:
    iso3 = _best(entity, "P298", lambda snak: _code(_value(snak, "string"), 3))
    iso2 = _best(entity, "P297", lambda snak: _code(_value(snak, "string"), 2))
    record = _record(entity, "country", f"country:{iso3}" if iso3 else f"wd:{qid}", qid)
    record.update(iso3=iso3, iso2=iso2, capital_qid=_best(entity, "P36", _item))
    return record


def _position(entity: dict, qid: str, classes: list[str]) -> dict | None:
    where = _best(entity, "P1001", _item) or _best(entity, "P17", _item)
    parents = _items(entity, "P279")
    if not where or (POSITION not in classes and not parents):
        return None
    record = _record(entity, "position", f"wd:{qid}", qid)
    role = next((ROLE_BY_CLASS[p] for p in parents if p in ROLE_BY_CLASS), None)
    record.update(jurisdiction_qid=where, subclass_of=parents, role=role)
    return record


def _person(entity: dict, qid: str) -> dict | None:
    roles = [
        {
            "position_qid": position,
            "start": _qualifier_date(s, "P580"),
            "end": _qualifier_date(s, "P582"),
        }
        for s in _statements(entity, "P39")
        if (position := _item(s.get("mainsnak")))
    ]
    if not roles:
        return None
    record = _record(entity, "person", f"wd:{qid}", qid)
    record["name"] = record["name"] or record["labels"].get("en")
    record["roles"] = roles
    return record


def _label(entity: dict, lang: str) -> str | None:
    labels = entity.get("labels")
    label = labels.get(lang) if isinstance(labels, dict) else None
    value = label.get("value") if isinstance(label, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _aliases(entity: dict, lang: str) -> Iterator[str]:
    aliases = entity.get("aliases")
    found = aliases.get(lang) if isinstance(aliases, dict) else None
    for alias in found if isinstance(found, list) else ():
        value = alias.get("value") if isinstance(alias, dict) else None
        if isinstance(value, str) and value.strip():
            yield value.strip()


def _statements(entity: dict, prop: str) -> list[dict]:
    claims = entity.get("claims")
    found = claims.get(prop) if isinstance(claims, dict) else None
    if not isinstance(found, list):
        return []
    return [s for s in found if isinstance(s, dict) and s.get("rank") != "deprecated"]


def _best(entity: dict, prop: str, read: Callable[[Any], Any]) -> Any:
    """The value of a preferred statement, else of the first normal one with a value."""
    ranked = sorted(_statements(entity, prop), key=lambda s: s.get("rank") != "preferred")
    return next((v for s in ranked if (v := read(s.get("mainsnak"))) is not None), None)


def _items(entity: dict, prop: str) -> list[str]:
    found = (_item(s.get("mainsnak")) for s in _statements(entity, prop))
    return list(dict.fromkeys(q for q in found if q))


def _value(snak: Any, kind: str) -> Any:
    """A snak's datavalue of that type; None for novalue/somevalue snaks and odd shapes."""
    if not isinstance(snak, dict) or snak.get("snaktype", "value") != "value":
        return None
    datavalue = snak.get("datavalue")
    if not isinstance(datavalue, dict) or datavalue.get("type") != kind:
        return None
    return datavalue.get("value")


def _item(snak: Any) -> str | None:
    value = _value(snak, "wikibase-entityid")
    if not isinstance(value, dict) or value.get("entity-type", "item") != "item":
        return None
    qid, number = value.get("id"), value.get("numeric-id")
    if isinstance(qid, str) and _QID.fullmatch(qid):
        return qid
    return f"Q{number}" if type(number) is int and number > 0 else None


def _code(value: Any, size: int) -> str | None:
    code = value.strip().upper() if isinstance(value, str) else ""
    return code if len(code) == size and code.isascii() and code.isalpha() else None


def _qualifier_date(statement: dict, prop: str) -> str | None:
    qualifiers = statement.get("qualifiers")
    snaks = qualifiers.get(prop) if isinstance(qualifiers, dict) else None
    dates = (_date(s) for s in (snaks if isinstance(snaks, list) else ()))
    return next((d for d in dates if d), None)


def _date(snak: Any) -> str | None:
    """A time snak as YYYY-MM-DD, YYYY-MM or YYYY (precision 11, 10, 9); else None."""
    value = _value(snak, "time")
    value = value if isinstance(value, dict) else {}
    match = _TIME.match(str(value.get("time", "")))
    precision = value.get("precision")
    if not match or match[1] == "-" or type(precision) is not int or precision < 9:
        return None
    year, month, day = int(match[2]), int(match[3]), int(match[4])
    if not 0 < year < 10_000:
        return None
    parts = [f"{year:04d}"]
    if precision >= 10 and 1 <= month <= 12:
        parts.append(f"{month:02d}")
        if precision >= 11 and 1 <= day <= 31:
            parts.append(f"{day:02d}")
    return "-".join(parts)


# --- writing and reading back ----------------------------------------------------------


def import_dump(
    path: str | Path, out: str | Path, *, progress: Callable[[ImportReport], None] | None = None
) -> ImportReport:
    """Stream a dump's records to ``out`` (JSON Lines), atomically; return the counts."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    report = ImportReport()
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as sink:
            for entity in iter_dump(path):
                record = _step(entity, report)
                if record is not None:
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                if progress and report.lines % PROGRESS_EVERY == 0:
                    progress(report)
            _check_found(path, report)
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress:
        progress(report)
    return report


def _step(entity: dict | BadLine, report: ImportReport) -> dict | None:
    report.lines += 1
    problem = entity.reason if isinstance(entity, BadLine) else entity_problem(entity)
    if problem:
        report.add_bad(problem)
        return None
    assert not isinstance(entity, BadLine)  # a BadLine always has a reason: counted above
    record = extract(entity)
    if record is None:
        report.ignored += 1
    else:
        report.counts[record["kind"]] += 1
    return record


def _check_found(path: str | Path, report: ImportReport) -> None:
    if report.lines == report.bad:
        found = f"only {report.bad} bad lines" if report.bad else "no entities"
        examples = "; ".join(report.bad_examples[:3])
        raise DumpError(
            f"{path}: expected Wikidata entities, one JSON object per line, found "
            f"{found}{' (' + examples + ')' if examples else ''}; "
            "pass latest-all.json(.gz|.bz2) or JSON Lines of entities"
        )


def load_records(path: str | Path) -> Iterator[dict]:
    """The records an import wrote, one by one; DumpError on a line that is not one."""
    with open(path, encoding="utf-8") as lines:
        for line_no, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                record = error.msg
            if not isinstance(record, dict) or record.get("kind") not in KINDS:
                found = str(record)[:60]
                raise DumpError(
                    f"{path}, line {line_no}: expected a KB record from "
                    f"import-wikidata, found {found!r}; run the import again"
                )
            yield record
