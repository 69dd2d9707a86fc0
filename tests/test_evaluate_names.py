"""eval names: the nominative of the mention over the expected substring, khronika and bare
natasha side by side, on a small table written for these tests."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from khronika.cli.main import main
from khronika.evaluate.names import Found, Row, answer, evaluate_names, format_report, same_name

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "names.tsv"
ROW = Row("Премьер встретился с канцлером Олафом Шольцем.", "Олафом Шольцем", "Олаф Шольц")


def test_evaluate_names_answer_is_the_overlapping_mentions_nominative():
    start = ROW.sentence.index("Олафом")
    found = [Found(start, start + len("Олафом Шольцем"), "Олафом Шольцем", "Олаф Шольц")]
    assert answer(ROW, found) == "Олаф Шольц"
    assert answer(ROW, []) is None


def test_evaluate_names_a_longer_mention_answers_for_the_words_asked_only():
    start = ROW.sentence.index("канцлером")
    found = [Found(start, start + len("канцлером Олафом Шольцем"), "канцлером Олафом Шольцем",
                   "канцлер Олаф Шольц")]
    assert answer(ROW, found) == "Олаф Шольц"


def test_evaluate_names_a_shorter_mention_leaves_the_other_words_as_they_are():
    start = ROW.sentence.index("Шольцем")
    found = [Found(start, start + len("Шольцем"), "Шольцем", "Шольц")]
    assert answer(ROW, found) == "Олафом Шольц"


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Пётр Фиала", "Петр Фиала", True),
    ("Олаф  Шольц", "Олаф Шольц", True),
    ("олаф шольц", "Олаф Шольц", False),
])
def test_evaluate_names_same_name_folds_yo_and_spaces_only(a, b, same):
    assert same_name(a, b) is same


def test_evaluate_names_scores_khronika_above_natasha(resources):
    report = evaluate_names(FIXTURE, resources)
    khronika, natasha = report.scores
    assert (khronika.system, natasha.system) == ("khronika", "natasha")
    assert khronika.rows == natasha.rows == 7
    assert khronika.accuracy == 1.0, format_report(report, errors=True)
    assert natasha.accuracy < khronika.accuracy
    text = format_report(report)
    assert "unknown_oblique" in text and "particle" in text


def test_evaluate_names_cli_scores_a_file():
    result = CliRunner().invoke(main, ["-q", "eval", "names", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "khronika" in result.output and "natasha" in result.output
