"""Lookup keys: the same text in any case form gives the same key.

``key`` folds case, ё and punctuation; ``lemma_key`` also lemmatises each word with pymorphy
("Николом Пашиняном" → "никол пашинян"), the same way for KB aliases and for text.
"""

from __future__ import annotations

import re
from functools import lru_cache

_QUOTES = re.compile(r"[«»\"“”„'’`]")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[\w]+(?:[-'][\w]+)*", re.UNICODE)


@lru_cache(maxsize=100_000)
def key(text: str) -> str:
    text = _QUOTES.sub("", text.lower().replace("ё", "е"))
    text = re.sub(r"\s*-\s*", "-", text)
    return _SPACES.sub(" ", text).strip(" .,")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=100_000)
def word_lemma(morph, word: str) -> str:
    """The pymorphy lemma of one word, folded like ``key`` (cached by natasha's MorphVocab)."""
    if not any(ch.isalpha() for ch in word) or not _cyrillic(word):
        return key(word)
    return key(morph.parse(word)[0].normal)


def lemma_key(morph, text: str) -> str:
    return " ".join(word_lemma(morph, w) for w in words(text))


def _cyrillic(word: str) -> bool:
    return any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in word)
