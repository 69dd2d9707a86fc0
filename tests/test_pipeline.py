import pytest

from khronika import analyze
from khronika.errors import PipelineOrderError
from khronika.pipeline import STAGES, check_order
from tests.helpers import PAGE, PAGE_NO_DATE


def test_pipeline_default_order_is_valid():
    check_order(STAGES)


def test_pipeline_wrong_order_names_the_stage_and_the_valid_order():
    with pytest.raises(PipelineOrderError, match=r"requires .* the default order is"):
        check_order((STAGES[2], STAGES[0]))


def test_pipeline_headline_is_analysed_and_never_merges_with_body(resources):
    doc = analyze(PAGE, resources=resources)
    title = doc.sentences[0]
    assert title.is_title
    assert doc.text[title.start : title.stop].endswith("в Сирии")
    assert any(m.sentence == 0 and m.normal == "Сергей Лавров" for m in doc.mentions)
    assert all("По материалам" not in doc.text[s.start : s.stop] for s in doc.sentences)


def test_pipeline_no_date_is_flagged_and_relative_dates_unresolved(resources):
    doc = analyze(PAGE_NO_DATE, resources=resources)
    assert doc.article.published is None
    assert "no-published-date" in doc.flags
    (yesterday,) = [t for t in doc.timexes if t.text == "вчера"]
    assert yesterday.value is None and not yesterday.resolved


def test_pipeline_published_argument_resolves_relative_dates(resources):
    doc = analyze(PAGE_NO_DATE, published="2021-04-09", resources=resources)
    (yesterday,) = [t for t in doc.timexes if t.text == "вчера"]
    assert yesterday.value == "2021-04-08"


def test_pipeline_one_line_text_is_body_not_headline(resources):
    doc = analyze("Путин провел переговоры с Эрдоганом в Сочи.", resources=resources)
    assert doc.article.title is None
    assert len(doc.article.paragraphs) == 1
    assert {m.normal for m in doc.mentions} >= {"Путин", "Эрдоган", "Сочи"}


def test_pipeline_tokens_have_lemma_pos_and_syntax(resources):
    doc = analyze(PAGE, resources=resources)
    verbs = [t for t in doc.tokens if t.lemma == "провести"]
    assert verbs and verbs[0].pos == "VERB"
    roots = [t for t in doc.tokens if t.head == -1]
    assert len(roots) == len(doc.sentences)
    for token in doc.tokens:
        assert token.head == -1 or doc.tokens[token.head].sentence == token.sentence


def test_pipeline_load_once_then_analyse_many(resources, monkeypatch):
    import khronika
    from khronika.pipeline import Pipeline
    from khronika.resources import Resources

    monkeypatch.setattr(Resources, "load", classmethod(lambda cls, kb_files=(): resources))
    nlp = khronika.load()
    assert isinstance(nlp, Pipeline) and nlp.resources is resources
    one = nlp("Путин провел переговоры с Эрдоганом в Сочи.", published="2021-04-09")
    assert str(one.article.published) == "2021-04-09"
    assert any(e.plover == "CONSULT" for e in one.events)
    many = list(nlp.pipe(["Лавров прибыл в Анкару.",
                          ("Путин провел переговоры с Эрдоганом.", "2020-03-05")]))
    assert [str(d.article.published) for d in many] == ["None", "2020-03-05"]
    assert [m.text for m in many[0].mentions] == [m.text for m in analyze(
        "Лавров прибыл в Анкару.", resources=resources).mentions]
