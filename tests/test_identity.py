"""The same attack told by two articles becomes one kg:AttackEvent (kg.identity)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kg.identity import EVENTS_GRAPH, Report, group_reports, same_attack
from kg.pipeline import build
from kg.queries import run_query
from kg.store import open_store
from tests.shared import REPO

D = dt.date(2020, 1, 22)


def report(attack: str, article: str, day: dt.date = D, **kw: object) -> Report:
    r = Report(attack, article, day)
    for k, v in kw.items():
        setattr(r, k, v)
    return r


def test_rule_needs_date_place_and_compatible_sides() -> None:
    a = report("a1", "A", places={"idlib"}, targets={"SAA"})
    assert same_attack(
        a, report("b1", "B", dt.date(2020, 1, 23), places={"idlib"}, targets={"SAA"})
    )
    assert not same_attack(
        a, report("b2", "B", dt.date(2020, 1, 25), places={"idlib"})
    )  # 3 days apart
    assert not same_attack(a, report("b3", "B", places={"aleppo"}))  # no shared place
    assert not same_attack(a, report("b4", "B", places={"idlib"}, targets={"SDF"}))  # other target
    assert not same_attack(a, report("a2", "A", places={"idlib"}))  # same article
    assert not same_attack(a, report("b5", "B", places={"idlib"}, prong=True))  # prong vs whole


def test_an_event_never_takes_two_reports_of_one_article() -> None:
    groups = group_reports(
        [
            report("a1", "A", places={"idlib"}),
            report("a2", "A", places={"idlib"}),
            report("b1", "B", places={"idlib"}),
        ]
    )
    assert len(groups) == 1
    assert sorted(r.article for r in groups[0]) == ["A", "B"]


def test_seeds_retell_one_attack_once(tmp_path: Path) -> None:
    store = tmp_path / "s"
    for _ in range(2):  # rebuilding keeps one event, not two
        build([REPO / "seeds"], store_dir=store, on_error=lambda e: (_ for _ in ()).throw(e))
    with open_store(store, read_only=True) as opened:
        rows = run_query("events", opened).rows
        shared = [r for r in rows if r["reports"] == "2"]
        assert len(rows) == 5
        assert len(shared) == 1
        assert shared[0]["articles"] == "000_619e0e6b1d1d4374;003_a7f512804fc7d667"
        assert "003_a7f512804fc7d667: AttackerSide killed 50" in (shared[0]["accounts"] or "")
        attacks = run_query("attacks", opened).rows
        assert sum(1 for r in attacks if r["event"] == shared[0]["event"]) == 2
        events = {q for *_, q in opened.dataset() if q is not None and str(q) == str(EVENTS_GRAPH)}
        assert events


def test_a_chain_of_days_is_one_event_even_read_day_by_day() -> None:
    # grouping streams by date; an event still gathers reports across a run of days
    day = dt.timedelta(days=1)
    groups = group_reports(
        [
            report("c1", "C", D + 2 * day, places={"idlib"}),
            report("a1", "A", D, places={"idlib"}),
            report("b1", "B", D + day, places={"idlib"}),
            report("d1", "D", D + 4 * day, places={"idlib"}),  # two days after the last: alone
        ]
    )
    assert [[r.attack for r in g] for g in groups] == [["a1", "b1", "c1"]]
