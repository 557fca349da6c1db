"""Candidate ranking by context: country, province, distance to the article's other
places, feature class and population; ties stay unlinked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.link import Gazetteer, LinkContext, Linker
from kg.link.normalize import query
from kg.link.rank import ELSEWHERE, confidence, distance_km, elsewhere, prior, rank
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
    (12, "Al Jannā", 36.60, 40.70, "P", "PPL", "SY", "01", 0),  # Hasakah
    (13, "Janā", 36.30, 40.50, "P", "PPL", "SY", "01", 0),  # 38 km away
    (14, "Ra’s al ‘Ayn", 36.85, 40.07, "P", "PPLA2", "SY", "01", 0),  # a district seat
    (15, "Ra’s al ‘Ayn", 36.20, 41.50, "P", "PPL", "SY", "01", 0),
    (16, "Ra’s al ‘Ayn", 35.70, 36.30, "P", "PPLA2", "SY", "12", 0),
    (17, "Ra’s al ‘Ayn", 35.50, 36.80, "P", "PPL", "SY", "12", 0),
    (18, "Ra’s al ‘Ayn", 36.10, 36.50, "P", "PPL", "SY", "12", 0),
    (19, "Ra’s al ‘Ayn", 35.60, 36.40, "P", "PPL", "SY", "12", 0),
    (20, "Qurmuş", 36.00, 36.50, "P", "PPL", "SY", "12", 0),
    (21, "Sūrīyah", 35.00, 38.00, "A", "PCLI", "SY", "00", 22198110),  # its centroid
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


def test_spelling_chooses_between_namesakes_of_one_key(linker: Linker) -> None:
    hasakah = LinkContext(SY, frozenset({("SY", "01")}))
    assert _ids(linker, "Al Janna", hasakah) == [12]  # the article, the doubled n
    assert _ids(linker, "Jana", hasakah) == [13]


def test_a_lone_name_is_as_sure_however_it_is_spelt(linker: Linker) -> None:
    idlib = LinkContext(SY, frozenset({("SY", "12")}))
    (sarmin,) = linker.link_name("Sarmin", idlib)
    (sarmeen,) = linker.link_name("Sarmeen", idlib)  # one key, another spelling
    assert sarmin.geonames_id == sarmeen.geonames_id == 5
    assert sarmeen.confidence == sarmin.confidence > 0.9


def test_every_namesake_makes_a_name_less_sure(linker: Linker) -> None:
    one = linker.link_name("Ras al-Ain", LinkContext(SY, frozenset({("SY", "01")})))
    assert [x.geonames_id for x in one] == [14]  # the seat, over one village
    assert _ids(linker, "Ras al-Ain", LinkContext(SY, frozenset({("SY", "12")}))) == []
    q = query("Ras al-Ain")
    matches = linker.source.lookup(q, SY)
    alone = confidence(rank(matches, q, LinkContext(SY, frozenset({("SY", "01")}))))
    three = confidence(rank(matches, q, LinkContext(SY, frozenset({("SY", "12")}))))
    assert three < linker.threshold < alone


def test_a_village_outside_the_article_provinces_stays_unlinked(linker: Linker) -> None:
    assert _ids(linker, "Qurmus", LinkContext(SY)) == [20]
    assert _ids(linker, "Qurmus", LinkContext(SY, frozenset({("SY", "12")}))) == [20]
    assert _ids(linker, "Qurmus", LinkContext(SY, frozenset({("SY", "09")}))) == []
    assert _ids(linker, "Hama", LinkContext(SY, frozenset({("SY", "09")}))) == [6]  # a city
    city, village = linker.source.feature(6), linker.source.feature(20)
    assert city is not None
    assert village is not None
    assert elsewhere(village) == ELSEWHERE < elsewhere(city)
    assert prior(village) == 1.0 < prior(city)


def test_a_country_is_no_farther_from_the_article_places(linker: Linker) -> None:
    sarmin = (35.90, 36.72)  # 200 km from the centroid of Syria
    context = LinkContext(SY, frozenset({("SY", "12")}), (sarmin,))
    (syria,) = linker.link_name("Suriyah", context)
    assert syria.geonames_id == 21
    assert syria.confidence == 1.0
