"""How ``kg build`` runs the pipeline at scale: where the batches go, and how the
results reach the store.

* ``process_batch`` (``worker``): the per-partition function, nlp -> extract -> link
  -> rdf -> one N-Quads block per article; the same everywhere.
* runners: ``InlineRunner`` (this process), ``PoolRunner`` (a local process pool,
  ``--workers N``), ``DaskRunner`` (a Dask cluster, ``--dask ADDRESS``).
* ``StoreWriter``: bulk-loads results a shard at a time, each article marked complete
  by its ``kg:contentHash``, so reruns skip unchanged articles and resume after a crash.
* ``OutputWriter``: the ``--out`` file, streamed; ``Progress``: the bar or log lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.runner.cluster import LOCAL, DaskRunner
from kg.runner.hashing import content_hash
from kg.runner.local import InlineRunner, PoolRunner, default_workers
from kg.runner.output import OutputWriter
from kg.runner.progress import Progress, estimate_articles
from kg.runner.results import ArticleResult, Outcome
from kg.runner.worker import graph_nquads, process_batch
from kg.runner.writer import StoreWriter

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "LOCAL",
    "ArticleResult",
    "DaskRunner",
    "InlineRunner",
    "Outcome",
    "OutputWriter",
    "PoolRunner",
    "Progress",
    "Runner",
    "StoreWriter",
    "content_hash",
    "default_workers",
    "estimate_articles",
    "graph_nquads",
    "make_runner",
    "process_batch",
]

Runner = InlineRunner | PoolRunner | DaskRunner


def make_runner(
    *, nlp: Language | None, workers: int, batch_size: int, dask: str | None = None
) -> Runner:
    """The runner for ``kg build --workers N [--dask ADDRESS]`` (enter it to start it).

    Without ``dask``: one worker runs in this process, more in a forked pool sharing
    ``nlp``.  With ``dask``, workers load the model named by ``KG_SPACY_MODEL`` (or the
    default) themselves, so ``nlp`` must be None.
    """
    from kg.nlp import load_pipeline, model_name

    if dask is not None:
        return DaskRunner(dask, workers=workers, model=model_name(), batch_size=batch_size)
    if nlp is None:
        nlp = load_pipeline()
    if workers == 1:
        return InlineRunner(nlp, batch_size=batch_size)
    return PoolRunner(nlp, workers=workers, batch_size=batch_size)
