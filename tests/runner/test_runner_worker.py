"""kg.runner.worker: the per-partition function gives each article's graph as N-Quads."""

from __future__ import annotations

import pyoxigraph as ox
import spacy
from rdflib import Graph
from rdflib.compare import isomorphic
from spacy.language import Language

from kg.pipeline import process_article
from kg.rdf import article_iri, graph_iri
from kg.records import Article
from kg.runner import content_hash, graph_nquads, process_batch
from kg.store.convert import from_ox
from kg.vocab import KG


def parse(data: bytes) -> tuple[Graph, set[str]]:
    graph, names = Graph(), set()
    for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        names.add(q.graph_name.value)
    return graph, names


def test_each_article_becomes_its_graph_in_n_quads(nlp: Language, seeds: list[Article]) -> None:
    results = process_batch(seeds, nlp=nlp, batch_size=1)
    assert [r.article_id for r in results] == [a.id for a in seeds]
    for article, result in zip(seeds, results, strict=True):
        assert result.ok, result.error
        _, triples = process_article(nlp(article.text), article)
        expected = Graph()
        for triple in triples:
            expected.add(triple)
        graph, names = parse(result.nquads)
        assert names == {str(graph_iri(article.id))}
        assert isomorphic(graph, expected)
        assert result.triples == len(expected) + 1  # the content hash comes on top
        assert result.attacks > 0
        assert result.content_hash == content_hash(article)
        assert result.nquads.splitlines() == sorted(result.nquads.splitlines())


def test_the_hash_quad_marks_the_article(nlp: Language, seeds: list[Article]) -> None:
    [result] = process_batch(seeds[:1], nlp=nlp)
    graph, names = parse(result.hash_quad())
    assert list(graph) == [
        (article_iri(seeds[0].id), KG.contentHash, from_ox(ox.Literal(content_hash(seeds[0]))))
    ]
    assert names == {result.graph}


def test_failures_are_results_with_the_reason(seeds: list[Article]) -> None:
    blank = spacy.blank("en")  # no sentence boundaries: the extractor cannot work
    results = process_batch(seeds, nlp=blank)
    assert [r.ok for r in results] == [False, False]
    assert all((r.error or "").startswith("extraction failed (") for r in results)
    assert results[0].as_error().article_id == seeds[0].id
    assert results[0].nquads == b""


def test_graph_nquads_counts_and_sorts() -> None:
    from rdflib import Literal, URIRef

    g = Graph()
    g.add((URIRef("http://ex/b"), URIRef("http://ex/p"), Literal("multi\nline")))
    g.add((URIRef("http://ex/a"), URIRef("http://ex/p"), Literal(2)))
    data, count = graph_nquads(g, "http://ex/g")
    assert count == 2
    assert data.startswith(b"<http://ex/a>")
    assert isomorphic(parse(data)[0], g)
