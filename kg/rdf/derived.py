"""What kg build derives from an article's extraction for the stored queries:
lookup keys and display values (docs/MODEL.md, "Derived values").

They are written in the article's graph with the rest and are redundant with its
structured triples, which stay the data: ``kg:listOrder`` and ``kg:month`` on an
attack and ``kg:nameKey`` on places and participants let a query find attacks
through an index; the ``kg:displayValue`` properties hold an attack's columns as
the ``attacks`` query shows them, so that listing attacks takes one lookup per
column instead of a walk through participants, places, figures and claims.

>>> import datetime as dt
>>> from kg.records import Article
>>> list_order(Article(id="a1", text="", date=dt.date(2020, 1, 23)), 2)
'0ft0nbnsn4scj02'
>>> months(TimeExpr(Precision.WEEK, earliest=dt.date(2020, 1, 27), latest=dt.date(2020, 2, 2)))
[202001, 202002]
>>> join_values(["40", "7", "40", ""]), join_values(["tank", "Grad"]), join_values([])
('7;40', 'Grad;tank', None)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import cache

from rdflib import URIRef

from kg.names import name_key, place_key
from kg.rdf import iris
from kg.rdf import namespaces as _ns
from kg.rdf.namespaces import Terms
from kg.records import (
    Actor,
    Article,
    Attack,
    Casualties,
    CasualtyKind,
    Claim,
    Participant,
    Place,
    Precision,
    Side,
    Stance,
    TimeExpr,
)

KG = Terms(_ns.KG)  # read per triple: each term looked up once

__all__ = [
    "SEPARATOR",
    "join_values",
    "list_order",
    "months",
    "time_span",
    "place_keys",
    "participant_keys",
    "actor_name",
    "actor_key",
    "display_values",
    "conflicting_figures",
]

SEPARATOR = ";"
"""Between the values of a display value (and of a ``;``-joined query column)."""

_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"  # in code point order
_DAY, _ARTICLE, _POSITION = 5, 8, 2  # base-36 digits of each part of a kg:listOrder

_FIGURE_COLUMNS = {
    (CasualtyKind.KILLED, Side.ATTACKER): KG.killedAttackers,
    (CasualtyKind.KILLED, Side.TARGET): KG.killedTargets,
    (CasualtyKind.KILLED, Side.CIVILIAN): KG.killedCivilians,
    (CasualtyKind.WOUNDED, Side.ATTACKER): KG.woundedAttackers,
    (CasualtyKind.WOUNDED, Side.TARGET): KG.woundedTargets,
    (CasualtyKind.WOUNDED, Side.CIVILIAN): KG.woundedCivilians,
}


def join_values(values: Iterable[str]) -> str | None:
    """``values`` as one ``;``-joined cell, without repeats or empty values: in numeric
    order when all are integers, else alphabetically (ignoring case); None when empty."""
    parts = {v for v in values if v}
    if not parts:
        return None
    if all(re.fullmatch(r"-?\d+", p) for p in parts):
        return SEPARATOR.join(sorted(parts, key=int))
    return SEPARATOR.join(sorted(parts, key=lambda p: (p.casefold(), p)))


def list_order(article: Article, position: int) -> str:
    """The ``kg:listOrder`` of the ``position``-th attack (from 1) of ``article``: 15
    base-36 digits (0-9 a-z), 5 for the day number of the article's date
    (``date.toordinal``; "zzzzz" when it has none), 8 for the SHA-1 of its id, 2 for the
    position.  Fifteen ASCII characters: Oxigraph keeps so short a string inside its
    index entries, so sorting by it reads no text, and no store can spell it otherwise
    (an xsd:integer this large comes back from Virtuoso as a decimal, an xsd:decimal
    from rdflib's Turtle as "....0")."""
    day = article.date.toordinal() if article.date else 36**_DAY - 1
    digest = int(hashlib.sha1(article.id.encode("utf-8")).hexdigest(), 16)
    return (
        _base36(day, _DAY)
        + _base36(digest % 36**_ARTICLE, _ARTICLE)
        + _base36(min(position, 36**_POSITION - 1), _POSITION)
    )


def _base36(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, digit = divmod(number, 36)
        digits.append(_BASE36[digit])
    return "".join(reversed(digits))


def time_span(t: TimeExpr | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day an attack may have happened on, from the dates its graph
    holds (``kg:date`` only with day precision); None when it holds none."""
    if t is None:
        return None
    day = t.date if t.precision is Precision.DAY else None
    first = day or t.earliest or t.latest
    last = day or t.latest or t.earliest
    if first is None or last is None:
        return None
    return min(first, last), max(first, last)


def months(t: TimeExpr | None) -> list[int]:
    """The ``kg:month`` keys (YYYYMM) of an attack's time: every month of its span."""
    span = time_span(t)
    if span is None:
        return []
    first, last = span
    year, month, out = first.year, first.month, []
    while (year, month) <= (last.year, last.month):
        out.append(year * 100 + month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def place_keys(place: Place) -> list[str]:
    """The ``kg:nameKey`` values of a place node: its name and its container."""
    names = [place.text, place.within or ""]
    return sorted({place_key(n) for n in names if n.strip()})


def participant_keys(p: Participant) -> list[str]:
    """The ``kg:nameKey`` values of a participant: its name and its actor's name, each
    as ``actor_key`` reads it (a known actor's alias stands for the actor)."""
    names = [p.text, actor_name(p.actor) if p.actor else ""]
    return sorted({actor_key(n) for n in names if n.strip()})


def actor_key(text: str) -> str:
    """The key a name of an attacker or target is looked up by: a known actor's name
    when ``text`` is one of its names or aliases (``kg.ontology``; the case-sensitive
    ones in exactly that case), else ``text``, both as ``kg.names.name_key`` compares.

    >>> actor_key("TIP"), actor_key("the  militants"), actor_key("tip")
    ('turkistan islamic party', 'militants', 'tip')
    """
    exact, folded = _aliases()
    key = name_key(text)
    return exact.get(text.strip()) or folded.get(key) or key


def actor_name(actor: Actor) -> str:
    """A known actor's skos:prefLabel (its key when the ontology lacks it), else its label."""
    if actor.key:
        return _actor_labels().get(actor.key, actor.key)
    return actor.label


def display_values(a: Attack) -> list[tuple[URIRef, str]]:
    """The ``kg:displayValue`` triples' (predicate, value) of attack ``a``."""
    attackers = a.attackers
    columns: dict[URIRef, Iterable[str]] = {
        KG.placeNames: (p.text for p in a.places),
        KG.attackerNames: (p.text for p in attackers),
        KG.targetNames: (p.text for p in a.targets),
        KG.attackerStrength: (
            str(p.strength.value) for p in attackers if p.strength and p.strength.value is not None
        ),
        KG.equipmentNames: (
            _equipment_name(e.type_key, e.label, e.count) for p in attackers for e in p.equipment
        ),
        KG.claimedBy: (actor_name(c.claimant) for c in _asserting(a)),
        KG.disputedBy: (actor_name(c.claimant) for c in _denying(a)),
    }
    for (kind, side), predicate in _FIGURE_COLUMNS.items():
        columns[predicate] = [
            str(c.quantity.value)
            for c in a.casualties
            if c.kind is kind and c.side is side and c.quantity.value is not None
        ]
    return [(p, v) for p, values in columns.items() if (v := join_values(values)) is not None]


def conflicting_figures(a: Attack) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of the attack's casualty figures (numbered from 1, as their
    IRIs) of one side and kind whose numbers differ and whose claimants differ."""
    figures = list(enumerate(a.casualties, 1))
    return [(i, j) for i, f in figures for j, g in figures if i < j and _conflict(f, g)]


# --------------------------------------------------------------------- helpers


def _conflict(f: Casualties, g: Casualties) -> bool:
    if f.kind is not g.kind or f.side is not g.side or f.claim is None or g.claim is None:
        return False
    if f.quantity.value is None or g.quantity.value is None:
        return False
    return f.quantity.value != g.quantity.value and iris.actor_iri(
        f.claim.claimant
    ) != iris.actor_iri(g.claim.claimant)


def _asserting(a: Attack) -> Iterator[Claim]:
    """The claims that assert the attack or one of its figures (kg:asserts)."""
    yield from (c for c in a.claims if c.stance is not Stance.DENIES)
    yield from (f.claim for f in a.casualties if f.claim and f.claim.stance is not Stance.DENIES)


def _denying(a: Attack) -> Iterator[Claim]:
    """The denials that dispute the attack (kg:disputes)."""
    yield from (c for c in a.claims if c.stance is Stance.DENIES)
    yield from a.denials


def _equipment_name(type_key: str, label: str, count: int | None) -> str:
    name = _equipment_labels().get(type_key, label)
    return f"{count} {name}" if count is not None else name


@cache
def _actor_labels() -> dict[str, str]:
    from kg.ontology import actor_aliases

    return {entry.key: entry.pref_label for entry in actor_aliases()}


@cache
def _equipment_labels() -> dict[str, str]:
    from kg.ontology import equipment_types

    return {entry.key: entry.pref_label for entry in equipment_types()}


@cache
def _aliases() -> tuple[dict[str, str], dict[str, str]]:
    """Known actors' case-sensitive aliases and other names -> their name's key."""
    from kg.ontology import actor_aliases

    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for entry in actor_aliases():
        for label in entry.exact_labels:
            exact.setdefault(label, name_key(entry.pref_label))
        for label in entry.labels:
            folded.setdefault(name_key(label), name_key(entry.pref_label))
    return exact, folded
