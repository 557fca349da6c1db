"""A generated graph of over 100,000 triples (``generate.py``) bulk-loaded into three
stores (embedded, Oxigraph server, Virtuoso) as ``kg load`` does it: loading twice
changes nothing, and every stored query gives the same rows on all three."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator

import pytest
from generate import corpus, write_corpus
from parity import Call, answers, stored_calls
from store_servers import VIRTUOSO_PASSWORD, Server, empty, start_virtuoso

from kg.ontology import load_ontology
from kg.store import EmbeddedStore, RemoteStore, Store

pytestmark = pytest.mark.server

ARTICLES = 210  # about 500 triples each


@pytest.fixture(scope="module")
def fresh_virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A Virtuoso of its own: one that answered queries on other data keeps statistics
    and plans that make some of these queries a hundred times slower, until restarted
    (openlink/virtuoso-opensource#1023; README.md, Virtuoso)."""
    try:
        server = start_virtuoso(tmp_path_factory.mktemp("virtuoso-generated"))
    except RuntimeError as e:
        pytest.fail(f"cannot start Virtuoso: {e}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def loaded(
    tmp_path_factory: pytest.TempPathFactory, oxigraph_server: Server, fresh_virtuoso: Server
) -> Iterator[dict[str, Store]]:
    root = tmp_path_factory.mktemp("generated")
    data = root / "corpus.nq"
    quads = write_corpus(data, corpus(ARTICLES))
    assert quads >= 100_000
    stores: dict[str, Store] = {
        "embedded": EmbeddedStore(root / "store"),
        "oxigraph": empty(RemoteStore(oxigraph_server.location)),
        "virtuoso": RemoteStore(fresh_virtuoso.location, password=VIRTUOSO_PASSWORD),
    }
    ontology = load_ontology()
    for name, store in stores.items():
        started = time.monotonic()
        store.load_ontology(ontology)
        summary = store.load_file(data)
        assert summary.quads == quads, name
        assert summary.graphs == ARTICLES + 1, name
        print(f"{name}: {quads} quads loaded in {time.monotonic() - started:.1f} s")
    yield stores
    for store in stores.values():
        store.close()


def test_the_stores_hold_the_same_number_of_triples(loaded: dict[str, Store]) -> None:
    counts = {name: store.count_triples() for name, store in loaded.items()}
    assert len(set(counts.values())) == 1, counts
    assert counts["embedded"] >= 100_000


def test_loading_again_changes_nothing(
    loaded: dict[str, Store], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The first article's graph (the same random draws) loaded again: replaced."""
    data = tmp_path_factory.mktemp("again") / "one.nq"
    write_corpus(data, corpus(1)[:1])
    for name, store in loaded.items():
        before = store.count_triples()
        store.load_file(data)
        assert store.count_triples() == before, name


@pytest.mark.parametrize("call", stored_calls(), ids=lambda c: c.label)
def test_every_stored_query_answers_the_same(loaded: dict[str, Store], call: Call) -> None:
    expected = answers(call, loaded["embedded"])
    if call.filters < 2:
        assert len(expected) > 0  # the corpus gives every query rows, filtered or not
    for name in ("oxigraph", "virtuoso"):
        got = answers(call, loaded[name])
        missing, extra = expected - got, got - expected
        assert missing == extra == Counter(), (
            f"{call.label} on {name}: {sum(missing.values())} rows missing, e.g. "
            f"{next(iter(missing), None)}; {sum(extra.values())} extra, "
            f"e.g. {next(iter(extra), None)}"
        )
