"""The examples in kg.link's docstrings run."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

import kg.link
import kg.link.arabic
import kg.link.gazetteer
import kg.link.normalize
import kg.link.rank
import kg.rdf.mapping


@pytest.mark.parametrize(
    "module",
    [kg.link, kg.link.arabic, kg.link.normalize, kg.link.gazetteer, kg.link.rank, kg.rdf.mapping],
    ids=lambda m: m.__name__,
)
def test_doctests(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0
