"""Reading inputs: bytes → Articles.

``read_bytes`` decodes the bytes, tells the format apart (page dump or plain text, HTML,
JSON Lines) and reads the layout. It returns a list because a JSON Lines file holds many
articles; a JSON Lines line that cannot be read is a ``Failure`` in that list, and the
other lines are still read. A whole input that cannot be read raises a ``ReadError``
(EmptyInput, BinaryInput, TooLarge, UndecodableInput, NoArticle): the caller records it
as a Failure and goes on with the next input.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from khronika import errors
from khronika.read.detect import decode, detect_format
from khronika.read.dump import parse_dump
from khronika.read.html import parse_html
from khronika.read.jsonl import iter_jsonl
from khronika.records import Article, Failure

__all__ = [
    "MAX_BYTES",
    "decode",
    "detect_format",
    "iter_inputs",
    "iter_jsonl",
    "parse_dump",
    "parse_html",
    "read_bytes",
    "read_path",
]

log = logging.getLogger(__name__)

MAX_BYTES = 20_000_000
STDIN = "-"


def iter_inputs(paths: list[str]) -> Iterator[str]:
    """Input paths: files as given, directories recursively in sorted order (hidden files
    and folders skipped), "-" for standard input. A directory is walked once, however
    often it is reached (named twice, or through a symlink, a loop included)."""
    walked: set[str] = set()
    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            yield path
            continue
        yield from _walk(Path(path), walked)


def _walk(folder: Path, walked: set[str]) -> Iterator[str]:
    real = os.path.realpath(folder)
    if real in walked:
        return
    walked.add(real)
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, walked)
        elif entry.is_file():
            yield str(entry)


def read_bytes(data: bytes, *, path: str, max_bytes: int = MAX_BYTES) -> list[Article | Failure]:
    """Articles read from ``data``: one for a page or text, one per line for JSON Lines
    (a bad line is a Failure there). Raise a ReadError when the input cannot be read."""
    if len(data) > max_bytes:
        raise errors.TooLarge(_too_large(path, len(data), max_bytes))
    text, encoding = decode(data, path=path)
    kind = detect_format(text, path)
    log.debug("%s: %s, %s", path, kind, encoding)
    if kind == "jsonl":
        return list(iter_jsonl(text, path=path, encoding=encoding))
    if kind == "html":
        return [parse_html(text, path=path, encoding=encoding)]
    return [parse_dump(text, path=path, encoding=encoding)]


def read_path(path: str, *, max_bytes: int = MAX_BYTES) -> list[Article | Failure]:
    """``read_bytes`` on a file ("-" reads standard input); the size is checked first."""
    if path == STDIN:
        return read_bytes(sys.stdin.buffer.read(max_bytes + 1), path="<stdin>", max_bytes=max_bytes)
    size = os.path.getsize(path)
    if size > max_bytes:
        raise errors.TooLarge(_too_large(path, size, max_bytes))
    return read_bytes(Path(path).read_bytes(), path=path, max_bytes=max_bytes)


def _too_large(path: str, size: int, max_bytes: int) -> str:
    return (
        f"{path}: too large: expected at most {max_bytes:,} bytes, found {size:,} bytes; "
        "raise the limit with --max-bytes or split the file"
    )
