"""kg.store.remote: the Store protocol on real SPARQL endpoints (Oxigraph, Virtuoso),
written through the Graph Store Protocol and through SPARQL Update."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import rdflib.namespace as ns
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from store_servers import VIRTUOSO_PASSWORD, Server, empty, free_port

from kg.errors import ConfigError, EndpointError, InputError, QueryError, StoreError
from kg.rdf import ONTOLOGY_GRAPH
from kg.store import RemoteStore, Store, open_store
from tests.store.samples import EX, G1, G2
from tests.store.samples import graph_of as _graph_of
from tests.store.samples import triples as _triples

pytestmark = pytest.mark.server


def _odd_graph() -> Graph:
    """Terms that trip serializers: quotes, backslashes, newlines, non-BMP characters,
    language tags, typed literals, blank nodes (one in a chain, so it must not split)."""
    g = Graph()
    s = URIRef(EX + "s")
    for text in [
        'say "hi"',
        "back\\slash",
        "two\nlines\r\tand tab",
        "Ṭahrīr 😀 ميليشيا",
        "'''",
        "",
    ]:
        g.add((s, RDFS.label, Literal(text)))
    g.add((s, RDFS.label, Literal("Idleb", lang="fr")))
    g.add((s, URIRef(EX + "date"), Literal("2020-01-22", datatype=ns.XSD.date)))
    g.add((s, URIRef(EX + "count"), Literal(20)))
    g.add((s, URIRef(EX + "confidence"), Literal("0.75", datatype=ns.XSD.decimal)))
    g.add((s, URIRef(EX + "url"), Literal("https://example.org/a?b=1&c", datatype=ns.XSD.anyURI)))
    chain, rest = BNode(), BNode()
    g.add((s, OWL.unionOf, chain))
    g.add((chain, RDF.first, URIRef(EX + "A")))
    g.add((chain, RDF.rest, rest))
    g.add((rest, RDF.first, URIRef(EX + "B")))
    g.add((rest, RDF.rest, RDF.nil))
    return g


# ----------------------------------------------------------- the protocol, on each store


def test_is_a_store(remote: RemoteStore) -> None:
    assert isinstance(remote, Store)


def test_replace_graph_twice_changes_nothing(remote: RemoteStore) -> None:
    remote.replace_graph(G1, _triples(5))
    remote.replace_graph(G2, _triples(2, "b"))
    assert remote.count_triples() == 14
    remote.replace_graph(G1, _triples(5))
    assert remote.count_triples() == 14
    assert isomorphic(_graph_of(remote, G1), _triples(5))
    assert remote.graphs() == [G1, G2]


def test_replace_graph_replaces_only_that_graph(remote: RemoteStore) -> None:
    remote.replace_graph(G1, _triples(3))
    remote.replace_graph(G2, _triples(2, "b"))
    remote.replace_graph(G1, _triples(1, "c"))
    assert isomorphic(_graph_of(remote, G1), _triples(1, "c"))
    assert isomorphic(_graph_of(remote, G2), _triples(2, "b"))


def test_replace_with_nothing_empties_the_graph(remote: RemoteStore) -> None:
    remote.replace_graph(G1, _triples(3))
    remote.replace_graph(G1, [])
    assert remote.count_triples() == 0


def test_delete_graph(remote: RemoteStore) -> None:
    remote.replace_graph(G1, _triples(3))
    remote.replace_graph(G2, _triples(2, "b"))
    remote.delete_graph(G1)
    remote.delete_graph(EX + "never-loaded")
    assert remote.count_triples() == 4
    assert {q[3] for q in remote.dataset()} == {URIRef(G2)}


def test_terms_come_back_as_they_went_in(remote: RemoteStore) -> None:
    remote.replace_graph(G1, _odd_graph())
    assert isomorphic(_graph_of(remote, G1), _odd_graph())


def test_load_ontology_replaces_the_ontology_graph(remote: RemoteStore) -> None:
    onto = Graph()
    onto.add((URIRef(EX + "x"), SKOS.prefLabel, Literal("X", lang="en")))
    remote.load_ontology(_triples(4, "old"))
    remote.load_ontology(onto)
    assert remote.count_triples() == 1
    assert isomorphic(_graph_of(remote, ONTOLOGY_GRAPH), onto)


def test_query_binds_typed_terms(remote: RemoteStore) -> None:
    remote.replace_graph(G1, _triples(5))
    sparql = (
        "SELECT ?min ?s ?v WHERE { GRAPH ?g { ?s <http://example.org/value> ?v } "
        "FILTER(?v >= ?min) } ORDER BY ?v"
    )
    result = remote.query(sparql, {"min": Literal(3)})
    assert result.columns == ["s", "v"]  # the bound variable is not a result column
    assert result.rows == [{"s": EX + "a/3", "v": "3"}, {"s": EX + "a/4", "v": "4"}]
    assert remote.query(sparql, {"min": Literal("3")}).rows == []  # a string is not a number


def test_a_bound_value_is_one_term_whatever_it_holds(remote: RemoteStore) -> None:
    remote.replace_graph(G1, _odd_graph())
    sparql = "SELECT ?text ?s WHERE { GRAPH ?g { ?s ?p ?text } }"
    for text in ['say "hi"', "back\\slash", "two\nlines\r\tand tab", "Ṭahrīr 😀 ميليشيا", "'''"]:
        assert remote.query(sparql, {"text": Literal(text)}).rows == [{"s": EX + "s"}], text
    injection = Literal('x" } } DROP ALL ; SELECT * { { "')
    assert remote.query(sparql, {"text": injection}).rows == []
    assert remote.count_triples() == len(_odd_graph())


def test_ask_and_unbound_values(remote: RemoteStore) -> None:
    assert remote.query("ASK { }").rows == [{"boolean": "true"}]
    result = remote.query("SELECT ?x ?y WHERE { BIND(1 AS ?x) }")
    assert result.rows == [{"x": "1", "y": None}]


def test_bad_sparql_is_a_query_error(remote: RemoteStore) -> None:
    with pytest.raises(QueryError, match="rejected the query"):
        remote.query("SELEC ?x WHERE { ?x ?y ?z }")


def test_load_file_replaces_the_graphs_it_names(remote: RemoteStore, tmp_path: Path) -> None:
    old, new = tmp_path / "old.trig", tmp_path / "new.nq"
    _write(old, [(G1, _triples(4)), (G2, _triples(3, "b"))], "trig")
    _write(new, [(G1, _triples(1, "c"))], "nquads")
    assert remote.load_file(old).quads == 14
    assert remote.load_file(old).graphs == 2
    assert remote.count_triples() == 14  # loading the same file twice changes nothing
    remote.load_file(new)
    assert isomorphic(_graph_of(remote, G1), _triples(1, "c"))
    assert isomorphic(_graph_of(remote, G2), _triples(3, "b"))


def test_load_file_with_blank_nodes_and_odd_literals(remote: RemoteStore, tmp_path: Path) -> None:
    path = tmp_path / "odd.trig"
    _write(path, [(G1, _odd_graph())], "trig")
    remote.load_file(path)
    assert isomorphic(_graph_of(remote, G1), _odd_graph())


def test_turtle_needs_a_graph(remote: RemoteStore, tmp_path: Path) -> None:
    path = tmp_path / "plain.ttl"
    _triples(2).serialize(path, format="turtle")
    with pytest.raises(InputError, match="--graph"):
        remote.load_file(path)
    remote.load_file(path, graph=G2)
    assert isomorphic(_graph_of(remote, G2), _triples(2))


def test_a_broken_file_is_an_input_error(remote: RemoteStore, tmp_path: Path) -> None:
    path = tmp_path / "broken.nq"
    path.write_text('<http://a> <http://b> "c" <http://g> .\n<http://a> <http://b> "unterminated\n')
    with pytest.raises(InputError, match=r"broken\.nq"):
        remote.load_file(path)


def test_read_only_refuses_writes(oxigraph_server: Server) -> None:
    with open_store(oxigraph_server.location, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.replace_graph(G1, _triples(1))
        assert store.query("ASK {}").rows == [{"boolean": "true"}]


def test_closed_store_refuses_work(oxigraph_server: Server) -> None:
    store = RemoteStore(oxigraph_server.location)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count_triples()


# ------------------------------------------------------------------- Virtuoso specifics


def test_virtuoso_system_graphs_are_not_kg_data(virtuoso_server: Server) -> None:
    with RemoteStore(virtuoso_server.extra["anonymous"]) as store:
        everything = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert int(everything.rows[0]["n"] or 0) > 1000  # virtrdf# and friends
        assert all(not g.startswith("http://www.openlinksw.com/") for g in store.graphs())


def test_virtuoso_without_gsp_falls_back_to_sparql_update(virtuoso_server: Server) -> None:
    location = virtuoso_server.location + "#gsp=/no-graph-store-here"
    with empty(RemoteStore(location, password=VIRTUOSO_PASSWORD)) as store:
        store.replace_graph(G1, _odd_graph())
        assert isomorphic(_graph_of(store, G1), _odd_graph())


def test_virtuoso_reads_anonymously_and_refuses_anonymous_writes(
    virtuoso_server: Server,
) -> None:
    with RemoteStore(virtuoso_server.extra["anonymous"]) as store:
        assert store.query("ASK {}").rows == [{"boolean": "true"}]
        with pytest.raises(EndpointError, match="it wants a user") as err:
            store.replace_graph(G1, _triples(1))
    assert err.value.status in (401, 403)


# ------------------------------------------------------------------------------ errors


def test_wrong_password_is_one_clear_line(virtuoso_server: Server) -> None:
    with RemoteStore(virtuoso_server.location, password="not-the-password") as store:
        with pytest.raises(EndpointError) as err:
            store.replace_graph(G1, _triples(1))
        message = str(err.value)
        assert "refused user 'dba' (HTTP 401 Unauthorized): wrong password?" in message
        assert virtuoso_server.base in message
        assert "not-the-password" not in message
        assert "\n" not in message
        with pytest.raises(EndpointError, match="refused user 'dba'") as err:
            store.query("ASK {}")
        assert "not-the-password" not in str(err.value)


def test_basic_auth_where_digest_is_wanted_is_refused(virtuoso_server: Server) -> None:
    location = virtuoso_server.location + "#auth=basic"
    with (
        RemoteStore(location, password=VIRTUOSO_PASSWORD) as store,
        pytest.raises(EndpointError, match=r"basic authentication"),
    ):
        store.delete_graph(G1)


def test_unreachable_endpoint_is_one_clear_line() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    started = time.monotonic()
    with RemoteStore(f"oxigraph+{url}") as store, pytest.raises(EndpointError) as err:
        store.count_triples()
    assert str(err.value) == f"SPARQL endpoint {url}/query: unreachable (connection refused)"
    assert time.monotonic() - started < 10  # three retries with backoff, then the error


def test_no_password_and_no_terminal(
    oxigraph_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KG_STORE_PASSWORD", raising=False)
    location = oxigraph_server.location.replace("://", "://someone@")
    with pytest.raises(ConfigError, match=r"no password for user 'someone'.*KG_STORE_PASSWORD"):
        RemoteStore(location)  # pytest's stdin is not a terminal: no prompt
    monkeypatch.setenv("KG_STORE_PASSWORD", "secret")
    RemoteStore(location).close()


def _write(path: Path, graphs: list[tuple[str, Graph]], fmt: str) -> None:
    from kg.rdf import write_dataset

    write_dataset(graphs, path, fmt=fmt)


# ------------------------------------------------- kg build's bulk path (ArticleStore)


def test_is_an_article_store(remote: RemoteStore) -> None:
    from kg.store.base import ArticleStore

    assert isinstance(remote, ArticleStore)


def test_replace_graphs_then_commit_marks(remote: RemoteStore) -> None:
    from kg.vocab import KG

    remote.replace_graph(G1, _triples(5, "old"))
    data = _nquads(G1, _triples(2)) + _nquads(G2, _odd_graph())
    mark = f'<{EX}a/0> <{KG.contentHash}> "h1" <{G1}> .\n<{EX}s> <{KG.contentHash}> "h2" <{G2}> .\n'
    remote.replace_graphs([G1, G2, EX + "graph/empty"], data, commit=mark.encode())
    expected = _triples(2)
    expected.add((URIRef(EX + "a/0"), KG.contentHash, Literal("h1")))
    assert isomorphic(_graph_of(remote, G1), expected)
    assert remote.content_hashes([G1, G2, EX + "graph/none"]) == {G1: "h1", G2: "h2"}
    back = Dataset()
    back.parse(data=remote.graph_nquads([G2]).decode(), format="nquads")
    assert len(list(back.quads((None, None, None, None)))) == len(_odd_graph()) + 1


def _nquads(graph: str, triples: Graph) -> bytes:
    import pyoxigraph as ox

    from kg.store.convert import quad_to_ox
    from kg.store.files import to_nquads

    return to_nquads([quad_to_ox(s, p, o, ox.NamedNode(graph)) for s, p, o in triples])
