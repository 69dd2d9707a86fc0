"""Heavy tools and data files, built once per process and passed to the stages that need them.

Every data file khronika ships is listed in ``DATA_FILES`` and read through ``DataFiles``:
parsed on first use, then shared (the parsed tables are immutable). A file that is missing
raises ``MissingDataFile`` — a broken install is an error, never an empty lexicon.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import MissingDataFile
from .kb.base import KB
from .kb.load import load_kb

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent

# name -> (path inside the package, "module:function" that parses it from its Path)
DATA_FILES: dict[str, tuple[str, str]] = {
    "layout": ("read/data/layout.yaml", "khronika.read.layout:parse_layout"),
    "ner_fixes": ("nlp/data/ner_fixes.yaml", "khronika.nlp.nerfix:parse_fixes"),
    "segmentation": ("nlp/data/segmentation.yaml", "khronika.nlp.tagging:parse_segmentation"),
    "names": ("nlp/data/names.yaml", "khronika.nlp.nameforms:parse_names"),
    "timex": ("timex/data/timex.yaml", "khronika.timex.rules:parse_rules"),
    "speech": ("quotes/data/speech.yaml", "khronika.quotes.speech:parse_speech"),
    "metonymy": ("kb/data/metonymy.yaml", "khronika.kb.metonymy:parse_metonymy"),
    "namesakes": ("kb/data/namesakes.yaml", "khronika.kb.namesakes:parse_namesakes"),
    "translit": ("kb/data/translit.tsv", "khronika.kb.labels:parse_translit"),
    "wikidata_classes": ("evaluate/data/wikidata_classes.yaml",
                         "khronika.evaluate.wikidata_links:parse_classes"),
    "cameo": ("events/data/cameo.tsv", "khronika.events.ontology:parse_table"),
    "grammar": ("events/data/grammar.yaml", "khronika.events.grammar:parse_grammar"),
    "summaries": ("events/data/summaries.yaml", "khronika.events.summary:parse_templates"),
    "lexicon": ("events/lexicon", "khronika.events.lexicon:parse_lexicon"),
    "calibration": ("events/data/calibration.json",
                    "khronika.events.calibrate:parse_calibration"),
    "web_labels": ("web/data/labels.yaml", "khronika.web.labels:parse_labels"),
    "web_openapi": ("web/data/openapi.yaml", "khronika.web.labels:parse_openapi"),
}


def data_path(relative: str, root: Path = PACKAGE) -> Path:
    """The path of a file (or folder) khronika ships; MissingDataFile when it is absent."""
    path = root / relative
    if not path.exists():
        raise MissingDataFile(
            f"{path}: a data file khronika ships is missing (a broken install); "
            "reinstall khronika"
        )
    return path


@dataclass(slots=True)
class DataFiles:
    """The one loader of khronika's data files: each is parsed on first use and kept."""

    root: Path = PACKAGE
    loaded: dict[str, Any] = field(default_factory=dict)

    def path(self, name: str) -> Path:
        return data_path(DATA_FILES[name][0], self.root)

    def get(self, name: str) -> Any:
        if name not in self.loaded:
            module, _, function = DATA_FILES[name][1].partition(":")
            parse = getattr(importlib.import_module(module), function)
            self.loaded[name] = parse(self.path(name))
        return self.loaded[name]

    def load_all(self) -> None:
        """Parse every data file now: a broken one fails once, at start, not per document."""
        for name in DATA_FILES:
            self.get(name)


SHIPPED = DataFiles()  # the data files of this installation, shared by the whole process


def shipped(name: str) -> Any:
    """A parsed data file of this installation (``DATA_FILES`` names them)."""
    return SHIPPED.get(name)


@dataclass(slots=True)
class Resources:
    """natasha's models (they ship inside the natasha wheel: nothing is downloaded)."""

    segmenter: Any  # natasha's models: natasha ships no type information
    morph_vocab: Any
    morph_tagger: Any
    syntax_parser: Any
    ner_tagger: Any
    kb: KB | None = None
    data: DataFiles = field(default_factory=lambda: SHIPPED)

    @classmethod
    def load(cls, kb_files: tuple[str | Path, ...] = ()) -> Resources:
        resources = cls.load_models()
        resources.kb = load_kb(resources.morph_vocab, extra=kb_files)
        resources.data.load_all()  # a broken data file fails here, once, not per document
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
def _lemma(vocab: Any, word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
    return vocab.lemmatize(word, pos, dict(feats))
