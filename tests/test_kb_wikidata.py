"""Wikidata JSON dump importer: streaming, extraction, compression, errors, atomic output."""

import bz2
import gzip
import inspect
import json
import os
from pathlib import Path

import pytest

from khronika.errors import ReadError
from khronika.kb import wikidata
from khronika.kb.wikidata import (
    BadLine,
    DumpError,
    ImportReport,
    entity_problem,
    extract,
    import_dump,
    iter_dump,
    load_records,
)

MINI = Path(__file__).resolve().parent / "fixtures" / "wikidata" / "mini.json"


def entities() -> list[dict]:
    """The fixture's good entity lines, parsed."""
    return [e for e in iter_dump(MINI) if isinstance(e, dict)]


def run(tmp_path: Path, dump: Path = MINI) -> tuple[ImportReport, dict[str, dict]]:
    out = tmp_path / "out" / "wikidata.jsonl"
    report = import_dump(dump, out)
    return report, {r["qid"]: r for r in load_records(out)}


def person(*p39: dict, **labels: str) -> dict:
    return {
        "id": "Q1000",
        "type": "item",
        "labels": {k: {"language": k, "value": v} for k, v in labels.items()},
        "claims": {"P31": [statement("P31", "Q5")], "P39": list(p39)},
    }


def statement(prop: str, qid: str, rank: str = "normal", **qualifiers: dict) -> dict:
    value = {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}
    snak = {"snaktype": "value", "property": prop}
    snak["datavalue"] = {"value": value, "type": "wikibase-entityid"}
    return {"mainsnak": snak, "type": "statement", "rank": rank, "qualifiers": qualifiers}


def time(when: str, precision: int) -> list[dict]:
    value = {"time": when, "timezone": 0, "before": 0, "after": 0, "precision": precision}
    return [{"snaktype": "value", "datavalue": {"value": value, "type": "time"}}]


def test_kb_wikidata_counts_per_kind(tmp_path):
    report, _ = run(tmp_path)
    assert report.counts == {"country": 1, "igo": 1, "position": 1, "person": 2}
    assert (report.ignored, report.bad, report.lines) == (2, 2, 9)
    assert report.bad_examples[0].startswith("line 5: invalid JSON")
    assert report.bad_examples[1] == "line 8: expected an entity object, found list"
    assert "person 2" in report.summary()


def test_kb_wikidata_country_record(tmp_path):
    _, records = run(tmp_path)
    assert records["Q399"] == {
        "kind": "country",
        "id": "country:ARM",
        "qid": "Q399",
        "name": "Армения",
        "aliases": ["Республика Армения", "РА"],
        "labels": {"en": "Armenia", "ar": "أرمينيا"},
        "iso3": "ARM",
        "iso2": "AM",
        "capital_qid": "Q1953",
    }


def test_kb_wikidata_igo_and_position_records(tmp_path):
    _, records = run(tmp_path)
    igo = records["Q7184"]
    assert (igo["kind"], igo["id"], igo["labels"]["en"]) == ("igo", "wd:Q7184", "NATO")
    assert "НАТО" in igo["aliases"]
    position = records["Q999001"]
    assert position["kind"] == "position" and position["id"] == "wd:Q999001"
    assert position["name"] == "премьер-министр Армении"
    assert position["jurisdiction_qid"] == "Q399"
    assert position["subclass_of"] == ["Q14212"]
    assert position["role"] == "head_of_government"


def test_kb_wikidata_person_roles_with_dates_and_precisions(tmp_path):
    _, records = run(tmp_path)
    pashinyan = records["Q999010"]
    assert pashinyan["id"] == "wd:Q999010" and pashinyan["name"] == "Никол Пашинян"
    assert pashinyan["aliases"] == ["Пашинян", "Никол Воваевич Пашинян"]
    assert pashinyan["labels"] == {"en": "Nikol Pashinyan", "ar": "نيكول باشينيان"}
    assert pashinyan["roles"] == [
        {"position_qid": "Q999001", "start": "2018-05-08", "end": "2021-06"},
        {"position_qid": "Q999001", "start": "2021", "end": None},
    ]


def test_kb_wikidata_deprecated_and_novalue_statements_skipped(tmp_path):
    _, records = run(tmp_path)
    held = [role["position_qid"] for role in records["Q999010"]["roles"]]
    assert "Q999003" not in held  # the deprecated P39
    assert len(held) == 2  # the novalue P39 is no role
    entity = person(statement("P39", "Q7", rank="deprecated"), ru="Никто")
    assert extract(entity) is None  # only deprecated P39: not an office holder


def test_kb_wikidata_person_name_falls_back_to_english(tmp_path):
    _, records = run(tmp_path)
    assert records["Q999013"]["name"] == "John Example"
    assert records["Q999013"]["roles"] == [
        {"position_qid": "Q999005", "start": "2020-01-15", "end": None}
    ]
    assert "Q999011" not in records  # a human with no P39
    assert "Q1953" not in records  # a city: has P17 but is no position


@pytest.mark.parametrize(
    ("when", "precision", "expected"),
    [
        ("+2012-05-07T00:00:00Z", 11, "2012-05-07"),
        ("+2012-05-07T10:30:00Z", 13, "2012-05-07"),
        ("+2012-05-00T00:00:00Z", 10, "2012-05"),
        ("+2012-00-00T00:00:00Z", 9, "2012"),
        ("+2012-00-00T00:00:00Z", 11, "2012"),  # day precision but no month or day given
        ("+00000002012-01-01T00:00:00Z", 9, "2012"),
        ("+2010-00-00T00:00:00Z", 8, None),  # a decade
        ("-0044-03-15T00:00:00Z", 11, None),  # BCE
        ("garbage", 11, None),
    ],
)
def test_kb_wikidata_time_precision(when, precision, expected):
    record = extract(person(statement("P39", "Q7", P580=time(when, precision)), ru="Некто"))
    assert record["roles"] == [{"position_qid": "Q7", "start": expected, "end": None}]


@pytest.mark.parametrize("opener", [gzip.open, bz2.open], ids=["gzip", "bzip2"])
def test_kb_wikidata_compressed_dumps_give_same_records(tmp_path, opener):
    expected = run(tmp_path / "plain")
    packed = tmp_path / "latest-all.json"  # no telling extension: found by magic bytes
    with opener(packed, "wb") as sink:
        sink.write(MINI.read_bytes())
    assert run(tmp_path / "packed", packed) == expected


def test_kb_wikidata_json_lines_without_brackets(tmp_path):
    lines = [json.dumps(e, ensure_ascii=False) for e in entities()]
    jsonl = tmp_path / "entities.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report, records = run(tmp_path, jsonl)
    assert report.counts == {"country": 1, "igo": 1, "position": 1, "person": 2}
    assert (report.bad, report.lines) == (0, 7)
    assert records == run(tmp_path / "dump")[1]


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "found b'\\x89PNG"),
        (b"", "found an empty file"),
        (b"name,iso3\nArmenia,ARM\n", "found b'name,iso3"),
        (b"{not json\n[1, 2]\n", "found only 2 bad lines"),
        (b"[\n]\n", "found no entities"),
        (b"\x1f\x8b\x08\x00garbage", "cannot be decompressed"),
    ],
    ids=["binary", "empty", "csv", "only-bad-lines", "no-entities", "broken-gzip"],
)
def test_kb_wikidata_not_a_dump_raises_dump_error(tmp_path, content, found):
    dump, out = tmp_path / "dump.json", tmp_path / "out.jsonl"
    dump.write_bytes(content)
    with pytest.raises(DumpError) as caught:
        import_dump(dump, out)
    message = str(caught.value)
    assert str(dump) in message and "expected" in message and found in message
    assert "pass latest-all.json" in message or "download" in message  # what to do
    assert isinstance(caught.value, ReadError)
    assert os.listdir(tmp_path) == ["dump.json"]  # no output, no temp file


def test_kb_wikidata_missing_file_raises_dump_error(tmp_path):
    with pytest.raises(DumpError, match="found no such file; check the path"):
        import_dump(tmp_path / "absent.json.gz", tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()


def test_kb_wikidata_output_is_atomic(tmp_path, monkeypatch):
    out = tmp_path / "wikidata.jsonl"
    out.write_text("previous import\n", encoding="utf-8")
    real, calls = wikidata.extract, []

    def failing(entity):
        calls.append(entity["id"])
        if len(calls) == 4:
            raise RuntimeError("crash mid-import")
        return real(entity)

    monkeypatch.setattr(wikidata, "extract", failing)
    with pytest.raises(RuntimeError, match="crash mid-import"):
        import_dump(MINI, out)
    assert len(calls) == 4  # three records were already written to the temp file
    assert out.read_text(encoding="utf-8") == "previous import\n"
    assert os.listdir(tmp_path) == ["wikidata.jsonl"]


def test_kb_wikidata_output_is_utf8_json_lines(tmp_path):
    out = tmp_path / "wikidata.jsonl"
    seen = []
    import_dump(MINI, out, progress=seen.append)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and all(json.loads(line)["kind"] for line in lines)
    assert "Армения" in lines[0]  # ensure_ascii=False
    assert seen and seen[-1].lines == 9


def test_kb_wikidata_iter_dump_is_lazy(tmp_path):
    assert inspect.isgenerator(iter_dump(MINI))
    # A gzip dump cut in the middle: the first entity comes before the break is read.
    first = json.dumps(entities()[0], ensure_ascii=False)
    filler = (json.dumps({"id": f"Q{n}", "pad": os.urandom(64).hex()}) for n in range(1, 20_000))
    data = gzip.compress(("[\n" + first + ",\n" + ",\n".join(filler) + "\n]\n").encode())
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(data[: len(data) // 2])
    stream = iter_dump(cut)
    assert next(stream)["id"] == "Q399"
    with pytest.raises(DumpError, match="found it cut or corrupt after line"):
        for _ in stream:
            pass


def test_kb_wikidata_bad_lines_are_records_not_errors():
    items = list(iter_dump(MINI))
    bad = [item for item in items if isinstance(item, BadLine)]
    assert [b.line_no for b in bad] == [5, 8]
    assert len(items) == 9


ODD = [
    {"id": "Q1"},
    {"id": "Q1", "labels": [], "aliases": [], "claims": []},  # empty maps as PHP writes them
    {"id": "P31", "type": "property", "claims": {"P31": [statement("P31", "Q5")]}},
    {"id": "Q1", "claims": {"P31": "Q5"}},
    {"id": "Q1", "claims": {"P31": [None, 5, "x", {"mainsnak": None}]}},
    {"id": "Q1", "claims": {"P31": [{"mainsnak": {"snaktype": "somevalue"}}]}},
    {"id": "Q1", "claims": {"P31": [{"mainsnak": {"datavalue": {"type": "time", "value": 5}}}]}},
    {"id": "Q1", "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": 5}}}}]}},
    person({"mainsnak": {"datavalue": {"type": "wikibase-entityid", "value": []}}}, ru="A"),
    person(statement("P39", "Q7", P580=[{"datavalue": {"type": "time", "value": {}}}])),
    person(statement("P39", "Q7", P580="x", P582=[None]), ru=5),
    {**person(statement("P39", "Q7")), "labels": {"ru": "Имя"}, "aliases": {"ru": "x"}},
    {"id": "Q1", "claims": {"P31": [statement("P31", "Q6256")], "P298": [{"mainsnak": 1}]}},
    {"id": "Q1", "claims": {"P31": [statement("P31", "Q4164871")], "P17": [{}]}},
]


@pytest.mark.parametrize("entity", ODD)
def test_kb_wikidata_extract_never_raises_on_odd_shapes(entity):
    record = extract(entity)
    assert record is None or record["kind"] in wikidata.KINDS


@pytest.mark.parametrize(
    "entity",
    [{"id": 7}, {"id": ""}, {"id": "Q1", "claims": "P31"}, {"id": "Q1", "labels": 5}],
)
def test_kb_wikidata_malformed_entity_counts_as_bad(tmp_path, entity):
    assert entity_problem(entity) and extract(entity) is None
    dump = tmp_path / "dump.jsonl"
    good = json.dumps(entities()[0], ensure_ascii=False)
    dump.write_text(good + "\n" + json.dumps(entity) + "\n", encoding="utf-8")
    report, _ = run(tmp_path, dump)
    assert (report.counts["country"], report.bad, report.ignored) == (1, 1, 0)


def test_kb_wikidata_load_records_rejects_a_foreign_file(tmp_path):
    out = tmp_path / "wikidata.jsonl"
    import_dump(MINI, out)
    assert [r["kind"] for r in load_records(out)] == [
        "country", "igo", "position", "person", "person"
    ]  # fmt: skip
    out.write_text('{"kind": "country", "id": "country:ARM"}\nnot json\n', encoding="utf-8")
    with pytest.raises(DumpError, match="line 2: expected a KB record"):
        list(load_records(out))
