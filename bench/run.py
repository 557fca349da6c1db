"""``make bench``: how fast and how lean ``kg build`` is, on a synthetic corpus.

Phases (all by default, ``--only`` picks some):

* ``throughput``: words/s of ``kg build`` and of raw ``nlp.pipe`` with the same model
  (``spacy.load`` of the package, as shipped) on the same texts, in this run, at 1 and
  2 workers, interleaved and repeated (median), and their ratio.  For information:
  ``nlp.pipe`` of kg's own ``Language`` (the model, kg's components, the attribute
  ruler compiled: what kg build spends in spaCy) and the other way to use 2 cores
  (spaCy's ``n_process`` with extraction in the parent).
* ``rss``: peak memory of ``kg build --workers 2`` (a subprocess, sampled every 0.1 s:
  the parent and its whole process tree) on the corpus at 1x and 10x.
* ``load``: triples/s bulk-loading the N-Quads of kg's own output, replicated under
  new article ids to >= 1M triples, into a fresh embedded store: by ``kg load`` (the
  target), as one shard and in kg build's default shards; interleaved and repeated
  (median).  It runs in a child process started the way ``kg load`` starts itself,
  with the faster allocator of ``kg.allocator`` preloaded when there is one.
* ``queries``: latency of every stored query on that >= 1M-triple store, called the
  way an analyst typically calls it (``query_calls``), against the target; the
  unbounded call (every row) and a few other calls for information.
* ``dask``: words/s of ``kg build`` on a Dask LocalCluster of 1 and 2 workers.

The corpus is synthetic (``bench/generate.py``).  Results go to ``bench/report.json``
and a table on stdout (also ``bench/report.md``); the machine's load average is
recorded around every phase, since timings on a shared machine are noisy.

    python bench/run.py                      # everything, ~10 minutes on 2 cores
    python bench/run.py --only throughput --articles 100 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (bench/generate.py)

PHASES = ("throughput", "rss", "load", "queries", "dask")
TARGETS = {
    "ratio": 0.9,  # kg build words/s >= 0.9 x raw nlp.pipe, same workers
    "rss_growth": 1.1,  # peak RSS at 10x <= 1.1 x the 1x figure
    "load_tps": 300_000,  # bulk load, triples/s
    "query_ms": 100.0,  # every stored query on >= 1M triples
    "dask_speedup": 1.6,  # Dask 2 workers vs 1
}


# ------------------------------------------------------------------- helpers


def load() -> dict[str, Any]:
    one, five, fifteen = os.getloadavg()
    return {"1min": round(one, 2), "5min": round(five, 2), "15min": round(fifteen, 2)}


@contextmanager
def phase(report: dict[str, Any], name: str) -> Iterator[dict[str, Any]]:
    section: dict[str, Any] = {"load_before": load()}
    report[name] = section
    print(f"== {name} (load {section['load_before']['1min']})", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        yield section
    finally:
        section["seconds"] = round(time.perf_counter() - start, 1)
        section["load_after"] = load()


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import pyoxigraph
    import spacy

    from kg.nlp import model_name

    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "pyoxigraph": pyoxigraph.__version__,
        "model": model_name(),
        "uptime": _uptime(),
    }


def _uptime() -> str:
    try:
        import subprocess

        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def write_corpus(path: Path, articles: int) -> tuple[Path, int]:
    records = generate.generate(articles)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path, sum(len(r["text"].split()) for r in records)


def fail_on_error(error: Exception) -> None:
    raise error


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


# ---------------------------------------------------------------- throughput


def throughput(section: dict[str, Any], corpus: Path, words: int, args: argparse.Namespace) -> None:
    import spacy

    from kg.ingest import iter_articles
    from kg.nlp import load_pipeline, model_name
    from kg.pipeline import build

    nlp = load_pipeline()
    shipped = spacy.load(model_name())
    articles = list(iter_articles([corpus], on_error=fail_on_error))
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:16]))  # warm up
    list(shipped.pipe(texts[:16]))
    section.update(articles=len(texts), words=words, batch_size=args.batch_size)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))

    def pipe(language: Any, n: int) -> float:
        return timed(
            lambda: [None for _ in language.pipe(texts, batch_size=args.batch_size, n_process=n)]
        )

    def raw(n: int) -> float:
        return pipe(shipped, n)

    def kg_nlp(n: int) -> float:
        return pipe(nlp, n)

    def kg(n: int) -> float:
        store = tmp / f"store-{n}-{time.monotonic_ns()}"
        try:
            return timed(
                lambda: build(
                    [corpus],
                    store_dir=store,
                    on_error=fail_on_error,
                    nlp=nlp,
                    workers=n,
                    batch_size=args.batch_size,
                )
            )
        finally:
            shutil.rmtree(store, ignore_errors=True)

    def parent_extraction(n: int) -> float:
        return timed(lambda: _parent_extraction(nlp, articles, n, args.batch_size, tmp))

    runs: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for workers in (1, 2):
            for name, fn in (("raw", raw), ("kg", kg), ("kg_nlp", kg_nlp)):
                key = f"{name}_{workers}"
                runs.setdefault(key, []).append(fn(workers))
                print(f"   {key}: {runs[key][-1]:.1f} s", file=sys.stderr, flush=True)
    runs["kg_nprocess_parent_2"] = [parent_extraction(2)]
    shutil.rmtree(tmp, ignore_errors=True)
    for key, seconds in runs.items():
        median = statistics.median(seconds)
        section[key] = {
            "seconds": [round(s, 2) for s in seconds],
            "words_per_s": round(words / median),
        }
    for workers in (1, 2):
        ratio = section[f"kg_{workers}"]["words_per_s"] / section[f"raw_{workers}"]["words_per_s"]
        section[f"ratio_{workers}"] = round(ratio, 3)


def _parent_extraction(nlp: Any, articles: list[Any], n: int, batch_size: int, tmp: Path) -> None:
    """The alternative: spaCy's own n_process, Docs back to the parent, extraction there."""
    from kg.pipeline import process_article
    from kg.rdf import article_iri, graph_iri
    from kg.runner import ArticleResult, StoreWriter, content_hash, graph_nquads
    from kg.store import EmbeddedStore

    store_dir = tmp / f"parent-{time.monotonic_ns()}"
    with EmbeddedStore(store_dir) as store:
        writer = StoreWriter(store)
        pairs = ((a.text, a) for a in articles)
        for doc, article in nlp.pipe(pairs, as_tuples=True, n_process=n, batch_size=batch_size):
            extraction, graph = process_article(doc, article)
            name = str(graph_iri(article.id))
            data, count = graph_nquads(graph, name)
            writer.add(
                ArticleResult(
                    article.id,
                    article.path,
                    name,
                    str(article_iri(article.id)),
                    content_hash(article),
                    data,
                    count + 1,
                    len(extraction.attacks),
                )
            )
        writer.flush()
    shutil.rmtree(store_dir, ignore_errors=True)


# ----------------------------------------------------------------------- rss


def peak_memory(argv: list[str]) -> dict[str, Any]:
    """Run ``argv``; sample the RSS of it and of its children every 0.1 s."""
    import subprocess

    import psutil

    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO
    )
    root = psutil.Process(proc.pid)
    peak = {"parent_rss_mb": 0.0, "tree_rss_mb": 0.0, "tree_pss_mb": 0.0, "processes": 1}
    stop = threading.Event()

    def sample() -> None:
        tick = 0
        while not stop.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                rss = [p.memory_info().rss for p in tree]
                peak["parent_rss_mb"] = max(peak["parent_rss_mb"], rss[0] / 2**20)
                peak["tree_rss_mb"] = max(peak["tree_rss_mb"], sum(rss) / 2**20)
                peak["processes"] = max(peak["processes"], len(tree))
                if tick % 5 == 0:  # PSS (shared pages split between processes) is dearer to read
                    pss = sum(p.memory_full_info().pss for p in tree)
                    peak["tree_pss_mb"] = max(peak["tree_pss_mb"], pss / 2**20)
            except (psutil.Error, OSError):
                pass
            tick += 1
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    start = time.perf_counter()
    sampler.start()
    _, err = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} failed: {err[-2000:]}")
    summary = err.strip().splitlines()[-1] if err.strip() else ""
    return {k: round(v, 1) for k, v in peak.items()} | {
        "seconds": round(time.perf_counter() - start, 1),
        "summary": summary,
    }


def rss(section: dict[str, Any], corpora: dict[str, Path], stores: dict[str, Path]) -> None:
    for name in ("1x", "10x"):
        shutil.rmtree(stores[name], ignore_errors=True)
        argv = [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(corpora[name]),
            "--store",
            str(stores[name]),
            "--workers",
            "2",
        ]
        section[name] = peak_memory(argv)
        print(f"   {name}: {section[name]}", file=sys.stderr, flush=True)
    for key in ("parent_rss_mb", "tree_rss_mb", "tree_pss_mb"):
        section[f"growth_{key}"] = round(section["10x"][key] / section["1x"][key], 3)


# ------------------------------------------------------------------ load


def replicate(store_dir: Path, target: int, out: Path) -> tuple[int, list[str]]:
    """kg's own N-Quads of the 1x store, copied under new article ids to >= target quads."""
    from kg.rdf import graph_iri
    from kg.store import EmbeddedStore

    prefix = str(graph_iri("x"))[:-1]
    with EmbeddedStore(store_dir, read_only=True) as store:
        names = [g for g in store.graphs() if g.startswith(prefix) and not g.endswith("/events")]
        data = store.graph_nquads(names)
    base = data.count(b"\n")
    copies = -(-target // base)
    graphs: list[str] = []
    with out.open("wb") as stream:
        for k in range(copies):
            stream.write(data.replace(b"bench-7-", f"bench-7-r{k}-".encode()))
            graphs += [g.replace("bench-7-", f"bench-7-r{k}-") for g in names]
    return base * copies, graphs


def bulk_load(
    section: dict[str, Any], source_store: Path, out_dir: Path, target: int, repeat: int
) -> Path:
    """Three ways into a fresh embedded store, interleaved, ``repeat`` times (median):
    ``kg load`` (``load_file``, the target line), ``replace_graphs`` of the whole file
    (what kg build does with a shard, here one big shard), and kg build's own ``StoreWriter`` in its
    default shards (``FLUSH_QUADS``), each shard followed by its content-hash commit.
    The store for the queries phase is the last ``replace_graphs`` one."""
    from kg.ontology import load_ontology
    from kg.runner import StoreWriter
    from kg.store import EmbeddedStore

    nquads = out_dir / "load.nq"
    quads, graphs = replicate(source_store, target, nquads)
    section.update(quads=quads, graphs=len(graphs), bytes=nquads.stat().st_size)
    store_dir = out_dir / "store-1m"
    other = out_dir / "store-other"
    results = _article_results(nquads)

    def replace_graphs() -> None:
        with EmbeddedStore(store_dir) as store:
            store.replace_graphs(graphs, nquads, lenient=True)

    def load_file() -> None:
        with EmbeddedStore(other) as store:
            store.load_file(nquads)

    def shards() -> None:
        with EmbeddedStore(other) as store:
            writer = StoreWriter(store, flush_seconds=float("inf"))
            for result in results:
                writer.add(result)
            writer.flush()

    runs: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for _ in range(repeat):
        for name, fn in (
            ("replace_graphs", replace_graphs),
            ("load_file", load_file),
            ("shards", shards),
        ):
            shutil.rmtree(store_dir if name == "replace_graphs" else other, ignore_errors=True)
            before = _cpu_seconds()
            runs.setdefault(name, []).append(timed(fn))
            cpu.setdefault(name, []).append(_cpu_seconds() - before)
            print(f"   {name}: {runs[name][-1]:.1f} s", file=sys.stderr, flush=True)
    for name, seconds in runs.items():
        count = quads + (len(results) if name == "shards" else 0)  # and the hash quads
        section[name] = {
            "seconds": [round(t, 2) for t in seconds],
            "cpu_seconds": [round(t, 2) for t in cpu[name]],
            "triples_per_s": round(count / statistics.median(seconds)),
        }
    section["shard_quads"] = _flush_quads()
    shutil.rmtree(other, ignore_errors=True)
    with EmbeddedStore(store_dir) as store:
        store.load_ontology(load_ontology())
        section["store_triples"] = store.count_triples()
    nquads.unlink()
    return store_dir


def _load_allocator() -> Path | None:
    """The allocator ``kg load`` restarts itself with (``kg.allocator``), if any and
    not already in this process."""
    from kg.allocator import pending

    return pending()


def _load_in_child(args: argparse.Namespace) -> dict[str, Any]:
    """The load phase in a child process started as ``kg load`` starts itself (the
    allocator preloaded); its section of the report."""
    import subprocess

    from kg.allocator import preload_env

    library = _load_allocator()
    assert library is not None
    out = args.work / "load-child.json"
    argv = [sys.executable, str(Path(__file__).resolve()), "--only", "load"]
    argv += ["--articles", str(args.articles), "--repeat", str(args.repeat)]
    argv += ["--load-triples", str(args.load_triples), "--work", str(args.work)]
    argv += ["--report", str(args.work / "load-child-report.json"), "--load-child", str(out)]
    subprocess.run(argv, check=True, env=preload_env(library))
    section: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return {k: v for k, v in section.items() if k not in ("load_before", "load_after")}


def _article_results(nquads: Path) -> list[Any]:
    """The replicated N-Quads as kg workers send them: one ``ArticleResult`` per graph."""
    from kg.runner import ArticleResult

    blocks: dict[bytes, list[bytes]] = {}
    with nquads.open("rb") as stream:
        for line in stream:
            blocks.setdefault(line.rsplit(b" ", 2)[-2], []).append(line)
    results = []
    for term, lines in blocks.items():
        graph = term[1:-1].decode()
        data = b"".join(lines)
        results.append(
            ArticleResult(graph, None, graph, graph + "#a", "0" * 64, data, len(lines) + 1)
        )
    return results


def _flush_quads() -> int:
    from kg.runner.writer import FLUSH_QUADS

    return FLUSH_QUADS


def _cpu_seconds() -> float:
    """CPU time of this process so far, every thread (the bulk loader's included)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------- queries


def query_values(store: Any) -> dict[str, str]:
    """Parameter values typical of the data: a place and an actor of middling frequency
    (the middle of the 40 most frequent), a month."""

    def middling(pattern: str, fallback: str) -> str:
        rows = store.query(
            "PREFIX kg: <https://w3id.org/kg/ontology#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            f"SELECT ?name (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }} "
            "GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 40"
        ).rows
        return str(rows[len(rows) // 2]["name"]) if rows else fallback

    return {
        "place": middling("?p a kg:Place ; rdfs:label ?name", "Idlib"),
        "actor": middling("?p a kg:Participant ; rdfs:label ?name", "militants"),
        "from": "2018-03-01",
        "to": "2018-03-31",
    }


def query_calls(query: Any, values: dict[str, str]) -> dict[str, dict[str, str]]:
    """How ``query`` is called: ``typical`` (timed against the target) is the way an
    analyst asks, its required parameters plus a period (a month) when it takes one,
    and the first page of its default limit; ``unbounded`` is every row, no optional
    filter (limit=0), for information; the attacks query also alone and filtered by a
    place or an actor (first page)."""
    names = {p.name for p in query.params}
    required = {p.name: values[p.name] for p in query.params if not p.optional}
    calls = {"typical": required | {k: values[k] for k in ("from", "to") if k in names}}
    if "limit" in names or calls["typical"] != required:
        calls["unbounded"] = required | ({"limit": "0"} if "limit" in names else {})
    if query.name == "attacks":
        calls |= {"no filter": {}, "place": {"place": values["place"]}}
        calls["actor"] = {"actor": values["actor"]}
    return calls


def queries(section: dict[str, Any], store_dir: Path, runs: int) -> None:
    from kg.queries import list_queries, run_query
    from kg.store import EmbeddedStore

    with EmbeddedStore(store_dir, read_only=True) as store:
        section["store_triples"] = store.count_triples()
        values = query_values(store)
        section["params"] = values
        information: dict[str, Any] = {}
        for query in list_queries():
            for call, params in query_calls(query, values).items():
                try:
                    rows = len(run_query(query, store, params))  # warm up
                    times = [
                        timed(lambda q=query, p=params: run_query(q, store, p)) for _ in range(runs)
                    ]
                    result: dict[str, Any] = {
                        "params": params,
                        "rows": rows,
                        "median_ms": round(1000 * statistics.median(times), 1),
                        "max_ms": round(1000 * max(times), 1),
                    }
                except Exception as exc:  # report and go on
                    result = {"error": f"{type(exc).__name__}: {exc}"}
                if call == "typical":
                    section[query.name] = result
                else:
                    information[f"{query.name}, {call}"] = result
                print(f"   {query.name} ({call}): {result}", file=sys.stderr, flush=True)
        section["information"] = information


# ------------------------------------------------------------------ dask


def dask_phase(section: dict[str, Any], corpus: Path, words: int, args: argparse.Namespace) -> None:
    """``kg build`` against a running LocalCluster of 1 and of 2 workers, as kg starts
    them (``kg.runner.cluster.local_cluster``).  Both clusters start, and their workers
    load and warm up the model, before any timing (a cluster outlives the builds sent
    to it); each timed run is a whole build: store, client, batches, links, close.
    Runs alternate between the clusters so that load from elsewhere hits both."""
    from contextlib import ExitStack

    from distributed import Client

    from kg.nlp import model_name
    from kg.pipeline import build
    from kg.runner.cluster import load_model, local_cluster

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-dask-"))
    times: dict[int, list[float]] = {1: [], 2: []}
    loads: dict[int, list[float]] = {1: [], 2: []}
    with ExitStack() as stack:
        clusters = {}
        for n in times:
            clusters[n] = stack.enter_context(local_cluster(n))
            client = stack.enter_context(Client(clusters[n]))
            client.run(load_model, model_name())  # untimed
        for _ in range(args.repeat):
            for n, cluster in clusters.items():
                store = tmp / f"store-{n}-{time.monotonic_ns()}"
                loads[n].append(load()["1min"])
                times[n].append(
                    timed(
                        lambda s=store, n=n, c=cluster: build(
                            [corpus],
                            store_dir=s,
                            on_error=fail_on_error,
                            dask=c.scheduler_address,
                            workers=n,
                            batch_size=args.batch_size,
                        )
                    )
                )
                shutil.rmtree(store, ignore_errors=True)
                print(f"   dask_{n}: {times[n][-1]:.1f} s", file=sys.stderr, flush=True)
    for n, seconds in times.items():
        section[f"dask_{n}"] = {
            "seconds": [round(t, 2) for t in seconds],
            "load_1min_before": loads[n],
            "words_per_s": round(words / statistics.median(seconds)),
        }
    section["speedup"] = round(
        section["dask_2"]["words_per_s"] / section["dask_1"]["words_per_s"], 3
    )
    shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------- report


def verdicts(report: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    t = report.get("throughput", {})
    for n in (1, 2):
        if f"ratio_{n}" in t:
            out[f"kg/raw words/s at {n} worker(s) >= {TARGETS['ratio']}"] = (
                t[f"ratio_{n}"] >= TARGETS["ratio"]
            )
    r = report.get("rss", {})
    if "growth_tree_rss_mb" in r:
        out[f"peak RSS 10x/1x <= {TARGETS['rss_growth']}"] = (
            r["growth_tree_rss_mb"] <= TARGETS["rss_growth"]
        )
    ld = report.get("load", {})
    if "load_file" in ld:
        out[f"bulk load >= {TARGETS['load_tps']} triples/s"] = (
            ld["load_file"]["triples_per_s"] >= TARGETS["load_tps"]
        )
    q = report.get("queries", {})
    timed_queries = {k: v for k, v in q.items() if isinstance(v, dict) and "median_ms" in v}
    if timed_queries:
        slow = sorted(k for k, v in timed_queries.items() if v["median_ms"] > TARGETS["query_ms"])
        out[f"every stored query <= {TARGETS['query_ms']:.0f} ms on >= 1M triples"] = (
            not slow and q.get("store_triples", 0) >= 1_000_000
        )
        out["slow queries"] = slow
    d = report.get("dask", {})
    if "speedup" in d:
        out[f"Dask 2 workers / 1 worker >= {TARGETS['dask_speedup']}"] = (
            d["speedup"] >= TARGETS["dask_speedup"]
        )
    return out


def table(report: dict[str, Any]) -> str:
    lines = ["| measure | value | target | met |", "|---|---|---|---|"]
    v = report.get("verdicts", {})

    def row(measure: str, value: str, target: str = "", key: str | None = None) -> None:
        met = "" if key is None else ("yes" if v.get(key) else "NO")
        lines.append(f"| {measure} | {value} | {target} | {met} |")

    t = report.get("throughput")
    if t:
        for n in (1, 2):
            row(f"raw nlp.pipe, {n} worker(s)", f"{t[f'raw_{n}']['words_per_s']:,} words/s")
            if f"kg_nlp_{n}" in t:
                row(
                    f"(info) nlp.pipe of kg's Language, {n} worker(s)",
                    f"{t[f'kg_nlp_{n}']['words_per_s']:,} words/s",
                )
            row(f"kg build, {n} worker(s)", f"{t[f'kg_{n}']['words_per_s']:,} words/s")
            row(
                f"kg build / raw, {n} worker(s)",
                f"{t[f'ratio_{n}']:.3f}",
                ">= 0.9",
                f"kg/raw words/s at {n} worker(s) >= {TARGETS['ratio']}",
            )
        row(
            "alt: n_process=2 + extraction in parent",
            f"{t['kg_nprocess_parent_2']['words_per_s']:,} words/s",
        )
    r = report.get("rss")
    if r:
        for name in ("1x", "10x"):
            x = r[name]
            mb = f"{x['parent_rss_mb']:.0f} / {x['tree_rss_mb']:.0f} / {x['tree_pss_mb']:.0f} MB"
            row(f"peak RSS, {name} corpus (parent / tree / tree PSS)", f"{mb} ({x['seconds']} s)")
        row(
            "peak tree RSS 10x / 1x",
            f"{r['growth_tree_rss_mb']:.3f}",
            "<= 1.1",
            f"peak RSS 10x/1x <= {TARGETS['rss_growth']}",
        )
    ld = report.get("load")
    if ld:
        where = Path(ld["allocator"]).name if "/" in ld.get("allocator", "") else "C library's"
        row(
            f"bulk load {ld['quads']:,} quads, kg load (Store.load_file; malloc: {where})",
            f"{ld['load_file']['triples_per_s']:,} triples/s",
            ">= 300,000",
            f"bulk load >= {TARGETS['load_tps']} triples/s",
        )
        row(
            "bulk load, as one shard of kg build (replace_graphs)",
            f"{ld['replace_graphs']['triples_per_s']:,} triples/s",
        )
        if "shards" in ld:
            row(
                f"bulk load in kg build's shards ({ld['shard_quads']:,} quads + hashes each)",
                f"{ld['shards']['triples_per_s']:,} triples/s",
            )
    q = report.get("queries")
    if q:
        for name, x in q.items():
            if isinstance(x, dict) and "median_ms" in x:
                met = "yes" if x["median_ms"] <= TARGETS["query_ms"] else "NO"
                lines.append(
                    f"| query {name} {_call(x['params'])} ({x['rows']} rows), "
                    f"{q['store_triples']:,} triples | {x['median_ms']} ms | <= 100 ms | {met} |"
                )
            elif isinstance(x, dict) and "error" in x:
                lines.append(f"| query {name} | error: {x['error']} | | |")
        for name, x in q.get("information", {}).items():  # not against the target
            value = f"{x['median_ms']} ms" if "median_ms" in x else f"error: {x.get('error')}"
            rows = f" ({x['rows']} rows)" if "rows" in x else ""
            lines.append(
                f"| (info) query {name} {_call(x.get('params', {}))}{rows} | {value} | | |"
            )
    d = report.get("dask")
    if d:
        row("Dask LocalCluster, 1 worker", f"{d['dask_1']['words_per_s']:,} words/s")
        row("Dask LocalCluster, 2 workers", f"{d['dask_2']['words_per_s']:,} words/s")
        row(
            "Dask 2 / 1",
            f"{d['speedup']:.3f}",
            ">= 1.6",
            f"Dask 2 workers / 1 worker >= {TARGETS['dask_speedup']}",
        )
    return "\n".join(lines)


def _call(params: dict[str, str]) -> str:
    """A query's parameters as ``kg query`` takes them: ``[from=2018-03-01 to=...]``."""
    return "[" + " ".join(f"{k}={v}" for k, v in params.items()) + "]"


def _shown(value: object) -> str:
    """An argument for the report: paths relative to the repository, so no machine path is kept."""
    if isinstance(value, Path):
        try:
            return str(value.resolve().relative_to(BENCH.parent))
        except ValueError:
            return value.name
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="articles at 1x (default: 400)")
    parser.add_argument(
        "--scale", type=int, default=10, help="the large corpus, x 1x (default: 10)"
    )
    parser.add_argument("--repeat", type=int, default=2, help="timed runs per measure (median)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--load-triples", type=int, default=1_000_000)
    parser.add_argument("--query-runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=PHASES, default=list(PHASES))
    parser.add_argument("--work", type=Path, default=BENCH / "out", help="scratch directory")
    parser.add_argument("--report", type=Path, default=BENCH / "report.json")
    parser.add_argument("--load-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "machine": machine(),
        "args": {k: _shown(v) for k, v in vars(args).items()},
        "corpus": "synthetic (bench/generate.py)",
    }
    corpora: dict[str, Path] = {}
    words: dict[str, int] = {}
    for name, count in (("1x", args.articles), ("10x", args.articles * args.scale)):
        if name == "10x" and "rss" not in args.only:
            continue
        corpora[name], words[name] = write_corpus(args.work / f"corpus-{name}.jsonl", count)
    report["corpus_words"] = words
    stores = {name: args.work / f"store-{name}" for name in ("1x", "10x")}

    if "throughput" in args.only:
        with phase(report, "throughput") as section:
            throughput(section, corpora["1x"], words["1x"], args)
    if "rss" in args.only:
        with phase(report, "rss") as section:
            rss(section, corpora, stores)
    store_1m = args.work / "store-1m"
    if "load" in args.only:
        if not stores["1x"].is_dir():
            from kg.pipeline import build

            build([corpora["1x"]], store_dir=stores["1x"], on_error=fail_on_error, workers=2)
        with phase(report, "load") as section:
            if args.load_child is None and _load_allocator() is not None:
                section.update(_load_in_child(args))  # under kg load's allocator
            else:
                bulk_load(section, stores["1x"], args.work, args.load_triples, args.repeat)
                section["allocator"] = os.environ.get("LD_PRELOAD") or "the C library's"
        if args.load_child is not None:
            args.load_child.write_text(json.dumps(report["load"]), encoding="utf-8")
            return 0
    if "queries" in args.only:
        with phase(report, "queries") as section:
            queries(section, store_1m, args.query_runs)
    if "dask" in args.only:
        with phase(report, "dask") as section:
            dask_phase(section, corpora["1x"], words["1x"], args)

    report["verdicts"] = verdicts(report)
    report["machine"]["uptime_after"] = _uptime()
    args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    text = table(report)
    (args.report.with_suffix(".md")).write_text(
        f"kg bench ({report['machine']['cores']} cores; {report['machine']['uptime']})\n\n{text}\n",
        encoding="utf-8",
    )
    print(text)
    print(f"\n{args.report} written; machine: {report['machine']['uptime_after']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
