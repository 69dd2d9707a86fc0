"""The ordered stages: an Article becomes an analysed Doc.

Each stage is ``stage(doc, resources) -> None``; it declares what it requires and what it
assigns, and ``check_order`` refuses a pipeline whose stages come in the wrong order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from . import events, quotes, timex
from .errors import PipelineOrderError
from .kb import link
from .nlp import adjectives, descriptions, names, nerfix
from .nlp import tagging as nlp
from .records import Article, Doc
from .resources import Resources


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    run: Callable[[Doc, Resources], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("segment", nlp.segment_doc, ("article",), ("sentences", "tokens")),
    Stage("tag", nlp.tag_doc, ("tokens",), ("morph", "syntax", "lemmas")),
    Stage("ner", nlp.ner_doc, ("sentences",), ("mentions",)),
    Stage("nerfix", nerfix.fix_mentions_doc, ("mentions", "syntax", "lemmas"), ("mentions",)),
    Stage("credits", nlp.credit_mentions_doc, ("mentions",), ("mentions",)),
    Stage("propagate", names.propagate_doc, ("mentions", "lemmas"), ("mentions",)),
    Stage("normalize", names.normalize_doc, ("mentions", "morph", "syntax"), ("normal",)),
    Stage("coref", names.coref_doc, ("normal",), ("clusters",)),
    Stage("link", link.link_doc, ("clusters", "syntax"), ("kb",)),
    Stage("timex", timex.timex_doc, ("sentences", "morph", "syntax"), ("timexes",)),
    Stage("quotes", quotes.quotes_doc, ("clusters", "syntax", "lemmas"), ("quotes",)),
    Stage("speakers", link.link_speakers_doc, ("quotes", "kb"), ("speaker_kb",)),
    Stage("events", events.code_doc, ("kb", "timexes", "syntax", "lemmas"), ("events",)),
    # after the events: mentions that the linker, quotes and events do not read as names
    Stage("descriptions", descriptions.descriptions_doc, ("kb", "syntax"), ("descriptions",)),
    Stage("adjectives", adjectives.country_adjectives_doc, ("kb",), ("adjectives",)),
)


def check_order(stages: tuple[Stage, ...]) -> None:
    """Raise PipelineOrderError when a stage requires what no earlier stage assigned."""
    have = {"article"}
    for stage in stages:
        missing = [need for need in stage.requires if need not in have]
        if missing:
            valid = ", ".join(s.name for s in STAGES)
            raise PipelineOrderError(
                f"stage {stage.name!r} requires {missing} which no earlier stage assigns; "
                f"the default order is: {valid}"
            )
        have.update(stage.assigns)


def analyze_article(
    article: Article, resources: Resources, stages: tuple[Stage, ...] = STAGES
) -> Doc:
    check_order(stages)
    doc = Doc(article, flags=list(article.flags))
    if article.published is None:
        doc.flags.append("no-published-date")
    for stage in stages:
        stage.run(doc, resources)
    return doc


def analyze_text(
    text: str,
    published: date | str | None = None,
    resources: Resources | None = None,
    stages: tuple[Stage, ...] = STAGES,
) -> Doc:
    """Read ``text`` as a page dump (or plain text) and analyse it."""
    from .read.dump import parse_dump

    article = parse_dump(text)
    if article.published is None and published is not None:
        moment = published if isinstance(published, datetime) else (
            datetime.fromisoformat(published) if isinstance(published, str)
            and len(published) > 10 else None)
        article.published = moment.date() if moment else date.fromisoformat(str(published))
        article.published_at = moment
    return analyze_article(article, resources or Resources.load(), stages)


@dataclass(slots=True)
class Pipeline:
    """khronika with its models and data loaded once: ``nlp = khronika.load()``, then
    ``nlp(text, published="2021-04-09")`` per article (fast) or ``nlp.pipe(texts)``."""

    resources: Resources
    stages: tuple[Stage, ...] = STAGES

    def __call__(self, text: str, published: date | str | None = None) -> Doc:
        """Analyse one text (a page dump or plain text); ``published`` stands in when the
        text carries no date of its own: a date ("2021-04-09"), or a date and time
        ("2021-04-09T10:15", a ``datetime``) to resolve times of day to the hour or minute."""
        return analyze_text(text, published, self.resources, self.stages)

    def pipe(
        self, texts: Iterable[str | tuple[str, date | str | None]],
        published: date | str | None = None,
    ) -> Iterator[Doc]:
        """Analyse many texts, lazily: each item is a text or a (text, published) pair."""
        for item in texts:
            text, when = item if isinstance(item, tuple) else (item, published)
            yield self(text, when)


def load(kb_files: tuple[str | Path, ...] = ()) -> Pipeline:
    """Load natasha's models, the knowledge base (plus ``kb_files``) and every data file."""
    return Pipeline(Resources.load(kb_files))
