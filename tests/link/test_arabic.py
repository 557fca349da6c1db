"""Arabic-script names romanized: their consonant skeleton is the one of the Latin
spellings news uses, so a village known to the gazetteer only in Arabic is found."""

from __future__ import annotations

import pytest

from kg.link.arabic import is_arabic, romanize
from kg.link.normalize import name_key, skeleton


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("أبو جريف", "Abu-Djreif"),  # hamza on alef, و as u, ي as i
        ("معر شمارين", "Maar Shamarin"),  # ‘ayn dropped
        ("طير معلة", "Teir Maaleh"),  # ta marbuta, ط as t
        ("دير الزور", "Deir ez-Zor"),  # the article
        ("الشيخ عيسى", "Ash Shaykh Isa"),  # alef maqsura, خ as kh
        ("خربة شرقية", "Khirbat Sharqiyah"),
        ("وادي الشعبة", "Wadi ash Shubah"),  # و as w at the start of a word
        ("حلفايا", "Halfaya"),
        ("تل ابو راسين", "Tall Abu Rasayn"),
        ("چلپارات طي", "Chulparat Tayy"),  # Persian and Kurdish letters
    ],
)
def test_romanized_arabic_meets_the_latin_spelling(arabic: str, latin: str) -> None:
    assert skeleton(romanize(arabic)) == skeleton(latin)


def test_romanize_writes_long_vowels_and_no_short_ones() -> None:
    assert romanize("أبو جريف") == "abu jrif"
    assert romanize("الرقة") == "al rqah"
    assert romanize("صَعدة") == "sdah"  # the fatha goes with the other marks
    assert name_key(romanize("الرقة")) == "rka"


def test_different_places_keep_different_skeletons() -> None:
    assert skeleton(romanize("إدلب")) != skeleton(romanize("حلب"))  # Idlib, Aleppo
    assert skeleton(romanize("سراقب")) != skeleton("Sarmin")  # Saraqib


def test_script() -> None:
    assert is_arabic("أبو جريف")
    assert is_arabic("چلپارات")
    assert not is_arabic("Abū Jurayf")
    assert not is_arabic("Идлиб")
