"""Namespaces and prefixes of the kg RDF model (docs/MODEL.md).

Our own vocabulary comes from ``kg.vocab`` (generated from ``ontology/kg.ttl``), so
a misspelt term fails at import time instead of minting a new IRI.
"""

from __future__ import annotations

from typing import Any

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.vocab import KG, KGA, KGEQ

__all__ = [
    "Terms",
    "BASE",
    "ID",
    "KG",
    "KGA",
    "KGEQ",
    "SEM",
    "SCHEMA",
    "PROV",
    "SKOS",
    "GEO",
    "GN",
    "GEOSPARQL",
    "RDF",
    "RDFS",
    "OWL",
    "XSD",
    "ONTOLOGY_GRAPH",
    "PREFIXES",
]


class Terms:
    """A namespace's terms, looked up (and checked) once each: rdflib's defined
    namespaces validate every attribute read, which the mapping does for every triple.
    ``Terms(KG).date is KG.date``."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = URIRef(getattr(self._namespace, name))
        setattr(self, name, term)  # the next read is a plain attribute
        return term

    def __getitem__(self, name: str) -> URIRef:
        return URIRef(self._namespace[name])

    def __str__(self) -> str:
        return str(self._namespace)


BASE = "https://w3id.org/kg/id/"
"""Every IRI kg mints starts here."""

ID = Namespace(BASE)
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = SDO
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")  # WGS84 (rdflib's WGS is https)
GN = Namespace("https://www.geonames.org/ontology#")
GEOSPARQL = Namespace("http://www.opengis.net/ont/geosparql#")

ONTOLOGY_GRAPH = "https://w3id.org/kg/ontology"
"""The named graph the ontology (classes, equipment scheme, known actors) is loaded into."""

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "kgt": "https://w3id.org/kg/attack-type#",
    "kgeq": str(KGEQ),
    "kga": str(KGA),
    "id": BASE,
    "sem": str(SEM),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "geo": str(GEO),
    "gn": str(GN),
    "geosparql": str(GEOSPARQL),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
"""Prefix -> namespace IRI, bound in every serialization."""
