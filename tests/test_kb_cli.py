"""`khronika kb …` and `eval linking` from the command line."""

import json

from click.testing import CliRunner

from khronika.cli.main import main
from tests.conftest import FIXTURES


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_kb_cli_lookup_role_on_date():
    result = run("kb", "lookup", "президент Азербайджана", "--date", "2002-01-01", "--json")
    assert result.exit_code == 0, result.output
    hit = json.loads(result.stdout.splitlines()[0])
    assert (hit["kb_id"], hit["code"], hit["via"]) == ("person:heydar-aliyev", "AZEGOV", "role")


def test_kb_cli_lookup_prints_labels_in_the_language_asked():
    result = run("kb", "lookup", "Алиевым", "--date", "2021-04-08", "--lang", "ar")
    assert result.exit_code == 0
    assert result.stdout.startswith("person:ilham-aliyev  إلهام علييف  code=AZEGOV")


def test_kb_cli_lookup_nothing_found_exits_1():
    result = run("kb", "lookup", "Шмыргельдорф")
    assert result.exit_code == 1
    assert "nothing in the KB" in result.stderr


def test_kb_cli_stats_counts():
    result = run("kb", "stats", "--json")
    data = json.loads(result.stdout)
    assert data["countries"]["member"] == 193 and data["people"] > 300
    assert data["labels"]["ar"] > 0.9 * data["entities"]


def test_kb_cli_import_wikidata_then_use_it(tmp_path, kb):
    out = tmp_path / "wd.jsonl"
    result = run("kb", "import-wikidata", str(FIXTURES / "wikidata" / "mini.json"),
                 "-o", str(out))
    assert result.exit_code == 1  # the fixture holds two bad lines: counted, not fatal
    assert "bad 2" in result.stderr and out.exists()
    env = {"KHRONIKA_KB": str(out)}
    hit = json.loads(run("kb", "lookup", "John Example", "--json", env=env).stdout)
    assert hit["kb_id"] == "wd:Q999013"
    merged = json.loads(run("kb", "lookup", "Пашинян", "--json", env=env).stdout)
    own = kb.get("person:nikol-pashinyan").qid  # the KB's own QID wins over an import's
    assert (merged["kb_id"], merged["wikidata"]) == ("person:nikol-pashinyan", own or "Q999010")
    assert "Никол Пашинян" in merged["labels"]["ru"]
    stats = json.loads(run("kb", "stats", "--json", env=env).stdout)
    assert stats["extra_files"] == [str(out)]


def test_kb_cli_import_wikidata_not_a_dump_says_so(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_bytes(b"\x00\x01binary")
    result = run("kb", "import-wikidata", str(bad), "-o", str(tmp_path / "o.jsonl"))
    assert result.exit_code == 1
    assert "Error:" in result.stderr and "Wikidata" in result.stderr


def test_kb_cli_bench_wikidata_import_memory_runs():
    result = run("bench", "--wikidata", "100")
    assert result.exit_code == 0
    assert "peak heap ratio" in result.stdout and "1000" in result.stdout


def test_kb_cli_broken_kb_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "person", "broken\n', encoding="utf-8")
    for env in ({"KHRONIKA_KB": str(bad)}, {"KHRONIKA_KB": str(tmp_path / "missing.jsonl")}):
        result = run("kb", "lookup", "Путин", env=env)
        assert result.exit_code == 1
        assert "cannot read the KB file" in result.stderr and "KHRONIKA_KB" in result.stderr
