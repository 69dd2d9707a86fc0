"""The knowledge base: data files, dated roles, lookups, labels."""

from datetime import date

import pytest

from khronika.kb.codes import code_on
from khronika.kb.labels import make_labels, transliterate
from khronika.kb.load import KBDataError, load_kb
from khronika.kb.lookup import kb_stats, lookup
from khronika.kb.model import parse_when


def _top(kb, text, when):
    hits = lookup(kb, text, date.fromisoformat(when))
    return hits[0].entity.id if hits else None


def test_kb_load_covers_every_un_state_and_the_disputed_ones(kb):
    stats = kb_stats(kb)
    assert stats["countries"]["member"] == 193
    assert stats["countries"]["observer"] == 2
    for code in ("NKR", "ABK", "OST", "PMR", "KSV", "NCY", "TWN", "ESH", "PSE"):
        assert kb.country(code) is not None, code


def test_kb_load_every_entity_has_ru_and_en_and_countries_have_ar(kb):
    for entity in list(kb.entities.values()):
        labels = kb.labels(entity)
        assert labels.ru and labels.en and labels.ar, entity.id
        if entity.kind == "country":
            assert "ar" not in labels.fallback, entity.id


def test_kb_load_ids_are_unique_and_bad_records_name_their_file(tmp_path, monkeypatch):
    import khronika.kb.load as load

    data = tmp_path / "data"
    (data / "people").mkdir(parents=True)
    for path in load.DATA.glob("*.yaml"):
        (data / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (data / "people" / "bad.yaml").write_text(
        "- {id: person:x, name: Икс Игрек, roles: [{role: emperor, country: RUS}]}\n",
        encoding="utf-8")
    monkeypatch.setattr(load, "DATA", data)
    with pytest.raises(KBDataError, match=r"bad\.yaml.*unknown role 'emperor'.*head_of_state"):
        load_kb()


@pytest.mark.parametrize("missing", ["roles.yaml", "countries.yaml", "people"])
def test_kb_a_missing_shipped_file_is_a_named_error(tmp_path, monkeypatch, missing):
    import shutil

    import khronika.kb.load as load
    from khronika.errors import MissingDataFile

    data = tmp_path / "data"
    shutil.copytree(load.DATA, data)
    target = data / missing
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    monkeypatch.setattr(load, "DATA", data)
    with pytest.raises(MissingDataFile, match=missing):
        load_kb()


@pytest.mark.parametrize(("text", "when", "expected"), [
    ("президент России", "2005-06-01", "person:vladimir-putin"),
    ("президент России", "2010-06-01", "person:dmitry-medvedev"),
    ("президент России", "2013-06-01", "person:vladimir-putin"),
    ("премьер-министр России", "2010-06-01", "person:vladimir-putin"),
    ("премьер-министр России", "2013-06-01", "person:dmitry-medvedev"),
    ("президент Азербайджана", "2002-06-01", "person:heydar-aliyev"),
    ("президент Азербайджана", "2004-06-01", "person:ilham-aliyev"),
    ("премьер-министр Армении", "2017-06-01", "person:karen-karapetyan"),
    ("премьер-министр Армении", "2019-06-01", "person:nikol-pashinyan"),
    ("президент Армении", "2010-06-01", "person:serzh-sargsyan"),
    ("президент Армении", "2019-06-01", "person:armen-sarkissian"),
    ("глава МИД России", "2010-06-01", "person:sergey-lavrov"),
    ("российский президент", "2021-04-08", "person:vladimir-putin"),
    ("Пашиняна", "2021-04-08", "person:nikol-pashinyan"),
    ("Азербайджанской Республики", "2021-04-08", "country:AZE"),
])
def test_kb_lookup_resolves_roles_on_the_date(kb, text, when, expected):
    assert _top(kb, text, when) == expected


@pytest.mark.parametrize(("text", "when", "expected"), [
    ("председатель Госдумы", "2015-06-01", "person:sergey-naryshkin"),
    ("председатель Госдумы", "2020-06-01", "person:vyacheslav-volodin"),
    ("спикер Совфеда", "2005-06-01", "person:sergey-mironov"),
    ("председатель Верховной рады", "2018-06-01", "person:andriy-parubiy"),
    ("председатель Верховного суда России", "2024-06-01", "person:irina-podnosova"),
    ("председатель Верховного суда России", "2025-10-01", "person:igor-krasnov"),
    ("председатель Конституционного суда Германии", "2015-06-01", "person:andreas-vosskuhle"),
    ("председатель ЦБ", "2010-06-01", "person:sergey-ignatyev"),
    ("председатель ЦБ", "2015-06-01", "person:elvira-nabiullina"),
    ("глава ФРС", "2010-06-01", "person:ben-bernanke"),
    ("глава НБУ", "2015-06-01", "person:valeria-gontareva"),
    ("глава ЕЦБ", "2015-06-01", "person:mario-draghi"),
    ("председатель Европарламента", "2020-06-01", "person:david-sassoli"),
])
def test_kb_heads_of_parliaments_courts_and_central_banks_on_the_date(kb, text, when, expected):
    assert _top(kb, text, when) == expected

@pytest.mark.parametrize(("text", "when", "expected"), [
    ("председатель Рийгикогу", "2016-06-01", "person:eiki-nestor"),
    ("председатель Рийгикогу", "2022-06-01", "person:juri-ratas"),
    ("председатель парламента Молдавии", "2018-06-01", "person:andrian-candu"),
    ("председатель парламента Молдавии", "2007-06-01", "person:marian-lupu"),
    ("председатель Сейма Литвы", "2011-06-01", "person:irena-degutiene"),
    ("председатель Маджлиси милли", "2010-06-01", "person:mahmadsaid-ubaydulloyev"),
    ("председатель Национального собрания Армении", "2010-06-01", "person:hovik-abrahamyan"),
    ("глава Банка Латвии", "2010-06-01", "person:ilmars-rimsevics"),
    ("председатель Центробанка Армении", "2005-06-01", "person:tigran-sargsyan"),
    ("председатель Конституционного суда Армении", "2010-06-01", "person:gagik-harutyunyan"),
    ("глава Банка Японии", "2015-06-01", "person:haruhiko-kuroda"),
    ("глава Банка Канады", "2016-06-01", "person:stephen-poloz"),
    ("председатель палаты депутатов Италии", "2015-06-01", "person:laura-boldrini"),
    ("председатель Верховного суда Индии", "2019-06-01", "person:ranjan-gogoi"),
    ("председатель Центробанка Бразилии", "2020-06-01", "person:roberto-campos-neto"),
    ("спикер Национального собрания Южной Кореи", "2019-06-01", "person:moon-hee-sang"),
    ("спикер кнессета", "2016-06-01", "person:yuli-edelstein"),
    ("спикер кнессета", "2011-06-01", "person:reuven-rivlin"),
    ("спикер иранского парламента", "2015-06-01", "person:ali-larijani"),
    ("глава судебной власти Ирана", "2020-06-01", "person:ebrahim-raisi"),
    ("председатель Палаты представителей Ливии", "2020-06-01", "person:aguila-saleh"),
    ("глава Банка Израиля", "2010-06-01", "person:stanley-fischer"),
])
def test_kb_more_speakers_court_heads_and_governors_on_the_date(kb, text, when,
                                                                expected):
    assert _top(kb, text, when) == expected


@pytest.mark.parametrize(("text", "when", "expected"), [
    ("премьер-министр Японии", "2015-06-01", "person:shinzo-abe"),
    ("премьер-министр Японии", "2022-06-01", "person:fumio-kishida"),
    ("глава МИД Японии", "2015-06-01", "person:fumio-kishida"),
    ("глава МИД Японии", "2005-06-01", "person:nobutaka-machimura"),  # a speaker too
    ("президент Южной Кореи", "2019-06-01", "person:moon-jae-in"),
    ("премьер-министр Южной Кореи", "2020-06-01", "person:chung-sye-kyun"),
    ("президент Мексики", "2020-06-01", "person:andres-manuel-lopez-obrador"),
    ("президент Индонезии", "2020-06-01", "person:joko-widodo"),
    ("премьер-министр Австралии", "2020-06-01", "person:scott-morrison"),
    ("президент ЮАР", "2020-06-01", "person:cyril-ramaphosa"),
    ("президент Италии", "2020-06-01", "person:sergio-mattarella"),
    ("премьер-министр Италии", "2010-06-01", "person:silvio-berlusconi"),
    ("президент Аргентины", "2010-06-01", "person:cristina-fernandez-de-kirchner"),
    ("премьер-министр Канады", "2010-06-01", "person:stephen-harper"),
    ("президент Индии", "2020-06-01", "person:ram-nath-kovind"),
    ("министр иностранных дел Бразилии", "2010-06-01", "person:celso-amorim"),
    ("Кисида", "2022-06-01", "person:fumio-kishida"),
    ("Лопес Обрадор", "2020-06-01", "person:andres-manuel-lopez-obrador"),
    ("Рамафоса", "2020-06-01", "person:cyril-ramaphosa"),
])
def test_kb_g20_leaders_on_the_date(kb, text, when, expected):
    assert _top(kb, text, when) == expected


@pytest.mark.parametrize(("person", "when", "code"), [
    ("person:naruhito", "2020-06-01", "JPNGOV"),
    ("person:han-duck-soo", "2008-06-01", "KORELI"),  # between his two terms as PM
    ("person:choi-sang-mok", "2025-01-10", "KORGOV"),  # acting president
    ("person:moon-jae-in", "2023-06-01", "KORELI"),
])
def test_kb_g20_codes_on_the_date(kb, person, when, code):
    assert code_on(kb, kb.get(person), date.fromisoformat(when)) == code


@pytest.mark.parametrize(("person", "when", "code"), [
    ("person:vladimir-putin", "2021-04-08", "RUSGOV"),
    ("person:ilham-aliyev", "2021-04-08", "AZEGOV"),
    ("person:nikol-pashinyan", "2021-04-08", "ARMGOV"),
    ("person:nikol-pashinyan", "2016-01-01", None),  # before any post the KB knows
    ("person:serzh-sargsyan", "2019-01-01", "ARMELI"),  # out of office: an elite
])
def test_kb_code_on_date(kb, person, when, code):
    assert code_on(kb, kb.get(person), date.fromisoformat(when)) == code


def test_kb_labels_fallback_is_marked_never_empty():
    labels = make_labels("Иван Сидорчук", {})
    assert labels.en == "Ivan Sidorchuk" and labels.ar == "Ivan Sidorchuk"
    assert labels.fallback == ["en", "ar"]
    assert labels.shown("ar").endswith("[translit]")
    assert transliterate("Щёкино") == "Shchyokino"


@pytest.mark.parametrize(("text", "end", "expected"), [
    ("2003-10-31", False, date(2003, 10, 31)),
    ("2003-10", False, date(2003, 10, 1)),
    ("2003-02", True, date(2003, 2, 28)),
    ("2003", True, date(2003, 12, 31)),
    (None, True, None),
])
def test_kb_parse_when_partial_dates(text, end, expected):
    assert parse_when(text, end=end) == expected


def test_kb_institution_named_with_the_country_adjective(kb):
    assert kb.institution("peacekeepers", kb.country("RUS")).name == "Российские миротворцы"
    assert kb.institution("government", kb.country("ARM")).name == "Армянское правительство"


@pytest.mark.parametrize(("text", "when", "expected"), [
    ("директор ФСБ", "2005-06-01", "person:nikolai-patrushev"),
    ("директор ФСБ", "2020-06-01", "person:alexander-bortnikov"),
    ("глава внешней разведки России", "2010-06-01", "person:mikhail-fradkov"),
    ("директор СВР", "2019-06-01", "person:sergey-naryshkin"),
    ("директор ЦРУ", "2014-06-01", "person:john-brennan"),
    ("директор ФБР", "2015-06-01", "person:james-comey"),
    ("глава СБУ", "2016-06-01", "person:vasyl-hrytsak"),
    ("председатель КГБ Беларуси", "2015-06-01", "person:valery-vakulchik"),
    ("глава турецкой разведки", "2012-06-01", "person:hakan-fidan"),
    ("глава Моссада", "2012-06-01", "person:tamir-pardo"),
    ("мэр Москвы", "2008-06-01", "person:yuri-luzhkov"),
    ("мэр Москвы", "2015-06-01", "person:sergey-sobyanin"),
    ("мэр Лондона", "2010-06-01", "person:boris-johnson"),
    ("мэр Киева", "2020-06-01", "person:vitali-klitschko"),
])
def test_kb_lookup_security_heads_and_mayors_on_the_date(kb, text, when, expected):
    assert _top(kb, text, when) == expected


@pytest.mark.parametrize(("person", "when", "code"), [
    ("person:alexander-bortnikov", "2020-06-01", "RUSSPY"),  # security_service_head
    ("person:sergey-naryshkin", "2014-06-01", "RUSLEG"),  # still the Duma's chairman
    ("person:sergey-naryshkin", "2019-06-01", "RUSSPY"),  # intelligence_head
    ("person:sergey-sobyanin", "2015-06-01", "RUSGOV"),  # mayor_of_capital
    ("person:sergey-kislyak", "2015-06-01", "RUSGOV"),  # посол России в США
])
def test_kb_code_of_security_mayor_and_envoy_posts(kb, person, when, code):
    assert code_on(kb, kb.get(person), date.fromisoformat(when)) == code


def test_kb_envoy_titles_name_both_countries_and_each_variant_holds_the_same_dates(kb):
    kislyak = kb.get("person:sergey-kislyak")
    titles = {r.title: (r.start, r.end) for r in kislyak.roles}
    assert titles["посол России в США"] == titles["посол РФ в США"]
    assert {r.role for r in kb.get("person:dan-coats").roles} == {"other"}  # DNI, not the CIA


TEST_PEOPLE = """
- {id: person:test-tbilisi-mayor, name: Гиви Тестадзе, aliases: [Тестадзе], gender: m,
   labels: {en: Givi Testadze, ar: Givi Testadze},
   roles: [{role: mayor_of_capital, country: GEO, start: 2017-11-13, end: null}]}
"""


@pytest.fixture(scope="module")
def test_kb(tmp_path_factory, resources):
    """The shipped KB plus a made-up holder of a post it has nobody for (Tbilisi's mayor)."""
    import shutil

    import khronika.kb.load as load

    data = tmp_path_factory.mktemp("kb") / "data"
    shutil.copytree(load.DATA, data)
    (data / "people" / "zz_test.yaml").write_text(TEST_PEOPLE, encoding="utf-8")
    patch = pytest.MonkeyPatch()
    patch.setattr(load, "DATA", data)
    try:
        yield load_kb(resources.morph_vocab)
    finally:
        patch.undo()


@pytest.mark.parametrize(("text", "expected"), [
    ("председатель Госдумы", "person:vyacheslav-volodin"),  # the country in the phrase
    ("председателя Государственной думы", "person:vyacheslav-volodin"),
    ("спикер парламента Армении", "person:alen-simonyan"),  # a country after it
    ("армянский спикер парламента", "person:alen-simonyan"),  # an adjective before
    ("мэр Тбилиси", "person:test-tbilisi-mayor"),
    ("глава ЦБ", "person:elvira-nabiullina"),
    ("председатель Центробанка России", "person:elvira-nabiullina"),
])
def test_kb_new_posts_resolve_from_their_phrases(test_kb, text, expected):
    assert _top(test_kb, text, "2022-01-10") == expected


def test_kb_new_posts_codes(test_kb):
    speaker, mayor = test_kb.get("person:vyacheslav-volodin"), test_kb.get(
        "person:test-tbilisi-mayor")
    assert code_on(test_kb, speaker, date(2022, 1, 10)) == "RUSLEG"
    assert code_on(test_kb, mayor, date(2022, 1, 10)) == "GEOGOV"


def test_kb_mayor_of_the_capital_takes_the_country_of_the_sentence(test_kb, resources):
    from dataclasses import replace

    from khronika.pipeline import analyze_text

    doc = analyze_text("В Тбилиси мэр столицы открыл новый мост.", published="2022-01-10",
                       resources=replace(resources, kb=test_kb))
    (mayor,) = [m for m in doc.mentions if m.source == "role"]
    assert (mayor.kb_id, mayor.code) == ("person:test-tbilisi-mayor", "GEOGOV")


@pytest.mark.parametrize(("when", "code", "flags"), [
    (None, "RUS", ("undated",)),  # no date: no post can be said to be held
    ("2021-04-08", "RUSGOV", ()),
])
def test_kb_dated_code_flags_undated_texts(kb, when, code, flags):
    from khronika.kb.codes import dated_code

    got = dated_code(kb, kb.get("person:vladimir-putin"),
                     date.fromisoformat(when) if when else None)
    assert (got.code, got.flags) == (code, flags)


def test_kb_same_as_qids_are_loaded_and_merge_imports(kb):
    """``same_as``: other Wikidata items for the same thing (Facebook beside Meta); an
    imported record with one of them enriches the entity instead of making a second one."""
    from khronika.kb.base import KB
    from khronika.kb.imported import merge_records
    from khronika.kb.model import Entity

    assert "Q355" in kb.get("org:USA-meta").same_as
    small = KB(morph=kb.morph)
    small.add(Entity(id="country:VAT", kind="country", name="Ватикан", qid="Q237",
                     same_as=["Q159583"]))
    merge_records(small, [{"kind": "country", "qid": "Q159583", "name": "Святой Престол",
                           "aliases": ["Святой Престол"]}])
    assert list(small.entities) == ["country:VAT"]
    assert "Святой Престол" in small.get("country:VAT").aliases
