"""Candidate ranking by context: country, province, distance to the article's other
places, feature class and population; ties stay unlinked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.link import Gazetteer, LinkContext, Linker
from kg.link.normalize import query
from kg.link.rank import confidence, distance_km, rank
from kg.records import Place, Span

ROWS = [  # id, name, lat, lon, class, code, country, admin1, population
    (1, "Tall Ḩamīd", 35.90, 36.70, "P", "PPL", "SY", "12", 0),  # Idlib
    (2, "Tall Ḩamīd", 36.40, 37.60, "P", "PPL", "SY", "09", 0),  # Aleppo, 110 km away
    (3, "Kafr Salīm", 35.85, 36.85, "P", "PPL", "SY", "12", 0),  # near Sarmīn
    (4, "Kafr Salīm", 35.40, 36.40, "P", "PPL", "SY", "12", 0),  # 60 km further
    (5, "Sarmīn", 35.90, 36.72, "P", "PPL", "SY", "12", 14530),
    (6, "Ḩamāh", 35.13, 36.75, "P", "PPLA", "SY", "10", 460000),
    (7, "Ḩamāh", 35.20, 37.00, "A", "ADM1", "SY", "10", 1600000),
    (8, "Ţarābulus", 32.89, 13.18, "P", "PPLC", "LY", "77", 1150000),
    (9, "Ţarābulus", 34.43, 35.84, "P", "PPLA", "LB", "09", 229000),
    (10, "Al Bāb", 36.37, 37.51, "P", "PPL", "SY", "09", 130000),
    (11, "Al Bāb", 36.30, 37.60, "P", "PPL", "SY", "09", 0),
]


def _line(row: tuple[object, ...]) -> str:
    fid, name, lat, lon, fclass, fcode, cc, admin1, pop = row
    cols = [
        fid,
        name,
        "",
        "",
        lat,
        lon,
        fclass,
        fcode,
        cc,
        "",
        admin1,
        "",
        "",
        "",
        pop,
        "",
        "",
        "",
        "",
    ]
    return "\t".join(str(c) for c in cols)


@pytest.fixture(scope="module")
def linker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Linker]:
    root = tmp_path_factory.mktemp("rank")
    dump = root / "XX.txt"
    dump.write_text("\n".join(_line(r) for r in ROWS) + "\n", encoding="utf-8")
    with Gazetteer(root / "g.sqlite") as gazetteer:  # only these rows, not the bundled ones
        gazetteer.import_file(dump)
    with Gazetteer(root / "g.sqlite", read_only=True) as gazetteer:
        yield Linker(gazetteer)


def _ids(linker: Linker, text: str, context: LinkContext, **kw: bool) -> list[int | None]:
    return [link.geonames_id for link in linker.link_name(text, context, **kw)]


SY = frozenset({"SY"})


def test_the_province_of_the_article_chooses(linker: Linker) -> None:
    assert _ids(linker, "Tal Hamid", LinkContext(SY, frozenset({("SY", "12")}))) == [1]
    assert _ids(linker, "Tal Hamid", LinkContext(SY, frozenset({("SY", "09")}))) == [2]


def test_a_tie_stays_unlinked(linker: Linker) -> None:
    assert _ids(linker, "Tal Hamid", LinkContext(SY)) == []
    q = query("Tal Hamid")
    ranked = rank(linker.source.lookup(q, SY), q, LinkContext(SY))
    assert len(ranked) == 2
    assert confidence(ranked) < linker.threshold


def test_distance_to_the_other_places_of_the_article_chooses(linker: Linker) -> None:
    assert _ids(linker, "Kafr Salim", LinkContext(SY)) == []
    sarmin = (35.90, 36.72)
    assert _ids(linker, "Kafr Salim", LinkContext(SY, points=(sarmin,))) == [3]
    assert distance_km(sarmin, (35.85, 36.85)) < 15


def test_feature_class_a_town_unless_the_text_says_province(linker: Linker) -> None:
    assert _ids(linker, "Hama", LinkContext(SY)) == [6]
    assert _ids(linker, "Hama", LinkContext(SY), admin_hint=True) == [7]


def test_country_of_the_article_chooses(linker: Linker) -> None:
    assert _ids(linker, "Tripoli", LinkContext(frozenset({"LB"}))) == []  # no such name
    assert _ids(linker, "Tarabulus", LinkContext(frozenset({"LB"}))) == [9]
    assert _ids(linker, "Tarabulus", LinkContext(frozenset({"LY"}))) == [8]


def test_population_ranks_namesakes(linker: Linker) -> None:
    q = query("al-Bab")
    ranked = rank(linker.source.lookup(q, SY), q, LinkContext(SY))
    assert [s.feature.geonames_id for s in ranked] == [10, 11]


def test_an_article_gives_its_own_context(linker: Linker) -> None:
    text = "Militants attacked Kafr Salim near Sarmin in Hama province."

    places = [Place(name, Span(0, len(text), text)) for name in ("Kafr Salim", "Sarmin", "Hama")]
    links = {p.place.text: p.geonames_ids for p in linker.link_places(places)}
    assert links == {"Kafr Salim": (3,), "Sarmin": (5,), "Hama": (7,)}  # "Hama province"
