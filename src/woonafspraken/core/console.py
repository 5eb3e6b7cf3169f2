"""Shared bits for the console commands: writing output and progress bars."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm


def write_output(content: bytes, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    path = Path(str(output))
    if not path.parent.exists():
        raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
    path.write_bytes(content)


class Progress:
    """A progress bar that a service moves on through its ``progress`` callback, one step a call."""

    def __init__(self, bar: tqdm) -> None:  # type: ignore[type-arg]
        self._bar = bar

    def __call__(self, _label: str = "") -> None:
        self._bar.update(1)

    def resize(self, total: int) -> None:
        """Now that the number of steps is known better."""
        self._bar.total = total
        self._bar.refresh()

    def finish(self) -> None:
        """Fill the bar: the work is done, whatever steps it did not report."""
        total = self._bar.total or 0
        self._bar.update(total - self._bar.n)


@contextmanager
def progress_bar(total: int, description: str, unit: str | None = None) -> Iterator[Progress]:
    """A bar on the console (none when the output is not a terminal); it counts steps unless told otherwise."""
    with tqdm(total=total, desc=description, unit=unit or _("step"), disable=None) as bar:
        yield Progress(bar)
