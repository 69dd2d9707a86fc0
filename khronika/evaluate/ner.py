"""NER evaluation on factRuEval-2016 (a devset folder) or NEREL (a folder of brat files).

factRuEval's devset is where khronika's NER fixes were written from (a dev set); NEREL's
dev split (``../shared/data/nerel-v1.1/dev``) was never tuned on for NER: it is the
held-out figure.

NEREL: PERSON is PER, ORGANIZATION is ORG, and COUNTRY, CITY, STATE_OR_PROVINCE, DISTRICT
and LOCATION are LOC; of nested spans of these types the outermost is kept.

Gold mentions follow the convention of natasha's own benchmark (naeval's ``adapt_factru``):
a ``Person`` object is the whole span of its parts ("Юрия Лужкова"); an ``Org`` is its
``org_name`` parts ("МИД" in "МИД РФ"; the descriptor "мэрии" of "мэрии Москвы" is not a
name); ``Location`` and ``LocOrg`` are their ``loc_name`` parts. One change to that
convention: an ``Org`` named by a place name alone, with no descriptor ("Кремль",
"Кремля"), stays an ORG mention instead of vanishing from the gold standard.
Overlapping gold spans keep the longest.

Each gold standard is scored against the view of khronika's mentions that follows its own
convention (``CONVENTIONS``), the same for every document: khronika keeps more structure
than either (nested mentions, a ``source``: ner, rule, kb, propagated, credits, role,
description, adjective). For factRuEval (naeval's ``adapt_factru`` above, factRuEval's
``org_name``/``org_descr``/``geo_adj`` span kinds), ``factrueval_view``: an ORG joined with
the place after it ("ФСБ России") is its ORG part and its LOC part; role and institution
phrases, descriptions and country adjectives are descriptors, not names. For NEREL
(``annotation.conf``: ORGANIZATION, PROFESSION, NATIONALITY, COUNTRY…), ``nerel_view``: the
joined ORG whole; institution phrases and descriptions that name a body are ORGANIZATIONs;
posts and groups of people are PROFESSIONs, not scored; a country adjective is a COUNTRY
unless it gives a person's NATIONALITY. Then, like the gold, the outermost of the scored
types is kept ("России" inside "ФСБ России" is not scored; NEREL's gold has it at the inner
level), as ``eval linking`` does. Bare natasha has no nesting and no sources: every view
sees it unchanged.

Two scores: exact spans (start, stop and type all equal) and word tokens (a ``\\w+`` token
counts for type T when it is inside a gold span of type T and inside a predicted one).

To study a system's errors, ``errors`` sorts every gold span it missed and every span it
predicted wrongly into classes: ``type`` (the same span, another type), ``boundary`` (an
overlapping span of the same type), ``boundary+type`` (overlapping, another type),
``missed`` and ``spurious`` (nothing overlaps); ``format_errors`` lists them with context.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..progress import Progress, silent
from ..records import ENTITY_TYPES, LOC, ORG, PER, Doc, Mention
from ..resources import Resources

Triple = tuple[int, int, str]
MICRO = "micro"
NEREL, FACTRUEVAL = "nerel", "factrueval"  # the gold conventions: ``CONVENTIONS``
# the sources of mentions that are not names: role and institution phrases, country
# adjectives, organisations named by a description
ROLE, ADJECTIVE, DESCRIPTION = "role", "adjective", "description"

OBJECT_TYPES = {"Person": PER, "Org": ORG, "Location": LOC, "LocOrg": LOC}
NEREL_TYPES = {"PERSON": PER, "ORGANIZATION": ORG, "COUNTRY": LOC, "CITY": LOC,
               "STATE_OR_PROVINCE": LOC, "DISTRICT": LOC, "LOCATION": LOC}
NAME_PARTS = {ORG: ("org_name",), LOC: ("loc_name",)}
DESCRIPTORS = ("org_descr", "loc_descr", "job", "geo_adj")
WORD = re.compile(r"\w+")
BOOK = re.compile(r"book_\d+")


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    mentions: list[Triple] = field(default_factory=list)


@dataclass(slots=True)
class Counts:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.true_positive += other.true_positive
        self.predicted += other.predicted
        self.gold += other.gold


@dataclass(slots=True)
class Scores:
    """Counts per type (PER, LOC, ORG) and ``micro`` over all three."""

    exact: dict[str, Counts]
    token: dict[str, Counts]


# --- loading -------------------------------------------------------------------------


def load_gold(path: str | Path, limit: int | None = None) -> list[GoldDoc]:
    """A factRuEval folder (``book_N.txt``) or a NEREL one (``N.txt`` with ``N.ann``); with
    ``limit``, only its first ``limit`` documents (in the loaders' order)."""
    folder = Path(path)
    docs = load_nerel(folder) if any(folder.glob("*.ann")) else load_factrueval(folder)
    return docs if limit is None else docs[:limit]


def load_nerel(path: str | Path) -> list[GoldDoc]:
    """Every ``*.txt`` of a NEREL (brat) folder with its PER/LOC/ORG gold spans."""
    docs = []
    for txt in sorted(Path(path).glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if ann.is_file():
            docs.append(GoldDoc(txt.stem, _read(txt), _longest_first(_brat_mentions(ann))))
    return docs


def _brat_mentions(ann: Path) -> list[Triple]:
    mentions = []
    for line in _read(ann).splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].startswith("T") or ";" in fields[1]:
            continue  # relations, links, notes, discontinuous spans
        kind, start, stop = fields[1].split()
        if kind in NEREL_TYPES:
            mentions.append((int(start), int(stop), NEREL_TYPES[kind]))
    return mentions


def factrueval_texts(path: str | Path) -> list[Path]:
    """The ``book_N.txt`` texts of a factRuEval folder (those with their ``.spans``),
    sorted by N; none when ``path`` is not such a folder."""
    folder = Path(path)
    books = [p for p in folder.glob("book_*.txt")
             if BOOK.fullmatch(p.stem) and p.with_suffix(".spans").is_file()]
    return sorted(books, key=lambda p: int(p.stem.split("_")[1]))


def load_factrueval(path: str | Path) -> list[GoldDoc]:
    """Every ``book_N`` of a factRuEval folder, sorted by N, with PER/LOC/ORG gold spans."""
    folder = Path(path)
    names = factrueval_texts(folder)
    if not names:
        raise FileNotFoundError(f"no book_N.txt files in {folder}: expected a factRuEval devset")
    return [_load_book(name) for name in names]


def _read(path: Path) -> str:
    # newline="" keeps \r\n as two characters: offsets count every character of the file
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return handle.read()


def _spans(path: Path) -> dict[str, tuple[str, int, int]]:
    spans = {}
    for line in _read(path).splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 4:
            span_id, kind, start, length = fields[:4]
            spans[span_id] = (kind, int(start), int(start) + int(length))
    return spans


def _objects(path: Path) -> Iterable[tuple[str, list[str]]]:
    for line in _read(path).splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 3:
            yield fields[1], fields[2:]


def _load_book(txt: Path) -> GoldDoc:
    spans = _spans(txt.with_suffix(".spans"))
    mentions: list[Triple] = []
    for kind, span_ids in _objects(txt.with_suffix(".objects")):
        if kind in OBJECT_TYPES:
            parts = [spans[i] for i in span_ids if i in spans]
            mentions.extend(_object_mentions(OBJECT_TYPES[kind], parts))
    return GoldDoc(txt.stem, _read(txt), _longest_first(mentions))


def _object_mentions(type: str, parts: list[tuple[str, int, int]]) -> list[Triple]:
    if not parts:
        return []
    if type == PER:
        return [(min(p[1] for p in parts), max(p[2] for p in parts), PER)]
    names = [(start, stop, type) for kind, start, stop in parts if kind in NAME_PARTS[type]]
    if not names and type == ORG and not any(p[0] in DESCRIPTORS for p in parts):
        names = [(start, stop, ORG) for _, start, stop in parts]  # "Кремль" as an Org
    return names


def _longest_first(mentions: list[Triple]) -> list[Triple]:
    kept: list[Triple] = []
    for mention in sorted(set(mentions), key=lambda m: (m[0] - m[1], m[0])):
        if not any(m[0] < mention[1] and mention[0] < m[1] for m in kept):
            kept.append(mention)
    return sorted(kept)


# --- scoring -------------------------------------------------------------------------


def _empty() -> dict[str, Counts]:
    return {t: Counts() for t in (*ENTITY_TYPES, MICRO)}


def score(gold: list[GoldDoc], predicted: dict[str, list[Triple]]) -> Scores:
    """Exact-span and token P/R/F1 per type and micro; a doc missing in ``predicted`` has none."""
    scores = Scores(_empty(), _empty())
    for doc in gold:
        pred = system_mentions(predicted.get(doc.id, []))
        _add_exact(scores.exact, set(doc.mentions), set(pred))
        _add_tokens(scores.token, word_spans(doc.text), doc.mentions, pred)
    for table in (scores.exact, scores.token):
        for type in ENTITY_TYPES:
            table[MICRO].add(table[type])
    return scores


def system_mentions(mentions: Iterable[Triple]) -> list[Triple]:
    """A system's PER/LOC/ORG spans, less those nested in a longer one of them."""
    spans = {m for m in mentions if m[2] in ENTITY_TYPES}
    return sorted(m for m in spans if not any(
        o[0] <= m[0] and m[1] <= o[1] and o[1] - o[0] > m[1] - m[0] for o in spans))


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def _add_exact(table: dict[str, Counts], gold: set, pred: set) -> None:
    for type in ENTITY_TYPES:
        g = {m for m in gold if m[2] == type}
        p = {m for m in pred if m[2] == type}
        table[type].add(Counts(len(g & p), len(p), len(g)))


def _token_types(tokens: list[tuple[int, int]], mentions: Iterable[Triple]) -> list[set[str]]:
    types: list[set[str]] = [set() for _ in tokens]
    for start, stop, type in mentions:
        for index, (t_start, t_stop) in enumerate(tokens):
            if start <= t_start and t_stop <= stop:
                types[index].add(type)
    return types


def _add_tokens(table, tokens, gold: Iterable[Triple], pred: Iterable[Triple]) -> None:
    gold_types, pred_types = _token_types(tokens, gold), _token_types(tokens, pred)
    for g, p in zip(gold_types, pred_types, strict=True):
        for type in ENTITY_TYPES:
            table[type].add(Counts(int(type in g and type in p), int(type in p), int(type in g)))


# --- errors --------------------------------------------------------------------------

ERROR_KINDS = ("type", "boundary", "boundary+type", "missed", "spurious")


@dataclass(frozen=True, slots=True)
class NerError:
    """One wrong span: a gold span not predicted, a predicted span not in the gold, or
    both when they overlap (then ``kind`` says how they differ)."""

    doc: str
    kind: str
    gold: Triple | None
    pred: Triple | None

    @property
    def type(self) -> str:
        """The gold type, or the predicted one for a spurious span."""
        return (self.gold or self.pred or (0, 0, ""))[2]


def errors(gold: list[GoldDoc], predicted: dict[str, list[Triple]]) -> list[NerError]:
    """Every error of ``predicted``, in document and text order."""
    found: list[NerError] = []
    for doc in gold:
        pred = set(system_mentions(predicted.get(doc.id, [])))
        found.extend(_doc_errors(doc.id, set(doc.mentions), pred))
    return found


def _doc_errors(doc: str, gold: set[Triple], pred: set[Triple]) -> list[NerError]:
    missed, extra = sorted(gold - pred), sorted(pred - gold)
    found = []
    for g in missed:
        p = _partner(g, extra)
        if p is not None:
            extra.remove(p)
        found.append(NerError(doc, _kind(g, p), g, p))
    found.extend(NerError(doc, "spurious", None, p) for p in extra)
    return sorted(found, key=lambda e: (e.gold or e.pred or (0, 0, ""))[:2])


def _partner(gold: Triple, extra: list[Triple]) -> Triple | None:
    """The predicted span that best matches a missed gold span: the same span, else an
    overlapping one of the same type, else any overlapping one."""
    overlapping = [p for p in extra if p[0] < gold[1] and gold[0] < p[1]]
    for p in overlapping:
        if p[:2] == gold[:2]:
            return p
    same = [p for p in overlapping if p[2] == gold[2]]
    return (same or overlapping)[0] if overlapping else None


def _kind(gold: Triple, pred: Triple | None) -> str:
    if pred is None:
        return "missed"
    if pred[:2] == gold[:2]:
        return "type"
    return "boundary" if pred[2] == gold[2] else "boundary+type"


def format_errors(gold: list[GoldDoc], found: list[NerError], context: int = 40) -> str:
    """Counts by class and type, then one line per error: the document, the class, the gold
    and predicted spans ("TYPE «text»") and the text around them."""
    texts = {doc.id: doc.text for doc in gold}
    counts = {(e.kind, e.type): 0 for e in found}
    for e in found:
        counts[e.kind, e.type] += 1
    head = f"{'class':<14}" + "".join(f"{t:>6}" for t in ENTITY_TYPES)
    lines = [head, "-" * len(head)]
    for kind in ERROR_KINDS:
        lines.append(f"{kind:<14}" + "".join(f"{counts.get((kind, t), 0):>6}"
                                              for t in ENTITY_TYPES))
    lines.append("")
    for e in found:
        text = texts[e.doc]
        spans = [m for m in (e.gold, e.pred) if m]
        start, stop = min(m[0] for m in spans), max(m[1] for m in spans)
        around = (text[max(0, start - context) : start] + "[" + text[start:stop] + "]"
                  + text[stop : stop + context])
        lines.append("\t".join([e.doc, e.kind, _shown(text, e.gold), _shown(text, e.pred),
                                 " ".join(around.split())]))
    return "\n".join(lines)


def _shown(text: str, mention: Triple | None) -> str:
    return f"{mention[2]} «{text[mention[0] : mention[1]]}»" if mention else "-"


# --- systems -------------------------------------------------------------------------


def bare_natasha(text: str, resources: Resources, convention: str = NEREL) -> list[Triple]:
    """natasha's NewsNERTagger over the raw text, as it is: the baseline (it has no nesting
    and no sources, so every convention sees it unchanged)."""
    markup = resources.ner_tagger(text)
    return [(span.start, span.stop, span.type) for span in markup.spans]


def khronika_mentions(text: str, resources: Resources, convention: str = NEREL) -> list[Triple]:
    """khronika's whole pipeline (reader, NER, fixes, linker) over the text, seen the way
    the gold standard of ``convention`` annotates (``CONVENTIONS``)."""
    from ..pipeline import analyze_text

    doc = analyze_text(text, published=None, resources=resources)
    return CONVENTIONS[convention](doc)


def factrueval_view(doc: Doc) -> list[Triple]:
    """khronika's mentions as factRuEval annotates names (naeval's ``adapt_factru``): an
    ``Org`` is its ``org_name`` parts and a place named with it is a ``Location`` of its own,
    so an ORG whose span ends with a nested LOC it was joined with ("ФСБ России") is the ORG
    part and the LOC part; descriptors (``org_descr``, ``job``: role and institution phrases,
    ``source = "role"``, organisations named by a description, ``source = "description"``)
    and ``geo_adj`` (country adjectives, ``source = "adjective"``) are not names."""
    mentions = [m for m in doc.mentions if m.source not in (ROLE, ADJECTIVE, DESCRIPTION)]
    found: list[Triple] = []
    for m in mentions:
        start = m.start
        while (part := _joined_part(doc, m, start, mentions)) is not None:
            found.append((start, start + len(doc.text[start : part.start].rstrip()), ORG))
            start = part.start  # "Генштаба ВС РФ": "Генштаба", then "ВС РФ" in its turn
        if start == m.start:
            found.append((m.start, m.stop, m.type))
    return found


def _joined_part(doc: Doc, org: Mention, start: int, mentions: list[Mention]) -> Mention | None:
    """The longest mention an ORG mention ends with after a space, past ``start``: the place
    or organisation it was joined with ("России" of "ФСБ России", "ООН" of "Совет
    Безопасности ООН")."""
    if org.type != ORG:
        return None
    parts = [m for m in mentions if m.type in (LOC, ORG) and m.stop == org.stop
             and start < m.start and doc.text[m.start - 1].isspace()
             and doc.text[start : m.start].strip()]
    return min(parts, key=lambda m: m.start) if parts else None


def nerel_view(doc: Doc) -> list[Triple]:
    """khronika's mentions as NEREL annotates (``annotation.conf``, the RuNNE guidelines):
    an organisation named by a description is an ORGANIZATION ("правительство Киргизии",
    "российских властей", "пресс-служба МВД": khronika's institution phrases, ORG with
    ``source = "role"``, and its descriptions, ``source = "description"``),
    but a group of people named by their occupation is a PROFESSION ("российские
    миротворцы", "боевики": an institution phrase whose noun is animate), and so is a post
    ("президент России": a role phrase, PER with ``source = "role"``); a country adjective
    ("российского", ``source = "adjective"``) is a COUNTRY, but a person's NATIONALITY when
    it describes a person outside a post ("американский актёр", not "американский
    президент"). Names as they are, nested ones inside."""
    roles = [m for m in doc.mentions if m.source == ROLE]
    found = []
    for m in doc.mentions:
        if m.source == ROLE and (m.type != ORG or _names_people(doc, m)):
            continue
        if m.source == ADJECTIVE and _nationality(doc, m, roles):
            continue
        found.append((m.start, m.stop, m.type))
    return found


def _nationality(doc: Doc, adjective: Mention, roles: list[Mention]) -> bool:
    if any(r.start <= adjective.start and adjective.stop <= r.stop for r in roles):
        return False
    index = doc.token_range(adjective.start, adjective.stop)
    if not index:
        return False
    head = doc.tokens[index[0]].head
    return 0 <= head < len(doc.tokens) and doc.tokens[head].pos == "NOUN" and (
        doc.tokens[head].feats.get("Animacy") == "Anim")


def _names_people(doc: Doc, mention: Mention) -> bool:
    nouns = [doc.tokens[i] for i in doc.token_range(mention.start, mention.stop)
             if doc.tokens[i].pos in ("NOUN", "PROPN")]
    return bool(nouns) and nouns[0].feats.get("Animacy") == "Anim"


CONVENTIONS: dict[str, Callable[[Doc], list[Triple]]] = {
    NEREL: nerel_view,
    FACTRUEVAL: factrueval_view,
}

SYSTEMS: dict[str, Callable[[str, Resources, str], list[Triple]]] = {
    "khronika": khronika_mentions,
    "natasha": bare_natasha,
}


# --- report --------------------------------------------------------------------------


@dataclass(slots=True)
class Report:
    path: str
    docs: int
    scores: dict[str, Scores]  # by system name
    seconds: dict[str, float]
    errors: dict[str, list[NerError]] = field(default_factory=dict)  # when asked for
    gold: list[GoldDoc] = field(default_factory=list)


def convention_of(path: str | Path) -> str:
    """``nerel`` for a folder of brat files, ``factrueval`` for a factRuEval one."""
    return NEREL if any(Path(path).glob("*.ann")) else FACTRUEVAL


def predict(gold: Iterable[GoldDoc], system, resources: Resources,
            convention: str = NEREL) -> dict[str, list[Triple]]:
    return {doc.id: system(doc.text, resources, convention) for doc in gold}


def evaluate_ner(
    path: str | Path, resources: Resources, systems: Iterable[str] = tuple(SYSTEMS), *,
    progress: Progress = silent, limit: int | None = None, with_errors: bool = False,
) -> Report:
    """Score each named system (``khronika``, ``natasha``) on a factRuEval or NEREL folder
    (its first ``limit`` documents if given), with each one's errors if asked;
    ``progress`` sees every document go by, per system."""
    gold = load_gold(path, limit)
    scores, seconds, found = {}, {}, {}
    for name in systems:
        if name not in SYSTEMS:
            raise ValueError(f"unknown system {name!r}: choose from {', '.join(SYSTEMS)}")
        began = time.perf_counter()
        docs = progress(gold, f"ner {name}", lambda doc: doc.id)
        predicted = predict(docs, SYSTEMS[name], resources, convention_of(path))
        seconds[name] = time.perf_counter() - began
        scores[name] = score(gold, predicted)
        if with_errors:
            found[name] = errors(gold, predicted)
    return Report(str(path), len(gold), scores, seconds, found, gold if with_errors else [])


def format_report(report: Report) -> str:
    """A plain-text table: system × type × exact P R F1 and token P R F1 (in %)."""
    columns = f"{'P':>8} {'R':>6} {'F1':>6}"
    head = f"{'system':<9} {'type':<6} {columns}   {columns}"
    over = f"{'':<16} {'exact spans':^22}   {'word tokens':^22}"
    lines = [f"NER: {report.path} ({report.docs} docs)", over, head, "-" * len(head)]
    for name, scores in report.scores.items():
        for type in (*ENTITY_TYPES, MICRO):
            exact, token = _prf(scores.exact[type]), _prf(scores.token[type])
            lines.append(f"{name:<9} {type:<6} {exact}   {token}")
    return "\n".join(lines)


def _prf(counts: Counts) -> str:
    p, r, f = (100 * x for x in (counts.precision, counts.recall, counts.f1))
    return f"{p:>8.1f} {r:>6.1f} {f:>6.1f}"
