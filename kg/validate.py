"""Check graphs against the ontology: SHACL shapes (pySHACL) and OWL consistency (HermiT).

``validate_graph`` is the everyday check: every graph kg emits must conform to
``ontology/shapes.ttl``.  ``check_consistency`` asks HermiT (through owlready2, Java
needed) whether the graph contradicts the ontology's axioms (disjoint classes,
domains and ranges, functional properties).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import owlready2
import pyshacl
from rdflib import Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, NamespaceManager
from rdflib.term import Node

from kg.errors import InconsistentOntologyError
from kg.ontology import ONTOLOGY_GRAPH, load_ontology, load_shapes

__all__ = ["ValidationReport", "validate_graph", "check_consistency"]

_DATA_IRI = "https://w3id.org/kg/id/"
"""The owlready2 ontology IRI the checked data is loaded under."""

_GENERIC_HINT = (
    "look for a node with disjoint types, a value outside its property's range, "
    "or two different values of a functional property"
)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of ``validate_graph``: one readable line per violation."""

    conforms: bool
    violations: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """``conforms``, or the violations one per line."""
        return "conforms" if self.conforms else "\n".join(self.violations)


def validate_graph(data: Graph | Dataset) -> ValidationReport:
    """Validate ``data`` against the SHACL shapes; a Dataset's graphs are validated as one.

    The data is validated together with the ontology, so that ``sh:class`` sees
    subclasses and the known actors, and without inference (why: the header of
    ``ontology/shapes.ttl``).  ``data`` is not modified.
    """
    conforms, results, _ = pyshacl.validate(
        _with_ontology(data),
        shacl_graph=load_shapes(),
        inference="none",
        allow_warnings=False,
    )
    if conforms:
        return ValidationReport(True)
    assert isinstance(results, Graph)
    return ValidationReport(False, tuple(sorted(_violations(results, _namespaces()))))


def check_consistency(data: Graph | Dataset) -> None:
    """Raise ``InconsistentOntologyError`` if the ontology plus ``data`` is inconsistent.

    Runs HermiT through owlready2 in a fresh World (about half a second: a JVM start).
    xsd:date is outside the OWL 2 datatype map, so HermiT ignores unsupported datatypes.
    """
    world = owlready2.World()
    try:
        _load(world, ONTOLOGY_GRAPH, _ontology_ntriples())
        _load(world, _DATA_IRI, _union(data).serialize(format="nt", encoding="utf-8"))
        owlready2.sync_reasoner(
            world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
        )
    except owlready2.OwlReadyInconsistentOntologyError:
        raise InconsistentOntologyError(_inconsistency_message(data)) from None
    finally:
        world.close()


def _with_ontology(data: Graph | Dataset) -> Graph:
    """A new graph: the ontology plus the data graphs."""
    merged = Graph()
    merged += load_ontology()
    for graph in _data_graphs(data):
        merged += graph
    return merged


def _union(data: Graph | Dataset) -> Graph:
    """The data graphs as one Graph (a Graph as it is)."""
    if not isinstance(data, Dataset):
        return data
    union = Graph()
    for graph in _data_graphs(data):
        union += graph
    return union


def _data_graphs(data: Graph | Dataset) -> list[Graph]:
    """A Dataset's graphs but the ontology graph (validated apart); a Graph alone."""
    if not isinstance(data, Dataset):
        return [data]
    return [g for g in data.graphs() if g.identifier != URIRef(ONTOLOGY_GRAPH)]


def _violations(results: Graph, names: NamespaceManager) -> Iterator[str]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        yield _describe(results, result, names)


def _describe(results: Graph, result: Node, names: NamespaceManager) -> str:
    """``FOCUS PATH: MESSAGE [Component, value V]``."""
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage)) or ["violation"]
    component = str(results.value(result, SH.sourceConstraintComponent) or "")
    detail = component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    value = results.value(result, SH.value)
    if value is not None and value != focus:
        detail += f", value {_short(value, names)}"
    where = _short(focus, names)
    if isinstance(path, URIRef):
        where += f" {_short(path, names)}"
    return f"{where}: {'; '.join(messages)} [{detail}]"


def _short(term: Node | None, names: NamespaceManager) -> str:
    return "?" if term is None else term.n3(names)


@cache
def _namespaces() -> NamespaceManager:
    names = NamespaceManager(Graph(), bind_namespaces="rdflib")
    for prefix, namespace in load_ontology().namespaces():
        names.bind(prefix, namespace, override=False)
    return names


@cache
def _ontology_ntriples() -> bytes:
    return load_ontology().serialize(format="nt", encoding="utf-8")


def _load(world: owlready2.World, iri: str, ntriples: bytes) -> None:
    """owlready2 cannot read Turtle: load N-Triples."""
    world.get_ontology(iri).load(fileobj=io.BytesIO(ntriples), format="ntriples")


def _inconsistency_message(data: Graph | Dataset) -> str:
    clashes = list(dict.fromkeys(_disjoint_clashes(_union(data))))
    hint = "; ".join(clashes[:5]) if clashes else _GENERIC_HINT
    return f"the graph is inconsistent with the kg ontology (HermiT): {hint}"


def _disjoint_clashes(data: Graph) -> list[str]:
    """Nodes whose types (asserted, or implied by domains and ranges) are disjoint: a hint."""
    ontology = load_ontology()
    groups = _disjoint_groups(ontology)
    names = _namespaces()
    clashes = []
    for node, types in sorted(_implied_types(data, ontology).items()):
        for group in groups:
            hit = sorted(t.n3(names) for t in types & group)
            if len(hit) > 1:
                clashes.append(f"{node.n3(names)} is {' and '.join(hit)}")
    return clashes


def _disjoint_groups(ontology: Graph) -> list[frozenset[URIRef]]:
    groups = []
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = ontology.value(axiom, OWL.members)
        if members is not None:
            groups.append(
                frozenset(m for m in Collection(ontology, members) if isinstance(m, URIRef))
            )
    return groups


def _implied_types(data: Graph, ontology: Graph) -> dict[URIRef, set[URIRef]]:
    types: dict[URIRef, set[URIRef]] = {}
    for s, p, o in data:
        if p == RDF.type and isinstance(s, URIRef) and isinstance(o, URIRef):
            types.setdefault(s, set()).add(o)
        for prop, node in ((RDFS.domain, s), (RDFS.range, o)):
            cls = ontology.value(p, prop)
            if isinstance(cls, URIRef) and isinstance(node, URIRef):
                types.setdefault(node, set()).add(cls)
    for node, found in types.items():  # known actors and concepts are typed in the ontology
        found.update(t for t in ontology.objects(node, RDF.type) if isinstance(t, URIRef))
    return {node: _superclasses(ontology, found) for node, found in types.items()}


def _superclasses(ontology: Graph, classes: set[URIRef]) -> set[URIRef]:
    """``classes`` and all their named superclasses."""
    supers = (s for c in classes for s in ontology.transitive_objects(c, RDFS.subClassOf))
    return {s for s in supers if isinstance(s, URIRef)}
