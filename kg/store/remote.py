"""A remote SPARQL 1.1 endpoint behind the Store protocol.

Queries go through SPARQLWrapper, parameters travelling as a ``VALUES`` block of
typed terms (``kg.store.bindings``).  Graphs are written with the Graph Store HTTP
Protocol when the endpoint has it (``PUT`` replaces a graph in one request, ``POST``
appends the next batch), else, or when the server turns the protocol down, with
SPARQL Update (``DROP SILENT GRAPH`` then ``INSERT DATA``, in batches of
``endpoint.update_batch`` triples; triples with blank nodes go together in one batch
so no blank node is split between requests).  Writes are idempotent, so a retried
request does no harm.

Only named graphs are kg's data here: ``count_triples`` and ``dataset`` leave out the
default graph (the union of all graphs on Virtuoso and GraphDB) and Virtuoso's own
system graphs.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier, Node

from kg.closing import Closing
from kg.errors import EndpointError, StoreError
from kg.rdf.namespaces import ONTOLOGY_GRAPH
from kg.store.base import NO_BINDINGS, LoadSummary, Quad, QueryResult, Triple
from kg.store.bindings import term_n3, with_values
from kg.store.convert import from_ox, quad_to_ox
from kg.store.endpoint import Auth, Dialect, Endpoint, get_password
from kg.store.files import read_quads, to_nquads, to_ntriples
from kg.store.http import Client
from kg.vocab import KG

__all__ = ["RemoteStore", "SYSTEM_GRAPH_PREFIXES"]

SYSTEM_GRAPH_PREFIXES: dict[Dialect, tuple[str, ...]] = {
    Dialect.VIRTUOSO: (
        "http://www.openlinksw.com/",  # virtrdf# quad maps, schemas
        "http://www.w3.org/ns/ldp#",
        "http://localuriqaserver/",
    ),
}
"""Graphs a server keeps for itself, left out of counts and dumps."""

# a Graph Store request the server turns down this way means "no Graph Store here"
_NO_GSP = frozenset({404, 405, 406, 415, 501})


class RemoteStore(Closing):
    """The store at a SPARQL endpoint (``Endpoint`` or a ``--store`` URL).

    ``password`` defaults to ``$KG_STORE_PASSWORD`` or a prompt, asked only when the
    endpoint has a user.
    """

    def __init__(
        self,
        endpoint: Endpoint | str,
        *,
        password: str | None = None,
        read_only: bool = False,
    ) -> None:
        self.endpoint = Endpoint.parse(endpoint) if isinstance(endpoint, str) else endpoint
        self.read_only = read_only
        needs_password = self.endpoint.user is not None and self.endpoint.auth is not Auth.NONE
        if password is None and needs_password:
            password = get_password(self.endpoint)
        self._client: Client | None = Client(self.endpoint, password)
        self._gsp = self.endpoint.gsp_url is not None

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint.name!r})"

    # ----------------------------------------------------------------- writing

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        name = ox.NamedNode(_iri(graph))
        quads = [quad_to_ox(s, p, o, name) for s, p, o in triples]
        self._writable()
        self._write_graph(graph, quads, replace=True)

    def delete_graph(self, graph: str) -> None:
        self._writable()
        self._http.update(f"DROP SILENT GRAPH {_n3(graph)}", what=f"deleting graph <{graph}>")

    def load_ontology(self, graph: Graph, iri: str = ONTOLOGY_GRAPH) -> None:
        self.replace_graph(iri, graph)

    def load_file(
        self, path: str | Path, *, fmt: str | None = None, graph: str | None = None
    ) -> LoadSummary:
        """Bulk-load an RDF file; each graph it names is replaced, not appended to."""
        self._writable()
        seen: set[str] = set()
        count = 0
        batch = max(self.endpoint.gsp_batch if self._gsp else self.endpoint.update_batch, 1)
        for chunk in read_quads(path, fmt=fmt, graph=graph, chunk_size=max(batch, 10_000)):
            count += len(chunk)
            if self._gsp and self.endpoint.dialect is Dialect.OXIGRAPH:
                self._oxigraph_bulk(chunk, seen)
                continue
            grouped = _by_graph(chunk)
            self._drop([name for name in grouped if name not in seen])  # one request
            seen.update(grouped)
            for name, quads in grouped.items():
                self._write_graph(name, quads, replace=False)
        return LoadSummary(count, len(seen))

    # ------------------------------------------ kg build's bulk path (ArticleStore)

    def content_hashes(self, graphs: Iterable[str]) -> dict[str, str]:
        """The ``kg:contentHash`` stored in each of ``graphs`` that has one, a few hundred
        graphs per query."""
        names = list(graphs)
        found: dict[str, str] = {}
        for i in range(0, len(names), 200):
            values = " ".join(_n3(g) for g in names[i : i + 200])
            sparql = (
                f"SELECT ?g ?hash WHERE {{ VALUES ?g {{ {values} }} "
                f"GRAPH ?g {{ ?article <{_CONTENT_HASH}> ?hash }} }}"
            )
            for row in self.query(sparql).rows:
                if row.get("g") and row.get("hash"):
                    found[str(row["g"])] = str(row["hash"])
        return found

    def replace_graphs(
        self,
        graphs: Collection[str],
        nquads: bytes | Path,
        *,
        commit: bytes = b"",
        lenient: bool = False,
    ) -> None:
        """Make ``graphs`` hold exactly their quads in ``nquads``, then add ``commit``.

        The graphs are written first (a Graph Store ``PUT`` each, or on Oxigraph one
        N-Quads ``POST`` for all), the ``commit`` quads (kg build: each article's content
        hash) only after them, so a graph that has its commit quads is complete.
        """
        self._writable()
        data = nquads.read_bytes() if isinstance(nquads, Path) else nquads
        quads = _parse_nquads(data, lenient=lenient)
        if self._gsp and self.endpoint.dialect is Dialect.OXIGRAPH:
            self._oxigraph_bulk(quads, set(), replace=list(graphs))
        else:
            grouped = _by_graph(quads)
            for graph in graphs:
                self._write_graph(graph, grouped.pop(graph, []), replace=True)
            for graph, rest in grouped.items():  # quads outside ``graphs``: added
                self._write_graph(graph, rest, replace=False)
        self._insert(_parse_nquads(commit, lenient=lenient), what="committing the graphs")

    def graph_nquads(self, graphs: Iterable[str]) -> bytes:
        """The quads of ``graphs`` as N-Quads."""
        quads = [
            quad_to_ox(s, p, o, ox.NamedNode(graph))
            for graph in graphs
            for s, p, o in self._graph_triples(graph)
        ]
        return to_nquads(quads)

    # ----------------------------------------------------------------- reading

    def query(self, sparql: str, bindings: Mapping[str, Identifier] = NO_BINDINGS) -> QueryResult:
        """Run a SELECT or ASK query; ``bindings`` go in as a ``VALUES`` block of typed terms.

        A bound variable must be in the SELECT projection and is left out of the
        result's columns, as on the embedded store.
        """
        hide = {name.lstrip("?$") for name in bindings}
        answer = self._http.select(with_values(sparql, bindings))
        if "boolean" in answer:
            return QueryResult(["boolean"], [{"boolean": "true" if answer["boolean"] else "false"}])
        columns = [v for v in answer.get("head", {}).get("vars", []) if v not in hide]
        rows = [
            {c: (cell["value"] if (cell := b.get(c)) is not None else None) for c in columns}
            for b in answer.get("results", {}).get("bindings", [])
        ]
        return QueryResult(columns, rows)

    def graphs(self) -> list[str]:
        """The named graphs holding triples, system graphs left out, sorted."""
        sparql = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._not_system()} }}"
        return sorted(str(g) for g in self.query(sparql).values("g") if g)

    def count_triples(self) -> int:
        """The number of triples in the named graphs (system graphs left out)."""
        sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._not_system()} }}"
        value = self.query(sparql).rows[0]["n"]
        return int(value or 0)

    def dataset(self) -> Iterator[Quad]:
        """Every quad of the named graphs (system graphs left out)."""
        if self._gsp and self.endpoint.dialect is Dialect.OXIGRAPH:
            yield from self._oxigraph_dataset()
            return
        virtuoso = self.endpoint.dialect is Dialect.VIRTUOSO
        for graph in self.graphs():
            name = URIRef(graph)
            for s, p, o in self._graph_triples(graph):
                yield (s, p, _standard_geometry(o) if virtuoso else o, name)

    # ---------------------------------------------------------------- plumbing

    def close(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            client.close()

    @property
    def _http(self) -> Client:
        if self._client is None:
            raise StoreError(f"{self!r} is closed")
        return self._client

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self!r} was opened read-only")

    def _not_system(self) -> str:
        prefixes = SYSTEM_GRAPH_PREFIXES.get(self.endpoint.dialect, ())
        tests = " && ".join(f'!STRSTARTS(STR(?g), "{p}")' for p in prefixes)
        return f"FILTER({tests})" if tests else ""

    def _write_graph(self, graph: str, quads: list[ox.Quad], *, replace: bool) -> None:
        if not quads and not replace:
            return
        if self._gsp:
            try:
                self._gsp_write(graph, quads, replace=replace)
                return
            except EndpointError as e:
                if e.status not in _NO_GSP:
                    raise
                self._gsp = False  # the server has no Graph Store here: SPARQL Update from now on
        self._update_write(graph, quads, replace=replace)

    def _gsp_write(self, graph: str, quads: list[ox.Quad], *, replace: bool) -> None:
        assert self.endpoint.gsp_url is not None
        size = self.endpoint.gsp_batch
        chunks = [quads[i : i + size] for i in range(0, len(quads), size)] or [[]]
        for n, chunk in enumerate(chunks):
            method = "PUT" if replace and n == 0 else "POST"
            self._http.request(
                method,
                self.endpoint.gsp_url,
                what=f"{'replacing' if method == 'PUT' else 'adding to'} graph <{graph}>",
                params={"graph": graph},
                data=to_ntriples(chunk),
                headers={"Content-Type": "text/turtle; charset=utf-8"},
            )

    def _update_write(self, graph: str, quads: list[ox.Quad], *, replace: bool) -> None:
        name = _n3(graph)
        plain = [q for q in quads if not _has_blank(q)]
        blank = [q for q in quads if _has_blank(q)]
        size = self.endpoint.update_batch
        batches = [plain[i : i + size] for i in range(0, len(plain), size)]
        if blank:
            batches.append(blank)  # one blank node must not be split between requests
        first = f"DROP SILENT GRAPH {name} ;\n" if replace else ""
        if not batches and first:
            self._http.update(first.rstrip(" ;\n"), what=f"replacing graph <{graph}>")
        for n, batch in enumerate(batches):
            # N-Triples lines, as pyoxigraph's serializer writes them, are SPARQL triples;
            # blank nodes go in an INSERT template (Virtuoso refuses them in INSERT DATA)
            data = to_ntriples(batch).decode("utf-8")
            if batch is blank:
                insert = f"INSERT {{ GRAPH {name} {{\n{data}}} }} WHERE {{ }}"
            else:
                insert = f"INSERT DATA {{ GRAPH {name} {{\n{data}}} }}"
            sparql = f"{first if n == 0 else ''}{insert}"
            self._http.update(sparql, what=f"writing graph <{graph}>")

    def _drop(self, graphs: list[str]) -> None:
        """Drop ``graphs``, a few hundred per SPARQL Update request."""
        for i in range(0, len(graphs), 500):
            part = graphs[i : i + 500]
            drops = " ;\n".join(f"DROP SILENT GRAPH {_n3(g)}" for g in part)
            self._http.update(drops, what=f"replacing {len(part)} graphs")

    def _insert(self, quads: list[ox.Quad], *, what: str) -> None:
        """Add quads of any graphs with ``INSERT DATA``, ``update_batch`` at a time (each
        request one transaction)."""
        size = self.endpoint.update_batch
        for i in range(0, len(quads), size):
            blocks = [
                f"GRAPH {_n3(graph)} {{\n{to_ntriples(part).decode('utf-8')}}}"
                for graph, part in _by_graph(quads[i : i + size]).items()
            ]
            self._http.update(f"INSERT DATA {{ {' '.join(blocks)} }}", what=what)

    def _oxigraph_bulk(
        self, chunk: list[ox.Quad], seen: set[str], *, replace: Iterable[str] = ()
    ) -> None:
        """Oxigraph's fast path: drop the chunk's new graphs (and ``replace``), then POST
        its N-Quads to ``/store?no_transaction`` (several times faster than a transaction)."""
        assert self.endpoint.gsp_url is not None
        named = dict.fromkeys([*replace, *(_graph_name(q) for q in chunk)])
        new = [g for g in named if g not in seen]
        self._drop(new)
        seen.update(new)
        if not chunk:
            return
        self._http.request(
            "POST",
            self.endpoint.gsp_url + "?no_transaction",
            what=f"loading {len(chunk)} quads",
            data=to_nquads(chunk),
            headers={"Content-Type": "application/n-quads"},
        )

    def _oxigraph_dataset(self) -> Iterator[Quad]:
        assert self.endpoint.gsp_url is not None
        response = self._http.request(
            "GET",
            self.endpoint.gsp_url,
            what="reading the dataset",
            headers={"Accept": "application/n-quads"},
        )
        for q in ox.parse(response.content, format=ox.RdfFormat.N_QUADS):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield (
                    from_ox(q.subject),
                    from_ox(q.predicate),
                    from_ox(q.object),
                    from_ox(q.graph_name),
                )

    def _graph_triples(self, graph: str) -> Iterator[Triple]:
        if self._gsp:
            assert self.endpoint.gsp_url is not None
            response = self._http.request(
                "GET",
                self.endpoint.gsp_url,
                what=f"reading graph <{graph}>",
                params={"graph": graph},
                headers={"Accept": "application/n-triples, text/turtle;q=0.9"},
                ok=lambda status: status < 300 or status in _NO_GSP,
            )
            if response.status_code < 300:
                media = response.headers.get("Content-Type", "text/turtle").split(";")[0]
                fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.TURTLE
                for q in ox.parse(response.content, format=fmt, base_iri=graph):
                    yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)
                return
        sparql = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
        answer = self._http.select(with_values(sparql, {"g": URIRef(graph)}))
        for b in answer.get("results", {}).get("bindings", []):
            yield _term(b["s"]), _term(b["p"]), _term(b["o"])


_CONTENT_HASH = str(KG.contentHash)  # the mark of an article stored whole (kg.runner)
_VIRTUOSO_GEOMETRY = URIRef("http://www.openlinksw.com/schemas/virtrdf#Geometry")
_WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")


def _standard_geometry(term: Node) -> Node:
    """Virtuoso stores a ``geosparql:wktLiteral`` as its own ``virtrdf:Geometry``, with
    single-precision coordinates (openlink/virtuoso-opensource#456, no way to turn it
    off): give the standard datatype back (the coordinates stay as Virtuoso rounded them)."""
    from rdflib import Literal

    if isinstance(term, Literal) and term.datatype == _VIRTUOSO_GEOMETRY:
        return Literal(str(term), datatype=_WKT)
    return term


def _by_graph(chunk: list[ox.Quad]) -> dict[str, list[ox.Quad]]:
    groups: dict[str, list[ox.Quad]] = {}
    for q in chunk:
        groups.setdefault(_graph_name(q), []).append(q)
    return groups


def _parse_nquads(data: bytes, *, lenient: bool) -> list[ox.Quad]:
    if not data:
        return []
    try:
        return list(ox.parse(data, format=ox.RdfFormat.N_QUADS, lenient=lenient))
    except SyntaxError as e:
        raise StoreError(f"not valid N-Quads: {e}") from None


def _graph_name(q: ox.Quad) -> str:
    """The IRI of a quad's graph (``read_quads`` puts every quad in a named graph)."""
    name = q.graph_name
    if not isinstance(name, ox.NamedNode):
        raise StoreError(f"not in a named graph: {q}")
    return name.value


def _has_blank(q: ox.Quad) -> bool:
    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)


def _iri(graph: str) -> str:
    _n3(graph)
    return graph


def _n3(graph: str) -> str:
    """A graph name in SPARQL syntax; StoreError for a name that is not an IRI."""
    try:
        return term_n3(URIRef(graph))
    except Exception:
        raise StoreError(f"not a graph IRI: {graph!r}") from None


def _term(cell: Mapping[str, str]) -> Identifier:
    """A SPARQL JSON results term as the rdflib term."""
    from rdflib import BNode, Literal

    kind, value = cell.get("type"), cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)
