"""Measure place linking on UCDP's Syrian village and town labels.

The labels of ../shared/data/gazetteer/ucdp_syria_locations_2016-2019.tsv with
where_prec 1 that name a village or town ("Teir Maaleh village") are linked one by
one, with the context an article would give (Syria and the label's province, the
adm_1 column), and each link is compared with UCDP's coordinates:

    linked within 5 km    right
    linked, > 5 km away   wrong
    unlinked              below the confidence threshold, or no candidate

    .venv/bin/python scripts/measure_linking.py [--gazetteer PATH] [--show wrong|unlinked|all]
    make measure-linking

The gazetteer is KG_GAZETTEER (default ~/.cache/kg/gazetteer.sqlite); import
../shared/data/gazetteer/syria_wof_geonames.tsv into it first (`kg gazetteer import`).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kg.link import LinkContext, Linker, open_gazetteer
from kg.link.rank import SAME_PLACE_KM, distance_km

REPO = Path(__file__).resolve().parents[1]
UCDP = REPO.parent / "shared" / "data" / "gazetteer" / "ucdp_syria_locations_2016-2019.tsv"
KINDS = ("village", "town")


@dataclass(frozen=True)
class Case:
    label: str
    name: str
    lat: float
    lon: float
    province: str


def read_cases(path: Path) -> list[Case]:
    """The where_prec 1 rows whose label ends with "village" or "town"."""
    cases = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label = row["where_coordinates"].strip()
            words = label.split()
            if row["where_prec"] != "1" or len(words) < 2 or words[-1] not in KINDS:
                continue
            cases.append(
                Case(
                    label,
                    " ".join(words[:-1]),
                    float(row["latitude"]),
                    float(row["longitude"]),
                    row["adm_1"],
                )
            )
    return cases


def measure(linker: Linker, cases: list[Case]) -> tuple[dict[str, float], list[dict[str, object]]]:
    right = wrong = unlinked = 0
    details: list[dict[str, object]] = []
    provinces = {
        p: linker.province_of(p, {"SY"}) for p in {c.province for c in cases if c.province}
    }
    for case in cases:
        context = LinkContext(countries=frozenset({"SY"}))
        province = provinces.get(case.province)
        if province:
            context = LinkContext(context.countries, frozenset({province}))
        links = linker.link_name(case.name, context)
        where = [
            distance_km((case.lat, case.lon), (x.lat, x.lon))
            for x in links
            if x.lat is not None and x.lon is not None
        ]
        if not links:
            unlinked += 1
            outcome = "unlinked"
        elif where and len(where) == len(links) and max(where) <= SAME_PLACE_KM:
            right += 1
            outcome = "right"
        else:
            wrong += 1
            outcome = "wrong"
        details.append(
            {
                "label": case.label,
                "province": case.province,
                "outcome": outcome,
                "links": [
                    {"id": x.geonames_id, "name": x.name, "confidence": x.confidence} for x in links
                ],
                "km": [round(d, 1) for d in where],
            }
        )
    n = len(cases)
    figures = {
        "labels": n,
        "linked_within_5km": right / n,
        "linked_wrongly": wrong / n,
        "unlinked": unlinked / n,
    }
    return figures, details


def ceiling(gazetteer: Path, cases: list[Case], similar: float = 70.0) -> dict[str, int]:
    """How many labels any linker could get right with this gazetteer: those with a
    feature within 5 km whose name key is at least ``similar``% like the label's (a plain
    fuzzy ratio, looser than anything the linker accepts)."""
    import sqlite3
    from collections import defaultdict

    from rapidfuzz import fuzz

    from kg.link.normalize import name_key

    db = sqlite3.connect(f"file:{gazetteer}?mode=ro", uri=True)
    cells: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
    for lat, lon, key in db.execute(
        "SELECT f.lat, f.lon, n.key FROM name n JOIN feature f ON f.id = n.id WHERE f.cc = 'SY'"
    ):
        cells[(round(lat * 10), round(lon * 10))].append((lat, lon, key))
    db.close()
    none = unlike = 0
    for case in cases:
        cell = (round(case.lat * 10), round(case.lon * 10))
        keys = [
            key
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for lat, lon, key in cells[(cell[0] + dx, cell[1] + dy)]
            if distance_km((case.lat, case.lon), (lat, lon)) <= SAME_PLACE_KM
        ]
        if not keys:
            none += 1
        elif max(fuzz.ratio(name_key(case.name), k) for k in keys) < similar:
            unlike += 1
    return {"labels": len(cases), "nothing_within_5km": none, "no_similar_name_within_5km": unlike}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gazetteer", help="the gazetteer file (default: $KG_GAZETTEER)")
    parser.add_argument("--ucdp", default=str(UCDP), help="the UCDP locations TSV")
    parser.add_argument("--show", choices=["wrong", "unlinked", "all"], help="list these labels")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also say how many labels no linker could get right with this gazetteer",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with open_gazetteer(args.gazetteer) as gazetteer:
        figures, details = measure(Linker(gazetteer), read_cases(Path(args.ucdp)))
    seconds = time.perf_counter() - start
    if args.show:
        for d in details:
            if args.show == "all" or d["outcome"] == args.show:
                print(json.dumps(d, ensure_ascii=False))
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        n = figures["labels"]
        print(f"{n} UCDP village/town labels (where_prec 1), {seconds:.1f} s:")
        for key, what in (
            ("linked_within_5km", "linked within 5 km"),
            ("linked_wrongly", "linked wrongly"),
            ("unlinked", "unlinked"),
        ):
            print(f"  {what:<19} {figures[key]:7.2%} {round(figures[key] * n):5d}")
    if args.ceiling:
        from kg.link.stage import default_gazetteer_path

        path = Path(args.gazetteer) if args.gazetteer else default_gazetteer_path()
        c = ceiling(path, read_cases(Path(args.ucdp)))
        out_of_reach = c["nothing_within_5km"] + c["no_similar_name_within_5km"]
        print(
            f"  out of reach: {out_of_reach} ({out_of_reach / c['labels']:.1%}): "
            f"{c['nothing_within_5km']} with no gazetteer feature within 5 km, "
            f"{c['no_similar_name_within_5km']} with none whose name is even 70% like the label"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
