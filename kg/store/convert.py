"""rdflib terms <-> pyoxigraph terms.

>>> from rdflib import Literal as L, URIRef as U
>>> to_ox(L(40))
<Literal value=40 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
>>> from_ox(to_ox(L("Idlib", lang="en"))) == L("Idlib", lang="en")
True
>>> from_ox(to_ox(L("Idlib"))) == L("Idlib")   # xsd:string comes back as a plain literal
True
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from kg.errors import StoreError

__all__ = ["OxTerm", "OxGraph", "to_ox", "from_ox", "graph_to_ox", "graph_from_ox", "quad_to_ox"]

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
OxGraph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
_XSD_STRING = str(XSD.string)


def to_ox(term: Node) -> OxTerm:
    """An rdflib URIRef, BNode or Literal as the pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store RDF term {term!r} ({type(term).__name__})")


def from_ox(term: object) -> Identifier:
    """A pyoxigraph NamedNode, BlankNode or Literal as the rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"unsupported RDF term from the store: {term!r}")


def graph_to_ox(graph: str | Node | None) -> OxGraph:
    """A graph name; None is the default graph."""
    if graph is None:
        return ox.DefaultGraph()
    if isinstance(graph, BNode):
        return ox.BlankNode(str(graph))
    return ox.NamedNode(str(graph))


def graph_from_ox(graph: object) -> Identifier | None:
    return None if isinstance(graph, ox.DefaultGraph) else from_ox(graph)


def quad_to_ox(s: Node, p: Node, o: Node, g: OxGraph) -> ox.Quad:
    subject, predicate = to_ox(s), to_ox(p)
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise StoreError(f"not an RDF triple: {s!r} {p!r} {o!r}")
    return ox.Quad(subject, predicate, to_ox(o), g)
