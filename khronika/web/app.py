"""The ASGI application: routes, the headers every answer carries, and errors as pages
(a bad parameter is a 400 that says why, a store being written a 503 that retries)."""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import NoStore, NotAStore, StoreBusy
from ..resources import SHIPPED
from ..store import access
from . import pages, params, views
from .params import BadParameter
from .views import NotFound, Web

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
RETRY_SECONDS = 3
# scripts only from this server (no inline script, no CDN); ECharts sets inline styles
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]


class SecurityHeaders:
    """Adds the Content-Security-Policy and its companions to every answer."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, sending)


CACHE_ENTRIES = 512  # answers kept, the least recently used dropped first
CACHE_BODY = 2 << 20  # no answer larger than 2 MiB is kept


class AnswerCache:
    """The answers to GET requests, each under its URL and the store's stamp: the store
    is read only, so an answer holds until an ingest commits (the stamp changes), and an
    analyst's repeated views, paging back and forth, cost one query each."""

    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self.entries: OrderedDict[tuple, tuple[dict, bytes]] = OrderedDict()
        self._last: OrderedDict[tuple, tuple[dict, bytes]] = OrderedDict()
        self.size, self.hits, self.misses = entries, 0, 0

    def get(self, key: tuple) -> tuple[dict, bytes] | None:
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
            self.hits += 1
        else:
            self.misses += 1
        return found

    def last(self, url: tuple) -> tuple[dict, bytes] | None:
        """The latest answer kept for this URL (path, query), whatever the store's stamp."""
        return self._last.get(url)

    def put(self, key: tuple, start: dict, body: bytes) -> None:
        self.entries[key] = (start, body)
        self._last[key[:2]] = (start, body)
        self._last.move_to_end(key[:2])
        for kept in (self.entries, self._last):
            while len(kept) > self.size:
                kept.popitem(last=False)


class CachedAnswers:
    """Serves GET answers from an ``AnswerCache``; keeps the 200 answers it passes on.
    While an ingest writes a batch (the store cannot be read: a 503), a URL answered
    before gets its last answer, marked ``X-Khronika-Stale``, rather than the 503."""

    def __init__(self, app, db: str, cache: AnswerCache) -> None:
        self.app, self.db, self.cache = app, db, cache

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or (
                scope["path"].startswith("/static/")):
            await self.app(scope, receive, send)
            return
        stamp = access.store_stamp(self.db)
        url = (scope["path"], scope.get("query_string", b""))
        found = self.cache.get((*url, stamp))
        if found is not None:
            await _answer(send, *found)
            return
        messages: list[dict] = []

        async def keeping(message) -> None:
            messages.append(message)

        await self.app(scope, receive, keeping)
        starts = [m for m in messages if m["type"] == "http.response.start"]
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
        status = starts[0]["status"] if len(starts) == 1 else None
        last = self.cache.last(url) if status == 503 else None
        if last is not None:
            start, old = last
            await _answer(send, {**start, "headers": [*start["headers"], STALE]}, old)
            return
        for message in messages:
            await send(dict(message))  # a copy: the headers the outer layers add stay out
        if status == 200 and len(body) <= CACHE_BODY and (
                access.store_stamp(self.db) == stamp):  # not written meanwhile
            self.cache.put((*url, stamp), starts[0], body)


STALE = (b"x-khronika-stale", b"1")  # an earlier answer, given while the store is written


async def _answer(send, start: dict, body: bytes) -> None:
    await send(dict(start))
    await send({"type": "http.response.body", "body": body})


def json_response(data, status: int = 200, headers: dict | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False, default=str)
    return Response(body, status, headers, media_type="application/json")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang")
    return lang if lang in params.LANGS else "ru"


def _error(request: Request, status: int, message: str, headers=None) -> Response:
    if _is_api(request):
        return json_response({"error": message, "status": status}, status, headers)
    return pages.error_page(request, _lang(request), status, message, headers)


async def bad_parameter(request: Request, error: Exception) -> Response:
    return _error(request, 400, str(error))


async def not_found(request: Request, error: Exception) -> Response:
    return _error(request, 404, SHIPPED.get("web_labels").get(str(error), _lang(request)))


async def busy(request: Request, error: Exception) -> Response:
    """The store is being written (an ingest's batch), or not made yet: try again soon."""
    log.info("%s: %s", request.url.path, error)
    return _error(request, 503, str(error), {"Retry-After": str(RETRY_SECONDS)})


async def http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return _error(request, error.status_code, str(error.detail))


def _api(view):
    def endpoint(request: Request) -> Response:
        return json_response(view(request.app.state.web, request.query_params))
    return endpoint


def _api_one(view, name: str):
    def endpoint(request: Request) -> Response:
        return json_response(view(request.app.state.web, request.path_params[name],
                                  request.query_params))
    return endpoint


def _api_search(request: Request) -> Response:
    found = views.search_articles(request.app.state.web, request.query_params)
    found.pop("hits", None)
    return json_response(found)


def _export(fmt: str):
    suffix = {"csv": "csv", "json": "jsonl", "plover": "plover.jsonl"}[fmt]

    def endpoint(request: Request) -> Response:
        body = views.export(request.app.state.web, request.query_params, fmt)
        return Response(body, media_type=f"{views.EXPORTS[fmt]}; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="khronika-events.{suffix}"'})
    return endpoint


def _openapi(request: Request) -> Response:
    return json_response(SHIPPED.get("web_openapi"))


ROUTES = [
    Route("/", lambda request: RedirectResponse("/events")),
    Route("/events", pages.events_page),
    Route("/timeline", pages.timeline_page),
    Route("/network", pages.network_page),
    Route("/map", pages.map_page),
    Route("/search", pages.search_page),
    Route("/actors/{kb_id:path}", pages.actor_page),
    Route("/articles/{article_id}", pages.article_page),
    Route("/api/openapi.json", _openapi),
    Route("/api/events", _api(views.events)),
    Route("/api/events.csv", _export("csv")),
    Route("/api/events.jsonl", _export("json")),
    Route("/api/events.plover.jsonl", _export("plover")),
    Route("/api/timeline", _api(views.timeline)),
    Route("/api/network", _api(views.network)),
    Route("/api/places", _api(views.places)),
    Route("/api/search", _api_search),
    Route("/api/actors/{kb_id:path}", _api_one(views.actor, "kb_id")),
    Route("/api/articles/{article_id}", _api_one(views.article, "article_id")),
    Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
]


def create_app(db: str, *, wait: float = views.WAIT) -> Starlette:
    """The web application over the store ``db`` (read only: ``views.Readers``)."""
    cache = AnswerCache()
    app = Starlette(routes=ROUTES, middleware=[Middleware(SecurityHeaders),
                                               Middleware(CachedAnswers, db=db, cache=cache)],
                    exception_handlers={
                        BadParameter: bad_parameter, NotFound: not_found, StoreBusy: busy,
                        NoStore: busy, NotAStore: busy, HTTPException: http_error})
    app.state.web = Web(db, wait)
    app.state.cache = cache
    return app
