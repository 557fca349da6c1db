"""Results -> the store (and the ``--out`` file), a shard at a time, resumably.

The writer buffers finished articles and writes them as one N-Quads shard: old
graphs cleared, the shard bulk-loaded, and only then each article's
``kg:contentHash`` added, in one transaction.  An article counts as stored once its
hash is in: after a crash (even ``kill -9``) every article reported stored is
complete, and one without its hash is rebuilt by the next run, replacing whatever
part of it got in.  A rerun skips every article whose stored hash equals the hash
of the article it reads.

Stores that are not an ``ArticleStore`` (a remote endpoint, say) get one
``Store.replace_graph`` per article, hash included, and their hashes are read with
``Store.query``.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence

import pyoxigraph as ox
from rdflib import URIRef

from kg.records import Article
from kg.runner.hashing import content_hash
from kg.runner.output import OutputWriter
from kg.runner.results import ArticleResult
from kg.store.base import ArticleStore, Store, Triple
from kg.vocab import KG

__all__ = ["FLUSH_QUADS", "FLUSH_SECONDS", "StoreWriter"]

FLUSH_QUADS = 100_000
"""Write a shard once this many quads wait: pyoxigraph's bulk loader is several
times faster per quad on shards of this size than on single articles, and every
shard leaves index files that RocksDB must merge later (a million quads cost about
8.5 CPU-seconds in shards of 100,000, 11 in shards of 25,000, 7.5 in one)."""
FLUSH_SECONDS = 2.0
"""... or once the oldest waiting article has waited this long."""

_HASH_QUERY = f"SELECT ?g ?hash WHERE {{ GRAPH ?g {{ ?article <{KG.contentHash}> ?hash }} }}"


class StoreWriter:
    """Writes ``ArticleResult``s to ``store`` in shards; ``out`` gets the same quads."""

    def __init__(
        self,
        store: Store,
        *,
        out: OutputWriter | None = None,
        flush_quads: int = FLUSH_QUADS,
        flush_seconds: float = FLUSH_SECONDS,
    ) -> None:
        self.store = store
        self.out = out
        self.flush_quads = flush_quads
        self.flush_seconds = flush_seconds
        self._bulk = isinstance(store, ArticleStore)
        self._waiting: list[ArticleResult] = []
        self._quads = 0
        self._since = 0.0

    @property
    def can_skip(self) -> bool:
        """Whether unchanged articles can be skipped (with ``out``, their graphs must be
        read back from the store, which only an ``ArticleStore`` offers)."""
        return self.out is None or self._bulk

    def split_unchanged(self, articles: Sequence[Article]) -> tuple[list[Article], list[Article]]:
        """``articles`` -> (those to build, those stored with the same content hash).

        The graphs of unchanged articles are copied to ``out``.
        """
        from kg.rdf import graph_iri

        graphs = {article.id: str(graph_iri(article.id)) for article in articles}
        stored = self._content_hashes(graphs.values())
        build: list[Article] = []
        same: list[Article] = []
        for article in articles:
            old = stored.get(graphs[article.id])
            (same if old is not None and old == content_hash(article) else build).append(article)
        if same and self.out is not None and isinstance(self.store, ArticleStore):
            for article in same:
                self.out.write(self.store.graph_nquads([graphs[article.id]]))
        return build, same

    def add(self, result: ArticleResult) -> list[ArticleResult]:
        """Queue one built article; return the articles stored by this call, if any."""
        if not self._waiting:
            self._since = time.monotonic()
        self._waiting.append(result)
        self._quads += result.triples
        if self._quads >= self.flush_quads or time.monotonic() - self._since >= self.flush_seconds:
            return self.flush()
        return []

    def flush(self) -> list[ArticleResult]:
        """Write every queued article; return them (now stored)."""
        waiting, self._waiting, self._quads = self._waiting, [], 0
        if not waiting:
            return []
        if isinstance(self.store, ArticleStore):
            self.store.replace_graphs(
                [r.graph for r in waiting],
                b"".join(r.nquads for r in waiting),
                commit=b"".join(r.hash_quad() for r in waiting),
                lenient=True,  # every IRI was checked when the worker serialized it
            )
        else:
            for result in waiting:
                self.store.replace_graph(result.graph, _triples(result))
        if self.out is not None:
            for result in waiting:
                self.out.write(result.nquads + result.hash_quad())
        return waiting

    def _content_hashes(self, graphs: Collection[str]) -> dict[str, str]:
        if isinstance(self.store, ArticleStore):
            return self.store.content_hashes(graphs)
        found: dict[str, str] = {}
        for graph in graphs:
            rows = self.store.query(_HASH_QUERY, {"g": URIRef(graph)}).rows
            if rows and rows[0].get("hash"):
                found[graph] = str(rows[0]["hash"])
        return found


def _triples(result: ArticleResult) -> list[Triple]:
    from kg.store.convert import from_ox

    data = result.nquads + result.hash_quad()
    return [
        (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
    ]
