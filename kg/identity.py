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
named graph (``EVENTS_GRAPH``), rebuilt from the whole store after each build (read
a day at a time, so memory does not grow with the store), so
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

# a few days' reports (the days written in: bound as a parameter, a day is applied
# after the whole pattern is evaluated); a row per place, actor, order or parent
_REPORTS = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX gn: <https://www.geonames.org/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?date ?attack ?article_id ?order ?parent ?place ?gid ?attacker ?target WHERE {
  GRAPH ?g {
    VALUES ?date { DAYS }
    ?attack kg:date ?date ; a kg:Attack ; kg:reportedIn/schema:identifier ?article_id .
    { ?attack kg:listOrder ?order } UNION { ?attack sem:subEventOf ?parent }
    UNION { ?attack sem:hasPlace/rdfs:label ?place }
    UNION { ?attack sem:hasPlace/gn:geonamesID ?gid }
    UNION { ?attack sem:hasPlace/kg:placePart/gn:geonamesID ?gid }
    UNION { ?attack kg:attacker/kg:actor ?attacker }
    UNION { ?attack kg:target/kg:actor ?target }
  }
}
"""


_DAYS = """
PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT DISTINCT ?date WHERE { GRAPH ?g { ?attack a kg:Attack ; kg:date ?date } }
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
    """Events of two or more reports, best-matching pairs first (any order in, sorted out)."""
    events = _events(sorted(reports, key=lambda r: (r.date, r.attack)))
    return sorted((sorted(g, key=lambda r: r.attack) for g in events), key=lambda g: g[0].attack)


@dataclass
class _Cluster:
    """Reports joined by candidate pairs: the best-first choice within it is independent
    of every other cluster, so it is made as soon as no later report can join."""

    last: dt.date
    members: dict[int, Report] = field(default_factory=dict)
    pairs: list[tuple[int, str, str, int, int]] = field(default_factory=list)


def _events(reports: Iterable[Report]) -> Iterator[list[Report]]:
    """``reports`` in date order -> events, each as soon as its reports' dates are two
    days behind: memory holds two days of reports, not the corpus."""
    window: list[tuple[int, Report]] = []  # the reports of the last two days
    clusters: dict[int, _Cluster] = {}  # by the number of its first report
    cluster_of: dict[int, int] = {}
    for k, r in enumerate(reports):
        for key in [c for c, cl in clusters.items() if (r.date - cl.last).days > 1]:
            done = clusters.pop(key)
            for m in done.members:
                del cluster_of[m]
            yield from _best_first(done)
        window = [(j, q) for j, q in window if (r.date - q.date).days <= 1]
        for j, q in window:
            if not same_attack(q, r):
                continue
            pair = (-_affinity(q, r), q.attack, r.attack, j, k)
            mine = cluster_of.get(k)
            theirs = cluster_of.setdefault(j, j)
            cluster = clusters.setdefault(theirs, _Cluster(q.date, {j: q}))
            if mine is not None and mine != theirs:  # r already joins another cluster
                other = clusters.pop(mine)
                cluster.members.update(other.members)
                cluster.pairs += other.pairs
                for m in other.members:
                    cluster_of[m] = theirs
            cluster.members[k] = r
            cluster.pairs.append(pair)
            cluster.last = max(cluster.last, r.date)
            cluster_of[k] = theirs
        window.append((k, r))
    for cluster in clusters.values():
        yield from _best_first(cluster)


def _best_first(cluster: _Cluster) -> Iterator[list[Report]]:
    """The cluster's events: pairs joined best first, never two reports of one article."""
    owner = {k: k for k in cluster.members}

    def find(k: int) -> int:
        while owner[k] != k:
            owner[k] = owner[owner[k]]
            k = owner[k]
        return k

    articles = {k: {r.article} for k, r in cluster.members.items()}
    for _, _, _, i, j in sorted(cluster.pairs):
        ri, rj = find(i), find(j)
        if ri == rj or articles[ri] & articles[rj]:
            continue
        owner[rj] = ri
        articles[ri] |= articles.pop(rj)
    groups: dict[int, list[Report]] = {}
    for k, r in sorted(cluster.members.items()):
        groups.setdefault(find(k), []).append(r)
    yield from (g for g in groups.values() if len(g) > 1)


DAYS_PER_QUERY = 32
"""Days of reports read by one query: one query a day cost a few milliseconds each in
query overhead alone; a month at a time is still a small part of any archive."""


def _reports(store: Store) -> Iterator[Report]:
    """Every report in the store in date order, read ``DAYS_PER_QUERY`` days at a time."""
    days = sorted(
        {dt.date.fromisoformat((row["date"] or "")[:10]) for row in store.query(_DAYS).rows}
    )
    for start in range(0, len(days), DAYS_PER_QUERY):
        values = " ".join(
            f'"{d.isoformat()}"^^xsd:date' for d in days[start : start + DAYS_PER_QUERY]
        )
        found: dict[str, Report] = {}
        for row in store.query(_REPORTS.replace("DAYS", values)).rows:
            attack = row["attack"] or ""
            r = found.get(attack)
            if r is None:
                date = dt.date.fromisoformat((row["date"] or "")[:10])
                r = found[attack] = Report(attack, row["article_id"] or "", date)
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
        yield from sorted(found.values(), key=lambda r: (r.date, r.attack))


def event_iri(group: list[Report]) -> URIRef:
    digest = hashlib.sha1("\n".join(sorted(r.attack for r in group)).encode()).hexdigest()[:16]
    return URIRef(f"{BASE}event/{digest}")


def link_reports(store: Store) -> Graph:
    """Rebuild the events graph from every report in ``store`` and return its content."""
    graph = Graph()
    for group in _events(_reports(store)):
        event = event_iri(group)
        graph.add((event, RDF.type, KG.AttackEvent))
        for r in group:
            graph.add((event, KG.report, URIRef(r.attack)))
        orders = [r.order for r in group if r.order is not None]
        if orders:
            graph.add((event, KG.listOrder, Literal(min(orders))))
    store.replace_graph(str(EVENTS_GRAPH), graph)
    return graph
