"""The stored-query catalogue: ``queries/*.rq``, each documented in its header.

A header is the leading ``#`` comment block of the file::

    # name: attacks_at_place
    # purpose: Attacks at a place ... (continued on indented "#   " lines)
    # param: place place the place name to look for
    # joined: matched places attackers targets

``param`` lines are ``NAME TYPE description`` with TYPE one of string, date,
integer, iri, place.  Parameter values are bound as typed RDF terms through the
store (SPARQL substitution), never pasted into the query text; each parameter
variable is in the SELECT projection and left out of the result.  ``joined``
names the ``;``-joined columns whose parts are put in a stable order (numeric
when all are integers, else alphabetical) after the query, since
GROUP_CONCAT's order is not defined.

>>> [q.name for q in list_queries()]
['attacks', 'attacks_at_place', 'casualties_by_actor', 'claims_and_denials', 'neutralized', 'timeline']
>>> [(p.name, p.type.value) for p in load_query("timeline").params]
[('from', 'date'), ('to', 'date')]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.store.base import QueryResult, Store

__all__ = [
    "QUERY_DIR",
    "ParamType",
    "Param",
    "StoredQuery",
    "QueryResult",
    "list_queries",
    "load_query",
    "bind_params",
    "run_query",
]

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
"""Where the stored queries live (``queries/`` at the project root)."""

SEPARATOR = ";"


class ParamType(StrEnum):
    STRING = "string"  # a plain string literal
    DATE = "date"  # YYYY-MM-DD -> xsd:date
    INTEGER = "integer"  # -> xsd:integer
    IRI = "iri"  # an absolute IRI
    PLACE = "place"  # a place name, matched case-insensitively by the query


@dataclass(frozen=True)
class Param:
    name: str
    type: ParamType
    description: str


@dataclass(frozen=True)
class StoredQuery:
    """One ``.rq`` file: its header fields and the SPARQL text."""

    name: str
    purpose: str
    params: tuple[Param, ...]
    path: Path
    text: str
    joined: tuple[str, ...] = ()


def list_queries(directory: Path = QUERY_DIR) -> list[StoredQuery]:
    """Every stored query, by name."""
    return [_load(path) for path in sorted(Path(directory).glob("*.rq"))]


def load_query(name: str, directory: Path = QUERY_DIR) -> StoredQuery:
    """The stored query ``name`` (the file ``{directory}/{name}.rq``)."""
    path = Path(directory) / f"{name}.rq"
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name) or not path.is_file():
        known = ", ".join(q.name for q in list_queries(directory))
        raise QueryError(f"unknown query {name!r} (known: {known})")
    return _load(path)


def bind_params(query: StoredQuery, params: Mapping[str, str]) -> dict[str, Identifier]:
    """The typed RDF term of each parameter; QueryError for unknown, missing or bad ones."""
    declared = {p.name: p for p in query.params}
    for name in params:
        if name not in declared:
            expected = ", ".join(declared) or "none"
            raise QueryError(
                f"query {query.name!r}: unknown parameter {name!r} (parameters: {expected})"
            )
    missing = [name for name in declared if name not in params]
    if missing:
        raise QueryError(f"query {query.name!r}: missing parameter {missing[0]!r}")
    return {name: _term(query.name, declared[name], value) for name, value in params.items()}


def run_query(
    name: str | StoredQuery, store: Store, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Run a stored query on ``store`` with ``params`` given as strings."""
    query = name if isinstance(name, StoredQuery) else load_query(name)
    bindings = bind_params(query, params or {})
    try:
        result = store.query(query.text, bindings)
    except QueryError as e:
        raise QueryError(f"query {query.name!r}: {e}") from e
    for column in query.joined:
        for row in result.rows:
            row[column] = _stable(row.get(column))
    return result


@functools.lru_cache(maxsize=64)
def _load(path: Path) -> StoredQuery:
    text = path.read_text(encoding="utf-8")
    fields = _header(text)
    if "purpose" not in fields:
        raise QueryError(f"{path}: the header has no '# purpose:' line")
    name = fields.get("name", [path.stem])[0]
    if name != path.stem:
        raise QueryError(f"{path}: '# name: {name}' does not match the file name")
    params = tuple(_param(path, line) for line in fields.get("param", []))
    joined = tuple(" ".join(fields.get("joined", [])).split())
    return StoredQuery(name, " ".join(fields["purpose"]), params, path, text, joined)


def _header(text: str) -> dict[str, list[str]]:
    """``# key: value`` lines of the leading comment block; indented lines continue a value."""
    fields: dict[str, list[str]] = {}
    last: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:]
        match = re.match(r"\s?([a-z]+):\s*(.*)", body)
        if match:
            last = fields.setdefault(match[1], [])
            last.append(match[2].strip())
        elif last is not None and body.strip():
            last[-1] = f"{last[-1]} {body.strip()}"
    return fields


def _param(path: Path, line: str) -> Param:
    parts = line.split(maxsplit=2)
    if len(parts) < 2 or parts[1] not in ParamType._value2member_map_:
        types = ", ".join(t.value for t in ParamType)
        raise QueryError(
            f"{path}: bad '# param: {line}' (want NAME TYPE description, TYPE one of {types})"
        )
    return Param(parts[0], ParamType(parts[1]), parts[2] if len(parts) > 2 else "")


def _term(query: str, param: Param, value: str) -> Identifier:
    try:
        return _convert(param.type, value)
    except ValueError as e:
        raise QueryError(f"query {query!r}: parameter {param.name!r}: {e}") from e


def _convert(kind: ParamType, value: str) -> Identifier:
    """A parameter string as the RDF term its type asks for."""
    if kind is ParamType.DATE:
        return Literal(dt.date.fromisoformat(value.strip()), datatype=XSD.date)
    if kind is ParamType.INTEGER:
        return Literal(int(value.strip()), datatype=XSD.integer)
    if kind is ParamType.IRI:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", value.strip()):
            raise ValueError(f"not an absolute IRI: {value!r}")
        return URIRef(value.strip())
    if kind is ParamType.PLACE:
        return Literal(value.strip())
    return Literal(value)


def _stable(cell: str | None) -> str | None:
    """A ``;``-joined cell with its parts in a stable order, empty parts dropped; None
    when empty.  (Queries join "" where a value is missing: an unbound value would make
    Oxigraph's GROUP_CONCAT unbound for the whole group.)"""
    parts = [part for part in (cell or "").split(SEPARATOR) if part]
    if not parts:
        return None
    if all(re.fullmatch(r"-?\d+", p) for p in parts):
        parts.sort(key=int)
    else:
        parts.sort(key=lambda p: (p.casefold(), p))
    return SEPARATOR.join(parts)
