"""Events in the store: one row per real event across articles, the `events` command and
the exports (PLOVER JSON Lines, GDELT-style TSV, Parquet)."""

import copy
import csv
import io
import json
import random

import duckdb
import pytest
from click.testing import CliRunner

from khronika.cli.main import main
from tests.conftest import EXAMPLES
from tests.helpers import PAGE, write_pages

# The call of PAGE (12 March 2021, "в среду" = 10 March), told by another agency.
SAME_CALL = """Главы МИД России и Турции провели телефонный разговор

12 марта 2021

Сергей Лавров и Мевлют Чавушоглу в среду обсудили по телефону положение в Сирии.

По материалам ТАСС
"""

OTHER_EVENT = """Турция выслала двух иранских дипломатов

15 марта 2021

Анкара в понедельник выслала двух иранских дипломатов.

По материалам Интерфакс
"""


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _ingested(tmp_path_factory, name: str, pages: dict[str, str]) -> str:
    """A store of these pages, ingested by the CLI into a new folder."""
    folder = tmp_path_factory.mktemp(name)
    write_pages(folder, pages)
    path = str(folder / "k.duckdb")
    assert run("-q", "ingest", "--db", path, "-j", "1", str(folder)).exit_code == 0
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = _ingested(tmp_path_factory, "events", {"a.txt": PAGE, "b.txt": SAME_CALL})
    later = tmp_path_factory.mktemp("later")
    write_pages(later, {"c.txt": OTHER_EVENT})
    assert run("-q", "ingest", "--db", path, "-j", "1", str(later)).exit_code == 0
    return path


def _events(db, *args):
    result = run("events", "--db", db, "--json", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_events_store_two_reports_of_one_call_are_one_event(db):
    (call,) = _events(db, "--code", "041")
    assert call["date"] == "2021-03-10"
    assert sorted(call["actor_codes"] + call["recipient_codes"]) == ["RUSGOV", "TURGOV"]
    assert (call["articles"], call["sources"]) == (2, 2)
    assert len({e["article_id"] for e in call["evidence"]}) == 2


def test_events_store_rerun_adds_no_reports(db, tmp_path):
    before = _events(db, "--code", "041")[0]["reports"]
    write_pages(tmp_path, {"b.txt": SAME_CALL})
    run("-q", "ingest", "--db", db, "-j", "1", str(tmp_path))
    assert _events(db, "--code", "041")[0]["reports"] == before


@pytest.mark.parametrize(("args", "codes"), [
    (["--code", "CONSULT"], {"041"}),
    (["--code", "17"], {"174"}),
    (["--actor", "TURGOV", "--code", "174"], {"174"}),
    (["--actor", "person:sergey-lavrov"], {"041"}),
    (["--since", "2021-03-11"], {"174"}),
    (["--until", "2021-03-11"], {"041"}),
    (["--modality", "negated"], set()),
])
def test_events_store_filters(db, args, codes):
    assert {e["code"] for e in _events(db, *args)} == codes


def test_events_store_table_and_languages(db):
    ru = run("events", "--db", db).stdout
    en = run("events", "--db", db, "--lang", "en").stdout
    assert "2021-03-10  041 CONSULT" in ru and "Лавров" in ru
    assert "Sergey Lavrov" in en or "Sergei Lavrov" in en
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--csv").stdout)))
    assert {r["code"] for r in rows} == {"041", "174"}


def test_events_store_export_plover(db):
    result = run("export", "--format", "plover", "--db", db)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    call = next(r for r in records if r["cameo"] == "041")
    assert call["event"] == ["CONSULT"] and call["mode"] == "phone"
    assert {a["actor_code"] for a in call["source"]} == {"RUSGOV", "TURGOV"}
    assert call["num_articles"] == 2 and call["event_text"]
    expel = next(r for r in records if r["cameo"] == "174")
    assert [a["actor_code"] for a in expel["source"]] == ["TURGOV"]
    assert [a["code"] for a in expel["recipient"]] == ["IRN"]


def test_events_store_export_gdelt_tsv(db):
    result = run("export", "--format", "gdelt", "--db", db)
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    call = next(r for r in rows if r["EventCode"] == "041")
    assert (call["SQLDATE"], call["EventRootCode"], call["QuadClass"]) == ("20210310", "04", "1")
    assert {call["Actor1Code"], call["Actor2Code"]} == {"RUSGOV", "TURGOV"}
    assert call["NumArticles"] == "2" and call["Modality"] == "asserted"


def test_events_store_export_parquet_by_month(db, tmp_path):
    out = tmp_path / "pq"
    assert run("export", "--format", "parquet", "-o", str(out), "--db", db).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["month=2021-03"]
    con = duckdb.connect()
    codes = con.execute(
        f"SELECT code FROM read_parquet('{out}/*/*.parquet', hive_partitioning=true) "
        "ORDER BY code").fetchall()
    assert codes == [("041",), ("174",)]


def test_events_store_export_parquet_needs_a_folder(db):
    result = CliRunner().invoke(main, ["export", "--format", "parquet", "--db", db])
    assert result.exit_code != 0 and "needs -o FOLDER" in result.output


def test_events_store_missing_store_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0 and "khronika ingest" in result.output


def test_events_store_show_lists_the_article_events(db):
    ids = [e["evidence"][0]["article_id"] for e in _events(db, "--code", "174")]
    result = run("show", ids[0], "--db", db, "--lang", "en")
    assert result.exit_code == 0, result.output
    events = result.output.split("events:")[1]
    assert "174 COERCE asserted" in events and "«выслала»" in events


# The same call told two days later without a date of its own.
UNDATED_CALL = """Лавров и Чавушоглу обсудили Сирию

14 марта 2021

Сергей Лавров провел телефонный разговор с Мевлютом Чавушоглу, сообщили в МИД России.

По материалам Интерфакс
"""


@pytest.mark.parametrize("order", [("a.txt", "u.txt"), ("u.txt", "a.txt")])
def test_events_store_an_undated_report_joins_the_dated_event(tmp_path, order):
    pages = {"a.txt": PAGE, "u.txt": UNDATED_CALL}
    path = str(tmp_path / "k.duckdb")
    for name in order:  # one batch each, in both orders of arrival
        folder = tmp_path / name.split(".")[0]
        folder.mkdir()
        write_pages(folder, {name: pages[name]})
        assert run("-q", "ingest", "--db", path, "-j", "1", str(folder)).exit_code == 0
    (call,) = _events(path, "--code", "04")
    assert (call["date"], call["date_precision"]) == ("2021-03-10", "day")
    assert (call["articles"], call["sources"]) == (2, 2)


def test_events_store_an_article_of_unknown_origin_is_a_source_of_its_own(tmp_path):
    page = "Лавров и Чавушоглу провели переговоры в Анкаре 10 марта 2021 года.\n"
    write_pages(tmp_path, {"a.txt": page})
    path = str(tmp_path / "k.duckdb")
    run("-q", "ingest", "--db", path, "-j", "1", "--published", "2021-03-12", str(tmp_path))
    (talks,) = _events(path, "--code", "04")
    assert (talks["articles"], talks["sources"]) == (1, 1)


def _parquet_codes(folder):
    with duckdb.connect() as con:
        return con.execute(
            f"SELECT code FROM read_parquet('{folder}/*/*.parquet', hive_partitioning=true) "
            "ORDER BY code").fetchall()


def test_events_store_export_parquet_refuses_a_folder_with_data(db, tmp_path):
    out = tmp_path / "pq"
    assert run("export", "--format", "parquet", "-o", str(out), "--db", db).exit_code == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    result = CliRunner().invoke(main, ["export", "--format", "parquet", "-o", str(out),
                                       "--db", db])
    assert result.exit_code != 0
    (line,) = result.stderr.strip().splitlines()
    assert str(out) in line and "--overwrite" in line
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert _parquet_codes(out) == [("041",), ("174",)]


def test_events_store_export_parquet_overwrite_replaces_an_export(db, tmp_path):
    out = tmp_path / "pq"
    for _ in range(2):
        result = run("export", "--format", "parquet", "-o", str(out), "--overwrite", "--db", db)
        assert result.exit_code == 0, result.output
    assert _parquet_codes(out) == [("041",), ("174",)]
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--format", "parquet", "-o", str(out),
                                       "--overwrite", "--db", db])
    assert result.exit_code != 0 and "notes.txt" in result.stderr
    assert (out / "notes.txt").exists() and _parquet_codes(out) == [("041",), ("174",)]


@pytest.mark.parametrize("actor", ["%", "_", "%%", "\\", "kb_id", "labels"])
def test_events_store_actor_wildcards_and_json_keys_match_nothing(db, actor):
    assert _events(db, "--actor", actor) == []


@pytest.mark.parametrize(("actor", "codes"), [("лавров", {"041"}), ("Lavrov", {"041"}),
                                               ("анкар", {"174"})])
def test_events_store_actor_matches_part_of_a_name(db, actor, codes):
    assert {e["code"] for e in _events(db, "--actor", actor)} == codes


def test_events_store_show_an_ambiguous_prefix_lists_the_candidates(db):
    result = CliRunner().invoke(main, ["show", "", "--db", db])
    assert result.exit_code != 0
    first, *candidates = result.stderr.strip().splitlines()
    assert "3 articles" in first and "give more of the id" in first
    stored = {e["article_id"] for e in _events(db)[0]["evidence"]}
    assert stored <= {line.split()[0] for line in candidates} and len(candidates) == 3
    result = CliRunner().invoke(main, ["show", "%", "--db", db])
    assert result.exit_code != 0 and "no article '%'" in result.stderr


# The same pair on two days (10 and 13 March), told dated and undated, in several wordings:
# an undated report joins the latest dated day within a week before its publication.
CALL_13 = """Лавров и Чавушоглу вновь созвонились

14 марта 2021

Сергей Лавров и Мевлют Чавушоглу 13 марта провели телефонный разговор, сообщили в МИД России.

По материалам Коммерсантъ
"""

UNDATED_ON_THE_DAY = """Лавров поговорил с Чавушоглу

10 марта 2021

Министр иностранных дел России Сергей Лавров провел телефонный разговор с Мевлютом Чавушоглу.

По материалам RT
"""

UNDATED_LATER = """Лавров и Чавушоглу провели переговоры по телефону

15 марта 2021

Сергей Лавров провел телефонный разговор с Мевлютом Чавушоглу, стороны обсудили Сирию.

По материалам ТАСС
"""


@pytest.fixture(scope="module")
def analysed_once(resources):
    """`ingest` with each input analysed only the first time it is given (a copy after)."""
    from khronika.store import ingest as ingest_module

    cache = {}

    def cached_run(work, options, **_):
        for w in work:
            key = (w.source.path, w.records[0].path if w.records else None)
            if key not in cache:
                cache[key] = ingest_module.process_work(w, resources, options)
            yield copy.deepcopy(cache[key])

    patch = pytest.MonkeyPatch()
    patch.setattr(ingest_module, "run", cached_run)
    yield ingest_module.ingest
    patch.undo()


def test_events_store_the_events_table_does_not_depend_on_ingest_order(
        analysed_once, tmp_path):
    from khronika.store.ingest import Options

    mine = write_pages(tmp_path, {
        "a.txt": PAGE, "b.txt": SAME_CALL, "c.txt": OTHER_EVENT, "u.txt": UNDATED_CALL,
        "d.txt": CALL_13, "e.txt": UNDATED_ON_THE_DAY, "f.txt": UNDATED_LATER})
    paths = sorted(str(p) for p in EXAMPLES.iterdir()) + [str(p) for p in mine]
    orders = [paths, paths[::-1]] + [random.Random(seed).sample(paths, len(paths))
                                     for seed in range(3)]
    tables = []
    for n, order in enumerate(orders):
        db = tmp_path / f"{n}.duckdb"
        analysed_once(order, str(db), Options(), batch_size=1)
        with duckdb.connect(str(db), read_only=True) as con:
            tables.append((
                con.execute("SELECT * FROM events ORDER BY key")
                .fetchall(),
                con.execute("SELECT event_key, article_id, event_idx, sentence_start "
                            "FROM event_evidence ORDER BY ALL").fetchall()))
    calls = [row for row in tables[0][0] if row[1] == "041" and "Lavrov" in row[19]]
    assert len(tables[0][0]) > 20
    assert sorted((row[8], row[23]) for row in calls) == [("2021-03-10", 3), ("2021-03-13", 3)]
    assert all(table == tables[0] for table in tables[1:])


def test_events_store_a_store_without_reports_gets_them_from_its_evidence(tmp_path):
    path = str(tmp_path / "k.duckdb")
    for name, page in (("a", PAGE), ("b", SAME_CALL)):
        folder = tmp_path / name
        folder.mkdir()
        write_pages(folder, {f"{name}.txt": page})
        assert run("-q", "ingest", "--db", path, "-j", "1", str(folder)).exit_code == 0
        if name == "a":  # as an earlier khronika left it
            with duckdb.connect(path) as con:
                con.execute("DROP TABLE reports")
    (call,) = _events(path, "--code", "041")
    assert (call["date"], call["articles"], call["sources"]) == ("2021-03-10", 2, 2)
    with duckdb.connect(path, read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT article_id) FROM reports").fetchone() == (2,)


def test_events_store_min_confidence_keeps_the_likelier_events(db):
    """Everything is stored; the default shows what is more likely usable than not, and
    `--min-confidence` moves the cut (0 shows every event)."""
    every = _events(db, "--min-confidence", "0")
    shown = _events(db)
    assert every and all(0.0 <= e["confidence"] <= 1.0 for e in every)
    assert {e["key"] for e in shown} == {e["key"] for e in every if e["confidence"] >= 0.5}
    assert _events(db, "--min-confidence", "1") == []
    result = run("export", "--db", db, "--format", "plover", "--min-confidence", "1")
    assert result.exit_code == 0 and result.stdout == ""
    assert run("events", "--db", db, "--min-confidence", "2").exit_code == 2


# Two meetings in a third country's capital, and an agreement signed "на переговорах": the
# country filter takes the parties' codes and the place's country, the text filter any
# form of a word of the evidence sentences.
MEETING_ABROAD = """Главы МИД Армении и Азербайджана встретились в Тбилиси

20 марта 2021

Министры иностранных дел Армении и Азербайджана в пятницу встретились в Тбилиси.

По материалам ТАСС
"""

SIGNED_AT_TALKS = """Казахстан и Узбекистан подписали соглашение о воде

22 марта 2021

Президенты Казахстана и Узбекистана на переговорах в Ташкенте подписали соглашение по рекам.

По материалам Интерфакс
"""


@pytest.fixture(scope="module")
def places_db(tmp_path_factory):
    return _ingested(tmp_path_factory, "places",
                     {"a.txt": MEETING_ABROAD, "b.txt": SIGNED_AT_TALKS})


@pytest.mark.parametrize(("args", "codes"), [
    (["--country", "GEO"], {"040"}),  # no Georgian party: the place, Tbilisi
    (["--country", "uzb"], {"057"}),  # a party, and the place; any case
    (["--country", "KAZ"], {"057"}),  # a party only
    (["--country", "ARM", "--code", "057"], set()),
    (["--country", "USA"], set()),
    (["--text", "переговоры"], {"057"}),  # the sentence says "на переговорах"
    (["--text", "ПЕРЕГОВОРАМИ подписанное соглашение"], {"057"}),  # any form, any case
    (["--text", "переговоры воде"], {"057"}),  # words of two evidence sentences
    (["--text", "переговоры Тбилиси"], set()),
    (["--text", "встреча"], set()),  # a word of the same meaning is no match
    (["--text", "встретиться", "--country", "GEO"], {"040"}),
])
def test_events_store_country_and_text_filters(places_db, args, codes):
    found = _events(places_db, "--min-confidence", "0", *args)
    assert {e["code"] for e in found} == codes
    exported = run("export", "--db", places_db, "--format", "plover", "--min-confidence", "0",
                   *args)
    assert len(exported.stdout.splitlines()) == len(found)


@pytest.mark.parametrize(("args", "says"), [
    (["--country", "GE"], "three letters"), (["--country", "QQQ"], "knowledge base knows"),
    (["--text", "..."], "no word")])
def test_events_store_country_and_text_refuse_bad_values(places_db, args, says):
    result = run("events", "--db", places_db, *args)
    assert result.exit_code == 2 and says in result.stderr


def test_events_store_country_places_must_be_looked_up_first():
    from khronika.store.query import Country, Filters

    with pytest.raises(ValueError, match="not looked up"):
        Filters(country=Country("RUS")).where()
    where, params = Filters(country=Country("RUS", ())).where()
    assert "starts_with" in where and params == ["RUS", []]
