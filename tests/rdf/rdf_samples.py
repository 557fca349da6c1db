"""A small hand-built extraction for the kg.rdf tests.

Run ``python tests/rdf/rdf_samples.py`` from the project root to rewrite
``tests/rdf/data/expected_small.trig`` (then read the diff by hand: see data/README.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
    Outcome,
    Participant,
    Place,
    PlaceRole,
    Precision,
    Qualifier,
    Quantity,
    Side,
    Span,
    TimeExpr,
)

EXPECTED = Path(__file__).parent / "data" / "expected_small.trig"

TEXT = (
    "Some 450 militants attacked government forces in Idlib on January 22, the Center said. "
    "Up to 200 militants of the Turkistan Islamic Party attacked in the direction of "
    "Abu-Djreif-Samka with 20 pickup trucks and machine guns. "
    "Nearly 40 Syrian troops were killed and up to 90 militants were wounded; "
    "between 10 and 15 civilians were wounded. "
    "The Turkish Defence Ministry said no such assault took place."
)

CENTER = Actor("the Center", ActorKind.GOVERNMENT_BODY, key="RussianReconciliationCenter")
TIP = Actor("Turkistan Islamic Party", ActorKind.ARMED_GROUP, key="TurkistanIslamicParty")
GOV = Actor("government forces", ActorKind.STATE_FORCE)
TURKEY = Actor("Turkish Defence Ministry", ActorKind.GOVERNMENT_BODY)


def span(text: str) -> Span:
    """The span of the first occurrence of ``text`` in TEXT."""
    start = TEXT.index(text)
    return Span(start, start + len(text), text)


def sentence(first_words: str) -> Span:
    start = TEXT.index(first_words)
    end = TEXT.index(". ", start) + 1 if ". " in TEXT[start:] else len(TEXT)
    return Span(start, end, TEXT[start:end])


def _overall() -> Attack:
    said = Claim(CENTER, span("the Center said"))
    return Attack(
        key="1",
        evidence=(sentence("Some 450"),),
        attackers=(
            Participant(
                "militants",
                span("Some 450 militants"),
                strength=Quantity(450, Qualifier.ABOUT, text="some"),
            ),
        ),
        targets=(Participant("government forces", span("government forces"), actor=GOV),),
        places=(Place("Idlib", span("Idlib"), within="Syria"),),
        time=TimeExpr(Precision.DAY, dt.date(2020, 1, 22), clock="21:00", text="on January 22"),
        casualties=(
            Casualties(
                CasualtyKind.KILLED,
                Side.TARGET,
                Quantity(40, Qualifier.NEARLY, text="nearly"),
                "Syrian troops",
                span("Nearly 40 Syrian troops were killed"),
                claim=said,
            ),
            Casualties(
                CasualtyKind.WOUNDED,
                Side.ATTACKER,
                Quantity(90, Qualifier.UP_TO, text="up to"),
                "militants",
                span("up to 90 militants were wounded"),
            ),
            Casualties(
                CasualtyKind.WOUNDED,
                Side.CIVILIAN,
                Quantity(None, Qualifier.RANGE, low=10, high=15, text="between"),
                "civilians",
                span("between 10 and 15 civilians were wounded"),
            ),
        ),
        outcomes=(Outcome.REPELLED,),
        claims=(said,),
    )


def _prong() -> Attack:
    tip = Participant(
        "Turkistan Islamic Party",
        span("Up to 200 militants of the Turkistan Islamic Party"),
        actor=TIP,
        strength=Quantity(200, Qualifier.UP_TO, text="up to"),
        equipment=(
            Equipment("PickupTruck", "pickup trucks", 20, span("20 pickup trucks")),
            Equipment("HeavyMachineGun", "machine guns", None, span("machine guns")),
        ),
    )
    return Attack(
        key="2",
        evidence=(sentence("Up to 200"),),
        parent="1",
        attackers=(tip,),
        places=(Place("Abu-Djreif-Samka", span("Abu-Djreif-Samka"), PlaceRole.AXIS),),
        time=TimeExpr(Precision.WEEK, earliest=dt.date(2020, 1, 20), latest=dt.date(2020, 1, 26)),
        denials=(Claim(TURKEY, sentence("The Turkish Defence Ministry")),),
    )


def small_extraction() -> Extraction:
    article = Article(
        id="small_1",
        text=TEXT,
        date=dt.date(2020, 1, 23),
        title="Militants attack government forces in Idlib",
        url="https://example.org/news/1",
        source="TASS",
    )
    return Extraction(article, (_overall(), _prong()), actors=(CENTER, TIP, GOV, TURKEY))


def main() -> None:
    from kg.rdf import extraction_to_graph, graph_iri, write_dataset

    x = small_extraction()
    write_dataset([(str(graph_iri(x.article.id)), extraction_to_graph(x))], EXPECTED)
    print(f"wrote {EXPECTED}")


if __name__ == "__main__":
    main()
