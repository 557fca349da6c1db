"""Generate a synthetic corpus of seed-like articles for ``make bench``.

SYNTHETIC DATA: every article is made up from templates modelled on the two seed
articles (a TASS report of a militant attack repelled near Idlib, a news story with a
casualty claim and a denial).  What varies: the armed groups, government bodies,
news agencies and equipment (from the ontology, ``kg.ontology``), the places (Syrian
localities and governorates from ``../shared/data/gazetteer/syria_wof_geonames.tsv``,
read in place, never copied), the numbers and their hedges ("up to", "some",
"nearly"), the dates (2016-2020) and times of day.  The texts say nothing true about
any real event; they exist only to measure throughput, memory and load times on
input that exercises the same extractor paths as real reports.

    python bench/generate.py --articles 300 --out bench/out/corpus-1x.jsonl
    python bench/generate.py --articles 30 --format txt --out bench/out/corpus-txt/

The output is deterministic for a given ``--seed`` and ``--articles``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GAZETTEER = REPO.parent / "shared" / "data" / "gazetteer" / "syria_wof_geonames.tsv"

MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
HEDGES = ["up to", "some", "nearly", "about", "at least", "more than", "around", ""]
WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
CITIES = [
    ("MOSCOW", "TASS"),
    ("DAMASCUS", "SANA"),
    ("BEIRUT", "Reuters"),
    ("ANKARA", "Anadolu Agency"),
]
UNITS = ["two terrorist units", "a militant unit", "three groups of militants", "a detachment"]
TARGETS = ["Syrian government forces", "government troops", "Syrian Arab Army units", "the army"]
OWNERS = ["Syrian government forces\u2019", "government troops\u2019", "the Syrian army\u2019s"]


@dataclass(frozen=True)
class Vocabulary:
    places: list[tuple[str, str]]  # (locality, governorate)
    groups: list[str]
    sources: list[str]
    people: list[str]
    equipment: list[tuple[str, str]]  # (singular, plural)


def load_vocabulary(gazetteer: Path = GAZETTEER) -> Vocabulary:
    """Places from the shared gazetteer, actors and equipment from the ontology."""
    from kg.ontology import actor_aliases, equipment_types

    places: list[tuple[str, str]] = []
    with gazetteer.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            name = row.get("name_en") or row.get("asciiname") or row.get("name") or ""
            region = row.get("governorate") or ""
            letters = name.replace("-", "").replace("'", "").replace(" ", "")
            locality = row.get("wof_placetype") == "locality" and bool(region)
            if locality and letters.isascii() and letters.isalpha():
                places.append((name, region))
    actors = actor_aliases()
    groups = [a.pref_label for a in actors if a.kind.value == "ArmedGroup"]
    sources = [a.pref_label for a in actors if a.kind.value in ("GovernmentBody", "MediaOutlet")]
    people = [a.pref_label for a in actors if a.kind.value == "Person"]
    equipment = []
    for e in equipment_types():
        plural = next((label for label in e.labels if label.endswith("s")), e.pref_label + "s")
        equipment.append((e.pref_label, plural))
    return Vocabulary(sorted(set(places)), groups, sources, people, equipment)


class Writer:
    """One article's random choices."""

    def __init__(self, vocab: Vocabulary, rng: random.Random) -> None:
        self.v = vocab
        self.r = rng
        self.day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
        self.place, self.region = rng.choice(vocab.places)
        self.group = rng.choice(vocab.groups)

    def n(self, low: int = 5, high: int = 500) -> str:
        hedge = self.r.choice(HEDGES)
        number = str(self.r.randint(low, high))
        return f"{hedge} {number}".strip()

    def on_day(self, back: int = 1) -> str:
        day = self.day - dt.timedelta(days=back)
        return f"{MONTHS[day.month - 1]} {day.day}"

    def kit(self) -> str:
        items = self.r.sample(self.v.equipment, self.r.randint(2, 4))
        parts = []
        for singular, plural in items:
            count = self.r.randint(1, 30)
            parts.append(
                f"{'one' if count == 1 else WORDS.get(count, str(count))} "
                f"{singular if count == 1 else plural}"
            )
        return ", ".join(parts[:-1]) + " and " + parts[-1]

    def paragraphs(self) -> list[str]:
        r, v = self.r, self.v
        other, other_region = r.choice(v.places)
        source = r.choice(v.sources)
        city, agency = r.choice(CITIES)
        weekday = WEEKDAYS[self.day.weekday()]
        lead = (
            f"{city}, {self.on_day(0)}. /{agency}/. {self.n(50, 900).capitalize()} militants "
            f"attacked {r.choice(TARGETS)} in Syria from {WORDS[r.randint(2, 3)]} directions in "
            f"{self.region}, the {source} said on {weekday}."
        )
        quote = (
            f'"On {self.on_day()}, when it became dark {self.n()} militants of the {self.group} '
            f"attacked {r.choice(OWNERS)} positions in the direction of {self.place} with the "
            f'support of {self.kit()}," the statement runs.'
        )
        prong = (
            f"According to the {source}, at around {r.randint(0, 23):02d}:{r.choice(['00', '30'])} "
            f"in the direction of {other} {r.choice(UNITS)} consisting of {self.n()} people "
            f"attacked government forces. They were supported by {self.kit()}."
        )
        toll = (
            f"{self.n(2, 60).capitalize()} Syrian troops were killed and {r.randint(2, 90)} "
            f"suffered wounds in militant attacks that took place in the {self.region} province "
            f"overnight into {self.on_day(0)}, according to the {source}. "
            f'"Syrian government forces eliminated {self.n(5, 90)} militants, and '
            f'{self.n(5, 90)} were wounded during an offensive," the statement reads.'
        )
        repelled = (
            f'"The attack was thwarted, {r.randint(2, 20)} militants were killed and '
            f"{r.randint(2, 20)} suffered wounds. As for Syrian troops, {r.randint(1, 9)} were "
            f'killed and {r.randint(1, 9)} injured," the statement added.'
        )
        first_time = (
            f"A militant unit attacked {other} in {other_region} for the first time since "
            f"{MONTHS[r.randrange(12)]} {self.day.year - 1}, the {source} commented."
        )
        denial = (
            f"The spokesman for the {r.choice(v.groups)} {r.choice(v.people)} disputed the "
            f"accounts and said no such assault had taken place on {weekday}."
        )
        filler = (
            f"{r.choice(v.people)} will visit Moscow on {weekday}, according to the "
            f"{r.choice(v.sources)}. Diplomatic sources suggested that discussions will likely "
            f"focus on the evolving situation in {self.region}."
        )
        body = [lead, quote, prong, toll, first_time, repelled, denial, filler]
        keep = [body[0]] + [p for p in body[1:] if r.random() < 0.75]
        return keep


def generate(count: int, *, seed: int = 7, vocab: Vocabulary | None = None) -> list[dict[str, str]]:
    """``count`` synthetic articles as JSON Lines records (id, date, title, source, text)."""
    vocab = vocab or load_vocabulary()
    rng = random.Random(seed)
    records = []
    for i in range(count):
        w = Writer(vocab, rng)
        text = "\n\n".join(w.paragraphs())
        records.append(
            {
                "id": f"bench-{seed}-{i:06d}",
                "date": w.day.isoformat(),
                "title": f"Militants attack government forces near {w.place}",
                "source": "synthetic",
                "text": text,
            }
        )
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", choices=["jsonl", "txt"], default="jsonl")
    parser.add_argument(
        "--out", type=Path, required=True, help="a .jsonl file, or a directory for txt"
    )
    args = parser.parse_args(argv)
    records = generate(args.articles, seed=args.seed)
    if args.format == "jsonl":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as stream:
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        for record in records:
            path = args.out / f"{record['id']}.txt"
            path.write_text(f" date {record['date']} {record['text']}", encoding="utf-8")
    words = sum(len(r["text"].split()) for r in records)
    print(f"{len(records)} synthetic articles, {words} words -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
