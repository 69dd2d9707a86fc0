"""The CAMEO codebook with its PLOVER type, mode and context, Goldstein score and QuadClass
(``data/cameo.tsv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


class OntologyError(ValueError):
    """A broken CAMEO table or an unknown code."""


@dataclass(frozen=True, slots=True)
class Cameo:
    code: str
    name: str
    goldstein: float
    quad: int
    plover: str
    mode: str
    context: str

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def family(self) -> str:
        """What reports of one real event share: the PLOVER type, or the CAMEO root for
        codes PLOVER leaves out (statements)."""
        return self.plover or f"CAMEO{self.root}"


def table() -> dict[str, Cameo]:
    """The CAMEO table (``events/data/cameo.tsv``, through the data loader)."""
    from ..resources import shipped

    return shipped("cameo")


def parse_table(path: Path) -> dict[str, Cameo]:
    rows: dict[str, Cameo] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f, delimiter="\t"), start=2):
            try:
                code = row["code"].strip()
                rows[code] = Cameo(code, row["name"].strip(), float(row["goldstein"]),
                                   int(row["quad"]), (row["plover"] or "").strip(),
                                   (row["mode"] or "").strip(), (row["context"] or "").strip())
            except (KeyError, TypeError, ValueError) as error:
                raise OntologyError(f"{path}:{n}: bad row ({error})") from error
    return rows


def cameo(code: str) -> Cameo:
    """The row of ``code``; a code the table lacks falls back to its parent's values."""
    rows = table()
    if code in rows:
        return rows[code]
    for parent in (code[:3], code[:2]):
        if parent in rows:
            found = rows[parent]
            return Cameo(code, found.name, found.goldstein, found.quad, found.plover,
                         found.mode, found.context)
    raise OntologyError(f"unknown CAMEO code {code!r}")
