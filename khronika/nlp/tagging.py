"""natasha adapters: sentences, tokens (lemma, POS, features, syntax), NER mentions.

Only the title and the body paragraphs are analysed: page furniture never becomes a
sentence, and a headline never merges with the body (each block is segmented alone).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from razdel import sentenize, tokenize

from ..records import ORG, Article, Doc, Mention, Sentence, Token
from ..resources import Resources


def analysed_blocks(article: Article) -> list[str]:
    """The texts that are analysed, each alone: the title, then the body paragraphs."""
    return [article.text[block.start : block.stop] for block in article.blocks()]


def parse_segmentation(path: Path) -> frozenset[str]:
    """The words after which razdel's break before a number is no break."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in data["no_break_before_number"])


def sentence_spans(chunk: str, keep: frozenset[str]) -> list[tuple[int, int]]:
    """razdel's sentences, with the breaks after an abbreviation before a number undone
    ("21 апр. | 2024 г." is one sentence)."""
    spans: list[tuple[int, int]] = []
    for sent in sentenize(chunk):
        if spans and chunk[sent.start : sent.start + 1].isdigit() and (
                chunk[spans[-1][0] : spans[-1][1]].split() or [""])[-1].lower() in keep:
            spans[-1] = (spans[-1][0], sent.stop)
        else:
            spans.append((sent.start, sent.stop))
    return spans


def segment_doc(doc: Doc, resources: Resources) -> None:
    """Sentences and tokens, block by block, with offsets into the article text."""
    text, title = doc.text, doc.article.title
    keep = resources.data.get("segmentation")
    for block_index, block in enumerate(doc.article.blocks()):
        chunk = text[block.start : block.stop]
        for sent_start, sent_stop in sentence_spans(chunk, keep):
            start = block.start + sent_start
            first = len(doc.tokens)
            for tok in tokenize(chunk[sent_start:sent_stop]):
                token = Token(start + tok.start, start + tok.stop, tok.text)
                token.sentence = len(doc.sentences)
                doc.tokens.append(token)
            doc.sentences.append(
                Sentence(
                    start,
                    block.start + sent_stop,
                    block=block_index,
                    is_title=title is not None and block_index == 0,
                    token_start=first,
                    token_stop=len(doc.tokens),
                )
            )


def _sentence_words(doc: Doc) -> list[list[str]]:
    return [[t.text for t in doc.sentence_tokens(i)] for i in range(len(doc.sentences))]


def tag_doc(doc: Doc, resources: Resources) -> None:
    """Morphology (POS, features, lemma) and syntax (head, relation) in one batch per doc."""
    words = _sentence_words(doc)
    morphs = resources.morph_tagger.map(words)
    parses = resources.syntax_parser.map(words)
    for index, (morph, parse) in enumerate(zip(morphs, parses, strict=True)):
        sent = doc.sentences[index]
        for offset, (m, s) in enumerate(zip(morph.tokens, parse.tokens, strict=True)):
            token = doc.tokens[sent.token_start + offset]
            token.pos, token.feats, token.rel = m.pos, dict(m.feats), s.rel
            head = int(s.head_id)
            token.head = sent.token_start + head - 1 if head > 0 else -1
            token.lemma = resources.lemma(token.text, token.pos, token.feats)


def ner_doc(doc: Doc, resources: Resources) -> None:
    """natasha's NER over each analysed block (never over menus, credits or tags)."""
    blocks, texts = doc.article.blocks(), analysed_blocks(doc.article)
    for block, markup in zip(blocks, resources.ner_tagger.map(texts), strict=True):
        for span in markup.spans:
            start, stop = block.start + span.start, block.start + span.stop
            text = doc.text[start:stop]
            doc.mentions.append(
                Mention(start, stop, span.type, text, normal=text, sentence=doc.sentence_at(start))
            )


def credit_mentions_doc(doc: Doc, resources: Resources | None = None) -> None:
    """The source agency named in the page furniture ("По материалам ТАСС") is an ORG."""
    agency = doc.article.source_agency
    if not agency:
        return
    for span in doc.article.furniture:
        at = doc.text.find(agency, span.start, span.stop)
        if at >= 0:
            doc.mentions.append(
                Mention(at, at + len(agency), ORG, agency, normal=agency, source="layout")
            )
            return
