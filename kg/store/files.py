"""Reading RDF files for ``kg load``: streamed, in chunks of quads, every triple in a named graph.

pyoxigraph's parsers do the reading (about ten times rdflib's speed), so a file of
millions of triples never sits in memory whole.  kg keeps every triple in a named
graph (servers disagree about the default graph: Virtuoso and GraphDB answer the
union of all graphs there), so the triples of a Turtle or N-Triples file, and those
of a TriG or N-Quads file outside any graph, go into ``graph``, which is then required.

>>> rdf_format("kg.trig"), rdf_format("dump.nq"), rdf_format("onto.ttl")
('TriG', 'N-Quads', 'Turtle')
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.errors import ConfigError, InputError

__all__ = [
    "BLANK_GRAPH",
    "NO_GRAPH",
    "readable_format",
    "FORMATS",
    "FileScan",
    "ox_format",
    "rdf_format",
    "read_quads",
    "scan_file",
    "to_ntriples",
    "to_nquads",
]

FORMATS: dict[str, ox.RdfFormat] = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
"""File suffix -> the format ``kg load`` reads it as."""

_NAMES = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def rdf_format(path: str | Path, name: str | None = None) -> str:
    """The format's name for ``path``, from ``name`` (trig, nquads, turtle, ntriples,
    json-ld, rdfxml) or else the file suffix."""
    return ox_format(Path(path), name).name


def ox_format(path: Path, name: str | None = None) -> ox.RdfFormat:
    """The pyoxigraph format for ``path``, from ``name`` or else the file suffix."""
    if name is not None:
        try:
            return _NAMES[name.lower()]
        except KeyError:
            raise ConfigError(f"unknown RDF format {name!r} (known: {', '.join(_NAMES)})") from None
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = " ".join(FORMATS)
        raise InputError(path, f"unknown RDF file suffix (known: {known}; or give --format)")
    return fmt


def read_quads(
    path: str | Path,
    *,
    fmt: str | None = None,
    graph: str | None = None,
    chunk_size: int = 100_000,
) -> Iterator[list[ox.Quad]]:
    """The quads of the file at ``path``, ``chunk_size`` at a time.

    Triples outside any named graph go into ``graph``; without it they are an error.
    Blank nodes get fresh labels, so loading two files never merges their blank nodes.
    """
    path = Path(path)
    rdf = readable_format(path, fmt)
    target = ox.NamedNode(graph) if graph is not None else None
    try:
        parser = ox.parse(
            path=path, format=rdf, base_iri=path.resolve().as_uri(), rename_blank_nodes=True
        )
        while chunk := list(islice(parser, chunk_size)):
            yield [_in_named_graph(path, q, target) for q in chunk]
    except SyntaxError as e:
        raise InputError(path, f"not valid {rdf.name}: {e}") from None
    except (OSError, ValueError) as e:
        raise InputError(path, f"cannot read it: {e}") from None


@dataclass(frozen=True)
class FileScan:
    """What a first read of an RDF file found: its format, how many statements it
    holds and the named graphs it puts them in (triples outside any go to ``graph``)."""

    format: ox.RdfFormat
    quads: int
    graphs: list[str]


def scan_file(path: str | Path, *, fmt: str | None = None, graph: str | None = None) -> FileScan:
    """Read the file at ``path`` once for the graphs it names, checking its syntax but
    not its IRIs (the loader that reads it next does); the same errors as ``read_quads``.
    """
    path = Path(path)
    rdf = readable_format(path, fmt)
    named: set[ox.NamedNode] = set()
    quads = 0
    default = False
    try:
        parser = ox.parse(path=path, format=rdf, base_iri=path.resolve().as_uri(), lenient=True)
        for quad in parser:
            quads += 1
            name = quad.graph_name
            if type(name) is ox.NamedNode:
                named.add(name)
            elif type(name) is ox.BlankNode:
                raise InputError(path, BLANK_GRAPH)
            else:
                default = True
    except SyntaxError as e:
        raise InputError(path, f"not valid {rdf.name}: {e}") from None
    except (OSError, ValueError) as e:
        raise InputError(path, f"cannot read it: {e}") from None
    graphs = {n.value for n in named}
    if default:
        if graph is None:
            raise InputError(path, NO_GRAPH)
        graphs.add(graph)
    return FileScan(rdf, quads, sorted(graphs))


def readable_format(path: Path, fmt: str | None) -> ox.RdfFormat:
    """The RDF format of the file at ``path`` (``InputError`` if none, or no such file)."""
    rdf = ox_format(path, fmt)
    if not path.is_file():
        raise InputError(path, "no such file")
    return rdf


BLANK_GRAPH = "names a graph by a blank node; kg needs graph IRIs"
NO_GRAPH = (
    "holds triples outside any named graph: give --graph IRI for them "
    "(kg keeps every triple in a named graph)"
)


def _in_named_graph(path: Path, quad: ox.Quad, target: ox.NamedNode | None) -> ox.Quad:
    if isinstance(quad.graph_name, ox.NamedNode):
        return quad
    if isinstance(quad.graph_name, ox.BlankNode):
        raise InputError(path, BLANK_GRAPH)
    if target is None:
        raise InputError(path, NO_GRAPH)
    return ox.Quad(quad.subject, quad.predicate, quad.object, target)


def to_ntriples(quads: list[ox.Quad]) -> bytes:
    """The triples of ``quads`` (graph names dropped) as N-Triples."""
    return ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""


def to_nquads(quads: list[ox.Quad]) -> bytes:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
