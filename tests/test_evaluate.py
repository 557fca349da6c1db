"""kg.evaluate and ``kg eval``: the scores agree with ../shared/eval/score.py, the
neutralized query, and the command end to end on the seeds."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from kg.cli import main
from kg.evaluate import (
    Counts,
    EvalReport,
    GoldEvent,
    PredEvent,
    gold_event,
    load_gold,
    pred_events,
    pred_neutralized,
    score_rows,
    similarity,
    slot_counts,
)
from kg.ontology import load_ontology
from kg.queries import run_query
from kg.rdf import extraction_to_graph, graph_iri
from kg.records import (
    Article,
    Attack,
    Casualties,
    CasualtyKind,
    Extraction,
    Participant,
    Place,
    Quantity,
    Side,
    Span,
)
from kg.store import EmbeddedStore
from tests.shared import REPO, scorer, shared

DEV_GOLD = REPO / "tests" / "data" / "dev_gold"

COLUMNS = [
    "article_id", "event", "parent_event", "date", "places", "geonames", "attackers", "targets",
    "attacker_strength", "equipment", "killed_attackers", "killed_targets", "killed_civilians",
    "wounded_attackers", "wounded_targets", "wounded_civilians", "claimed_by", "disputed_by",
]  # fmt: skip
SIDES = {"attacker": "attackers", "target": "targets", "civilian": "civilians"}

Row = dict[str, str | None]


# --------------------------------------------------------------------- gold and rows


def _attack(
    places: list[str],
    attacker: list[str],
    target: list[str],
    *,
    date: str | None = "2020-01-22",
    strength: int | None = None,
    killed: Sequence[tuple[str, int | None]] = (),
    wounded: Sequence[tuple[str, int | None]] = (),
    neutralized: Sequence[tuple[str, int | None]] | None = None,
) -> dict[str, Any]:
    def figures(pairs: Sequence[tuple[str, int | None]]) -> list[dict[str, Any]]:
        return [{"side": s, "value": v, "qualifier": "exact"} for s, v in pairs]

    attack: dict[str, Any] = {
        "summary": "",
        "date": date,
        "date_precision": "day" if date else "unknown",
        "places": places,
        "attacker": attacker,
        "target": target,
        "attacker_strength": None
        if strength is None
        else {"value": strength, "qualifier": "up to"},
        "equipment": [],
        "killed": figures(killed),
        "wounded": figures(wounded),
        "claimed_by": None,
        "disputed_by": None,
    }
    if neutralized is not None:
        attack["neutralized"] = figures(neutralized)
    return attack


SYNTHETIC = {
    "a1": [
        _attack(
            ["Syria", "Idlib"],
            ["Turkistan Islamic Party"],
            ["government forces"],
            strength=450,
            killed=[("target", 40), ("attacker", 50)],
            wounded=[("target", 80), ("unknown", 3), ("civilian", None)],
            neutralized=[("attacker", 6)],
        ),
        _attack(
            ["Aleppo", "Al-Rashidin"],
            ["militants"],
            ["Syrian troops"],
            date="2020-01-21",
            killed=[("attacker", 7), ("target", 2)],
            neutralized=[],
        ),
    ],
    "a2": [
        _attack(
            ["Kafr Nabudah"],
            ["Hayat Tahrir al-Sham"],
            ["regime forces"],
            date=None,
            killed=[("target", 14), ("attacker", 9)],
            wounded=[("civilian", 4)],
        )
    ],
    "a3": [],
}


@pytest.fixture(scope="module")
def synthetic_gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gold")
    for article, attacks in SYNTHETIC.items():
        doc = {"source_url": None, "publication_date": "2020-01-23", "attacks": attacks}
        (root / f"{article}.json").write_text(json.dumps(doc), encoding="utf-8")
    (root / "notes.txt").write_text("not gold", encoding="utf-8")
    return root


def perfect_rows(gold_dir: Path) -> list[Row]:
    """One attacks-query row per gold attack, as if the extraction were perfect."""
    rows = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for k, a in enumerate(gold["attacks"], 1):
            row: Row = dict.fromkeys(COLUMNS)
            row.update(
                article_id=path.stem,
                event=f"https://w3id.org/kg/id/article/{path.stem}/attack/{k}",
                date=a["date"],
                places=";".join(a["places"]) or None,
                attackers=";".join(a["attacker"]) or None,
                targets=";".join(a["target"]) or None,
                attacker_strength=_text((a["attacker_strength"] or {}).get("value")),
            )
            for kind in ("killed", "wounded"):
                for side, plural in SIDES.items():
                    values = [str(f["value"]) for f in a[kind] if f["side"] == side and f["value"]]
                    row[f"{kind}_{plural}"] = ";".join(values) or None
            rows.append(row)
    return rows


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _mutate(rows: list[Row], seed: int, articles: list[str]) -> list[Row]:
    """A seeded mess of the rows: dropped, split, renamed, joined, blanked, invented."""
    rng = random.Random(seed)
    out: list[Row] = []
    for row in rows:
        row = dict(row)
        roll = rng.random()
        if roll < 0.12:
            continue  # missed attack
        for column in ("places", "attackers", "targets"):
            if row[column] and rng.random() < 0.3:
                parts = row[column].split(";")
                choice = rng.choice(["typo", "drop", "extra", "the", "case"])
                if choice == "typo":
                    parts[0] = parts[0][:-1] + "x"
                elif choice == "drop":
                    parts = parts[1:]
                elif choice == "extra":
                    parts.append(rng.choice(["Aleppo", "militants", "Hama", "police", "the army"]))
                elif choice == "the":
                    parts[0] = f"the {parts[0]}"
                else:
                    parts[0] = parts[0].upper()
                row[column] = ";".join(parts) or None
        for column in COLUMNS[10:16]:
            if rng.random() < 0.15:
                row[column] = rng.choice([None, "3", "12;30", "x", "40", ""])
        if rng.random() < 0.15:
            row["attacker_strength"] = rng.choice([None, "", "200", "abc", "50;450", "0"])
        if rng.random() < 0.15:
            row["date"] = rng.choice([None, "", "2020-01-21", f"{row['date']}T21:00:00"])
        if rng.random() < 0.1:
            row["event"] = rng.choice([None, ""])
        if rng.random() < 0.1:
            row["article_id"] = f"{row['article_id']};{rng.choice(articles)}"
        if rng.random() < 0.2:  # the same event on two rows, the second with other values
            second = dict(row)
            second["places"] = rng.choice([None, "Aleppo", "Idlib;Sarmin"])
            second["killed_targets"] = rng.choice([None, "40", "7"])
            out.append(second)
        out.append(row)
        if rng.random() < 0.1:  # a spurious attack
            extra = dict.fromkeys(COLUMNS)
            extra.update(
                article_id=rng.choice([*articles, "not_in_gold"]),
                event=f"spurious/{len(out)}",
                places=rng.choice(["Aleppo", "Kabul", None]),
                killed_civilians=rng.choice(["4", None]),
            )
            out.append(extra)
    rng.shuffle(out)
    return out


# --------------------------------------------------------------------- agreement


def _reference(gold_dir: Path, rows: list[Row], tmp_path: Path) -> dict[str, Any]:
    """What score.py says about ``rows`` written as the attacks query's CSV."""
    pred = tmp_path / "pred.csv"
    with pred.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    result: dict[str, Any] = scorer().score(gold_dir, pred)
    return result


def _assert_agrees(report: EvalReport, reference: dict[str, Any]) -> None:
    for name in ("events", "args", "figures"):
        total = report.total(name)
        assert [total.tp, total.fp, total.fn] == reference["counts"][f"{name}_tp_fp_fn"], name
        assert (total.precision, total.recall, total.f1) == tuple(reference[name]), name


def _scenarios(gold_dir: Path) -> dict[str, list[Row]]:
    rows = perfect_rows(gold_dir)
    articles = sorted({r["article_id"] or "" for r in rows})
    partial = [dict(r) for r in rows[::2]]
    for row in partial:
        row["places"] = None
        row["killed_targets"] = "999"
    return {
        "perfect": rows,
        "empty": [],
        "partial": partial,
        "reversed": rows[::-1],
        **{f"mutated-{seed}": _mutate(rows, seed, articles) for seed in range(12)},
    }


@pytest.mark.parametrize("scenario", ["perfect", "empty", "partial", "reversed"])
@pytest.mark.parametrize("gold", ["synthetic", "seeds", "dev"])
def test_agrees_with_the_reference_scorer(
    gold: str, scenario: str, synthetic_gold: Path, tmp_path: Path
) -> None:
    gold_dir = {"synthetic": synthetic_gold, "dev": DEV_GOLD}.get(gold) or shared(
        "eval", "seeds_gold"
    )
    rows = _scenarios(gold_dir)[scenario]
    _assert_agrees(score_rows(gold_dir, rows), _reference(gold_dir, rows, tmp_path))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("gold", ["synthetic", "dev"])
def test_agrees_on_messy_predictions(
    gold: str, seed: int, synthetic_gold: Path, tmp_path: Path
) -> None:
    gold_dir = synthetic_gold if gold == "synthetic" else DEV_GOLD
    rows = _scenarios(gold_dir)[f"mutated-{seed}"]
    _assert_agrees(score_rows(gold_dir, rows), _reference(gold_dir, rows, tmp_path))


def test_perfect_and_empty_predictions(synthetic_gold: Path) -> None:
    for gold_dir in (synthetic_gold, DEV_GOLD):
        perfect = score_rows(gold_dir, perfect_rows(gold_dir))
        for name in ("events", "args", "figures"):
            assert perfect.total(name).f1 == 1.0, (gold_dir, name)
        empty = score_rows(gold_dir, [])
        for name in ("events", "args", "figures"):
            total = empty.total(name)
            assert (total.tp, total.fp, total.f1) == (0, 0, 0.0)
            assert total.fn > 0
        assert all(a.pred_events == 0 for a in empty.articles)


def test_joined_article_id_scores_the_attack_once_per_article(
    synthetic_gold: Path, tmp_path: Path
) -> None:
    row: Row = dict.fromkeys(COLUMNS)
    row.update(
        article_id="a1;a2",
        event="shared/1",
        places="Idlib;Kafr Nabudah",
        attackers="Hayat Tahrir al-Sham",
        killed_targets="40;14",
        killed_attackers="9",
    )
    report = score_rows(synthetic_gold, [row])
    by_id = {a.article_id: a for a in report.articles}
    assert (by_id["a1"].pred_events, by_id["a2"].pred_events, by_id["a3"].pred_events) == (1, 1, 0)
    assert by_id["a1"].events == Counts(1, 0, 1)
    assert by_id["a2"].events == Counts(1, 0, 0)
    assert by_id["a2"].figures == Counts(2, 1, 1)  # 14, 9 right; 40 spurious; civilian 4 missed
    _assert_agrees(report, _reference(synthetic_gold, [row], tmp_path))


def test_rows_of_one_event_merge(synthetic_gold: Path) -> None:
    first: Row = dict.fromkeys(COLUMNS)
    first.update(article_id="a2", event="e", places="Kafr Nabudah", killed_targets="14")
    second = dict(first, places="kafr nabudah;Hama", killed_targets=None, killed_attackers="9")
    events = pred_events([first, second])["a2"]
    assert len(events) == 1
    assert events[0].places == ["Kafr Nabudah", "Hama"]
    assert events[0].numbers == {("target", "killed", 14), ("attacker", "killed", 9)}


def test_predicted_articles_without_gold_are_not_scored(synthetic_gold: Path) -> None:
    stray: Row = dict.fromkeys(COLUMNS)
    stray.update(article_id="zz", event="zz/1", places="Aleppo", killed_civilians="3")
    report = score_rows(synthetic_gold, [*perfect_rows(synthetic_gold), stray])
    assert report.unscored == ["zz"]
    assert [a.article_id for a in report.articles] == ["a1", "a2", "a3"]
    assert report.total("events") == Counts(3, 0, 0)
    assert "1 predicted articles without gold (not scored)" in report.text()


def test_gold_event_and_slots() -> None:
    gold = gold_event(SYNTHETIC["a1"][0])
    assert gold.strength == 450
    assert gold.numbers == {
        ("target", "killed", 40),
        ("attacker", "killed", 50),
        ("target", "wounded", 80),
    }  # the unknown side and the null value are not scored
    assert gold.neutralized == {("attacker", "neutralized", 6)}
    assert gold_event(SYNTHETIC["a2"][0]).neutralized is None
    pred = PredEvent("a1", "e", places=["Idlib"], strength=450, date="2020-01-22")
    assert similarity(gold, pred) == 2 + 1 + 0.5
    assert slot_counts(gold, pred) == Counts(3, 0, 1 + 1 + 1 + 3)  # Syria, names, figures
    assert slot_counts(gold, None) == Counts(0, 0, 2 + 1 + 1 + 1 + 1 + 3)
    assert slot_counts(None, pred) == Counts(0, 3, 0)
    assert slot_counts(GoldEvent(), PredEvent("a", "e")) == Counts()


def test_bad_gold_file(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"attacks": [{"places": []}]}', encoding="utf-8")
    with pytest.raises(Exception, match=r"x\.json: not a gold annotation"):
        load_gold(tmp_path)
    (tmp_path / "x.json").write_text("{", encoding="utf-8")
    with pytest.raises(Exception, match=r"x\.json: not JSON"):
        load_gold(tmp_path)


# --------------------------------------------------------------------- neutralized


def _neutralized_row(article: str, side: str | None, value: str | None) -> Row:
    return {"article_id": article, "event": f"{article}/1", "side": side, "value": value}


def test_neutralized_scored_only_when_the_gold_has_it(synthetic_gold: Path) -> None:
    rows = perfect_rows(synthetic_gold)
    neutralized = [
        _neutralized_row("a1", "attacker", "6"),
        _neutralized_row("a1", "target", "6"),
        _neutralized_row("a1", "unknown", "9"),  # not a scored side
        _neutralized_row("a2;a1", "AttackerSide", "6"),
        _neutralized_row("a2", "target", None),  # no number
    ]
    report = score_rows(synthetic_gold, rows, neutralized)
    assert report.neutralized_scored
    assert report.total("neutralized") == Counts(1, 2, 0)
    by_id = {a.article_id: a.neutralized for a in report.articles}
    assert by_id == {"a1": Counts(1, 1, 0), "a2": Counts(0, 1, 0), "a3": Counts()}
    assert "neutralized P=0.33 R=1.00 F1=0.50  tp=1 fp=2 fn=0" in report.text()
    assert "neutralized" in report.as_dict()
    assert not score_rows(synthetic_gold, rows).neutralized_scored  # no predicted rows given

    seeds = shared("eval", "seeds_gold")
    assert not score_rows(seeds, perfect_rows(seeds), neutralized).neutralized_scored
    assert "neutralized" not in score_rows(seeds, []).as_dict()


def test_pred_neutralized() -> None:
    rows = [_neutralized_row("a;b", "civilian", "4"), _neutralized_row("a", "CivilianSide", "4")]
    assert pred_neutralized(rows) == {
        "a": {("civilian", "neutralized", 4)},
        "b": {("civilian", "neutralized", 4)},
    }


@pytest.fixture(scope="module")
def neutralized_store() -> Iterator[EmbeddedStore]:
    def figure(kind: CasualtyKind, side: Side, value: int | None, n: int) -> Casualties:
        return Casualties(
            kind, side, Quantity(value, text=str(value)), "terrorists", Span(n, n + 1, "x")
        )

    attack = Attack(
        "1",
        (Span(0, 1, "x"),),
        attackers=(Participant("Turkish troops", Span(1, 2, "x")),),
        places=(Place("Ras al-Ain", Span(2, 3, "x")),),
        casualties=(
            figure(CasualtyKind.NEUTRALIZED, Side.ATTACKER, 6, 10),
            figure(CasualtyKind.NEUTRALIZED, Side.UNKNOWN, 3, 11),
            figure(CasualtyKind.KILLED, Side.TARGET, 1, 12),
        ),
    )
    article = Article(id="n1", text="", date=dt.date(2021, 10, 19))
    graph = extraction_to_graph(Extraction(article, (attack,)))
    with EmbeddedStore() as store:
        store.load_ontology(load_ontology())
        store.replace_graph(str(graph_iri("n1")), graph)
        yield store


def test_neutralized_query(neutralized_store: EmbeddedStore) -> None:
    result = run_query("neutralized", neutralized_store)
    assert result.columns == ["article_id", "event", "side", "value", "hedge"]
    event = "https://w3id.org/kg/id/article/n1/attack/1"
    assert [(r["article_id"], r["event"], r["side"], r["value"]) for r in result.rows] == [
        ("n1", event, "attacker", "6"),
        ("n1", event, "unknown", "3"),
    ]
    assert pred_neutralized(result.rows) == {"n1": {("attacker", "neutralized", 6)}}


# --------------------------------------------------------------------- kg eval


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``kg ARGV...`` in process: (exit status, stdout, stderr)."""
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse: --help, usage errors
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.slow
def test_eval_seeds_scores_perfectly(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "eval", str(shared("eval", "seeds_gold")), str(REPO / "seeds"))
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["article", "gold", "pred"]
    assert any(line.startswith("000_619e0e6b1d1d4374") for line in lines)
    assert "events      P=1.00 R=1.00 F1=1.00  tp=6 fp=0 fn=0" in lines
    assert any(line.startswith("figures     P=1.00 R=1.00 F1=1.00") for line in lines)
    assert not any(line.startswith("neutralized") for line in lines)  # not in the seeds' gold
    assert "2 articles, 6 attacks" in err


@pytest.mark.slow
def test_eval_json_and_kept_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    store = tmp_path / "store"
    gold = str(shared("eval", "seeds_gold"))
    status, out, err = run(
        capsys, "eval", gold, str(REPO / "seeds"), "--json", "--store", str(store)
    )
    assert status == 0, err
    result = json.loads(out)
    assert result["events"]["f1"] == 1.0
    assert result["figures"]["f1"] == 1.0
    assert [a["article_id"] for a in result["articles"]] == [
        "000_619e0e6b1d1d4374",
        "003_a7f512804fc7d667",
    ]
    assert result["unscored_articles"] == []
    assert result["build"]["errors"] == 0
    assert store.is_dir()


@pytest.mark.slow
def test_eval_an_input_that_fails_to_build_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    gold = str(shared("eval", "seeds_gold"))
    status, out, err = run(capsys, "eval", gold, str(REPO / "seeds"), str(tmp_path / "empty.txt"))
    assert status == 1
    assert "error: " in err
    assert "empty.txt" in err
    assert "events      P=1.00 R=1.00 F1=1.00" in out  # scored all the same


def test_eval_help(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "eval", "--help")
    assert status == 0
    for text in ("GOLD_DIR", "INPUT", "--json", "--store", "kg eval ../shared/eval/seeds_gold"):
        assert text in out
    status, out, _ = run(capsys, "--help")
    assert "eval" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["eval"], "GOLD_DIR"),
        (["eval", "tests/data/dev_gold"], "INPUT"),
        (["eval", "no/such/dir", "seeds"], "GOLD_DIR no/such/dir is not a directory"),
        (["eval", "seeds", "seeds"], "GOLD_DIR seeds holds no *.json gold files"),
        (["eval", "tests/data/dev_gold", "seeds", "--format", "csv"], "unrecognized arguments"),
    ],
)
def test_eval_usage_errors(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(REPO)
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert message in err
    assert out == ""


def test_eval_bad_gold_fails_before_building(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    store = tmp_path / "store"
    status, _, err = run(capsys, "eval", str(tmp_path), str(REPO / "seeds"), "--store", str(store))
    assert status == 1
    assert err.startswith("error: ")
    assert "bad.json: not JSON" in err
    assert not store.exists()
