"""Score extracted attacks against gold annotations, as ``../shared/eval/score.py`` does.

The predictions are rows of the stored ``attacks`` query (``kg query attacks``), the
gold is a directory of ``ARTICLE_ID.json`` files (``tests/data/README.md``).  Three
figures, micro-averaged over the gold articles, agree exactly with the reference
scorer:

- **events**: attacks matched one-to-one per article, greedily by similarity
  (places and casualty numbers count 2, attackers, targets and strength 1, the date
  0.5; a pair needs at least 2);
- **args**: the argument slots (places, attackers, targets, strength, date, casualty
  numbers) of matched pairs, plus every slot of unmatched gold (missed) and predicted
  (spurious) attacks;
- **figures**: the article's set of ``(side, killed|wounded, value)`` facts.

A fourth, **neutralized**, is the same set comparison for ``neutralized`` counts; it
is scored when the gold has ``neutralized`` lists (the reference scorer ignores
them) and the predicted figures are given (rows of the stored ``neutralized`` query).

Rows sharing an ``event`` are merged; an ``article_id`` cell naming several articles
(``a;b``) scores the attack once for each.  Gold articles with no predicted attack
count as all missed; predicted articles without gold are left out (and listed).

>>> same_name("the Turkistan Islamic Party", "Turkistan Islamic Party militants")
True
>>> Counts(3, 1, 0).f1
0.8571428571428571
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.pipeline import BuildSummary

__all__ = [
    "Figure",
    "Counts",
    "GoldEvent",
    "PredEvent",
    "ArticleScore",
    "EvalReport",
    "SIDES",
    "norm",
    "same_name",
    "load_gold",
    "has_neutralized",
    "gold_event",
    "pred_events",
    "pred_neutralized",
    "similarity",
    "slot_counts",
    "match_events",
    "score_article",
    "score_rows",
    "evaluate",
]

Figure = tuple[str, str, int]
"""A casualty fact: (side, kind, value), e.g. ``("target", "killed", 40)``."""

Row = Mapping[str, str | None]
"""One result row: column name -> cell (``None`` or missing when unbound)."""

SIDES = {"attacker": "attackers", "target": "targets", "civilian": "civilians"}
"""The scored sides and the plural used in the ``attacks`` query's column names."""

KINDS = ("killed", "wounded")
NEUTRALIZED = "neutralized"
MIN_SIMILARITY = 2.0
"""A gold and a predicted attack match only from this similarity on."""


# --------------------------------------------------------------------- records


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1.

    P, R and F1 are 0.0 when undefined, as in the reference scorer.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty(self) -> bool:
        """Nothing to score: no gold and no prediction."""
        return self.tp + self.fp + self.fn == 0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "p": self.precision,
            "r": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class GoldEvent:
    """One gold attack, reduced to the scored slots.

    ``strength`` and ``date`` are kept as the JSON has them (the scorer compares
    them as given); ``numbers`` holds the killed and wounded facts, ``neutralized``
    the neutralized ones (None when the attack has no ``neutralized`` list), each
    only for a scored side and a known value.
    """

    places: list[str] = field(default_factory=list)
    attackers: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    strength: Any = None
    date: Any = None
    numbers: set[Figure] = field(default_factory=set)
    neutralized: set[Figure] | None = None


@dataclass
class PredEvent:
    """One predicted attack as one article reports it: the merged rows of its ``event``."""

    article: str
    event: str
    places: list[str] = field(default_factory=list)
    attackers: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    strength: int | None = None
    date: str | None = None
    numbers: set[Figure] = field(default_factory=set)


@dataclass
class ArticleScore:
    """The scores of one gold article."""

    article_id: str
    gold_events: int
    pred_events: int
    events: Counts
    args: Counts
    figures: Counts
    neutralized: Counts | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "article_id": self.article_id,
            "gold_events": self.gold_events,
            "pred_events": self.pred_events,
            "events": self.events.as_dict(),
            "args": self.args.as_dict(),
            "figures": self.figures.as_dict(),
        }
        if self.neutralized is not None:
            out["neutralized"] = self.neutralized.as_dict()
        return out


@dataclass
class EvalReport:
    """What one evaluation found: per-article scores and their micro-averaged totals.

    ``unscored`` are the predicted article ids without gold (left out of the scores);
    ``build`` and ``errors`` are the summary and the error messages of the build when
    the report came from ``evaluate``.
    """

    articles: list[ArticleScore]
    unscored: list[str] = field(default_factory=list)
    neutralized_scored: bool = False
    build: BuildSummary | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every input was built (the scores themselves do not matter)."""
        return not self.errors and (self.build is None or self.build.ok)

    def total(self, figure: str) -> Counts:
        """Summed counts of ``events``, ``args``, ``figures`` or ``neutralized``."""
        total = Counts()
        for article in self.articles:
            counts: Counts | None = getattr(article, figure)
            if counts is not None:
                total += counts
        return total

    @property
    def figures_scored(self) -> tuple[str, ...]:
        base = ("events", "args", "figures")
        return (*base, NEUTRALIZED) if self.neutralized_scored else base

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: self.total(name).as_dict() for name in self.figures_scored}
        out["articles"] = [article.as_dict() for article in self.articles]
        out["unscored_articles"] = list(self.unscored)
        if self.build is not None:
            out["build"] = {
                "articles": self.build.articles,
                "attacks": self.build.attacks,
                "triples": self.build.triples,
                "errors": self.build.errors,
            }
            out["errors"] = list(self.errors)
        return out

    def text(self) -> str:
        """A table per article, then one line per figure with P, R, F1 and the counts."""
        columns = ["article", "gold", "pred", "ev P", "ev R", "ev F1", "args F1", "fig F1"]
        if self.neutralized_scored:
            columns.append("neut F1")
        rows = []
        for a in self.articles:
            row = [a.article_id, str(a.gold_events), str(a.pred_events)]
            row += [_rate(a.events, v) for v in ("precision", "recall", "f1")]
            row += [_rate(a.args, "f1"), _rate(a.figures, "f1")]
            if self.neutralized_scored:
                row.append(_rate(a.neutralized, "f1"))
            rows.append(row)
        lines = _table(columns, rows)
        lines.append("")
        for name in self.figures_scored:
            c = self.total(name)
            lines.append(
                f"{name:<11} P={c.precision:.2f} R={c.recall:.2f} F1={c.f1:.2f}"
                f"  tp={c.tp} fp={c.fp} fn={c.fn}"
            )
        unpredicted = sum(1 for a in self.articles if a.pred_events == 0)
        lines.append(
            f"{len(self.articles)} gold articles ({unpredicted} with no predicted attack), "
            f"{len(self.unscored)} predicted articles without gold (not scored)"
        )
        return "\n".join(lines)


# --------------------------------------------------------------------- names


def norm(text: str) -> str:
    """Lower-case ASCII words, apostrophes dropped, a leading article removed."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[’'`‘]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^(the|a|an) ", "", text)


def same_name(a: str, b: str) -> bool:
    """Equal after ``norm``, one's words a subset of the other's, or close in spelling."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    ta, tb = set(a.split()), set(b.split())
    if ta <= tb or tb <= ta:
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.85


def _split(cell: object) -> list[str]:
    if cell is None:
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def _num(cell: object) -> int | None:
    """The first number of a cell (``"12;30"`` -> 12); None when empty or not a number."""
    try:
        return int(float(str(cell).split(";")[0])) if str(cell).strip() else None
    except ValueError:
        return None


# --------------------------------------------------------------------- gold


def load_gold(gold_dir: str | os.PathLike[str]) -> dict[str, list[GoldEvent]]:
    """Every ``*.json`` of ``gold_dir`` (article id = file stem) -> its gold attacks, in order.

    InputError for a file that is not a gold annotation.
    """
    gold: dict[str, list[GoldEvent]] = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            gold[path.stem] = [gold_event(attack) for attack in data["attacks"]]
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot read ({exc})") from None
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not JSON ({exc})") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(path, f"not a gold annotation ({type(exc).__name__}: {exc})") from None
    return gold


def has_neutralized(gold: Mapping[str, Sequence[GoldEvent]]) -> bool:
    """True when some gold attack has a ``neutralized`` list (then those are scored)."""
    return any(event.neutralized is not None for events in gold.values() for event in events)


def gold_event(attack: Mapping[str, Any]) -> GoldEvent:
    """One attack of a gold file -> its scored slots."""
    event = GoldEvent(
        places=list(attack["places"]),
        attackers=list(attack["attacker"]),
        targets=list(attack["target"]),
        strength=(attack["attacker_strength"] or {}).get("value"),
        date=attack["date"],
    )
    for kind in KINDS:
        event.numbers |= _gold_figures(attack[kind], kind)
    if NEUTRALIZED in attack:
        event.neutralized = _gold_figures(attack[NEUTRALIZED] or [], NEUTRALIZED)
    return event


def _gold_figures(entries: Iterable[Mapping[str, Any]], kind: str) -> set[Figure]:
    return {
        (f["side"], kind, int(f["value"]))
        for f in entries
        if f["side"] in SIDES and f["value"] is not None
    }


# --------------------------------------------------------------------- predictions


def pred_events(rows: Iterable[Row]) -> dict[str, list[PredEvent]]:
    """Rows of the ``attacks`` query -> article id -> its predicted attacks, in row order.

    Rows sharing an ``event`` merge (names that are the same by ``same_name`` kept
    once, the first strength and date kept, numbers united); an attack whose
    ``article_id`` names several articles is listed under each.
    """
    by_event: dict[tuple[str, str], PredEvent] = {}
    for row in rows:
        for article in _split(row.get("article_id")) or [""]:
            _add_row(by_event, article, row)
    out: dict[str, list[PredEvent]] = {}
    for event in by_event.values():
        out.setdefault(event.article, []).append(event)
    return out


def _add_row(by_event: dict[tuple[str, str], PredEvent], article: str, row: Row) -> None:
    key = (article, row.get("event") or str(len(by_event)))
    event = by_event.get(key)
    if event is None:
        event = by_event[key] = PredEvent(article, key[1])
    for column, names in (
        ("places", event.places),
        ("attackers", event.attackers),
        ("targets", event.targets),
    ):
        for name in _split(row.get(column)):
            if not any(same_name(name, known) for known in names):
                names.append(name)
    event.strength = event.strength or _num(row.get("attacker_strength"))
    event.date = event.date or (row.get("date") or "")[:10] or None
    for side, plural in SIDES.items():
        for kind in KINDS:
            for value in map(_num, _split(row.get(f"{kind}_{plural}"))):
                if value is not None:
                    event.numbers.add((side, kind, value))


def pred_neutralized(rows: Iterable[Row]) -> dict[str, set[Figure]]:
    """Rows of the ``neutralized`` query -> article id -> its neutralized facts.

    Rows of an unscored side (``unknown``) or without a value are left out, as the
    gold leaves them out.
    """
    out: dict[str, set[Figure]] = {}
    for row in rows:
        side = _side(row.get("side"))
        value = _num(row.get("value"))
        for article in _split(row.get("article_id")) or [""]:
            figures = out.setdefault(article, set())
            if side in SIDES and value is not None:
                figures.add((side, NEUTRALIZED, value))
    return out


def _side(cell: str | None) -> str:
    """``attacker``, ``AttackerSide`` or a side IRI -> ``attacker``."""
    text = (cell or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1].strip().lower()
    return text.removesuffix("side") or text


# --------------------------------------------------------------------- scoring


def _list_match(gold: Sequence[str], pred: Sequence[str]) -> Counts:
    """Greedy one-to-one matching of names by ``same_name``, in gold order."""
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and same_name(g, p):
                used.add(i)
                tp += 1
                break
    return Counts(tp, len(pred) - tp, len(gold) - tp)


def slot_counts(gold: GoldEvent | None, pred: PredEvent | None) -> Counts:
    """Argument-slot counts of a gold and a predicted attack (None: an unmatched one)."""
    total = Counts()
    for name in ("places", "attackers", "targets"):
        total += _list_match(
            getattr(gold, name) if gold else [], getattr(pred, name) if pred else []
        )
    tp, fp, fn = total.tp, total.fp, total.fn
    for name in ("strength", "date"):
        gv = getattr(gold, name) if gold else None
        pv = getattr(pred, name) if pred else None
        if gv is not None and pv is not None and str(gv) == str(pv):
            tp += 1
        else:
            fp += pv is not None
            fn += gv is not None
    gn = gold.numbers if gold else set()
    pn = pred.numbers if pred else set()
    return Counts(tp + len(gn & pn), fp + len(pn - gn), fn + len(gn - pn))


def similarity(gold: GoldEvent, pred: PredEvent) -> float:
    """How alike two attacks are: 2 per place and per casualty fact, 1 per attacker,
    target and the same strength, 0.5 for the same date."""
    score = 2.0 * _list_match(gold.places, pred.places).tp
    score += _list_match(gold.attackers, pred.attackers).tp
    score += _list_match(gold.targets, pred.targets).tp
    score += 2 * len(gold.numbers & pred.numbers)
    score += 1 if gold.strength is not None and gold.strength == pred.strength else 0
    score += 0.5 if gold.date and gold.date == pred.date else 0
    return score


def match_events(gold: Sequence[GoldEvent], pred: Sequence[PredEvent]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, most similar first.

    Ties go to the higher indexes, as in the reference scorer.
    """
    pairs = sorted(
        ((similarity(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
        reverse=True,
    )
    matched_gold: set[int] = set()
    matched_pred: set[int] = set()
    matches = []
    for score, i, j in pairs:
        if score >= MIN_SIMILARITY and i not in matched_gold and j not in matched_pred:
            matched_gold.add(i)
            matched_pred.add(j)
            matches.append((i, j))
    return matches


def score_article(
    article_id: str,
    gold: Sequence[GoldEvent],
    pred: Sequence[PredEvent],
    neutralized: set[Figure] | None = None,
) -> ArticleScore:
    """The scores of one article; ``neutralized`` (its predicted facts) scores those too."""
    matches = match_events(gold, pred)
    args = Counts()
    for i, j in matches:
        args += slot_counts(gold[i], pred[j])
    matched_gold = {i for i, _ in matches}
    matched_pred = {j for _, j in matches}
    for i, g in enumerate(gold):
        if i not in matched_gold:
            args += Counts(fn=slot_counts(g, None).fn)
    for j, p in enumerate(pred):
        if j not in matched_pred:
            args += Counts(fp=slot_counts(None, p).fp)
    events = Counts(len(matches), len(pred) - len(matches), len(gold) - len(matches))
    gold_figures = set().union(*(g.numbers for g in gold))
    pred_figures = set().union(*(p.numbers for p in pred))
    score = ArticleScore(
        article_id, len(gold), len(pred), events, args, _sets(gold_figures, pred_figures)
    )
    if neutralized is not None:
        gold_neutralized = set().union(*(g.neutralized or set() for g in gold))
        score.neutralized = _sets(gold_neutralized, neutralized)
    return score


def _sets(gold: set[Figure], pred: set[Figure]) -> Counts:
    return Counts(len(gold & pred), len(pred - gold), len(gold - pred))


def score_rows(
    gold_dir: str | os.PathLike[str],
    rows: Iterable[Row],
    neutralized_rows: Iterable[Row] | None = None,
) -> EvalReport:
    """Score rows of the ``attacks`` query against the gold files in ``gold_dir``.

    ``neutralized_rows`` (rows of the ``neutralized`` query) also scores the
    neutralized figures, when the gold has ``neutralized`` lists.
    """
    gold = load_gold(gold_dir)
    preds = pred_events(rows)
    neutralized: dict[str, set[Figure]] | None = None
    if neutralized_rows is not None and has_neutralized(gold):
        neutralized = pred_neutralized(neutralized_rows)
    articles = [
        score_article(
            article_id,
            events,
            preds.get(article_id, []),
            None if neutralized is None else neutralized.get(article_id, set()),
        )
        for article_id, events in gold.items()
    ]
    predicted = set(preds) | set(neutralized or {})
    unscored = sorted(predicted - set(gold))
    return EvalReport(articles, unscored, neutralized_scored=neutralized is not None)


# --------------------------------------------------------------------- the pipeline


def evaluate(
    gold_dir: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]],
    *,
    store_dir: str | os.PathLike[str] | None = None,
    on_error: Callable[[KgError], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> EvalReport:
    """Build ``inputs`` into a store, run the stored ``attacks`` query and score it.

    The store is a temporary directory unless ``store_dir`` is given (then it keeps
    the graphs, and the scores cover every article in it that has gold).  Articles
    that fail to build go to ``on_error`` and count in the report's ``build.errors``;
    they score as all missed.  The gold is read first, so a bad gold file stops the
    run before any building (InputError).
    """
    from kg.pipeline import build
    from kg.queries import run_query
    from kg.store import open_store

    want_neutralized = has_neutralized(load_gold(gold_dir))  # bad gold fails before spaCy
    errors: list[str] = []

    def report_error(error: KgError) -> None:
        errors.append(str(error))
        if on_error is not None:
            on_error(error)

    def run(location: str | os.PathLike[str]) -> EvalReport:
        summary = build(inputs, store_dir=location, on_error=report_error, progress=progress)
        with open_store(os.fspath(location), read_only=True) as store:
            every = {"limit": "0"}  # every attack, not the first page
            rows = run_query("attacks", store, every).rows
            neutralized = run_query(NEUTRALIZED, store, every).rows if want_neutralized else None
        report = score_rows(gold_dir, rows, neutralized)
        report.build = summary
        report.errors = errors
        return report

    if store_dir is not None:
        return run(store_dir)
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        return run(Path(tmp) / "store")


# --------------------------------------------------------------------- helpers


def _rate(counts: Counts | None, name: str) -> str:
    """A rate with two decimals; ``-`` when there was nothing to score."""
    if counts is None or counts.empty:
        return "-"
    value: float = getattr(counts, name)
    return f"{value:.2f}"


def _table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Left-aligned first column, right-aligned others."""
    widths = [max([len(c), *(len(r[k]) for r in rows)]) for k, c in enumerate(columns)]

    def line(cells: Sequence[str]) -> str:
        parts = [cells[0].ljust(widths[0])]
        parts += [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join(parts).rstrip()

    return [line(columns), line(["-" * w for w in widths]), *(line(r) for r in rows)]
