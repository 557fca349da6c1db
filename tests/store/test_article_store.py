"""EmbeddedStore as an ArticleStore: content hashes, bulk replace with a commit, export."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store import EmbeddedStore
from kg.store.base import ArticleStore
from kg.vocab import KG

G1, G2 = "http://ex/graph/a1", "http://ex/graph/a2"


def quad(s: str, o: str, g: str, p: str = "http://ex/p") -> bytes:
    return f'<{s}> <{p}> "{o}" <{g}> .\n'.encode()


def mark(g: str, digest: str) -> bytes:
    return quad("http://ex/a", digest, g, str(KG.contentHash))


def test_it_is_an_article_store() -> None:
    with EmbeddedStore() as store:
        assert isinstance(store, ArticleStore)


def test_replace_graphs_then_hashes(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "s") as store:
        store.replace_graphs(
            [G1, G2],
            quad("http://ex/a", "1", G1) + quad("http://ex/b", "2", G2),
            commit=mark(G1, "h1") + mark(G2, "h2"),
        )
        assert store.content_hashes([G1, G2, "http://ex/graph/none"]) == {G1: "h1", G2: "h2"}
        # replacing G1 drops its old quads and its old hash; G2 is untouched
        store.replace_graphs([G1], quad("http://ex/a", "3", G1))
        assert store.content_hashes([G1, G2]) == {G2: "h2"}
        assert store.graph_nquads([G1]) == quad("http://ex/a", "3", G1)
        assert store.count_triples() == 3
    with EmbeddedStore(tmp_path / "s", read_only=True) as store:  # saved and reloaded
        assert store.content_hashes([G2]) == {G2: "h2"}


def test_replace_graphs_from_a_file(tmp_path: Path) -> None:
    data = tmp_path / "shard.nq"
    data.write_bytes(quad("http://ex/a", "1", G1))
    with EmbeddedStore() as store:
        store.replace_graphs([G1], data, commit=mark(G1, "h"))
        assert len(list(ox.parse(store.graph_nquads([G1]), format=ox.RdfFormat.N_QUADS))) == 2


def test_bad_nquads_are_a_store_error() -> None:
    with EmbeddedStore() as store, pytest.raises(StoreError, match="not valid N-Quads"):
        store.replace_graphs([G1], b"<http://ex/a> <http://ex/p> .\n")
