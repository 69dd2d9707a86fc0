"""Match -> fields: what a date expression says, checked for sense (None rejects it).

Each function takes a regex match of one rule in ``timex.rules`` and returns the fields
that ``timex.resolve`` needs, with ``kind`` when it differs from the rule's name.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from typing import Any

from .rules import Rules, roman

YEARS = range(1000, 2101)
SINGULAR_SPANS = frozenset({"день", "сутки", "неделю", "месяц", "полгода", "год", "час",
                            "полчаса", "минуту"})


def _valid_day(year: int | None, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= monthrange(year or 2000, month)[1]


def _year(m: re.Match, rules: Rules) -> dict:
    """The year part that may follow a month, season or quarter."""
    if m["y"]:
        return {"y": int(m["y"])} if int(m["y"]) in YEARS else {"bad": True}
    if m["ry"]:
        return {"rel_year": rules.value("relative_adjectives", m["ry"])}
    return {}


def numeric(m: re.Match, rules: Rules) -> dict | None:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if len(m["y"]) == 2:
        year += 2000 if year <= 50 else 1900
    if year not in YEARS or not _valid_day(year, month, day):
        return None
    fields = {"kind": "ymd", "y": year, "m": month, "d": day}
    if m.re.groupindex.get("h") and m["h"] and _valid_time(int(m["h"]), int(m["mi"])):
        fields.update(h=int(m["h"]), mi=int(m["mi"]))  # "2021-04-09T10:15"
    return fields


def _valid_time(hour: int, minute: int) -> bool:
    return 0 <= hour <= 23 and 0 <= minute <= 59


def _month_number(rules: Rules, word: str) -> int:
    """A month by its name or its abbreviation ("января", "янв.")."""
    key = word.lower()
    table = "months" if key in rules.lookup["months"] else "month_abbreviations"
    return int(rules.value(table, key))


def _day_number(m: re.Match) -> int | None:
    return int(m["d"]) if m.re.groupindex.get("d") and m["d"] else None


def day_month(m: re.Match, rules: Rules) -> dict | None:
    """"9 ноября 2020 года", "12 янв.", "двадцать второго апреля" (a day in words)."""
    day = _day_number(m)
    if day is None:
        day = int(rules.value("day_ordinals", " ".join(m["dw"].lower().split())))
    fields: dict[str, Any] = {"kind": "ymd", "m": _month_number(rules, m["mon"]), "d": day}
    fields.update(_year(m, rules))
    if fields.pop("bad", False) or not _valid_day(fields.get("y"), fields["m"], fields["d"]):
        return None
    if m.re.groupindex.get("d2") and m["d2"]:
        if not (fields["d"] < int(m["d2"]) and _valid_day(fields.get("y"), fields["m"],
                                                          int(m["d2"]))):
            return None  # "с 1 по 31 июня" names no range
        fields["range"] = True
        fields["end"] = {"d": int(m["d2"])}  # "с 3 по 7 октября": both ends
    return fields


def numeric_day_month(m: re.Match, rules: Rules) -> dict | None:
    """"09.04", "с 15.01": a day and a two-digit month, the year left to the tense."""
    month, day = int(m["m"]), int(m["d"])
    if len(m["d"]) == 1 and not m["m"].startswith("0"):
        return None  # "2.10": a version or a decimal more often than 2 October
    return {"kind": "ymd", "m": month, "d": day} if _valid_day(None, month, day) else None


def two_digit_year(m: re.Match, rules: Rules) -> dict:
    """"в 95-м году", "с 14-го года": the nearest plausible century."""
    short = int(m["y"])
    return {"kind": "year", "y": short + (2000 if short <= rules.data["two_digit_year_pivot"]
                                          else 1900), "range": False}


def three_digit_year(m: re.Match, rules: Rules) -> dict | None:
    """"в 988 году", "в 862 г.": a year before 1000 ("г." only after a preposition: "500 г"
    is grams)."""
    if m["abbr"] and not _after_opener(m, rules):
        return None
    return {"kind": "year", "y": int(m["y"]), "range": False}


def _after_opener(m: re.Match, rules: Rules) -> bool:
    """A preposition right before the match: "в 2020-м", "в 862 г."."""
    assert rules.joins is not None  # compiled rules (parse_rules) carry every pattern
    return bool(rules.joins.year_opener.search(m.string[max(0, m.start() - 8) : m.start()]))


def month_day(m: re.Match, rules: Rules) -> dict | None:
    """"15-го числа", "пройти 28-го": a day of this month or a neighbouring one (the
    tense decides); with no "числа" only where no word follows ("в 5-м классе")."""
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    if not m["noun"] and re.match(r"\s+[а-яёА-ЯЁ]", m.string[m.end() :]):
        return None
    return {"kind": "monthday", "d": day}


def month_abbreviated(m: re.Match, rules: Rules) -> dict | None:
    """"в сент. 2020 г.", "в янв. прошлого года": an abbreviated month, read only before a
    year."""
    fields = {"kind": "ym", "m": int(rules.value("month_abbreviations", m["mon"]))}
    fields.update(_year(m, rules))
    return None if fields.pop("bad", False) else fields


def bare_year(m: re.Match, rules: Rules) -> dict | None:
    """"в 2020-м турнир отменили", "выигрывал кубок в 99-м.": a year with its ending and no
    year word, after a preposition; a two-digit one only where no noun follows."""
    if not _after_opener(m, rules):
        return None
    short = int(m["y"])
    if len(m["y"]) == 4:
        return {"kind": "year", "y": short, "range": False} if short in YEARS else None
    if re.match(r"\s+[а-яё]", m.string[m.end() :]) or m.group().endswith("го"):
        return None  # "в 5-м классе", "в 10-м туре"; "с 15-го" is a day
    return two_digit_year(m, rules)


def _approx(words: str | None, rules: Rules) -> str | None:
    """mod "approx" when the time is said to be about ("около восьми вечера")."""
    if words and " ".join(words.lower().split()) in rules.data["approx_words"]:
        return "approx"
    return None


def daytime(m: re.Match, rules: Rules) -> dict | None:
    """"около восьми вечера", "в 7 утра", "в 18 часов", "в полдень": that hour."""
    if m["noon"]:
        hour = int(rules.value("noon_words", m["noon"]))
        return _time(hour, None, _approx(m["pre2"], rules))
    if not (m["noun"] or m["part"]):
        return None  # "в 2 раза": no hour
    hour = int(m["hd"]) if m["hd"] else int(rules.value("hour_words", m["hw"]))
    if m["part"]:
        lo, hi = rules.data["day_parts"][m["part"].lower()]
        hour = hour % 12 if hour == 12 and lo == 0 else hour
        if not lo <= hour <= hi and lo <= hour + 12 <= hi:
            hour += 12  # "восемь вечера" is 20
    if not 0 <= hour <= 23:
        return None
    return _time(hour, None, _approx(m["pre"], rules))


def _time(hour: int, minute: int | None, mod: str | None) -> dict:
    """A time of day: the publication day (or the day named with it) at that hour."""
    fields: dict[str, Any] = {"kind": "relday", "days": 0, "h": hour, "clock": True}
    if minute is not None:
        fields["mi"] = minute
    if mod:
        fields["mod"] = mod
    return fields


def clock(m: re.Match, rules: Rules) -> dict | None:
    """"в 18:45 мск", "около 10.30": a time of day; with a dot only after a preposition
    and when it cannot be a day and a month ("в 18.00", "в 10.45 по Москве")."""
    hour, minute = int(m["h"]), int(m["mi"])
    if not _valid_time(hour, minute):
        return None
    if m["sep"] == "." and not (m["pre"] and (minute == 0 or minute > 12 or hour > 31
                                              or m["zone"])):
        return None
    return _time(hour, minute, _approx(m["pre"], rules))


def month(m: re.Match, rules: Rules) -> dict | None:
    fields = {"kind": "ym", "m": rules.value("months", m["mon"])}
    fields.update(_year(m, rules))
    if len(fields) == 2 and m["mon"][0].isupper():
        return None  # "Марта Иванова": a bare capitalised month is more often a name
    return None if fields.pop("bad", False) else fields


def decade_words(m: re.Match, rules: Rules) -> dict | None:
    """"в нулевые", "в девяностые годы": a decade in words needs a preposition or a year
    word."""
    if not (m["pre"] or m["yw"]):
        return None
    return {"kind": "decade", "decade": str(rules.value("decade_words", m["dec"]))}


def decade(m: re.Match, rules: Rules) -> dict | None:
    digits = m["y"]
    if len(digits) == 2:
        return {"decade": "19" + digits[0], "short": digits[0]}
    return {"decade": digits[:3]} if int(digits) in YEARS else None


def year(m: re.Match, rules: Rules) -> dict | None:
    first = int(m["y"])
    if first not in YEARS:
        return None
    if not m["y2"]:
        return {"y": first, "range": False}
    last = int(m["y2"]) + (first // 100 * 100 if len(m["y2"]) == 2 else 0)  # "2014–15"
    if not first < last <= first + 200:
        return {"y": first, "range": True}
    return {"y": first, "range": True, "end": {"y": last}}


def century(m: re.Match, rules: Rules) -> dict | None:
    if m["cw"]:  # "в двадцатом веке"
        return {"century": int(rules.value("century_ordinals", " ".join(m["cw"].split())))}
    number = roman(m["roman"]) if m["roman"] else int(m["arab"])
    return {"century": number} if 1 <= number <= 22 else None


def quarter(m: re.Match, rules: Rules) -> dict | None:
    fields = {"q": rules.value("quarter_ordinals", m["q"]), "prep": m["prep"]}
    fields.update(_year(m, rules))
    return None if fields.pop("bad", False) else fields


def half(m: re.Match, rules: Rules) -> dict | None:
    """"в первом полугодии 2019 г.", "во второй половине года": a half-year; "половина"
    only with a year ("в первой половине дня" is no half-year)."""
    fields: dict[str, Any] = {"half": rules.value("half_ordinals", m["half"]), "prep": m["prep"]}
    fields.update(_year(m, rules))
    if fields.pop("bad", False):
        return None
    if m["noun"].lower().startswith("половин") and not (m["y"] or m["ry"] or m["yw"]):
        return None
    return fields


def season(m: re.Match, rules: Rules) -> dict | None:
    code = rules.value("seasons", m["s"])
    fields = {"season": code}
    fields.update(_year(m, rules))
    if m["adj"]:
        fields["adj"] = rules.value("season_adjectives", m["adj"])
    adverb = m["s"].lower() == rules.data["seasons"][code][0]  # "весной", not "весна"
    if fields.pop("bad", False) or not (adverb or len(fields) > 1):
        return None
    return fields


def weekday(m: re.Match, rules: Rules) -> dict:
    adj = rules.value("weekday_adjectives", m["adj"]) if m["adj"] else None
    return {"wd": rules.value("weekdays", m["wd"]), "adj": adj, "prep": m["prep"]}


def weekday_edge(m: re.Match, rules: Rules) -> dict:
    """"с понедельника", "до пятницы", "к среде": a weekday that starts or ends a period."""
    word = m["wd"].lower()
    table = "weekday_genitives" if word in rules.lookup["weekday_genitives"] else (
        "weekday_datives")
    prep = m["prep"].lower()
    return {"kind": "weekday", "wd": rules.value(table, word), "adj": None, "prep": prep,
            "mod": rules.value("prefix_mods", prep)}


def weekday_range(m: re.Match, rules: Rules) -> dict:
    """"с понедельника по среду": both weekdays, the second on or after the first."""
    table = "weekday_genitives" if m["wd2"].lower() in rules.lookup["weekday_genitives"] else (
        "weekdays")
    return {"kind": "weekday", "wd": rules.value("weekday_genitives", m["wd"]), "adj": None,
            "prep": m["prep"], "range": True, "end": {"wd": rules.value(table, m["wd2"])}}


def holiday(m: re.Match, rules: Rules) -> dict:
    """"на Новый год", "в День Победы", "в канун Рождества": the holiday's day (the day
    before it for an eve), or a holiday season's first and last day."""
    days = str(rules.value("holidays", " ".join(m["hol"].lower().split()))).split("/")
    (month, day), *rest = [map(int, d.split("-")) for d in days]
    if m["eve"]:  # the day before, across a month's end ("в канун Первомая": 30 April)
        eve = date(2000, month, day) - timedelta(days=1)  # 2000: a leap year
        month, day = eve.month, eve.day
    fields: dict[str, Any] = {"kind": "ymd", "m": month, "d": day}
    if rest:
        end_month, end_day = rest[0]
        fields.update(range=True, end={"m": end_month, "d": end_day})
    return fields


def movable(m: re.Match, rules: Rules) -> dict:
    """"на Пасху": a feast whose date is computed for the year."""
    feast = rules.value("movable_holidays", " ".join(m["hol"].lower().split()))
    shift = rules.data["feast_offsets"].get(feast, 0) - (1 if m["eve"] else 0)
    return {"kind": "feast", "feast": "easter" if feast == "trinity" else feast, "shift": shift}


def day_part(m: re.Match, rules: Rules) -> dict | None:
    """"вечером": the publication day, or the day named with it ("вчера вечером"); not in
    "днём и ночью" (always)."""
    parts = "|".join(rules.data["day_part_adverbs"])
    if re.match(rf"\s+и\s+(?:{parts})\b", m.string[m.end() :], re.IGNORECASE) or re.search(
            rf"\b(?:{parts})\s+и\s+$", m.string[max(0, m.start() - 20) : m.start()],
            re.IGNORECASE):
        return None
    return {"kind": "relday", "days": 0, "part": True}


def vague(m: re.Match, rules: Rules) -> dict:
    """"на днях", "в ближайшие дни": a week, about."""
    return {"side": rules.value("vague_weeks", " ".join(m["vw"].lower().split())),
            "mod": "approx"}


def relday(m: re.Match, rules: Rules) -> dict | None:
    assert rules.eve_noun is not None  # compiled rules (parse_rules) carry every pattern
    if m["rd"].lower() == "накануне" and rules.eve_noun.match(m.string, m.end()):
        return None  # "накануне выборов": the eve of an event, not of publication
    return {"days": rules.value("relative_days", m["rd"])}


def relunit(m: re.Match, rules: Rules) -> dict:
    unit = rules.value("relative_units", m["unit"])
    offset = rules.value("relative_adjectives", m["adj"])
    fields = {"unit": unit, "offset": offset, "prep": m["prep"]}
    if unit == "weekend":
        fields["mod"] = "weekend"
    return fields


def weekend(m: re.Match, rules: Rules) -> dict:
    fields = {"kind": "relunit", "unit": "weekend", "offset": None, "prep": m["prep"]}
    return {**fields, "mod": "weekend"}


def span(m: re.Match, rules: Rules) -> dict | None:
    if bool(m["via"]) == bool(m["ago"]):
        return None  # neither "через …" nor "… назад", or both
    if m["n"] is None and m["unit"].lower() not in SINGULAR_SPANS:
        return None
    if m["via"] and re.match(r"\s+после\b", m.string[m.end() :]):
        return None  # "через минуту после взрыва": counted from the blast, not from now
    count = _count(m["n"], rules) if m["n"] else 1
    sign = 1 if m["via"] else -1
    unit = rules.value("span_units", m["unit"])
    if unit in HOUR_MINUTES:  # "два часа назад", "через 15 минут", "полчаса назад"
        return {"kind": "hours", "minutes": sign * count * HOUR_MINUTES[unit],
                "minute": unit != "hour"}
    return {"unit": unit, "n": sign * count}


HOUR_MINUTES = {"minute": 1, "halfhour": 30, "hour": 60}


def _count(word: str, rules: Rules) -> int:
    return int(word) if word.isdigit() else rules.value("number_words", word)


def unit_mod(m: re.Match, rules: Rules) -> dict:
    """"в начале года", "с начала месяца", "до конца недели": the current one, with a mod."""
    unit = rules.value("relative_units", m["unit"])
    mod = rules.value("phrase_mods", " ".join(m["pm"].lower().split()))
    return {"kind": "relunit", "unit": unit, "offset": 0, "prep": "в", "mod": mod}
