"""The seeds, built through the whole pipeline, link their places to the GeoNames ids
of ../shared/eval/seeds_places.json (either of ids/alt_ids), none wrongly; the links
are in the graph as MODEL.md says and in the attacks query's geonames column."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, RDFS

from kg.pipeline import build
from kg.queries import run_query
from kg.rdf import namespaces as ns
from kg.rdf.namespaces import GEO, GEOSPARQL, GN, KG
from kg.store import open_store
from tests.shared import REPO, shared


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dataset]:
    root = tmp_path_factory.mktemp("seed-links")
    errors: list[Exception] = []
    build(
        [REPO / "seeds"], store_dir=root / "store", out=root / "seeds.trig", on_error=errors.append
    )
    assert errors == []
    dataset = Dataset()
    dataset.parse(root / "seeds.trig", format="trig")
    return root / "store", dataset


def _linked(dataset: Dataset) -> dict[tuple[str, str], set[tuple[int, ...]]]:
    """(article id, place label) -> the tuples of GeoNames ids its nodes link to."""
    found: dict[tuple[str, str], set[tuple[int, ...]]] = defaultdict(set)
    for graph in dataset.graphs():
        article = str(graph.identifier).rsplit("/", 1)[-1]
        for place in graph.subjects(KG.placeRole, None):
            if (None, KG.placePart, place) in graph:
                continue  # a part: counted with its mention
            parts = sorted(graph.objects(place, KG.placePart), key=str) or [place]
            ids = tuple(int(i) for p in parts for i in graph.objects(p, GN.geonamesID))
            found[(article, str(graph.value(place, RDFS.label)))].add(ids)
    return found


def test_every_seed_place_with_an_id_links_to_it_and_none_wrongly(seeds) -> None:
    gold = json.loads(shared("eval", "seeds_places.json").read_text(encoding="utf-8"))
    linked = _linked(seeds[1])
    checked = 0
    for (article, label), links in linked.items():
        entry = gold[article].get(label)
        assert entry is not None, f"{article}: no gold for place {label!r}"
        if not entry.get("ids"):
            assert links == {()}, f"{label} has no id in the gold but was linked to {links}"
            continue
        allowed = set(entry["ids"]) | set(entry.get("alt_ids") or [])
        for ids in links:
            assert len(ids) == len(entry["ids"]), f"{label}: {ids} for {entry['ids']}"
            assert set(ids) <= allowed, f"{label}: {ids} not in {sorted(allowed)}"
            checked += 1
    assert (
        checked >= 8
    )  # Abu-Djreif-Samka, Syria, Idlib (x3), Maar Shamarin-Crati, Aleppo, Baliramoun
    compound = set(linked[("000_619e0e6b1d1d4374", "Abu-Djreif-Samka")])
    assert compound == {(174458, 4613)}
    assert linked[("000_619e0e6b1d1d4374", "Maar Shamarin-Crati")] == {(167591, 166044)}
    assert linked[("000_619e0e6b1d1d4374", "Aleppo")] == {(170063,)}


def test_link_triples_follow_the_model(seeds) -> None:
    graph = seeds[1].graph(URIRef("https://w3id.org/kg/id/graph/000_619e0e6b1d1d4374"))
    aleppo = next(graph.subjects(RDFS.label, Literal("Aleppo")))
    assert (aleppo, OWL.sameAs, URIRef("https://sws.geonames.org/170063/")) in graph
    assert (aleppo, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q41183")) in graph
    assert graph.value(aleppo, GN.geonamesID) == Literal("170063")
    assert graph.value(aleppo, GEO.lat) == Literal("36.203685", datatype=ns.XSD.decimal)
    assert graph.value(aleppo, GEO.long) == Literal("37.172617", datatype=ns.XSD.decimal)
    assert graph.value(aleppo, GEOSPARQL.asWKT) == Literal(
        "POINT(37.172617 36.203685)", datatype=GEOSPARQL.wktLiteral
    )
    assert graph.value(aleppo, GN.featureCode) == GN["P.PPL"]
    confidence = graph.value(aleppo, KG.linkConfidence)
    assert isinstance(confidence, Literal)
    assert confidence.datatype == ns.XSD.decimal
    assert 0.5 <= float(confidence) <= 1
    compound = next(graph.subjects(RDFS.label, Literal("Abu-Djreif-Samka")))
    assert graph.value(compound, GN.geonamesID) is None
    assert graph.value(compound, OWL.sameAs) is None
    parts = sorted(graph.objects(compound, KG.placePart), key=str)
    assert [str(graph.value(p, RDFS.label)) for p in parts] == ["Abu-Djreif", "Samka"]
    assert [str(p).rsplit("/", 2)[-2:] for p in parts] == [["part", "1"], ["part", "2"]]
    for part in parts:
        assert graph.value(part, KG.placeRole) == graph.value(compound, KG.placeRole)
        assert set(graph.objects(part, KG.evidence)) == set(graph.objects(compound, KG.evidence))


def test_the_attacks_query_fills_the_geonames_column(seeds) -> None:
    with open_store(seeds[0], read_only=True) as store:
        rows = run_query("attacks", store).rows
    by_places = {r["places"]: set((r["geonames"] or "").split(";")) - {""} for r in rows}
    assert by_places["Abu-Djreif-Samka"] == {"174458", "4613"}
    assert by_places["Maar Shamarin-Crati"] == {"167591", "166044"}
    aleppo = next(ids for places, ids in by_places.items() if "Aleppo" in places.split(";"))
    assert {"170063"} <= aleppo
    assert aleppo <= {"170063", "7888294", "171874"}


def test_attacks_at_place_finds_a_part_of_a_compound(seeds) -> None:
    with open_store(seeds[0], read_only=True) as store:
        for value in ("Samka", "4613", "Crati"):
            result = run_query("attacks_at_place", store, {"place": value})
            assert len(result.rows) == 1, value
