"""khronika: Russian-language news into political event data.

``nlp = khronika.load()`` loads the models once (about 10 s); ``nlp(text, published=...)``
then analyses an article in well under a second, and ``nlp.pipe(texts)`` many.
``khronika.analyze(text)`` is the one-off shortcut: it loads everything on each call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .records import Article, Doc

if TYPE_CHECKING:
    from .pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["Article", "Doc", "__version__", "analyze", "load"]


def load(kb_files: tuple = ()) -> Pipeline:
    """khronika with its models, knowledge base and data files loaded once."""
    from .pipeline import load as load_pipeline

    return load_pipeline(kb_files)


def analyze(text: str, published=None, *, resources=None) -> Doc:
    """Read ``text`` as a page dump or plain text and run the whole pipeline on it (loads
    the models on each call unless ``resources`` are given: use ``load()`` for many)."""
    from .pipeline import analyze_text

    return analyze_text(text, published=published, resources=resources)
