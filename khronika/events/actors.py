"""Who a word stands for in an event: its KB-linked mention, the name in apposition to a
role word, each holder of a plural role phrase, an institution's owner, the country of an
unnamed plural object, an unnamed group; with the actor code on the event's date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..kb.where import context_country
from ..records import LOC, ORG, PER, Actor, Mention
from .grammar import grammar
from .participants import plural_role_actors
from .tree import Tree


def owner_adjectives(tree: Tree, kb, o: int, depth: int = 0) -> list[Actor]:
    """The countries of an unnamed plural object ("польских дипломатов", "азербайджанские
    позиции", "против российских банков", "активы российских олигархов"): its country
    adjectives, or its genitive's. A single person ("турецкий политолог") does not stand for
    a country, unless a representative ("российского консула")."""
    t = tree.tok(o)
    if t.feats.get("Number") != "Plur" and t.lemma not in grammar().representative_nouns:
        return []
    own = [a for k in tree.children(o, "amod") for c in tree.conjuncts(k)
           for a in adjective_actors(tree, kb, c, against=True)]
    if own or depth:
        return own
    return [a for k in tree.children(o, "nmod") if not tree.prep(k)
            for a in owner_adjectives(tree, kb, k, depth + 1)]


def adjective_actors(tree: Tree, kb, k: int, against: bool = False) -> list[Actor]:
    """Country adjectives on a verbal noun: "российско-армянские переговоры", "турецкие
    удары" → the countries. ``against``: also "антироссийские санкции" → Russia (for
    what is done to an object's owner; an actor is never "anti-")."""
    t = tree.tok(k)
    lemma = t.lemma
    if lemma.startswith(tuple(grammar().anti_prefixes)) and len(lemma) > 8:
        if not against:
            return []
        lemma = lemma[4:]
    parts = lemma.split("-")
    out = []
    for n, part in enumerate(parts):
        word = part if n == len(parts) - 1 else (part[:-1] + "ий" if part.endswith("о") else part)
        country = kb.country_of_adjective(word)
        if country is None:
            return []
        labels = kb.labels(country).to_json()
        out.append(Actor(t.text, t.start, t.stop, country.id, country.code,
                         labels.get("ru", country.name), LOC, labels, country.qid))
    return out


def government(kb, actor: Actor) -> Actor:
    """A capital taking part in a political act is its government (the linker decides this
    for subjects and party phrases; an agent or an object slips through)."""
    city = kb.get(actor.kb_id) if (actor.kb_id or "").startswith("city:") else None
    country = kb.country(city.capital_of) if city is not None and city.capital_of else None
    if country is None or "government" not in kb.institution_types:
        return actor
    entity = kb.institution("government", country)
    labels = kb.labels(entity).to_json()
    return Actor(actor.text, actor.start, actor.stop, entity.id, entity.code,
                 labels.get("ru", actor.normal), ORG, labels, entity.qid)


def is_place(m: Mention) -> bool:
    return not (m.kb_id or "").startswith("org:")


def resolve(tree: Tree, kb, heads: list[int], day: date | None) -> list[Actor]:
    out: list[Actor] = []
    owners: list[Actor] = []  # a country standing in for an unnamed holder ("премьер Армении")
    seen: set[str] = set()
    for h in heads:
        for j in tree.conjuncts(h):
            for actor in _entity(tree, kb, j, day):
                ident = actor.kb_id or actor.text
                if ident not in seen:
                    seen.add(ident)
                    out.append(actor)
                    if j not in tree.mention and actor.type != PER:
                        owners.append(actor)
    named = {(a.code or "")[:3] for a in out if a not in owners}
    people = any(a.type == PER for a in out)
    return [a for a in out if a not in owners or (  # "член Госсовета, министр … Ван И"
        (a.code or "")[:3] not in named and not people)]


def _entity(tree: Tree, kb, j: int, day: date | None, depth: int = 0) -> list[Actor]:
    """The participants a word stands for: its mention; the antecedent of "который";
    the name in apposition to a role word ("премьер-министром Армении Николом
    Пашиняном"); a plural role phrase ("президенты России и Азербайджана"); the owner of
    an institution word ("власти Турции")."""
    if depth > 3:
        return []
    m = tree.mention.get(j)
    span = tree.doc.token_range(m.start, m.stop) if m is not None else range(0)
    if m is not None and m.source == "role" and span:  # "главы МИД России и Турции": both
        several = plural_role_actors(tree, kb, span[0], day, loose=True)
        if len(several) > 1:
            return several
    t = tree.tok(j)
    group = grammar().group_actors.get(t.lemma)
    if m is not None and m.source == "role" and group:  # "российские и китайские военные"
        several = _group_actors(tree, kb, j, group)
        if len(several) > 1:
            return several
    if m is not None and m.type in (PER, ORG, LOC):
        return [mention_actor(kb, m, day), *_hung_people(tree, kb, j, m, day, depth)]
    if t.lemma in grammar().object_pronouns and t.feats.get("Case") not in ("Nom", None) and (
            t.feats.get("Number") != "Plur"):
        return _pronoun_person(tree, kb, j, day)  # "суд приговорил его": the person before
    if t.lemma in grammar().object_pronouns and t.feats.get("Case") == "Nom" and (
            t.feats.get("Number") != "Plur" and t.rel.startswith("nsubj")):
        return _subject_pronoun_person(tree, kb, j, day)  # "Он приветствовал теракт"
    if t.lemma in grammar().relative_pronouns:
        clause = _up_to_relcl(tree, j)
        antecedent = tree.head(clause) if clause >= 0 else antecedent_before(tree, j)
        if antecedent >= 0:
            first = _conj_root(tree, antecedent)
            return [a for c in tree.conjuncts(first) for a in _entity(tree, kb, c, day,
                                                                       depth + 1)]
        return []
    named = _names(tree, kb, j, day, depth)
    for k in tree.children(j, "nmod"):  # "заместителем министра … Александром Налбандовым"
        if not named and not tree.prep(k) and tree.tok(k).pos == "NOUN" and (
                tree.tok(k).feats.get("Case") == "Gen"):
            named = _names(tree, kb, k, day, depth)
    if named:
        return named
    if t.lemma in grammar().authored_nouns:  # "решением суда": the court of its country
        for k in tree.children(j, "nmod"):
            if not tree.prep(k) and tree.tok(k).lemma in grammar().group_actors:
                return _entity(tree, kb, k, day, depth + 1)
    if t.feats.get("Number") == "Plur" or tree.is_noun(j):
        plural = plural_role_actors(tree, kb, j, day)
        if plural:
            return plural
    nation = grammar().demonyms.get(t.lemma) if t.feats.get("Number") == "Plur" else None
    if nation:  # "двум россиянам предъявлены обвинения": nationals of Russia (one is the
        # person named before: "обвинили россиянку")
        start = min([t.start] + [tree.tok(k).start for k in tree.children(j, "nummod")])
        return [Actor(tree.doc.text[start:t.stop], start, t.stop, None, f"{nation}CVL",
                      t.lemma, ORG)]
    if group is not None and _genitive_countries(tree, kb, j):  # "жители Великобритании"
        return _group_actors(tree, kb, j, group)
    for k in tree.children(j, "nmod"):  # "эксперты из ООН": people sent by an organisation
        if t.feats.get("Animacy") == "Anim" and tree.prep(k) in grammar().from_preps and (
                k in tree.mention and tree.mention[k].type == ORG):
            return [mention_actor(kb, tree.mention[k], day)]
    # "действия Вашингтона и Лондона": the owners; a person only as the author of what
    # they said or did ("решение Байдена"), never of an act on them ("арест Навального")
    kinds = (ORG, LOC, PER) if t.lemma in grammar().authored_nouns else (ORG, LOC)
    for k in tree.children(j, "nmod"):
        if not tree.prep(k) and tree.tok(k).lemma in grammar().country_nouns and (
                k not in tree.mention):  # "лидеры стран ЕС": the union
            k = next(iter(tree.children(k, "nmod")), k)
        if not tree.prep(k):
            owners = [mention_actor(kb, tree.mention[c], day) for c in tree.conjuncts(k)
                      if c in tree.mention and tree.mention[c].type in kinds]
            if owners:
                return owners
    if t.lemma in grammar().quantity_nouns:  # "сотни молодых людей": the people counted
        counted = [a for k in tree.children(j, "nmod", "obl") if not tree.prep(k)
                   for a in _entity(tree, kb, k, day, depth + 1)]
        if counted:
            return counted
        people = [k for k in tree.children(j, "nmod") if tree.tok(k).pos == "ADJ"]
        if people:  # "сотни несогласных": people named by what they are
            k = people[0]
            return [Actor(tree.doc.text[t.start:tree.tok(k).stop], t.start,
                          tree.tok(k).stop, None, "CVL", tree.tok(k).lemma, ORG)]
    if group is not None:
        return _group_actors(tree, kb, j, group)
    owners = owner_adjectives(tree, kb, j)  # "против российских банков" → Russia
    if owners or not person_noun(t):
        return owners
    return _pronoun_person(tree, kb, j, day)  # "обвинили россиянку": the woman named before


def person_noun(t) -> bool:
    """A singular animate common noun that names no one by itself ("россиянку",
    "оппозиционера"): it stands for a person the sentences before name."""
    return (t.pos == "NOUN" and t.feats.get("Animacy") == "Anim"
            and t.feats.get("Number") == "Sing" and t.lemma not in grammar().generic_people)


PRONOUN_SENTENCES = 2  # how far back a pronoun's person may be named


def _pronoun_person(tree: Tree, kb, j: int, day: date | None) -> list[Actor]:
    """A singular third-person pronoun that is not a subject ("приговорил его", "обвинили
    её", "ему предъявили") stands for the last person named before it, in its sentence
    or the two before, of its gender, and not the subject of its own verb."""
    t = tree.tok(j)
    gender = t.feats.get("Gender")
    head = tree.head(j)
    own_subjects = {k for k in tree.children(head, "nsubj", "nsubj:pass")} if head >= 0 else set()
    first = max(0, t.sentence - PRONOUN_SENTENCES)
    for m in sorted(tree.doc.mentions, key=lambda m: -m.start):
        if m.start >= t.start or m.type != PER:
            continue
        span = tree.doc.token_range(m.start, m.stop)
        if not span or tree.tok(span[0]).sentence < first:
            break
        if own_subjects & set(span):
            continue
        if not _gender_fits(tree, span, gender):
            continue
        return [_standing_for(kb, m, t, day)]
    return []


def _gender_fits(tree: Tree, span: range, gender: str | None) -> bool:
    """The person named at ``span`` may be a pronoun of ``gender``: the first gender its
    words show is that one, or none is shown or asked."""
    said = next((tree.tok(i).feats.get("Gender") for i in span
                 if tree.tok(i).feats.get("Gender")), None)
    return not (gender and said and said != gender)


def _subject_pronoun_person(tree: Tree, kb, j: int, day: date | None) -> list[Actor]:
    """"Он", "она" as a subject stands for the person the sentences before speak of: the
    nearest sentence (of the two before its own) naming a person of its gender gives its
    subject, else the last such person named in it; never someone named in its own
    sentence before it ("Путин встретился с Эрдоганом, и он заявил" is left alone)."""
    t = tree.tok(j)
    gender = t.feats.get("Gender")
    by_sentence: dict[int, list] = {}
    own: list = []  # people named before it in its own sentence
    for m in tree.doc.mentions:
        span = tree.doc.token_range(m.start, m.stop) if m.type == PER else range(0)
        if not span or m.start >= t.start:
            continue
        sentence = tree.tok(span[0]).sentence
        if sentence == t.sentence:
            own.append((m, span))
        elif t.sentence - PRONOUN_SENTENCES <= sentence and _gender_fits(tree, span, gender):
            by_sentence.setdefault(sentence, []).append((m, span))
    if own:  # "Путин встретился с Эрдоганом, и он заявил": either may be "он"; but
        # "Алёхина подчеркнула, что она не признаёт вины" has one person of its gender
        fits = {(m.cluster,) if m.cluster >= 0 else (-1, m.start): (m, span)
                for m, span in own}  # one entry per person
        if len(fits) != 1 or not all(_gender_fits(tree, span, gender) and gender
                                     for m, span in fits.values()):
            return []
        by_sentence = {t.sentence: list(fits.values())}
    if not by_sentence:
        return []
    people = by_sentence[max(by_sentence)]
    subjects = [m for m, span in people if any(tree.tok(i).rel.startswith("nsubj")
                                               for i in span)]
    m = (subjects or [people[-1][0]])[0]
    return [_standing_for(kb, m, t, day)]


def _standing_for(kb, m: Mention, t, day: date | None) -> Actor:
    """Who mention ``m`` is, at the words of token ``t`` that stand for it (a pronoun)."""
    actor = mention_actor(kb, m, day)
    actor.text, actor.start, actor.stop = t.text, t.start, t.stop
    return actor


PROTAGONIST_MENTIONS = 3  # the person an article is about is named at least this often
PROTAGONIST_LEAD = 2  # and at least this many times as often as anyone else


def protagonist(tree: Tree) -> list[Mention]:
    """The mentions of the person the article is about: the one named at least three
    times and at least twice as often as any other person; none where no one stands out."""
    if tree.protagonist is None:
        clusters: dict[int, list[Mention]] = {}
        for m in tree.doc.mentions:
            if m.type == PER and m.cluster >= 0:
                clusters.setdefault(m.cluster, []).append(m)
        ranked = sorted(clusters.values(), key=len, reverse=True) or [[]]
        runner = len(ranked[1]) if len(ranked) > 1 else 0
        top = ranked[0]
        tree.protagonist = top if len(top) >= max(PROTAGONIST_MENTIONS,
                                                  PROTAGONIST_LEAD * runner) else []
    return tree.protagonist


def unsaid_object(tree: Tree, kb, said: list[int], at: int, actors: Sequence[Actor],
                  day: date | None) -> list[Actor]:
    """The person an act on someone leaves unsaid ("был приговорён к году колонии",
    "прокуратура требовала реального срока", "выразил соболезнования") is the article's
    protagonist, named before it: where no word in the object's places (``said``) names
    a person, save a pronoun of the protagonist's gender, and the protagonist is not a
    doer of the act."""
    t = tree.tok(at)
    before = [m for m in protagonist(tree) if m.start < t.start]
    if not before:
        return []
    m = before[-1]
    for k in said:
        w = tree.tok(k)
        if w.lemma in grammar().object_pronouns:
            if not _gender_fits(tree, tree.doc.token_range(m.start, m.stop),
                                w.feats.get("Gender")):
                return []
        elif k in tree.mention or w.pos == "PRON" or w.feats.get("Animacy") == "Anim":
            return []
    actor = mention_actor(kb, m, day)
    if any((a.kb_id is not None and a.kb_id == actor.kb_id) or a.normal == actor.normal
           or any(a.start < p.stop and p.start < a.stop for p in before) for a in actors):
        return []
    return [actor]


def _group_actors(tree: Tree, kb, j: int, group: str) -> list[Actor]:
    """An unnamed group: an institution of the countries of its adjectives ("российские и
    китайские военные"), else of the country of the sentence's places ("в Минске полиция
    задержала" → BLRCOP; "в Минске протестующие" → BLRCVL), else a bare sector
    ("боевики" → INS)."""
    t = tree.tok(j)
    start = min([t.start] + [tree.tok(k).start for k in tree.children(j, "nummod", "amod")
                             for k in [k, *tree.children(k, "advmod")]])
    text = tree.doc.text[start:t.stop]
    name = t.lemma if t.pos == "NOUN" else t.text.lower()  # "протестующие": no verb lemma
    kind = kb.institution_types.get(group)
    own = [kb.get(a.kb_id) for k in tree.children(j, "amod") for c in tree.conjuncts(k)
           for a in adjective_actors(tree, kb, c)] + _genitive_countries(tree, kb, j)
    if kind is None and group:  # a sector: "жители Соединённого Королевства" → GBRCVL
        if group in grammar().implied_sectors:  # people are where they are: "в Минске
            own = own or [_sentence_country(tree, kb, t.sentence)]  # протестующие" → BLRCVL
        return [Actor(text, start, t.stop, None, f"{c.code}{group}" if c else group, name,
                      ORG) for c in own or [None]]  # militants strike abroad: bare INS
    countries = (own or [_sentence_country(tree, kb, t.sentence)]) if kind else []
    out = []
    for country in filter(None, countries):
        entity = kb.institution(group, country)
        labels = kb.labels(entity).to_json()
        out.append(Actor(text, start, t.stop, entity.id, entity.code, labels.get("ru", ""),
                         ORG, labels))
    if out:
        return out
    code = kind.sector if kind is not None else group
    return [Actor(text, start, t.stop, None, code or None, name, ORG)]


def implied_actor(tree: Tree, kb, group: str, at: int,
                  recipients: Sequence[Actor] = ()) -> Actor | None:
    """The unnamed doer an act implies ("был арестован" → the police, "приговорён" →
    the court, "продолжаются протесты" → civilians): that institution or sector of the
    country the sentence or the article is about (kb/where.py, as for "полиция" said
    alone), else of the one country its recipients' codes name ("Мурси обвинили": EGY);
    None when the country is not clear. It names no text: a zero-width span at the
    trigger."""
    kind = kb.institution_types.get(group)
    sector = grammar().implied_sectors.get(group)
    country = None
    if kind is not None or sector is not None:
        country = context_country(tree.doc, kb, at) or _recipients_country(kb, recipients)
    if country is None:
        return None
    if sector is not None:  # "в Каире продолжаются протесты": Egypt's civilians
        return Actor(sector["ru"], at, at, None, f"{country.code}{group}", sector["ru"], ORG,
                     dict(sector))
    entity = kb.institution(group, country)
    labels = kb.labels(entity).to_json()
    name = labels.get("ru", "")
    return Actor(name, at, at, entity.id, entity.code, name, ORG, labels)


def _genitive_countries(tree: Tree, kb, j: int) -> list:
    """Countries in the genitive of a group word: "жители Великобритании и Ирландии"."""
    out = []
    for k in tree.children(j, "nmod"):
        for c in tree.conjuncts(k) if not tree.prep(k) else ():
            m = tree.mention.get(c)
            entity = kb.get(m.kb_id) if m is not None and m.kb_id else None
            if entity is not None and entity.kind == "country":
                out.append(entity)
    return out


def _recipients_country(kb, recipients: Sequence[Actor]):
    codes = {(r.code or "")[:3] for r in recipients if r.code and len(r.code) >= 3}
    return kb.country(codes.pop()) if len(codes) == 1 else None


def _sentence_country(tree: Tree, kb, sentence: int):
    """The one country the places named in a sentence lie in, else the one country of the
    places of the whole article, if there is one."""
    s = tree.doc.sentences[sentence]
    for start, stop in ((s.start, s.stop), (0, len(tree.doc.text))):
        found = set()
        for m in tree.doc.mentions:
            if start <= m.start < stop and m.type == LOC and is_place(m):
                entity = kb.get(m.kb_id)
                if entity is not None and entity.country:
                    found.add(entity.country)
        if found:
            return kb.country(found.pop()) if len(found) == 1 else None
    return None


def _hung_people(tree: Tree, kb, j: int, m: Mention, day: date | None,
                 depth: int) -> list[Actor]:
    """Other people the parser hung on a name as appositions ("Сергей Лавров и член
    Госсовета, министр … Ван И" with "министр … Ван И" attached to "Сергей")."""
    if m.type != PER:
        return []
    out = []
    for k in tree.children(j, "appos"):
        if k in tree.mention and tree.mention[k] is m:
            continue
        out += [a for a in _entity(tree, kb, k, day, depth + 1)
                if a.type == PER and a.kb_id and a.kb_id != m.kb_id]
    return out


def _names(tree: Tree, kb, j: int, day: date | None, depth: int) -> list[Actor]:
    """Names in apposition; the parser may hang two coordinated names on the first role
    word."""
    return [a for k in tree.children(j, "appos", "flat:name")
            for a in _entity(tree, kb, k, day, depth + 1)]


def _up_to_relcl(tree: Tree, j: int) -> int:
    v = tree.head(j)
    while v >= 0 and tree.tok(v).rel not in ("acl:relcl", "acl", "root"):
        v = tree.head(v)
    return v if v >= 0 and tree.tok(v).rel != "root" else -1


def antecedent_before(tree: Tree, j: int) -> int:
    """The noun a relative pronoun stands for when the parser made its clause a sentence
    of its own ("министра Ивана Петрова, который … был осужден", "договором, который
    Россия и Украина подписали"): the word right before it, past the comma, a noun that
    a singular pronoun agrees with in gender and number (a name's first word)."""
    s = tree.doc.sentences[tree.tok(j).sentence]
    k = j - 1
    while k >= s.token_start and tree.tok(k).pos == "PUNCT":
        k -= 1
    while k > s.token_start and tree.tok(k).rel == "flat:name" and tree.head(k) < k:
        k = tree.head(k)
    if k < s.token_start or tree.tok(k).pos not in ("NOUN", "PROPN"):
        return -1
    pronoun, noun = tree.tok(j).feats, tree.tok(k).feats
    if pronoun.get("Number") == "Sing" and any(
            noun.get(f) and pronoun.get(f) and noun[f] != pronoun[f]
            for f in ("Number", "Gender")):
        return -1
    return k


def _conj_root(tree: Tree, j: int) -> int:
    while tree.tok(j).rel == "conj" and tree.head(j) >= 0:
        j = tree.head(j)
    return j


def mention_actor(kb, m: Mention, day: date | None) -> Actor:
    code = m.code
    entity = kb.get(m.kb_id) if m.kb_id else None
    if entity is not None and day is not None and entity.kind == "person":
        from ..kb.codes import code_on

        code = code_on(kb, entity, day) or code
    return Actor(m.text, m.start, m.stop, m.kb_id, code, m.normal, m.type, dict(m.labels),
                 m.wikidata)
