"""Input paths: files as given, folders walked; files that are not articles left out.

A browser's "Save page as" writes page.html and a page_files/ folder of the page's
scripts, styles, images, fonts and manifests. Those are not articles: they are skipped
by type and counted, never read and never recorded as failures. The type is the file's
extension (``not_articles`` in data/layout.yaml) or, whatever its name, first bytes that
show an image or a web font (``detect.asset_kind``). A .json file whose first line is an
article record is kept: JSON Lines feeds are sometimes named .json.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from khronika.read.detect import asset_kind
from khronika.read.layout import load_layout

log = logging.getLogger(__name__)

STDIN = "-"
HEAD_BYTES = 4096  # enough for any magic number and for one JSON Lines record's start
MAYBE_JSON_LINES = ".json"


@dataclass(slots=True)
class Inputs:
    """The input paths to read, and how many files were skipped, by label."""

    paths: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def skipped_note(self) -> str | None:
        """"11 files skipped (not articles: images, .js, .css)", or None."""
        total = sum(self.skipped.values())
        if not total:
            return None
        order = list(dict.fromkeys(load_layout().not_articles.values()))
        labels = sorted(self.skipped, key=lambda label: (
            -self.skipped[label], order.index(label) if label in order else len(order)))
        noun = "file" if total == 1 else "files"
        return f"{total} {noun} skipped (not articles: {', '.join(labels)})"


def list_inputs(paths: Iterable[str]) -> Inputs:
    """``iter_inputs`` collected, with the count of skipped files."""
    inputs = Inputs()
    inputs.paths.extend(iter_inputs(paths, inputs.skipped))
    return inputs


def iter_inputs(paths: Iterable[str], skipped: Counter[str] | None = None) -> Iterator[str]:
    """Input paths: files as given, directories recursively in sorted order (hidden files
    and folders skipped), "-" for standard input; files that are not articles are left
    out and counted in ``skipped`` by label.
    A directory is walked once, however often it is reached (named twice, or through a
    symlink, a loop included)."""
    walked: set[str] = set()
    for path in paths:
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            yield from _articles(_walk(Path(path), walked), skipped)
        else:
            yield from _articles([path], skipped)


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


def _articles(paths: Iterable[str], skipped: Counter[str] | None) -> Iterator[str]:
    for path in paths:
        label = not_article(path)
        if label is None:
            yield path
            continue
        log.debug("%s: skipped, not an article (%s)", path, label)
        if skipped is not None:
            skipped[label] += 1


def not_article(path: str) -> str | None:
    """The label of a file that is not an article (".js", "images"…), or None."""
    suffix = Path(path).suffix.lower()
    label = load_layout().not_articles.get(suffix)
    if label is not None and suffix != MAYBE_JSON_LINES:
        return label
    head = _head(path)
    if label is not None:
        return None if _starts_with_record(head) else label
    return asset_kind(head)


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(HEAD_BYTES)
    except OSError:
        return b""  # a file that cannot be opened is read, and fails with its reason


def _starts_with_record(head: bytes) -> bool:
    """The first line is a JSON object with a "text" field: JSON Lines, an article feed."""
    line = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and "text" in record
