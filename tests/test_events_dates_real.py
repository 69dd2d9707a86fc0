"""Event dates on real news (issue 11): the error classes of the date right-rate on the
real-news dev part, each pinned on sentences written for these tests. Most real articles
carry no publication date: their yearless dates and weekdays are read against the text's
own latest date; a legal article's number is no date; a verb conjoined to a dated one
shares its date; "тогда же", "в тот же день" take the date told before."""

from datetime import date

import pytest

from khronika.pipeline import analyze_text
from khronika.timex import find_timexes


@pytest.fixture(scope="module")
def code(resources):
    def run(text, published=None):
        return analyze_text(text, published, resources).events

    return run


def _by_trigger(events, text):
    return {text[e.trigger.start:e.trigger.stop]: e for e in events}


# -- undated articles: a date with no year is read against the text's latest date ------

def test_day_and_month_without_year_read_against_the_latest_date(code):
    text = ("Премьер-министр Грузии Иван Петров ушёл в отставку 13 июня 2018 года.\n\n"
            "Вечером 31 мая у здания прокуратуры в Тбилиси прошли акции протеста.\n\n"
            "В конце мая суд Тбилиси оправдал одного из обвиняемых.")
    events = _by_trigger(code(text), text)
    assert events["акции"].date == "2018-05-31"  # not left undated, not the reference day
    assert events["оправдал"].date == "2018-05"


def test_date_without_year_against_a_month_reference(code):
    # the latest full date is a month: "22 декабря" is that December's
    text = ("Полиция Техаса 22 декабря арестовала инженера Ивана Петрова.\n\n"
            "В декабре 2017 года в США усилили меры безопасности.")
    (arrest,) = [e for e in code(text) if e.code == "173"]
    assert (arrest.date, arrest.modality) == ("2017-12-22", "asserted")


def test_month_without_year_is_its_nearest_occurrence(code):
    # "в октябре" after "в июле 2017 года": the October after, not the one a year before
    text = ("Ивана Петрова арестовали в Греции в июле 2017 года.\n\n"
            "В октябре суд Салоник принял решение об экстрадиции Петрова в США.")
    (ruling,) = [e for e in code(text) if e.code == "063"]
    assert ruling.date == "2017-10"


@pytest.mark.parametrize("text, trigger, expected", [
    # the article speaks from Monday the 23rd: "в воскресенье" is the day before
    ("Иван Петров умер в ночь на понедельник, 23 марта 2015 года.\n\n"
     "В воскресенье Белый дом назвал Петрова великим политиком.", "назвал", "2015-03-22"),
    # the attack was on Saturday the 17th: the arrest "в понедельник" came after it
    ("Взрыв прогремел в субботу, 17 сентября 2016 года.\n\n"
     "Подозреваемый Иван Петров был арестован полицией в понедельник.", "арестован",
     "2016-09-19"),
])
def test_weekday_is_the_nearest_to_the_latest_date(code, text, trigger, expected):
    event = _by_trigger(code(text), text)[trigger]
    assert event.date == expected
    assert event.modality != "future"  # after the latest date, not after the writing


def test_weekday_beside_a_full_date_is_that_date(code):
    text = ("Правительство объявило траур 10 марта 2023 года.\n\n"
            "Утром в пятницу, 3 марта 2023 года, военные арестовали президента Ивана "
            "Петрова.")
    (arrest,) = [e for e in code(text) if e.code == "173"]
    assert arrest.date == "2023-03-03"


def test_a_year_alone_reads_no_day(code):
    # "в 2016 году" may lie years before the text: "28 ноября" gets no year from it
    text = ("28 ноября Верховный суд Пакистана приговорил Ивана Петрова к смертной казни.\n\n"
            "Петров уехал в ОАЭ в 2016 году.")
    (sentence,) = [e for e in code(text) if e.code == "173"]
    assert (sentence.date, sentence.date_source) == ("2016", "reference")


def test_holiday_is_not_read_against_the_latest_date(code):
    # Christmas is 25 December or 7 January by custom: no day is made of it
    text = ("Полиция Германии в декабре 2019 года сообщила, что «Исламское государство» грозит "
            "взрывами на Рождество.")
    (threat,) = [e for e in code(text) if e.plover == "THREATEN"]
    assert threat.date == "2019-12"


def test_reference_is_the_end_of_a_range(code):
    # "в июле и августе 2019 года": the text speaks from August on
    text = ("Активист Иван Петров был арестован 12 августа.\n\n"
            "Протесты в Москве шли в июле и августе 2019 года.")
    (arrest,) = [e for e in code(text) if e.code == "173"]
    assert arrest.date == "2019-08-12"


# -- a legal article's number is no date ------------------------------------------------

@pytest.mark.parametrize("text", [
    "его оштрафовали по ч. 5 ст. 19.3 КоАП",
    "дело возбуждено по статье 12.8 УК",
])
def test_article_number_is_no_date(text):
    assert find_timexes(text, date(2019, 7, 11)) == []


def test_day_and_month_in_digits_stays_a_date():
    (t,) = find_timexes("встреча 20.02 в Москве", date(2019, 7, 11))
    assert t.value == "2019-02-20"


# -- a verb conjoined to a dated one shares its date -----------------------------------

def test_conjoined_verb_shares_the_date_of_its_head(code):
    text = ("3 марта 2021 года Хамовнический суд признал Ивана Петрова виновным в "
            "неповиновении полиции и арестовал на 15 суток, а 11 марта Мосгорсуд отклонил "
            "жалобу Петрова.")
    events = _by_trigger(code(text), text)
    assert events["арестовал"].date == "2021-03-03"  # not the nearer "11 марта"
    assert events["отклонил"].date == "2021-03-11"


# -- "тогда же", "в тот же день": the date told before ----------------------------------

@pytest.mark.parametrize("second, trigger, expected", [
    ("Тогда же его обвинили в шпионаже.", "обвинили", "2015-04"),
    ("В том же году прокуратура обвинила его в шпионаже.", "обвинила", "2015"),
])
def test_same_time_takes_the_date_before(code, second, trigger, expected):
    text = ("Экс-президент Иван Петров умер 17 июня 2019 года.\n\n"
            "В апреле 2015 года суд приговорил Петрова к 20 годам тюрьмы.\n\n" + second)
    event = _by_trigger(code(text), text)[trigger]
    assert event.date == expected


def test_same_day_takes_the_day_before(code):
    text = ("3 марта 2019 года полиция задержала активиста Ивана Петрова.\n\n"
            "В тот же день суд арестовал Петрова на 10 суток.")  # another paragraph
    events = _by_trigger(code(text, "2019-06-17"), text)
    assert events["арестовал"].date == "2019-03-03"
