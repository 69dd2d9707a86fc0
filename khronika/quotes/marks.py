"""Quotation marks: the outermost quoted spans of a text block.

«…», „…“, “…” and straight "…" quotes, nested in any combination («…"…"…»). Straight
quotes are ambiguous: one opens after a space or an opening bracket and before a word,
and closes after a word and before a space or punctuation. Quotes are found over a whole
block, not per sentence: a long quote may span several sentences.
"""

from __future__ import annotations

from ..records import Span

CLOSERS = {"»": "«", "”": "“", "“": "„"}
OPENERS = frozenset("«„“")
STRAIGHT = '"'
_BEFORE_OPEN = frozenset(" \t\n\xa0([{«„“'-—–:/")
_AFTER_CLOSE = frozenset(" \t\n\xa0.,;:!?)]}»”“…-—–'\"")


def quoted_spans(text: str, block: Span) -> list[tuple[int, int]]:
    """(opening mark offset, closing mark offset) of each outermost quote in ``block``."""
    stack: list[tuple[str, int]] = []
    found = []
    for i in range(block.start, block.stop):
        role = _role(text, i, block, stack)
        if role == "open":
            stack.append((text[i], i))
        elif role == "close":
            opened = _close(stack, _opener_of(text[i]))
            if opened is not None and not stack:
                found.append((opened, i))
    return found


def _opener_of(mark: str) -> str:
    return CLOSERS.get(mark, STRAIGHT)


def _role(text: str, i: int, block: Span, stack: list[tuple[str, int]]) -> str | None:
    char = text[i]
    if char == "“":  # closes „…“, else opens “…”
        return "close" if _innermost(stack, "„“") == "„" else "open"
    if char in OPENERS:
        return "open"
    if char in CLOSERS:
        return "close"
    if char == STRAIGHT:
        return _straight_role(text, i, block, stack)
    return None


def _straight_role(text: str, i: int, block: Span, stack: list[tuple[str, int]]) -> str | None:
    before = text[i - 1] if i > block.start else " "
    after = text[i + 1] if i + 1 < block.stop else " "
    opens = before in _BEFORE_OPEN and after not in _AFTER_CLOSE
    closes = before not in _BEFORE_OPEN and after in _AFTER_CLOSE
    if opens:
        return "open"
    if closes:
        return "close" if _innermost(stack, STRAIGHT) else None
    return None


def _innermost(stack: list[tuple[str, int]], kinds: str) -> str | None:
    for mark, _ in reversed(stack):
        if mark in kinds:
            return mark
    return None


def _close(stack: list[tuple[str, int]], opener: str) -> int | None:
    """Pop down to the innermost ``opener``; its offset, or None when there is none."""
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == opener:
            offset = stack[depth][1]
            del stack[depth:]
            return offset
    return None
