"""The linking stage: every mention to a KB entity, with its actor code on the article date.

1. KB names NER missed are added (``gazetteer``: "Путин подписал…", "Лачинский коридор").
2. Role and institution phrases are found by lemma (``phrases``). One right before a
   person's name describes that person ("президент Азербайджана Ильхам Алиев"); one on its
   own becomes a mention of its own (``source = "role"``): "президент России" → whoever
   held the post that day, "азербайджанский коллега" → the counterpart of the person the
   sentence is about, "российские миротворцы" → org:RUS-peacekeepers (RUSMIL). It spans
   the country named after it ("президент России"); name mentions inside it stay, nested.
3. Each cluster of mentions is linked once: candidates by alias (exact, then lemma key),
   of a compatible type, ranked by the post held on the article date, the descriptor, and
   the countries the document names (``resolve``). Nothing found: a stable local id.
4. Metonymy: a capital acting, addressed or taking part ("Баку и Ереван оспаривают",
   "призвал Киев", "позиция Анкары") is its government (``metonymy``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..nlp.names import document_evidence, lemma_of
from ..nlp.nerfix import CLOSE_QUOTES, OPEN_QUOTES
from ..records import ORG, PER, Doc, Mention
from .base import KB
from .codes import dated_code
from .gazetteer import missed_mentions
from .keys import key, word_lemma
from .metonymy import SUBJECT_RELS, acts_as_government
from .model import Entity
from .namesakes import maybe_surname, relatives
from .phrases import Match, Word, find_phrases
from .resolve import LOCAL, Context, choose, local_id
from .roles import resolve_phrase
from .titles import title_of
from .where import context_country

APPOSITION_CLOSE = {",", ".", "—", "–", "-", ")", ";", "!", "?", ":"}


def link_doc(doc: Doc, resources) -> None:
    kb: KB = resources.kb
    when = doc.article.published
    words = [_word(kb, t) for t in doc.tokens]
    matches = [_situated(doc, kb, words, m) for m in find_phrases(kb, words)]
    context = Context(when, _doc_countries(kb, doc), _full_names(doc))
    missed = missed_mentions(doc, kb, words, context)
    evidence = document_evidence(doc, resources) if missed else None  # once, not per mention
    for mention in missed:
        mention.lemma = mention.normal = lemma_of(doc, mention, resources, evidence)
    if missed:
        doc.mentions = sorted(doc.mentions + missed, key=lambda m: m.start)
    descriptors = _descriptors(doc, kb, words, matches)
    kin = relatives()
    for mention in doc.mentions:
        if _relatives_name(doc, kb, words, mention, kin):  # its own name, not its namesake's
            mention.normal = mention.lemma or mention.text
            mention.cluster = -1
    for cluster in _clusters(doc):
        if all(_relatives_name(doc, kb, words, m, kin) for m in cluster):
            for mention in cluster:
                _set(kb, mention, None, when)
            continue
        descriptor = next((d for m in cluster if (d := descriptors.get(id(m)))), None)
        extra = [_tagger_lemmas(doc, m) for m in cluster]
        titles = [t for m in cluster if m.type == PER and (t := title_of(doc, kb, words, m))]
        places = not any(m.type == ORG and _quoted(doc, m) for m in cluster)
        entity = choose(kb, cluster, context, descriptor, extra, titles, places) or _joined(
            doc, kb, cluster)
        if entity is not None and _other_nationality(doc, kb, words, cluster, entity):
            entity = None
        for mention in cluster:
            if entity is not None and (entity.type == PER) != (mention.type == PER):
                assert entity.type is not None  # a KB entity's kind has an NER type (KIND_TYPES)
                mention.type = entity.type  # "Байдена" tagged LOC is the person the KB knows
            _set(kb, mention, entity, when, descriptor)
    _add_phrase_mentions(doc, kb, words, matches, descriptors, when)
    for mention in doc.mentions:
        _metonymy(doc, kb, mention, when)


def _relatives_name(doc: Doc, kb: KB, words: list[Word], mention: Mention, kin) -> bool:
    """A one-word name in apposition right after a word for a descendant ("сын Гейдар",
    "сыну Саиду"; ``namesakes.yaml``): a child's given name, not the famous forebear it may
    be named after (nor the one coref took it for)."""
    span = doc.token_range(mention.start, mention.stop)
    if mention.type != PER or len(span) != 1 or span[0] == 0:
        return False
    before = span[0] - 1
    cases = [doc.tokens[i].feats.get("Case") for i in (before, span[0])]
    # in apposition (the same case: "дочь Назарбаева" is his), a given name ("Дочери
    # Назарбаева" may be two genitives)
    return (words[before].lemma in kin and cases[0] is not None and cases[0] == cases[1]
            and not maybe_surname(kb, mention.text)
            and doc.tokens[before].sentence == doc.tokens[span[0]].sentence)


def _other_nationality(doc: Doc, kb: KB, words: list[Word], cluster: list[Mention],
                       entity: Entity) -> bool:
    """A bare surname said after a country adjective and a noun in apposition
    ("американский астронавт Фишер") of a country the KB person never served: a namesake."""
    if entity.kind != "person" or any(
            len(doc.token_range(m.start, m.stop)) != 1 for m in cluster):
        return False
    own = {r.country for r in entity.roles} | {entity.country}
    for mention in cluster:
        first = doc.token_range(mention.start, mention.stop)[0]
        noun, adjective = first - 1, first - 2
        if adjective < 0 or not words[noun].noun or not words[noun].text.islower() or (
                doc.tokens[adjective].sentence != doc.tokens[first].sentence):
            continue
        cases = {doc.tokens[i].feats.get("Case") for i in (adjective, noun, first)} - {None}
        country = kb.country_of_adjective(words[adjective].text)
        if country is not None and len(cases) < 2 and country.code not in own:
            return True
    return False


def _word(kb: KB, token) -> Word:
    """A token for phrase matching; plural if the tagger or pymorphy says so (the tagger
    takes a capitalised "Президенты" at the start of a sentence for a singular name)."""
    plural = token.feats.get("Number") == "Plur" or (
        token.pos in ("NOUN", "PROPN")
        and kb.morph.parse(token.text)[0].feats.get("Number") == "Plur")
    return Word(token.text, word_lemma(kb.morph, token.text), token.start, token.stop,
                plural, token.pos in ("NOUN", "PROPN"))


def _situated(doc: Doc, kb: KB, words: list[Word], match: Match) -> Match:
    """A domestic post, or a domestic institution acting, said without a country ("в Сирии
    боевики…", "мэр столицы") takes the country of its sentence or article (``where``),
    when clear."""
    if match.country is not None or match.kind not in ("role", "institution"):
        return match
    kind = (kb.institution_types if match.kind == "institution" else kb.role_types).get(
        match.phrase.target)
    if kind is None or not kind.domestic or (
            match.kind == "institution" and not _acting(doc, words, match)):
        return match
    country = context_country(doc, kb, words[match.first].start)
    return replace(match, country=country) if country is not None else match


def _acting(doc: Doc, words: list[Word], match: Match) -> bool:
    """A group acting: the phrase's noun is a subject ("полиция задержала", "боевики и
    военные…"), not "здание парламента" or the adjective of "военный кабинет"."""
    head = next((i for i in range(match.first, match.stop) if words[i].noun), None)
    if head is None:
        return False
    token = doc.tokens[head]
    if token.rel == "conj" and token.head >= 0:
        token = doc.tokens[token.head]
    return token.rel in SUBJECT_RELS


def _quoted(doc: Doc, mention: Mention) -> bool:
    """An organisation named in quotes («Барселона», «Ленинград») is a club, a band, a
    paper: never the place it is named after (places are not quoted)."""
    before = doc.text[max(0, mention.start - 3) : mention.start].rstrip()[-1:]
    after = doc.text[mention.stop : mention.stop + 3].lstrip()[:1]
    return bool(before) and before in OPEN_QUOTES and bool(after) and after in CLOSE_QUOTES


def _tagger_lemmas(doc: Doc, mention: Mention) -> str:
    """The tagger's lemmas of a mention's words: a second chance when name normalisation
    fails on a rare name ("Хамидом Карзаем")."""
    return " ".join(doc.tokens[i].lemma for i in doc.token_range(mention.start, mention.stop))


def _joined(doc: Doc, kb: KB, cluster: list[Mention]) -> Entity | None:
    """A name NER split in two: "Совет Безопасности" + "ООН", "Армия обороны" + "Израиля"."""
    for mention in cluster:
        after = [m for m in doc.mentions if m.start > mention.stop
                 and not doc.text[mention.stop : m.start].strip()]
        if not after:
            continue
        tail = doc.text[mention.stop : after[0].stop]
        found = [e for e in kb.candidates(mention.normal + tail, mention.text + tail)
                 if e.type != PER]
        if found:
            return found[0]
    return None


def _clusters(doc: Doc) -> list[list[Mention]]:
    groups: dict[tuple, list[Mention]] = {}
    for mention in doc.mentions:
        groups.setdefault((mention.type, mention.cluster, key(mention.normal)), []).append(
            mention)
    return list(groups.values())


def _descriptors(doc: Doc, kb: KB, words: list[Word], matches: list[Match]) -> dict[int, Match]:
    """Role phrases in apposition to a person's name, by id() of the mention: right before
    it (honorifics between them), or after it between commas ("Иванов, бывший министр
    обороны, заявил")."""
    starts = {m.start: m for m in doc.mentions if m.type == PER}
    stops = {m.stop: m for m in doc.mentions if m.type == PER}
    found = {}
    for match in matches:
        if match.kind == "institution":
            continue
        after = match.stop
        while after < len(words) and words[after].lemma in kb.honorifics:
            after += 1
        mention = starts.get(words[after].start) if after < len(words) else None
        if mention is None:
            mention = _named_before(doc, words, match, stops)
        if mention is not None:  # in apposition: "президент Азербайджана Ильхам Алиев"
            found[id(mention)] = match
    return found


def _named_before(doc: Doc, words: list[Word], match: Match, stops: dict) -> Mention | None:
    """The name an apposition after it describes: "<name>, <phrase>" closed by a comma, a
    dash or the end of the sentence (not "<name>, <phrase> и …": a list of people)."""
    first, stop = match.first, match.stop
    if first < 2 or words[first - 1].text != ",":
        return None
    sentence = doc.tokens[first].sentence
    closed = stop == len(words) or doc.tokens[stop].sentence != sentence or (
        words[stop].text in APPOSITION_CLOSE)
    return stops.get(words[first - 2].stop) if closed else None


def _doc_countries(kb: KB, doc: Doc) -> set[str]:
    """Codes of the countries the document names (an imported one may have none)."""
    return {e.code for m in doc.mentions for e in kb.candidates(m.normal)
            if e.kind == "country" and e.code}


def _full_names(doc: Doc) -> list[str]:
    """The names of two words or more the document gives people ("Ирина Лаврова")."""
    return list(dict.fromkeys(n for m in doc.mentions if m.type == PER
                              for n in (m.normal, m.lemma) if n and len(n.split()) > 1))


def _set(kb: KB, mention: Mention, entity: Entity | None, when: date | None,
         descriptor: Match | None = None) -> None:
    if entity is None:
        mention.kb_id = local_id(mention.type, mention.normal)
        mention.code = _descriptor_code(kb, descriptor)
        _set_labels(mention, kb.labels(_local_entity(mention)))
        return
    mention.kb_id, mention.wikidata = entity.id, entity.qid
    dated = dated_code(kb, entity, when)
    mention.code, mention.code_flags = dated.code, list(dated.flags)
    _set_labels(mention, kb.labels(entity))


def _set_labels(mention: Mention, labels) -> None:
    mention.labels, mention.labels_fallback = labels.to_json(), list(labels.fallback)


def _local_entity(mention: Mention) -> Entity:
    assert mention.kb_id is not None  # _set gives the mention its local id first
    return Entity(id=mention.kb_id, kind=LOCAL, name=mention.normal)


def _descriptor_code(kb: KB, match: Match | None) -> str | None:
    if match is None or match.country is None:
        return None
    kind = kb.role_types.get(match.phrase.target) or kb.role_types["other"]  # counterpart
    return kind.code_in(match.country.code)


def _add_phrase_mentions(doc, kb, words, matches, descriptors, when) -> None:
    described = {id(m) for m in descriptors.values()}
    added = []
    for match in matches:
        start, stop = words[match.first].start, words[match.stop - 1].stop
        inside = [m for m in doc.mentions if start <= m.start and m.stop <= stop]
        crossed = any(m.start < stop and start < m.stop for m in doc.mentions
                      if m not in inside)
        plural_people = match.plural and match.kind != "institution"
        if crossed:
            continue
        _relink_institutions(kb, words, match, inside, when)
        if id(match) in described or plural_people:
            continue
        if any((m.start, m.stop) == (start, stop) for m in inside):
            continue
        mention = _phrase_mention(doc, kb, match, start, stop, when)
        if mention is not None:  # at once: a later "коллега" takes its post from it
            doc.mentions.append(mention)
            added.append(mention)
    if added:
        doc.mentions.sort(key=lambda m: m.start)


def _relink_institutions(kb, words, match: Match, inside: list[Mention], when) -> None:
    """"МИД" tagged alone inside "глава МИД Армении": the Armenian foreign ministry."""
    if match.country is None:
        return
    for mention in inside:
        if mention.type != "ORG" or not (mention.kb_id or "").startswith(f"{LOCAL}:"):
            continue
        own = [w for w in words if mention.start <= w.start and w.stop <= mention.stop]
        kinds = [m for m in find_phrases(kb, own) if m.kind == "institution"]
        if kinds:
            _set(kb, mention, kb.institution(kinds[0].phrase.target, match.country), when)


def _phrase_mention(doc, kb, match, start, stop, when) -> Mention | None:
    resolved = resolve_phrase(doc, kb, match, start, when)
    if resolved is None:
        return None
    entity, type, code = resolved
    text = doc.text[start:stop]
    local = entity.kind == LOCAL
    mention = Mention(start, stop, type, text, normal=text if local else entity.name,
                      lemma=text, sentence=doc.sentence_at(start), source="role")
    _set(kb, mention, None if local else entity, when)
    if local:
        mention.kb_id, mention.code = entity.id, code
    return mention


def _metonymy(doc: Doc, kb: KB, mention: Mention, when: date | None) -> None:
    """A capital acting, addressed or taking part is its government (``metonymy``)."""
    entity = kb.get(mention.kb_id)
    if entity is None or not entity.capital_of or not acts_as_government(doc, mention):
        return
    if entity.acts_for:  # "решение Брюсселя": the EU, not Belgium
        _set(kb, mention, kb.get(entity.acts_for), when)
        return
    country = kb.country(entity.capital_of)
    if country is not None and "government" in kb.institution_types:
        _set(kb, mention, kb.institution("government", country), when)


def link_speakers_doc(doc: Doc, resources) -> None:
    """A quote's speaker gets the KB id of the mention it overlaps, else of its name."""
    kb: KB = resources.kb
    for quote in doc.quotes:
        speaker = quote.speaker
        if speaker is None:
            continue
        overlapping = [m for m in doc.mentions if speaker.start is not None
                       and speaker.stop is not None  # set with start (a speaker's span)
                       and m.start < speaker.stop and speaker.start < m.stop]
        linked = [m for m in overlapping if m.kb_id]
        if linked:
            speaker.kb_id = max(linked, key=lambda m: m.stop - m.start).kb_id
            continue
        found = [e for e in kb.candidates(speaker.normal, speaker.text) if e.type != PER]
        speaker.kb_id = found[0].id if found else None
