"""Match -> fields: what a date expression says, checked for sense (None rejects it).

Each function takes a regex match of one rule in ``timex.rules`` and returns the fields
that ``timex.resolve`` needs, with ``kind`` when it differs from the rule's name.
"""

from __future__ import annotations

import re
from calendar import monthrange
from typing import Any

from .rules import Rules, roman

YEARS = range(1000, 2101)
SINGULAR_SPANS = frozenset({"день", "сутки", "неделю", "месяц", "полгода", "год"})


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
    return {"kind": "ymd", "y": year, "m": month, "d": day}


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
        if not fields["d"] < int(m["d2"]) <= 31:
            return None
        fields["range"] = True
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


def three_digit_year(m: re.Match, rules: Rules) -> dict:
    """"в 988 году": a year before 1000 (only with the word, never "г.": grams)."""
    return {"kind": "year", "y": int(m["y"]), "range": False}


def daytime(m: re.Match, rules: Rules) -> dict:
    """"около восьми вечера", "в 7 утра", "в полдень": the day it falls on."""
    return {"kind": "relday", "days": 0}


def clock(m: re.Match, rules: Rules) -> dict | None:
    """"в 18:45 мск": a time of day is dated by the day it falls on (publication)."""
    if not (0 <= int(m["h"]) <= 23 and 0 <= int(m["mi"]) <= 59):
        return None
    return {"kind": "relday", "days": 0}


def month(m: re.Match, rules: Rules) -> dict | None:
    fields = {"kind": "ym", "m": rules.value("months", m["mon"])}
    fields.update(_year(m, rules))
    if len(fields) == 2 and m["mon"][0].isupper():
        return None  # "Марта Иванова": a bare capitalised month is more often a name
    return None if fields.pop("bad", False) else fields


def decade(m: re.Match, rules: Rules) -> dict | None:
    digits = m["y"]
    if len(digits) == 2:
        return {"decade": "19" + digits[0]}
    return {"decade": digits[:3]} if int(digits) in YEARS else None


def year(m: re.Match, rules: Rules) -> dict | None:
    first = int(m["y"])
    if first not in YEARS:
        return None
    return {"y": first, "range": bool(m["y2"])}


def century(m: re.Match, rules: Rules) -> dict | None:
    number = roman(m["roman"]) if m["roman"] else int(m["arab"])
    return {"century": number} if 1 <= number <= 22 else None


def quarter(m: re.Match, rules: Rules) -> dict | None:
    fields = {"q": rules.value("quarter_ordinals", m["q"]), "prep": m["prep"]}
    fields.update(_year(m, rules))
    return None if fields.pop("bad", False) else fields


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
    count = _count(m["n"], rules) if m["n"] else 1
    sign = 1 if m["via"] else -1
    return {"unit": rules.value("span_units", m["unit"]), "n": sign * count}


def _count(word: str, rules: Rules) -> int:
    return int(word) if word.isdigit() else rules.value("number_words", word)


def unit_mod(m: re.Match, rules: Rules) -> dict:
    unit = rules.value("relative_units", m["unit"])
    mod = rules.value("phrase_mods", m["pm"])
    return {"kind": "relunit", "unit": unit, "offset": 0, "prep": "в", "mod": mod}
