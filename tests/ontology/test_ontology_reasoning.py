"""kg.validate.check_consistency: owlready2 + HermiT over the ontology and a data graph."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph

from kg.errors import InconsistentOntologyError, KgError
from kg.validate import check_consistency

pytestmark = [pytest.mark.java, pytest.mark.usefixtures("java")]

PREFIXES = """
@prefix kg:  <https://w3id.org/kg/ontology#> .
@prefix kga: <https://w3id.org/kg/actor#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix id:  <https://w3id.org/kg/id/> .
"""


def turtle(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def test_the_ontology_alone_is_consistent() -> None:
    check_consistency(Graph())


def test_the_valid_graph_is_consistent(valid_dataset: Dataset) -> None:
    check_consistency(valid_dataset)


def test_a_node_both_attack_and_place_is_inconsistent() -> None:
    with pytest.raises(InconsistentOntologyError, match=r"id/x> is kg:Attack and kg:Place"):
        check_consistency(turtle("id:x a kg:Attack, kg:Place ."))


def test_a_place_as_attacker_is_inconsistent() -> None:
    """kg:attacker's range is kg:Participant, disjoint with kg:Place."""
    data = turtle("id:a a kg:Attack ; kg:attacker id:p . id:p a kg:Place .")
    with pytest.raises(InconsistentOntologyError, match=r"id/p> is kg:Participant and kg:Place"):
        check_consistency(data)


def test_a_known_actor_as_place_is_inconsistent() -> None:
    """kg:Attack only has kg:Place values of sem:hasPlace; kga:Taliban is a kg:Actor."""
    with pytest.raises(InconsistentOntologyError):
        check_consistency(turtle("id:a a kg:Attack ; sem:hasPlace kga:Taliban ."))


def test_two_qualifiers_are_inconsistent() -> None:
    """kg:qualifier is functional and the qualifiers are all different."""
    with pytest.raises(InconsistentOntologyError) as caught:
        check_consistency(turtle("id:q a kg:Quantity ; kg:qualifier kg:UpTo, kg:Nearly ."))
    assert isinstance(caught.value, KgError)
    assert "functional property" in str(caught.value)


def test_a_negative_offset_is_inconsistent() -> None:
    """kg:startChar's range is xsd:integer restricted to >= 0."""
    with pytest.raises(InconsistentOntologyError):
        check_consistency(turtle("id:s a kg:TextSpan ; kg:startChar -1 ."))


def test_no_class_is_unsatisfiable() -> None:
    """A design error (e.g. a class under two disjoint ones) leaves the ABox consistent."""
    import io

    import owlready2

    from kg.ontology import load_ontology

    world = owlready2.World()
    try:
        ntriples = load_ontology().serialize(format="nt", encoding="utf-8")
        world.get_ontology("https://w3id.org/kg/ontology").load(
            fileobj=io.BytesIO(ntriples), format="ntriples"
        )
        owlready2.sync_reasoner(world, debug=0, ignore_unsupported_datatypes=True)
        assert list(world.inconsistent_classes()) == []
    finally:
        world.close()
