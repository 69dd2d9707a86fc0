"""Batches: read and analyse inputs in worker processes; one writer stores them.

Workers run ``process_work`` (read → Articles → analyse; a JSON Lines input is dealt out
to them record by record); the parent process is the one writer: it holds the writer's
lock for the whole run, and opens the DuckDB file to write each batch in one transaction
(``access``). One bad input never stops a batch: it becomes a Failure with its reason.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from .. import read as readers
from ..errors import ReadError
from ..pipeline import STAGES, Stage, analyze_article
from ..records import Article, Doc, Failure
from ..resources import Resources
from . import access
from . import db as store

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = readers.MAX_BYTES
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
    published_at: datetime | None = None  # and its time, when given
    stages: tuple[Stage, ...] = STAGES  # the analysis to run (bench drops `events`)


@dataclass(slots=True)
class Outcome:
    """What one input gave: documents and failures, with the input's hash and size."""

    path: str
    sha: str | None
    size: int
    docs: list[Doc] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    last: bool = True  # the input's last piece (see Work)


@dataclass(slots=True)
class Work:
    """What one worker is given: a whole input to read and analyse, or (``records``) one
    piece of a JSON Lines input the parent has read, so one feed keeps every worker busy."""

    source: Source
    records: list[Article | Failure] | None = None
    last: bool = True  # the input's last piece: once it is stored, the input is done


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
        size = input_size(source)
        if size > max_bytes:
            return None, size
        return hashlib.sha256(source.read()).hexdigest(), size
    except OSError:
        return None, 0


def input_size(source: Source) -> int:
    return len(source.data) if source.data is not None else os.path.getsize(source.path)


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
        article.published_at = options.published_at
    try:
        return analyze_article(article, resources, options.stages)
    except Exception as error:  # one bad document never stops a batch
        log.debug("analysis of %s failed", article.path, exc_info=True)
        return _failure(article.path or "?", error, article.id)


def process_input(source: Source, resources: Resources, options: Options) -> Outcome:
    """Read one input and analyse every article in it."""
    outcome = Outcome(source.path, source.sha, source.size)
    try:
        items = _read(source, options.max_bytes)
    except (ReadError, OSError) as error:
        outcome.failures.append(_failure(source.path, error))
        return outcome
    return _analyze_items(items, outcome, resources, options)


def _read(source: Source, max_bytes: int) -> list[Article | Failure]:
    if source.data is None:  # a file: its size is checked before it is read
        return readers.read_path(source.path, max_bytes=max_bytes)
    return readers.read_bytes(source.data, path=source.path, max_bytes=max_bytes)


def _analyze_items(
    items: list[Article | Failure], outcome: Outcome, resources: Resources, options: Options,
) -> Outcome:
    for item in items:
        result = item if isinstance(item, Failure) else _analyze(item, resources, options)
        if isinstance(result, Failure):
            outcome.failures.append(result)
        else:
            outcome.docs.append(result)
    return outcome


def process_work(work: Work, resources: Resources, options: Options) -> Outcome:
    """A whole input (read here), or a piece of a JSON Lines input (analysed here)."""
    source = work.source
    if work.records is None:
        outcome = process_input(source, resources, options)
    else:
        outcome = _analyze_items(work.records, Outcome(source.path, source.sha, source.size),
                                 resources, options)
    outcome.last = work.last
    return outcome


def plan(source: Source, options: Options) -> list[Work]:
    """The work items of one input: a JSON Lines input is read here and dealt out one
    record per item; any other input is one item, read by the worker."""
    records = _jsonl_records(source, options.max_bytes)
    if not records:
        return [Work(source)]
    named = Source(source.path, sha=source.sha, size=source.size)  # no bytes to each worker
    return [Work(named, [r], last=n == len(records) - 1) for n, r in enumerate(records)]


def _jsonl_records(source: Source, max_bytes: int) -> list[Article | Failure]:
    """The records of a JSON Lines input; [] for any other input, or one the worker must
    fail with its reason (unreadable, too large, undecodable)."""
    try:
        if input_size(source) > max_bytes:
            return []
        data = source.read()
        text, _ = readers.decode(data, path=source.path)
        if readers.detect_format(text, source.path) != "jsonl":
            return []
        return readers.read_bytes(data, path=source.path, max_bytes=max_bytes)
    except (ReadError, OSError):
        return []


def work_items(items: list[Source], options: Options) -> list[Work]:
    return [work for source in items for work in plan(source, options)]


def init_worker() -> None:
    """Pool initializer: one BLAS thread per worker, or N workers fight over the cores."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


@lru_cache(maxsize=1)
def process_resources() -> Resources:
    """This process's models, loaded on first use (once per worker process)."""
    return Resources.load()


def _work(args: tuple[Work, Options]) -> Outcome:
    work, options = args
    return process_work(work, process_resources(), options)


def sources(paths: list[str]) -> Iterator[Source]:
    for path in readers.iter_inputs(paths):
        if path == STDIN:
            yield Source(STDIN, sys.stdin.buffer.read())
        else:
            yield Source(path)


def run(
    items: list[Work], options: Options, *, workers: int = 1,
    resources: Resources | None = None,
) -> Iterator[Outcome]:
    """Process work items in order, in this process (workers=1) or in a pool of processes."""
    if workers <= 1 or len(items) <= 1:
        res = resources
        for work in items:
            res = res or Resources.load()
            yield process_work(work, res, options)
        return
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with context.Pool(workers, initializer=init_worker) as pool:
        yield from pool.imap(_work, [(w, options) for w in items], chunksize=1)


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
    on_start: Callable[[int], None] | None = None, wait: float = access.WAIT,
) -> Report:
    """Ingest inputs into the DuckDB file ``db``; idempotent and resumable. The file is
    opened for each batch's write only (readers get in between); ``wait`` is how long to
    wait for a process that holds it."""
    report = Report()
    with access.writing(db):
        access.open_store(db, write=True, wait=wait).close()  # a bad file fails here, first
        own = access.store_files(db)  # `ingest .` never reads the store itself
        items = [s for s in sources(paths) if os.path.realpath(s.path) not in own]
        todo = _todo(items, db, options, report, wait)
        work = work_items(todo, options)
        if on_start:
            on_start(len(work))
        batch: list[Outcome] = []
        pieces: dict[str, tuple[int, int]] = {}
        for outcome in run(work, options, workers=workers):
            batch.append(outcome)
            report.failures.extend(outcome.failures)
            if on_outcome:
                on_outcome(outcome)
            if len(batch) >= batch_size:
                _flush(db, batch, report, pieces, wait)
        _flush(db, batch, report, pieces, wait)
    return report


def _todo(items: list[Source], db: str, options: Options, report: Report,
          wait: float) -> list[Source]:
    """The inputs not stored yet, each content once."""
    report.inputs = len(items)
    for source in items:
        source.sha, source.size = file_sha(source, options.max_bytes)
    items, report.duplicate_inputs = unique_inputs(items)
    with access.open_store(db, write=True, wait=wait) as con:
        done = store.known_inputs(con, [s.sha for s in items if s.sha])
    todo = [s for s in items if s.sha is None or s.sha not in done]
    report.skipped = len(items) - len(todo)
    return todo


def input_row(outcome: Outcome, pieces: dict[str, tuple[int, int]]) -> tuple | None:
    """The ``inputs`` row of an input whose last piece this is, with its status: done,
    partial (some articles, some failures) or failed. None before its last piece (whose
    articles and failures so far ``pieces`` carries), or for an input with no hash."""
    if outcome.sha is None:
        return None
    docs, failed = pieces.pop(outcome.sha, (0, 0))
    docs, failed = docs + len(outcome.docs), failed + len(outcome.failures)
    if not outcome.last:
        pieces[outcome.sha] = (docs, failed)
        return None
    status = "done" if not failed else "partial" if docs else "failed"
    return (outcome.sha, outcome.path, outcome.size, docs, status, failed)


def _flush(db: str, batch: list[Outcome], report: Report, pieces: dict[str, tuple[int, int]],
           wait: float) -> None:
    if not batch:
        return
    docs = [d for o in batch for d in o.docs]
    failures = [store.failure_row(f, o.sha) for o in batch for f in o.failures]
    inputs = [row for o in batch if (row := input_row(o, pieces)) is not None]
    with access.open_store(db, write=True, wait=wait) as con:
        added = store.write_batch(con, docs, failures, inputs)
    report.articles += added
    report.duplicates += len(docs) - added
    batch.clear()
