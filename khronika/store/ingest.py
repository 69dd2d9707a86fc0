"""Batches: read and analyse inputs in worker processes; one writer stores them.

Workers run ``process_input`` (read → Articles → analyse); the parent process owns the
DuckDB file and writes each batch in one transaction. One bad input never stops a batch:
it becomes a Failure with its reason.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .. import read as readers
from ..errors import ReadError
from ..pipeline import STAGES, Stage, analyze_article
from ..records import Article, Doc, Failure
from ..resources import Resources
from . import db as store

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10_000_000
STDIN = "-"


@dataclass(slots=True)
class Source:
    """One input: a file path, or stdin's bytes."""

    path: str
    data: bytes | None = None
    sha: str | None = None  # set by `ingest` before any work is sent out
    size: int = 0

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        with open(self.path, "rb") as f:
            return f.read()


@dataclass(slots=True)
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    published: date | None = None  # used when an input has no date of its own
    stages: tuple[Stage, ...] = STAGES  # the analysis to run (bench drops `events`)


@dataclass(slots=True)
class Outcome:
    """What one input gave: documents and failures, with the input's hash and size."""

    path: str
    sha: str | None
    size: int
    docs: list[Doc] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    inputs: int = 0
    skipped: int = 0
    articles: int = 0
    duplicates: int = 0  # articles already stored (the same text from another input)
    duplicate_inputs: int = 0  # inputs whose content another input of this run has
    failures: list[Failure] = field(default_factory=list)


def file_sha(source: Source, max_bytes: int) -> tuple[str | None, int]:
    """Content hash of an input (None when it cannot be read or is over the limit)."""
    try:
        size = len(source.data) if source.data is not None else os.path.getsize(source.path)
        if size > max_bytes:
            return None, size
        return hashlib.sha256(source.read()).hexdigest(), size
    except OSError:
        return None, 0


def _failure(path: str, error: Exception, article_id: str | None = None) -> Failure:
    """A one-line reason that names the input."""
    if isinstance(error, ReadError):
        reason = str(error)
    elif isinstance(error, OSError):
        reason = f"cannot read: {error.strerror}; check that the file exists and is readable"
    else:
        reason = f"analysis failed: {error!r}"
    reason = " ".join(reason.split())
    if not reason.startswith(path):
        reason = f"{path}: {reason}"
    return Failure(path=path, reason=reason, kind=type(error).__name__, id=article_id)


def _analyze(article: Article, resources: Resources, options: Options) -> Doc | Failure:
    if article.published is None and options.published is not None:
        article.published = options.published
    try:
        return analyze_article(article, resources, options.stages)
    except Exception as error:  # one bad document never stops a batch
        log.debug("analysis of %s failed", article.path, exc_info=True)
        return _failure(article.path or "?", error, article.id)


def process_input(source: Source, resources: Resources, options: Options) -> Outcome:
    """Read one input and analyse every article in it."""
    outcome = Outcome(source.path, source.sha, source.size)
    try:
        if source.data is None:  # a file: its size is checked before it is read
            items = readers.read_path(source.path, max_bytes=options.max_bytes)
        else:
            items = readers.read_bytes(source.data, path=source.path, max_bytes=options.max_bytes)
    except (ReadError, OSError) as error:
        outcome.failures.append(_failure(source.path, error))
        return outcome
    for item in items:
        result = item if isinstance(item, Failure) else _analyze(item, resources, options)
        (outcome.failures if isinstance(result, Failure) else outcome.docs).append(result)
    return outcome


def init_worker() -> None:
    """Pool initializer: one BLAS thread per worker, or N workers fight over the cores."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


@lru_cache(maxsize=1)
def process_resources() -> Resources:
    """This process's models, loaded on first use (once per worker process)."""
    return Resources.load()


def _work(args: tuple[Source, Options]) -> Outcome:
    source, options = args
    return process_input(source, process_resources(), options)


def sources(paths: list[str]) -> Iterator[Source]:
    for path in readers.iter_inputs(paths):
        if path == STDIN:
            yield Source(STDIN, sys.stdin.buffer.read())
        else:
            yield Source(path)


def run(
    items: list[Source], options: Options, *, workers: int = 1,
    resources: Resources | None = None,
) -> Iterator[Outcome]:
    """Process inputs in order, in this process (workers=1) or in a pool of processes."""
    if workers <= 1 or len(items) <= 1:
        res = resources
        for source in items:
            res = res or Resources.load()
            yield process_input(source, res, options)
        return
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with context.Pool(workers, initializer=init_worker) as pool:
        yield from pool.imap(_work, [(s, options) for s in items], chunksize=1)


def unique_inputs(items: list[Source]) -> tuple[list[Source], int]:
    """The first input of each content hash, and how many repeats were left out (two
    copies of a file, a path given twice)."""
    seen: set[str] = set()
    unique = []
    for source in items:
        if source.sha in seen:
            continue
        unique.append(source)
        if source.sha is not None:
            seen.add(source.sha)
    return unique, len(items) - len(unique)


def ingest(
    paths: list[str], db: str, options: Options, *, workers: int = 1, batch_size: int = 32,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Report:
    """Ingest inputs into the DuckDB file ``db``; idempotent and resumable."""
    report = Report()
    items = list(sources(paths))
    report.inputs = len(items)
    con = store.connect(db)
    try:
        for source in items:
            source.sha, source.size = file_sha(source, options.max_bytes)
        items, report.duplicate_inputs = unique_inputs(items)
        done = store.known_inputs(con, [s.sha for s in items if s.sha])
        todo = [s for s in items if s.sha is None or s.sha not in done]
        report.skipped = len(items) - len(todo)
        if on_start:
            on_start(len(todo))
        batch: list[Outcome] = []
        for outcome in run(todo, options, workers=workers):
            batch.append(outcome)
            report.failures.extend(outcome.failures)
            if on_outcome:
                on_outcome(outcome)
            if len(batch) >= batch_size:
                _flush(con, batch, report)
        _flush(con, batch, report)
    finally:
        con.close()
    return report


def _flush(con, batch: list[Outcome], report: Report) -> None:
    docs = [d for o in batch for d in o.docs]
    failures = [f for o in batch for f in o.failures]
    inputs = [(o.sha, o.path, o.size, len(o.docs)) for o in batch if o.sha and not o.failures]
    added = store.write_batch(con, docs, failures, inputs)
    report.articles += added
    report.duplicates += len(docs) - added
    batch.clear()
