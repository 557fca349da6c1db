"""Binding query variables to typed RDF terms on stores that have no substitution API.

The embedded store binds parameters through pyoxigraph's ``substitutions``.  A
remote SPARQL 1.1 endpoint has no such API, so the terms travel inside the query as
an inline-data block, ``VALUES (?place) { ("Aleppo") }``, put first in the query's
top-level group.  Each term is written by rdflib's ``.n3()``, the serializer of one
RDF term (quotes, backslashes and newlines escaped; an IRI that is not a valid IRI
refused), so a value can only ever be one term: this is a typed term serialized,
not user text pasted into the query.

Substitution (SPARQL SEP-0007) also reaches into a sub-select that projects the
variable, so the block goes first in the group of every such sub-select too.  For the
two mechanisms to agree, a stored query uses a parameter in its top-level group or in
a sub-select that projects it (FILTERs and BINDs there, triple patterns anywhere
below), not in a FILTER or BIND of a nested ``GRAPH``/``OPTIONAL``/``{ }`` group,
which SPARQL evaluates before the join with the ``VALUES`` block
(``tests/test_queries.py`` checks every stored query).

>>> from rdflib import Literal
>>> print(with_values("SELECT ?place ?n WHERE { ?s ?p ?n }", {"place": Literal("Aleppo")}))
SELECT ?place ?n WHERE { VALUES (?place) { ("Aleppo") }
 ?s ?p ?n }
>>> print(with_values("SELECT ?x WHERE { { SELECT ?x WHERE { ?s ?p ?x } } }", {"x": Literal(1)}))
SELECT ?x WHERE { VALUES (?x) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) }
 { SELECT ?x WHERE { VALUES (?x) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) }
 ?s ?p ?x } } }
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError

__all__ = ["with_values", "term_n3", "outer_group_start"]

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# an IRIREF (SPARQL 1.1 grammar [139]): no spaces, so "?x < 3" is not one
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRINGS = (
    re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""', re.S),
    re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''", re.S),
    re.compile(r'"(?:[^"\\\n\r]|\\.)*"'),
    re.compile(r"'(?:[^'\\\n\r]|\\.)*'"),
)


def term_n3(term: Identifier) -> str:
    """One IRI or literal in SPARQL syntax; QueryError for anything else."""
    if not isinstance(term, (URIRef, Literal)):
        raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be parameters")
    try:
        return term.n3()
    except Exception as e:  # rdflib refuses IRIs that would not serialize
        raise QueryError(f"cannot bind {term!r}: {e}") from None


def with_values(sparql: str, bindings: Mapping[str, Identifier]) -> str:
    """``sparql`` with a ``VALUES`` block for ``bindings`` first in its top-level group
    and in the group of every sub-select that projects one of them (or ``*``)."""
    if not bindings:
        return sparql
    names = [name.lstrip("?$") for name in bindings]
    for name in names:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"not a SPARQL variable name: {name!r}")
    terms = " ".join(term_n3(term) for term in bindings.values())
    variables = " ".join(f"?{name}" for name in names)
    block = f" VALUES ({variables}) {{ ({terms}) }}\n"
    code = _code(sparql)
    starts = [outer_group_start(sparql), *_subselect_groups(code, set(names))]
    for at in sorted(set(starts), reverse=True):
        sparql = sparql[: at + 1] + block + sparql[at + 1 :]
    return sparql


def outer_group_start(sparql: str) -> int:
    """The index of the ``{`` that opens the query's WHERE group.

    It is the first brace outside comments, strings and IRIs: the prologue and the
    projection of a SELECT or ASK hold none.
    """
    at = _code(sparql).find("{")
    if at < 0:
        raise QueryError("the query has no WHERE group to bind parameters in")
    return at


_SELECT = re.compile(r"(?<![\w?$:])SELECT\b", re.IGNORECASE)
_PROJECTED = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)|\*")


def _subselect_groups(code: str, names: set[str]) -> list[int]:
    """The ``{`` opening the WHERE group of each sub-select (every SELECT but the
    first) whose projection names one of ``names`` or is ``*``."""
    found = []
    for select in list(_SELECT.finditer(code))[1:]:
        brace = code.find("{", select.end())
        if brace < 0:
            continue
        projected = {m.group(1) or "*" for m in _PROJECTED.finditer(code, select.end(), brace)}
        if projected & (names | {"*"}):
            found.append(brace)
    return found


def _code(sparql: str) -> str:
    """``sparql`` with its comments, strings and IRIs blanked out (same length)."""
    out = list(sparql)
    i, n = 0, len(sparql)
    while i < n:
        c, end = sparql[i], i + 1
        if c == "#":
            newline = sparql.find("\n", i)
            end = n if newline < 0 else newline
        elif c == "<" and (m := _IRIREF.match(sparql, i)):
            end = m.end()
        elif c in "\"'":
            match = next((m for p in _STRINGS if (m := p.match(sparql, i))), None)
            if match is None:
                raise QueryError("unterminated string in the query")
            end = match.end()
        else:
            i = end
            continue
        out[i:end] = " " * (end - i)
        i = end
    return "".join(out)
