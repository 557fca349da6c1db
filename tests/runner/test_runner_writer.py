"""kg.runner.writer: shards, the content hash written last, skipping, and the fallback
for stores that are not an ArticleStore."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from kg.errors import StoreError
from kg.records import Article
from kg.runner import OutputWriter, StoreWriter, process_batch
from kg.store import EmbeddedStore
from kg.store.base import ArticleStore


class PlainStore:
    """Only the Store protocol of an EmbeddedStore (as a remote store would offer)."""

    def __init__(self, inner: EmbeddedStore) -> None:
        self._inner = inner

    def replace_graph(self, graph: str, triples: Iterable[Any]) -> None:
        self._inner.replace_graph(graph, triples)

    def query(self, sparql: str, bindings: Mapping[str, Any] = {}) -> Any:
        return self._inner.query(sparql, bindings)

    def __getattr__(self, name: str) -> Any:
        if name in ("content_hashes", "replace_graphs", "graph_nquads"):
            raise AttributeError(name)
        return getattr(self._inner, name)


def stored(store: EmbeddedStore) -> set[tuple[Any, ...]]:
    return set(store.dataset())


@pytest.fixture
def results(nlp: Language, seeds: list[Article]) -> list[Any]:
    return process_batch(seeds, nlp=nlp)


def test_a_shard_waits_for_its_size_or_age(results: list[Any]) -> None:
    with EmbeddedStore() as store:
        writer = StoreWriter(store, flush_quads=10**9, flush_seconds=3600)
        assert writer.add(results[0]) == []
        assert store.count_triples() == 0
        assert writer.flush() == [results[0]]
        assert store.count_triples() == results[0].triples
        writer.flush_quads = 1
        assert writer.add(results[1]) == [results[1]]
        assert writer.flush() == []


def test_unchanged_articles_are_split_off(results: list[Any], seeds: list[Article]) -> None:
    with EmbeddedStore() as store:
        writer = StoreWriter(store)
        writer.add(results[0])
        writer.flush()
        changed = dataclasses.replace(seeds[0], text=seeds[0].text + " More.")
        assert writer.split_unchanged(seeds) == ([seeds[1]], [seeds[0]])
        assert writer.split_unchanged([changed, seeds[1]]) == ([changed, seeds[1]], [])


def test_a_graph_without_its_hash_counts_as_not_built(
    results: list[Any], seeds: list[Article]
) -> None:
    """What a crash between the bulk load and the commit leaves: rebuilt next time."""
    with EmbeddedStore() as store:
        assert isinstance(store, ArticleStore)
        store.replace_graphs([results[0].graph], results[0].nquads)  # no commit
        writer = StoreWriter(store)
        assert writer.split_unchanged(seeds[:1]) == (seeds[:1], [])
        writer.add(results[0])
        writer.flush()
        assert writer.split_unchanged(seeds[:1]) == ([], seeds[:1])
        assert store.count_triples() == results[0].triples  # replaced, not doubled


def test_stores_without_bulk_writes_get_the_same_graphs(
    tmp_path: Path, results: list[Any], seeds: list[Article]
) -> None:
    with EmbeddedStore() as bulk, EmbeddedStore() as inner:
        plain = PlainStore(inner)
        assert not isinstance(plain, ArticleStore)
        for store in (bulk, plain):
            writer = StoreWriter(store)  # type: ignore[arg-type]
            for result in results:
                writer.add(result)
            writer.flush()
        assert stored(bulk) == stored(inner)
        writer = StoreWriter(plain)  # type: ignore[arg-type]
        assert writer.split_unchanged(seeds) == ([], seeds)
        out = OutputWriter(tmp_path / "x.nq")
        assert not StoreWriter(plain, out=out).can_skip  # type: ignore[arg-type]
        out.discard()


def test_out_gets_built_and_skipped_graphs(
    tmp_path: Path, results: list[Any], seeds: list[Article]
) -> None:
    with EmbeddedStore() as store:
        first = OutputWriter(tmp_path / "first.nq")
        writer = StoreWriter(store, out=first)
        for result in results:
            writer.add(result)
        writer.flush()
        first.commit()
        again = OutputWriter(tmp_path / "again.nq")
        assert StoreWriter(store, out=again).split_unchanged(seeds) == ([], seeds)
        again.commit()
    assert (tmp_path / "again.nq").read_bytes() == (tmp_path / "first.nq").read_bytes()


def test_in_the_background_a_shard_is_returned_once_written(
    tmp_path: Path, results: list[Any]
) -> None:
    """kg build's writer: shards written on a thread, reported only once committed."""
    with EmbeddedStore() as store, EmbeddedStore() as plain_store:
        out = OutputWriter(tmp_path / "x.nq")
        writer = StoreWriter(store, out=out, flush_quads=1, background=True)
        reported = writer.add(results[0])  # its shard goes to the thread
        assert reported in ([], [results[0]])
        reported += writer.add(results[1])  # waits for the first shard, sends the second
        assert results[0] in reported
        reported += writer.flush()
        assert reported == results
        assert writer.flush() == []
        out.commit()
        synchronous = StoreWriter(plain_store)
        for result in results:
            synchronous.add(result)
        synchronous.flush()
        assert stored(store) == stored(plain_store)
    assert len((tmp_path / "x.nq").read_bytes().splitlines()) == sum(r.triples for r in results)


def test_a_failed_background_write_is_raised_by_the_next_call(results: list[Any]) -> None:
    class Failing(EmbeddedStore):
        def replace_graphs(self, *args: Any, **kwargs: Any) -> None:
            raise StoreError("disk full")

    with Failing() as store:
        writer = StoreWriter(store, flush_quads=1, background=True)
        writer.add(results[0])
        with pytest.raises(StoreError, match="disk full"):
            writer.flush()
        assert writer.flush() == []
