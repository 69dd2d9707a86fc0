"""Terminal renderings: an article with its annotations highlighted, and store statistics.

Text from articles and the store passes through ``clean`` before it is printed: terminal
control sequences in a page (colours, cursor moves, window titles, BEL, backspace,
carriage returns) never reach the terminal. Only ``show``'s own colours do.
"""

from __future__ import annotations

import itertools
import json
import re

import click

ENTITY_COLORS = {"PER": "cyan", "LOC": "green", "ORG": "magenta"}

# Terminal control sequences, each removed whole: CSI (ESC [ or 8-bit CSI: colours, cursor
# moves), string commands (OSC ESC ], DCS ESC P, SOS ESC X, PM ESC ^, APC ESC _, and their
# 8-bit forms) up to BEL or ST (or the end of the line when unterminated), other escapes
# (ESC c, ESC ( B), and any other C0 or C1 control and DEL. Tab, newline and carriage
# return are left to ``clean``.
CONTROL_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
GONE = "\x00"  # stands in for a removed character while offsets must hold
CRLF = re.compile(r"\r(?=\n)")
LINE_BREAKS = re.compile(r"[\r\n\t]")


def clean(text: str, *, lines: bool = False) -> str:
    """``text`` safe to print: control sequences removed. With ``lines``, line breaks stay
    (CR LF and a lone CR become LF) and so do tabs; without, each becomes a space."""
    return _masked(text, lines=lines).replace(GONE, "")


def _masked(text: str, *, lines: bool) -> str:
    """``clean``, but with every removed character replaced by GONE: offsets still hold."""
    masked = CONTROL_SEQUENCE.sub(lambda m: GONE * len(m.group()), text)
    if lines:
        return CRLF.sub(GONE, masked).replace("\r", "\n")
    return LINE_BREAKS.sub(" ", masked)


def _marks(doc: dict) -> list[tuple[int, int, dict]]:
    marks = [(m["start"], m["stop"], {"fg": ENTITY_COLORS.get(m["type"], "white"), "bold": True})
             for m in doc["mentions"]]
    marks += [(t["start"], t["stop"], {"fg": "yellow", "bold": True}) for t in doc["timexes"]]
    marks += [(q["start"], q["stop"], {"underline": True}) for q in doc["quotes"]]
    return marks


def highlight(text: str, marks: list[tuple[int, int, dict]]) -> str:
    """Style each stretch of ``text`` by the union of the marks that cover it; the text is
    cleaned first, as a whole (a control sequence may straddle a mark's edge)."""
    text = _masked(text, lines=True)
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for start, stop in itertools.pairwise(cuts):
        style: dict = {}
        for m_start, m_stop, m_style in marks:
            if m_start <= start and stop <= m_stop:
                style.update(m_style)
        chunk = text[start:stop].replace(GONE, "")
        out.append(click.style(chunk, **style) if style and chunk else chunk)
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
    """An article for `show`: its text with entities, dates and quotes highlighted, then
    lists of them and of its events; text from the article is cleaned."""
    head = clean(f"{doc['id']}  {doc['published'] or 'no date'}  {doc['path'] or ''}")
    legend = " ".join(click.style(t, fg=c, bold=True) for t, c in ENTITY_COLORS.items())
    legend += " " + click.style("DATE", fg="yellow", bold=True)
    legend += " " + click.style("quote", underline=True)
    text = highlight(doc["text"], _marks(doc)).strip()
    return "\n".join([head, legend, "", text, "", *map(clean, _lists(doc, lang))])


def _lists(doc: dict, lang: str) -> list[str]:
    lines = ["entities:"] + [_entity_line(m, lang) for m in doc["mentions"]]
    lines += ["dates:"] + [
        f"  {t['text']} → {t['value'] or '?'}"
        + (f" … {t['value_end']}" if t.get("value_end") else "") + f" ({t['precision']})"
        for t in doc["timexes"]
    ]
    lines += ["quotes:"] + [
        f"  «{q['text'][:70]}» — {q['speaker_normal'] or 'no speaker'}" for q in doc["quotes"]
    ]
    lines += ["events:"] + [_event_line(doc["text"], e, lang) for e in doc.get("events", [])]
    return lines


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
    return "\n".join(map(clean, lines))


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
    return "\n".join(map(clean, lines))


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
