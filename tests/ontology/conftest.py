"""Fixtures for the ontology tests: the hand-written valid graph and its variants."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

DATA = Path(__file__).parent / "data"
GRAPH = URIRef("https://w3id.org/kg/id/graph/a1")
A1 = "https://w3id.org/kg/id/article/a1/"


def iri(path: str) -> URIRef:
    """A node of the valid graph, by its path under ``article/a1/``."""
    return URIRef(A1 + path)


@pytest.fixture
def valid_dataset() -> Dataset:
    dataset = Dataset()
    dataset.parse(DATA / "valid_attack.trig", format="trig")
    return dataset


@pytest.fixture
def valid_graph(valid_dataset: Dataset) -> Graph:
    """The article's named graph, as a plain Graph."""
    graph = Graph()
    graph += valid_dataset.graph(GRAPH)
    return graph


@pytest.fixture
def variant(valid_graph: Graph) -> Callable[[str], Graph]:
    """The valid graph changed by a SPARQL Update (relative IRIs resolve under article/a1/)."""

    def _variant(update: str) -> Graph:
        graph = Graph()
        graph += valid_graph
        graph.update(
            "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
            "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
            f"BASE <{A1}>\n" + update
        )
        return graph

    return _variant


@pytest.fixture(scope="session")
def java() -> None:
    if shutil.which("java") is None:
        pytest.skip("no Java runtime on PATH")
