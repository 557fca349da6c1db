"""Fuzzy matching reads a region's keys first and the names behind a key only when it
comes close; the result is what reading every name of the region gives."""

from __future__ import annotations

from typing import Any

from kg.link import default_linker
from kg.link.linker import Linker, _RegionNames
from kg.link.rank import LinkContext


class NamesOnly:
    """The gazetteer without ``region_keys``: regions are read whole."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def lookup(self, *args: Any, **kwargs: Any) -> Any:
        return self._inner.lookup(*args, **kwargs)

    def region_names(self, *args: Any) -> Any:
        return self._inner.region_names(*args)


def test_keys_first_gives_the_names_reading_the_whole_region_gives() -> None:
    gazetteer = default_linker().source
    region = ("SY", "09")  # Aleppo: the most names
    lazy, whole = _RegionNames(gazetteer, region), _RegionNames(NamesOnly(gazetteer), region)
    assert lazy.choices == whole.choices
    assert len(lazy.choices) > 100
    for index in range(0, len(lazy.choices), max(1, len(lazy.choices) // 50)):
        assert lazy.matches(index) == whole.matches(index)


def test_a_misspelt_village_links_the_same_either_way() -> None:
    gazetteer = default_linker().source
    context = LinkContext(countries=frozenset({"SY"}), provinces=frozenset({("SY", "09")}))
    for name in ("Tel Rifaat", "Deir Jamal", "Kafr Naha", "Anadan"):
        lazy = Linker(gazetteer).resolve(name, context)
        whole = Linker(NamesOnly(gazetteer)).resolve(name, context)  # type: ignore[arg-type]
        assert lazy == whole
