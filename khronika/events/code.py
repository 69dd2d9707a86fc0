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

Arguments are read in ``arguments``, and what each one stands for (a person, a government,
each holder of a plural role phrase, an unnamed group) in ``actors``.

A symmetric event of parties named together ("Путин, Пашинян и Алиев подписали") is one
multilateral event listing them all as actors: that is what was said, and exports that
need dyads (GDELT) expand it.
"""

from __future__ import annotations

from datetime import date

from ..records import ORG, PER, Doc, Event, Evidence, Span
from .actors import antecedent_before, implied_actor
from .arguments import (
    VERB_POS,
    Found,
    arguments,
    declared,
    denier,
    ordered,
    passive,
    stray_object,
    two_subjects,
)
from .attach import (
    dating_timexes,
    event_date,
    event_place,
    reference_date,
    reference_day,
    undated,
)
from .grammar import Grammar, grammar
from .lexicon import Lexicon, Rule, load_lexicon
from .merge import finish
from .modality import is_after, modality
from .ontology import cameo
from .tree import Tree


def code_doc(doc: Doc, resources) -> None:
    """The ``events`` stage."""
    lexicon, g = load_lexicon(), grammar()
    tree = Tree.of(doc)
    tree.reference = reference_date(doc)
    tree.timexes = dating_timexes(doc, tree.reference)
    found: list[Event] = []
    for index, sentence in enumerate(doc.sentences):
        hits = [hit for i in range(sentence.token_start, sentence.token_stop)
                if (hit := _trigger(tree, lexicon, g, i)) is not None]
        triggers = {hit.trigger for hit in hits}
        verbs = {hit.trigger for hit in hits if not tree.is_noun(hit.trigger)}
        described = {tree.head(v) for v in verbs if tree.tok(v).rel in ("acl", "amod")}
        carriers = _intent_carriers(tree, g, hits)
        described |= carriers | {denier(tree, g, h.trigger) for h in hits}  # the denied
        # event carries the denial: "опроверг сообщения о разговоре" is the call, negated
        claims = _claims(tree, hits)
        described |= {h.trigger for h in claims.values()}
        for hit in hits:
            if _governed(tree, g, hit, triggers, carriers) or (
                    hit.clause != hit.trigger and hit.clause in verbs) or (
                    hit.trigger in described):
                continue  # "санкции введены", "санкции, введённые …": the verb's event only
            event = _event(tree, resources.kb, g, hit, index)
            if event is not None and hit.trigger in claims:
                _claimed(event, claims[hit.trigger])
            if event is not None:
                found.append(event)
                if len(event.actors) + len(event.recipients) > 1:
                    tree.recent = (index, event.actors + event.recipients)
    doc.events = finish(doc, resources.kb, _answering(g, found))


def _answering(g: Grammar, found: list[Event]) -> list[Event]:
    """A resignation is an event only as the answer to a demand (CAMEO 0831: accede to
    demands for a change in leadership): kept where the article reports a demand or a
    protest, dropped where someone merely leaves office."""
    if any(g.is_code(e.code, "demand_or_protest") for e in found):
        return found
    return [e for e in found if not g.is_code(e.code, "answers_demand")]


def _claims(tree: Tree, hits: list[Found]) -> dict[int, Found]:
    """A protest's demand told by a gerund ("вышли на улицы, требуя отставки премьера") is
    what the protest is for, not a demand of its own: protest trigger → demand hit."""
    g = grammar()
    protests = {h.trigger for h in hits if g.is_code(h.rule.root, "protest")}
    return {tree.head(h.trigger): h for h in hits if g.is_code(h.rule.root, "demand")
            and tree.head(h.trigger) in protests
            and tree.tok(h.trigger).feats.get("VerbForm") == "Conv"}


def _claimed(event: Event, demand: Found) -> None:
    """"Demonstrate for leadership change" (1411) from "demand leadership change" (1041)."""
    code, g = demand.rule.code, grammar()
    demonstrate = g.cameo["demonstrate"][0]
    if g.is_code(event.code, "demonstrate") and g.is_code(code, "demand_specific") and len(
            code) == 4:
        row = cameo(demonstrate + code[3])
        event.code, event.mode, event.context = row.code, row.mode, row.context
        event.goldstein, event.quad = row.goldstein, row.quad


def _intent_carriers(tree: Tree, g: Grammar, hits: list[Found]) -> set[int]:
    """Generic intent words whose act is coded in their stead ("выразила готовность оказать
    помощь" is the aid intent 033, "договорились встретиться" the meeting intent 036, not a
    bare 030 beside them). A specific one keeps its own code and its act is not coded
    again ("пригласил Моди посетить Россию" is the invitation 036 only)."""
    heads = {tree.head(h.clause) for h in hits}
    return {h.trigger for h in hits if h.trigger in heads
            and tree.tok(h.trigger).lemma in g.intent_heads
            and (tree.is_noun(h.trigger) or h.rule.code.endswith("0"))}


def _governed(tree: Tree, g: Grammar, hit: Found, triggers: set[int],
              carriers: set[int]) -> bool:
    """Part of another trigger's act, not a report of its own: "нарушили перемирие",
    "осудил обстрел", "пригрозил нанести удар", "призвал к прекращению огня". A generic
    intent is the exception: "договорились встретиться" is folded into the meeting (036)."""
    clause = hit.clause
    while tree.tok(clause).rel == "conj" and tree.head(clause) >= 0:
        clause = tree.head(clause)  # "запрещены митинги, демонстрации и шествия"
    head = tree.head(clause)
    for _ in range(3):  # "отверг возможность переговоров", "о начале нового этапа
        if not (head >= 0 and head not in triggers and tree.is_noun(head)  # сотрудничества"
                and not tree.prep(clause) and tree.tok(clause).rel == "nmod"):
            break
        clause, head = head, tree.head(head)
    if head < 0 or head not in triggers or head == hit.trigger:
        return False
    if tree.tok(clause).rel not in ("obj", "obl", "xcomp", "nmod", "nsubj:pass", "iobj"):
        return False
    if tree.prep(clause) in g.accompany_preps | g.time_reference_preps:  # "обмен … при
        return False  # посредничестве ОАЭ"; "после встречи с Ли Куан Ю назвал его легендой"
    return tree.tok(head).lemma not in g.intent_heads or head not in carriers


def _trigger(tree: Tree, lexicon: Lexicon, g: Grammar, i: int) -> Found | None:
    t = tree.tok(i)
    pos = ("noun" if tree.is_noun(i)
           else "verb" if t.pos in VERB_POS or _participle(t) else None)
    if pos is None:
        return None
    rules = lexicon.candidates(pos, t.lemma) or (
        lexicon.candidates(pos, t.lemma[:-2]) if pos == "verb" and t.lemma.endswith("ся")
        and t.feats.get("Voice") == "Pass" else [])  # "обвиняется": the passive of "обвинять"
    if not rules or _in_a_name(tree, i):
        return None
    if t.feats.get("VerbForm") == "Part" and t.rel in ("nsubj", "obj", "obl", "nmod", "iobj"):
        return None  # a participle used as a noun: "задержанные", "протестующие"
    if (_participle(t) or t.feats.get("VerbForm") == "Part") and (
            t.rel == "amod" and not tree.kids[i]):
        return None  # a bare attribute names a person by what befell him earlier:
        # "сторонники задержанного оппозиционера" reports no detention
    if pos == "noun" and _not_a_report(tree, lexicon, g, i):
        return None
    clause = _clause(tree, g, i) if pos == "noun" else i
    for rule in rules:
        if _holds(tree, rule, i):
            return Found(rule, i, clause)
    return None


def _in_a_name(tree: Tree, i: int) -> bool:
    """A word inside an organisation's name past its first ("Сеть поддержки выборов",
    "Комитет защиты журналистов") names it and reports no act."""
    m = tree.mention.get(i)
    return m is not None and m.type == ORG and m.source != "role" and (
        tree.tok(i).start > m.start)


def _participle(t) -> bool:
    return t.pos == "ADJ" and t.feats.get("VerbForm") in ("Part", "Conv")


def _not_a_report(tree: Tree, lexicon: Lexicon, g: Grammar, i: int) -> bool:
    """A verbal noun that names an event told elsewhere: the topic of another act
    ("заявление о прекращении огня"), a time reference ("после ввода миротворцев"), or
    a part of another event noun ("прекращение боевых действий")."""
    prep = tree.prep(i)
    head = tree.head(i)
    if prep in g.time_reference_preps and _meeting_with(tree, lexicon, g, i):
        return False  # "во время встречи с Медведевым": a meeting told only as a time
    if prep in g.time_reference_preps or f"{prep} {tree.tok(i).lemma}" in g.purpose_phrases:
        return True  # "после ввода миротворцев", "митинг в поддержку журналиста"
    if prep in g.charge_preps and head >= 0 and tree.tok(head).lemma in g.charge_heads:
        return True  # "подозревают в нападении", "приговорён за пытки": the charge
    if prep in g.topic_preps:  # unless intent ("договорились о встрече"), a declaration
        return not (declared(tree, g, i) or (  # or a report ("сообщило об обстреле")
            head >= 0 and tree.tok(head).lemma in g.report_heads) or (
            denier(tree, g, i) >= 0))  # or a report denied ("опроверг сообщения о …")
    j, steps = i, 0
    while tree.tok(j).rel == "nmod" and tree.head(j) >= 0 and steps < 4:
        j, steps = tree.head(j), steps + 1  # "о перспективах военных действий"
        if (tree.prep(j) in g.topic_preps and not (  # "о начале расследования" passes
                declared(tree, g, j) and tree.tok(j).lemma in g.declare_heads)) or (
                tree.prep(j) in g.time_reference_preps):
            return True
    if head >= 0 and tree.tok(i).rel in ("nmod",) and not prep:
        return _trigger(tree, lexicon, g, head) is not None  # "прекращение боевых действий"
    return False


def _meeting_with(tree: Tree, lexicon: Lexicon, g: Grammar, i: int) -> bool:
    """A meeting or talks noun with its counterpart named after "с" ("встречи с
    президентом России Дмитрием Медведевым"): the meeting happened, even where it only
    dates another act (a second report of it merges with the first)."""
    rules = lexicon.candidates("noun", tree.tok(i).lemma)
    return any(g.is_code(r.code, "consult") for r in rules) and any(
        tree.prep(k) in g.with_preps and _named(tree, k) for k in tree.children(i, "nmod"))


def _clause(tree: Tree, g: Grammar, i: int) -> int:
    """The light verb carrying a verbal noun (through a container: "согласовали пакет
    санкций"), or the noun itself."""
    noun, head = i, tree.head(i)
    if (tree.tok(i).rel == "nmod" and not tree.prep(i) and head >= 0
            and tree.tok(head).lemma in g.container_nouns):
        i, head = head, tree.head(head)
    if ordered(tree, g, i) and tree.tok(head).rel in ("obj", "obl", "nsubj:pass") and (
            tree.head(head) >= 0 and tree.tok(tree.head(head)).pos == "VERB"):
        return tree.head(head)  # "выдал ордер на арест": the issuing verb carries it
    rel = tree.tok(i).rel
    if rel == "obl" and not tree.prep(i):
        return noun  # "выразил обеспокоенность наращиванием войск": the topic, not the act
    if head >= 0 and rel in ("obj", "nsubj", "nsubj:pass", "obl") and (
            tree.tok(head).lemma in g.light_verbs or tree.tok(head).lemma in g.cancel_verbs
            or tree.tok(head).lemma in g.intent_heads
            or tree.tok(head).lemma in g.declare_heads):
        return head
    if head >= 0 and rel == "nsubj":  # "встреча может состояться": the light verb below
        light = [k for k in tree.children(head, "xcomp") if tree.tok(k).lemma in g.light_verbs]
        if light:
            return light[0]
    return noun


def _objects(tree: Tree, i: int) -> list[int]:
    """What a verb acts on: its object, the subject of its passive, a reflexive's subject
    ("разместились миротворцы"), a participle's noun; for a noun, its genitive."""
    t = tree.tok(i)
    out = tree.children(i, "obj", "nsubj:pass")
    if not out and t.pos == "VERB":
        out = two_subjects(tree, i)[1] or stray_object(tree, i)
    if tree.is_noun(i):
        out += [k for k in tree.children(i, "nmod") if not tree.prep(k)]
    elif not out and (t.feats.get("Voice") in ("Mid", "Pass")):
        out += tree.children(i, "nsubj")
    if t.rel in ("amod", "acl") and tree.head(i) >= 0:
        out.append(tree.head(i))
    pronouns = grammar().relative_pronouns
    out = [_antecedent(tree, o, i) if tree.tok(o).lemma in pronouns else o for o in out]
    out += [k for o in out if tree.tok(o).pos == "NUM" for k in tree.children(o, "nmod")
            if tree.prep(k) in grammar().from_preps]  # "одно из обвинений"
    return [c for o in out if o >= 0 for c in tree.conjuncts(o)]


def _antecedent(tree: Tree, k: int, verb: int) -> int:
    """What "который" stands for: the noun its clause hangs on, or the noun right before
    it where the parser made the clause a sentence of its own."""
    if tree.tok(verb).rel.startswith("acl") and tree.head(verb) >= 0:
        return tree.head(verb)
    return antecedent_before(tree, k)


def _holds(tree: Tree, rule: Rule, i: int) -> bool:
    below = tree.lemmas_below(i)
    objects = _objects(tree, i)
    if rule.exclude and (below | _described(tree, i)) & rule.exclude:
        return False
    if rule.no_destination and _destination(tree, i) and not any(
            tree.children(o, "amod") for o in objects):  # "выслала в Россию российских
        return False  # дипломатов" expels them home
    if rule.objects and not any(tree.tok(o).lemma in rule.objects for o in objects):
        return False
    if rule.requires:
        frames = {tree.tok(k).lemma for k in tree.children(i, "obl") if tree.prep(k) in (
            grammar().locative_preps) and tree.tok(k).feats.get("Case") == "Loc"}  # "на саммите"
        near = below - frames | {tree.tok(k).lemma for o in objects for k in tree.kids[o]}
        if tree.is_noun(i) and tree.head(i) >= 0:  # and the verb carrying it
            near |= {tree.tok(k).lemma for k in tree.kids[tree.head(i)] + [tree.head(i)]}
        if not near & rule.requires:
            return False
    return not rule.entity_object or any(_named(tree, o) for o in objects)


def _described(tree: Tree, i: int) -> set[str]:
    """The noun a participle describes ("принятой правительством амнистией")."""
    if tree.tok(i).rel in ("amod", "acl") and tree.head(i) >= 0:
        return {tree.tok(tree.head(i)).lemma}
    return set()


def _destination(tree: Tree, i: int) -> bool:
    """A place the act sends to: "в Грузию", "на Украину" (accusative)."""
    return any(tree.prep(k) in grammar().locative_preps and tree.tok(k).feats.get("Case") == "Acc"
               and k in tree.mention for k in tree.children(i, "obl"))


def _named(tree: Tree, o: int) -> bool:
    """A mention, or a role word with a name in apposition ("коллегу Николя Саркози")."""
    return o in tree.mention or any(k in tree.mention
                                    for k in tree.children(o, "appos", "flat:name"))


def _event(tree: Tree, kb, g: Grammar, hit: Found, sentence: int) -> Event | None:
    doc = tree.doc
    published = doc.article.published
    reference = published or reference_day(tree.reference)  # undated: the latest date
    when, precision, source = event_date(tree, g, hit, sentence)
    day = _day(when) or reference
    arguments(tree, kb, g, hit, day)
    if not (hit.actors or hit.recipients or hit.rule.actorless):
        return None
    if published is None and reference is not None and day is not None and day > reference:
        reference = day  # a date read against the text's own (attach.dating_timexes) may
        # lie after it: the text was written after, so the date is no future
    code, mood = modality(tree, g, hit, sentence, when, precision, reference)
    if g.is_code(code, "intent") and is_after(when, precision, published):
        mood = "asserted" if mood == "future" else mood  # "договорились встретиться в мае"
        when, precision, source = undated(doc, hit)  # an intent is dated when it is stated
    elif code != hit.rule.code and source != "timex":
        when, precision, source = undated(doc, hit)
    if mood == "historical" and source in ("published", "lead"):
        when, precision, source = None, "none", "none"  # background keeps its own date only
    if when is None and published is None and tree.reference and mood != "historical":
        when, precision = tree.reference  # current news in an undated article: its date
        source = "reference"
    if mood == "negated" and code in g.negated_codes:
        code, mood = g.negated_codes[code], "asserted"  # "не поддержала санкции": rejected
    row = cameo(code)
    t = tree.tok(hit.trigger)
    s = doc.sentences[sentence]
    actors, recipients = hit.actors, hit.recipients
    if not actors and (recipients or hit.rule.actorless) and hit.rule.implied_actor and (
            not hit.rule.reverse):
        implied = implied_actor(tree, kb, hit.rule.implied_actor, t.start, recipients)
        actors = [implied] if implied is not None else actors  # "был арестован": police
    if hit.rule.reverse:
        actors, recipients = recipients, actors
    place = event_place(tree, g, hit, sentence, actors + recipients)
    if not (actors or recipients or place):
        return None  # "начались боевые действия" needs a where: "war" alone is a figure
    if g.is_code(code, "visit") and not recipients and place is None:
        return None  # "побывала на празднике", "посещал спортзал": a visit goes to a place
    if not any(_political(a, hit.rule.root in g.group_roots) for a in actors + recipients) and (
            hit.rule.root not in g.group_roots or _thing_did_it(tree, g, hit)):
        return None  # "жители пожаловались на шум", "проект откроет жителям доступ"
    if g.is_code(code, "agent_only") and _thing_did_it(tree, g, hit):
        return None  # "президенту грозит импичмент": a risk
    if g.is_code(code, "assault_fight") and actors and all(
            _protesters(tree, g, a) for a in actors):
        code = g.cameo["riot"][0]  # "демонстранты штурмом взяли здание правительства": a riot
        row = cameo(code)
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


def _protesters(tree: Tree, g: Grammar, actor) -> bool:
    """A party named by what protesters are ("демонстранты", "протестующие")."""
    return actor.normal in g.protester_words or any(
        tree.tok(k).lemma in g.protester_words
        for k in tree.doc.token_range(actor.start, actor.stop))


def _thing_did_it(tree: Tree, g: Grammar, hit: Found) -> bool:
    """The verb's subject is a thing ("проект откроет жителям доступ"), not an unnamed
    someone ("неизвестные напали на журналиста")."""
    if hit.actors or tree.is_noun(hit.trigger) or passive(tree, hit.clause) or (
            g.is_code(hit.rule.root, "force")):  # a weapon stands for its users
        return False
    return any(k not in tree.mention and tree.tok(k).feats.get("Animacy") == "Inan"
               and tree.tok(k).lemma not in g.quantity_nouns  # "сотни несогласных"
               for k in tree.children(hit.clause, "nsubj"))


def _political(actor, crowds: bool = True) -> bool:
    """A party political event data can place: a KB entity, a person or organisation
    named in the text, or a code naming a country or an organisation (not a bare sector
    such as CVL for a crowd; nor a country's crowd, "тысячи человек" → UKRCVL, unless
    ``crowds``: for the acts crowds do, protest and violence)."""
    known = actor.kb_id is not None and not actor.kb_id.startswith("local:")
    code = actor.code or ""
    crowd = actor.kb_id is None and code[3:] in grammar().implied_sectors
    return known or (len(code) > 3 and (crowds or not crowd)) or (
        actor.type in (PER, ORG) and actor.kb_id is not None)


def _day(value: str | None) -> date | None:
    if value and len(value) >= 7 and value[:4].isdigit():
        try:
            return date.fromisoformat(value if len(value) == 10 else value[:7] + "-01")
        except ValueError:
            return None
    return None
