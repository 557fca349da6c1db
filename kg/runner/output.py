"""``kg build --out FILE``, streamed: N-Quads written article by article, never a
whole dataset in memory.

Everything goes to a hidden N-Quads file beside ``FILE`` as it is stored (each
article's lines sorted, articles in the order they were stored).  ``commit`` then
renames it into place, or, for TriG, Turtle and JSON-LD, converts it on the way with
pyoxigraph's streaming parser and serializers (one graph block per article, since
each article's quads sit together).  Turtle holds the union of the graphs: a triple
outside the article namespaces (an actor kg minted, named by several articles) is
written once.  A run that fails leaves no ``FILE`` behind, and an old one in place.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.rdf import BASE, PREFIXES, OutputFormat

__all__ = ["OutputWriter"]

_FORMATS = {
    OutputFormat.TRIG: ox.RdfFormat.TRIG,
    OutputFormat.TURTLE: ox.RdfFormat.TURTLE,
    OutputFormat.JSONLD: ox.RdfFormat.JSON_LD,
}
_ARTICLE_NODES = BASE + "article/"
# our own data IRIs stay whole: as prefixed names their slashes would need escaping
_PREFIXES = {prefix: ns for prefix, ns in PREFIXES.items() if not ns.startswith(BASE)}


class OutputWriter:
    """Streams N-Quads into ``path`` (format from its suffix, see ``OutputFormat``)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.format = OutputFormat.from_path(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        stem = f".{self.path.name}.{os.getpid()}"
        self._nquads = self.path.with_name(f"{stem}.partial.nq")
        self._final = self.path.with_name(f"{stem}.partial")
        self._stream = self._nquads.open("wb")
        self._lock = threading.Lock()  # the store writer's thread writes too
        self.quads = 0

    def write(self, nquads: bytes) -> None:
        """Add one article's quads (lines sorted here)."""
        lines = nquads.splitlines(keepends=True)
        lines.sort()
        with self._lock:
            self._stream.writelines(lines)
            self.quads += len(lines)

    def commit(self) -> None:
        """Finish ``path``: rename or convert the N-Quads written so far."""
        self._stream.close()
        try:
            if self.format is OutputFormat.NQUADS:
                os.replace(self._nquads, self.path)
                return
            fmt = _FORMATS[self.format]
            quads = ox.parse(path=self._nquads, format=ox.RdfFormat.N_QUADS)
            if self.format is OutputFormat.TURTLE:
                ox.serialize(_union(quads), self._final, fmt, prefixes=_PREFIXES)
            elif self.format is OutputFormat.JSONLD:
                ox.serialize(quads, self._final, fmt)
            else:
                ox.serialize(quads, self._final, fmt, prefixes=_PREFIXES)
            os.replace(self._final, self.path)
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove what was written (after ``commit``: only the temporary files)."""
        self._stream.close()
        for temporary in (self._nquads, self._final):
            temporary.unlink(missing_ok=True)


def _union(quads: Iterator[ox.Quad]) -> Iterator[ox.Triple]:
    """The triples of ``quads``; one outside the article namespaces only once."""
    shared: set[ox.Triple] = set()
    for quad in quads:
        triple = quad.triple
        subject = triple.subject
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(_ARTICLE_NODES):
            yield triple
        elif triple not in shared:
            shared.add(triple)
            yield triple
