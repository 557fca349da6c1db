"""The store interface: one small Protocol, one implementation per module."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Protocol, runtime_checkable

from rdflib import Graph
from rdflib.term import Identifier, Node

__all__ = ["Store", "ArticleStore", "QueryResult", "LoadSummary", "Triple", "Quad", "NO_BINDINGS"]

Triple = tuple[Node, Node, Node]
"""An rdflib (subject, predicate, object)."""
Quad = tuple[Node, Node, Node, Node | None]
"""An rdflib (subject, predicate, object, graph); graph None is the default graph."""

NO_BINDINGS: Mapping[str, Identifier] = MappingProxyType({})


@dataclass
class QueryResult:
    """A SELECT result as plain strings: IRIs, literals' lexical forms, None when unbound.

    Integers come as ``"40"``, dates as ``"2020-01-22"``.
    """

    columns: list[str]
    rows: list[dict[str, str | None]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self, column: str) -> list[str | None]:
        """One column, top to bottom."""
        return [row.get(column) for row in self.rows]


@dataclass(frozen=True)
class LoadSummary:
    """What a bulk load did: the quads it read and the named graphs it replaced."""

    quads: int
    graphs: int


@runtime_checkable
class Store(Protocol):
    """A quad store holding one named graph per article plus the ontology graph.

    Two kinds: ``EmbeddedStore`` (pyoxigraph on disk) and ``RemoteStore`` (a SPARQL
    1.1 endpoint); ``open_store`` picks one by location.  kg keeps every triple in a
    named graph.
    """

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        """Make ``graph`` hold exactly ``triples``: loading an article twice changes nothing."""
        ...

    def delete_graph(self, graph: str) -> None:
        """Remove ``graph`` and its triples; no error when it does not exist."""
        ...

    def load_ontology(self, graph: Graph, iri: str = ...) -> None:
        """Replace the ontology graph (default ``https://w3id.org/kg/ontology``)."""
        ...

    def load_file(
        self, path: str | Path, *, fmt: str | None = None, graph: str | None = None
    ) -> LoadSummary:
        """Bulk-load an RDF file (TriG, N-Quads, Turtle, N-Triples, JSON-LD, RDF/XML).

        Every named graph the file holds is replaced, not appended to, so loading a
        file twice changes nothing; triples outside a named graph go into ``graph``
        (required when there are any).  ``fmt`` overrides the format the suffix names.
        """
        ...

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs that hold triples, sorted."""
        ...

    def query(self, sparql: str, bindings: Mapping[str, Identifier] = NO_BINDINGS) -> QueryResult:
        """Run a SELECT (or ASK) query with variables bound to typed RDF terms.

        Bound variables must be in the SELECT projection (SPARQL SEP-0007
        substitution, as Oxigraph does it) and are left out of the result's columns.
        """
        ...

    def count_triples(self) -> int:
        """The number of triples in the named graphs."""
        ...

    def dataset(self) -> Iterator[Quad]:
        """Every quad of the named graphs, for dump and validation."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


@runtime_checkable
class ArticleStore(Protocol):
    """What ``kg build`` uses, where a store offers it, to write many article graphs
    at once and to skip articles that did not change (``EmbeddedStore`` does; on other
    stores kg build falls back to ``Store.replace_graph`` and ``Store.query``)."""

    def content_hashes(self, graphs: Iterable[str]) -> dict[str, str]:
        """The ``kg:contentHash`` stored in each of ``graphs`` that has one (graph -> hash)."""
        ...

    def replace_graphs(
        self,
        graphs: Collection[str],
        nquads: bytes | Path,
        *,
        commit: bytes = b"",
        lenient: bool = False,
    ) -> None:
        """Make ``graphs`` hold exactly their quads in ``nquads`` (N-Quads, data or a
        file), then add the ``commit`` quads (N-Quads) in one transaction.

        A bulk load: a crash part-way may leave a graph incomplete, but never with its
        ``commit`` quads, so whoever writes a marker there (kg build: the article's
        content hash) knows which graphs are complete.  ``lenient`` skips IRI checks
        for data already checked.
        """
        ...

    def graph_nquads(self, graphs: Iterable[str]) -> bytes:
        """The quads of ``graphs`` as N-Quads."""
        ...
