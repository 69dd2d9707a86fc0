import json

from click.testing import CliRunner

from khronika.cli.main import main
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
    assert doc["article"]["translations"] == ["en"]
    for entity in doc["entities"]:
        assert doc["text"][entity["start"] : entity["stop"]] == entity["text"]
        assert {"type", "normal", "kb_id", "wikidata", "code", "labels"} <= set(entity)


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


def test_cli_ingest_report_line_counts_duplicate_inputs(tmp_path):
    write_pages(tmp_path, {"a.txt": PAGE, "a-copy.txt": PAGE})
    db = str(tmp_path / "k.duckdb")
    result = run("-q", "ingest", "--db", db, "-j", "1", str(tmp_path), str(tmp_path / "a.txt"))
    assert result.exit_code == 0, result.output
    assert "3 inputs: 1 new articles" in result.stderr
    assert "2 duplicate inputs left out" in result.stderr
