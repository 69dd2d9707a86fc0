"""Mention normalization (nominative) and in-document name coreference.

"Ильхамом Алиевым" → "Ильхам Алиев", "с Олафом Шольцем" → "Олаф Шольц", "Кайей Каллас"
→ "Кайя Каллас": a person's name is put in the nominative word by word (``nameforms``:
pymorphy's dictionary, else the paradigms of ``data/names.yaml`` with the case, gender
and number of the whole name and the other forms of the word in the document); other
mentions go through natasha's normalisation. A later "Алиев" (or a headline "Алиев", or
"Ilham Aliyev" in Latin letters) joins the cluster of "Ильхам Алиев", and every
mention's ``normal`` becomes the cluster's canonical name: the longest full name seen
anywhere in the document, in Cyrillic when it has both spellings.
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from natasha.norm import normalize, syntax_normalize

from ..records import ORG, PER, Doc, Mention, Token
from ..resources import Resources, shipped
from . import nameforms
from .nameforms import FEMN, FIRST, MASC, SURNAME, Evidence, NameShape

GENDERS = {"Masc": MASC, "Fem": FEMN}
OBJECT_RELATIONS = {"obj", "iobj", "obl", "nmod"}  # a name so attached is no subject
APPOSITION = {"appos", "flat", "flat:name"}  # a title and the name it goes with


def _natasha_tokens(doc: Doc, mention: Mention) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            id=i, head_id=t.head, text=t.text, start=t.start, stop=t.stop,
            pos=t.pos, feats=t.feats,
        )
        for i in doc.token_range(mention.start, mention.stop)
        for t in (doc.tokens[i],)
    ]


def lemma_of(
    doc: Doc, mention: Mention, resources: Resources, evidence: Evidence | None = None
) -> str:
    """The mention's own nominative form ("Николом Пашиняном" → "Никол Пашинян");
    ``evidence`` is the document's words as name forms (made here when not given)."""
    if mention.type == PER:
        evidence = evidence or document_evidence(doc, resources)
        return person_nominative(doc, mention, resources, evidence)
    tokens = _natasha_tokens(doc, mention)
    if not tokens:
        return mention.text
    method = syntax_normalize if mention.type == ORG else normalize
    return method(resources.morph_vocab, tokens)


def normalize_doc(doc: Doc, resources: Resources) -> None:
    evidence = document_evidence(doc, resources)
    for mention in doc.mentions:
        mention.text = doc.text[mention.start : mention.stop]
        mention.lemma = lemma_of(doc, mention, resources, evidence)
        mention.normal = mention.lemma


def document_evidence(doc: Doc, resources: Resources | None = None) -> Evidence:
    """The document's words as name forms, and the names of the people the KB knows: a
    known nominative ("Рамафоса") decides between readings ("Рамафосе": Рамафос's or
    Рамафоса's dative)."""
    own = Evidence.of((t.text, t.feats.get("Case") == "Nom") for t in doc.tokens
                      if nameforms.is_cyrillic(t.text))
    return own.knowing(known_names(resources.kb)) if resources and resources.kb else own


def known_names(kb) -> Evidence:
    """The KB's people's name words as name forms, every one a nominative (built once)."""
    if kb.name_forms is None:
        kb.name_forms = Evidence.of(kb.person_name_words())
    return kb.name_forms


def person_nominative(doc: Doc, mention: Mention, resources: Resources,
                      evidence: Evidence) -> str:
    """A person's name in the nominative, word by word, its spacing and punctuation kept
    (ё written е, as natasha's normalisation writes it)."""
    indices = doc.token_range(mention.start, mention.stop)
    if not indices:
        return mention.text
    tokens = [doc.tokens[i] for i in indices]
    names = [t for t in tokens if _declinable(doc, t, last=t is tokens[-1])]
    shape = name_shape(doc, mention, names, resources, evidence)
    pieces, last = [], tokens[0].start
    for token in tokens:
        pieces.append(doc.text[last : token.start])
        role = SURNAME if names and token is names[-1] else FIRST
        word = (nameforms.nominative(resources.morph_vocab, token.text, shape, role, evidence,
                                     tagged_nominative=token.feats.get("Case") == "Nom")
                if any(token is n for n in names) else token.text)
        pieces.append(word.replace("ё", "е").replace("Ё", "Е"))  # natasha's convention
        last = token.stop
    return "".join(pieces)


def _declinable(doc: Doc, token: Token, last: bool = False) -> bool:
    """A name word that may decline: Cyrillic, not a particle, not an initial ("Дж."). The
    last word of a name followed by the full stop of its sentence is an initial only when
    it has no vowel ("Мун Чжэ Ину." declines, "Путин В." does not)."""
    text = token.text
    following = doc.text[token.stop : token.stop + 1]
    if last and len(text) > 1 and any(ch in "аеёиоуыэюя" for ch in text.lower()):
        following = ""
    return (nameforms.is_cyrillic(text) and nameforms.fold(text) not in
            shipped("names").particles
            and not nameforms.is_initial(text + following if following == "." else text))


def name_shape(doc: Doc, mention: Mention, names: list[Token],
               resources: Resources, evidence: Evidence | None = None) -> NameShape:
    """The case, gender and number of a person's name, from its words and the title
    right before it ("канцлеру Шольцу")."""
    if not names:
        return NameShape(None, None)
    family = _family_case(doc, names, resources)
    if family is not None:
        return NameShape(family, None, True)  # "братья Запашные", "династии Романовых"
    title = _title_before(doc, mention)
    if (len(names) == 1 and _subject_of_a_plural(doc, names[0])
            and nameforms.plural_nominative(resources.morph_vocab, names[0].text)):
        return NameShape("Nom", None, True)  # "Бекхэмы отметили" (tagged a genitive)
    if nameforms.japanese_oblique([t.text for t in names[:-1]], names[-1].text):
        oblique = next((c for t in names if (c := t.feats.get("Case")) in ("Dat", "Loc")), "Dat")
        return NameShape(oblique, _gender(names, oblique, title, resources),
                         japanese=True)  # "Сигэру Исибе": an -а name, whatever the tagger says
    case = _case(doc, names, title, resources, _initials(doc, mention, names),
                 evidence or nameforms.EMPTY)
    if (len(names) == 1 and case is not None and case != "Nom"
            and not nameforms.supports(resources.morph_vocab, names[0].text, case, SURNAME,
                                       plural=True)):
        # a lone family name with no form of the tagger's oblique case that only a plural
        # makes in another: "о супругах Обамах" tagged genitive, "с четой Зеленских"
        case = next((c for c in nameforms.CASES if nameforms.plural_only(
            resources.morph_vocab, names[0].text, c)), case)
    tagged_plural = names[0].feats.get("Number") == "Plur"
    plural = len(names) == 1 and (
        (case not in (None, "Nom") and (tagged_plural or nameforms.plural_only(
            resources.morph_vocab, names[0].text, case)))
        or (case == "Nom" and tagged_plural
            and nameforms.plural_nominative(resources.morph_vocab, names[0].text)))
    given_declined = (case == "Acc" and len(names) > 1 and not plural
                      and nameforms.supports(resources.morph_vocab, names[0].text.split("-")[0],
                                             case, FIRST))
    return NameShape(case, _gender(names, case, title, resources), plural, given_declined)


def _family_case(doc: Doc, names: list[Token], resources: Resources) -> str | None:
    """A lone family name right after kin in the plural takes their case ("братья
    Запашные", "супругов Клинтонов", "супруги Обама"); after a family collective it is a
    genitive plural where it has a form of one ("семья Асадов", not "семья Путина"; after
    "дом" only that: "дом Романовых"). Kin the tagger calls singular ("Супруги" read as a
    genitive) are kin in the plural before a family name's plural nominative ("Супруги
    Тихоновы": nominative)."""
    index = _index(doc, names[0])
    if len(names) != 1 or index == 0:
        return None
    before = doc.tokens[index - 1]
    if before.sentence != names[0].sentence:
        return None
    kind = nameforms.family_word(before.lemma, before.feats)
    if kind == "kin":
        return before.feats.get("Case")
    if kind in ("collective", "house") and nameforms.plural_case(
            resources.morph_vocab, names[0].text, "Gen"):
        return "Gen"
    if kind is None and before.lemma in shipped("names").family_kin and (
            nameforms.plural_nominative(resources.morph_vocab, names[0].text)):
        return "Nom"
    return None


def _subject_of_a_plural(doc: Doc, name: Token) -> bool:
    """A lone name the subject of a plural verb, joined to no other ("Трампы провели",
    not "Трамп и Байден провели")."""
    if not name.rel.startswith("nsubj") or name.head < 0:
        return False
    index = _index(doc, name)
    verb = doc.tokens[name.head]
    return verb.feats.get("Number") == "Plur" and not any(
        t.head == index and t.rel == "conj" for t in doc.tokens[index + 1 : index + 12])


def _initials(doc: Doc, mention: Mention, names: list[Token]) -> list[Token]:
    """The initials of a name ("М" and "С" of "М. С. Горбачеве")."""
    return [doc.tokens[i] for i in doc.token_range(mention.start, mention.stop)
            if doc.tokens[i].text[:1].isupper() and not any(doc.tokens[i] is n for n in names)
            and nameforms.is_initial(doc.tokens[i].text)]


def _case(doc: Doc, names: list[Token], title: Token | None, resources: Resources,
          initials: list[Token] | None = None,
          evidence: Evidence = nameforms.EMPTY) -> str | None:
    """The case of the whole name: of those the tagger gives its words (the title's adds
    a vote when it is one of them), the one most of its words visibly take ("Тибо
    Марешалю" tagged dative and genitive: only the dative has a form "Марешалю"); ties go
    to the tagger's vote. A subject whose head word the tagger calls nominative is
    nominative; a name in apposition to a noun for a person takes its case when the tagger
    gives it to one of its words; a name the tagger calls nominative that is no subject
    ("оппоненты Шейх Хасины") may take any case; one tagged nominative that is the
    conjunct of a name in an oblique case takes that case where all its words have a
    form of it ("Трампов и Байденов"). A name whose first word the dictionary
    reads above all as a nominative given name is nominative where it only looks like an
    oblique form ("Ирина" is no genitive of "Ирин"; "Абдель" looks like none: "Абдель
    Азиза" stays genitive). After ``initials`` the tagger's case often fails (the surname
    a verb, "М. С. Горбачеве"; "Б. Н. Ельцине" tagged genitive): the initials' cases
    vote too, and a name with no form of any case voted for takes the case its words
    visibly take (any but the nominative). A name whose given name the dictionary knows
    only in oblique cases is no subject ("Урсуле фон дер Ляйен вручили письмо"), and when
    its words show no form of any case the tagger gives, it takes the one they visibly take
    ("письмо Урсуле фон дер Ляйен" tagged genitive → dative)."""
    votes = Counter(c for t in names if (c := t.feats.get("Case")))
    if initials and not votes:
        votes = Counter(c for t in initials if (c := t.feats.get("Case")))
    if not votes:
        return None
    if title is not None and title.feats.get("Case") in votes:  # "правнук Льва": no title
        votes[title.feats["Case"]] += 1
    tagged: list[str] = sorted(votes, key=lambda c: (-votes[c], c != names[-1].feats.get("Case")))
    head = _head(doc, names)
    oblique_only = len(names) > 1 and nameforms.oblique_name(resources.morph_vocab, names[0].text)
    if (head.rel.startswith("nsubj") and head.feats.get("Case") == "Nom" and not oblique_only
            ) or _agreeing_verb(doc, head):
        return "Nom"  # "Роберта Мецола подписала": no genitive of Роберт is a subject
    first = nameforms.fold(names[0].text)
    given = nameforms.nominative_name(resources.morph_vocab, first)
    if given is not None and "Name" in given.tag and (
            nameforms.possible_nominatives(first) - {first}) and not _after_preposition(
                doc, names[0]):
        return "Nom"  # "Ирина Симонова" tagged genitive: "Ирина" is no form of "Ирин"
    governor = doc.tokens[head.head] if head.rel == "appos" and head.head >= 0 else None
    if (governor is not None and governor.pos == "NOUN"
            and governor.feats.get("Animacy") == "Anim" and governor.feats.get("Case") in tagged):
        return governor.feats["Case"]  # "дочь президента Лолла Каримова": Лолла is no genitive
    conjunct = doc.tokens[head.head] if head.rel == "conj" and head.head >= 0 else None
    if (conjunct is not None and tagged == ["Nom"] and conjunct.pos == "PROPN"
            and conjunct.feats.get("Case") not in (None, "Nom")
            and all(nameforms.supports(resources.morph_vocab, t.text, conjunct.feats["Case"],
                                       SURNAME if t is names[-1] else FIRST, plural=True)
                    for t in names)):
        return conjunct.feats["Case"]  # "Отношения Трампов и Байденов": a conjunct's case
    options = tagged
    if tagged == ["Nom"] and (head.rel in OBJECT_RELATIONS or oblique_only or nameforms.
                              oblique_name(resources.morph_vocab, names[-1].text, "Surn")):
        options = tagged + list(nameforms.CASES)
    support = {case: sum(nameforms.supports(resources.morph_vocab, t.text, case,
                                            SURNAME if t is names[-1] else FIRST)
                         for t in names) if case != "Nom" else 0
               for case in options}
    best = max(support.values())
    if not best and ((initials and "Nom" not in tagged) or oblique_only):
        options = list(nameforms.CASES)
        support = {case: sum(nameforms.supports(resources.morph_vocab, t.text, case,
                                                SURNAME if t is names[-1] else FIRST)
                             for t in names) for case in options}
        best = max(support.values())
    tied = [c for c in options if support[c] == best]
    if len(tied) > 1 or not best:  # the case whose readings the document or the KB
        known = {c: _attested(names, c, evidence) for c in (tied if best else options)}
        if max(known.values()) > 0:  # knows: "Садыру Жапарову" (Садыр Жапаров: dative,
            return max(known, key=lambda c: known[c])  # not Садыра Жапарова's accusative)
    return tied[0] if best else tagged[0]


def _attested(names: list[Token], case: str, evidence: Evidence) -> int:
    """How many of the name's words have a reading in ``case`` that ``evidence`` attests
    ("Кисиде" in the dative: Кисида, a known name)."""
    count = 0
    for t in names:
        word = nameforms.fold(t.text)
        readings = {nom for nom, _ in nameforms.paradigm_nominatives(word, NameShape(case, None))}
        count += any(nom != word and evidence.strength(nom, word) > 0 for nom in readings)
    return count


def _agreeing_verb(doc: Doc, name: Token) -> bool:
    """The name is the subject of a verb that shows a gender (a past tense in the singular:
    "подписала", "принёс"), and so a nominative: parsed as its subject, or as the object
    of a verb with no subject that the tagger says the name agrees with ("Роберта Мецола
    подписала" parsed object–verb)."""
    verb = doc.tokens[name.head] if name.head >= 0 else None
    if verb is None or verb.pos not in ("VERB", "AUX") or "Gender" not in verb.feats or (
            verb.feats.get("Number", "Sing") != "Sing"):
        return False
    if name.rel.startswith("nsubj"):
        return True
    if name.rel != "obj":
        return False
    sentence = doc.sentences[verb.sentence]
    subjects = [t for t in doc.tokens[sentence.token_start : sentence.token_stop]
                if t.head == name.head and t.rel.startswith("nsubj")]
    return not subjects and name.feats.get("Case") == "Nom" and (
        name.feats.get("Gender") == verb.feats["Gender"])


def _after_preposition(doc: Doc, first: Token) -> bool:
    """A preposition right before the name: it is no nominative ("против Адриана Попеску"
    is Адриан's, though "Адриана" is a woman's name)."""
    index = _index(doc, first)
    return index > 0 and doc.tokens[index - 1].pos == "ADP"


def _head(doc: Doc, names: list[Token]) -> Token:
    """The word of the name whose head is outside it."""
    inside = {_index(doc, t) for t in names}
    return next((t for t in names if t.head not in inside), names[0])


def _index(doc: Doc, token: Token) -> int:
    """A token's index in ``doc.tokens`` (a bisect, not a scan)."""
    return doc.token_range(token.start, token.stop).start


def _gender_by_endings(names: list[Token], case: str | None) -> str | None:
    """The one gender whose paradigms make the words, those ending unlike an indeclinable
    name first ("Олафом", "Кальдерону" against "Фелипе"), then the others ("Аминате")."""
    said = [(nameforms.strong_ending(word), nameforms.paradigm_gender(
                word, case, SURNAME if token is names[-1] else FIRST))
            for token in names for word in (token.text.split("-")[-1],)]
    for strong in (True, False):
        genders = {gender for sure, gender in said if sure is strong and gender}
        if len(genders) == 1:
            return genders.pop()
        if genders:
            return None
    return None


def _title_before(doc: Doc, mention: Mention) -> Token | None:
    """A lower-case noun right before the name and in apposition with it ("канцлеру
    Шольцу"; not "письмо Гутерришу")."""
    index = doc.token_range(mention.start, mention.stop)
    if not index or index[0] == 0:
        return None
    before = index[0] - 1
    token = doc.tokens[before]
    if token.sentence != doc.tokens[index[0]].sentence or token.pos != "NOUN" \
            or not token.text.islower():
        return None
    linked = any(doc.tokens[i].head == before and doc.tokens[i].rel in APPOSITION
                 for i in index)
    return token if linked or (token.head in index and token.rel in APPOSITION) else None


def _undeclined_surname(names: list[Token], case: str | None, resources: Resources) -> bool:
    """A family name ending in a consonant that keeps its form in an oblique case the other
    words visibly take is a woman's ("Камале Харрис", "Джасинде Ардерн"): a man's would decline
    ("Харрисе"); not one that is a form of that case itself ("Фиалой", "Шольцем")."""
    if len(names) < 2 or case is None or case == "Nom":
        return False
    last = nameforms.fold(names[-1].text.split("-")[-1])
    if (not last or last[-1] in "аеёиоуыэюя"
            or nameforms.supports(resources.morph_vocab, last, case, SURNAME, plural=True)):
        return False
    return any(nameforms.supports(resources.morph_vocab, t.text, case, FIRST)
               for t in names[:-1])


def _gender(names: list[Token], case: str | None, title: Token | None,
            resources: Resources) -> str | None:
    """Feminine when a consonant-final family name keeps its form in the oblique case
    the other words take (``_undeclined_surname``); else the dictionary's gender of the
    given names, else of the surname; else the gender
    the endings of the words say (``_gender_by_endings``); else a feminine title; else the
    tagger's."""
    vocab = resources.morph_vocab
    given = names[:-1]
    if _undeclined_surname(names, case, resources):
        return FEMN
    for words, tag in ((given, "Name"), (names[-1:], "Surn")):
        genders = set().union(*(nameforms.dictionary_genders(vocab, t.text, case, tag)
                                for t in words)) if words else set()
        if len(genders) == 1:
            return genders.pop()
    by_ending = _gender_by_endings(names, case)
    if by_ending:
        return by_ending
    if title is not None and title.feats.get("Gender") == "Fem":
        return FEMN
    tagged = Counter(GENDERS.get(t.feats.get("Gender", "")) for t in names)
    tagged.pop(None, None)
    return tagged.most_common(1)[0][0] if tagged else None


def _propagating_names(doc: Doc) -> tuple[dict[str, str], set[str], set[int]]:
    """Lemma → type of the one-word names and surnames tagged somewhere in the document;
    the nominatives a person's last word may be a form of ("шольц" for "Шольцем")."""
    names: dict[str, str] = {}
    surnames: set[str] = set()
    covered: set[int] = set()
    for mention in doc.mentions:
        span = doc.token_range(mention.start, mention.stop)
        covered.update(span)
        if len(span) == 1 or (mention.type == PER and len(span) > 1):
            names.setdefault(_key(doc.tokens[span[-1]].lemma), mention.type)
        last = doc.tokens[span[-1]].text if span else ""
        if mention.type == PER and nameforms.is_cyrillic(last):
            surnames.update(nameforms.possible_nominatives(nameforms.fold(last)))
    return names, surnames, covered


def propagate_doc(doc: Doc, resources: Resources | None = None) -> None:
    """One sense per discourse: a capitalised word whose lemma is a name tagged elsewhere in
    the document is that name here too ("Алиев" missed by NER in one sentence); so is a
    proper noun that is a case form of a person's surname tagged elsewhere ("Шольцу"
    beside "Олафом Шольцем", though pymorphy lemmatises them apart)."""
    names, surnames, covered = _propagating_names(doc)
    added = []
    for index, token in enumerate(doc.tokens):
        kind = names.get(_key(token.lemma)) or _surname_form(token, surnames)
        if kind and index not in covered and token.text[:1].isupper() and len(token.text) > 2:
            added.append(Mention(token.start, token.stop, kind, token.text, normal=token.text,
                                 sentence=token.sentence, source="propagated"))
    if added:
        doc.mentions = sorted(doc.mentions + added, key=lambda m: m.start)


def _surname_form(token: Token, surnames: set[str]) -> str | None:
    if token.pos != "PROPN" or not nameforms.is_cyrillic(token.text):
        return None
    forms = nameforms.possible_nominatives(nameforms.fold(token.text))
    return PER if forms & surnames else None


def _key(word: str) -> str:
    return word.lower().replace("ё", "е").strip(".")


def _name_parts(name: str) -> list[str]:
    return [_key(w) for w in name.replace("-", " - ").split() if w != "-"]


def _same_word(a: str, b: str) -> bool:
    """One name word: the same, or its Latin and Cyrillic spellings ("borrell", "боррель")."""
    if a == b:
        return True
    return _latin(a) != _latin(b) and nameforms.same_spelling(a, b)


def _latin(text: str) -> bool:
    return not nameforms.is_cyrillic(text) and any("a" <= ch <= "z" for ch in text.lower())


def _same_person(short: list[str], full: list[str]) -> bool:
    """``short`` names the same person as ``full``: a surname, a first name, or initials,
    in either script."""
    if len(short) == 1:
        return _same_word(short[0], full[0]) or _same_word(short[0], full[-1])
    if not _same_word(short[-1], full[-1]):
        return False
    pairs = zip(short, full, strict=False)
    return all(_same_word(s, f) or (len(s) == 1 and f.startswith(s)) for s, f in pairs)


def _spelled_alike(a: str, b: str) -> bool:
    """Two full names of as many words, each word the same or spelled alike."""
    pa, pb = _name_parts(a), _name_parts(b)
    return len(pa) == len(pb) and all(_same_word(x, y) for x, y in zip(pa, pb, strict=True))


def _representative(name: str, fulls: list[str]) -> str:
    """A full name in Latin letters stands for its one Cyrillic spelling in the document
    ("Josep Borrell" → "Жозеп Боррель"); any other for itself."""
    if not _latin(name):
        return name
    cyrillic = [f for f in fulls if not _latin(f) and _spelled_alike(name, f)]
    return cyrillic[0] if len(cyrillic) == 1 else name


def _person_clusters(persons: list[Mention]) -> dict[int, str]:
    """Canonical full name for each PER mention (by index in ``persons``)."""
    fulls = sorted(
        {m.lemma for m in persons if len(_name_parts(m.lemma)) >= 2},
        key=lambda name: (-len(_name_parts(name)), name),
    )
    rep = {name: _representative(name, fulls) for name in fulls}
    canonical = {}
    for index, mention in enumerate(persons):
        parts = _name_parts(mention.lemma)
        matches = [f for f in fulls if parts and _same_person(parts, _name_parts(f))]
        names = list(dict.fromkeys(rep[f] for f in matches))
        canonical[index] = names[0] if len(names) == 1 else _nearest(mention, persons, names)
    return canonical


def _latin_persons(doc: Doc) -> None:
    """A Latin-letter mention spelling a person's full name written in Cyrillic in the
    document is that person ("Josep Borrell" tagged ORG beside "Жозеп Боррель")."""
    fulls = {m.lemma for m in doc.mentions
             if m.type == PER and not _latin(m.lemma) and len(_name_parts(m.lemma)) >= 2}
    for mention in doc.mentions:
        if mention.type != PER and _latin(mention.text) and not nameforms.is_cyrillic(
                mention.text) and any(_spelled_alike(mention.text, f) for f in fulls):
            mention.type = PER


def _nearest(mention: Mention, persons: list[Mention], names: list[str]) -> str:
    """Among several candidate full names, the one mentioned closest before, else after."""
    if not names:
        return mention.lemma
    before = [m for m in persons if m.lemma in names and m.start <= mention.start]
    after = [m for m in persons if m.lemma in names and m.start > mention.start]
    chosen = before[-1] if before else after[0]
    return chosen.lemma


def coref_doc(doc: Doc, resources: Resources | None = None) -> None:
    """Group mentions of one entity; set ``normal`` to its canonical name and ``cluster``."""
    _latin_persons(doc)
    persons = [m for m in doc.mentions if m.type == PER]
    for mention, name in zip(persons, _person_clusters(persons).values(), strict=True):
        mention.normal = name
    clusters: dict[tuple[str, str], int] = {}
    for mention in doc.mentions:
        key = (mention.type, _key(mention.normal))
        mention.cluster = clusters.setdefault(key, len(clusters))
