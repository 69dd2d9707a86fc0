"""Quotes and their speakers: quote marks (marks), speech verbs (speech), speakers, and the
stage (find)."""

from .find import quotes_doc

__all__ = ["quotes_doc"]
