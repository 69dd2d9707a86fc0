"""KB names that NER missed: "Путин подписал…" at the start of a sentence, "Лачинский
коридор" untagged. A capitalised span no mention covers is looked up in the KB: a
multi-word alias of any entity, or a one-word surname of a person the linker would accept
for a bare surname (``resolve.plausible_surname``; the tagger must read it as animate).
Found mentions have ``source = "kb"`` and are linked like the others.
"""

from __future__ import annotations

from ..records import Doc, Mention
from .base import KB
from .model import Entity
from .phrases import Word
from .resolve import Context, plausible_surname

MAX_WORDS = 4


def missed_mentions(doc: Doc, kb: KB, words: list[Word], context: Context) -> list[Mention]:
    covered = {i for m in doc.mentions for i in doc.token_range(m.start, m.stop)}
    found, i = [], 0
    while i < len(words):
        hit = None if i in covered or not words[i].text[:1].isupper() else _at(
            doc, kb, words, covered, i, context)
        if hit is None:
            i += 1
            continue
        size, entity = hit
        start, stop = words[i].start, words[i + size - 1].stop
        text = doc.text[start:stop]
        found.append(Mention(start, stop, entity.type, text, normal=entity.name, lemma=text,
                             sentence=doc.sentence_at(start), source="kb"))
        i += size
    return found


def _at(doc: Doc, kb: KB, words: list[Word], covered: set[int], i: int, context: Context):
    sentence = doc.tokens[i].sentence
    for size in range(MAX_WORDS, 0, -1):
        span = range(i, i + size)
        if span.stop > len(words) or any(
                j in covered or doc.tokens[j].sentence != sentence
                or not any(ch.isalnum() for ch in words[j].text) for j in span):
            continue
        text = " ".join(words[j].text for j in span)
        lemmas = " ".join(words[j].lemma for j in span)
        hits = [e for e in kb.candidates(text, lemmas)
                if e.type and _fits(doc, kb, e, i, size, context)]
        if hits and (len(hits) == 1 or size > 1 or all(e.kind == "person" for e in hits)):
            return size, hits[0]  # namesakes ("Алиев"): linking picks by date
    return None


def _fits(doc: Doc, kb: KB, entity: Entity, i: int, size: int, context: Context) -> bool:
    if size > 1:  # a multi-word alias is specific enough
        return True
    token = doc.tokens[i]
    if entity.kind != "person" or token.feats.get("Animacy") != "Anim" or not entity.roles:
        return False
    return plausible_surname(kb, entity, context)
