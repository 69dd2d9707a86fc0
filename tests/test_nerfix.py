"""nerfix: natasha's mentions, corrected by the rules of data/ner_fixes.yaml."""

import pytest

import khronika
from khronika.nlp import nerfix
from khronika.nlp import tagging as nlp
from khronika.records import PER, Article, Doc, Mention, Span


def analysed(text: str, resources, fix: bool = True) -> Doc:
    paragraphs = [Span(0, len(text))]
    doc = Doc(Article(text, paragraphs=paragraphs))
    nlp.segment_doc(doc, resources)
    nlp.tag_doc(doc, resources)
    nlp.ner_doc(doc, resources)
    if fix:
        nerfix.fix_mentions_doc(doc, resources)
    return doc


def found(doc: Doc) -> list[tuple[str, str]]:
    return [(doc.text[m.start : m.stop], m.type) for m in doc.mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the seed: the Kremlin speaks (ORG) or hosts (LOC)
        ("Об этом сообщила пресс-служба Кремля.", [("Кремля", "ORG")]),
        (
            '"При этом учитывались итоги переговоров", - подчеркнули в Кремле.',
            [("Кремле", "ORG")],
        ),
        ("В Кремле заявили, что контакты продолжатся.", [("Кремле", "ORG")]),
        ("Кремль сообщил о телефонном разговоре.", [("Кремль", "ORG")]),
        (
            "7 апреля Путин в Кремле провел переговоры с Николом Пашиняном.",
            [("Путин", "PER"), ("Кремле", "LOC"), ("Николом Пашиняном", "PER")],
        ),
        ("Сторонники собрались на ступенях Капитолия.", [("Капитолия", "LOC")]),
        # unions are organisations; countries stay LOC even when they act
        ("Евросоюз уже приостановил работу миссии.", [("Евросоюз", "ORG")]),
        ("Требования ЕС к России не изменились.", [("ЕС", "ORG"), ("России", "LOC")]),
        # legal forms and descriptors are not part of the name
        (
            "Накануне глава ОАО «Газпром» Алексей Миллер пообещал снизить цену.",
            [("Газпром", "ORG"), ("Алексей Миллер", "PER")],
        ),
        ("Об этом сообщает ИА Regnum.", [("Regnum", "ORG")]),
        # a name and its abbreviation in brackets are two mentions
        (
            "Об этом сообщает Комитет защиты журналистов (КЗЖ).",
            [("Комитет защиты журналистов", "ORG"), ("КЗЖ", "ORG")],
        ),
        (
            "Руководитель КЗЖ Джоэл Саймон (Joel Simon) выступил в Нью-Йорке.",
            [("КЗЖ", "ORG"), ("Джоэл Саймон", "PER"), ("Joel Simon", "PER"), ("Нью-Йорке", "LOC")],
        ),
        # initials stay with the surname
        ("Как сообщил А. Кудрин, расходы сократят.", [("А. Кудрин", "PER")]),
        # generic words are not entities
        ("По сообщениям СМИ, задержаны 30 человек.", []),
        ("Супруга бизнесмена рассчитывает на свидание.", []),
        # products in quotes, and their later mentions, are not organisations
        (
            "Шаттл «Дискавери» завершил последний полёт. После «Дискавери» полетит «Индевор».",
            [("Индевор", "ORG")],
        ),
        # an organisation and its place in the genitive are one actor; the place stays nested
        (
            "Сотрудники ФСБ России задержали его, сообщил МИД РФ.",
            [("ФСБ России", "ORG"), ("России", "LOC"), ("МИД РФ", "ORG"), ("РФ", "LOC")],
        ),
        (
            "Министерство культуры Белоруссии передало НАТО Москву.",
            [("Министерство культуры Белоруссии", "ORG"), ("Белоруссии", "LOC"),
             ("НАТО", "ORG"), ("Москву", "LOC")],
        ),
        # a body and the organisation it belongs to, hung on it by the parser, are one actor
        (
            "Совет Безопасности ООН одобрил резолюцию.",
            [("Совет Безопасности ООН", "ORG"), ("ООН", "ORG")],
        ),
        ("Газпром и Роснефть подписали договор.", [("Газпром", "ORG"), ("Роснефть", "ORG")]),
        # facilities are places, not organisations
        ("Экипаж МКС вернулся. Модуль пристыковали к Международной космической станции.",
         [("МКС", "LOC"), ("Международной космической станции", "LOC")]),
        # an organisation's name glued to a person's is the two
        (
            "В тюрьме остаются фотограф Рейтер Али Хасан и оператор Аль-Джазиры Омар аль-Фарук.",
            [("Рейтер", "ORG"), ("Али Хасан", "PER"), ("Аль-Джазиры", "ORG"),
             ("Омар аль-Фарук", "PER")],
        ),
        ("Амаль Клуни выступила в суде.", [("Амаль Клуни", "PER")]),
        # a common word before a quoted name is its descriptor, not an organisation
        ("Движение «Открытая Россия» признано нежелательным.", [("Открытая Россия", "ORG")]),
        ('Корреспондент "Новой газеты" был в Грозном.',
         [("Новой газеты", "ORG"), ("Грозном", "LOC")]),
        # quoted names of projects and media are one ORG span or none, never a LOC inside
        ("Строительство «Силы Сибири» завершено.", [("Силы Сибири", "ORG")]),
        ("Глава «Газпром нефти» выступил в Петербурге.",
         [("Газпром нефти", "ORG"), ("Петербурге", "LOC")]),
        ("Мощность «Турецкого потока» увеличат.", []),
        ("Журналисты «Новой газеты» получили премию.", [("Новой газеты", "ORG")]),
        # web sites named as sources
        ("Как пишет Lenta.ru, сделка сорвалась.", [("Lenta.ru", "ORG")]),
        ("Об этом говорится в заявке на имя «кремль.рф».", []),
    ],
)
def test_nerfix_sentences(resources, text, expected):
    assert found(analysed(text, resources)) == expected


def test_nerfix_menu_words_are_never_entities(resources):
    doc = Doc(Article("En Ar", paragraphs=[Span(0, 5)]))
    nlp.segment_doc(doc, resources)
    nlp.tag_doc(doc, resources)
    doc.mentions = [Mention(0, 5, "ORG", "En Ar", "En Ar", sentence=0)]
    nerfix.fix_mentions_doc(doc, resources)
    assert doc.mentions == []


def test_nerfix_split_bullets_and_brackets(resources):
    text = "Участники: Россия • Сирия • Турция (Анкара)."
    doc = analysed(text, resources, fix=False)
    doc.mentions = [Mention(11, len(text) - 1, "LOC", text[11:-1], text[11:-1], sentence=0)]
    nerfix.fix_mentions_doc(doc, resources)
    assert found(doc) == [("Россия", "LOC"), ("Сирия", "LOC"), ("Турция", "LOC"), ("Анкара", "LOC")]


def test_nerfix_leading_common_word_leaves_person(resources):
    text = "Поддержку Кирсану Илюмжинову выразили федерации."
    doc = analysed(text, resources, fix=False)
    doc.mentions = [Mention(0, 28, "PER", text[:28], text[:28], sentence=0)]
    nerfix.fix_mentions_doc(doc, resources)
    assert found(doc) == [("Кирсану Илюмжинову", "PER")]


def test_nerfix_moved_mentions_get_text_and_lose_lemma(resources):
    doc = analysed("Глава ОАО «Газпром» уехал.", resources)
    (mention,) = doc.mentions
    assert (mention.text, mention.normal, mention.lemma) == ("Газпром", "Газпром", "")


def test_nerfix_rules_file_loads():
    fixes = nerfix.load_fixes()
    assert "кремль" in fixes.seats_of_power
    assert fixes.types["европейский союз"] == "ORG"
    assert "en" in fixes.menu_words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Миротворцы разместились вдоль Лачинского коридора.", "Лачинского коридора"),
        ("Стороны обсудили ситуацию в Ставропольском крае.", "Ставропольском крае"),
    ],
)
def test_nerfix_place_adjective_takes_its_geographic_head(resources, text, expected):
    doc = khronika.analyze(text, resources=resources)
    assert expected in {m.text for m in doc.mentions if m.type == "LOC"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Сестры Уильямс вышли в финал.", "Уильямс"),
        ("Канцлеру Шольцу передали письмо.", "Шольцу"),
        ("Премьер-министру Джонсону позвонил президент.", "Джонсону"),
    ],
)
def test_nerfix_a_title_or_kin_word_before_a_person_is_no_part_of_the_name(
        resources, text, expected):
    doc = analysed(text, resources)
    assert [doc.text[m.start : m.stop] for m in doc.mentions if m.type == "PER"] == [expected]


def test_nerfix_a_title_before_a_place_stays(resources):
    doc = analysed("Президент Финляндии прибыл в Москву.", resources)
    assert "Финляндии" not in [doc.text[m.start : m.stop] for m in doc.mentions
                               if m.type == "PER"]


# --- country adjectives (nlp/adjectives.py) ------------------------------------------------


def test_country_adjective_is_a_loc_mention_linked_to_its_country(resources):
    from khronika.pipeline import analyze_text

    text = "Перуанские рыбаки вернулись домой, сообщили норвежские власти."
    doc = analyze_text(text, published="2019-03-02", resources=resources)
    adjectives = {(m.text, m.type, m.kb_id) for m in doc.mentions if m.source == "adjective"}
    assert adjectives == {("Перуанские", "LOC", "country:PER"),
                          ("норвежские", "LOC", "country:NOR")}
    # the institution phrase keeps its country adjective nested, as "власти Норвегии" would
    assert any(m.text == "норвежские власти" and m.type == "ORG" for m in doc.mentions)


def test_country_adjective_inside_a_name_is_part_of_the_name(resources):
    from khronika.pipeline import analyze_text

    text = "Учёные Российской академии наук представили доклад."
    doc = analyze_text(text, published="2019-03-02", resources=resources)
    assert not [m for m in doc.mentions if m.source == "adjective"]


def test_country_adjectives_leave_events_and_quotes_as_they_were(resources):
    from khronika.pipeline import STAGES, analyze_text

    text = ("Турецкие военные обстреляли позиции сирийских курдов. «Мы ответим», — заявил "
            "представитель сирийской оппозиции. Российский МИД осудил удар.")
    without = tuple(s for s in STAGES if s.name != "adjectives")
    doc = analyze_text(text, published="2019-03-02", resources=resources)
    bare = analyze_text(text, published="2019-03-02", resources=resources, stages=without)
    assert [m for m in doc.mentions if m.source == "adjective"]
    assert doc.events == bare.events and doc.quotes == bare.quotes
    assert [m for m in doc.mentions if m.source != "adjective"] == bare.mentions


def test_age_adjective_is_no_part_of_a_name(resources):
    doc = analysed("Семидесятилетний Гарсия прибыл в Лиму.", resources)
    assert ("Гарсия", "PER") in found(doc)
    assert not any(text.startswith("Семидесятилетний") for text, _ in found(doc))


# --- organisations named by a description (nlp/descriptions.py) ----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Об этом сообщила пресс-служба МВД Киргизии.", "пресс-служба МВД Киргизии"),
        ("В мэрии Уфы отказались от комментариев.", "мэрии Уфы"),
        ("Письмо направили в министерство здравоохранения Чили.",
         "министерство здравоохранения Чили"),
        ("Эту идею поддержала администрация Саркози.", "администрация Саркози"),
    ],
)
def test_description_with_its_owner_is_one_org(resources, text, expected):
    from khronika.pipeline import analyze_text

    doc = analyze_text(text, published="2019-03-02", resources=resources)
    described = [m for m in doc.mentions if m.source == "description"]
    assert [(m.text, m.type) for m in described] == [(expected, "ORG")]
    # the name inside stays a mention of its own, linked as before
    assert any(m.stop == described[0].stop and m.source != "description" for m in doc.mentions)


def test_description_is_not_made_of_a_person_with_a_body_he_does_not_lead(resources):
    from khronika.pipeline import analyze_text

    doc = analyze_text("Совет Саркози был услышан, а суд Парижа отложил дело.",
                       published="2019-03-02", resources=resources)
    described = [m.text for m in doc.mentions if m.source == "description"]
    assert described == ["суд Парижа"]


def test_description_never_replaces_an_institution_the_kb_knows(resources):
    from khronika.pipeline import analyze_text

    doc = analyze_text("Правительство Киргизии ввело режим ЧП.", published="2019-03-02",
                       resources=resources)
    assert not [m for m in doc.mentions if m.source == "description"]
    assert any(m.text == "Правительство Киргизии" and m.kb_id == "org:KGZ-government"
               for m in doc.mentions)


def test_a_body_named_with_no_owner_is_an_org(resources):
    from khronika.pipeline import analyze_text

    text = "Коалиционное правительство обратилось в министерство юстиции, а полиция молчит."
    doc = analyze_text(text, published="2019-03-02", resources=resources)
    described = [(m.text, m.type, m.kb_id) for m in doc.mentions if m.source == "description"]
    assert described == [
        ("Коалиционное правительство", "ORG", "local:org:коалиционное-правительство"),
        ("министерство юстиции", "ORG", "local:org:министерство-юстиции"),
        ("полиция", "ORG", "local:org:полиция")]
    assert all(m.labels["en"] for m in doc.mentions if m.source == "description")
    bare = analyze_text(text, published="2019-03-02", resources=resources, stages=tuple(
        s for s in khronika.pipeline.STAGES if s.name != "descriptions"))
    assert doc.events == bare.events


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Доклад Э. С. Набиуллиной вызвал оживлённую дискуссию.", ["Э. С. Набиуллиной"]),
        ("Самолет Л. Качиньского разбился под Смоленском.", ["Л. Качиньского"]),
        ("Письмо Дж. Байдену передали в посольство.", ["Дж. Байдену"]),
        ("Поезд из С. Петербурга прибыл с опозданием.", []),  # a place, no one
    ],
)
def test_nerfix_initials_before_a_family_name_are_a_person(resources, text, expected):
    doc = analysed(text, resources)
    assert [m.text for m in doc.mentions if m.type == PER and "." in m.text] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a name in Latin script that NER misses: opened by a given name
    ("Выставку открыла Annie Morrow в минувшую субботу.", [("Annie Morrow", PER)]),
    ("Интервью дал Heinz van Berg, глава фонда.", [("Heinz van Berg", PER)]),
    # a family after kin or a family collective
    ("Братья Запашные показали новый номер.", [("Запашные", PER)]),
    ("Архивисты изучили письма династии Строгановых.", [("Строгановых", PER)]),
])
def test_nerfix_names_ner_misses(resources, text, expected):
    assert [f for f in found(analysed(text, resources)) if f[1] == PER] == expected


def test_nerfix_latin_words_not_opened_by_a_given_name_are_no_person(resources):
    doc = analysed("Акции Deutsche Bank подешевели после отчёта.", resources)
    assert not [f for f in found(doc) if f[1] == PER]
