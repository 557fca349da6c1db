"""kg build after kill -9: nothing reported stored is lost, nothing is duplicated, and
the rerun ends with the same graphs as a clean build."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import KgError
from kg.ingest import iter_articles
from kg.pipeline import build
from kg.rdf import graph_iri
from kg.store import open_store
from tests.shared import REPO

KG = [sys.executable, "-m", "kg.cli"]
ARTICLES = 40


def corpus(path: Path) -> list[str]:
    """JSON Lines of ARTICLES real articles (the dev set, twice under other ids)."""
    dev = list(iter_articles([REPO / "tests" / "data" / "dev"], on_error=print))
    ids, lines = [], []
    for n in range(ARTICLES):
        article = dev[n % len(dev)]
        ids.append(f"r{n:03d}")
        record = {"id": ids[-1], "text": article.text, "date": str(article.date)}
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def graphs(store: Path) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    with open_store(store) as opened:
        for s, p, o, g in opened.dataset():
            out.setdefault(str(g), Graph()).add((s, p, o))
    return out


def kg_build(*args: str | Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [*KG, "build", *map(str, args)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=REPO,
    )


@pytest.mark.slow
def test_kill_9_then_rerun(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    ids = corpus(feed)
    clean = tmp_path / "clean"
    errors: list[KgError] = []
    assert build([feed], store_dir=clean, on_error=errors.append).articles == ARTICLES
    assert errors == []
    store = tmp_path / "store"

    # 1. kill -9 once a few articles are reported stored
    run = kg_build(
        feed,
        "--store",
        store,
        "-v",
        "--workers",
        "2",
        "--batch-size",
        "1",
        "--commit-interval",
        "0",
    )
    assert run.stderr is not None
    reported: list[str] = []
    said: list[str] = []
    deadline = time.monotonic() + 120
    for line in run.stderr:
        said.append(line)
        if line.startswith("stored "):
            reported.append(line.split()[1])
        if len(reported) >= 5 or time.monotonic() > deadline:
            break
    workers = psutil.Process(run.pid).children(recursive=True)
    run.send_signal(signal.SIGKILL)
    run.wait(30)
    assert run.returncode == -signal.SIGKILL, "".join(said) + run.stderr.read()
    assert 5 <= len(reported) < ARTICLES, reported
    _, alive = psutil.wait_procs(workers, timeout=10)  # the workers follow their parent
    assert alive == []

    # 2. what was reported stored is there, whole
    mine, want = graphs(store), graphs(clean)
    for article_id in reported:
        name = str(graph_iri(article_id))
        assert isomorphic(mine[name], want[name]), article_id

    # 3. the rerun builds only the rest
    rerun = subprocess.run(
        [*KG, "build", str(feed), "--store", str(store), "-v"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    lines = rerun.stderr.splitlines()
    unchanged = {line.split()[1] for line in lines if line.startswith("unchanged ")}
    stored = {line.split()[1] for line in lines if line.startswith("stored ")}
    assert set(reported) <= unchanged
    assert unchanged | stored == set(ids)
    assert not unchanged & stored

    # 4. every article once, and the same graphs as the clean build
    mine = graphs(store)
    assert sorted(mine) == sorted(want)
    for name in want:
        assert isomorphic(mine[name], want[name]), name
    with open_store(store) as opened:
        rows = opened.query(
            "PREFIX schema: <https://schema.org/> SELECT ?id (COUNT(?g) AS ?n) "
            "WHERE { GRAPH ?g { ?a schema:identifier ?id } } GROUP BY ?id"
        ).rows
    assert sorted(row["id"] for row in rows) == ids
    assert {row["n"] for row in rows} == {"1"}
