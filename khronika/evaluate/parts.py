"""khronika's gold sets, by part (``gold/parts.yaml``): which are dev and which held out.

Every evaluation names the part it scored and whether rules were tuned on it; a file that
is not a known part is reported as such ("tuning status unknown").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import MissingDataFile

GOLD = Path(__file__).resolve().parent / "gold"
MANIFEST = GOLD / "parts.yaml"
SPLITS = ("dev", "heldout")


@dataclass(frozen=True, slots=True)
class Part:
    name: str
    task: str
    split: str
    path: Path
    note: str = ""
    second: Path | None = None  # a second annotation of some of its items (agreement)
    # KB files (under kb/data/) added after the part was frozen: its "not in the KB" says
    # nothing of their records (linking parts)
    kb_added_after: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """What a report says of the data it scored."""
        if self.split == "heldout":
            return f"held-out part {self.name} (frozen, written blind, never tuned on)"
        return f"dev part {self.name} (rules were tuned on it)"


def all_parts() -> list[Part]:
    if not MANIFEST.is_file():
        raise MissingDataFile(f"no gold manifest at {MANIFEST}; reinstall khronika")
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return [Part(name, spec["task"], spec["split"], GOLD / spec["file"], spec.get("note", ""),
                 GOLD / spec["second"] if spec.get("second") else None,
                 tuple(spec.get("kb_added_after") or ()))
            for name, spec in data.items()]


def parts(task: str, split: str | None = None) -> list[Part]:
    """The parts of ``task`` (``events``, ``events_real``, ``linking``, ``dates``), of one
    split if given."""
    return [p for p in all_parts() if p.task == task and split in (None, p.split)]


def part_names(task: str) -> list[str]:
    return [p.name for p in parts(task)]


def named(task: str, name: str) -> Part:
    for p in parts(task):
        if p.name == name:
            return p
    raise KeyError(f"no {task} gold part {name!r}; known: {', '.join(part_names(task))}")


def for_path(task: str, path: str | Path) -> Part:
    """The known part stored at ``path``, or an ad-hoc one for a user's own file."""
    resolved = Path(path).resolve()
    for p in parts(task):
        if p.path.resolve() == resolved:
            return p
    return Part(str(path), task, "unknown", Path(path))


# shared corpora (read from ../shared, never shipped): what khronika was tuned on
CORPORA = {
    "factrueval-2016/devset": "factRuEval-2016 devset (dev: khronika's NER fixes and "
                              "meeting rules were written from its errors)",
    "nerel-v1.1/dev": "NEREL v1.1 dev split (held-out for NER: never tuned on)",
    "nerel-v1.1/train": "NEREL v1.1 train split (dev)",
}


def describe_corpus(path: str | Path) -> str:
    """What a report says of a shared corpus folder it scored."""
    text = Path(path).resolve().as_posix()
    for suffix, label in CORPORA.items():
        if text.endswith(suffix):
            return label
    return f"{path} (not a corpus khronika knows: tuning status unknown)"


def heldout_corpus(path: str | Path) -> bool:
    """Whether a shared corpus folder is held out (its errors are never to be read)."""
    return "held-out" in describe_corpus(path)


def describe(part: Part) -> str:
    if part.split == "unknown":
        return f"{part.path} (not one of khronika's gold parts: tuning status unknown)"
    return part.label
