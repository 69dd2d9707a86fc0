"""khronika's command line: a thin click layer over the library.

stdout carries data only; logs and progress go to stderr.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys

import click

from .. import __version__
from ..errors import KhronikaError
from ..events.calibrate import DEFAULT_MIN_CONFIDENCE
from ..kb.load import KBDataError
from ..read import list_inputs
from ..store import access
from ..store import db as store
from ..store.ingest import DEFAULT_MAX_BYTES, Options, Outcome, ingest, run, sources, work_items
from .common import VerboseGroup, is_quiet, progress_for
from .kb import LANG_OPTION, kb_group

log = logging.getLogger("khronika")

DB_OPTION = click.option(
    "--db", default=store.DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
    help="DuckDB file of the store.",
)
WAIT_OPTION = click.option(
    "--wait", default=access.WAIT, show_default=True, type=click.FloatRange(0),
    metavar="SECONDS", help="How long to wait for another process that holds the store "
                            "(a running ingest writing a batch, or a reader).",
)
MAX_BYTES_OPTION = click.option(
    "--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=click.IntRange(1),
    help="Inputs larger than this are refused (recorded as failures).",
)
PUBLISHED_OPTION = click.option(
    "--published", type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]),
    default=None,
    help="Publication date (YYYY-MM-DD), or date and time (YYYY-MM-DDTHH:MM: times of day "
         "are then resolved to the hour or minute), for inputs that carry none.",
)
MIN_CONFIDENCE_OPTION = click.option(
    "--min-confidence", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MIN_CONFIDENCE,
    show_default=True,
    help="Only events at least this likely to be usable as coded (type and actor right, "
         "as an expert coder judges: the calibrated `confidence`); 0 keeps every event.")


class KhronikaGroup(VerboseGroup):
    """Turns khronika's own errors (a store that is busy or no khronika store, a missing or
    broken knowledge-base, lexicon or CAMEO-table file) into one-line errors, wherever they
    arise."""

    group_class = VerboseGroup

    def invoke(self, ctx: click.Context):
        from ..events.lexicon import LexiconError
        from ..events.ontology import OntologyError

        try:
            return super().invoke(ctx)
        except (KhronikaError, KBDataError, LexiconError, OntologyError) as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=KhronikaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="khronika")
def main() -> None:
    """khronika: Russian-language news into a queryable chronicle of political events.

    -v/-vv (more log output on stderr) and -q (no log output, no progress) go before or
    after the command's name: `khronika -q ingest …` or `khronika ingest -q …`.
    """


def _report_failures(outcome: Outcome) -> None:
    from ..output.terminal import clean

    for failure in outcome.failures:
        click.echo(clean(f"failed: {failure.reason}"), err=True)


def _options(max_bytes: int, published) -> Options:
    timed = published is not None and (published.hour, published.minute) != (0, 0)
    return Options(max_bytes=max_bytes, published=published.date() if published else None,
                   published_at=published if timed else None)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@WAIT_OPTION
@click.option("--workers", "-j", default=os.cpu_count() or 1, show_default="cores",
              type=click.IntRange(1), help="Worker processes that read and analyse.")
@MAX_BYTES_OPTION
@PUBLISHED_OPTION
@click.pass_context
def ingest_command(ctx, paths, db, wait, workers, max_bytes, published):
    """Read PATHS (files, directories, '-' for stdin) and store them in the DuckDB file.

    Files that are not articles (a saved page's scripts, styles, images, fonts, manifests)
    are skipped and counted, not failures. Idempotent: inputs already stored (same content
    hash) are skipped. Exits with status 1 when any input or document failed; the others
    are stored all the same. The file is opened only to write each batch, so other
    commands can read it meanwhile; a second ingest into the same file is refused.
    """
    bars = []

    def start(total: int) -> None:
        if not is_quiet(ctx) and total:
            bars.append(click.progressbar(length=total, label="ingest", file=sys.stderr))

    def progress(outcome: Outcome) -> None:
        _report_failures(outcome)
        for bar in bars:
            bar.update(1)

    options = _options(max_bytes, published)
    inputs = list_inputs(paths)
    report = ingest(inputs.paths, db, options, workers=workers, on_outcome=progress,
                    on_start=start, wait=wait)
    for bar in bars:
        bar.render_finish()
    not_articles = f"{inputs.skipped_note()}, " if inputs.skipped else ""
    click.echo(
        f"{report.inputs} inputs: {report.articles} new articles, {report.duplicates} already "
        f"stored, {report.skipped} inputs skipped (already ingested), {not_articles}"
        f"{report.duplicate_inputs} duplicate inputs left out (same content as another), "
        f"{len(report.failures)} failures → {db}",
        err=True,
    )
    ctx.exit(1 if report.failures else 0)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--tokens", is_flag=True, help="Also emit tokens (lemma, POS, features, syntax).")
@click.option("--workers", "-j", default=1, show_default=True, type=click.IntRange(1),
              help="Worker processes.")
@MAX_BYTES_OPTION
@PUBLISHED_OPTION
@MIN_CONFIDENCE_OPTION
@click.pass_context
def extract_command(ctx, paths, fmt, tokens, workers, max_bytes, published, min_confidence):
    """Analyse PATHS without a store; print one JSON object per document to stdout.

    A document that cannot be read gives {"id", "path", "error"} and the command goes on;
    the exit status is 1 when any failed. Files that are not articles (a saved page's
    scripts, styles, images, fonts, manifests) are skipped, and counted on stderr.
    """
    from ..output.contract import doc_to_json, failure_to_json

    inputs = list_inputs(paths)
    if inputs.skipped:
        click.echo(inputs.skipped_note(), err=True)
    failed = 0
    options = _options(max_bytes, published)
    for outcome in run(work_items(list(sources(inputs.paths)), options), options,
                       workers=workers):
        _report_failures(outcome)
        failed += len(outcome.failures)
        for doc in outcome.docs:
            doc.events = [e for e in doc.events if e.confidence >= min_confidence]
            click.echo(json.dumps(doc_to_json(doc, tokens=tokens), ensure_ascii=False))
        for failure in outcome.failures:
            click.echo(json.dumps(failure_to_json(failure), ensure_ascii=False))
    ctx.exit(1 if failed else 0)


@main.command("show")
@click.argument("article_id")
@DB_OPTION
@WAIT_OPTION
@click.option("--color/--no-color", default=None, help="Force or disable colours.")
@LANG_OPTION
def show_command(article_id, db, wait, color, lang):
    """Print a stored article with entities, dates and quotes highlighted, and its events.

    ARTICLE_ID may be a prefix of the id printed by `khronika stats`; a prefix of several
    ids lists them.
    """
    from ..output.terminal import render

    with access.open_store(db, wait=wait) as con:
        ids = store.matching_ids(con, article_id, limit=AMBIGUOUS_SHOWN + 1)
        doc = store.load_doc(con, ids[0]) if len(ids) == 1 else None
    if len(ids) > 1:
        raise click.ClickException(_ambiguous(article_id, ids, db))
    if doc is None:
        raise click.ClickException(
            f"no article {article_id!r} in {db}; `khronika stats --db {db}` lists the ids"
        )
    click.echo(render(doc, lang), color=color)


AMBIGUOUS_SHOWN = 20


def _ambiguous(prefix: str, ids: list[str], db: str) -> str:
    """One line, then the candidate ids, one a line."""
    many = f"more than {AMBIGUOUS_SHOWN}" if len(ids) > AMBIGUOUS_SHOWN else str(len(ids))
    return "\n".join([f"{prefix!r} starts the ids of {many} articles in {db}; give more of "
                      "the id:", *(f"  {i}" for i in ids[:AMBIGUOUS_SHOWN])])


@main.command("stats")
@DB_OPTION
@WAIT_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@LANG_OPTION
def stats_command(db, wait, as_json, lang):
    """Summarise what the store holds: counts, entities, dates, failures."""
    with access.open_store(db, wait=wait) as con:
        data, recent = store.stats(con), store.recent_articles(con)
    if as_json:
        click.echo(json.dumps(data, default=str, ensure_ascii=False))
        return
    from ..output.terminal import format_stats

    click.echo(format_stats(data, recent, lang))


@main.group("eval")
def eval_group():
    """Quality evaluations on gold data."""


@eval_group.command("ner")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--system", "systems", multiple=True, type=click.Choice(["khronika", "natasha"]),
              help="Score only this system (repeatable); both by default.")
@click.option("--limit", type=click.IntRange(min=1),
              help="Score only the first N documents (sorted by name): a quick subset.")
@click.option("--errors", "show_errors", is_flag=True,
              help="Also list each system's errors by class (type, boundary, missed, "
                   "spurious) with context; refused on a held-out corpus.")
@click.pass_context
def eval_ner(ctx, path, systems, limit, show_errors):
    """NER precision/recall/F1 on a factRuEval-2016 folder (its devset: dev data) or a NEREL
    folder (../shared/data/nerel-v1.1/dev: held-out for NER; train: dev).

    Prints exact-span and token-level figures per type for khronika and for bare natasha.
    """
    from ..evaluate.ner import SYSTEMS, evaluate_ner, format_errors, format_report
    from ..evaluate.parts import describe_corpus, heldout_corpus
    from ..resources import Resources

    if show_errors and heldout_corpus(path):
        raise click.ClickException(
            f"{describe_corpus(path)}: its errors are not to be read; use --errors on dev data"
        )
    click.echo(f"== {describe_corpus(path)}")
    report = evaluate_ner(path, Resources.load(), systems or tuple(SYSTEMS),
                          progress=progress_for(ctx), limit=limit, with_errors=show_errors)
    click.echo(format_report(report))
    for name, found in report.errors.items():
        click.echo(f"\n== errors of {name} ({len(found)})")
        click.echo(format_errors(report.gold, found))


def _part_option(task: str):
    return click.option(
        "--part", default="heldout", show_default=True,
        help=f"Which of khronika's {task} gold parts to score when no file is given: "
             "'heldout' (every frozen part written blind and never tuned on), 'dev' (the "
             "parts rules were tuned on), 'all', or one part's name "
             "(`khronika eval parts` lists them).")


def _gold_parts(task: str, gold: str | None, part: str) -> list:
    from ..evaluate import parts

    if gold:
        return [parts.for_path(task, gold)]
    if part in parts.SPLITS:
        return parts.parts(task, part)
    if part == "all":
        return parts.parts(task)
    try:
        return [parts.named(task, part)]
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="--part") from error


def _each_part(task: str, gold: str | None, part: str, score) -> None:
    """Score every selected part; each report opens with the data it is on."""
    from ..evaluate.parts import describe

    for n, chosen in enumerate(_gold_parts(task, gold, part)):
        log.info("scoring %s", describe(chosen))
        click.echo(("\n" if n else "") + f"== {describe(chosen)}")
        click.echo(score(chosen.path))


@eval_group.command("parts")
def eval_parts():
    """List khronika's gold parts: task, dev or held-out, file and note."""
    from ..evaluate.parts import all_parts

    for p in all_parts():
        click.echo(f"{p.task:11} {p.split:8} {p.name:20} {p.note}")


@eval_group.command("dates")
@click.argument("tsv", type=click.Path(exists=True, dir_okay=False), required=False)
@_part_option("dates")
@click.option("--errors", is_flag=True, help="Also list khronika's wrong or missed dates "
              "(for dev parts: a held-out part's errors are not for reading).")
@click.pass_context
def eval_dates(ctx, tsv, part, errors):
    """Date expressions: khronika against dateparser, overall and per class.

    Both systems get only the sentence and its publication date (and time, where the table
    gives one). Ranges are scored as value/end. Without TSV, the held-out parts shipped
    with khronika are scored.
    """
    from ..evaluate.dates import evaluate_dates, format_report
    from ..resources import Resources

    resources, progress = Resources.load_models(), progress_for(ctx)  # once for every part
    _each_part("dates", tsv, part, lambda path: format_report(
        evaluate_dates(path, resources, progress=progress), errors))


@eval_group.command("names")
@click.argument("tsv", type=click.Path(exists=True, dir_okay=False), required=False)
@_part_option("names")
@click.option("--errors", is_flag=True, help="Also list every wrong nominative.")
@click.pass_context
def eval_names(ctx, tsv, part, errors):
    """Person names' nominatives ("с Олафом Шольцем" → "Олаф Шольц"): khronika against bare
    natasha's normalisation, overall and per class, on a TSV of sentence, mention, normal
    and class (default: the held-out parts shipped with khronika)."""
    from ..evaluate.names import evaluate_names, format_report
    from ..resources import Resources

    if not tsv and not _gold_parts("names", tsv, part):
        raise click.UsageError(f"no names gold part for --part {part}; "
                               "`khronika eval parts` lists them")
    # the KB too, as in the pipeline: known people's names decide between readings
    resources, progress = Resources.load(), progress_for(ctx)  # once for every part
    _each_part("names", tsv, part, lambda path: format_report(
        evaluate_names(path, resources, progress=progress), errors))


@eval_group.command("linking")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False), required=False)
@_part_option("linking")
@click.option("--errors", is_flag=True, help="Also list every wrong link and code.")
@click.option("--nerel", type=click.Path(exists=True, file_okay=False),
              help="Score against the Wikidata links of a NEREL folder instead "
                   "(../shared/data/nerel-v1.1/dev: the reported figure; train: dev data).")
@click.option("--limit", type=int, help="With --nerel: only the first N documents.")
@click.pass_context
def eval_linking(ctx, gold, part, errors, nerel, limit):
    """Entity linking: precision and recall for KB-known and unknown entities, and actor
    codes, on a JSON Lines gold set (default: the held-out parts shipped with khronika);
    with --nerel, precision, coverage and known-entity accuracy against NEREL's Wikidata
    links, per entity type."""
    from ..evaluate.linking import evaluate_linking, format_report
    from ..resources import Resources

    resources, progress = Resources.load(), progress_for(ctx)
    if nerel:
        from ..evaluate import wikidata_links
        from ..evaluate.parts import describe_corpus

        click.echo(f"== {describe_corpus(nerel)}")
        click.echo(wikidata_links.format_report(wikidata_links.evaluate_wikidata_links(
            nerel, resources, limit=limit, progress=progress), errors))
        return
    _each_part("linking", gold, part, lambda path: format_report(
        evaluate_linking(path, resources, progress=progress), errors))


DATA_OPTION = click.option(
    "--data", type=click.Path(file_okay=False), default=None,
    help="Folder of the shared corpora that real-news gold points into (default: "
         "../shared/data beside the repository).")


def _real_parts_named(part: str | None = None, path: str | None = None) -> list:
    """The real-news events parts of that name, or stored at that path."""
    from pathlib import Path

    from ..evaluate import parts

    return [p for p in parts.parts("events_real") if p.name == part
            or (path is not None and p.path.resolve() == Path(path).resolve())]


@eval_group.command("events")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False), required=False)
@_part_option("events")
@click.option("--errors", is_flag=True, help="Also list every missed, extra or wrong event "
                                             "(never for a held-out real-news part).")
@DATA_OPTION
@click.pass_context
def eval_events(ctx, gold, part, errors, data):
    """Event coding: precision and recall of event type, actors and date, overall and per
    PLOVER type, on a JSON Lines gold set (default: the held-out parts shipped with
    khronika; `--part dev` for the parts the rules were tuned on).

    Real-news gold (`--part events_real_dev`, `--part events_real_heldout`, or a file of
    that format) points into texts under the shared data folder: each text's sha256 is
    checked, and a part whose texts are absent is skipped with the reason. It reports per
    PLOVER type precision/recall, right-rates of each field on paired events, usable
    precision and recall, current news only too (docs/events.md, "Evaluation")."""
    from pathlib import Path

    from ..evaluate import events_real
    from ..evaluate.events import evaluate_events, format_report
    from ..evaluate.parts import describe
    from ..resources import Resources

    chosen = _real_parts_named(path=gold) if gold else _real_parts_named(part)
    chosen = chosen or _gold_parts("events", gold, part)
    folder = Path(data) if data else events_real.DEFAULT_DATA
    resources, progress = None, progress_for(ctx)
    for n, one in enumerate(chosen):
        log.info("scoring %s", describe(one))
        click.echo(("\n" if n else "") + f"== {describe(one)}")
        items = events_real.load_items(one.path)
        if not events_real.is_offset_gold(items):
            resources = resources or Resources.load()
            click.echo(format_report(evaluate_events(one.path, resources, progress=progress),
                                     errors))
            continue
        reason = events_real.missing_reason(items, folder)
        if reason:
            click.echo(f"skipped: {reason}")
            continue
        events_real.check_texts(items, folder)  # a changed text is refused before any work
        resources = resources or Resources.load()
        report = events_real.evaluate_real(one.path, resources, folder, progress=progress)
        shown = errors and one.split != "heldout"
        click.echo(events_real.format_report(report, shown))
        if errors and not shown:
            click.echo("(errors are not listed for a held-out part: it is never looked into)")


@eval_group.command("calibrate")
@click.option("--part", default="events_real_dev", show_default=True,
              help="The real-news events part to fit on (never a held-out part).")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Where to write the weights (default: the file khronika ships, "
                   "events/data/calibration.json).")
@DATA_OPTION
@click.pass_context
def eval_calibrate(ctx, part, out, data):
    """Fit the event confidence model: a logistic regression of "an expert would use this
    event" (type and actor right) on the event's features, over khronika's events on a
    real-news dev part; writes its weights and prints the part's reliability table."""
    from pathlib import Path

    from ..evaluate import events_real
    from ..events import calibrate
    from ..resources import DATA_FILES, Resources, data_path

    (one,) = _real_parts_named(part) or [None]
    if one is None or one.split == "heldout":
        raise click.BadParameter(f"{part!r} is no real-news events dev part",
                                 param_hint="--part")
    folder = Path(data) if data else events_real.DEFAULT_DATA
    reason = events_real.missing_reason(events_real.load_items(one.path), folder)
    if reason:
        raise click.ClickException(f"cannot fit on {part}: {reason}")
    report = events_real.evaluate_real(one.path, Resources.load(), folder,
                                       progress=progress_for(ctx))
    usable = [u for _, u in report.judged]
    fitted = calibrate.fit(list(zip(report.features, usable, strict=True)))
    fitted = calibrate.Calibration(fitted.bias, fitted.weights, (
        f"fitted by `khronika eval calibrate` on {part}: {len(usable)} events, "
        f"{sum(usable)} usable"))
    target = Path(out) if out else data_path(DATA_FILES["calibration"][0])
    calibrate.write(fitted, target)
    click.echo(f"wrote {target}: {len(fitted.weights)} weights, fitted on {len(usable)} "
               f"events of {part} ({sum(usable)} usable)")
    judged = [(fitted.probability(f), u) for f, u in zip(report.features, usable, strict=True)]
    click.echo(calibrate.format_reliability(judged))


@eval_group.command("agreement")
@click.option("--part", default="events_real_dev", show_default=True,
              help="The real-news events part whose doubly annotated articles are compared.")
@click.option("--errors", is_flag=True, help="Also list every event the two disagree on.")
@DATA_OPTION
def eval_agreement(part, errors, data):
    """Agreement of two annotators of real-news event gold, on the articles both annotated:
    event-level F1 and per-field agreement, paired as `eval events` pairs khronika's."""
    from pathlib import Path

    from ..evaluate import events_real

    found = [p for p in _real_parts_named(part) if p.second is not None]
    if not found:
        raise click.BadParameter(f"no real-news events part {part!r} with a second "
                                 "annotation", param_hint="--part")
    (one,) = found
    folder = Path(data) if data else events_real.DEFAULT_DATA
    click.echo(f"== {one.name}: {one.path.name} (first) against {one.second.name} (second)")
    reason = events_real.missing_reason(events_real.load_items(one.second), folder)
    if reason:
        click.echo(f"skipped: {reason}")
        return
    click.echo(events_real.format_agreement(
        events_real.agreement(one.path, one.second, folder), errors))


@eval_group.command("meetings")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.pass_context
def eval_meetings(ctx, path):
    """Recall of factRuEval-2016 Meeting facts (e.g. its devset folder) as CONSULT events
    whose participants cover the fact's."""
    from ..evaluate.meetings import evaluate_meetings, format_report
    from ..evaluate.parts import describe_corpus
    from ..resources import Resources

    click.echo(f"== {describe_corpus(path)}")
    click.echo(format_report(evaluate_meetings(path, Resources.load(),
                                               progress=progress_for(ctx))))


def _filters(actor, code, since, until, modality, limit, min_confidence=None, place=None,
             text=None):
    from ..store.query import Filters

    return Filters(actor=actor, code=code, since=since.date() if since else None,
                   until=until.date() if until else None, modality=modality, limit=limit,
                   min_confidence=min_confidence, place=place, words=_words(text))


def _words(text: str | None) -> list[set[str]]:
    """``--text``: for each word, the lemmas it may stand for."""
    if not text:
        return []
    from natasha import MorphVocab

    from ..store.search import query_lemmas

    words = query_lemmas(MorphVocab(), text)
    if not words:
        raise click.BadParameter(f"no word in {text!r}", param_hint="--text")
    return words


@functools.cache
def _places():
    """The KB and GeoNames' towns, which tell where places lie: loaded once a process."""
    from ..kb.coords import Places, geonames_towns
    from ..kb.load import load_kb

    return Places(load_kb(), geonames_towns())


def _country_locator(country: str | None):
    """``--country``: what tells where places lie, and the country's CAMEO code (None
    without --country)."""
    if not country:
        return None, None
    from ..store.query import COUNTRY_HINT

    locator = _places()
    code = locator.country_code(country) if len(country) == 3 else None
    if code is None:
        raise click.BadParameter(f"must be {COUNTRY_HINT} of a country the knowledge base "
                                 f"knows; got {country!r}", param_hint="--country")
    return locator, code


def _with_country(con, filters, locator, code):
    """``filters`` with the stored places of the country ``code`` looked up."""
    if code is not None:
        from ..store.browse import in_country

        filters.country = in_country(con, locator, code)
    return filters


def _event_filters(func):
    from ..store.query import MODALITIES

    options = [
        click.option("--actor", help="A KB id (person:vladimir-putin), an actor code or its "
                                     "prefix (RUSGOV, RUS), or part of a name."),
        click.option("--code", help="A CAMEO code or prefix (04, 041) or a PLOVER type "
                                    "(CONSULT)."),
        click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]),
                     help="Events dated on or after this day (YYYY-MM-DD)."),
        click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]),
                     help="Events dated on or before this day."),
        click.option("--modality", type=click.Choice(MODALITIES)),
        click.option("--place", help="Where the event happened: a KB id (city:moscow) or the "
                                     "place's name as stored (Москва; any case)."),
        click.option("--country", help="An ISO 3166 alpha-3 code (RUS, UKR, USA; any case): "
                                       "events with a party of that country (its actor code "
                                       "starts with it) or that happened there (by the KB "
                                       "and GeoNames)."),
        click.option("--text", help="Words the event's evidence sentences hold, in any form "
                                    "(\"переговоры\" finds \"переговорах\")."),
        MIN_CONFIDENCE_OPTION,
        DB_OPTION,
        WAIT_OPTION,
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command("events")
@_event_filters
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0),
              help="At most this many events (0: all).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event, with evidence.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
@LANG_OPTION
def events_command(actor, code, since, until, modality, place, country, text, min_confidence,
                   db, wait, limit, as_json, as_csv, lang):
    """List stored events, latest first: date, CAMEO code, PLOVER type, modality, summary,
    and how many articles and sources report each."""
    from ..output.terminal import format_events, write_events_csv
    from ..store.query import select_events

    filters = _filters(actor, code, since, until, modality, limit or None, min_confidence,
                       place, text)
    locator, country_code = _country_locator(country)
    with access.open_store(db, wait=wait) as con:
        rows = select_events(con, _with_country(con, filters, locator, country_code))
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif as_csv:
        write_events_csv(rows, sys.stdout, lang)
    else:
        click.echo(format_events(rows, lang))


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["plover", "gdelt", "parquet"]),
              required=True, help="PLOVER JSON Lines, a GDELT-style TSV, or Parquet files.")
@click.option("-o", "--output", default="-", show_default=True,
              help="Output file ('-' for stdout); for parquet, a new or empty folder "
                   "(required).")
@click.option("--overwrite", is_flag=True,
              help="For parquet: replace an earlier export in the -o folder (its month=… "
                   "partitions) instead of refusing a folder that holds data.")
@_event_filters
@LANG_OPTION
def export_command(fmt, output, overwrite, actor, code, since, until, modality, place,
                   country, text, min_confidence, db, wait, lang):
    """Export stored events. Parquet is partitioned by event month (month=YYYY-MM/) and
    written into a new or empty folder: one that holds data is refused, or replaced with
    --overwrite when it holds an earlier export."""
    from ..output.exports import export_events

    if fmt == "parquet" and output == "-":
        raise click.UsageError("--format parquet needs -o FOLDER")
    filters = _filters(actor, code, since, until, modality, None, min_confidence, place, text)
    locator, country_code = _country_locator(country)
    with access.open_store(db, wait=wait) as con:
        _with_country(con, filters, locator, country_code)
        if fmt == "parquet":
            count = export_events(con, fmt, output, filters, lang, overwrite=overwrite)
        elif output == "-":
            count = export_events(con, fmt, sys.stdout, filters, lang)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                count = export_events(con, fmt, out, filters, lang)
    click.echo(f"{count} events → {output}", err=True)


@main.command("serve")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default answers this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--wait", default=3.0, show_default=True, type=click.FloatRange(0),
              metavar="SECONDS", help="How long a request waits for a running ingest's "
                                      "batch to be written before answering 503 (retry).")
@click.pass_context
def serve_command(ctx, db, host, port, wait):
    """Serve the web UI and JSON API over the store (read-only): events, timeline, actor
    network, actor and article pages, search; the API under /api/ (/api/openapi.json).

    The store is opened read-only for each request, so `khronika ingest` can add to it
    meanwhile: new articles show once its batch is written, with no restart.
    """
    import uvicorn

    from ..web.app import create_app

    if os.path.exists(db):
        access.open_store(db, wait=wait).close()  # a file that is no store fails here
    else:
        log.warning("no store at %s yet; pages answer 503 until `khronika ingest` makes it", db)
    app = create_app(db, wait=wait)
    log.info("loading the knowledge base and GeoNames' towns (places' names and countries)")
    app.state.web.places()  # before the first request, which would wait for it
    click.echo(f"khronika serve: http://{host}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning" if is_quiet(ctx) else "info")


@main.command("bench")
@click.argument("paths", nargs=-1)
@click.option("--workers", "-j", "workers", default="1,2", show_default=True,
              help="Comma-separated worker counts to measure.")
@click.option("--min-docs", default=120, show_default=True, type=click.IntRange(1),
              help="Repeat the inputs until at least this many documents are measured.")
@click.option("--rounds", default=3, show_default=True, type=click.IntRange(1),
              help="Measure each system this many times, taking turns; report the fastest.")
@click.option("--wikidata", "wikidata", type=click.IntRange(100), default=None,
              metavar="N", help="Instead: memory of `kb import-wikidata` on synthetic dumps of "
                                "N and 10×N entities, and their ratio.")
@click.option("--serve", "serve_articles", type=click.IntRange(1), default=None, metavar="N",
              help="Instead: load-test `khronika serve` on a new store of N articles made "
                   "from PATHS' (analysed once, copied with their own titles and days).")
@click.option("--clients", default=50, show_default=True, type=click.IntRange(1, 1000),
              help="With --serve: concurrent clients.")
@click.option("--seconds", default=30.0, show_default=True, type=click.FloatRange(1, 600),
              help="With --serve: how long the clients ask.")
@click.option("--distinct", is_flag=True,
              help="With --serve: every request a view not asked for before (page sizes and "
                   "pages varied), so none is answered from the server's cache.")
@click.option("--store", "load_store", default=None, metavar="FILE",
              help="With --serve: the store to make (default: a temporary file, removed "
                   "after), or to reuse when it exists.")
@click.pass_context
def bench_command(ctx, paths, workers, min_docs, rounds, wikidata, serve_articles, clients,
                  seconds, distinct, load_store):
    """Speed of `extract` against the bare natasha pipeline and against khronika's
    backbone (every stage but event coding) on the same documents.

    The reference bench runs on factRuEval-2016's devset, whose book_N.txt texts it reads
    as plain text: `khronika bench ../shared/data/factrueval-2016/devset`. PATHS default to
    the examples/ folder; an input that cannot be read is left out with a warning.

    Every system reads each input with khronika's readers and analyses the same title
    and body text (the tokens column shows it). Each run starts fresh worker processes
    that load the system's models and analyse a few documents untimed; each system is
    measured --rounds times, taking turns, and the fastest run counts. Prints docs/s for
    each, the ratios to natasha and to the backbone, and the peak memory of one worker
    process, each system's own. With --wikidata N, measures the dump importer instead.

    With --serve N: builds a store of N articles from PATHS, starts `khronika serve` on
    127.0.0.1 and runs --clients concurrent clients for --seconds over the events page and
    the events API; prints requests/s, p50/p95 latency, errors and the server's RSS:
    `khronika bench --serve 5000 examples`.
    """
    from ..bench.pipeline import bench, format_bench

    if serve_articles:
        _bench_serve(ctx, list(paths) or ["examples"], serve_articles, clients, seconds,
                     distinct, load_store)
        return
    if wikidata:
        from ..bench.wikidata import bench_import, format_import

        click.echo(format_import(bench_import(wikidata)))
        return
    counts = [int(w) for w in workers.split(",")]
    result = bench(list(paths) or ["examples"], counts, min_docs, rounds,
                   progress=progress_for(ctx))
    click.echo(format_bench(result))


def _bench_serve(ctx, paths, articles, clients, seconds, distinct, db) -> None:
    import tempfile
    import time

    from ..bench.serve import analysed_docs, build_store, serve_under_load

    def progress(message: str) -> None:
        if not is_quiet(ctx):
            click.echo(message, err=True)

    with tempfile.TemporaryDirectory(prefix="khronika-bench-") as folder:
        db = db or os.path.join(folder, "load.duckdb")
        if not os.path.exists(db):
            started = time.monotonic()
            build_store(db, analysed_docs(paths, progress), articles, progress)
            click.echo(f"store of {articles} articles built in {time.monotonic() - started:.0f} s"
                       f" → {db}", err=True)
        click.echo(serve_under_load(db, clients, seconds, distinct, progress).report())


main.add_command(kb_group)


if __name__ == "__main__":  # pragma: no cover
    main()
