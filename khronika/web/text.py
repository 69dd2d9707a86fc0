"""Stored text made safe to show in a page, and an article cut into highlighted pieces.

HTML escaping is the templates' (Jinja autoescape, on every value). Here: control
characters (C0, C1, DEL) and the invisible bidi controls that reorder what is shown (RLO,
LRE, isolates …) are removed, with the offsets of the text kept while marks are placed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..output.terminal import GONE, _masked

BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def _hidden(text: str) -> str:
    """``text`` with controls and bidi controls replaced by GONE, one for one."""
    return BIDI_CONTROLS.sub(GONE, _masked(text, lines=True))


def visible(text: str) -> str:
    """``text`` without control characters or bidi controls (line breaks kept)."""
    return _hidden(text).replace(GONE, "")


@dataclass(slots=True)
class Mark:
    start: int
    stop: int
    kind: str  # a CSS class: PER, LOC, ORG, timex, quote, trigger
    title: str = ""  # shown on hover: the entity's name, the date's value
    href: str = ""  # where the piece links to (an actor's page)


@dataclass(slots=True)
class Piece:
    text: str
    kinds: list[str]
    title: str
    href: str


def pieces(text: str, marks: list[Mark]) -> list[Piece]:
    """``text`` cut at every mark's edge; each piece carries the kinds of the marks over it
    (the innermost mark's title and link)."""
    masked = _hidden(text)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.stop for m in marks)})
    out = []
    for start, stop in itertools.pairwise(cuts):
        over = [m for m in marks if m.start <= start and stop <= m.stop]
        over.sort(key=lambda m: m.stop - m.start, reverse=True)
        chunk = masked[start:stop].replace(GONE, "")
        if chunk:
            out.append(Piece(chunk, [m.kind for m in over],
                             next((m.title for m in reversed(over) if m.title), ""),
                             next((m.href for m in reversed(over) if m.href), "")))
    return out
