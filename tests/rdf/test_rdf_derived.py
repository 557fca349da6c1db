"""kg.rdf.derived: the lookup keys and display values kg build writes for the queries."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Literal, URIRef

from kg.link.records import ArticleLinks, PlaceLink, PlaceLinks
from kg.rdf import casualties_iri, extraction_triples, place_iri, place_part_iri
from kg.rdf.derived import (
    actor_key,
    conflicting_figures,
    display_values,
    join_values,
    list_order,
    months,
    participant_keys,
    place_keys,
)
from kg.rdf.namespaces import KG
from kg.records import (
    Actor,
    ActorKind,
    Article,
    Attack,
    Casualties,
    CasualtyKind,
    Claim,
    Equipment,
    Extraction,
    Participant,
    Place,
    Precision,
    Quantity,
    Side,
    Span,
    Stance,
    TimeExpr,
)

SPAN = Span(0, 1, "x")
CENTER = Actor("the Center", ActorKind.GOVERNMENT_BODY, key="RussianReconciliationCenter")
CENTER_NAME = "Russian Center for Reconciliation of the Opposing Sides in Syria"
SOHR = Actor("SOHR")
D = dt.date


def _article(article_id: str, day: dt.date | None) -> Article:
    return Article(id=article_id, text="", date=day)


def test_list_order_goes_by_article_date_then_article_then_position() -> None:
    early, late = _article("b", D(2020, 1, 1)), _article("a", D(2020, 1, 2))
    undated = _article("c", None)
    orders = [list_order(a, i) for a in (early, late, undated) for i in (1, 2, 10)]
    assert orders == sorted(orders)
    assert len(set(orders)) == len(orders)
    assert {len(o) for o in orders} == {15}  # short: Oxigraph keeps it inline
    assert all(set(o) <= set("0123456789abcdefghijklmnopqrstuvwxyz") for o in orders)
    assert int(list_order(early, 1)[:5], 36) == D(2020, 1, 1).toordinal()
    assert list_order(undated, 1).startswith("zzzzz")
    assert list_order(early, 5000) == list_order(early, 36**2 - 1)  # within its digits


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        (None, []),
        (TimeExpr(Precision.DAY, D(2020, 1, 22)), [202001]),
        (TimeExpr(Precision.WEEK, earliest=D(2019, 12, 30), latest=D(2020, 1, 5)),
         [201912, 202001]),
        (TimeExpr(Precision.YEAR, earliest=D(2018, 1, 1), latest=D(2018, 12, 31)),
         [201800 + m for m in range(1, 13)]),
        (TimeExpr(Precision.MONTH, latest=D(2020, 3, 31)), [202003]),  # one bound: that day
        (TimeExpr(Precision.UNKNOWN), []),
        # kg:date is written only with day precision: a stray date elsewhere is not a span
        (TimeExpr(Precision.MONTH, D(2020, 5, 5)), []),
    ],
)  # fmt: skip
def test_months_cover_the_span(time: TimeExpr | None, expected: list[int]) -> None:
    assert months(time) == expected


def test_join_values_is_the_order_of_query_columns() -> None:
    assert join_values(["10", "9", "10"]) == "9;10"
    assert join_values(["tank", "Grad", "", "tank"]) == "Grad;tank"
    assert join_values(["", ""]) is None


def test_keys_of_places_and_participants() -> None:
    assert place_keys(Place("the Idlib province", SPAN, within="Syria")) == ["idlib", "syria"]
    militants = Participant("Militants", SPAN)
    assert participant_keys(militants) == ["militants"]
    tip = Participant(
        "TIP fighters", SPAN, actor=Actor("TIP", ActorKind.ARMED_GROUP, "TurkistanIslamicParty")
    )
    assert participant_keys(tip) == ["tip fighters", "turkistan islamic party"]
    # a name that is an alias of a known actor stands for it, linked or not
    assert participant_keys(Participant("government forces", SPAN)) == ["syrian arab army"]
    assert actor_key("SAA") == actor_key("Syrian Arab Army") == "syrian arab army"


def _figure(
    kind: CasualtyKind, side: Side, value: int | None, by: Actor | None = None
) -> Casualties:
    return Casualties(kind, side, Quantity(value), "", SPAN, claim=Claim(by, SPAN) if by else None)


def _attack() -> Attack:
    return Attack(
        "1",
        (SPAN,),
        attackers=(
            Participant(
                "militants",
                SPAN,
                strength=Quantity(450),
                equipment=(
                    Equipment("PickupTruck", "technicals", 20, SPAN),
                    Equipment("NoSuchType", "war elephants", None, SPAN),
                ),
            ),
            Participant("gunmen", SPAN, strength=Quantity(None)),
        ),
        targets=(
            Participant("a checkpoint", SPAN, equipment=(Equipment("Tank", "tank", 2, SPAN),)),
        ),
        places=(Place("Idlib", SPAN), Place("Aleppo", SPAN)),
        casualties=(
            _figure(CasualtyKind.KILLED, Side.TARGET, 40, CENTER),
            _figure(CasualtyKind.KILLED, Side.TARGET, 25, SOHR),
            _figure(CasualtyKind.KILLED, Side.TARGET, 40, SOHR),  # the same number: no conflict
            _figure(CasualtyKind.WOUNDED, Side.TARGET, 7, CENTER),  # another kind
            _figure(CasualtyKind.KILLED, Side.CIVILIAN, 3),
            _figure(CasualtyKind.KILLED, Side.UNKNOWN, 9, SOHR),  # no column
            _figure(CasualtyKind.NEUTRALIZED, Side.ATTACKER, 12, SOHR),  # no column
            _figure(CasualtyKind.WOUNDED, Side.ATTACKER, None, CENTER),  # "dozens": no number
            Casualties(CasualtyKind.KILLED, Side.ATTACKER, Quantity(5), "", SPAN,
                       claim=Claim(Actor("Turkish Defence Ministry"), SPAN, Stance.DENIES)),
        ),
        claims=(Claim(Actor("AFP"), SPAN), Claim(Actor("the army"), SPAN, Stance.DENIES)),
        denials=(Claim(Actor("Turkish Defence Ministry"), SPAN),),
    )  # fmt: skip


def test_display_values_are_the_attacks_columns() -> None:
    assert dict(display_values(_attack())) == {
        KG.placeNames: "Aleppo;Idlib",
        KG.attackerNames: "gunmen;militants",
        KG.targetNames: "a checkpoint",
        KG.attackerStrength: "450",
        # the type's skos:prefLabel, else the item as written; the target's tanks are no
        # attacking force
        KG.equipmentNames: "20 pickup truck;war elephants",
        KG.killedTargets: "25;40",
        KG.killedCivilians: "3",
        KG.killedAttackers: "5",
        KG.woundedTargets: "7",
        # who asserted the attack or a figure; who disputed the attack (a figure's denial
        # disputes the figure, not the attack)
        KG.claimedBy: f"AFP;{CENTER_NAME};SOHR",
        KG.disputedBy: "the army;Turkish Defence Ministry",
    }


def test_conflicting_figures_differ_in_number_and_claimant() -> None:
    assert conflicting_figures(_attack()) == [(1, 2)]


def test_the_mapping_writes_them() -> None:
    article = _article("d1", D(2020, 1, 23))
    figures = Attack("1", (SPAN,), casualties=_attack().casualties[:3])
    compound = Place("Abu-Djreif-Samka", SPAN)
    attack = Attack("2", (SPAN,), places=(compound,), time=TimeExpr(Precision.DAY, D(2020, 1, 22)))
    links = ArticleLinks(
        (
            PlaceLinks(
                compound,
                (
                    PlaceLink("Abu-Djreif", 1, "Abu Jurayf", 1.0, 1.0, "P.PPL", 0.9),
                    PlaceLink("Samka", 2, "Samka", 1.0, 1.0, "P.PPL", 0.9),
                ),
            ),
        )
    )
    triples = set(extraction_triples(Extraction(article, (figures, attack)), links))
    first = URIRef("https://w3id.org/kg/id/article/d1/attack/1")
    second = URIRef("https://w3id.org/kg/id/article/d1/attack/2")
    assert (first, KG.listOrder, Literal(list_order(article, 1))) in triples
    assert (second, KG.listOrder, Literal(list_order(article, 2))) in triples
    assert (second, KG.month, Literal(202001)) in triples
    f1, f2 = casualties_iri(first, 1), casualties_iri(first, 2)
    assert {(f1, KG.conflictsWith, f2), (f2, KG.conflictsWith, f1)} <= triples
    assert len([t for t in triples if t[1] == KG.conflictsWith]) == 2
    place = place_iri(second, 1)
    assert (place, KG.nameKey, Literal("abu-djreif-samka")) in triples
    assert (place_part_iri(place, 2), KG.nameKey, Literal("samka")) in triples
