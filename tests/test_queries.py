"""kg.queries: the stored-query catalogue run on a small hand-built store."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.sparql import prepareQuery

from kg.errors import QueryError
from kg.link.records import ArticleLinks, PlaceLink, PlaceLinks
from kg.queries import (
    PAGE_PARAMS,
    ParamType,
    bind_params,
    list_queries,
    load_query,
    query_text,
    run_query,
)
from kg.rdf import extraction_to_graph, graph_iri, place_iri
from kg.rdf.namespaces import GN, KGA, KGEQ
from kg.records import (
    Actor,
    ActorKind,
    Article,
    Attack,
    Casualties,
    CasualtyKind,
    Claim,
    Equipment,
    Extraction,
    Participant,
    Place,
    PlaceRole,
    Precision,
    Quantity,
    Side,
    Span,
    TimeExpr,
)
from kg.store import EmbeddedStore
from tests.shared import SHARED

GOLD_DIR = SHARED / "eval" / "seeds_gold"  # ../shared beside the repository (tests/shared.py)
SCORER = GOLD_DIR.parent / "score.py"

ID = "https://w3id.org/kg/id/"
CENTER_LABEL = "Russian Center for Reconciliation of the Opposing Sides in Syria"
SOHR_LABEL = "Syrian Observatory for Human Rights"

CENTER = Actor("the Center", ActorKind.GOVERNMENT_BODY, key="RussianReconciliationCenter")
SOHR = Actor(SOHR_LABEL, ActorKind.UNKNOWN)
TURKEY = Actor("Turkish Defence Ministry", ActorKind.GOVERNMENT_BODY)
TIP = Actor("TIP", ActorKind.ARMED_GROUP, key="TurkistanIslamicParty")
GOV = Actor("government forces", ActorKind.STATE_FORCE)


# --------------------------------------------------------------------- the store


def _span(n: int) -> Span:
    """Evidence is not what these tests look at: distinct dummy spans."""
    return Span(n, n + 1, "x")


def _who(text: str, n: int, **kw: Any) -> Participant:
    return Participant(text, _span(n), **kw)


def _figure(
    kind: CasualtyKind, side: Side, value: int, n: int, by: Actor | None = None
) -> Casualties:
    claim = Claim(by, _span(n + 50)) if by else None
    return Casualties(kind, side, Quantity(value), "people", _span(n), claim=claim)


def _day(day: dt.date) -> TimeExpr:
    return TimeExpr(Precision.DAY, day)


ABU_DJREIF_SAMKA = Place("Abu-Djreif-Samka", _span(14), PlaceRole.AXIS)
PARTS = ArticleLinks(
    (
        PlaceLinks(
            ABU_DJREIF_SAMKA,
            (
                PlaceLink("Abu-Djreif", 111, "Abū Juraif", 35.6, 36.7, "P.PPL", 0.9),
                PlaceLink("Samka", 222, "Samka", 35.7, 36.8, "P.PPL", 0.8),
            ),
        ),
    )
)


def _q1() -> Extraction:
    """Three attacks: an overall one with conflicting figures, a prong, a denied one."""
    overall = Attack(
        "1",
        (_span(1),),
        attackers=(_who("militants", 2, strength=Quantity(450)),),
        targets=(_who("government forces", 3, actor=GOV),),
        places=(Place("Idlib", _span(4), within="Syria"),),
        time=_day(dt.date(2020, 1, 22)),
        casualties=(
            _figure(CasualtyKind.KILLED, Side.TARGET, 40, 5, CENTER),
            _figure(CasualtyKind.KILLED, Side.TARGET, 25, 6, SOHR),
            _figure(CasualtyKind.WOUNDED, Side.ATTACKER, 90, 7, CENTER),
            _figure(CasualtyKind.KILLED, Side.CIVILIAN, 3, 8),
        ),
        claims=(Claim(CENTER, _span(9)),),
    )
    equipment = (
        Equipment("PickupTruck", "pickup trucks", 20, _span(11)),
        Equipment("Tank", "tanks", None, _span(12)),
    )
    prong = Attack(
        "2",
        (_span(10),),
        parent="1",
        attackers=(
            _who(
                "Turkistan Islamic Party",
                13,
                actor=TIP,
                strength=Quantity(200),
                equipment=equipment,
            ),
        ),
        places=(ABU_DJREIF_SAMKA,),
        time=_day(dt.date(2020, 1, 22)),
        claims=(Claim(CENTER, _span(9)),),
    )
    denied = Attack(
        "10",
        (_span(20),),
        attackers=(_who("gunmen", 21),),
        targets=(_who("a checkpoint", 22),),
        places=(Place("Aleppo", _span(23)),),
        time=TimeExpr(Precision.WEEK, earliest=dt.date(2020, 1, 13), latest=dt.date(2020, 1, 19)),
        claims=(Claim(SOHR, _span(24)),),
        denials=(Claim(TURKEY, _span(25)),),
    )
    article = Article(id="q1", text="", date=dt.date(2020, 1, 23))
    return Extraction(article, (overall, prong, denied), actors=(CENTER, SOHR, TURKEY, TIP, GOV))


def _q0() -> Extraction:
    attack = Attack(
        "1",
        (_span(1),),
        attackers=(_who("Hurras al-Din fighters", 2),),
        targets=(_who("Syrian army", 3),),
        places=(Place("Saraqib", _span(4)),),
        time=_day(dt.date(2020, 2, 1)),
        casualties=(_figure(CasualtyKind.KILLED, Side.ATTACKER, 5, 5, CENTER),),
    )
    return Extraction(Article(id="q0", text="", date=dt.date(2020, 2, 2)), (attack,))


def _ontology() -> Graph:
    g = Graph()
    g.add((KGA.RussianReconciliationCenter, SKOS.prefLabel, Literal(CENTER_LABEL, lang="en")))
    g.add(
        (KGA.TurkistanIslamicParty, SKOS.prefLabel, Literal("Turkistan Islamic Party", lang="en"))
    )
    g.add(
        (
            KGA.TurkistanIslamicParty,
            SKOS.prefLabel,
            Literal("Parti islamique du Turkestan", lang="fr"),
        )
    )
    g.add((KGEQ.PickupTruck, SKOS.prefLabel, Literal("pickup truck", lang="en")))
    g.add((KGEQ.Tank, SKOS.prefLabel, Literal("tank", lang="en")))
    return g


def _load(
    store: EmbeddedStore,
    x: Extraction,
    extra: Graph | None = None,
    links: ArticleLinks | None = None,
) -> None:
    graph = extraction_to_graph(x, links)
    if extra is not None:
        graph += extra
    store.replace_graph(str(graph_iri(x.article.id)), graph)


@pytest.fixture(scope="module")
def store() -> Iterator[EmbeddedStore]:
    with EmbeddedStore() as s:
        s.load_ontology(_ontology())
        idlib = Graph()
        idlib.add(
            (place_iri(URIRef(ID + "article/q1/attack/1"), 1), GN.geonamesID, Literal("169388"))
        )
        _load(s, _q1(), idlib, PARTS)
        _load(s, _q0())
        yield s


def _event(article: str, key: str) -> str:
    return f"{ID}article/{article}/attack/{key}"


# --------------------------------------------------------------------- the catalogue


def test_catalogue() -> None:
    queries = {q.name: q for q in list_queries()}
    assert set(queries) >= {
        "attacks",
        "casualties_by_actor",
        "claims_and_denials",
        "attacks_at_place",
        "timeline",
    }
    for q in queries.values():
        assert q.purpose
        assert q.path.name == f"{q.name}.rq"
        names = [p.name for p in q.params if p.name not in PAGE_PARAMS]
        for given in _subsets(names):  # every variant is standard SPARQL 1.1 (rdflib's parser)
            text = query_text(q, given, 10, 20)
            prepareQuery(text)
            for name in given:
                assert f"?{name}" in text, (q.name, name)
        assert query_text(q, names) == query_text(q, names, 0, 0)
    assert [(p.name, p.type, p.optional) for p in queries["attacks_at_place"].params] == [
        ("place", ParamType.PLACE, False),
        ("limit", ParamType.INTEGER, True),
        ("offset", ParamType.INTEGER, True),
    ]
    assert [(p.name, p.type, p.optional) for p in queries["timeline"].params][:2] == [
        ("from", ParamType.DATE, False),
        ("to", ParamType.DATE, False),
    ]
    attacks = {p.name: p for p in queries["attacks"].params}
    assert [(p.type, p.optional) for p in attacks.values()][:4] == [
        (ParamType.PLACE, True),
        (ParamType.ACTOR, True),
        (ParamType.DATE, True),
        (ParamType.DATE, True),
    ]
    assert (attacks["limit"].default, attacks["offset"].default) == ("100", "0")


def _subsets(names: list[str]) -> list[tuple[str, ...]]:
    return [
        tuple(n for i, n in enumerate(names) if mask >> i & 1) for mask in range(2 ** len(names))
    ]


def test_unknown_query() -> None:
    with pytest.raises(QueryError, match=r"unknown query 'nope'.*attacks"):
        load_query("nope")
    with pytest.raises(QueryError, match="unknown query"):
        load_query("../queries/attacks")


# --------------------------------------------------------------------- attacks

ATTACK_COLUMNS = [
    "article_id", "event", "parent_event", "date", "places", "geonames", "attackers", "targets",
    "attacker_strength", "equipment", "killed_attackers", "killed_targets", "killed_civilians",
    "wounded_attackers", "wounded_targets", "wounded_civilians", "claimed_by", "disputed_by",
]  # fmt: skip


def _row(article: str, key: str, **values: str) -> dict[str, str | None]:
    row: dict[str, str | None] = dict.fromkeys(ATTACK_COLUMNS)
    row.update(article_id=article, event=_event(article, key), **values)
    return row


ALL_ATTACKS = [("q1", "1"), ("q1", "2"), ("q1", "10"), ("q0", "1")]
"""In kg:listOrder: q1 (published 2020-01-23) before q0 (2020-02-02), each article's
attacks in the order it tells them."""


def test_attacks(store: EmbeddedStore) -> None:
    result = run_query("attacks", store)
    assert result.columns == ATTACK_COLUMNS
    assert result.rows == [
        _row("q1", "1", date="2020-01-22", places="Idlib", geonames="169388",
             attackers="militants", targets="government forces", attacker_strength="450",
             killed_targets="25;40", killed_civilians="3", wounded_attackers="90",
             claimed_by=f"{CENTER_LABEL};{SOHR_LABEL}"),
        _row("q1", "2", parent_event=_event("q1", "1"), date="2020-01-22",
             places="Abu-Djreif-Samka", geonames="111;222", attackers="Turkistan Islamic Party",
             attacker_strength="200", equipment="20 pickup truck;tank", claimed_by=CENTER_LABEL),
        _row("q1", "10", places="Aleppo", attackers="gunmen", targets="a checkpoint",
             claimed_by=SOHR_LABEL, disputed_by="Turkish Defence Ministry"),
        _row("q0", "1", date="2020-02-01", places="Saraqib", attackers="Hurras al-Din fighters",
             targets="Syrian army", killed_attackers="5", claimed_by=CENTER_LABEL),
    ]  # fmt: skip


def test_attacks_show_the_labels_of_the_ontology_kg_build_ran_with() -> None:
    """The names are display values written at build time (kg.rdf.derived), from the
    ontology files: a store without the ontology graph shows the same."""
    with EmbeddedStore() as s:
        _load(s, _q1())
        rows = {r["event"]: r for r in run_query("attacks", s).rows}
    prong = rows[_event("q1", "2")]
    assert prong["equipment"] == "20 pickup truck;tank"
    assert prong["claimed_by"] == CENTER_LABEL


def _events(rows: list[dict[str, str | None]]) -> list[tuple[str, str]]:
    return [
        (e.split("/article/")[1].split("/")[0], e.rsplit("/", 1)[1])
        for e in (r["event"] or "" for r in rows)
    ]


@pytest.mark.parametrize(
    ("params", "events"),
    [
        ({}, ALL_ATTACKS),
        ({"place": "Idlib"}, [("q1", "1"), ("q1", "2")]),  # the prong of an attack in Idlib
        ({"place": "idlib province"}, [("q1", "1"), ("q1", "2")]),  # compared as place_key
        ({"place": "Samka"}, [("q1", "2")]),  # a part of "Abu-Djreif-Samka"
        ({"place": "222"}, [("q1", "2")]),  # the part's GeoNames id
        ({"place": "169388"}, [("q1", "1"), ("q1", "2")]),
        ({"place": "Syria"}, [("q1", "1"), ("q1", "2")]),  # a container
        ({"place": "nowhere"}, []),
        ({"actor": "TIP"}, [("q1", "2")]),  # a case-sensitive alias of a known actor
        ({"actor": "Turkestan Islamic Party"}, [("q1", "2")]),  # another alias
        ({"actor": "tip"}, []),  # "tip" is a word, not the party
        ({"actor": "the Gunmen"}, [("q1", "10")]),  # an unknown actor, as written
        # an alias of the Syrian Arab Army, as is "Syrian army" (both unlinked here)
        ({"actor": "government forces"}, [("q1", "1"), ("q0", "1")]),
        ({"from": "2020-01-19", "to": "2020-01-22"}, [("q1", "1"), ("q1", "2"), ("q1", "10")]),
        ({"from": "2020-01-20", "to": "2020-01-21"}, []),  # between the week and the day
        ({"from": "2020-01-23"}, [("q0", "1")]),  # open-ended periods
        ({"to": "2020-01-13"}, [("q1", "10")]),
        ({"from": "2020-01-01", "to": "2020-02-28", "place": "Aleppo"}, [("q1", "10")]),
        ({"from": "2020-01-22", "actor": "militants", "place": "Idlib"}, [("q1", "1")]),
        ({"limit": "2"}, ALL_ATTACKS[:2]),
        ({"limit": "2", "offset": "2"}, ALL_ATTACKS[2:]),
        ({"offset": "3"}, ALL_ATTACKS[3:]),
        ({"limit": "0"}, ALL_ATTACKS),
        ({"place": "Idlib", "limit": "1", "offset": "1"}, [("q1", "2")]),
    ],
)
def test_attacks_filters_and_pages(
    store: EmbeddedStore, params: dict[str, str], events: list[tuple[str, str]]
) -> None:
    result = run_query("attacks", store, params)
    assert result.columns == ATTACK_COLUMNS  # the parameters are not columns
    assert _events(result.rows) == events


def test_a_filtered_row_is_the_unfiltered_row(store: EmbeddedStore) -> None:
    every = {r["event"]: r for r in run_query("attacks", store).rows}
    for row in run_query("attacks", store, {"place": "Idlib", "from": "2020-01-01"}).rows:
        assert row == every[row["event"]]


@pytest.mark.parametrize("name", ["acled", "attacks", "claims_and_denials", "events"])
def test_pages_put_together_are_the_whole_list(store: EmbeddedStore, name: str) -> None:
    whole = run_query(name, store, {"limit": "0"}).rows
    pages = [run_query(name, store, {"limit": "1", "offset": str(i)}).rows for i in range(6)]
    assert [row for page in pages for row in page] == whole


# --------------------------------------------------------------------- the others


def test_casualties_by_actor(store: EmbeddedStore) -> None:
    result = run_query("casualties_by_actor", store)
    assert result.columns == ["actor", "role", "attacks", "killed", "wounded"]
    assert [tuple(r.values()) for r in result.rows] == [
        ("government forces", "target", "1", "40", "0"),
        ("Hurras al-Din fighters", "attacker", "1", "5", "0"),
        ("Syrian army", "target", "1", "0", "0"),
        ("Turkistan Islamic Party", "attacker", "1", "0", "0"),
        ("a checkpoint", "target", "1", "0", "0"),
        ("gunmen", "attacker", "1", "0", "0"),
        ("militants", "attacker", "1", "0", "90"),
    ]


def test_claims_and_denials(store: EmbeddedStore) -> None:
    result = run_query("claims_and_denials", store)
    assert result.columns == [
        "article_id", "event", "conflict", "side", "kind", "values", "claimed_by", "disputed_by",
    ]  # fmt: skip
    assert result.rows == [
        {"article_id": "q1", "event": _event("q1", "1"), "conflict": "figures", "side": "target",
         "kind": "killed", "values": "25;40", "claimed_by": f"{CENTER_LABEL};{SOHR_LABEL}",
         "disputed_by": None},
        {"article_id": "q1", "event": _event("q1", "10"), "conflict": "denial", "side": None,
         "kind": None, "values": None, "claimed_by": SOHR_LABEL,
         "disputed_by": "Turkish Defence Ministry"},
    ]  # fmt: skip


@pytest.mark.parametrize(
    "place", ["Idlib", "IDLIB", " idlib ", "the Idlib province", "Syria", "169388"]
)
def test_attacks_at_place(store: EmbeddedStore, place: str) -> None:
    result = run_query("attacks_at_place", store, {"place": place})
    assert result.columns == [
        "article_id",
        "event",
        "date",
        "matched",
        "places",
        "attackers",
        "targets",
    ]
    assert [(r["event"], r["matched"], r["places"]) for r in result.rows] == [
        (_event("q1", "1"), "Idlib", "Idlib"),
        (_event("q1", "2"), "Idlib", "Abu-Djreif-Samka"),  # a prong of an attack in Idlib
    ]


@pytest.mark.parametrize(
    ("period", "events"),
    [
        (("2020-01-15", "2020-01-31"), [("q1", "10"), ("q1", "1"), ("q1", "2")]),
        (("2020-01-20", "2020-01-31"), [("q1", "1"), ("q1", "2")]),
        (("2020-02-01", "2020-02-01"), [("q0", "1")]),
        (("2019-01-01", "2019-12-31"), []),
    ],
)
def test_timeline(
    store: EmbeddedStore, period: tuple[str, str], events: list[tuple[str, str]]
) -> None:
    result = run_query("timeline", store, {"from": period[0], "to": period[1]})
    assert [r["event"] for r in result.rows] == [_event(*e) for e in events]


def test_timeline_row(store: EmbeddedStore) -> None:
    (row,) = run_query("timeline", store, {"from": "2020-01-13", "to": "2020-01-13"}).rows
    assert row == {
        "start": "2020-01-13", "article_id": "q1", "event": _event("q1", "10"), "date": None,
        "earliest": "2020-01-13", "latest": "2020-01-19", "precision": "week",
        "places": "Aleppo", "attackers": "gunmen", "targets": "a checkpoint",
    }  # fmt: skip


def test_casualties_by_actor_of_a_place_or_a_period(store: EmbeddedStore) -> None:
    in_idlib = run_query("casualties_by_actor", store, {"place": "Idlib"})
    assert [tuple(r.values()) for r in in_idlib.rows] == [
        ("government forces", "target", "1", "40", "0"),
        ("Turkistan Islamic Party", "attacker", "1", "0", "0"),
        ("militants", "attacker", "1", "0", "90"),
    ]
    in_february = run_query("casualties_by_actor", store, {"from": "2020-02-01"})
    assert [r["actor"] for r in in_february.rows] == ["Hurras al-Din fighters", "Syrian army"]


def test_timeline_filters(store: EmbeddedStore) -> None:
    period = {"from": "2020-01-01", "to": "2020-02-28"}
    assert _events(run_query("timeline", store, period | {"place": "Aleppo"}).rows) == [
        ("q1", "10")
    ]
    assert _events(run_query("timeline", store, period | {"actor": "TIP"}).rows) == [("q1", "2")]
    paged = run_query("timeline", store, period | {"limit": "2", "offset": "1"}).rows
    assert _events(paged) == [("q1", "1"), ("q1", "2")]  # earliest first: the week, the day


def _q2() -> Extraction:
    """Another article's account of q1's attack in Idlib (kg.identity pairs them)."""
    attack = Attack(
        "1",
        (_span(1),),
        attackers=(_who("terrorists", 2),),
        places=(Place("Idlib", _span(3)),),
        time=_day(dt.date(2020, 1, 22)),
        casualties=(_figure(CasualtyKind.KILLED, Side.TARGET, 38, 4, SOHR),),
    )
    return Extraction(Article(id="q2", text="", date=dt.date(2020, 1, 24)), (attack,))


def test_an_attack_told_twice_is_one_event() -> None:
    from kg.identity import link_reports
    from kg.rdf.namespaces import KG, RDF

    with EmbeddedStore() as s:
        for x in (_q1(), _q0(), _q2()):
            _load(s, x)
        (event,) = link_reports(s).subjects(RDF.type, KG.AttackEvent)
        rows = run_query("events", s).rows
        assert [(r["event"], r["reports"], r["articles"], r["date"]) for r in rows] == [
            (str(event), "2", "q1;q2", "2020-01-22"),  # where its first report comes
            (_event("q1", "2"), "1", "q1", "2020-01-22"),
            (_event("q1", "10"), "1", "q1", None),
            (_event("q0", "1"), "1", "q0", "2020-02-01"),
        ]
        assert "q2: TargetSide killed 38" in (rows[0]["accounts"] or "")
        assert [r["event"] for r in run_query("events", s, {"limit": "2", "offset": "1"}).rows] == [
            _event("q1", "2"),
            _event("q1", "10"),
        ]
        attacks = run_query("attacks", s).rows  # reports, not the event itself
        assert [r["event"] for r in attacks] == [
            str(event),
            _event("q1", "2"),
            _event("q1", "10"),
            str(event),
            _event("q0", "1"),
        ]
        assert attacks[1]["parent_event"] == str(event)


# --------------------------------------------------------------------- parameters


def test_parameters_are_values_never_query_text(store: EmbeddedStore) -> None:
    before = store.count_triples()
    evil = 'Idlib"} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    assert run_query("attacks_at_place", store, {"place": evil}).rows == []
    assert run_query("attacks", store, {"actor": evil}).rows == []
    assert store.count_triples() == before
    assert bind_params(load_query("attacks_at_place"), {"place": evil}) == {
        "place": Literal('idlib"} ; drop all ; select * where { ?s ?p ?o } #')
    }


def test_parameters_are_typed() -> None:
    terms = bind_params(load_query("timeline"), {"from": "2020-01-01", "to": "2020-01-31"})
    assert terms["from"] == Literal(dt.date(2020, 1, 1))
    assert terms["from"].datatype == URIRef("http://www.w3.org/2001/XMLSchema#date")


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("attacks", {"colour": "red"}, r"query 'attacks': unknown parameter 'colour'"),
        ("attacks", {"limit": "-1"}, r"query 'attacks': parameter 'limit' must be 0 or more"),
        ("attacks", {"offset": "two"}, r"query 'attacks': parameter 'offset'"),
        ("timeline", {"from": "2020-01-01"}, r"query 'timeline': missing parameter 'to'"),
        (
            "timeline",
            {"from": "2020-13-01", "to": "2020-01-31"},
            r"query 'timeline': parameter 'from'",
        ),
        (
            "timeline",
            {"from": "last week", "to": "2020-01-31"},
            r"query 'timeline': parameter 'from'",
        ),
    ],
)
def test_bad_parameters(
    store: EmbeddedStore, name: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        run_query(name, store, params)


def test_integer_and_iri_parameters(store: EmbeddedStore, tmp_path: Path) -> None:
    (tmp_path / "strong.rq").write_text(
        "# name: strong\n"
        "# purpose: Attackers at least this strong.\n"
        "# param: min integer the least strength\n"
        "# param: attack iri the attack\n"
        "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "SELECT ?min ?attack ?n WHERE { GRAPH ?g { ?attack kg:attacker/kg:strength/kg:value ?n } "
        "FILTER(?n >= ?min) }\n",
        encoding="utf-8",
    )
    query = load_query("strong", tmp_path)
    assert run_query(query, store, {"min": "300", "attack": _event("q1", "1")}).rows == [
        {"n": "450"}
    ]
    assert run_query(query, store, {"min": "300", "attack": _event("q1", "2")}).rows == []
    with pytest.raises(QueryError, match="parameter 'min'"):
        run_query(query, store, {"min": "many", "attack": _event("q1", "1")})
    with pytest.raises(QueryError, match=r"parameter 'attack'.*not an absolute IRI"):
        run_query(query, store, {"min": "1", "attack": "<x> } DROP ALL"})


# --------------------------------------------------------------------- the scorer


def _gold_extraction(path: Path) -> Extraction:
    """A gold annotation turned into the records a perfect extractor would give."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    attacks = tuple(_gold_attack(str(i), a) for i, a in enumerate(gold["attacks"], 1))
    return Extraction(Article(id=path.stem, text=""), attacks)


def _type_key(name: str) -> str:
    """An equipment type's kgeq: local name: "jihad-mobile" -> "JihadMobile"."""
    return "".join(word.capitalize() for word in re.split(r"[\s-]+", name))


def _gold_attack(key: str, a: dict[str, Any]) -> Attack:
    nothing = Span(0, 0, "")
    strength = a["attacker_strength"] and Quantity(a["attacker_strength"]["value"])
    equipment = tuple(
        Equipment(_type_key(e["type"]), e["type"], e["count"], nothing) for e in a["equipment"]
    )
    attackers = tuple(
        Participant(
            name,
            nothing,
            strength=strength if i == 0 else None,
            equipment=equipment if i == 0 else (),
        )
        for i, name in enumerate(a["attacker"])
    )
    figures = tuple(
        Casualties(CasualtyKind(kind), Side(f["side"]), Quantity(f["value"]), "", nothing)
        for kind in ("killed", "wounded")
        for f in a[kind]
    )
    day = a["date"] and dt.date.fromisoformat(a["date"])
    return Attack(
        key,
        (nothing,),
        attackers=attackers,
        targets=tuple(Participant(name, nothing) for name in a["target"]),
        places=tuple(Place(name, nothing) for name in a["places"]),
        time=TimeExpr(Precision.DAY, day) if day else None,
        casualties=figures,
        claims=(Claim(Actor(a["claimed_by"]), nothing),) if a["claimed_by"] else (),
    )


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared evaluation files are not here")
def test_perfect_extraction_scores_perfectly(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("kg_eval_score", SCORER)
    assert spec is not None
    assert spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    with EmbeddedStore() as s:
        for path in sorted(GOLD_DIR.glob("*.json")):
            _load(s, _gold_extraction(path))
        result = run_query("attacks", s)
    out = tmp_path / "attacks.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, result.columns)
        writer.writeheader()
        writer.writerows({k: v or "" for k, v in row.items()} for row in result.rows)
    scores = scorer.score(GOLD_DIR, out)
    assert scores["counts"]["events_tp_fp_fn"][1:] == [0, 0]
    assert scores["events"] == scores["args"] == scores["figures"] == (1.0, 1.0, 1.0)


def test_attacks_at_place_finds_an_attack_known_only_to_the_week(store: EmbeddedStore) -> None:
    """The denied attack at Aleppo has no kg:date; the graph's other attacks have one."""
    rows = run_query("attacks_at_place", store, {"place": "aleppo"}).rows
    assert [(r["event"], r["date"], r["matched"]) for r in rows] == [
        (_event("q1", "10"), None, "Aleppo")
    ]


@pytest.mark.parametrize("query", [q for q in list_queries() if q.params], ids=lambda q: q.name)
def test_every_sub_select_that_uses_a_parameter_projects_it(query: Any) -> None:
    """kg.queries binds the parameters with a VALUES block first in the query and in
    each sub-select that projects them (kg.store.bindings): a sub-select that used a
    parameter without projecting it would see it unbound."""
    names = [p.name for p in query.params if p.name not in PAGE_PARAMS]
    text = query_text(query, names)
    for select in re.finditer(r"SELECT\b", text):
        where = text.index("{", select.end())
        projection, body = text[select.end() : where], _group(text, where)
        for name in names:
            if re.search(rf"\?{name}\b", body) and select.start() > text.index("SELECT"):
                assert re.search(rf"\?{name}\b", projection), (query.name, name, projection)


def _group(text: str, start: int) -> str:
    """The ``{ ... }`` group that opens at ``start``."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start : i + 1]
    raise AssertionError("unbalanced braces")


def test_query_text_keeps_the_lines_of_the_parameters_given(tmp_path: Path) -> None:
    (tmp_path / "q.rq").write_text(
        "# name: q\n"
        "# purpose: Attackers, perhaps some only.\n"
        "# param: min integer? the least strength\n"
        "# param: who string? an attacker\n"
        "# param: limit integer=5 rows\n"
        "# param: offset integer=0 rows to skip\n"
        "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "SELECT ?n WHERE {\n"
        "  GRAPH ?g { ?attack kg:attacker/kg:strength/kg:value ?n }\n"
        "  FILTER(?n >= ?min)  # if: min\n"
        "  # if: who\n"
        "  GRAPH ?g { ?attack kg:attacker/kg:nameKey ?who }\n"
        "  # end\n"
        "} ORDER BY ?n\n"
        "# page\n",
        encoding="utf-8",
    )
    query = load_query("q", tmp_path)
    plain = query_text(query, [], 5)
    assert "?min" not in plain
    assert "?who" not in plain
    assert plain.endswith("ORDER BY ?n\nLIMIT 5\n")
    both = query_text(query, ["min", "who"], 0, 3)
    assert "FILTER(?n >= ?min)" in both
    assert "kg:nameKey ?who" in both
    assert both.endswith("ORDER BY ?n\nOFFSET 3\n")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("SELECT * WHERE { ?s ?p ?o }  # if: nobody\n", "'# if: nobody' names no parameter"),
        ("# if: min\nSELECT * WHERE { ?s ?p ?o }\n", "without its '# end'"),
        ("SELECT * WHERE { ?s ?p ?o }\n# end\n", "an '# end' without its '# if:'"),
        ("SELECT * WHERE { ?s ?p ?o }\n# page\n", "one '# page' line"),
    ],
)
def test_bad_query_bodies(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "bad.rq").write_text(
        "# name: bad\n# purpose: Nothing.\n# param: min integer? a number\n" + body,
        encoding="utf-8",
    )
    with pytest.raises(QueryError, match=re.escape(message)):
        load_query("bad", tmp_path)


def test_a_full_page_says_how_to_get_the_rest(tmp_path: Path) -> None:
    import subprocess
    import sys

    store = tmp_path / "store"
    kg = [sys.executable, "-m", "kg.cli"]
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    subprocess.run(
        [*kg, "build", str(seeds), "--store", str(store)], check=True, capture_output=True
    )
    cut = subprocess.run(
        [*kg, "query", "attacks", "--store", str(store), "--param", "limit=2"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--param offset=2" in cut.stderr
    whole = subprocess.run(
        [*kg, "query", "attacks", "--store", str(store), "--param", "limit=0"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert whole.stderr == ""
