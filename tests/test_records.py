from khronika import analyze
from khronika.records import Article, Doc, Span
from tests.helpers import PAGE


def test_records_token_range_and_sentence_at_match_a_linear_scan(resources):
    doc = analyze(PAGE, resources=resources)
    for start in range(0, len(doc.text), 7):
        for stop in (start + 1, start + 13, start + 40):
            linear = [i for i, t in enumerate(doc.tokens) if t.start >= start and t.stop <= stop]
            assert list(doc.token_range(start, stop)) == linear
        linear_sentence = next(
            (i for i, s in enumerate(doc.sentences) if s.start <= start < s.stop), -1)
        assert doc.sentence_at(start) == linear_sentence


def test_records_json_round_trip():
    article = Article("Текст.", title=None, paragraphs=[Span(0, 6)])
    assert Span.from_json(article.paragraphs[0].to_json()) == Span(0, 6)
    assert Doc(article).id == article.id and len(article.id) == 16
