"""A faster ``malloc`` for ``kg load``: the bulk loader is a third malloc and free.

pyoxigraph's bulk loader (Rust, on the C library's allocator) spends about a third of
its time allocating and freeing.  With mimalloc (Debian: ``libmimalloc2.0``) or
jemalloc (``libjemalloc2``) preloaded, a million quads load in 6.2 CPU-seconds instead
of 8-10 (``bench/README.md``).  An allocator can only be swapped before the process
starts, so ``kg load`` of a big input starts itself again with ``LD_PRELOAD`` set
(``reexec_with``), once.  The analysis (spaCy) gains nothing from it, so ``kg build``
keeps the C library's allocator.

``$KG_MALLOC`` chooses: ``system`` keeps the C library's, a path names a library,
unset or ``auto`` takes the first of ``LIBRARIES`` found.  Nothing happens off Linux.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["ENV", "LIBRARIES", "find", "pending", "preload_env", "reexec_with"]

ENV = "KG_MALLOC"
LIBRARIES = ("libmimalloc.so.2", "libjemalloc.so.2")
_DIRS = (
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/usr/local/lib",
)
_DONE = "KG_MALLOC_PRELOADED"  # set in the restarted process: never restart twice

log = logging.getLogger(__name__)


def find(choice: str | None = None) -> Path | None:
    """The allocator library ``$KG_MALLOC`` (or ``choice``) asks for, if it exists."""
    choice = choice if choice is not None else os.environ.get(ENV, "auto")
    if not sys.platform.startswith("linux") or choice == "system":
        return None
    if choice not in ("", "auto"):
        path = Path(choice)
        return path if path.is_file() else None
    for name in LIBRARIES:
        for directory in _DIRS:
            path = Path(directory, name)
            if path.is_file():
                return path
    return None


def preload_env(library: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default this process's) with ``library`` preloaded."""
    out = dict(os.environ if env is None else env)
    preload = out.get("LD_PRELOAD", "")
    if str(library) not in preload.split():
        out["LD_PRELOAD"] = f"{library} {preload}".strip()
    out[_DONE] = str(library)
    return out


def pending() -> Path | None:
    """The allocator a restart would preload: None when there is none, it is already
    in, or this process is the restarted one."""
    if os.environ.get(_DONE):
        return None
    library = find()
    if library is None or str(library) in os.environ.get("LD_PRELOAD", "").split():
        return None
    return library


def reexec_with(argv: Sequence[str]) -> None:
    """Start this program again as ``argv`` (``sys.orig_argv``) with the faster
    allocator preloaded; return (doing nothing) when ``pending()`` has none."""
    library = pending()
    if library is None:
        return
    log.debug("restarting with %s preloaded", library)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, list(argv), preload_env(library))
