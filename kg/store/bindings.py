"""Binding query variables to typed RDF terms on stores that have no substitution API.

The embedded store binds parameters through pyoxigraph's ``substitutions``.  A
remote SPARQL 1.1 endpoint has no such API, so the terms travel inside the query as
an inline-data block, ``VALUES (?place) { ("Aleppo") }``, put first in the query's
top-level group.  Each term is written by rdflib's ``.n3()``, the serializer of one
RDF term (quotes, backslashes and newlines escaped; an IRI that is not a valid IRI
refused), so a value can only ever be one term: this is a typed term serialized,
not user text pasted into the query.

For the two mechanisms to agree, a stored query may use a parameter only in its
top-level group (FILTERs and BINDs there, and the SELECT projection), not inside
``GRAPH``/``OPTIONAL``/sub-select groups, which SPARQL evaluates before the join with
the ``VALUES`` block (``tests/test_queries.py`` checks every stored query).

>>> from rdflib import Literal
>>> print(with_values("SELECT ?place ?n WHERE { ?s ?p ?n }", {"place": Literal("Aleppo")}))
SELECT ?place ?n WHERE { VALUES (?place) { ("Aleppo") }
 ?s ?p ?n }
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
    """``sparql`` with a ``VALUES`` block for ``bindings`` first in its top-level group."""
    if not bindings:
        return sparql
    names = [name.lstrip("?$") for name in bindings]
    for name in names:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"not a SPARQL variable name: {name!r}")
    terms = " ".join(term_n3(term) for term in bindings.values())
    variables = " ".join(f"?{name}" for name in names)
    at = outer_group_start(sparql) + 1
    return f"{sparql[:at]} VALUES ({variables}) {{ ({terms}) }}\n{sparql[at:]}"


def outer_group_start(sparql: str) -> int:
    """The index of the ``{`` that opens the query's WHERE group.

    It is the first brace outside comments, strings and IRIs: the prologue and the
    projection of a SELECT or ASK hold none.
    """
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c == "<":
            m = _IRIREF.match(sparql, i)
            if m:
                i = m.end()
                continue
        if c in "\"'":
            for pattern in _STRINGS:
                m = pattern.match(sparql, i)
                if m:
                    i = m.end()
                    break
            else:
                raise QueryError("unterminated string in the query")
            continue
        if c == "{":
            return i
        i += 1
    raise QueryError("the query has no WHERE group to bind parameters in")
