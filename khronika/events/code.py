"""The event coder: triggers from the lexicon, arguments from the dependency tree.

For each sentence, a token whose lemma a lexicon rule lists is a trigger, if the rule's
constraints hold. Its clause is the trigger verb, or for a verbal noun the light verb that
carries it ("провести переговоры", "переговоры состоялись"). Then:

- actors: the clause's subject (coordinated subjects all count; "который" is its
  antecedent; a participle's noun; the subject a conjoined, infinitive or gerund clause
  shares), the agent of a passive, a verbal noun's genitive or country adjective
  ("переговоры Путина и Пашиняна", "российско-армянские переговоры"), "между X и Y";
- recipients: "с + instrumental" (a co-participant), a named direct or dative object, the
  subject of a passive, "против / в адрес / в отношении / к / по / на" phrases;
- modality, date and place (``modality``, ``attach``), then one event per report, merged
  within the article when the same event is told twice (``merge``).

A symmetric event of parties named together ("Путин, Пашинян и Алиев подписали") is one
multilateral event listing them all as actors: that is what was said, and exports that
need dyads (GDELT) expand it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..records import LOC, ORG, PER, Actor, Doc, Event, Evidence, Mention, Span
from .attach import event_date, event_place, undated
from .grammar import Grammar, grammar
from .lexicon import Lexicon, Rule, load_lexicon
from .merge import finish
from .modality import is_after, modality
from .ontology import cameo
from .participants import plural_role_actors

SUBJECT_RELS = {"nsubj"}
PASSIVE_SUBJECT_RELS = {"nsubj:pass"}
OBJECT_RELS = {"obj"}
OBLIQUE_RELS = {"obl", "obl:agent", "nmod", "iobj", "obl:tmod"}
VERB_POS = {"VERB", "AUX"}
# a passive participle the tagger may call active ("санкции, введённые Вашингтоном")
PASSIVE_PARTICIPLE = re.compile(r"(?:нн|[^с]т)(?:ый|ая|ое|ые|ых|ым|ыми|ого|ому|ой|ую|ом)$")
# relative adverbs whose clause shares the main clause's subject ("прибыл в Париж, где …")
WHERE_WORDS = {"где", "куда", "откуда", "когда"}


@dataclass(slots=True)
class Tree:
    """One document's tokens with children lists and the mention over each token."""

    doc: Doc
    kids: list[list[int]]
    mention: dict[int, Mention]

    @classmethod
    def of(cls, doc: Doc) -> Tree:
        kids: list[list[int]] = [[] for _ in doc.tokens]
        for i, t in enumerate(doc.tokens):
            if 0 <= t.head < len(kids) and t.head != i:
                kids[t.head].append(i)
        mention: dict[int, Mention] = {}
        for m in doc.mentions:
            span = m.stop - m.start
            for i in doc.token_range(m.start, m.stop):
                old = mention.get(i)
                if old is None or span > old.stop - old.start:
                    mention[i] = m
        return cls(doc, kids, mention)

    def tok(self, i: int):
        return self.doc.tokens[i]

    def is_noun(self, i: int) -> bool:
        """A noun, or a capitalised word the tagger took for a name that names nothing
        ("Переговоры" opening a sentence)."""
        t = self.doc.tokens[i]
        return t.pos == "NOUN" or (t.pos == "PROPN" and i not in self.mention)

    def head(self, i: int) -> int:
        h = self.doc.tokens[i].head
        return h if 0 <= h < len(self.doc.tokens) and h != i else -1

    def children(self, i: int, *rels: str) -> list[int]:
        return [k for k in self.kids[i] if not rels or self.tok(k).rel in rels]

    def prep(self, i: int) -> str:
        """The preposition of a nominal, multiword ones joined ("во время" → "в время")."""
        words = []
        for c in self.children(i, "case"):
            words.append(self.tok(c).lemma)
            words.extend(self.tok(f).lemma for f in self.children(c, "fixed"))
        return " ".join(words)

    def conjuncts(self, i: int) -> list[int]:
        """``i`` and the words coordinated with it ("Путин, Пашинян и Алиев")."""
        out, todo = [], [i]
        while todo:
            j = todo.pop(0)
            if j not in out:
                out.append(j)
                todo.extend(self.children(j, "conj"))
        return out

    def lemmas_below(self, i: int, depth: int = 2) -> set[str]:
        found, layer = set(), [i]
        for _ in range(depth):
            layer = [k for j in layer for k in self.kids[j]]
            found.update(self.tok(k).lemma for k in layer)
        return found


@dataclass(slots=True)
class Found:
    """A trigger and its arguments before they become an Event."""

    rule: Rule
    trigger: int
    clause: int  # the verb whose subject, negation, tense and date the event takes
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)


def code_doc(doc: Doc, resources) -> None:
    """The ``events`` stage."""
    lexicon, g = load_lexicon(), grammar()
    tree = Tree.of(doc)
    found: list[Event] = []
    for index, sentence in enumerate(doc.sentences):
        hits = [hit for i in range(sentence.token_start, sentence.token_stop)
                if (hit := _trigger(tree, lexicon, g, i)) is not None]
        triggers = {hit.trigger for hit in hits}
        verbs = {hit.trigger for hit in hits if not tree.is_noun(hit.trigger)}
        described = {tree.head(v) for v in verbs if tree.tok(v).rel in ("acl", "amod")}
        for hit in hits:
            if _governed(tree, g, hit, triggers) or (
                    hit.clause != hit.trigger and hit.clause in verbs) or (
                    hit.trigger in described):
                continue  # "санкции введены", "санкции, введённые …": the verb's event only
            event = _event(tree, resources.kb, g, hit, index)
            if event is not None:
                found.append(event)
    doc.events = finish(doc, resources.kb, found)


def _governed(tree: Tree, g: Grammar, hit: Found, triggers: set[int]) -> bool:
    """Part of another trigger's act, not a report of its own: "нарушили перемирие",
    "осудил обстрел", "пригрозил нанести удар", "призвал к прекращению огня". An intent
    verb is the exception: "договорились встретиться" is folded into the meeting (036)."""
    clause = hit.clause
    head = tree.head(clause)
    if (head >= 0 and head not in triggers and tree.is_noun(head) and not tree.prep(clause)
            and tree.tok(clause).rel == "nmod"):  # "отверг возможность переговоров"
        clause, head = head, tree.head(head)
    if head < 0 or head not in triggers or head == hit.trigger:
        return False
    if tree.tok(clause).rel not in ("obj", "obl", "xcomp", "nmod", "nsubj:pass", "iobj"):
        return False
    if tree.prep(clause) in g.accompany_preps:  # "обмен … при посредничестве ОАЭ"
        return False
    return tree.tok(head).lemma not in g.intent_heads


def _trigger(tree: Tree, lexicon: Lexicon, g: Grammar, i: int) -> Found | None:
    t = tree.tok(i)
    pos = ("noun" if tree.is_noun(i)
           else "verb" if t.pos in VERB_POS or _participle(t) else None)
    if pos is None:
        return None
    rules = lexicon.candidates(pos, t.lemma)
    if not rules:
        return None
    if t.feats.get("VerbForm") == "Part" and t.rel in ("nsubj", "obj", "obl", "nmod", "iobj"):
        return None  # a participle used as a noun: "задержанные", "протестующие"
    if pos == "noun" and _not_a_report(tree, lexicon, g, i):
        return None
    clause = _clause(tree, g, i) if pos == "noun" else i
    for rule in rules:
        if _holds(tree, rule, i):
            return Found(rule, i, clause)
    return None


def _participle(t) -> bool:
    return t.pos == "ADJ" and t.feats.get("VerbForm") in ("Part", "Conv")


def _not_a_report(tree: Tree, lexicon: Lexicon, g: Grammar, i: int) -> bool:
    """A verbal noun that names an event told elsewhere: the topic of another act
    ("заявление о прекращении огня"), a time reference ("после ввода миротворцев"), or
    a part of another event noun ("прекращение боевых действий")."""
    prep = tree.prep(i)
    head = tree.head(i)
    if prep in g.time_reference_preps:
        return True
    if prep in g.topic_preps:  # unless intent ("договорились о встрече") or a declaration
        return not _declared(tree, g, i)
    j, steps = i, 0
    while tree.tok(j).rel == "nmod" and tree.head(j) >= 0 and steps < 4:
        j, steps = tree.head(j), steps + 1  # "о перспективах военных действий"
        if (tree.prep(j) in g.topic_preps and not _declared(tree, g, j)) or (
                tree.prep(j) in g.time_reference_preps):
            return True
    if head >= 0 and tree.tok(i).rel in ("nmod",) and not prep:
        return bool(lexicon.candidates("noun", tree.tok(head).lemma))
    return False


def _declared(tree: Tree, g: Grammar, i: int) -> bool:
    """"договорились о встрече", "объявил о начале расследования", "указ о мобилизации":
    what an intent or a declaration is about is the act itself."""
    head = tree.head(i)
    return head >= 0 and tree.tok(head).lemma in g.intent_heads | g.declare_heads


def _clause(tree: Tree, g: Grammar, i: int) -> int:
    """The light verb carrying a verbal noun, or the noun itself."""
    head = tree.head(i)
    rel = tree.tok(i).rel
    if head >= 0 and rel in ("obj", "nsubj", "nsubj:pass", "obl") and (
            tree.tok(head).lemma in g.light_verbs or tree.tok(head).lemma in g.cancel_verbs
            or tree.tok(head).lemma in g.intent_heads
            or tree.tok(head).lemma in g.declare_heads):
        return head
    return i


def _objects(tree: Tree, i: int) -> list[int]:
    """What a verb acts on: its object, the subject of its passive, a reflexive's subject
    ("разместились миротворцы"), a participle's noun; for a noun, its genitive."""
    t = tree.tok(i)
    out = tree.children(i, "obj", "nsubj:pass")
    if not out and t.pos == "VERB":
        out = _stray_object(tree, i)
    if tree.is_noun(i):
        out += [k for k in tree.children(i, "nmod") if not tree.prep(k)]
    elif not out and (t.feats.get("Voice") in ("Mid", "Pass")):
        out += tree.children(i, "nsubj")
    if t.rel in ("amod", "acl") and tree.head(i) >= 0:
        out.append(tree.head(i))
    return [c for o in out for c in tree.conjuncts(o)]


def _holds(tree: Tree, rule: Rule, i: int) -> bool:
    below = tree.lemmas_below(i)
    objects = _objects(tree, i)
    if rule.exclude and below & rule.exclude:
        return False
    if rule.objects and not any(tree.tok(o).lemma in rule.objects for o in objects):
        return False
    if rule.requires:
        near = below | {tree.tok(k).lemma for o in objects for k in tree.kids[o]}
        if tree.is_noun(i) and tree.head(i) >= 0:  # and the verb carrying it
            near |= {tree.tok(k).lemma for k in tree.kids[tree.head(i)] + [tree.head(i)]}
        if not near & rule.requires:
            return False
    return not rule.entity_object or any(_named(tree, o) for o in objects)


def _named(tree: Tree, o: int) -> bool:
    """A mention, or a role word with a name in apposition ("коллегу Николя Саркози")."""
    return o in tree.mention or any(k in tree.mention
                                    for k in tree.children(o, "appos", "flat:name"))


def _event(tree: Tree, kb, g: Grammar, hit: Found, sentence: int) -> Event | None:
    doc = tree.doc
    published = doc.article.published
    when, precision, source = event_date(tree, g, hit, sentence)
    day = _day(when) or published
    _arguments(tree, kb, g, hit, day)
    if not (hit.actors or hit.recipients or hit.rule.actorless):
        return None
    code, mood = modality(tree, g, hit, sentence, when, precision, published)
    if code != hit.rule.code and (source != "timex" or is_after(when, precision, published)):
        when, precision, source = undated(doc, hit)  # an intent is dated when it is stated
    row = cameo(code)
    t = tree.tok(hit.trigger)
    s = doc.sentences[sentence]
    actors, recipients = hit.actors, hit.recipients
    if hit.rule.reverse:
        actors, recipients = recipients, actors
    place = event_place(tree, g, hit, sentence, actors + recipients)
    if not (actors or recipients or place):
        return None  # "начались боевые действия" needs a where: "war" alone is a figure
    confidence = round(hit.rule.confidence * (1.0 if source == "timex" else 0.95), 3)
    return Event(
        code=code, plover=row.plover, mode=row.mode, context=row.context, modality=mood,
        actors=actors, recipients=recipients, date=when, date_precision=precision,
        place=place, trigger=Span(t.start, t.stop), sentence=Span(s.start, s.stop),
        rule=hit.rule.id, confidence=confidence, goldstein=row.goldstein, quad=row.quad,
        date_source=source,
        evidence=[Evidence(Span(s.start, s.stop), Span(t.start, t.stop), hit.rule.id,
                           confidence, s.is_title)],
    )


def _day(value: str | None) -> date | None:
    if value and len(value) >= 7 and value[:4].isdigit():
        try:
            return date.fromisoformat(value if len(value) == 10 else value[:7] + "-01")
        except ValueError:
            return None
    return None


# ---- arguments ------------------------------------------------------------------------

def _arguments(tree: Tree, kb, g: Grammar, hit: Found, day: date | None) -> None:
    t, v = hit.trigger, hit.clause
    actors: list[int] = []
    recipients: list[int] = []
    extra_actors: list[Actor] = []
    extra_recipients: list[Actor] = []
    stray: list[int] = []  # a subject the parser hung elsewhere, if the real one names nobody
    if tree.is_noun(t):
        _noun_arguments(tree, kb, g, hit, actors, recipients, extra_actors)
        if v != t and tree.tok(t).rel in ("obj", "obl"):  # "объявили о прекращении огня"
            actors += _subjects(tree, v)
        stray = _carrier_subjects(tree, g, t)
    else:
        if _passive(tree, v):
            recipients += tree.children(v, "nsubj:pass") or tree.children(v, "nsubj")
            for o in recipients:
                if o not in tree.mention:
                    extra_recipients += _owner_adjectives(tree, kb, o)
            actors += [k for k in tree.children(v, "obl:agent", "obl")
                       if not tree.prep(k) and tree.tok(k).feats.get("Case") == "Ins"]
            if tree.tok(v).rel in ("amod", "acl") and tree.head(v) >= 0:
                recipients.append(tree.head(v))
        else:
            actors += _subjects(tree, v)
            stray = _stray_subject(tree, v)
            for o in tree.children(v, "obj") or _stray_object(tree, v):
                if _is_recipient_object(tree, g, hit.rule, o):
                    recipients.append(o)
                else:  # "выслала польских дипломатов" → Poland
                    extra_recipients += _owner_adjectives(tree, kb, o)
            recipients += [k for k in tree.children(v, "iobj", "obl")
                           if not tree.prep(k) and tree.tok(k).feats.get("Case") == "Dat"]
    for clause in {t, v} | _unnamed_objects(tree, t):
        for k in tree.children(clause, *OBLIQUE_RELS):
            _oblique(tree, g, hit.rule, k, actors, recipients)
    hit.actors = (_resolve(tree, kb, actors, day) + extra_actors
                  or _resolve(tree, kb, stray, day) or _impersonal_source(tree, kb, v, day))
    hit.recipients = _resolve(tree, kb, recipients, day) or extra_recipients
    if not hit.actors and hit.recipients and hit.rule.root in ("04",) and len(
            hit.recipients) > 1 and not _passive(tree, v):
        hit.actors, hit.recipients = hit.recipients, []
    if not hit.rule.code.startswith(tuple(g.place_target_roots)):  # "введённые Вашингтоном"
        hit.actors = [_government(kb, a) for a in hit.actors]
        hit.recipients = [_government(kb, a) for a in hit.recipients]
    seen = {a.kb_id or a.text for a in hit.actors}
    hit.recipients = [r for r in hit.recipients if (r.kb_id or r.text) not in seen]


def _government(kb, actor: Actor) -> Actor:
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


def _carrier_subjects(tree: Tree, g: Grammar, t: int) -> list[int]:
    """For an event noun with no actor of its own, the subject of the verb it is set in
    ("в телефонном разговоре с Алиевым Путин принёс извинения") or declared by ("подписал
    указ об объявлении мобилизации", "объявил о начале расследования")."""
    setting = tree.prep(t) in ("в", "во")  # "на санкции ответила" is no setting
    k, steps = t, 0
    while tree.head(k) >= 0 and steps < 4 and tree.tok(k).rel in ("obj", "obl", "nmod"):
        declared = _declared(tree, g, k)
        k, steps = tree.head(k), steps + 1
        if tree.tok(k).pos in VERB_POS:
            return _subjects(tree, k) if setting or declared or steps > 1 else []
        if not declared:
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
        if m is None or tree.prep(k) not in ("в", "во"):
            continue
        if m.type == ORG or (m.kb_id or "").startswith("org:"):
            return [_actor(kb, m, day)]
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


def _passive(tree: Tree, v: int) -> bool:
    t = tree.tok(v)
    return (t.feats.get("Voice") == "Pass" and not tree.is_noun(v)) or bool(
        tree.children(v, "nsubj:pass")) or (
        t.feats.get("VerbForm") == "Part" and PASSIVE_PARTICIPLE.search(t.text.lower()))


def _is_recipient_object(tree: Tree, g: Grammar, rule: Rule, o: int) -> bool:
    m = tree.mention.get(o)
    if m is None:
        m = next((tree.mention[k] for k in tree.children(o, "appos", "flat:name")
                  if k in tree.mention), None)
        if m is None and not _role_word(tree, o):
            return False
    if m is not None and m.type == LOC and _is_place(m):
        if (m.kb_id or "").startswith("country:") and rule.root in g.country_object_roots:
            return True  # "назвал Азербайджан примером", "осудил Израиль"
        return rule.root in ("04", "18", "19", "20", "15", "16", "17") and (
            rule.root != "04" or rule.code == "042")
    return True


def _role_word(tree: Tree, o: int) -> bool:
    return any(k in tree.mention for k in tree.children(o, "nmod", "appos"))


def _is_place(m: Mention) -> bool:
    return not (m.kb_id or "").startswith("org:")


def _subjects(tree: Tree, v: int) -> list[int]:
    """The subject of ``v``, or the one its clause shares: a conjoined verb's ("прибыл и
    провел"), a governing verb's ("намерены провести", "решили ввести"), a gerund's, a
    participle's noun ("боевики, обстрелявшие село")."""
    seen = set()
    while v >= 0 and v not in seen:
        seen.add(v)
        subject = tree.children(v, "nsubj")
        if subject:
            return subject
        t = tree.tok(v)
        if t.rel in ("amod", "acl") and t.feats.get("Voice") != "Pass":
            return [tree.head(v)] if tree.head(v) >= 0 else []
        if t.rel in ("conj", "xcomp", "advcl", "ccomp") or t.feats.get("VerbForm") == "Inf":
            v = tree.head(v)
            continue
        if t.rel == "acl:relcl" and tree.head(v) >= 0 and any(
                tree.tok(k).lemma in WHERE_WORDS for k in tree.children(v, "advmod")):
            v = tree.head(tree.head(v))  # "прибыл в Париж, где провел переговоры"
            continue
        return []
    return []


def _stray_object(tree: Tree, v: int) -> list[int]:
    """A direct object the parser hung elsewhere ("принимает в Белом доме … коллегу
    Николя Саркози" parsed as a modifier of "доме"): the nearest accusative noun after a
    verb without an object, outside prepositional phrases, before the next verb."""
    t = tree.tok(v)
    if t.feats.get("VerbForm") != "Fin" or tree.children(v, "obj", "ccomp", "xcomp"):
        return []
    cases = ("Acc", "Nom") if tree.children(v, "nsubj") else ("Acc",)  # the tagger's Nom
    s = tree.doc.sentences[t.sentence]
    for k in range(v + 1, s.token_stop):
        c = tree.tok(k)
        if c.pos == "VERB":
            break
        if (c.pos in ("NOUN", "PROPN") and c.feats.get("Case") in cases and not tree.prep(k)
                and c.rel not in ("appos", "flat:name", "conj", "flat", "obl")):
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
            m is not None and m.type == LOC and _is_place(m)
            and root in g.genitive_place_recipient_roots)
        (recipients if to_recipient else actors).append(k)
    for k in tree.children(t, "amod"):
        extra.extend(_adjective_actors(tree, kb, k))
    for p in tree.children(t, "acl"):  # "помощью, направленной Египтом"
        if _passive(tree, p):
            actors.extend(k for k in tree.children(p, "obl:agent", "obl")
                          if not tree.prep(k) and tree.tok(k).feats.get("Case") == "Ins")
    if tree.prep(t) in g.accompany_preps:  # the parties of the act it accompanies
        v = tree.head(t)
        while v >= 0 and tree.tok(v).pos not in VERB_POS:
            v = tree.head(v)
        if v >= 0:
            recipients.extend(_subjects(tree, v))


def _owner_adjectives(tree: Tree, kb, o: int) -> list[Actor]:
    """The countries of an unnamed plural object ("польских дипломатов", "азербайджанские
    позиции", "против российских банков"): its country adjectives. A single person ("турецкий
    политолог") does not stand for a country."""
    if tree.tok(o).feats.get("Number") != "Plur":
        return []
    return [a for k in tree.children(o, "amod") for a in _adjective_actors(tree, kb, k)]


def _adjective_actors(tree: Tree, kb, k: int) -> list[Actor]:
    """Country adjectives on a verbal noun: "российско-армянские переговоры", "турецкие
    удары" → the countries."""
    t = tree.tok(k)
    parts = t.lemma.split("-")
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


def _oblique(tree: Tree, g: Grammar, rule: Rule, k: int, actors: list[int],
             recipients: list[int]) -> None:
    prep = tree.prep(k)
    lemma = tree.tok(k).lemma
    if prep == "в" and lemma in ("адрес", "отношение"):
        recipients.extend(tree.children(k, "nmod"))
        return
    if prep in g.between_preps:
        actors.append(k)
    elif prep in g.with_preps and tree.tok(k).feats.get("Case") == "Ins":
        recipients.append(k)
    elif prep in g.recipient_preps:
        m = tree.mention.get(k)
        if prep in g.party_preps:  # "санкции против России": a country here is a party
            recipients.append(k)
        elif m is None or not (m.type == LOC and _is_place(m)) or rule.root in (
                "18", "19", "20") or (rule.code == "042" and prep in ("в", "во", "на")):
            if prep in ("на", "по") and rule.root not in ("13", "15", "16", "17", "18",
                                                        "19", "20", "11", "12"):
                return
            recipients.append(k)
    elif _visited(tree, rule, prep, k) or (prep == "от" and rule.reverse):
        recipients.append(k)  # "прибыл в Анкару"; "получила от Ирана ракеты": Iran gives


def _visited(tree: Tree, rule: Rule, prep: str, k: int) -> bool:
    return prep in ("в", "во") and rule.code == "042" and tree.tok(k).feats.get("Case") == "Acc"


def _resolve(tree: Tree, kb, heads: list[int], day: date | None) -> list[Actor]:
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
                    if j not in tree.mention and (actor.kb_id or "").startswith("country:"):
                        owners.append(actor)
    named = {(a.code or "")[:3] for a in out if a not in owners}
    return [a for a in out if a not in owners or (a.code or "")[:3] not in named]


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
    if m is not None and m.type in (PER, ORG, LOC):
        return [_actor(kb, m, day)]
    t = tree.tok(j)
    if t.lemma == "который":
        clause = _up_to_relcl(tree, j)
        if clause >= 0 and tree.head(clause) >= 0:
            antecedent = tree.head(clause)
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
    if t.feats.get("Number") == "Plur" or t.pos == "NOUN":
        plural = plural_role_actors(tree, kb, j, day)
        if plural:
            return plural
    for k in tree.children(j, "nmod"):  # "действия Вашингтона и Лондона": the owners
        if not tree.prep(k):
            owners = [_actor(kb, tree.mention[c], day) for c in tree.conjuncts(k)
                      if c in tree.mention and tree.mention[c].type in (ORG, LOC)]
            if owners:
                return owners
    if t.lemma in grammar().quantity_nouns:  # "сотни молодых людей": the people counted
        counted = [a for k in tree.children(j, "nmod") if not tree.prep(k)
                   for a in _entity(tree, kb, k, day, depth + 1)]
        if counted:
            return counted
    group = grammar().group_actors.get(t.lemma)
    if group is not None:
        return [_group_actor(tree, kb, j, group)]
    return _owner_adjectives(tree, kb, j)  # "против российских банков" → Russia


def _group_actor(tree: Tree, kb, j: int, group: str) -> Actor:
    """An unnamed group: an institution in the country of the sentence's places
    ("в Минске полиция задержала" → BLRCOP), else a bare sector ("протестующие" → CVL)."""
    t = tree.tok(j)
    start = min([t.start] + [tree.tok(k).start for k in tree.children(j, "nummod", "amod")
                             for k in [k, *tree.children(k, "advmod")]])
    text = tree.doc.text[start:t.stop]
    kind = kb.institution_types.get(group)
    country = _sentence_country(tree, kb, t.sentence) if kind is not None else None
    if country is not None:
        entity = kb.institution(group, country)
        labels = kb.labels(entity).to_json()
        return Actor(text, start, t.stop, entity.id, entity.code, labels.get("ru", ""), ORG,
                     labels)
    code = kind.sector if kind is not None else group
    return Actor(text, start, t.stop, None, code or None, t.lemma, ORG)


def _sentence_country(tree: Tree, kb, sentence: int):
    """The one country the places named in a sentence lie in, else the one country of the
    places of the whole article, if there is one."""
    s = tree.doc.sentences[sentence]
    for start, stop in ((s.start, s.stop), (0, len(tree.doc.text))):
        found = set()
        for m in tree.doc.mentions:
            if start <= m.start < stop and m.type == LOC and _is_place(m):
                entity = kb.get(m.kb_id)
                if entity is not None and entity.country:
                    found.add(entity.country)
        if found:
            return kb.country(found.pop()) if len(found) == 1 else None
    return None


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


def _conj_root(tree: Tree, j: int) -> int:
    while tree.tok(j).rel == "conj" and tree.head(j) >= 0:
        j = tree.head(j)
    return j


def _actor(kb, m: Mention, day: date | None) -> Actor:
    code = m.code
    entity = kb.get(m.kb_id) if m.kb_id else None
    if entity is not None and day is not None and entity.kind == "person":
        from ..kb.codes import code_on

        code = code_on(kb, entity, day) or code
    return Actor(m.text, m.start, m.stop, m.kb_id, code, m.normal, m.type, dict(m.labels),
                 m.wikidata)
