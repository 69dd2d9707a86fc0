"""`eval linking`: scoring rules, and the quality gate on the fixture gold set."""

from khronika.evaluate.linking import (
    LinkScores,
    gold_mentions,
    score_item,
)
from khronika.evaluate.wikidata_links import (
    LinkedDoc,
    QidScores,
    Span,
    known_qids,
    load_links,
    name_spans,
    score_doc,
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


def test_evaluate_linking_a_record_newer_than_the_gold_is_not_scored():
    """Gold "not in the KB" says nothing of a record added to the KB after it was frozen."""
    mentions = [_m(0, 5, "person:vladimir-putin"), _m(8, 16, "person:sidorchuk"),
                _m(26, 31, "person:vladimir-putin")]
    scores = LinkScores()
    score_item(ITEM, mentions, scores, newer=frozenset({"person:sidorchuk"}))
    assert (scores.newer, scores.unknown.gold, scores.known.predicted) == (1, 0, 2)
    scores = LinkScores()
    score_item(ITEM, mentions, scores)  # an older record: a wrong link to the KB
    assert (scores.newer, scores.unknown.gold, scores.known.predicted) == (0, 1, 3)


def test_evaluate_wikidata_links_reads_brat_and_scores(tmp_path, kb):
    text = "Путин и российский министр встретились в Москве с Сидорчуком."
    (tmp_path / "1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "1.ann").write_text(
        "T1\tPERSON 0 5\tПутин\n"
        "T2\tCOUNTRY 8 18\tроссийский\n"  # an adjective: not a name span
        "T3\tCITY 41 47\tМоскве\n"
        "T4\tPERSON 50 60\tСидорчуком\n"
        "N1\tReference T1 Wikidata:Q7747\tВладимир Путин\n"
        "N2\tReference T2 Wikidata:Q159\tРоссия\n"
        "N3\tReference T3 Wikidata:Q649\tМосква\n"
        "N4\tReference T4 Wikidata:NULL\tСидорчук\n", encoding="utf-8")
    (doc,) = load_links(tmp_path)
    assert [s.qid for s in doc.spans] == ["Q7747", "Q159", "Q649", None]
    names = name_spans(doc, kb.morph)
    assert [doc.text[s.start:s.stop] for s in names] == ["Путин", "Москве", "Сидорчуком"]
    mentions = [
        Mention(0, 5, "PER", "Путин", "", kb_id="person:vladimir-putin", wikidata="Q7747"),
        Mention(41, 47, "ORG", "Москве", "", kb_id="org:RUS-government"),  # metonymy
        Mention(50, 60, "PER", "Сидорчуком", "", kb_id="person:x", wikidata="Q1"),  # no QID
    ]
    scores = QidScores()
    score_doc(doc, names, mentions, known_qids(kb), scores)
    total = scores.types["all"]
    assert (total.right, total.scored) == (1, 1)  # the NEREL span of "Сидорчуком" has no QID
    assert (total.covered, total.linked, total.known_right, total.metonymy) == (2, 2, 2, 1)


def test_evaluate_wikidata_links_a_person_for_an_office_is_not_scored(kb):
    doc = LinkedDoc("d", "Президент США", [Span(0, 13, "PROFESSION", "Q11696")])
    scores = QidScores()
    score_doc(doc, [], [Mention(0, 13, "PER", "Президент США", "", kb_id="person:joe-biden",
                                wikidata="Q6279")], known_qids(kb), scores)
    assert "all" not in scores.types



def test_evaluate_wikidata_links_same_as_qid_counts_as_the_entitys(kb):
    """Meta carries Facebook's QID (the service) as ``same_as``: "Facebook" linked to Meta is
    right where NEREL links the service, and the span is covered."""
    doc = LinkedDoc("d", "Facebook удалил", [Span(0, 8, "ORGANIZATION", "Q355")])
    scores = QidScores()
    score_doc(doc, doc.spans, [Mention(0, 8, "ORG", "Facebook", "", kb_id="org:USA-meta",
                                       wikidata="Q380")], known_qids(kb), scores)
    total = scores.types["all"]
    assert (total.right, total.scored, total.alternative) == (1, 1, 1)
    assert (total.known_right, total.covered) == (1, 1)


def test_evaluate_wikidata_links_class_gold_and_member_link_is_reported_apart(kb):
    """NEREL links "Верховный суд" to the class "supreme court" (Q190752): khronika's US
    Supreme Court is a member, not scored; a non-member for a class QID stays wrong."""
    doc = LinkedDoc("d", "Верховный суд и Сенат", [
        Span(0, 13, "ORGANIZATION", "Q190752"), Span(16, 21, "ORGANIZATION", "Q190752")])
    scores = QidScores()
    score_doc(doc, [], [
        Mention(0, 13, "ORG", "Верховный суд", "", kb_id="org:USA-supreme-court",
                wikidata="Q11201"),
        Mention(16, 21, "ORG", "Сенат", "", kb_id="org:USA-senate", wikidata="Q66096"),
    ], known_qids(kb), scores)
    total = scores.types["all"]
    assert (total.member, total.right, total.scored) == (1, 0, 1)
    assert len(scores.members) == 1 and "org:USA-supreme-court" in scores.members[0]
