"""`khronika eval events` on real-news gold: events referenced by file and offsets.

The gold (format in docs/codebook.md, "Output") holds, per article, the path of its text
under the shared data folder (``../shared/data`` beside the repository; the texts are never
shipped), the text's sha256, its publication date when the article shows one, and every
event a careful coder lists, with trigger and participant offsets into the text.

khronika reads each text as ingest does (``read_bytes`` then ``analyze_article``, the gold's
publication day given when the article carries no date of its own; a gold ``published``
of a year or a month alone is not a day and is not given) and its events are scored
against the gold's, article by article:

- **Statements** (CAMEO codes without a PLOVER type) are left out on both sides: PLOVER
  does not code them.
- **Pairing** (greedy, best first): (1) a predicted event whose trigger, or one of its
  evidence triggers, overlaps the gold trigger; (2) one reported in the sentence of the
  gold trigger with the same PLOVER type; (3) one of the same PLOVER type sharing a
  participant. Within a tier, the same type, then the same CAMEO code, then more shared
  participants, then the nearer trigger come first.
- **Participants** match when their spans overlap, they carry the same actor code, or the
  same name (gold ``name`` against khronika's ``normal``, case-folded); a gold party
  without a span matches by code or name.
- **Fields** on paired events: type (the same PLOVER type); actor and recipient (right when
  one gold party of that side matches one predicted party of the same side, or both sides
  are empty); modality (khronika's ``historical`` is ``asserted`` and background, compared
  on asserted/negated/future/hypothetical); date (scored where the gold has one: the
  predicted date at the gold's precision equals it); current (the gold's ``current``
  against "khronika did not say historical"); strict (all of these right).
- **Usable precision**: the share of predicted events paired with a gold event whose type
  and actor are right: what an analyst could take as it stands, participants aside from
  the recipient. **Recall**: gold events paired with the right type, over gold events;
  "current news only" counts the gold events with ``current: true``.

The same pairing and fields give the agreement of two annotators on the articles both
annotated (``agreement``): the first annotator stands as gold, the second as prediction.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import KhronikaError
from ..events.calibrate import features, format_reliability
from ..events.ontology import cameo
from ..progress import Progress, silent
from .ner import Counts

# the shared data folder beside the repository: ../shared/data
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
FIELDS = ("type", "actor", "recipient", "modality", "date", "current", "strict")
MODALITIES = ("asserted", "negated", "future", "hypothetical")
TIERS = ("trigger", "sentence", "participants")


class GoldTextMismatch(KhronikaError):
    """A text the gold points into is not the one it was written on (its sha256 differs)."""


def is_offset_gold(items: list[dict]) -> bool:
    """True for real-news gold (``source`` and offsets), False for self-contained items."""
    return bool(items) and "source" in items[0] and "text" not in items[0]


def missing_reason(items: list[dict], data: Path) -> str | None:
    """Why the gold cannot be scored here (one line), or None when every text is present."""
    if not data.is_dir():
        return (f"{data} is absent: the texts this gold points into are read from the shared "
                "data folder, never shipped (give another with --data)")
    absent = [i["source"] for i in items if not (data / i["source"]).is_file()]
    if absent:
        return (f"{len(absent)} of {len(items)} texts are absent under {data} "
                f"(first: {absent[0]})")
    return None


def read_text(item: dict, data: Path) -> bytes:
    """The bytes of the item's text, refused when their sha256 is not the gold's."""
    path = data / item["source"]
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != item["sha256"]:
        raise GoldTextMismatch(
            f"{path}: sha256 {digest[:12]}… is not the gold's {item['sha256'][:12]}…: the "
            "text differs from the one annotated, so its offsets cannot be trusted; refusing "
            "to score")
    return raw


def check_texts(items: list[dict], data: Path) -> None:
    """Raise GoldTextMismatch unless every text is the one its item was written on."""
    for item in items:
        read_text(item, data)


# -- events in one shape, gold or predicted ---------------------------------------------


@dataclass(slots=True)
class Party:
    span: tuple[int, int] | None
    code: str | None
    name: str


@dataclass(slots=True)
class Ev:
    trigger: tuple[int, int]
    triggers: list[tuple[int, int]]  # the trigger and every evidence trigger
    sentences: list[tuple[int, int]]
    plover: str
    code: str
    actors: list[Party]
    recipients: list[Party]
    modality: str  # one of MODALITIES
    current: bool
    date: str | None
    label: str = ""  # for error lines
    confidence: float = 0.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sentences_of(span: tuple[int, int], sentences: list[tuple[int, int]]):
    found = [s for s in sentences if _overlap(span, s)]
    return found or [span]


def _gold_party(a: dict) -> Party:
    span = tuple(a["span"]) if a.get("span") else None
    return Party(span, a.get("code") or None, a.get("name") or "")


def gold_events(item: dict, sentences: list[tuple[int, int]]) -> tuple[list[Ev], int]:
    """The item's events with a PLOVER type, and how many statements were left out."""
    out, dropped = [], 0
    for e in item.get("events") or []:
        plover = e.get("plover") if e.get("plover") is not None else cameo(e["code"]).plover
        if not plover:
            dropped += 1
            continue
        trigger = (e["trigger"][0], e["trigger"][1])
        out.append(Ev(trigger, [trigger], _sentences_of(trigger, sentences), plover,
                      e["code"], [_gold_party(a) for a in e.get("actors") or []],
                      [_gold_party(a) for a in e.get("recipients") or []],
                      e.get("modality") or "asserted", bool(e.get("current", True)),
                      e.get("date") or None))
    return out, dropped


def _pred_party(a: dict) -> Party:
    return Party((a["start"], a["stop"]), a.get("code") or None, a.get("normal") or a["text"])


def predicted_events(events: list[dict]) -> tuple[list[Ev], int]:
    """khronika's events (``Event.to_json()``) with a PLOVER type, and how many were left
    out for having none."""
    out, dropped = [], 0
    for e in events:
        if not e.get("plover"):
            dropped += 1
            continue
        trigger = (e["trigger"]["start"], e["trigger"]["stop"])
        triggers = [trigger] + [(v["trigger"]["start"], v["trigger"]["stop"])
                                for v in e.get("evidence") or []]
        sentences = [(e["sentence"]["start"], e["sentence"]["stop"])] + [
            (v["sentence"]["start"], v["sentence"]["stop"]) for v in e.get("evidence") or []]
        modality = e["modality"]
        out.append(Ev(trigger, triggers, sentences, e["plover"], e["code"],
                      [_pred_party(a) for a in e.get("actors") or []],
                      [_pred_party(a) for a in e.get("recipients") or []],
                      "asserted" if modality == "historical" else modality,
                      modality != "historical", e.get("date") or None,
                      label=e.get("rule", ""), confidence=e.get("confidence", 0.0)))
    return out, dropped


# -- matching -------------------------------------------------------------------------


def same_party(g: Party, p: Party) -> bool:
    if g.span is not None and p.span is not None and _overlap(g.span, p.span):
        return True
    if g.code and g.code == p.code:
        return True
    return bool(g.name) and _folded(g.name) == _folded(p.name)


def _folded(name: str) -> str:
    """Case and ё folded: "Мария Алёхина" is "Мария Алехина" (Russian writes ё at will)."""
    return name.casefold().replace("ё", "е")


def _any_match(gold: list[Party], pred: list[Party]) -> bool:
    return any(same_party(g, p) for g in gold for p in pred)


def _shared(g: Ev, p: Ev) -> int:
    parties = p.actors + p.recipients
    return sum(any(same_party(a, b) for b in parties) for a in g.actors + g.recipients)


def _tier(g: Ev, p: Ev, shared: int) -> int | None:
    if any(_overlap(g.trigger, t) for t in p.triggers):
        return 0
    if g.plover == p.plover:
        if any(_overlap(a, b) for a in g.sentences for b in p.sentences):
            return 1
        if shared:
            return 2
    return None


def pair_events(gold: list[Ev], pred: list[Ev]) -> list[tuple[Ev, Ev, int]]:
    """Pairs (gold, predicted, tier) of one article, best first; each event in one pair."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            shared = _shared(g, p)
            tier = _tier(g, p, shared)
            if tier is None:
                continue
            distance = min(abs(g.trigger[0] - t[0]) for t in p.triggers)
            candidates.append((tier, g.plover != p.plover, g.code != p.code, -shared,
                               distance, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for tier, *_, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi], tier))
    return pairs


def _date_right(gold: str, pred: str | None) -> bool:
    """The predicted date at the gold's precision equals it ("2017-10-25" is right for a
    gold "2017-10"; "2017" is not right for a gold "2017-10-25")."""
    if pred is None:
        return False
    return pred == gold or (pred.startswith(gold) and pred[len(gold):len(gold) + 1] == "-")


def _side_right(gold: list[Party], pred: list[Party]) -> bool:
    return _any_match(gold, pred) if gold or pred else True


def fields(g: Ev, p: Ev) -> dict[str, bool | None]:
    """Which fields of a paired event are right (None: not scored, the gold has no date)."""
    out: dict[str, bool | None] = {
        "type": g.plover == p.plover,
        "actor": _side_right(g.actors, p.actors),
        "recipient": _side_right(g.recipients, p.recipients),
        "modality": g.modality == p.modality,
        "date": _date_right(g.date, p.date) if g.date else None,
        "current": g.current == p.current,
    }
    out["strict"] = all(v is not False for v in out.values())
    return out


# -- the report -----------------------------------------------------------------------


@dataclass
class RealReport:
    articles: int = 0
    gold: int = 0
    gold_current: int = 0
    predicted: int = 0
    dropped_gold: int = 0  # statements: no PLOVER type
    dropped_pred: int = 0
    tiers: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)  # field -> right on paired events
    scored: Counter = field(default_factory=Counter)  # field -> paired events scored
    found: int = 0  # gold events paired with the right type
    found_current: int = 0
    usable: int = 0  # predicted events paired with type and actor right
    cameo: Counter = field(default_factory=Counter)
    by_type: dict[str, Counts] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    judged: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, usable)
    features: list[dict[str, float]] = field(default_factory=list)  # of each judged event

    @property
    def pairs(self) -> int:
        return sum(self.tiers.values())

    @property
    def type(self) -> Counts:
        return Counts(self.found, self.predicted, self.gold)

    @property
    def usable_precision(self) -> float:
        return self.usable / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def current_recall(self) -> float:
        return self.found_current / self.gold_current if self.gold_current else 0.0

    def rate(self, name: str) -> float:
        return self.right[name] / self.scored[name] if self.scored[name] else 0.0


def score_article(key: str, gold: list[Ev], pred: list[Ev], report: RealReport,
                  text: str = "") -> None:
    """Add one article's gold and predicted events (statements already left out)."""
    report.articles += 1
    report.gold += len(gold)
    report.gold_current += sum(g.current for g in gold)
    report.predicted += len(pred)
    for g in gold:
        report.by_type.setdefault(g.plover, Counts()).gold += 1
    for p in pred:
        report.by_type.setdefault(p.plover, Counts()).predicted += 1
    pairs = pair_events(gold, pred)
    paired_g = {id(g) for g, _, _ in pairs}
    paired_p = {id(p) for _, p, _ in pairs}
    usable: set[int] = set()
    for g, p, tier in pairs:
        report.tiers[TIERS[tier]] += 1
        right = fields(g, p)
        for name, value in right.items():
            if value is not None:
                report.scored[name] += 1
                report.right[name] += value
        report.cameo["exact"] += g.code == p.code
        report.cameo["root"] += g.code[:2] == p.code[:2]
        if right["type"]:
            report.found += 1
            report.found_current += g.current
            report.by_type[g.plover].true_positive += 1
            report.usable += bool(right["actor"])
            if right["actor"]:
                usable.add(id(p))
        if not right["strict"]:
            wrong = ",".join(k for k, v in right.items() if v is False and k != "strict")
            report.errors.append(f"{key}: wrong {wrong}: gold {_brief(g, text)} | got "
                                 f"{_brief(p, text)}")
    report.judged += [(p.confidence, id(p) in usable) for p in pred]
    for g in gold:
        if id(g) not in paired_g:
            report.errors.append(f"{key}: missed {_brief(g, text)}")
    for p in pred:
        if id(p) not in paired_p:
            report.errors.append(f"{key}: extra ({p.label}) {_brief(p, text)}")


def _brief(e: Ev, text: str) -> str:
    def names(parties):
        return ",".join(f"{a.name}/{a.code}" for a in parties)

    said = text[e.trigger[0]:e.trigger[1]] if text else ""
    return (f"{e.code} {e.plover} «{said}»@{e.trigger[0]} [{names(e.actors)}] -> "
            f"[{names(e.recipients)}] {e.date} {e.modality}"
            f"{'' if e.current else ' background'}")


# -- running khronika -----------------------------------------------------------------


def load_items(path: str | Path) -> list[dict]:
    from .events import load_gold

    return load_gold(path)


def analyze_item(item: dict, raw: bytes, resources):
    """khronika on one gold article, read as ingest reads an input."""
    from ..pipeline import analyze_article
    from ..read import read_bytes
    from ..records import Article

    articles = [a for a in read_bytes(raw, path=item["source"]) if isinstance(a, Article)]
    if len(articles) != 1 or articles[0].text != raw.decode("utf-8"):
        raise GoldTextMismatch(f"{item['source']}: not read as one article with the text as "
                               "it is; the gold's offsets would not line up")
    article = articles[0]
    published = item.get("published") or ""
    if article.published is None and len(published) >= 10:  # a day: a year or month is
        article.published = date.fromisoformat(published[:10])  # no publication date
    return analyze_article(article, resources)


def _spans(doc) -> list[tuple[int, int]]:
    return [(s.start, s.stop) for s in doc.sentences]


def evaluate_real(path: str | Path, resources, data: Path = DEFAULT_DATA, *,
                  progress: Progress = silent) -> RealReport:
    """Score khronika's events on the offset gold at ``path`` (texts under ``data``)."""
    items = load_items(path)
    report = RealReport()
    check_texts(items, data)  # every text before anything is scored
    for item in progress(items, "events", lambda item: str(item.get("id", ""))):
        raw = read_text(item, data)
        doc = analyze_item(item, raw, resources)
        gold, dropped_gold = gold_events(item, _spans(doc))
        pred, dropped_pred = predicted_events([e.to_json() for e in doc.events])
        report.features += [features(e) for e in doc.events if e.plover]
        report.dropped_gold += dropped_gold
        report.dropped_pred += dropped_pred
        score_article(item["id"], gold, pred, report, doc.text)
    return report


def segment(raw: bytes, source: str) -> list[tuple[int, int]]:
    """khronika's sentences of a text (the segment stage alone: no models needed)."""
    from ..nlp.tagging import segment_doc
    from ..read import read_bytes
    from ..records import Article, Doc
    from ..resources import Resources

    (article,) = [a for a in read_bytes(raw, path=source) if isinstance(a, Article)]
    doc = Doc(article)
    segment_doc(doc, Resources(None, None, None, None, None))
    return _spans(doc)


def agreement(first: str | Path, second: str | Path, data: Path = DEFAULT_DATA) -> RealReport:
    """Two annotators on the articles both annotated (same ``source``): the first stands as
    gold, the second as prediction, paired and scored as khronika is."""
    theirs = {i["source"]: i for i in load_items(second)}
    both = [i for i in load_items(first) if i["source"] in theirs]
    report = RealReport()
    for item in both:
        raw = read_text(item, data)
        other = theirs[item["source"]]
        if other["sha256"] != item["sha256"]:
            raise GoldTextMismatch(f"{item['source']}: the two annotations name different "
                                   "texts (sha256)")
        sentences = segment(raw, item["source"])
        gold, dropped_gold = gold_events(item, sentences)
        pred, dropped_pred = gold_events(other, sentences)
        report.dropped_gold += dropped_gold
        report.dropped_pred += dropped_pred
        score_article(item["id"], gold, pred, report, raw.decode("utf-8"))
    return report


# -- printing -------------------------------------------------------------------------


def _ratio(n: int, d: int) -> str:
    return f"{n / d if d else 0.0:.3f} ({n}/{d})"


def format_report(report: RealReport, errors: bool = False, *, who: str = "predicted",
                  truth: str = "gold") -> str:
    t = report.type
    lines = [
        f"{report.articles} articles, {report.gold} {truth} events, {report.predicted} "
        f"{who} (left out, no PLOVER type: {report.dropped_gold} {truth} statements, "
        f"{report.dropped_pred} {who})",
        f"paired {report.pairs}: by trigger {report.tiers['trigger']}, by sentence and type "
        f"{report.tiers['sentence']}, by type and participants {report.tiers['participants']}",
        f"type (right PLOVER type)  P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}",
        f"usable precision {_ratio(report.usable, report.predicted)}: {who} events paired "
        "with type and actor right",
        f"recall {_ratio(report.found, report.gold)}; current news only "
        f"{_ratio(report.found_current, report.gold_current)}",
        "right on paired events: " + "; ".join(
            f"{name} {_ratio(report.right[name], report.scored[name])}" for name in FIELDS),
        f"strict (all fields right) over {who} events "
        f"{_ratio(report.right['strict'], report.predicted)}",
        f"CAMEO on paired events: exact {_ratio(report.cameo['exact'], report.pairs)}, "
        f"root {_ratio(report.cameo['root'], report.pairs)}",
        f"per PLOVER type ({truth} / {who} / right type):   P      R",
    ]
    for name, c in sorted(report.by_type.items(), key=lambda kv: (-kv[1].gold, kv[0])):
        lines.append(f"  {name:10} {c.gold:4} {c.predicted:4} {c.true_positive:4}   "
                     f"{c.precision:.3f}  {c.recall:.3f}")
    if report.judged and who == "predicted":
        lines.append(format_reliability(report.judged))
    if errors:
        lines += ["errors:"] + ["  " + e for e in report.errors]
    return "\n".join(lines)


def format_agreement(report: RealReport, errors: bool = False) -> str:
    t = report.type
    head = (f"agreement of two annotators on {report.articles} articles: event-level F1 "
            f"{t.f1:.3f} (paired with the same PLOVER type: {t.true_positive}; first "
            f"{t.gold}, second {t.predicted})")
    return head + "\n" + format_report(report, errors, who="second", truth="first")


def summary(report: RealReport) -> dict:
    """The figures as one JSON-able dict (for parts.yaml's first_scored and tests)."""
    return {
        "articles": report.articles, "gold": report.gold, "predicted": report.predicted,
        "type_p": round(report.type.precision, 3), "type_r": round(report.type.recall, 3),
        "usable_precision": round(report.usable_precision, 3),
        "recall": round(report.recall, 3), "current_recall": round(report.current_recall, 3),
        **{name: round(report.rate(name), 3) for name in FIELDS},
    }


def dumps(report: RealReport) -> str:
    return json.dumps(summary(report), ensure_ascii=False)
