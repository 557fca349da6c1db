"""Real triplestore servers for the tests, on 127.0.0.1 and random free ports.

Each server is started as a child process, polled until ``ASK {}`` answers 200,
and stopped with SIGTERM to its PID (then SIGKILL if it lingers).  Nothing here
touches a system-wide instance or configuration:

- Oxigraph: the ``oxigraph`` binary the ``oxigraph`` wheel puts beside the venv's
  python; an in-memory store unless a directory is given.
- Virtuoso Open Source 7 (Debian ``virtuoso-opensource``): ``virtuoso-t -f`` with
  an ini file and database under a temporary directory, user ``dba`` / ``dba``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from kg.store import RemoteStore

__all__ = [
    "Server",
    "free_port",
    "oxigraph_binary",
    "start_oxigraph",
    "start_virtuoso",
    "VIRTUOSO_USER",
    "VIRTUOSO_PASSWORD",
    "empty",
]

VIRTUOSO_USER = "dba"
VIRTUOSO_PASSWORD = "dba"  # a fresh Virtuoso database's administrator password


@dataclass
class Server:
    """A running server: its base URL, the kg store location and the process."""

    name: str
    base: str  # http://127.0.0.1:PORT
    location: str  # what `--store` takes, e.g. oxigraph+http://127.0.0.1:PORT
    process: subprocess.Popen[bytes]
    log: Path
    extra: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        stop_process(self.process)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def empty(store: RemoteStore) -> RemoteStore:
    """The store with every (non-system) graph dropped."""
    for graph in store.graphs():
        store.delete_graph(graph)
    return store


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary of the ``oxigraph`` wheel (in the venv's bin)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph binary is missing: pip install oxigraph (a kg dependency)")
    return found


def wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Poll ``url`` until it answers 200; fail with the server's log if it dies or times out."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {process.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            stop_process(process)
            raise RuntimeError(f"{url}: not ready after {timeout:.0f} s:\n{_tail(log)}")
        time.sleep(0.05)


def stop_process(process: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """SIGTERM the process by its PID, then SIGKILL if it does not exit in time."""
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(5)


def start_oxigraph(workdir: Path, *, location: Path | None = None) -> Server:
    """``oxigraph serve`` on a free loopback port (in memory unless ``location``)."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        command += ["--location", str(location)]
    log = workdir / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_ready(f"{base}/query?query=ASK%7B%7D", process, log, timeout=60)
    return Server("oxigraph", base, f"oxigraph+{base}", process, log)


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


def start_virtuoso(workdir: Path) -> Server:
    """Virtuoso 7 with a fresh database under ``workdir`` (user dba, password dba)."""
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError(
            "virtuoso-t is missing: install the Debian package virtuoso-opensource "
            "(`apt-get install virtuoso-opensource`; .ci/run does it)"
        )
    db = workdir / "db"
    db.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(db=db, sql_port=sql_port, http_port=http_port))
    log = workdir / "virtuoso.stdout"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "-f", "-c", str(ini)], stdout=out, stderr=subprocess.STDOUT, cwd=db
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_ready(f"{base}/sparql?query=ASK%7B%7D", process, db / "virtuoso.log", timeout=60)
    except RuntimeError as e:
        raise RuntimeError(f"{e}\n{_tail(log)}") from None
    return Server(
        "virtuoso",
        base,
        f"virtuoso+http://{VIRTUOSO_USER}@127.0.0.1:{http_port}",
        process,
        db / "virtuoso.log",
        extra={"sql_port": str(sql_port), "anonymous": f"virtuoso+{base}"},
    )


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"({path} not written)"


# Every path under the temporary directory, both ports on loopback; the result-set
# limit is raised from Debian's 10000 (which silently truncates) for the 100k-triple tests.
_VIRTUOSO_INI = """\
[Database]
DatabaseFile={db}/virtuoso.db
ErrorLogFile={db}/virtuoso.log
LockFile={db}/virtuoso.lck
TransactionFile={db}/virtuoso.trx
xa_persistent_file={db}/virtuoso.pxa
ErrorLogLevel=7
FileExtend=200
MaxCheckpointRemap=2000
Striping=0
TempStorage=TempDatabase

[TempDatabase]
DatabaseFile={db}/virtuoso-temp.db
TransactionFile={db}/virtuoso-temp.trx
MaxCheckpointRemap=2000
Striping=0

[Parameters]
ServerPort=127.0.0.1:{sql_port}
DisableUnixSocket=1
DisableTcpSocket=0
MaxClientConnections=10
CheckpointInterval=60
O_DIRECT=0
CaseMode=2
AllowOSCalls=0
DirsAllowed=.
NumberOfBuffers=20000
MaxDirtyBuffers=15000
MaxQueryMem=1G
ThreadsPerQuery=2
VADInstallDir=/usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort=127.0.0.1:{http_port}
ServerRoot=/var/lib/virtuoso-opensource-7/vsp
MaxClientConnections=10
ServerThreads=10
DavRoot=DAV
EnabledDavVSP=0
Charset=UTF-8

[SPARQL]
ResultSetMaxRows=1000000
MaxQueryCostEstimationTime=400
MaxQueryExecutionTime=120
"""
