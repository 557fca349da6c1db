"""Session-wide settings: place linking uses a gazetteer the tests build themselves.

The Syrian gazetteer file of ../shared (read in place) is imported once per session
into a temporary index and ``KG_GAZETTEER`` points there, so that what the seeds
link to depends only on the repository and ../shared, never on a gazetteer the
machine happens to have in ~/.cache.  No live Wikidata lookup runs unless a test
starts its own endpoint.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.shared import shared


def _import_syria(directory: Path) -> Path:
    from kg.link import import_files

    path = directory / "syria.sqlite"
    if not path.exists():
        import_files([shared("data", "gazetteer", "syria_wof_geonames.tsv")], gazetteer=path)
    return path


@pytest.fixture(scope="session")
def syria_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gazetteer with the Syrian WOF/GeoNames file imported (and the bundled data)."""
    return _import_syria(tmp_path_factory.getbasetemp() / "gazetteer")


@pytest.fixture(scope="session", autouse=True)
def _gazetteer_setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in ("KG_GAZETTEER", "KG_WIKIDATA_ENDPOINT")}
    directory = tmp_path_factory.getbasetemp() / "gazetteer"
    directory.mkdir(exist_ok=True)
    try:
        path = _import_syria(directory)
    except FileNotFoundError:  # no ../shared: the bundled gazetteer only (tests/shared.py)
        path = directory / "nothing-imported.sqlite"
    os.environ["KG_GAZETTEER"] = str(path)
    os.environ.pop("KG_WIKIDATA_ENDPOINT", None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
