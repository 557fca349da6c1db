"""A small typed API over the ontology files in ``ontology/``.

The ontology is the single source of truth for the words the NLP entity ruler
matches: actor aliases (``ontology/actors.ttl``) and equipment terms (the
``kgeq:scheme`` concepts of ``ontology/kg.ttl``).

>>> entry = next(a for a in actor_aliases() if a.key == "TurkistanIslamicParty")
>>> entry.kind.value, entry.pref_label
('ArmedGroup', 'Turkistan Islamic Party')
>>> "Turkestan Islamic Party" in entry.labels, entry.exact_labels
(True, ('TIP',))
>>> next(e.pref_label for e in equipment_types() if "technicals" in e.labels)
'pickup truck'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from kg.records import ActorKind
from kg.vocab import KG, KGA, KGEQ, KGT

__all__ = [
    "ONTOLOGY_GRAPH",
    "ONTOLOGY_FILES",
    "SHAPES_FILE",
    "ActorEntry",
    "EquipmentEntry",
    "ontology_dir",
    "load_ontology",
    "ontology_graph",
    "load_shapes",
    "actor_aliases",
    "equipment_types",
    "AttackTypeEntry",
    "attack_types",
]

ONTOLOGY_GRAPH = "https://w3id.org/kg/ontology"
"""The ontology's IRI, and the named graph a store loads it into."""

ONTOLOGY_FILES = ("kg.ttl", "actors.ttl", "attack_types.ttl")
SHAPES_FILE = "shapes.ttl"

_APOSTROPHES = ("'", "\u2019")  # ASCII and typographic (right single quotation mark)


@dataclass(frozen=True)
class ActorEntry:
    """A known actor and the words that name it.

    ``labels`` (preferred label first) may be matched case-insensitively;
    ``exact_labels`` ("IS", "TIP") only with exactly this capitalisation.
    Both include the typographic-apostrophe variant of each label ("Russia’s").
    """

    key: str
    iri: URIRef
    kind: ActorKind
    pref_label: str
    labels: tuple[str, ...]
    exact_labels: tuple[str, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True)
class EquipmentEntry:
    """An equipment type of ``kgeq:scheme`` and the words that name it (as ActorEntry)."""

    key: str
    iri: URIRef
    pref_label: str
    labels: tuple[str, ...]
    exact_labels: tuple[str, ...] = ()


def ontology_dir() -> Path:
    """The repository's ``ontology/`` directory."""
    return Path(__file__).resolve().parents[1] / "ontology"


@cache
def load_ontology() -> Graph:
    """``kg.ttl`` and ``actors.ttl`` in one graph, parsed once; do not modify it."""
    graph = Graph(identifier=URIRef(ONTOLOGY_GRAPH))
    for name in ONTOLOGY_FILES:
        graph.parse(ontology_dir() / name, format="turtle")
    return graph


def ontology_graph() -> Graph:
    """A fresh copy of the ontology graph (identifier ``ONTOLOGY_GRAPH``), safe to modify."""
    source = load_ontology()
    graph = Graph(identifier=URIRef(ONTOLOGY_GRAPH))
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace)
    graph += source
    return graph


@cache
def load_shapes() -> Graph:
    """The SHACL shapes (``shapes.ttl``), parsed once; do not modify them."""
    return Graph().parse(ontology_dir() / SHAPES_FILE, format="turtle")


def actor_aliases() -> list[ActorEntry]:
    """Every known actor (``kga:``), sorted by key."""
    return list(_actor_entries())


@dataclass(frozen=True)
class AttackTypeEntry:
    """A kind of attack of ``kgt:scheme`` and the words that reveal it."""

    key: str
    iri: URIRef
    pref_label: str
    labels: tuple[str, ...]
    exact_labels: tuple[str, ...] = ()


def attack_types() -> list[AttackTypeEntry]:
    """Every kind of attack of ``kgt:scheme``, sorted by key."""
    return list(_attack_type_entries())


@cache
def _attack_type_entries() -> tuple[AttackTypeEntry, ...]:
    graph = load_ontology()
    concepts = _uris(graph.subjects(SKOS.inScheme, KGT.scheme))
    out = []
    for iri in concepts:
        pref, labels, exact = _names(graph, iri)
        out.append(AttackTypeEntry(_local(iri, str(KGT)), iri, pref, labels, exact))
    return tuple(out)


def equipment_types() -> list[EquipmentEntry]:
    """Every equipment type of ``kgeq:scheme``, sorted by key."""
    return list(_equipment_entries())


@cache
def _actor_entries() -> tuple[ActorEntry, ...]:
    graph = load_ontology()
    actors = _uris(s for cls in _actor_classes(graph) for s in graph.subjects(RDF.type, cls))
    return tuple(_actor_entry(graph, iri) for iri in actors)


def _actor_entry(graph: Graph, iri: URIRef) -> ActorEntry:
    pref, labels, exact = _names(graph, iri)
    wikidata = graph.value(iri, KG.wikidata)
    return ActorEntry(
        key=_local(iri, str(KGA)),
        iri=iri,
        kind=_actor_kind(graph, iri),
        pref_label=pref,
        labels=labels,
        exact_labels=exact,
        wikidata=str(wikidata) if wikidata is not None else None,
    )


@cache
def _equipment_entries() -> tuple[EquipmentEntry, ...]:
    graph = load_ontology()
    in_scheme = set(graph.subjects(SKOS.inScheme, KGEQ.scheme))
    concepts = _uris(c for c in graph.subjects(RDF.type, KG.EquipmentType) if c in in_scheme)
    return tuple(_equipment_entry(graph, iri) for iri in concepts)


def _equipment_entry(graph: Graph, iri: URIRef) -> EquipmentEntry:
    pref, labels, exact = _names(graph, iri)
    return EquipmentEntry(_local(iri, str(KGEQ)), iri, pref, labels, exact)


def _actor_classes(graph: Graph) -> list[URIRef]:
    """kg:Actor and its subclasses."""
    return _uris(graph.transitive_subjects(RDFS.subClassOf, KG.Actor))


def _uris(nodes: Iterable[Node | None]) -> list[URIRef]:
    """The IRIs among ``nodes``, sorted, without repeats."""
    return sorted({n for n in nodes if isinstance(n, URIRef)})


def _actor_kind(graph: Graph, iri: URIRef) -> ActorKind:
    """The most specific kg: actor class of ``iri`` (UNKNOWN for a plain kg:Actor)."""
    kinds = {k.value: k for k in ActorKind}
    names = [_local(t, str(KG)) for t in graph.objects(iri, RDF.type)]
    found = [kinds[name] for name in names if name in kinds]
    specific = [k for k in found if k is not ActorKind.UNKNOWN]
    return min(specific, key=lambda k: k.value) if specific else ActorKind.UNKNOWN


def _names(graph: Graph, iri: URIRef) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(preferred label, case-insensitive labels, case-sensitive labels) of ``iri``."""
    pref = _pref_label(graph, iri)
    exact = {str(v) for v in graph.objects(iri, KG.caseSensitiveLabel)}
    alts = sorted({str(v) for v in graph.objects(iri, SKOS.altLabel)} - exact - {pref})
    return pref, _with_variants([pref, *alts]), _with_variants(sorted(exact))


def _pref_label(graph: Graph, iri: URIRef) -> str:
    values = [v for v in graph.objects(iri, SKOS.prefLabel) if isinstance(v, Literal)]
    english = [v for v in values if v.language in ("en", None)]
    if not values:
        raise ValueError(f"{iri} has no skos:prefLabel")
    return str(min(english or values))


def _with_variants(labels: Iterable[str]) -> tuple[str, ...]:
    """``labels`` in order, each followed by its other-apostrophe variant, without repeats."""
    return tuple(dict.fromkeys(_variants_of(labels)))


def _variants_of(labels: Iterable[str]) -> Iterator[str]:
    ascii_, typographic = _APOSTROPHES
    for label in labels:
        yield label
        yield label.replace(ascii_, typographic)
        yield label.replace(typographic, ascii_)


def _local(term: object, namespace: str) -> str:
    text = str(term)
    return text[len(namespace) :] if text.startswith(namespace) else ""
