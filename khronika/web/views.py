"""What each page and its API endpoint show, from the query parameters: one function per
page, returning plain data that the template renders and the API returns as JSON."""

from __future__ import annotations

import io
import json
import threading
import time
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..output.exports import export_events
from ..output.terminal import write_events_csv
from ..store import access, browse, search
from ..store.db import recent_articles
from ..store.query import COUNTRY_HINT, Filters, count_events, select_events
from . import params
from .params import FILTERS, PAGING, BadParameter, Paging

WAIT = 3.0  # seconds a page waits for an ingest's batch to be written, then answers 503
MAX_EDGES = 300
READERS = 8


class NotFound(LookupError):
    """No article or actor with this id in the store; the message is a label key."""


@dataclass(slots=True)
class Web:
    """The application's state: the store it reads, and the models some pages need,
    loaded on first use (the morphology for search, the KB for actors' roles)."""

    db: str
    wait: float = WAIT
    _loaded: dict = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock)
    # at most this many requests read the store at once (each connection has its own
    # caches): 50 at once took 1.4 GiB and answered no sooner
    _readers: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(READERS))
    _pool: Readers = field(init=False)

    def __post_init__(self) -> None:
        self._pool = Readers(self.db, self.wait)

    @contextmanager
    def reading(self) -> Iterator[object]:
        """A read-only connection for one request: kept for the next one while no ingest
        runs, closed as soon as one wants to write its next batch."""
        with self._readers:
            con = self._pool.take()
            try:
                yield con
            finally:
                self._pool.give_back(con)

    @contextmanager
    def filtered(self, query: Mapping[str, str]) -> Iterator[tuple[object, Filters]]:
        """The request's filters (checked before the store is opened) and a connection,
        with the places of the filters' country looked up in the store."""
        filters = params.filters(query, self.lemmas)
        code = None
        if filters.country is not None:
            code = self.places().country_code(filters.country.code)
            if code is None:
                raise BadParameter(f"country must be {COUNTRY_HINT} of a country the "
                                   f"knowledge base knows; got {filters.country.code!r}")
        with self.reading() as con:
            if code is not None:
                filters.country = browse.in_country(con, self.places(), code)
            yield con, filters

    def lemmas(self, text: str) -> list[set[str]]:
        """What each word of a text search may stand for."""
        return search.query_lemmas(self.morph(), text)

    def morph(self):
        return self._get("morph", _morph)

    def kb(self):
        return self._get("kb", lambda: _kb(self.morph()))

    def places(self):
        """Where places are (the KB's coordinates, GeoNames' towns): loaded on first use."""
        return self._get("places", lambda: _places(self.kb()))

    def _get(self, name: str, make):
        with self._lock:
            if name not in self._loaded:
                self._loaded[name] = make()
            return self._loaded[name]


class Readers:
    """Read-only connections to the store, kept between requests while no ingest runs:
    opening the file costs more than most pages' queries (30 ms on a store of 5,000
    articles). While an ingest holds the writer's lock, or when the file has changed, each
    request opens its own connection and closes it, so the ingest writes between requests;
    a watcher closes the idle ones within ``POLL`` s of an ingest starting, and after
    ``IDLE`` s without requests."""

    POLL = 0.1
    IDLE = 30.0

    def __init__(self, db: str, wait: float) -> None:
        self.db, self.wait = db, wait
        self._idle: list = []
        self._stamp: tuple | None = None  # the store's stamp when the idle ones were opened
        self._used = time.monotonic()
        self._lock = threading.Lock()
        self._watcher: threading.Thread | None = None
        # the kept ones are closed when the server stops, before DuckDB's module goes
        weakref.finalize(self, _close_all, self._idle)

    def take(self):
        with self._lock:
            self._used = time.monotonic()
            stamp = access.store_stamp(self.db)
            if self._idle and self._stamp == stamp:
                return self._idle.pop()
            self._close_idle()
            self._stamp = stamp
        con = access.open_store(self.db, wait=self.wait)
        con.execute("SET enable_progress_bar = false")  # a slow query prints nothing
        return con

    def give_back(self, con) -> None:
        with self._lock:
            if access.being_written(self.db) or self._stamp != access.store_stamp(self.db):
                con.close()
                self._close_idle()
                return
            self._idle.append(con)
            if self._watcher is None:
                self._watcher = threading.Thread(target=self._watch, daemon=True,
                                                 name="khronika-readers")
                self._watcher.start()

    def _watch(self) -> None:
        while True:
            time.sleep(self.POLL)
            with self._lock:
                if self._idle and (access.being_written(self.db)
                                   or time.monotonic() - self._used > self.IDLE):
                    self._close_idle()
                if not self._idle:
                    self._watcher = None
                    return

    def _close_idle(self) -> None:
        _close_all(self._idle)


def _close_all(connections: list) -> None:
    while connections:
        connections.pop().close()


def _morph():
    from natasha import MorphVocab

    return MorphVocab()


def _kb(morph):
    from ..kb.load import load_kb

    return load_kb(morph)


def _places(kb):
    from ..kb.coords import Places, geonames_towns

    return Places(kb, geonames_towns())


def _paged(filters: Filters, paging: Paging) -> Filters:
    filters.limit, filters.offset = paging.per_page, paging.offset
    return filters


def events(web: Web, query: Mapping[str, str]) -> dict:
    """A page of the filtered events, with how many there are in all."""
    params.known(query, (*FILTERS, *PAGING, "sort"))
    paging = params.paging(query)
    with web.filtered(query) as (con, filters):
        total = count_events(con, filters)
        rows = select_events(con, _paged(filters, paging))
    return {"total": total, "page": paging.page, "per_page": paging.per_page, "events": rows}


EXPORTS = {"csv": "text/csv", "json": "application/x-ndjson", "plover": "application/x-ndjson"}


def export(web: Web, query: Mapping[str, str], fmt: str) -> str:
    """Every filtered event (no paging) as `khronika events --csv` or `--json` prints it,
    or as `khronika export --format plover` writes it."""
    params.known(query, (*FILTERS, "sort"))
    lang = params.lang(query)
    out = io.StringIO()
    with web.filtered(query) as (con, filters):
        if fmt == "plover":
            export_events(con, "plover", out, filters, lang)
            return out.getvalue()
        rows = select_events(con, filters)
    if fmt == "csv":
        write_events_csv(rows, out, lang)
    else:
        out.writelines(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
    return out.getvalue()


def timeline(web: Web, query: Mapping[str, str]) -> dict:
    params.known(query, (*FILTERS, "sort", "unit", "stack"))
    unit, stack = params.unit(query), params.stack(query)
    with web.filtered(query) as (con, filters):
        series = browse.timeline(con, filters, unit, stack)
    return {"unit": unit, "stack": stack, "series": series}


def network(web: Web, query: Mapping[str, str]) -> dict:
    params.known(query, (*FILTERS, "sort", "edges"))
    limit = params.number(query, "edges", 1, MAX_EDGES, 100)
    with web.filtered(query) as (con, filters):
        return browse.network(con, filters, limit).to_json()


def places(web: Web, query: Mapping[str, str]) -> dict:
    """Where the filtered events happened: each place with its event count per QuadClass
    and its coordinates (null where neither the KB nor GeoNames knows it)."""
    params.known(query, (*FILTERS, "sort"))
    with web.filtered(query) as (con, filters):
        found = browse.places(con, filters)
    locator = web.places()
    for place in found:
        location = locator.locate(place["kb_id"], place["name"])
        place["quad"] = max(browse.QUADS, key=lambda q: (place["quads"][q], -q))
        place["location"] = location.to_json() if location else None
    located = sum(1 for p in found if p["location"])
    return {"places": found, "located": located, "unlocated": len(found) - located}


def actor(web: Web, kb_id: str, query: Mapping[str, str]) -> dict:
    """An entity: its stored record, its KB roles, a page of its events (as actor or
    recipient), their timeline, and its top counterparts."""
    params.known(query, (*FILTERS, *PAGING, "sort", "unit"))
    paging, unit = params.paging(query), params.unit(query)
    with web.filtered(query) as (con, filters):
        filters.actor = kb_id
        record = browse.entities(con, [kb_id]).get(kb_id)
        total = count_events(con, filters)
        rows = select_events(con, _paged(filters, paging))
        series = browse.timeline(con, filters, unit, "plover")
        others = browse.counterparts(con, kb_id, filters)
    entity = web.kb().get(kb_id)
    if record is None and entity is None:
        raise NotFound("unknown_actor")
    for row in rows:
        row["role"] = "actor" if kb_id in (row["actor_ids"] or []) else "recipient"
    return {"kb_id": kb_id, "entity": record or _kb_record(entity),
            "roles": _roles(web.kb(), entity), "total": total, "page": paging.page,
            "per_page": paging.per_page, "events": rows, "timeline": series,
            "counterparts": others}


def _kb_record(entity) -> dict:
    return {"kb_id": entity.id, "kind": entity.kind, "name": entity.name,
            "labels": {"ru": entity.name, **entity.labels}, "wikidata": entity.qid,
            "code": entity.code, "mentions": 0, "articles": 0}


def _roles(kb, entity) -> list[dict]:
    if entity is None:
        return []
    roles = []
    for role in entity.roles:
        kind = kb.role_types.get(role.role)
        labels = dict(kind.labels) if kind else {}
        roles.append({"role": role.role, "title": role.title, "labels": labels,
                      "code": role.code, "country": role.country, "org": role.org,
                      "start": role.start.isoformat() if role.start else None,
                      "end": role.end.isoformat() if role.end else None})
    return roles


def article(web: Web, article_id: str, query: Mapping[str, str]) -> dict:
    params.known(query, ())
    with web.reading() as con:
        doc = browse.article(con, article_id)
    if doc is None:
        raise NotFound("unknown_article")
    return doc


def search_articles(web: Web, query: Mapping[str, str]) -> dict:
    """Articles whose words match the query's in any form; with no query, the latest."""
    params.known(query, ("q", *PAGING))
    q, paging = params.text(query, "q"), params.paging(query, 20)
    words = search.query_lemmas(web.morph(), q) if q else []
    if q and not words:
        raise BadParameter(f"q must hold at least one word; got {q!r}")
    with web.reading() as con:
        if not words:
            recent = recent_articles(con, paging.per_page)
            return {"q": None, "total": len(recent), "page": 1, "per_page": paging.per_page,
                    "articles": [{"article_id": i, "title": t, "published": p and str(p)}
                                 for i, p, t, *_ in recent]}
        total, hits = search.search(con, words, limit=paging.per_page, offset=paging.offset)
    return {"q": q, "total": total, "page": paging.page, "per_page": paging.per_page,
            "articles": [h.to_json() for h in hits], "hits": hits}
