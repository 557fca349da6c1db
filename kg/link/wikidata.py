"""Live lookup of place names in a SPARQL endpoint shaped like Wikidata, cached on disk.

For names the local gazetteer lacks, ``WikidataLookup`` asks an endpoint for items
whose label or alias (``rdfs:label``, ``skos:altLabel``, in English or French) is
the name as written, that are places (``wdt:P31`` a settlement, an administrative
area or a country), with their point (``wdt:P625``), country (``wdt:P17`` and its
ISO code ``wdt:P297``), GeoNames id (``wdt:P1566``) and the GeoNames id of the area
they lie in (``wdt:P131``, for the province).  Answers, empty ones included, are kept
in a SQLite cache, so a name is asked once.

The endpoint is a setting (``$KG_WIKIDATA_ENDPOINT``, e.g.
https://query.wikidata.org/sparql); tests run it against a local Oxigraph server
loaded with a small fixture in Wikidata's shape.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from rdflib import Literal

from kg.errors import ConfigError
from kg.link.gazetteer import CandidateSource, Feature, NameMatch
from kg.link.normalize import NameQuery

__all__ = ["CACHE_ENV", "PLACE_CLASSES", "WikidataLookup", "default_cache_path"]

CACHE_ENV = "KG_WIKIDATA_CACHE"

PLACE_CLASSES: dict[str, tuple[str, str]] = {
    "Q6256": ("A", "PCLI"),  # country
    "Q3624078": ("A", "PCLI"),  # sovereign state
    "Q10864048": ("A", "ADM1"),  # first-level administrative country subdivision
    "Q13220204": ("A", "ADM2"),  # second-level administrative country subdivision
    "Q515": ("P", "PPL"),  # city
    "Q1549591": ("P", "PPL"),  # big city
    "Q5119": ("P", "PPLC"),  # capital
    "Q3957": ("P", "PPL"),  # town
    "Q532": ("P", "PPL"),  # village
    "Q486972": ("P", "PPL"),  # human settlement
    "Q123705": ("P", "PPLX"),  # neighbourhood
}
"""``wdt:P31`` classes taken as places, with the GeoNames class and code they map to."""

_QUERY = """\
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?item ?label ?class ?coord ?iso ?geonames ?admin WHERE {
  VALUES ?name { %s }
  { ?item rdfs:label ?name } UNION { ?item skos:altLabel ?name }
  ?item wdt:P31 ?class .
  OPTIONAL { ?item wdt:P625 ?coord }
  OPTIONAL { ?item wdt:P17/wdt:P297 ?iso }
  OPTIONAL { ?item wdt:P1566 ?geonames }
  OPTIONAL { ?item wdt:P131/wdt:P1566 ?admin }
  OPTIONAL { ?item rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
}
LIMIT 200
"""
_POINT = re.compile(r"Point\(\s*([-0-9.eE+]+)\s+([-0-9.eE+]+)\s*\)", re.IGNORECASE)
_ENTITY = "http://www.wikidata.org/entity/"


def default_cache_path() -> Path:
    """``$KG_WIKIDATA_CACHE``, else ``~/.cache/kg/wikidata.sqlite``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "kg" / "wikidata.sqlite"


class WikidataLookup:
    """A ``CandidateSource`` asking a Wikidata-shaped SPARQL endpoint, with a cache.

    ``gazetteer`` (the local one) turns the GeoNames id of the area an item lies in
    into its admin1 code, so that the province of the article counts for it too.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        cache: str | os.PathLike[str] | None = None,
        gazetteer: CandidateSource | None = None,
        languages: Iterable[str] = ("en", "fr"),
        timeout: float = 20.0,
    ) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise ConfigError(f"not a SPARQL endpoint URL: {endpoint!r}")
        self.endpoint = endpoint
        self.gazetteer = gazetteer
        self.languages = tuple(languages)
        self.timeout = timeout
        path = Path(cache) if cache else default_cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._cache = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._cache.execute(
            "CREATE TABLE IF NOT EXISTS answer (endpoint TEXT, name TEXT, rows TEXT,"
            " fetched REAL, PRIMARY KEY (endpoint, name))"
        )
        self.asked = 0  # how many names went to the endpoint (the rest came from the cache)

    def close(self) -> None:
        self._cache.close()

    # -- CandidateSource
    def lookup(self, query: NameQuery, countries: Collection[str] = ()) -> list[NameMatch]:
        if not query.text:
            return []
        return [NameMatch(feature, query.key, query.skel) for feature in self.search(query.text)]

    def region_names(self, country: str, admin1: str | None = None) -> list[NameMatch]:
        return []  # a live source is not scanned

    def feature(self, geonames_id: int) -> Feature | None:
        return None

    # -- the lookup
    def search(self, name: str) -> list[Feature]:
        """The places labelled ``name`` (cached)."""
        rows = self._cached(name)
        if rows is None:
            rows = self._ask(name)
            self._cache.execute(
                "INSERT OR REPLACE INTO answer VALUES (?, ?, ?, ?)",
                (self.endpoint, name, json.dumps(rows), time.time()),
            )
        return _features(rows, self.gazetteer)

    def _cached(self, name: str) -> list[dict[str, str]] | None:
        row = self._cache.execute(
            "SELECT rows FROM answer WHERE endpoint = ? AND name = ?", (self.endpoint, name)
        ).fetchone()
        return None if row is None else list(json.loads(row[0]))

    def _ask(self, name: str) -> list[dict[str, str]]:
        from SPARQLWrapper import JSON, SPARQLWrapper

        values = " ".join(Literal(name, lang=lang).n3() for lang in self.languages)
        client = SPARQLWrapper(self.endpoint, agent="kg (https://w3id.org/kg)")
        client.setReturnFormat(JSON)
        client.setTimeout(int(self.timeout))
        client.setQuery(_QUERY % values)
        self.asked += 1
        try:
            answer: Any = client.queryAndConvert()
        except Exception as exc:  # SPARQLWrapper raises URLError, HTTPError, its own errors
            raise ConfigError(f"Wikidata lookup at {self.endpoint} failed: {exc}") from None
        rows = []
        for binding in answer.get("results", {}).get("bindings", []):
            rows.append({k: v.get("value", "") for k, v in binding.items()})
        return rows


def _features(rows: list[dict[str, str]], gazetteer: CandidateSource | None) -> list[Feature]:
    """One feature per place item of the answer rows."""
    items: dict[str, dict[str, str]] = {}
    classes: dict[str, tuple[str, str]] = {}
    for row in rows:
        item = row.get("item", "")
        kind = PLACE_CLASSES.get(row.get("class", "").removeprefix(_ENTITY))
        if not item.startswith(_ENTITY) or kind is None:
            continue
        merged = items.setdefault(item, {})
        for key, value in row.items():
            merged.setdefault(key, value)
        if item not in classes or kind[0] == "A":
            classes[item] = kind
    features = []
    for item, row in items.items():
        lat = lon = None
        if match := _POINT.search(row.get("coord", "")):
            lon, lat = float(match.group(1)), float(match.group(2))
        admin1 = ""
        admin = row.get("admin", "")
        if gazetteer is not None and admin.isdigit():
            area = gazetteer.feature(int(admin))
            admin1 = area.admin1 if area else ""
        fclass, fcode = classes[item]
        geonames = row.get("geonames", "")
        features.append(
            Feature(
                geonames_id=int(geonames) if geonames.isdigit() else None,
                name=row.get("label") or item.removeprefix(_ENTITY),
                lat=lat,
                lon=lon,
                feature_class=fclass,
                feature_code=fcode,
                country=row.get("iso", ""),
                admin1=admin1,
                wikidata=item.removeprefix(_ENTITY),
            )
        )
    return features
