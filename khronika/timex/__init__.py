"""Date expressions: found by rules (rules, parse), resolved against the publication date
(resolve); ``find`` is the stage."""

from .find import find_timexes, timex_doc

__all__ = ["find_timexes", "timex_doc"]
