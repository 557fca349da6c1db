"""Progress of ``kg build``: a bar on a terminal, a log line now and then elsewhere.

On a terminal, tqdm shows articles done, articles/s and, once the inputs are
counted, the total and an ETA.  Otherwise (a log file, CI) a line like
``kg build: 1200/5000 articles (24%), 35.1 articles/s, ETA 0:01:48`` goes out every
``interval`` seconds.  ``estimate_articles`` counts the inputs (seed files, JSON
Lines lines) in a background thread, so the build starts at once.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from kg.closing import Closing
from kg.ingest import JSONL_SUFFIXES, STDIN, iter_input_files

__all__ = ["DEFAULT_INTERVAL", "Progress", "estimate_articles"]

DEFAULT_INTERVAL = 10.0
"""Seconds between two log lines when not on a terminal."""


class Progress(Closing):
    """Counts finished articles; ``update`` is the ``progress`` callback of ``build``."""

    def __init__(
        self,
        *,
        stream: TextIO | None = None,
        tty: bool | None = None,
        interval: float = DEFAULT_INTERVAL,
        label: str = "kg build",
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = interval
        self.label = label
        self.done = 0
        self.total: int | None = None
        self._new_total: int | None = None
        self._start = time.monotonic()
        self._last_line = self._start
        self._bar: Any = None
        if self.tty:
            from tqdm import tqdm

            self._bar = tqdm(unit="article", file=self.stream, dynamic_ncols=True)

    def set_total(self, total: int | None) -> None:
        """The number of articles expected (any thread may call it)."""
        self._new_total = total

    def count_in_background(self, sources: Iterable[str | os.PathLike[str]]) -> None:
        """Estimate the total from ``sources`` in a daemon thread."""
        names = list(sources)
        thread = threading.Thread(
            target=lambda: self.set_total(estimate_articles(names)), daemon=True
        )
        thread.start()

    def update(self, n: int = 1) -> None:
        if self.done == 0 and n:  # the rate counts from the first article, not from start-up
            self._start = self._last_line = time.monotonic()
        self.done += n
        if self._new_total is not None and self._new_total != self.total:
            self.total = max(self._new_total, self.done)
            if self._bar is not None:
                self._bar.total = self.total
        if self._bar is not None:
            self._bar.update(n)
            return
        now = time.monotonic()
        if now - self._last_line >= self.interval:
            self._last_line = now
            print(self.line(now), file=self.stream, flush=True)

    def line(self, now: float | None = None) -> str:
        """The log line for the progress so far."""
        elapsed = max((now or time.monotonic()) - self._start, 1e-9)
        rate = self.done / elapsed
        text = f"{self.label}: {self.done}"
        if self.total:
            text += f"/{self.total} articles ({100 * self.done / self.total:.0f}%)"
        else:
            text += " articles"
        text += f", {rate:.1f} articles/s"
        if self.total and rate > 0 and self.total > self.done:
            eta = dt.timedelta(seconds=round((self.total - self.done) / rate))
            text += f", ETA {eta}"
        return text

    def write(self, message: str) -> None:
        """Print one line (an error, an article done) without breaking the bar."""
        if self._bar is not None:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def estimate_articles(sources: Iterable[str | os.PathLike[str]]) -> int | None:
    """About how many articles ``sources`` hold: one per seed file, one per non-blank
    JSON Lines line; ``None`` when reading stdin (it cannot be counted ahead).

    >>> estimate_articles(["no/such/dir"])
    0
    """
    total = 0
    for path in iter_input_files(sources, on_error=lambda error: None):
        if isinstance(path, str) or str(path) == STDIN:
            return None
        if path.suffix.lower() in JSONL_SUFFIXES:
            total += _count_lines(path)
        else:
            total += 1
    return total


def _count_lines(path: Path) -> int:
    """Non-blank lines, read 1 MiB at a time."""
    count = 0
    try:
        with path.open("rb") as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                data = tail + chunk
                lines = data.split(b"\n")
                tail = lines.pop()
                count += sum(1 for line in lines if line.strip())
            count += bool(tail.strip())
    except OSError:
        return count
    return count
