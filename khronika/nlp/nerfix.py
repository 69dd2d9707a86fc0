"""Corrections to natasha's NER mentions, driven by ``data/ner_fixes.yaml``.

natasha's NewsNERTagger makes a few systematic errors on news text that rules fix well:
a name and its bracketed abbreviation come out as one span ("Комитет защиты журналистов
(КЗЖ)"), legal forms ride along ("ОАО «Газпром»"), list bullets and quotes glue names
together, sentence-initial common words become names ("Супруга …"), unions are taken for
places ("ЕС"), the seat of an institution is taken for a place when it speaks ("в Кремле
заявили"), products in quotes are taken for organisations ("шаттл «Дискавери»").

The stage runs after ``nlp.ner_doc`` (it reads token lemmas, POS and syntax) and before
``names.normalize_doc``, which recomputes ``text``, ``lemma`` and ``normal`` of every mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ..records import LOC, ORG, PER, Doc, Mention, Token
from ..resources import Resources
from . import nameforms

SEPARATORS = re.compile(r"[«»„“”\"()\[\]•,;|\n]+")
STRIP = " \t\r\n.:!?-–—/'’"
OPEN_QUOTES = '«„“"'
CLOSE_QUOTES = '»“”"'
NAME_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"}
NOT_NAME_POS = {"VERB", "AUX", "ADJ", "ADV", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "PART", "NUM"}


@dataclass(frozen=True, slots=True)
class Fixes:
    """The rules of ``ner_fixes.yaml``, as sets of lower-case lemma keys."""

    menu_words: frozenset[str]
    never_alone: frozenset[str]
    org_descriptors: frozenset[str]
    product_heads: frozenset[str]
    types: dict[str, str]
    seats_of_power: frozenset[str]
    locative_prepositions: frozenset[str]
    speech_verbs: frozenset[str]
    place_nouns: frozenset[str]
    geo_heads: frozenset[str]
    domain: re.Pattern
    address_words: frozenset[str]
    org_heads: frozenset[str] = frozenset()
    leading_word_endings: tuple[str, ...] = ()
    person_org_heads: frozenset[str] = frozenset()
    bare_org_heads: frozenset[str] = frozenset()
    facility_heads: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    latin_given_names: frozenset[str] = frozenset()


def load_fixes(path: str | Path | None = None) -> Fixes:
    """The NER fixes shipped (``nlp/data/ner_fixes.yaml``), or those of another file."""
    if path is None:
        from ..resources import shipped

        return shipped("ner_fixes")
    return parse_fixes(Path(path))


def parse_fixes(path: Path) -> Fixes:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = {name: frozenset(_key(w) for w in data.get(name, [])) for name in _SETS}
    zones = "|".join(re.escape(z) for z in data.get("domain_zones", []))
    domain = re.compile(rf"(?<![\w@/.:-])\w[\w-]*(?:\.[\w-]+)*\.(?:{zones})\b(?![./]\w)", re.I)
    types = {_key(k): v for k, v in data.get("types", {}).items()}
    endings = tuple(_key(w) for w in data.get("leading_word_endings", []))
    return Fixes(**keys, types=types, domain=domain, leading_word_endings=endings)


_SETS = (
    "menu_words",
    "never_alone",
    "org_descriptors",
    "product_heads",
    "seats_of_power",
    "locative_prepositions",
    "speech_verbs",
    "place_nouns",
    "geo_heads",
    "address_words",
    "org_heads",
    "person_org_heads",
    "bare_org_heads",
    "facility_heads",
    "person_titles",
    "latin_given_names",
)


def _key(words: str) -> str:
    return " ".join(words.lower().replace("ё", "е").split())


# --- the stage ---------------------------------------------------------------------------


def fix_mentions_doc(doc: Doc, resources: Resources, fixes: Fixes | None = None) -> None:
    """Rewrite ``doc.mentions``: split, trim, drop, retype, add web-site sources."""
    fixes = fixes or load_fixes()
    mentions = [part for m in doc.mentions for part in split_names(doc, m, resources)]
    mentions = [trim_mention(doc, m, fixes, resources) for m in mentions]
    organisations = {mention_key(doc, m) for m in mentions if m.type == ORG}
    mentions = [part for m in mentions
                for part in split_organisation(doc, m, organisations, resources)]
    mentions = [drop_person_title(doc, m, fixes, resources) for m in mentions]
    mentions = [extend_geo_adjective(doc, m, fixes) for m in mentions]
    mentions = drop_products(doc, mentions, fixes)
    mentions = [m for m in mentions if not is_noise(doc, m, fixes, resources)]
    for mention in mentions:
        mention.type = retype(doc, mention, fixes)
    mentions = join_place_complements(doc, mentions)
    mentions = _merge(mentions, domain_sources(doc, fixes) + initialled_names(doc, resources))
    latin = latin_names(doc, fixes, resources)
    for m in mentions:  # NER types a Latin name ORG as often as not: "Annie Morrow"
        if any((m.start, m.stop) == (n.start, n.stop) for n in latin):
            m.type = PER
    added = family_names(doc, resources) + latin
    doc.mentions = _merge(mentions, [m for m in added if not any(
        o.start < m.stop and m.start < o.stop for o in mentions)])


def _moved(doc: Doc, mention: Mention, start: int, stop: int) -> Mention:
    if (start, stop) == (mention.start, mention.stop):
        return mention
    text = doc.text[start:stop]
    return replace(mention, start=start, stop=stop, text=text, normal=text, lemma="")


def _tokens(doc: Doc, start: int, stop: int) -> list[int]:
    return list(doc.token_range(start, stop))


def mention_key(doc: Doc, mention: Mention) -> str:
    """The mention's token lemmas, lower case ("Европейского союза" → "европейский союз")."""
    tokens = [doc.tokens[i] for i in _tokens(doc, mention.start, mention.stop)]
    words = [t.lemma or t.text for t in tokens if t.pos != "PUNCT"] or [mention.text]
    return _key(" ".join(words))


# --- split and trim ------------------------------------------------------------------------


def split_mention(doc: Doc, mention: Mention) -> list[Mention]:
    """Cut a span at brackets, quotes, bullets, commas and line breaks; trim punctuation."""
    text, parts, begin = doc.text[mention.start : mention.stop], [], 0
    for match in [*SEPARATORS.finditer(text), None]:
        end = match.start() if match else len(text)
        bounds = _strip(doc.text, mention.start + begin, mention.start + end)
        if bounds:
            parts.append(_moved(doc, mention, *bounds))
        begin = match.end() if match else end
    return parts


def split_names(doc: Doc, mention: Mention, resources: Resources) -> list[Mention]:
    """``split_mention``, less the common word cut off a quoted name ("Движение" of
    "Движение «Открытая Россия»", "Корреспондент" of "Корреспондент "Новой газеты""): a
    descriptor, not a name."""
    parts = split_mention(doc, mention)
    if len(parts) < 2:
        return parts
    return [part for part in parts if not _lone_common_word(doc, part, resources)]


def _lone_common_word(doc: Doc, mention: Mention, resources: Resources) -> bool:
    index = _tokens(doc, mention.start, mention.stop)
    return len(index) == 1 and _capitalised_common_word(doc.tokens[index[0]], resources)


def _descriptor_before_quote(doc: Doc, mention: Mention, resources: Resources) -> bool:
    """A lone common word right before a quoted name ("Корреспондент "Новой газеты"")."""
    after = doc.text[mention.stop : mention.stop + 2].lstrip()
    return after[:1] in OPEN_QUOTES and _lone_common_word(doc, mention, resources)


def _strip(text: str, start: int, stop: int) -> tuple[int, int] | None:
    while start < stop and text[start] in STRIP:
        start += 1
    while stop > start and text[stop - 1] in STRIP and not _initial_dot(text, start, stop):
        stop -= 1
    return (start, stop) if start < stop else None


def _initial_dot(text: str, start: int, stop: int) -> bool:
    """The span ends with an initial's dot ("В." in "Путин В."): keep it."""
    return (
        text[stop - 1] == "."
        and stop - start >= 2
        and text[stop - 2].isupper()
        and (stop - start == 2 or not text[stop - 3].isalpha())
    )


def trim_mention(doc: Doc, mention: Mention, fixes: Fixes, resources: Resources) -> Mention:
    """Drop a legal form before a Latin name ("ИА Regnum"), a common word before a person,
    an age or other adjective of ``leading_word_endings`` ("Восьмидесятилетний Маккейн")."""
    index = _tokens(doc, mention.start, mention.stop)
    while len(index) > 1 and _leading_noise(doc, mention, index, fixes, resources):
        index = index[1:]
    return _moved(doc, mention, doc.tokens[index[0]].start, mention.stop) if index else mention


def split_organisation(doc: Doc, mention: Mention, organisations: set[str],
                       resources: Resources) -> list[Mention]:
    """A PER span that begins with an organisation's name and goes on with a person's is the
    two ("оператор Аль-Джазиры Сами аль-Хадж", "лидера Аль-Каиды Усамы бин Ладена"): the
    organisation is one the KB knows as such (and not as a person), or one tagged ORG
    elsewhere in the document."""
    index = _tokens(doc, mention.start, mention.stop)
    if mention.type != PER or len(index) < 2:
        return [mention]
    kb = getattr(resources, "kb", None)
    for cut in range(1, len(index)):
        rest = doc.tokens[index[cut]]
        if not rest.text[:1].isupper():
            continue
        head = _moved(doc, mention, mention.start, doc.tokens[index[cut - 1]].stop)
        if _given_name(doc.tokens[index[0]].text, resources):
            return [mention]  # "Амаль Клуни": a first name, whatever else it names
        known = kb.candidates(head.text) if kb is not None else []
        if (mention_key(doc, head) in organisations or (
                known and all(e.type == ORG for e in known))):
            return [replace(head, type=ORG), _moved(doc, mention, rest.start, mention.stop)]
    return [mention]


def _given_name(word: str, resources: Resources) -> bool:
    return any("Name" in p.tag.grammemes for p in resources.morph_vocab.parse(word.lower()))


def extend_geo_adjective(doc: Doc, mention: Mention, fixes: Fixes) -> Mention:
    """A place adjective tagged alone takes its geographic head ("Лачинского коридора")."""
    index = _tokens(doc, mention.start, mention.stop)
    if mention.type != LOC or len(index) != 1 or doc.tokens[index[0]].pos != "ADJ":
        return mention
    adjective, after = doc.tokens[index[0]], index[0] + 1
    head = doc.tokens[after] if after < len(doc.tokens) else None
    if (
        head is None
        or head.sentence != adjective.sentence
        or _key(head.lemma) not in fixes.geo_heads
        or adjective.feats.get("Case") != head.feats.get("Case")
    ):
        return mention
    return _moved(doc, mention, mention.start, head.stop)


def _leading_noise(doc, mention, index, fixes: Fixes, resources: Resources) -> bool:
    first, rest = doc.tokens[index[0]], doc.tokens[index[1]]
    if {_key(first.text), _key(first.lemma)} & fixes.org_descriptors:
        return _is_latin(rest.text)
    if mention.type == PER and _key(first.lemma or first.text).endswith(
            fixes.leading_word_endings):
        return True
    return mention.type == PER and _capitalised_common_word(first, resources)


def _capitalised_common_word(token: Token, resources: Resources) -> bool:
    """ "Поддержку" in "Поддержку Кирсану Илюмжинову"; never an initial or a tagged name."""
    word = token.text
    return (
        len(word) > 2
        and word.isalpha()
        and word[0].isupper()
        and not word.isupper()
        and token.pos != "PROPN"
        and _common_word(word, resources)
    )


def _is_latin(word: str) -> bool:
    return bool(re.match(r"[A-Za-z]", word))


def _common_word(word: str, resources: Resources) -> bool:
    """A known Russian word with no proper-name reading ("Поддержку", not "Роман")."""
    parses = resources.morph_vocab.parse(word.lower())
    known = any(p.is_known for p in parses)
    return known and not any(NAME_TAGS & set(map(str, p.tag.grammemes)) for p in parses)


# --- drop ----------------------------------------------------------------------------------


def is_noise(doc: Doc, mention: Mention, fixes: Fixes, resources: Resources) -> bool:
    key = mention_key(doc, mention)
    words = _key(mention.text).split()
    return (
        all(w in fixes.menu_words for w in words)
        or key in fixes.never_alone | fixes.org_descriptors
        or _key(mention.text) in fixes.never_alone | fixes.org_descriptors
        or _lower_case(mention.text)
        or doc.text[mention.start - 1 : mention.start] == "."  # ".РФ" is a domain zone
        or _initial_common_word(doc, mention, resources)
        or _descriptor_before_quote(doc, mention, resources)
    )


def _lower_case(text: str) -> bool:
    """No capital letter and no digit ("мысе"): not a name; "аль-Барадеи", "16 тонн" are."""
    letters = [c for c in text if c.isalpha()]
    return not letters or (
        not any(c.isupper() for c in letters) and not any(c.isdigit() for c in text)
    )


def _initial_common_word(doc: Doc, mention: Mention, resources: Resources) -> bool:
    """A lone word at the start of a sentence, where a capital letter says nothing."""
    index = _tokens(doc, mention.start, mention.stop)
    if len(index) != 1 or not _sentence_initial(doc, index[0]):
        return False
    token = doc.tokens[index[0]]
    if token.text.isupper():
        return False
    if token.pos == "PROPN" or not _common_word(token.text, resources):
        return False
    return token.pos in NOT_NAME_POS or mention.type in (PER, LOC)


def _sentence_initial(doc: Doc, index: int) -> bool:
    token = doc.tokens[index]
    if not 0 <= token.sentence < len(doc.sentences):
        return False
    first = doc.sentences[token.sentence].token_start
    return all(doc.tokens[i].pos == "PUNCT" for i in range(first, index))


def drop_products(doc: Doc, mentions: list[Mention], fixes: Fixes) -> list[Mention]:
    """Drop names quoted after a product word ("шаттл «Дискавери»"), wherever they occur."""
    names = product_names(doc, fixes)
    return [m for m in mentions if mention_key(doc, m) not in names]


def product_names(doc: Doc, fixes: Fixes) -> set[str]:
    """Lemma keys of the quoted names that follow a word of ``product_heads``."""
    names, tokens = set(), doc.tokens
    for index, token in enumerate(tokens[:-1]):
        if _key(token.lemma or token.text) in fixes.product_heads and (
            tokens[index + 1].text in OPEN_QUOTES
        ):
            quoted = _quoted(tokens, index + 2)
            if quoted:
                names.add(_key(" ".join(t.lemma or t.text for t in quoted)))
    return names


def _quoted(tokens: list[Token], first: int, longest: int = 8) -> list[Token]:
    """The tokens from ``first`` up to a closing quote (none when it is not close)."""
    for stop in range(first, min(first + longest, len(tokens))):
        if tokens[stop].text in CLOSE_QUOTES:
            return tokens[first:stop]
    return []


# --- retype --------------------------------------------------------------------------------


def retype(doc: Doc, mention: Mention, fixes: Fixes) -> str:
    key = mention_key(doc, mention)
    if key in fixes.types:
        return fixes.types[key]
    if key in fixes.seats_of_power:
        return LOC if _place_of_event(doc, mention, fixes) else ORG
    head = _head(doc, mention)
    if mention.type == ORG and head is not None and (
            _key(doc.tokens[head].lemma or doc.tokens[head].text) in fixes.facility_heads):
        return LOC  # "Международная космическая станция", "аэропорт Внуково": places
    return mention.type


def _head(doc: Doc, mention: Mention) -> int | None:
    index = _tokens(doc, mention.start, mention.stop)
    outside = [i for i in index if doc.tokens[i].head not in index]
    return outside[0] if outside else None


def _place_of_event(doc: Doc, mention: Mention, fixes: Fixes) -> bool:
    """ "в Кремле провел переговоры": a locative phrase whose governor is no speech verb."""
    head = _head(doc, mention)
    if head is None:
        return False
    governor = doc.tokens[head].head
    if governor >= 0 and _key(doc.tokens[governor].lemma) in fixes.place_nouns:
        return True  # "на ступенях Капитолия", "у стен Кремля"
    preps = [t for t in _children(doc, head) if t.rel == "case"]
    if not any(_key(t.lemma or t.text) in fixes.locative_prepositions for t in preps):
        return False
    return governor < 0 or _key(doc.tokens[governor].lemma) not in fixes.speech_verbs


def _children(doc: Doc, index: int) -> list[Token]:
    sent = doc.sentences[doc.tokens[index].sentence]
    return [t for t in doc.tokens[sent.token_start : sent.token_stop] if t.head == index]


# --- join --------------------------------------------------------------------------------


def join_place_complements(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """An organisation and the place it belongs to, in the genitive right after it, are
    one ORG mention ("ФСБ России", "Министерство культуры Белоруссии", "УВД Томской
    области"): the actor whole. So are a body and the organisation it is a body of, when
    the parser hangs the second on the first ("Совет Безопасности ООН", "Генштаба ВС РФ").
    The place or organisation stays a mention of its own, nested. Chains join from the
    right ("Генштаба" + "ВС РФ", itself "ВС" + "РФ")."""
    joined = list(mentions)
    for index in reversed(range(len(mentions) - 1)):
        org, place = joined[index], joined[index + 1]
        if _place_complement(doc, org, place):
            joined[index] = _moved(doc, org, org.start, place.stop)
    return joined


def _place_complement(doc: Doc, org: Mention, place: Mention) -> bool:
    if org.type != ORG or place.type not in (LOC, ORG) or doc.text[org.stop : place.start] != " ":
        return False
    head = _head(doc, place)
    own = _tokens(doc, org.start, org.stop)
    return (
        head is not None
        and bool(own)
        and doc.tokens[head].feats.get("Case") == "Gen"
        and doc.tokens[head].sentence == doc.tokens[own[-1]].sentence
        and doc.text[org.stop - 1] not in CLOSE_QUOTES
        and (place.type == LOC or doc.tokens[head].head in own)
    )


# --- add -----------------------------------------------------------------------------------


def domain_sources(doc: Doc, fixes: Fixes) -> list[Mention]:
    """Web sites named as a source ("сообщает NEWSru.com"): ORG mentions."""
    found = []
    for index, sent in enumerate(doc.sentences):
        for match in fixes.domain.finditer(doc.text, sent.start, sent.stop):
            if not _is_address(doc.text, match.start(), fixes):
                text = match.group()
                found.append(
                    Mention(
                        match.start(),
                        match.end(),
                        ORG,
                        text,
                        text,
                        "",
                        sentence=index,
                        source="rule",
                    )
                )
    return found


# One or two initials ("Л.", "Дж.", "Э. С.", "Э.С.") and a capitalised word: a person's
# name NER often misses ("Доклад Э. С. Набиуллиной", "Самолет Л. Качиньского").
_INITIALLED = re.compile(r"(?<![\w.])(?:[А-ЯЁ][а-яё]?\.\s?){1,2}"
                         r"[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?\b")


def initialled_names(doc: Doc, resources: Resources) -> list[Mention]:
    """Initials before a family name, as one PER mention; not when the word is a known
    common word or place ("С. Петербург" is no one)."""
    found = []
    for index, sent in enumerate(doc.sentences):
        for match in _INITIALLED.finditer(doc.text, sent.start, sent.stop):
            word = match.group().replace(".", ". ").split()[-1]
            if _common_word(word, resources) or _is_place(word, resources):
                continue
            text = match.group()
            found.append(Mention(match.start(), match.end(), PER, text, text, "",
                                 sentence=index, source="rule"))
    return found


def family_names(doc: Doc, resources: Resources) -> list[Mention]:
    """A capitalised word after kin in the plural or a family collective ("братья
    Запашные", "династии Романовых", "семья Асадов") is a family's name, as NER often
    misses: a PER mention, unless the word is a place or a common noun."""
    found = []
    for i, token in enumerate(doc.tokens[:-1]):
        name = doc.tokens[i + 1]
        kind = nameforms.family_word(token.lemma, token.feats)
        if kind is None or (
                name.sentence != token.sentence or not name.text[:1].isupper()
                or name.text.isupper() or not nameforms.is_cyrillic(name.text)):
            continue
        if kind == "house" and not nameforms.plural_case(resources.morph_vocab, name.text, "Gen"):
            continue  # "дом Пашкова" is a building
        if _is_place(name.text, resources) or _common_noun(name.text, resources):
            continue
        found.append(Mention(name.start, name.stop, PER, name.text, name.text, "",
                             sentence=name.sentence, source="rule"))
    return found


_LATIN_WORD = re.compile(r"[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?")
LATIN_PARTICLES = {"van", "von", "de", "da", "di", "del", "der", "den", "du", "dos", "le", "la"}


def latin_names(doc: Doc, fixes: Fixes, resources: Resources) -> list[Mention]:
    """Two to four capitalised Latin words in a row, within a sentence and opening with a
    given name (``latin_given_names``, or the first word of a KB person's English name),
    are a person's name: NER misses names in Latin script ("обложку Greta Thunberg")."""
    kb_given = _kb_given_names(resources)
    found, i, tokens = [], 0, doc.tokens
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].sentence == tokens[i].sentence and (
                _LATIN_WORD.fullmatch(tokens[j].text) or (
                    j > i and tokens[j].text in LATIN_PARTICLES)) and (
                j == i or tokens[j].start == tokens[j - 1].stop + 1):
            j += 1
        while j > i and tokens[j - 1].text in LATIN_PARTICLES:
            j -= 1
        first = tokens[i].text.lower()
        if 2 <= j - i <= 4 and (first in fixes.latin_given_names or first in kb_given):
            start, stop = tokens[i].start, tokens[j - 1].stop
            text = doc.text[start:stop]
            found.append(Mention(start, stop, PER, text, text, "", sentence=tokens[i].sentence,
                                 source="rule"))
        i = max(j, i + 1)
    return found


def _kb_given_names(resources: Resources) -> frozenset[str]:
    """The first words of the KB's people's English names, lower case (read once)."""
    kb = resources.kb
    if kb is None:
        return frozenset()
    if kb.latin_given is None:
        kb.latin_given = frozenset(
            words[0].lower() for e in kb.entities.values() if e.kind == "person"
            for words in [(e.labels.get("en") or "").split()] if len(words) > 1
            and len(words[0]) > 2 and _LATIN_WORD.fullmatch(words[0]))  # not "Al", "La"
    return kb.latin_given


def _common_noun(word: str, resources: Resources) -> bool:
    """A known common noun with no proper-name reading ("Семья Москвы" names no family;
    "Запашные", an adjective, may)."""
    parses = [p for p in resources.morph_vocab.parse(word.lower()) if p.is_known]
    return any(p.tag.POS == "NOUN" for p in parses) and not any(
        NAME_TAGS & set(map(str, p.tag.grammemes)) for p in parses)


def _is_place(word: str, resources: Resources) -> bool:
    return any("Geox" in p.tag for p in resources.morph_vocab.parse(word.lower())
               if p.is_known)


def _is_address(text: str, start: int, fixes: Fixes) -> bool:
    before = text[:start].rstrip()
    if before and before[-1] in OPEN_QUOTES:
        return True
    words = re.findall(r"\w+", before[-40:])
    return bool(words) and _key(words[-1])[:4] in {w[:4] for w in fixes.address_words}


def _merge(mentions: list[Mention], added: list[Mention]) -> list[Mention]:
    """Mentions in text order; an added span replaces the mentions it overlaps."""
    kept = [m for m in mentions if not any(a.start < m.stop and m.start < a.stop for a in added)]
    unique = {(m.start, m.stop): m for m in [*kept, *added]}
    return [unique[k] for k in sorted(unique)]


# --- a title or kin word before a person's name ----------------------------------------------


def drop_person_title(doc: Doc, mention: Mention, fixes: Fixes, resources: Resources) -> Mention:
    """A capitalised title or kin word at the head of a PER mention ("Сестры Уильямс",
    "Канцлеру Шольцу" at the start of a sentence) is no part of the name: the mention
    starts at the next word, when that word is capitalised and no place ("Президент
    Финляндии" stays)."""
    index = _tokens(doc, mention.start, mention.stop)
    if mention.type != PER or len(index) < 2:
        return mention
    first, rest = doc.tokens[index[0]], [doc.tokens[i] for i in index[1:]]
    if not first.text[:1].isupper() or first.text.isupper() or not rest[0].text[:1].isupper():
        return mention
    if not _person_title(first, fixes, resources) or any(_place_word(t, resources) for t in rest):
        return mention
    return _moved(doc, mention, rest[0].start, mention.stop)


def _person_title(token: Token, fixes: Fixes, resources: Resources) -> bool:
    lemmas = {_key(token.lemma or ""), _key(token.text)}
    lemmas |= {_key(p.normal_form) for p in resources.morph_vocab.parse(token.text.lower())
               if p.tag.POS == "NOUN"}
    return bool(lemmas & fixes.person_titles)


def _place_word(token: Token, resources: Resources) -> bool:
    """A word the dictionary knows as a place and never as a person's name."""
    tags = [set(map(str, p.tag.grammemes)) for p in resources.morph_vocab.parse(token.text.lower())]
    return any("Geox" in t for t in tags) and not any({"Name", "Surn", "Patr"} & t for t in tags)
