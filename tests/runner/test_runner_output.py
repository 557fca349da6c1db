"""kg.runner.output: --out streamed to N-Quads, converted at the end, never half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.runner import OutputWriter

A = (
    b'<https://w3id.org/kg/id/article/a> <https://schema.org/identifier> "a" '
    b"<https://w3id.org/kg/id/graph/a> .\n"
    b"<https://w3id.org/kg/id/article/a> <https://w3id.org/kg/ontology#actor> "
    b"<https://w3id.org/kg/id/actor/x> <https://w3id.org/kg/id/graph/a> .\n"
    b'<https://w3id.org/kg/id/actor/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" '
    b"<https://w3id.org/kg/id/graph/a> .\n"
)
B = A.replace(b"/a>", b"/b>").replace(b'"a"', b'"b"')


def written(path: Path) -> OutputWriter:
    out = OutputWriter(path)
    out.write(A)
    out.write(B)
    return out


def dataset(path: Path, fmt: str) -> Dataset:
    ds = Dataset()
    ds.parse(path, format=fmt)
    return ds


def expected() -> Dataset:
    ds = Dataset()
    ds.parse(data=(A + B).decode(), format="nquads")
    return ds


@pytest.mark.parametrize(
    ("suffix", "fmt"), [(".nq", "nquads"), (".trig", "trig"), (".jsonld", "json-ld")]
)
def test_graphs_come_out_whole(tmp_path: Path, suffix: str, fmt: str) -> None:
    path = tmp_path / "out" / f"kg{suffix}"
    written(path).commit()
    got, want = dataset(path, fmt), expected()
    names = {str(g.identifier) for g in want.graphs() if len(g)}
    assert {str(g.identifier) for g in got.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(got.graph(URIRef(name)), want.graph(URIRef(name)))
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left


def test_turtle_is_the_union_with_shared_nodes_once(tmp_path: Path) -> None:
    path = tmp_path / "kg.ttl"
    written(path).commit()
    text = path.read_text(encoding="utf-8")
    assert text.count('"X"') == 1
    union = Graph()
    for s, p, o, _ in expected().quads():
        union.add((s, p, o))
    assert isomorphic(Graph().parse(path, format="turtle"), union)
    assert "id:" not in text  # data IRIs are written whole


def test_jsonld_is_json(tmp_path: Path) -> None:
    path = tmp_path / "kg.jsonld"
    written(path).commit()
    assert isinstance(json.loads(path.read_text(encoding="utf-8")), list)


def test_lines_of_an_article_are_sorted(tmp_path: Path) -> None:
    path = tmp_path / "kg.nq"
    out = OutputWriter(path)
    out.write(b"".join(reversed(A.splitlines(keepends=True))))
    out.commit()
    assert path.read_bytes() == b"".join(sorted(A.splitlines(keepends=True)))


def test_a_failed_run_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "kg.trig"
    path.write_text("old")
    out = written(path)
    out.discard()
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.trig"]
