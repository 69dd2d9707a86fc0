"""The web UI in a real browser (Playwright driving the system's Chromium) on a store of
examples/: every page loads and draws, filters are clicked, and so are a timeline bar, a map
circle and a network node where the chart drew them; Arabic is right to left, the
CSV download is `khronika events --csv`. Screenshots of each page go to the folder named
by $KHRONIKA_SCREENSHOTS (docs/screenshots/ for the README), when it is set."""

import json
import os
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from khronika.cli.main import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH: `apt-get install -y chromium` (make test "
                             "installs it); Playwright's own browser download is not used")

PAGES = {  # screenshot name -> path
    "events": "/events?lang=en",
    "timeline": "/timeline?lang=en",
    "network": "/network?lang=en&min_confidence=0",
    "map": "/map?lang=en&min_confidence=0",
    "actor": "/actors/person:vladimir-putin?lang=en",
    "article": "/articles/900aa23e20b8c241?lang=en",
    "search": "/search?q=переговорах&lang=en",
    "events-ar": "/events?lang=ar",
}


@pytest.fixture(scope="module")
def base(examples_store):
    import uvicorn

    from khronika.web.app import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(str(examples_store)), host="127.0.0.1",
                                           port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error"
            and "favicon" not in (m.location or {}).get("url", "") else None)
    yield page
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_serve_browser_page_loads_and_draws(page, base, name):
    page.goto(base + PAGES[name])
    assert page.locator("main h1").count() == 1
    if page.locator("#chart").count():
        page.wait_for_function("() => window.khronikaChart !== undefined")
        assert page.locator("#chart canvas").count() >= 1
    folder = os.environ.get("KHRONIKA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)
    assert page.problems == [], page.problems  # no script error, nothing blocked by the CSP


def test_serve_browser_filter_narrows_the_events(page, base):
    page.goto(base + "/events?lang=en")
    every = int(page.locator("#total b").inner_text())
    page.fill("input[name=actor]", "Лавров")
    page.select_option("select[name=modality]", "asserted")
    page.click("#apply")
    page.wait_for_url("**/events?**actor=**")
    query = parse_qs(urlparse(page.url).query)
    assert query["actor"] == ["Лавров"] and query["lang"] == ["en"]
    narrowed = int(page.locator("#total b").inner_text())
    assert 0 < narrowed < every
    assert page.locator("table.events tbody tr").count() == min(narrowed, 50)


def test_serve_browser_arabic_is_right_to_left(page, base):
    page.goto(base + "/events?lang=en&actor=RUS")
    page.click("#lang-ar")
    page.wait_for_url("**lang=ar**")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "actor=RUS" in page.url  # the switch keeps the filters
    assert page.locator("#nav-events").inner_text() == "الأحداث"


def test_serve_browser_csv_download_is_the_cli_csv(page, base, examples_store):
    page.goto(base + "/events?code=CONSULT&lang=en")
    page.fill("input[name=country]", "rus")
    page.fill("input[name=text]", "переговоры")
    page.click("#apply")
    page.wait_for_url("**/events?**text=**")
    query = parse_qs(urlparse(page.url).query)
    assert query["country"] == ["rus"] and query["code"] == ["CONSULT"]
    with page.expect_download() as download:
        page.click("#download-csv")
    served = Path(download.value.path()).read_text(encoding="utf-8")
    expected = CliRunner().invoke(main, ["events", "--db", str(examples_store), "--csv",
                                         "--limit", "0", "--code", "CONSULT", "--country", "rus",
                                         "--text", "переговоры", "--lang", "en"])
    assert served == expected.stdout and served.count("\n") > 1
    assert served.count("\n") - 1 == int(page.locator("#total b").inner_text())


# Where a chart drew a data point, in the page's viewport (scrolled into view first):
# ECharts' own convertToPixel, through the chart instance of the #chart element.
POINT = """([series, value]) => {
  const dom = document.getElementById("chart");
  const chart = echarts.getInstanceByDom(dom);
  const [x, y] = chart.convertToPixel({seriesIndex: series}, value);
  const box = dom.getBoundingClientRect();
  window.scrollBy(0, box.top + y - window.innerHeight / 2);
  const now = dom.getBoundingClientRect();
  return [now.left + x, now.top + y];
}"""

# a graph node's place: its layout (the force layout's coordinates) converted the same way
NODE = """(index) => {
  const chart = echarts.getInstanceByDom(document.getElementById("chart"));
  return chart.getModel().getSeriesByIndex(0).getData().getItemLayout(index);
}"""


def _click_chart(page, series: int, value) -> None:
    x, y = page.evaluate(POINT, [series, value])
    page.mouse.click(x, y)


def test_serve_browser_timeline_bar_click_opens_its_events(page, base):
    page.goto(base + "/timeline?unit=month")
    page.wait_for_function("() => window.khronikaChart !== undefined")
    chart = json.loads(page.locator("#chart-data").text_content())
    index, series = max(((i, s) for s in chart["series"] for i, n in enumerate(s["data"]) if n),
                        key=lambda found: found[1]["data"][found[0]])  # the tallest piece
    number = chart["series"].index(series)
    below = sum(s["data"][index] for s in chart["series"][:number])  # the bars are stacked
    _click_chart(page, number, [index, below + series["data"][index] / 2])
    page.wait_for_url("**/events?**")
    href = chart["links"][f"{chart['buckets'][index]}|{series['key']}"]
    assert page.url == base + href
    assert int(page.locator("#total b").inner_text()) == series["data"][index]
    assert page.problems == [], page.problems


def test_serve_browser_map_shows_the_places_and_links_to_their_events(page, base):
    page.goto(base + "/map?lang=en&min_confidence=0")
    page.wait_for_function("() => window.khronikaChart !== undefined")
    chart = json.loads(page.locator("#chart-data").text_content())
    names = {p["name"] for p in chart["places"]}
    assert {"Brussels", "Sochi", "Guilin"} <= names  # KB places and a GeoNames town
    drawn = page.evaluate("window.khronikaChart.getOption().series"
                          ".reduce(function (n, s) { return n + s.data.length; }, 0)")
    assert drawn == len(chart["places"])
    assert page.evaluate("window.khronikaChart.getOption().geo[0].map") == "world"
    brussels = next(p for p in chart["places"] if p["name"] == "Brussels")
    series = [q["quad"] for q in chart["quads"]].index(brussels["quad"])
    _click_chart(page, series, [brussels["lon"], brussels["lat"]])  # the circle on the map
    page.wait_for_url("**/events?**place=city%3Abrussels**")
    assert int(page.locator("#total b").inner_text()) == brussels["events"]
    assert page.locator("input[name=place]").input_value() == "city:brussels"
    page.go_back()
    page.click("#places a.place-link:has-text('Brussels')")  # the table below it
    page.wait_for_url("**/events?**place=city%3Abrussels**")
    assert page.problems == [], page.problems


# the map's place labels that show: [name, x, y, width, height] in the chart
LABELS = """() => {
  const chart = echarts.getInstanceByDom(document.getElementById("chart"));
  const shown = [];
  chart.getModel().eachSeries(function (series) {
    const data = series.getData();
    data.each(function (i) {
      const symbol = data.getItemGraphicEl(i);  // a group: the label is its path's
      if (!symbol) { return; }
      symbol.traverse(function (part) {
        const label = part.getTextContent && part.getTextContent();
        if (label && !label.ignore && !label.invisible) {
          const box = label.getBoundingRect().clone();
          box.applyTransform(label.getComputedTransform());
          shown.push([data.getName(i), box.x, box.y, box.width, box.height]);
        }
      });
    });
  });
  return shown;
}"""


@pytest.mark.parametrize("lang", ["ar", "en", "ru"])
def test_serve_browser_map_labels_never_overlap(page, base, lang):
    page.goto(base + f"/map?lang={lang}&min_confidence=0")
    page.wait_for_function("() => window.khronikaChart !== undefined")
    shown = page.evaluate(LABELS)
    assert len(shown) >= 5, shown
    for n, (name, x, y, w, h) in enumerate(shown):
        for other, x2, y2, w2, h2 in shown[n + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, (name, other)
    if lang == "ar":
        assert {"بروكسل", "سوتشي"} <= {label[0] for label in shown}
    assert page.problems == [], page.problems


def test_serve_browser_network_node_and_article_click_open_actors(page, base):
    page.goto(base + "/network?min_confidence=0")
    page.wait_for_function("() => window.khronikaChart !== undefined")
    nodes = json.loads(page.locator("#chart-data").text_content())["nodes"]
    index = max(range(len(nodes)), key=lambda i: nodes[i]["events"])  # the largest circle
    _click_chart(page, 0, page.evaluate(NODE, index))
    page.wait_for_url("**/actors/**")
    assert page.url == base + nodes[index]["href"]
    assert page.locator("main h1").inner_text() == nodes[index]["name"]
    page.goto(base + PAGES["article"])
    page.click("#article-text span.PER a >> nth=0")
    page.wait_for_url("**/actors/person:**")
    assert page.locator("h2").first.is_visible()
