"""Deterministic IRIs for everything kg mints (docs/MODEL.md, "Minted IRIs").

The same article always gives the same IRIs, so rebuilding gives the same graph
and reloading replaces instead of duplicating.  Indexes (participants, places,
equipment, casualty figures) count from 1 in the order the extraction lists them.

>>> str(attack_iri("000_a", "2"))
'https://w3id.org/kg/id/article/000_a/attack/2'
>>> str(participant_iri(attack_iri("a", "1"), "attacker", 1))
'https://w3id.org/kg/id/article/a/attack/1/attacker/1'
>>> str(span_iri("a", 10, 42))
'https://w3id.org/kg/id/article/a/span/10-42'
>>> slug("Hay'at Tahrir al-Sham (HTS)")
'hayat-tahrir-al-sham-hts'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Literal
from urllib.parse import quote

from rdflib import URIRef

from kg.rdf.namespaces import BASE, KGA
from kg.records import Actor

__all__ = [
    "article_iri",
    "graph_iri",
    "attack_iri",
    "participant_iri",
    "strength_iri",
    "equipment_iri",
    "place_iri",
    "place_part_iri",
    "casualties_iri",
    "quantity_iri",
    "claim_iri",
    "span_iri",
    "actor_iri",
    "slug",
]

Role = Literal["attacker", "target"]


def _seg(value: str) -> str:
    """One path segment, percent-encoded so that any id gives a valid IRI."""
    return quote(value, safe="-._~")


def article_iri(article_id: str) -> URIRef:
    return URIRef(f"{BASE}article/{_seg(article_id)}")


def graph_iri(article_id: str) -> URIRef:
    """The named graph holding everything one article says."""
    return URIRef(f"{BASE}graph/{_seg(article_id)}")


def attack_iri(article_id: str, key: str) -> URIRef:
    return URIRef(f"{article_iri(article_id)}/attack/{_seg(key)}")


def participant_iri(attack: URIRef, role: Role, index: int) -> URIRef:
    return URIRef(f"{attack}/{role}/{index}")


def strength_iri(participant: URIRef) -> URIRef:
    return URIRef(f"{participant}/strength")


def equipment_iri(participant: URIRef, index: int) -> URIRef:
    return URIRef(f"{participant}/equipment/{index}")


def place_iri(attack: URIRef, index: int) -> URIRef:
    return URIRef(f"{attack}/place/{index}")


def place_part_iri(place: URIRef, index: int) -> URIRef:
    """One part of a compound place mention ("Samka" of "Abu-Djreif-Samka")."""
    return URIRef(f"{place}/part/{index}")


def casualties_iri(attack: URIRef, index: int) -> URIRef:
    return URIRef(f"{attack}/casualties/{index}")


def quantity_iri(figure: URIRef) -> URIRef:
    return URIRef(f"{figure}/quantity")


def span_iri(article_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{article_iri(article_id)}/span/{start}-{end}")


def claim_iri(article_id: str, claimant_label: str, start: int, end: int, target: URIRef) -> URIRef:
    """A claim: sha1 (first 12 hex digits) of claimant label, span offsets and target IRI.

    The four parts are joined with U+001F (unit separator) before hashing.
    """
    key = "\x1f".join((claimant_label, str(start), str(end), str(target)))
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return URIRef(f"{article_iri(article_id)}/claim/{digest}")


def slug(label: str) -> str:
    """ASCII, lower-case, ``-``-separated form of a label; a hash when nothing is left.

    >>> slug("Jaysh al-ʿIzza")
    'jaysh-al-izza'
    >>> slug("الجيش").startswith("x-")
    True
    """
    ascii_ = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    ascii_ = re.sub(r"['’`‘]", "", ascii_.lower())
    text = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    if text:
        return text
    return "x-" + hashlib.sha1(label.encode("utf-8")).hexdigest()[:12]


def actor_iri(actor: Actor) -> URIRef:
    """``kga:{key}`` for an actor of the ontology, else ``id/actor/{slug of label}``."""
    if actor.key:
        return URIRef(KGA[actor.key])
    return URIRef(f"{BASE}actor/{slug(actor.label)}")
