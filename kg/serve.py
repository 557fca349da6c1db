"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over an embedded store.

The server is Oxigraph's own (``oxigraph serve-read-only``, the binary of the
``oxigraph`` wheel, a kg dependency): it reads the pyoxigraph directory kg writes,
answers the SPARQL 1.1 Protocol at ``/query`` (GET and POST, JSON/XML/CSV/TSV
results) and serves a YASGUI query page at ``/``.  ``kg serve`` checks its
arguments, then *becomes* that server (``exec``), so stopping it (Ctrl-C, SIGTERM
to its PID) stops the server, and nothing is left running behind it.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

from kg.errors import ConfigError, StoreError

__all__ = ["DEFAULT_PORT", "oxigraph_binary", "server_command", "serve"]

DEFAULT_PORT = 7878
HOST = "127.0.0.1"


def oxigraph_binary() -> str:
    """The ``oxigraph`` binary: beside this Python (the venv's bin), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ConfigError("the oxigraph server binary is missing: pip install oxigraph")
    return found


def server_command(store_dir: str | Path, port: int) -> list[str]:
    """The command line of the read-only server; ConfigError/StoreError for bad arguments."""
    path = Path(store_dir)
    if not path.is_dir():
        raise StoreError(f"no store at {path} (run `kg build PATH... --store {path}` first)")
    if not 0 < port < 65536:
        raise ConfigError(f"port {port} is not a TCP port")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            raise ConfigError(
                f"port {port} on {HOST} is in use (choose another with --port)"
            ) from None
    return [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(path),
        "--bind",
        f"{HOST}:{port}",
    ]


def serve(store_dir: str | Path, port: int = DEFAULT_PORT) -> None:
    """Replace this process by the read-only server (returns only on error)."""
    command = server_command(store_dir, port)
    base = f"http://{HOST}:{port}"
    print(
        f"serving {store_dir} read-only at {base}/query (query page: {base}/)\n"
        f"  kg query NAME --store oxigraph+{base}\n"
        "stop with Ctrl-C",
        file=sys.stderr,
        flush=True,
    )
    sys.stdout.flush()
    try:
        os.execv(command[0], command)
    except OSError as e:
        raise ConfigError(f"cannot start {command[0]}: {e}") from e
