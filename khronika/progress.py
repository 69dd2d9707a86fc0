"""Progress of long loops (``eval``, ``bench``): the library reports it, the CLI shows it.

A ``Progress`` wraps the items of a loop and yields them back, seeing each one go by;
``silent`` shows nothing (the library's default).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    def __call__(
        self, items: Sequence[T], label: str, describe: Callable[[T], str] | None = None
    ) -> Iterable[T]:
        """Yield ``items`` in order; ``describe`` names the one about to be worked on."""
        ...


def silent(
    items: Sequence[T], label: str, describe: Callable[[T], str] | None = None
) -> Iterable[T]:
    return items
