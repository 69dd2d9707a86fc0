"""`khronika bench --wikidata`: the dump importer's memory stays flat as the dump grows.

Writes two synthetic gzip dumps in Wikidata's format (N and 10×N entities: people holding a
position, countries and filler items), imports both in this process, and prints the peak
Python heap (tracemalloc) of each and their ratio: about 1 when memory is flat.
"""

from __future__ import annotations

import gzip
import json
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from ..kb.wikidata import import_dump


@dataclass(slots=True)
class ImportRun:
    entities: int
    seconds: float
    peak_mib: float


def _claim(prop: str, qid: str, qualifiers: dict | None = None) -> dict:
    value = {"entity-type": "item", "id": qid, "numeric-id": int(qid[1:])}
    claim = {"mainsnak": {"snaktype": "value", "property": prop, "datavalue": {
        "value": value, "type": "wikibase-entityid"}}, "type": "statement", "rank": "normal"}
    if qualifiers:
        claim["qualifiers"] = qualifiers
    return claim


def _time(prop: str, year: int) -> dict:
    return {prop: [{"snaktype": "value", "property": prop, "datavalue": {"type": "time", "value": {
        "time": f"+{year}-01-01T00:00:00Z", "precision": 11, "timezone": 0, "before": 0,
        "after": 0, "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}}}]}


def _entity(n: int) -> dict:
    qid = f"Q{9_000_000 + n}"
    labels = {lang: {"language": lang, "value": f"{lang} {n}"} for lang in ("ru", "en", "ar")}
    if n % 3:  # two in three are office holders, the rest filler the importer ignores
        claims = {"P31": [_claim("P31", "Q5")],
                  "P39": [_claim("P39", "Q8000001", {**_time("P580", 2000 + n % 20)})]}
    else:
        claims = {"P31": [_claim("P31", "Q515")]}
    return {"id": qid, "type": "item", "labels": labels, "aliases": {}, "claims": claims}


def write_dump(path: Path, entities: int) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("[\n")
        for n in range(entities):
            f.write(json.dumps(_entity(n)) + ("\n" if n == entities - 1 else ",\n"))
        f.write("]\n")


def measure(entities: int, folder: Path) -> ImportRun:
    dump = folder / f"dump-{entities}.json.gz"
    write_dump(dump, entities)
    tracemalloc.start()
    start = time.perf_counter()
    import_dump(dump, folder / f"kb-{entities}.jsonl")
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return ImportRun(entities, seconds, peak / 2**20)


def bench_import(entities: int = 20_000, factor: int = 10) -> list[ImportRun]:
    with tempfile.TemporaryDirectory() as folder:
        return [measure(entities, Path(folder)), measure(entities * factor, Path(folder))]


def format_import(runs: list[ImportRun]) -> str:
    small, large = runs
    lines = ["wikidata import  entities  seconds  peak heap (MiB)"]
    lines += [f"{'':16} {r.entities:8} {r.seconds:8.1f} {r.peak_mib:16.1f}" for r in runs]
    lines.append(f"peak heap ratio {large.peak_mib / small.peak_mib:.2f}x for "
                 f"{large.entities // small.entities}x the entities (flat memory: about 1x)")
    return "\n".join(lines)
