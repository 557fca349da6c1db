"""``kg serve``: a store directory served read-only as a SPARQL 1.1 Protocol endpoint,
asked through SPARQLWrapper and through ``kg query --store URL``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper
from store_servers import free_port, wait_ready

from kg.cli import main
from kg.ontology import load_ontology
from kg.store import EmbeddedStore
from tests.shared import REPO

pytestmark = pytest.mark.server

SEEDS = REPO / "tests" / "expected" / "seeds.trig"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("served") / "store"
    with EmbeddedStore(path) as store:
        store.load_ontology(load_ontology())
        store.load_file(SEEDS)
    return path


@pytest.fixture(scope="module")
def served(store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``kg serve`` running on a free port: its base URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kg.cli",
                "serve",
                "--store",
                str(store_dir),
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(f"{base}/query?query=ASK%7B%7D", process, log, timeout=30)
        yield base
    finally:
        os.kill(process.pid, signal.SIGTERM)  # kg serve became the server: its PID is the server's
        assert process.wait(15) is not None
    assert "read-only" in log.read_text()


def test_sparqlwrapper_queries_it(served: str, store_dir: Path) -> None:
    client = SPARQLWrapper(f"{served}/query")
    client.setReturnFormat(JSON)
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    answer = client.query().convert()
    assert isinstance(answer, dict)
    served_count = int(answer["results"]["bindings"][0]["n"]["value"])
    with EmbeddedStore(store_dir, read_only=True) as store:
        assert served_count == store.count_triples() > 1000


@pytest.mark.parametrize("form", ["http://{}/query", "oxigraph+http://{}"])
def test_kg_query_answers_as_on_the_directory(
    served: str, store_dir: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    url = form.format(served.removeprefix("http://"))
    for argv in (["attacks"], ["timeline", "-p", "from=2020-01-01", "-p", "to=2020-12-31"]):
        assert main(["query", *argv, "--store", str(store_dir), "--format", "csv"]) == 0
        expected = capsys.readouterr().out
        assert main(["query", *argv, "--store", url, "--format", "csv"]) == 0
        got = capsys.readouterr().out
        assert sorted(got.splitlines()) == sorted(expected.splitlines())
        assert len(expected.splitlines()) > 1


def test_it_is_read_only(served: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["delete", "000_619e0e6b1d1d4374", "--store", f"oxigraph+{served}"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: SPARQL endpoint {served}/update: refused (HTTP 403 Forbidden)")
    assert "read-only" in err
    assert err.count("\n") == 1


def test_the_query_page_is_there(served: str) -> None:
    with urllib.request.urlopen(served + "/", timeout=5) as page:
        assert page.status == 200
        assert "html" in page.headers.get("Content-Type", "")


def test_serve_a_missing_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--store", str(tmp_path / "nothing"), "--port", str(free_port())]) == 1
    assert "no store at" in capsys.readouterr().err


def test_serve_on_a_port_in_use(
    served: str, store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = int(served.rsplit(":", 1)[1])
    started = time.monotonic()
    assert main(["serve", "--store", str(store_dir), "--port", str(port)]) == 1
    assert f"port {port} on 127.0.0.1 is in use" in capsys.readouterr().err
    assert time.monotonic() - started < 5
