"""Date extraction measured on a table of sentences, for khronika and for dateparser.

The table (TSV with a header) has the columns ``sentence``, ``expression`` (the exact
substring expected; empty when the sentence holds no date), ``published`` (ISO),
``future`` (0/1), ``value``, ``precision`` and, optionally, ``mod``.

Detection: an expected expression is found when a span found by the system overlaps it;
a found span that overlaps no expected expression is a false positive. Value accuracy:
the share of expected expressions whose overlapping span has the expected value at the
expected precision (dateparser returns datetimes, which are truncated to it).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .evaluate import Counts
from .timex import find_timexes
from .timex_resolve import iso_week

log = logging.getLogger(__name__)

# the fixture set written for khronika's tests (present in a source checkout)
DEFAULT_TSV = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "timex.tsv"
SEASONS = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}


@dataclass(frozen=True, slots=True)
class Row:
    sentence: str
    expression: str
    published: date
    future: bool
    value: str
    precision: str
    mod: str = ""

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
        published=date.fromisoformat(rec["published"]),
        future=rec.get("future", "0") == "1",
        value=rec.get("value") or "",
        precision=rec.get("precision") or "",
        mod=rec.get("mod") or "",
    )


def evaluate_dates(tsv_path: str | Path) -> Report:
    """Score khronika and dateparser on the table at ``tsv_path``."""
    if not Path(tsv_path).is_file():
        raise FileNotFoundError(
            f"no date table at {tsv_path}: expected a TSV with the columns sentence, "
            "expression, published, future, value, precision; pass its path"
        )
    rows = read_rows(tsv_path)
    systems: list[tuple[str, Callable[[Row], list[Found]]]] = [
        ("khronika", khronika_found),
        ("dateparser", dateparser_found),
    ]
    return Report(str(tsv_path), len(rows), [score(name, fn, rows) for name, fn in systems])


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
    if any(f.value == row.value for f in hits):
        result.correct_values += 1
    elif span is not None or found:
        result.errors.append(f"{row.sentence!r}: expected {row.value or None}, got {found}")


def khronika_found(row: Row) -> list[Found]:
    timexes = find_timexes(row.sentence, row.published, future=row.future)
    return [Found(t.start, t.stop, t.value) for t in timexes]


def dateparser_found(row: Row) -> list[Found]:
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": datetime.combine(row.published, datetime.min.time()),
        "PREFER_DATES_FROM": "future" if row.future else "past",
    }
    hits = search_dates(row.sentence, languages=["ru"], settings=settings) or []
    return list(_locate(row, hits))


def _locate(row: Row, hits: list[tuple[str, datetime]]) -> Iterable[Found]:
    pos = 0
    for text, moment in hits:
        start = row.sentence.find(text, pos)
        if start < 0:
            start = row.sentence.find(text)
        pos = max(start, 0) + len(text)
        yield Found(start, start + len(text), truncate(moment.date(), row.precision or "day"))


def truncate(day: date, precision: str) -> str:
    """A calendar day written at a precision, as khronika writes its values."""
    year = day.year
    forms = {
        "day": day.isoformat(),
        "week": iso_week(day),
        "month": f"{year:04d}-{day.month:02d}",
        "quarter": f"{year}-Q{(day.month - 1) // 3 + 1}",
        "season": f"{year}-{SEASONS.get(day.month, 'WI')}",
        "year": str(year),
        "decade": str(year)[:3],
        "century": str((year - 1) // 100 + 1),
    }
    return forms[precision]


def format_report(report: Report) -> str:
    """A small plain-text table: one line per system."""
    lines = [
        f"{report.path}: {report.rows} sentences",
        f"{'system':<12}{'expected':>9}{'found':>7}{'P':>7}{'R':>7}{'F1':>7}{'value acc':>11}",
    ]
    for s in report.scores:
        lines.append(
            f"{s.system:<12}{s.gold:>9}{s.predicted:>7}{s.precision:>7.3f}{s.recall:>7.3f}"
            f"{s.f1:>7.3f}{s.value_accuracy:>11.3f}"
        )
    return "\n".join(lines)
