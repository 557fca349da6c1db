"""Typed records the link stage adds: what each place mention is linked to."""

from __future__ import annotations

from dataclasses import dataclass

from kg.records import Place

__all__ = ["PlaceLink", "PlaceLinks", "ArticleLinks"]


@dataclass(frozen=True)
class PlaceLink:
    """The gazetteer feature that one place name is linked to.

    ``text`` is the name as the article writes it ("Samka" for the second part of
    "Abu-Djreif-Samka"); ``name`` is the gazetteer's ("Judaydat Nawwāf");
    ``feature_code`` is GeoNames' class and code ("P.PPL", "A.ADM1");
    ``confidence`` is from 0 to 1.
    """

    text: str
    geonames_id: int | None
    name: str
    lat: float | None
    lon: float | None
    feature_code: str
    confidence: float
    wikidata_id: str | None = None  # "Q41183"
    country: str = ""
    admin1: str = ""

    @property
    def geonames_iri(self) -> str | None:
        return f"https://sws.geonames.org/{self.geonames_id}/" if self.geonames_id else None

    @property
    def wikidata_iri(self) -> str | None:
        return f"http://www.wikidata.org/entity/{self.wikidata_id}" if self.wikidata_id else None


@dataclass(frozen=True)
class PlaceLinks:
    """What one place mention is linked to: nothing (below the confidence threshold),
    one feature, or one feature per part of a compound mention ("Maar Shamarin-Crati")."""

    place: Place
    links: tuple[PlaceLink, ...] = ()

    @property
    def compound(self) -> bool:
        return len(self.links) > 1

    @property
    def geonames_ids(self) -> tuple[int, ...]:
        return tuple(link.geonames_id for link in self.links if link.geonames_id)

    @property
    def wikidata_ids(self) -> tuple[str, ...]:
        return tuple(link.wikidata_id for link in self.links if link.wikidata_id)


@dataclass(frozen=True)
class ArticleLinks:
    """The links of every place of one article's attacks."""

    places: tuple[PlaceLinks, ...] = ()

    def get(self, place: Place) -> tuple[PlaceLink, ...]:
        """The links of ``place`` (empty when it is unlinked or unknown)."""
        for entry in self.places:
            if entry.place == place:
                return entry.links
        return ()
