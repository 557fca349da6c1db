"""kg.store: the embedded pyoxigraph store behind the Store protocol."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib.namespace as ns
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, SKOS

from kg.errors import QueryError, StoreError
from kg.rdf import ONTOLOGY_GRAPH, extraction_to_graph, graph_iri
from kg.records import Article, Attack, Equipment, Extraction, Participant, Quantity, Span
from kg.store import EmbeddedStore, Store, open_store
from tests.store.samples import EX, G1, G2
from tests.store.samples import graph_of as _graph_of
from tests.store.samples import triples as _triples


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "store") as s:
        yield s


def test_is_a_store() -> None:
    with EmbeddedStore() as s:
        assert isinstance(s, Store)


def test_replace_graph_twice_changes_nothing(store: EmbeddedStore) -> None:
    store.replace_graph(G1, _triples(3))
    store.replace_graph(G2, _triples(2, "b"))
    assert store.count_triples() == 10
    store.replace_graph(G1, _triples(3))
    assert store.count_triples() == 10
    assert isomorphic(_graph_of(store, G1), _triples(3))


def test_replace_graph_replaces_only_that_graph(store: EmbeddedStore) -> None:
    store.replace_graph(G1, _triples(3))
    store.replace_graph(G2, _triples(2, "b"))
    store.replace_graph(G1, _triples(1, "c"))
    assert isomorphic(_graph_of(store, G1), _triples(1, "c"))
    assert isomorphic(_graph_of(store, G2), _triples(2, "b"))


def test_delete_graph(store: EmbeddedStore) -> None:
    store.replace_graph(G1, _triples(3))
    store.replace_graph(G2, _triples(2, "b"))
    store.delete_graph(G1)
    store.delete_graph(EX + "never-loaded")
    assert store.count_triples() == 4
    assert {q[3] for q in store.dataset()} == {URIRef(G2)}


def test_terms_come_back_as_they_went_in(store: EmbeddedStore) -> None:
    g = Graph()
    s = URIRef(EX + "s")
    g.add((s, RDFS.label, Literal("Idlib")))
    g.add((s, RDFS.label, Literal("Idleb", lang="fr")))
    g.add((s, URIRef(EX + "date"), Literal("2020-01-22", datatype=ns.XSD.date)))
    g.add((s, URIRef(EX + "count"), Literal(20)))
    g.add((s, URIRef(EX + "url"), Literal("https://example.org/a", datatype=ns.XSD.anyURI)))
    g.add((s, URIRef(EX + "n"), BNode("b0")))
    store.replace_graph(G1, g)
    assert isomorphic(_graph_of(store, G1), g)


def test_oxigraph_keeps_only_primitive_numeric_datatypes(store: EmbeddedStore) -> None:
    """Why docs/MODEL.md writes counts as xsd:integer, not xsd:nonNegativeInteger."""
    s, p = URIRef(EX + "s"), URIRef(EX + "count")
    store.replace_graph(G1, [(s, p, Literal(20, datatype=ns.XSD.nonNegativeInteger))])
    ((_, _, o, _),) = store.dataset()
    assert o == Literal(20, datatype=ns.XSD.integer)


def test_data_survives_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with EmbeddedStore(path) as s:
        s.replace_graph(G1, _triples(3))
        s.load_ontology(_triples(2, "onto"))
    with open_store(path) as s:
        assert s.count_triples() == 10
        assert isomorphic(_graph_of(s, G1), _triples(3))
        assert isomorphic(_graph_of(s, ONTOLOGY_GRAPH), _triples(2, "onto"))


def test_bulk_extend(store: EmbeddedStore) -> None:
    quads = [(s, p, o, URIRef(G1)) for s, p, o in _triples(50)]
    store.bulk_extend(quads)
    assert store.count_triples() == 100


def test_query_binds_typed_terms(store: EmbeddedStore) -> None:
    store.replace_graph(G1, _triples(5))
    sparql = (
        "SELECT ?min ?s ?v WHERE { GRAPH ?g { ?s <http://example.org/value> ?v } "
        "FILTER(?v >= ?min) } ORDER BY ?v"
    )
    result = store.query(sparql, {"min": Literal(3)})
    assert result.columns == ["s", "v"]  # the bound variable is not a result column
    assert result.rows == [{"s": EX + "a/3", "v": "3"}, {"s": EX + "a/4", "v": "4"}]
    assert store.query(sparql, {"min": Literal("3")}).rows == []  # a string is not a number


def test_ask_and_unbound_values(store: EmbeddedStore) -> None:
    assert store.query("ASK { }").rows == [{"boolean": "true"}]
    result = store.query("SELECT ?x ?y WHERE { BIND(1 AS ?x) }")
    assert result.rows == [{"x": "1", "y": None}]


def test_bad_sparql_is_a_query_error(store: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match="syntax"):
        store.query("SELEC ?x")


def test_closed_store_refuses_work(tmp_path: Path) -> None:
    s = EmbeddedStore(tmp_path / "store")
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.count_triples()


def test_store_locked_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "store"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="locked by another process") as err:
            EmbeddedStore(path)
        assert str(path) in str(err.value)
        with EmbeddedStore(path, read_only=True) as reader:  # reading alongside works
            assert reader.count_triples() == 0
    finally:
        holder.kill()
        holder.wait()
    with EmbeddedStore(path) as s:  # and the lock goes with the holder
        assert s.count_triples() == 0


_HOLD_LOCK = (
    "import sys, time, pyoxigraph\n"
    "store = pyoxigraph.Store(sys.argv[1])\n"
    "print('ready', flush=True)\n"
    "time.sleep(60)\n"
)


def test_store_open_twice_in_one_process(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store"), pytest.raises(StoreError, match="locked"):
        EmbeddedStore(tmp_path / "store")


def test_urls_open_remote_stores_and_directories_embedded_ones(tmp_path: Path) -> None:
    from kg.store import RemoteStore

    for url in ("http://127.0.0.1:7878/query", "oxigraph+http://127.0.0.1:7878"):
        with open_store(url, read_only=True) as remote:  # nothing is asked of it yet
            assert isinstance(remote, RemoteStore)
    (tmp_path / "http:").mkdir()
    with open_store(tmp_path / "http:" / "store") as local:  # a directory, whatever its name
        assert isinstance(local, EmbeddedStore)


def test_replace_graph_is_one_transaction(store: EmbeddedStore) -> None:
    """A graph with a term pyoxigraph refuses is not written, and the old one stays."""
    store.replace_graph(G1, _triples(3))
    bad = [*_triples(2, "new"), (URIRef(EX + "s"), URIRef("not an IRI"), Literal(1))]
    with pytest.raises((StoreError, ValueError)):
        store.replace_graph(G1, bad)
    assert isomorphic(_graph_of(store, G1), _triples(3))


def test_odd_literals_survive_replace_graph(store: EmbeddedStore) -> None:
    g = Graph()
    s = URIRef(EX + "s")
    for text in ['say "hi" }} ;', "back\\slash", "two\nlines\r\tand tab", "Ṭahrīr 😀", "'''", ""]:
        g.add((s, RDFS.label, Literal(text)))
    g.add((s, URIRef(EX + "b"), BNode()))
    store.replace_graph(G1, g)
    assert isomorphic(_graph_of(store, G1), g)


def test_load_file_replaces_the_graphs_it_names(store: EmbeddedStore, tmp_path: Path) -> None:
    from kg.rdf import write_dataset

    old, new = tmp_path / "old.trig", tmp_path / "new.nq"
    write_dataset([(G1, _triples(4)), (G2, _triples(3, "b"))], old)
    write_dataset([(G1, _triples(1, "c"))], new)
    summary = store.load_file(old)
    assert (summary.quads, summary.graphs) == (14, 2)
    store.load_file(old)
    assert store.count_triples() == 14
    store.load_file(new)
    assert isomorphic(_graph_of(store, G1), _triples(1, "c"))
    assert store.graphs() == [G1, G2]


def test_load_file_puts_plain_triples_in_the_graph_given(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    from kg.errors import InputError

    path = tmp_path / "plain.ttl"
    _triples(2).serialize(path, format="turtle")
    with pytest.raises(InputError, match="--graph"):
        store.load_file(path)
    store.load_file(path, graph=G2)
    assert isomorphic(_graph_of(store, G2), _triples(2))


def test_load_ontology_replaces_the_ontology_graph(store: EmbeddedStore) -> None:
    onto = Graph()
    onto.add((URIRef(EX + "x"), SKOS.prefLabel, Literal("X", lang="en")))
    store.load_ontology(_triples(4, "old"))
    store.load_ontology(onto)
    assert store.count_triples() == 1
    assert isomorphic(_graph_of(store, ONTOLOGY_GRAPH), onto)


def test_an_article_graph_reads_back_unchanged(store: EmbeddedStore) -> None:
    text = "Up to 200 militants attacked with 20 pickup trucks."
    article = Article(id="a1", text=text, date=dt.date(2020, 1, 23), url="https://example.org/a1")
    trucks = Equipment("PickupTruck", "pickup trucks", 20, Span(34, 50, text[34:50]))
    attackers = (
        Participant(
            "militants", Span(0, 19, text[:19]), strength=Quantity(200), equipment=(trucks,)
        ),
    )
    attack = Attack("1", (Span(0, 51, text),), attackers=attackers)
    graph = extraction_to_graph(Extraction(article, (attack,)))
    store.replace_graph(str(graph_iri("a1")), graph)
    assert isomorphic(_graph_of(store, str(graph_iri("a1"))), graph)
