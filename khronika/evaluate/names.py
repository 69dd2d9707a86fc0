"""Name forms measured on a table of sentences: khronika's nominative against natasha's.

The table (TSV with a header) has the columns ``sentence``, ``mention`` (the exact
substring naming a person; its first occurrence counts), ``normal`` (its nominative) and
``class`` (the phenomenon, for the per-class table).

khronika runs as on an article, through the stages up to name normalisation and
coreference; bare natasha tags the sentence (segmenter, morphology, NER) and normalises
its spans with ``span.normalize``. Each system's answer is the nominative (khronika's
``lemma``: the mention's own form, not the cluster's name) of the mention it found
overlapping the expected substring; the words of the substring its mention does not
cover are counted as left as they are. It is right when it equals ``normal`` up to ё/е
and spacing (letter case counts). A substring no mention overlaps is wrong (``missed``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..pipeline import STAGES, analyze_article
from ..progress import Progress, silent
from ..records import Article, Span
from .tables import class_table, tally

NAME_STAGES = ("segment", "tag", "ner", "nerfix", "credits", "propagate", "normalize", "coref")


@dataclass(frozen=True, slots=True)
class Row:
    sentence: str
    mention: str
    normal: str
    kind: str = ""

    @property
    def span(self) -> tuple[int, int]:
        start = self.sentence.index(self.mention)
        return start, start + len(self.mention)


@dataclass(frozen=True, slots=True)
class Found:
    """A system's mention: where it is, and its nominative."""

    start: int
    stop: int
    surface: str
    nominative: str


@dataclass(slots=True)
class Score:
    system: str
    rows: int = 0
    right: int = 0
    missed: int = 0
    by_class: dict[str, list[int]] = field(default_factory=dict)  # class -> [right, rows]
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.rows if self.rows else 0.0


@dataclass(slots=True)
class Report:
    path: str
    rows: int
    scores: list[Score]


def read_rows(path: str | Path) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = [Row(r["sentence"], r["mention"], r["normal"], r.get("class") or "")
                for r in csv.DictReader(f, delimiter="\t")]
    for row in rows:
        if row.mention not in row.sentence:
            raise ValueError(f"{path}: {row.mention!r} is not in {row.sentence!r}")
    return rows


def same_name(a: str, b: str) -> bool:
    return " ".join(a.replace("ё", "е").replace("Ё", "Е").split()) == " ".join(
        b.replace("ё", "е").replace("Ё", "Е").split())


def answer(row: Row, found: list[Found]) -> str | None:
    """The system's nominative for the row's substring: its overlapping mention's, word
    for word; None when no mention overlaps it."""
    start, stop = row.span
    hits = [f for f in found if f.start < stop and start < f.stop]
    if not hits:
        return None
    best = max(hits, key=lambda f: min(stop, f.stop) - max(start, f.start))
    return _aligned(row, best)


def _aligned(row: Row, found: Found) -> str:
    """The words of the row's substring, each replaced by the found mention's nominative
    of it when the mention covers it (the mention's words and nominative's words pair up)."""
    start, _ = row.span
    surface = _words(found.surface, found.start)
    nominal = found.nominative.split()
    if len(surface) != len(nominal):
        return found.nominative
    by_offset = {w_start: nom for (w_start, _), nom in zip(surface, nominal, strict=True)}
    return " ".join(by_offset.get(w_start, word)
                    for word, w_start in _word_texts(row.mention, start))


def _words(text: str, offset: int) -> list[tuple[int, str]]:
    return [(w_start, word) for word, w_start in _word_texts(text, offset)]


def _word_texts(text: str, offset: int) -> Iterable[tuple[str, int]]:
    position = 0
    for word in text.split():
        position = text.index(word, position)
        yield word, offset + position
        position += len(word)


def evaluate_names(
    tsv_path: str | Path, resources=None, *, progress: Progress = silent
) -> Report:
    """Score khronika and bare natasha on the table at ``tsv_path``."""
    if not Path(tsv_path).is_file():
        raise FileNotFoundError(
            f"no names table at {tsv_path}: expected a TSV with the columns sentence, "
            "mention, normal, class; pass its path"
        )
    rows = read_rows(tsv_path)
    if resources is None:
        from ..resources import Resources

        resources = Resources.load()  # the KB too, as in the pipeline
    systems: list[tuple[str, Callable[[Row], list[Found]]]] = [
        ("khronika", lambda row: khronika_found(row, resources)),
        ("natasha", lambda row: natasha_found(row, resources)),
    ]
    return Report(str(tsv_path), len(rows),
                  [score(name, fn, progress(rows, f"names {name}")) for name, fn in systems])


def score(name: str, system: Callable[[Row], list[Found]], rows: Iterable[Row]) -> Score:
    result = Score(system=name)
    for row in rows:
        got = answer(row, system(row))
        right = got is not None and same_name(got, row.normal)
        tally(result.by_class, row.kind, right)
        result.rows += 1
        result.right += right
        result.missed += got is None
        if not right:
            result.errors.append(f"[{row.kind}] {row.mention!r}: expected {row.normal!r}, "
                                 f"got {got!r} in {row.sentence!r}")
    return result


def khronika_found(row: Row, resources) -> list[Found]:
    """khronika as on an article, up to normalisation and coreference."""
    stages = tuple(s for s in STAGES if s.name in NAME_STAGES)
    article = Article(text=row.sentence, paragraphs=[Span(0, len(row.sentence))])
    doc = analyze_article(article, resources, stages)
    return [Found(m.start, m.stop, m.text, m.lemma) for m in doc.mentions]


def natasha_found(row: Row, resources) -> list[Found]:
    """Bare natasha: its own tokens, morphology and NER spans, then ``span.normalize``."""
    from natasha import Doc

    doc = Doc(row.sentence)
    doc.segment(resources.segmenter)
    doc.tag_morph(resources.morph_tagger)
    doc.tag_ner(resources.ner_tagger)
    found = []
    for span in doc.spans:
        span.normalize(resources.morph_vocab)
        found.append(Found(span.start, span.stop, span.text, span.normal))
    return found


def format_report(report: Report, errors: bool = False) -> str:
    """Accuracy per system, then per class; with ``errors``, every wrong row."""
    lines = [f"{report.path}: {report.rows} names",
             f"{'system':<12}{'right':>7}{'missed':>8}{'accuracy':>10}"]
    for s in report.scores:
        lines.append(f"{s.system:<12}{s.right:>7}{s.missed:>8}{s.accuracy:>10.3f}")
    lines += class_table(report.scores, "accuracy per class:", 18, 10)
    if errors:
        for s in report.scores:
            lines.append(f"errors of {s.system} ({len(s.errors)}):")
            lines.extend(f"  {e}" for e in s.errors)
    return "\n".join(lines)
