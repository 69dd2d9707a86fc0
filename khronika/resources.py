"""Heavy tools, built once per process and passed to the stages that need them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from .kb.load import load_kb

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Resources:
    """natasha's models (they ship inside the natasha wheel: nothing is downloaded)."""

    segmenter: object
    morph_vocab: object
    morph_tagger: object
    syntax_parser: object
    ner_tagger: object
    kb: object = None  # khronika.kb.base.KB

    @classmethod
    def load(cls, kb_files: tuple = ()) -> Resources:
        from .events.grammar import grammar
        from .events.lexicon import load_lexicon

        resources = cls.load_models()
        resources.kb = load_kb(resources.morph_vocab, extra=kb_files)
        load_lexicon(), grammar()  # a broken lexicon file fails here, once, not per document
        return resources

    @classmethod
    def load_models(cls) -> Resources:
        from natasha import (
            MorphVocab,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            NewsSyntaxParser,
            Segmenter,
        )

        log.debug("loading natasha models")
        emb = NewsEmbedding()
        return cls(
            segmenter=Segmenter(),
            morph_vocab=MorphVocab(),
            morph_tagger=NewsMorphTagger(emb),
            syntax_parser=NewsSyntaxParser(emb),
            ner_tagger=NewsNERTagger(emb),
        )

    def lemma(self, word: str, pos: str, feats: dict[str, str]) -> str:
        """Lemma of a tagged word (pymorphy through natasha's MorphVocab, cached)."""
        return _lemma(self.morph_vocab, word, pos, tuple(sorted(feats.items())))


@lru_cache(maxsize=200_000)
def _lemma(vocab, word: str, pos: str, feats: tuple) -> str:
    return vocab.lemmatize(word, pos, dict(feats))
