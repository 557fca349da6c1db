"""The embedded store: pyoxigraph on disk (or in memory), zero set-up.

>>> from rdflib import Literal, URIRef
>>> triple = (URIRef("http://ex/a"), URIRef("http://ex/p"), Literal(40))
>>> with EmbeddedStore() as store:
...     store.replace_graph("http://ex/g", [triple])
...     store.query("SELECT ?want ?n WHERE { GRAPH ?g { ?a ?p ?n } FILTER(?n = ?want) }",
...                 {"want": Literal(40)}).rows
[{'n': '40'}]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg.errors import QueryError, StoreError
from kg.rdf.namespaces import ONTOLOGY_GRAPH
from kg.store.base import NO_BINDINGS, Quad, QueryResult, Triple
from kg.store.convert import OxTerm, from_ox, graph_from_ox, graph_to_ox, quad_to_ox, to_ox

__all__ = ["EmbeddedStore"]


class EmbeddedStore:
    """A pyoxigraph ``Store`` in directory ``path`` (in memory when ``path`` is None).

    Only one process may open a directory read-write; ``read_only=True`` opens
    it alongside a running writer (e.g. ``oxigraph serve``).
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._store: ox.Store | None = _open(self.path, read_only=read_only)

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path) if self.path else None!r})"

    @property
    def _ox(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{self!r} is closed")
        return self._store

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        """Clear ``graph``, then add ``triples`` in one transaction.

        The triples are converted first, so a bad term leaves the old graph in place;
        the clear and the add are two transactions (a crash between them leaves the
        graph empty until the article is loaded again).
        """
        name = graph_to_ox(graph)
        quads = [quad_to_ox(s, p, o, name) for s, p, o in triples]
        with self._errors(f"replacing graph <{graph}>"):
            self._ox.clear_graph(name)
            self._ox.extend(quads)

    def bulk_extend(self, quads: Iterable[Quad]) -> None:
        """Stream many quads in without a transaction (for big initial loads)."""
        with self._errors("bulk loading"):
            self._ox.bulk_extend(quad_to_ox(s, p, o, graph_to_ox(g)) for s, p, o, g in quads)

    def delete_graph(self, graph: str) -> None:
        name = graph_to_ox(graph)
        with self._errors(f"deleting graph <{graph}>"):
            if self._ox.contains_named_graph(name):
                self._ox.remove_graph(name)

    def load_ontology(self, graph: Graph, iri: str = ONTOLOGY_GRAPH) -> None:
        self.replace_graph(iri, graph)

    def query(self, sparql: str, bindings: Mapping[str, Identifier] = NO_BINDINGS) -> QueryResult:
        """Run a SELECT or ASK query; ``bindings`` substitute variables by typed terms.

        A bound variable must appear in the SELECT projection (Oxigraph follows
        SPARQL SEP-0007 substitution); it is left out of the result's columns.
        """
        subs: dict[ox.Variable, OxTerm | ox.Triple] = {
            ox.Variable(name.lstrip("?$")): to_ox(term) for name, term in bindings.items()
        }
        try:
            answer = self._ox.query(sparql, substitutions=subs or None)
            return _result(answer, hide={v.value for v in subs})
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {e}") from e
        except RuntimeError as e:
            raise QueryError(f"query failed: {e}") from e
        except OSError as e:
            raise StoreError(f"{self!r}: reading failed: {e}") from e

    def count_triples(self) -> int:
        with self._errors("counting"):
            return len(self._ox)

    def dataset(self) -> Iterator[Quad]:
        with self._errors("reading"):
            for q in self._ox:
                yield (
                    from_ox(q.subject),
                    from_ox(q.predicate),
                    from_ox(q.object),
                    graph_from_ox(q.graph_name),
                )

    def close(self) -> None:
        """Flush and release the directory (and its lock)."""
        if self._store is not None:
            store, self._store = self._store, None
            if not self.read_only:
                with self._errors("closing"):
                    store.flush()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _errors(self, doing: str) -> AbstractContextManager[None]:
        return _translate(f"{self!r}: {doing}")


@contextmanager
def _translate(doing: str) -> Iterator[None]:
    """Turn pyoxigraph's OSError/ValueError/RuntimeError into StoreError."""
    try:
        yield
    except (OSError, ValueError, RuntimeError) as e:
        raise StoreError(f"{doing} failed: {e}") from e


def _open(path: Path | None, *, read_only: bool) -> ox.Store:
    if path is None:
        return ox.Store()
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        if "lock" in str(e).lower():
            raise StoreError(
                f"store directory {path} is locked by another process "
                "(an `oxigraph serve` or another kg run?); stop it, or open the store read-only"
            ) from e
        raise StoreError(f"cannot open store directory {path}: {e}") from e


def _result(answer: object, *, hide: set[str]) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(["boolean"], [{"boolean": "true" if bool(answer) else "false"}])
    if not isinstance(answer, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries are supported")
    columns = [v.value for v in answer.variables if v.value not in hide]
    rows = [{c: _plain(sol[c]) for c in columns} for sol in answer]
    return QueryResult(columns, rows)


def _plain(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term.value
    return str(term)
