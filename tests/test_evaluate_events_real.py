"""`eval events` on real-news (offset) gold and `eval agreement`: the reader (sha256, absent
shared data), the matcher, the scorer and the agreement, on fixture articles written for
these tests (tests/fixtures/events_real: our own sentences, not news)."""

import json
import shutil

import pytest
from click.testing import CliRunner

from khronika.cli.main import main
from khronika.evaluate import events_real as er
from tests.conftest import FIXTURES

HERE = FIXTURES / "events_real"
DATA, GOLD, SECOND = HERE / "data", HERE / "gold.jsonl", HERE / "second.jsonl"


def items():
    return er.load_items(GOLD)


def a1():
    item = items()[0]
    return item, (DATA / item["source"]).read_text("utf-8")


def at(text, needle, n=1):
    i = -1
    for _ in range(n):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def party(text, needle, code, n=1, normal=None):
    s, e = at(text, needle, n)
    return {"text": needle, "start": s, "stop": e, "code": code, "normal": normal or needle}


def pred(text, trigger, code, plover, actors=(), recipients=(), modality="asserted",
         date=None, n=1, evidence=()):
    s, e = at(text, trigger, n)
    sentence = {"start": max(0, s - 10), "stop": e + 10}
    return {"code": code, "plover": plover, "actors": list(actors),
            "recipients": list(recipients), "modality": modality, "date": date,
            "trigger": {"start": s, "stop": e}, "sentence": sentence, "rule": "test",
            "evidence": [{"trigger": {"start": a, "stop": b}, "sentence": {"start": a,
                                                                          "stop": b}}
                         for a, b in evidence]}


def a1_predictions(text):
    court = party(text, "районный суд", "RUSJUD")
    mayor = party(text, "Петра Смирнова", "RUSGOV")
    return [
        pred(text, "арестовал", "173", "COERCE", [court], [mayor], date="2025-03-03", n=2,
             evidence=[at(text, "арестовал")]),  # the headline's report merged into it
        pred(text, "обвинила", "112", "ACCUSE", [party(text, "Прокуратура", "RUSJUD")]),
        pred(text, "заявила", "010", "", [party(text, "Защита", None)]),  # a statement
        pred(text, "оштрафован", "173", "COERCE", [],
             [party(text, "Смирнов", "RUSGOV", 2)], modality="historical", date="2019-01"),
        pred(text, "взятке", "190", "ASSAULT", [party(text, "Смирнова", "RUSGOV")]),
    ]


def test_events_real_scorer_counts_fields_usable_and_recall():
    item, text = a1()
    gold, dropped_gold = er.gold_events(item, [])
    predicted, dropped_pred = er.predicted_events(a1_predictions(text))
    assert (dropped_gold, dropped_pred) == (1, 1)  # statements are not scored
    report = er.RealReport()
    er.score_article(item["id"], gold, predicted, report, text)
    assert (report.gold, report.gold_current, report.predicted) == (4, 3, 4)
    assert report.tiers == {"trigger": 3}
    assert report.type.precision == 0.75 and report.recall == 0.75
    assert report.current_recall == pytest.approx(2 / 3)  # the appeal was missed
    # the fine has no actor where the gold names the court: right type, not usable
    assert report.usable == 2 and report.usable_precision == 0.5
    assert report.right == {"type": 3, "actor": 2, "recipient": 2, "modality": 3, "date": 2,
                            "current": 3, "strict": 1}
    assert report.scored["date"] == 2  # the accusation has no gold date: not scored
    assert report.by_type["ASSAULT"].predicted == 1 and report.by_type["ACCUSE"].gold == 2
    assert any("missed 115" in e for e in report.errors)
    assert any("extra (test) 190" in e for e in report.errors)
    assert "usable precision 0.500 (2/4)" in er.format_report(report)


def test_events_real_dates_compare_at_the_gold_precision():
    assert er._date_right("2025-03", "2025-03-03")
    assert er._date_right("2019", "2019-01")
    assert not er._date_right("2025-03-03", "2025-03")
    assert not er._date_right("2025-03", "2025-030") and not er._date_right("2025", None)


def _ev(trigger, plover="COERCE", code="173", actors=(), recipients=(), sentence=None):
    return er.Ev(trigger, [trigger], [sentence or trigger], plover, code, list(actors),
                 list(recipients), "asserted", True, None)


def test_events_real_pairs_by_trigger_then_sentence_then_participants():
    police = er.Party((0, 7), "RUSCOP", "полиция")
    same = er.Party((100, 107), "RUSCOP", "Полиция")  # another mention, the same code
    gold = [_ev((10, 20)), _ev((30, 40), "ACCUSE", "112", sentence=(25, 60)),
            _ev((200, 210), actors=[police])]
    pred = [
        _ev((300, 310), actors=[same]),  # no trigger, another sentence: shares the police
        _ev((45, 50), "ACCUSE", "111", sentence=(25, 60)),  # same sentence and type
        _ev((15, 25), "PROTEST", "141"),  # overlaps the first trigger, another type
        _ev((50, 55), "ASSAULT", "190", sentence=(25, 60)),  # same sentence, other type
    ]
    pairs = {(g.trigger, p.trigger, tier) for g, p, tier in er.pair_events(gold, pred)}
    assert pairs == {((10, 20), (15, 25), 0), ((30, 40), (45, 50), 1),
                     ((200, 210), (300, 310), 2)}


def test_events_real_participants_match_by_span_code_or_name():
    gold = er.Party((5, 10), None, "Пётр Смирнов")
    assert er.same_party(gold, er.Party((8, 20), "RUSGOV", "x"))
    assert er.same_party(gold, er.Party((50, 60), None, "пётр смирнов"))
    assert er.same_party(gold, er.Party((50, 60), None, "Петр Смирнов"))  # ё written or not
    assert not er.same_party(gold, er.Party((50, 60), None, "Смирнов"))
    coded = er.Party(None, "RUSJUD", "суд")
    assert er.same_party(coded, er.Party((0, 3), "RUSJUD", "районный суд"))
    assert not er.same_party(coded, er.Party((0, 3), None, "районный суд"))


def test_events_real_both_sides_empty_is_right_an_extra_party_is_not():
    g, p = _ev((0, 5)), _ev((0, 5), recipients=[er.Party((9, 12), "RUS", "Россия")])
    right = er.fields(g, p)
    assert right["actor"] and not right["recipient"] and not right["strict"]


def test_events_real_reader_checks_sha_and_names_absent_data(tmp_path):
    assert er.is_offset_gold(items()) and not er.is_offset_gold([{"text": "x"}])
    assert er.missing_reason(items(), DATA) is None
    reason = er.missing_reason(items(), tmp_path / "nowhere")
    assert "nowhere is absent" in reason and "\n" not in reason
    (tmp_path / "fixture").mkdir()
    shutil.copy(DATA / "fixture/a1.txt", tmp_path / "fixture/a1.txt")
    assert "1 of 2 texts are absent" in er.missing_reason(items(), tmp_path)
    changed = tmp_path / "fixture/a1.txt"
    changed.write_bytes(changed.read_bytes().replace("взятке".encode(), "взятку".encode()))
    with pytest.raises(er.GoldTextMismatch, match="sha256"):
        er.read_text(items()[0], tmp_path)


def test_events_real_agreement_of_two_annotators():
    report = er.agreement(GOLD, SECOND, DATA)
    assert report.articles == 1  # a2 was annotated once
    assert (report.gold, report.predicted, report.type.true_positive) == (4, 3, 3)
    assert (report.dropped_gold, report.dropped_pred) == (1, 1)
    assert report.type.f1 == pytest.approx(6 / 7)
    assert report.cameo == {"exact": 2, "root": 3}
    assert report.right["modality"] == 2  # the appeal: future against hypothetical
    assert "event-level F1 0.857" in er.format_agreement(report)


def test_events_real_khronika_runs_on_the_offset_gold(resources):
    report = er.evaluate_real(GOLD, resources, DATA)
    assert report.articles == 2 and report.gold == 7  # a1's statement left out
    assert report.predicted >= 1 and report.pairs >= 1


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_events_real_cli_skips_without_the_texts_and_refuses_a_changed_one(tmp_path):
    absent = run("-q", "eval", "events", str(GOLD), "--data", str(tmp_path / "nowhere"))
    assert absent.exit_code == 0, absent.output
    assert "skipped: " in absent.output and "nowhere is absent" in absent.output
    (tmp_path / "fixture").mkdir()
    for name in ("a1.txt", "a2.txt"):
        (tmp_path / "fixture" / name).write_text("другой текст\n", encoding="utf-8")
    changed = run("-q", "eval", "events", str(GOLD), "--data", str(tmp_path))
    assert changed.exit_code == 1 and "refusing to score" in changed.output
    assert "Traceback" not in changed.output


def test_events_real_cli_errors_never_listed_for_a_heldout_part(monkeypatch, tmp_path):
    from khronika.evaluate import parts

    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(GOLD, gold / "real.jsonl")
    (gold / "parts.yaml").write_text(
        "real_h:\n  task: events_real\n  split: heldout\n  file: real.jsonl\n", "utf-8")
    monkeypatch.setattr(parts, "GOLD", gold)
    monkeypatch.setattr(parts, "MANIFEST", gold / "parts.yaml")
    monkeypatch.setattr(er, "evaluate_real", lambda *a, **k: er.RealReport(
        errors=["fx-a1: missed something"]))
    monkeypatch.setattr("khronika.resources.Resources.load", classmethod(lambda cls: None))
    for how in (["--part", "real_h"], [str(gold / "real.jsonl")]):  # by name or by file
        result = run("-q", "eval", "events", *how, "--errors", "--data", str(DATA))
        assert result.exit_code == 0, result.output
        assert "held-out part real_h" in result.output, how
        assert "missed something" not in result.output and "never looked into" in result.output


def test_events_real_fixture_gold_is_well_formed():
    for item in items() + er.load_items(SECOND):
        text = (DATA / item["source"]).read_text("utf-8")
        for event in item["events"]:
            s, e = event["trigger"]
            assert 0 <= s < e <= len(text)
            assert event["modality"] in er.MODALITIES
    assert json.loads(GOLD.read_text("utf-8").splitlines()[0])["published"] == "2025-03-04"


def test_events_real_article_read_as_ingest_reads_it_with_the_gold_day(monkeypatch):
    import khronika.pipeline

    seen = []
    monkeypatch.setattr(khronika.pipeline, "analyze_article",
                        lambda article, resources: seen.append(article.published))
    item = items()[0]
    raw = (DATA / item["source"]).read_bytes()
    for published in ("2025-03-04", "2025", None):
        er.analyze_item({**item, "published": published}, raw, None)
    assert [str(d) for d in seen] == ["2025-03-04", "None", "None"]  # a year is no day
