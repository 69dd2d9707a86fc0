"""`khronika bench`: extract against the bare natasha pipeline, in one invocation.

Three systems: bare natasha, khronika's backbone (every stage but `events`) and the whole
of khronika, so the cost of event coding shows as a ratio to the backbone.

Like work: every system reads each input with khronika's readers and analyses the same
text, the title and body paragraphs that khronika's tagging analyses (never the HTML
markup, JSON or page furniture around them), in the same sentences (each paragraph
sentenized alone); each counts the tokens it analysed with ``token_total``, and the
table shows them.

Like measurement: each system, at each worker count and in each round, runs in a fresh
pool of worker processes. The workers load that system's models and analyse a few
documents untimed; then the clock runs from the first input sent to the last result.
Each worker then reports its own peak resident memory (VmHWM) while it analysed, its
models included: the high-water mark restarts once they are loaded (loading natasha's
embeddings peaks higher, for a moment, than any analysis), so a system's figure is its
own, never the high-water mark of a process that loaded or measured another system.
Caches a system fills while measured (lemmas, KB lookups) are part of its cost. The
systems take turns within a round and each one's fastest round counts. The figure that
matters is the ratio, not docs/s: machines here are noisy, a ratio taken in one
invocation is not.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import errors
from .. import read as readers
from ..evaluate.ner import factrueval_texts
from ..nlp.tagging import analysed_blocks
from ..output.contract import doc_to_json
from ..pipeline import STAGES
from ..progress import Progress, silent
from ..records import Article
from ..resources import Resources
from ..store.ingest import Options, Source, init_worker, process_input, process_resources

log = logging.getLogger(__name__)

Item = tuple[str, bytes]  # an input's path and bytes

BACKBONE = tuple(stage for stage in STAGES if stage.name != "events")
WARM_DOCS = 2  # distinct inputs each fresh worker analyses untimed before the clock starts
BARRIER_TIMEOUT_S = 900.0  # a worker that never comes to the barrier breaks the run
START_METHOD = "fork" if sys.platform == "linux" else "spawn"
CLEAR_REFS, RESET_PEAK = "/proc/self/clear_refs", "5"  # proc(5): reset VmHWM to VmRSS
BLOCK_SEPARATOR = "\n\n"  # natasha gets the analysed blocks as one text, a paragraph each


# --- what each system does with one input ---------------------------------------------


def token_total(docs: Iterable) -> int:
    """Tokens analysed, over natasha's or khronika's docs alike (both have ``tokens``)."""
    return sum(len(doc.tokens) for doc in docs)


def analysed_articles(item: Item) -> list[list[str]]:
    """Per article of the input, as khronika's readers read it, the blocks khronika
    analyses: its title and body paragraphs (``tagging.analysed_blocks``)."""
    path, data = item
    articles = [a for a in readers.read_bytes(data, path=path) if isinstance(a, Article)]
    return [analysed_blocks(article) for article in articles]


class BlockSegmenter:
    """natasha's segmenter over blocks joined by BLOCK_SEPARATOR, each block sentenized
    alone as khronika's tagging does: no sentence runs across a paragraph break (razdel
    does not break at blank lines, and would merge a headline with the first paragraph)."""

    def __init__(self, segmenter, blocks: list[str]) -> None:
        self.segmenter, self.blocks = segmenter, blocks

    def tokenize(self, text: str) -> Iterator:
        return self.segmenter.tokenize(text)

    def sentenize(self, text: str) -> Iterator:
        from natasha.segment import Sent

        start = 0
        for block in self.blocks:
            for sent in self.segmenter.sentenize(block):
                yield Sent(start + sent.start, start + sent.stop, sent.text)
            start += len(block) + len(BLOCK_SEPARATOR)


@lru_cache(maxsize=1)
def natasha_models() -> Resources:
    """natasha's own models, and nothing of khronika's (no KB, no lexicon)."""
    return Resources.load_models()


@lru_cache(maxsize=1)
def _dates_extractor():
    from natasha import DatesExtractor

    return DatesExtractor(natasha_models().morph_vocab)


def bare_natasha(item: Item) -> int:
    """natasha as its README runs it over the text khronika analyses in the input.
    Returns the tokens analysed."""
    return token_total(natasha_docs(item))


def natasha_docs(item: Item) -> list:
    """One natasha Doc per article, over its analysed blocks: segment (a block at a time),
    morph, syntax, NER, lemmas, normal forms, dates."""
    return [_natasha_doc(blocks) for blocks in analysed_articles(item)]


def _natasha_doc(blocks: list[str]):
    from natasha import Doc

    res = natasha_models()
    text = BLOCK_SEPARATOR.join(blocks)
    doc = Doc(text)
    doc.segment(BlockSegmenter(res.segmenter, blocks))
    doc.tag_morph(res.morph_tagger)
    doc.parse_syntax(res.syntax_parser)
    doc.tag_ner(res.ner_tagger)
    for token in doc.tokens:
        token.lemmatize(res.morph_vocab)
    for span in doc.spans:
        span.normalize(res.morph_vocab)
    list(_dates_extractor()(text))
    return doc


def khronika_extract(item: Item, options: Options | None = None) -> int:
    """What `khronika extract` does per input: read, analyse, serialise. Returns the tokens
    analysed."""
    path, data = item
    outcome = process_input(Source(path, data), process_resources(), options or Options())
    for doc in outcome.docs:
        json.dumps(doc_to_json(doc), ensure_ascii=False)
    return token_total(outcome.docs)


def backbone_extract(item: Item) -> int:
    """`extract` without event coding: the baseline the events stage is measured against."""
    return khronika_extract(item, Options(stages=BACKBONE))


def _load_natasha() -> None:
    _dates_extractor()


def _load_khronika() -> None:
    process_resources()


@dataclass(frozen=True, slots=True)
class System:
    """A system under measurement: what its workers load, and what it does per input
    (returning the tokens it analysed). Both run in the worker processes."""

    name: str
    load: Callable[[], object]
    run: Callable[[Item], int]


SYSTEMS = (
    System("natasha", _load_natasha, bare_natasha),
    System("backbone", _load_khronika, backbone_extract),
    System("khronika", _load_khronika, khronika_extract),
)


# --- measuring one system in fresh workers ----------------------------------------------


@dataclass(slots=True)
class Run:
    system: str
    workers: int
    docs: int
    seconds: float
    peak_rss_kib: int  # the highest of any one worker's peaks while it analysed
    tokens: int = 0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


def reset_peak_rss() -> bool:
    """Restart this process's high-water mark from its current RSS (Linux 4.0+)."""
    try:
        with open(CLEAR_REFS, "w", encoding="ascii") as clear_refs:
            clear_refs.write(RESET_PEAK)
    except OSError:
        log.warning("cannot reset the peak RSS (%s): figures include loading models", CLEAR_REFS)
        return False
    return True


def peak_rss_kib() -> int:
    """This process's peak resident memory in KiB: VmHWM, the high-water mark of its own
    address space (ru_maxrss where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS


_WORKER: dict = {}  # in each worker process: its barrier, and any error it met starting


def _start_worker(system: System, warm: list[Item], barrier) -> None:
    """Pool initializer: load the system and analyse the warm-up inputs, untimed."""
    _WORKER["barrier"] = barrier
    try:
        init_worker()
        system.load()
        for item in warm:
            system.run(item)
    except Exception as error:  # reported by _gather: a pool would restart a dead worker
        _WORKER["error"] = error


def _each_worker(_: int) -> None:
    """Run once in every worker: the barrier holds each one until all have taken one
    such task. Raises what a worker met while starting."""
    if "error" in _WORKER:
        _WORKER["barrier"].abort()
        raise _WORKER["error"]
    _WORKER["barrier"].wait(BARRIER_TIMEOUT_S)


def _ready(n: int) -> bool:
    """Every worker has loaded and warmed up; its high-water mark restarts here."""
    _each_worker(n)
    return reset_peak_rss()


def _peak(n: int) -> int:
    _each_worker(n)
    return peak_rss_kib()


def measure(system: System, items: list[Item], workers: int) -> Run:
    """One timed run of ``system`` over ``items`` in a fresh pool of ``workers`` processes:
    models loaded and a few inputs analysed before the clock starts; each worker's own
    peak memory while it analysed read after it stops."""
    context = multiprocessing.get_context(START_METHOD)
    barrier = context.Barrier(workers)
    warm = list(dict(items).items())[:WARM_DOCS]
    with context.Pool(workers, _start_worker, (system, warm, barrier)) as pool:
        pool.map(_ready, range(workers), chunksize=1)
        start = time.perf_counter()
        tokens = sum(pool.imap_unordered(system.run, items, chunksize=1))
        seconds = time.perf_counter() - start
        peaks = pool.map(_peak, range(workers), chunksize=1)
    return Run(system.name, workers, len(items), seconds, max(peaks), tokens)


# --- the benchmark ----------------------------------------------------------------------


def input_paths(paths: list[str]) -> Iterator[str]:
    """Files to measure: a factRuEval folder gives its book_N.txt texts (read as plain
    text; its annotation files are left alone), anything else what ``ingest`` reads."""
    for path in paths:
        texts = factrueval_texts(path) if Path(path).is_dir() else []
        yield from (str(text) for text in texts) if texts else readers.iter_inputs([path])


def load_items(paths: list[str], min_docs: int) -> list[Item]:
    """The inputs to measure, repeated up to ``min_docs``; one that cannot be read (empty,
    too large, undecodable) is left out with a warning, as it would time nothing."""
    items = []
    for path in input_paths(paths):
        try:
            with open(path, "rb") as f:
                data = f.read()
            readers.read_bytes(data, path=path)
        except (OSError, errors.ReadError) as e:
            log.warning("bench leaves out %s", e)
            continue
        items.append((path, data))
    if not items:
        raise ValueError(f"no readable input files under {paths}")
    repeat = -(-min_docs // len(items))
    return items * repeat


def _describe(step: tuple[int, int, System], rounds: int) -> str:
    workers, round_, system = step
    return f"{system.name}, {workers} worker{'s' if workers > 1 else ''}, round {round_}/{rounds}"


def bench(
    paths: list[str], worker_counts: list[int], min_docs: int = 120, rounds: int = 3, *,
    progress: Progress = silent, systems: tuple[System, ...] = SYSTEMS,
) -> tuple[list[Run], dict[str, float]]:
    """The fastest of ``rounds`` runs of each system at each worker count; the systems
    take turns within a round, so a slow spell of the machine hits them alike.
    ``progress`` sees each run start (and each input of the stage timing)."""
    items = load_items(paths, min_docs)
    steps = [(workers, round_, system) for workers in worker_counts
             for round_ in range(1, rounds + 1) for system in systems]
    best: dict[tuple[str, int], Run] = {}
    for workers, _, system in progress(steps, "bench", lambda s: _describe(s, rounds)):
        run = measure(system, items, workers)
        key = (system.name, workers)
        if key not in best or run.seconds < best[key].seconds:
            best[key] = run
    runs = [best[system.name, workers] for workers in worker_counts for system in systems]
    return runs, stage_seconds(list(progress(items, "bench stages")))


def stage_seconds(items: list[Item]) -> dict[str, float]:
    """Where khronika's time goes: seconds per stage over ``items``, in this process."""
    from ..records import Article, Doc

    res, spent = process_resources(), {"read": 0.0}
    for path, data in items:
        start = time.perf_counter()
        articles = [a for a in readers.read_bytes(data, path=path) if isinstance(a, Article)]
        spent["read"] += time.perf_counter() - start
        for article in articles:
            doc = Doc(article)
            for stage in STAGES:
                start = time.perf_counter()
                stage.run(doc, res)
                spent[stage.name] = spent.get(stage.name, 0.0) + time.perf_counter() - start
            start = time.perf_counter()
            json.dumps(doc_to_json(doc), ensure_ascii=False)
            spent["serialize"] = spent.get("serialize", 0.0) + time.perf_counter() - start
    return spent


# --- the report -------------------------------------------------------------------------


def format_stages(spent: dict[str, float]) -> str:
    total = sum(spent.values()) or 1.0
    parts = [f"{name} {100 * sec / total:.0f}%" for name, sec in spent.items()]
    return "khronika time by stage (1 process): " + ", ".join(parts)


def _ratio(run: Run, base: dict[tuple[str, int], float], system: str) -> float:
    other = base.get((system, run.workers))
    return run.docs_per_s / other if other else 1.0


def format_bench(result: tuple[list[Run], dict[str, float]]) -> str:
    runs, spent = result
    lines = ["system    workers  docs  tokens  seconds  docs/s  peak RSS/worker (MiB)  ratio  "
             "vs backbone"]
    base: dict[tuple[str, int], float] = {}
    for run in runs:
        base[run.system, run.workers] = run.docs_per_s
        lines.append(
            f"{run.system:9} {run.workers:7} {run.docs:5} {run.tokens:7} {run.seconds:8.2f} "
            f"{run.docs_per_s:7.1f} {run.peak_rss_kib / 1024:22.0f}  "
            f"{_ratio(run, base, 'natasha'):5.2f}x  {_ratio(run, base, 'backbone'):5.2f}x"
        )
    lines.append("every system analyses the same title and body text (tokens); peak RSS: "
                 "one worker's, while analysing, models included, each system in fresh "
                 "processes")
    lines.append(format_stages(spent))
    return "\n".join(lines)
