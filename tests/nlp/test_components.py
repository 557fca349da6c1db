"""The project's spaCy components on the real model."""

import spacy

from kg.nlp import ACTORS, EQUIPMENT, load_pipeline
from kg.nlp.components import OntologyRuler
from kg.ontology import actor_aliases, equipment_types


def test_pipeline_has_our_components_in_order():
    nlp = load_pipeline()
    names = nlp.pipe_names
    assert names.index("kg_paragraphs") < names.index("parser")
    assert names[-1] == "kg_actor_ruler"


def test_factories_are_published_as_entry_points():
    from importlib.metadata import entry_points

    eps = {ep.name for ep in entry_points(group="spacy_factories")}
    assert "kg_actor_ruler" in eps


def test_every_alias_in_the_ontology_is_matched_to_its_actor():
    nlp = load_pipeline()
    for entry in actor_aliases():
        for label in entry.labels[:3]:
            doc = nlp(f"Yesterday {label} said nothing.")
            assert any(s.label_ == entry.key for s in doc.spans[ACTORS]), (entry.key, label)


def test_aliases_map_to_one_actor_case_insensitively():
    nlp = load_pipeline()
    doc = nlp(
        "Turkestan Islamic Party and TURKISTAN ISLAMIC PARTY fighters joined HTS and "
        "Hayat Tahrir al-Sham."
    )
    keys = [s.label_ for s in doc.spans[ACTORS]]
    assert keys == [
        "TurkistanIslamicParty",
        "TurkistanIslamicParty",
        "HayatTahrirAlSham",
        "HayatTahrirAlSham",
    ]


def test_equipment_longest_label_wins():
    nlp = load_pipeline()
    doc = nlp("They had 34 pickup trucks with large-caliber machine guns and two tanks.")
    assert [(s.text, s.label_) for s in doc.spans[EQUIPMENT]] == [
        ("pickup trucks", "PickupTruck"),
        ("large-caliber machine guns", "LargeCaliberMachineGun"),
        ("tanks", "Tank"),
    ]


def test_exact_labels_respect_case():
    nlp = spacy.blank("en")
    ruler = OntologyRuler(nlp, actors=[("IslamicState", "IS", True)], equipment=[])
    doc = ruler(nlp("IS fighters attacked."))
    assert [s.label_ for s in doc.spans[ACTORS]] == ["IslamicState"]
    assert list(ruler(nlp("It is what it is.")).spans[ACTORS]) == []


def test_line_breaks_start_sentences():
    nlp = load_pipeline()
    doc = nlp("Attacks in Aleppo\n\nA militant unit attacked the city.")
    assert next(s.text.strip() for s in doc.sents) == "Attacks in Aleppo"


def test_equipment_scheme_is_not_empty():
    assert len(equipment_types()) >= 10
