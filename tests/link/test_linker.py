"""Linking names with the Syrian gazetteer: transliterations, compound mentions,
alternatives, and places that must stay unlinked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.link import LinkContext, Linker, open_gazetteer

SYRIA = frozenset({"SY"})
IDLIB, ALEPPO = ("SY", "12"), ("SY", "09")


@pytest.fixture(scope="module")
def linker(syria_gazetteer: Path) -> Iterator[Linker]:
    with open_gazetteer(syria_gazetteer) as gazetteer:
        yield Linker(gazetteer)


def _ids(linker: Linker, text: str, *provinces: tuple[str, str]) -> tuple[int | None, ...]:
    links = linker.link_name(text, LinkContext(SYRIA, frozenset(provinces)))
    return tuple(link.geonames_id for link in links)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Abu-Djreif", (174458,)),  # Abū Jurayf
        ("Maar Shamarin", (167591,)),  # Ma‘arr Shamārīn
        ("Maar Chmârine", (167591,)),
        ("Crati", (166044,)),  # Qarāţī
        ("Maarat al-Numan", (167611,)),  # Ma‘arrat an Nu‘mān
        ("Jisr al-Shughur", (169023,)),
        ("Saraqib", (164816,)),
    ],
)
def test_transliterations_link_in_idlib(linker: Linker, text: str, expected: tuple[int]) -> None:
    assert _ids(linker, text, IDLIB) == expected


def test_compound_mentions_split_into_their_places(linker: Linker) -> None:
    assert _ids(linker, "Abu-Djreif-Samka", IDLIB) == (174458, 4613)
    assert _ids(linker, "Maar Shamarin-Crati", IDLIB) == (167591, 166044)
    parts = linker.link_name("Abu-Djreif-Samka", LinkContext(SYRIA, frozenset({IDLIB})))
    assert [p.text for p in parts] == ["Abu-Djreif", "Samka"]
    assert all(0.5 <= p.confidence <= 1 for p in parts)


def test_hyphenated_single_names_are_not_split(linker: Linker) -> None:
    assert len(_ids(linker, "Maarat al-Numan", IDLIB)) == 1
    assert len(_ids(linker, "Jisr al-Shughur", IDLIB)) == 1
    assert _ids(linker, "Ras al-Ain", ("SY", "01")) == (165509,)
    assert _ids(linker, "Ras al-Ain") == ()  # five namesakes: which one needs a province


def test_alternative_names_and_kind_words(linker: Linker) -> None:
    assert _ids(linker, "Duniq/Dowaibeq", ALEPPO) == _ids(linker, "Duniq", ALEPPO) != ()
    assert _ids(linker, "Teir Maaleh village", ("SY", "11")) == _ids(
        linker, "Teir Maaleh", ("SY", "11")
    )


def test_qualified_names(linker: Linker) -> None:
    west, east = (
        _ids(linker, "Western Ghariyah", ("SY", "06")),
        _ids(linker, "Eastern Ghariyah", ("SY", "06")),
    )
    assert len(west) == len(east) == 1
    assert west != east


def test_unknown_places_stay_unlinked(linker: Linker) -> None:
    assert _ids(linker, "Al-Rashidin", ALEPPO) == ()  # an Aleppo district, not in the gazetteer
    assert _ids(linker, "Xyzzyville", IDLIB) == ()


def test_countries_and_provinces(linker: Linker) -> None:
    assert linker.country_of("Syria") == "SY"
    assert linker.country_of("Idlib") is None
    assert linker.province_of("Idlib Governorate", {"SY"}) == IDLIB
    assert linker.province_of("Deir ez Zor", {"SY"}) == ("SY", "07")
    assert linker.province_of("Saraqib", {"SY"}) is None


def test_threshold(syria_gazetteer: Path) -> None:
    idlib = LinkContext(SYRIA, frozenset({IDLIB}))
    with open_gazetteer(syria_gazetteer) as gazetteer:
        (skik,) = Linker(gazetteer).link_name("Skik", idlib)  # Sukayk, by its Arabic name
        assert skik.geonames_id == 163984
        assert skik.confidence < 0.9
        strict = Linker(gazetteer, threshold=0.9)
        assert strict.link_name("Skik", idlib) == ()
        assert [x.geonames_id for x in strict.link_name("Sukayk", idlib)] == [163984]


@pytest.mark.parametrize(
    ("text", "province", "expected"),
    [
        ("Skik", IDLIB, 163984),  # سكيك: no Latin name of Sukayk has its consonants
        ("Eib", ("SY", "06"), 8042033),  # Ayyub, أيب
        ("Bawabiyah", ALEPPO, 171093),  # Bawwābīyah: the doubled w
        ("Zebdeen", ("SY", "08"), 162584),  # Zabdīn, French "Zebdine"
        ("Al Janna", ("SY", "01"), 169052),  # Al Jannā, not Janā 38 km away
        ("Al Hashimiyah", ("SY", "11"), 11441077),  # Al Hāshimīyah, not Hāshimīyah
    ],
)
def test_arabic_names_spellings_and_doubled_letters(
    linker: Linker, text: str, province: tuple[str, str], expected: int
) -> None:
    assert _ids(linker, text, province) == (expected,)
