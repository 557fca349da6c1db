"""--workers N and --dask give the same graphs as one process (compared by isomorphism)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from spacy.language import Language

from kg.errors import ConfigError, KgError
from kg.pipeline import BuildSummary, build
from kg.store import open_store


def graphs(store: Path) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    with open_store(store, read_only=True) as opened:
        for s, p, o, g in opened.dataset():
            out.setdefault(str(g), Graph()).add((s, p, o))
    return out


def same_graphs(a: Path, b: Path) -> None:
    mine, theirs = graphs(a), graphs(b)
    assert sorted(mine) == sorted(theirs)
    for name in mine:
        assert isomorphic(mine[name], theirs[name]), name


def run(corpus: Path, store: Path, **options: object) -> BuildSummary:
    errors: list[KgError] = []
    summary = build([corpus], store_dir=store, on_error=errors.append, **options)  # type: ignore[arg-type]
    assert errors == []
    return summary


@pytest.fixture
def one_process(corpus: Path, tmp_path: Path, nlp: Language) -> tuple[Path, BuildSummary]:
    store = tmp_path / "one"
    return store, run(corpus, store, nlp=nlp, batch_size=4)


@pytest.mark.slow
def test_a_pool_of_two_gives_the_same_graphs(
    corpus: Path, tmp_path: Path, nlp: Language, one_process: tuple[Path, BuildSummary]
) -> None:
    store = tmp_path / "pool"
    outcomes: list[str] = []
    summary = run(
        corpus,
        store,
        nlp=nlp,
        workers=2,
        batch_size=2,
        out=tmp_path / "pool.nq",
        on_article=lambda article_id, outcome: outcomes.append(article_id),
    )
    articles = len(list(corpus.rglob("*.txt")))  # the seeds and the dev set, one a file
    assert summary == one_process[1]
    assert summary.articles == articles
    assert len(outcomes) == len(set(outcomes)) == articles
    same_graphs(store, one_process[0])
    assert graphs(store).keys() >= {str(URIRef("https://w3id.org/kg/id/graph/events"))}


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_same_graphs(
    corpus: Path, tmp_path: Path, one_process: tuple[Path, BuildSummary]
) -> None:
    store = tmp_path / "dask"
    summary = run(corpus, store, dask="local", workers=2, batch_size=4)
    assert summary == one_process[1]
    same_graphs(store, one_process[0])


@pytest.mark.slow
def test_local_cluster_workers_keep_glibc_malloc_defaults() -> None:
    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_ for its workers unless told not to
    from distributed import Client

    from kg.runner.cluster import local_cluster

    with local_cluster(2) as cluster, Client(cluster) as client:
        found = client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
        threads = client.nthreads()
    assert len(found) == 2
    assert set(found.values()) == {None}
    assert set(threads.values()) == {1}


def test_dask_takes_no_nlp_object(corpus: Path, tmp_path: Path, nlp: Language) -> None:
    with pytest.raises(ConfigError, match="leave nlp out"):
        build([corpus], store_dir=tmp_path / "s", on_error=print, nlp=nlp, dask="local")
    with pytest.raises(ConfigError, match="workers must be at least 1"):
        build([corpus], store_dir=tmp_path / "s", on_error=print, workers=0)


def test_an_unreachable_scheduler_is_a_config_error(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kg.runner.cluster.CONNECT_TIMEOUT", "1s")
    with pytest.raises(ConfigError, match="cannot use the Dask scheduler"):
        build([corpus], store_dir=tmp_path / "s", on_error=print, dask="tcp://127.0.0.1:9")
