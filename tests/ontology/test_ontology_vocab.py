"""kg/vocab.py is generated from the ontology and up to date."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kg.tools import genvocab
from kg.vocab import KG, KGA, KGEQ


def test_checked_in_vocab_is_up_to_date() -> None:
    """If this fails: python -m kg.tools.genvocab --write"""
    generated = genvocab.render(genvocab.load_sources(genvocab.default_ontology_dir()))
    assert generated == genvocab.default_output().read_text(encoding="utf-8")


def test_terms_resolve() -> None:
    assert KG.Attack == URIRef("https://w3id.org/kg/ontology#Attack")
    assert KG.count == URIRef("https://w3id.org/kg/ontology#count")
    assert KG.UpTo == URIRef("https://w3id.org/kg/ontology#UpTo")
    assert KGEQ.scheme == URIRef("https://w3id.org/kg/equipment#scheme")
    assert KGEQ.PickupTruck == URIRef("https://w3id.org/kg/equipment#PickupTruck")
    assert KGA.TurkistanIslamicParty == URIRef("https://w3id.org/kg/actor#TurkistanIslamicParty")


@pytest.mark.parametrize("typo", ["Atack", "attackers", "Pickup"])
def test_a_typo_raises(typo: str) -> None:
    with pytest.raises(AttributeError):
        getattr(KG, typo)


def test_attributes_carry_the_label_as_comment() -> None:
    text = genvocab.default_output().read_text(encoding="utf-8")
    assert "    Attack: URIRef  # attack\n" in text
    assert "    PickupTruck: URIRef  # pickup truck\n" in text
    assert "    SyrianArabArmy: URIRef  # Syrian Arab Army\n" in text


def test_main_prints_and_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert genvocab.main([]) == 0
    printed = capsys.readouterr().out
    assert printed == genvocab.default_output().read_text(encoding="utf-8")
    out = tmp_path / "vocab.py"
    assert genvocab.main(["--write", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == printed


def test_bad_local_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "kg.ttl").write_text(
        "@prefix kg: <https://w3id.org/kg/ontology#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'kg:class a owl:Class ; rdfs:label "a keyword" .\n',
        encoding="utf-8",
    )
    for other in genvocab.SOURCES[1:]:
        (tmp_path / other).write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="not usable as a Python attribute"):
        genvocab.render(genvocab.load_sources(tmp_path))
