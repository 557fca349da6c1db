"""kg.rdf.mapping: extraction records -> the triples of one article's graph."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib.namespace as ns
from rdf_samples import EXPECTED, small_extraction
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import RDF, RDFS

from kg.rdf import extraction_to_graph, graph_iri
from kg.rdf.namespaces import KG, KGA
from kg.records import Article, Extraction

# rdflib 7.6's TriG parser calls its own deprecated ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ID = "https://w3id.org/kg/id/"
ATTACK_1 = URIRef(ID + "article/small_1/attack/1")
ATTACK_2 = URIRef(ID + "article/small_1/attack/2")


def _expected(path: Path = EXPECTED) -> Graph:
    ds = Dataset()
    ds.parse(path, format="trig")
    return ds.graph(graph_iri("small_1"))


def test_matches_the_checked_in_graph() -> None:
    got = extraction_to_graph(small_extraction())
    expected = _expected()
    assert len(got) == len(expected)
    assert isomorphic(got, expected)


def test_two_runs_give_equal_graphs() -> None:
    one, two = (extraction_to_graph(small_extraction()) for _ in range(2))
    assert set(one) == set(two)
    assert to_isomorphic(one) == to_isomorphic(two)


def test_no_blank_nodes() -> None:
    graph = extraction_to_graph(small_extraction())
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_every_fact_node_has_evidence() -> None:
    graph = extraction_to_graph(small_extraction())
    kinds = (KG.Attack, KG.Participant, KG.Place, KG.CasualtyFigure, KG.EquipmentItem, KG.Claim)
    facts = {s for kind in kinds for s in graph.subjects(RDF.type, kind)}
    assert len(facts) == 15  # 2 attacks, 3 participants, 2 places, 3 figures, 2 items, 3 claims
    for node in facts:
        spans = list(graph.objects(node, KG.evidence))
        assert spans, node
        for span in spans:
            assert (span, RDF.type, KG.TextSpan) in graph
            start, end = (int(graph.value(span, p)) for p in (KG.startChar, KG.endChar))
            assert str(graph.value(span, KG.text)) == small_extraction().article.text[start:end]


def test_known_actors_are_referenced_not_redefined() -> None:
    graph = extraction_to_graph(small_extraction())
    tip = KGA.TurkistanIslamicParty
    assert (None, KG.actor, tip) in graph
    assert not list(graph.predicate_objects(tip))
    center = KGA.RussianReconciliationCenter
    assert (None, KG.claimant, center) in graph
    assert not list(graph.predicate_objects(center))


def test_unknown_actors_are_minted_with_label_and_type() -> None:
    graph = extraction_to_graph(small_extraction())
    actor = URIRef(ID + "actor/turkish-defence-ministry")
    assert graph.value(actor, RDFS.label) == Literal("Turkish Defence Ministry")
    assert set(graph.objects(actor, RDF.type)) == {KG.Actor, KG.GovernmentBody}


def test_denial_disputes_the_attack_and_claims_assert_attack_and_figure() -> None:
    graph = extraction_to_graph(small_extraction())
    (denial,) = graph.subjects(KG.disputes, ATTACK_2)
    assert (denial, RDF.type, KG.Denial) in graph
    assert (None, KG.asserts, ATTACK_1) in graph
    figure = URIRef(str(ATTACK_1) + "/casualties/1")
    claim = graph.value(figure, KG.claim)
    assert (claim, KG.asserts, figure) in graph


def test_dates_only_with_day_precision() -> None:
    graph = extraction_to_graph(small_extraction())
    assert graph.value(ATTACK_1, KG.date) == Literal("2020-01-22", datatype=ns.XSD.date)
    assert graph.value(ATTACK_2, KG.date) is None
    assert graph.value(ATTACK_2, KG.timePrecision) == KG.WeekPrecision
    assert graph.value(ATTACK_2, KG.earliestDate) == Literal("2020-01-20", datatype=ns.XSD.date)


def test_empty_extraction_is_just_the_article() -> None:
    graph = extraction_to_graph(Extraction(Article(id="e", text="")))
    article = URIRef(ID + "article/e")
    assert set(graph) == {
        (article, RDF.type, KG.Article),
        (article, URIRef("https://schema.org/identifier"), Literal("e")),
    }
