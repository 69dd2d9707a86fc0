"""An event's date and place: the ones attached to its clause, else the sentence's.

Date: a timex whose phrase hangs on the trigger or its clause verb ("7 апреля Путин…
провел"), else one hanging on the verb the clause is a conjunct of ("1 июля суд признал
… и арестовал"), else the date told last before "тогда же" or "в тот же день" hanging on
the clause, else one in the sentence that belongs to no other trigger, else the last date
of an earlier sentence of the same paragraph when the event is told in the past (a
narrative goes on: "9 ноября подписали… разместились миротворцы"), else the publication
date with precision "published". In an article with no publication date the timexes are
read against its reference date (``dating_timexes``): "31 мая" in a text whose latest date
is "13 июня 2018 года" is 2018-05-31.
Place: a location after a place preposition on the clause ("в Кремле" → the Kremlin,
whose KB entry lies in Moscow), else one elsewhere in the sentence, never a participant.
"""

from __future__ import annotations

from datetime import date

from ..records import LOC, Place
from ..timex.find import anchored
from .grammar import grammar
from .modality import period_start


def _timex_top(tree, tx) -> int:
    """The word of the date phrase that hangs outside it."""
    inside = set(tree.doc.token_range(tx.start, tx.stop))
    return next((i for i in inside if tree.head(i) not in inside), -1)


def _timex_anchor(tree, tx) -> int:
    """The token the date phrase hangs on."""
    top = _timex_top(tree, tx)
    return tree.head(top) if top >= 0 else -1


def _dates_a_thing(tree, g, tx) -> bool:
    """The date belongs to a noun, not to a clause: "границы 1967 года", "договор 1987
    года" date the border and the treaty, not what is done to them ("30 лет назад, 16
    марта 1988 года" is time itself)."""
    top = _timex_top(tree, tx)
    anchor = tree.head(top) if top >= 0 else -1
    if anchor < 0 or not tree.is_noun(anchor) or tree.tok(anchor).lemma in g.time_nouns or (
            tree.prep(top)):  # "захват школы в 2004 году": a preposition dates the act
        return False
    t = tree.tok(anchor)
    return not any(tx.start <= t.start < tx.stop for tx in tree.doc.timexes)


def _attached(tree, anchor: int, hit) -> bool:
    if anchor < 0:
        return False
    return anchor in (hit.trigger, hit.clause) or tree.head(anchor) == hit.trigger


def dating_timexes(doc, reference: tuple[str, str] | None) -> list:
    """The timexes events are dated by: the document's, and in an article with no
    publication date the relative ones read against its reference date ("9 июля" after
    "1 июля 2019 года"; ``timex.find.anchored``)."""
    if doc.article.published is not None or reference is None or reference[1] not in (
            "day", "month"):  # a year alone ("в 2016 году") may lie years before the text
        return doc.timexes
    day = reference_day(reference)
    return doc.timexes if day is None else anchored(doc, day)


def _conjunct(tree, anchor: int, hit) -> bool:
    """The date hangs on the verb the event's clause is a conjunct of: a string of acts
    told with one date."""
    if anchor < 0:
        return False
    return any(tree.tok(v).rel == "conj" and tree.head(v) == anchor
               for v in dict.fromkeys((hit.clause, hit.trigger)))


def _same_time(tree, g, hit) -> tuple[str, str, str] | None:
    """"Тогда же его обвинили", "в тот же день суд арестовал": the date told last before
    the words, at the precision the noun keeps (a day, a month, a year; "тогда же" keeps
    the date's own); None when no such words hang on the clause or no date comes before."""
    for v in dict.fromkeys((hit.trigger, hit.clause)):
        for k in tree.kids[v]:
            t = tree.tok(k)
            if t.pos == "ADV" and t.lemma in g.same_time_words and _with_zhe(tree, k):
                keep = None  # "тогда же"
            elif t.lemma in g.same_time_nouns and tree.prep(k) and any(
                    tree.tok(d).lemma in g.same_time_words for d in tree.kids[k]):
                keep = g.same_time_nouns[t.lemma]
            else:
                continue
            before = [tx for tx in tree.timexes if tx.value and tx.stop <= t.start
                      and tx.mod not in ("before", "after")
                      and (keep != "day" or tx.precision in ("day", "hour", "minute"))]
            if not before:
                return None
            value, precision = event_value(before[-1])
            if keep in ("month", "year") and (
                    PRECISION_RANK.get(precision, -1) > PRECISION_RANK[keep]):
                value, precision = value[:7 if keep == "month" else 4], keep
            return value, precision, "timex"
    return None


def _with_zhe(tree, k: int) -> bool:
    """"тогда же": the particle right after the word."""
    doc = tree.doc
    return k + 1 < len(doc.tokens) and doc.tokens[k + 1].text.lower() == "же"


def event_date(tree, g, hit, sentence: int) -> tuple[str | None, str, str]:
    """(value, precision, source) with source timex | paragraph | published | none."""
    doc = tree.doc
    here = [t for t in tree.timexes if t.sentence == sentence and t.value
            and t.mod not in ("before", "after")]  # "отложили до 2028 года" is not then
    for tx in here:
        if _attached(tree, _timex_anchor(tree, tx), hit):
            return (*event_value(tx), "timex")
    shared = [tx for tx in here if _conjunct(tree, _timex_anchor(tree, tx), hit)]
    if shared:  # "1 июля суд признал его виновным и арестовал на 10 суток, а 9 июля …"
        t = tree.tok(hit.trigger)
        tx = min(shared, key=lambda x: abs(x.start - t.start))
        return (*event_value(tx), "timex")
    same = _same_time(tree, g, hit)
    if same is not None:
        return same
    free = [tx for tx in here if not _dates_a_thing(tree, g, tx)]
    if free:
        t = tree.tok(hit.trigger)
        tx = min(free, key=lambda x: abs(x.start - t.start))
        return (*event_value(tx), "timex")
    carried = _paragraph_date(tree, hit, sentence)
    if carried is not None:
        return (*event_value(carried), "paragraph")
    return undated(doc, hit if _past(tree, hit) else None)


def event_value(tx) -> tuple[str, str]:
    """An event's date from a timex: a range's start ("с 3 по 7 октября" → the 3rd, the
    ``value``), and a time of day's day ("вчера в 18:45" → yesterday, precision "day")."""
    if tx.precision in ("hour", "minute"):
        return tx.value[:10], "day"
    return tx.value, tx.precision


def undated(doc, hit=None) -> tuple[str | None, str, str]:
    """An event the text gives no date: told in the past, the date of the news (the lead's
    dated event, when it lies just before publication), else the publication date."""
    if hit is not None and not doc.sentences[doc.tokens[hit.trigger].sentence].is_title:
        lead = lead_date(doc)
        if lead is not None:
            return (*event_value(lead), "lead")
    published = doc.article.published
    if published is None:
        return None, "none", "none"
    return published.isoformat(), "published", "published"


LEAD_DAYS = 7
PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


def reference_date(doc) -> tuple[str, str] | None:
    """(value, precision) of the day the article speaks from: its publication day, else
    the latest absolute date in its text that is not the edge of a period ("до 2028
    года"), a day, month or year ("15 июля 2017 года" over "в 2017 году"); None when the
    text gives none. Undated articles (most of NEREL) are read against it."""
    published = doc.article.published
    if published is not None:
        return published.isoformat(), "day"
    best = None
    for t in doc.timexes:
        if not t.value or not t.resolved or t.mod in ("before", "after"):
            continue
        value, precision = event_value(t)
        if t.end and len(t.end) == len(value):
            value = t.end  # "в июле и августе 2019 года": the text speaks from August on
        if precision not in PRECISION_RANK:
            continue
        start = period_start(value, precision)
        if start is None:
            continue
        key = (start, PRECISION_RANK[precision])
        if best is None or key > best[0]:
            best = (key, value, precision)
    return (best[1], best[2]) if best else None


def reference_day(reference: tuple[str, str] | None) -> date | None:
    """The first day of the reference period: what "well before" is measured from."""
    return period_start(*reference) if reference else None


def lead_date(doc):
    """The day the news is about: a day-precise date in the first body paragraph (or the
    title) no later than publication and at most a week before it ("в четверг")."""
    published = doc.article.published
    if published is None:
        return None
    first_body = next((s.block for s in doc.sentences if not s.is_title), None)
    for t in doc.timexes:
        if t.sentence < 0 or not t.value or t.precision not in ("day", "hour", "minute"):
            continue
        s = doc.sentences[t.sentence]
        if not (s.is_title or s.block == first_body):
            continue
        try:
            day = date.fromisoformat(t.value[:10])
        except ValueError:
            continue
        if 0 <= (published - day).days <= LEAD_DAYS:
            return t
    return None


def _paragraph_date(tree, hit, sentence: int):
    doc = tree.doc
    s = doc.sentences[sentence]
    if s.is_title or not _past(tree, hit):
        return None
    published = doc.article.published
    earlier = [t for t in tree.timexes if t.value and 0 <= t.sentence < sentence
               and doc.sentences[t.sentence].block == s.block
               and t.precision in ("day", "hour", "minute")
               and not (published and t.value[:10] > published.isoformat())]  # a past act is
    return earlier[-1] if earlier else None  # not dated by "вступит в силу 28 мая"


def _past(tree, hit) -> bool:
    v = tree.tok(hit.clause)
    return v.feats.get("Tense") == "Past" or tree.is_noun(hit.clause)


def event_place(tree, g, hit, sentence: int, participants) -> Place | None:
    taken = {(a.start, a.stop) for a in participants} | _topic_spans(tree, hit)
    for clause in dict.fromkeys((hit.trigger, hit.clause)):
        for k in tree.children(clause, "obl", "nmod", "advmod"):
            place = _place(tree, g, k, taken)
            if place is not None:
                return place
    s = tree.doc.sentences[sentence]
    t = tree.tok(hit.trigger)
    options = []
    for k in range(s.token_start, s.token_stop):
        place = None if _in_topic(tree, g, k) else _place(tree, g, k, taken, through_conj=True)
        if place is not None and place not in options:
            options.append(place)
    if not options:
        return None
    return min(options, key=lambda p: abs(p.start - t.start))


def _topic_spans(tree, hit) -> set[tuple[int, int]]:
    """What a consultation is about is no place of it: "обсудили ситуацию в Сирии"."""
    if not grammar().is_code(hit.rule.root, "consult"):
        return set()
    spans = set()
    for v in {hit.trigger, hit.clause}:
        for o in tree.children(v, "obj"):
            if o == hit.trigger:  # "провели переговоры в Сочи": the talks are no topic
                continue
            for k in [o, *tree.below(o)]:
                m = tree.mention.get(k)
                if m is not None:
                    spans.add((m.start, m.stop))
    return spans


def _in_topic(tree, g, k: int) -> bool:
    """Inside what is talked about ("заявление о прекращении огня в Карабахе")."""
    seen = 0
    while k >= 0 and seen < 8:
        if tree.prep(k) in g.topic_preps:
            return True
        k, seen = tree.head(k), seen + 1
    return False


def _place(tree, g, k: int, taken: set, through_conj: bool = False) -> Place | None:
    m = tree.mention.get(k)
    if m is None or m.type != LOC or (
            (m.kb_id or "").startswith("org:") and tree.tok(k).feats.get("Case") != "Loc"):
        return None  # "в Белом доме" is a place, "Баку заявил" a government
    if (m.start, m.stop) in taken:
        return None
    head = k
    prep = tree.prep(k)
    steps = 0
    while through_conj and not prep and steps < 3 and tree.tok(head).rel in (
            "conj", "nmod", "appos", "flat") and tree.head(head) >= 0:
        # "вдоль линии … и Лачинского коридора", "в секторе Газа"
        head = tree.head(head)
        prep = tree.prep(head)
        steps += 1
    if prep not in g.place_preps:
        return None
    if prep in g.locative_preps and tree.tok(head).feats.get("Case") not in (
            "Loc", "Gen", None):
        return None
    return Place(m.text, m.start, m.stop, m.normal, m.kb_id)
