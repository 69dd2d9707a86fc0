"""Readers: bytes → Article (encodings, formats, page layout, errors)."""

import itertools
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from khronika import errors
from khronika.read import decode, detect_format, iter_inputs, list_inputs, read_bytes, read_path
from khronika.read.dump import parse_dump
from khronika.records import Article, Failure
from tests.helpers import SAVED_PAGE_ASSETS, write_saved_page

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
READERS = ROOT / "tests" / "fixtures" / "readers"
SEED = "seed/000_898607c687f9b189.txt"
OWN_DUMP = EXAMPLES / "01_lavrov_wang_yi_guilin.txt"

RUSSIAN = (
    "Лавров и Чавушоглу обсудили по телефону ситуацию в Сирии\n\n"
    "Министры иностранных дел России и Турции в среду провели телефонный разговор.\n\n"
    '"Мы договорились продолжить консультации", - заявил Лавров.\n'
)


def texts(article: Article, spans) -> list[str]:
    return [article.text[s.start : s.stop] for s in spans]


def layout_of(article: Article) -> dict:
    """The layout as readable strings, independent of offsets and line endings."""
    return {
        "title": article.title_text,
        "published": article.published,
        "translations": article.translations,
        "paragraphs": [t.replace("\r\n", "\n") for t in texts(article, article.paragraphs)],
        "furniture": texts(article, article.furniture),
        "source_agency": article.source_agency,
        "photo_credit": article.photo_credit,
    }


def read_one(data: bytes, path: str = "test.txt", **options) -> Article:
    (article,) = read_bytes(data, path=path, **options)
    return article


# --- the seed -------------------------------------------------------------------------


def test_readers_seed_gives_expected_article(shared):
    expected = json.loads((shared / "seed/expected.json").read_text("utf-8"))["article"]
    article = read_one((shared / SEED).read_bytes(), path=SEED)
    body = texts(article, article.paragraphs)
    assert article.format == "dump"
    assert article.title_text == expected["title"]
    assert article.published.isoformat() == expected["published"]
    assert article.language == expected["language"]
    assert article.translations == expected["translations"]
    assert len(body) == expected["body_paragraph_count"]
    assert body[0].startswith(expected["body_first_words"])
    assert body[-1].endswith(expected["body_last_words"])
    assert article.source_agency == expected["source_agency"]
    assert article.photo_credit == expected["photo_credit"]
    furniture = texts(article, article.furniture)
    for line in expected["not_body"]:
        assert line in furniture
        assert not any(line in paragraph for paragraph in body)


def test_readers_seed_spans_are_stripped_and_ordered(shared):
    article = read_one((shared / SEED).read_bytes(), path=SEED)
    spans = sorted(article.blocks() + article.furniture, key=lambda s: s.start)
    for span in spans:
        chunk = article.text[span.start : span.stop]
        assert chunk == chunk.strip()
    assert all(a.stop <= b.start for a, b in itertools.pairwise(spans))
    assert article.published_span in article.furniture


# --- page layout ------------------------------------------------------------------------


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def nbsp_blank_lines(text: str) -> str:
    return text.replace("\n\n", "\n\u00a0\n").replace("\n \n", "\n\u00a0 \n")


def old_mac(text: str) -> str:
    return text.replace("\n", "\r")


@pytest.mark.parametrize("variant", [crlf, nbsp_blank_lines, old_mac, str.rstrip])
def test_readers_line_endings_and_blank_lines_keep_layout(variant):
    original = OWN_DUMP.read_text("utf-8")
    expected = layout_of(parse_dump(original))
    assert layout_of(parse_dump(variant(original))) == expected


def test_readers_crlf_seed_keeps_layout(shared):
    original = (shared / SEED).read_bytes().decode("utf-8")
    assert layout_of(parse_dump(crlf(original))) == layout_of(parse_dump(original))


@pytest.mark.parametrize(
    "text",
    [
        "Лавров прибыл в Анкару",
        "Лавров прибыл в Анкару\n",
        "  Министры обсудили ситуацию в Сирии и договорились продолжить контакты.  \r\n",
        "Лавров и Блинкен обсудили по телефону ситуацию вокруг Афганистана",
    ],
)
def test_readers_one_line_is_one_body_paragraph(text):
    article = read_one(text.encode("utf-8"))
    assert article.title is None
    assert texts(article, article.paragraphs) == [text.strip()]
    assert article.format == "text"


@pytest.mark.parametrize("text", [
    "9 апреля 2021\n", "12.03.2021 10:15", "Пятница, 9 апреля 2021", "En Ar",
    "МОСКВА, 12 марта 2021 г.",
])
def test_readers_a_lone_date_line_is_body_text_not_no_article(text):
    article = read_one(text.encode("utf-8"))
    assert texts(article, article.paragraphs) == [text.strip()]
    assert article.furniture == [] and article.title is None
    assert article.published is None and article.published_at is None


def test_readers_dateline_with_a_time_gives_the_publication_time():
    page = "Министры встретились в Женеве\n\n12.03.2021 10:15\n\nВстреча прошла в четверг.\n"
    article = read_one(page.encode("utf-8"))
    assert article.published == date(2021, 3, 12)
    assert article.published_at == datetime(2021, 3, 12, 10, 15)
    page = page.replace("12.03.2021 10:15", "12.03.2021")
    assert read_one(page.encode("utf-8")).published_at is None


def test_readers_jsonl_published_with_a_time_keeps_it():
    line = json.dumps({"text": "Вчера в 18:45 начался митинг.",
                       "published": "2019-08-08T10:15:00+03:00"}, ensure_ascii=False)
    (article,) = read_bytes(line.encode("utf-8"), path="a.jsonl")
    assert article.published == date(2019, 8, 8)
    assert article.published_at == datetime(2019, 8, 8, 10, 15)
    line = json.dumps({"text": "Вчера начался митинг.", "published": "2019-08-08"})
    assert read_bytes(line.encode("utf-8"), path="a.jsonl")[0].published_at is None


def test_readers_html_published_time_from_json_ld_or_meta():
    from khronika.read.html import published_time

    day = date(2021, 4, 9)
    ld = '<script type="application/ld+json">{"datePublished": "2021-04-09T18:45:00+03:00"}'
    meta = '<meta property="article:published_time" content="2021-04-09T07:05:00Z">'
    assert published_time(ld, day) == datetime(2021, 4, 9, 18, 45)
    assert published_time(meta, day) == datetime(2021, 4, 9, 7, 5)
    assert published_time(ld, date(2021, 4, 10)) is None  # another day: not this page's date
    assert published_time('<meta property="article:published_time" content="2021-04-09">',
                          day) is None


def test_readers_plain_text_is_all_body():
    article = read_path(str(READERS / "plain_text.txt"))[0]
    assert article.title is None
    assert article.published is None
    assert article.furniture == []
    assert len(article.paragraphs) == 3
    assert article.format == "text"


@pytest.mark.parametrize(
    ("text", "title", "paragraphs"),
    [
        ("Лавров прибыл в Анкару\n\nПереговоры пройдут в среду.\n", "Лавров прибыл в Анкару", 1),
        ("Лавров прибыл в Анкару.\n\nПереговоры пройдут в среду.\n", None, 2),
        ("Переговоры пройдут в среду.\nЛавров прибыл в Анкару\n", None, 2),
        ("9 апреля 2021\n\nМинистры провели переговоры.\n", None, 1),
        ("En Ar\n\nЗаголовок новости\n\n9.04.2021\n\nТекст.\n", "Заголовок новости", 1),
    ],
)
def test_readers_headline_needs_a_page(text, title, paragraphs):
    article = parse_dump(text)
    assert article.title_text == title
    assert len(article.paragraphs) == paragraphs


def test_readers_hard_wrapped_lines_join_into_one_paragraph():
    text = "Министры обсудили\nситуацию в регионе.\nСледующая фраза начинается с прописной.\n"
    article = parse_dump(text)
    assert texts(article, article.paragraphs) == [
        "Министры обсудили\nситуацию в регионе.",
        "Следующая фраза начинается с прописной.",
    ]


def test_readers_page_without_date_has_no_published():
    article = parse_dump("Ru En\n\nЛавров прибыл в Анкару\n\nПереговоры пройдут в среду.\n")
    assert article.published is None
    assert article.published_span is None
    assert article.title_text == "Лавров прибыл в Анкару"
    assert article.translations == ["en"]


def test_readers_wire_lead_names_the_agency():
    text = "МОСКВА, 3 февраля. /ТАСС/. Россия и США продлили договор.\n\nВторой абзац.\n"
    assert parse_dump(text).source_agency == "ТАСС"


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf_16_le"),
        ("utf-16-be", "utf_16_be"),
        ("cp1251", "cp1251"),
        ("koi8_r", "koi8_r"),
        ("mac_cyrillic", "mac_cyrillic"),
    ],
)
def test_readers_encoding_round_trip(encoding, detected):
    text, found = decode(RUSSIAN.encode(encoding))
    assert text == RUSSIAN
    assert found == detected


SHORT_TEXTS = [
    "Лавров и Ван И провели переговоры в Пекине",
    "Путин и Эрдоган встретились в Сочи",
    "Захарова: ЕС вводит новые санкции",
    "МИД России",
    "Москва",
    "Египет",
]


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "mac_cyrillic"])
@pytest.mark.parametrize("text", SHORT_TEXTS)
def test_readers_short_cyrillic_texts_decode(text, encoding):
    assert decode(text.encode(encoding))[0] == text


def test_readers_crlf_is_kept_by_decoding():
    text = crlf(RUSSIAN)
    assert decode(text.encode("cp1251"))[0] == text


def test_readers_truncated_utf8_character_is_dropped():
    data = RUSSIAN.strip().encode("utf-8") + "ж".encode()[:1]
    assert decode(data) == (RUSSIAN.strip(), "utf-8")


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("07_putin_biden_geneva_cp1251.txt", "cp1251"),
        ("08_putin_xi_video_koi8r.txt", "koi8_r"),
    ],
)
def test_readers_legacy_encoded_examples(name, encoding):
    article = read_path(str(EXAMPLES / name))[0]
    assert article.encoding == encoding
    assert article.title_text.startswith("Путин и ")


def stray_byte_page() -> bytes:
    """A UTF-8 page with one invalid byte in the middle of its body (a bad copy-paste)."""
    page = OWN_DUMP.read_bytes()
    middle = page.index("переговоры".encode())
    return page[:middle] + b"\xff" + page[middle:]


def test_readers_stray_invalid_byte_is_replaced_and_flagged():
    article = read_one(stray_byte_page(), path="page.txt")
    assert article.encoding == "utf-8"
    assert "\ufffdпереговоры" in article.text
    assert article.flags == ["decoded-with-replacement"]
    assert article.title_text.startswith("Лавров")


def test_readers_clean_utf8_is_not_flagged():
    assert read_one(OWN_DUMP.read_bytes(), path="page.txt").flags == []


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_readers_legacy_encoding_with_a_stray_byte_is_still_detected(encoding):
    """A page in cp1251 or KOI8-R fails as UTF-8 on nearly every Russian letter: it is
    never taken for UTF-8 with replacements."""
    text, found = decode(RUSSIAN.encode(encoding))
    assert (text, found) == (RUSSIAN, encoding)
    data = RUSSIAN.encode(encoding)
    assert decode(data[:40] + b"\x98" + data[40:])[1] != "utf-8"


@pytest.mark.parametrize("text", SHORT_TEXTS)
def test_readers_short_legacy_texts_are_not_utf8_with_replacement(text):
    assert decode(text.encode("cp1251"))[1] == "cp1251"


def test_readers_many_invalid_bytes_are_not_replaced():
    """Past the threshold a page is no longer "UTF-8 with a stray byte": encoding
    detection decides, as before (here: no encoding reads it cleanly)."""
    broken = OWN_DUMP.read_bytes().replace(" в ".encode(), b" \xff ")
    try:
        text, encoding = decode(broken)
    except errors.UndecodableInput:
        return
    assert encoding != "utf-8" and "\ufffd" not in text


# --- errors ------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", errors.EmptyInput, "found 0 bytes"),
        (b" \r\n\t\n", errors.EmptyInput, "whitespace only"),
        ("\u00a0\n \n".encode(), errors.EmptyInput, "empty input"),
        (PNG, errors.BinaryInput, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", errors.BinaryInput, "PDF"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", errors.BinaryInput, "GZIP"),
        (b"PK\x03\x04\x14\x00\x00\x00", errors.BinaryInput, "ZIP"),
        (b"text\x00\x01\x02\x03binary" * 10, errors.BinaryInput, "NUL bytes"),
        (bytes(range(1, 256)) * 4, errors.UndecodableInput, "convert the file to UTF-8"),
    ],
)
def test_readers_bad_input_raises_named_error(data, error, message):
    with pytest.raises(error, match=message) as raised:
        read_bytes(data, path="input.bin")
    assert "input.bin" in str(raised.value)
    assert "expected" in str(raised.value)


def test_readers_too_large_names_the_size(tmp_path):
    data = RUSSIAN.encode("utf-8")
    with pytest.raises(errors.TooLarge, match=f"found {len(data):,} bytes"):
        read_bytes(data, path="big.txt", max_bytes=100)
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    with pytest.raises(errors.TooLarge, match="--max-bytes"):
        read_path(str(path), max_bytes=100)


# --- formats -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", None, "html"),
        ("<!-- saved --><html lang='ru'>", "page.txt", "html"),
        ("anything", "page.htm", "html"),
        ('{"text": "Новость"}\n{"text": "Еще"}\n', None, "jsonl"),
        ('{"text": "Новость"}', "feed.ndjson", "jsonl"),
        ("En Ar\n\nЗаголовок\n\n9 апреля 2021\n\nТекст.", "a.txt", "dump"),
        ("Просто текст без разметки.", None, "dump"),
    ],
)
def test_readers_detect_format(text, path, expected):
    assert detect_format(text, path) == expected


def test_readers_html_example_gives_title_date_and_paragraphs():
    article = read_path(str(EXAMPLES / "09_lavrov_blinken_reykjavik.html"))[0]
    body = texts(article, article.paragraphs)
    assert article.format == "html"
    assert article.title_text == "Лавров и Блинкен провели первую встречу в Рейкьявике"
    assert article.published == date(2021, 5, 20)
    assert article.site == "Вестник дипломатии"
    assert article.source_agency == "ТАСС"
    assert len(body) == 5
    assert body[0].startswith("Министр иностранных дел России Сергей Лавров")
    assert article.text == "\n\n".join([article.title_text, *body, "По материалам ТАСС"])
    for unwanted in ("Курс валют", "Все права защищены", "Политика", "По материалам"):
        assert not any(unwanted in paragraph for paragraph in body)


def test_readers_html_credits_move_to_furniture():
    article = read_path(str(EXAMPLES / "10_eu_sanctions_navalny.html"))[0]
    assert article.photo_credit == "пресс-служба Совета ЕС"
    assert article.source_agency == "РИА Новости"
    assert texts(article, article.furniture) == [
        "Фото: пресс-служба Совета ЕС",
        "Источник: РИА Новости",
    ]


def test_readers_html_without_article_raises_no_article():
    with pytest.raises(errors.NoArticle, match="no article"):
        read_path(str(READERS / "no_article.html"))


def test_readers_html_without_date_has_no_published():
    article = read_path(str(READERS / "no_date.html"))[0]
    assert article.published is None
    assert article.title_text == "Министры обсудили подготовку саммита"
    assert len(article.paragraphs) == 3


def test_readers_jsonl_bad_line_keeps_the_others():
    path = str(READERS / "bad_line.jsonl")
    first, bad, third = read_path(path)
    assert isinstance(bad, Failure)
    assert bad.kind == "BadRecord"
    assert bad.path == f"{path}#L2"
    assert "invalid JSON" in bad.reason
    assert first.path == f"{path}#L1"
    assert first.title_text == "Лавров провел переговоры с Шойгу"
    assert first.published == date(2021, 4, 9)
    assert texts(first, first.paragraphs)[1].startswith("Второй абзац")
    assert third.title is None
    assert third.published is None
    assert third.text.startswith("Новость без заголовка")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"title": "Без текста"}', 'field "text"'),
        ('["text"]', "expected a JSON object"),
        ('{"text": "Текст.", "published": "9 апреля"}', "ISO date"),
        ('{"text": "Текст.", "title": 5}', 'field "title"'),
        ('{"text": "   "}', "empty text"),
    ],
)
def test_readers_jsonl_bad_records_are_failures(line, message):
    good = '{"text": "Хорошая запись.", "published": "2021-04-09T10:00:00Z"}'
    good_article, failure = read_bytes(f"{good}\n{line}\n".encode(), path="feed.jsonl")
    assert good_article.published == date(2021, 4, 9)
    assert isinstance(failure, Failure)
    assert message in failure.reason
    assert failure.path == "feed.jsonl#L2"


# --- inputs and examples -----------------------------------------------------------------


def test_readers_iter_inputs_walks_sorted_and_skips_hidden(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden.txt", "sub/c.html", ".git/config"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in iter_inputs([str(tmp_path)])]
    assert found == ["a.txt", "b.txt", "sub/c.html"]
    assert list(iter_inputs(["-", "missing.txt"])) == ["-", "missing.txt"]


HTML_EXAMPLE = EXAMPLES / "09_lavrov_blinken_reykjavik.html"


def test_readers_saved_page_folder_skips_its_assets(tmp_path):
    """page.html is read; page_files/ (scripts, styles, images, fonts, a manifest, an
    image saved with no extension) is skipped by type and counted, never read."""
    write_saved_page(tmp_path, HTML_EXAMPLE.read_bytes())
    inputs = list_inputs([str(tmp_path)])
    assert inputs.paths == [str(tmp_path / "page.html")]
    assert sum(inputs.skipped.values()) == len(SAVED_PAGE_ASSETS)
    assert inputs.skipped == {".js": 2, ".css": 1, "images": 6, "fonts": 1, ".json": 1}
    assert inputs.skipped_note() == (
        "11 files skipped (not articles: images, .js, .css, fonts, .json)")
    assert list(iter_inputs([str(tmp_path)])) == inputs.paths


def test_readers_files_named_explicitly_are_skipped_by_detected_type(tmp_path):
    """`khronika ingest page.html page_files/*`: each asset is named, and each is told by
    its type: the extension, or the first bytes of an image or font whatever the name."""
    write_saved_page(tmp_path, HTML_EXAMPLE.read_bytes())
    assets = sorted(str(p) for p in (tmp_path / "page_files").iterdir())
    (tmp_path / "photo.txt").write_bytes(SAVED_PAGE_ASSETS["photo.jpg"])
    inputs = list_inputs([str(tmp_path / "page.html"), *assets, str(tmp_path / "photo.txt")])
    assert inputs.paths == [str(tmp_path / "page.html")]
    assert sum(inputs.skipped.values()) == len(assets) + 1


def test_readers_json_lines_named_json_are_not_skipped(tmp_path):
    feed = tmp_path / "feed.json"
    feed.write_text('{"title": "Новость", "text": "Текст новости."}\n', "utf-8")
    inputs = list_inputs([str(tmp_path)])
    assert inputs.paths == [str(feed)] and not inputs.skipped
    assert inputs.skipped_note() is None
    assert read_path(str(feed))[0].title_text == "Новость"


def test_readers_binary_file_of_another_kind_is_still_a_failure(tmp_path):
    """Only what a saved page brings along is skipped: a PDF is read and fails."""
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert list_inputs([str(tmp_path)]).paths == [str(tmp_path / "report.pdf")]


EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if not p.name.startswith("."))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_readers_every_example_reads(path):
    articles = read_path(str(path))
    assert articles
    for article in articles:
        assert isinstance(article, Article), article
        assert article.title_text
        assert article.published is not None
        assert len(article.paragraphs) >= 3
        for span in article.paragraphs:
            paragraph = article.text[span.start : span.stop]
            assert paragraph == paragraph.strip() and paragraph


def test_readers_examples_cover_every_format():
    formats = {a.format for p in EXAMPLE_FILES for a in read_path(str(p))}
    assert formats == {"dump", "html", "jsonl"}
    assert len(EXAMPLE_FILES) >= 12


def test_readers_html_photo_caption_inside_body_is_furniture():
    paragraphs = [
        f"<p>Министры двух стран провели {n} раунд переговоров и обсудили сотрудничество.</p>"
        for n in ("первый", "второй", "третий")
    ]
    html = (
        "<html><head><title>Министры провели переговоры</title></head><body><article>"
        f"<h1>Министры провели переговоры</h1>{paragraphs[0]}<p>Фото: пресс-служба МИД</p>"
        f"{paragraphs[1]}{paragraphs[2]}</article></body></html>"
    )
    article = read_one(html.encode("utf-8"), path="page.html")
    assert texts(article, article.furniture) == ["Фото: пресс-служба МИД"]
    assert article.photo_credit == "пресс-служба МИД"
    assert len(article.paragraphs) == 3


def test_readers_photo_credit_under_the_headline():
    text = "Заголовок новости о встрече\n\nФото: МИД России\n\n9.04.2021\n\nТекст новости.\n"
    article = parse_dump(text)
    assert article.title_text == "Заголовок новости о встрече"
    assert article.photo_credit == "МИД России"
    assert article.published == date(2021, 4, 9)
