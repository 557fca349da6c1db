#!/usr/bin/env python3
"""Check the evaluation collection in this folder.

usage: python3 tests/data/check_gold.py [SPLIT ...]      (default: dev heldout)

For every SPLIT/NNN_slug.txt there must be SPLIT_gold/NNN_slug.json and vice versa.
Checks: seed text format (` date YYYY-MM-DD ` + text, date == publication_date),
120-450 words of text, the gold JSON's keys and value types (the seeds_gold format
plus the two extra attack fields `type` and `neutralized`), controlled vocabularies,
dates not after publication, and that every place / attacker / target / actor string
occurs verbatim (case-sensitive) in the article text. Exit status 1 on any error.
"""

import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOP_KEYS = ["source_url", "publication_date", "attacks", "actors", "places"]
ATTACK_KEYS = [
    "summary",
    "date",
    "date_precision",
    "places",
    "attacker",
    "target",
    "attacker_strength",
    "equipment",
    "killed",
    "wounded",
    "claimed_by",
    "disputed_by",
    "type",
    "neutralized",
]
PRECISIONS = {"day", "week", "month", "unknown"}
QUALIFIERS = {
    "exact",
    "up to",
    "nearly",
    "some",
    "about",
    "at least",
    "more than",
    "hundreds",
    "dozens",
    "between",
}
VAGUE = {"hundreds", "dozens"}  # the only qualifiers that go with value null
SIDES = {"attacker", "target", "civilian"}
TYPES = {
    "ground assault",
    "shelling",
    "air strike",
    "drone strike",
    "IED",
    "car bomb",
    "suicide bombing",
    "ambush",
    "raid",
    "capture",
}
HEAD = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) ")


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def check_number(obj, where, errs, with_side):
    keys = {"side", "value", "qualifier"} if with_side else {"value", "qualifier"}
    extra = set(obj) - keys - {"max"}
    if not isinstance(obj, dict) or not keys <= set(obj) or extra:
        errs.append(f"{where}: bad number object {obj!r}")
        return
    if with_side and obj["side"] not in SIDES:
        errs.append(f"{where}: bad side {obj['side']!r}")
    q, v = obj["qualifier"], obj["value"]
    if q not in QUALIFIERS:
        errs.append(f"{where}: bad qualifier {q!r}")
    if q in VAGUE:
        if v is not None:
            errs.append(f"{where}: qualifier {q!r} needs value null")
    elif not is_int(v) or v < 0:
        errs.append(f"{where}: value must be a non-negative integer, got {v!r}")
    if q == "between":
        if not is_int(obj.get("max")) or (is_int(v) and obj["max"] <= v):
            errs.append(f"{where}: 'between' needs an integer max greater than value")
    elif "max" in obj:
        errs.append(f"{where}: 'max' only goes with qualifier 'between'")


def check_strings(lst, text, where, errs):
    if not isinstance(lst, list) or not all(isinstance(s, str) and s.strip() for s in lst):
        errs.append(f"{where}: must be a list of non-empty strings")
        return
    for s in lst:
        if s not in text:
            errs.append(f"{where}: {s!r} does not occur verbatim in the text")
    if len(set(lst)) != len(lst):
        errs.append(f"{where}: duplicate strings")


def check_pair(txt: Path, js: Path, errs: list, stats: Counter):
    raw = txt.read_text(encoding="utf-8")
    m = HEAD.match(raw)
    if not m:
        errs.append(f"{txt.name}: does not start with ' date YYYY-MM-DD '")
        return
    text = raw[m.end() :]
    words = len(text.split())
    if not 120 <= words <= 450:
        errs.append(f"{txt.name}: {words} words (want 120-450)")
    stats["words"] += words
    try:
        gold = json.loads(js.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        errs.append(f"{js.name}: invalid JSON: {e}")
        return
    if list(gold) != TOP_KEYS:
        errs.append(f"{js.name}: top-level keys {list(gold)} != {TOP_KEYS}")
        return
    pub = gold["publication_date"]
    if pub != m.group(1):
        errs.append(f"{js.name}: publication_date {pub} != text header {m.group(1)}")
    pubd = dt.date.fromisoformat(pub)
    if gold["source_url"] is not None and not isinstance(gold["source_url"], str):
        errs.append(f"{js.name}: source_url must be null or a string")
    check_strings(gold["actors"], text, f"{js.name}:actors", errs)
    check_strings(gold["places"], text, f"{js.name}:places", errs)
    if not isinstance(gold["attacks"], list):
        errs.append(f"{js.name}: attacks must be a list")
        return
    stats["attacks"] += len(gold["attacks"])
    if not gold["attacks"]:
        stats["no-attack articles"] += 1
    for i, a in enumerate(gold["attacks"]):
        w = f"{js.name}:attacks[{i}]"
        if list(a) != ATTACK_KEYS:
            errs.append(f"{w}: keys {list(a)} != {ATTACK_KEYS}")
            continue
        if not isinstance(a["summary"], str) or not a["summary"].strip():
            errs.append(f"{w}: empty summary")
        if a["date_precision"] not in PRECISIONS:
            errs.append(f"{w}: bad date_precision {a['date_precision']!r}")
        if a["date"] is None:
            if a["date_precision"] == "day":
                errs.append(f"{w}: precision 'day' needs a date")
        else:
            try:
                d = dt.date.fromisoformat(a["date"])
                if d > pubd:
                    errs.append(f"{w}: date {d} after publication {pubd}")
                if a["date_precision"] != "day":
                    errs.append(f"{w}: a full date goes with precision 'day'")
            except (TypeError, ValueError):
                errs.append(f"{w}: date {a['date']!r} is not YYYY-MM-DD")
        for f in ("places", "attacker", "target"):
            check_strings(a[f], text, f"{w}:{f}", errs)
        if a["attacker_strength"] is not None:
            check_number(a["attacker_strength"], f"{w}:attacker_strength", errs, with_side=False)
        if not isinstance(a["equipment"], list):
            errs.append(f"{w}: equipment must be a list")
        else:
            for e in a["equipment"]:
                if (
                    not isinstance(e, dict)
                    or set(e) != {"type", "count"}
                    or not isinstance(e["type"], str)
                    or not (e["count"] is None or (is_int(e["count"]) and e["count"] > 0))
                ):
                    errs.append(f"{w}: bad equipment item {e!r}")
        for f in ("killed", "wounded", "neutralized"):
            if not isinstance(a[f], list):
                errs.append(f"{w}: {f} must be a list")
                continue
            for k in a[f]:
                check_number(k, f"{w}:{f}", errs, with_side=True)
            stats[f + " figures"] += len(a[f])
        for f in ("claimed_by", "disputed_by"):
            if a[f] is not None and not (isinstance(a[f], str) and a[f].strip()):
                errs.append(f"{w}: {f} must be null or a non-empty string")
        if a["type"] not in TYPES:
            errs.append(f"{w}: bad type {a['type']!r}")
        stats["type: " + str(a["type"])] += 1


def main() -> int:
    splits = sys.argv[1:] or ["dev", "heldout"]
    errs: list[str] = []
    ids: dict[str, str] = {}
    for split in splits:
        tdir, gdir = HERE / split, HERE / f"{split}_gold"
        txts = {p.stem: p for p in tdir.glob("*.txt")}
        golds = {p.stem: p for p in gdir.glob("*.json")}
        for stem in sorted(set(txts) ^ set(golds)):
            errs.append(f"{split}: {stem} has no {'gold' if stem in txts else 'text'}")
        stats: Counter = Counter()
        for stem in sorted(set(txts) & set(golds)):
            num = stem.split("_")[0]
            if not re.fullmatch(r"\d{3}", num):
                errs.append(f"{split}: {stem} does not start with NNN_")
            if num in ids:
                errs.append(f"{split}: number {num} also used in {ids[num]}")
            ids[num] = f"{split}/{stem}"
            check_pair(txts[stem], golds[stem], errs, stats)
        n = len(set(txts) & set(golds))
        print(
            f"{split}: {n} articles, {stats['attacks']} attacks, "
            f"{stats['no-attack articles']} without attacks, {stats['words']} words; "
            f"killed {stats['killed figures']}, wounded {stats['wounded figures']}, "
            f"neutralized {stats['neutralized figures']} figures"
        )
        print(
            "   "
            + ", ".join(f"{k[6:]} {v}" for k, v in sorted(stats.items()) if k.startswith("type: "))
        )
    for e in errs:
        print("ERROR", e)
    print("OK" if not errs else f"{len(errs)} error(s)")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
