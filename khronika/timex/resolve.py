"""Parsed date expressions -> calendar values, relative to the publication date.

Values are ISO strings truncated to their precision: "2021-04-08T18:45" (minute),
"2021-04-08T20" (hour), "2021-04-08" (day), "2021-W14" (ISO week), "2021-04" (month),
"2021-Q1" (quarter), "2021-H1" (half-year), "2019-SP" (season: SP, SU, FA, WI), "2021"
(year), "198" (decade), "20" (century, by its ordinal: "XX век" is "20"). A winter named
with its year ("зимой 2019 года") is that year's; a relative one ("прошлой зимой", "зимой"
alone) is named by the year of its December, as readers do: the winter of December 2005 to
February 2006 is "2005-WI".

Conventions:
- a date or month with no year is its most recent occurrence on or before publication, or,
  when the clause is in the future tense, its first occurrence on or after it;
- a bare weekday likewise ("в пятницу" in a Friday's paper is that day); "в прошлую среду"
  is the Wednesday of the previous ISO week, "в следующий вторник" of the next, "в эту
  пятницу" of the current one, "в минувший четверг" the last one strictly before;
- "в минувшие выходные" is the Saturday of that weekend, precision "day", mod "weekend";
- "три дня назад" is a day, "неделю назад" the ISO week 7 days before (as readers take
  "a week ago": that week), "месяц назад" a month, "два года назад" a year; "через …"
  counts forward;
- a time of day ("в 18:45 мск", "около восьми вечера", "в полдень", "два часа назад") has
  hour or minute precision only when the publication time is known, and is otherwise the
  day it falls on: the publication day, or the day named with it ("вчера в 18:45");
- "на днях" is the ISO week holding the day 3 days before publication (3 after in the
  future tense), "в ближайшие дни" the week 3 days ahead, both mod "approx";
- a range or list ("9-10 ноября 2020 года", "в 2020-2021 годах", "с 28 декабря по 8
  января", "с понедельника по среду") is one expression valued at its first day or year,
  with ``end`` its last at the same precision; a year given only at the end dates both
  ends, and an end with no year is the first such day on or after the start.
"""

from __future__ import annotations

from calendar import isleap, monthrange
from datetime import date, datetime, timedelta

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 1}
SEASON_END = {"SP": 5, "SU": 8, "FA": 11, "WI": 12}
PRECISION = {
    "ymd": "day", "ym": "month", "year": "year", "decade": "decade", "century": "century",
    "quarter": "quarter", "season": "season", "weekday": "day", "relday": "day",
    "half": "half", "vague": "week", "monthday": "day", "feast": "day",
}  # fmt: skip
UNIT_PRECISION = {
    "week": "week", "month": "month", "quarter": "quarter", "year": "year",
    "century": "century", "weekend": "day",
}  # fmt: skip


SPAN_PRECISION = {
    "day": "day", "week": "week", "month": "month", "halfyear": "month", "year": "year",
}  # fmt: skip


def precision(kind: str, fields: dict, timed: bool = False) -> str:
    """The precision of the value; ``timed``: the publication time is known, so a time of
    day is that hour or minute."""
    if kind == "hours":
        return ("minute" if fields["minute"] else "hour") if timed else "day"
    if kind == "span":
        return SPAN_PRECISION[fields["unit"]]
    if timed and "h" in fields:
        return "minute" if "mi" in fields else "hour"
    return PRECISION.get(kind) or UNIT_PRECISION[fields["unit"]]


def is_relative(kind: str, fields: dict) -> bool:
    """Whether the value depends on the publication date."""
    if kind in ("ymd", "ym", "quarter", "season", "half"):
        return "y" not in fields
    if kind == "decade":
        return "century_offset" in fields
    return kind not in ("year", "century")


def needs_tense(kind: str, fields: dict) -> bool:
    """Whether the value depends on the clause's tense (past or future reading)."""
    if kind == "weekday":
        return fields["adj"] is None
    if kind == "relunit":
        return fields["unit"] == "weekend" and fields["offset"] is None
    if kind == "vague":
        return fields["side"] == "either"
    if kind == "hours":
        return False
    return is_relative(kind, fields) and "rel_year" not in fields and not fields.get("adj")


def resolve(kind: str, fields: dict, published: date | None, future: bool,
            at: datetime | None = None) -> str | None:
    """The value; ``at`` is the publication time when known (times of day need it)."""
    if published is None and is_relative(kind, fields):
        return None
    if kind == "hours":
        assert published is not None  # relative: resolved only with a date
        return _hours(fields, published, at)
    value = RESOLVERS[kind](fields, published, future)
    if at is not None and "h" in fields:
        value += f"T{fields['h']:02d}" + (f":{fields['mi']:02d}" if "mi" in fields else "")
    return value


def resolve_range(kind: str, fields: dict, published: date | None, future: bool,
                  at: datetime | None = None) -> tuple[str | None, str | None]:
    """(value, end): the first and last of a range or list, or (value, None)."""
    start = resolve(kind, fields, published, future, at)
    if "end" not in fields:
        return start, None
    last = {**{k: v for k, v in fields.items() if k != "end"}, **fields["end"]}
    try:
        if start is None or not is_relative(kind, last) or kind not in FROM_START:
            end = resolve(kind, last, published, future, at)
        else:  # an end with no year of its own: the first one on or after the start
            end = resolve(kind, last, FROM_START[kind](start), True, at)
    except ValueError:  # an end that is no day ("30 и 31 апреля"): the start alone
        return start, None
    if start is not None and end is not None and len(end) == len(start) and end < start:
        return start, None  # "28-29 февраля" in a common year: no end before the start
    return start, end


FROM_START = {
    "ymd": lambda v: date.fromisoformat(v[:10]),
    "weekday": lambda v: date.fromisoformat(v[:10]),
    "relday": lambda v: date.fromisoformat(v[:10]),
    "ym": lambda v: date(int(v[:4]), int(v[5:7]), 1),
}


def period_start(value: str) -> date | None:
    """The first day of a day, month, quarter, half-year or season value."""
    year, _, rest = value.partition("-")
    if not year.isdigit():
        return None
    if len(rest) >= 5 and rest[2] == "-":
        return date.fromisoformat(value[:10])
    first_month = {"Q": lambda n: 3 * n - 2, "H": lambda n: 6 * n - 5}
    if rest[:1] in first_month and rest[1:].isdigit():
        return date(int(year), first_month[rest[0]](int(rest[1:])), 1)
    if rest in SEASON_START:
        return date(int(year), 12 if rest == "WI" else SEASON_START[rest], 1)
    if rest.isdigit():
        return date(int(year), int(rest), 1)
    return None


def _hours(f: dict, pub: date, at: datetime | None) -> str:
    """"два часа назад": the publication time moved, to the hour (to the minute for
    minutes); without a known time, the publication day."""
    if at is None:
        return pub.isoformat()
    moment = at + timedelta(minutes=f["minutes"])
    return moment.strftime("%Y-%m-%dT%H:%M" if f["minute"] else "%Y-%m-%dT%H")


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _year_of(fields: dict, pub: date) -> int | None:
    if "y" in fields:
        return fields["y"]
    if "rel_year" in fields:
        return pub.year + fields["rel_year"]
    return None


def _ymd(f: dict, pub: date | None, future: bool) -> str:
    year = _year_of(f, pub) if pub else f["y"]
    if year is not None:
        return _safe_date(year, f["m"], f["d"]).isoformat()
    assert pub is not None  # no year: relative, and resolve() resolves those only with a date
    day = _safe_date(pub.year, f["m"], f["d"])
    if "weekday" in f:  # "Четверг, 22 апреля": the year in which that day is a Thursday
        fits = [d for y in (pub.year - 1, pub.year, pub.year + 1)
                if (d := _safe_date(y, f["m"], f["d"])).isoweekday() == f["weekday"]]
        if fits:
            return min(fits, key=lambda d: abs((d - pub).days)).isoformat()
    if not future and day > pub:
        day = _safe_date(pub.year - 1, f["m"], f["d"])
    elif future and day < pub:
        day = _safe_date(pub.year + 1, f["m"], f["d"])
    return day.isoformat()


def _safe_date(year: int, month: int, day: int) -> date:
    """29 February in a common year falls back to the leap year before it."""
    while month == 2 and day == 29 and not isleap(year):
        year -= 1
    return date(year, month, day)


def _ym(f: dict, pub: date | None, future: bool) -> str:
    year = _year_of(f, pub) if pub else f["y"]
    if year is None:
        assert pub is not None  # no year: relative, and resolve() resolves those only with a date
        year = _nearest_year(pub, f["m"], f["m"], future)
    return f"{year:04d}-{f['m']:02d}"


def _nearest_year(pub: date, first_month: int, last_month: int, future: bool) -> int:
    """The year of the latest period starting by publication, or first ending after it."""
    if future:
        return pub.year if last_month >= pub.month else pub.year + 1
    return pub.year if first_month <= pub.month else pub.year - 1


def _quarter(f: dict, pub: date | None, future: bool) -> str:
    year = _year_of(f, pub) if pub else f["y"]
    if year is None:
        assert pub is not None  # no year: relative, and resolve() resolves those only with a date
        year = _nearest_year(pub, 3 * f["q"] - 2, 3 * f["q"], future)
    return f"{year}-Q{f['q']}"


def _half(f: dict, pub: date | None, future: bool) -> str:
    year = _year_of(f, pub) if pub else f["y"]
    if year is None:
        assert pub is not None  # no year: relative, and resolve() resolves those only with a date
        year = _nearest_year(pub, 6 * f["half"] - 5, 6 * f["half"], future)
    return f"{year}-H{f['half']}"


def _month_day(f: dict, pub: date, future: bool) -> str:
    """"15-го числа": that day of the publication month, or of the month before (after, in
    the future tense) when it is not on or before (after) publication."""
    months = (0, 1, 2) if future else (0, -1, -2)
    for shift in months:
        year, month = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
        if f["d"] > monthrange(year, month + 1)[1]:
            continue
        day = date(year, month + 1, f["d"])
        if (day >= pub) if future else (day <= pub):
            return day.isoformat()
    return pub.isoformat()


def _feast(f: dict, pub: date, future: bool) -> str:
    """A movable feast's day in the year that fits the tense, nearest publication."""
    day = _feast_day(f["feast"], pub.year) + timedelta(days=f["shift"])
    if not future and day > pub:
        day = _feast_day(f["feast"], pub.year - 1) + timedelta(days=f["shift"])
    elif future and day < pub:
        day = _feast_day(f["feast"], pub.year + 1) + timedelta(days=f["shift"])
    return day.isoformat()


def _feast_day(feast: str, year: int) -> date:
    """Easter Sunday: Orthodox (Julian computus, in the Gregorian calendar for 1900–2099)
    or Western (the anonymous Gregorian algorithm)."""
    if feast == "easter":
        d = (19 * (year % 19) + 15) % 30
        e = (2 * (year % 4) + 4 * (year % 7) - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        return date(year, month, day + 1) + timedelta(days=13)
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lm = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * lm) // 433
    month = (h + lm - 7 * m + 90) // 25
    return date(year, month, (h + lm - 7 * m + 33 * month + 19) % 32)


def _vague(f: dict, pub: date, future: bool) -> str:
    """"на днях": the ISO week a few days before (or, ahead, after) publication."""
    from .rules import load_rules

    ahead = f["side"] == "ahead" or (f["side"] == "either" and future)
    days = load_rules().data["vague_days"]
    return iso_week(pub + timedelta(days=days if ahead else -days))


def _season(f: dict, pub: date | None, future: bool) -> str:
    code = f["season"]
    year = _year_of(f, pub) if pub else f["y"]
    if year is None:
        assert pub is not None  # no year: relative, and resolve() resolves those only with a date
        year = _season_year(code, pub, f.get("adj"), future)
    return f"{year}-{code}"


def _season_year(code: str, pub: date, adj: int | None, future: bool) -> int:
    """The year of a season: "прошлой осенью" is the last autumn not under way."""
    if code == "WI":
        return _winter_year(pub, adj, future)
    inside = pub.month in SEASON_MONTHS[code]
    first, last = SEASON_START[code], SEASON_END[code]
    if adj == 0:
        return pub.year
    if adj is not None and adj < 0:
        return _nearest_year(pub, first, last, False) - inside + adj + 1
    if adj is not None and adj > 0:
        return _nearest_year(pub, first, last, True) + inside + adj - 1
    return _nearest_year(pub, first, last, future)


def _winter_year(pub: date, adj: int | None, future: bool) -> int:
    """The year of the December of a relative winter: the one under way (or, outside one,
    the last or the next by the tense), moved by the adjective."""
    current = pub.year - (pub.month != 12)  # the winter under way, or the last one
    inside = pub.month in (12, 1, 2)
    if adj is None or adj == 0:
        return current + (not inside and (future or (adj == 0 and pub.month >= 9)))
    if adj < 0:
        return current + adj + (not inside)
    return current + adj


SEASON_MONTHS = {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (1, 2, 12)}


def _weekday(f: dict, pub: date, future: bool) -> str:
    return _weekday_date(pub, f["wd"], f["adj"], future).isoformat()


def _weekday_date(pub: date, wd: int, adj: str | None, future: bool) -> date:
    monday = pub - timedelta(days=pub.isoweekday() - 1)
    weeks = {"previous-week": -1, "this-week": 0, "next-week": 1}
    if adj in weeks:
        return monday + timedelta(days=7 * weeks[adj] + wd - 1)
    back = (pub.isoweekday() - wd) % 7
    forward = (wd - pub.isoweekday()) % 7
    if adj == "last":
        return pub - timedelta(days=back or 7)
    if adj == "next":
        return pub + timedelta(days=forward or 7)
    return pub + timedelta(days=forward) if future else pub - timedelta(days=back)


def _relday(f: dict, pub: date, future: bool) -> str:
    return (pub + timedelta(days=f["days"])).isoformat()


def _relunit(f: dict, pub: date, future: bool) -> str:
    unit, offset = f["unit"], f["offset"]
    if unit == "weekend":
        return _weekend(pub, offset, future).isoformat()
    if unit == "week":
        return iso_week(pub + timedelta(weeks=offset))
    if unit == "month":
        year, month = divmod(pub.year * 12 + pub.month - 1 + offset, 12)
        return f"{year:04d}-{month + 1:02d}"
    if unit == "quarter":
        year, q = divmod(pub.year * 4 + (pub.month - 1) // 3 + offset, 4)
        return f"{year}-Q{q + 1}"
    if unit == "century":
        return str((pub.year - 1) // 100 + 1 + offset)
    return str(pub.year + offset)


def _weekend(pub: date, offset: int | None, future: bool) -> date:
    """The Saturday of the weekend meant."""
    if offset is None:
        return _weekday_date(pub, 6, None, future)
    if offset < 0:
        return _weekday_date(pub, 6, "last", future)
    this_week = _weekday_date(pub, 6, "this-week", future)
    if offset > 0 and pub.isoweekday() >= 6:
        return this_week + timedelta(weeks=1)
    return this_week


def _span(f: dict, pub: date, future: bool) -> str:
    unit, n = f["unit"], f["n"]
    if unit == "day":
        return (pub + timedelta(days=n)).isoformat()
    if unit == "week":
        return iso_week(pub + timedelta(weeks=n))
    if unit in ("month", "halfyear"):
        months = n * (6 if unit == "halfyear" else 1)
        return _relunit({"unit": "month", "offset": months}, pub, future)
    return str(pub.year + n)


def _decade(f: dict, pub: date | None) -> str:
    """"199", or a two-digit decade of a century named relative to publication."""
    if "century_offset" not in f or pub is None:
        return f["decade"]
    return f"{(pub.year - 1) // 100 + f['century_offset']}{f['short']}"


RESOLVERS = {
    "ymd": _ymd, "ym": _ym, "quarter": _quarter, "season": _season, "weekday": _weekday,
    "relday": _relday, "relunit": _relunit, "span": _span, "half": _half, "vague": _vague,
    "monthday": _month_day, "feast": _feast,
    "year": lambda f, pub, fut: f"{f['y']:04d}",  # ISO 8601: "0988"
    "decade": lambda f, pub, fut: _decade(f, pub),
    "century": lambda f, pub, fut: str(f["century"]),
}  # fmt: skip
