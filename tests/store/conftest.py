"""Fixtures for the store tests: real Oxigraph and Virtuoso servers on 127.0.0.1.

Each server is started once per test session on random free ports, polled until it
answers, and stopped with SIGTERM to its PID at the end (``store_servers.py``).  A
missing ``virtuoso-t`` fails the tests that need it, with the package to install:
CI (``.ci/run``) installs it, and these tests are never skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from store_servers import VIRTUOSO_PASSWORD, Server, empty, start_oxigraph, start_virtuoso

from kg.store import RemoteStore


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    try:
        server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    except RuntimeError as e:
        pytest.fail(f"cannot start the Oxigraph server: {e}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    try:
        server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    except RuntimeError as e:
        pytest.fail(f"cannot start Virtuoso: {e}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(params=["oxigraph", "virtuoso", "sparql-update"])
def remote(request: pytest.FixtureRequest) -> Iterator[RemoteStore]:
    """An emptied remote store, once per kind of server and write path:

    - oxigraph: the Oxigraph server, writes through the Graph Store Protocol;
    - virtuoso: Virtuoso with Digest authentication, Graph Store Protocol;
    - sparql-update: the Oxigraph server as a plain SPARQL endpoint (no Graph Store
      Protocol), so writes go through SPARQL Update, in batches of 3 triples.
    """
    if request.param == "virtuoso":
        server: Server = request.getfixturevalue("virtuoso_server")
        store = RemoteStore(server.location, password=VIRTUOSO_PASSWORD)
    else:
        server = request.getfixturevalue("oxigraph_server")
        location = server.location
        if request.param == "sparql-update":
            location = f"{server.base}/query#update=update&batch=3"
        store = RemoteStore(location)
    with empty(store):
        yield store
