"""kg.pipeline.build over real inputs, the real spaCy model and the embedded store:
a bad input or an article that fails is one error, and the run goes on."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ArticleError, ConfigError, InputError, KgError
from kg.nlp import load_pipeline
from kg.pipeline import BuildSummary, build
from kg.rdf import graph_iri
from kg.store import open_store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TIP_SEED = SEEDS / "000_619e0e6b1d1d4374.txt"


@Language.component("kg_test_fail_on_marker")
def _fail_on_marker(doc: Doc) -> Doc:
    """A component that breaks on one article, as a real bug would."""
    if "FAIL-HERE" in doc.text:
        raise RuntimeError("component broke")
    return doc


@pytest.fixture
def failing_nlp() -> Iterator[Language]:
    nlp = load_pipeline()
    nlp.add_pipe("kg_test_fail_on_marker", first=True)
    try:
        yield nlp
    finally:
        nlp.remove_pipe("kg_test_fail_on_marker")


def run(sources: list[Path], store: Path, **options: object) -> tuple[BuildSummary, list[KgError]]:
    errors: list[KgError] = []
    summary = build(sources, store_dir=store, on_error=errors.append, **options)  # type: ignore[arg-type]
    return summary, errors


def stored_graphs(store: Path) -> set[str]:
    """The article graphs in the store (the ontology and events graphs left out)."""
    from kg.identity import EVENTS_GRAPH

    base = str(graph_iri("x"))[:-1]
    with open_store(store) as opened:
        return {
            str(g)
            for *_, g in opened.dataset()
            if g is not None and str(g).startswith(base) and str(g) != str(EVENTS_GRAPH)
        }


def test_seeds_are_stored_one_graph_per_article(tmp_path: Path) -> None:
    progress: list[int] = []
    summary, errors = run([SEEDS], tmp_path / "store", progress=progress.append)
    assert errors == []
    assert summary.ok
    assert (summary.articles, summary.errors) == (2, 0)
    assert summary.attacks > 0
    assert summary.triples > 0
    assert progress == [1, 1]
    assert (
        str(summary)
        == f"2 articles, {summary.attacks} attacks, {summary.triples} triples, 0 errors"
    )
    graphs = stored_graphs(tmp_path / "store")
    for path in SEEDS.glob("*.txt"):
        assert str(graph_iri(path.stem)) in graphs


def test_rebuilding_changes_nothing(tmp_path: Path) -> None:
    first, _ = run([TIP_SEED], tmp_path / "store")
    with open_store(tmp_path / "store") as store:
        before = store.count_triples()
    again, _ = run([TIP_SEED], tmp_path / "store", rebuild=True)
    with open_store(tmp_path / "store") as store:
        assert store.count_triples() == before
    assert first == again
    assert first.unchanged == 0


def test_a_rerun_skips_unchanged_articles_and_rebuilds_changed_ones(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(TIP_SEED, inputs / "a.txt")
    shutil.copy(SEEDS / "003_a7f512804fc7d667.txt", inputs / "b.txt")
    run([inputs], tmp_path / "store")
    with open_store(tmp_path / "store") as store:
        before = store.count_triples()
    outcomes: list[tuple[str, str]] = []
    again, errors = run(
        [inputs], tmp_path / "store", on_article=lambda i, o: outcomes.append((i, str(o)))
    )
    assert errors == []
    assert (again.articles, again.unchanged, again.triples) == (0, 2, 0)
    assert str(again).endswith(", 2 unchanged")
    assert outcomes == [("a", "unchanged"), ("b", "unchanged")]
    # b cut to its first two paragraphs: only b is built again, its old graph replaced
    text = (inputs / "b.txt").read_text(encoding="utf-8")
    (inputs / "b.txt").write_text("\n\n".join(text.split("\n\n")[:2]), encoding="utf-8")
    outcomes.clear()
    third, _ = run(
        [inputs], tmp_path / "store", on_article=lambda i, o: outcomes.append((i, str(o)))
    )
    assert outcomes == [("a", "unchanged"), ("b", "stored")]
    assert (third.articles, third.unchanged) == (1, 1)
    with open_store(tmp_path / "store") as store:
        assert store.count_triples() < before
        hashes = store.query(
            "SELECT ?g ?h WHERE { GRAPH ?g { ?a <https://w3id.org/kg/ontology#contentHash> ?h } }"
        ).values("h")
    assert len(hashes) == 2
    assert len(set(hashes)) == 2


def test_bad_inputs_are_errors_and_the_rest_is_stored(tmp_path: Path) -> None:
    empty = tmp_path / "in" / "empty.txt"
    empty.parent.mkdir()
    empty.write_text("")
    missing = tmp_path / "in" / "missing.txt"
    summary, errors = run([empty, missing, TIP_SEED], tmp_path / "store")
    assert [str(e) for e in errors] == [
        f"{empty}: empty file",
        f"{missing}: no such file or directory",
    ]
    assert all(isinstance(e, InputError) for e in errors)
    assert (summary.articles, summary.errors, summary.ok) == (1, 2, False)
    assert str(graph_iri(TIP_SEED.stem)) in stored_graphs(tmp_path / "store")


@pytest.mark.parametrize("batch_size", [1, 2, 8])
def test_an_article_that_breaks_the_nlp_is_one_error(
    tmp_path: Path, failing_nlp: Language, batch_size: int
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(TIP_SEED, inputs / "a.txt")
    (inputs / "b.txt").write_text(" date 2020-01-23 FAIL-HERE: militants attacked Aleppo.")
    shutil.copy(SEEDS / "003_a7f512804fc7d667.txt", inputs / "c.txt")
    summary, errors = run([inputs], tmp_path / "store", nlp=failing_nlp, batch_size=batch_size)
    [error] = errors
    assert isinstance(error, ArticleError)
    assert error.article_id == "b"
    assert str(error) == (
        f"{inputs / 'b.txt'}: article b: language analysis failed (RuntimeError: component broke)"
    )
    assert (summary.articles, summary.errors) == (2, 1)
    assert stored_graphs(tmp_path / "store") == {str(graph_iri("a")), str(graph_iri("c"))}


def test_an_article_that_breaks_the_extraction_is_one_error(tmp_path: Path) -> None:
    blank = spacy.blank("en")  # no sentence boundaries: extraction cannot work
    summary, errors = run([SEEDS], tmp_path / "store", nlp=blank)
    assert [type(e) for e in errors] == [ArticleError, ArticleError]
    assert [e.article_id for e in errors if isinstance(e, ArticleError)] == [
        "000_619e0e6b1d1d4374",
        "003_a7f512804fc7d667",
    ]
    assert all("extraction failed (" in str(e) for e in errors)
    assert (summary.articles, summary.errors) == (0, 2)


def test_out_file(tmp_path: Path) -> None:
    from rdflib import Dataset

    out = tmp_path / "out" / "kg.nq"
    summary, errors = run([SEEDS], tmp_path / "store", out=out)
    assert errors == []
    from kg.identity import EVENTS_GRAPH

    dataset = Dataset().parse(out, format="nquads")
    events = dataset.graph(EVENTS_GRAPH)
    assert len(events) == 4  # the attack both seeds report: one event, two reports, an order
    assert len(list(dataset.quads())) == summary.triples + len(events)
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == {
        str(graph_iri(p.stem)) for p in SEEDS.glob("*.txt")
    } | {str(EVENTS_GRAPH)}


def test_unknown_out_suffix_and_bad_batch_size_fail_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown RDF file suffix '\.xml'"):
        run([SEEDS], tmp_path / "store", out=tmp_path / "kg.xml")
    with pytest.raises(ConfigError, match="batch size must be at least 1"):
        run([SEEDS], tmp_path / "store", batch_size=0)
    assert not (tmp_path / "store").exists()
