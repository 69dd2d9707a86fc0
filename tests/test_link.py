"""The linking stage: mentions to KB entities with their actor code on the article date."""

import pytest

from khronika.pipeline import analyze_text


def _linked(resources, text, published):
    doc = analyze_text(text, published=published, resources=resources)
    return {m.text: m for m in doc.mentions}, doc


@pytest.mark.parametrize(("published", "kb_id", "code"), [
    ("2002-05-14", "person:heydar-aliyev", "AZEGOV"),
    ("2005-05-14", "person:ilham-aliyev", "AZEGOV"),
])
def test_link_same_surname_gets_the_role_held_then(resources, published, kb_id, code):
    found, _ = _linked(resources, "Алиев провёл совещание по вопросам энергетики в Баку.",
                       published)
    assert (found["Алиев"].kb_id, found["Алиев"].code) == (kb_id, code)


@pytest.mark.parametrize(("published", "kb_id"), [
    ("2008-03-01", "person:vladimir-putin"),
    ("2009-03-01", "person:dmitry-medvedev"),
    ("2012-03-01", "person:dmitry-medvedev"),
    ("2012-06-01", "person:vladimir-putin"),
])
def test_link_role_mention_resolves_to_the_office_holder(resources, published, kb_id):
    found, _ = _linked(resources, "Президент России заявил журналистам, что переговоры "
                                  "продолжатся.", published)
    mention = found["Президент России"]
    assert (mention.kb_id, mention.code, mention.source) == (kb_id, "RUSGOV", "role")


def test_link_descriptor_before_name_is_not_a_mention_and_picks_the_person(resources):
    found, _ = _linked(resources, "Премьер-министр Армении Никол Пашинян прибыл в Москву.",
                       "2021-04-07")
    assert found["Никол Пашинян"].code == "ARMGOV"
    assert "Премьер-министр Армении" not in found
    assert found["Москву"].kb_id == "city:moscow"


def test_link_counterpart_is_the_same_post_in_the_other_country(resources):
    found, _ = _linked(resources, "Владимир Путин обсудил по телефону с азербайджанским "
                                  "коллегой ситуацию в регионе.", "2021-04-08")
    mention = found["азербайджанским коллегой"]
    assert (mention.kb_id, mention.code) == ("person:ilham-aliyev", "AZEGOV")


def test_link_capitals_acting_are_their_governments(resources):
    _, doc = _linked(resources, "Баку и Ереван оспаривают принадлежность региона. "
                                "Делегация прибыла в Баку во вторник.", "2021-04-09")
    places = [(m.text, m.kb_id, m.code) for m in doc.mentions if m.type == "LOC"]
    assert places == [
        ("Баку", "org:AZE-government", "AZEGOV"),
        ("Ереван", "org:ARM-government", "ARMGOV"),
        ("Баку", "city:baku", "AZE"),
    ]


def test_link_institutions_with_a_country(resources):
    found, _ = _linked(resources, "Российские миротворцы заняли позиции у дороги. "
                                  "МИД Армении выразил протест.", "2021-04-09")
    assert (found["Российские миротворцы"].kb_id, found["Российские миротворцы"].code) == (
        "org:RUS-peacekeepers", "RUSMIL")
    mfa = next(m for m in found.values() if m.text.startswith("МИД"))
    assert (mfa.kb_id, mfa.code) == ("org:ARM-mfa", "ARMGOV")


def test_link_unknown_entities_get_stable_local_ids(resources):
    text = "Глава района Пётр Сидорчук встретился с фермерами в селе Малые Кочки."
    first, _ = _linked(resources, text, "2020-01-01")
    again, _ = _linked(resources, "Пётр Сидорчук не ответил на вопросы.", "2021-01-01")
    assert first["Пётр Сидорчук"].kb_id == "local:per:петр-сидорчук"
    assert again["Пётр Сидорчук"].kb_id == first["Пётр Сидорчук"].kb_id
    labels = first["Пётр Сидорчук"].labels
    assert labels["en"] == "Petr Sidorchuk" and first["Пётр Сидорчук"].labels_fallback


def test_link_kremlin_as_speaker_is_the_presidency(resources):
    _, doc = _linked(resources, "«Переговоры будут продолжены», — сообщили в Кремле.",
                     "2021-04-09")
    (quote,) = doc.quotes
    assert quote.speaker.kb_id == "org:RUS-presidency"


def test_link_no_publication_date_uses_current_posts(resources):
    found, _ = _linked(resources, "Дмитрий Песков ответил на вопросы журналистов.", None)
    assert found["Дмитрий Песков"].kb_id == "person:dmitry-peskov"


@pytest.mark.parametrize(("text", "name", "kb_id"), [
    # a capital is its government when it is addressed or takes part...
    ("Белый дом предупредил Дамаск о последствиях.", "Дамаск", "org:SYR-government"),
    ("Переговоры между Ереваном и Баку возобновятся.", "Ереваном", "org:ARM-government"),
    ("Эксперт указал на позицию Анкары по проливам.", "Анкары", "org:TUR-government"),
    ("В Белграде это решение назвали незаконным.", "Белграде", "org:SRB-government"),
    # ...and a place when it is where something happens or what is visited
    ("Министр посетил Баку в понедельник.", "Баку", "city:baku"),
    ("Делегация прибыла в Анкару.", "Анкару", "city:ankara"),
])
def test_link_capital_party_or_place(resources, text, name, kb_id):
    found, _ = _linked(resources, text, "2021-04-09")
    assert found[name].kb_id == kb_id


def test_link_kb_names_missed_by_ner_are_added(resources):
    found, _ = _linked(resources, "Эрдоган в телефонном разговоре предложил создать центр "
                                  "мониторинга.", "2020-11-11")
    assert (found["Эрдоган"].kb_id, found["Эрдоган"].source) == (
        "person:recep-tayyip-erdogan", "kb")


def test_link_name_split_by_ner_is_looked_up_joined(resources):
    found, _ = _linked(resources, "Москва потребовала созвать Совет Безопасности ООН.",
                       "2008-02-18")
    council = next(m for m in found.values() if m.text.startswith("Совет"))
    assert council.kb_id == "igo:unsc"


def test_link_honorific_between_role_and_name_keeps_it_a_descriptor(resources):
    found, _ = _linked(resources, "Президент ОАЭ шейх Мухаммед бен Заид Аль Нахайян прилетел "
                                  "в Москву.", "2022-10-11")
    assert "Президент ОАЭ" not in found
    assert found["Мухаммед бен Заид Аль Нахайян"].code == "AREGOV"


def test_link_plural_role_phrase_names_no_single_person(resources):
    found, _ = _linked(resources, "Президенты России и Азербайджана обсудили ситуацию.",
                       "2021-04-08")
    assert not [m for m in found.values() if m.source == "role"]


def test_link_former_holder_and_title_phrases(resources):
    found, _ = _linked(resources, "Бывший президент Армении выступил с заявлением. "
                                  "Пресс-секретарь президента России ответил журналистам.",
                       "2019-06-01")
    assert found["Бывший президент Армении"].kb_id == "person:serzh-sargsyan"
    assert found["Бывший президент Армении"].code == "ARMELI"
    press = next(m for m in found.values() if m.text.startswith("Пресс-секретарь"))
    assert press.kb_id == "person:dmitry-peskov"


@pytest.mark.parametrize(("published", "kb_id"), [
    ("2018-04-01", "person:karen-karapetyan"),  # before Sargsyan moved from president to PM
    ("2018-04-20", "person:serzh-sargsyan"),  # his six days as prime minister
    ("2018-05-10", "person:nikol-pashinyan"),
])
def test_link_armenia_2018_prime_minister_by_date(resources, published, kb_id):
    found, _ = _linked(resources, "Премьер-министр Армении провёл заседание правительства.",
                       published)
    assert found["Премьер-министр Армении"].kb_id == kb_id


def test_link_case_forms_pymorphy_cannot_lemmatise(resources):
    found, _ = _linked(resources, "Нетаньяху встретился с Хамидом Карзаем и Жозефом Ауном.",
                       "2025-03-01")
    assert found["Хамидом Карзаем"].kb_id == "person:hamid-karzai"
    assert found["Жозефом Ауном"].kb_id == "person:joseph-aoun"
    other, _ = _linked(resources, "Журналист Ахмад Карзаев задал вопрос. Карзаев ушёл.",
                       "2021-04-08")
    assert other["Ахмад Карзаев"].kb_id == "local:per:ахмад-карзаев"  # another first name
    assert other["Карзаев"].kb_id == "local:per:ахмад-карзаев"


def test_link_institution_inside_a_title_before_a_name(resources):
    found, _ = _linked(resources, "Официальный представитель МИД России Мария Захарова "
                                  "заявила об этом.", "2021-04-01")
    assert found["МИД России"].kb_id == "org:RUS-mfa"  # one ORG span with its country


def test_link_brussels_acting_is_the_eu(resources):
    found, _ = _linked(resources, "Захарова назвала решение Брюсселя неприемлемым.",
                       "2022-03-10")
    assert (found["Брюсселя"].kb_id, found["Брюсселя"].code) == ("igo:eu", "IGOEEC")
