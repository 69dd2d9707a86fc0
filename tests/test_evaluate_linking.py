"""`eval linking`: scoring rules, and the quality gate on the fixture gold set."""

from khronika.evaluate.linking import (
    LinkScores,
    gold_mentions,
    score_item,
)
from khronika.records import Mention

ITEM = {
    "id": "t1", "published": "2021-04-09",
    "text": "Путин и Сидорчук обсудили Путин",
    "mentions": [
        {"text": "Путин", "kb_id": "person:vladimir-putin", "code": "RUSGOV"},
        {"text": "Сидорчук", "kb_id": None},
        {"text": "Путин", "nth": 1, "kb_id": "person:vladimir-putin"},
    ],
}


def _m(start, stop, kb_id, code=None):
    return Mention(start, stop, "PER", "", "", kb_id=kb_id, code=code)


def test_evaluate_linking_gold_spans_follow_nth():
    spans = [(g.start, g.stop) for g in gold_mentions(ITEM)]
    assert spans == [(0, 5), (8, 16), (26, 31)]


def test_evaluate_linking_counts_known_unknown_and_codes_separately():
    scores = LinkScores()
    mentions = [
        _m(0, 5, "person:vladimir-putin", "RUSGOV"),
        _m(8, 16, "local:per:сидорчук"),
        _m(26, 31, "person:dmitry-medvedev"),  # wrong link
        _m(17, 25, "country:RUS"),  # a link where gold has no mention: a false positive
        _m(2, 4, "country:XXX"),  # nested in a longer mention: not scored
    ]
    score_item(ITEM, mentions, scores)
    assert (scores.known.true_positive, scores.known.gold, scores.known.predicted) == (1, 2, 3)
    assert (scores.unknown.true_positive, scores.unknown.gold, scores.unknown.predicted) == (
        1, 1, 1)
    assert (scores.codes.true_positive, scores.codes.gold) == (1, 1)
    assert any("Медведев" in e or "dmitry-medvedev" in e for e in scores.errors)
