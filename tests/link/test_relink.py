"""``kg link``: a store built before the gazetteer import, linked again without the
NLP, equals a store built after it; linking again changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic, to_isomorphic

from kg.cli import main
from kg.link import Linker, open_gazetteer
from kg.link.relink import relink_store
from kg.pipeline import build
from kg.queries import run_query
from kg.store import open_store
from tests.shared import REPO


def _build(store: Path) -> None:
    errors: list[Exception] = []
    build([REPO / "seeds"], store_dir=store, on_error=errors.append)
    assert errors == []


def _geonames(store: Path) -> dict[str, str]:
    with open_store(store, read_only=True) as opened:
        rows = run_query("attacks", opened).rows
    return {str(r["places"]): str(r["geonames"] or "") for r in rows}


def _graphs(store: Path) -> Dataset:
    dataset = Dataset()
    with open_store(store, read_only=True) as opened:
        for s, p, o, g in opened.dataset():
            dataset.graph(g).add((s, p, o))
    return dataset


@pytest.fixture(scope="module")
def before_import(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built with the bundled gazetteer only (nothing imported yet)."""
    root = tmp_path_factory.mktemp("relink")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_GAZETTEER", str(root / "not-imported.sqlite"))
        _build(root / "store")
    return root / "store"


def test_relinking_after_an_import_equals_building_after_it(
    before_import: Path, syria_gazetteer: Path, tmp_path: Path
) -> None:
    assert _geonames(before_import)["Abu-Djreif-Samka"] == ""  # villages: not in the bundle
    with open_gazetteer(syria_gazetteer) as gazetteer, open_store(before_import) as store:
        summary = relink_store(store, Linker(gazetteer))
    assert (summary.articles, summary.changed) == (2, 2)
    assert set(_geonames(before_import)["Abu-Djreif-Samka"].split(";")) == {"174458", "4613"}
    _build(tmp_path / "fresh")  # KG_GAZETTEER is the Syrian gazetteer (tests/conftest.py)
    relinked, fresh = _graphs(before_import), _graphs(tmp_path / "fresh")
    names = {str(g.identifier) for g in fresh.graphs() if len(g)}
    assert {str(g.identifier) for g in relinked.graphs() if len(g)} == names
    for graph in fresh.graphs():
        if len(graph):
            mine = relinked.graph(graph.identifier)
            assert isomorphic(to_isomorphic(mine), to_isomorphic(graph)), graph.identifier


def test_relinking_again_changes_nothing(before_import: Path, syria_gazetteer: Path) -> None:
    with open_gazetteer(syria_gazetteer) as gazetteer, open_store(before_import) as store:
        relink_store(store, Linker(gazetteer))
        summary = relink_store(store, Linker(gazetteer))
    assert summary.changed == 0
    assert summary.places >= 9
    assert summary.linked >= 8


def test_kg_link_and_gazetteer_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.shared import shared

    gazetteer = tmp_path / "g.sqlite"
    source = shared("data", "gazetteer", "syria_wof_geonames.tsv")
    assert main(["gazetteer", "import", str(source), "--gazetteer", str(gazetteer)]) == 0
    assert "10573 features" in capsys.readouterr().err
    assert main(["gazetteer", "info", "--gazetteer", str(gazetteer)]) == 0
    assert "syria_wof_geonames.tsv" in capsys.readouterr().out
    store = tmp_path / "store"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_GAZETTEER", str(tmp_path / "none.sqlite"))
        _build(store)
    assert main(["link", "--store", str(store), "--gazetteer", str(gazetteer)]) == 0
    assert "2 articles changed" in capsys.readouterr().err
    assert set(_geonames(store)["Maar Shamarin-Crati"].split(";")) == {"167591", "166044"}
    assert main(["link", "--store", str(tmp_path / "missing")]) == 1
    assert "no store" in capsys.readouterr().err
