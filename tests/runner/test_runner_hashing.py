"""kg.runner.hashing: what makes an article "changed"."""

from __future__ import annotations

import dataclasses
import datetime as dt
import doctest

import pytest

import kg.runner.hashing
from kg.records import Article
from kg.runner import content_hash

A = Article(id="a1", text="Shelling in Idlib.", date=dt.date(2020, 1, 2), path="a.txt")


def test_doctests() -> None:
    assert doctest.testmod(kg.runner.hashing).failed == 0


@pytest.mark.parametrize(
    "change",
    [
        {"id": "a2"},
        {"text": "Shelling in Idlib!"},
        {"date": dt.date(2020, 1, 3)},
        {"date": None},
        {"title": "Idlib"},
        {"url": "https://example.org/a1"},
        {"source": "TASS"},
    ],
)
def test_every_field_but_the_path_counts(change: dict[str, object]) -> None:
    assert content_hash(dataclasses.replace(A, **change)) != content_hash(A)  # type: ignore[arg-type]


def test_the_path_does_not_count() -> None:
    assert content_hash(dataclasses.replace(A, path="moved/a.txt")) == content_hash(A)


def test_it_is_a_sha256_hex_digest() -> None:
    digest = content_hash(A)
    assert len(digest) == 64
    assert set(digest) <= set("0123456789abcdef")
