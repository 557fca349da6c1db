"""Comparing stored-query answers across stores: rows as multisets, values normalized.

Stores may spell the same literal differently (Virtuoso answers a count as
``xsd:int`` where Oxigraph says ``xsd:integer``, a decimal as ``1.50`` or ``1.5``);
the answers are compared after reading every number as its value.  Row order is
not compared (only ``ORDER BY`` would fix it, and ties make even that loose).
"""

from __future__ import annotations

import re
import struct
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal
from rdflib.term import Node

from kg.queries import ParamType, StoredQuery, list_queries, run_query
from kg.store import Store

__all__ = ["Call", "answers", "comparable", "normal", "params_for", "stored_calls"]

# parameter values that find rows in both the seeds and the generated corpus
PARAMS: dict[str, dict[str, str]] = {
    "attacks_at_place": {"place": "Aleppo"},
    "timeline": {"from": "2020-01-01", "to": "2020-02-15"},
}
DEFAULTS = {
    ParamType.STRING: "Aleppo",
    ParamType.PLACE: "Idlib",
    ParamType.ACTOR: "HTS",
    ParamType.DATE: "2020-01-22",
    ParamType.INTEGER: "40",
    ParamType.IRI: "https://w3id.org/kg/actor#RussianReconciliationCenter",
}

FILTERS = {"place": "Aleppo", "actor": "HTS", "from": "2020-01-01", "to": "2020-01-31"}
"""Values of the optional filters, each tried alone and all together."""

Row = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Call:
    """A stored query and the parameters it is called with."""

    label: str
    query: StoredQuery
    params: dict[str, str]
    filters: int = 0  # how many optional filters are given


def stored_calls() -> list[Call]:
    """Every stored query called as ``kg query NAME`` does (first page), with each of
    its optional filters, with all of them, and whole (``limit=0``) when it has pages."""
    calls = []
    for query in list_queries():
        base = params_for(query)
        calls.append(Call(query.name, query, base))
        optional = [p.name for p in query.params if p.optional and p.name in FILTERS]
        for name in optional:
            calls.append(Call(f"{query.name}-{name}", query, base | {name: FILTERS[name]}, 1))
        if len(optional) > 1:
            every = base | {name: FILTERS[name] for name in optional}
            calls.append(Call(f"{query.name}-filters", query, every, len(optional)))
        if any(p.name == "limit" for p in query.params):
            calls.append(Call(f"{query.name}-all", query, base | {"limit": "0"}))
    return calls


def params_for(query: StoredQuery) -> dict[str, str]:
    """Values for the parameters ``query`` requires."""
    known = PARAMS.get(query.name, {})
    return {p.name: known.get(p.name, DEFAULTS[p.type]) for p in query.params if not p.optional}


def normal(value: str | None) -> str:
    """A cell with numbers read as numbers: "040", "40.0", "4E1" all give "40"."""
    if value is None:
        return ""
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", value):
        try:
            number = Decimal(value).normalize()
        except InvalidOperation:
            return value
        return format(number, "f") if number == number.to_integral() else str(number)
    return value


def answers(call: Call, store: Store) -> Counter[Row]:
    """The rows ``call`` gives on ``store`` as a multiset of normalized rows."""
    result = run_query(call.query, store, call.params)
    return Counter(tuple(sorted((k, normal(v)) for k, v in row.items())) for row in result.rows)


_WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"


def comparable(graph: Graph) -> Graph:
    """``graph`` with WKT coordinates as single-precision numbers, the way Virtuoso keeps
    them (kg.store.remote, ``_standard_geometry``): about a metre."""
    out = Graph()
    for s, p, o in graph:
        out.add((s, p, _rounded(o)))
    return out


def _rounded(term: Node) -> Node:
    if isinstance(term, Literal) and str(term.datatype) == _WKT:
        text = re.sub(r"-?\d+\.\d+", lambda m: f"{_single(float(m.group())):.9g}", str(term))
        return Literal(text, datatype=term.datatype)
    return term


def _single(value: float) -> float:
    return float(struct.unpack("<f", struct.pack("<f", value))[0])
