"""The whole chain for ``kg build``: ingest -> nlp -> extract -> link -> rdf -> store.

Articles stream through in batches, never all in memory: in this process, in a
pool of worker processes (``workers``) or on a Dask cluster (``dask``), each batch
running the same per-partition function (``kg.runner.process_batch``).  Graphs are
stored a shard at a time, each article marked complete by its content hash, so an
error or a crash later in the run loses nothing already reported stored, and a
rerun skips the articles that did not change.  A bad input or an article that
fails to analyse, extract or convert is reported to ``on_error`` and skipped; only
a failing store ends the run (``StoreError``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ConfigError, KgError
from kg.identity import EVENTS_GRAPH, link_reports
from kg.ingest import iter_articles
from kg.records import Article, Extraction

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.link import Linker
    from kg.runner import ArticleResult, Outcome, StoreWriter
    from kg.store import Store
    from kg.store.base import Triple

__all__ = ["BuildSummary", "DEFAULT_BATCH_SIZE", "build", "process_article"]

DEFAULT_BATCH_SIZE = 32

ErrorHandler = Callable[[KgError], None]
Progress = Callable[[int], None]
ArticleHandler = Callable[[str, "Outcome"], None]


@dataclass(frozen=True)
class BuildSummary:
    """What one build did: articles stored, attacks and triples in them, errors met,
    and articles skipped because the store already had them unchanged."""

    articles: int = 0
    attacks: int = 0
    triples: int = 0
    errors: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        """True when every input became a stored article."""
        return self.errors == 0

    def __str__(self) -> str:
        text = (
            f"{self.articles} articles, {self.attacks} attacks, "
            f"{self.triples} triples, {self.errors} errors"
        )
        return text + (f", {self.unchanged} unchanged" if self.unchanged else "")


def build(
    sources: Iterable[str | os.PathLike[str]],
    *,
    store_dir: str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_error: ErrorHandler,
    progress: Progress | None = None,
    nlp: Language | None = None,
    workers: int = 1,
    dask: str | None = None,
    rebuild: bool = False,
    on_article: ArticleHandler | None = None,
    commit_interval: float | None = None,
) -> BuildSummary:
    """Read ``sources``, extract their attacks and store one named graph per article.

    ``store_dir`` is a directory (the embedded store) or a SPARQL endpoint URL
    (``kg.store.endpoint``); either way an article built again replaces its graph.

    ``workers`` processes analyse the articles: 1 is this process, more a local pool
    forked after ``nlp`` is loaded.  ``dask`` sends the batches to a Dask scheduler
    instead (its address, or ``"local"`` for a LocalCluster of ``workers`` processes);
    the workers then load the model by name, so ``nlp`` must be left out.  Every way
    gives the same graphs.

    An article whose content hash (``kg:contentHash``) is already in the store is
    skipped; ``rebuild`` builds it again anyway (after a change of kg or the model).
    ``out`` also writes the graphs of the run (built or skipped, and the events graph)
    to a file whose suffix picks the format (``.trig``, ``.nq``, ``.ttl``,
    ``.jsonld``), streamed: N-Quads as they are stored, other formats converted at
    the end.  ``progress`` is called with 1 for every article finished (stored,
    unchanged or failed); ``on_article`` with its id and ``Outcome``, an article
    only once it is stored for good.  Built articles are committed to the store a
    shard at a time, at least every ``commit_interval`` seconds (default
    ``kg.runner.writer.FLUSH_SECONDS``).  ``nlp`` is the spaCy pipeline to use
    (default ``kg.nlp.load_pipeline()``).
    """
    from kg.runner import OutputWriter, StoreWriter, make_runner

    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, got {batch_size}")
    if workers < 1:
        raise ConfigError(f"workers must be at least 1, got {workers}")
    if dask is not None and nlp is not None:
        raise ConfigError("a Dask build loads the model by name on each worker: leave nlp out")
    out_path = _check_out(out)
    counter = _Counter(on_error, progress, on_article)
    runner = make_runner(nlp=nlp, workers=workers, batch_size=batch_size, dask=dask)
    output = OutputWriter(out_path) if out_path is not None else None
    try:
        # the runner first: a forked pool must not inherit the open store
        with runner, _open_store(store_dir) as store:
            writer = StoreWriter(store, out=output, background=True)
            if commit_interval is not None:
                writer.flush_seconds = commit_interval
            articles = iter_articles(sources, on_error=counter.error)
            todo = _to_build(articles, batch_size, writer, counter, rebuild=rebuild)
            try:
                for results in runner.map(todo):
                    for result in results:
                        counter.finished(result, writer.add(result) if result.ok else [])
            finally:  # what was built before an error or Ctrl-C is worth keeping
                counter.stored(writer.flush())
            events = link_reports(store)  # one attack told by several articles: one event
            if output is not None and len(events):
                from kg.runner import graph_nquads

                output.write(graph_nquads(events, str(EVENTS_GRAPH))[0])
        if output is not None:
            output.commit()
    finally:
        if output is not None:
            output.discard()
    return counter.summary()


def process_article(
    doc: Doc, article: Article, *, linker: Linker | None = None
) -> tuple[Extraction, list[Triple]]:
    """One analysed article -> its extraction and its named-graph content (triples),
    places linked to the gazetteer (``linker``, default ``kg.link.default_linker()``)."""
    from kg.extract import extract
    from kg.link import link_extraction
    from kg.rdf import extraction_triples

    extraction = extract(doc, article)
    triples: list[Triple] = list(
        extraction_triples(extraction, link_extraction(extraction, linker))
    )
    return extraction, triples


# --------------------------------------------------------------------- helpers


class _Counter:
    """Counts what the run did and forwards errors, progress and outcomes."""

    def __init__(
        self, on_error: ErrorHandler, progress: Progress | None, on_article: ArticleHandler | None
    ) -> None:
        self._on_error = on_error
        self._progress = progress
        self._on_article = on_article
        self.articles = self.attacks = self.triples = self.errors = self.unchanged = 0

    def error(self, error: KgError) -> None:
        self.errors += 1
        self._on_error(error)

    def finished(self, result: ArticleResult, stored: list[ArticleResult]) -> None:
        """A result came back: report it if it failed, and the articles now stored."""
        if not result.ok:
            from kg.runner import Outcome

            self.error(result.as_error())
            self._done(result.article_id, Outcome.FAILED)
        self.stored(stored)

    def stored(self, results: list[ArticleResult]) -> None:
        from kg.runner import Outcome

        for result in results:
            self.articles += 1
            self.attacks += result.attacks
            self.triples += result.triples
            self._done(result.article_id, Outcome.STORED)

    def skipped(self, articles: list[Article]) -> None:
        from kg.runner import Outcome

        for article in articles:
            self.unchanged += 1
            self._done(article.id, Outcome.UNCHANGED)

    def _done(self, article_id: str, outcome: Outcome) -> None:
        if self._on_article is not None:
            self._on_article(article_id, outcome)
        if self._progress is not None:
            self._progress(1)

    def summary(self) -> BuildSummary:
        return BuildSummary(self.articles, self.attacks, self.triples, self.errors, self.unchanged)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def _to_build(
    articles: Iterable[Article],
    batch_size: int,
    writer: StoreWriter,
    counter: _Counter,
    *,
    rebuild: bool,
) -> Iterator[list[Article]]:
    """Full batches of the articles to build; unchanged ones are reported as skipped."""
    if rebuild or not writer.can_skip:
        yield from _batches(articles, batch_size)
        return
    waiting: list[Article] = []
    for batch in _batches(articles, batch_size):
        build, same = writer.split_unchanged(batch)
        counter.skipped(same)
        waiting += build
        if len(waiting) >= batch_size:
            yield waiting[:batch_size]
            waiting = waiting[batch_size:]
    if waiting:
        yield waiting


def _check_out(out: str | os.PathLike[str] | None) -> Path | None:
    if out is None:
        return None
    from kg.rdf import OutputFormat

    path = Path(out)
    try:
        OutputFormat.from_path(path)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return path


def _open_store(store_dir: str | os.PathLike[str]) -> Store:
    """The store, with the current ontology loaded into its ontology graph."""
    from kg.ontology import load_ontology
    from kg.store import is_remote, open_store

    location = os.fspath(store_dir)
    if not is_remote(location):
        Path(location).parent.mkdir(parents=True, exist_ok=True)
    store = open_store(location)
    try:
        store.load_ontology(load_ontology())
    except BaseException:
        store.close()
        raise
    return store
