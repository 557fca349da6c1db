"""The whole chain for ``kg build``: ingest -> nlp -> extract -> rdf -> store.

Articles stream through in batches; each article's graph is stored as soon as it
is made, so an error later in the run loses nothing already stored.  A bad input
or an article that fails to analyse, extract or convert is reported to
``on_error`` and skipped; only a failing store ends the run (``StoreError``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ArticleError, ConfigError, KgError
from kg.identity import EVENTS_GRAPH, link_reports
from kg.ingest import iter_articles
from kg.records import Article, Extraction

if TYPE_CHECKING:
    from rdflib import Graph
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.store import Store

__all__ = ["BuildSummary", "DEFAULT_BATCH_SIZE", "build", "process_article"]

DEFAULT_BATCH_SIZE = 32

ErrorHandler = Callable[[KgError], None]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class BuildSummary:
    """What one build did: articles stored, attacks and triples in them, errors met."""

    articles: int = 0
    attacks: int = 0
    triples: int = 0
    errors: int = 0

    @property
    def ok(self) -> bool:
        """True when every input became a stored article."""
        return self.errors == 0

    def __str__(self) -> str:
        return (
            f"{self.articles} articles, {self.attacks} attacks, "
            f"{self.triples} triples, {self.errors} errors"
        )


def build(
    sources: Iterable[str | os.PathLike[str]],
    *,
    store_dir: str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_error: ErrorHandler,
    progress: Progress | None = None,
    nlp: Language | None = None,
) -> BuildSummary:
    """Read ``sources``, extract their attacks and store one named graph per article.

    ``out`` also writes everything built to a file whose suffix picks the format
    (``.trig``, ``.nq``, ``.ttl``, ``.jsonld``); the graphs are kept in memory
    until the end for it, so leave it out for large corpora and export the store.
    ``progress`` is called with 1 for every article finished, stored or not.
    ``nlp`` is the spaCy pipeline to use (default ``kg.nlp.load_pipeline()``).
    """
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, got {batch_size}")
    out_path = _check_out(out)
    counter = _Counter(on_error, progress)
    if nlp is None:
        from kg.nlp import load_pipeline

        nlp = load_pipeline()
    collected: list[tuple[str, Graph]] = []
    with _open_store(store_dir) as store:
        articles = iter_articles(sources, on_error=counter.error)
        for batch in _batches(articles, batch_size):
            for article, graph in _graphs(nlp, batch, batch_size, counter):
                name = _store_graph(store, article, graph)
                counter.stored(graph)
                if out_path is not None:
                    collected.append((name, graph))
        events = link_reports(store)  # one attack told by several articles: one event
        if out_path is not None and len(events):
            collected.append((str(EVENTS_GRAPH), events))
    if out_path is not None:
        from kg.rdf import write_dataset

        out_path.parent.mkdir(parents=True, exist_ok=True)
        write_dataset(collected, out_path)
    return counter.summary()


def process_article(doc: Doc, article: Article) -> tuple[Extraction, Graph]:
    """One analysed article -> its extraction and its named-graph content."""
    from kg.extract import extract
    from kg.rdf import extraction_to_graph

    extraction = extract(doc, article)
    return extraction, extraction_to_graph(extraction)


# --------------------------------------------------------------------- helpers


class _Counter:
    """Counts what the run did and forwards errors and progress."""

    def __init__(self, on_error: ErrorHandler, progress: Progress | None) -> None:
        self._on_error = on_error
        self._progress = progress
        self.articles = self.attacks = self.triples = self.errors = 0

    def error(self, error: KgError) -> None:
        self.errors += 1
        self._on_error(error)

    def done(self) -> None:
        if self._progress is not None:
            self._progress(1)

    def stored(self, graph: Graph) -> None:
        self.articles += 1
        self.triples += len(graph)

    def summary(self) -> BuildSummary:
        return BuildSummary(self.articles, self.attacks, self.triples, self.errors)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def _graphs(
    nlp: Language, batch: list[Article], batch_size: int, counter: _Counter
) -> Iterator[tuple[Article, Graph]]:
    """Each article of the batch with its graph; failures go to ``counter.error``."""
    for doc, article in _analyse(nlp, batch, batch_size, counter):
        try:
            extraction, graph = process_article(doc, article)
        except Exception as exc:  # one bad article must not end the run
            counter.error(_article_error(article, "extraction failed", exc))
        else:
            counter.attacks += len(extraction.attacks)
            yield article, graph
        finally:
            counter.done()


def _analyse(
    nlp: Language, batch: list[Article], batch_size: int, counter: _Counter
) -> Iterator[tuple[Doc, Article]]:
    """Run spaCy over a batch; if the batch fails, redo the rest one by one."""
    done = 0
    try:
        texts = ((article.text, article) for article in batch)
        for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            done += 1
            yield doc, article
        return
    except Exception:  # find the article at fault below
        pass
    for article in batch[done:]:
        try:
            doc = nlp(article.text)
        except Exception as exc:
            counter.error(_article_error(article, "language analysis failed", exc))
            counter.done()
        else:
            yield doc, article


def _article_error(article: Article, what: str, exc: Exception) -> ArticleError:
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return ArticleError(article.id, f"{what} ({detail})", path=article.path)


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
    from kg.store import open_store

    location = os.fspath(store_dir)
    if not location.startswith(("http://", "https://")):
        Path(location).parent.mkdir(parents=True, exist_ok=True)
    store = open_store(location)
    try:
        store.load_ontology(load_ontology())
    except BaseException:
        store.close()
        raise
    return store


def _store_graph(store: Store, article: Article, graph: Graph) -> str:
    from kg.rdf import graph_iri

    name = str(graph_iri(article.id))
    store.replace_graph(name, graph)
    return name
