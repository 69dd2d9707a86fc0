import json
import os
import time
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from khronika.store import db as store
from khronika.store.ingest import Options, Source, ingest, plan, sources
from khronika.store.query import Filters
from tests.helpers import PAGE, PAGE_NO_DATE, write_pages

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def count(db, table):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_pages(folder, {"a.txt": PAGE, "b.txt": PAGE_NO_DATE,
                         "c.txt": PAGE.replace("12 марта", "11 марта")})
    return folder


def test_ingest_stores_and_rerun_adds_nothing(corpus, tmp_path):
    db = tmp_path / "k.duckdb"
    first = ingest([str(corpus)], str(db), Options())
    assert (first.articles, first.skipped, first.failures) == (3, 0, [])
    before = {t: count(db, t) for t in ("articles", "sentences", "mentions", "timexes", "quotes")}
    assert before["mentions"] > 0 and before["timexes"] > 0 and before["quotes"] > 0
    second = ingest([str(corpus)], str(db), Options())
    assert (second.articles, second.skipped) == (0, 3)
    assert before == {t: count(db, t) for t in before}


def test_ingest_no_date_page_is_stored_with_null_published(corpus, tmp_path):
    db = tmp_path / "k.duckdb"
    ingest([str(corpus / "b.txt")], str(db), Options())
    with duckdb.connect(str(db), read_only=True) as con:
        published, flags = con.execute("SELECT published, flags FROM articles").fetchone()
    assert published is None and "no-published-date" in flags


def test_ingest_bad_inputs_are_recorded_and_the_batch_goes_on(corpus, tmp_path):
    bad = {"empty.txt": b"", "image.png": PNG, "big.txt": ("а" * 5000).encode(),
           "broken.html": b"<html><body><nav>menu</nav></body></html>",
           "report.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"}
    write_pages(corpus, bad)
    db = tmp_path / "k.duckdb"
    report = ingest([str(corpus)], str(db), Options(max_bytes=4000))
    assert report.articles == 3
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT path, kind, reason FROM failures ORDER BY path").fetchall()
    kinds = {path.rsplit("/", 1)[1]: kind for path, kind, _ in rows}
    assert kinds == {"big.txt": "TooLarge", "broken.html": "NoArticle",
                     "empty.txt": "EmptyInput", "report.pdf": "BinaryInput"}  # the image:
    # not an article, skipped (tests/test_readers.py), never a failure
    assert all(reason and "\n" not in reason for _, _, reason in rows)


def test_ingest_failed_batch_leaves_no_half_written_article(corpus, tmp_path, monkeypatch):
    db = tmp_path / "k.duckdb"
    real = store.insert_rows

    def crash_on_quotes(con, table, rows, **kwargs):
        if table == "quotes":
            raise KeyboardInterrupt
        real(con, table, rows, **kwargs)

    monkeypatch.setattr(store, "insert_rows", crash_on_quotes)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(corpus)], str(db), Options())
    assert count(db, "articles") == 0 and count(db, "mentions") == 0
    assert count(db, "entities") == 0
    monkeypatch.setattr(store, "insert_rows", real)
    assert ingest([str(corpus)], str(db), Options()).articles == 3


def test_ingest_two_workers_store_the_same_as_one(corpus, tmp_path):
    one, two = tmp_path / "1.duckdb", tmp_path / "2.duckdb"
    ingest([str(corpus)], str(one), Options())
    ingest([str(corpus)], str(two), Options(), workers=2)
    query = "SELECT article_id, start, stop, type, normal FROM mentions ORDER BY ALL"
    with duckdb.connect(str(one), read_only=True) as a, duckdb.connect(str(two)) as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_ingest_analysis_error_is_one_failure_not_a_lost_batch(corpus, tmp_path, monkeypatch):
    from khronika.store import ingest as ingest_module

    real = ingest_module.analyze_article

    def fragile(article, resources, *stages):
        if "Шойгу" in article.text:
            raise RuntimeError("boom\nwith a second line")
        return real(article, resources, *stages)

    monkeypatch.setattr(ingest_module, "analyze_article", fragile)
    report = ingest([str(corpus)], str(tmp_path / "k.duckdb"), Options())
    assert report.articles == 2
    (failure,) = report.failures
    assert failure.kind == "RuntimeError" and failure.id
    assert failure.reason.startswith(str(corpus / "b.txt")) and "\n" not in failure.reason


def test_ingest_entities_merge_across_documents_and_batches(tmp_path):
    first = "Глава района Пётр Сидорчук встретился с Владимиром Путиным в Москве."
    second = "Пётр Сидорчук заявил, что Владимир Путин поддержал проект."
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(first, encoding="utf-8")
    db = tmp_path / "k.duckdb"
    ingest([str(tmp_path / "in")], str(db), Options(published=date(2021, 4, 9)))
    (tmp_path / "in" / "b.txt").write_text(second, encoding="utf-8")
    ingest([str(tmp_path / "in")], str(db), Options(published=date(2021, 4, 9)))
    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict(con.execute(
            "SELECT kb_id, [kind, code, articles::VARCHAR, mentions::VARCHAR] FROM entities"
        ).fetchall())
    assert rows["local:per:петр-сидорчук"] == ["local", None, "2", "2"]
    assert rows["person:vladimir-putin"] == ["person", "RUSGOV", "2", "2"]


def test_ingest_equal_copies_and_a_path_given_twice_are_one_input(corpus, tmp_path):
    (corpus / "a-copy.txt").write_bytes((corpus / "a.txt").read_bytes())
    db = tmp_path / "k.duckdb"
    a = str(corpus / "a.txt")
    report = ingest([str(corpus), a, a], str(db), Options())
    assert (report.inputs, report.duplicate_inputs, report.articles) == (6, 3, 3)
    assert report.failures == [] and count(db, "inputs") == 3


def test_ingest_a_symlink_loop_is_walked_once(corpus, tmp_path):
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to(corpus, target_is_directory=True)
    found = [Path(s.path).name for s in sources([str(corpus), str(corpus / "loop")])]
    assert sorted(found) == ["a.txt", "b.txt", "c.txt"]
    report = ingest([str(corpus)], str(tmp_path / "k.duckdb"), Options())
    assert (report.inputs, report.articles, report.failures) == (3, 3, [])


def _feed(folder, lines):
    path = folder / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


RECORDS = [
    json.dumps({"title": "Лавров провел переговоры", "published": "2021-03-12",
                "text": "Сергей Лавров провел переговоры с Мевлютом Чавушоглу."},
               ensure_ascii=False),
    '{"title": "broken", ',
    json.dumps({"published": "2021-03-13", "text": "Шойгу прибыл в Минск."},
               ensure_ascii=False),
]


def test_ingest_a_partial_input_is_done_and_its_failures_stored_once(tmp_path):
    feed = _feed(tmp_path, RECORDS)
    db = tmp_path / "k.duckdb"
    first = ingest([str(feed)], str(db), Options())
    assert (first.articles, len(first.failures)) == (2, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status, articles, failures FROM inputs").fetchall() == [
            ("partial", 2, 1)]
    second = ingest([str(feed)], str(db), Options())
    assert (second.skipped, second.articles, second.failures) == (1, 0, [])
    assert (count(db, "failures"), count(db, "articles")) == (1, 2)


def test_ingest_an_unhashed_failure_is_stored_once(tmp_path):
    write_pages(tmp_path, {"big.txt": ("а" * 5000).encode()})
    db = tmp_path / "k.duckdb"
    for _ in range(2):
        assert len(ingest([str(tmp_path / "big.txt")], str(db), Options(max_bytes=100))
                   .failures) == 1
    assert count(db, "failures") == 1


def test_ingest_plan_deals_a_jsonl_input_out_record_by_record(tmp_path, corpus):
    feed = Source(str(_feed(tmp_path, RECORDS)))
    work = plan(feed, Options())
    assert [(len(w.records or []), w.last) for w in work] == [(1, False), (1, False), (1, True)]
    assert [(w.records, w.last) for w in plan(Source(str(corpus / "a.txt")), Options())] == [
        (None, True)]


def test_ingest_one_jsonl_input_is_analysed_by_all_workers(tmp_path, monkeypatch):
    from khronika.store import ingest as ingest_module

    pids = tmp_path / "pids"
    pids.mkdir()

    def note_pid(article, resources, *stages):
        (pids / f"{os.getpid()}-{time.monotonic_ns()}").touch()
        time.sleep(0.3)
        raise RuntimeError("not analysed in this test")

    monkeypatch.setattr(ingest_module, "process_resources", lambda: None)
    monkeypatch.setattr(ingest_module, "analyze_article", note_pid)
    feed = _feed(tmp_path, [RECORDS[0]] * 6)
    report = ingest([str(feed)], str(tmp_path / "k.duckdb"), Options(), workers=2)
    assert len(report.failures) == 6
    assert len({p.name.split("-")[0] for p in pids.iterdir()}) == 2


def test_ingest_never_reads_the_store_itself(corpus):
    db = corpus / "k.duckdb"
    for _ in range(2):
        report = ingest([str(corpus)], str(db), Options())
        assert (report.inputs, report.failures) == (3, [])


def test_ingest_stores_the_publication_time_and_range_ends(tmp_path):
    record = {"text": "Учения прошли с 3 по 7 октября, а вчера в 18:45 начался митинг.",
              "published": "2019-10-09T10:15:00+03:00"}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(json.dumps(record, ensure_ascii=False),
                                             encoding="utf-8")
    db = tmp_path / "k.duckdb"
    ingest([str(tmp_path / "in")], str(db), Options())
    with duckdb.connect(str(db), read_only=True) as con:
        (published_at,) = con.execute("SELECT published_at FROM articles").fetchone()
        rows = con.execute(
            "SELECT text, value, value_end, precision FROM timexes ORDER BY start").fetchall()
    assert published_at == datetime(2019, 10, 9, 10, 15)
    assert rows == [("3 по 7 октября", "2019-10-03", "2019-10-07", "day"),
                    ("вчера в 18:45", "2019-10-08T18:45", None, "minute")]


def test_ingest_a_store_made_before_times_and_ranges_gets_their_columns(tmp_path):
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE timexes (article_id VARCHAR, idx INTEGER, value VARCHAR)")
        con.execute("INSERT INTO timexes VALUES ('a', 0, '2021-04-09')")
    store.connect(db).close()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT value, value_end FROM timexes").fetchall() == [
            ("2021-04-09", None)]
        names = {row[0] for row in con.execute("DESCRIBE articles").fetchall()}
    assert "published_at" in names


def test_ingest_a_store_made_before_party_names_gets_them_filled(tmp_path):
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE events (key VARCHAR, actors JSON, recipients JSON)")
        con.execute("""INSERT INTO events VALUES ('e1', '[{"text": "Лаврова",
            "normal": "Сергей Лавров", "labels": {"en": "Sergey Lavrov"}}]', '[]')""")
    store.connect(db).close()
    with duckdb.connect(str(db), read_only=True) as con:
        (names,) = con.execute("SELECT party_names FROM events").fetchone()
        where, params = Filters(actor="Lavrov").where()
        found = con.execute("SELECT count(*) FROM events" + where, params).fetchone()[0]
    assert names.splitlines() == ["лаврова", "сергей лавров", "sergey lavrov"]
    assert found == 1
