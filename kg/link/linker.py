"""The linker: place mentions -> gazetteer features, with the article as context.

``Linker.link_name`` links one name in a given context: it looks the name's keys up
(``kg.link.normalize``), falls back to a fuzzy scan of the context's provinces,
tries the alternatives of "X/Y" names, and splits a hyphenated mention into its
places when the parts link better than the whole ("Abu-Djreif-Samka" ->
Abū Jurayf + Samka).  ``Linker.link_places`` links the places of one article in
two passes: the first finds the article's countries, provinces and points, the
second ranks every mention again with them.
"""

from __future__ import annotations

import re
import warnings
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, TypeVar

from rapidfuzz import fuzz, process

from kg.errors import KgError
from kg.link.gazetteer import CandidateSource, Feature, NameMatch
from kg.link.normalize import (
    NameQuery,
    name_key,
    query,
    split_alternatives,
    split_segments,
    strip_generic,
    word_key,
)
from kg.link.rank import LinkContext, Scored, confidence, distance_km, named, rank, rank_named
from kg.link.records import PlaceLink, PlaceLinks
from kg.records import Place

__all__ = ["DEFAULT_THRESHOLD", "Linker", "Resolution"]

DEFAULT_THRESHOLD = 0.5
"""Links below this confidence are dropped: the place stays unlinked."""
_MEMO_SIZE = 500  # resolutions and lookups kept per linker: memory stays flat
REGION_NAMES_KEPT = 300_000
"""Names of the regions kept for fuzzy matching, at most (least recently used regions
go first): every province of a country at war fits (Syria's 14 hold about 48,000), so an
archive that moves between them does not read them again and again."""
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

SURE = 0.8
"""Links at least this sure give their country, province and point to the context."""

COMPOUND_SPREAD_KM = 40.0
"""The parts of a compound mention name places this close to one another."""

_PREFIXES = (
    "abu abou umm um tall tal tell kafr kfar dayr deir ayn ain jisr bir ras khirbat khirbet"
    " kherbet bayt beit marj wadi jabal jebel qasr mazraa mazraat hawsh hosh maarat maar"
    " shaykh sheikh shaikh bani beni ibn bin bint"
)
PREFIX_WORDS = frozenset(word_key(word) for word in _PREFIXES.split())
"""Words that begin a name but are no place by themselves ("Abu" of "Abu-Djreif")."""

_ADMIN_HINT = re.compile(r"\s*(?:province|governorate|region|muhafazat)\b", re.IGNORECASE)
_ADMIN_BEFORE = re.compile(r"\b(?:province|governorate) of\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Resolution:
    """The best candidate for one name, its confidence and name score."""

    text: str
    best: Scored | None
    confidence: float

    @property
    def name(self) -> float:
        return self.best.name if self.best else 0.0

    @property
    def keyed(self) -> bool:
        """True when a whole name of the best candidate has the key of ``text``."""
        return self.best is not None and self.best.keyed


class Linker:
    """Links place names to the features of a ``CandidateSource``.

    ``fallback`` is asked when the source has nothing above the threshold (for
    example a live Wikidata lookup, ``kg.link.wikidata``).
    """

    def __init__(
        self,
        source: CandidateSource,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        fallback: CandidateSource | None = None,
    ) -> None:
        self.source = source
        self.threshold = threshold
        self.fallback = fallback
        self._regions: OrderedDict[tuple[str, str | None], _RegionNames] = OrderedDict()
        # the same names come back article after article, mostly in the same context:
        # each resolution and gazetteer lookup is kept (bounded, least recently used out)
        self._resolved: OrderedDict[tuple[str, LinkContext, bool], Resolution] = OrderedDict()
        self._looked_up: OrderedDict[tuple[NameQuery, frozenset[str]], list[NameMatch]] = (
            OrderedDict()
        )
        self._countries: OrderedDict[str, tuple[str | None]] = OrderedDict()
        self._scored: OrderedDict[tuple[Any, ...], list[Scored]] = OrderedDict()

    def close(self) -> None:
        """Close the sources (the gazetteer file, the lookup cache)."""
        for source in (self.source, self.fallback):
            close = getattr(source, "close", None)
            if close is not None:
                close()

    # ------------------------------------------------------------ context

    def country_of(self, text: str) -> str | None:
        """The ISO code of the country ``text`` names ("Syria" -> "SY"), if it names one."""
        return _kept(self._countries, text, lambda: (self._country_uncached(text),))[0]

    def _country_uncached(self, text: str) -> str | None:
        q = query(strip_generic(text))
        found = [m.feature for m in self.source.lookup(q) if m.key == q.key]
        countries = [f for f in found if f.is_country]
        return countries[0].country if countries else None

    def province_of(self, text: str, countries: Iterable[str]) -> tuple[str, str] | None:
        """The (country, admin1) code of the province ``text`` names, in ``countries``.

        "Idlib Governorate" and "Deir ez Zor" both work: kind words are dropped and
        the name may match a province's name by skeleton.
        """
        allowed = frozenset(countries)
        for name in split_alternatives(strip_generic(text)):
            q = query(name)
            ranked = rank(
                (m for m in self.source.lookup(q, allowed) if m.feature.is_admin1),
                q,
                LinkContext(countries=allowed),
                admin_hint=True,
            )
            ranked = [s for s in ranked if not allowed or s.feature.country in allowed]
            if ranked and ranked[0].name >= 0.85 and ranked[0].feature.admin1:
                return ranked[0].feature.country, ranked[0].feature.admin1
        return None

    # ------------------------------------------------------------ one name

    def resolve(self, text: str, context: LinkContext, *, admin_hint: bool = False) -> Resolution:
        """The best feature for one name (alternatives "X/Y" tried in turn)."""
        results = [
            self._resolve_one(strip_generic(alt), context, admin_hint)
            for alt in split_alternatives(strip_generic(text))
        ]
        return max(results, key=lambda r: (r.confidence, r.name))

    def _resolve_one(self, text: str, context: LinkContext, admin_hint: bool) -> Resolution:
        return _kept(
            self._resolved,
            (text, context, admin_hint),
            lambda: self._resolve_uncached(text, context, admin_hint),
        )

    def _lookup(self, q: NameQuery, countries: frozenset[str]) -> list[NameMatch]:
        return _kept(
            self._looked_up, (q, countries), lambda: list(self.source.lookup(q, countries))
        )

    def _resolve_uncached(self, text: str, context: LinkContext, admin_hint: bool) -> Resolution:
        q = query(text)
        if not q.key:
            return Resolution(text, None, 0.0)
        ranked = rank_named(self._named(q, context), context, admin_hint=admin_hint)
        result = Resolution(text, ranked[0] if ranked else None, confidence(ranked))
        if result.confidence < self.threshold and self.fallback is not None:
            try:
                found = self.fallback.lookup(q, context.countries)
            except KgError as exc:  # a live lookup that fails leaves the name unlinked
                warnings.warn(str(exc), RuntimeWarning, stacklevel=2)
                found = []
            extra = rank(found, q, context)
            if extra and confidence(extra) > result.confidence:
                result = Resolution(text, extra[0], confidence(extra))
        return result

    def _named(self, q: NameQuery, context: LinkContext) -> list[Scored]:
        """The candidates of ``q`` scored by name (kept: a name comes back in article
        after article); edit-similar names of the context's regions when no name has
        the mention's key."""
        matches = self._lookup(q, context.countries)
        exact = any(m.key == q.key and m.part == 0 for m in matches)
        regions = None if exact else self._regions_of(context)
        return _kept(
            self._scored,
            (q, context.countries, regions),
            lambda: named(matches + self._fuzzy(q, regions or []), q),
        )

    @staticmethod
    def _regions_of(context: LinkContext) -> tuple[tuple[str, str | None], ...]:
        """The regions whose names an inexact name is compared with."""
        return tuple(
            sorted(context.provinces) or [(country, None) for country in sorted(context.countries)]
        )

    def _fuzzy(self, q: NameQuery, regions: Iterable[tuple[str, str | None]]) -> list[NameMatch]:
        target = (q.base or q.key).replace(" ", "")
        found: list[NameMatch] = []
        for region in regions:
            names = self._region(region)
            for _, _, index in process.extract(
                target, names.choices, scorer=fuzz.ratio, score_cutoff=78, limit=25
            ):
                found += names.matches(index)
        return found

    def _region(self, region: tuple[str, str | None]) -> _RegionNames:
        """The names of a region, grouped by key with spaces removed (kept: a run
        meets the same regions again and again)."""
        found = _kept(
            self._regions,
            region,
            lambda: _RegionNames(self.source, region),
            size=len(self._regions) + 1,
        )
        while len(self._regions) > 1 and (
            sum(len(names.choices) for names in self._regions.values()) > REGION_NAMES_KEPT
        ):
            self._regions.popitem(last=False)
        return found

    # --------------------------------------------------------- a mention

    def link_name(
        self, text: str, context: LinkContext, *, admin_hint: bool = False
    ) -> tuple[PlaceLink, ...]:
        """The links of one mention: (), one, or one per part of a compound."""
        whole = self.resolve(text, context, admin_hint=admin_hint)
        parts = None if whole.keyed else self._best_split(text, context)
        if parts and (whole.confidence < self.threshold or min(p.name for p in parts) > whole.name):
            return tuple(_link(p) for p in parts)
        if whole.best is not None and whole.confidence >= self.threshold:
            return (_link(whole),)
        return ()

    def _best_split(self, text: str, context: LinkContext) -> list[Resolution] | None:
        """The best way to read a hyphenated mention as several places, if any."""
        segments = split_segments(text)
        if not 2 <= len(segments) <= 6:
            return None
        best: list[Resolution] | None = None
        best_score = self.threshold
        for cuts in _compositions(len(segments)):
            ends = zip((0, *cuts), (*cuts, len(segments)), strict=True)
            groups = ["-".join(segments[i:j]) for i, j in ends]
            if not all(_could_be_a_place(g) for g in groups):
                continue
            parts = [self.resolve(g, context) for g in groups]
            if any(p.best is None for p in parts):
                continue
            parts = [self.resolve(g, _with_points(context, parts, i)) for i, g in enumerate(groups)]
            if any(p.best is None for p in parts):
                continue
            score = min(p.confidence for p in parts)
            if _spread([p.best.feature for p in parts if p.best]) > COMPOUND_SPREAD_KM:
                score *= 0.7
            if score >= best_score:
                best, best_score = parts, score
        return best

    # ------------------------------------------------------- an article

    def link_places(self, places: Sequence[Place]) -> tuple[PlaceLinks, ...]:
        """Link the places of one article: each place once, in the article's context."""
        unique = list(dict.fromkeys(places))
        countries = {
            c for p in unique for t in (p.text, p.within or "") if t and (c := self.country_of(t))
        }
        context = LinkContext(countries=frozenset(countries))
        hinted = {p: _admin_hint(p) for p in unique}
        first = {p: self.link_name(p.text, context, admin_hint=hinted[p]) for p in unique}
        sure = {p: [x for x in links if x.confidence >= SURE] for p, links in first.items()}
        if not countries:
            countries = {x.country for links in sure.values() for x in links if x.country}
        provinces = {
            (x.country, x.admin1)
            for links in sure.values()
            for x in links
            if x.admin1 and not x.feature_code.startswith("A.PCL")
        }
        for p in unique:
            if hinted[p] and (province := self.province_of(p.text, countries)):
                provinces.add(province)
        result = []
        for p in unique:
            points = tuple(
                (x.lat, x.lon)
                for other, links in sure.items()
                if other.text != p.text
                for x in links
                if x.lat is not None and x.lon is not None and x.feature_code.startswith("P.")
            )
            full = LinkContext(frozenset(countries), frozenset(provinces), points)
            result.append(PlaceLinks(p, self.link_name(p.text, full, admin_hint=hinted[p])))
        return tuple(result)


# ------------------------------------------------------------------ helpers


class _RegionNames:
    """The names of one region for fuzzy matching: their keys (spaces removed) as
    ``choices``; the names behind a key read when it comes close (``matches``), or all
    at once from a source that cannot give keys alone."""

    def __init__(self, source: CandidateSource, region: tuple[str, str | None]) -> None:
        self._source = source
        self._region = region
        self._keys: dict[str, list[str]] = {}  # choice -> the keys it stands for
        self._matches: dict[int, list[NameMatch]] = {}
        region_keys = getattr(source, "region_keys", None)
        if region_keys is not None and hasattr(source, "names_with_keys"):
            for key in region_keys(*region):
                keys = self._keys.setdefault(key.replace(" ", ""), [])
                if key not in keys:
                    keys.append(key)
        else:
            grouped: dict[str, list[NameMatch]] = {}
            for match in source.region_names(*region):
                grouped.setdefault(match.key.replace(" ", ""), []).append(match)
            self._keys = {choice: [] for choice in grouped}
            self._matches = dict(enumerate(grouped.values()))
        self.choices = list(self._keys)

    def matches(self, index: int) -> list[NameMatch]:
        found = self._matches.get(index)
        if found is None:
            keys = self._keys[self.choices[index]]
            found = self._matches[index] = self._source.names_with_keys(keys, *self._region)  # type: ignore[attr-defined]
        return found


def _link(resolution: Resolution) -> PlaceLink:
    assert resolution.best is not None
    f: Feature = resolution.best.feature
    code = f"{f.feature_class}.{f.feature_code}" if f.feature_class else ""
    return PlaceLink(
        text=resolution.text,
        geonames_id=f.geonames_id,
        name=f.name,
        lat=f.lat,
        lon=f.lon,
        feature_code=code,
        confidence=resolution.confidence,
        wikidata_id=f.wikidata,
        country=f.country,
        admin1=f.admin1,
    )


def _compositions(n: int) -> list[tuple[int, ...]]:
    """Every way to cut n segments into 2 or more consecutive groups (cut positions)."""
    return [cuts for k in range(1, n) for cuts in combinations(range(1, n), k)]


def _could_be_a_place(text: str) -> bool:
    key = name_key(text)
    words = key.split()
    return len(key.replace(" ", "")) >= 3 and not all(w in PREFIX_WORDS for w in words)


def _with_points(context: LinkContext, parts: list[Resolution], skip: int) -> LinkContext:
    """The context with the points of the other parts of a compound mention."""
    points = [
        (p.best.feature.lat, p.best.feature.lon)
        for i, p in enumerate(parts)
        if i != skip
        and p.best
        and p.best.feature.lat is not None
        and p.best.feature.lon is not None
    ]
    return LinkContext(context.countries, context.provinces, (*context.points, *points))


def _spread(features: list[Feature]) -> float:
    points = [(f.lat, f.lon) for f in features if f.lat is not None and f.lon is not None]
    return max((distance_km(a, b) for a, b in combinations(points, 2)), default=0.0)


def _admin_hint(place: Place) -> bool:
    """True when the text calls the place a province ("Idlib province", "province of Idlib")."""
    text = place.evidence.text
    for match in re.finditer(re.escape(place.text), text):
        if _ADMIN_HINT.match(text, match.end()) or _ADMIN_BEFORE.search(text, 0, match.start()):
            return True
    return False


def _kept(cache: OrderedDict[K, V], key: K, compute: Callable[[], V], size: int = _MEMO_SIZE) -> V:
    """``compute()``, kept in ``cache`` under ``key``; the least recently used goes
    out past ``size`` entries, so memory stays flat however long the run."""
    found = cache.get(key)
    if found is None:
        found = cache[key] = compute()
        if len(cache) > size:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return found
