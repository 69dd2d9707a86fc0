"""`khronika bench --serve`: the store it builds from analysed articles (a tiny one here;
the load itself is a benchmark, run by hand: README)."""

from datetime import date

import duckdb

from khronika.bench.serve import build_store, percentile, shift_day
from khronika.events.merge import event_key
from khronika.records import Actor, Article, Doc, Event, Evidence, Place, Span

TEXT = "Министры встретились в Казани. Они обсудили торговлю."


def _doc() -> Doc:
    article = Article(TEXT, path="made-up.txt", title=Span(0, 29),
                      published=date(2021, 3, 1))
    actors = [Actor("Министры", 0, 8, kb_id="local:per:министры", normal="министры")]
    event = Event("040", "CONSULT", "", "", "asserted", actors, [], "2021-03-01", "day",
                  Place("Казани", 23, 29, "Казань", "local:loc:казань"), Span(9, 20),
                  Span(0, 30), "rule", 0.8, quad=1)
    event.evidence = [Evidence(Span(0, 30), Span(9, 20), "rule", 0.8)]
    event.key = event_key(event)
    return Doc(article, events=[event])


def test_bench_store_holds_distinct_copies_of_the_articles(tmp_path):
    db = str(tmp_path / "load.duckdb")
    assert build_store(db, [_doc()], 7) == 7
    con = duckdb.connect(db, read_only=True)
    titles = [t for (t,) in con.execute("SELECT title FROM articles ORDER BY published").fetchall()]
    assert len(set(titles)) == 7 and titles[0] == "Министры встретились в Казани [0]"
    days = [d for (d,) in con.execute("SELECT day FROM events ORDER BY day").fetchall()]
    assert days == [date(2021, 3, 1 + k) for k in range(7)]  # one event a day: not merged
    assert con.execute("SELECT min(articles), max(articles) FROM events").fetchone() == (1, 1)
    ((start, stop, sentence),) = con.execute(
        "SELECT sentence_start, sentence_stop, substring(a.text, sentence_start + 1, 30) "
        "FROM event_evidence e JOIN articles a ON a.id = e.article_id LIMIT 1").fetchall()
    assert sentence == TEXT[start:stop]  # the offsets still hold in each copy's text
    assert con.execute("SELECT place_text FROM events").fetchall()[0] == ("Казань",)


def test_bench_shifts_days_only():
    from datetime import timedelta

    assert shift_day("2021-12-31", timedelta(days=1)) == "2022-01-01"
    assert shift_day("2021-12", timedelta(days=1)) == "2021-12"
    assert shift_day(None, timedelta(days=1)) is None
    assert percentile([0.1, 0.2, 0.3, 0.4], 50) == 200 and percentile([], 95) == 0


def test_bench_distinct_plan_never_asks_a_url_twice():
    from khronika.bench.serve import plan

    again = plan(False)
    assert len(set(again)) == len(again) == 16
    distinct = plan(True)
    assert len(set(distinct)) == len(distinct) > 4000
    assert all(url.count("page=") == 2 for _, url in distinct)  # per_page= and page=
