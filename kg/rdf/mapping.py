"""Extraction records -> the triples of one article's named graph (docs/MODEL.md).

Every node gets a deterministic IRI (``kg.rdf.iris``): no blank nodes, so two
runs over the same extraction give equal graphs.  Known actors (``Actor.key``)
are referenced as ``kga:{key}`` and not redefined here: their labels live in the
ontology graph.  Places carry their gazetteer links (``kg.link``) when given:
``owl:sameAs`` the GeoNames feature (and Wikidata item), ``gn:geonamesID``,
WGS84 ``geo:lat``/``geo:long``, ``geosparql:asWKT``, ``gn:featureCode`` and
``kg:linkConfidence``; a compound mention gets one ``kg:placePart`` per place.
Attacks, places and participants also get the lookup keys and display values of
``kg.rdf.derived``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.names import place_key
from kg.rdf import derived, iris
from kg.rdf import namespaces as _ns
from kg.rdf.namespaces import PREFIXES, Terms
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
    Stance,
    TimeExpr,
)
from kg.vocab import KGT

# read per triple: each term looked up once (see Terms)
GEO, GEOSPARQL, GN = Terms(_ns.GEO), Terms(_ns.GEOSPARQL), Terms(_ns.GN)
KG, KGEQ, OWL = Terms(_ns.KG), Terms(_ns.KGEQ), Terms(_ns.OWL)
RDF, RDFS, SCHEMA = Terms(_ns.RDF), Terms(_ns.RDFS), Terms(_ns.SCHEMA)
SEM, XSD = Terms(_ns.SEM), Terms(_ns.XSD)

if TYPE_CHECKING:
    from kg.link.records import ArticleLinks, PlaceLink

__all__ = [
    "extraction_to_graph",
    "extraction_triples",
    "link_triples",
    "place_link_triples",
    "LINK_PREDICATES",
]

QUALIFIERS = {
    Qualifier.EXACT: KG.Exact,
    Qualifier.UP_TO: KG.UpTo,
    Qualifier.NEARLY: KG.Nearly,
    Qualifier.ABOUT: KG.About,
    Qualifier.AT_LEAST: KG.AtLeast,
    Qualifier.MORE_THAN: KG.MoreThan,
    Qualifier.LESS_THAN: KG.LessThan,
    Qualifier.RANGE: KG.Range,
    Qualifier.VAGUE: KG.Vague,
}
PRECISIONS = {
    Precision.DAY: KG.DayPrecision,
    Precision.WEEK: KG.WeekPrecision,
    Precision.MONTH: KG.MonthPrecision,
    Precision.YEAR: KG.YearPrecision,
    Precision.UNKNOWN: KG.UnknownPrecision,
}
SIDES = {
    Side.ATTACKER: KG.AttackerSide,
    Side.TARGET: KG.TargetSide,
    Side.CIVILIAN: KG.CivilianSide,
    Side.UNKNOWN: KG.UnknownSide,
}
KINDS = {
    CasualtyKind.KILLED: KG.Killed,
    CasualtyKind.WOUNDED: KG.Wounded,
    CasualtyKind.NEUTRALIZED: KG.Neutralized,
}
OUTCOMES = {
    Outcome.REPELLED: KG.Repelled,
    Outcome.POSITIONS_SEIZED: KG.PositionsSeized,
    Outcome.SETTLEMENT_CAPTURED: KG.SettlementCaptured,
    Outcome.FORCES_WITHDREW: KG.ForcesWithdrew,
}
PLACE_ROLES = {
    PlaceRole.LOCATION: KG.LocationRole,
    PlaceRole.AXIS: KG.AxisRole,
    PlaceRole.ORIGIN: KG.OriginRole,
}
ACTOR_CLASSES = {
    ActorKind.ARMED_GROUP: KG.ArmedGroup,
    ActorKind.STATE_FORCE: KG.StateForce,
    ActorKind.GOVERNMENT_BODY: KG.GovernmentBody,
    ActorKind.MEDIA: KG.MediaOutlet,
    ActorKind.PERSON: KG.Person,
    ActorKind.UNKNOWN: KG.Actor,
}


def extraction_triples(x: Extraction, links: ArticleLinks | None = None) -> list[Triple]:
    """The content of article ``x.article.id``'s named graph as a list of distinct
    triples (the fast path ``kg build`` takes: no rdflib Graph is built);
    ``links`` (``kg.link.link_extraction``) adds the places' gazetteer links."""
    builder = _Builder(x.article, links)
    for actor in x.actors:
        builder.actor(actor)
    builder.dateline(x)
    for position, attack in enumerate(x.attacks, 1):
        builder.attack(attack, position)
    return list(builder.triples)


def extraction_to_graph(x: Extraction, links: ArticleLinks | None = None) -> Graph:
    """The same content as an rdflib Graph, with kg's prefixes bound."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for triple in extraction_triples(x, links):
        graph.add(triple)
    return graph


@lru_cache(maxsize=1 << 14)
def _count(value: int) -> Literal:
    """A count or offset: xsd:integer (Oxigraph stores xsd:nonNegativeInteger as xsd:integer).

    Cached: the same offsets and counts recur in every article, and rdflib's
    ``Literal`` is slow to make (literals are immutable, so sharing one is safe)."""
    return Literal(value, datatype=XSD.integer)


def _decimal(value: float, places: int) -> Literal:
    """A coordinate or confidence as xsd:decimal in the canonical form Oxigraph gives
    back ("36", "35.73271"), so that what is read from the store equals what was written.

    >>> str(_decimal(36.0, 6)), str(_decimal(35.732710, 6)), str(_decimal(-0.00001, 3))
    ('36', '35.73271', '0')
    """
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return Literal(Decimal(text), datatype=XSD.decimal)


LINK_PREDICATES = (
    OWL.sameAs,
    GN.geonamesID,
    GEO.lat,
    GEO.long,
    GEOSPARQL.asWKT,
    GN.featureCode,
    KG.linkConfidence,
)
"""The predicates of the link triples of a place node (``kg link`` replaces them)."""


def place_link_triples(
    node: URIRef, role: URIRef, evidence: URIRef, links: Sequence[PlaceLink]
) -> list[tuple[URIRef, URIRef, Node]]:
    """The link triples of one place node: on the node itself for one link; one
    ``kg:placePart`` node per link for a compound mention (its parts share the
    mention's role and evidence)."""
    if len(links) == 1:
        return link_triples(node, links[0])
    triples: list[tuple[URIRef, URIRef, Node]] = []
    for j, link in enumerate(links, 1):
        part = iris.place_part_iri(node, j)
        triples += [
            (node, KG.placePart, part),
            (part, RDF.type, KG.Place),
            (part, RDFS.label, Literal(link.text)),
            (part, KG.nameKey, Literal(place_key(link.text))),
            (part, KG.placeRole, role),
            (part, KG.evidence, evidence),
            *link_triples(part, link),
        ]
    return triples


def link_triples(node: URIRef, link: PlaceLink) -> list[tuple[URIRef, URIRef, Node]]:
    """The triples that link one place node to its gazetteer feature."""
    triples: list[tuple[URIRef, URIRef, Node]] = []
    if link.geonames_iri:
        triples.append((node, OWL.sameAs, URIRef(link.geonames_iri)))
        triples.append((node, GN.geonamesID, Literal(str(link.geonames_id))))
    if link.wikidata_iri:
        triples.append((node, OWL.sameAs, URIRef(link.wikidata_iri)))
    if link.lat is not None and link.lon is not None:
        lat, lon = _decimal(link.lat, 6), _decimal(link.lon, 6)
        triples.append((node, GEO.lat, lat))
        triples.append((node, GEO.long, lon))
        wkt = f"POINT({lon} {lat})"
        triples.append((node, GEOSPARQL.asWKT, Literal(wkt, datatype=GEOSPARQL.wktLiteral)))
    if link.feature_code:
        triples.append((node, GN.featureCode, GN[link.feature_code]))
    triples.append((node, KG.linkConfidence, _decimal(link.confidence, 3)))
    return triples


Triple = tuple[Node, URIRef, Node]


class _Builder:
    """Collects the triples of one article in ``self.triples`` (an ordered set)."""

    def __init__(self, article: Article, links: ArticleLinks | None = None) -> None:
        self.links = links
        self.triples: dict[Triple, None] = {}
        self._spans: dict[tuple[int, int], URIRef] = {}  # written once, cited often
        self.aid = article.id
        self.source = article
        self.article = iris.article_iri(article.id)
        self._article(article)

    def add(self, s: Node, p: URIRef, o: Node | None) -> None:
        if o is not None:
            self.triples[(s, p, o)] = None

    def _article(self, a: Article) -> None:
        node = self.article
        self.add(node, RDF.type, KG.Article)
        self.add(node, SCHEMA.identifier, Literal(a.id))
        self.add(node, SCHEMA.datePublished, Literal(a.date) if a.date else None)
        self.add(node, SCHEMA.headline, Literal(a.title) if a.title else None)
        self.add(node, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI) if a.url else None)
        self.add(node, SCHEMA.publisher, Literal(a.source) if a.source else None)

    def dateline(self, x: Extraction) -> None:
        """ "MOSCOW, January 23. /TASS/.": where the report was filed, and by whom."""
        if x.dateline is not None:
            node = URIRef(f"{self.article}/dateline")
            self.add(node, RDF.type, KG.Place)
            self.add(node, RDFS.label, Literal(x.dateline.text))
            self.add(node, KG.placeRole, PLACE_ROLES[x.dateline.role])
            self.name_keys(node, derived.place_keys(x.dateline))
            self.evidence(node, x.dateline.evidence)
            self.add(self.article, SCHEMA.locationCreated, node)
            self.links_of(node, x.dateline)
        if x.dateline_source is not None:
            self.add(self.article, SCHEMA.sourceOrganization, self.actor(x.dateline_source))

    def span(self, span: Span) -> URIRef:
        node = self._spans.get((span.start, span.end))
        if node is not None:  # the same characters: the same text, already written
            return node
        node = self._spans[(span.start, span.end)] = iris.span_iri(self.aid, span.start, span.end)
        self.add(node, RDF.type, KG.TextSpan)
        self.add(node, KG.inArticle, self.article)
        self.add(node, KG.startChar, _count(span.start))
        self.add(node, KG.endChar, _count(span.end))
        self.add(node, KG.text, Literal(span.text))
        return node

    def evidence(self, node: URIRef, *spans: Span) -> None:
        for span in spans:
            self.add(node, KG.evidence, self.span(span))

    def actor(self, actor: Actor) -> URIRef:
        """The actor's IRI; an actor outside the ontology is defined here."""
        node = iris.actor_iri(actor)
        if not actor.key:
            self.add(node, RDF.type, KG.Actor)
            self.add(node, RDF.type, ACTOR_CLASSES[actor.kind])
            self.add(node, RDFS.label, Literal(actor.label))
        return node

    def name_keys(self, node: URIRef, keys: Sequence[str]) -> None:
        for key in keys:
            self.add(node, KG.nameKey, Literal(key))

    def attack(self, a: Attack, position: int) -> None:
        """The ``position``-th attack (from 1) the article tells."""
        node = iris.attack_iri(self.aid, a.key)
        self.add(node, RDF.type, KG.Attack)
        self.add(node, KG.reportedIn, self.article)
        self.evidence(node, *a.evidence)
        if a.parent:
            self.add(node, SEM.subEventOf, iris.attack_iri(self.aid, a.parent))
        for i, p in enumerate(a.attackers, 1):
            self.add(
                node, KG.attacker, self.participant(iris.participant_iri(node, "attacker", i), p)
            )
        for i, p in enumerate(a.targets, 1):
            self.add(node, KG.target, self.participant(iris.participant_iri(node, "target", i), p))
        for i, place in enumerate(a.places, 1):
            self.add(node, SEM.hasPlace, self.place(iris.place_iri(node, i), place))
        if a.time:
            self.time(node, a.time)
        for i, c in enumerate(a.casualties, 1):
            self.add(node, KG.casualties, self.casualties(iris.casualties_iri(node, i), c))
        for outcome in a.outcomes:
            self.add(node, KG.outcome, OUTCOMES[outcome])
        for kind in a.kinds:
            self.add(node, KG.attackType, getattr(KGT, kind))
        for claim in a.claims:
            self.claim(claim, node)
        for claim in a.denials:
            self.claim(claim, node, deny=True)
        self.derived(node, a, position)

    def derived(self, node: URIRef, a: Attack, position: int) -> None:
        """The attack's lookup keys and display values (``kg.rdf.derived``)."""
        self.add(node, KG.listOrder, Literal(derived.list_order(self.source, position)))
        for month in derived.months(a.time):
            self.add(node, KG.month, _count(month))
        for predicate, value in derived.display_values(a):
            self.add(node, predicate, Literal(value))
        for i, j in derived.conflicting_figures(a):
            f, g = iris.casualties_iri(node, i), iris.casualties_iri(node, j)
            self.add(f, KG.conflictsWith, g)
            self.add(g, KG.conflictsWith, f)

    def participant(self, node: URIRef, p: Participant) -> URIRef:
        self.add(node, RDF.type, KG.Participant)
        self.add(node, RDFS.label, Literal(p.text))
        self.name_keys(node, derived.participant_keys(p))
        self.evidence(node, p.evidence)
        if p.actor:
            self.add(node, KG.actor, self.actor(p.actor))
        if p.strength:
            self.add(node, KG.strength, self.quantity(iris.strength_iri(node), p.strength))
        for i, e in enumerate(p.equipment, 1):
            self.add(node, KG.equipment, self.equipment(iris.equipment_iri(node, i), e))
        return node

    def equipment(self, node: URIRef, e: Equipment) -> URIRef:
        self.add(node, RDF.type, KG.EquipmentItem)
        self.add(node, KG.equipmentType, KGEQ[e.type_key])
        self.add(node, KG["count"], _count(e.count) if e.count is not None else None)
        self.add(node, RDFS.label, Literal(e.label))
        self.evidence(node, e.evidence)
        return node

    def quantity(self, node: URIRef, q: Quantity) -> URIRef:
        self.add(node, RDF.type, KG.Quantity)
        self.add(node, KG.value, Literal(q.value) if q.value is not None else None)
        self.add(node, KG.minValue, Literal(q.low) if q.low is not None else None)
        self.add(node, KG.maxValue, Literal(q.high) if q.high is not None else None)
        self.add(node, KG.qualifier, QUALIFIERS[q.qualifier])
        self.add(node, KG.hedge, Literal(q.text) if q.text else None)
        return node

    def place(self, node: URIRef, p: Place) -> URIRef:
        self.add(node, RDF.type, KG.Place)
        self.add(node, RDFS.label, Literal(p.text))
        self.add(node, KG.placeRole, PLACE_ROLES[p.role])
        self.add(node, KG.within, Literal(p.within) if p.within else None)
        self.name_keys(node, derived.place_keys(p))
        self.evidence(node, p.evidence)
        self.links_of(node, p)
        return node

    def links_of(self, node: URIRef, p: Place) -> None:
        """The gazetteer links of a place node, if linking found any."""
        links = self.links.get(p) if self.links is not None else ()
        span = iris.span_iri(self.aid, p.evidence.start, p.evidence.end)
        for triple in place_link_triples(node, PLACE_ROLES[p.role], span, links):
            self.triples[triple] = None

    def time(self, attack: URIRef, t: TimeExpr) -> None:
        self.add(attack, KG.timePrecision, PRECISIONS[t.precision])
        if t.date and t.precision is Precision.DAY:
            self.add(attack, KG.date, Literal(t.date))
        self.add(attack, KG.earliestDate, Literal(t.earliest) if t.earliest else None)
        self.add(attack, KG.latestDate, Literal(t.latest) if t.latest else None)
        self.add(attack, KG.clockTime, Literal(t.clock) if t.clock else None)
        self.add(attack, KG.timeText, Literal(t.text) if t.text else None)

    def casualties(self, node: URIRef, c: Casualties) -> URIRef:
        self.add(node, RDF.type, KG.CasualtyFigure)
        self.add(node, KG.casualtyKind, KINDS[c.kind])
        self.add(node, KG.side, SIDES[c.side])
        self.add(node, KG.quantity, self.quantity(iris.quantity_iri(node), c.quantity))
        self.add(node, RDFS.label, Literal(c.text) if c.text else None)
        self.evidence(node, c.evidence)
        if c.claim:
            self.add(node, KG.claim, self.claim(c.claim, node))
        return node

    def claim(self, c: Claim, target: URIRef, *, deny: bool = False) -> URIRef:
        """A claim asserting ``target``, or a denial disputing it."""
        node = iris.claim_iri(self.aid, c.claimant.label, c.evidence.start, c.evidence.end, target)
        self.add(node, RDF.type, KG.Claim)
        if deny or c.stance is Stance.DENIES:
            self.add(node, RDF.type, KG.Denial)
            self.add(node, KG.disputes, target)
        else:
            self.add(node, KG.asserts, target)
        self.add(node, KG.claimant, self.actor(c.claimant))
        self.add(node, KG.reportedIn, self.article)
        self.evidence(node, c.evidence)
        return node
