"""Each event's modality, and PLOVER's folding of intent into AGREE.

Negated ("не обсуждали", "так и не договорились", "переговоры отменили"), hypothetical
("может ввести", "если … то", "не исключил"), future (future tense, "будут вести", a date
after publication), historical (well before publication, or a background sentence), else
asserted. An intent stated now ("намерены провести переговоры", "договорились о
встрече") and an announced meeting or visit ("встретятся в мае") are CAMEO's intent codes
(036 for meetings: PLOVER AGREE), asserted.
"""

from __future__ import annotations

from datetime import date, timedelta

from .arguments import denier

NEGATED, HYPOTHETICAL, FUTURE, HISTORICAL, ASSERTED = (
    "negated", "hypothetical", "future", "historical", "asserted")


def _chain(tree, g, hit) -> list[int]:
    """The trigger, its clause verb, and the verbs that govern it through infinitives
    ("намерены провести", "может ввести", "отказался встречаться") or, for a word of
    possibility or intent, through a clause or a noun ("не исключил, что проведет
    разговор", "готовность оказать помощь")."""
    out = [hit.trigger]
    v = hit.clause
    if v != hit.trigger:
        out.append(v)
    while tree.head(v) >= 0 and (tree.tok(v).rel in ("xcomp", "csubj") or (
            tree.tok(v).rel in ("ccomp", "acl", "nmod", "obj", "obl")
            and tree.tok(tree.head(v)).lemma in g.hypothetical_heads | g.intent_heads)):
        v = tree.head(v)
        out.append(v)
    return out


def modality(tree, g, hit, sentence: int, when: str | None, precision: str,
             published: date | None) -> tuple[str, str]:
    """(code, modality): the rule's code, or its intent code."""
    chain = _chain(tree, g, hit)
    code = hit.rule.code
    heads = [tree.tok(i).lemma for i in chain[1:]]
    kids = [k for i in chain for k in tree.kids[i]]
    kid_lemmas = {tree.tok(k).lemma for k in kids}
    negated = any(tree.tok(k).lemma in g.negation and tree.tok(k).rel != "cc"  # "не только"
                  for k in kids) or any(h in g.cancel_verbs for h in heads)
    s = tree.doc.sentences[sentence]
    words = {tree.tok(i).lemma for i in range(s.token_start, s.token_stop)}
    if denier(tree, g, hit.trigger) >= 0:
        return code, NEGATED  # "опроверг сообщения о разговоре"
    if _inside_condition(tree, g, hit.trigger):
        return code, HYPOTHETICAL  # "если Киев не прекратит обстрелы"
    if negated and (not any(h in g.hypothetical_heads for h in heads)
                    or _failed(tree, g, chain)):
        return code, NEGATED
    if any(h in g.hypothetical_heads for h in heads) or kid_lemmas & g.hypothetical_words or (
            _conditional(tree, g, hit, chain)) or _possible_subject(tree, g, hit):
        return code, HYPOTHETICAL
    intent = any(h in g.intent_heads for h in heads) or _intent_noun(tree, g, hit)
    future = _future(tree, g, chain) or is_after(when, precision, published)
    if intent or (future and g.is_code(hit.rule.root, "consult")):
        folded = g.intent_codes.get(hit.rule.root)
        if folded:
            return folded, ASSERTED
        return code, FUTURE
    if future:
        return code, FUTURE
    if _long_before(when, precision, published, g.historical_days) or (
            words & g.background_words and precision != "published") or (
            _imperfective_past(tree, g, hit)):
        return code, HISTORICAL
    return code, ASSERTED


def _imperfective_past(tree, g, hit) -> bool:
    """"оппозиция обвиняла его", "прокуратура требовала": an act told in the imperfective
    past is what used to be done, the background of the news (statements of speech and
    verbs of an ongoing state in ``g.imperfective_current`` aside)."""
    t = tree.tok(hit.trigger)
    return (t.pos in ("VERB", "AUX") and t.feats.get("Aspect") == "Imp"
            and t.feats.get("Tense") == "Past" and t.feats.get("VerbForm") == "Fin"
            and t.lemma not in g.imperfective_current)


def _failed(tree, g, chain: list[int]) -> bool:
    """"не смогли договориться", "не удалось встретиться": tried and did not."""
    return any(tree.tok(i).lemma in g.ability_heads and _past(tree, i) for i in chain[1:])


def _past(tree, i: int) -> bool:
    """"не удалось" is past; so is "не было возможности" through its copula."""
    return tree.tok(i).feats.get("Tense") == "Past" or any(
        tree.tok(k).feats.get("Tense") == "Past" for k in tree.children(i, "cop", "aux"))


def _condition(tree, g, i: int) -> bool:
    """``i`` heads a condition: a clause marked "если" or "в случае …"."""
    return any(tree.tok(k).lemma in g.conditional_marks for k in tree.children(i, "mark")) or (
        tree.tok(i).lemma in g.condition_nouns and tree.prep(i) in g.condition_preps)


def _possible_subject(tree, g, hit) -> bool:
    """"меры могут быть расширены": an act named by the subject of a modal."""
    h = tree.head(hit.trigger)
    return tree.is_noun(hit.trigger) and h >= 0 and tree.tok(hit.trigger).rel in (
        "nsubj", "nsubj:pass") and tree.tok(h).lemma in g.hypothetical_heads


def _inside_condition(tree, g, i: int) -> bool:
    while i >= 0:
        if _condition(tree, g, i):
            return True
        i = tree.head(i)
    return False


def _conditional(tree, g, hit, chain: list[int]) -> bool:
    """A condition hangs on the event's clause ("в случае нападения НАТО ответит") —
    unless stating a condition is what the act does: threats, demands, warnings."""
    if hit.rule.root in g.said_condition_roots:
        return False
    return any(_condition(tree, g, k) for v in chain for k in tree.kids[v])


def _intent_noun(tree, g, hit) -> bool:
    """"договорились о встрече": the noun is the topic of an intent verb."""
    h = tree.head(hit.trigger)
    return tree.is_noun(hit.trigger) and h >= 0 and tree.tok(h).lemma in g.intent_heads


def _future(tree, g, chain: list[int]) -> bool:
    for i in chain:
        t = tree.tok(i)
        if t.feats.get("Tense") == "Fut":
            return True
        if any(tree.tok(k).lemma in g.future_aux and (
                tree.tok(k).feats.get("Tense") == "Fut" or t.feats.get("VerbForm") == "Inf")
               for k in tree.children(i, "aux")):
            return True  # "будет разбираться" (the tagger may call "будет" present)
    return False


def period_end(value: str, precision: str) -> date | None:
    try:
        if precision == "day" or len(value) == 10:
            return date.fromisoformat(value[:10])
        if precision == "month" and len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            return date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
        if precision == "year" and len(value) == 4:
            return date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def period_start(value: str, precision: str) -> date | None:
    try:
        if len(value) >= 10:
            return date.fromisoformat(value[:10])
        if len(value) == 7:
            return date.fromisoformat(value + "-01")
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def is_after(when, precision, published) -> bool:
    if not when or not published or precision == "published":
        return False
    start = period_start(when, precision)
    return start is not None and start > published


def _long_before(when, precision, published, days: int) -> bool:
    if not when or not published or precision == "published":
        return False
    end = period_end(when, precision)
    if end is not None and precision == "year" and end.year < published.year:
        return True  # "в 2009 году", told in 2010: an earlier year is background
    return end is not None and (published - end).days > days
