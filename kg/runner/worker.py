"""The per-partition function: articles -> nlp -> extract -> link -> rdf -> N-Quads.

``process_batch`` is what every way of running ``kg build`` calls on a batch of
articles: in this process (``--workers 1``), in each process of the local pool and
on Dask workers.  It returns plain ``ArticleResult`` records, each holding one
article's named graph as N-Quads text: spaCy ``Doc`` objects never leave the
process that made them (pickling them costs about as much as extracting from them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.rdf.namespaces import BASE
from kg.records import Article
from kg.runner.hashing import content_hash
from kg.runner.results import ArticleResult

if TYPE_CHECKING:
    from rdflib.term import Node
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.store.base import Triple

__all__ = ["graph_nquads", "process_batch", "warm"]


def process_batch(
    articles: Sequence[Article],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    batch_size: int = 32,
) -> list[ArticleResult]:
    """One result per article, in order: its graph as N-Quads, or why it failed.

    ``nlp`` is the pipeline to use; without it ``kg.nlp.load_pipeline(model)`` is
    loaded once per process.  One article that breaks spaCy, the extractor or the
    conversion is one failed result; the others go on.
    """
    if nlp is None:
        nlp = warm(model)
    results = []
    # the strings and lexemes the batch adds to the vocabulary go with it: otherwise
    # they pile up in a long run (a couple per article)
    with nlp.memory_zone():
        for article, doc, problem in _analyse(nlp, articles, batch_size):
            if doc is None:
                results.append(_failed(article, "language analysis failed", problem))
            else:
                results.append(_convert(doc, article))
    return results


def warm(model: str | None = None) -> Language:
    """Load (once per process) the pipeline ``process_batch`` uses by default."""
    from kg.nlp import load_pipeline

    return load_pipeline(model)


def graph_nquads(graph: Iterable[Triple], name: str) -> tuple[bytes, int]:
    r"""``graph`` as N-Quads in named graph ``name`` (lines sorted) and its triple count.

    Written here rather than by rdflib or pyoxigraph (twice as fast, and it runs for
    every article); every IRI is checked by pyoxigraph on the way (``ValueError`` if
    bad), so the store can bulk-load the result without checking it again.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph().add((URIRef("http://ex/a"), URIRef("http://ex/p"), Literal('a "b"\nc')))
    >>> data, count = graph_nquads(g, "http://ex/g")
    >>> print(data.decode(), end="")
    <http://ex/a> <http://ex/p> "a \"b\"\nc" <http://ex/g> .
    """
    target = _iri(name)
    lines = []
    subject, written = None, ""  # a node's triples come one after the other
    for s, p, o in graph:
        if s is not subject:
            subject, written = s, _term(s)
        lines.append(f"{written} {_term(p)} {_term(o)} {target} .\n")
    lines.sort()
    return "".join(lines).encode("utf-8"), len(lines)


# --------------------------------------------------------------------- helpers

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANGUAGE = re.compile(r"[a-zA-Z]+(-[a-zA-Z0-9]+)*")
_BLANK = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# IRIs that recur across articles (vocabulary, actors), checked and written once
_SHARED: dict[str, str] = {}
_SHARED_LIMIT = 100_000
_ARTICLE_NODES = BASE + "article/"


def _term(term: Node) -> str:
    """One term in N-Triples syntax."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        text = str(term).translate(_ESCAPES)
        if term.language:
            if not _LANGUAGE.fullmatch(term.language):
                raise ValueError(f"bad language tag {term.language!r}")
            return f'"{text}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f'"{text}"^^{_iri(str(term.datatype))}'
        return f'"{text}"'
    if isinstance(term, BNode) and _BLANK.fullmatch(str(term)):
        return f"_:{term}"
    raise ValueError(f"cannot write RDF term {term!r} as N-Quads")


def _iri(iri: str) -> str:
    written = _SHARED.get(iri)
    if written is None:
        ox.NamedNode(iri)  # ValueError unless a valid absolute IRI
        written = f"<{iri}>"
        if not iri.startswith(_ARTICLE_NODES) and len(_SHARED) < _SHARED_LIMIT:
            _SHARED[iri] = written
    return written


def _analyse(
    nlp: Language, batch: Sequence[Article], batch_size: int
) -> Iterator[tuple[Article, Doc | None, Exception | None]]:
    """Run spaCy over a batch; if the batch fails, redo the rest one by one."""
    done = 0
    try:
        texts = ((article.text, article) for article in batch)
        for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            done += 1
            yield article, doc, None
        return
    except Exception:  # find the article at fault below
        pass
    for article in batch[done:]:
        try:
            doc = nlp(article.text)
        except Exception as exc:
            yield article, None, exc
        else:
            yield article, doc, None


def _convert(doc: Doc, article: Article) -> ArticleResult:
    from kg.pipeline import process_article
    from kg.rdf import article_iri, graph_iri

    graph = str(graph_iri(article.id))
    try:
        extraction, content = process_article(doc, article)
    except Exception as exc:  # one bad article must not end the run
        return _failed(article, "extraction failed", exc)
    try:
        data, count = graph_nquads(content, graph)
    except Exception as exc:
        return _failed(article, "conversion to RDF failed", exc)
    return ArticleResult(
        article_id=article.id,
        path=article.path,
        graph=graph,
        article_iri=str(article_iri(article.id)),
        content_hash=content_hash(article),
        nquads=data,
        triples=count + 1,  # and the content hash the writer adds
        attacks=len(extraction.attacks),
    )


def _failed(article: Article, what: str, exc: Exception | None) -> ArticleResult:
    from kg.rdf import article_iri, graph_iri

    detail = ""
    if exc is not None:
        detail = f" ({type(exc).__name__}: {exc})" if str(exc) else f" ({type(exc).__name__})"
    return ArticleResult(
        article_id=article.id,
        path=article.path,
        graph=str(graph_iri(article.id)),
        article_iri=str(article_iri(article.id)),
        content_hash=content_hash(article),
        error=f"{what}{detail}",
    )
