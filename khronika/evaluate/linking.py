"""Entity linking measured on a gold set (``khronika eval linking``).

The gold set is JSON Lines: ``{"id", "published", "text", "mentions": [{"text", "nth",
"kb_id", "code"}]}``. Gold mentions are exhaustive (names, role phrases, institutions with
a country); ``kb_id`` null marks an entity the KB does not know.

A gold mention is matched by the system mention overlapping it most. Figures, separately:
- KB-known: recall = gold KB mentions linked to the right id / gold KB mentions;
  precision = right KB links / all the system's links to KB entities;
- unknown: recall = gold null mentions given a local id / gold null mentions;
  precision = those / all the system's local ids;
- codes: right actor codes among right KB links whose gold gives a code.
End to end: a mention NER missed is a miss here too (``found`` says how many were). A gold
"unknown" mention that khronika links to a record of a KB file added after the part was
frozen (the part's ``kb_added_after``) is not scored: the gold could not know it.
Mentions nested in a longer one ("России" in "президент России") are not scored: gold
annotates the outermost. Nor are the mentions of kinds the gold does not annotate: country
adjectives ("российский", ``source = "adjective"``) and organisations named by a
description ("пресс-служба МВД", ``source = "description"``), which hold linked names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..kb.resolve import LOCAL
from ..progress import Progress, silent
from ..records import Mention
from .ner import Counts
from .parts import GOLD, for_path

DEFAULT_GOLD = GOLD / "linking_dev_a.jsonl"  # a dev part (tuned on); all parts: parts.py


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    stop: int
    text: str
    kb_id: str | None
    code: str | None = None


@dataclass(slots=True)
class LinkScores:
    known: Counts = field(default_factory=Counts)
    unknown: Counts = field(default_factory=Counts)
    codes: Counts = field(default_factory=Counts)
    found: int = 0
    gold: int = 0
    errors: list[str] = field(default_factory=list)
    newer: int = 0  # gold "unknown" mentions linked to records newer than the gold


def read_gold(path: str | Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                items.append(json.loads(line))
    return items


def gold_mentions(item: dict) -> list[GoldMention]:
    out = []
    for m in item["mentions"]:
        start = -1
        for _ in range(m.get("nth", 0) + 1):
            start = item["text"].index(m["text"], start + 1)
        out.append(GoldMention(start, start + len(m["text"]), m["text"], m.get("kb_id"),
                               m.get("code")))
    return out


def is_local(kb_id: str | None) -> bool:
    return kb_id is not None and kb_id.startswith(f"{LOCAL}:")


def _best(gold: GoldMention, mentions: list[Mention]) -> Mention | None:
    overlaps = [(min(m.stop, gold.stop) - max(m.start, gold.start), m) for m in mentions]
    overlaps = [(n, m) for n, m in overlaps if n > 0]
    return max(overlaps, key=lambda p: p[0])[1] if overlaps else None


def outermost(mentions: list[Mention]) -> list[Mention]:
    """Mentions not nested in a longer one ("России" inside "президент России")."""
    return [m for m in mentions if not any(
        o is not m and o.start <= m.start and m.stop <= o.stop and o.stop - o.start >
        m.stop - m.start for o in mentions)]


NOT_ANNOTATED = ("adjective", "description")  # mention sources the gold has no kind for


def score_item(item: dict, mentions: list[Mention], scores: LinkScores,
               newer: frozenset[str] = frozenset()) -> None:
    """``newer``: ids of KB records the gold is older than."""
    mentions = outermost([m for m in mentions if m.source not in NOT_ANNOTATED])
    for gold in gold_mentions(item):
        found = _best(gold, mentions)
        if gold.kb_id is None and found is not None and found.kb_id in newer:
            scores.newer += 1
            mentions = [m for m in mentions if m is not found]
            continue
        scores.gold += 1
        scores.found += found is not None
        got = found.kb_id if found else None
        counts = scores.unknown if gold.kb_id is None else scores.known
        counts.gold += 1
        right = is_local(got) if gold.kb_id is None else got == gold.kb_id
        counts.true_positive += right
        if gold.kb_id and right and gold.code:
            assert found is not None  # right: it got the gold id, so a mention was found
            scores.codes.gold += 1
            scores.codes.true_positive += found.code == gold.code
            if found.code != gold.code:
                scores.errors.append(f"{item['id']}: {gold.text!r} code {found.code} "
                                     f"(gold {gold.code})")
        if not right:
            scores.errors.append(f"{item['id']}: {gold.text!r} → {got} (gold {gold.kb_id})")
    scores.known.predicted += sum(bool(m.kb_id) and not is_local(m.kb_id) for m in mentions)
    scores.unknown.predicted += sum(is_local(m.kb_id) for m in mentions)


def evaluate_linking(path: str | Path, resources, *, progress: Progress = silent) -> LinkScores:
    """Score entity linking on the gold set at ``path``; ``progress`` sees every item."""
    from ..pipeline import analyze_text

    scores = LinkScores()
    newer = _record_ids(for_path("linking", path).kb_added_after)
    for item in progress(read_gold(path), "linking", lambda item: str(item.get("id", ""))):
        published = date.fromisoformat(item["published"]) if item.get("published") else None
        doc = analyze_text(item["text"], published=published, resources=resources)
        score_item(item, doc.mentions, scores, newer)
    scores.codes.predicted = scores.codes.gold
    return scores


def _record_ids(files: tuple[str, ...]) -> frozenset[str]:
    """The ids of the records of KB data files (paths under kb/data/)."""
    import yaml

    from ..kb.load import DATA, _shipped

    return frozenset(r["id"] for name in files
                     for r in yaml.safe_load(_shipped(DATA / name).read_text(encoding="utf-8"))
                     or () if isinstance(r, dict) and "id" in r)


def format_report(scores: LinkScores, errors: bool = False) -> str:
    def row(name: str, c: Counts) -> str:
        return (f"{name:10} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  "
                f"({c.true_positive} right of {c.gold} gold, {c.predicted} predicted)")

    lines = [
        f"gold mentions {scores.gold}, found by NER/role phrases {scores.found}",
        row("KB-known", scores.known),
        row("unknown", scores.unknown),
        f"{'codes':10} accuracy {scores.codes.recall:.3f} ({scores.codes.true_positive} of "
        f"{scores.codes.gold} right links with a gold code)",
    ]
    if scores.newer:
        lines.append(f"not scored: {scores.newer} gold 'unknown' mentions linked to KB records "
                     "added after the part was frozen")
    if errors:
        lines += ["errors:"] + [f"  {e}" for e in scores.errors]
    return "\n".join(lines)
