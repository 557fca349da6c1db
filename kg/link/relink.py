"""``kg link``: link the places of a built store again, without the NLP.

After a new gazetteer import, the places already in the store are read back (name,
role, container and evidence sentence: all the linker uses), linked in the context
of their article as ``kg build`` would, and each article graph gets its link triples
replaced; every other triple stays as it was.  An article whose links did not
change is not rewritten.  The events graph (``kg.identity``) is then rebuilt, since
reports of one attack are matched on their places' GeoNames ids too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.link.linker import Linker
from kg.link.stage import default_linker, link_places
from kg.rdf.mapping import LINK_PREDICATES, PLACE_ROLES, place_link_triples
from kg.rdf.namespaces import KG
from kg.records import Place, PlaceRole, Span
from kg.store.base import Store

__all__ = ["RelinkSummary", "relink_store"]

_PLACES = """\
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?g ?place ?label ?role ?within ?span ?start ?end ?text WHERE {
  GRAPH ?g {
    ?attack a kg:Attack ;
      sem:hasPlace ?place .
    ?place rdfs:label ?label ;
      kg:placeRole ?role ;
      kg:evidence ?span .
    ?span kg:startChar ?start ;
      kg:endChar ?end ;
      kg:text ?text .
    OPTIONAL { ?place kg:within ?within }
  }
}
"""

_DATELINES = """\
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?g ?place ?label ?role ?within ?span ?start ?end ?text WHERE {
  GRAPH ?g {
    ?article schema:locationCreated ?place .
    ?place rdfs:label ?label ;
      kg:placeRole ?role ;
      kg:evidence ?span .
    ?span kg:startChar ?start ;
      kg:endChar ?end ;
      kg:text ?text .
    OPTIONAL { ?place kg:within ?within }
  }
}
"""

_ROLES = {str(iri): role for role, iri in PLACE_ROLES.items()}


@dataclass(frozen=True)
class RelinkSummary:
    """What ``kg link`` did: articles read and rewritten, places and links."""

    articles: int = 0
    changed: int = 0
    places: int = 0
    linked: int = 0

    def __str__(self) -> str:
        return (
            f"{self.articles} articles, {self.places} places, {self.linked} linked, "
            f"{self.changed} articles changed"
        )


@dataclass(frozen=True)
class _StoredPlace:
    node: URIRef
    span: URIRef
    place: Place


def relink_store(
    store: Store, linker: Linker | None = None, *, progress: Callable[[int], None] | None = None
) -> RelinkSummary:
    """Link the places of every article graph of ``store`` again (``progress`` gets 1
    per article)."""
    linker = linker or default_linker()
    articles = changed = places = linked = 0
    for graph_iri, attacks, datelines in _stored_places(store):
        dateline = datelines[0].place if datelines else None
        links = link_places((s.place for s in attacks), linker, dateline=dateline)
        stored = attacks + datelines[:1]
        new: set[tuple[Node, Node, Node]] = set()
        for s in stored:
            found = links.get(s.place)
            places += 1
            linked += bool(found)
            role = PLACE_ROLES[s.place.role]
            new.update(place_link_triples(s.node, role, s.span, found))
        graph = _graph(store, graph_iri)
        old = {t for s in stored for t in _old_link_triples(graph, s.node)}
        if old != new:
            for triple in old:
                graph.remove(triple)
            for triple in new:
                graph.add(triple)
            store.replace_graph(graph_iri, graph)
            changed += 1
        articles += 1
        if progress is not None:
            progress(1)
    if changed:
        from kg.identity import link_reports

        link_reports(store)  # reports of one attack may now share a GeoNames id
    return RelinkSummary(articles, changed, places, linked)


def _stored_places(
    store: Store,
) -> Iterator[tuple[str, list[_StoredPlace], list[_StoredPlace]]]:
    """Each article graph with the places of its attacks and its dateline, as the
    extractor gave them."""
    attacks = _read_places(store, _PLACES)
    datelines = _read_places(store, _DATELINES)
    for graph in sorted(attacks.keys() | datelines.keys()):
        yield (
            graph,
            [attacks[graph][node] for node in sorted(attacks.get(graph, {}))],
            [datelines[graph][node] for node in sorted(datelines.get(graph, {}))],
        )


def _read_places(store: Store, sparql: str) -> dict[str, dict[str, _StoredPlace]]:
    by_graph: dict[str, dict[str, _StoredPlace]] = defaultdict(dict)
    for row in store.query(sparql).rows:
        graph, node, role = row["g"], row["place"], _ROLES.get(row["role"] or "")
        if not (graph and node and role and row["label"] is not None and row["span"]):
            continue
        span = Span(int(row["start"] or 0), int(row["end"] or 0), row["text"] or "")
        place = Place(row["label"], span, PlaceRole(role), row["within"])
        by_graph[graph][node] = _StoredPlace(URIRef(node), URIRef(row["span"]), place)
    return by_graph


def _old_link_triples(graph: Graph, node: URIRef) -> Iterator[tuple[Node, Node, Node]]:
    """The link triples of a place node and everything about its part nodes."""
    for predicate in LINK_PREDICATES:
        for obj in graph.objects(node, predicate):
            yield node, predicate, obj
    for part in graph.objects(node, KG.placePart):
        yield node, KG.placePart, part
        yield from graph.triples((part, None, None))


def _graph(store: Store, graph_iri: str) -> Graph:
    """One named graph of the store as an rdflib Graph."""
    graph = Graph()
    nquads = getattr(store, "graph_nquads", None)
    if nquads is not None:
        dataset = Dataset()
        dataset.parse(data=nquads([graph_iri]), format="nquads")
        for triple in dataset.graph(URIRef(graph_iri)):
            graph.add(triple)
        return graph
    for s, p, o, g in store.dataset():
        if g is not None and str(g) == graph_iri:
            graph.add((s, p, o))
    return graph
