"""The first complete slice on the two seed articles: build -> store -> query,
scored against the gold in ../shared/eval/seeds_gold, and the whole dataset
compared with the checked-in expectation (tests/expected/README.md)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic, to_isomorphic

from kg.pipeline import build
from kg.queries import run_query
from kg.store import open_store
from tests.shared import REPO, scorer, shared

EXPECTED = REPO / "tests" / "expected" / "seeds.trig"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("seeds")
    errors: list[Exception] = []
    summary = build(
        [REPO / "seeds"], store_dir=root / "store", out=root / "seeds.trig", on_error=errors.append
    )
    assert errors == []
    assert summary.articles == 2
    assert summary.attacks == 6
    return root / "store", root / "seeds.trig"


def _attacks_csv(store: Path) -> str:
    with open_store(store, read_only=True) as opened:
        result = run_query("attacks", opened)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=result.columns)
    writer.writeheader()
    writer.writerows(result.rows)
    return out.getvalue()


def test_attacks_query_scores_perfectly_against_gold(seed_build, tmp_path: Path) -> None:
    pred = tmp_path / "attacks.csv"
    pred.write_text(_attacks_csv(seed_build[0]), encoding="utf-8")
    res = scorer().score(shared("eval", "seeds_gold"), pred)
    assert res["events"][2] == pytest.approx(1.0)
    assert res["figures"][2] == pytest.approx(1.0)
    assert res["args"][2] >= 0.90


def test_attacks_query_columns_are_exactly_the_contract(seed_build) -> None:
    header = _attacks_csv(seed_build[0]).splitlines()[0]
    assert header == (
        "article_id,event,parent_event,date,places,geonames,attackers,targets,attacker_strength,"
        "equipment,killed_attackers,killed_targets,killed_civilians,wounded_attackers,"
        "wounded_targets,wounded_civilians,claimed_by,disputed_by"
    )


def test_prongs_equipment_and_denial(seed_build) -> None:
    rows = list(csv.DictReader(io.StringIO(_attacks_csv(seed_build[0]))))
    by_strength = {r["attacker_strength"]: r for r in rows if r["attacker_strength"]}
    overall = by_strength["450"]
    assert (
        by_strength["200"]["parent_event"] == overall["event"] == by_strength["250"]["parent_event"]
    )
    assert (
        by_strength["200"]["equipment"]
        == "1 tank;2 infantry fighting vehicle;2 jihad-mobile;20 pickup truck"
    )
    retold = next(
        r for r in rows if r["article_id"].startswith("003") and r["killed_targets"] == "40"
    )
    assert "Naji al-Mustafa" in retold["disputed_by"]
    assert "Hayat Tahrir al-Sham" in retold["attackers"].split(";")


def test_dataset_matches_the_checked_in_expectation(seed_build) -> None:
    built = Dataset()
    built.parse(seed_build[1], format="trig")
    expected = Dataset()
    expected.parse(EXPECTED, format="trig")
    assert {str(g.identifier) for g in built.graphs()} == {
        str(g.identifier) for g in expected.graphs()
    }
    for graph in expected.graphs():
        mine = built.graph(graph.identifier)
        assert isomorphic(to_isomorphic(mine), to_isomorphic(graph)), graph.identifier


def test_building_twice_adds_nothing(seed_build, tmp_path: Path) -> None:
    store = seed_build[0]
    with open_store(store, read_only=True) as opened:
        before = opened.count_triples()
    summary = build([REPO / "seeds"], store_dir=store, on_error=lambda e: pytest.fail(str(e)))
    assert (summary.articles, summary.unchanged) == (0, 2)  # skipped: stored unchanged
    summary = build(
        [REPO / "seeds"], store_dir=store, on_error=lambda e: pytest.fail(str(e)), rebuild=True
    )
    assert summary.articles == 2
    with open_store(store, read_only=True) as opened:
        assert opened.count_triples() == before


def test_every_fact_points_to_its_evidence(seed_build) -> None:
    ds = Dataset()
    ds.parse(seed_build[1], format="trig")
    texts = {
        p.stem: p.read_text(encoding="utf-8").split(" ", 3)[-1].lstrip()
        for p in (REPO / "seeds").glob("*.txt")
    }
    q = """PREFIX kg: <https://w3id.org/kg/ontology#> PREFIX schema: <https://schema.org/>
    SELECT ?id ?s ?e ?t WHERE { GRAPH ?g {
      ?span kg:inArticle ?a ; kg:startChar ?s ; kg:endChar ?e ; kg:text ?t .
      ?a schema:identifier ?id } }"""
    rows = list(ds.query(q))
    assert rows
    for article_id, start, end, text in rows:
        assert texts[str(article_id)][int(start) : int(end)] == str(text)
    missing = """PREFIX kg: <https://w3id.org/kg/ontology#>
    SELECT ?x WHERE { GRAPH ?g { ?x a ?c .
      FILTER(?c IN (kg:Attack, kg:Participant, kg:Place, kg:CasualtyFigure, kg:Claim))
      FILTER NOT EXISTS { ?x kg:evidence ?span } } }"""
    assert list(ds.query(missing)) == []


def test_seed_graph_conforms_to_the_shapes(seed_build) -> None:
    from kg.validate import validate_graph

    ds = Dataset()
    ds.parse(seed_build[1], format="trig")
    report = validate_graph(ds)
    assert report.conforms, report.violations


@pytest.mark.java
def test_seed_graph_is_consistent_with_the_ontology(seed_build) -> None:
    from kg.validate import check_consistency

    ds = Dataset()
    ds.parse(seed_build[1], format="trig")
    check_consistency(ds)  # raises InconsistentOntologyError otherwise
