"""The store interface: one small Protocol, one implementation per module."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType, TracebackType
from typing import Protocol, runtime_checkable

from rdflib import Graph
from rdflib.term import Identifier, Node

__all__ = ["Store", "QueryResult", "Triple", "Quad", "NO_BINDINGS"]

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


@runtime_checkable
class Store(Protocol):
    """A quad store holding one named graph per article plus the ontology graph."""

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        """Make ``graph`` hold exactly ``triples``: loading an article twice changes nothing."""
        ...

    def delete_graph(self, graph: str) -> None:
        """Remove ``graph`` and its triples; no error when it does not exist."""
        ...

    def load_ontology(self, graph: Graph, iri: str = ...) -> None:
        """Replace the ontology graph (default ``https://w3id.org/kg/ontology``)."""
        ...

    def query(self, sparql: str, bindings: Mapping[str, Identifier] = NO_BINDINGS) -> QueryResult:
        """Run a SELECT (or ASK) query with variables bound to typed RDF terms.

        Bound variables must be in the SELECT projection (SPARQL SEP-0007
        substitution, as Oxigraph does it) and are left out of the result's columns.
        """
        ...

    def count_triples(self) -> int:
        """The number of quads in the whole store."""
        ...

    def dataset(self) -> Iterator[Quad]:
        """Every quad of the store, for dump and validation."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
