"""Candidate ranking: how well a gazetteer name matches, and how well the feature fits
the article (its countries and provinces, the other places it names).

Every candidate gets ``score = name × country × province × distance × kind × size``
(each factor near 1 when it fits), and the best one a confidence that also falls
when a distinct place (more than 5 km away) scores nearly as well: an ambiguous
name stays unlinked rather than being linked to the wrong village.

>>> from kg.link.gazetteer import Feature, NameMatch
>>> from kg.link.normalize import query
>>> abu = Feature(174458, "Abū Jurayf", 35.73, 36.93, "P", "PPL", "SY", "12")
>>> q = query("Abu-Djreif")
>>> round(name_score(q, NameMatch(abu, "abu jurayf", "bjrf")), 2)  # equal skeletons
0.94
>>> names = [NameMatch(abu, "abu jurayf", "bjrf"), NameMatch(abu, "abu jrayf", "bjrf")]
>>> ranked = rank(names, q, LinkContext(countries=frozenset({"SY"})))  # "Abou Jreïf" too
>>> ranked[0].feature.geonames_id, ranked[0].name, round(confidence(ranked), 2)
(174458, 1.0, 1.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kg.link.gazetteer import Feature, NameMatch
from kg.link.normalize import NameQuery

__all__ = [
    "LinkContext",
    "Scored",
    "SAME_PLACE_KM",
    "distance_km",
    "name_score",
    "fit",
    "rank",
    "confidence",
]

SAME_PLACE_KM = 5.0
"""Candidates closer than this are one place (GeoNames has near-duplicates)."""

MIN_NAME_SCORE = 0.78


@dataclass(frozen=True)
class LinkContext:
    """What the article is about: countries (ISO codes), provinces ((country, admin1)
    codes) and the points of the places already linked in it."""

    countries: frozenset[str] = frozenset()
    provinces: frozenset[tuple[str, str]] = frozenset()
    points: tuple[tuple[float, float], ...] = field(default=())


@dataclass(frozen=True)
class Scored:
    """A candidate feature with its name score and overall score; ``exact`` when a key
    or the consonant skeleton of the name matched, not only an edit similarity."""

    feature: Feature
    name: float
    score: float
    exact: bool = True


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points.

    >>> round(distance_km((35.73271, 36.92707), (35.69655, 36.9096)), 1)
    4.3
    """
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


PARTIAL = 0.88
"""A name matched without its qualifier ("Qantarah" ~ "Al Qanţarah al Janūbīyah")."""


def name_score(query: NameQuery, match: NameMatch) -> float:
    """How well the mention's keys match one name of a feature, from 0 to 1.

    Equal keys score 1 (equal canonical forms 0.98; a base name without its
    qualifier ``PARTIAL``); otherwise the edit similarity of the keys (spaces
    removed), raised when the consonant skeletons are equal ("krati" ~ "qarati").
    """
    if match.part == 1:
        return 0.98 if match.key == query.canonical else 0.0
    partial = match.part == 2 or (query.base is not None and match.key != query.key)
    weight = PARTIAL if partial else 1.0
    if match.key in (query.key, query.base):
        return weight
    target = query.base if query.base is not None else query.key
    ratio = fuzz.ratio(target.replace(" ", ""), match.key.replace(" ", "")) / 100
    if query.skel and query.skel == match.skeleton and len(query.skel) >= 2:
        ratio = max(ratio, 0.75 + 0.2 * ratio if len(query.skel) >= 3 else 0.65 + 0.3 * ratio)
    else:  # other consonants weigh more than other vowels: "Rashidin" is not "Rushdi"
        ratio *= fuzz.ratio(query.skel, match.skeleton) / 100
    return weight * ratio


_WEAK_PLACES = frozenset({"PPLQ", "PPLH", "PPLW", "PPLCH"})
_SEATS = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLG"})


def _kind(feature: Feature, admin_hint: bool) -> float:
    fclass, code = feature.feature_class, feature.feature_code
    if fclass == "P":
        weak = 0.85 if code in _WEAK_PLACES else 1.04 if code in _SEATS else 1.0
        return weak * (0.85 if admin_hint else 1.0)
    if fclass == "A":
        if code.startswith("PCL"):
            return 1.0
        if code == "ADM1":
            return 1.05 if admin_hint else 0.95
        if code == "ADM2":
            return 0.95 if admin_hint else 0.85
        return 0.8
    return 0.8 if not fclass else 0.7


def fit(feature: Feature, context: LinkContext, *, admin_hint: bool = False) -> float:
    """How well a feature fits the article, about 0.4 to 1.1."""
    factor = _kind(feature, admin_hint)
    factor *= 1 + 0.01 * math.log10(1 + max(feature.population, 0))
    factor *= 1 + 0.015 * math.log2(1 + max(feature.names, 0))
    if context.countries and not feature.is_country:
        factor *= 1.0 if feature.country in context.countries else 0.6
    if context.provinces and not feature.is_country:
        factor *= 1.0 if (feature.country, feature.admin1) in context.provinces else 0.65
    if context.points and feature.lat is not None and feature.lon is not None:
        here = (feature.lat, feature.lon)
        near = min(distance_km(here, p) for p in context.points)
        factor *= (
            1.0
            if near <= 10
            else 0.95
            if near <= 30
            else 0.9
            if near <= 80
            else 0.8
            if near <= 250
            else 0.7
        )
    return factor


def rank(
    matches: Iterable[NameMatch],
    query: NameQuery,
    context: LinkContext,
    *,
    admin_hint: bool = False,
) -> list[Scored]:
    """The candidate features, best first, each scored by its best-matching name."""
    best: dict[tuple[int | None, str | None], Scored] = {}
    for match in matches:
        score = name_score(query, match)
        if score < MIN_NAME_SCORE or (score < 1.0 and match.feature.is_country):
            continue
        fid = (match.feature.geonames_id, match.feature.wikidata)
        if fid not in best or score > best[fid].name:
            exact = score >= 0.98 or (bool(query.skel) and query.skel == match.skeleton)
            best[fid] = Scored(match.feature, score, score, exact)
    scored = [
        Scored(
            s.feature,
            s.name,
            s.name**4 * fit(s.feature, context, admin_hint=admin_hint),
            s.exact,
        )
        for s in best.values()
    ]
    scored.sort(key=lambda s: (-s.score, -s.feature.population, s.feature.geonames_id or 0))
    return scored


def _same_place(a: Feature, b: Feature) -> bool:
    """Near-duplicates, or a province and a town in it ("Idlib" the city and the
    governorate): linking one for the other is no wrong link."""
    if (
        a.country == b.country
        and a.admin1
        and a.admin1 == b.admin1
        and (a.is_admin1 != b.is_admin1)
    ):
        return True
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return a.geonames_id == b.geonames_id
    return distance_km((a.lat, a.lon), (b.lat, b.lon)) <= SAME_PLACE_KM


INEXACT = 0.75
"""How much less sure a link is whose name matched only by edit similarity (neither a
key nor the consonant skeleton): on UCDP's labels such matches are wrong several
times as often as the others."""


def confidence(ranked: Sequence[Scored]) -> float:
    """The confidence of the best candidate: its score (at most 1), lowered when its
    name matched only approximately, and when a distinct place scores nearly as well
    (a tie gives less than half)."""
    if not ranked:
        return 0.0
    best = ranked[0]
    rival = next((s for s in ranked[1:] if not _same_place(best.feature, s.feature)), None)
    value = min(best.score, 1.0) * (1.0 if best.name >= 0.98 else INEXACT)
    if rival is not None and best.score > 0:
        ratio = min(rival.score / best.score, 1.0)
        value *= 1 - 0.6 * ratio**6
    return round(value, 3)
