"""Entity linking measured on NEREL's Wikidata links (``khronika eval linking --nerel``).

NEREL (brat files, read from ``../shared/data/nerel-v1.1/``, never shipped) links entity
spans (``T`` lines) to Wikidata (``N`` lines: ``Reference T5 Wikidata:Q813``). Its texts
carry no publication date: khronika links them undated.

Spans are paired by overlap: a khronika mention with the NEREL span it overlaps most
(intersection over union, the longer span on a tie), a NEREL span with the khronika
mention it overlaps most, nested ones included ("России" inside "президент России" is
scored on its own). Figures, per NEREL entity type and over all:
- precision: of khronika mentions linked to a KB entity with a QID whose NEREL span has a
  QID, the share with the same QID. A person paired with a span that is not one (a role
  phrase, "президент США", names its holder where NEREL links the office) is not scored;
- coverage: of NEREL name spans with a QID, the share whose QID some KB entity carries;
- known-entity accuracy: of those, the share khronika links to an entity with that QID.
  A capital that khronika links to the government it acts for ("Москва заявила" →
  org:RUS-government) counts as linked to the city; the report says how many did.

A KB entity's ``same_as`` QIDs (Facebook Q355 beside Meta Q380: items news uses for the same
thing) count as its QID, and the report says how many links were right by one. Where NEREL
links a class ("Верховный суд" to Q190752, "supreme court") and khronika a member of it
(org:USA-supreme-court), the pair is not scored but counted apart ("gold links a class,
khronika a member"): only for the class QIDs in ``data/wikidata_classes.yaml``, each with
the KB ids of its members (``org:<country>-<slug>``).

Name spans are those the NER evaluation scores (``ner.NEREL_TYPES``: persons,
organisations, countries, cities, regions, districts, locations), the outermost of them
("России" inside "Банк России" is part of another name), and not adjectives: NEREL links
"российский" and "московском" too (to the country, or to a nationality). khronika's own
country adjectives (``source = "adjective"``) and descriptions ("пресс-служба МВД",
``source = "description"``) are left out on its side too: the figures are over names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..kb.keys import words
from ..progress import Progress, silent
from ..records import PER, Mention
from .linking import NOT_ANNOTATED
from .ner import NEREL_TYPES
from .ner import _read as read_text  # offsets count every character (CRLF kept)

QID = re.compile(r"Wikidata:(Q\d+)\s*$")
PERSON = "PERSON"
ALL = "all"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    stop: int
    type: str  # NEREL's entity type (PERSON, COUNTRY, ORGANIZATION, ...)
    qid: str | None = None


@dataclass(slots=True)
class LinkedDoc:
    id: str
    text: str
    spans: list[Span]


@dataclass(slots=True)
class TypeCounts:
    linked: int = 0  # NEREL spans with a QID
    covered: int = 0  # ... whose QID the KB knows
    known_right: int = 0  # ... that khronika links to that QID
    scored: int = 0  # khronika QID links whose NEREL span has a QID
    right: int = 0  # ... with the same QID
    metonymy: int = 0  # known entities linked right as the government of their capital
    alternative: int = 0  # QID links right by a same_as QID of the entity
    member: int = 0  # khronika links a member of the class NEREL links (not scored)

    @property
    def precision(self) -> float:
        return self.right / self.scored if self.scored else 0.0

    @property
    def coverage(self) -> float:
        return self.covered / self.linked if self.linked else 0.0

    @property
    def accuracy(self) -> float:
        return self.known_right / self.covered if self.covered else 0.0


@dataclass(slots=True)
class QidScores:
    types: dict[str, TypeCounts] = field(default_factory=dict)
    docs: int = 0
    errors: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # class-member pairs, not scored

    def count(self, type: str) -> list[TypeCounts]:
        """The counters a span of ``type`` adds to: its type's and the total."""
        return [self.types.setdefault(type, TypeCounts()), self.types.setdefault(
            ALL, TypeCounts())]


# --- reading -------------------------------------------------------------------------


def load_links(folder: str | Path, limit: int | None = None) -> list[LinkedDoc]:
    """Every ``N.txt`` of a NEREL folder with its entity spans and their QIDs (sorted by
    name; the first ``limit`` only, when given)."""
    texts = sorted(Path(folder).glob("*.txt"))
    docs = [_doc(txt) for txt in texts if txt.with_suffix(".ann").is_file()]
    return docs[:limit] if limit else docs


def _doc(txt: Path) -> LinkedDoc:
    spans: dict[str, tuple[int, int, str]] = {}
    qids: dict[str, str] = {}
    for line in read_text(txt.with_suffix(".ann")).splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T") and ";" not in fields[1]:  # not discontinuous
            kind, start, stop = fields[1].split()
            spans[fields[0]] = (int(start), int(stop), kind)
        elif fields[0].startswith("N") and (found := QID.search(fields[1])):
            qids[fields[1].split()[1]] = found.group(1)
    return LinkedDoc(txt.stem, read_text(txt), [
        Span(start, stop, kind, qids.get(t)) for t, (start, stop, kind) in spans.items()])


# --- scoring -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WikidataClass:
    """A Wikidata class NEREL links names to ("supreme court"), and the slugs of the KB ids
    of its members (``supreme-court``: org:USA-supreme-court, org:RUS-supreme-court)."""

    qid: str
    label: str
    members: frozenset[str]

    def has(self, kb_id: str | None) -> bool:
        prefix, _, rest = (kb_id or "").partition(":")
        return prefix == "org" and rest.partition("-")[2] in self.members


def parse_classes(path: Path) -> dict[str, WikidataClass]:
    with open(path, encoding="utf-8") as f:
        records = yaml.safe_load(f) or []
    return {r["qid"]: WikidataClass(r["qid"], r["label"], frozenset(r["members"]))
            for r in records}


@dataclass(slots=True)
class KnownQids:
    """What the KB knows of Wikidata: the QIDs its entities carry (``same_as`` ones too),
    the capitals a government (or ``acts_for``) entity stands for in metonymy, and the
    classes whose members khronika may link where NEREL links the class."""

    qids: set[str]
    stands_for: dict[str, set[str]]
    same_as: dict[str, set[str]] = field(default_factory=dict)  # kb id -> other QIDs
    classes: dict[str, WikidataClass] = field(default_factory=dict)


def known_qids(kb, classes: dict[str, WikidataClass] | None = None) -> KnownQids:
    stands: dict[str, set[str]] = {}
    for city in kb.entities.values():
        if city.capital_of and city.qid:
            target = city.acts_for or f"org:{city.capital_of}-government"
            stands.setdefault(target, set()).add(city.qid)
    same_as = {e.id: set(e.same_as) for e in kb.entities.values() if e.same_as}
    qids = {e.qid for e in kb.entities.values() if e.qid} | {q for s in same_as.values()
                                                              for q in s}
    if classes is None:
        from ..resources import shipped

        classes = shipped("wikidata_classes")
    return KnownQids(qids, stands, same_as, classes)


def name_spans(doc: LinkedDoc, morph) -> list[Span]:
    """The spans of the name types, outermost, that are not adjectives."""
    names = [s for s in doc.spans if s.type in NEREL_TYPES]
    outer = [s for s in names if not any(
        o is not s and o.start <= s.start and s.stop <= o.stop
        and o.stop - o.start > s.stop - s.start for o in names)]
    return [s for s in outer if not _adjective(doc.text[s.start:s.stop], morph)]


def _adjective(text: str, morph) -> bool:
    last = words(text)[-1:] or [""]
    parses = morph.parse(last[0]) if last[0] else []
    return bool(parses) and "ADJF" in parses[0].tag


def _overlap(a_start: int, a_stop: int, b_start: int, b_stop: int) -> float:
    inter = min(a_stop, b_stop) - max(a_start, b_start)
    return inter / (max(a_stop, b_stop) - min(a_start, b_start)) if inter > 0 else 0.0


def _best(start: int, stop: int, items: Iterable):
    """The item overlapping [start, stop) most (the longer one on a tie), or None."""
    scored = [(_overlap(start, stop, x.start, x.stop), x.stop - x.start, n, x)
              for n, x in enumerate(items)]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: s[:3])[3] if scored else None


def score_doc(doc: LinkedDoc, names: list[Span], mentions: list[Mention], known: KnownQids,
              scores: QidScores) -> None:
    """Add one document's counts: ``names`` are its name spans (``name_spans``)."""
    scores.docs += 1
    for mention in mentions:
        gold = _best(mention.start, mention.stop, doc.spans) if mention.wikidata else None
        if gold is None or gold.qid is None or (mention.type == PER) != (gold.type == PERSON):
            continue
        alternative = gold.qid in known.same_as.get(mention.kb_id or "", ())
        right = gold.qid == mention.wikidata or alternative
        kind = known.classes.get(gold.qid)
        if not right and kind is not None and kind.has(mention.kb_id):
            for counts in scores.count(gold.type):
                counts.member += 1
            scores.members.append(f"{doc.id}: {mention.text!r} → {mention.kb_id} "
                                  f"{mention.wikidata} (NEREL {gold.qid}, {kind.label})")
            continue
        for counts in scores.count(gold.type):
            counts.scored += 1
            counts.right += right
            counts.alternative += alternative
        if not right:
            scores.errors.append(f"{doc.id}: wrong link {mention.text!r} → {mention.kb_id} "
                                 f"{mention.wikidata} (NEREL {gold.type} {gold.qid})")
    for gold in names:
        if gold.qid is None:
            continue
        covered = gold.qid in known.qids
        found = _best(gold.start, gold.stop, mentions) if covered else None
        metonymy = found is not None and gold.qid in known.stands_for.get(found.kb_id or "", ())
        right = found is not None and (
            found.wikidata == gold.qid or metonymy
            or gold.qid in known.same_as.get(found.kb_id or "", ()))
        for counts in scores.count(gold.type):
            counts.linked += 1
            counts.covered += covered
            counts.known_right += right
            counts.metonymy += metonymy
        if covered and not right:
            got = f"{found.text!r} → {found.kb_id}" if found else "no mention"
            scores.errors.append(f"{doc.id}: missed {doc.text[gold.start:gold.stop]!r} "
                                 f"{gold.type} {gold.qid}: {got}")


def evaluate_wikidata_links(folder: str | Path, resources, *, limit: int | None = None,
                            progress: Progress = silent) -> QidScores:
    """Score khronika's links against NEREL's Wikidata links in ``folder``."""
    from ..pipeline import analyze_text

    scores = QidScores()
    known = known_qids(resources.kb)
    for doc in progress(load_links(folder, limit), "linking", lambda d: d.id):
        analysed = analyze_text(doc.text, published=None, resources=resources)
        mentions = [m for m in analysed.mentions if m.source not in NOT_ANNOTATED]
        score_doc(doc, name_spans(doc, resources.kb.morph), mentions, known, scores)
    return scores


def format_report(scores: QidScores, errors: bool = False) -> str:
    lines = [f"{scores.docs} documents, undated; precision over khronika's QID links, "
             "coverage and known-entity accuracy over NEREL's linked name spans",
             f"{'type':18} {'precision':>17} {'coverage':>17} {'known-entity acc':>17}"]

    def cell(value: float, part: int, whole: int) -> str:
        return f"{value:.3f} {part:>5}/{whole:<5}"

    order = sorted((t for t in scores.types if t != ALL),
                   key=lambda t: -scores.types[t].linked - scores.types[t].scored)
    for type in [*order, ALL]:
        c = scores.types[type]
        lines.append(f"{type:18} {cell(c.precision, c.right, c.scored)} "
                     f"{cell(c.coverage, c.covered, c.linked)} "
                     f"{cell(c.accuracy, c.known_right, c.covered)}")
    total = scores.types.get(ALL, TypeCounts())
    lines.append(f"of the known entities linked right, {total.metonymy} are capitals linked "
                 "to the government they act for")
    lines.append(f"of the QID links right, {total.alternative} by a same_as QID of the KB "
                 f"entity; not scored: {total.member} where NEREL links a class and khronika "
                 "a member of it")
    if errors:
        lines += ["errors:"] + [f"  {e}" for e in scores.errors]
        lines += ["gold links a class, khronika a member:"] + [f"  {e}" for e in scores.members]
    return "\n".join(lines)
