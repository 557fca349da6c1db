"""Small graphs shared by the store tests (embedded and remote)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.store import Store

EX = "http://example.org/"
G1, G2 = EX + "graph/1", EX + "graph/2"


def triples(n: int, tag: str = "a") -> Graph:
    """``n`` subjects with a label and an integer value each."""
    g = Graph()
    for i in range(n):
        s = URIRef(f"{EX}{tag}/{i}")
        g.add((s, RDFS.label, Literal(f"{tag} {i}")))
        g.add((s, URIRef(EX + "value"), Literal(i)))
    return g


def graph_of(store: Store, name: str) -> Graph:
    """What ``store`` holds in the named graph ``name``."""
    g = Graph()
    for s, p, o, graph in store.dataset():
        if graph == URIRef(name):
            g.add((s, p, o))
    return g
