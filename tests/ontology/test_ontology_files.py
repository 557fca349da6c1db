"""ontology/*.ttl: they parse, and they say what docs/MODEL.md says."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import records
from kg.ontology import load_ontology, load_shapes, ontology_dir

KG = Namespace("https://w3id.org/kg/ontology#")
KGEQ = Namespace("https://w3id.org/kg/equipment#")
KGA = Namespace("https://w3id.org/kg/actor#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
MODEL = Path(__file__).resolve().parents[2] / "docs" / "MODEL.md"
OWN_NAMESPACES = (str(KG), str(KGEQ), str(KGA))


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def declared(graph: Graph, term: URIRef) -> bool:
    return (term, RDF.type, None) in graph


@pytest.mark.parametrize("name", ["kg.ttl", "actors.ttl", "shapes.ttl"])
def test_each_file_parses(name: str) -> None:
    assert len(Graph().parse(ontology_dir() / name, format="turtle")) > 50


def test_ontology_header(onto: Graph) -> None:
    assert (URIRef("https://w3id.org/kg/ontology"), RDF.type, OWL.Ontology) in onto
    assert not list(onto.objects(None, OWL.imports)), "owlready2 would try to fetch imports"


def test_every_kg_term_of_the_model_exists(onto: Graph) -> None:
    text = MODEL.read_text(encoding="utf-8")
    names = set(re.findall(r"\bkg:([A-Za-z]+)\b", text))
    assert len(names) > 60
    missing = sorted(n for n in names if not declared(onto, KG[n]))
    assert not missing
    assert declared(onto, KGEQ.scheme)
    assert declared(onto, KGA.TurkistanIslamicParty)


def test_every_own_term_used_is_declared(onto: Graph) -> None:
    used = Graph()
    used += onto
    used += load_shapes()
    terms = {t for triple in used for t in triple if isinstance(t, URIRef)}
    own = {t for t in terms if str(t).startswith(OWN_NAMESPACES)}
    assert sorted(t for t in own if not declared(onto, t)) == []


def test_classes_and_properties_are_documented(onto: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    terms = [t for k in kinds for t in onto.subjects(RDF.type, k) if str(t).startswith(str(KG))]
    assert len(terms) > 60
    for term in terms:
        assert onto.value(term, RDFS.label) is not None, term
        assert onto.value(term, RDFS.comment) is not None, term


def test_properties_have_domain_and_range(onto: Graph) -> None:
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in onto.subjects(RDF.type, kind):
            if str(prop).startswith(str(KG)):
                assert onto.value(prop, RDFS.domain) is not None, prop
                assert onto.value(prop, RDFS.range) is not None, prop


@pytest.mark.parametrize(
    ("cls", "supers"),
    [
        (KG.Article, {SCHEMA.NewsArticle, PROV.Entity}),
        (KG.Attack, {SEM.Event}),
        (KG.Participant, {SEM.Actor}),
        (KG.Actor, {SEM.Actor, PROV.Agent}),
        (KG.ArmedGroup, {KG.Actor}),
        (KG.StateForce, {KG.Actor}),
        (KG.GovernmentBody, {KG.Actor}),
        (KG.MediaOutlet, {KG.Actor}),
        (KG.Person, {KG.Actor, SCHEMA.Person}),
        (KG.Place, {SEM.Place}),
        (KG.EquipmentType, {SKOS.Concept}),
        (KG.Claim, {PROV.Entity}),
        (KG.Denial, {KG.Claim}),
        (KG.TextSpan, {PROV.Entity}),
        (KG.Side, {SKOS.Concept}),
        (KG.CasualtyKind, {SKOS.Concept}),
        (KG.Qualifier, {SKOS.Concept}),
        (KG.Precision, {SKOS.Concept}),
        (KG.Outcome, {SKOS.Concept}),
        (KG.PlaceRole, {SKOS.Concept}),
    ],
)
def test_superclasses_follow_the_model(onto: Graph, cls: URIRef, supers: set[URIRef]) -> None:
    named = {s for s in onto.objects(cls, RDFS.subClassOf) if isinstance(s, URIRef)}
    assert named == supers


@pytest.mark.parametrize(
    ("prop", "domain", "range_"),
    [
        (KG.reportedIn, None, KG.Article),
        (KG.attacker, KG.Attack, KG.Participant),
        (KG.target, KG.Attack, KG.Participant),
        (KG.casualties, KG.Attack, KG.CasualtyFigure),
        (KG.timePrecision, KG.Attack, KG.Precision),
        (KG.actor, KG.Participant, KG.Actor),
        (KG.strength, KG.Participant, KG.Quantity),
        (KG.equipmentType, KG.EquipmentItem, KG.EquipmentType),
        (KG.qualifier, KG.Quantity, KG.Qualifier),
        (KG.claimant, KG.Claim, KG.Actor),
        (KG.disputes, KG.Denial, KG.Attack),
        (KG.inArticle, KG.TextSpan, KG.Article),
        (KG.date, KG.Attack, XSD.date),
        (KG.clockTime, KG.Attack, XSD.string),
        (KG.wikidata, KG.Actor, XSD.anyURI),
    ],
)
def test_domains_and_ranges(
    onto: Graph, prop: URIRef, domain: URIRef | None, range_: URIRef
) -> None:
    if domain is not None:
        assert onto.value(prop, RDFS.domain) == domain
    assert onto.value(prop, RDFS.range) == range_


# KG["count"]: on an rdflib Namespace (a str), KG.count is str.count.
@pytest.mark.parametrize(
    "prop", [KG["count"], KG.startChar, KG.endChar, KG.value, KG.minValue, KG.maxValue]
)
def test_counts_are_integers_from_zero(onto: Graph, prop: URIRef) -> None:
    """xsd:integer >= 0, not xsd:nonNegativeInteger, which Oxigraph does not keep (MODEL.md)."""
    datatype = onto.value(prop, RDFS.range)
    assert onto.value(datatype, OWL.onDatatype) == XSD.integer
    (facet,) = Collection(onto, onto.value(datatype, OWL.withRestrictions))
    assert onto.value(facet, XSD.minInclusive) == Literal(0)


def test_attacker_and_target_are_sem_has_actor(onto: Graph) -> None:
    for prop in (KG.attacker, KG.target):
        assert (prop, RDFS.subPropertyOf, SEM.hasActor) in onto


def disjoint_groups(onto: Graph) -> list[set[URIRef]]:
    groups = []
    for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        groups.append(
            {m for m in Collection(onto, onto.value(axiom, OWL.members)) if isinstance(m, URIRef)}
        )
    return groups


def test_model_classes_are_disjoint(onto: Graph) -> None:
    wanted = {
        KG.Attack,
        KG.Actor,
        KG.Place,
        KG.Article,
        KG.CasualtyFigure,
        KG.Quantity,
        KG.TextSpan,
    }
    assert any(wanted <= group for group in disjoint_groups(onto))


def test_participant_and_actor_are_not_disjoint(onto: Graph) -> None:
    assert not any({KG.Participant, KG.Actor} <= group for group in disjoint_groups(onto))


SCHEMES = [
    (KG.SideScheme, KG.Side, records.Side),
    (KG.CasualtyKindScheme, KG.CasualtyKind, records.CasualtyKind),
    (KG.QualifierScheme, KG.Qualifier, records.Qualifier),
    (KG.PrecisionScheme, KG.Precision, records.Precision),
    (KG.OutcomeScheme, KG.Outcome, records.Outcome),
    (KG.PlaceRoleScheme, KG.PlaceRole, records.PlaceRole),
]


@pytest.mark.parametrize(("scheme", "cls", "enum"), SCHEMES)
def test_concept_schemes_match_the_records(
    onto: Graph, scheme: URIRef, cls: URIRef, enum: type[Enum]
) -> None:
    """Each scheme's concepts are its top concepts, and their labels are the enum's values."""
    concepts = set(onto.subjects(RDF.type, cls))
    assert set(onto.subjects(SKOS.inScheme, scheme)) == concepts
    assert set(onto.objects(scheme, SKOS.hasTopConcept)) == concepts
    assert (scheme, RDF.type, SKOS.ConceptScheme) in onto
    labels = {str(onto.value(c, SKOS.prefLabel)) for c in concepts}
    assert labels == {member.value for member in enum}


@pytest.mark.parametrize(("scheme", "cls", "enum"), SCHEMES)
def test_concepts_are_all_different(
    onto: Graph, scheme: URIRef, cls: URIRef, enum: type[Enum]
) -> None:
    concepts = set(onto.subjects(RDF.type, cls))
    lists = [
        set(Collection(onto, onto.value(a, OWL.distinctMembers)))
        for a in onto.subjects(RDF.type, OWL.AllDifferent)
    ]
    assert concepts in lists


def test_equipment_top_concepts_agree(onto: Graph) -> None:
    tops = set(onto.objects(KGEQ.scheme, SKOS.hasTopConcept))
    assert tops == set(onto.subjects(SKOS.topConceptOf, KGEQ.scheme))
    for concept in onto.subjects(RDF.type, KG.EquipmentType):
        assert concept in tops or onto.value(concept, SKOS.broader) is not None, concept


def test_every_individual_is_named(onto: Graph) -> None:
    for cls in (KG.EquipmentType, KG.Side, KG.Qualifier, KG.ArmedGroup, KG.StateForce, KG.Person):
        for node in onto.subjects(RDF.type, cls):
            assert (node, RDF.type, OWL.NamedIndividual) in onto, node


def test_case_sensitive_labels_are_also_alt_labels(onto: Graph) -> None:
    pairs = list(onto.subject_objects(KG.caseSensitiveLabel))
    assert len(pairs) >= 5
    for node, label in pairs:
        assert (node, SKOS.altLabel, label) in onto, (node, label)


def test_labels_are_english_literals(onto: Graph) -> None:
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for node, label in onto.subject_objects(prop):
            assert isinstance(label, Literal)
            assert label.language == "en", (node, label)
            assert str(label) == str(label).strip(), (node, label)
