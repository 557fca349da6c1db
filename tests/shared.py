"""Where the shared evaluation material lives: ``../shared`` beside the repository
(``$KG_SHARED`` overrides).  Tests read it in place; nothing is copied into the repo."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", REPO.parent / "shared"))


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: clone the repository with ../shared beside it or set KG_SHARED"
        )
    return path


def scorer() -> ModuleType:
    """The evaluation scorer ``../shared/eval/score.py`` as a module."""
    spec = importlib.util.spec_from_file_location("kg_shared_score", shared("eval", "score.py"))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
