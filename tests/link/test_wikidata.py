"""The live lookup against a local Oxigraph server loaded with a Wikidata-shaped
fixture (no network): place items only, the province from wdt:P131, the on-disk
cache, and the linker's fallback."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.link import LinkContext, Linker, open_gazetteer
from kg.link.wikidata import WikidataLookup
from kg.records import Place, PlaceRole, Span
from tests.store.store_servers import Server, start_oxigraph

pytestmark = pytest.mark.server

FIXTURE = Path(__file__).parent / "data" / "wikidata_places.ttl"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_oxigraph(tmp_path_factory.mktemp("wikidata"))
    try:
        request = urllib.request.Request(
            f"{server.base}/store?default",
            data=FIXTURE.read_bytes(),
            headers={"Content-Type": "text/turtle"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status in (200, 201, 204)
        yield server
    finally:
        server.stop()


def test_lookup_finds_places_by_label_and_alias(
    endpoint: Server, tmp_path: Path, syria_gazetteer: Path
) -> None:
    with open_gazetteer(syria_gazetteer) as gazetteer:
        lookup = WikidataLookup(
            f"{endpoint.base}/query", cache=tmp_path / "c.sqlite", gazetteer=gazetteer
        )
        [found] = lookup.search("Al-Rashidin")  # the person of that name is no place
        assert (found.wikidata, found.geonames_id, found.country) == ("Q9900001", None, "SY")
        assert (found.lat, found.lon) == (36.161, 37.062)
        assert (found.feature_class, found.feature_code) == ("P", "PPLX")
        assert found.admin1 == "09"  # wdt:P131 Aleppo -> GeoNames 170063 -> admin1 09
        assert [f.wikidata for f in lookup.search("Al-Rachidine")] == ["Q9900001"]  # @fr alias
        aleppo = lookup.search("Aleppo")
        assert [(f.geonames_id, f.wikidata) for f in aleppo] == [(170063, "Q41183")]
        assert lookup.search("Nowhere at all") == []
        lookup.close()


def test_answers_are_cached_on_disk(endpoint: Server, tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite"
    first = WikidataLookup(f"{endpoint.base}/query", cache=cache)
    first.search("Rashideen")
    first.search("Nowhere at all")
    assert first.asked == 2
    first.search("Rashideen")
    first.search("Nowhere at all")  # empty answers are kept too
    assert first.asked == 2
    first.close()
    # another process later, with the endpoint unreachable: the cache still answers
    unreachable = "http://127.0.0.1:9/query"
    again = WikidataLookup(unreachable, cache=cache)
    again.endpoint = f"{endpoint.base}/query"  # the same endpoint as cached
    assert [f.wikidata for f in again.search("Rashideen")] == ["Q9900001"]
    assert again.asked == 0
    again.close()


def test_an_unreachable_endpoint_is_a_config_error(tmp_path: Path) -> None:
    lookup = WikidataLookup("http://127.0.0.1:9/query", cache=tmp_path / "c.sqlite", timeout=2)
    with pytest.raises(ConfigError, match="Wikidata lookup"):
        lookup.search("Aleppo")
    lookup.close()
    with pytest.raises(ConfigError, match="not a SPARQL endpoint"):
        WikidataLookup("query.wikidata.org", cache=tmp_path / "c.sqlite")


def test_the_linker_asks_wikidata_for_what_the_gazetteer_lacks(
    endpoint: Server, tmp_path: Path, syria_gazetteer: Path
) -> None:
    text = "a unit attacked from the directions of Al-Rashidin and Baliramoun"
    places = [
        Place(n, Span(0, len(text), text), PlaceRole.ORIGIN) for n in ("Al-Rashidin", "Baliramoun")
    ]
    with open_gazetteer(syria_gazetteer) as gazetteer:
        assert Linker(gazetteer).link_name("Al-Rashidin", LinkContext(frozenset({"SY"}))) == ()
        lookup = WikidataLookup(
            f"{endpoint.base}/query", cache=tmp_path / "c.sqlite", gazetteer=gazetteer
        )
        linker = Linker(gazetteer, fallback=lookup)
        links = {p.place.text: p.links for p in linker.link_places(places)}
        [rashidin] = links["Al-Rashidin"]
        assert (rashidin.wikidata_id, rashidin.geonames_id) == ("Q9900001", None)
        assert rashidin.confidence >= linker.threshold
        assert links["Baliramoun"][0].geonames_id in (7888294, 171874)  # local, not asked
        assert lookup.asked == 1
        lookup.close()


def test_a_failing_lookup_leaves_the_place_unlinked(tmp_path: Path, syria_gazetteer: Path) -> None:
    with open_gazetteer(syria_gazetteer) as gazetteer:
        lookup = WikidataLookup("http://127.0.0.1:9/query", cache=tmp_path / "c.sqlite", timeout=2)
        linker = Linker(gazetteer, fallback=lookup)
        with pytest.warns(RuntimeWarning, match="Wikidata lookup"):
            assert linker.link_name("Al-Rashidin", LinkContext(frozenset({"SY"}))) == ()
        lookup.close()
