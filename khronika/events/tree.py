"""One document's dependency tree as the event coder reads it: children lists, the
mention over each token, prepositions and conjuncts."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Doc, Mention


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
