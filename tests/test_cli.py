import json

import pytest
from click.testing import CliRunner

from khronika.cli.main import main
from tests.conftest import ROOT
from tests.helpers import PAGE, PAGE_NO_DATE, write_pages

CONTRACT = {"id", "path", "text", "article", "entities", "dates", "quotes", "events"}


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_cli_extract_emits_the_contract(tmp_path):
    (path,) = write_pages(tmp_path, {"a.txt": PAGE})
    result = run("-q", "extract", "--format", "jsonl", str(path))
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    doc = json.loads(line)
    assert set(doc) >= CONTRACT
    assert doc["article"]["published"] == "2021-03-12"
    assert doc["article"]["published_at"] is None  # the page gives no time
    assert all("end" in d for d in doc["dates"])
    assert doc["article"]["translations"] == ["en"]
    for entity in doc["entities"]:
        assert doc["text"][entity["start"] : entity["stop"]] == entity["text"]
        assert {"type", "normal", "kb_id", "wikidata", "code", "labels"} <= set(entity)


def test_cli_extract_min_confidence_drops_the_less_likely_events(tmp_path):
    (path,) = write_pages(tmp_path, {"a.txt": PAGE})
    every = json.loads(run("-q", "extract", "--min-confidence", "0", str(path)).stdout)
    shown = json.loads(run("-q", "extract", str(path)).stdout)
    assert every["events"] and all(0 <= e["confidence"] <= 1 for e in every["events"])
    assert shown["events"] == [e for e in every["events"] if e["confidence"] >= 0.5]
    assert json.loads(run("-q", "extract", "--min-confidence", "1", str(path)).stdout)[
        "events"] == []


def test_cli_extract_bad_input_gives_error_object_and_exit_status(tmp_path):
    paths = write_pages(tmp_path, {"a.txt": PAGE, "empty.txt": b""})
    result = run("-q", "extract", *map(str, paths))
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [d for d in docs if "error" in d]
    assert len(docs) == 2 and len(errors) == 1
    assert errors[0]["path"].endswith("empty.txt") and errors[0]["error"]
    assert "empty.txt" in result.stderr


def test_cli_extract_published_option_sets_missing_date(tmp_path):
    (path,) = write_pages(tmp_path, {"b.txt": PAGE_NO_DATE})
    result = run("-q", "extract", "--published", "2021-04-09", str(path))
    doc = json.loads(result.stdout)
    assert doc["article"]["published"] == "2021-04-09"
    assert {"text": "вчера", "value": "2021-04-08"}.items() <= next(
        d for d in doc["dates"] if d["text"] == "вчера").items()


def test_cli_extract_published_option_takes_a_time(tmp_path):
    (path,) = write_pages(tmp_path, {"b.txt": PAGE_NO_DATE.replace("вчера", "в 9:40")})
    result = run("-q", "extract", "--published", "2021-04-09T12:30", str(path))
    doc = json.loads(result.stdout)
    assert doc["article"]["published_at"] == "2021-04-09T12:30"
    assert ("в 9:40", "2021-04-09T09:40", "minute") in {
        (d["text"], d["value"], d["precision"]) for d in doc["dates"]}


def test_cli_extract_reads_stdin():
    result = run("-q", "extract", "-", input=PAGE.encode("cp1251"))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["published"] == "2021-03-12"


def test_cli_ingest_stats_show(tmp_path):
    write_pages(tmp_path, {"a.txt": PAGE, "b.txt": PAGE_NO_DATE})
    db = str(tmp_path / "k.duckdb")
    assert run("-q", "ingest", "--db", db, "-j", "1", str(tmp_path)).exit_code == 0
    stats = run("stats", "--db", db, "--json")
    data = json.loads(stats.stdout)
    assert data["count"]["articles"] == 2
    listing = run("stats", "--db", db).stdout
    article_id = listing.split("articles:\n", 1)[1].split()[0]
    shown = run("show", article_id[:8], "--db", db, "--no-color")
    assert shown.exit_code == 0 and "Сергей Лавров" in shown.stdout


def test_cli_ingest_exit_status_when_something_failed(tmp_path):
    write_pages(tmp_path, {"a.txt": PAGE, "empty.txt": b"  \n"})
    result = run("-q", "ingest", "--db", str(tmp_path / "k.duckdb"), "-j", "1", str(tmp_path))
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr


def test_cli_show_unknown_id_says_how_to_find_ids(tmp_path):
    db = str(tmp_path / "k.duckdb")
    write_pages(tmp_path, {"a.txt": PAGE})
    run("-q", "ingest", "--db", db, "-j", "1", str(tmp_path / "a.txt"))
    result = CliRunner().invoke(main, ["show", "nope", "--db", db])
    assert result.exit_code != 0 and "khronika stats" in result.output


def test_cli_extract_missing_file_is_a_failure_with_a_reason(tmp_path):
    (path,) = write_pages(tmp_path, {"a.txt": PAGE})
    result = run("-q", "extract", str(tmp_path / "missing.txt"), str(path))
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["kind"] == "FileNotFoundError"
    assert "check that the file exists" in lines[0]["error"]
    assert lines[1]["article"]["published"] == "2021-03-12"


def test_cli_stray_invalid_byte_is_flagged_in_extract_and_store(tmp_path):
    data = PAGE.encode("utf-8").replace("телефонный".encode(), b"\xff" + "телефонный".encode())
    (path,) = write_pages(tmp_path, {"a.txt": data})
    result = run("-q", "extract", str(path))
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert "decoded-with-replacement" in doc["flags"]
    db = str(tmp_path / "k.duckdb")
    assert run("-q", "ingest", "--db", db, "-j", "1", str(path)).exit_code == 0
    import duckdb

    with duckdb.connect(db, read_only=True) as con:
        (flags,) = con.execute("SELECT flags FROM articles").fetchone()
    assert "decoded-with-replacement" in flags


def test_cli_saved_page_assets_are_skipped_not_failures(tmp_path):
    from tests.helpers import SAVED_PAGE_ASSETS, write_saved_page

    html = (ROOT / "examples" / "09_lavrov_blinken_reykjavik.html").read_bytes()
    folder = write_saved_page(tmp_path / "saved", html)
    note = f"{len(SAVED_PAGE_ASSETS)} files skipped (not articles: images, .js, .css"
    extracted = run("-q", "extract", str(folder))
    assert extracted.exit_code == 0, extracted.output
    assert len(extracted.stdout.splitlines()) == 1
    assert note in extracted.stderr
    db = str(tmp_path / "k.duckdb")
    ingested = run("-q", "ingest", "--db", db, "-j", "1", str(folder))
    assert ingested.exit_code == 0, ingested.output
    assert note in ingested.stderr and "0 failures" in ingested.stderr
    assert json.loads(run("stats", "--db", db, "--json").stdout)["count"]["failures"] == 0


def _leaks(output: str) -> list[str]:
    from tests.helpers import HOSTILE

    return [s for s in (*HOSTILE, "\x1b]", "\x07", "\x08", "\r") if s in output]


def test_cli_control_sequences_in_articles_never_reach_the_terminal(tmp_path):
    """Colour codes, a window-title OSC, BEL, carriage return and backspace in a stored
    article's title, body and entities: stats, events and show print none of them."""
    from tests.helpers import HOSTILE_PAGE

    (path,) = write_pages(tmp_path, {"a.txt": HOSTILE_PAGE})
    db = str(tmp_path / "k.duckdb")
    assert run("-q", "ingest", "--db", db, "-j", "1", str(path)).exit_code == 0
    stats = run("stats", "--db", db).stdout
    events = run("events", "--db", db).stdout
    article_id = stats.split("articles:\n", 1)[1].split()[0]
    plain = run("show", article_id, "--db", db, "--no-color").stdout
    coloured = run("show", article_id, "--db", db, "--color").stdout
    for output in (stats, events, plain):
        assert "\x1b" not in output and not _leaks(output), repr(output)
    assert not _leaks(coloured)
    assert "\x1b[36m\x1b[1mЛавров\x1b[0m" in coloured  # show's own colours still work
    assert "Лавров и Чавушоглу обсудили по телефону" in stats
    assert "Лавров и Чавушоглу обсудили по телефону" in events
    assert "PER Сергей Лавров → Сергей Лавров" in plain


@pytest.mark.parametrize(("text", "lines", "expected"), [
    ("a\x1b[1;31mb\x1b[0mc", False, "abc"),
    ("a\x1b]0;title\x07b\x1b]8;;http://x\x1b\\c", False, "abc"),
    ("a\x1b]0;never ends\nb", True, "a\nb"),
    ("a\x9b31mb\x9d0;t\x9cc\x85d", False, "abcd"),
    ("a\x08\x00\x7fb\x1bc", False, "ab"),
    ("one\r\ntwo\rthree\tfour", True, "one\ntwo\nthree\tfour"),
    ("one\r\ntwo\nthree\tfour", False, "one  two three four"),
])
def test_cli_clean_strips_control_sequences(text, lines, expected):
    from khronika.output.terminal import clean

    assert clean(text, lines=lines) == expected


def test_cli_failure_lines_carry_no_control_sequences(tmp_path):
    write_pages(tmp_path, {"a\x1b[31m\x1b]0;pwn\x07.txt": b""})
    result = run("-q", "extract", str(tmp_path))
    assert result.exit_code == 1
    assert "empty input" in result.stderr and not _leaks(result.stderr)


STRAY_BYTE_PAGE = PAGE.encode("utf-8").replace("Сирии".encode(), b"\xff" + "Сирии".encode(), 1)
STRAY_WARNING = "replaced with U+FFFD"  # a warning: shown by default, not with -q


@pytest.mark.parametrize("args", [["-q", "extract"], ["extract", "-q"], ["extract", "--quiet"]])
def test_cli_quiet_works_before_and_after_the_subcommand(tmp_path, args):
    (path,) = write_pages(tmp_path, {"a.txt": STRAY_BYTE_PAGE})
    assert STRAY_WARNING in run("extract", str(path)).stderr
    result = run(*args, str(path))
    assert result.exit_code == 0 and STRAY_WARNING not in result.stderr


@pytest.mark.parametrize("args", [["-vv", "extract"], ["extract", "-vv"], ["-v", "extract", "-v"]])
def test_cli_verbose_works_before_and_after_the_subcommand(tmp_path, args):
    (path,) = write_pages(tmp_path, {"a.txt": PAGE})
    assert "decoded as utf-8" not in run("extract", str(path)).stderr
    assert "decoded as utf-8" in run(*args, str(path)).stderr


def test_cli_every_command_takes_quiet_and_verbose():
    from tests.test_docs import commands

    for path, command in commands(main):
        opts = {opt for param in command.params for opt in param.opts}
        assert {"-q", "--quiet", "-v", "--verbose"} <= opts, path


DATES_TSV = (
    "sentence\texpression\tpublished\tvalue\tprecision\n"
    "Переговоры завершились 12 февраля 2015 года.\t12 февраля 2015 года\t2015-02-20\t"
    "2015-02-12\tday\n"
    "Министры встретились вчера.\tвчера\t2021-04-09\t2021-04-08\tday\n"
)


def test_cli_eval_shows_progress_on_stderr_unless_quiet(tmp_path):
    tsv = tmp_path / "dates.tsv"
    tsv.write_text(DATES_TSV, "utf-8")
    shown = run("eval", "dates", str(tsv), "-v")
    assert shown.exit_code == 0, shown.output
    assert "dates khronika: 2/2" in shown.stderr and "dates dateparser: 2/2" in shown.stderr
    assert "INFO scoring" in shown.stderr  # -v after the subcommand
    assert "2/2" not in shown.stdout
    for args in (["-q", "eval", "dates"], ["eval", "dates", "-q"], ["eval", "-q", "dates"]):
        quiet = run(*args, str(tsv))
        assert quiet.exit_code == 0 and "2/2" not in quiet.stderr, args
        assert quiet.stdout == shown.stdout


def test_cli_ingest_report_line_counts_duplicate_inputs(tmp_path):
    write_pages(tmp_path, {"a.txt": PAGE, "a-copy.txt": PAGE})
    db = str(tmp_path / "k.duckdb")
    result = run("-q", "ingest", "--db", db, "-j", "1", str(tmp_path), str(tmp_path / "a.txt"))
    assert result.exit_code == 0, result.output
    assert "3 inputs: 1 new articles" in result.stderr
    assert "2 duplicate inputs left out" in result.stderr
