"""Extraction on short texts written for the tests (not copied from any outlet)."""

import datetime as dt

from kg.records import CasualtyKind, PlaceRole, Precision, Qualifier, Side


def per_attack(x):
    """Each attack's figures as (kind, side, value)."""
    return [{(c.kind, c.side, c.quantity.value) for c in a.casualties} for a in x.attacks]


def figures(x):
    return {
        (c.kind, c.side, c.quantity.value, c.quantity.qualifier)
        for a in x.attacks
        for c in a.casualties
    }


def test_active_attack_with_strength_places_and_hedged_casualties(run):
    x = run(
        "On March 3, up to 60 militants attacked government forces in the direction of Kafr Nabl. "
        "Nearly 12 Syrian troops were killed and 20 suffered wounds, the ministry said. "
        "The army said it eliminated at least 30 militants, and up to 45 were wounded."
    )
    assert len(x.attacks) == 1
    a = x.attacks[0]
    assert [p.text for p in a.attackers] == ["militants"]
    assert a.attackers[0].strength is not None
    assert (a.attackers[0].strength.value, a.attackers[0].strength.qualifier) == (
        60,
        Qualifier.UP_TO,
    )
    assert [p.text for p in a.targets] == ["government forces"]
    assert [(p.text, p.role) for p in a.places] == [("Kafr Nabl", PlaceRole.AXIS)]
    assert a.time is not None
    assert a.time.date == dt.date(2020, 3, 3)
    assert a.time.precision is Precision.DAY
    assert figures(x) == {
        (CasualtyKind.KILLED, Side.TARGET, 12, Qualifier.NEARLY),
        (CasualtyKind.WOUNDED, Side.TARGET, 20, Qualifier.EXACT),
        (CasualtyKind.KILLED, Side.ATTACKER, 30, Qualifier.AT_LEAST),
        (CasualtyKind.WOUNDED, Side.ATTACKER, 45, Qualifier.UP_TO),
    }


def test_every_fact_carries_its_sentence(run):
    text = (
        "Some 40 militants attacked army positions near Saraqib on Monday. "
        "Three soldiers were killed."
    )
    x = run(text)
    a = x.attacks[0]
    for span in (
        a.evidence + tuple(c.evidence for c in a.casualties) + tuple(p.evidence for p in a.places)
    ):
        assert text[span.start : span.end] == span.text
    assert a.casualties[0].evidence.text == "Three soldiers were killed."


def test_named_group_is_the_attacker_and_alias_maps_to_one_actor(run):
    x = run(
        "Up to 100 fighters of the Turkestan Islamic "
        "Party attacked Syrian army positions near Saraqib."
    )
    a = x.attacks[0]
    assert a.attackers[0].actor is not None
    assert a.attackers[0].actor.key == "TurkistanIslamicParty"
    assert a.attackers[0].strength is not None
    assert a.attackers[0].strength.value == 100


def test_passive_attack_roles(run):
    x = run("Army positions were attacked by militants near Maarat al-Numan on Tuesday.")
    a = x.attacks[0]
    assert [p.text for p in a.attackers] == ["militants"]
    assert [p.text for p in a.targets] == ["Army"]


def test_possessive_container_and_place_named_as_org(run):
    x = run(
        "Militants attacked government forces in the town of Al-Eis in Syria’s Aleppo province. "
        "Al-Eis has changed hands several times."
    )
    a = x.attacks[0]
    names = [p.text for p in a.places]
    assert "Al-Eis" in names
    assert "Aleppo" in names
    assert "Syria" not in names


def test_dateline_is_a_place_and_a_source(run):
    x = run("DAMASCUS, March 4. /SANA/. Terrorists attacked army posts in Hama countryside.")
    assert x.dateline is not None
    assert x.dateline.text == "DAMASCUS"
    assert all(p.text != "DAMASCUS" for a in x.attacks for p in a.places)


def test_claims_and_denial(run):
    x = run(
        "The Russian Defence Ministry said that militants attacked government forces near Saraqib "
        "on Wednesday, killing 15 Syrian soldiers. A spokesman for the National Liberation Front, "
        "Naji al-Mustafa, said no such attack had taken place."
    )
    assert len(x.attacks) == 1
    a = x.attacks[0]
    assert [c.claimant.key for c in a.claims] == ["RussianDefenceMinistry"]
    assert [d.claimant.key for d in a.denials] == ["NajiAlMustafa"]
    assert a.casualties[0].claim is not None
    assert a.casualties[0].claim.claimant.key == "RussianDefenceMinistry"
    assert a.time is not None
    assert a.time.date == dt.date(2020, 3, 4)


def test_background_strikes_are_not_attacks(run):
    x = run(
        "Thousands of people have fled the area amid heavy airstrikes by Russian and Syrian forces."
    )
    assert x.attacks == ()


def test_two_prongs_of_one_attack(run):
    x = run(
        "Some 300 militants attacked government forces from two directions in Hama. "
        "Up to 100 militants advanced in the direction of Kafr Zita. "
        "Simultaneously, about 200 militants attacked in the direction of Latamina."
    )
    assert len(x.attacks) == 3
    parent = next(a for a in x.attacks if a.parent is None)
    children = [a for a in x.attacks if a.parent == parent.key]
    assert parent.attackers[0].strength.value == 300
    assert sorted(c.attackers[0].strength.value for c in children) == [100, 200]
    assert {c.places[0].text for c in children} == {"Kafr Zita", "Latamina"}


def test_equipment_counts(run):
    x = run(
        "Fifty militants supported by 12 pickup trucks, "
        "one tank and mortars attacked army positions near Hama."
    )
    eq = {(e.type_key, e.count) for p in x.attacks[0].attackers for e in p.equipment}
    assert eq == {("PickupTruck", 12), ("Tank", 1), ("Mortar", None)}


def test_a_toll_with_a_weapon_is_an_attack_and_lists_split_by_side(run):
    x = run(
        "A car bomb exploded outside a police station in the town of Spin Boldak on Tuesday, "
        "killing four policemen and two civilians, officials said. "
        "The Taliban claimed responsibility for the attack."
    )
    assert len(x.attacks) == 1
    a = x.attacks[0]
    assert figures(x) == {
        (CasualtyKind.KILLED, Side.TARGET, 4, Qualifier.EXACT),
        (CasualtyKind.KILLED, Side.CIVILIAN, 2, Qualifier.EXACT),
    }
    assert [p.actor.key for p in a.attackers if p.actor] == ["Taliban"]
    assert a.time is not None
    assert a.time.date == dt.date(2020, 3, 3)


def test_aggregates_and_habits_are_not_attacks(run):
    x = run(
        "The war has killed more than 10,000 people. "
        "Militants regularly attack army posts in the area. "
        "The group has killed more than 300 soldiers since April, according to a Reuters tally."
    )
    assert x.attacks == ()


def test_a_separate_incident_is_a_new_attack(run):
    x = run(
        "Gunmen attacked a checkpoint near Saraqib on Monday, killing three soldiers. "
        "In a separate incident, militants attacked an army post, wounding two soldiers."
    )
    assert len(x.attacks) == 2
    assert {c.quantity.value for a in x.attacks for c in a.casualties} == {3, 2}


def test_others_keep_the_side_of_the_previous_victims(run):
    x = run(
        "A suicide bomber blew himself up in a restaurant in Mogadishu, "
        "killing nine people and wounding 14 others."
    )
    assert (CasualtyKind.WOUNDED, Side.CIVILIAN, 14, Qualifier.EXACT) in figures(x)


def test_kinds_of_attack_come_from_the_ontology_words(run):
    cases = {
        "A US drone strike killed four al-Shabaab fighters near Jilib on Sunday.": ("DroneStrike",),
        "A roadside bomb killed three soldiers near Tarmiyah on Monday.": ("IED",),
        "A suicide bomber blew himself up at a checkpoint in Mogadishu, killing five soldiers.": (
            "SuicideBombing",
        ),
        "Gunmen ambushed an army convoy near Djibo on Wednesday, killing 11 soldiers.": ("Ambush",),
        "Ukrainian troops shelled the outskirts of Gorlovka overnight, killing a civilian.": (
            "Shelling",
        ),
        "Militants attacked army positions near Saraqib on Monday, killing three soldiers.": (
            "GroundAssault",
        ),
    }
    for text, kinds in cases.items():
        x = run(text)
        assert len(x.attacks) == 1, text
        assert x.attacks[0].kinds == kinds, text


def test_every_kind_maps_to_an_acled_type():
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from kg.ontology import attack_types, load_ontology

    graph = load_ontology()
    for kind in attack_types():
        close = list(graph.objects(URIRef(kind.iri), SKOS.closeMatch))
        broad = list(graph.objects(URIRef(kind.iri), SKOS.broadMatch))
        assert close, kind.key
        assert broad, kind.key


def test_clashes_between_two_sides(run):
    x = run(
        "Fierce clashes between Houthi fighters and government "
        "forces near Marib on Sunday killed 14 Houthis."
    )
    a = x.attacks[0]
    assert [p.actor.key for p in a.attackers if p.actor] == ["Houthis"]
    assert [p.text for p in a.targets] == ["government forces"]


def test_an_actor_the_ontology_does_not_list_is_kept_as_written(run):
    x = run(
        "The Ansar al-Wadi Brigade attacked an army checkpoint "
        "near Tal Tamr on Friday, killing two soldiers."
    )
    a = x.attacks[0]
    assert [(p.text, p.actor) for p in a.attackers] == [("Ansar al-Wadi Brigade", None)]
    assert x.attacks[0].casualties[0].side is Side.TARGET


def test_wire_datelines_give_place_and_agency(run):
    x = run(
        "BAGHDAD (Reuters) - A roadside bomb killed three "
        "soldiers north of Baghdad on Monday, the military said."
    )
    assert x.dateline is not None
    assert x.dateline.text == "BAGHDAD"
    assert x.dateline_source is not None
    assert x.dateline_source.key == "Reuters"
    assert all(
        c.claim is None or c.claim.claimant.label != "BAGHDAD"
        for a in x.attacks
        for c in a.casualties
    )
    tass = run("MOSCOW, January 23. /TASS/. Militants attacked government forces in Idlib.")
    assert tass.dateline_source is not None
    assert tass.dateline_source.key == "TASS"


def test_the_repeller_was_attacked(run):
    x = run(
        "Army units on Thursday repelled a large-scale attack "
        "launched by Jabhat al-Nusra terrorists near Kafr Nabouda."
    )
    a = x.attacks[0]
    assert [p.text for p in a.targets] == ["Army units"]
    assert [p.actor.key for p in a.attackers if p.actor] == ["JabhatAlNusra"]


def test_a_strike_by_the_other_side_is_another_attack(run):
    x = run(
        "Jihadists killed seven soldiers in an ambush on a convoy on Monday. "
        "On Tuesday, Nigerian Air Force jets struck ISWAP hideouts, killing dozens of insurgents."
    )
    assert len(x.attacks) == 2
    second = x.attacks[1]
    assert [p.text for p in second.attackers] == ["Nigerian Air Force"]
    assert [p.actor.key for p in second.targets if p.actor] == ["IslamicStateWestAfricaProvince"]


def test_passive_weapon_hits_and_coming_under_fire(run):
    x = run(
        "An army convoy was hit by a roadside bomb near Tarmiyah on Monday, killing three soldiers."
    )
    assert len(x.attacks) == 1
    assert x.attacks[0].kinds == ("IED",)
    y = run(
        "A police patrol came under fire near Kirkuk late on Sunday. Two policemen were wounded."
    )
    assert len(y.attacks) == 1
    assert {(c.kind, c.quantity.value) for c in y.attacks[0].casualties} == {
        (CasualtyKind.WOUNDED, 2)
    }


def test_generic_sources_are_their_own_phrase_and_carriers_name_their_force(run):
    x = run(
        "KABUL (AP) - A roadside bomb tore through a bus in Farah province on Wednesday, killing "
        "34 passengers and wounding 17 others, Afghan officials said."
    )
    a = x.attacks[0]
    assert [c.claimant.label for c in a.claims] == ["Afghan officials"]
    assert (CasualtyKind.WOUNDED, Side.CIVILIAN, 17, Qualifier.EXACT) in figures(x)
    y = run(
        "Saudi-led coalition warplanes carried out air strikes on Houthi "
        "positions in Marib on Friday, killing dozens of Houthi fighters."
    )
    assert [p.actor.key for p in y.attacks[0].attackers if p.actor] == ["SaudiLedCoalition"]
    assert [p.actor.key for p in y.attacks[0].targets if p.actor] == ["Houthis"]


def test_weapons_that_land_tolls_in_lists_and_parts_of_tolls(run):
    x = run(
        "At least seven people died and 15 were hurt when a "
        "rocket slammed into a crowded market in Marib on Monday. "
        "Three children were among the dead."
    )
    assert len(x.attacks) == 1
    assert figures(x) == {
        (CasualtyKind.KILLED, Side.CIVILIAN, 7, Qualifier.AT_LEAST),
        (CasualtyKind.WOUNDED, Side.CIVILIAN, 15, Qualifier.EXACT),
    }
    y = run(
        "Al-Shabaab militants stormed a base in Bulo Marer on Wednesday. "
        "The army said it killed 13 of the attackers, while losing four soldiers."
    )
    assert figures(y) == {
        (CasualtyKind.KILLED, Side.ATTACKER, 13, Qualifier.EXACT),
        (CasualtyKind.KILLED, Side.TARGET, 4, Qualifier.EXACT),
    }


def test_listed_tolls_and_recaptures(run):
    x = run(
        "Syrian troops recaptured the town of Maarat al-Numan after fierce clashes with jihadists. "
        "The Syrian Observatory for Human Rights said 20 "
        "soldiers and 35 militants were killed in the fighting."
    )
    assert len(x.attacks) == 1
    assert x.attacks[0].kinds == ("Capture",)
    assert figures(x) == {
        (CasualtyKind.KILLED, Side.ATTACKER, 20, Qualifier.EXACT),
        (CasualtyKind.KILLED, Side.TARGET, 35, Qualifier.EXACT),
    }


def test_conjoined_attack_nouns_dates_are_not_counts_and_who_was_behind(run):
    x = run(
        "BAMAKO, May 20 (Reuters) - Suspected jihadists killed 42 soldiers in a coordinated drone "
        "and artillery attack on an army base in Tessit on Sunday, the government said. The "
        "Islamic State in the Greater Sahara was believed to be behind the attack."
    )
    a = x.attacks[0]
    assert all(p.strength is None for p in a.attackers)
    assert "IslamicStateGreaterSahara" in {p.actor.key for p in a.attackers if p.actor}
    assert (CasualtyKind.KILLED, Side.TARGET, 42, Qualifier.EXACT) in figures(x)


def test_our_side_and_the_other_sides_strike(run):
    x = run(
        '"Yesterday evening, the enemy opened fire on '
        "our positions near Avdiivka with 120mm mortars. "
        'Two of our servicemen were wounded," the spokesman told a briefing on Thursday.'
    )
    assert [p.text for p in x.attacks[0].attackers] == ["enemy"]
    assert (CasualtyKind.WOUNDED, Side.TARGET, 2, Qualifier.EXACT) in figures(x)
    y = run(
        "Houthi rebels attacked the positions of government forces "
        "in Hajjah province on Saturday, killing eight soldiers. "
        "Coalition jets then pounded Houthi positions in the area, killing at least 20 rebels."
    )
    assert len(y.attacks) == 2
    assert [p.text for p in y.attacks[1].attackers] == ["Coalition jets"]


def test_elided_victims_of_the_next_sentence_and_places_that_only_modify(run):
    x = run(
        "At least 15 members of the security forces were killed when Islamic State militants "
        "ambushed a convoy near the town of Samarra on Monday night. Another 10 were wounded."
    )
    assert (CasualtyKind.WOUNDED, Side.TARGET, 10, Qualifier.EXACT) in figures(x)
    y = run(
        "Two rockets struck near the US embassy in "
        "Baghdad late on Wednesday, causing no casualties."
    )
    assert [p.text for p in y.attacks[0].places] == ["Baghdad"]


def test_incidents_listed_place_by_place_and_distance_references(run):
    x = run(
        "Near Shyrokyne, the occupiers opened fire on the "
        "positions of Ukrainian troops with 82mm mortars. "
        "One serviceman was killed. "
        "Near Pisky, the enemy used a drone to drop a "
        "grenade on a trench held by Ukrainian troops. "
        "Two soldiers were wounded."
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Shyrokyne"], ["Pisky"]]
    assert (CasualtyKind.WOUNDED, Side.TARGET, 2, Qualifier.EXACT) in figures(x)
    y = run(
        "Gunmen ambushed a convoy near Djibo on Wednesday, killing 11 soldiers. Earlier this week, "
        "suspected jihadists raided the village of Pelhoute, about 20 km east of Djibo, killing "
        "four civilians."
    )
    assert len(y.attacks) == 2
    assert [p.text for p in y.attacks[1].places] == ["Pelhoute"]


def test_quoted_neutralized_and_a_lead_that_sums_the_attacks_after_it(run):
    x = run(
        'Turkish security forces "neutralized" nine '
        "terrorists in northern Syria, the ministry said. "
        "On Monday evening, terrorists opened fire on Turkish troops near Ras al-Ain. "
        "Six of the terrorists were neutralized by Turkish commandos who returned fire. "
        "In a separate operation on Tuesday, "
        'a Turkish drone "neutralized" three terrorists in Tal Rifaat.'
    )
    assert sorted(a.places[0].text for a in x.attacks) == ["Ras al-Ain", "Tal Rifaat"]
    assert (CasualtyKind.NEUTRALIZED, Side.TARGET, 3, Qualifier.EXACT) in figures(x)


def test_mortar_shells_landing_inside_a_named_base(run):
    x = run(
        "Late on Monday, several mortar shells landed inside the heavily fortified Halane base "
        "near the airport, a security official said. No casualties were reported."
    )
    assert [p.text for p in x.attacks[0].places] == ["Halane"]


def test_tolls_as_reporters_phrase_them(run):
    x = run(
        "Al-Shabab fighters attacked a military base in Sabiid on Wednesday. "
        "Seventeen militants were killed. Five soldiers lost their lives, the minister said."
    )
    assert (CasualtyKind.KILLED, Side.TARGET, 5, Qualifier.EXACT) in figures(x)
    y = run(
        "Taliban fighters stormed the district centre of Khwaja Omari on Monday. "
        'The Taliban said its fighters had killed 30 "puppet soldiers". '
        '"Eighteen Taliban were killed," the ministry spokesman said.'
    )
    assert {
        (CasualtyKind.KILLED, Side.TARGET, 30, Qualifier.EXACT),
        (CasualtyKind.KILLED, Side.ATTACKER, 18, Qualifier.EXACT),
    } <= figures(y)
    z = run(
        "A suicide bomber blew himself up in Oraiba square in Baghdad on Wednesday. Twenty-five "
        "people were killed in the blast. Nearly 20 civilians, including several children, were "
        'wounded. A local official said the toll was higher, with "more than 30 dead".'
    )
    assert {
        (CasualtyKind.KILLED, Side.CIVILIAN, 25, Qualifier.EXACT),
        (CasualtyKind.WOUNDED, Side.CIVILIAN, 20, Qualifier.NEARLY),
        (CasualtyKind.KILLED, Side.CIVILIAN, 30, Qualifier.MORE_THAN),
    } <= figures(z)


def test_a_toll_told_right_after_a_second_attack_is_its_own(run):
    x = run(
        "A U.S. airstrike killed four al-Shabaab militants near Jilib on Sunday, the command said. "
        "Separately, al-Shabaab fighters attacked an army "
        "outpost in Awdheegle on Monday, the army said. "
        "Seven militants were killed in the fighting, army commander Ahmed Mumin told state radio. "
        "The army put its losses at two."
    )
    assert len(x.attacks) == 2
    second = {(c.kind, c.side, c.quantity.value) for c in x.attacks[1].casualties}
    assert (CasualtyKind.KILLED, Side.ATTACKER, 7) in second
    assert (CasualtyKind.KILLED, Side.TARGET, 2) in second


def test_ranges_before_the_verb_bodies_and_a_villagers_own_people(run):
    x = run(
        "Boko Haram insurgents attacked Kofa village on Sunday night. "
        '"Between 10 and 15 of our people were killed," a community leader said. '
        "A vigilante said 12 bodies were recovered on Monday morning."
    )
    found = {
        (c.kind, c.side, c.quantity.low, c.quantity.high) for a in x.attacks for c in a.casualties
    }
    assert (CasualtyKind.KILLED, Side.CIVILIAN, 10, 15) in found
    assert (CasualtyKind.KILLED, Side.CIVILIAN, 12, 12) in found


def test_a_base_attack_told_by_its_defenders_and_an_earlier_attack_on_the_town(run):
    x = run(
        "ISWAP fighters on Tuesday night attacked an army base in Rann, "
        "killing at least seven soldiers. "
        '"We lost eight of our men. '
        'But we counted 19 bodies of the insurgents," a military source said. '
        "An army spokesman said four soldiers paid the supreme price. "
        "In October, insurgents stormed a humanitarian hub in the town and set it ablaze.",
        date=dt.date(2022, 1, 20),
    )
    assert len(x.attacks) == 2
    assert [p.text for p in x.attacks[0].places] == ["Rann"]
    assert {
        (CasualtyKind.KILLED, Side.TARGET, 8),
        (CasualtyKind.KILLED, Side.ATTACKER, 19),
        (CasualtyKind.KILLED, Side.TARGET, 4),
    } <= {(c.kind, c.side, c.quantity.value) for c in x.attacks[0].casualties}
    assert x.attacks[1].time is not None
    assert x.attacks[1].time.precision is Precision.MONTH


def test_who_planted_the_bomb_and_the_road_between_two_towns(run):
    x = run(
        "Four soldiers were injured on Monday when an explosive device planted by terrorists went "
        "off on the road between Tafas and al-Muzayrib."
    )
    a = x.attacks[0]
    assert [p.text for p in a.attackers] == ["terrorists"]
    assert {p.text for p in a.places} == {"Tafas", "al-Muzayrib"}


def test_shot_dead_by_rebels_of_a_named_group_and_where_the_attackers_went(run):
    x = run(
        "Suspected rebels of the Allied Democratic Forces (ADF) hacked and shot dead at least 16 "
        "civilians in a village overnight, local officials said. "
        "The attackers entered Mantumbi, a farming village near the town of Oicha. "
        "The army spokesman in the Beni region confirmed the attack."
    )
    a = x.attacks[0]
    assert [p.actor.key for p in a.attackers if p.actor] == ["AlliedDemocraticForces"]
    assert (CasualtyKind.KILLED, Side.CIVILIAN, 16, Qualifier.AT_LEAST) in figures(x)
    assert "Mantumbi" in [p.text for p in a.places]
    assert "Beni" not in [p.text for p in a.places]


def test_a_bomber_on_a_road_between_two_towns_and_passers_by(run):
    x = run(
        "Four soldiers were martyred when terrorists attacked a check post in North Waziristan on "
        'Monday night. "Six terrorists were sent to hell," the military said. '
        "Separately, a suicide bomber riding a motorcycle rammed into a police van on the "
        "Bannu-Lakki Marwat road on Monday evening, killing three policemen besides himself. "
        "Two other policemen and three passers-by were injured."
    )
    assert len(x.attacks) == 2
    assert (CasualtyKind.KILLED, Side.ATTACKER, 6) in {
        (c.kind, c.side, c.quantity.value) for c in x.attacks[0].casualties
    }
    bombing = x.attacks[1]
    assert {p.text for p in bombing.places} == {"Bannu", "Lakki Marwat"}
    assert (CasualtyKind.WOUNDED, Side.CIVILIAN, 3) in {
        (c.kind, c.side, c.quantity.value) for c in bombing.casualties
    }


def test_two_bombings_in_one_lead_and_a_blast_named_by_its_town(run):
    x = run(
        "A car bomb exploded at a police checkpoint in Mogadishu and a roadside bomb hit an army "
        "convoy near Afgooye on Sunday, killing at least 11 people in the two attacks. "
        "The car bomb, hidden in a minibus, went off shortly after 8 a.m. "
        '"Three of our officers and four passers-by died on the spot," a police officer said. '
        "Al Shabaab said it had killed 15 soldiers in the Afgooye blast.",
        date=dt.date(2020, 2, 17),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Mogadishu"], ["Afgooye"]]
    first = {(c.kind, c.side, c.quantity.value) for c in x.attacks[0].casualties}
    assert first == {(CasualtyKind.KILLED, Side.TARGET, 3), (CasualtyKind.KILLED, Side.CIVILIAN, 4)}
    assert (CasualtyKind.KILLED, Side.TARGET, 15) in {
        (c.kind, c.side, c.quantity.value) for c in x.attacks[1].casualties
    }
    y = run(
        "Gunmen attacked a checkpoint in Kismayo on Sunday. Hours later, a roadside bomb struck a "
        "convoy near Afgooye.",
        date=dt.date(2020, 2, 17),
    )
    assert [a.time.date if a.time else None for a in y.attacks] == [dt.date(2020, 2, 16)] * 2


def test_the_latest_attack_framing_its_verb_and_tolls_put_by_others(run):
    x = run(
        "In the latest attack, Islamic State fighters on Tuesday ambushed a convoy of buses near "
        "the village of Kabajeb. The official SANA news agency put the toll at nine soldiers "
        'killed. IS said its fighters had killed 25 members of "the regime militias".',
        date=dt.date(2021, 3, 10),
    )
    a = x.attacks[0]
    assert [p.actor.key for p in a.attackers if p.actor] == ["IslamicState"]
    assert {(CasualtyKind.KILLED, Side.TARGET, 9), (CasualtyKind.KILLED, Side.TARGET, 25)} <= {
        (c.kind, c.side, c.quantity.value) for c in a.casualties
    }


def test_a_quote_that_retells_the_attack_and_a_sticky_bomb(run):
    x = run(
        "Taliban fighters stormed a cluster of checkpoints outside Pul-e-Khumri overnight, "
        'officials said. "Between 150 and 200 Taliban attacked four checkpoints in the '
        'Dand-e-Shahabuddin area," a police spokesman said. In Kabul, a sticky bomb attached to a '
        "police pickup truck exploded on Tuesday morning, killing two policemen.",
        date=dt.date(2020, 10, 14),
    )
    assert len(x.attacks) == 2
    assert {p.text for p in x.attacks[0].places} == {"Pul-e-Khumri", "Dand-e-Shahabuddin"}
    assert x.attacks[1].attackers == ()


def test_a_daily_ceasefire_report_incident_by_incident(run):
    x = run(
        "The Ukrainian military shelled the Petrovsky district of Donetsk overnight, wounding "
        "three civilians. On Friday afternoon Ukrainian forces used a drone to drop a grenade on "
        "positions near the village of Zaitsevo north of Gorlovka, killing one defender. The JFO "
        "denied that its troops had opened fire on Trudovskiye. The JFO said occupation forces had "
        "fired grenade launchers at Ukrainian troops near Novoluhanske on Friday, wounding one "
        "serviceman.",
        date=dt.date(2021, 1, 23),
    )
    assert [[p.text for p in a.places][:1] for a in x.attacks] == [
        ["Petrovsky"],
        ["Zaitsevo"],
        ["Novoluhanske"],
    ]
    assert x.attacks[0].time is not None
    assert x.attacks[0].time.date == dt.date(2021, 1, 22)
    assert not any(a.denials for a in x.attacks[1:])
    y = run(
        "The armed formations of Ukraine opened fire from 82mm mortars at the Trudovskiye "
        "settlement on Friday."
    )
    assert [p.text for p in y.attacks[0].places] == ["Trudovskiye"]


def test_a_lead_summing_two_attacks_up_before_the_story_tells_them(run):
    x = run(
        "Suspected jihadists killed 13 villagers in central Mali and a roadside bomb wounded four "
        "UN peacekeepers in the north over the weekend, officials said on Monday. Gunmen on "
        'motorbikes raided the village of Dourou on Saturday evening, a local official said. "We '
        'have buried 13 bodies," the official said. On Sunday, a UN convoy struck an improvised '
        "explosive device near Aguelhok, wounding four Chadian peacekeepers. More than 600 "
        "civilians were killed in the region last year.",
        date=dt.date(2021, 4, 19),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Dourou"], ["Aguelhok"]]
    assert {(c.kind, c.side, c.quantity.value) for c in x.attacks[1].casualties} == {
        (CasualtyKind.WOUNDED, Side.TARGET, 4)
    }


def test_what_has_not_happened_and_what_went_on_for_days(run):
    x = run(
        "Hundreds of M23 rebels seized the town of Mweso on Monday. The army said its troops would "
        "retake their positions. The M23 said it had acted to silence the guns that had been "
        "firing on its positions for days. On Sunday, army fighter jets bombed M23 positions "
        "around Kitshanga, killing nearly 40 rebels. A rebel spokesman said the bombs had hit "
        "homes and killed four civilians.",
        date=dt.date(2023, 3, 14),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Mweso"], ["Kitshanga"]]
    assert (CasualtyKind.KILLED, Side.CIVILIAN, 4) in {
        (c.kind, c.side, c.quantity.value) for c in x.attacks[1].casualties
    }


def test_live_blog_entries(run):
    x = run(
        "Russian forces struck Kramatorsk with four missiles overnight, the city's mayor said. "
        "A 61-year-old man was killed and two people were wounded.\n\n"
        "Over the past day, Russian attacks killed seven civilians and injured 14 in the Donetsk "
        "region, the governor said.",
        date=dt.date(2022, 8, 5),
    )
    assert len(x.attacks) == 1
    a = x.attacks[0]
    assert [p.text for p in a.places] == ["Kramatorsk"]
    assert a.time is not None
    assert a.time.date == dt.date(2022, 8, 4)
    assert {(c.kind, c.side, c.quantity.value) for c in a.casualties} == {
        (CasualtyKind.KILLED, Side.CIVILIAN, 1),
        (CasualtyKind.WOUNDED, Side.CIVILIAN, 2),
    }


def test_a_toll_that_climbs_and_bodies_taken_to_the_morgue(run):
    x = run(
        "The number of villagers killed when gunmen invaded Ropp, a farming community in Plateau "
        "State, on Sunday night has climbed to 31, community leaders said on Tuesday. Fourteen "
        'more corpses were recovered on Tuesday. "More than 40 others are receiving treatment," he '
        'said. "Twenty-three bodies have so far been evacuated to the morgue," the police '
        "spokesman said.",
        date=dt.date(2022, 5, 18),
    )
    assert len(x.attacks) == 1
    a = x.attacks[0]
    assert "Ropp" in [p.text for p in a.places]
    assert {(c.kind, c.side, c.quantity.value) for c in a.casualties} == {
        (CasualtyKind.KILLED, Side.CIVILIAN, 31),
        (CasualtyKind.KILLED, Side.CIVILIAN, 23),
        (CasualtyKind.WOUNDED, Side.CIVILIAN, 40),
    }


def test_an_attack_dated_by_another_and_a_campaign_that_is_none(run):
    x = run(
        "The army said it had beaten back an al-Shabab assault on a military base in Wabho before "
        "dawn on Tuesday. Al-Shabab said its fighters had killed 23 soldiers and briefly overran "
        "the base. The assault came two days after a roadside bomb tore through a minibus on the "
        "road between Balcad and Jowhar on Sunday, killing nine passengers. The group has stepped "
        "up attacks since government forces launched an offensive against it last August. The "
        "government says more than 1,000 militants have been killed in the operations.",
        date=dt.date(2023, 2, 7),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Wabho"], ["Balcad", "Jowhar"]]
    assert [p.actor.key for p in x.attacks[0].attackers if p.actor] == ["AlShabaab"]
    assert (CasualtyKind.KILLED, Side.TARGET, 23) in {
        (c.kind, c.side, c.quantity.value) for c in x.attacks[0].casualties
    }


def test_a_toll_that_rose_with_the_wounded_who_died(run):
    x = run(
        "A suicide attacker detonated explosives among worshippers at Friday prayers in Herat, "
        "killing at least 14 of them. By late Saturday the toll had risen to 19, after five of the "
        "wounded died in hospital. He said 37 other people were still being treated. The group "
        'said the attack had killed or wounded "more than 100 apostates". Separately, gunmen '
        "opened fire on a car on Thursday, killing two aid workers and wounding their driver.",
        date=dt.date(2020, 2, 8),
    )
    assert len(x.attacks) == 2
    assert {(c.kind, c.side, c.quantity.value) for c in x.attacks[0].casualties} == {
        (CasualtyKind.KILLED, Side.CIVILIAN, 14),
        (CasualtyKind.KILLED, Side.CIVILIAN, 19),
        (CasualtyKind.WOUNDED, Side.CIVILIAN, 37),
    }
    assert (CasualtyKind.WOUNDED, 1) in {
        (c.kind, c.quantity.value) for c in x.attacks[1].casualties
    }


def test_a_bomb_then_fire_on_the_reinforcements_minutes_later(run):
    x = run(
        "Islamic State militants detonated a roadside bomb under a patrol of paramilitary fighters "
        "late Monday, officials said. The bomb went off at around 10 p.m. near the village of Abu "
        "Saida in Diyala province. Two fighters in the truck were killed instantly. About 15 "
        "minutes later, gunmen opened fire on a second unit that had arrived to evacuate the "
        "wounded, killing three more fighters. Sleeper cells frequently target security forces "
        "with bombs and hit-and-run raids in Kirkuk.",
        date=dt.date(2022, 3, 15),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [
        ["Abu Saida", "Diyala province"],
        ["Abu Saida", "Diyala province"],
    ]
    assert [a.time.date if a.time else None for a in x.attacks] == [dt.date(2022, 3, 14)] * 2


def test_armed_men_occupy_a_post_and_farmers_beheaded(run):
    x = run(
        "Armed men occupied the administrative post of Mucojo on Tuesday afternoon, local sources "
        "said. At least three residents who had not managed to escape were killed. On Sunday, "
        "insurgents beheaded three farmers in their fields near Nanjua.",
        date=dt.date(2022, 10, 27),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Mucojo"], ["Nanjua"]]
    assert x.attacks[0].attackers[0].text == "Armed men"
    assert [(c.kind, c.side, c.quantity.value) for a in x.attacks for c in a.casualties] == [
        (CasualtyKind.KILLED, Side.CIVILIAN, 3),
        (CasualtyKind.KILLED, Side.CIVILIAN, 3),
    ]


def test_wounded_who_died_later_bring_the_toll_to_nine(run):
    x = run(
        "Seven paramilitary troops died when separatist insurgents stormed their checkpoint in the "
        "Mand area, close to the border with Iran, before dawn Monday. Two of the troops wounded "
        "in the fighting died later, which would bring the death toll among the security forces to "
        "nine. Hours later, a bomb went off as a police van drove past in Quetta, wounding five "
        "policemen and two passers-by.",
        date=dt.date(2021, 6, 21),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Mand"], ["Quetta"]]
    assert {(c.kind, c.side, c.quantity.value) for c in x.attacks[0].casualties} == {
        (CasualtyKind.KILLED, Side.TARGET, 7),
        (CasualtyKind.KILLED, Side.TARGET, 9),
    }
    assert (CasualtyKind.WOUNDED, Side.CIVILIAN, 2) in {
        (c.kind, c.side, c.quantity.value) for c in x.attacks[1].casualties
    }


def test_a_drone_strike_by_the_military_and_bodies_at_the_hospital(run):
    x = run(
        "A drone strike by the Ethiopian military hit a minibus near the town of Mota on Monday "
        "afternoon, killing between 12 and 15 people, residents said. A farmer said he had helped "
        "to bury 12 people. A health worker said the facility had received 17 bodies and treated "
        "more than 20 wounded.",
        date=dt.date(2024, 4, 10),
    )
    a = x.attacks[0]
    assert [p.text for p in a.attackers] == ["Ethiopian military"]
    assert {(c.kind, c.quantity.value) for c in a.casualties} == {
        (CasualtyKind.KILLED, 12),
        (CasualtyKind.KILLED, 17),
        (CasualtyKind.WOUNDED, 20),
    }


def test_a_toll_for_all_the_prongs_goes_to_the_whole_attack(run):
    x = run(
        "Terrorists attacked government troops from two directions in the Idlib de-escalation zone "
        "on Tuesday. Up to 150 militants attacked in the direction of Kafr Nabl. Up to 100 "
        "terrorists with two tanks attacked in the direction of Maarat Harma. All attacks were "
        "repelled. Up to 90 terrorists were killed. Syrian troops lost 12 servicemen killed.",
        date=dt.date(2020, 3, 4),
    )
    whole = next(a for a in x.attacks if a.parent is None)
    assert {(c.kind, c.side, c.quantity.value) for c in whole.casualties} == {
        (CasualtyKind.KILLED, Side.ATTACKER, 90),
        (CasualtyKind.KILLED, Side.TARGET, 12),
    }
    assert all(not a.casualties for a in x.attacks if a.parent is not None)


def test_auxiliaries_and_the_wounded_among_the_defenders(run):
    x = run(
        "The army said it fought off a dawn assault by jihadists on its base at Sebba on Monday, "
        "losing six soldiers and two civilian auxiliaries. It listed 14 wounded among the "
        "defenders.",
        date=dt.date(2023, 6, 20),
    )
    assert {(c.kind, c.side, c.quantity.value) for c in x.attacks[0].casualties} == {
        (CasualtyKind.KILLED, Side.TARGET, 6),
        (CasualtyKind.KILLED, Side.TARGET, 2),
        (CasualtyKind.WOUNDED, Side.TARGET, 14),
    }


def test_a_mortar_round_kills_a_girl_and_injures_her_brothers(run):
    x = run(
        "Warplanes of the Saudi-led coalition bombed a house in Hajjah province late on Sunday, "
        "killing 11 civilians. A health official said nine more people were wounded. Also on "
        "Monday, a mortar round fired from Houthi positions slammed into a residential street in "
        "Taiz, killing a 9-year-old girl and injuring her two brothers.",
        date=dt.date(2019, 11, 26),
    )
    assert len(x.attacks) == 2
    assert (CasualtyKind.WOUNDED, Side.CIVILIAN, 9) in {
        (c.kind, c.side, c.quantity.value) for c in x.attacks[0].casualties
    }
    assert {(c.kind, c.side, c.quantity.value) for c in x.attacks[1].casualties} == {
        (CasualtyKind.KILLED, Side.CIVILIAN, 1),
        (CasualtyKind.WOUNDED, Side.CIVILIAN, 2),
    }


def test_the_number_of_police_killed_brought_to_three(run):
    x = run(
        "Two police officers were killed and five wounded when the police station in Caldono was "
        "attacked overnight with explosives dropped from drones. The governor later said a third "
        "officer had died of his wounds in hospital, bringing the number of police killed in the "
        "attack to three.",
        date=dt.date(2024, 5, 21),
    )
    a = x.attacks[0]
    assert [p.text for p in a.places] == ["Caldono"]
    assert {(c.kind, c.side, c.quantity.value) for c in a.casualties} == {
        (CasualtyKind.KILLED, Side.TARGET, 2),
        (CasualtyKind.WOUNDED, Side.TARGET, 5),
        (CasualtyKind.KILLED, Side.TARGET, 3),
    }


def test_a_daily_count_of_attacks_is_none_of_them(run):
    x = run(
        "Over the past day Russian troops carried out 86 attacks on Kherson region, the governor "
        "said. In the evening the occupiers shelled the centre of Beryslav, hitting a pharmacy.",
        date=dt.date(2023, 11, 14),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Beryslav"]]


def test_also_and_new_positions_start_another_attack(run):
    x = run(
        "Rebels shelled army positions near Kalinovo on Friday, killing a soldier. In its own "
        "report, the army said the rebels had also shelled the positions of a militia near "
        "Troitske on Friday night. Also on Friday, Houthi fighters fired rockets at Marib, "
        "wounding four civilians.",
        date=dt.date(2021, 5, 29),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [
        ["Kalinovo"],
        ["Troitske"],
        ["Marib"],
    ]


def test_a_toll_among_a_side_and_a_toll_that_names_nobody(run):
    x = run(
        "Taliban fighters attacked police checkpoints in Qaisar district late on Monday. The "
        "monitor had earlier put the toll among the police at three, and on Wednesday officials "
        "said the death toll had risen to five.",
        date=dt.date(2020, 9, 30),
    )
    assert {(c.side, c.quantity.value) for c in x.attacks[0].casualties} == {
        (Side.TARGET, 3),
        (Side.TARGET, 5),
    }
    market = run(
        "A car bomb exploded in a crowded market in Sadr City on Thursday. By the evening the "
        "death toll had risen to 25, hospital officials said.",
        date=dt.date(2019, 3, 8),
    )
    assert {(c.side, c.quantity.value) for c in market.attacks[0].casualties} == {
        (Side.CIVILIAN, 25)
    }


def test_a_family_counts_as_one_figure_and_a_subset_is_not_the_figure(run):
    x = run(
        "Barrel bombs hit a street in Khan Sheikhun on Saturday, killing a woman and her two "
        "children. One man was killed and four more, among them two children, were wounded "
        "when a shell hit Jurin on Sunday.",
        date=dt.date(2019, 7, 14),
    )
    assert per_attack(x) == [
        {(CasualtyKind.KILLED, Side.CIVILIAN, 3)},
        {(CasualtyKind.KILLED, Side.CIVILIAN, 1), (CasualtyKind.WOUNDED, Side.CIVILIAN, 4)},
    ]


def test_the_dead_of_a_named_force_and_an_acronym_that_speaks(run):
    x = run(
        "A serviceman of the Lugansk People's Republic (LPR) People's Militia was killed when "
        "Ukrainian troops shelled Kalinovo on Friday, the LPR said. In its own report, the JFO "
        "said separatist forces had shelled Ukrainian positions near Krymske on Friday night. "
        "One Ukrainian serviceman was killed, the JFO said.",
        date=dt.date(2021, 5, 29),
    )
    assert per_attack(x) == [
        {(CasualtyKind.KILLED, Side.TARGET, 1)},
        {(CasualtyKind.KILLED, Side.TARGET, 1)},
    ]
    assert x.attacks[1].casualties[0].claim.claimant.label == "JFO"


def test_a_lede_naming_the_region_is_the_attack_that_tells_its_figures(run):
    x = run(
        "Two Syrian servicemen were killed and three more were wounded when militants shelled "
        "government troops in the south of the Idlib zone, the centre said. Over the past 24 "
        "hours, 34 shelling attacks were registered in Idlib, Latakia and Hama provinces. On "
        "Monday Jabhat al-Nusra militants fired mortars at troops near Hazarin. Two servicemen "
        "were killed and three more received wounds of varying severity. Overnight, militants "
        "fired rockets at Jurin in Hama province, killing a civilian.",
        date=dt.date(2021, 6, 15),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [
        ["Hazarin", "Idlib"],
        ["Jurin", "Hama province"],
    ]
    assert per_attack(x)[0] == {
        (CasualtyKind.KILLED, Side.TARGET, 2),
        (CasualtyKind.WOUNDED, Side.TARGET, 3),
    }


def test_exchanging_fire_and_shooting_at_people_are_attacks(run):
    x = run(
        "Fighters from ISWAP arrived in gun trucks at the base in Marte at around 9 p.m. on "
        "Sunday and exchanged fire with troops for four hours. Shortly after midnight, a second "
        "group of ISWAP fighters entered the town of Dikwa, shooting at residents. Later on "
        "Monday, a drone strike hit fleeing militants near Awdheegle, killing eight fighters.",
        date=dt.date(2021, 4, 12),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [
        ["Marte"],
        ["Dikwa"],
        ["Awdheegle"],
    ]
    y = run(
        "Gunmen raided the village of Mantumbi on Sunday, killing 14 people. Soldiers deployed "
        "nearby exchanged fire with the attackers, killing three of them.",
        date=dt.date(2021, 6, 7),
    )
    assert per_attack(y) == [
        {(CasualtyKind.KILLED, Side.CIVILIAN, 14), (CasualtyKind.KILLED, Side.ATTACKER, 3)}
    ]


def test_a_revised_toll_goes_to_the_attack_it_revises(run):
    x = run(
        "Terrorists attacked the army post of Dioura on Sunday. The army's toll was five dead and "
        "12 wounded on the friendly side. In a second communique, the army said the air force "
        "had tracked a column of the fleeing attackers and struck it near Diafarabe on Sunday "
        'afternoon. "Fourteen terrorists were neutralised," it said. The same communique revised '
        "the toll on the friendly side to seven dead, after two of the seriously wounded died.",
        date=dt.date(2021, 11, 8),
    )
    strike = x.attacks[1]
    assert (CasualtyKind.KILLED, Side.TARGET, 7) in per_attack(x)[0]
    assert per_attack(x)[1] == {(CasualtyKind.NEUTRALIZED, Side.TARGET, 14)}
    assert [a.text for a in strike.attackers] == ["air force"]
    assert [p.text for p in strike.places] == ["Diafarabe"]


def test_a_lede_that_sums_two_attacks_is_neither(run):
    x = run(
        "Islamist militants attacked an army base and a nearby town in Nigeria's Borno state "
        "overnight, killing at least 16 people, sources said on Monday. Fighters from ISWAP "
        'stormed the base in Marte at around 9 p.m. on Sunday. "We lost seven men," one of '
        "the sources said. Shortly after midnight, a second group of ISWAP fighters entered "
        'the town of Dikwa, shooting at residents. "By morning we had counted nine dead," '
        "said a trader in the town.",
        date=dt.date(2021, 4, 12),
    )
    assert [[p.text for p in a.places][:1] for a in x.attacks] == [["Marte"], ["Dikwa"]]
    assert per_attack(x) == [
        {(CasualtyKind.KILLED, Side.TARGET, 7)},
        {(CasualtyKind.KILLED, Side.CIVILIAN, 9)},
    ]


def test_the_dead_named_before_a_relative_clause(run):
    x = run(
        "PKK/YPG terrorists fired mortars at a Turkish base near Mare on Saturday, the ministry "
        "said. Two of the terrorists who took part in the attack were neutralized by troops at "
        "the base who returned fire.",
        date=dt.date(2022, 8, 21),
    )
    assert per_attack(x) == [{(CasualtyKind.NEUTRALIZED, Side.ATTACKER, 2)}]


def test_a_counter_attack_backed_by_air_strikes(run):
    x = run(
        "Hundreds of Taliban fighters overran the centre of Khak-e-Safed district late on "
        "Sunday, killing at least 12 police. On Tuesday a defence ministry spokesman said "
        "commandos backed by air strikes had launched a counter-attack before dawn and "
        "cleared the district centre. Thirty-eight Taliban were killed, he said, while three "
        "commandos were killed.",
        date=dt.date(2018, 10, 16),
    )
    assert len(x.attacks) == 2
    retake = x.attacks[1]
    assert [a.text for a in retake.attackers] == ["commandos"]
    assert per_attack(x)[1] == {
        (CasualtyKind.KILLED, Side.TARGET, 38),
        (CasualtyKind.KILLED, Side.ATTACKER, 3),
    }


def test_tolls_as_sources_word_them(run):
    x = run(
        "Al-Shabab fighters ambushed a convoy of African Union troops near Buulo Mareer on "
        "Sunday. The mission said two of its soldiers had lost their lives and that the troops "
        "had repulsed the attackers, killing more than 20 of them. Al-Shabab said its fighters "
        'had killed 19 "Christian invaders" and that only two mujahideen had been martyred. A '
        "doctor said two civilians were killed and five wounded by stray bullets. A local "
        'source put the soldiers\' toll at "at least 10".',
        date=dt.date(2022, 9, 12),
    )
    assert per_attack(x) == [
        {
            (CasualtyKind.KILLED, Side.TARGET, 2),
            (CasualtyKind.KILLED, Side.ATTACKER, 20),
            (CasualtyKind.KILLED, Side.TARGET, 19),
            (CasualtyKind.KILLED, Side.ATTACKER, 2),
            (CasualtyKind.KILLED, Side.CIVILIAN, 2),
            (CasualtyKind.WOUNDED, Side.CIVILIAN, 5),
            (CasualtyKind.KILLED, Side.TARGET, 10),
        }
    ]


def test_the_number_of_injured_has_risen(run):
    x = run(
        "Four S-300 missiles hit Zaporizhzhia overnight, killing three people. The number of "
        "injured has risen to 18, among them two children, the governor said.",
        date=dt.date(2023, 4, 27),
    )
    assert per_attack(x) == [
        {(CasualtyKind.KILLED, Side.CIVILIAN, 3), (CasualtyKind.WOUNDED, Side.CIVILIAN, 18)}
    ]


def test_accusations_of_continuing_attacks_and_calls_to_stop_are_not_attacks(run):
    x = run(
        "The RSF said it was committed to the truce and accused the army of continuing air and "
        "artillery attacks on its positions. A rights group called on both sides to stop "
        "targeting civilians.",
        date=dt.date(2023, 5, 30),
    )
    assert x.attacks == ()


def test_the_town_of_the_story_not_the_last_place_named(run):
    x = run(
        "ISWAP fighters on Tuesday night attacked an army base in Rann, killing at least seven "
        "soldiers. On Wednesday morning the air force struck the fleeing terrorists near Wulgo, "
        "killing several of them. In October, insurgents stormed a humanitarian hub in the town "
        "and set it ablaze.",
        date=dt.date(2022, 1, 20),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Rann"], ["Wulgo"], ["Rann"]]


def test_an_infiltration_attempt_is_an_attack(run):
    x = run(
        "Army units repelled an attack by terrorist groups on their points near al-Hamamiyat at "
        "dawn on Monday. Late on Sunday a group of 15 terrorists tried to infiltrate from the "
        "direction of Kafr Sajna towards army positions near Kafr Nabouda; nine of them were "
        "killed.",
        date=dt.date(2019, 6, 25),
    )
    assert len(x.attacks) == 2
    assert x.attacks[1].attackers[0].strength.value == 15


def test_a_time_is_not_the_target(run):
    x = run(
        '"On December 2, at around 05:30, up to 200 militants supported by 12 pickup trucks '
        'attacked the positions of Syrian government troops near Umm Jalal," the general said. '
        '"Up to 50 militants were eliminated," he added.',
        date=dt.date(2019, 12, 3),
    )
    a = x.attacks[0]
    assert "militants" not in [t.text for t in a.targets]
    assert per_attack(x) == [{(CasualtyKind.KILLED, Side.ATTACKER, 50)}]


def test_a_retaking_and_a_pursuit_are_attacks_of_their_own(run):
    x = run(
        "Al Shabaab fighters overran the army base in Moqokori on Monday after a car bomb, "
        "killing seven soldiers. By early afternoon, hundreds of clan fighters had retaken the "
        "base, killing 30 militants. On Tuesday army helicopters pursued the attackers as they "
        "withdrew and struck them, neutralising 15.",
        date=dt.date(2022, 11, 29),
    )
    assert [[p.text for p in a.places] for a in x.attacks][:2] == [["Moqokori"], ["Moqokori"]]
    assert len(x.attacks) == 3
    assert per_attack(x)[1] == {(CasualtyKind.KILLED, Side.TARGET, 30)}
    assert per_attack(x)[2] == {(CasualtyKind.NEUTRALIZED, Side.TARGET, 15)}


def test_a_bomber_who_blew_himself_up(run):
    x = run(
        "Jihadists stormed Magumeri on Tuesday. On Wednesday evening a suicide bomber blew "
        "himself up among worshippers at a mosque in Konduga, killing five people.",
        date=dt.date(2021, 11, 18),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Magumeri"], ["Konduga"]]


def test_each_sides_toll_raised_and_those_who_fell(run):
    x = run(
        "Regime forces captured the village of Sukayk on Monday. By Monday evening the monitor had "
        "counted 14 regime fighters and 19 jihadists killed. On Wednesday it raised the regime "
        "toll to 18 and the jihadist toll to 26.",
        date=dt.date(2019, 7, 31),
    )
    assert per_attack(x) == [
        {
            (CasualtyKind.KILLED, Side.ATTACKER, 14),
            (CasualtyKind.KILLED, Side.TARGET, 19),
            (CasualtyKind.KILLED, Side.ATTACKER, 18),
            (CasualtyKind.KILLED, Side.TARGET, 26),
        }
    ]
    y = run(
        'Armed terrorists attacked the VDP post in Pensa at dawn on Thursday. "Six VDP fell '
        'with arms in hand," the communique said.',
        date=dt.date(2023, 3, 18),
    )
    assert per_attack(y) == [{(CasualtyKind.KILLED, Side.TARGET, 6)}]


def test_two_airstrikes_on_hideouts_are_one_raid_not_a_count(run):
    x = run(
        "Early on Sunday, aircraft of the US-led coalition carried out two airstrikes on ISIS "
        "hideouts in the Qarachogh mountains, killing four militants, the ministry said.",
        date=dt.date(2021, 9, 19),
    )
    assert per_attack(x) == [{(CasualtyKind.KILLED, Side.TARGET, 4)}]


def test_members_of_one_family_a_figure_put_at_and_one_more(run):
    x = run(
        "Mortar shells hit the Kaawo Godey neighbourhood on Wednesday. Residents said three "
        "members of one family had died. A policeman later put the figure at four.",
        date=dt.date(2021, 3, 18),
    )
    assert per_attack(x) == [
        {(CasualtyKind.KILLED, Side.CIVILIAN, 3), (CasualtyKind.KILLED, Side.CIVILIAN, 4)}
    ]
    y = run(
        "Gunmen stormed a government compound in Maidan Shahr on Tuesday. Four policemen and a "
        "civilian had been killed, a spokesman said.",
        date=dt.date(2019, 7, 23),
    )
    assert per_attack(y) == [
        {(CasualtyKind.KILLED, Side.TARGET, 4), (CasualtyKind.KILLED, Side.CIVILIAN, 1)}
    ]


def test_citizens_killed_and_five_others_injured(run):
    x = run(
        "Seven citizens, including four children, were killed and five others injured on "
        "Tuesday when warplanes launched two raids on a house in al-Talh, a security official "
        "told Saba.",
        date=dt.date(2019, 3, 13),
    )
    assert per_attack(x) == [
        {(CasualtyKind.KILLED, Side.CIVILIAN, 7), (CasualtyKind.WOUNDED, Side.CIVILIAN, 5)}
    ]


def test_the_dead_of_an_unnamed_side_face_the_killer(run):
    x = run(
        "Late on Sunday, a group of 15 terrorists tried to infiltrate towards a military point "
        "near Kafr Nabouda. The army unit stationed at the point clashed with the group, "
        "killing nine of its members.",
        date=dt.date(2019, 6, 25),
    )
    assert per_attack(x) == [{(CasualtyKind.KILLED, Side.ATTACKER, 9)}]


def test_a_lede_over_a_wide_area_is_the_first_attack_told(run):
    x = run(
        "Suspected jihadists attacked a post of army auxiliaries and a gendarmerie in "
        "northern Mali on Thursday, killing soldiers and volunteers, the army said. "
        "The army post in Boni was the target of an attack at dawn on Thursday. Six soldiers "
        "fell with arms in hand.",
        date=dt.date(2023, 3, 18),
    )
    assert [[p.text for p in a.places] for a in x.attacks] == [["Boni"]]


def test_pushed_back_an_attack_and_a_title_case_headline(run):
    x = run(
        "Taliban Attack On Ab Kamari District Center Repelled\n\nAfghan security forces backed "
        "by air support pushed back a Taliban attack on the center of Ab Kamari district on "
        "Tuesday night, the ministry said. Thirty-one Taliban insurgents were killed.",
        date=dt.date(2019, 10, 9),
    )
    assert len(x.attacks) == 1
    a = x.attacks[0]
    assert [p.text for p in a.attackers] == ["Taliban"]
    assert "Ab Kamari" in [p.text for p in a.places]
    assert per_attack(x) == [{(CasualtyKind.KILLED, Side.ATTACKER, 31)}]


def test_totals_that_mix_sides_are_not_figures(run):
    x = run(
        "Huthi rebels launched a ground assault on loyalist positions in al-Kasara on Saturday. "
        "Medics received the bodies of 17 soldiers killed there, as well as 37 wounded "
        "fighters and civilians. In all, more than 60 fighters from both sides were killed, "
        "officials said. "
        'State media said "more than 30 people" died, without giving a breakdown.',
        date=dt.date(2021, 4, 11),
    )
    assert per_attack(x) == [{(CasualtyKind.KILLED, Side.TARGET, 17)}]


def test_extraction_leaves_nothing_on_the_document(run, nlp):
    from kg.extract import extract
    from kg.records import Article

    doc = nlp("Gunmen attacked a police post in Dikwa on Monday, killing two officers.")
    extract(doc, Article("t", doc.text, dt.date(2021, 4, 12)))
    assert not [k for k in doc.user_data if str(k).startswith("kg_")]


def test_the_bodies_of_n_people_are_a_toll(run):
    x = run(
        "Al-Shabab fighters stormed the Heliwaa police station late on Saturday. A reporter who "
        "visited the station on Sunday saw the bodies of four militants lying near the gate.",
        date=dt.date(2018, 9, 23),
    )
    assert per_attack(x) == [{(CasualtyKind.KILLED, Side.ATTACKER, 4)}]


def test_places_a_lede_sums_up_told_one_by_one(run):
    x = run(
        "A Russian missile struck an apartment block in Zaporizhzhia and shelling hit Kherson "
        "on Wednesday, officials said. In Kherson, Russian forces shelled a bus stop near the "
        "central market on Wednesday afternoon, killing two people.",
        date=dt.date(2023, 2, 16),
    )
    places = [[p.text for p in a.places] for a in x.attacks]
    assert ["Kherson"] in places
    assert len(x.attacks) >= 2


def test_prongs_found_by_their_strengths(run):
    x = run(
        "Up to 300 militants attacked government troops' positions in Idlib from two "
        "directions on Monday evening. A unit of some 120 militants attacked army positions "
        "near Nayrab. At the same time, up to 180 militants advanced on government troops "
        "near Tell Tukan.",
        date=dt.date(2020, 2, 4),
    )
    whole = x.attacks[0]
    prongs = [a for a in x.attacks if a.parent == whole.key]
    assert sorted(p.text for a in prongs for p in a.places) == ["Nayrab", "Tell Tukan"]
