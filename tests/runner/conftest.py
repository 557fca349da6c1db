from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from kg.ingest import iter_articles
from kg.nlp import load_pipeline
from kg.records import Article

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def seeds() -> list[Article]:
    errors: list[Exception] = []
    articles = list(iter_articles([REPO / "seeds"], on_error=errors.append))
    assert not errors
    return articles


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Seeds and dev articles, copied: real articles, one a file."""
    root = tmp_path / "corpus"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "tests" / "data" / "dev", root / "dev")
    return root
