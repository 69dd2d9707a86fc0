"""One-line event summaries in Russian, English and Arabic, from ``data/summaries.yaml``.

Templates per CAMEO code (falling back to the parent code, then the root) with
``{actor}``, ``{recipient}`` and, in Russian, ``{recipient:ins}`` (the case the verb
governs: the name is inflected with pymorphy) and ``[masc|fem|neut|plural]`` verb forms
agreeing with the actor. ``*_alone`` templates serve events without a recipient and
``*_none`` events without any participant. An event that did not or not yet happen
(negated, future, hypothetical) says so first: "Did not happen: …"; its place, if any,
comes last in brackets.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..records import PER, Actor, Event
from .ontology import cameo

LANGS = ("ru", "en", "ar")
UNKNOWN = {"ru": "Неустановленные лица", "en": "Unidentified actors", "ar": "جهات مجهولة"}
AND = {"ru": " и ", "en": " and ", "ar": " و"}
COMMA = {"ru": ", ", "en": ", ", "ar": "، "}
# case endings of a man's surname pymorphy does not know ("Пашинян" → "Пашиняном")
SURNAME_ENDINGS = {"Gen": "а", "Dat": "у", "Acc": "а", "Ins": "ом", "Loc": "е"}
CASES = {"gen": "Gen", "dat": "Dat", "acc": "Acc", "ins": "Ins", "loc": "Loc"}
PLACEHOLDER = re.compile(r"\{(actor|recipient)(?::(\w+))?\}")
AGREEMENT = re.compile(r"\[([^\[\]|]*)\|([^\[\]|]*)\|([^\[\]|]*)\|([^\[\]|]*)\]")


def templates() -> dict[str, dict[str, Any]]:
    """The summary templates (``events/data/summaries.yaml``, through the data loader)."""
    from ..resources import shipped

    return shipped("summaries")


def parse_templates(path: Path) -> dict[str, dict[str, Any]]:
    """Code → language key → template; "modality" → modality → language → marker."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(k): v for k, v in (data or {}).items() if isinstance(v, dict)}


def _entry(code: str) -> dict[str, str]:
    found = templates()
    for key in (code, code[:3], code[:2]):
        if key in found:
            return found[key]
    return {}


def _name(actor: Actor, lang: str) -> str:
    return actor.labels.get(lang) or (actor.normal if lang == "ru" else "") or actor.text


def _join(names: list[str], lang: str) -> str:
    names = list(dict.fromkeys(names))
    if len(names) < 2:
        return names[0] if names else ""
    return COMMA[lang].join(names[:-1]) + AND[lang] + names[-1]


def summarize(event: Event, kb) -> dict[str, str]:
    entry = _entry(event.code)
    out = {}
    for lang in LANGS:
        actors = [_name(a, lang) for a in event.actors]
        recipients = [_name(r, lang) for r in event.recipients]
        if not actors and not recipients:
            template = entry.get(f"{lang}_none")
        elif not recipients:
            template = entry.get(f"{lang}_alone")
        else:
            template = entry.get(lang)
            if not actors:
                actors = [UNKNOWN[lang]]
        if not template:
            out[lang] = _fallback(event, lang, actors, recipients)
            continue
        out[lang] = _fill(template, lang, event, actors, recipients, kb)
    marker: dict[str, str] = templates().get("modality", {}).get(event.modality, {})
    where = _place_names(event, kb)
    return {lang: marker.get(lang, "") + line + (f" ({where[lang]})" if where else "")
            for lang, line in out.items()}


def _place_names(event: Event, kb) -> dict[str, str]:
    """The event's place in each language, when it has one the summary does not name."""
    if event.place is None:
        return {}
    entity = kb.get(event.place.kb_id) if kb is not None and event.place.kb_id else None
    labels = kb.labels(entity).to_json() if entity is not None else {}
    names = {lang: labels.get(lang) or event.place.normal or event.place.text for lang in LANGS}
    return {} if any(names["ru"] in a.normal for a in event.actors + event.recipients) else names


def _fallback(event: Event, lang: str, actors: list[str], recipients: list[str]) -> str:
    name = cameo(event.code).name
    parts = [_join(actors, lang), f"[{event.code} {name}]", _join(recipients, lang)]
    return " ".join(p for p in parts if p)


def _fill(template: str, lang: str, event: Event, actors: list[str], recipients: list[str],
          kb) -> str:
    def value(match: re.Match) -> str:
        names = actors if match.group(1) == "actor" else recipients
        case = CASES.get(match.group(2) or "")
        if lang == "ru" and case and kb is not None:
            people = [r.type == PER for r in event.recipients]
            names = [inflect(kb.morph, n, case, p) for n, p in zip(names, people + [False] *
                                                                   len(names), strict=False)]
        return _join(names, lang)

    text = PLACEHOLDER.sub(value, template)
    if lang == "ru":
        form = _form(kb, event, actors)
        text = AGREEMENT.sub(lambda m: m.group(form + 1), text)
    text = text.strip()
    return text[:1].upper() + text[1:]


def _form(kb, event: Event, actors: list[str]) -> int:
    """0 masculine, 1 feminine, 2 neuter, 3 plural: the actor's agreement."""
    if len(event.actors) != 1 or kb is None:
        return 3 if len(event.actors) > 1 or not event.actors else 0
    first = actors[0].split()[0] if actors and actors[0] else ""
    for parse in _parses(kb.morph, first):
        if "nomn" in parse.tag:
            if "plur" in parse.tag:
                return 3
            return {"masc": 0, "femn": 1, "neut": 2}.get(parse.tag.gender, 0)
    return 0


@lru_cache(maxsize=20_000)
def _parses(morph, word: str):
    from pymorphy2 import MorphAnalyzer

    return tuple(MorphAnalyzer.parse(morph, word))


@lru_cache(maxsize=20_000)
def inflect(morph, name: str, case: str, person: bool = False) -> str:
    """``name`` (nominative) in ``case``: every word of a person's name; of other names,
    the words up to the first noun ("Министерство иностранных дел" → "Министерством
    иностранных дел")."""
    words = name.split()
    out = []
    done = False
    masculine = True
    for word in words:
        if done or not any(ch.isalpha() for ch in word):
            out.append(word)
            continue
        parse = next((p for p in _parses(morph, word) if "nomn" in p.tag and (
            not person or {"Name", "Surn", "Patr"} & set(p.tag.grammemes)
            or "plur" not in p.tag)), None)
        form = parse.inflect({case}) if parse is not None else None
        if parse is not None and form is not None:
            out.append(_cased(word, form.word))
            masculine = masculine and parse.tag.gender != "femn"
        elif person and masculine and word[-1].lower() in "бвгджзклмнпрстфхцчшщ":
            out.append(word + SURNAME_ENDINGS.get(case, ""))
        else:
            out.append(word)
        if not person and parse is not None and parse.tag.POS == "NOUN":
            done = True
    return " ".join(out)


def _cased(original: str, word: str) -> str:
    parts = original.split("-")
    new = word.split("-")
    if len(parts) == len(new):
        return "-".join(n[:1].upper() + n[1:] if p[:1].isupper() else n
                        for p, n in zip(parts, new, strict=True))
    return word[:1].upper() + word[1:] if original[:1].isupper() else word
