import json
import time
from datetime import date, datetime

import pytest

from khronika.evaluate.dates import evaluate_dates, format_report, read_rows
from khronika.records import Article, Doc, Sentence, Span, Token
from khronika.timex.find import UNRESOLVED_FLAG, find_timexes, timex_doc

from .conftest import FIXTURES

TSV = FIXTURES / "timex.tsv"
ROWS = read_rows(TSV)
FRIDAY = date(2021, 4, 9)
SEED = "seed/000_898607c687f9b189.txt"


def _found(row):
    timexes = find_timexes(row.sentence, row.published, future=row.future)
    return [(t.text, t.value, t.precision, t.mod or "") for t in timexes]


@pytest.mark.parametrize("row", ROWS, ids=[f"{i:03d}" for i in range(len(ROWS))])
def test_timex_fixture_row(row):
    expected = [(row.expression, row.value, row.precision, row.mod)] if row.expression else []
    assert _found(row) == expected, row.sentence


def test_timex_fixture_covers_every_category():
    precisions = {row.precision for row in ROWS if row.expression}
    assert len(ROWS) >= 90
    assert {"day", "week", "month", "season", "quarter", "year", "decade", "century"} <= precisions
    assert {"start", "mid", "end", "since", "before", "after", "weekend"} <= {r.mod for r in ROWS}
    assert sum(not row.expression for row in ROWS) >= 15


def test_timex_seed_dates(shared):
    text = (shared / SEED).read_text(encoding="utf-8")
    expected = json.loads((shared / "seed/expected.json").read_text(encoding="utf-8"))["dates"]
    found = [(t.text, t.value, t.precision) for t in find_timexes(text, FRIDAY)]
    for date_ in expected:
        assert (date_["text"], date_["value"], date_["precision"]) in found
    assert {f[0] for f in found} == {d["text"] for d in expected}
    assert [f[0] for f in found].count("7 апреля") == 2


def test_timex_offsets_point_into_the_full_text():
    text = "Заголовок.\nВчера министр прибыл в Баку, а 9 ноября 2020 года подписал заявление."
    start = text.index("Вчера")
    timexes = find_timexes(text, FRIDAY, start=start, stop=text.index(", а"))
    assert [(t.text, text[t.start : t.stop]) for t in timexes] == [("Вчера", "Вчера")]


def test_timex_no_published_date_leaves_relative_unresolved():
    text = "Вчера стороны обсудили заявление от 9 ноября 2020 года, а 7 апреля и в четверг — нет."
    timexes = {t.text: t for t in find_timexes(text, None)}
    assert timexes["9 ноября 2020 года"].value == "2020-11-09"
    assert timexes["9 ноября 2020 года"].resolved and not timexes["9 ноября 2020 года"].relative
    for relative in ("Вчера", "7 апреля", "в четверг"):
        assert timexes[relative].value is None
        assert not timexes[relative].resolved and timexes[relative].relative


def test_timex_future_flag_picks_next_occurrence():
    def value(text, future):
        return find_timexes(text, FRIDAY, future=future)[0].value

    assert value("в понедельник", False) == "2021-04-05"
    assert value("в понедельник", True) == "2021-04-12"
    assert value("5 марта", False) == "2021-03-05"
    assert value("5 марта", True) == "2022-03-05"
    assert value("в пятницу", True) == value("в пятницу", False) == "2021-04-09"
    assert value("в прошлую среду", True) == "2021-03-31"  # explicit: tense does not matter


def test_timex_longest_match_wins():
    found = find_timexes("Заявление от 9 ноября 2020 года.", FRIDAY)
    assert [t.text for t in found] == ["9 ноября 2020 года"]


def test_timex_eve_of_an_event_is_not_a_date():
    assert find_timexes("Накануне визита министр дал интервью.", FRIDAY) == []
    assert [t.value for t in find_timexes("Министр накануне дал интервью.", FRIDAY)] == [
        "2021-04-08"
    ]
    # an adjective in the nominative opens the subject, not an event in the genitive
    found = find_timexes("Накануне российская авиация нанесла удары.", FRIDAY)
    assert [t.value for t in found] == ["2021-04-08"]
    found = find_timexes("Накануне тысячи демонстрантов вышли на улицы.", FRIDAY)
    assert [t.value for t in found] == ["2021-04-08"]


# --- the pipeline stage -------------------------------------------------------------------

# (text, pos, feats, head within the sentence or -1)
MEET_FUTURE = [
    ("Лидеры", "NOUN", {}, 1),
    ("встретятся", "VERB", {"Aspect": "Perf", "Tense": "Fut", "VerbForm": "Fin"}, -1),
    ("в", "ADP", {}, 3),
    ("понедельник", "NOUN", {"Case": "Acc"}, 1),
    (".", "PUNCT", {}, 1),
]
MEET_PAST = [
    ("Лидеры", "NOUN", {}, 1),
    ("встретились", "VERB", {"Aspect": "Perf", "Tense": "Past", "VerbForm": "Fin"}, -1),
    ("в", "ADP", {}, 3),
    ("понедельник", "NOUN", {"Case": "Acc"}, 1),
    (".", "PUNCT", {}, 1),
]
AUX_FUTURE = [
    ("9", "ADJ", {}, 3),
    ("ноября", "NOUN", {"Case": "Gen"}, 0),
    ("министр", "NOUN", {}, 3),
    ("будет", "AUX", {"Tense": "Pres", "VerbForm": "Fin"}, 4),
    ("выступать", "VERB", {"Aspect": "Imp", "VerbForm": "Inf"}, -1),
    (".", "PUNCT", {}, 4),
]
INTENT_FUTURE = [
    ("Президент", "NOUN", {}, 1),
    ("планирует", "VERB", {"Tense": "Pres", "VerbForm": "Fin"}, -1),
    ("посетить", "VERB", {"Aspect": "Perf", "VerbForm": "Inf"}, 1),
    ("Баку", "PROPN", {}, 2),
    ("в", "ADP", {}, 5),
    ("марте", "NOUN", {"Case": "Loc"}, 2),
    (".", "PUNCT", {}, 1),
]


def _doc(tagged, published=FRIDAY, dateline=None):
    tokens = []
    prefix = (dateline + "\n\n") if dateline else ""
    text, pos = prefix, len(prefix)
    for word, tag, feats, head in tagged:
        if tokens and word != ".":
            text, pos = text + " ", pos + 1
        lemma = {"планирует": "планировать"}.get(word, word.lower())
        tokens.append(Token(pos, pos + len(word), word, lemma, tag, feats, head))
        text, pos = text + word, pos + len(word)
    sentence = Sentence(len(prefix), len(text), 0, token_start=0, token_stop=len(tokens))
    span = Span(0, len(dateline)) if dateline else None
    article = Article(text=text, published=published, published_span=span)
    return Doc(article, sentences=[sentence], tokens=tokens)


@pytest.mark.parametrize(
    ("tagged", "value"),
    [
        (MEET_FUTURE, "2021-04-12"),
        (MEET_PAST, "2021-04-05"),
        (AUX_FUTURE, "2021-11-09"),
        (INTENT_FUTURE, "2022-03"),
    ],
    ids=["perfective-future", "past", "auxiliary-budet", "intent-infinitive"],
)
def test_timex_doc_reads_tense_of_the_governing_verb(tagged, value):
    doc = _doc(tagged)
    timex_doc(doc)
    assert [(t.value, t.sentence) for t in doc.timexes] == [(value, 0)]
    assert doc.flags == []


def test_timex_doc_flags_unresolved_relative_dates():
    doc = _doc(MEET_PAST, published=None)
    timex_doc(doc)
    assert [t.value for t in doc.timexes] == [None]
    assert doc.flags == [UNRESOLVED_FLAG]
    timex_doc(doc)
    assert doc.flags == [UNRESOLVED_FLAG]


def test_timex_doc_dates_the_dateline():
    doc = _doc(MEET_PAST, dateline="09 апреля 2021")
    timex_doc(doc)
    assert [(t.text, t.value, t.sentence) for t in doc.timexes] == [
        ("09 апреля 2021", "2021-04-09", -1),
        ("в понедельник", "2021-04-05", 0),
    ]


# --- evaluation and speed -----------------------------------------------------------------


THREE_ROWS = """sentence\texpression\tpublished\tfuture\tvalue\tprecision\tmod
Соглашение подписано 9 ноября 2020 года.\t9 ноября 2020 года\t2021-04-09\t0\t2020-11-09\tday\t
Вчера министр прибыл в Баку.\tВчера\t2021-04-09\t0\t2021-04-08\tday\t
В акции приняли участие 7 человек.\t\t2021-04-09\t0\t\t\t
"""


def test_timex_evaluation_scores_both_systems(tmp_path):
    path = tmp_path / "three.tsv"
    path.write_text(THREE_ROWS, encoding="utf-8")
    report = evaluate_dates(path)
    assert report.rows == 3
    assert [s.system for s in report.scores] == ["khronika", "dateparser"]
    for score in report.scores:
        assert score.gold == 2
        assert 0.0 <= score.precision <= 1.0 and 0.0 <= score.recall <= 1.0
        assert 0.0 <= score.value_accuracy <= 1.0
    khronika = report.scores[0]
    assert (khronika.precision, khronika.recall, khronika.value_accuracy) == (1.0, 1.0, 1.0)
    table = format_report(report)
    assert "khronika" in table and "dateparser" in table


def test_timex_is_fast():
    sentences = [(row.sentence, row.published) for row in ROWS]
    started = time.perf_counter()
    for _ in range(5):
        for text, published in sentences:
            find_timexes(text, published)
    per_sentence = (time.perf_counter() - started) / (5 * len(sentences))
    assert per_sentence < 0.001  # about 60 µs on a laptop; natasha's DatesExtractor is far slower


def test_timex_a_present_modal_over_an_infinitive_looks_ahead(resources):
    from khronika.pipeline import analyze_text

    doc = analyze_text("Встреча Путина и Байдена может состояться летом.", "2021-04-09",
                       resources)
    assert [(t.text, t.value) for t in doc.timexes] == [("летом", "2021-SU")]


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("Переговоры прошли 12 янв. в Женеве.", "12 янв.", "2021-01-12"),
    ("Договор подписали 4 окт 2019 в Минске.", "4 окт 2019", "2019-10-04"),
    ("Указ вышел 3 сент. прошлого года.", "3 сент. прошлого года", "2020-09-03"),
    ("Саммит прошёл двадцать второго марта в Пекине.", "двадцать второго марта",
     "2021-03-22"),
    ("Седьмого ноября 2017 года прошёл парад.", "Седьмого ноября 2017 года", "2017-11-07"),
    ("Заседание началось в 18:45 мск.", "в 18:45 мск", "2021-04-09"),
    ("Взрыв прогремел в 7:30 по местному времени.", "в 7:30 по местному времени",
     "2021-04-09"),
    ("Штурм начался 15 марта в 18:45.", "15 марта в 18:45", "2021-03-15"),
])
def test_timex_abbreviated_months_ordinal_days_and_clock_times(sentence, text, value):
    (found,) = find_timexes(sentence, date(2021, 4, 9))
    assert (found.text, found.value, found.precision) == (text, value, "day")


@pytest.mark.parametrize("sentence", [
    "Матч завершился со счётом 2:1.", "Рост составил 12.5 процента.",
    "В 25:70 ничего не произошло.", "Мар Иванов выступил с докладом.",
])
def test_timex_scores_decimals_and_names_are_no_dates(sentence):
    assert find_timexes(sentence, date(2021, 4, 9)) == []


@pytest.mark.parametrize(("sentence", "published", "value"), [
    ("Турция закрывает границу 15 марта.", "2021-03-13", "2021-03-15"),
    ("Закон, вступающий в силу с 1 января, вызвал споры.", "2020-12-20", "2021-01-01"),
    ("Соглашение подписали 15 марта.", "2021-03-13", "2020-03-15"),  # past: last year's
    ("Парламент рассматривает законопроект, принятый 2 марта.", "2021-03-13", "2021-03-02"),
])
def test_timex_present_tense_yearless_date_is_the_coming_one(resources, sentence, published,
                                                               value):
    from khronika.pipeline import analyze_text

    doc = analyze_text(sentence, published, resources)
    assert [t.value for t in doc.timexes] == [value]


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("Встреча прошла 09.04 в Минске.", "09.04", "2021-04-09"),
    ("Цены выросли с 15.01.", "15.01", "2021-01-15"),
    ("В 95-м году война закончилась.", "95-м году", "1995"),
    ("Бои идут с 14-го года.", "14-го года", "2014"),
    ("Около восьми вечера начался обстрел.", "Около восьми вечера", "2021-04-09"),
    ("Тревогу объявили в 7 утра.", "в 7 утра", "2021-04-09"),
    ("Митинг прошёл в полдень.", "в полдень", "2021-04-09"),
    ("Доклад сдали к тридцатому марта.", "тридцатому марта", "2021-03-30"),
])
def test_timex_yearless_numeric_days_two_digit_years_and_hours_in_words(sentence, text,
                                                                        value):
    (found,) = find_timexes(sentence, date(2021, 4, 9))
    assert (found.text, found.value) == (text, value)


@pytest.mark.parametrize("sentence", [
    "Рост составил 3.05 процента.", "Вышла версия 2.10 программы.", "Пришли 95 человек.",
    "Курс составил 10.05 рубля.",
])
def test_timex_quantities_and_versions_are_no_yearless_dates(sentence):
    assert find_timexes(sentence, date(2021, 4, 9)) == []


@pytest.mark.parametrize(("sentence", "published", "text", "value"), [
    ("Четверг, 22 апреля. Министры встретились в Женеве.", date(2021, 4, 9),
     "Четверг, 22 апреля", "2021-04-22"),
    ("Саммит назначен на среду 15 марта.", date(2023, 3, 6), "среду 15 марта", "2023-03-15"),
    ("Переговоры прошли в понедельник, 7 июля.", date(2025, 7, 9), "в понедельник, 7 июля",
     "2025-07-07"),
    ("Крещение Руси произошло в 988 году.", date(2021, 4, 9), "988 году", "0988"),
])
def test_timex_a_weekday_picks_the_year_of_its_date_and_early_years(sentence, published,
                                                                     text, value):
    (found,) = find_timexes(sentence, published)
    assert (found.text, found.value) == (text, value)


def test_timex_grams_and_ages_are_no_early_years():
    assert find_timexes("Добавьте 500 г сахара: прошло 300 лет.", date(2021, 4, 9)) == []


def test_timex_an_abbreviated_month_before_its_year_is_one_sentence_and_one_date(resources):
    from khronika.pipeline import analyze_text

    doc = analyze_text("Заседание назначено на 21 апр. 2024 г. в Минске.", "2024-04-02",
                       resources)
    assert len(doc.sentences) == 1
    assert [(t.text, t.value) for t in doc.timexes] == [("21 апр. 2024 г.", "2024-04-21")]


# --- times, ranges and the forms of issue 10 ----------------------------------------------

MONDAY_11 = datetime(2022, 3, 14, 11, 0)  # a publication time: Monday 14 March 2022, 11:00


@pytest.mark.parametrize(("sentence", "text", "value", "precision", "mod"), [
    ("Совещание открылось в 9:30 по московскому времени.", "в 9:30 по московскому времени",
     "2022-03-14T09:30", "minute", ""),
    ("Примерно в семь утра начались учения.", "Примерно в семь утра", "2022-03-14T07", "hour",
     "approx"),
    ("Сигнал тревоги прозвучал в 6 часов утра.", "в 6 часов утра", "2022-03-14T06", "hour", ""),
    ("Митинг начался в полдень.", "в полдень", "2022-03-14T12", "hour", ""),
    ("Голосование завершится через три часа.", "через три часа", "2022-03-14T14", "hour", ""),
    ("Сообщение пришло 20 минут назад.", "20 минут назад", "2022-03-14T10:40", "minute", ""),
    ("Позавчера около десяти вечера начался пожар.", "Позавчера около десяти вечера",
     "2022-03-12T22", "hour", "approx"),
    ("Вчера в 18.30 поезд прибыл на вокзал.", "Вчера в 18.30", "2022-03-13T18:30", "minute",
     ""),
    ("Утром в четверг делегация улетела.", "Утром в четверг", "2022-03-10", "day", ""),
    ("Вечером здесь прошла акция.", "Вечером", "2022-03-14", "day", ""),
])
def test_timex_times_of_day_with_a_known_publication_time(sentence, text, value, precision,
                                                          mod):
    (found,) = find_timexes(sentence, MONDAY_11)
    assert (found.text, found.value, found.precision, found.mod or "") == (text, value,
                                                                           precision, mod)


@pytest.mark.parametrize("sentence", [
    "Совещание открылось в 9:30 по московскому времени.", "Примерно в семь утра начались учения.",
    "Голосование завершится через три часа.", "Вчера в 18.30 поезд прибыл на вокзал.",
])
def test_timex_times_of_day_without_a_publication_time_are_days(sentence):
    (found,) = find_timexes(sentence, MONDAY_11.date())
    assert found.precision == "day" and len(found.value) == 10


@pytest.mark.parametrize(("sentence", "published", "future", "text", "value", "end"), [
    ("Выставка работала с 5 по 12 марта 2019 года.", "2022-03-14", False,
     "5 по 12 марта 2019 года", "2019-03-05", "2019-03-12"),
    ("В 2008–2012 годах он руководил кабинетом.", "2022-03-14", False, "2008–2012 годах",
     "2008", "2012"),
    ("Каникулы продлятся с 30 декабря по 10 января.", "2022-12-01", True,
     "30 декабря по 10 января", "2022-12-30", "2023-01-10"),
    ("Раскопки вели в июле–августе 2015 года.", "2022-03-14", False, "июле–августе 2015 года",
     "2015-07", "2015-08"),
    ("Соревнования пройдут со вторника по пятницу.", "2022-03-14", True,
     "со вторника по пятницу", "2022-03-15", "2022-03-18"),
    ("Фестиваль пройдёт 8, 9 и 10 июля.", "2022-03-14", True, "8, 9 и 10 июля", "2022-07-08",
     "2022-07-10"),
    ("Школы закрыли с 30 декабря 2020 года по 11 января 2021 года.", "2022-03-14", False,
     "30 декабря 2020 года по 11 января 2021 года", "2020-12-30", "2021-01-11"),
    ("Делегация работала в Минске с 27 декабря по 3 января 2021 года.", "2022-03-14", False,
     "27 декабря по 3 января 2021 года", "2020-12-27", "2021-01-03"),
])
def test_timex_ranges_and_lists_have_both_ends(sentence, published, future, text, value, end):
    (found,) = find_timexes(sentence, date.fromisoformat(published), future=future)
    assert (found.text, found.value, found.end) == (text, value, end)


def test_timex_two_full_dates_joined_by_and_stay_two():
    found = find_timexes("Встречи прошли 2 мая 2019 года и 6 июня 2020 года.", FRIDAY)
    assert [(t.value, t.end) for t in found] == [("2019-05-02", None), ("2020-06-06", None)]


@pytest.mark.parametrize(("sentence", "published", "future", "value", "precision", "mod"), [
    ("Посевная начнётся в последних числах апреля.", "2022-03-14", True, "2022-04", "month",
     "end"),
    ("Тарифы пересмотрят в 10-х числах июня.", "2022-03-14", True, "2022-06", "month", "mid"),
    ("Зарплаты выплатят в 20-х числах мая.", "2022-03-14", True, "2022-05", "month", "end"),
    ("Прибыль выросла в первом полугодии 2020 года.", "2022-03-14", False, "2020-H1", "half",
     ""),
    ("Во второй половине прошлого года цены упали.", "2022-03-14", False, "2021-H2", "half",
     ""),
    ("На днях министр побывал в Казани.", "2022-03-14", False, "2022-W10", "week", "approx"),
    ("Решение примут в ближайшие дни.", "2022-03-14", True, "2022-W11", "week", "approx"),
    ("С начала месяца цены выросли.", "2022-03-14", False, "2022-03", "month", "since"),
    ("Отчёт сдадут до конца года.", "2022-03-14", True, "2022", "year", "before"),
    ("Бюджет наступающего года принят.", "2022-12-14", False, "2023", "year", ""),
    ("На Пасху храмы были открыты.", "2022-05-10", False, "2022-04-24", "day", ""),
    ("Мост откроют к Дню Победы.", "2022-03-14", True, "2022-05-09", "day", "before"),
    ("В канун Нового года город украсили.", "2022-01-10", False, "2021-12-31", "day", ""),
    ("Концерт прошёл в Рождество.", "2022-01-10", False, "2022-01-07", "day", ""),
    ("В 2018-м турнир перенесли.", "2022-03-14", False, "2018", "year", ""),
    ("Клуб был чемпионом в 87-м.", "2022-03-14", False, "1987", "year", ""),
    ("В девяностые завод закрыли.", "2022-03-14", False, "199", "decade", ""),
    ("Крепость построили в восемнадцатом веке.", "2022-03-14", False, "18", "century", ""),
    ("Аванс перечислят 20-го числа.", "2022-03-14", True, "2022-03-20", "day", ""),
    ("Платёж прошёл 25-го, сообщил банк.", "2022-03-14", False, "2022-02-25", "day", ""),
    ("Контракт подписали в февр. 2019 г. в Сочи.", "2022-03-14", False, "2019-02", "month",
     ""),
    ("Монастырь основан в 864 г. на берегу озера.", "2022-03-14", False, "0864", "year", ""),
    ("Неделю назад начались переговоры.", "2022-03-14", False, "2022-W10", "week", ""),
    ("Прошлой зимой морозы были сильными.", "2022-04-20", False, "2021-WI", "season", ""),
])
def test_timex_issue_ten_forms(sentence, published, future, value, precision, mod):
    (found,) = find_timexes(sentence, date.fromisoformat(published), future=future)
    assert (found.value, found.precision, found.mod or "") == (value, precision, mod)


@pytest.mark.parametrize("sentence", [
    "Пробка образовалась на улице 1 Мая.", "Бригада перешла на завод имени 1905 года.",
    "Результат в первой половине дня был слабым.", "Он учился в 5-м классе.",
    "Завод «Первое мая» остановил конвейер.", "Днём и ночью спасатели разбирали завалы.",
    "Через минуту после взрыва приехала полиция.",
])
def test_timex_street_names_and_ordinals_are_no_dates(sentence):
    assert find_timexes(sentence, date(2022, 3, 14)) == []


def test_timex_doc_resolves_against_the_publication_time():
    tagged = [("Взрыв", "NOUN", {}, 1), ("прогремел", "VERB", {"Tense": "Past"}, -1),
              ("в", "ADP", {}, 3), ("18:45", "NUM", {}, 1), (".", "PUNCT", {}, 1)]
    doc = _doc(tagged, published=date(2019, 8, 8))
    doc.article.published_at = datetime(2019, 8, 8, 20, 10)
    timex_doc(doc)
    assert [(t.value, t.precision) for t in doc.timexes] == [("2019-08-08T18:45", "minute")]
    doc.article.published_at = None
    timex_doc(doc)
    assert [(t.value, t.precision) for t in doc.timexes] == [("2019-08-08", "day")]


@pytest.mark.parametrize(("sentence", "published", "value"), [
    ("Матч перенесли на 4 нояб., сообщил клуб.", "2022-10-20", "2022-11-04"),
    ("Отчёты приняли до 15.02, напомнили в налоговой.", "2023-01-20", "2023-02-15"),
    ("С первого февраля тарифы повысят.", "2023-01-20", "2023-02-01"),
    ("Правительство рассчитывает на рост во втором полугодии.", "2023-02-10", "2023-H2"),
])
def test_timex_targets_deadlines_and_present_periods_are_ahead(resources, sentence,
                                                               published, value):
    from khronika.pipeline import analyze_text

    doc = analyze_text(sentence, published, resources)
    assert [t.value for t in doc.timexes] == [value]


TIMED_ROWS = """sentence\texpression\tpublished\tvalue\tprecision\tmod\tclass
Пресс-конференция началась в 16:20.\tв 16:20\t2022-03-14T18:05\t2022-03-14T16:20\tminute\t\tclock
Ярмарка работала с 2 по 6 марта.\tс 2 по 6 марта\t2022-03-14\t2022-03-02/2022-03-06\tday\t\trange
"""


def test_timex_evaluation_reads_times_and_intervals(tmp_path, resources):
    path = tmp_path / "timed.tsv"
    path.write_text(TIMED_ROWS, encoding="utf-8")
    clock, _ = read_rows(path)
    assert clock.published == datetime(2022, 3, 14, 18, 5)
    report = evaluate_dates(path, resources)
    khronika = report.scores[0]
    assert khronika.value_accuracy == 1.0, khronika.errors
    assert "khronika errors:" in format_report(report, errors=True)


@pytest.mark.parametrize(("sentence", "published", "value", "mod"), [
    ("С понедельника в школах вводится карантин.", "2021-05-12", "2021-05-17", "since"),
    ("До пятницы депутаты объявят решение.", "2021-05-12", "2021-05-14", "before"),
    ("На Троицу в храмах прошли службы.", "2021-05-12", "2020-06-07", ""),
    ("Матч перенесли на 3 ноября.", "2021-10-25", "2021-11-03", ""),
    ("На Новый год многие горожане уехали за город.", "2021-12-20", "2021-01-01", ""),
    ("Атака произошла в ночь на 14 сентября.", "2021-05-12", "2020-09-14", ""),
])
def test_timex_weekday_edges_feasts_and_targets_by_tense(resources, sentence, published,
                                                         value, mod):
    from khronika.pipeline import analyze_text

    doc = analyze_text(sentence, published, resources)
    assert [(t.value, t.mod or "") for t in doc.timexes] == [(value, mod)]


@pytest.mark.parametrize(("sentence", "value"), [
    ("В 20-х годах этого века ожидается рост.", "202"),
    ("В 60-х годах прошлого столетия здесь был завод.", "196"),
    ("Доклад опубликовали в янв. прошлого года.", "2020-01"),
    ("На этих днях министр побывал в Казани.", "2021-W18"),
])
def test_timex_decades_of_a_named_century_and_abbreviated_months(sentence, value):
    (found,) = find_timexes(sentence, date(2021, 5, 12))
    assert found.value == value


@pytest.mark.parametrize(("text", "published"), [
    ("В канун Первомая в Москве прошёл митинг.", date(2021, 4, 9)),
    ("Фестиваль пройдет с 1 по 31 июня.", date(2021, 4, 9)),
    ("Выставка работала 30-31 апреля 2020 года.", None),
    ("Концерты прошли 30 и 31 апреля.", date(2021, 4, 9)),
    ("Саммит прошел с 28 по 30 февраля 2021 года.", date(2021, 4, 9)),
])
def test_timex_no_day_out_of_its_month_breaks_the_stage(text, published):
    """The eve of a 1st and range ends past a month's last day used to raise ValueError."""
    for timex in find_timexes(text, published):
        assert timex.end is None or timex.end >= (timex.value or "")


def test_timex_eve_of_the_first_of_a_month_is_the_last_day_before_it():
    (timex,) = find_timexes("В канун Первомая в Москве прошёл митинг.", date(2021, 4, 9))
    assert timex.value == "2020-04-30"


def test_timex_range_end_never_before_its_start():
    (timex,) = find_timexes("Соревнования прошли 28-29 февраля.", date(2021, 4, 9))
    assert (timex.value, timex.end) == ("2021-02-28", None)
