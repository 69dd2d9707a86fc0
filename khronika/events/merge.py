"""One event per real event: reports merged within an article, and the key that merges
them across articles.

Two reports in one article are the same event when they share the family (PLOVER type, or
CAMEO root for statements), the participants (actors and recipients together: "Путин и
Алиев обсудили" = "Путин провел разговор с Алиевым"; or one names a part of the other's:
"Евросоюз ввел санкции" = "ЕС ввел санкции против России"), the modality class, and a date —
or one of them has only the publication date (a headline). The merged event keeps every
report as evidence; its fields come from the best one (a date from the text, the body
before the headline, more parties named, the higher confidence).
"""

from __future__ import annotations

import hashlib

from ..records import Event, Evidence
from .calibrate import calibrate_events, calibration
from .ontology import cameo
from .summary import summarize

TARGETED = ("COERCE", "ASSAULT")  # PLOVER types whose recipients are their targets


def participants(event: Event) -> frozenset[str]:
    return frozenset(a.kb_id or a.code or a.normal or a.text
                     for a in event.actors + event.recipients)


def _dated(event: Event) -> bool:
    return event.date_source in ("timex", "paragraph", "lead")


def _countries(event: Event) -> frozenset[str]:
    return frozenset((a.code or "")[:3] for a in event.actors + event.recipients)


def _country_level(event: Event) -> bool:
    """Parties named only as countries ("российско-армянские переговоры")."""
    parties = event.actors + event.recipients
    return bool(parties) and all((a.kb_id or "").startswith("country:") for a in parties)


def _same_target(a: Event, b: Event) -> bool:
    """Force or coercion against the same people by organs of one country (or by someone
    one report leaves unsaid): "силовики арестовали X" and "X задержан полицией" tell one
    arrest."""
    if not (a.plover == b.plover and a.plover in TARGETED) or a.modality != b.modality:
        return False  # "задержали Петрова" is not "в 2012 году суд приговорил Петрова"
    ra, rb = (frozenset(r.kb_id or r.normal for r in e.recipients) for e in (a, b))
    ca, cb = (frozenset((x.code or "")[:3] for x in e.actors) for e in (a, b))
    return bool(ra and rb) and (ra <= rb or rb <= ra) and (not ca or not cb or ca == cb)


def _same_parties(a: Event, b: Event) -> bool:
    pa, pb = participants(a), participants(b)
    if pa == pb or (pa and pb and (pa < pb or pb < pa)):  # one report names fewer parties
        return True
    if _same_target(a, b):
        return True
    return (_country_level(a) or _country_level(b)) and _countries(a) == _countries(b) and (
        a.date == b.date or not (_dated(a) and _dated(b)))


def _same(a: Event, b: Event) -> bool:
    if cameo(a.code).family != cameo(b.code).family or not _same_parties(a, b):
        return False
    if (a.modality == "negated") != (b.modality == "negated"):
        return False
    if not participants(a) and (a.place and b.place and a.place.kb_id != b.place.kb_id):
        return False
    return a.date == b.date or not (_dated(a) and _dated(b))


def _rank(event: Event) -> tuple:
    return (_dated(event), not _country_level(event), not event.evidence[0].is_title,
            len(participants(event)), event.confidence)


def event_key(event: Event) -> str:
    """Same family, participants and day: the same event, whichever article tells it."""
    return _digest(event, (event.date or "")[:10])


def parties_key(event: Event) -> str:
    """Same family and participants, whatever the day: the store joins a report dated only
    by its publication day to the dated event it tells (``events.undated``)."""
    return _digest(event, "*")


def _digest(event: Event, day: str) -> str:
    ids = sorted(participants(event))
    if not ids:
        place = event.place.kb_id if event.place else ""
        assert place is not None  # events are coded from linked mentions: a place has an id
        ids = [place]
    raw = "|".join([cameo(event.code).family, "neg" if event.modality == "negated" else "",
                    day, *ids])
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


def merge_reports(events: list[Event]) -> list[Event]:
    merged: list[Event] = []
    for event in events:
        twin = next((m for m in merged if _same(m, event)), None)
        if twin is None:
            merged.append(event)
            continue
        best, other = (event, twin) if _rank(event) > _rank(twin) else (twin, event)
        joined = sorted(best.evidence + other.evidence, key=lambda e: e is not best.evidence[0])
        # one piece of evidence per sentence ("провел разговор, во время которого лидеры
        # обсудили…" tells one event once)
        by_sentence: dict[tuple[int, int], Evidence] = {}
        for e in joined:
            by_sentence.setdefault((e.sentence.start, e.sentence.stop), e)
        best.evidence = list(by_sentence.values())
        best.confidence = max(best.confidence, other.confidence)
        merged[merged.index(twin)] = best
    return merged


def finish(doc, kb, events: list[Event]) -> list[Event]:
    out = merge_reports(events)
    calibrate_events(out, calibration())
    for event in out:
        event.key = event_key(event)
        event.summary = summarize(event, kb)
    return out
