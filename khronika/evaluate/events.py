"""`khronika eval events`: event coding against a gold set, and factRuEval's Meeting facts.

Gold set (JSON Lines; format in docs/events.md): per item ``text``, ``published`` and
every event a careful coder would code, with ``code``, ``actors``/``recipients`` as
{text, code}, ``date`` and ``modality``. Scoring, item by item:

- **type**: gold and predicted events are paired greedily within the same family (PLOVER
  type; CAMEO root for the codes PLOVER leaves out), best participant overlap first.
  Precision = pairs / predicted events, recall = pairs / gold events; per family too.
- **actors**, over paired events: a participant matches when its span overlaps the gold
  text's, or both carry the same actor code. Precision and recall of participants; and
  how many matched ones sit on the right side (actor or recipient) with the right code.
- **date**, over paired events: precision = right dates / predicted dates, recall = right
  dates / gold dates (a date is right when equal as ISO strings).
- **modality** and exact **CAMEO code** agreement over paired events.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..events.ontology import cameo
from ..pipeline import analyze_text
from ..progress import Progress, silent
from .ner import Counts
from .parts import GOLD

DEFAULT_GOLD = GOLD / "events_dev.jsonl"  # the dev part (tuned on); held-out parts: parts.py


def family(code: str) -> str:
    return cameo(code).family


@dataclass
class EventReport:
    items: int = 0
    type: Counts = field(default_factory=Counts)
    actors: Counts = field(default_factory=Counts)
    sides: int = 0  # matched participants on the gold side (actor/recipient)
    codes: Counter = field(default_factory=Counter)  # right / coded participant codes
    date: Counts = field(default_factory=Counts)
    modality: Counter = field(default_factory=Counter)
    cameo: Counter = field(default_factory=Counter)
    by_family: dict[str, Counts] = field(default_factory=dict)
    family_actors: dict[str, Counts] = field(default_factory=dict)
    family_date: dict[str, Counts] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, start = [], text.find(needle)
    while needle and start >= 0:
        out.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return out


def _participants(event: dict, text: str, gold: bool) -> list[dict]:
    out = []
    for side in ("actors", "recipients"):
        for a in event.get(side) or []:
            spans = _spans(text, a["text"]) if gold else [(a["start"], a["stop"])]
            out.append({"side": side, "spans": spans, "code": a.get("code"),
                        "text": a.get("text")})
    return out


def _same(g: dict, p: dict) -> bool:
    overlap = any(gs < ps_stop and ps < gs_stop
                  for gs, gs_stop in g["spans"] for ps, ps_stop in p["spans"])
    return overlap or (g["code"] is not None and g["code"] == p["code"]
                       and not g["spans"])


def _match_participants(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    pairs, used = [], set()
    for g in gold:
        for n, p in enumerate(pred):
            if n not in used and _same(g, p):
                pairs.append((g, p))
                used.add(n)
                break
    if len(pairs) < len(gold):  # codes stand in for spans the coder put elsewhere
        for g in gold:
            if any(g is q for q, _ in pairs) or g["code"] is None:
                continue
            for n, p in enumerate(pred):
                if n not in used and g["code"] == p["code"]:
                    pairs.append((g, p))
                    used.add(n)
                    break
    return pairs


def _pair_events(gold: list[dict], pred: list[dict], text: str):
    pairs, used = [], set()
    for g in gold:
        gp = _participants(g, text, True)
        best, best_n = None, -1
        for n, p in enumerate(pred):
            if n in used or family(p["code"]) != family(g["code"]):
                continue
            overlap = len(_match_participants(gp, _participants(p, text, False)))
            if overlap > best_n:
                best, best_n = n, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, pred[best]))
    return pairs, [p for n, p in enumerate(pred) if n not in used]


def score_item(item: dict, pred: list[dict], report: EventReport) -> None:
    text, gold = item["text"], item.get("events") or []
    pairs, extra = _pair_events(gold, pred, text)
    report.items += 1
    report.type.true_positive += len(pairs)
    report.type.predicted += len(pred)
    report.type.gold += len(gold)
    for g in gold:
        report.by_family.setdefault(family(g["code"]), Counts()).gold += 1
    for p in pred:
        report.by_family.setdefault(family(p["code"]), Counts()).predicted += 1
    matched_gold = [g for g, _ in pairs]
    for g, p in pairs:
        report.by_family[family(g["code"])].true_positive += 1
        gp, pp = _participants(g, text, True), _participants(p, text, False)
        found = _match_participants(gp, pp)
        fam = family(g["code"])
        for score in (report.actors, report.family_actors.setdefault(fam, Counts())):
            score.true_positive += len(found)
            score.gold += len(gp)
            score.predicted += len(pp)
        report.sides += sum(a["side"] == b["side"] for a, b in found)
        for a, b in found:
            if a["code"]:
                report.codes["coded"] += 1
                report.codes["right"] += a["code"] == b["code"]
        for score in (report.date, report.family_date.setdefault(fam, Counts())):
            score.gold += bool(g.get("date"))
            score.predicted += bool(p.get("date"))
            score.true_positive += bool(g.get("date")) and g.get("date") == p.get("date")
        report.modality["right"] += g.get("modality", "asserted") == p["modality"]
        report.cameo["right"] += g["code"] == p["code"]
        report.cameo["root"] += g["code"][:2] == p["code"][:2]
        if len(found) < len(gp) or len(found) < len(pp) or g.get("date") != p.get("date") or (
                g.get("modality", "asserted") != p["modality"]):
            report.errors.append(
                f"{item['id']}: {g['code']} gold {_brief(g)} | got {p['code']} {_brief(p)}")
    for g in gold:
        if g not in matched_gold:
            report.errors.append(f"{item['id']}: missed {g['code']} {_brief(g)}")
    for p in extra:
        report.errors.append(f"{item['id']}: extra {p['code']} ({p['rule']}) {_brief(p)}")


def _brief(e: dict) -> str:
    def names(side):
        return ",".join(f"{a['text']}/{a.get('code')}" for a in e.get(side) or [])
    return (f"[{names('actors')}] -> [{names('recipients')}] {e.get('date')} "
            f"{e.get('modality', 'asserted')}")


def load_gold(path: str | Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{n}: not JSON: {error}") from error
    return items


def evaluate_events(path: str | Path, resources, *, progress: Progress = silent) -> EventReport:
    """Score event coding on the gold set at ``path``; ``progress`` sees every item."""
    report = EventReport()
    for item in progress(load_gold(path), "events", lambda item: str(item.get("id", ""))):
        doc = analyze_text(item["text"], item.get("published"), resources)
        pred = [e.to_json() for e in doc.events]
        score_item(item, pred, report)
    return report


def _row(name: str, s: Counts) -> str:
    return (f"{name:12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   "
            f"({s.true_positive}/{s.predicted} pred, {s.gold} gold)")


def format_report(report: EventReport, errors: bool = False) -> str:
    pairs = report.type.true_positive or 1
    found = report.actors.true_positive or 1
    lines = [
        f"{report.items} items, {report.type.gold} gold events, "
        f"{report.type.predicted} predicted",
        f"{'':12} {'P':>6} {'R':>6} {'F1':>6}",
        _row("type", report.type),
        _row("actors", report.actors),
        _row("date", report.date),
        f"on paired events: CAMEO code exact {report.cameo['right'] / pairs:.3f}, "
        f"root {report.cameo['root'] / pairs:.3f}; "
        f"modality {report.modality['right'] / pairs:.3f}; "
        f"participant side {report.sides / found:.3f}; participant code "
        f"{report.codes['right'] / (report.codes['coded'] or 1):.3f}",
        "per type (type P R F1; on its paired events: actors P R, date P R):",
    ]
    for name in sorted(report.by_family):
        actors = report.family_actors.get(name, Counts())
        day = report.family_date.get(name, Counts())
        lines.append(f"  {_row(name, report.by_family[name])}   actors {actors.precision:.2f} "
                     f"{actors.recall:.2f}  date {day.precision:.2f} {day.recall:.2f}")
    if errors:
        lines += ["errors:"] + ["  " + e for e in report.errors]
    return "\n".join(lines)
