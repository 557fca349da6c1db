"""Running ``process_batch`` on a Dask cluster (``kg build --dask ADDRESS``).

The client (the ``kg build`` process) reads the inputs, skips unchanged articles and
sends batches of articles to the workers; each worker runs the same per-partition
function as a local worker (nlp -> extract -> link -> rdf) and sends back one
N-Quads shard per batch, which the client bulk-loads into its store.  The client
keeps at most two batches per worker thread in flight, so neither side holds the
corpus.  Workers load the spaCy model by name (``KG_SPACY_MODEL`` as the client sees
it) once per process, and warm up on one short article, when the build starts;
they need kg installed, as the client has it.  ``--dask local`` starts its own
cluster (``local_cluster``).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from types import TracebackType
from typing import Any

from kg.errors import ConfigError, KgError
from kg.records import Article
from kg.runner.results import ArticleResult
from kg.runner.worker import process_batch, warm

__all__ = ["LOCAL", "WORKER_CONFIG", "DaskRunner", "load_model", "local_cluster"]

LOCAL = "local"
"""The ``--dask`` address that starts a LocalCluster of worker processes."""

_IN_FLIGHT_PER_THREAD = 2
CONNECT_TIMEOUT = "20s"
"""How long to wait for a remote scheduler."""


class DaskRunner:
    """Batches sent to the Dask scheduler at ``address`` (``"local"``: a LocalCluster
    of ``workers`` processes, one thread each, no dashboard)."""

    def __init__(self, address: str, *, workers: int, model: str, batch_size: int) -> None:
        self.address = address
        self.workers = workers
        self.model = model
        self.batch_size = batch_size
        self._cluster: Any = None
        self._client: Any = None

    def __enter__(self) -> DaskRunner:
        dist = _distributed()
        try:
            if self.address == LOCAL:
                self._cluster = local_cluster(self.workers)
                self._client = dist.Client(self._cluster)
            else:
                self._client = dist.Client(self.address, timeout=CONNECT_TIMEOUT)
            # load the model on every worker now rather than in the first batches
            self._client.run(load_model, self.model)
        except (OSError, TimeoutError) as exc:
            self.__exit__(None, None, None)
            raise ConfigError(f"cannot use the Dask scheduler at {self.address}: {exc}") from exc
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        client, self._client = self._client, None
        cluster, self._cluster = self._cluster, None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    @property
    def threads(self) -> int:
        """Worker threads in the cluster now (at least 1)."""
        if self._client is None:
            return self.workers
        threads: int = sum(self._client.nthreads().values())
        return max(1, threads)

    def map(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[ArticleResult]]:
        """Results as batches finish (not in input order)."""
        if self._client is None:
            raise RuntimeError("DaskRunner.map outside its with block")
        window = _IN_FLIGHT_PER_THREAD * self.threads
        done = _distributed().as_completed()
        try:
            for batch in batches:
                done.add(self._submit(batch))
                while done.count() >= window:
                    yield _result(next(done))
            for future in done:
                yield _result(future)
        finally:
            done.clear()

    def _submit(self, batch: Sequence[Article]) -> Any:
        return self._client.submit(
            process_batch,
            list(batch),
            model=self.model,
            batch_size=self.batch_size,
            pure=False,
        )


def local_cluster(workers: int) -> Any:
    """A Dask ``LocalCluster`` of ``workers`` processes, one thread each, on 127.0.0.1,
    set up for kg's batches (``kg build --dask local``; the benchmark uses it too).

    Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which also
    turns off glibc's adaptive mmap threshold: every large array spaCy allocates and
    frees becomes an mmap/munmap pair whose pages fault in again (on 77,000 words,
    1.3 million page faults against 0.1 million, 2 s of system time against 0.4 s,
    and a worker 10% slower).  kg's workers keep glibc's defaults.  Workers of a
    cluster started elsewhere should too: unset the Dask setting
    ``distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_``.
    """
    import dask

    dist = _distributed()
    with (
        dask.config.set(WORKER_CONFIG),
        warnings.catch_warnings(),
    ):
        # with no dashboard the scheduler still serves /health, on 8787 if free
        warnings.filterwarnings("ignore", "Port 8787 is already in use")
        return dist.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
            silence_logs=logging.ERROR,
        )


WORKER_CONFIG: dict[str, object] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
"""The Dask settings ``local_cluster`` starts its workers with (see there)."""


@lru_cache(maxsize=2)
def load_model(model: str) -> None:
    """Make a worker ready (``Client.run``), once per process, returning nothing to
    send back: load the pipeline and run one short article through every stage, so
    that the first batch does not pay for opening the gazetteer and the like."""
    process_batch([_WARM_UP], nlp=warm(model))


_WARM_UP = Article(
    id="kg-warm-up",
    text="Militants attacked army positions near Idlib on Monday; 3 soldiers were killed.",
)


def _distributed() -> Any:
    """The ``distributed`` package, imported when a Dask build starts (it is untyped)."""
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - a dependency of kg
        raise ConfigError("kg build --dask needs dask[distributed] installed") from exc
    return distributed


def _result(future: Any) -> list[ArticleResult]:
    try:
        results: list[ArticleResult] = future.result()
    except KgError:
        raise
    except Exception as exc:  # a worker died or the cluster went away
        raise KgError(f"a Dask task failed ({type(exc).__name__}: {exc}); rerun to resume") from exc
    return results
