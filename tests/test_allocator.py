"""kg.allocator: which malloc ``kg load`` restarts itself with, and that it does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import allocator


def test_system_keeps_the_c_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(allocator.ENV, "system")
    assert allocator.find() is None


def test_a_path_names_the_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = tmp_path / "libfast.so"
    monkeypatch.setenv(allocator.ENV, str(lib))
    assert allocator.find() is None  # not there
    lib.write_bytes(b"")
    assert allocator.find() == lib
    env = allocator.preload_env(lib, {"LD_PRELOAD": "/other.so"})
    assert env["LD_PRELOAD"] == f"{lib} /other.so"
    assert allocator.preload_env(lib, env)["LD_PRELOAD"] == env["LD_PRELOAD"]


@pytest.mark.skipif(allocator.find("auto") is None, reason="no mimalloc or jemalloc installed")
def test_reexec_preloads_the_allocator_once(tmp_path: Path) -> None:
    """The restarted process has the library mapped and does not restart again."""
    script = (
        "import sys; from kg import allocator; allocator.reexec_with(sys.orig_argv); "
        "maps = open('/proc/self/maps').read(); "
        "print(any(str(allocator.find()) in line for line in maps.splitlines()))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", allocator.ENV)}
    env.pop("KG_MALLOC_PRELOADED", None)
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "True"
