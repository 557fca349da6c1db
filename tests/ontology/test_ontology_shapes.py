"""ontology/shapes.ttl through kg.validate.validate_graph: the valid graph conforms,
each broken variant fails with the expected message."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Dataset, Graph, URIRef

from kg.ontology import ONTOLOGY_GRAPH, ontology_graph
from kg.validate import ValidationReport, validate_graph

Variant = Callable[[str], Graph]
A1 = "https://w3id.org/kg/id/article/a1/"  # the valid graph's nodes (conftest.py)


def test_valid_dataset_conforms(valid_dataset: Dataset) -> None:
    report = validate_graph(valid_dataset)
    assert report == ValidationReport(True, ())
    assert report.text == "conforms"


def test_valid_graph_conforms_and_is_not_modified(valid_graph: Graph) -> None:
    before = len(valid_graph)
    assert validate_graph(valid_graph).conforms
    assert len(valid_graph) == before


def test_the_ontology_graph_in_a_dataset_is_fine(valid_dataset: Dataset) -> None:
    target = valid_dataset.graph(URIRef(ONTOLOGY_GRAPH))
    target += ontology_graph()
    assert validate_graph(valid_dataset).conforms


def test_known_actors_need_the_ontology(valid_graph: Graph) -> None:
    """Without the ontology kga:SyrianArabArmy would not be a kg:Actor: validate_graph adds it."""
    assert (URIRef("https://w3id.org/kg/actor#SyrianArabArmy"), None, None) not in valid_graph
    assert validate_graph(valid_graph).conforms


def case(name: str, update: str, focus: str, expected: str) -> object:
    """A broken variant: the SPARQL Update that breaks the valid graph, the focus node
    (relative to article/a1/) and the text its violation must contain."""
    return pytest.param(update, focus, expected, id=name)


KGEQ = "https://w3id.org/kg/equipment#"
SPAN = "<span/0-173>"
QUANTITY = "<attack/1/casualties/1/quantity>"
EQUIPMENT = "<attack/1/attacker/1/equipment/1>"
BROKEN = [
    case(
        "attack-without-evidence",
        "DELETE WHERE { <attack/1> kg:evidence ?s }",
        "attack/1",
        "kg:evidence: An attack needs at least one kg:evidence kg:TextSpan. [MinCount]",
    ),
    case(
        "figure-without-evidence",
        "DELETE WHERE { <attack/1/casualties/1> kg:evidence ?s }",
        "attack/1/casualties/1",
        "kg:evidence: A casualty figure needs at least one kg:evidence kg:TextSpan. [MinCount]",
    ),
    case(
        "negative-value",
        "DELETE { ?q kg:value ?v } INSERT { ?q kg:value -5 }"
        " WHERE { BIND(<attack/1/attacker/1/strength> AS ?q) ?q kg:value ?v }",
        "attack/1/attacker/1/strength",
        "kg:value: kg:value is at most one xsd:integer >= 0. [MinInclusive, value",
    ),
    case(
        "two-qualifiers",
        f"INSERT DATA {{ {QUANTITY} kg:qualifier kg:About }}",
        "attack/1/casualties/1/quantity",
        "kg:qualifier: A quantity has exactly one kg:qualifier, a concept of kg:QualifierScheme."
        " [MaxCount]",
    ),
    case(
        "no-qualifier",
        f"DELETE WHERE {{ {QUANTITY} kg:qualifier ?q }}",
        "attack/1/casualties/1/quantity",
        "kg:qualifier: A quantity has exactly one kg:qualifier, a concept of kg:QualifierScheme."
        " [MinCount]",
    ),
    case(
        "min-above-max",
        f"INSERT DATA {{ {QUANTITY} kg:minValue 50 }}",
        "attack/1/casualties/1/quantity",
        "kg:minValue: kg:minValue is at most one xsd:integer >= 0, not above kg:maxValue."
        " [LessThanOrEquals",
    ),
    case(
        "negative-count",
        f"DELETE WHERE {{ {EQUIPMENT} kg:count ?c }} ; INSERT DATA {{ {EQUIPMENT} kg:count -2 }}",
        "attack/1/attacker/1/equipment/1",
        "kg:count: kg:count is at most one xsd:integer >= 0. [MinInclusive, value",
    ),
    case(
        "attack-not-reported",
        "DELETE WHERE { <attack/1> kg:reportedIn ?a }",
        "attack/1",
        "kg:reportedIn: An attack is reported in exactly one kg:Article. [MinCount]",
    ),
    case(
        "claimant-not-an-actor",
        "DELETE WHERE { <claim/5d2b9c0e4a17> kg:claimant ?c } ;"
        " INSERT DATA { <claim/5d2b9c0e4a17> kg:claimant <attack/1/place/1> }",
        "claim/5d2b9c0e4a17",
        "kg:claimant: A claim has exactly one kg:claimant, a kg:Actor",
    ),
    case(
        "denial-disputes-nothing",
        "DELETE WHERE { <claim/0f3e8a61c2d4> kg:disputes ?a }",
        "claim/0f3e8a61c2d4",
        "kg:disputes: A denial disputes at least one kg:Attack. [MinCount]",
    ),
    case(
        "place-as-attacker",
        "INSERT DATA { <attack/1> kg:attacker <attack/1/place/1> }",
        "attack/1",
        "kg:attacker: kg:attacker values are kg:Participant nodes. [Class, value",
    ),
    case(
        "date-without-day-precision",
        "DELETE WHERE { <attack/1> kg:timePrecision ?p } ;"
        " INSERT DATA { <attack/1> kg:timePrecision kg:WeekPrecision }",
        "attack/1",
        ": An attack with a kg:date has kg:timePrecision kg:DayPrecision. [Or]",
    ),
    case(
        "precision-not-a-precision",
        "INSERT DATA { <attack/1> kg:timePrecision kg:Killed }",
        "attack/1",
        "kg:timePrecision: kg:timePrecision is at most one concept of kg:PrecisionScheme."
        " [In, value kg:Killed]",
    ),
    case(
        "clock-time-not-hh-mm",
        "INSERT DATA { <attack/1> kg:clockTime '9 pm' }",
        "attack/1",
        "kg:clockTime: kg:clockTime is at most one xsd:string HH:MM. [Pattern",
    ),
    case(
        "span-start-after-end",
        f"DELETE WHERE {{ {SPAN} kg:startChar ?s }} ; INSERT DATA {{ {SPAN} kg:startChar 200 }}",
        "span/0-173",
        "kg:startChar: A text span has exactly one kg:startChar (xsd:integer >= 0),"
        " not after its kg:endChar. [LessThanOrEquals",
    ),
    case(
        "span-end-wrong-datatype",
        f"DELETE WHERE {{ {SPAN} kg:endChar ?s }} ;"
        f" INSERT DATA {{ {SPAN} kg:endChar '173'^^xsd:nonNegativeInteger }}",
        "span/0-173",
        "kg:endChar: A text span has exactly one kg:endChar (xsd:integer >= 0). [Datatype",
    ),
    case(
        "unknown-equipment-type",
        f"DELETE WHERE {{ {EQUIPMENT} kg:equipmentType ?t }} ;"
        f" INSERT DATA {{ {EQUIPMENT} kg:equipmentType <{KGEQ}Spaceship> }}",
        "attack/1/attacker/1/equipment/1",
        "kg:equipmentType: An equipment item has exactly one kg:equipmentType,"
        " a concept of kgeq:scheme. [Class",
    ),
    case(
        "participant-without-label",
        "DELETE WHERE { <attack/1/target/1> <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        "attack/1/target/1",
        "A participant has exactly one rdfs:label (xsd:string), its name as written. [MinCount]",
    ),
    case(
        "attack-iri-not-minted",
        "INSERT DATA { <http://example.org/attack> a kg:Attack ;"
        f" kg:reportedIn <https://w3id.org/kg/id/article/a1> ; kg:evidence {SPAN} }}",
        "http://example.org/attack",
        ": Value does not match pattern",
    ),
]


@pytest.mark.parametrize(("update", "focus", "expected"), BROKEN)
def test_broken_variant_fails(variant: Variant, update: str, focus: str, expected: str) -> None:
    report = validate_graph(variant(update))
    assert not report.conforms
    node = focus if focus.startswith("http") else A1 + focus
    assert any(v.startswith(f"<{node}>") and expected in v for v in report.violations), report.text


def test_violations_are_sorted_and_listed_in_text(variant: Variant) -> None:
    report = validate_graph(
        variant(
            "DELETE WHERE { <attack/1> kg:evidence ?s } ;"
            " INSERT DATA { <attack/1/place/1> kg:within 7 }"
        )
    )
    assert len(report.violations) == 2
    assert list(report.violations) == sorted(report.violations)
    assert report.text == "\n".join(report.violations)
