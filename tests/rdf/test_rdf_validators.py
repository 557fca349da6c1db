"""Independent parsers accept everything kg writes: Apache Jena's ``riot`` (Debian
``libapache-jena-java``, run through ``scripts/jena.sh``) and Raptor's ``rapper``
(Debian ``raptor2-utils``).  Each reads every file ``kg build --out`` writes (TriG,
N-Quads, Turtle, JSON-LD), every file ``kg dump`` writes, and the N-Triples kg sends
to Graph Store endpoints, and gives back a graph isomorphic to what kg meant.

Raptor has no JSON-LD parser, and its TriG parser does not know TriG 1.1's ``GRAPH``
keyword, which kg's writers do not use (checked here).  Jena reads JSON-LD through
jsonld-java (``--syntax=jsonld10``): its JSON-LD 1.1 reader needs a Jakarta JSON
implementation that Debian 12 does not package.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib.namespace as ns
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.pipeline import build
from kg.rdf import write_dataset
from tests.shared import REPO

pytestmark = pytest.mark.java

JENA = REPO / "scripts" / "jena.sh"
FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".jsonld": "json-ld"}
RAPPER = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "ntriples"}
EX = "http://example.org/"


def _odd_graph() -> Graph:
    """Terms that trip serializers."""
    g = Graph()
    s = URIRef(EX + "s/é%20x")
    for text in [
        'say "hi"',
        "back\\slash",
        "two\nlines\r\tand tab",
        "Ṭahrīr 😀 ميليشيا",
        "'''",
        "",
    ]:
        g.add((s, ns.RDFS.label, Literal(text)))
    g.add((s, ns.RDFS.label, Literal("Idleb", lang="fr")))
    g.add((s, URIRef(EX + "date"), Literal("2020-01-22", datatype=ns.XSD.date)))
    g.add((s, URIRef(EX + "n"), Literal(-20)))
    g.add((s, URIRef(EX + "x"), Literal("0.75", datatype=ns.XSD.decimal)))
    chain, rest = BNode(), BNode()
    g.add((s, ns.OWL.unionOf, chain))
    g.add((chain, ns.RDF.first, URIRef(EX + "A")))
    g.add((chain, ns.RDF.rest, rest))
    g.add((rest, ns.RDF.first, URIRef(EX + "B")))
    g.add((rest, ns.RDF.rest, ns.RDF.nil))
    return g


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind of file kg writes, by a name: build.trig, dump.ttl, payload.nt ..."""
    from kg.nlp import load_pipeline
    from kg.store.files import to_ntriples

    root = tmp_path_factory.mktemp("written")
    nlp = load_pipeline()
    files: dict[str, Path] = {}
    for suffix in FORMATS:
        out = root / f"build{suffix}"
        errors: list[Exception] = []
        build(
            [REPO / "seeds"],
            store_dir=root / f"store{suffix}",
            out=out,
            nlp=nlp,
            on_error=errors.append,
        )
        assert errors == []
        assert out.stat().st_size > 0
        files[out.name] = out
    graphs = [(EX + "graph/odd", _odd_graph()), (EX + "graph/2", _odd_graph())]
    for suffix in FORMATS:
        out = root / f"dump{suffix}"
        write_dataset(graphs, out)
        files[out.name] = out
    import pyoxigraph as ox

    from kg.store.convert import quad_to_ox

    payload = root / "payload.nt"
    quads = [quad_to_ox(s, p, o, ox.NamedNode(EX + "g")) for s, p, o in _odd_graph()]
    payload.write_bytes(to_ntriples(quads))
    files[payload.name] = payload
    return files


@pytest.fixture(scope="session")
def jena(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    missing = [tool for tool in ("java", "unzip") if shutil.which(tool) is None]
    if missing or not Path("/usr/share/java/jena-core.jar").exists():
        pytest.fail(
            "Jena needs java, unzip and the Debian package libapache-jena-java "
            f"(.ci/run installs them); missing: {missing or ['jena-core.jar']}",
            pytrace=False,
        )
    return ["sh", str(JENA), "riotcmd.riot"]


@pytest.fixture(autouse=True)
def _jena_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # the Xerces resource fix goes to a temporary directory, not ~/.cache; a JVM tuned
    # for short runs starts about a quarter faster
    monkeypatch.setenv("JENA_FIX_DIR", str(tmp_path_factory.getbasetemp() / "jena-fix"))
    monkeypatch.setenv("JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC")


def _rapper() -> str:
    found = shutil.which("rapper")
    if found is None:
        pytest.fail(
            "rapper is missing: apt-get install raptor2-utils (.ci/run does)", pytrace=False
        )
    return found


def _mine(path: Path) -> Dataset:
    """The file as kg's own parser (rdflib) reads it."""
    dataset = Dataset()
    fmt = FORMATS.get(path.suffix, "nt")
    dataset.parse(path, format=fmt)
    return dataset


def _nquads(data: bytes) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    return dataset


def _same(a: Dataset, b: Dataset) -> bool:
    """Graph by graph isomorphic (the default graph holds Turtle's triples)."""

    def graphs(ds: Dataset) -> dict[str, Graph]:
        out: dict[str, Graph] = {}
        for s, p, o, g in ds.quads((None, None, None, None)):
            name = str(g.identifier if isinstance(g, Graph) else g)
            name = "" if "urn:x-rdflib:default" in name else name
            out.setdefault(name, Graph()).add((s, p, o))
        return out

    ga, gb = graphs(a), graphs(b)
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)


ALL = [*(f"build{s}" for s in FORMATS), *(f"dump{s}" for s in FORMATS), "payload.nt"]


@pytest.mark.parametrize("name", ALL)
def test_jena_accepts_every_file_and_gives_the_same_graphs(
    jena: list[str], written: dict[str, Path], name: str
) -> None:
    """``riot --strict`` (what ``riot --validate`` checks, and warnings count) reads the
    file, and its N-Quads are the graphs kg's own parser reads."""
    path = written[name]
    syntax = ["--syntax=jsonld10"] if path.suffix == ".jsonld" else []
    done = subprocess.run(
        [*jena, "--strict", *syntax, "--output=nquads", str(path)], capture_output=True
    )
    errors = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, errors
    assert "ERROR" not in errors, errors
    assert "WARN" not in errors, errors
    assert _same(_nquads(done.stdout), _mine(path))


@pytest.mark.parametrize(
    "name",
    [
        *(f"build{s}" for s in RAPPER if s != ".nt"),
        *(f"dump{s}" for s in RAPPER if s != ".nt"),
        "payload.nt",
    ],
)
def test_raptor_reads_every_file_and_gives_the_same_graphs(
    written: dict[str, Path], name: str
) -> None:
    path = written[name]
    done = subprocess.run(
        [_rapper(), "-q", "-i", RAPPER[path.suffix], "-o", "nquads", str(path)], capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    assert not done.stderr, done.stderr.decode()
    assert _same(_nquads(done.stdout), _mine(path))


def test_our_trig_has_no_graph_keyword(written: dict[str, Path]) -> None:
    """Raptor's TriG parser predates TriG 1.1's optional GRAPH keyword."""
    for name in ("build.trig", "dump.trig"):
        text = written[name].read_text(encoding="utf-8")
        assert not re.search(r"^\s*GRAPH\s", text, re.M), name
