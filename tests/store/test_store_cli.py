"""The store commands of the ``kg`` CLI on every kind of store: ``kg load`` (twice:
nothing changes), ``kg dump``, ``kg delete``, ``kg query --store URL``, and one clear
line for a wrong password or an unreachable endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from parity import comparable
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from store_servers import VIRTUOSO_PASSWORD, Server, empty, free_port

from kg.cli import main
from kg.store import RemoteStore
from tests.shared import REPO

pytestmark = pytest.mark.server

SEEDS = REPO / "tests" / "expected" / "seeds.trig"  # what kg build --out wrote for seeds/
ARTICLE = "000_619e0e6b1d1d4374"


def kg(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def kg_process(*argv: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    """``kg`` in a process of its own, stdin not a terminal."""
    env = {k: v for k, v in os.environ.items() if k != "KG_STORE_PASSWORD"}
    if password is not None:
        env["KG_STORE_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *argv],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture(params=["embedded", "oxigraph", "virtuoso"])
def location(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """An empty store of each kind, by its --store location."""
    if request.param == "embedded":
        return str(tmp_path / "store")
    server: Server = request.getfixturevalue(f"{request.param}_server")
    monkeypatch.setenv("KG_STORE_PASSWORD", VIRTUOSO_PASSWORD)
    with RemoteStore(server.location) as store:
        empty(store)
    return server.location


def _triples(capsys: pytest.CaptureFixture[str], location: str) -> int:
    status, _out, _ = kg(capsys, "query", "--store", location, "--format", "csv", "attacks")
    assert status == 0
    from kg.store import open_store

    with open_store(location, read_only=True) as store:
        return store.count_triples()


def test_load_twice_changes_nothing(capsys: pytest.CaptureFixture[str], location: str) -> None:
    status, _, err = kg(capsys, "load", str(SEEDS), "--store", location)
    assert status == 0, err
    first = _triples(capsys, location)
    assert f"the store holds {first} triples" in err
    status, _, err = kg(capsys, "load", str(SEEDS), "--store", location)
    assert status == 0
    assert f"the store holds {first} triples" in err
    assert _triples(capsys, location) == first > 0


def test_dump_gives_back_what_was_loaded(
    capsys: pytest.CaptureFixture[str], location: str, tmp_path: Path
) -> None:
    kg(capsys, "load", str(SEEDS), "--store", location)
    out = tmp_path / "dump.nq"
    status, _, err = kg(capsys, "dump", "--store", location, "--out", str(out))
    assert status == 0, err
    assert "written to" in err
    assert _graphs(out) == _graphs(SEEDS) or _isomorphic(_graphs(out), _graphs(SEEDS))


def test_delete_an_article(
    capsys: pytest.CaptureFixture[str], location: str, tmp_path: Path
) -> None:
    kg(capsys, "load", str(SEEDS), "--store", location)
    status, _, err = kg(capsys, "delete", ARTICLE, "--store", location)
    assert status == 0
    assert f"deleted article {ARTICLE}" in err
    out = tmp_path / "after.nq"
    kg(capsys, "dump", "--store", location, "--out", str(out))
    after, before = _graphs(out), _graphs(SEEDS)
    gone = f"https://w3id.org/kg/id/graph/{ARTICLE}"
    assert gone in before
    assert gone not in after
    for name, graph in after.items():  # the other article stays; no event joins the deleted
        if name.endswith("/graph/events"):
            assert f"/article/{ARTICLE}/" not in graph.serialize(format="nt")
        else:
            assert isomorphic(graph, before[name]), name
    status, _, err = kg(capsys, "delete", ARTICLE, "--store", location)
    assert status == 1
    assert err == f"error: article {ARTICLE} is not in {location}\n"


def test_query_on_a_server_answers_as_the_embedded_store(
    capsys: pytest.CaptureFixture[str], location: str, tmp_path: Path
) -> None:
    reference = str(tmp_path / "reference")
    for where in (reference, location):
        kg(capsys, "load", str(SEEDS), "--store", where)
    for argv in (["attacks"], ["attacks_at_place", "--param", "place=Aleppo"]):
        _, expected, _ = kg(capsys, "query", *argv, "--store", reference, "--format", "csv")
        status, got, err = kg(capsys, "query", *argv, "--store", location, "--format", "csv")
        assert status == 0, err
        assert sorted(got.splitlines()) == sorted(expected.splitlines())


def test_load_turtle_needs_a_graph(
    capsys: pytest.CaptureFixture[str], location: str, tmp_path: Path
) -> None:
    ttl = tmp_path / "places.ttl"
    ttl.write_text('<http://example.org/p> <http://www.w3.org/2000/01/rdf-schema#label> "P" .\n')
    status, _, err = kg(capsys, "load", str(ttl), "--store", location)
    assert status == 1
    assert err.startswith(f"error: {ttl}: holds triples outside any named graph")
    graph = "http://example.org/graph/places"
    status, _, err = kg(capsys, "load", str(ttl), "--graph", graph, "--store", location)
    assert status == 0, err


def test_build_into_a_server_twice(
    capsys: pytest.CaptureFixture[str], oxigraph_server: Server, tmp_path: Path
) -> None:
    """``kg build --store URL``: the seeds into the Oxigraph server, twice, as into a
    directory; the second run leaves the same triples."""
    url = oxigraph_server.location
    with RemoteStore(url) as store:
        empty(store)
    counts = []
    for _ in range(2):
        status, _, err = kg(capsys, "build", str(REPO / "seeds"), "--store", url)
        assert status == 0, err
        assert "0 errors" in err
        counts.append(_triples(capsys, url))
    local = str(tmp_path / "local")
    kg(capsys, "build", str(REPO / "seeds"), "--store", local)
    assert counts[0] == counts[1] == _triples(capsys, local)


# ------------------------------------------------ errors: one line each, exit status 1


def test_wrong_password_is_one_line(virtuoso_server: Server) -> None:
    done = kg_process("query", "attacks", "--store", virtuoso_server.location, password="wrong!")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"error: SPARQL endpoint {virtuoso_server.base}/sparql-auth: ")
    assert "refused user 'dba'" in done.stderr
    assert "wrong!" not in done.stderr


def test_wrong_password_on_load_is_one_line(virtuoso_server: Server) -> None:
    done = kg_process("load", str(SEEDS), "--store", virtuoso_server.location, password="wrong!")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert "refused user 'dba'" in done.stderr
    assert "wrong!" not in done.stderr


def test_unreachable_endpoint_is_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    done = kg_process("query", "attacks", "--store", f"oxigraph+{url}")
    assert done.returncode == 1
    assert done.stderr == f"error: SPARQL endpoint {url}/query: unreachable (connection refused)\n"


def test_no_password_without_a_terminal_is_one_line(virtuoso_server: Server) -> None:
    done = kg_process("query", "attacks", "--store", virtuoso_server.location)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "set $KG_STORE_PASSWORD" in done.stderr


def test_a_password_in_the_url_is_refused() -> None:
    done = kg_process("query", "attacks", "--store", "virtuoso+http://dba:secret@127.0.0.1:1")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "no password in the store URL" in done.stderr
    assert "secret" not in done.stderr


# --------------------------------------------------------------------------- helpers


def _graphs(path: Path) -> dict[str, Graph]:
    dataset = Dataset()
    dataset.parse(path, format="nquads" if path.suffix == ".nq" else "trig")
    graphs: dict[str, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = str(g.identifier if isinstance(g, Graph) else g)
        graphs.setdefault(name, Graph()).add((s, p, o))
    return {name: comparable(graph) for name, graph in graphs.items()}


def _isomorphic(a: dict[str, Graph], b: dict[str, Graph]) -> bool:
    return a.keys() == b.keys() and all(isomorphic(a[k], b[k]) for k in a)


def test_the_events_graph_is_the_same_on_every_store(
    capsys: pytest.CaptureFixture[str], location: str, tmp_path: Path
) -> None:
    """kg.identity reads the reports a few days at a time with one query (VALUES of
    dates): every store answers it alike."""
    from kg.identity import link_reports
    from kg.store import open_store

    reference = str(tmp_path / "reference")
    for where in (reference, location):
        status, _, err = kg(capsys, "load", str(SEEDS), "--store", where)
        assert status == 0, err
    with open_store(reference) as store:
        expected = set(link_reports(store))
    with open_store(location) as store:
        got = set(link_reports(store))
    assert expected
    assert got == expected
