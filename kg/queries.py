"""The stored-query catalogue: ``queries/*.rq``, each documented in its header.

A header is the leading ``#`` comment block of the file::

    # name: attacks_at_place
    # purpose: Attacks at a place ... (continued on indented "#   " lines)
    # param: place place the place name to look for
    # param: limit integer=100 attacks per page (0: all)
    # joined: matched places attackers targets

``param`` lines are ``NAME TYPE description`` with TYPE one of string, date,
integer, iri, place, actor; ``TYPE?`` makes the parameter optional and
``TYPE=VALUE`` gives it a default.  Parameter values are bound as typed RDF terms,
never pasted into the query text as words: they go in as an inline ``VALUES`` block
(``kg.store.bindings``, each term written by rdflib's serializer of one term) first
in the query's WHERE group and in that of every sub-select that projects the
parameter, on every store alike.  (The embedded store could substitute them
instead, but then Oxigraph's optimizer does not see the values and plans a filtered
query as if it were not: ten to a hundred times slower.)  The parameters are left
out of the result.  ``joined`` names the ``;``-joined columns whose parts are put in a
stable order (numeric when all are integers, else alphabetical) after the query, since
GROUP_CONCAT's order is not defined.

Two parameter names are the page of a list query, not variables: ``limit`` (at
most that many rows, or attacks for the queries that say so; 0 for all) and
``offset`` (skip that many first).  Their integers take the place of the query's
``# page`` line, as ``LIMIT n OFFSET m`` (SPARQL has no variables there).

A line of the query body that ends with ``# if: NAME...`` is part of the query only
when one of those parameters is given (or has a default); a ``# if: NAME...`` line
of its own does the same for the lines up to its ``# end``.  So an optional filter
costs nothing when it is left out.  Which lines a query runs with depends only on
which parameters are given, never on their values.

>>> [q.name for q in list_queries()][:3]
['acled', 'attacks', 'attacks_at_place']
>>> [(p.name, p.type.value, p.optional) for p in load_query("timeline").params][:3]
[('from', 'date', False), ('to', 'date', False), ('place', 'place', True)]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.names import place_key
from kg.rdf.derived import SEPARATOR, actor_key, join_values
from kg.store.base import QueryResult, Store
from kg.store.bindings import with_values

__all__ = [
    "QUERY_DIR",
    "ParamType",
    "Param",
    "StoredQuery",
    "QueryResult",
    "list_queries",
    "load_query",
    "PAGE_PARAMS",
    "bind_params",
    "query_text",
    "run_query",
    "page_of",
]

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
"""Where the stored queries live (``queries/`` at the project root)."""

PAGE_PARAMS = ("limit", "offset")
"""The parameters that set a list query's page (``# page``), not a variable."""


class ParamType(StrEnum):
    STRING = "string"  # a plain string literal
    DATE = "date"  # YYYY-MM-DD -> xsd:date
    INTEGER = "integer"  # -> xsd:integer
    IRI = "iri"  # an absolute IRI
    PLACE = "place"  # a place name or GeoNames id -> its kg:nameKey (kg.names.place_key)
    ACTOR = "actor"  # an actor's name or alias -> its kg:nameKey (kg.rdf.derived.actor_key)


@dataclass(frozen=True)
class Param:
    name: str
    type: ParamType
    description: str
    optional: bool = False
    default: str | None = None


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
    """The typed RDF term of each given parameter, defaults filled in, the page
    (``limit``, ``offset``) left out; QueryError for unknown, missing or bad ones."""
    values = _values(query, params)
    declared = {p.name: p for p in query.params}
    return {
        name: _term(query.name, declared[name], value)
        for name, value in values.items()
        if name not in PAGE_PARAMS
    }


def query_text(query: StoredQuery, given: Collection[str], limit: int = 0, offset: int = 0) -> str:
    """The SPARQL sent to the store when the parameters ``given`` are bound: the lines
    ``# if:`` other parameters left out, ``# page`` as ``LIMIT limit OFFSET offset``
    (``limit`` 0: no LIMIT)."""
    lines: list[str] = []
    blocks: list[bool] = []  # for each open "# if:" block: is it kept?
    for line in query.text.splitlines():
        condition = _IF.search(line)
        kept = condition is None or bool(set(condition["names"].split()) & set(given))
        if condition and line.lstrip().startswith("#"):  # a block opens
            blocks.append(kept)
            continue
        if _END.fullmatch(line):
            blocks.pop()
            continue
        if not (kept and all(blocks)):
            continue
        if _PAGE.fullmatch(line):
            page = (f"LIMIT {limit}" if limit else "", f"OFFSET {offset}" if offset else "")
            line = " ".join(p for p in page if p)
        lines.append(line)
    return "\n".join(lines) + "\n"


def run_query(
    name: str | StoredQuery, store: Store, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Run a stored query on ``store`` with ``params`` given as strings (a list query
    gives the first page of its default ``limit`` unless ``limit`` says otherwise)."""
    query = name if isinstance(name, StoredQuery) else load_query(name)
    bindings = bind_params(query, params or {})
    limit, offset = _page(query, _values(query, params or {}))
    text = with_values(query_text(query, bindings, limit, offset), bindings)
    try:
        result = store.query(text)
    except QueryError as e:
        raise QueryError(f"query {query.name!r}: {e}") from e
    result.columns = [c for c in result.columns if c not in bindings]
    for row in result.rows:
        for name in bindings:
            row.pop(name, None)
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
    _check_body(path, text, params)
    return StoredQuery(name, " ".join(fields["purpose"]), params, path, text, joined)


_IF = re.compile(r"#\s*if:\s*(?P<names>[A-Za-z_][\w ]*?)\s*$")
_PAGE = re.compile(r"\s*#\s*page\s*")
_END = re.compile(r"\s*#\s*end\s*")


def _check_body(path: Path, text: str, params: tuple[Param, ...]) -> None:
    """``# if:`` names declared parameters; one ``# page`` line iff the page is declared."""
    declared = {p.name: p for p in params}
    depth = 0
    for line in text.splitlines():
        condition = _IF.search(line)
        for name in condition["names"].split() if condition else ():
            if name not in declared:
                raise QueryError(f"{path}: '# if: {name}' names no parameter")
        depth += bool(condition and line.lstrip().startswith("#")) - bool(_END.fullmatch(line))
        if depth < 0:
            raise QueryError(f"{path}: an '# end' without its '# if:'")
    if depth:
        raise QueryError(f"{path}: an '# if:' block without its '# end'")
    for name in PAGE_PARAMS:
        if name in declared and declared[name].type is not ParamType.INTEGER:
            raise QueryError(f"{path}: the page parameter {name!r} must be an integer")
    pages = sum(1 for line in text.splitlines() if _PAGE.fullmatch(line))
    paged = any(name in declared for name in PAGE_PARAMS)
    if pages != (1 if paged else 0):
        raise QueryError(f"{path}: a query with a limit or offset has one '# page' line")


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
    kind = re.fullmatch(r"([a-z]+)(\?|=(\S+))?", parts[1]) if len(parts) > 1 else None
    if kind is None or kind[1] not in ParamType._value2member_map_:
        types = ", ".join(t.value for t in ParamType)
        raise QueryError(
            f"{path}: bad '# param: {line}' (want NAME TYPE[?|=DEFAULT] description, "
            f"TYPE one of {types})"
        )
    param = Param(
        parts[0],
        ParamType(kind[1]),
        parts[2] if len(parts) > 2 else "",
        optional=kind[2] is not None,  # "?" or "=DEFAULT": it may be left out
        default=kind[3],
    )
    if param.default is not None:
        _term(path.stem, param, param.default)  # a bad default fails when the query loads
    return param


def _values(query: StoredQuery, params: Mapping[str, str]) -> dict[str, str]:
    """The given parameters with the defaults of those left out; QueryError for unknown
    or missing ones."""
    declared = {p.name: p for p in query.params}
    for name in params:
        if name not in declared:
            expected = ", ".join(declared) or "none"
            raise QueryError(
                f"query {query.name!r}: unknown parameter {name!r} (parameters: {expected})"
            )
    missing = [p.name for p in query.params if not p.optional and p.name not in params]
    if missing:
        raise QueryError(f"query {query.name!r}: missing parameter {missing[0]!r}")
    defaults = {p.name: p.default for p in query.params if p.default is not None}
    return defaults | dict(params)


def page_of(name: str, params: Mapping[str, str] | None = None) -> tuple[int, int]:
    """(limit, offset) that ``run_query(name, store, params)`` asks for; limit 0 is all."""
    query = load_query(name)
    return _page(query, _values(query, params or {}))


def _page(query: StoredQuery, values: Mapping[str, str]) -> tuple[int, int]:
    """(limit, offset) of the page asked for, 0 for what is not given."""
    declared = {p.name: p for p in query.params}
    page = []
    for name in PAGE_PARAMS:
        number = int(_term(query.name, declared[name], values[name])) if name in values else 0
        if number < 0:
            raise QueryError(f"query {query.name!r}: parameter {name!r} must be 0 or more")
        page.append(number)
    return page[0], page[1]


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
        return Literal(place_key(value))
    if kind is ParamType.ACTOR:
        return Literal(actor_key(value))
    return Literal(value)


def _stable(cell: str | None) -> str | None:
    """A ``;``-joined cell with its parts in a stable order, empty parts and repeats
    dropped (``kg.rdf.derived.join_values``); None when empty.  (Queries join "" where a
    value is missing: an unbound value would make Oxigraph's GROUP_CONCAT unbound for
    the whole group.)"""
    return join_values((cell or "").split(SEPARATOR))
