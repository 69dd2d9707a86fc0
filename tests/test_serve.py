"""`khronika serve`: pages and API over a store of examples/, through starlette's test
client; parameters, escaping, the store being written, the API description."""

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner
from markupsafe import escape
from starlette.testclient import TestClient

from khronika.cli.main import main
from khronika.resources import PACKAGE, SHIPPED
from khronika.store.query import MODALITIES
from khronika.web.app import ROUTES, create_app
from khronika.web.params import FILTERS
from tests.conftest import ROOT
from tests.helpers import write_pages

PAGES = ["/events", "/events?sort=-articles&per_page=5&page=2", "/timeline",
         "/timeline?unit=week&stack=quad", "/network", "/search", "/search?q=переговорах",
         "/actors/person:vladimir-putin", "/map", "/map?code=CONSULT", "/api/places",
         "/api/openapi.json"]


@pytest.fixture(scope="module")
def client(examples_store):
    return TestClient(create_app(str(examples_store)))


def cli(*args) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["ru", "en", "ar"])
@pytest.mark.parametrize("url", PAGES)
def test_serve_pages_answer_in_each_language(client, url, lang):
    response = client.get(url, params={"lang": lang})
    assert response.status_code == 200, response.text
    if response.headers["content-type"].startswith("text/html"):
        direction = "rtl" if lang == "ar" else "ltr"
        assert f'<html lang="{lang}" dir="{direction}">' in response.text


def test_serve_labels_have_every_language():
    labels = SHIPPED.get("web_labels")
    for key, words in labels.words.items():
        assert set(words) == set(labels.languages), key
    assert labels.direction("ar") == "rtl"


def test_serve_events_page_counts_and_summaries_in_the_chosen_language(client, examples_store):
    every = json.loads(cli("events", "--db", str(examples_store), "--json", "--limit", "0")
                       .replace("\n", ",").join("[]").replace(",]", "]"))
    data = client.get("/api/events", params={"per_page": 3, "page": 2}).json()
    assert data["total"] == len(every) and data["page"] == 2
    assert [e["key"] for e in data["events"]] == [e["key"] for e in every[3:6]]
    page = client.get("/events", params={"lang": "en"}).text
    assert every[0]["summary"]["en"] in page
    assert f"<b>{len(every)}</b>" in page


FILTER_SETS = [{}, {"actor": "RUS"}, {"code": "CONSULT", "since": "2021-01-01"},
               {"code": "04", "until": "2021-12-31", "min_confidence": "0"},
               {"modality": "asserted", "actor": "Лавров"}, {"place": "city:brussels"},
               {"place": "женева", "min_confidence": "0"}, {"country": "rus"},
               {"country": "CHE", "min_confidence": "0"}, {"text": "переговоры"},
               {"text": "переговорах Сочи", "country": "TUR", "min_confidence": "0"}]


@pytest.mark.parametrize("filters", FILTER_SETS)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_serve_csv_download_is_the_cli_csv(client, examples_store, filters, lang):
    args = [x for k, v in filters.items() for x in (f"--{k.replace('_', '-')}", v)]
    expected = cli("events", "--db", str(examples_store), "--csv", "--limit", "0",
                   "--lang", lang, *args)
    response = client.get("/api/events.csv", params={**filters, "lang": lang})
    assert response.status_code == 200
    assert response.text == expected
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert client.get("/api/events", params=filters).json()["total"] == len(rows) - 1


def test_serve_json_and_plover_downloads_are_the_cli_outputs(client, examples_store):
    db = str(examples_store)
    expected = cli("events", "--db", db, "--json", "--limit", "0", "--actor", "RUS")
    assert client.get("/api/events.jsonl", params={"actor": "RUS"}).text == expected
    plover = [json.loads(line) for line in cli("export", "--db", db, "--format", "plover")
              .splitlines()]
    served = [json.loads(line) for line in client.get("/api/events.plover.jsonl").text
              .splitlines()]
    assert [p["id"] for p in served] == [p["id"] for p in plover] and served


@pytest.mark.parametrize(("url", "says"), [
    ("/api/events?since=2021-13-01", "since must be a day"),
    ("/api/events?since=yesterday", "since must be a day"),
    ("/api/events?since=2022-01-01&until=2021-01-01", "is after until"),
    ("/api/events?per_page=10000", "per_page must be"),
    ("/api/events?page=0", "page must be"),
    ("/api/events?min_confidence=2", "min_confidence must be"),
    ("/api/events?min_confidence=nan", "min_confidence must be"),
    ("/api/events?modality=maybe", "modality must be one of"),
    ("/api/events?code=DROP TABLE", "code must be"),
    ("/api/events?country=RU", "country must be an ISO 3166 alpha-3 code"),
    ("/api/events?country=R%25S", "country must be an ISO 3166 alpha-3 code"),
    ("/api/timeline?country=QQQ", "a country the knowledge base knows"),
    ("/api/events?text=...", "text must hold at least one word"),
    ("/api/network?text=" + "а" * 201, "at most 200"),
    ("/api/events?sort=key;--", "sort must be one of"),
    ("/api/events?actorr=RUS", "unknown parameter 'actorr'"),
    ("/api/events?lang=de", "lang must be one of"),
    ("/api/timeline?unit=year", "unit must be one of"),
    ("/api/network?edges=-1", "edges must be"),
    ("/api/search?q=" + "а" * 300, "at most 200"),
    ("/api/search?q=...", "at least one word"),
])
def test_serve_bad_parameters_are_400_with_a_message(client, url, says):
    response = client.get(url)
    assert response.status_code == 400
    assert says in response.json()["error"]
    page = client.get(url.replace("/api/", "/", 1).replace(".csv", ""))
    assert page.status_code == 400 and says.split("'")[0] in page.text


def test_serve_unknown_ids_are_404(client):
    assert client.get("/articles/nothing").status_code == 404
    assert client.get("/api/actors/person:nobody-at-all").status_code == 404


def test_serve_headers_forbid_foreign_and_inline_scripts(client):
    for url in ("/events", "/api/events", "/static/khronika.js"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_serve_search_finds_other_forms_of_a_word(client):
    data = client.get("/api/search", params={"q": "переговорах"}).json()
    matched = {word.lower() for a in data["articles"] for word in a["matched"]}
    assert data["total"] >= 3 and {"переговоры", "переговоров"} <= matched
    both = client.get("/api/search", params={"q": "переговоры Эрдоганом"}).json()
    assert 0 < both["total"] < data["total"]
    assert all("Эрдоган" in (a["title"] or "") for a in both["articles"])


def test_serve_article_marks_stored_offsets(client, examples_store):
    article_id = "900aa23e20b8c241"  # 02_putin_erdogan_sochi.txt
    doc = client.get(f"/api/articles/{article_id}").json()
    page = client.get(f"/articles/{article_id}", params={"lang": "en"}).text
    for mention in doc["mentions"]:
        assert doc["text"][mention["start"]:mention["stop"]] == mention["text"]
    people = re.findall(r'<span class="PER[^"]*"[^>]*>(?:<a [^>]+>)?([^<]+)', page)
    assert {"Путин", "Эрдоган"} <= {p.strip() for p in people}
    assert 'class="trigger' in page and 'class="timex' in page
    for event in doc["events"]:
        assert escape(event["sentence"]) in page and escape(event["summary"]["en"]) in page


def test_serve_actor_page_has_names_ids_roles_and_counterparts(client):
    data = client.get("/api/actors/person:vladimir-putin").json()
    assert data["entity"]["wikidata"] == "Q7747"
    assert data["entity"]["labels"]["en"] == "Vladimir Putin"
    assert any(r["role"] == "head_of_state" and r["end"] is None for r in data["roles"])
    assert data["events"] and {e["role"] for e in data["events"]} <= {"actor", "recipient"}
    assert data["counterparts"][0]["events"] >= 1
    page = client.get("/actors/person:vladimir-putin", params={"lang": "ar"}).text
    assert "فلاديمير بوتين" in page and "Q7747" in page


def test_serve_timeline_and_network_follow_the_filters(client):
    every = client.get("/api/timeline", params={"unit": "day"}).json()["series"]
    consult = client.get("/api/timeline", params={"code": "CONSULT"}).json()["series"]
    assert {s["series"] for s in consult} == {"CONSULT"}
    dated = client.get("/api/events", params={"per_page": 200}).json()["events"]
    assert sum(s["events"] for s in every) == sum(1 for e in dated if e["day"])
    net = client.get("/api/network").json()
    ids = {n["kb_id"] for n in net["nodes"]}
    assert net["edges"] and all({e["source"], e["target"]} <= ids for e in net["edges"])


def test_serve_places_are_located_and_select_their_events(client):
    data = client.get("/api/places", params={"min_confidence": 0}).json()
    places = {p["name"]: p for p in data["places"]}
    assert places["Брюссель"]["location"]["source"] == "kb"  # the KB's own coordinates
    guilin = places["Гуйлинь"]  # a town the KB does not know: GeoNames, by its Russian name
    assert guilin["kb_id"].startswith("local:")
    assert guilin["location"]["source"] == "geonames"
    where = guilin["location"]
    assert abs(where["lat"] - 25.3) < 0.5 and abs(where["lon"] - 110.3) < 0.5
    assert data["located"] + data["unlocated"] == len(data["places"]) and data["located"] >= 8
    for place in data["places"]:
        events = client.get("/api/events", params={"place": place["place"], "min_confidence": 0,
                                                   "per_page": 200}).json()
        assert events["total"] == place["events"] == sum(place["quads"].values())
        assert all(e["place_text"] for e in events["events"])
        assert place["quads"][str(place["quad"])] == max(place["quads"].values())


def test_serve_map_page_links_each_place_to_its_events(client):
    page = client.get("/map", params={"lang": "en", "code": "CONSULT"}).text
    links = re.findall(r'<a href="([^"]+)" class="place-link"><bdi>([^<]+)</bdi>', page)
    assert ("/events?code=CONSULT&amp;place=city%3Abrussels&amp;lang=en", "Brussels") in links
    assert '"outlines": "/static/vendor/world-atlas/countries-110m.geo.json"' in page
    events = client.get("/events", params={"place": "city:brussels", "lang": "en"}).text
    assert 'class="event-place" href="/events?place=city%3Abrussels&amp;lang=en"' in events


def test_serve_country_and_text_filter_every_view(client):
    """A country selects the events of its parties and the events that happened in it
    (Geneva: no Swiss party); a text search the events whose sentences hold its words in
    any form; the pages show both in their filter form and keep them in their links."""
    swiss = client.get("/api/events", params={"country": "che", "min_confidence": 0}).json()
    assert swiss["total"] >= 1 and {e["place_kb_id"] for e in swiss["events"]} == {"loc:geneva"}
    assert not any(c.startswith("CHE") for e in swiss["events"]
                   for c in e["actor_codes"] + e["recipient_codes"])
    places = client.get("/api/places", params={"country": "RUS", "min_confidence": 0}).json()
    assert {"Сочи", "Москва"} <= {p["name"] for p in places["places"]}
    talks = client.get("/api/events", params={"text": "переговоры", "per_page": 200}).json()
    sentences = [ev["sentence"].lower() for e in talks["events"] for ev in e["evidence"]]
    assert {"переговоры", "переговоров"} <= {w for s in sentences
                                             for w in re.findall(r"переговор\w*", s)}
    assert all(any("переговор" in ev["sentence"].lower() for ev in e["evidence"])
               for e in talks["events"])
    timeline = client.get("/api/timeline", params={"text": "переговоры", "unit": "day"}).json()
    dated = sum(1 for e in talks["events"] if e["day"])
    assert sum(s["events"] for s in timeline["series"]) == dated
    page = client.get("/timeline", params={"country": "RUS", "text": "переговоры",
                                           "lang": "en"}).text
    assert 'name="country" value="RUS"' in page and 'name="text" value="переговоры"' in page
    assert "country=RUS&amp;text=" in page or "country=RUS&text=" in page


def test_serve_modality_and_places_are_in_the_page_language(client):
    """The modality word and the place of each event in the page's language: the KB's
    label or GeoNames' name; a Russian page keeps the stored Russian name."""
    modality = re.compile(r"<br><small>([^<·]+)")
    place = re.compile(r'class="event-place" href="[^"]+"><bdi lang="(\w+)">([^<]+)</bdi>')
    words, places = {}, {}
    for lang in ("ru", "en", "ar"):
        page = client.get("/events", params={"lang": lang, "min_confidence": 0,
                                             "per_page": 200}).text
        words[lang] = {w.strip() for w in modality.findall(page)}
        places[lang] = {name: where for where, name in place.findall(page)}
        assert '<option value="asserted">' in page  # the filter's value stays
    assert {"утверждается", "в прошлом"} <= words["ru"] and "مؤكَّد" in words["ar"]
    assert not (words["ru"] | words["ar"]) & set(MODALITIES)
    assert {"Москва", "Брюссель", "Гуйлинь"} <= set(places["ru"])
    assert places["en"]["Brussels"] == "en" and places["en"]["Guilin"] == "en"  # KB; GeoNames
    assert places["ar"]["بروكسل"] == "ar" and places["ar"]["موسكو"] == "ar"
    assert places["ar"]["Guilin"] == "en"  # GeoNames has no Arabic name: the English one
    assert "Guilin" not in client.get("/map", params={"lang": "ru", "min_confidence": 0}).text
    article = client.get("/articles/900aa23e20b8c241", params={"lang": "ar"}).text
    assert " · مؤكَّد · " in article


def test_serve_openapi_describes_every_api_route():
    described = set(SHIPPED.get("web_openapi")["paths"])
    routes = {re.sub(r"\{(\w+)(:path)?\}", r"{\1}", r.path) for r in ROUTES
              if getattr(r, "path", "").startswith("/api/")}
    assert described == routes
    paths = SHIPPED.get("web_openapi")["paths"]
    for path in ("/api/events", "/api/events.csv", "/api/timeline", "/api/network",
                 "/api/places"):
        names = {p["$ref"].rsplit("/", 1)[1] if "$ref" in p else p["name"]
                 for p in paths[path]["get"]["parameters"]}
        assert set(FILTERS) <= names, path


def test_serve_web_files_ship_in_the_package():
    globs = [g for g in yaml.safe_load(json.dumps(_package_data()))["khronika"]
             if g.startswith("web/")]
    files = [p.relative_to(PACKAGE) for p in (PACKAGE / "web").rglob("*")
             if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts]
    assert files and all(any(f.match(g) for g in [*globs, "*/data/*.yaml"]) for f in files)
    assert (PACKAGE / "web/static/vendor/echarts/LICENSE").is_file()
    assert (PACKAGE / "web/static/vendor/world-atlas/LICENSE").is_file()


def _package_data() -> dict:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["tool"]["setuptools"]["package-data"]


# A page written to attack the pages that show it: markup, attribute breakouts, bidi
# overrides and control characters, in the title, the text, the site and a name.
HOSTILE_RECORD = {
    "url": "https://bad.example/a\"onerror=alert(1)",
    "site": "<script>alert('site')</script>",
    "title": "Лавров <script>alert(1)</script> встретился с Блинкеном\u202e",
    "published": "2021-05-20",
    "text": ("Министр иностранных дел России Сергей Лавров <img src=x onerror=alert(2)> "
             "встретился в Рейкьявике с госсекретарём США Энтони Блинкеном \"onerror=alert(3) "
             "\u202eтекст наоборот\u202c и \x1b[31mкрасным\x07\x00.\n\n"
             "Стороны обсудили </textarea><script>alert(4)</script> стратегическую стабильность."),
}


CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    write_pages(folder, {"bad.jsonl": json.dumps(HOSTILE_RECORD, ensure_ascii=False) + "\n"})
    db = str(folder / "k.duckdb")
    cli("-q", "ingest", "--db", db, "-j", "1", str(folder / "bad.jsonl"))
    client = TestClient(create_app(db))
    (article,) = client.get("/api/search").json()["articles"]
    return client, article["article_id"]


def test_serve_escapes_every_stored_text(hostile):
    client, article_id = hostile
    events = client.get("/api/events", params={"min_confidence": 0}).json()["events"]
    assert events, "the hostile page still reports its meeting"
    actor = events[0]["actors"][0]["kb_id"]
    for url in (f"/articles/{article_id}", "/events?min_confidence=0", "/search?q=Лавров",
                "/search", f"/actors/{actor}?min_confidence=0", "/network?min_confidence=0",
                "/map?min_confidence=0"):
        page = client.get(url).text
        assert client.get(url).status_code == 200, url
        scripts = re.findall(r"<script[^>]*>", page)
        assert all(s in ('<script src="/static/vendor/echarts/echarts.min.js">',
                         '<script src="/static/khronika.js">',
                         '<script type="application/json" id="chart-data">') for s in scripts), url
        assert "<img" not in page and not re.search(r"<[a-z][^>]*\sonerror=", page), url
        assert not CONTROLS.search(page), url
    page = client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in page
    assert "&#34;onerror=alert(3)" in page or "&quot;onerror=alert(3)" in page


def test_serve_json_keeps_hostile_text_as_data(hostile):
    client, article_id = hostile
    response = client.get(f"/api/articles/{article_id}")
    assert response.headers["content-type"] == "application/json"
    text = response.json()["text"]  # stored as given (title and paragraphs), as JSON data
    assert HOSTILE_RECORD["title"] in text and "</textarea><script>alert(4)</script>" in text
    assert "\x1b" not in response.text and "\\u001b" in response.text


HOLD_WRITER = """
import sys, time
from khronika.store import access
with access.writing(sys.argv[1]):  # as an ingest: its lock, then the file, written
    con = access.open_store(sys.argv[1], write=True, wait=10)
    con.execute("CREATE TABLE held (x INTEGER)")
    print("holding", flush=True)
    time.sleep(30)
"""


def test_serve_store_being_written_is_a_503_that_retries(examples_store, tmp_path):
    db = tmp_path / "copy.duckdb"
    db.write_bytes(examples_store.read_bytes())
    proc = subprocess.Popen([sys.executable, "-c", HOLD_WRITER, str(db)],
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip() == "holding"
        client = TestClient(create_app(str(db), wait=0.2))
        page = client.get("/events?page=2")
        assert page.status_code == 503 and page.headers["retry-after"]
        assert '<meta http-equiv="refresh"' in page.text
        assert client.get("/api/events").status_code == 503
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    assert client.get("/events").status_code == 200


def test_serve_store_being_written_gives_a_page_read_before_its_last_answer(examples_store,
                                                                            tmp_path):
    db = tmp_path / "copy.duckdb"
    db.write_bytes(examples_store.read_bytes())
    client = TestClient(create_app(str(db), wait=0.2))
    before = client.get("/events")
    proc = subprocess.Popen([sys.executable, "-c", HOLD_WRITER, str(db)],
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip() == "holding"
        again = client.get("/events")
        assert again.status_code == 200 and again.headers["x-khronika-stale"] == "1"
        assert again.text == before.text and "content-security-policy" in again.headers
        assert client.get("/events?page=2").status_code == 503  # never read before
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    assert "x-khronika-stale" not in client.get("/events").headers


def test_serve_missing_store_is_a_503_not_a_500(tmp_path):
    client = TestClient(create_app(str(tmp_path / "none.duckdb"), wait=0))
    response = client.get("/api/events")
    assert response.status_code == 503 and "khronika ingest" in response.json()["error"]


def test_serve_answers_are_kept_until_the_store_changes(examples_store, tmp_path):
    """A repeated view is answered from memory, with the same headers; touching the store
    (what an ingest's commit does) makes the next answer fresh."""
    import os
    import shutil

    db = tmp_path / "kept.duckdb"
    shutil.copy(examples_store, db)
    app = create_app(str(db))
    client = TestClient(app)
    first = client.get("/api/events", params={"per_page": 2})
    second = client.get("/api/events", params={"per_page": 2})
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first.headers["content-security-policy"] == second.headers["content-security-policy"]
    assert len(second.headers.get_list("content-security-policy")) == 1
    assert (app.state.cache.hits, app.state.cache.misses) == (1, 1)
    stat = os.stat(db)
    os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert client.get("/api/events", params={"per_page": 2}).status_code == 200
    assert (app.state.cache.hits, app.state.cache.misses) == (1, 2)
    client.get("/api/events", params={"per_page": "x"})  # a 400 is never kept
    client.get("/api/events", params={"per_page": "x"})
    assert app.state.cache.hits == 1
