"""Terminal renderings: an article with its annotations highlighted, and store statistics."""

from __future__ import annotations

import itertools
import json

import click

ENTITY_COLORS = {"PER": "cyan", "LOC": "green", "ORG": "magenta"}


def _marks(doc: dict) -> list[tuple[int, int, dict]]:
    marks = [(m["start"], m["stop"], {"fg": ENTITY_COLORS.get(m["type"], "white"), "bold": True})
             for m in doc["mentions"]]
    marks += [(t["start"], t["stop"], {"fg": "yellow", "bold": True}) for t in doc["timexes"]]
    marks += [(q["start"], q["stop"], {"underline": True}) for q in doc["quotes"]]
    return marks


def highlight(text: str, marks: list[tuple[int, int, dict]]) -> str:
    """Style each stretch of ``text`` by the union of the marks that cover it."""
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for start, stop in itertools.pairwise(cuts):
        style: dict = {}
        for m_start, m_stop, m_style in marks:
            if m_start <= start and stop <= m_stop:
                style.update(m_style)
        chunk = text[start:stop]
        out.append(click.style(chunk, **style) if style else chunk)
    return "".join(out)


def entity_name(mention: dict, lang: str = "ru") -> str:
    """The mention's entity in ``lang``; a made-up (transliterated) label is marked."""
    labels = mention.get("labels") or {}
    if isinstance(labels, str):
        labels = json.loads(labels)
    name = labels.get(lang) or mention["normal"]
    return f"{name} [translit]" if lang in labels.get("fallback", ()) else name


def _entity_line(m: dict, lang: str) -> str:
    link = " ".join(x for x in (m.get("kb_id"), m.get("code")) if x)
    return f"  {m['type']:3} {m['text']} → {entity_name(m, lang)}" + (f"  [{link}]" if link else "")


def render(doc: dict, lang: str = "ru") -> str:
    head = f"{doc['id']}  {doc['published'] or 'no date'}  {doc['path'] or ''}"
    legend = " ".join(click.style(t, fg=c, bold=True) for t, c in ENTITY_COLORS.items())
    legend += " " + click.style("DATE", fg="yellow", bold=True)
    legend += " " + click.style("quote", underline=True)
    lines = [head, legend, "", highlight(doc["text"], _marks(doc)).strip(), ""]
    lines += ["entities:"] + [_entity_line(m, lang) for m in doc["mentions"]]
    lines += ["dates:"] + [
        f"  {t['text']} → {t['value'] or '?'} ({t['precision']})" for t in doc["timexes"]
    ]
    lines += ["quotes:"] + [
        f"  «{q['text'][:70]}» — {q['speaker_normal'] or 'no speaker'}" for q in doc["quotes"]
    ]
    lines += ["events:"] + [_event_line(doc["text"], e, lang) for e in doc.get("events", [])]
    return "\n".join(lines)


def _event_line(text: str, e: dict, lang: str) -> str:
    summary = e["summary"]
    summary = (json.loads(summary) if isinstance(summary, str) else summary or {}).get(lang, "")
    trigger = text[e["trigger_start"]:e["trigger_stop"]]
    where = " (headline)" if e["is_title"] else ""
    return (f"  {e['date'] or '?'} {e['code']} {e['plover'] or '-'} {e['modality']}: {summary}"
            f"  ← «{trigger}»{where}  [{e['articles']} art]")


def format_stats(data: dict, recent: list[tuple], lang: str = "ru") -> str:
    count = data["count"]
    lines = [
        f"articles {count['articles']}  sentences {count['sentences']}  "
        f"mentions {count['mentions']}  dates {count['timexes']}  quotes {count['quotes']}  "
        f"failures {count['failures']}",
        f"entities {count['entities']} ({count['kb_entities']} in the knowledge base)",
        f"published from {data['published'][0]} to {data['published'][1]}",
        "mentions by type (mentions, distinct entities per article):",
    ]
    lines += [f"  {t:3} {n:6} {d:6}" for t, n, d in data["by_type"]]
    lines.append("most mentioned entities (articles):")
    lines += [
        f"  {e['type']:3} {entity_name({**e, 'normal': e['name']}, lang)}  "
        f"[{e['kb_id']} {e['code'] or '-'}]  {e['articles']}"
        for e in data["top"]
    ]
    lines.append("articles:")
    lines += [
        f"  {i}  {p or '----------'}  {title[:60]}  [{m} ent, {d} dates, {q} quotes]"
        for i, p, title, m, d, q in recent
    ]
    return "\n".join(lines)


EVENT_CSV_COLUMNS = ("key", "date", "date_precision", "code", "plover", "mode", "context",
                     "modality", "goldstein", "quad", "actors", "actor_codes", "recipients",
                     "recipient_codes", "place", "articles", "sources", "summary",
                     "first_article", "sentence")


def format_events(rows: list[dict], lang: str = "ru") -> str:
    """One line per event: date, CAMEO/PLOVER, modality, summary, articles/sources; then the
    sentence that reports it."""
    from ..store.query import actor_names

    if not rows:
        return "no events match"
    lines = []
    for r in rows:
        kind = f"{r['code']} {r['plover'] or '-'}"
        counts = f"{r['articles']} art/{r['sources']} src"
        summary = (r["summary"] or {}).get(lang) or (
            f"{actor_names(r['actors'], lang)} → {actor_names(r['recipients'], lang)}")
        lines.append(f"{r['date'] or '----------':10}  {kind:14} {r['modality']:12} "
                     f"{summary}  [{counts}]")
        if r["evidence"]:
            lines.append(f"{'':12}“{r['evidence'][0]['sentence'][:110]}”")
    return "\n".join(lines)


def write_events_csv(rows: list[dict], out, lang: str = "ru") -> None:
    import csv

    from ..store.query import actor_names

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_CSV_COLUMNS)
    for r in rows:
        writer.writerow([
            r["key"], r["date"], r["date_precision"], r["code"], r["plover"], r["mode"],
            r["context"], r["modality"], r["goldstein"], r["quad"],
            actor_names(r["actors"], lang), ";".join(r["actor_codes"] or []),
            actor_names(r["recipients"], lang), ";".join(r["recipient_codes"] or []),
            r["place_text"], r["articles"], r["sources"], (r["summary"] or {}).get(lang, ""),
            r["first_article"], r["evidence"][0]["sentence"] if r["evidence"] else "",
        ])
