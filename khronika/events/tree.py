"""One document's dependency tree as the event coder reads it: children lists, the
mention over each token, prepositions and conjuncts."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Doc, Mention


@dataclass(slots=True)
class Tree:
    """One document's tokens with children lists and the mention over each token."""

    doc: Doc
    heads: list[int]
    kids: list[list[int]]
    mention: dict[int, Mention]
    # the parties of the last event with two or more, and its sentence: what "лидеры" or
    # "стороны" in a following sentence refer to
    recent: tuple[int, list] = (-1, [])
    # the article's reference date (attach.reference_date): publication, else latest date
    reference: tuple[str, str] | None = None
    # the timexes events are dated by: the document's, the relative ones of an undated
    # article read against its reference date (attach.dating_timexes)
    timexes: list = field(default_factory=list)
    # the mentions of the article's protagonist (actors.protagonist), read once
    protagonist: list[Mention] | None = None

    @classmethod
    def of(cls, doc: Doc) -> Tree:
        heads = _acyclic(_uncrossed(doc, _acyclic([t.head for t in doc.tokens])))
        kids: list[list[int]] = [[] for _ in doc.tokens]
        for i, h in enumerate(heads):
            if h >= 0:
                kids[h].append(i)
        mention: dict[int, Mention] = {}
        for m in doc.mentions:
            span = m.stop - m.start
            for i in doc.token_range(m.start, m.stop):
                old = mention.get(i)
                if old is None or span > old.stop - old.start:
                    mention[i] = m
        return cls(doc, heads, kids, mention, (-1, []), timexes=doc.timexes)

    def tok(self, i: int):
        return self.doc.tokens[i]

    def is_noun(self, i: int) -> bool:
        """A noun, or a capitalised word the tagger took for a name that names nothing
        ("Переговоры" opening a sentence)."""
        t = self.doc.tokens[i]
        return t.pos == "NOUN" or (t.pos == "PROPN" and i not in self.mention)

    def head(self, i: int) -> int:
        return self.heads[i]

    def below(self, i: int) -> list[int]:
        """Every word under ``i``, ``i`` left out."""
        out, todo = [], list(self.kids[i])
        while todo:
            k = todo.pop()
            out.append(k)
            todo.extend(self.kids[k])
        return out

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
        found: set[str] = set()
        layer = [i]
        for _ in range(depth):
            layer = [k for j in layer for k in self.kids[j]]
            found.update(self.tok(k).lemma for k in layer)
        return found


def _acyclic(heads: list[int]) -> list[int]:
    """Heads with every word reaching a root: out-of-range and self heads become roots,
    and a cycle (a parser can close one) is cut at the word that closes it, so that
    walks up and down the tree end."""
    n = len(heads)
    out = [h if 0 <= h < n and h != i else -1 for i, h in enumerate(heads)]
    state = [0] * n  # 0 unseen, 1 on the current path, 2 known to reach a root
    for start in range(n):
        path, i = [], start
        while i >= 0 and state[i] == 0:
            state[i] = 1
            path.append(i)
            i = out[i]
        if i >= 0 and state[i] == 1:  # came back onto the path: cut the cycle there
            out[path[-1]] = -1
        for j in path:
            state[j] = 2
    return out


def _uncrossed(doc: Doc, heads: list[int]) -> list[int]:
    """Two subjects the parser gave each other's verbs: "Франция и Германия объявили …, а
    Евросоюз потребовал" with Франция on "потребовал" and Евросоюз on "объявили". Where
    subject k1 < verb v1 < subject k2 < verb v2 with k1 on v2 and k2 on v1, swap them."""
    subjects = [k for k, t in enumerate(doc.tokens) if t.rel == "nsubj" and heads[k] >= 0]
    out = list(heads)
    for k1 in subjects:
        v2 = out[k1]
        for k2 in subjects:
            v1 = out[k2]
            if k1 < v1 < k2 < v2 and out[k1] == v2 and (
                    doc.tokens[v1].sentence == doc.tokens[v2].sentence):
                out[k1], out[k2] = v1, v2
    return out
