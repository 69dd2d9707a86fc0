"""`khronika bench`: extract against the bare natasha pipeline, in one invocation.

Three systems: bare natasha, khronika's backbone (every stage but `events`) and the whole
of khronika, so the cost of event coding shows as a ratio to the backbone. All runs
process the same documents with the same number of worker processes; models are loaded,
and every document goes once through natasha and khronika, before the clock starts, so no
system pays for warming the caches (lemmas, names, KB lookups) the next one then uses.
Each system is measured several times, the systems taking turns, and its fastest run
counts. The figure that matters is the ratio, not docs/s: machines here are noisy, a ratio
taken in one invocation is not.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import resource
import time
from dataclasses import dataclass
from functools import lru_cache

from .. import errors
from .. import read as readers
from ..output.contract import doc_to_json
from ..pipeline import STAGES
from ..store.ingest import Options, Source, init_worker, process_input, process_resources

log = logging.getLogger(__name__)

BACKBONE = tuple(stage for stage in STAGES if stage.name != "events")


@lru_cache(maxsize=1)
def _dates_extractor():
    from natasha import DatesExtractor

    return DatesExtractor(process_resources().morph_vocab)


def bare_natasha(item: tuple[str, bytes]) -> int:
    """natasha as its README runs it: segment, morph, syntax, NER, dates. Returns RSS."""
    from natasha import Doc

    path, data = item
    text, _ = readers.detect.decode(data, path=path)
    res = process_resources()
    doc = Doc(text)
    doc.segment(res.segmenter)
    doc.tag_morph(res.morph_tagger)
    doc.parse_syntax(res.syntax_parser)
    doc.tag_ner(res.ner_tagger)
    for token in doc.tokens:
        token.lemmatize(res.morph_vocab)
    for span in doc.spans:
        span.normalize(res.morph_vocab)
    list(_dates_extractor()(text))
    return _peak_rss()


def khronika_extract(item: tuple[str, bytes], options: Options | None = None) -> int:
    """What `khronika extract` does per input: read, analyse, serialise. Returns RSS."""
    path, data = item
    outcome = process_input(Source(path, data), process_resources(), options or Options())
    for doc in outcome.docs:
        json.dumps(doc_to_json(doc), ensure_ascii=False)
    return _peak_rss()


def backbone_extract(item: tuple[str, bytes]) -> int:
    """`extract` without event coding: the baseline the events stage is measured against."""
    return khronika_extract(item, Options(stages=BACKBONE))


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _warm(_: int) -> int:
    process_resources()
    _dates_extractor()
    time.sleep(0.2)  # let every worker take one warm-up task
    return 0


@dataclass(slots=True)
class Run:
    system: str
    workers: int
    docs: int
    seconds: float
    peak_rss_kib: int

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


def _measure(system: str, func, items: list, workers: int) -> Run:
    if workers == 1:
        _warm(0)
        start = time.perf_counter()
        rss = max(func(item) for item in items)
        return Run(system, 1, len(items), time.perf_counter() - start, rss)
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=init_worker) as pool:
        pool.map(_warm, range(workers), chunksize=1)
        start = time.perf_counter()
        rss = max(pool.imap_unordered(func, items, chunksize=1))
        seconds = time.perf_counter() - start
    return Run(system, workers, len(items), seconds, rss)


def load_items(paths: list[str], min_docs: int) -> list[tuple[str, bytes]]:
    """The inputs to measure, repeated up to ``min_docs``; one that cannot be read (empty,
    too large, undecodable) is left out with a warning, as it would time nothing."""
    items = []
    for path in readers.iter_inputs(paths):
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


SYSTEMS = (("natasha", bare_natasha), ("backbone", backbone_extract),
           ("khronika", khronika_extract))


def bench(
    paths: list[str], worker_counts: list[int], min_docs: int = 120, rounds: int = 3
) -> tuple[list[Run], dict[str, float]]:
    """The fastest of ``rounds`` runs of each system at each worker count; the systems
    take turns within a round, so a slow spell of the machine hits them alike."""
    items = load_items(paths, min_docs)
    for item in dict(items).items():  # warm-up: the caches fill here, before any timing,
        bare_natasha(item)  # and fork into the workers
        khronika_extract(item)
    runs: list[Run] = []
    for workers in worker_counts:
        best: dict[str, Run] = {}
        for _ in range(rounds):
            for system, func in SYSTEMS:
                run = _measure(system, func, items, workers)
                if system not in best or run.seconds < best[system].seconds:
                    best[system] = run
        runs.extend(best[system] for system, _ in SYSTEMS)
    return runs, stage_seconds(items)


def stage_seconds(items: list[tuple[str, bytes]]) -> dict[str, float]:
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


def format_stages(spent: dict[str, float]) -> str:
    total = sum(spent.values()) or 1.0
    parts = [f"{name} {100 * sec / total:.0f}%" for name, sec in spent.items()]
    return "khronika time by stage (1 process): " + ", ".join(parts)


def _ratio(run: Run, base: dict[tuple[str, int], float], system: str) -> float:
    other = base.get((system, run.workers))
    return run.docs_per_s / other if other else 1.0


def format_bench(result: tuple[list[Run], dict[str, float]]) -> str:
    runs, spent = result
    lines = ["system    workers  docs  seconds  docs/s  peak RSS/worker (MiB)  ratio  "
             "vs backbone"]
    base: dict[tuple[str, int], float] = {}
    for run in runs:
        base[run.system, run.workers] = run.docs_per_s
        lines.append(
            f"{run.system:9} {run.workers:7} {run.docs:5} {run.seconds:8.2f} "
            f"{run.docs_per_s:7.1f} {run.peak_rss_kib / 1024:22.0f}  "
            f"{_ratio(run, base, 'natasha'):5.2f}x  {_ratio(run, base, 'backbone'):5.2f}x"
        )
    lines.append(format_stages(spent))
    return "\n".join(lines)
