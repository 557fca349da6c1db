"""kg.ontology: actor aliases and equipment terms, as the NLP entity ruler gets them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.ontology import (
    ONTOLOGY_GRAPH,
    ActorEntry,
    EquipmentEntry,
    actor_aliases,
    equipment_types,
    load_ontology,
    load_shapes,
    ontology_dir,
    ontology_graph,
)
from kg.records import ActorKind

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def by_lower_label(entries: Iterable[ActorEntry | EquipmentEntry]) -> dict[str, str]:
    return {label.lower(): e.key for e in entries for label in e.labels}


def by_exact_label(entries: Iterable[ActorEntry | EquipmentEntry]) -> dict[str, str]:
    return {label: e.key for e in entries for label in e.exact_labels}


def test_ontology_dir_holds_the_files() -> None:
    assert ontology_dir().name == "ontology"
    assert {"kg.ttl", "actors.ttl", "shapes.ttl"} <= {p.name for p in ontology_dir().iterdir()}


def test_graphs_are_cached_and_the_copy_is_fresh() -> None:
    assert load_ontology() is load_ontology()
    assert load_shapes() is load_shapes()
    copy = ontology_graph()
    assert copy is not load_ontology()
    assert copy.identifier == URIRef(ONTOLOGY_GRAPH)
    assert len(copy) == len(load_ontology())
    copy.remove((None, None, None))
    assert len(load_ontology()) > 1000


def test_actor_entry() -> None:
    tip = next(a for a in actor_aliases() if a.key == "TurkistanIslamicParty")
    assert tip.iri == URIRef("https://w3id.org/kg/actor#TurkistanIslamicParty")
    assert tip.kind is ActorKind.ARMED_GROUP
    assert tip.pref_label == "Turkistan Islamic Party"
    assert tip.labels[0] == tip.pref_label
    assert "Turkestan Islamic Party" in tip.labels
    assert tip.exact_labels == ("TIP",)
    assert "TIP" not in tip.labels


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("SyrianArabArmy", ActorKind.STATE_FORCE),
        ("RussianDefenceMinistry", ActorKind.GOVERNMENT_BODY),
        ("SANA", ActorKind.MEDIA),
        ("NajiAlMustafa", ActorKind.PERSON),
        ("HayatTahrirAlSham", ActorKind.ARMED_GROUP),
    ],
)
def test_actor_kinds(key: str, kind: ActorKind) -> None:
    assert {a.key: a.kind for a in actor_aliases()}[key] is kind


def test_wikidata_ids() -> None:
    found = {a.key: a.wikidata for a in actor_aliases() if a.wikidata}
    assert found["IslamicState"] == "http://www.wikidata.org/entity/Q2429253"
    assert found["UnitedNations"] == "http://www.wikidata.org/entity/Q1065"


def test_entries_are_sorted_and_fresh_lists() -> None:
    actors = actor_aliases()
    assert [a.key for a in actors] == sorted(a.key for a in actors)
    actors.clear()
    assert actor_aliases()


def test_typographic_apostrophe_variants() -> None:
    labels = by_lower_label(actor_aliases())
    assert labels["russia's defence ministry"] == "RussianDefenceMinistry"
    assert labels["russia\u2019s defence ministry"] == "RussianDefenceMinistry"
    assert labels["hay\u2019at tahrir al-sham"] == "HayatTahrirAlSham"


REQUIRED_ACTOR_ALIASES = {
    "TurkistanIslamicParty": ["Turkistan Islamic Party", "Turkestan Islamic Party"],
    "HayatTahrirAlSham": ["Hayat Tahrir al-Sham", "HTS", "Hay'at Tahrir al-Sham", "Tahrir al-Sham"],
    "NationalLiberationFront": ["National Liberation Front", "NLF"],
    "SyrianArabArmy": [
        "Syrian Arab Army",
        "Syrian army",
        "Syrian troops",
        "government forces",
        "regime forces",
        "Syrian government forces",
        "Syrian soldiers",
        "Syrian regime forces",
    ],
    "RussianDefenceMinistry": [
        "Russian Defence Ministry",
        "Russian Defense Ministry",
        "Russia's Defence Ministry",
        "Russian Ministry of Defence",
    ],
    "RussianReconciliationCenter": [
        "Russian Center for Reconciliation of the Opposing Sides in Syria",
        "Center for the Reconciliation of the Opposing Sides in Syria",
        "Reconciliation Center",
        "Centre for Reconciliation",
        "Center for Reconciliation",
        "Russian Defense Ministry's Center for the Reconciliation of the Opposing Sides in Syria",
    ],
    "SyrianObservatoryForHumanRights": ["Syrian Observatory for Human Rights", "SOHR"],
    "SANA": ["Syrian Arab News Agency", "Syrian state media"],
    "IslamicState": [
        "Islamic State",
        "ISIS",
        "ISIL",
        "Daesh",
        "Islamic State of Iraq and the Levant",
    ],
    "AlShabaab": ["al-Shabaab", "al-Shabab", "Al Shabaab"],
    "BokoHaram": ["Boko Haram"],
    "IslamicStateWestAfricaProvince": ["ISWAP", "Islamic State West Africa Province"],
    "Taliban": ["Taliban"],
    "Houthis": ["Houthis", "Ansar Allah", "Houthi rebels"],
    "SaudiLedCoalition": ["Saudi-led coalition"],
    "TurkishDefenceMinistry": [
        "Turkish Defence Ministry",
        "Turkish Defense Ministry",
        "Turkey's defence ministry",
    ],
    "TurkishArmedForces": ["Turkish Armed Forces"],
    "SyrianDemocraticForces": ["Syrian Democratic Forces", "SDF"],
    "UkrainianArmedForces": ["Ukrainian Armed Forces"],
    "JNIM": ["JNIM"],
    "FreeSyrianArmy": ["Free Syrian Army"],
    "IraqiSecurityForces": ["Iraqi security forces"],
    "AfghanSecurityForces": ["Afghan security forces"],
    "NigerianArmy": ["Nigerian army"],
    "SomaliNationalArmy": ["Somali National Army"],
    "AfricanUnionMissionInSomalia": ["AMISOM", "ATMIS"],
    "PeoplesProtectionUnits": ["Kurdish YPG", "YPG"],
    "WagnerGroup": ["Wagner Group"],
    "UnitedNations": ["United Nations"],
}


@pytest.mark.parametrize(("key", "aliases"), sorted(REQUIRED_ACTOR_ALIASES.items()))
def test_required_actor_aliases(key: str, aliases: list[str]) -> None:
    labels = by_lower_label(actor_aliases())
    assert {alias: labels.get(alias.lower()) for alias in aliases} == dict.fromkeys(aliases, key)


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("IS", "IslamicState"),
        ("TIP", "TurkistanIslamicParty"),
        ("UN", "UnitedNations"),
        ("SANA", "SANA"),
    ],
)
def test_common_words_match_only_in_exact_case(label: str, key: str) -> None:
    assert by_exact_label(actor_aliases())[label] == key
    assert label.lower() not in by_lower_label(actor_aliases())


def duplicates(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for label, key in pairs:
        owners[label].add(key)
    return {label: keys for label, keys in owners.items() if len(keys) > 1}


def all_label_pairs(entries: Iterable[ActorEntry | EquipmentEntry]) -> list[tuple[str, str]]:
    """(lower-cased label, key) for every label, case-insensitive or exact."""
    return [(label.lower(), e.key) for e in entries for label in (*e.labels, *e.exact_labels)]


def test_actor_labels_are_unique() -> None:
    """A label naming two actors is a bug: the ruler could not tell which one is meant."""
    assert duplicates(all_label_pairs(actor_aliases())) == {}


def test_equipment_labels_are_unique() -> None:
    assert duplicates(all_label_pairs(equipment_types())) == {}


def test_no_label_is_both_an_actor_and_equipment() -> None:
    actors = {label for label, _ in all_label_pairs(actor_aliases())}
    equipment = {label for label, _ in all_label_pairs(equipment_types())}
    assert actors & equipment == set()


def test_labels_do_not_repeat_within_an_entry() -> None:
    for entry in [*actor_aliases(), *equipment_types()]:
        labels = [label.lower() for label in (*entry.labels, *entry.exact_labels)]
        assert len(labels) == len(set(labels)), entry.key


REQUIRED_EQUIPMENT = {
    "PickupTruck": ["pickup truck", "pickup trucks", "pickups", "pick-up trucks", "technicals"],
    "Tank": ["tank", "tanks"],
    "InfantryFightingVehicle": [
        "infantry fighting vehicle",
        "infantry fighting vehicles",
        "IFV",
        "BMP",
    ],
    "ArmouredPersonnelCarrier": [
        "armoured personnel carrier",
        "armoured personnel carriers",
        "APC",
        "armored personnel carrier",
        "armored personnel carriers",
    ],
    "JihadMobile": ["jihad-mobile", "jihad-mobiles"],
    "CarBomb": ["car bomb", "car bombs", "VBIED", "vehicle-borne IED", "suicide car bomb"],
    "HeavyMachineGun": ["heavy machine gun", "heavy machine guns"],
    "LargeCaliberMachineGun": [
        "large-caliber machine gun",
        "large-caliber machine guns",
        "large-calibre machine gun",
        "large-calibre machine guns",
    ],
    "Mortar": ["mortar", "mortars"],
    "RocketLauncher": ["rocket launcher", "rocket launchers", "MLRS"],
    "Artillery": ["artillery"],
    "Drone": ["drone", "drones", "UAV", "UAVs"],
    "AntiTankGuidedMissile": ["anti-tank guided missile", "ATGM", "ATGMs"],
    "ImprovisedExplosiveDevice": ["IED", "IEDs", "improvised explosive device"],
    "ArmouredVehicle": ["armoured vehicle", "armored vehicles"],
    "Howitzer": ["howitzer", "howitzers"],
}


@pytest.mark.parametrize(("key", "aliases"), sorted(REQUIRED_EQUIPMENT.items()))
def test_required_equipment_labels(key: str, aliases: list[str]) -> None:
    labels = by_lower_label(equipment_types())
    assert {alias: labels.get(alias.lower()) for alias in aliases} == dict.fromkeys(aliases, key)


def test_equipment_entry() -> None:
    grad = next(e for e in equipment_types() if e.key == "RocketLauncher")
    assert grad.iri == URIRef("https://w3id.org/kg/equipment#RocketLauncher")
    assert grad.pref_label == "rocket launcher"
    assert set(grad.exact_labels) == {"Grad", "Grads"}
    assert "grad" not in {label.lower() for label in grad.labels}


def find(text: str, entries: Iterable[ActorEntry | EquipmentEntry]) -> set[str]:
    """Keys whose labels occur in ``text`` (plain substring search, enough for a check)."""
    lower = text.lower()
    return {e.key for e in entries if any(label.lower() in lower for label in e.labels)}


def test_seed_articles_name_known_actors_and_equipment() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    assert {
        "TurkistanIslamicParty",
        "HayatTahrirAlSham",
        "NationalLiberationFront",
        "SyrianArabArmy",
        "RussianDefenceMinistry",
        "RussianReconciliationCenter",
        "SANA",
        "RussianForeignMinistry",
        "SergeiLavrov",
        "SergeiShoigu",
        "GeirPedersen",
        "NajiAlMustafa",
    } <= find(text, actor_aliases())
    assert {
        "PickupTruck",
        "Tank",
        "InfantryFightingVehicle",
        "JihadMobile",
        "LargeCaliberMachineGun",
        "HeavyMachineGun",
        "Mortar",
        "ArmouredPersonnelCarrier",
        "CarBomb",
    } <= find(text, equipment_types())


def test_entries_are_immutable() -> None:
    entry = actor_aliases()[0]
    with pytest.raises(AttributeError):
        entry.key = "x"  # type: ignore[misc]
