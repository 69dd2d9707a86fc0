"""`khronika bench --serve N`: `khronika serve` under load, on loopback, bounded in time.

Builds a store of N articles (at least 5,000 for the issue's figure) from the inputs'
articles, analysed once: each copy gets its own text (a line appended after the analysed
text, so every offset holds), title, publication day and event days (shifted a day per
copy), and is written through the store's own rows (``db.doc_rows``, ``insert_rows``,
``merged.remerge``), so the store is what `ingest` would make of so many articles. Then it
starts `khronika serve` on 127.0.0.1, runs ``clients`` concurrent keep-alive clients for
``seconds`` over the events page and the events API (several filters and pages), and prints
requests/s, p50/p95 latency and errors for each, and the server's memory (RSS).
"""

from __future__ import annotations

import asyncio
import itertools
import math
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from ..events.merge import event_key
from ..records import Doc
from ..store import access
from ..store import db as store
from ..store.merged import remerge

BATCH = 250  # articles a transaction
TABLES = ("articles", "sentences", "mentions", "timexes", "quotes", "reports", "event_evidence")
# what each client asks for, in turn: the events page and the API, with the filters people
# use (an actor, a type, dates, a page further on)
QUERIES = ("", "?page=7", "?actor=RUS", "?code=CONSULT&since=2021-06-01", "?actor=Лавров",
           "?sort=-articles&page=3", "?min_confidence=0&until=2022-01-01", "?code=04&lang=en")
TARGETS = {"events page": "/events", "events API": "/api/events"}
# with ``distinct``: every request a URL not asked for before (the plan's views, each at
# one of PAGE_SIZES × PAGES), so that no answer is served from the server's cache
PAGE_SIZES, PAGES = range(20, 101), range(1, 6)


def analysed_docs(paths: list[str], progress: Callable[[str], None] = lambda _: None) -> list[Doc]:
    """Every article of the inputs, analysed once as `ingest` does."""
    from ..resources import Resources
    from ..store.ingest import Options, process_input, sources

    resources, options = Resources.load(), Options()
    docs = [doc for source in sources(paths)
            for doc in process_input(source, resources, options).docs]
    progress(f"{len(docs)} articles analysed")
    return docs


@dataclass(slots=True)
class Copier:
    """Makes copy k of an analysed article: its own id, title, days and event keys."""

    doc: Doc
    text: str = ""
    published: date | None = None
    published_at: datetime | None = None
    dates: list[str | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        a = self.doc.article
        self.text, self.published, self.published_at = a.text, a.published, a.published_at
        self.dates = [e.date for e in self.doc.events]

    def rows(self, k: int) -> dict[str, list[tuple]]:
        a, shift = self.doc.article, timedelta(days=k)
        a.text = f"{self.text}\n\n[{k}]"  # a new id; every stored offset still holds
        a.published = self.published + shift if self.published else None
        a.published_at = self.published_at + shift if self.published_at else None
        for event, day in zip(self.doc.events, self.dates, strict=True):
            event.date = shift_day(day, shift)
            event.key = event_key(event)
        rows = store.doc_rows(self.doc)
        article = list(rows["articles"][0])
        article[6] = f"{article[6] or self.doc.id} [{k}]"  # the title
        rows["articles"] = [tuple(article)]
        rows["entities"] = store.entity_rows([self.doc])
        return rows


def shift_day(value: str | None, shift: timedelta) -> str | None:
    """An event's date moved by ``shift`` when it is a day (2021-05-19…); a month or a year
    stays as it is."""
    if not value or len(value) < 10:
        return value
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return (day + shift).isoformat() + value[10:]


def build_store(db: str, docs: list[Doc], articles: int,
                progress: Callable[[str], None] = lambda _: None) -> int:
    """Write ``articles`` copies of ``docs`` (round robin) into a new store ``db``."""
    if os.path.exists(db):
        raise FileExistsError(f"{db} exists; the bench writes a new store")
    copiers = [Copier(doc) for doc in docs]
    written = 0
    with access.writing(db), access.open_store(db, write=True) as con:
        con.execute("SET enable_progress_bar = false")
        while written < articles:
            size = min(BATCH, articles - written)
            _write(con, [copiers[(written + i) % len(copiers)].rows((written + i) // len(copiers))
                         for i in range(size)])
            written += size
            progress(f"{written}/{articles} articles written")
    return written


def _write(con, copies: list[dict[str, list[tuple]]]) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        for table in TABLES:
            store.insert_rows(con, table, [r for rows in copies for r in rows[table]])
        store.insert_rows(con, "entities", _entities(copies), upsert=store.UPSERTS["entities"])
        remerge(con, sorted({r[4] for rows in copies for r in rows["reports"]}))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _entities(copies: list[dict[str, list[tuple]]]) -> list[tuple]:
    """Entity rows of many copies summed by id (one row per id in one insert)."""
    found: dict[str, list] = {}
    for rows in copies:
        for row in rows["entities"]:
            if row[0] not in found:
                found[row[0]] = list(row)
                continue
            total = found[row[0]]
            total[7] += row[7]
            total[8] += row[8]
            total[9] = min(filter(None, (total[9], row[9])), default=None)
            total[10] = max(filter(None, (total[10], row[10])), default=None)
    return [tuple(r) for r in found.values()]


@dataclass(slots=True)
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    def line(self, name: str, seconds: float) -> str:
        done = sorted(self.latencies)
        return (f"{name:<12} {len(done) / seconds:8.1f} req/s  p50 {percentile(done, 50):7.1f} ms  "
                f"p95 {percentile(done, 95):7.1f} ms  max {percentile(done, 100):7.1f} ms  "
                f"{len(done):6d} answers  {self.errors} errors")


def percentile(ordered: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of sorted latencies, in ms."""
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] * 1000


async def _get(reader, writer, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


def plan(distinct: bool) -> list[tuple[str, str]]:
    """The (target name, URL) pairs the clients ask for, in turn."""
    views = [(name, path + query) for query in QUERIES for name, path in TARGETS.items()]
    if distinct:
        views = [(name, f"{url}{'&' if '?' in url else '?'}per_page={size}&page={page}")
                 for size in PAGE_SIZES for page in PAGES for name, url in views
                 if "page=" not in url]
    return [(name, quote(url, safe="/?=&")) for name, url in views]


async def _client(port: int, views: list[tuple[str, str]], turn: Iterator[int],
                  deadline: float, tallies: dict[str, Tally]) -> None:
    """One keep-alive client asking for the next view of the plan until the deadline."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < deadline:
            name, path = views[next(turn) % len(views)]
            start = time.monotonic()
            try:
                ok = await _get(reader, writer, path) == 200
            except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
                ok = False
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            if ok:
                tallies[name].latencies.append(time.monotonic() - start)
            else:
                tallies[name].errors += 1
    finally:
        writer.close()


async def _load(port: int, clients: int, seconds: float, distinct: bool
                ) -> dict[str, Tally]:
    tallies = {name: Tally() for name in TARGETS}
    deadline = time.monotonic() + seconds
    views, turn = plan(distinct), itertools.count()  # the clients take the views in turn
    await asyncio.gather(*(_client(port, views, turn, deadline, tallies)
                           for _ in range(clients)))
    return tallies


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_kib(pid: int) -> dict[str, int]:
    """The process's resident memory now and at its peak (Linux /proc; {} elsewhere)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {k: int(v.split()[0]) for k, _, v in (line.partition(":") for line in lines)
            if k in ("VmRSS", "VmHWM")}


@dataclass(slots=True)
class LoadRun:
    articles: int
    events: int
    clients: int
    seconds: float
    distinct: bool
    tallies: dict[str, Tally]
    memory: dict[str, int]

    def report(self) -> str:
        lines = [f"khronika serve under load: {self.articles} articles, {self.events} events; "
                 f"{self.clients} clients for {self.seconds:g} s on 127.0.0.1, "
                 + ("every request a view not asked for before (no cached answer)"
                    if self.distinct else f"{len(QUERIES)} views of each, asked in turn")]
        lines += [tally.line(name, self.seconds) for name, tally in self.tallies.items()]
        every = Tally([x for t in self.tallies.values() for x in t.latencies],
                      sum(t.errors for t in self.tallies.values()))
        lines.append(every.line("all", self.seconds))
        if self.memory:
            lines.append(f"server RSS: {self.memory['VmRSS'] / 1024:.0f} MiB at the end, "
                         f"{self.memory['VmHWM'] / 1024:.0f} MiB at its peak")
        return "\n".join(lines)


def serve_under_load(db: str, clients: int, seconds: float, distinct: bool = False,
                     progress: Callable[[str], None] = lambda _: None) -> LoadRun:
    """Start `khronika serve` over ``db`` and load it (``distinct``: never the same URL
    twice); the server is stopped after."""
    with access.open_store(db) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "khronika.cli", "-q", "serve", "--db", db,
                               "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, server)
        progress(f"serving {db} on port {port}; {clients} clients for {seconds:g} s")
        tallies = asyncio.run(_load(port, clients, seconds, distinct))
        memory = memory_kib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return LoadRun(articles, events, clients, seconds, distinct, tallies, memory)


def _wait_for(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"khronika serve exited with {server.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"khronika serve did not listen on port {port} in {timeout:g} s")

