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

With ``background=True`` (what ``kg build`` uses) a shard is written on a thread of
its own while the next one fills: pyoxigraph's loader releases the GIL, so storing
overlaps with the analysis instead of pausing it.  At most one shard is being
written at a time (the next waits for it), and its articles are returned as stored
only once it is committed.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

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
        background: bool = False,
    ) -> None:
        self.store = store
        self.out = out
        self.flush_quads = flush_quads
        self.flush_seconds = flush_seconds
        self.background = background
        self._bulk = isinstance(store, ArticleStore)
        self._waiting: list[ArticleResult] = []
        self._quads = 0
        self._since = 0.0
        self._thread: ThreadPoolExecutor | None = None
        self._writing: Future[list[ArticleResult]] | None = None

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
        """Queue one built article; return the articles stored since the last call, if any."""
        if not self._waiting:
            self._since = time.monotonic()
        self._waiting.append(result)
        self._quads += result.triples
        if self._quads >= self.flush_quads or time.monotonic() - self._since >= self.flush_seconds:
            return self._shard(wait=False)
        if self._writing is not None and self._writing.done():
            return self._written()
        return []

    def flush(self) -> list[ArticleResult]:
        """Write every queued article; return the articles stored since the last call."""
        try:
            return self._shard(wait=True)
        finally:
            if self._thread is not None and self._writing is None:
                self._thread.shutdown()
                self._thread = None

    def _shard(self, *, wait: bool) -> list[ArticleResult]:
        """Write the queued articles as one shard (on the thread in the background);
        return what is stored by now, every shard if ``wait``."""
        waiting, self._waiting, self._quads = self._waiting, [], 0
        if not self.background:
            if waiting:
                self._write(waiting)
            return waiting
        done = self._written()  # one shard at a time: wait for the one being written
        if waiting:
            if self._thread is None:
                self._thread = ThreadPoolExecutor(1, thread_name_prefix="kg-store")
            self._writing = self._thread.submit(self._write, waiting)
        return done + self._written() if wait else done

    def _written(self) -> list[ArticleResult]:
        """The shard being written, once it is (its error raised here)."""
        writing, self._writing = self._writing, None
        return writing.result() if writing is not None else []

    def _write(self, waiting: list[ArticleResult]) -> list[ArticleResult]:
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
