"""The same attack told by several articles: one ``kg:AttackEvent`` with a
``kg:report`` per article's ``kg:Attack``.

The rule, applied to every pair of attack reports from different articles:

1. both dates are known to the day and at most one day apart;
2. they share a place (the same label once case, "the" and words such as
   "province" or "city" are set aside, or the same GeoNames id);
3. their sides do not conflict: where both name known actors for a role
   (attacker, target), those actors overlap;
4. both are prongs of a larger attack, or neither is.

Figures are not compared: differing tolls are what two accounts of one attack
look like.  Pairs are taken best first (most shared places and actors), and an
event never takes two reports from one article.  The events live in their own
named graph (``EVENTS_GRAPH``), rebuilt from the whole store after each build, so
``kg:Attack`` graphs stay one per article and reloading never duplicates.  An event's
``kg:listOrder`` is the lowest of its reports' (kg lists it where its first report
would come).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import RDF, Graph, Literal, URIRef

from kg.names import place_key
from kg.rdf.namespaces import BASE, KG
from kg.store.base import Store

__all__ = ["EVENTS_GRAPH", "Report", "same_attack", "group_reports", "link_reports"]

EVENTS_GRAPH = URIRef(BASE + "graph/events")

_REPORTS = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX gn: <https://www.geonames.org/ontology#>
SELECT ?attack ?article_id ?date ?order ?parent ?place ?gid ?attacker ?target WHERE {
  GRAPH ?g {
    ?attack a kg:Attack ; kg:reportedIn/schema:identifier ?article_id ; kg:date ?date .
    OPTIONAL { ?attack kg:listOrder ?order }
    OPTIONAL { ?attack sem:subEventOf ?parent }
    OPTIONAL { ?attack sem:hasPlace ?p . ?p rdfs:label ?place .
      OPTIONAL { { ?p gn:geonamesID ?gid } UNION { ?p kg:placePart/gn:geonamesID ?gid } } }
    OPTIONAL { ?attack kg:attacker/kg:actor ?attacker }
    OPTIONAL { ?attack kg:target/kg:actor ?target }
  }
}
"""


@dataclass
class Report:
    """What the rule looks at in one article's account of an attack."""

    attack: str
    article: str
    date: dt.date
    prong: bool = False
    order: str | None = None  # kg:listOrder
    places: set[str] = field(default_factory=set)
    attackers: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)


def same_attack(a: Report, b: Report) -> bool:
    """The documented rule (module docstring) for one pair of reports."""
    if a.article == b.article or a.prong != b.prong:
        return False
    if abs((a.date - b.date).days) > 1 or not (a.places & b.places):
        return False
    for mine, theirs in ((a.attackers, b.attackers), (a.targets, b.targets)):
        if mine and theirs and not (mine & theirs):
            return False
    return True


def _affinity(a: Report, b: Report) -> int:
    return len(a.places & b.places) + len(a.attackers & b.attackers) + len(a.targets & b.targets)


def group_reports(reports: Iterable[Report]) -> list[list[Report]]:
    """Events of two or more reports, best-matching pairs first."""
    items = sorted(reports, key=lambda r: (r.date, r.attack))
    pairs = []
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if (items[j].date - items[i].date).days > 1:
                break  # sorted by date: only the next day's reports can match
            if same_attack(items[i], items[j]):
                pairs.append(
                    (-_affinity(items[i], items[j]), items[i].attack, items[j].attack, i, j)
                )
    owner = list(range(len(items)))

    def find(k: int) -> int:
        while owner[k] != k:
            owner[k] = owner[owner[k]]
            k = owner[k]
        return k

    members: dict[int, set[str]] = {k: {items[k].article} for k in range(len(items))}
    for _, _, _, i, j in sorted(pairs):
        ri, rj = find(i), find(j)
        if ri == rj or members[ri] & members[rj]:
            continue  # never two reports of one article in one event
        owner[rj] = ri
        members[ri] |= members.pop(rj)
    groups: dict[int, list[Report]] = {}
    for k, r in enumerate(items):
        groups.setdefault(find(k), []).append(r)
    return sorted(
        (sorted(g, key=lambda r: r.attack) for g in groups.values() if len(g) > 1),
        key=lambda g: g[0].attack,
    )


def _reports(store: Store) -> Iterator[Report]:
    found: dict[str, Report] = {}
    for row in store.query(_REPORTS, {}).rows:
        attack = row["attack"] or ""
        r = found.get(attack)
        if r is None:
            r = found[attack] = Report(
                attack, row["article_id"] or "", dt.date.fromisoformat((row["date"] or "")[:10])
            )
        r.prong = r.prong or bool(row.get("parent"))
        if row.get("order"):
            r.order = row["order"]
        if row.get("place"):
            r.places.add(place_key(row["place"] or ""))
        if row.get("gid"):
            r.places.add("geonames:" + (row["gid"] or ""))
        if row.get("attacker"):
            r.attackers.add(row["attacker"] or "")
        if row.get("target"):
            r.targets.add(row["target"] or "")
    yield from found.values()


def event_iri(group: list[Report]) -> URIRef:
    digest = hashlib.sha1("\n".join(sorted(r.attack for r in group)).encode()).hexdigest()[:16]
    return URIRef(f"{BASE}event/{digest}")


def link_reports(store: Store) -> Graph:
    """Rebuild the events graph from every report in ``store`` and return its content."""
    graph = Graph()
    for group in group_reports(_reports(store)):
        event = event_iri(group)
        graph.add((event, RDF.type, KG.AttackEvent))
        for r in group:
            graph.add((event, KG.report, URIRef(r.attack)))
        orders = [r.order for r in group if r.order is not None]
        if orders:
            graph.add((event, KG.listOrder, Literal(min(orders))))
    store.replace_graph(str(EVENTS_GRAPH), graph)
    return graph
