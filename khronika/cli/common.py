"""What every command shares: -v/-q wherever they stand, logging, progress on stderr.

`khronika -q ingest …` and `khronika ingest -q …` are the same: every command and group
takes -v/--verbose (counted, added up over the positions) and -q/--quiet, and each
re-configures logging as it is parsed. Logs and progress go to stderr; stdout carries
data only.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import click

from ..progress import Progress, silent

T = TypeVar("T")

LOG_FORMAT = "%(levelname)s %(message)s"
VERBOSITY_KEY = "khronika.verbosity"
PROGRESS_SECONDS = 10.0  # off a terminal, a progress line at most this often


@dataclass(slots=True)
class Verbosity:
    verbose: int = 0
    quiet: bool = False

    @property
    def level(self) -> int:
        if self.quiet:
            return logging.ERROR
        return logging.DEBUG if self.verbose > 1 else logging.INFO if self.verbose else (
            logging.WARNING)


class _Stderr(logging.StreamHandler):
    """A handler writing to the sys.stderr of the moment (click's test runner swaps it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


HANDLER = _Stderr()
HANDLER.setFormatter(logging.Formatter(LOG_FORMAT))


def verbosity(ctx: click.Context) -> Verbosity:
    """This invocation's verbosity (kept by the outermost context); logging is set up,
    and put back as it was when the invocation ends."""
    root = ctx.find_root()
    if VERBOSITY_KEY not in root.meta:
        root.meta[VERBOSITY_KEY] = Verbosity()
        logger, level = logging.getLogger(), logging.getLogger().level
        logger.addHandler(HANDLER)

        def restore() -> None:
            logger.removeHandler(HANDLER)
            logger.setLevel(level)

        root.call_on_close(restore)
    return root.meta[VERBOSITY_KEY]


def is_quiet(ctx: click.Context) -> bool:
    return verbosity(ctx).quiet


def _add_verbose(ctx: click.Context, param: click.Parameter, value: int) -> None:
    state = verbosity(ctx)
    state.verbose += value
    logging.getLogger().setLevel(state.level)


def _add_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    state = verbosity(ctx)
    state.quiet = state.quiet or value
    logging.getLogger().setLevel(state.level)


def verbosity_options() -> list[click.Option]:
    return [
        click.Option(["-v", "--verbose"], count=True, expose_value=False,
                     callback=_add_verbose, help="More log output on stderr (-vv for debug)."),
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False,
                     callback=_add_quiet, help="No log output and no progress on stderr."),
    ]


class VerboseCommand(click.Command):
    """A command that takes -v/-q after its name too."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(verbosity_options())


class VerboseGroup(click.Group):
    """A group that takes -v/-q, and whose commands and subgroups do."""

    command_class = VerboseCommand

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(verbosity_options())


VerboseGroup.group_class = VerboseGroup


def progress_for(ctx: click.Context) -> Progress:
    """How a long loop shows its progress: a bar on a terminal, a line now and then off
    one (a log file), nothing with -q."""
    if is_quiet(ctx):
        return silent
    return show_bar if sys.stderr.isatty() else show_lines


def show_bar(
    items: Sequence[T], label: str, describe: Callable[[T], str] | None = None
) -> Iterator[T]:
    show = (lambda item: describe(item) if item is not None else "") if describe else None
    with click.progressbar(items, label=label, item_show_func=show, file=sys.stderr) as bar:
        yield from bar


def show_lines(
    items: Sequence[T], label: str, describe: Callable[[T], str] | None = None
) -> Iterator[T]:
    """"label: done/total [item]" before the first item, then before an item at most every
    PROGRESS_SECONDS, and when all are done."""
    last = None
    for done, item in enumerate(items):
        if last is None or time.monotonic() - last >= PROGRESS_SECONDS:
            what = f" {describe(item)}" if describe else ""
            click.echo(f"{label}: {done}/{len(items)}{what}", err=True)
            last = time.monotonic()
        yield item
    click.echo(f"{label}: {len(items)}/{len(items)}", err=True)
