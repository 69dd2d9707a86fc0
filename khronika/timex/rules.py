"""Patterns for Russian date expressions, built once from ``data/timex.yaml``.

``scan(text, start, stop)`` finds candidate expressions and parses them into ``Parsed``
records (what was said: a day and month, a weekday, "на прошлой неделе"…); resolving them
into calendar values is ``timex.resolve``'s job. Patterns run only when the words they need
occur in the text, so a sentence without digits or date words costs one ``findall``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

WORD = re.compile(r"\w+")
DIGITS = re.compile(r"\d+")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ROMAN_LOOKALIKES = str.maketrans({"Х": "X", "І": "I"})  # Cyrillic letters typed as Roman
NUM = r"(?<![\w.,/:-])"  # a number starts here: not inside a longer number or word
END = r"(?!\w)"
PREFIX_WINDOW = 30


@dataclass(slots=True)
class Parsed:
    """A date expression as written, before resolution: ``kind`` and its ``fields``."""

    start: int
    stop: int
    kind: str
    fields: dict
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    pattern: re.Pattern
    parse: Callable[[re.Match, Rules], dict | None]
    triggers: frozenset[str] = frozenset()  # one of these words must occur (if any given)
    digits: bool = False  # the text must hold a digit


@dataclass(frozen=True, slots=True)
class Joins:
    """What may stand between two expressions that make one: a range ("с 3 марта по 7
    апреля", "в мае–июне"), or a day and its time ("вчера в 18:45")."""

    range_gap: re.Pattern  # the words between the two ends
    opener: re.Pattern  # "с" right before the first end, needed by "по" and "до"
    clock_gap: re.Pattern  # between a day and a time of day
    place_noun: re.Pattern  # "улице" right before a date: a street name, no date
    article_noun: re.Pattern  # "ст." right before "20.2": a legal article, no date
    year_opener: re.Pattern  # a preposition right before "2020-м" with no year word


@dataclass(frozen=True, slots=True)
class Rules:
    lookup: dict[str, dict[str, object]]  # table name -> lowercase word form -> value
    rules: tuple[Rule, ...] = ()
    joins: Joins | None = None
    phrase_mod: re.Pattern | None = None
    prefix_mod: re.Pattern | None = None
    eve_noun: re.Pattern | None = None
    weekday_before: re.Pattern | None = None  # "Четверг, " or "в среду " right before a date
    data: dict = field(default_factory=dict)

    def value(self, table: str, word: str):
        return self.lookup[table][word.lower()]


def load_rules() -> Rules:
    """The compiled rules (``timex/data/timex.yaml``, through the data loader)."""
    from ..resources import shipped

    return shipped("timex")


def parse_rules(path: Path) -> Rules:
    """Compile the rules of a timex YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lookup = {name: _invert(data[name]) for name in _TABLES}
    base = Rules(lookup=lookup, data=data)
    return Rules(
        lookup=lookup,
        rules=tuple(_build_rules(base)),
        joins=_joins(data),
        phrase_mod=re.compile(
            rf"(?:(?<!\w)[вВ]\s+)?(?P<w>{_alt(_words(data['phrase_mods']))})\s+$"
        ),
        prefix_mod=re.compile(rf"(?<!\w)(?P<w>{_alt(_words(data['prefix_mods']))})\s+$"),
        eve_noun=_eve_pattern(data),
        weekday_before=re.compile(
            rf"(?<!\w)(?:[вВ]о?\s+)?(?P<wd>{_alt(_words(data['weekday_names']))}),?\s+$"),
        data=data,
    )


_TABLES = (
    "months", "weekdays", "weekday_adjectives", "relative_days", "relative_adjectives",
    "relative_units", "span_units", "number_words", "quarter_ordinals", "seasons",
    "season_adjectives", "phrase_mods", "prefix_mods", "day_ordinals", "month_abbreviations",
    "weekday_names", "hour_words", "noon_words", "weekday_genitives", "half_ordinals",
    "vague_weeks", "decade_words", "century_ordinals", "holidays", "movable_holidays",
    "weekday_datives",
)  # fmt: skip


def _invert(table: dict) -> dict[str, object]:
    """{value: [forms]} -> {form: value}; YAML keys that look like numbers become ints."""
    return {_norm(form): key for key, forms in table.items() for form in forms}


def _norm(form) -> str:
    return " ".join(str(form).lower().split())


def _words(table: dict) -> list[str]:
    return [str(form) for forms in table.values() for form in forms]


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of word forms, longest first, each allowed a capital first letter."""
    return "|".join(_word(w) for w in sorted(set(words), key=len, reverse=True))


def _word(word: str) -> str:
    parts = [re.escape(p) for p in word.split()]
    head = parts[0]
    first = word[0]
    if first.lower() != first.upper():
        head = f"[{first.lower()}{first.upper()}]{re.escape(word.split()[0][1:])}"
    return r"\s+".join([head, *parts[1:]])


def _joins(data: dict) -> Joins:
    words = [w for w in data["range_words"] if w.isalpha()]
    dashes = "".join(re.escape(w) for w in data["range_words"] if not w.isalpha())
    return Joins(
        range_gap=re.compile(rf"\s*(?:[{dashes}]|,)\s*|\s+(?:{_alt(words)})\s+"),
        opener=re.compile(rf"(?<!\w)(?:{_alt(data['range_openers'])})\s+$"),
        clock_gap=re.compile(rf"\s*,?\s*(?:(?:{_alt(data['day_part_adverbs'])})\s*,?\s*)?"),
        place_noun=re.compile(rf"(?<!\w)(?:{_alt(data['place_name_nouns'])})\s+$"),
        article_noun=re.compile(rf"(?<!\w)(?:{_alt(data['article_nouns'])})\s+$"),
        year_opener=re.compile(rf"(?<!\w)(?:{_alt(data['bare_year_openers'])})\s+$"),
    )


def _eve_pattern(data: dict) -> re.Pattern:
    nouns = "|".join(sorted(data["eve_noun_endings"], key=len, reverse=True))
    verbs = "|".join(sorted(data["eve_verb_endings"] + data["eve_nominative_endings"],
                            key=len, reverse=True))
    words = "|".join(data["eve_subject_words"])
    return re.compile(rf"\s+(?!(?:{words})\b)(?![а-яё]*(?:{verbs})\b)[а-яё]+(?:{nouns})\b",
                      re.IGNORECASE)


def _group(name: str, words: Iterable[str]) -> str:
    return f"(?P<{name}>{_alt(words)})"


def _year_tail(data: dict, year: str = "y", rel: str = "ry") -> str:
    """What may follow a month or season: "2020 года", "1988 г.", "прошлого года"."""
    yearw = _alt(data["year_words"])
    reladj = _alt(_words(data["relative_adjectives"]))
    return (
        rf"(?:\s+(?P<{year}>\d{{4}})(?:-?(?:м|й|го))?(?:\s*(?:{yearw}){END})?"
        rf"|\s+(?P<{rel}>{reladj})\s+(?:года|году){END})"
    )


def _build_rules(base: Rules) -> list[Rule]:
    """The patterns, most specific first: on equal length the earlier one wins."""
    from . import parse as p

    d = base.data
    months, tail, yearw = _group("mon", _words(d["months"])), _year_tail(d), _alt(d["year_words"])
    units, span_units = _words(d["relative_units"]), _words(d["span_units"])
    quarters, seasons = _group("q", _words(d["quarter_ordinals"])), _words(d["seasons"])
    season_adj = _group("adj", _words(d["season_adjectives"]))
    weekdays, weekday_adj = _words(d["weekdays"]), _group("adj", _words(d["weekday_adjectives"]))
    rel_adj = _group("adj", _words(d["relative_adjectives"]))
    numbers = _alt(_words(d["number_words"]))
    # after a day number a month may be abbreviated: "12 янв.", "4 окт 2019"
    month_words = _words(d["months"]) + _words(d["month_abbreviations"])
    day_months = _group("mon", month_words)
    ordinals = _group("dw", _words(d["day_ordinals"]))
    zones = _alt([*d["clock_zones"], *d["day_parts"]])  # "в 18:45 мск", "в 7:30 утра"
    quantities, parts = _alt(d["numeric_quantity_words"]), _alt(d["day_parts"])
    hours, noon = _group("hw", _words(d["hour_words"])), _group("noon", _words(d["noon_words"]))
    approx = _alt([*d["approx_words"], "в", "во", "к", "до", "после", "с"])
    clock_pre = _alt([*d["approx_words"], "в", "во"])  # "с 10:00 до 18:00" is a range
    days_to = r"(?:\s*[-–—]\s*|\s+(?:по|до|и)\s+)"  # "9-10 ноября", "с 3 по 7 октября"
    genitives, halves = _words(d["weekday_genitives"]), _words(d["half_ordinals"])
    decades, centuries = _words(d["decade_words"]), _words(d["century_ordinals"])
    holidays, vague = _words(d["holidays"]), _words(d["vague_weeks"])
    movable, abbreviations = _words(d["movable_holidays"]), _words(d["month_abbreviations"])
    parts_of_day = _group("pod", d["day_part_adverbs"])
    rules = [
        ("iso", rf"{NUM}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ](?P<h>\d\d):(?P<mi>\d\d)"
         rf"(?::\d\d)?)?(?!\d)", p.numeric, (), True),
        ("numeric", rf"{NUM}(?P<d>\d{{1,2}})(?P<sep>[./])(?P<m>\d{{1,2}})(?P=sep)"
         rf"(?P<y>\d{{4}}|\d\d)(?![\d.]\d)", p.numeric, (), True),
        ("dmy", rf"{NUM}(?P<d>\d{{1,2}})(?:-?го)?(?:(?:,\s*\d{{1,2}}(?:-?го)?)*{days_to}"
         rf"(?P<d2>\d{{1,2}})(?:-?го)?)?\s+"
         rf"{day_months}{tail}?{END}", p.day_month, month_words, True),
        ("dmy_words", rf"(?<!\w){ordinals}\s+{months}{tail}?{END}", p.day_month,
         _words(d["months"]), False),
        ("numeric_dm", rf"{NUM}(?P<d>\d{{1,2}})\.(?P<m>0[1-9]|1[0-2]|[1-9])(?![.,]?\d)"
         rf"(?!\s*(?:{quantities})(?!\w))", p.numeric_day_month, (), True),
        ("year2", rf"{NUM}(?P<y>\d\d)-(?:м|й|го)\s+(?:{yearw}){END}", p.two_digit_year,
         (), True),
        ("year3", rf"{NUM}(?P<y>\d{{3}})(?:-?(?:м|й|го))?\s+(?:{_alt(d['year_nouns'])}{END}"
         rf"|(?P<abbr>г\.))", p.three_digit_year, (), True),
        ("monthday", rf"{NUM}(?P<d>\d{{1,2}})-?го(?:\s+(?P<noun>числа){END})?(?![\w-])",
         p.month_day, (), True),
        ("my_abbr", rf"(?<!\w){_group('mon', abbreviations)}{tail}(?!\d)", p.month_abbreviated,
         abbreviations, False),
        ("bare_year", rf"{NUM}(?P<y>\d{{4}}|\d\d)-(?:м|го)(?!\w)", p.bare_year, (), True),
        ("daytime", rf"(?<!\w)(?P<pre>{approx})\s+(?:(?P<hd>\d{{1,2}})|{hours})"
         rf"(?:\s+(?P<noun>{_alt(d['hour_nouns'])}))?(?:\s+(?P<part>{parts}))?(?!\w)"
         rf"|(?<!\w)(?P<pre2>{approx})\s+{noon}{END}", p.daytime,
         [*d["day_parts"], *d["hour_nouns"], *_words(d["noon_words"])], False),
        ("clock", rf"(?<![\w:.])(?:(?P<pre>{clock_pre})\s+)?(?P<h>\d{{1,2}})(?P<sep>[:.])"
         rf"(?P<mi>\d\d)(?![\d:]|\.\d)(?:\s+(?i:(?P<zone>{zones})){END})?", p.clock, (), False),
        ("my", rf"(?<!\w){months}{tail}?{END}", p.month, _words(d["months"]), False),
        ("decade", rf"{NUM}(?P<y>\d{{3}}0|\d0)-?(?:х|е|ые|ых)(?:\s+(?:{yearw}))?{END}",
         p.decade, (), True),
        ("decade_words", rf"(?<!\w)(?:(?P<pre>{_alt(d['decade_openers'])})\s+)?"
         rf"{_group('dec', decades)}(?:\s+(?P<yw>{yearw}))?{END}", p.decade_words, decades,
         False),
        ("year", rf"{NUM}(?P<y>\d{{4}})(?:(?:\s*[-–—]\s*|\s+(?:по|до|и)\s+)(?P<y2>\d{{4}}|\d\d))?"
         rf"(?:-?(?:м|й|го))?\s*(?:{yearw}){END}", p.year, d["year_words"], True),
        ("century", rf"(?<!\w)(?:(?P<roman>[IVXLCХІ]{{1,6}})\s+(?:{_alt(d['century_words'])})"
         rf"|{NUM}(?P<arab>\d{{1,2}})(?:-?(?:м|й|го))?\s+век[а-я]*"
         rf"|{_group('cw', centuries)}\s+век[а-я]*){END}",
         p.century, _century_triggers(d), False),
        ("quarter", rf"(?<![\w-])(?:(?P<prep>[вВ]о?)\s+)?{quarters}\s+квартал[а-я]*{tail}?{END}",
         p.quarter, ("квартал", "квартала", "квартале"), False),
        ("half", rf"(?<![\w-])(?:(?P<prep>[вВ]о?|[зЗ]а|[пП]о\s+итогам)\s+)?"
         rf"{_group('half', halves)}\s+(?P<noun>{_alt(d['half_nouns'])}){tail}?"
         rf"(?:\s+(?P<yw>года))?{END}", p.half, d["half_nouns"], False),
        ("season", rf"(?<!\w)(?:{season_adj}\s+)?{_group('s', seasons)}{tail}?{END}",
         p.season, seasons, False),
        ("weekday", rf"(?<!\w)(?P<prep>[вВ]о?|[вВ]\s+ночь\s+(?:со?\s+(?:{_alt(genitives)})\s+)?на)"
         rf"\s+(?:{weekday_adj}\s+)?"
         rf"{_group('wd', weekdays)}{END}", p.weekday, weekdays, False),
        ("weekday_edge", rf"(?<!\w)(?P<prep>[сС]о?|[дД]о|[пП]осле|[кК]о?)\s+"
         rf"{_group('wd', genitives + _words(d['weekday_datives']))}{END}", p.weekday_edge,
         genitives + _words(d["weekday_datives"]), False),
        ("weekday_range", rf"(?<!\w)(?P<prep>[сС]о?)\s+{_group('wd', genitives)}\s+(?:по|до)\s+"
         rf"{_group('wd2', weekdays + genitives)}{END}", p.weekday_range, genitives, False),
        ("holiday", rf"(?<!\w)(?:(?P<eve>{_alt(d['holiday_eves'])})\s+)?"
         rf"(?i:{_group('hol', holidays)}){END}", p.holiday, _holiday_triggers(holidays), False),
        ("movable", rf"(?<!\w)(?:(?P<eve>{_alt(d['holiday_eves'])})\s+)?"
         rf"(?i:{_group('hol', movable)}){END}", p.movable, _holiday_triggers(movable), False),
        ("day_part", rf"(?<!\w){parts_of_day}{END}", p.day_part, d["day_part_adverbs"], False),
        ("vague", rf"(?<!\w){_group('vw', vague)}{END}", p.vague,
         _holiday_triggers(vague), False),
        ("relday", rf"(?<!\w){_group('rd', _words(d['relative_days']))}{END}",
         p.relday, _words(d["relative_days"]), False),
        ("relunit", rf"(?<!\w)(?:(?P<prep>[вВ]о?|[нН]а|[зЗ]а)\s+)?{rel_adj}\s+"
         rf"{_group('unit', units)}{END}", p.relunit, _words(d["relative_adjectives"]), False),
        ("weekend", rf"(?<!\w)(?P<prep>[вВ]|[нН]а)\s+выходные{END}",
         p.weekend, ("выходные",), False),
        ("span", rf"(?<!\w)(?:(?P<via>[чЧ]ерез)\s+)?(?:(?P<n>\d{{1,3}}|{numbers})\s+)?"
         rf"{_group('unit', span_units)}(?:\s+(?P<ago>(?:тому\s+)?назад))?{END}",
         p.span, ("назад", "через"), False),
        ("unit_mod", rf"(?<!\w)(?:[вВ]\s+)?(?P<pm>{_alt(_words(d['phrase_mods']))})\s+"
         rf"(?P<unit>года|месяца|недели|квартала){END}", p.unit_mod,
         ("года", "месяца", "недели", "квартала"), False),
    ]  # fmt: skip
    return [
        Rule(kind, re.compile(rx), parse, frozenset(w.lower().rstrip(".") for w in trig), dig)
        for kind, rx, parse, trig, dig in rules
    ]


def _holiday_triggers(phrases: list[str]) -> list[str]:
    """The first word of each phrase: one of them must occur for the rule to run."""
    return [phrase.split()[0] for phrase in phrases]


def _century_triggers(data: dict) -> list[str]:
    """The forms of "век", or a Roman numeral ("XX в.": "в" alone is too common)."""
    numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    numerals += ["x" + n for n in numerals] + ["xx" + n for n in ("", "i", "ii")]
    cyrillic = [n.replace("x", "х").replace("i", "і") for n in numerals]
    return [w for w in data["century_words"] if w != "в."] + numerals + cyrillic


def scan(text: str, start: int = 0, stop: int | None = None) -> list[Parsed]:
    """Every date expression in ``text[start:stop]``: the longest where they overlap."""
    rules = load_rules()
    stop = len(text) if stop is None else stop
    chunk = text[start:stop]
    words = {w.lower() for w in WORD.findall(chunk)}
    if not words:
        return []
    numbers = [m.start() for m in DIGITS.finditer(text, start, stop)]
    found: list[Parsed] = []
    for rule in rules.rules:
        if (rule.digits and not numbers) or (rule.triggers and not rule.triggers & words):
            continue
        matches: Iterable[re.Match[str] | None]
        if rule.digits:  # these patterns start with a number: try them only there
            matches = (rule.pattern.match(text, pos, stop) for pos in numbers)
        else:
            matches = rule.pattern.finditer(text, start, stop)
        found.extend(_parsed(rule, rules, text, start, matches))
    dated = [_weekday_of(p, rules, text, start) for p in found]
    kept = [p for p in _longest(dated) if not _names_a_place(p, rules, text, start)]
    joined = _joined(kept, rules, text, start)
    return [_prefix_mod(p, rules, text, start) for p in joined]


QUOTES = {"«": "»", '"': '"', "“": "”", "„": "“"}


def _names_a_place(p: Parsed, rules: Rules, text: str, lo: int) -> bool:
    """"на улице 8 Марта", "площадь 1905 года": a date that names a street or a factory;
    "ст. 20.2 КоАП": the number of a legal article; "«Первое мая»": a date that is a name
    in quotes."""
    if p.start > 0 and QUOTES.get(text[p.start - 1]) == text[p.stop : p.stop + 1]:
        return True
    if p.kind not in ("ymd", "year"):
        return False
    assert rules.joins is not None  # compiled rules (parse_rules) carry every pattern
    lo = max(lo, p.start - PREFIX_WINDOW)
    if DOTTED.match(text, p.start, p.stop) and rules.joins.article_noun.search(text, lo, p.start):
        return True
    return bool(rules.joins.place_noun.search(text, lo, p.start))


DOTTED = re.compile(r"\d+\.\d")


DAY_KINDS = frozenset({"ymd", "weekday", "relday"})
RANGE_KINDS = frozenset({"ymd", "ym", "year", "weekday", "quarter", "half", "season", "relday"})
RANGE_FIELDS = ("y", "m", "d", "wd", "q", "half", "h", "mi", "season", "rel_year")


def _joined(found: list[Parsed], rules: Rules, text: str, lo: int) -> list[Parsed]:
    """Neighbours that make one expression: a day and its time of day ("вчера в 18:45",
    "15 марта, около восьми вечера"), then the two ends of a range or list."""
    out: list[Parsed] = []
    for p in found:
        if out and _join_century(out[-1], p, text):
            continue
        if out and _join_clock(out[-1], p, rules, text):
            continue
        if out and _join_week(out[-1], p, rules, text):
            continue
        if out and _join_range(out[-1], p, rules, text, lo):
            continue
        out.append(p)
    return out


def _join_clock(prev: Parsed, p: Parsed, rules: Rules, text: str) -> bool:
    """Merge a day and a time of day said next to it (either order) into ``prev``."""
    pair = (prev, p) if _time_of_day(p) else (p, prev)
    day, clock = pair
    if (day.kind not in DAY_KINDS or _time_of_day(day) or "h" in day.fields
            or not _time_of_day(clock) or "end" in day.fields):
        return False
    assert rules.joins is not None  # compiled rules (parse_rules) carry every pattern
    if not rules.joins.clock_gap.fullmatch(text, prev.stop, p.start):
        return False
    prev.fields = {**day.fields, **{k: clock.fields[k] for k in ("h", "mi") if k in clock.fields}}
    if "h" in prev.fields:
        prev.fields["clock"] = True
    prev.kind, prev.mod = day.kind, clock.mod or day.mod
    prev.stop = p.stop
    return True


def _join_century(prev: Parsed, p: Parsed, text: str) -> bool:
    """"в 20-х годах этого века", "в 60-х годах прошлого столетия": the decade of that
    century (a two-digit decade alone is of the 20th)."""
    if prev.kind != "decade" or "short" not in prev.fields or p.kind != "relunit" or (
            p.fields.get("unit") != "century") or text[prev.stop : p.start].strip():
        return False
    prev.fields = {**prev.fields, "century_offset": p.fields["offset"]}
    prev.stop = p.stop
    return True


WEEK_ADJECTIVES = {-1: "previous-week", 0: "this-week", 1: "next-week"}


def _join_week(prev: Parsed, p: Parsed, rules: Rules, text: str) -> bool:
    """"в среду на прошлой неделе", "на следующей неделе во вторник": that week's day."""
    pair = (prev, p) if prev.kind == "weekday" else (p, prev)
    day, week = pair
    if (day.kind != "weekday" or week.kind != "relunit" or week.fields.get("unit") != "week"
            or week.fields.get("offset") not in WEEK_ADJECTIVES or day.fields.get("adj")
            or "end" in day.fields or week.mod):
        return False
    if not re.fullmatch(r"\s*,?\s*", text[prev.stop : p.start]):
        return False
    prev.kind, prev.fields = "weekday", {**day.fields,
                                         "adj": WEEK_ADJECTIVES[week.fields["offset"]]}
    prev.mod, prev.stop = day.mod, p.stop
    return True


def _time_of_day(p: Parsed) -> bool:
    """A clock time, an hour, or a part of the day ("вечером") said without its day."""
    return bool(p.fields.get("clock") or p.fields.get("part"))


def _join_range(prev: Parsed, p: Parsed, rules: Rules, text: str, lo: int) -> bool:
    """Merge "с 28 декабря по 8 января", "в мае–июне 2023 года", "12 мая и 13 мая" into
    ``prev``: its fields are the first end, ``end`` holds what the last one says."""
    if prev.kind != p.kind or prev.kind not in RANGE_KINDS or "end" in prev.fields or (
            "end" in p.fields or prev.mod or bool(prev.fields.get("clock")) != bool(
            p.fields.get("clock"))):
        return False
    assert rules.joins is not None  # compiled rules (parse_rules) carry every pattern
    gap = rules.joins.range_gap.fullmatch(text, prev.stop, p.start)
    if gap is None:
        return False
    word = gap.group().strip().lower()
    if word in ("по", "до") and not rules.joins.opener.search(
            text, max(lo, prev.start - PREFIX_WINDOW), prev.start):
        return False  # "по" and "до" make a range only after "с"
    if word == "и" and ("y" in prev.fields or prev.kind in ("relday", "year")):
        return False  # "9 ноября 2020 года и 11 января 2021 года": two dates
    end = {k: p.fields[k] for k in RANGE_FIELDS if k in p.fields}
    _year_from_end(prev.fields, end)
    prev.fields = {**prev.fields, "range": True, "end": end}
    prev.stop, prev.mod = p.stop, p.mod
    return True


def _year_from_end(first: dict, end: dict) -> None:
    """A year said only at the end dates the first end too: "с 28 декабря по 8 января 2020
    года" starts in 2019."""
    for key in ("y", "rel_year"):
        if key in end and "y" not in first and "rel_year" not in first:
            later = (first.get("m", 0), first.get("d", 0)) > (end.get("m", 0), end.get("d", 0))
            first[key] = end[key] - later


def _weekday_of(p: Parsed, rules: Rules, text: str, lo: int) -> Parsed:
    """A weekday named with a yearless date joins it and picks its year: "Четверг, 22
    апреля" is the 22 April that falls on a Thursday, nearest to publication."""
    if p.kind != "ymd" or "y" in p.fields or "rel_year" in p.fields:
        return p
    assert rules.weekday_before is not None  # compiled rules (parse_rules) carry every pattern
    m = rules.weekday_before.search(text, max(lo, p.start - PREFIX_WINDOW), p.start)
    if m is not None:
        p.fields["weekday"] = rules.value("weekday_names", m["wd"])
        p.start = m.start()
    return p


def _parsed(
    rule: Rule, rules: Rules, text: str, lo: int, matches: Iterable[re.Match[str] | None]
) -> Iterable[Parsed]:
    for m in matches:
        if m is None:
            continue
        fields = rule.parse(m, rules)
        if fields is None:
            continue
        kind, mod = fields.pop("kind", rule.kind), fields.pop("mod", None)
        parsed = Parsed(m.start(), m.end(), kind, fields, mod)
        yield _phrase_mod(parsed, rules, text, lo)


def _longest(found: list[Parsed]) -> list[Parsed]:
    order = {rule.kind: i for i, rule in enumerate(load_rules().rules)}
    ranked = sorted(found, key=lambda p: (p.start - p.stop, order.get(p.kind, 99), p.start))
    kept: list[Parsed] = []
    for p in ranked:
        if all(p.stop <= k.start or p.start >= k.stop for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)


PHRASE_MOD_KINDS = frozenset({"ym", "year", "decade", "century", "quarter", "relunit"})


def _phrase_mod(p: Parsed, rules: Rules, text: str, lo: int) -> Parsed:
    """The mod phrase joins the expression: "в начале марта"."""
    if p.kind not in PHRASE_MOD_KINDS or p.fields.get("prep"):
        return p
    assert rules.phrase_mod is not None  # compiled rules (parse_rules) carry every pattern
    m = rules.phrase_mod.search(text, max(lo, p.start - PREFIX_WINDOW), p.start)
    if m is None:
        return p
    p.mod = rules.value("phrase_mods", " ".join(m["w"].lower().split()))
    p.start = m.start()
    return p


def _prefix_mod(p: Parsed, rules: Rules, text: str, lo: int) -> Parsed:
    """The preposition qualifies the expression from outside its text: "с февраля 1988 года"."""
    if p.mod or p.fields.get("prep") or p.fields.get("range") or p.kind in NO_PREFIX_KINDS:
        return p
    assert rules.prefix_mod is not None  # compiled rules (parse_rules) carry every pattern
    m = rules.prefix_mod.search(text, max(lo, p.start - PREFIX_WINDOW), p.start)
    if m is not None:
        p.mod = rules.value("prefix_mods", " ".join(m["w"].lower().split()))
    return p


NO_PREFIX_KINDS = frozenset({"relday", "span", "weekday", "weekend", "season", "hours",
                             "vague"})


def roman(numeral: str) -> int:
    values = [ROMAN[ch] for ch in numeral.translate(ROMAN_LOOKALIKES).upper()]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))
