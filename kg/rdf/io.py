"""Writing named graphs to a file: TriG, N-Quads, Turtle (union) or JSON-LD.

The format follows the file suffix unless ``fmt`` says otherwise.  N-Quads lines
are sorted so that a rebuild gives a byte-identical file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import NamespaceManager

from kg.rdf.namespaces import PREFIXES

__all__ = ["OutputFormat", "write_dataset", "build_dataset"]


class OutputFormat(StrEnum):
    """An RDF output format; the value is rdflib's format name."""

    TRIG = "trig"
    NQUADS = "nquads"
    TURTLE = "turtle"
    JSONLD = "json-ld"

    @property
    def suffix(self) -> str:
        return _SUFFIXES[self][0]

    @property
    def keeps_graphs(self) -> bool:
        """False for Turtle, which holds the union of the graphs."""
        return self is not OutputFormat.TURTLE

    @classmethod
    def from_path(cls, path: str | Path) -> OutputFormat:
        """The format a file suffix names.

        >>> OutputFormat.from_path("out/kg.nq")
        <OutputFormat.NQUADS: 'nquads'>
        """
        suffix = Path(path).suffix.lower()
        for fmt, suffixes in _SUFFIXES.items():
            if suffix in suffixes:
                return fmt
        known = ", ".join(s for suffixes in _SUFFIXES.values() for s in suffixes)
        raise ValueError(f"{path}: unknown RDF file suffix {suffix!r} (known: {known})")


_SUFFIXES: dict[OutputFormat, tuple[str, ...]] = {
    OutputFormat.TRIG: (".trig",),
    OutputFormat.NQUADS: (".nq", ".nquads"),
    OutputFormat.TURTLE: (".ttl",),
    OutputFormat.JSONLD: (".jsonld", ".json"),
}


def build_dataset(graphs: Iterable[tuple[str, Graph]]) -> Dataset:
    """One rdflib Dataset holding each ``(graph IRI, graph)`` as a named graph."""
    ds = Dataset()
    # rdflib 7.6's Dataset() takes no bind_namespaces: set the manager the same way
    ds.namespace_manager = NamespaceManager(ds, bind_namespaces="core")
    _bind(ds)
    for iri, graph in graphs:
        named = ds.graph(URIRef(iri))
        named += graph
    return ds


def write_dataset(
    graphs: Iterable[tuple[str, Graph]],
    path: str | Path,
    *,
    fmt: OutputFormat | str | None = None,
) -> int:
    """Write the named graphs to ``path``; return the number of triples written."""
    out = Path(path)
    fmt = OutputFormat(fmt) if fmt is not None else OutputFormat.from_path(out)
    ds = build_dataset(graphs)
    if fmt is OutputFormat.TURTLE:
        data = _union(ds).serialize(format="turtle", encoding="utf-8")
    elif fmt is OutputFormat.NQUADS:
        data = _sorted_lines(ds.serialize(format="nquads", encoding="utf-8"))
    elif fmt is OutputFormat.JSONLD:
        data = _jsonld(ds)
    else:
        data = ds.serialize(format=fmt.value, encoding="utf-8")
    out.write_bytes(data)
    return sum(1 for _ in ds.quads())


def _bind(graph: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, replace=True)


def _union(ds: Dataset) -> Graph:
    union = Graph(bind_namespaces="core")
    _bind(union)
    for s, p, o, _ in ds.quads():
        union.add((s, p, o))
    return union


def _jsonld(ds: Dataset) -> bytes:
    """Compact JSON-LD with our prefixes, nodes and values in a stable order."""
    text = ds.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    doc = _ordered(json.loads(text))
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"


def _ordered(value: Any, key: str = "") -> Any:
    """Sort every JSON-LD array (they are sets) except ``@list`` ones."""
    if isinstance(value, dict):
        return {k: _ordered(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_ordered(v) for v in value]
        return (
            items if key == "@list" else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        )
    return value


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(line for line in data.splitlines() if line.strip())
    return b"".join(line + b"\n" for line in lines)
