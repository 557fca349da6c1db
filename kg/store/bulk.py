"""pyoxigraph's bulk loader on every core: N-Quads cut at line ends, the parts loaded
side by side.

One ``Store.bulk_load`` call parses its input on one thread and then indexes it on
one other, one after the other (its batches are a million quads), so a load of a
few hundred thousand quads keeps one core busy.  N-Quads and N-Triples hold one
statement a line: cut at line ends they are the same data in parts, and parts
given to ``bulk_load`` from several threads (it releases the GIL) load at once.
Each call names the blank nodes of its input afresh, so input holding blank nodes
(any ``_:`` in it) is loaded in one part.

>>> import pyoxigraph as ox
>>> line = b'<http://ex/s> <http://ex/p> "%d" <http://ex/g> .\\n'
>>> data = b"".join(line % n for n in range(100, 109))
>>> [len(data[a:b].splitlines()) for a, b in line_ranges(data, 160)]
[4, 4, 1]
>>> store = ox.Store()
>>> load(store, data, format=ox.RdfFormat.N_QUADS, part_bytes=160)
>>> len(store)
9
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

__all__ = ["MAX_PART_BYTES", "MAX_THREADS", "MIN_PART_BYTES", "line_ranges", "load", "threads"]

MIN_PART_BYTES = 16 << 20
"""Parts are at least this big, so a small input (a kg build shard) loads in one
part: each part costs a thread and its own set of index files, which later reads
must merge."""
MAX_PART_BYTES = 64 << 20
"""The bulk loader holds a part's quads in memory (about 1 KB each) while it
indexes them, so a bigger input is cut into more parts, loaded a few at a time.
Much smaller parts leave more overlapping index files behind, which slow queries
until RocksDB compacts them (on 1M quads, 32 MB parts made some queries 40-70%
slower; 64 MB parts left as many files as one load)."""

MAX_THREADS = 4
"""Parts loading at once, at most (each holds up to ``MAX_PART_BYTES`` of quads)."""

_LINE_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)
_READ = 1 << 16


def threads() -> int:
    """The parts to load at once: the cores this process may run on, at most
    ``MAX_THREADS``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_THREADS))


def load(
    store: ox.Store,
    source: bytes | Path,
    *,
    format: ox.RdfFormat,
    lenient: bool = False,
    to_graph: ox.NamedNode | None = None,
    base_iri: str | None = None,
    part_bytes: int | None = None,
) -> None:
    """``store.bulk_load`` of ``source`` (data or a file), in parts on several threads
    where the format allows it.

    ``part_bytes`` overrides the size of the parts (by default the input over the
    cores, between ``MIN_PART_BYTES`` and ``MAX_PART_BYTES``).  A syntax error
    raises ``SyntaxError`` naming the line its part starts at; the parts that loaded
    stay loaded, as with any bulk load that fails part-way.
    """
    options: dict[str, object] = {"format": format, "lenient": lenient}
    if to_graph is not None:
        options["to_graph"] = to_graph
    if base_iri is not None:
        options["base_iri"] = base_iri
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    workers = threads()
    if part_bytes is None:
        part_bytes = min(MAX_PART_BYTES, max(MIN_PART_BYTES, -(-size // workers)))
    if format not in _LINE_FORMATS or size <= part_bytes or _has_blank_nodes(source):
        if isinstance(source, bytes):
            store.bulk_load(input=source, **options)  # type: ignore[arg-type]
        else:
            store.bulk_load(path=source, **options)  # type: ignore[arg-type]
        return
    ranges = line_ranges(source, part_bytes)
    read = _reader(source)

    def load_part(span: tuple[int, int]) -> None:
        try:
            store.bulk_load(input=read(*span), **options)  # type: ignore[arg-type]
        except SyntaxError as e:
            line = 1 + _count_lines(source, span[0])
            raise SyntaxError(f"in the part from line {line}: {e}") from e

    with ThreadPoolExecutor(min(workers, len(ranges)), thread_name_prefix="kg-bulk") as pool:
        futures = [pool.submit(load_part, span) for span in ranges]
    for future in futures:  # every part has finished: report the first failure
        future.result()


def line_ranges(source: bytes | Path, part_bytes: int) -> list[tuple[int, int]]:
    """``source`` cut into (start, end) byte ranges of about ``part_bytes``, each
    ending at a line end (or the end of the input)."""
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    read = _reader(source)
    ranges: list[tuple[int, int]] = []
    start = 0
    while start < size:
        end = _line_end(read, start + max(part_bytes, 1), size)
        ranges.append((start, end))
        start = end
    return ranges


def _line_end(read: Callable[[int, int], bytes], at: int, size: int) -> int:
    """The end of the line holding byte ``at - 1`` (``size`` if it is the last line)."""
    while at < size:
        block = read(at - 1, min(at - 1 + _READ, size))
        newline = block.find(b"\n")
        if newline >= 0:
            return at + newline
        at += len(block)
    return size


def _reader(source: bytes | Path) -> Callable[[int, int], bytes]:
    """``read(start, end)``: those bytes of ``source``."""
    if isinstance(source, bytes):
        return lambda start, end: source[start:end]
    path = source

    def read(start: int, end: int) -> bytes:
        with path.open("rb") as stream:
            stream.seek(start)
            return stream.read(end - start)

    return read


def _has_blank_nodes(source: bytes | Path) -> bool:
    """Whether ``_:`` occurs anywhere in ``source`` (a blank node, or maybe not)."""
    if isinstance(source, bytes):
        return b"_:" in source
    with source.open("rb") as stream:
        if source.stat().st_size == 0:
            return False
        with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as view:
            return view.find(b"_:") >= 0


def _count_lines(source: bytes | Path, end: int) -> int:
    if isinstance(source, bytes):
        return source.count(b"\n", 0, end)
    count = 0
    with source.open("rb") as stream:
        while end > 0 and (block := stream.read(min(_READ, end))):
            count += block.count(b"\n")
            end -= len(block)
    return count
