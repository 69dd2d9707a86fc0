"""khronika: Russian-language news into political event data."""

from .records import Article, Doc

__version__ = "0.1.0"
__all__ = ["Article", "Doc", "__version__", "analyze"]


def analyze(text: str, published=None, *, resources=None) -> Doc:
    """Read ``text`` as a page dump or plain text and run the whole pipeline on it."""
    from .pipeline import analyze_text

    return analyze_text(text, published=published, resources=resources)
