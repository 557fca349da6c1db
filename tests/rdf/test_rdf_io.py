"""kg.rdf.io: every output format round-trips; the format follows the suffix."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdf_samples import small_extraction
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.rdf import OutputFormat, extraction_to_graph, graph_iri, write_dataset
from kg.records import Article, Extraction

# rdflib 7.6's own parsers and serializers call its deprecated Dataset API
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


def _graphs() -> list[tuple[str, Graph]]:
    other = extraction_to_graph(Extraction(Article(id="other", text="")))
    small = small_extraction()
    return [
        (str(graph_iri(small.article.id)), extraction_to_graph(small)),
        (str(graph_iri("other")), other),
    ]


def _read_dataset(path: Path, fmt: OutputFormat) -> Dataset:
    ds = Dataset()
    ds.parse(path, format=fmt.value)
    return ds


def _named(ds: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


def _same_dataset(a: Dataset, b: Dataset) -> bool:
    ga, gb = _named(a), _named(b)
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld"])
def test_dataset_formats_round_trip_graph_by_graph(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    written = write_dataset(_graphs(), path)
    back = _named(_read_dataset(path, OutputFormat.from_path(path)))
    assert written == sum(len(g) for _, g in _graphs())
    assert back.keys() == {iri for iri, _ in _graphs()}
    for iri, graph in _graphs():
        assert isomorphic(back[iri], graph), iri


def test_turtle_holds_the_union(tmp_path: Path) -> None:
    path = tmp_path / "out.ttl"
    write_dataset(_graphs(), path)
    union = Graph()
    for _, graph in _graphs():
        union += graph
    assert isomorphic(Graph().parse(path, format="turtle"), union)


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_rebuild_writes_identical_bytes(tmp_path: Path, fmt: OutputFormat) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write_dataset(_graphs(), one, fmt=fmt)
    write_dataset(reversed(_graphs()), two, fmt=fmt.value)
    if fmt is OutputFormat.TRIG:  # graph order follows the input: compare parsed
        assert _same_dataset(_read_dataset(one, fmt), _read_dataset(two, fmt))
    else:
        assert one.read_bytes() == two.read_bytes()


def test_nquads_are_sorted_lines(tmp_path: Path) -> None:
    path = tmp_path / "out.nq"
    write_dataset(_graphs(), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


def test_our_prefixes_are_bound(tmp_path: Path) -> None:
    path = tmp_path / "out.trig"
    write_dataset(_graphs(), path)
    text = path.read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/kg/ontology#> ." in text
    assert "@prefix kga: <https://w3id.org/kg/actor#> ." in text
    assert "ns1:" not in text


def test_format_from_suffix() -> None:
    assert OutputFormat.from_path("a/b.TRIG") is OutputFormat.TRIG
    assert OutputFormat.from_path("b.nq") is OutputFormat.NQUADS
    assert OutputFormat.from_path("b.ttl") is OutputFormat.TURTLE
    assert OutputFormat.from_path("b.jsonld") is OutputFormat.JSONLD
    with pytest.raises(ValueError, match=r"unknown RDF file suffix '\.xml'"):
        OutputFormat.from_path("b.xml")


def test_fmt_overrides_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "graphs.out"
    write_dataset(_graphs(), path, fmt=OutputFormat.NQUADS)
    assert _named(_read_dataset(path, OutputFormat.NQUADS)).keys() == {iri for iri, _ in _graphs()}
