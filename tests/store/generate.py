"""A generated corpus for the store comparison tests: random but reproducible articles,
mapped by kg's own ``extraction_to_graph``, so that every stored query has rows to return.

Attacks with prongs, hedged strengths, equipment, places (some linked to GeoNames
ids), known and unknown actors, casualty figures with claimants (conflicting ones
too), denials, dates at every precision, and an events graph joining reports of
the same attack from two articles.  ``write_corpus`` writes N-Quads for bulk loads.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.rdf import extraction_to_graph, graph_iri, place_iri
from kg.rdf.namespaces import GN, KG
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
    PlaceRole,
    Precision,
    Qualifier,
    Quantity,
    Side,
    Span,
    TimeExpr,
)
from kg.store.convert import quad_to_ox

__all__ = ["corpus", "write_corpus", "EVENTS"]

NewSpan = Callable[[], Span]  # gives a fresh evidence span

EVENTS = "https://w3id.org/kg/id/graph/events"

PLACES = [
    ("Aleppo", "170063"),
    ("Idlib", "169388"),
    ("Saraqib", "169113"),
    ("Maarat al-Numan", None),
    ("Abu Djreif", None),
    ("Khan Shaykhun", "169853"),
    ("Jisr al-Shughur", None),
    ("Latakia", "173579"),
    ("Hama", "177321"),
    ("Kafr Nabl", None),
    ("Deir ez-Zor", "170794"),
    ("Raqqa", "163915"),
    ("Tal Abyad", None),
    ("Afrin", None),
    ("Manbij", "166365"),
    ("Al-Rashidin", None),
]
KNOWN = [
    Actor("TIP", ActorKind.ARMED_GROUP, key="TurkistanIslamicParty"),
    Actor("HTS", ActorKind.ARMED_GROUP, key="HayatTahrirAlSham"),
    Actor("Hurras al-Din", ActorKind.ARMED_GROUP, key="HurrasAlDin"),
    Actor("the SDF", ActorKind.ARMED_GROUP, key="SyrianDemocraticForces"),
    Actor("Islamic State", ActorKind.ARMED_GROUP, key="IslamicState"),
]
OTHERS = [
    Actor("government forces", ActorKind.STATE_FORCE),
    Actor("Syrian army", ActorKind.STATE_FORCE),
    Actor("local militia", ActorKind.ARMED_GROUP),
    Actor("Kurdish fighters", ActorKind.ARMED_GROUP),
]
CLAIMANTS = [
    Actor("the Center", ActorKind.GOVERNMENT_BODY, key="RussianReconciliationCenter"),
    Actor("Syrian Observatory for Human Rights", ActorKind.UNKNOWN),
    Actor("Turkish Defence Ministry", ActorKind.GOVERNMENT_BODY, key="TurkishDefenceMinistry"),
    Actor("Reuters", ActorKind.MEDIA, key="Reuters"),
]
EQUIPMENT = [
    ("PickupTruck", "pickup trucks"),
    ("Tank", "tanks"),
    ("JihadMobile", "jihad-mobiles"),
    ("Mortar", "mortars"),
    ("HeavyMachineGun", "heavy machine guns"),
    ("Drone", "drones"),
]
KINDS = ["AirStrike", "Shelling", "GroundAssault", "Ambush", "DroneStrike", "Raid"]
WORDS = ["militants", "terrorists", "gunmen", "fighters", "units", "troops", "rebels"]
QUALIFIERS = [
    Qualifier.EXACT,
    Qualifier.UP_TO,
    Qualifier.ABOUT,
    Qualifier.NEARLY,
    Qualifier.AT_LEAST,
]
# deliberately awkward text: quotes, backslashes, newlines, non-ASCII
ODD = ['the "Red Bands"', "al-Qa'ida\\cells", "fighters\nof the north", "Ṭahrīr units", "ميليشيا"]


def corpus(articles: int = 300, seed: int = 5) -> list[tuple[str, Graph]]:
    """``articles`` article graphs plus the events graph, as (graph IRI, graph)."""
    rng = random.Random(seed)
    graphs = [_article(rng, n) for n in range(articles)]
    graphs.append((EVENTS, _events(rng, graphs)))
    return graphs


def write_corpus(path: Path, graphs: list[tuple[str, Graph]]) -> int:
    """Write the graphs as N-Quads; return the number of quads."""
    quads = [quad_to_ox(s, p, o, ox.NamedNode(name)) for name, graph in graphs for s, p, o in graph]
    ox.serialize(quads, str(path), format=ox.RdfFormat.N_QUADS)
    return len(quads)


def _article(rng: random.Random, n: int) -> tuple[str, Graph]:
    article_id = f"gen{n:04d}"
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(120))
    spans = iter(range(0, 100_000, 7))

    def span() -> Span:
        start = next(spans)
        return Span(start, start + 5, "words")

    attacks: list[Attack] = []
    for k in range(1, rng.randint(3, 6) + 1):
        parent = str(k - 1) if k > 1 and rng.random() < 0.25 else None
        attacks.append(_attack(rng, str(k), parent, day, span))
    article = Article(
        id=article_id,
        text="",
        date=day,
        title=f"Report {n}" if n % 3 else None,
        url=f"https://example.org/news/{n}" if n % 2 else None,
        source=rng.choice(["SANA", "TASS", "Reuters"]),
    )
    graph = extraction_to_graph(Extraction(article, tuple(attacks)))
    for attack in attacks:  # some places linked to GeoNames, as kg.link would
        base = URIRef(f"https://w3id.org/kg/id/article/{article_id}/attack/{attack.key}")
        for i, place in enumerate(attack.places, 1):
            gid = dict(PLACES).get(place.text)
            if gid:
                graph.add((place_iri(base, i), GN.geonamesID, Literal(gid)))
    return str(graph_iri(article_id)), graph


def _attack(rng: random.Random, key: str, parent: str | None, day: dt.date, new: NewSpan) -> Attack:
    attackers = tuple(
        _participant(rng, new, armed=True) for _ in range(rng.choice([1, 1, 1, 1, 2]))
    )
    targets = tuple(_participant(rng, new, armed=False) for _ in range(rng.choice([0, 1, 1, 1])))
    places = tuple(
        Place(
            name,
            new(),
            rng.choice([PlaceRole.LOCATION, PlaceRole.LOCATION, PlaceRole.AXIS]),
            within=rng.choice([None, "Syria", "Idlib province"]),
        )
        for name, _ in rng.sample(PLACES, rng.choice([1, 1, 1, 2]))
    )
    casualties = tuple(_figure(rng, new) for _ in range(rng.choice([0, 1, 1, 2])))
    claimant = rng.choice(CLAIMANTS)
    denials = (Claim(rng.choice(CLAIMANTS), new()),) if rng.random() < 0.1 else ()
    extra = {}
    if "kinds" in Attack.__dataclass_fields__:  # kinds of attack (kgt: concepts)
        extra["kinds"] = tuple(rng.sample(KINDS, rng.choice([0, 1, 1, 2])))
    return Attack(
        key,
        tuple(new() for _ in range(rng.randint(2, 8))),  # sentences
        **extra,
        parent=parent,
        attackers=attackers,
        targets=targets,
        places=places,
        time=_time(rng, day),
        casualties=casualties,
        claims=(Claim(claimant, new()),) if rng.random() < 0.7 else (),
        denials=denials,
    )


def _participant(rng: random.Random, new: NewSpan, *, armed: bool) -> Participant:
    actor = rng.choice(KNOWN if armed else OTHERS) if rng.random() < 0.6 else None
    text = actor.label if actor and rng.random() < 0.5 else rng.choice(WORDS + ODD)
    strength = None
    if armed and rng.random() < 0.6:
        value = rng.choice([20, 50, 200, 250, 450, 1000])
        strength = Quantity(value, rng.choice(QUALIFIERS), text=str(value))
    equipment = ()
    if armed and rng.random() < 0.5:
        equipment = tuple(
            Equipment(type_key, label, rng.choice([None, 1, 2, 4, 20]), new())
            for type_key, label in rng.sample(EQUIPMENT, rng.choice([1, 1, 2]))
        )
    return Participant(text, new(), actor=actor, strength=strength, equipment=equipment)


def _figure(rng: random.Random, new: NewSpan) -> Casualties:
    kind = rng.choice(
        [CasualtyKind.KILLED, CasualtyKind.KILLED, CasualtyKind.WOUNDED, CasualtyKind.NEUTRALIZED]
    )
    side = rng.choice([Side.ATTACKER, Side.TARGET, Side.CIVILIAN])
    quantity = Quantity(rng.choice([1, 2, 3, 7, 9, 25, 40, 50, 90]), rng.choice(QUALIFIERS))
    claim = Claim(rng.choice(CLAIMANTS), new()) if rng.random() < 0.8 else None
    return Casualties(
        kind, side, quantity, rng.choice(["soldiers", "militants", "civilians"]), new(), claim=claim
    )


def _time(rng: random.Random, day: dt.date) -> TimeExpr | None:
    roll = rng.random()
    if roll < 0.6:
        return TimeExpr(Precision.DAY, day - dt.timedelta(days=rng.randint(0, 2)))
    if roll < 0.75:
        start = day - dt.timedelta(days=day.weekday())
        return TimeExpr(Precision.WEEK, earliest=start, latest=start + dt.timedelta(days=6))
    if roll < 0.9:
        start = day.replace(day=1)
        return TimeExpr(Precision.MONTH, earliest=start, latest=start + dt.timedelta(days=27))
    return None


def _events(rng: random.Random, graphs: list[tuple[str, Graph]]) -> Graph:
    """Pairs of attacks from different articles made one event, as kg.identity does
    (which gives the event the lowest kg:listOrder of its reports)."""
    events = Graph()
    order = {s: o for _, g in graphs for s, o in g.subject_objects(KG.listOrder)}
    attacks = sorted(order, key=str)
    rng.shuffle(attacks)
    for n in range(0, min(len(attacks) - 1, 400), 2):
        event = URIRef(f"https://w3id.org/kg/id/event/gen{n:04d}")
        events.add((event, RDF.type, KG.AttackEvent))
        events.add((event, KG.report, attacks[n]))
        events.add((event, KG.report, attacks[n + 1]))
        events.add((event, KG.listOrder, min(order[attacks[n]], order[attacks[n + 1]])))
    return events
