"""`eval events` and `eval meetings`: scoring rules, the lexicon's coverage, and quality
gates with pinned floors on the gold sets."""

from collections import Counter

import pytest

from khronika.evaluate.events import (
    DEFAULT_GOLD,
    EventReport,
    load_gold,
    score_item,
)
from khronika.evaluate.parts import parts
from khronika.events.lexicon import LexiconError, load_lexicon
from khronika.events.ontology import cameo

TEXT = "Путин провел разговор с Алиевым. Баку выслал дипломатов."
ITEM = {"id": "t1", "text": TEXT, "events": [
    {"code": "041", "actors": [{"text": "Путин", "code": "RUSGOV"}],
     "recipients": [{"text": "Алиевым", "code": "AZEGOV"}], "date": "2021-04-08",
     "modality": "asserted"},
    {"code": "161", "actors": [{"text": "Баку", "code": "AZEGOV"}], "recipients": [],
     "date": "2021-04-08"},
]}


def _pred(code, parties, date="2021-04-08", modality="asserted"):
    actors = [{"text": TEXT[s:e], "start": s, "stop": e, "code": c} for s, e, c in parties]
    return {"code": code, "actors": actors, "recipients": [], "date": date,
            "modality": modality, "rule": "test"}


def test_evaluate_events_pairs_by_family_and_scores_separately():
    report = EventReport()
    pred = [
        _pred("040", [(0, 5, "RUSGOV"), (24, 31, "AZEGOV")]),  # same family as 041
        _pred("190", [(33, 37, "AZEGOV")], date="2021-04-07"),  # another family: extra
    ]
    score_item(ITEM, pred, report)
    assert (report.type.true_positive, report.type.predicted, report.type.gold) == (1, 2, 2)
    assert (report.actors.true_positive, report.actors.predicted, report.actors.gold) == (2, 2, 2)
    assert report.sides == 1  # Алиев was put among the actors, gold has him as recipient
    assert (report.date.true_positive, report.date.predicted) == (1, 1)
    assert report.cameo["right"] == 0 and report.cameo["root"] == 1
    families = report.by_family
    assert families["CONSULT"].true_positive == 1 and families["SANCTION"].true_positive == 0
    assert any("missed 161" in e for e in report.errors)
    assert any("extra 190" in e for e in report.errors)


def test_evaluate_events_bad_gold_line_names_the_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "events": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl:2"):
        load_gold(path)


def heldout_items() -> list[dict]:
    return [item for p in parts("events", "heldout") for item in load_gold(p.path)]


@pytest.mark.parametrize("path", [p.path for p in parts("events")])
def test_evaluate_events_gold_sets_are_well_formed(path):
    items = load_gold(path)
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        for event in item["events"]:
            cameo(event["code"])  # a known code
            assert event.get("modality", "asserted") in {
                "asserted", "negated", "future", "hypothetical", "historical"}
            for a in event["actors"] + event["recipients"]:
                assert a["text"] in item["text"], (item["id"], a["text"])


def test_evaluate_events_gold_covers_every_root_and_the_hard_cases():
    items = load_gold(DEFAULT_GOLD) + heldout_items()
    assert len(items) >= 120
    roots = {e["code"][:2] for i in items for e in i["events"]}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    tags = Counter(t for i in items for t in i["tags"])
    for tag in ("negation", "future", "passive", "nominal", "coordinated", "metonymy"):
        assert tags[tag] >= 5, tag


def test_evaluate_events_a_quarter_of_the_gold_is_held_out():
    held = len(heldout_items())
    assert held >= (held + len(load_gold(DEFAULT_GOLD))) / 4


def test_evaluate_events_lexicon_covers_all_roots_with_three_triggers():
    lexicon = load_lexicon()
    lemmas: dict[str, set] = {}
    for rule in lexicon.rules:
        lemmas.setdefault(rule.root, set()).update(rule.lemmas)
    assert set(lemmas) == {f"{n:02d}" for n in range(1, 21)}
    assert all(len(words) >= 3 for words in lemmas.values()), lemmas
    codes = Counter(rule.code for rule in lexicon.rules)
    for core in ("036", "040", "041", "042", "043", "044", "045", "046", "057"):
        assert codes[core] >= 1, core
    assert sum(n for c, n in codes.items() if c.startswith(("04", "05"))) >= 30


def test_evaluate_events_every_code_maps_to_plover_except_statements():
    for rule in load_lexicon().rules:
        row = cameo(rule.code)
        assert row.plover or row.root == "01", rule.code
    assert cameo("010").plover == "" and cameo("015").plover == "CONCEDE"


def test_evaluate_events_broken_lexicon_names_file_and_rule(tmp_path):
    (tmp_path / "x.yaml").write_text(
        'rules:\n  - id: oops\n    code: "041"\n    verbz: [звонить]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"x.yaml rule 1 \(oops\).*verbz"):
        load_lexicon(tmp_path)


def test_evaluate_events_meetings_of_factrueval(shared, resources):
    from khronika.evaluate.meetings import evaluate_meetings

    devset = shared / "data/factrueval-2016/devset"
    if not devset.is_dir():
        pytest.skip(f"{devset} is absent")
    report = evaluate_meetings(devset, resources)
    assert report.meetings >= 1 and report.found / report.meetings > 0.6


def test_evaluate_events_broken_lexicon_is_a_one_line_cli_error(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from khronika.cli.main import main
    from khronika.events import lexicon
    from khronika.resources import SHIPPED

    def broken(folder):
        raise LexiconError("07_aid.yaml rule 3 (arms): unknown keys ['verbz']")

    monkeypatch.setattr(lexicon, "parse_lexicon", broken)
    monkeypatch.setattr(SHIPPED, "loaded", {})  # nothing parsed yet in this process
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x", "events": []}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "events", str(gold)])
    assert result.exit_code == 1
    assert "Error: 07_aid.yaml rule 3 (arms): unknown keys" in result.output
    assert "Traceback" not in result.output
