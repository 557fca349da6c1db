"""The examples in the store modules' docstrings (no server needed)."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from kg.store import bindings, endpoint, factory, files


@pytest.mark.parametrize("module", [bindings, endpoint, factory, files], ids=lambda m: m.__name__)
def test_doctests(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


def test_store_urls() -> None:
    from kg.errors import ConfigError
    from kg.store.endpoint import Auth, Dialect, Endpoint

    fuseki = Endpoint.parse("fuseki+https://admin@example.org:3030/kg#timeout=5&retries=0")
    assert (fuseki.query_url, fuseki.update_url, fuseki.gsp_url) == (
        "https://example.org:3030/kg/query",
        "https://example.org:3030/kg/update",
        "https://example.org:3030/kg/data",
    )
    assert (fuseki.auth, fuseki.user, fuseki.timeout, fuseki.retries) == (
        Auth.BASIC,
        "admin",
        5.0,
        0,
    )
    graphdb = Endpoint.parse("graphdb+http://h:7200/repositories/kg/")
    assert graphdb.update_url == "http://h:7200/repositories/kg/statements"
    assert graphdb.gsp_url == "http://h:7200/repositories/kg/rdf-graphs/service"
    plain = Endpoint.parse("http://h/sparql#gsp=/rdf-graph-store&batch=500&auth=digest")
    assert (plain.dialect, plain.update_url, plain.gsp_url) == (
        Dialect.SPARQL,
        "http://h/sparql",
        "http://h/rdf-graph-store",
    )
    assert (plain.update_batch, plain.auth) == (500, Auth.DIGEST)
    for bad, message in [
        ("virtuoso+http://dba:dba@h:8890", "no password in the store URL"),
        ("blazegraph+http://h", "unknown store kind 'blazegraph'"),
        ("oxigraph+ftp://h", "not an http"),
        ("http://h/sparql#colour=red", "unknown store option 'colour'"),
        ("http://h/sparql#batch=0", "at least 1"),
        ("http://h/sparql#auth=kerberos", "basic, digest or none"),
    ]:
        with pytest.raises(ConfigError, match=message):
            Endpoint.parse(bad)


def test_values_go_first_in_the_where_group() -> None:
    from rdflib import BNode, Literal, URIRef

    from kg.errors import QueryError
    from kg.store.bindings import outer_group_start, with_values

    tricky = (
        "PREFIX a: <http://e/#{x}> # a comment { with a brace\n"
        'SELECT ?x ("{" AS ?b) (IF(?n < 3, 1, 2) AS ?c) WHERE { ?x ?y ?n }'
    )
    assert tricky[outer_group_start(tricky) :].startswith("{ ?x ?y ?n }")
    bound = with_values(tricky, {"x": URIRef("http://e/x"), "n": Literal(2)})
    assert (
        'WHERE { VALUES (?x ?n) { (<http://e/x> "2"^^<http://www.w3.org/2001/XMLSchema#integer>) }'
        in bound
    )
    with pytest.raises(QueryError, match="only IRIs and literals"):
        with_values(tricky, {"x": BNode()})
    with pytest.raises(QueryError, match="cannot bind"):
        with_values(tricky, {"x": URIRef("http://e/x> } DROP ALL")})
    with pytest.raises(QueryError, match="not a SPARQL variable"):
        with_values(tricky, {"x y": Literal(1)})
