"""Extraction records -> RDF: deterministic IRIs, one named graph per article.

>>> from kg.records import Article, Extraction
>>> g = extraction_to_graph(Extraction(Article(id="a1", text="")))
>>> len(g), str(graph_iri("a1"))
(2, 'https://w3id.org/kg/id/graph/a1')
"""

from kg.rdf.io import OutputFormat, build_dataset, write_dataset
from kg.rdf.iris import (
    actor_iri,
    article_iri,
    attack_iri,
    casualties_iri,
    claim_iri,
    equipment_iri,
    graph_iri,
    participant_iri,
    place_iri,
    place_part_iri,
    quantity_iri,
    slug,
    span_iri,
    strength_iri,
)
from kg.rdf.mapping import extraction_to_graph, extraction_triples
from kg.rdf.namespaces import BASE, ONTOLOGY_GRAPH, PREFIXES

__all__ = [
    "BASE",
    "ONTOLOGY_GRAPH",
    "PREFIXES",
    "OutputFormat",
    "actor_iri",
    "article_iri",
    "attack_iri",
    "build_dataset",
    "casualties_iri",
    "claim_iri",
    "equipment_iri",
    "extraction_to_graph",
    "extraction_triples",
    "graph_iri",
    "participant_iri",
    "place_iri",
    "place_part_iri",
    "quantity_iri",
    "slug",
    "span_iri",
    "strength_iri",
    "write_dataset",
]
