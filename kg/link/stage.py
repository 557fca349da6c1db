"""The link stage of the pipeline: an extraction's places -> their gazetteer links.

``link_extraction`` is what ``kg.pipeline.process_article`` calls between extract
and rdf.  Without an explicit linker it uses ``default_linker()``: the gazetteer at
``$KG_GAZETTEER`` (default ``~/.cache/kg/gazetteer.sqlite``, or the bundled one when
nothing was imported), with the live Wikidata lookup as fallback when
``$KG_WIKIDATA_ENDPOINT`` names an endpoint.  It is opened once per process (a
forked worker opens its own).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from kg.link.gazetteer import default_gazetteer_path, open_gazetteer
from kg.link.linker import Linker
from kg.link.rank import LinkContext
from kg.link.records import ArticleLinks, PlaceLinks
from kg.records import Extraction, Place

__all__ = ["ENDPOINT_ENV", "attack_places", "default_linker", "link_extraction"]

ENDPOINT_ENV = "KG_WIKIDATA_ENDPOINT"

_DEFAULT: dict[tuple[object, ...], Linker] = {}
# a forked worker must open its own SQLite connection, never reuse its parent's
os.register_at_fork(after_in_child=_DEFAULT.clear)


def attack_places(x: Extraction) -> list[Place]:
    """The places of the extraction's attacks, in order, each once: the places the
    graph records (``Extraction.places`` also has datelines and places of no attack)."""
    return list(dict.fromkeys(p for attack in x.attacks for p in attack.places))


def link_extraction(x: Extraction, linker: Linker | None = None) -> ArticleLinks:
    """Link the places of ``x``'s attacks, with the article as context, and its
    dateline ("MOSCOW, January 23"), which is linked on its own: where a report was
    filed says nothing about where the attacks were."""
    places = attack_places(x)
    if not places and x.dateline is None:
        return ArticleLinks()
    return link_places(places, linker, dateline=x.dateline)


def link_places(
    places: Iterable[Place], linker: Linker | None = None, *, dateline: Place | None = None
) -> ArticleLinks:
    """Link the places of one article (``kg link`` reads them back from the store)."""
    linker = linker or default_linker()
    linked = linker.link_places(list(places))
    if dateline is not None:
        alone = PlaceLinks(dateline, linker.link_name(dateline.text, LinkContext()))
        linked = (*linked, alone)
    return ArticleLinks(linked)


def default_linker() -> Linker:
    """The linker over the default gazetteer, opened once per process (again when
    ``$KG_GAZETTEER`` or the file changes)."""
    path = default_gazetteer_path()
    endpoint = os.environ.get(ENDPOINT_ENV) or None
    # the process id too: a worker forked from a process that had the gazetteer open
    # must not share its SQLite connection
    stamp = (os.getpid(), str(path), _mtime(path), endpoint)
    linker = _DEFAULT.get(stamp)
    if linker is None:
        for old_stamp, old in _DEFAULT.items():
            if old_stamp[0] == os.getpid():
                old.close()
        _DEFAULT.clear()
        fallback = None
        if endpoint:
            from kg.link.wikidata import WikidataLookup

            fallback = WikidataLookup(endpoint)
        linker = _DEFAULT[stamp] = Linker(open_gazetteer(path), fallback=fallback)
    return linker


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
