"""`khronika kb …`: a thin click layer over the knowledge base."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..kb.labels import LANGS
from .common import VerboseGroup

LANG_OPTION = click.option("--lang", type=click.Choice(LANGS), default="ru", show_default=True,
                           help="Language of the entity names printed.")


def _load(kb_files=()):
    from ..kb.load import load_kb

    return load_kb(extra=kb_files)


@click.group("kb", cls=VerboseGroup)
def kb_group():
    """The knowledge base: look up entities, count coverage, import Wikidata."""


@kb_group.command("lookup")
@click.argument("text")
@click.option("--date", "when", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Resolve roles and codes on this date (YYYY-MM-DD); default: today.")
@LANG_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON lines.")
@click.pass_context
def lookup_command(ctx, text, when, lang, as_json):
    """What TEXT names: a name in any case form ("Пашиняна") or a role phrase
    ("президент России", "глава МИД Армении"), with the actor code on --date.

    Exits with status 1 when nothing is found.
    """
    from datetime import date

    from ..kb.lookup import lookup

    day = when.date() if when else date.today()
    hits = lookup(_load(), text, day)
    for hit in hits:
        click.echo(json.dumps(_hit_json(hit), ensure_ascii=False) if as_json
                   else _hit_line(hit, lang))
    if not hits:
        click.echo(f"nothing in the KB for {text!r} on {day}", err=True)
    ctx.exit(0 if hits else 1)


def _hit_json(hit) -> dict:
    e = hit.entity
    return {"kb_id": e.id, "kind": e.kind, "name": e.name, "code": hit.code,
            "wikidata": e.qid, "labels": hit.labels.to_json(),
            "labels_fallback": hit.labels.fallback, "via": hit.via,
            "roles": [{"role": r.role, "code": r.code, "title": r.title,
                       "start": str(r.start) if r.start else None,
                       "end": str(r.end) if r.end else None} for r in e.roles]}


def _hit_line(hit, lang: str) -> str:
    """One hit for the terminal; imported KB data (a Wikidata dump) is cleaned."""
    from ..output.terminal import clean

    e = hit.entity
    head = f"{e.id}  {hit.labels.shown(lang)}  code={hit.code or '-'}  wikidata={e.qid or '-'}"
    roles = [f"    {r.role}{' (' + r.title + ')' if r.title else ''} {r.code or ''} "
             f"{r.start or '…'} – {r.end or 'now'}" for r in e.roles]
    return "\n".join(clean(line) for line in [head, *roles])


@kb_group.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats_command(as_json):
    """Coverage: entities by kind, countries by status, people, roles, labels per language."""
    from ..kb.lookup import kb_stats

    data = kb_stats(_load())
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    lines = [f"entities {data['entities']}  aliases {data['aliases']}  "
             f"wikidata ids {data['wikidata_ids']}"]
    lines += [f"  {kind:8} {n}" for kind, n in data["kinds"].items()]
    lines.append("countries: " + ", ".join(f"{s} {n}" for s, n in data["countries"].items()))
    lines.append(f"people {data['people']}  roles {data['roles']}: " + ", ".join(
        f"{r} {n}" for r, n in data["roles_by_type"].items()))
    lines.append("labels (not fallback): " + ", ".join(
        f"{lang} {n}/{data['entities']}" for lang, n in data["labels"].items()))
    lines.append(f"institution types {data['institution_types']}")
    lines += [f"imported file: {f}" for f in data["extra_files"]]
    click.echo("\n".join(lines))


@kb_group.command("import-wikidata")
@click.argument("dump", type=click.Path(dir_okay=False))
@click.option("-o", "--out", type=click.Path(dir_okay=False), default=None,
              help="Output KB file (JSON Lines); default: wikidata.jsonl in the user KB folder "
                   "($KHRONIKA_HOME/kb, ~/.khronika/kb), which khronika always reads.")
@click.pass_context
def import_command(ctx, dump, out):
    """Stream a Wikidata JSON dump (.json, .gz, .bz2) into a KB file: countries, IGOs,
    positions and people holding them (P39 with start/end), ru/en/ar labels, ru aliases.

    Bad records are skipped and counted; the exit status is 1 when any were.
    """
    from ..kb.load import user_kb_dir
    from ..kb.wikidata import DumpError, import_dump

    target = Path(out) if out else user_kb_dir() / "wikidata.jsonl"
    try:
        report = import_dump(dump, target)
    except DumpError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{report.summary()} → {target}", err=True)
    for example in report.bad_examples:
        click.echo(f"bad: {example}", err=True)
    ctx.exit(1 if report.bad else 0)
