import json

import pytest

from khronika.pipeline import STAGES
from khronika.quotes.find import quotes_doc
from khronika.quotes.marks import quoted_spans
from khronika.quotes.speech import SpeechLexicon, load_speech
from khronika.read.dump import parse_dump
from khronika.records import Article, Doc, Span

BEFORE_QUOTES = tuple(s for s in STAGES if s.name not in ("timex", "quotes"))
SEED = "seed/000_898607c687f9b189.txt"


def analysed(text, resources):
    """A Doc of ``text``, one body paragraph per line, analysed up to and with quotes."""
    blocks, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            blocks.append(Span(offset, offset + len(line)))
        offset += len(line) + 1
    return run(Article(text, paragraphs=blocks), resources)


def run(article, resources):
    doc = Doc(article)
    for stage in BEFORE_QUOTES:
        stage.run(doc, resources)
    quotes_doc(doc, resources)
    return doc


def rendered(doc):
    """(quoted text, speaker normal or None, partial) for each quote."""
    return [(q.text, q.speaker.normal if q.speaker else None, q.partial) for q in doc.quotes]


CASES = [
    # a dash cue after the quote, the subject of the speech verb speaks
    ('"Россия готова к диалогу", - заявил Лавров.',
     [("Россия готова к диалогу", "Лавров", False)]),
    # a title and a name: the person speaks, by the name's canonical form
    ('"Мы готовы к переговорам", - сказал министр иностранных дел России Сергей Лавров.',
     [("Мы готовы к переговорам", "Сергей Лавров", False)]),
    # a bare title resolves to the person who carried it before
    ("Министр иностранных дел России Сергей Лавров провел переговоры. "
     '"Мы договорились о многом", - сказал министр.',
     [("Мы договорились о многом", "Сергей Лавров", False)]),
    # a colon cue before «…»
    ("Лавров заявил: «Россия не намерена отступать».",
     [("Россия не намерена отступать", "Лавров", False)]),
    # по словам X, a partial quote
    ("По словам Лаврова, «переговоры прошли конструктивно».",
     [("переговоры прошли конструктивно", "Лавров", True)]),
    # a fragment inside reported speech
    ('Путин заявил, что Россия "не допустит эскалации" в регионе.',
     [("не допустит эскалации", "Путин", True)]),
    # a locative source with a 3rd person plural verb
    ("«Переговоры прошли в деловой атмосфере», — отметили в МИД России.",
     [("Переговоры прошли в деловой атмосфере", "МИД России", False)]),
    ('"Мы следим за развитием событий", - подчеркнули в Кремле.',
     [("Мы следим за развитием событий", "Кремль", False)]),
    # an impersonal cue takes the source named in the sentence before
    ('Об этом сообщила пресс-служба Кремля. "Стороны обсудили ситуацию в регионе", '
     "- говорится в сообщении.",
     [("Стороны обсудили ситуацию в регионе", "пресс-служба Кремля", False)]),
    # a pronoun speaks for the person in context
    ("Песков заявил журналистам, что Кремль следит за ситуацией. "
     '"Мы надеемся на скорейшее урегулирование", - добавил он.',
     [("Мы надеемся на скорейшее урегулирование", "Песков", False)]),
    # carry-over: a quote with no cue of its own, across paragraphs
    ('Лавров заявил: "Россия готова к диалогу."\n"Мы ждем ответа от Вашингтона".',
     [("Россия готова к диалогу.", "Лавров", False),
      ("Мы ждем ответа от Вашингтона", "Лавров", False)]),
    # nested quotes: only the outer one is a quote
    ('«Он сказал мне: "Мы готовы подписать соглашение", и я ему поверил», - рассказал Алиев.',
     [('Он сказал мне: "Мы готовы подписать соглашение", и я ему поверил', "Алиев", False)]),
    ("„Мы не отступим“, - заявил Пашинян.", [("Мы не отступим", "Пашинян", False)]),
    ("“Мы ждем ответа”, - сообщил представитель МИД Турции.",
     [("Мы ждем ответа", "представитель МИД Турции", False)]),
    # one quote over several sentences
    ('"Это решение было непростым. Однако мы его приняли. Другого выхода не было", '
     "- заявил Пашинян.",
     [("Это решение было непростым. Однако мы его приняли. Другого выхода не было",
       "Пашинян", False)]),
    # names in quotes are not quotes
    ('Компания "Газпром" сообщила о росте добычи газа.', []),
    ('Делегация прибыла на форум "Россия - Исламский мир" в Казани.', []),
    ('Акции "Роснефти" выросли на 3%.', []),
    # a term in quotes, with no cue, is not a quote
    ('Переговоры прошли в "нормандском формате" в Минске.', []),
    # an epithet refers back to the person speaking in context
    ("Путин отметил, что переговоры бывают непростыми. "
     '"Мы научились находить компромиссы", - сказал российский лидер.',
     [("Мы научились находить компромиссы", "Владимир Путин", False)]),
    # a short quote with a cue of its own is speech
    ('"Нет", - ответил Лавров.', [("Нет", "Лавров", False)]),
    # no speaker anywhere
    ('"Мы требуем мира" - такие плакаты несли участники акции.',
     [("Мы требуем мира", None, False)]),
    # цитирует: the object speaks, the agency relays
    ("«Мы против эскалации», — цитирует ТАСС министра обороны Сергея Шойгу.",
     [("Мы против эскалации", "Сергей Шойгу", False)]),
    ('"Переговоры были трудными", - пишет газета "Коммерсант".',
     [("Переговоры были трудными", 'газета "Коммерсант"', False)]),
    # "отмечается" carries over the last named source
    ('В МИД Азербайджана заявили, что "провокации недопустимы". '
     'Отмечается, что "армянская сторона нарушила режим прекращения огня".',
     [("провокации недопустимы", "МИД Азербайджана", True),
      ("армянская сторона нарушила режим прекращения огня", "МИД Азербайджана", True)]),
    # a headline's name and colon
    ('Лавров: "Россия готова к диалогу"', [("Россия готова к диалогу", "Лавров", False)]),
    ('Как отметил Лавров, "Москва открыта для переговоров".',
     [("Москва открыта для переговоров", "Лавров", False)]),
    # the author's words inside a quote split it in two
    ('"Мы готовы к диалогу, - заявил Лавров, - но нужны гарантии".',
     [("Мы готовы к диалогу", "Лавров", False), ("но нужны гарантии", "Лавров", False)]),
    ("«Мы сделали все возможное! - подчеркнул Пашинян. - Теперь слово за Баку».",
     [("Мы сделали все возможное!", "Пашинян", False),
      ("Теперь слово за Баку", "Пашинян", False)]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_quotes_speakers_table(text, expected, resources):
    assert rendered(analysed(text, resources)) == expected


def test_quotes_offsets_and_cues_point_into_text(resources):
    doc = analysed(
        'Об этом сообщила пресс-служба Кремля. "Стороны обсудили ситуацию", '
        "- говорится в сообщении.",
        resources,
    )
    (quote,) = doc.quotes
    assert doc.text[quote.start : quote.stop] == quote.text
    assert doc.text[quote.cue.start : quote.cue.stop] == "говорится в сообщении"
    speaker = quote.speaker
    assert doc.text[speaker.start : speaker.stop] == "пресс-служба Кремля"
    assert quote.sentence == 1
    assert json.loads(json.dumps(quote.to_json()))["speaker"]["normal"] == "пресс-служба Кремля"


def test_quotes_locative_source_reads_as_nominative(resources):
    (quote,) = analysed('"Мы следим за событиями", - подчеркнули в Кремле.', resources).quotes
    assert (quote.speaker.text, quote.speaker.normal) == ("Кремль", "Кремль")


@pytest.mark.parametrize(
    "text, quoted",
    [
        ('"а" и "б"', ["а", "б"]),
        ('«внешняя "внутренняя" внешняя»', ['внешняя "внутренняя" внешняя']),
        ('"внешняя «внутренняя» внешняя"', ["внешняя «внутренняя» внешняя"]),
        ("„русские“ и “английские”", ["русские", "английские"]),
        ('"Он сказал "да"".', ['Он сказал "да"']),
        ('ГСВ "Россия - Исламский мир"', ["Россия - Исламский мир"]),
        ('"не закрыта', []),
        ('рост на 5" дюймов', []),
    ],
)
def test_quotes_marks_outermost_spans(text, quoted):
    spans = quoted_spans(text, Span(0, len(text)))
    assert [text[o + 1 : c] for o, c in spans] == quoted


def test_quotes_speech_lexicon_is_data():
    lexicon = load_speech()
    assert {"заявить", "сообщить", "подчеркнуть", "добавить"} <= lexicon.verbs
    assert {"говориться", "отмечаться"} <= lexicon.impersonal
    assert ("по", "слово") in lexicon.according_to
    extended = SpeechLexicon.from_dict({"verbs": ["прошептать"]})
    assert extended.is_speech("прошептать") and not extended.is_speech("заявить")


def test_quotes_seed_article(shared, resources):
    text = (shared / SEED).read_text(encoding="utf-8")
    expected = json.loads((shared / "seed/expected.json").read_text(encoding="utf-8"))["quotes"]
    doc = run(parse_dump(text), resources)
    assert len(doc.quotes) == len(expected)
    for quote, want in zip(doc.quotes, expected, strict=True):
        assert quote.text.startswith(want["starts"])
        assert quote.speaker.normal in want["speaker_any_of"]
        assert quote.speaker.text in want["speaker_any_of"]
        assert doc.text[quote.start : quote.stop] == quote.text
    assert [q.partial for q in doc.quotes] == [False, True, False, True]
    assert all("Исламский мир" not in q.text for q in doc.quotes)
