import datetime as dt

import pytest

from kg.extract import extract
from kg.nlp import load_pipeline
from kg.records import Article, Extraction


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def run(nlp):
    def _run(text: str, date: dt.date | None = dt.date(2020, 3, 5), id: str = "t") -> Extraction:
        article = Article(id, text, date)
        return extract(nlp(text), article)

    return _run
