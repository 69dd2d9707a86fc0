"""Date extraction measured on a table of sentences, for khronika and for dateparser.

The table (TSV with a header) has the columns ``sentence``, ``expression`` (the exact
substring expected; empty when the sentence holds no date), ``published`` (ISO date, or
date and time ``2019-08-08T10:15`` when the publication time is known), ``value`` (an
interval is ``start/end``), ``precision`` and, optionally, ``mod`` and ``class`` (the
phenomenon, for the per-class table). Older tables may carry a ``future`` column: it is
not passed to either system.

Both systems get the sentence and its publication date (and time) and nothing else.
khronika runs as it does on an article (segmentation, tagging, then the date stage, which
reads the tense itself), with the time as ``Article.published_at``; dateparser's
``search_dates`` gets the publication date and time as its relative base, and the
precision of each date it finds is the ``period`` dateparser itself reports for it (a
``time`` is written to the hour or minute when the expected value is, else as its day).

Detection: an expected expression is found when a span found by the system overlaps it;
a found span that overlaps no expected expression is a false positive. Value accuracy:
the share of expected expressions for which one overlapping span has the expected value
(khronika's ranges as ``value/end``), or the overlapping spans in order, joined with "/",
give the expected interval.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..pipeline import STAGES, analyze_article
from ..progress import Progress, silent
from ..records import Article, Span
from ..timex.resolve import iso_week
from .ner import Counts
from .parts import GOLD
from .tables import class_table, tally

log = logging.getLogger(__name__)

DEFAULT_TSV = GOLD / "dates_heldout_a.tsv"  # written blind, never tuned on
DATE_STAGES = ("segment", "tag", "timex")
PERIODS = {"time": "day", "day": "day", "week": "week", "month": "month", "year": "year"}
SEASONS = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}


@dataclass(frozen=True, slots=True)
class Row:
    sentence: str
    expression: str
    published: date  # a datetime when the publication time is known
    value: str
    precision: str
    mod: str = ""
    kind: str = ""  # the class column: which phenomenon the row tests
    future: bool = False  # the tense, for the unit tests of find_timexes; never scored with

    @property
    def span(self) -> tuple[int, int] | None:
        if not self.expression:
            return None
        start = self.sentence.index(self.expression)
        return start, start + len(self.expression)


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    stop: int
    value: str | None  # already truncated to the expected precision where it applies


@dataclass(slots=True)
class Score(Counts):
    """Detection counts (a found expression overlapping the expected one) and values."""

    system: str = ""
    correct_values: int = 0
    errors: list[str] = field(default_factory=list)
    by_class: dict[str, list[int]] = field(default_factory=dict)  # class -> [right, rows]

    @property
    def value_accuracy(self) -> float:
        return self.correct_values / self.gold if self.gold else 0.0


@dataclass(slots=True)
class Report:
    path: str
    rows: int
    scores: list[Score]


def read_rows(path: str | Path) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as f:
        return [_row(rec) for rec in csv.DictReader(f, delimiter="\t")]


def _row(rec: dict) -> Row:
    return Row(
        sentence=rec["sentence"],
        expression=rec["expression"] or "",
        published=_published(rec["published"]),
        value=rec.get("value") or "",
        precision=rec.get("precision") or "",
        mod=rec.get("mod") or "",
        kind=rec.get("class") or "",
        future=rec.get("future", "0") == "1",
    )


def _published(text: str) -> date:
    """The date, or the date and time ("2019-08-08T10:15") when the table gives one."""
    text = text.strip()
    return datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(
        text)


def evaluate_dates(
    tsv_path: str | Path, resources=None, *, progress: Progress = silent
) -> Report:
    """Score khronika and dateparser on the table at ``tsv_path``; ``progress`` sees every
    row go by, per system."""
    if not Path(tsv_path).is_file():
        raise FileNotFoundError(
            f"no date table at {tsv_path}: expected a TSV with the columns sentence, "
            "expression, published, value, precision; pass its path"
        )
    rows = read_rows(tsv_path)
    if resources is None:
        from ..resources import Resources

        resources = Resources.load_models()
    systems: list[tuple[str, Callable[[Row], list[Found]]]] = [
        ("khronika", lambda row: khronika_found(row, resources)),
        ("dateparser", dateparser_found),
    ]
    return Report(str(tsv_path), len(rows),
                  [score(name, fn, progress(rows, f"dates {name}")) for name, fn in systems])


def score(name: str, system: Callable[[Row], list[Found]], rows: Iterable[Row]) -> Score:
    result = Score(system=name)
    for row in rows:
        _score_row(result, row, system(row))
    return result


def _score_row(result: Score, row: Row, found: list[Found]) -> None:
    span = row.span
    hits = [f for f in found if span and f.start < span[1] and span[0] < f.stop]
    result.predicted += len(found)
    result.gold += span is not None
    result.true_positive += bool(hits)
    result.predicted -= max(0, len(hits) - 1)  # several pieces of one expression count once
    right = any(f.value == row.value for f in hits) or (
        len(hits) > 1 and "/".join(str(f.value) for f in hits) == row.value)
    # a negative row is right when nothing is found
    tally(result.by_class, row.kind, right or (span is None and not found))
    if right:
        result.correct_values += 1
    elif span is not None or found:
        result.errors.append(f"{row.sentence!r}: expected {row.value or None}, got {found}")


def khronika_found(row: Row, resources) -> list[Found]:
    """khronika as on an article: the sentence is segmented and tagged, and the date stage
    reads the tense itself."""
    stages = tuple(s for s in STAGES if s.name in DATE_STAGES)
    moment = row.published if isinstance(row.published, datetime) else None
    day = moment.date() if moment else row.published
    article = Article(text=row.sentence, paragraphs=[Span(0, len(row.sentence))],
                      published=day, published_at=moment)
    doc = analyze_article(article, resources, stages)
    return [Found(t.start, t.stop, t.value if t.end is None else f"{t.value}/{t.end}")
            for t in doc.timexes]


def dateparser_found(row: Row) -> list[Found]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = row.published if isinstance(row.published, datetime) else datetime.combine(
        row.published, datetime.min.time())
    settings = {"RELATIVE_BASE": base}
    hits = search_dates(row.sentence, languages=["ru"], settings=settings) or []
    parser = DateDataParser(languages=["ru"], settings=settings)
    return list(_locate(row, hits, parser))


def _locate(row: Row, hits: list[tuple[str, datetime]], parser) -> Iterable[Found]:
    pos = 0
    for text, moment in hits:
        start = row.sentence.find(text, pos)
        if start < 0:
            start = row.sentence.find(text)
        pos = max(start, 0) + len(text)
        period = parser.get_date_data(text).period or "day"  # dateparser's own precision
        if period == "time" and row.precision in CLOCK_FORMATS:
            yield Found(start, start + len(text), moment.strftime(CLOCK_FORMATS[row.precision]))
            continue
        yield Found(start, start + len(text), truncate(moment.date(), PERIODS.get(period, "day")))


CLOCK_FORMATS = {"hour": "%Y-%m-%dT%H", "minute": "%Y-%m-%dT%H:%M"}


def truncate(day: date, precision: str) -> str:
    """A calendar day written at a precision, as khronika writes its values."""
    year = day.year
    forms = {
        "day": day.isoformat(),
        "week": iso_week(day),
        "month": f"{year:04d}-{day.month:02d}",
        "quarter": f"{year}-Q{(day.month - 1) // 3 + 1}",
        "half": f"{year}-H{1 if day.month <= 6 else 2}",
        "season": f"{year}-{SEASONS.get(day.month, 'WI')}",
        "year": f"{year:04d}",
        "decade": str(year)[:3],
        "century": str((year - 1) // 100 + 1),
    }
    return forms[precision]


def format_report(report: Report, errors: bool = False) -> str:
    """A small plain-text table: one line per system (and khronika's errors if asked)."""
    lines = [
        f"{report.path}: {report.rows} sentences",
        f"{'system':<12}{'expected':>9}{'found':>7}{'P':>7}{'R':>7}{'F1':>7}{'value acc':>11}",
    ]
    for s in report.scores:
        lines.append(
            f"{s.system:<12}{s.gold:>9}{s.predicted:>7}{s.precision:>7.3f}{s.recall:>7.3f}"
            f"{s.f1:>7.3f}{s.value_accuracy:>11.3f}"
        )
    lines += class_table(report.scores, "right per class (a negative row is right when "
                         "nothing is found):", 22, 12)
    if errors and report.scores:
        lines.append(f"{report.scores[0].system} errors:")
        lines += [f"  {e}" for e in report.scores[0].errors]
    return "\n".join(lines)
