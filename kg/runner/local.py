"""Running ``process_batch`` on this machine: in this process, or in a pool of processes.

The pool is forked (where the platform can) after the spaCy pipeline is loaded, so
the workers share the model's memory and start at once, and before the store is
opened, so no worker holds the store's files.  At most two batches per worker are in
flight, so memory does not grow with the corpus; results come back in input order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.records import Article
from kg.runner.results import ArticleResult
from kg.runner.worker import process_batch

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["InlineRunner", "PoolRunner", "default_workers"]

_IN_FLIGHT_PER_WORKER = 2
_PARENT_CHECK_SECONDS = 0.5

# the pipeline a forked worker inherits from the parent (set just before the fork)
_INHERITED_NLP: Language | None = None


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class InlineRunner:
    """Every batch in this process, one after the other."""

    def __init__(self, nlp: Language, *, batch_size: int) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def __enter__(self) -> InlineRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[ArticleResult]]:
        for batch in batches:
            yield process_batch(batch, nlp=self.nlp, batch_size=self.batch_size)


class PoolRunner:
    """Batches spread over ``workers`` processes, results in input order.

    Where the platform cannot fork, each worker loads the default pipeline itself
    (``nlp`` is not sent over).  Leaving the ``with`` block on an error or Ctrl-C
    stops the workers at once rather than waiting for their batches.
    """

    def __init__(
        self, nlp: Language, *, workers: int, batch_size: int, model: str | None = None
    ) -> None:
        self.nlp = nlp
        self.workers = workers
        self.batch_size = batch_size
        self.model = model
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> PoolRunner:
        global _INHERITED_NLP
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        _INHERITED_NLP = self.nlp
        try:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(os.getpid(),),
            )
            # start every worker now (a forked pool starts them all on the first task)
            self._pool.submit(_ready).result()
        finally:
            _INHERITED_NLP = None
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            if exc_type is not None:
                # a batch can take a while: on an error or Ctrl-C do not wait for it
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()
            pool.shutdown(wait=True, cancel_futures=exc_type is not None)

    def map(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[ArticleResult]]:
        if self._pool is None:
            raise RuntimeError("PoolRunner.map outside its with block")
        pending: deque[Future[list[ArticleResult]]] = deque()
        try:
            for batch in batches:
                pending.append(self._pool.submit(_run, list(batch), self.batch_size, self.model))
                if len(pending) >= _IN_FLIGHT_PER_WORKER * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as exc:
            raise KgError(f"a worker process died ({exc}); rerun to resume") from exc
        finally:
            for future in pending:
                future.cancel()


# ------------------------------------------------------------ in the workers


def _init_worker(parent: int) -> None:
    """Leave Ctrl-C to the parent, die with it, and keep the inherited heap out of gc."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    gc.freeze()


def _watch_parent(parent: int) -> None:
    """Exit when the parent is gone (killed with SIGKILL, say): nothing else would tell us."""
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    os._exit(1)


def _ready() -> bool:
    return True


def _run(batch: list[Article], batch_size: int, model: str | None) -> list[ArticleResult]:
    return process_batch(batch, nlp=_INHERITED_NLP, model=model, batch_size=batch_size)
