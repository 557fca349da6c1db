"""Place links as triples (kg.rdf.mapping): one link on the place node, a compound
mention's links on kg:placePart nodes, nothing for an unlinked place; the shapes
accept them."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.link import ArticleLinks, PlaceLink, PlaceLinks
from kg.rdf import extraction_to_graph
from kg.rdf.namespaces import GEO, GEOSPARQL, GN, KG
from kg.records import Article, Attack, Extraction, Place, PlaceRole, Span
from kg.validate import validate_graph

TEXT = "Militants attacked in the direction of Abu-Djreif-Samka and near Saraqib and Kafr Nowhere."
SPAN = Span(0, len(TEXT), TEXT)
COMPOUND = Place("Abu-Djreif-Samka", SPAN, PlaceRole.AXIS)
SARAQIB = Place("Saraqib", SPAN)
NOWHERE = Place("Kafr Nowhere", SPAN)
ATTACK = URIRef("https://w3id.org/kg/id/article/r1/attack/1")


def _link(
    text: str, gid: int | None, lat: float, lon: float, confidence: float, qid: str | None = None
) -> PlaceLink:
    return PlaceLink(text, gid, text, lat, lon, "P.PPL", confidence, qid, "SY", "12")


def _graph():  # type: ignore[no-untyped-def]
    x = Extraction(
        Article("r1", TEXT), (Attack("1", (SPAN,), places=(COMPOUND, SARAQIB, NOWHERE)),)
    )
    links = ArticleLinks(
        (
            PlaceLinks(
                COMPOUND,
                (
                    _link("Abu-Djreif", 174458, 35.73271, 36.92707, 1.0),
                    _link("Samka", 4613, 35.69655, 36.9096, 0.8823),
                ),
            ),
            PlaceLinks(SARAQIB, (_link("Saraqib", 164816, 35.86447, 36.80591, 0.998, "Q1895761"),)),
            PlaceLinks(NOWHERE, ()),
        )
    )
    return extraction_to_graph(x, links)


def test_one_link_is_on_the_place_node() -> None:
    g = _graph()
    saraqib = URIRef(f"{ATTACK}/place/2")
    assert set(g.objects(saraqib, OWL.sameAs)) == {
        URIRef("https://sws.geonames.org/164816/"),
        URIRef("http://www.wikidata.org/entity/Q1895761"),
    }
    assert g.value(saraqib, GN.geonamesID) == Literal("164816")
    assert (str(g.value(saraqib, GEO.lat)), str(g.value(saraqib, GEO.long))) == (
        "35.86447",
        "36.80591",
    )
    assert str(g.value(saraqib, GEOSPARQL.asWKT)) == "POINT(36.80591 35.86447)"
    assert g.value(saraqib, GN.featureCode) == URIRef("https://www.geonames.org/ontology#P.PPL")
    assert str(g.value(saraqib, KG.linkConfidence)) == "0.998"


def test_a_compound_has_one_linked_part_per_place() -> None:
    g = _graph()
    compound = URIRef(f"{ATTACK}/place/1")
    parts = [URIRef(f"{compound}/part/1"), URIRef(f"{compound}/part/2")]
    assert sorted(g.objects(compound, KG.placePart)) == parts
    assert g.value(compound, OWL.sameAs) is None
    assert [str(g.value(p, RDFS.label)) for p in parts] == ["Abu-Djreif", "Samka"]
    assert [str(g.value(p, GN.geonamesID)) for p in parts] == ["174458", "4613"]
    assert str(g.value(parts[1], KG.linkConfidence)) == "0.882"
    for part in parts:
        assert (part, RDF.type, KG.Place) in g
        assert g.value(part, KG.placeRole) == KG.AxisRole


def test_an_unlinked_place_has_no_link_triples() -> None:
    g = _graph()
    nowhere = URIRef(f"{ATTACK}/place/3")
    assert g.value(nowhere, OWL.sameAs) is None
    assert g.value(nowhere, KG.linkConfidence) is None


def test_without_links_the_graph_is_as_before() -> None:
    x = Extraction(Article("r1", TEXT), (Attack("1", (SPAN,), places=(COMPOUND,)),))
    assert set(extraction_to_graph(x)) == set(extraction_to_graph(x, ArticleLinks()))


def test_linked_places_conform_to_the_shapes() -> None:
    report = validate_graph(_graph())
    assert report.conforms, report.violations


def test_the_shapes_reject_bad_links() -> None:
    g = _graph()
    saraqib = URIRef(f"{ATTACK}/place/2")
    g.add((saraqib, OWL.sameAs, URIRef("http://example.org/somewhere")))
    g.add((saraqib, KG.linkConfidence, Literal(1.5)))
    g.add((saraqib, GN.featureCode, Literal("PPL")))
    report = validate_graph(g)
    assert not report.conforms
    text = str(report.violations)
    assert "owl:sameAs" in text
    assert "linkConfidence" in text
    assert "featureCode" in text
