"""Candidate ranking: how well a gazetteer name matches, and how well the feature fits
the article (its countries and provinces, the other places it names).

Every candidate gets ``score = name⁴ × fit × prior``, less by ``INEXACT`` when no key
of a whole name matched: ``name`` is how well its best name matches the mention
(keys, consonant skeletons, spelling), ``fit`` is country × province × distance ×
kind of feature (each factor near 1 when it fits), ``prior`` favours towns and
cities over villages of their name.  The best one gets a confidence, its fit without
the prior (at most 1), that falls when distinct places (more than 5 km away) score
nearly as well: an ambiguous name stays unlinked rather than being linked to the
wrong village.  The constants were set on UCDP's Syrian labels
(``scripts/measure_linking.py``), so that fewer than 3 % of them link wrongly.

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
    "spelling",
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
    """A candidate feature with its name score and overall score (its ``evidence``
    times its ``prior``); ``keyed`` when one of its whole Latin names has the
    mention's key, ``exact`` when a key or the consonant skeleton matched, not only an
    edit similarity."""

    feature: Feature
    name: float
    score: float
    exact: bool = True
    keyed: bool = True
    prior: float = 1.0

    @property
    def evidence(self) -> float:
        """How well name and feature fit the mention and the article: the score
        without the prior."""
        return self.score / self.prior


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

SPELLING = 0.25
"""How much a name of the mention's key is worth less when it is spelt otherwise than
the mention and another name of that key is not: "Al Janna" is "Al Jannā" (1.0)
sooner than "Janā" (0.92).  "Crati" alone is "Qarāţī" (1.0)."""

INEXACT = 0.7
"""How much less a candidate counts whose name matched only approximately (by its
skeleton or edit similarity), not by a key of a whole name: on UCDP's labels such
matches are wrong several times as often as the others."""

ROMANIZED = 0.97
"""At most this for a name in Arabic script whose romanization matched: it has no
short vowels, so an equal key is less telling than of a Latin name."""


def _keyed(query: NameQuery, match: NameMatch) -> bool:
    """True when a whole Latin name of the feature has the mention's key (or its
    canonical form: "Western Ghariyah" ~ "Ghāriyah al Gharbīyah")."""
    if match.part == 1:
        return match.key == query.canonical
    return match.part == 0 and match.key == query.key


def _spelt(query: NameQuery, match: NameMatch) -> bool:
    """True when the name has one of the mention's keys (its spelling then counts)."""
    if match.part == 1:
        return match.key == query.canonical
    return match.part != 3 and match.key in (query.key, query.base)


def spelling(query: NameQuery, match: NameMatch) -> float:
    """How close the name is spelt to the mention, 1 - ``SPELLING`` to 1."""
    if not query.form or not match.form:
        return 1.0
    return 1 - SPELLING * (1 - fuzz.ratio(query.form, match.form) / 100)


def name_score(query: NameQuery, match: NameMatch, *, best_spelling: float = 1.0) -> float:
    """How well the mention's keys match one name of a feature, from 0 to 1.

    Equal keys score 1 (equal canonical forms 0.98; a base name without its
    qualifier ``PARTIAL``), less when the name is spelt less like the mention than
    the best-spelt name of those keys (``spelling``, ``best_spelling``); otherwise
    the edit similarity of the keys (spaces removed), raised when the consonant
    skeletons are equal ("krati" ~ "qarati").
    """
    if match.part == 1:  # a canonical form, its qualifiers as tags
        if match.key != query.canonical:
            return 0.0
        return 0.98 * min(1.0, spelling(query, match) / best_spelling)
    partial = match.part == 2 or (query.base is not None and match.key != query.key)
    weight = PARTIAL if partial else 1.0
    if _spelt(query, match):
        return weight * min(1.0, spelling(query, match) / best_spelling)
    target = query.base if query.base is not None else query.key
    ratio = fuzz.ratio(target.replace(" ", ""), match.key.replace(" ", "")) / 100
    if query.skel and query.skel == match.skeleton and len(query.skel) >= 2:
        ratio = max(ratio, 0.75 + 0.2 * ratio if len(query.skel) >= 3 else 0.65 + 0.3 * ratio)
    else:  # other consonants weigh more than other vowels: "Rashidin" is not "Rushdi"
        ratio *= fuzz.ratio(query.skel, match.skeleton) / 100
    if match.part == 3:
        ratio = min(ratio, ROMANIZED)
    return weight * ratio


_WEAK_PLACES = frozenset({"PPLQ", "PPLH", "PPLW", "PPLCH"})
_SEATS = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLG"})
_TOWNS = frozenset({"PPLC", "PPLA", "PPLA2", "PPLG"})  # seats of a country, province, district


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


ELSEWHERE = 0.45
"""How much less a village outside the article's provinces fits (a town or a city
less so, see ``elsewhere``): news names a small place with its own province."""


def elsewhere(feature: Feature) -> float:
    """The factor of a feature outside the article's provinces: ``ELSEWHERE`` for a
    village, more for a town or a city, at most 0.65.

    >>> from kg.link.gazetteer import Feature
    >>> village = Feature(4790, "Qurmuş", 36.0, 36.5, "P", "PPL", "SY", "12")
    >>> hama = Feature(170017, "Hama", 35.13, 36.76, "P", "PPLA", "SY", "10", 460602)
    >>> elsewhere(village), round(elsewhere(hama), 2)
    (0.45, 0.65)
    """
    if feature.feature_class == "A":
        return 0.65  # a province or district the article names beside its own
    value = ELSEWHERE + 0.05 * math.log10(1 + max(feature.population, 0))
    if feature.feature_code in _TOWNS:
        value += 0.1
    return min(value, 0.65)


POPULATION = 0.03
"""The prior of a populated place is ``1 + POPULATION * log10(1 + population)``: news
names a city more often than a town of its name, a town more often than a village
(1.09 for 1,000 people, 1.15 for 100,000, 1.21 for 10 million).  How many names a
feature has is no such sign: among the namesakes of one province that UCDP's labels
mean, the one with more names is not the one meant more often."""


def prior(feature: Feature) -> float:
    """How often news names the feature rather than another of its name (see
    ``POPULATION``; an area's population is its towns'): it ranks candidates, it does
    not make a poor match surer."""
    if feature.feature_class != "P":
        return 1.0
    return 1 + POPULATION * math.log10(1 + max(feature.population, 0))


def fit(feature: Feature, context: LinkContext, *, admin_hint: bool = False) -> float:
    """How well a feature fits the article, about 0.3 to 1.1."""
    factor = _kind(feature, admin_hint)
    if context.countries and not feature.is_country:
        factor *= 1.0 if feature.country in context.countries else 0.6
    if context.provinces and not feature.is_country:
        inside = (feature.country, feature.admin1) in context.provinces
        factor *= 1.0 if inside else elsewhere(feature)
    lat, lon = feature.lat, feature.lon
    if context.points and lat is not None and lon is not None and not feature.is_country:
        near = min(distance_km((lat, lon), p) for p in context.points)  # a country: no point
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
    return rank_named(named(matches, query), context, admin_hint=admin_hint)


def named(matches: Iterable[NameMatch], query: NameQuery) -> list[Scored]:
    """Each candidate feature once, scored by its best-matching name (``rank``'s first
    half: it does not depend on the article, so a linker can keep it)."""
    matches = list(matches)
    best_spelling = max((spelling(query, m) for m in matches if _spelt(query, m)), default=1.0)
    best: dict[tuple[int | None, str | None], Scored] = {}
    for match in matches:
        score = name_score(query, match, best_spelling=best_spelling)
        keyed = _keyed(query, match)
        if score < MIN_NAME_SCORE or (match.feature.is_country and not keyed):
            continue
        fid = (match.feature.geonames_id, match.feature.wikidata)
        if fid not in best or score > best[fid].name:
            exact = keyed or (bool(query.skel) and query.skel == match.skeleton)
            best[fid] = Scored(match.feature, score, score, exact, keyed, prior(match.feature))
    return list(best.values())


def rank_named(
    candidates: Iterable[Scored], context: LinkContext, *, admin_hint: bool = False
) -> list[Scored]:
    """``named`` candidates scored in the article's ``context``, best first."""
    scored = []
    for s in candidates:
        value = s.name**4 * fit(s.feature, context, admin_hint=admin_hint) * s.prior
        if not s.keyed:
            value *= INEXACT
        scored.append(Scored(s.feature, s.name, value, s.exact, s.keyed, s.prior))
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


RIVAL, RIVAL_POWER = 0.6, 8
"""A distinct place that scores as well as the best takes ``RIVAL`` of its confidence;
one that scores 0.9 times as well, ``RIVAL * 0.9**RIVAL_POWER``; several rivals add
up, to at most ``RIVAL``."""


def _rivals(ranked: Sequence[Scored]) -> list[Scored]:
    """The best candidate of each other place than the first (near-duplicates are one
    place), among those scoring at least half as well."""
    places: list[Scored] = [ranked[0]]
    for s in ranked[1:]:
        if s.score < ranked[0].score / 2:  # ranked best first; 0.5**RIVAL_POWER is nothing
            break
        if not any(_same_place(p.feature, s.feature) for p in places):
            places.append(s)
    return places[1:]


def confidence(ranked: Sequence[Scored]) -> float:
    """The confidence of the best candidate: its evidence (at most 1; lower when its name
    matched only approximately), lowered when distinct places score nearly as well (a
    tie gives less than half)."""
    if not ranked:
        return 0.0
    best = ranked[0]
    value = min(best.evidence, 1.0)
    if best.score > 0:
        pressure = sum(min(s.score / best.score, 1.0) ** RIVAL_POWER for s in _rivals(ranked))
        value *= 1 - RIVAL * min(pressure, 1.0)
    return round(value, 3)
