"""evaluate: factRuEval loading, exact-span and token scores, and the NER quality gate."""

import re
from collections import Counter

import pytest
from click.testing import CliRunner

from khronika.cli.main import main
from khronika.evaluate.ner import (
    GoldDoc,
    bare_natasha,
    errors,
    evaluate_ner,
    factrueval_view,
    format_errors,
    load_factrueval,
    load_gold,
    nerel_view,
    score,
)
from khronika.records import Article, Doc, Mention, Token

DEVSET = "data/factrueval-2016/devset"

# Путин и Алиев в Москве
# 0    5 8    13 16    22
GOLD = [GoldDoc("a", "Путин и Алиев в Москве", [(0, 5, "PER"), (8, 13, "PER"), (16, 22, "LOC")])]
PRED = {"a": [(0, 5, "PER"), (8, 13, "ORG"), (14, 22, "LOC")]}


def prf(counts):
    return (round(counts.precision, 4), round(counts.recall, 4), round(counts.f1, 4))


@pytest.mark.parametrize(
    ("type", "expected"),
    [
        ("PER", (1.0, 0.5, 0.6667)),
        ("LOC", (0.0, 0.0, 0.0)),  # "в Москве": a boundary error counts as wrong
        ("ORG", (0.0, 0.0, 0.0)),  # "Алиев" as ORG: a type error counts as wrong
        ("micro", (0.3333, 0.3333, 0.3333)),
    ],
)
def test_evaluate_exact_scores(type, expected):
    assert prf(score(GOLD, PRED).exact[type]) == expected


@pytest.mark.parametrize(
    ("type", "expected"),
    [
        ("PER", (1.0, 0.5, 0.6667)),  # Путин right, Алиев missed
        ("LOC", (0.5, 1.0, 0.6667)),  # Москве right, "в" extra
        ("ORG", (0.0, 0.0, 0.0)),
        ("micro", (0.5, 0.6667, 0.5714)),
    ],
)
def test_evaluate_token_scores(type, expected):
    assert prf(score(GOLD, PRED).token[type]) == expected


def test_evaluate_missing_doc_predicts_nothing():
    scores = score(GOLD, {})
    assert (scores.exact["micro"].gold, scores.exact["micro"].predicted) == (3, 0)
    assert scores.exact["micro"].f1 == 0.0


def test_evaluate_perfect_prediction():
    scores = score(GOLD, {"a": list(GOLD[0].mentions)})
    assert prf(scores.exact["micro"]) == prf(scores.token["micro"]) == (1.0, 1.0, 1.0)


def test_evaluate_load_devset(shared):
    docs = load_factrueval(shared / DEVSET)
    assert len(docs) == 122
    counts = Counter(type for doc in docs for _, _, type in doc.mentions)
    assert set(counts) == {"PER", "LOC", "ORG"}
    assert all(counts[t] > 500 for t in counts)
    by_id = {doc.id: doc for doc in docs}
    assert ("Юрия Лужкова", "PER") in surfaces(by_id["book_100"])
    assert ("Мосгордумы", "ORG") in surfaces(by_id["book_100"])
    assert ("Москвы", "LOC") in surfaces(by_id["book_100"])
    assert ("Кремль", "ORG") in surfaces(by_id["book_247"])  # an Org named by a place name


def surfaces(doc):
    return {(doc.text[start:stop], type) for start, stop, type in doc.mentions}


def test_evaluate_devset_offsets_line_up(shared):
    """Every token of every .tokens file is found in the .txt at its offset."""
    folder = shared / DEVSET
    for doc in load_factrueval(folder):
        for line in (folder / f"{doc.id}.tokens").read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if len(fields) == 4:
                start, length = int(fields[1]), int(fields[2])
                assert doc.text[start : start + length] == fields[3], (doc.id, line)
        for start, stop, _ in doc.mentions:
            surface = doc.text[start:stop]
            assert surface == surface.strip() and surface, (doc.id, start)


def test_evaluate_bare_natasha_offsets(resources):
    text = "Президент России Владимир Путин провел переговоры."
    found = {(text[a:b], t) for a, b, t in bare_natasha(text, resources)}
    assert ("Владимир Путин", "PER") in found


def test_evaluate_unknown_system_lists_choices(resources, shared):
    with pytest.raises(ValueError, match="khronika, natasha"):
        evaluate_ner(shared / DEVSET, resources, systems=["spacy"])


def test_evaluate_errors_by_class():
    # Путин и Алиев в Москве: Алиев typed ORG, "в Москве" too long, nothing else
    found = errors(GOLD, PRED)
    assert [(e.kind, e.type) for e in found] == [("type", "PER"), ("boundary", "LOC")]
    assert found[0].pred == (8, 13, "ORG") and found[1].pred == (14, 22, "LOC")


def test_evaluate_errors_missed_spurious_and_boundary_type():
    # МИД России заявил о Сочи
    # 0   4      11       20  24
    gold = [GoldDoc("b", "МИД России заявил о Сочи", [(0, 10, "ORG"), (20, 24, "LOC")])]
    pred = {"b": [(4, 10, "LOC"), (11, 17, "PER")]}
    found = errors(gold, pred)
    assert [(e.kind, e.type) for e in found] == [
        ("boundary+type", "ORG"), ("spurious", "PER"), ("missed", "LOC")]
    listing = format_errors(gold, found)
    assert "boundary+type\tORG «МИД России»\tLOC «России»\t[МИД России] заявил" in listing
    assert "missed\tLOC «Сочи»\t-\t" in listing


def test_evaluate_errors_none_when_right():
    assert errors(GOLD, {"a": list(GOLD[0].mentions)}) == []


def test_evaluate_limit_takes_the_first_documents(shared):
    docs = load_gold(shared / DEVSET, limit=2)
    assert [d.id for d in docs] == [d.id for d in load_factrueval(shared / DEVSET)[:2]]


def test_evaluate_cli_refuses_errors_on_heldout_corpus(tmp_path):
    folder = tmp_path / "nerel-v1.1" / "dev"
    folder.mkdir(parents=True)
    result = CliRunner().invoke(main, ["eval", "ner", "--errors", str(folder)])
    assert result.exit_code != 0 and "not to be read" in result.output


def test_evaluate_nerel_outermost_of_mapped_types(tmp_path):
    # a brat file written here: ORGANIZATION over COUNTRY keeps the ORG; PROFESSION is not
    # scored, so the COUNTRY inside it stays; DATE is not scored
    text = "Сотрудники ФСБ России и президент России 5 мая"
    (tmp_path / "1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "1.ann").write_text(
        "T1\tORGANIZATION 11 21\tФСБ России\nT2\tCOUNTRY 15 21\tРоссии\n"
        "T3\tPROFESSION 24 40\tпрезидент России\nT4\tCOUNTRY 34 40\tРоссии\n"
        "T5\tDATE 41 46\t5 мая\n", encoding="utf-8")
    (doc,) = load_gold(tmp_path)
    assert surfaces(doc) == {("ФСБ России", "ORG"), ("России", "LOC")}
    assert doc.mentions == [(11, 21, "ORG"), (34, 40, "LOC")]


def test_evaluate_nested_predictions_scored_at_the_outermost():
    # МИД России заявил: the country nested in the ORG is not a second prediction
    gold = [GoldDoc("c", "МИД России заявил", [(0, 10, "ORG")])]
    pred = {"c": [(0, 10, "ORG"), (4, 10, "LOC")]}
    assert prf(score(gold, pred).exact["micro"]) == (1.0, 1.0, 1.0)
    assert errors(gold, pred) == []


def _viewed(view, text: str, mentions: list[tuple[str, str, str]], nouns=()) -> set:
    """``view`` over a doc whose mentions are (surface, type, source); ``nouns`` are the
    animate nouns among the words (a word in "-ские" is an adjective)."""
    doc = Doc(Article(text))
    for word in re.finditer(r"\w+", text):
        animate = {"Animacy": "Anim"} if word.group() in nouns else {}
        pos = "ADJ" if word.group().endswith("ские") else "NOUN"
        doc.tokens.append(Token(word.start(), word.end(), word.group(), pos=pos,
                                feats=animate))
    for surface, type, source in mentions:
        start = text.index(surface)
        doc.mentions.append(Mention(start, start + len(surface), type, surface, surface,
                                    source=source))
    return {(text[a:b], t) for a, b, t in view(doc)}


def test_factrueval_view_splits_an_org_joined_with_its_place():
    # factRuEval: an Org is its org_name ("МИД"), the place a Location of its own
    text = "Глава МИД Норвегии прибыл"
    mentions = [("Глава МИД Норвегии", "PER", "role"), ("МИД Норвегии", "ORG", "ner"),
                ("Норвегии", "LOC", "ner")]
    assert _viewed(factrueval_view, text, mentions) == {("МИД", "ORG"), ("Норвегии", "LOC")}
    assert _viewed(nerel_view, text, mentions) == {("МИД Норвегии", "ORG"),
                                                   ("Норвегии", "LOC")}


def test_factrueval_view_drops_descriptors_and_geo_adjectives():
    text = "чилийские власти и чилийские шахтеры"
    mentions = [("чилийские власти", "ORG", "role"), ("чилийские", "LOC", "adjective")]
    assert _viewed(factrueval_view, text, mentions) == set()


def test_nerel_view_keeps_institutions_not_groups_of_people():
    # NEREL: "правительство Перу" is an ORGANIZATION, "перуанские пограничники" PROFESSION,
    # "премьер Перу" PROFESSION; the adjective is a COUNTRY
    text = "правительство Перу, перуанские пограничники и премьер Перу"
    mentions = [("правительство Перу", "ORG", "role"), ("Перу", "LOC", "ner"),
                ("перуанские пограничники", "ORG", "role"), ("перуанские", "LOC", "adjective"),
                ("премьер Перу", "PER", "role")]
    assert _viewed(nerel_view, text, mentions, nouns={"пограничники"}) == {
        ("правительство Перу", "ORG"), ("Перу", "LOC"), ("перуанские", "LOC")}


def test_nerel_view_a_country_adjective_describing_a_person_is_a_nationality():
    # NEREL: "канадский актёр" is NATIONALITY (not scored), "канадский премьер" a COUNTRY
    # inside a PROFESSION, "канадское правительство" a COUNTRY inside an ORGANIZATION
    text = "канадский актёр и канадский премьер"
    doc = Doc(Article(text))
    for n, word in enumerate(re.finditer(r"\w+", text)):
        noun = word.group() in ("актёр", "премьер")
        doc.tokens.append(Token(word.start(), word.end(), word.group(),
                                pos="NOUN" if noun else "ADJ",
                                feats={"Animacy": "Anim"} if noun else {},
                                head=n + 1 if not noun else -1))
    doc.mentions = [Mention(0, 9, "LOC", "канадский", "Канада", source="adjective"),
                    Mention(19, 35, "PER", "канадский премьер", "", source="role"),
                    Mention(19, 28, "LOC", "канадский", "Канада", source="adjective")]
    assert nerel_view(doc) == [(19, 28, "LOC")]


def test_factrueval_view_splits_a_chain_of_joined_names():
    # "Генштаб ВС Перу": factRuEval's org_name parts and Location, one by one
    text = "Генштаб ВС Перу заявил"
    mentions = [("Генштаб ВС Перу", "ORG", "ner"), ("ВС Перу", "ORG", "ner"),
                ("Перу", "LOC", "ner")]
    assert _viewed(factrueval_view, text, mentions) == {
        ("Генштаб", "ORG"), ("ВС", "ORG"), ("Перу", "LOC")}
