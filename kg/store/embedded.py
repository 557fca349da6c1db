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

import io
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg.closing import Closing
from kg.errors import InputError, QueryError, StoreError
from kg.rdf.namespaces import KG, ONTOLOGY_GRAPH
from kg.store import bulk
from kg.store.base import NO_BINDINGS, LoadSummary, Quad, QueryResult, Triple
from kg.store.convert import OxTerm, from_ox, graph_from_ox, graph_to_ox, quad_to_ox, to_ox
from kg.store.files import BLANK_GRAPH, NO_GRAPH, readable_format, scan_file, to_ntriples

__all__ = ["EmbeddedStore"]

_NQUADS = ox.RdfFormat.N_QUADS
_CONTENT_HASH = ox.NamedNode(str(KG.contentHash))


class EmbeddedStore(Closing):
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
        """Make ``graph`` hold exactly ``triples``, in one transaction.

        pyoxigraph runs one SPARQL Update request as one transaction, and its Python
        API has no other way to group a clear and an add, so the replacement is one
        request, ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``: a crash
        leaves either the old graph or the new one.  The triples are written by
        pyoxigraph's N-Triples serializer from terms converted (and checked) first, so
        the request holds RDF terms, never text pasted in; a bad term leaves the old
        graph in place.
        """
        name = graph_to_ox(graph)
        if not isinstance(name, ox.NamedNode):
            raise StoreError(f"not a graph IRI: {graph!r}")
        quads = [quad_to_ox(s, p, o, name) for s, p, o in triples]
        data = to_ntriples(quads).decode("utf-8")
        update = f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{data}}} }}"
        with self._errors(f"replacing graph <{graph}>"):
            try:
                self._ox.update(update)
            except SyntaxError as e:  # cannot happen for serialized terms; say so if it does
                raise StoreError(f"{self!r}: replacing graph <{graph}>: {e}") from e

    def load_file(
        self, path: str | Path, *, fmt: str | None = None, graph: str | None = None
    ) -> LoadSummary:
        """Bulk-load an RDF file, replacing each graph it names (see ``Store.load_file``).

        The file is read twice: first for the graphs it names, which are cleared, then
        by pyoxigraph's bulk loader (no transaction; N-Quads and N-Triples in parts on
        every core, ``kg.store.bulk``).  Into a store without named graphs (a first
        load) there is nothing to clear, and the file is read once.  A file that fails
        part-way is part-loaded.
        """
        path = Path(path)
        if not self._has_named_graphs():
            return self._first_load(path, fmt=fmt, graph=graph)
        scan = scan_file(path, fmt=fmt, graph=graph)
        with self._errors(f"loading {path}"):
            self._clear(scan.graphs)
            self._bulk_load_file(path, scan.format, graph)
        return LoadSummary(scan.quads, len(scan.graphs))

    def _bulk_load_file(self, path: Path, rdf: ox.RdfFormat, graph: str | None) -> None:
        try:
            bulk.load(
                self._ox,
                path,
                format=rdf,
                to_graph=ox.NamedNode(graph) if graph is not None else None,
                base_iri=path.resolve().as_uri(),
            )
        except SyntaxError as e:
            raise InputError(path, f"not valid {rdf.name}: {e}") from None

    def _has_named_graphs(self) -> bool:
        with self._errors("listing graphs"):
            return next(iter(self._ox.named_graphs()), None) is not None

    def _first_load(self, path: Path, *, fmt: str | None, graph: str | None) -> LoadSummary:
        """``load_file`` into a store that has no named graph: loaded, then checked
        (what does not belong in kg's store, triples outside a named graph or in a
        blank-node graph, is taken out again and reported)."""
        rdf = readable_format(path, fmt)
        default = ox.DefaultGraph()
        with self._errors(f"loading {path}"):
            before = len(self._ox)
            self._bulk_load_file(path, rdf, graph)
            names = list(self._ox.named_graphs())
            blank = [g for g in names if isinstance(g, ox.BlankNode)]
            for name in blank:
                self._ox.remove_graph(name)
            outside = next(self._ox.quads_for_pattern(None, None, None, default), None)
            if outside is not None and before == 0:
                self._ox.clear_graph(default)
            quads = len(self._ox) - before
        if blank:
            raise InputError(path, BLANK_GRAPH)
        if outside is not None and before == 0:
            raise InputError(path, NO_GRAPH)
        return LoadSummary(quads, len(names))

    def graphs(self) -> list[str]:
        with self._errors("listing graphs"):
            return sorted(
                g.value
                for g in self._ox.named_graphs()
                if isinstance(g, ox.NamedNode)
                and next(self._ox.quads_for_pattern(None, None, None, g), None) is not None
            )

    def bulk_extend(self, quads: Iterable[Quad]) -> None:
        """Stream many quads in without a transaction (for big initial loads)."""
        with self._errors("bulk loading"):
            self._ox.bulk_extend(quad_to_ox(s, p, o, graph_to_ox(g)) for s, p, o, g in quads)

    # ----------------------------------------- many articles at once (ArticleStore)

    def content_hashes(self, graphs: Iterable[str]) -> dict[str, str]:
        """The ``kg:contentHash`` stored in each of ``graphs`` that has one (an index lookup)."""
        found: dict[str, str] = {}
        with self._errors("reading content hashes"):
            for graph in graphs:
                pattern = self._ox.quads_for_pattern(None, _CONTENT_HASH, None, ox.NamedNode(graph))
                quad = next(pattern, None)
                if quad is not None and isinstance(quad.object, ox.Literal):
                    found[graph] = quad.object.value
        return found

    def replace_graphs(
        self,
        graphs: Collection[str],
        nquads: bytes | Path,
        *,
        commit: bytes = b"",
        lenient: bool = False,
    ) -> None:
        """Clear ``graphs``, bulk-load ``nquads`` (pyoxigraph's bulk loader, no
        transaction, in parts on every core when big: ``kg.store.bulk``), then add
        ``commit`` in one transaction (``ArticleStore``)."""
        with self._errors(f"replacing {len(graphs)} graphs"):
            self._clear(graphs)
            try:
                if isinstance(nquads, Path) or nquads:
                    bulk.load(self._ox, nquads, format=_NQUADS, lenient=lenient)
                if commit:
                    self._ox.load(input=commit, format=_NQUADS)
            except SyntaxError as e:
                raise StoreError(f"{self!r}: not valid N-Quads: {e}") from e

    def graph_nquads(self, graphs: Iterable[str]) -> bytes:
        """The quads of ``graphs`` as N-Quads."""
        out = io.BytesIO()
        with self._errors("reading graphs"):
            for graph in graphs:
                quads = self._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))
                ox.serialize(quads, out, _NQUADS)
        return out.getvalue()

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
        """The number of triples in the named graphs."""
        with self._errors("counting"):
            default = self._ox.quads_for_pattern(None, None, None, ox.DefaultGraph())
            return len(self._ox) - sum(1 for _ in default)

    def dataset(self) -> Iterator[Quad]:
        """Every quad of the named graphs."""
        with self._errors("reading"):
            for q in self._ox:
                if isinstance(q.graph_name, ox.DefaultGraph):
                    continue
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

    def _clear(self, graphs: Iterable[str]) -> None:
        for graph in graphs:
            name = ox.NamedNode(graph)
            if self._ox.contains_named_graph(name):
                self._ox.clear_graph(name)

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
