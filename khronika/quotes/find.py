"""Direct and reported speech: the quoted words, who says them, and the cue that says so.

A quote is the text between quotation marks (``quotes.marks``), found over each analysed
block. Its speaker comes from, in order:

1. a cue after it: ``"…", - заявил Лавров`` (the subject of the speech verb);
2. a cue before a colon: ``Лавров заявил: "…"``;
3. a cue earlier in its sentence: ``Лавров заявил, что "…"``, ``По словам Лаврова, "…"``
   (the quote is then ``partial``: a fragment inside reported speech);
4. the context: the last speaker named in this or the previous block. Impersonal cues
   (``говорится в сообщении``, ``отмечается``) take it too, and so do quotes with no cue.

Speakers are noun phrases, resolved in ``speakers``; the cue words live in
``data/speech.yaml`` (``speech``). Short capitalised quotes that name something
(компания "Газпром", форум "Россия - Исламский мир") are not quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict

from ..records import ORG, Doc, Quote, Span, Speaker
from .speakers import State, build_state, child, np_speaker

DASHES = frozenset("-–—")
ENDS = frozenset(".!?;…")
MARKS = frozenset('«»„“”"')
SUBORDINATORS = frozenset({"что", "чтобы", "будто"})
LEADS = frozenset({"так", "об", "это", "этом"})  # "…". Об этом заявил Лавров.
INSERTION = re.compile(r"[,!?…]\s*[-–—]\s+([^«»„“”\"]{1,80}?)[,.:]\s*[-–—]\s+")
MAX_CUE_DISTANCE = 6  # words between a closing mark and its speech verb
MAX_NAME_WORDS = 6  # a capitalised quote after "компания", "форум"… of at most this many words
MAX_SHORT_WORDS = 3  # a capitalised quote this short needs a cue of its own to be speech


def quotes_doc(doc: Doc, resources) -> None:
    """Fill ``doc.quotes``: every quotation in the title and body, with its speaker."""
    state = build_state(doc, resources)
    by_sentence = defaultdict(list)
    for open_, close, block in state.spans:
        by_sentence[doc.sentence_at(open_)].append((open_, close, block))
    for index, sent in enumerate(doc.sentences):
        for open_, close, block in by_sentence[index]:
            for quote in _quotes(state, open_, close, block):
                doc.quotes.append(quote)
                _remember(state, quote.speaker, block)
        _remember(state, _sentence_speaker(state, index), sent.block)


def _remember(state: State, speaker: Speaker | None, block: int) -> None:
    if speaker is not None:
        state.current, state.current_block = speaker, block


def _context(state: State, block: int) -> Speaker | None:
    """The speaker in context: named in this block or the one before."""
    return state.current if block - state.current_block <= 1 else None


# --- one quote ---------------------------------------------------------------------------


def _quotes(state: State, open_: int, close: int, block: int) -> list[Quote]:
    """The quote between two marks: none for a name, two when the author interrupts it."""
    text = state.doc.text
    start, stop = _trim(text, open_ + 1, close)
    if start >= stop:
        return []
    inserted = _interruption(state, start, stop)
    cue = inserted[1] if inserted else _after_cue(state, close, block)
    if cue is None:
        cue = _colon_cue(state, open_, block)
    headline = _colon_source(state, open_, block) if cue is None else None
    direct = cue is not None or headline is not None
    if _is_name(state, open_, start, stop, direct):
        return []
    if not direct:
        cue = _inline_cue(state, open_)
    partial = not direct and _is_partial(state, open_, start, cue)
    if partial and cue is None and len(text[start:stop].split()) <= MAX_SHORT_WORDS:
        return []  # a term in quotes: переговоры в "нормандском формате"
    speaker, cue_span = _attribute(state, cue, block)
    parts = _parts(text, start, stop, inserted[0]) if inserted else [(start, stop)]
    return [
        Quote(a, b, text[a:b], headline or speaker, cue_span, partial, state.doc.sentence_at(a))
        for a, b in parts
    ]


def _interruption(state: State, start: int, stop: int) -> tuple[re.Match, int] | None:
    """The author's words inside a quote: "Мы готовы, - заявил Лавров, - но …"."""
    match = INSERTION.search(state.doc.text, start, stop)
    if match is None:
        return None
    tokens = state.doc.tokens
    first, last = match.span(1)
    inner = range(bisect_left(state.starts, first), bisect_left(state.starts, last))
    verbs = [i for i in inner if tokens[i].pos == "VERB" and state.lex.is_speech(tokens[i].lemma)]
    if not verbs:
        return None
    for index in inner:
        state.quoted[index] = False
    return match, verbs[0]


def _parts(text: str, start: int, stop: int, match: re.Match) -> list[tuple[int, int]]:
    first_stop = match.start() + (text[match.start()] != ",")
    return [(start, first_stop), (match.end(), stop)]


def _trim(text: str, start: int, stop: int) -> tuple[int, int]:
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return start, stop


def _is_name(state: State, open_: int, start: int, stop: int, direct: bool) -> bool:
    """«Газпром», форум "Россия - Исламский мир": a short capitalised name, not speech."""
    text = state.doc.text[start:stop]
    if not (text[:1].isupper() or text[:1].isdigit()):
        return False
    words = [w for w in text.split() if w not in DASHES]
    before = _token_before(state, open_)
    named = before is not None and state.doc.tokens[before].lemma in state.lex.name_heads
    if named and len(words) <= MAX_NAME_WORDS:
        return True
    if len(words) > MAX_SHORT_WORDS:
        return False
    if any(m.type == ORG and m.start < stop and m.stop > start for m in state.doc.mentions):
        return True
    return not direct and not _sounds_spoken(state, start, stop)


def _sounds_spoken(state: State, start: int, stop: int) -> bool:
    """A finite verb or a first or second person pronoun: "Мы требуем мира"."""
    first, last = bisect_left(state.starts, start), bisect_left(state.starts, stop)
    return any(
        token.feats.get("VerbForm") == "Fin" or token.feats.get("Person") in ("1", "2")
        for token in state.doc.tokens[first:last]
    )


def _is_partial(state: State, open_: int, start: int, cue: int | None) -> bool:
    """A fragment inside reported speech, not a whole utterance."""
    doc = state.doc
    sentence = doc.sentences[doc.sentence_at(open_)]
    if not doc.text[sentence.start : open_].strip():
        return False
    if doc.text[start].islower() or cue is None:
        return True
    between = range(cue + 1, bisect_left(state.starts, open_))
    return any(doc.tokens[i].lemma in SUBORDINATORS for i in between)


def _token_before(state: State, offset: int) -> int | None:
    index = bisect_left(state.starts, offset) - 1
    return index if index >= 0 else None


# --- cues --------------------------------------------------------------------------------


def _is_cue(state: State, index: int) -> bool:
    token = state.doc.tokens[index]
    if state.quoted[index]:
        return False
    return (token.pos in ("VERB", "AUX") and state.lex.is_speech(token.lemma)) or _is_according(
        state, index
    )


def _is_according(state: State, index: int) -> bool:
    """Token ``index`` is the noun of "по словам", "по мнению"."""
    tokens = state.doc.tokens
    pair = (tokens[index - 1].lemma, tokens[index].lemma) if index > 0 else None
    return pair in state.lex.according_to


def _after_cue(state: State, close: int, block: int) -> int | None:
    """The speech verb after a quote: "…", - заявил Лавров / "…". Об этом сообщил Лавров."""
    tokens, index = state.doc.tokens, bisect_right(state.starts, close)
    skipped = []
    while index < len(tokens) and tokens[index].pos == "PUNCT" and tokens[index].text not in MARKS:
        skipped.append(tokens[index].text)
        index += 1
    if any(set(text) <= DASHES for text in skipped):
        return _verb_ahead(state, index, block, MAX_CUE_DISTANCE)
    if skipped[:1] == [","]:
        return _verb_ahead(state, index, block, 1)
    lead = index
    while lead < len(tokens) and tokens[lead].text.lower() in LEADS:
        lead += 1
    if skipped and skipped[-1] in ENDS and lead > index:
        return _verb_ahead(state, lead, block, 1)
    return None


def _verb_ahead(state: State, index: int, block: int, distance: int) -> int | None:
    doc = state.doc
    for k in range(index, min(index + distance, len(doc.tokens))):
        token = doc.tokens[k]
        if doc.sentences[token.sentence].block != block or token.text in MARKS | ENDS | {":"}:
            return None
        if _is_cue(state, k):
            return k
    return None


def _colon_cue(state: State, open_: int, block: int) -> int | None:
    """Лавров заявил: "…": the speech verb before a colon that opens the quote."""
    text = state.doc.text
    before = text[:open_].rstrip()
    if not before.endswith(":") or len(before) <= state.doc.article.blocks()[block].start:
        return None
    return _cue_before(state, bisect_left(state.starts, len(before) - 1))


def _colon_source(state: State, open_: int, block: int) -> Speaker | None:
    """A headline's "Лавров: "…"": a short name alone before the colon speaks."""
    doc = state.doc
    colon = len(doc.text[:open_].rstrip()) - 1
    sentence = doc.sentences[doc.sentence_at(open_)]
    if doc.text[colon] != ":" or colon <= sentence.start:
        return None
    ids = range(sentence.token_start, bisect_left(state.starts, colon))
    words = [i for i in ids if doc.tokens[i].pos != "PUNCT"]
    if not words or len(words) > MAX_SHORT_WORDS or not doc.tokens[words[0]].text[0].isupper():
        return None
    heads = [i for i in words if doc.tokens[i].head not in ids]
    return np_speaker(state, heads[0]) if len(heads) == 1 else None


def _inline_cue(state: State, open_: int) -> int | None:
    """Лавров заявил, что "…" / По словам Лаврова, "…": a cue earlier in the sentence."""
    return _cue_before(state, bisect_left(state.starts, open_))


def _cue_before(state: State, index: int) -> int | None:
    """The nearest cue before token ``index`` in its sentence."""
    tokens = state.doc.tokens
    if index >= len(tokens):
        return None
    first = state.doc.sentences[tokens[index].sentence].token_start
    for k in range(index - 1, first - 1, -1):
        if _is_cue(state, k):
            return k
    return None


# --- speakers ----------------------------------------------------------------------------


def _attribute(state: State, cue: int | None, block: int) -> tuple[Speaker | None, Span | None]:
    if cue is None:
        return _context(state, block), None
    if _is_according(state, cue):
        speaker = np_speaker(state, child(state, cue, ("nmod",)))
        return speaker or _context(state, block), _span(state, cue - 1, cue)
    speaker = _verb_speaker(state, cue)
    return speaker or _context(state, block), _cue_span(state, cue)


def _cue_span(state: State, verb: int) -> Span:
    """The verb, or for an impersonal cue the verb and its place: "говорится в сообщении"."""
    if state.doc.tokens[verb].lemma in state.lex.impersonal:
        place = child(state, verb, ("obl",))
        if place is not None and place > verb:
            return _span(state, verb, place)
    return _span(state, verb, verb)


def _span(state: State, first: int, last: int) -> Span:
    return Span(state.doc.tokens[first].start, state.doc.tokens[last].stop)


def _verb_speaker(state: State, verb: int) -> Speaker | None:
    """Who the speech verb names as speaker; None leaves it to the context."""
    token, lex = state.doc.tokens[verb], state.lex
    if token.lemma in lex.object_speaker and child(state, verb, ("obj",)) is not None:
        return np_speaker(state, child(state, verb, ("obj",)))
    subject = _subject(state, verb)
    if subject is not None:
        return np_speaker(state, subject)
    if token.lemma in lex.impersonal:
        place = child(state, verb, ("obl",))
        source = child(state, place, ("nmod",)) if place is not None else None
        return np_speaker(state, source)
    if token.feats.get("Number") == "Plur":
        return np_speaker(state, _locative(state, verb), locative=True)
    return None


def _subject(state: State, verb: int) -> int | None:
    subject = child(state, verb, ("nsubj",))
    token = state.doc.tokens[verb]
    if subject is None and token.rel == "conj" and token.head >= 0:
        return child(state, token.head, ("nsubj",))
    return subject


def _locative(state: State, verb: int) -> int | None:
    """The place that speaks: "подчеркнули в Кремле", "в пресс-службе добавили"."""
    for index in state.children[verb]:
        token = state.doc.tokens[index]
        cases = [state.doc.tokens[c].lemma for c in state.children[index]]
        if token.rel == "obl" and token.feats.get("Case") == "Loc" and "в" in cases:
            return index
    return None


def _sentence_speaker(state: State, index: int) -> Speaker | None:
    """The last speaker a sentence names outside quotes: "Об этом сообщила пресс-служба"."""
    sent, found = state.doc.sentences[index], None
    for k in range(sent.token_start, sent.token_stop):
        if not _is_cue(state, k):
            continue
        if _is_according(state, k):
            found = np_speaker(state, child(state, k, ("nmod",))) or found
        elif state.doc.tokens[k].lemma not in state.lex.impersonal:
            found = _verb_speaker(state, k) or found
    return found
