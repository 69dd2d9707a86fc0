"""The `extract` output contract (design.md): one JSON object per document.

Beyond design.md's fields: ``article.published_at`` (the publication time, or null), and
each date's ``end`` (the last value of a range or list, at the date's precision, or null)
besides ``relative``, ``resolved``, ``mod`` and ``sentence``.
"""

from __future__ import annotations

from ..records import Doc, Failure


def _article_json(doc: Doc) -> dict:
    a = doc.article
    return {
        "title": a.title_text,
        "title_span": a.title.to_json() if a.title else None,
        "published": a.published.isoformat() if a.published else None,
        # the publication time when the page gives one ("2021-04-09T10:15"), else null
        "published_at": a.published_at.isoformat(timespec="minutes") if a.published_at
        else None,
        "paragraphs": [p.to_json() for p in a.paragraphs],
        "source_agency": a.source_agency,
        "photo_credit": a.photo_credit,
        "translations": list(a.translations),
        "language": a.language,
        "format": a.format,
        "encoding": a.encoding,
        "url": a.url,
        "site": a.site,
    }


def _entity_json(m) -> dict:
    data = m.to_json()
    data["labels"] = data.get("labels") or {}
    return data


def doc_to_json(doc: Doc, *, tokens: bool = False) -> dict:
    """The contract's fields, plus sentences (and tokens when asked) and flags."""
    data = {
        "id": doc.id,
        "path": doc.article.path,
        "text": doc.text,
        "article": _article_json(doc),
        "sentences": [
            {"start": s.start, "stop": s.stop, "is_title": s.is_title} for s in doc.sentences
        ],
        "entities": [_entity_json(m) for m in doc.mentions],
        "dates": [t.to_json() for t in doc.timexes],
        "quotes": [q.to_json() for q in doc.quotes],
        "events": [event_json(e) for e in doc.events],
        "flags": list(doc.flags),
    }
    if tokens:
        data["tokens"] = [t.to_json() for t in doc.tokens]
    return data


def event_json(event) -> dict:
    """An event as the contract has it: actors and recipients as {text, start, stop, kb_id,
    code, …}, place {text, kb_id, …}, plus evidence, Goldstein, QuadClass and key."""
    return event.to_json()


def failure_to_json(failure: Failure) -> dict:
    return {"id": failure.id, "path": failure.path, "error": failure.reason, "kind": failure.kind}
