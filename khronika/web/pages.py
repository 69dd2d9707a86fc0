"""The HTML pages: each renders its view's data through a template, in the language the
URL asks for (``lang``), with every value escaped and cleaned of control characters."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..resources import SHIPPED
from ..store.browse import QUADS
from ..store.query import MODALITIES, ORDERS, PLOVER_TYPES
from . import params, views
from .text import Mark, pieces, visible

HERE = Path(__file__).resolve().parent
ENTITY_KINDS = ("PER", "LOC", "ORG")


def _finalize(value):
    """Every value a template shows: control and bidi characters removed from text (the
    escaping is autoescape's); markup the code made (tojson) is left as it is."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                         finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
                         undefined=jinja2.StrictUndefined)


class Page:
    """What every template gets: the words in its language and links that keep it."""

    def __init__(self, request: Request, lang: str) -> None:
        self.request, self.lang = request, lang
        self.labels = SHIPPED.get("web_labels")
        self.dir = self.labels.direction(lang)
        self.languages = self.labels.languages

    def t(self, key: str) -> str:
        return self.labels.get(key, self.lang)

    def here(self, **changes) -> str:
        """This page's URL with parameters changed (None removes one)."""
        query = dict(self.request.query_params)
        query.update({k: str(v) for k, v in changes.items() if v is not None})
        for key in [k for k, v in changes.items() if v is None]:
            query.pop(key, None)
        return self.request.url.path + ("?" + urlencode(query) if query else "")

    def link(self, path: str, **query) -> str:
        """A link to ``path`` in this page's language."""
        query = {k: v for k, v in query.items() if v not in (None, "")}
        if self.lang != "ru":
            query["lang"] = self.lang
        return path + ("?" + urlencode(query) if query else "")

    def actor_link(self, kb_id: str) -> str:
        return self.link("/actors/" + quote(kb_id, safe=":"))

    def article_link(self, article_id: str) -> str:
        return self.link("/articles/" + quote(article_id, safe=""))

    def name(self, party: dict) -> str:
        labels = party.get("labels") or {}
        return (labels.get(self.lang) or party.get("normal") or party.get("name")
                or party.get("text") or party.get("kb_id") or "")

    def summary(self, row: dict) -> str:
        return (row.get("summary") or {}).get(self.lang) or ""

    def filters(self) -> dict[str, str]:
        """The event filters of this page's URL (for links to the events they chart)."""
        return {k: v for k, v in self.request.query_params.items() if k in params.FILTERS}


ENV.globals.update(plover_types=lambda: PLOVER_TYPES, modalities=lambda: MODALITIES,
                   orders=lambda: tuple(ORDERS))


def render(request: Request, template: str, status: int = 200, headers=None, **data):
    lang = params.lang(request.query_params)
    page = Page(request, lang)
    if "page" in data:
        data["page_number"] = data.pop("page")
    html = ENV.get_template(template).render(page=page, t=page.t, lang=lang, **data)
    return HTMLResponse(html, status, headers)


def error_page(request: Request, lang: str, status: int, message: str, headers=None):
    page = Page(request, lang)
    html = ENV.get_template("error.html").render(page=page, t=page.t, lang=lang,
                                                 status=status, message=message)
    return HTMLResponse(html, status, headers)


def _web(request: Request) -> views.Web:
    return request.app.state.web


def events_page(request: Request):
    data = views.events(_web(request), request.query_params)
    _name_places(request, data["events"])
    return render(request, "events.html", **data)


def _name_places(request: Request, rows: list[dict]) -> None:
    """Each event's place in the page's language, as ``place_name`` and ``place_lang``:
    the KB's label, else GeoNames' name (Arabic where its alternate names give one, else
    English); a Russian page, or a place neither knows, shows the stored Russian name."""
    lang = params.lang(request.query_params)
    located = [row for row in rows if row["place_text"]]
    locator = _web(request).places() if located and lang != "ru" else None
    for row in located:
        location = locator.locate(row["place_kb_id"], row["place_text"]) if locator else None
        row["place_name"], row["place_lang"] = _in_language(
            location.labels if location else {}, lang, row["place_text"])


def _in_language(labels, lang: str, russian: str) -> tuple[str, str]:
    """A name in ``lang`` from ``labels`` (en, ar), else in English, else ``russian``:
    (the name, its language)."""
    for one in (lang, "en") if lang != "ru" else ():
        if labels.get(one):
            return labels[one], one
    return russian, "ru"


def timeline_page(request: Request):
    data = views.timeline(_web(request), request.query_params)
    return render(request, "timeline.html", chart=_timeline_chart(request, data), **data)


def _timeline_chart(request: Request, data: dict) -> dict:
    """What charts.js draws: buckets, one stacked series per type, the events page of each
    bar (its days, and its type when stacked by type)."""
    page = Page(request, params.lang(request.query_params))
    buckets = sorted({(s["start"], s["end"]) for s in data["series"]})
    names = sorted({s["series"] for s in data["series"]})
    counts = {(s["start"], s["series"]): s["events"] for s in data["series"]}
    label = (lambda n: page.t(f"quad_{n}")) if data["stack"] == "quad" else (lambda n: n)
    filters = page.filters()
    links = {}
    for start, end in buckets:
        for name in names:
            code = {"code": name} if data["stack"] == "plover" else {}
            links[f"{start}|{name}"] = page.link(
                "/events", **{**filters, "since": start, "until": end, **code})
    return {"kind": "timeline", "buckets": [b[0] for b in buckets],
            "series": [{"key": n, "name": label(n),
                        "data": [counts.get((b[0], n), 0) for b in buckets]} for n in names],
            "links": links}


def network_page(request: Request):
    data = views.network(_web(request), request.query_params)
    page = Page(request, params.lang(request.query_params))
    chart = {"kind": "network",
             "nodes": [{"id": n["kb_id"], "name": visible(page.name(n)), "events": n["events"],
                        "href": page.actor_link(n["kb_id"])} for n in data["nodes"]],
             "edges": data["edges"]}
    return render(request, "network.html", chart=chart, **data)


def map_page(request: Request):
    data = views.places(_web(request), request.query_params)
    page = Page(request, params.lang(request.query_params))
    filters = page.filters()
    for place in data["places"]:
        place["href"] = page.link("/events", **{**filters, "place": place["place"]})
        place["label"] = _place_name(page, place)
    chart = {"kind": "map", "outlines": "/static/vendor/world-atlas/countries-110m.geo.json",
             "quads": [{"quad": q, "name": page.t(f"quad_{q}")} for q in QUADS],
             "places": [{"name": visible(p["label"]), "href": p["href"], "quad": p["quad"],
                         "events": p["events"], "lat": p["location"]["lat"],
                         "lon": p["location"]["lon"]}
                        for p in data["places"] if p["location"]]}
    return render(request, "map.html", chart=chart, **data)


def _place_name(page: Page, place: dict) -> str:
    """The place's name in the page's language: the KB's label, or GeoNames' (the store
    keeps the Russian one, which Russian pages show)."""
    labels = (place["location"] or {}).get("labels") or {}
    return _in_language(labels, page.lang, place["name"])[0]


def actor_page(request: Request):
    kb_id = request.path_params["kb_id"]
    data = views.actor(_web(request), kb_id, request.query_params)
    _name_places(request, data["events"])
    page = Page(request, params.lang(request.query_params))
    chart = _timeline_chart(request, {"stack": "plover", "series": data["timeline"]})
    return render(request, "actor.html", chart=chart, title=page.name(data["entity"]), **data)


def article_page(request: Request):
    doc = views.article(_web(request), request.path_params["article_id"], request.query_params)
    page = Page(request, params.lang(request.query_params))
    return render(request, "article.html", doc=doc, pieces=pieces(doc["text"], _marks(page, doc)))


def _marks(page: Page, doc: dict) -> list[Mark]:
    marks = [Mark(m["start"], m["stop"], m["type"] if m["type"] in ENTITY_KINDS else "ORG",
                  page.name({**m, "labels": _labels(m.get("labels"))}),
                  page.actor_link(m["kb_id"]) if m.get("kb_id") else "")
             for m in doc["mentions"]]
    marks += [Mark(t["start"], t["stop"], "timex", t["value"] or "") for t in doc["timexes"]]
    marks += [Mark(q["start"], q["stop"], "quote", q["speaker_normal"] or "")
              for q in doc["quotes"]]
    marks += [Mark(e["trigger_start"], e["trigger_stop"], "trigger",
                   f"{e['code']} {e['plover'] or ''}") for e in doc["events"]]
    return marks


def _labels(value) -> dict:
    import json

    return json.loads(value) if isinstance(value, str) else value or {}


def search_page(request: Request):
    data = views.search_articles(_web(request), request.query_params)
    return render(request, "search.html", **data)
