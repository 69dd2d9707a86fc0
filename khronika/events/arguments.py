"""An event's participants read off the dependency tree: actors (subjects, agents,
genitives, "между X и Y") and recipients (objects, "с + instrumental", "против / в адрес /
к" phrases), with the fallbacks for what the parser hangs elsewhere. ``docs/events.md``
says which relation gives which role."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ..records import LOC, ORG, Actor
from .actors import (
    adjective_actors,
    government,
    is_place,
    mention_actor,
    owner_adjectives,
    person_noun,
    resolve,
    unsaid_object,
)
from .grammar import Grammar, grammar
from .lexicon import Rule
from .tree import Tree

OBLIQUE_RELS = {"obl", "obl:agent", "nmod", "iobj", "obl:tmod"}
VERB_POS = {"VERB", "AUX"}
# a passive participle the tagger may call active ("санкции, введённые Вашингтоном")
PASSIVE_PARTICIPLE = re.compile(r"(?:нн|[^с]т)(?:ый|ая|ое|ые|ых|ым|ыми|ого|ому|ой|ую|ом)$")
# relative adverbs whose clause shares the main clause's subject ("прибыл в Париж, где …")


@dataclass(slots=True)
class Found:
    """A trigger and its arguments before they become an Event."""

    rule: Rule
    trigger: int
    clause: int  # the verb whose subject, negation, tense and date the event takes
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)


def denier(tree: Tree, g: Grammar, i: int) -> int:
    """The denial word over a report of the event noun ``i`` ("опроверг сообщения о
    разговоре"), else -1."""
    if tree.prep(i) not in g.topic_preps:
        return -1
    h = tree.head(i)
    if h >= 0 and tree.tok(h).lemma in g.report_nouns:
        h = tree.head(h)
    return h if h >= 0 and tree.tok(h).lemma in g.denial_heads else -1


def declared(tree: Tree, g: Grammar, i: int) -> bool:
    """"договорились о встрече", "объявил о начале расследования", "указ о мобилизации":
    what an intent or a declaration is about is the act itself."""
    head = tree.head(i)
    if head >= 0 and tree.tok(i).lemma in g.intent_heads and tree.tok(head).lemma in (
            g.report_heads):  # "заявил о готовности к переговорам": the speaker's intent
        return True
    return head >= 0 and tree.tok(head).lemma in g.intent_heads | g.declare_heads


def arguments(tree: Tree, kb, g: Grammar, hit: Found, day: date | None) -> None:
    t, v = hit.trigger, hit.clause
    actors: list[int] = []
    recipients: list[int] = []
    extra_actors: list[Actor] = []
    extra_recipients: list[Actor] = []
    stray: list[int] = []  # a subject the parser hung elsewhere, if the real one names nobody
    if tree.is_noun(t):
        _noun_arguments(tree, kb, g, hit, actors, recipients, extra_actors)
        held = tree.head(t) if tree.head(t) >= 0 and (
            tree.tok(tree.head(t)).lemma in g.container_nouns  # "утвердил пакет санкций"
            or ordered(tree, g, t)) else t  # "выдал ордер на арест"
        if v != t and tree.tok(held).rel in ("obj", "obl"):  # "объявили о прекращении огня"
            actors += _subjects(tree, v)
            recipients += _datives(tree, v) + _datives(tree, t)  # "выразил протест Японии"
        elif v != t and tree.tok(held).rel == "nsubj:pass":  # "обвинения были выдвинуты
            actors += _agents(tree, v)  # прокуратурой": the passive's agent brings them
        stray = _carrier_subjects(tree, g, t)
    else:
        if passive(tree, v):
            recipients += tree.children(v, "nsubj:pass") or tree.children(v, "nsubj")
            recipients += _datives(tree, v)  # "Навальному предъявлены обвинения"
            for o in recipients:
                if o not in tree.mention:
                    extra_recipients += owner_adjectives(tree, kb, o)
            actors += _agents(tree, v) or _fought_with(tree, g, v)
            if tree.tok(v).rel in ("amod", "acl") and tree.head(v) >= 0:
                recipients.append(tree.head(v))
        else:
            actors += _subjects(tree, v)
            stray = _stray_subject(tree, v)
            for o in (tree.children(v, "obj") or two_subjects(tree, v)[1]
                      or stray_object(tree, v)):
                if _is_recipient_object(tree, g, hit.rule, o):
                    recipients.append(o)
                else:  # "выслала польских дипломатов" → Poland
                    extra_recipients += owner_adjectives(tree, kb, o)
            recipients += _datives(tree, v)
    for clause in {t, v} | _unnamed_objects(tree, t) | _required_words(tree, hit) | (
            _refused(tree, g, hit)):
        for k in tree.children(clause, *OBLIQUE_RELS):
            _oblique(tree, g, hit.rule, k, actors, recipients)
    hit.actors = (resolve(tree, kb, actors, day) + extra_actors
                  or resolve(tree, kb, stray, day) or _impersonal_source(tree, kb, v, day)
                  or _antecedents(tree, g, actors) or _denier_subjects(tree, kb, g, t, day)
                  or _unsaid_signers(tree, hit))
    own = {(a.code or "")[:3] for a in hit.actors}  # "направить российских спасателей":
    hit.recipients = resolve(tree, kb, recipients, day) or [  # the giver's own people
        r for r in extra_recipients if (r.code or "")[:3] not in own]
    if not hit.recipients and (hit.actors or hit.rule.implied_actor) and g.is_code(
            hit.rule.code, "topic_object") and not hit.rule.reverse:
        hit.recipients = unsaid_object(tree, kb, recipients, t, hit.actors, day)
    if not hit.actors and hit.recipients and g.is_code(hit.rule.root, "consult") and len(
            hit.recipients) > 1 and not passive(tree, v):
        hit.actors, hit.recipients = hit.recipients, []
    if not hit.rule.code.startswith(tuple(g.place_target_roots)):  # "введённые Вашингтоном"
        hit.actors = [government(kb, a) for a in hit.actors]
        hit.recipients = [government(kb, a) for a in hit.recipients]
    seen = {a.kb_id or a.text for a in hit.actors}
    hit.recipients = [r for r in hit.recipients if (r.kb_id or r.text) not in seen]


def _denier_subjects(tree: Tree, kb, g: Grammar, t: int, day: date | None) -> list[Actor]:
    """Who denies a report of an act with no named actor is who is said to have done it:
    "Баку опроверг информацию об обстреле" → Azerbaijan."""
    d = denier(tree, g, t)
    return resolve(tree, kb, _subjects(tree, d), day) if d >= 0 else []


def _unsaid_signers(tree: Tree, hit: Found) -> list[Actor]:
    """"Соглашение подписано не было" right after the talks: an agreement signed (or not)
    with no agent named is the parties' of the meeting just told."""
    sentence, parties = tree.recent
    v = hit.clause
    if not (grammar().is_code(hit.rule.code, "sign") and passive(tree, v) and parties):
        return []
    if not 0 <= tree.tok(v).sentence - sentence <= 1:
        return []
    return _named_at(parties, tree.tok(hit.trigger))


def _antecedents(tree: Tree, g: Grammar, subjects: list[int]) -> list[Actor]:
    """"Лидеры условились ускорить работу", "стороны договорились": a plural party word
    with no name of its own stands for the parties of the event just told (within two
    sentences), named where it stands."""
    sentence, parties = tree.recent
    for k in subjects:
        t = tree.tok(k)
        if (t.lemma in g.anaphoric_parties and t.feats.get("Number") == "Plur"
                and k not in tree.mention and not tree.children(k, "nmod")  # not "лидеры
                and parties and 0 <= t.sentence - sentence <= 2  # стран ЕС"
                and not (t.lemma in g.subject_pronouns and t.feats.get("Case") == "Nom")):
            # "они" as a subject is any plural; "между ними", "им не удалось" are the parties
            return _named_at(parties, t)
    return []


def _named_at(parties: list[Actor], t) -> list[Actor]:
    """The parties just told, with the word that stands for them here as their span."""
    return [replace(a, text=t.text, start=t.start, stop=t.stop) for a in parties]


def _carrier_subjects(tree: Tree, g: Grammar, t: int) -> list[int]:
    """For an event noun with no actor of its own, the subject of the verb it is set in
    ("в телефонном разговоре с Алиевым Путин принёс извинения") or declared by ("подписал
    указ об объявлении мобилизации", "объявил о начале расследования")."""
    setting = tree.prep(t) in g.into_preps  # "на санкции ответила" is no setting
    k, steps = t, 0
    while tree.head(k) >= 0 and steps < 4 and tree.tok(k).rel in ("obj", "obl", "nmod"):
        said = declared(tree, g, k)
        k, steps = tree.head(k), steps + 1
        if tree.tok(k).pos in VERB_POS:
            return _subjects(tree, k) if setting or said or steps > 1 else []
        if not said:
            return []
    return []


def _impersonal_source(tree: Tree, kb, v: int, day: date | None) -> list[Actor]:
    """Who acts in "в Кремле расценили", "в Белом доме назвали": a plural verb with no
    subject and an institution (or the building that stands for one) after "в"."""
    t = tree.tok(v)
    if t.pos not in VERB_POS or t.feats.get("Number") != "Plur" or tree.children(v, "nsubj"):
        return []
    for k in tree.children(v, "obl"):
        m = tree.mention.get(k)
        if m is None or tree.prep(k) not in grammar().into_preps:
            continue
        if m.type == ORG or (m.kb_id or "").startswith("org:"):
            return [mention_actor(kb, m, day)]
        seat = next((e for e in kb.candidates(m.normal) if e.kind == "org"), None)
        if seat is not None:  # the Kremlin as a building → the presidency
            labels = kb.labels(seat).to_json()
            return [Actor(m.text, m.start, m.stop, seat.id, seat.code, labels.get("ru", ""),
                          ORG, labels, seat.qid)]
    return []


def _unnamed_objects(tree: Tree, t: int) -> set[int]:
    """The trigger's unnamed object, whose own arguments are the event's: "ввели санкции
    против России", "о введении санкций против Ирана"."""
    rels = ("nmod",) if tree.is_noun(t) else ("obj", "nsubj:pass")
    return {k for k in tree.children(t, *rels) if not tree.prep(k) and k not in tree.mention}


def _refused(tree: Tree, g: Grammar, hit: Found) -> set[int]:
    """What a refusal gives up, whose counterpart is the event's: "отказался от сделки с
    прокуратурой", "отказался от переговоров с Киевом"."""
    if not g.is_code(hit.rule.code, "refuse"):
        return set()
    return {k for k in tree.children(hit.clause, "obl")
            if tree.prep(k) in g.from_preps and k not in tree.mention}


def _required_words(tree: Tree, hit: Found) -> set[int]:
    """The word a rule requires, whose arguments are the event's: "находящийся с визитом в
    Москве" (the visit is where the event's recipient hangs)."""
    if not hit.rule.requires:
        return set()
    return {k for k in tree.children(hit.trigger, "obl", "nmod", "xcomp")
            if tree.tok(k).lemma in hit.rule.requires and k not in tree.mention}


def passive(tree: Tree, v: int) -> bool:
    t = tree.tok(v)
    return (t.feats.get("Voice") == "Pass" and not tree.is_noun(v)) or bool(
        tree.children(v, "nsubj:pass")) or (
        t.feats.get("VerbForm") == "Part"
        and PASSIVE_PARTICIPLE.search(t.text.lower()) is not None)


def _is_recipient_object(tree: Tree, g: Grammar, rule: Rule, o: int) -> bool:
    m = tree.mention.get(o)
    if m is None:
        m = next((tree.mention[k] for k in tree.children(o, "appos", "flat:name")
                  if k in tree.mention), None)
        if m is None and not _role_word(tree, o):  # an unnamed group still is one
            lemma = tree.tok(o).lemma
            return lemma in g.group_actors or lemma in g.quantity_nouns or (
                lemma in g.object_pronouns and tree.tok(o).feats.get("Case") != "Nom") or (
                lemma in g.relative_pronouns) or (  # "Иванов, которого поддержала партия"
                person_noun(tree.tok(o)))  # "обвинили россиянку": the woman named before
    if m is not None and m.type == LOC and is_place(m):
        if (m.kb_id or "").startswith("country:") and rule.root in g.country_object_roots:
            return True  # "назвал Азербайджан примером", "осудил Израиль"
        return g.is_code(rule.root, "place_object") and (
            not g.is_code(rule.root, "consult") or g.is_code(rule.code, "visit"))
    return True


def _role_word(tree: Tree, o: int) -> bool:
    """A word with a name under it: a role ("министра Лаврова"), or what someone said or
    did, the act being aimed at its author ("осудил решение президента Байдена")."""
    under = tree.children(o, "nmod", "appos")
    if tree.tok(o).lemma in grammar().authored_nouns:
        under += [c for k in under if not tree.prep(k) for c in tree.children(k, "appos")]
    return any(k in tree.mention for k in under)


def _subjects(tree: Tree, v: int) -> list[int]:
    """The subject of ``v``, or the one its clause shares: a conjoined verb's ("прибыл и
    провел"), a governing verb's ("намерены провести", "решили ввести"), a gerund's, a
    participle's noun ("боевики, обстрелявшие село")."""
    seen = set()
    while v >= 0 and v not in seen:
        seen.add(v)
        subject = two_subjects(tree, v)[0] or _later_verb_subject(tree, v)
        if not subject and tree.tok(v).lemma in grammar().dative_subject_heads:
            subject = _datives(tree, v)  # "договориться им не удалось"
        if subject:
            return subject
        t = tree.tok(v)
        if tree.is_noun(v) and t.rel in ("obj", "obl") and (
                t.lemma in grammar().intent_heads | grammar().carrier_nouns):
            v = tree.head(v)  # "выразила готовность оказать помощь": who is ready
            continue
        if t.rel in ("amod", "acl") and t.feats.get("Voice") != "Pass":
            noun = tree.head(v)
            if noun >= 0 and tree.tok(noun).lemma in grammar().document_nouns:
                v = tree.head(noun)  # "приняла резолюцию, осуждающую": who adopted it
                continue
            return [noun] if noun >= 0 else []
        if t.rel in ("conj", "xcomp", "advcl", "ccomp") or t.feats.get("VerbForm") == "Inf":
            v = tree.head(v)
            continue
        if t.rel == "acl:relcl" and tree.head(v) >= 0 and any(
                tree.tok(k).lemma in grammar().where_words for k in tree.children(v, "advmod")):
            v = tree.head(tree.head(v))  # "прибыл в Париж, где провел переговоры"
            continue
        return []
    return []


def two_subjects(tree: Tree, v: int) -> tuple[list[int], list[int]]:
    """The subjects of ``v``, and the objects among them: of two subjects the parser gave
    one verb, not coordinated ("Ким Чен Ына посетили дипломаты"), the one agreeing with
    the verb in number is its subject, the other its object."""
    subjects = tree.children(v, "nsubj")
    number = tree.tok(v).feats.get("Number")
    if len(subjects) < 2 or number is None:
        return subjects, []
    agree = [k for k in subjects if tree.tok(k).feats.get("Number") == number]
    if len(agree) != 1:
        return subjects, []
    return agree, [k for k in subjects if k not in agree]


def _plainly_accusative(t) -> bool:
    """An accusative no nominative looks like: a feminine singular ("кандидатуру") or an
    animate noun ("депутатов"); an inanimate masculine, neuter or plural one may be the
    subject the tagger misread ("бомбардировщики провели")."""
    f = t.feats
    return f.get("Case") == "Acc" and (
        (f.get("Gender") == "Fem" and f.get("Number") == "Sing") or f.get("Animacy") == "Anim")


def _later_verb_subject(tree: Tree, v: int) -> list[int]:
    """"Путин провел разговор …, выразил соболезнования": the parser may hang the subject
    on a later coordinated verb, or make that verb a second root of the sentence."""
    objects = tree.children(v, "obj")  # "Российские бомбардировщики провели патрулирование"
    if len(objects) > 1 and objects[0] < v < objects[-1] and not (  # read as two objects,
            _plainly_accusative(tree.tok(objects[0]))):  # unless no nominative looks so
        return [objects[0]]
    later = [c for c in tree.children(v, "conj") if c > v]
    if tree.head(v) < 0:
        s = tree.doc.sentences[tree.tok(v).sentence]
        later += [c for c in range(v + 1, s.token_stop) if tree.head(c) < 0
                  and tree.tok(c).pos in VERB_POS]
    return [k for c in later for k in tree.children(c, "nsubj") if k < v]


def ordered(tree: Tree, g: Grammar, i: int) -> bool:
    """``i`` hangs on a paper that orders it: "ордер на арест", "решение об аресте"."""
    head = tree.head(i)
    return (head >= 0 and tree.tok(head).lemma in g.order_nouns
            and tree.prep(i) in g.order_preps)


def stray_object(tree: Tree, v: int) -> list[int]:
    """A direct object the parser hung elsewhere ("принимает в Белом доме … коллегу
    Николя Саркози" parsed as a modifier of "доме"): the nearest accusative noun after a
    verb without an object, outside prepositional phrases, before the next verb; else one
    put before the verb ("Одним из первых Эрика Ландстрёма поздравил …" parsed as a
    genitive of "первых")."""
    t = tree.tok(v)
    if t.feats.get("VerbForm") != "Fin" or tree.children(v, "obj", "ccomp", "xcomp"):
        return []
    subjects = tree.children(v, "nsubj")
    cases = ("Acc", "Nom") if subjects else ("Acc",)  # the tagger's Nom
    s = tree.doc.sentences[t.sentence]
    for k in range(v + 1, s.token_stop):
        c = tree.tok(k)
        if c.pos == "VERB":
            break
        if (c.pos in ("NOUN", "PROPN") and c.feats.get("Case") in cases and not tree.prep(k)
                and c.rel not in ("appos", "flat:name", "conj", "flat", "obl", "nsubj",
                                  "nsubj:pass")):  # "… поздравил президент России"
            return [k]
    return _fronted_object(tree, v) if subjects else []


def _fronted_object(tree: Tree, v: int) -> list[int]:
    """An object before its verb that the parser hung on another word: an accusative
    noun, or a name whose genitive is its accusative (a man's: "Эрика Ландстрёма") that no
    noun governs, outside prepositional phrases, after the previous verb."""
    s = tree.doc.sentences[tree.tok(v).sentence]
    for k in range(v - 1, s.token_start - 1, -1):
        c = tree.tok(k)
        if c.pos == "VERB":
            break
        if c.pos not in ("NOUN", "PROPN") or tree.prep(k) or c.rel in (
                "appos", "flat:name", "conj", "flat", "obl", "nsubj", "nsubj:pass", "obj"):
            continue
        head = tree.head(k)
        owned = head >= 0 and tree.tok(head).pos in ("NOUN", "PROPN")
        if c.feats.get("Case") == "Acc" or (
                c.pos == "PROPN" and c.feats.get("Case") == "Gen" and not owned
                and c.feats.get("Animacy") == "Anim" and c.feats.get("Gender") == "Masc"):
            return [k]
    return []


def _stray_subject(tree: Tree, v: int) -> list[int]:
    """A subject the parser hung elsewhere ("посол Италии … Сандали встретился с …" parsed
    as a modifier of the object): the nearest nominative noun (or counted genitive: "более
    ста тысяч человек вышли") before a finite verb whose subject names nobody, agreeing
    with it in number, outside prepositional phrases."""
    t = tree.tok(v)
    if t.feats.get("VerbForm") != "Fin" or t.rel not in ("root", "conj", "parataxis"):
        return []
    s = tree.doc.sentences[t.sentence]
    for k in range(v - 1, s.token_start - 1, -1):
        c = tree.tok(k)
        if c.pos == "VERB":
            break
        counted = c.feats.get("Case") == "Gen" and bool(tree.children(k, "nummod"))
        if (c.pos in ("NOUN", "PROPN") and (c.feats.get("Case") == "Nom" or counted)
                and not tree.prep(k) and c.rel not in ("appos", "flat:name", "conj", "flat")
                and (t.feats.get("Number") == "Plur" or c.feats.get("Number") != "Plur")):
            return [k]
    return []


def _noun_arguments(tree: Tree, kb, g: Grammar, hit: Found, actors: list[int],
                    recipients: list[int], extra: list[Actor]) -> None:
    t = hit.trigger
    root = hit.rule.root
    for k in tree.children(t, "nmod"):
        if tree.prep(k):
            continue
        m = tree.mention.get(k)
        to_recipient = hit.rule.code.startswith(tuple(g.genitive_recipient_roots)) or (
            m is not None and m.type == LOC and is_place(m)
            and root in g.genitive_place_recipient_roots)
        if to_recipient and tree.tok(t).lemma in g.agentive_nouns and _agent_like(tree, k):
            to_recipient = False  # "нападение боевиков", "атака хакеров": who attacks
        if tree.tok(k).lemma in g.target_nouns and g.is_code(root, "force"):
            to_recipient = True  # "обстрел армянских позиций"
        (recipients if to_recipient else actors).append(k)
    for k in tree.children(t, "amod"):
        extra.extend(adjective_actors(tree, kb, k))
    for p in tree.children(t, "acl"):  # "помощью, направленной Египтом"
        if passive(tree, p):
            actors.extend(_agents(tree, p))
    accompanies = tree.prep(t) in g.accompany_preps
    dates = tree.prep(t) in g.time_reference_preps and g.is_code(hit.rule.code, "consult")
    if accompanies or dates:  # the parties of the act it accompanies, or that it dates
        v = tree.head(t)  # ("после встречи с Ли Куан Ю Обама назвал …": Obama met him)
        while v >= 0 and tree.tok(v).pos not in VERB_POS:
            v = tree.head(v)
        if v >= 0:
            (recipients if accompanies else actors).extend(_subjects(tree, v))


def _agents(tree: Tree, v: int) -> list[int]:
    """The agent of a passive: a bare instrumental ("выдвинуты прокуратурой")."""
    return [k for k in tree.children(v, "obl:agent", "obl")
            if not tree.prep(k) and tree.tok(k).feats.get("Case") == "Ins"]


def _fought_with(tree: Tree, g: Grammar, v: int) -> list[int]:
    """Who someone was killed or wounded by in a fight told with "с": "убит в перестрелке с
    полицией" → the police."""
    return [c for k in tree.children(v, "obl") if tree.prep(k) in g.into_preps
            and tree.tok(k).lemma in g.fight_nouns
            for c in tree.children(k, "nmod") if tree.prep(c) in g.with_preps]


def _datives(tree: Tree, v: int) -> list[int]:
    """Indirect objects: the parser's iobj (whatever case the tagger gave), a bare dative
    (also one the parser hung on a noun as its modifier or apposition: "выразил
    признательность Эммануэлю Макрону")."""
    return [k for k in tree.children(v, "iobj", "obl", "nmod", "appos") if not tree.prep(k) and (
        tree.tok(k).rel == "iobj" or tree.tok(k).feats.get("Case") == "Dat")]


def _agent_like(tree: Tree, k: int) -> bool:
    m = tree.mention.get(k)
    if m is not None:
        return m.type in ("PER", "ORG") or not is_place(m)
    return tree.tok(k).feats.get("Animacy") == "Anim"


def _oblique(tree: Tree, g: Grammar, rule: Rule, k: int, actors: list[int],
             recipients: list[int]) -> None:
    prep = tree.prep(k)
    lemma = tree.tok(k).lemma
    if prep in g.address_preps and lemma in g.address_nouns:
        recipients.extend(tree.children(k, "nmod"))
        return
    first, _, rest = prep.partition(" ")
    if first in g.address_preps and rest in g.address_nouns:
        recipients.append(k)  # "в отношении X" parsed as one preposition
        return
    if prep in g.between_preps or prep in g.agent_preps:
        actors.append(k)
    elif prep in g.with_preps and tree.tok(k).feats.get("Case") == "Ins":
        recipients.append(k)
    elif prep in g.recipient_preps and not (
            prep == "на" and tree.tok(k).feats.get("Case") == "Loc"):  # "на площади": where
        m = tree.mention.get(k)
        if prep in g.party_preps:  # "санкции против России": a country here is a party
            recipients.append(k)
        elif m is None or not (m.type == LOC and is_place(m)) or g.is_code(
                rule.root, "force") or (
                g.is_code(rule.code, "visit") and prep in g.locative_preps):
            if prep in g.against_preps and not g.is_code(rule.root, "on_recipient"):
                return
            recipients.append(k)
    elif _visited(tree, g, rule, prep, k) or (prep in g.reverse_from_preps and rule.reverse):
        recipients.append(k)  # "прибыл в Анкару"; "получила от Ирана ракеты": Iran gives
    elif prep in g.from_preps and rule.code.startswith(tuple(g.source_recipient_roots)):
        recipients.append(k)  # "потребовал от Киева", "отозвала посла из Австралии"
    elif prep in g.for_preps and g.is_code(rule.code, "support"):
        recipients.append(k)  # "призвал голосовать за Петрова", "выступил за Петрова"


def _visited(tree: Tree, g: Grammar, rule: Rule, prep: str, k: int) -> bool:
    """"прибыл в Анкару", "направила помощь в Сирию": where a visit or aid goes."""
    m = tree.mention.get(k)
    town = m is not None and (m.kb_id or "").startswith(("country:", "city:"))
    # "с визитом в Москве": a visit is also told with the locative
    cases = ("Acc", "Loc") if g.is_code(rule.code, "visit") and town else ("Acc",)
    return prep in g.into_preps and rule.code.startswith(tuple(g.destination_roots)) and (
        tree.tok(k).feats.get("Case") in cases)
