"""Gazetteer import (GeoNames dumps, their zips, alternate names, the WOF extract) and
lookup; the bundled gazetteer when nothing was imported."""

from __future__ import annotations

import sqlite3
import time
import zipfile
from pathlib import Path

import pytest

from kg.errors import ConfigError, InputError
from kg.link import Gazetteer, bundled_gazetteer, import_files, open_gazetteer
from kg.link.normalize import query
from tests.shared import shared

# geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 admin1 admin2 admin3
# admin4 population elevation dem timezone modification_date (GeoNames' 19 columns)
SY_ROWS = [
    "174458\tAbū Jurayf\tAbu Jurayf\tAbou Jreïf,أبو جريف\t35.73271\t36.92707\tP\tPPL\tSY\t\t12"
    "\t\t\t\t0\t\t349\tAsia/Damascus\t2012-02-01",
    "4613\tJudaydat Nawwāf\tJudaydat Nawwaf\tSamkah,سمكة\t35.69655\t36.9096\tP\tPPL\tSY\t\t12"
    "\t\t\t\t0\t\t387\tAsia/Damascus\t2017-06-06",
    "169389\tIdlib\tIdlib\tIdleb,إدلب\t35.93062\t36.63393\tP\tPPLA\tSY\t\t12"
    "\t\t\t\t128840\t\t450\tAsia/Damascus\t2020-01-01",
    "169387\tIdlib\tIdlib\tIdlib Governorate,Muḩāfaz̧at Idlib\t35.78763\t36.679719\tA\tADM1\tSY"
    "\t\t12\t\t\t\t1501000\t\t400\tAsia/Damascus\t2020-01-01",
]
ALT_ROWS = [  # alternateNameId geonameid isolanguage name isPreferred isShort ...
    "1\t4613\ten\tSamka\t\t\t\t\t\t",
    "2\t4613\twkdt\tQ12345\t\t\t\t\t\t",
    "3\t4613\tlink\thttps://en.wikipedia.org/wiki/Samka\t\t\t\t\t\t",
    "4\t999999\ten\tNowhere\t\t\t\t\t\t",  # a feature that is not in the gazetteer
]


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _ids(gazetteer: Gazetteer, name: str, countries: tuple[str, ...] = ("SY",)) -> set[int | None]:
    return {m.feature.geonames_id for m in gazetteer.lookup(query(name), countries)}


def test_geonames_dump_is_imported_and_found_by_any_spelling(tmp_path: Path) -> None:
    target = tmp_path / "g.sqlite"
    summary = import_files([_write(tmp_path / "SY.txt", SY_ROWS)], gazetteer=target)
    assert (summary.features, summary.skipped) == (4, 0)
    with open_gazetteer(target) as g:
        assert _ids(g, "Abu-Djreif") == {174458}
        assert _ids(g, "Samka") == {4613}
        assert _ids(g, "Idleb") == {169387, 169389}
        abu = g.feature(174458)
        assert abu is not None
        assert (abu.lat, abu.lon, abu.feature_code, abu.admin1) == (
            35.73271,
            36.92707,
            "PPL",
            "12",
        )
        assert {m.feature.geonames_id for m in g.region_names("SY", "12")} >= {174458, 4613}


def test_arabic_names_are_romanized_and_found_in_the_article_countries(tmp_path: Path) -> None:
    target = tmp_path / "g.sqlite"
    import_files([_write(tmp_path / "SY.txt", SY_ROWS)], gazetteer=target)
    with open_gazetteer(target) as g:
        found = g.lookup(query("Abu Jrif"), ["SY"])
        keyed = {(m.key, m.part) for m in found if m.key == "abu jrif"}
        assert keyed == {("abu jrif", 3)}  # "أبو جريف" romanized, part 3
        assert 174458 not in _ids(g, "Abu Jrif", ())  # vowelless keys: in a country only
        assert 174458 in _ids(g, "Abu Jrif", ("SY",))


def test_names_keep_their_spelling_and_french_mute_e(tmp_path: Path) -> None:
    zabdin = "162584\tZabdīn\tZabdin\tZebdine\t33.47\t36.38\tP\tPPL\tSY\t\t08" + "\t" * 8
    target = tmp_path / "g.sqlite"
    import_files([_write(tmp_path / "SY.txt", [*SY_ROWS, zabdin])], gazetteer=target)
    with open_gazetteer(target) as g:
        forms = {m.form for m in g.lookup(query("Abu Jurayf"), ["SY"]) if m.key == "abu jurayf"}
        assert forms == {"abu jurayf"}  # "Abū Jurayf" and "Abu Jurayf" fold alike
        assert {m.form for m in g.lookup(query("Abou Jreif")) if m.part == 0} == {"abou jreif"}
        assert 162584 in _ids(g, "Zebdin", ())  # "Zebdine" without its mute e
        assert 162584 in _ids(g, "Zebdinah", ())  # and with the e read as -ah
        zebdin = g.feature(162584)
        assert zebdin is not None
        assert zebdin.names == 2  # "Zabdīn" ~ "Zabdin", "Zebdine" (its other spelling no name)


def test_zip_and_alternate_names(tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("SY.txt", "\n".join(SY_ROWS) + "\n")
        z.writestr("readme.txt", "not data")
    alt = _write(tmp_path / "alternateNamesV2.txt", ALT_ROWS)
    target = tmp_path / "g.sqlite"
    seen: list[int] = []
    summary = import_files([archive, alt], gazetteer=target, progress=seen.append)
    assert summary.features == 4
    assert sum(seen) > 0
    with open_gazetteer(target) as g:
        samka = g.feature(4613)
        assert samka is not None
        assert samka.wikidata == "Q12345"
        assert _ids(g, "Nowhere", ()) == set()  # names of unknown features are not kept
        assert 4613 in _ids(g, "Samka", ())


def test_importing_again_adds_nothing_and_keeps_the_best_values(tmp_path: Path) -> None:
    target = tmp_path / "g.sqlite"
    sy = _write(tmp_path / "SY.txt", SY_ROWS)
    import_files([sy], gazetteer=target)
    with sqlite3.connect(target) as db:
        before = db.execute("SELECT COUNT(*) FROM name").fetchone()
    poorer = SY_ROWS[2].replace("\t128840\t", "\t0\t")  # the same city without population
    import_files([sy, _write(tmp_path / "again.txt", [poorer])], gazetteer=target)
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT COUNT(*) FROM name").fetchone() == before
    with open_gazetteer(target) as g:
        city = g.feature(169389)
        assert city is not None
        assert city.population == 128840


def test_the_syrian_wof_file_imports_in_seconds(tmp_path: Path) -> None:
    start = time.perf_counter()
    summary = import_files(
        [shared("data", "gazetteer", "syria_wof_geonames.tsv")], gazetteer=tmp_path / "g.sqlite"
    )
    assert time.perf_counter() - start < 15  # about 1.5 s; generous for a busy machine
    assert summary.features == 10573
    assert summary.skipped == 109


def test_wof_extras_are_used(syria_gazetteer: Path) -> None:
    with open_gazetteer(syria_gazetteer) as g:
        aleppo = g.feature(170063)  # no feature code, admin1 or population in the WOF file
        assert aleppo is not None
        assert (aleppo.feature_class, aleppo.feature_code, aleppo.admin1) == ("P", "PPL", "09")
        assert aleppo.wikidata == "Q41183"
        assert aleppo.population > 1_000_000
        idlib = g.feature(169387)  # a WOF region: ADM1, its admin1 code from its neighbours
        assert idlib is not None
        assert (idlib.feature_code, idlib.admin1) == ("ADM1", "12")
        assert 4613 in _ids(g, "Samka")


def test_bundled_gazetteer_resolves_countries_and_cities_without_import(tmp_path: Path) -> None:
    with open_gazetteer(tmp_path / "nothing-imported.sqlite") as g:
        assert g.path.name.startswith("bundled-")
        assert 2017370 in _ids(g, "Russia", ())
        assert 524901 in _ids(g, "Moscow", ())
        assert 170063 in _ids(g, "Aleppo", ())
    with bundled_gazetteer() as g:
        assert g.count() > 30_000


def test_bad_inputs_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        import_files([tmp_path / "missing.txt"], gazetteer=tmp_path / "g.sqlite")
    bad = tmp_path / "SY.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="cannot read"):
        import_files([bad], gazetteer=tmp_path / "g.sqlite")
    junk = _write(tmp_path / "junk.txt", ["not\tgeonames", "", "x"])
    assert import_files([junk], gazetteer=tmp_path / "g.sqlite").skipped == 3


def test_an_index_of_another_version_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "g.sqlite"
    import_files([_write(tmp_path / "SY.txt", SY_ROWS[:1])], gazetteer=target)
    with sqlite3.connect(target) as db:
        db.execute("UPDATE meta SET v = 'old' WHERE k = 'schema'")
    with pytest.raises(ConfigError, match="import the files again"):
        open_gazetteer(target)
