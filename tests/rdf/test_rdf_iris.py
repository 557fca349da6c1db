"""kg.rdf.iris: the IRI patterns of docs/MODEL.md."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.rdf import iris
from kg.records import Actor

ID = "https://w3id.org/kg/id/"


def test_patterns_follow_the_model() -> None:
    attack = iris.attack_iri("a1", "2")
    assert str(iris.article_iri("a1")) == ID + "article/a1"
    assert str(iris.graph_iri("a1")) == ID + "graph/a1"
    assert str(attack) == ID + "article/a1/attack/2"
    target = iris.participant_iri(attack, "target", 1)
    assert str(target) == ID + "article/a1/attack/2/target/1"
    assert str(iris.strength_iri(target)) == str(target) + "/strength"
    assert str(iris.equipment_iri(target, 3)) == str(target) + "/equipment/3"
    assert str(iris.place_iri(attack, 1)) == str(attack) + "/place/1"
    figure = iris.casualties_iri(attack, 2)
    assert str(figure) == str(attack) + "/casualties/2"
    assert str(iris.quantity_iri(figure)) == str(figure) + "/quantity"
    assert str(iris.span_iri("a1", 5, 17)) == ID + "article/a1/span/5-17"


def test_ids_with_odd_characters_give_valid_iris() -> None:
    iri = iris.article_iri("feed/ä b#1")
    assert str(iri) == ID + "article/feed%2F%C3%A4%20b%231"


def test_claim_iri_is_a_sha1_of_claimant_span_and_target() -> None:
    attack = iris.attack_iri("a1", "1")
    one = iris.claim_iri("a1", "the Center", 10, 20, attack)
    assert one == iris.claim_iri("a1", "the Center", 10, 20, attack)
    assert str(one).startswith(ID + "article/a1/claim/")
    assert len(str(one).rsplit("/", 1)[1]) == 12
    others = {
        iris.claim_iri("a1", "SOHR", 10, 20, attack),
        iris.claim_iri("a1", "the Center", 11, 20, attack),
        iris.claim_iri("a1", "the Center", 10, 20, iris.attack_iri("a1", "2")),
    }
    assert one not in others
    assert len(others) == 3


def test_known_actor_is_a_kga_iri_unknown_is_minted_from_its_label() -> None:
    known = Actor("the TIP", key="TurkistanIslamicParty")
    assert iris.actor_iri(known) == URIRef("https://w3id.org/kg/actor#TurkistanIslamicParty")
    unknown = Actor("Syrian Observatory for Human Rights")
    assert str(iris.actor_iri(unknown)) == ID + "actor/syrian-observatory-for-human-rights"


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Hay'at Tahrir al-Sham", "hayat-tahrir-al-sham"),
        ("  Abū Juraif  ", "abu-juraif"),
        ("Syria’s army", "syrias-army"),
        ("10th Division", "10th-division"),
    ],
)
def test_slug(label: str, slug: str) -> None:
    assert iris.slug(label) == slug


def test_slug_of_a_label_without_latin_letters_is_a_stable_hash() -> None:
    assert iris.slug("الجيش") == iris.slug("الجيش")
    assert iris.slug("الجيش").startswith("x-")
    assert iris.slug("الجيش") != iris.slug("جيش")
