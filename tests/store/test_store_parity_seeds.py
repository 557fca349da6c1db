"""The seed articles built into three stores (embedded, Oxigraph server, Virtuoso) by
``kg build``'s pipeline: building twice changes nothing, the stores hold the same
graphs, and every stored query gives the same rows on all three."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from parity import Call, answers, comparable, stored_calls
from rdflib import Graph
from rdflib.compare import isomorphic
from store_servers import VIRTUOSO_PASSWORD, Server, empty

from kg.pipeline import build
from kg.store import EmbeddedStore, RemoteStore, Store
from tests.shared import REPO

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def seed_stores(
    tmp_path_factory: pytest.TempPathFactory, oxigraph_server: Server, virtuoso_server: Server
) -> Iterator[dict[str, Store]]:
    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    directory = tmp_path_factory.mktemp("seeds") / "store"
    locations = {
        "embedded": str(directory),
        "oxigraph": oxigraph_server.location,
        "virtuoso": virtuoso_server.location,
    }
    for store in _remote(oxigraph_server, virtuoso_server).values():
        with store:
            empty(store)
    counts: dict[str, list[int]] = {}
    for name, location in locations.items():
        for _ in range(2):  # building twice must leave the same triples
            errors: list[Exception] = []
            with pytest.MonkeyPatch.context() as env:
                env.setenv("KG_STORE_PASSWORD", VIRTUOSO_PASSWORD)
                summary = build(
                    [REPO / "seeds"], store_dir=location, on_error=errors.append, nlp=nlp
                )
            done = summary.articles + getattr(summary, "unchanged", 0)  # a rerun may skip them
            assert errors == [], (name, errors)
            assert done == 2, name
            with _open(name, location) as store:
                counts.setdefault(name, []).append(store.count_triples())
    assert all(a == b for a, b in counts.values()), counts
    stores = {"embedded": EmbeddedStore(directory, read_only=True)}
    stores |= _remote(oxigraph_server, virtuoso_server)
    yield stores
    for store in stores.values():
        store.close()


def test_building_twice_leaves_the_same_triples_everywhere(seed_stores: dict[str, Store]) -> None:
    counts = {name: store.count_triples() for name, store in seed_stores.items()}
    assert len(set(counts.values())) == 1, counts
    assert counts["embedded"] > 1000  # the ontology and two articles


def test_the_stores_hold_the_same_graphs(seed_stores: dict[str, Store]) -> None:
    graphs = {name: _graphs(store) for name, store in seed_stores.items()}
    reference = graphs.pop("embedded")
    for name, theirs in graphs.items():
        assert theirs.keys() == reference.keys(), name
        for iri, graph in reference.items():
            assert isomorphic(theirs[iri], graph), (name, iri, set(theirs[iri]) ^ set(graph))


@pytest.mark.parametrize("call", stored_calls(), ids=lambda c: c.label)
def test_every_stored_query_answers_the_same(seed_stores: dict[str, Store], call: Call) -> None:
    expected = answers(call, seed_stores["embedded"])
    for name in ("oxigraph", "virtuoso"):
        got = answers(call, seed_stores[name])
        assert got == expected, f"{call.label} on {name}: {_difference(expected, got)}"


def _remote(oxigraph: Server, virtuoso: Server) -> dict[str, Store]:
    return {
        "oxigraph": RemoteStore(oxigraph.location),
        "virtuoso": RemoteStore(virtuoso.location, password=VIRTUOSO_PASSWORD),
    }


def _open(name: str, location: str) -> Store:
    if name == "embedded":
        return EmbeddedStore(Path(location), read_only=True)
    return RemoteStore(location, password=VIRTUOSO_PASSWORD if name == "virtuoso" else None)


def _graphs(store: Store) -> dict[str, Graph]:
    graphs: dict[str, Graph] = {}
    for s, p, o, g in store.dataset():
        graphs.setdefault(str(g), Graph()).add((s, p, o))
    return {iri: comparable(graph) for iri, graph in graphs.items()}


def _difference(expected: object, got: object) -> str:
    from collections import Counter

    assert isinstance(expected, Counter)
    assert isinstance(got, Counter)
    missing, extra = list((expected - got).elements()), list((got - expected).elements())
    return f"{len(missing)} rows missing, e.g. {missing[:1]}; {len(extra)} extra, e.g. {extra[:1]}"
