"""Plain-text tables shared by the evaluations that score rows by class (dates, names)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class ByClass(Protocol):
    system: str
    by_class: dict[str, list[int]]  # class -> [right, rows]


def tally(by_class: dict[str, list[int]], kind: str, right: bool) -> None:
    """Count one row of class ``kind`` (rows with no class under "-")."""
    counts = by_class.setdefault(kind or "-", [0, 0])
    counts[0] += right
    counts[1] += 1


def class_table(scores: Sequence[ByClass], title: str, name_width: int,
                cell_width: int) -> list[str]:
    """The share of rows right per class, a column per system (nothing when no row has a
    class)."""
    classes = sorted({k for s in scores for k in s.by_class} - {"-"})
    if not classes:
        return []
    lines = [title, f"  {'class':<{name_width}}{'rows':>5}"
             + "".join(f"{s.system:>{cell_width}}" for s in scores)]
    for kind in classes:
        rows = scores[0].by_class.get(kind, [0, 0])[1]
        cells = "".join(f"{s.by_class.get(kind, [0, 0])[0] / (rows or 1):>{cell_width}.3f}"
                        for s in scores)
        lines.append(f"  {kind:<{name_width}}{rows:>5}{cells}")
    return lines
