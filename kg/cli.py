"""The ``kg`` command: a thin layer over ``kg.pipeline``, ``kg.queries``, ``kg.validate``
and ``kg.evaluate``.

Exit status: 0 on success, 1 when something failed (an article not stored, a
non-conforming graph, a store or query error), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from kg.errors import KgError

if TYPE_CHECKING:
    from rdflib import Dataset

    from kg.queries import StoredQuery
    from kg.store import Quad, Store

__all__ = ["main", "make_parser", "parse_param"]

DEFAULT_STORE = "kg-store"

_DESCRIPTION = """\
Turn news articles about armed conflict into an RDF event knowledge graph,
then ask it the stored questions.

examples:
  kg build seeds/                          read every article under seeds/ into ./kg-store
  kg query --list                          name the stored queries
  kg query attacks_at_place --param place=Aleppo
  kg validate                              check ./kg-store against the SHACL shapes
  kg eval ../shared/eval/seeds_gold seeds  score the extraction against gold annotations
"""

_BUILD_HELP = """\
Read articles, extract the attacks they report and store one named graph per
article (rebuilding an article replaces its graph).

inputs: files, directories (searched for *.txt, *.jsonl, *.ndjson), glob
patterns and - for stdin.  Seed text files start with " date YYYY-MM-DD "
followed by the text; JSON Lines hold one {"id", "text", "date", ...} per line.
Bad inputs are reported one line each and skipped; the exit status is 1 if any
article was not stored.

examples:
  kg build seeds/
  kg build 'feeds/**/*.jsonl' --store /data/kg-store --batch-size 64
  kg build seeds/ --out kg.trig            also write the graphs to a file
  cat feed.jsonl | kg build -
"""

_QUERY_HELP = """\
Run a stored query from the catalogue (queries/*.rq).  Parameters are bound as
typed RDF terms, never pasted into the query text.

examples:
  kg query --list
  kg query attacks_at_place --param place=Aleppo
  kg query timeline --param from=2020-01-01 --param to=2020-01-31 --format csv
"""

_VALIDATE_HELP = """\
Check graphs against the ontology's SHACL shapes and print every violation;
the exit status is 1 if they do not conform.

examples:
  kg validate                              the graphs in ./kg-store
  kg validate --store /data/kg-store
  kg validate kg.trig                      a file written by kg build --out
"""

_EVAL_HELP = """\
Build the INPUT articles into a store (a temporary one unless --store is
given), run the stored `attacks` query and score it against the gold
annotations in GOLD_DIR (one ARTICLE_ID.json per article, the format of
../shared/eval/seeds_gold; see tests/data/README.md).  The figures are those
of ../shared/eval/score.py:

  events       attacks matched one-to-one per article (similarity >= 2)
  args         places, attackers, targets, strength, date and casualty
               numbers of the attacks (unmatched attacks count fully)
  figures      the article's set of (side, killed|wounded, value) facts
  neutralized  the same for "neutralized" counts, when the gold has them
               (from the stored `neutralized` query)

Gold articles with no predicted attack count as all missed; predicted articles
without gold are not scored (their number is printed).  The exit status is 0
when the scoring ran, whatever the scores, and 1 on an error, including an
article that failed to build.

examples:
  kg eval ../shared/eval/seeds_gold seeds
  kg eval tests/data/dev_gold tests/data/dev --json
  kg eval tests/data/dev_gold tests/data/dev --store /tmp/dev-store   keep the graphs
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg`` with ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    parser = make_parser()
    args = parser.parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except KgError as exc:
        _error(exc)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of ``kg`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="kg", description=_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    _add_build(commands)
    _add_query(commands)
    _add_validate(commands)
    _add_eval(commands)
    return parser


def parse_param(text: str) -> tuple[str, str]:
    """``name=value`` -> ``(name, value)`` (the value may itself contain ``=``).

    >>> parse_param("from=2020-01-01")
    ('from', '2020-01-01')
    """
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


# ----------------------------------------------------------------- subcommands


def _subparser(commands: Any, name: str, summary: str, text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=text,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _add_build(commands: Any) -> None:
    build = _subparser(commands, "build", "read articles into the store", _BUILD_HELP)
    build.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, glob or -")
    _add_store_option(build)
    build.add_argument(
        "--out", metavar="FILE", help="also write the graphs to FILE (.trig, .nq, .ttl, .jsonld)"
    )
    build.add_argument(
        "--batch-size",
        type=_positive_int,
        default=32,
        metavar="N",
        help="articles per spaCy batch (default: %(default)s)",
    )
    build.set_defaults(command=_run_build)


def _add_query(commands: Any) -> None:
    query = _subparser(commands, "query", "run a stored query", _QUERY_HELP)
    query.add_argument("name", nargs="?", metavar="NAME", help="the stored query to run")
    query.add_argument("--list", action="store_true", help="list the stored queries and exit")
    _add_store_option(query)
    query.add_argument(
        "--param",
        "-p",
        type=parse_param,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a query parameter (repeatable)",
    )
    query.add_argument(
        "--format",
        "-f",
        choices=["table", "csv", "json"],
        default="table",
        help="output format (default: %(default)s)",
    )
    query.set_defaults(command=_run_query, parser=query)


def _add_validate(commands: Any) -> None:
    validate = _subparser(commands, "validate", "check graphs against the shapes", _VALIDATE_HELP)
    target = validate.add_mutually_exclusive_group()
    target.add_argument("file", nargs="?", metavar="FILE", help="an RDF file to check")
    target.add_argument(
        "--store", metavar="DIR", help=f"the store to check (default: ./{DEFAULT_STORE})"
    )
    validate.set_defaults(command=_run_validate)


def _add_eval(commands: Any) -> None:
    evaluate = _subparser(commands, "eval", "score the extraction against gold", _EVAL_HELP)
    evaluate.add_argument("gold_dir", metavar="GOLD_DIR", help="directory of ARTICLE_ID.json")
    evaluate.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="file, directory, glob or - to build"
    )
    evaluate.add_argument("--json", action="store_true", help="print the result as JSON")
    evaluate.add_argument(
        "--store",
        metavar="DIR",
        help="build into DIR and keep it (default: a temporary store)",
    )
    evaluate.set_defaults(command=_run_eval, parser=evaluate)


def _add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="DIR",
        default=DEFAULT_STORE,
        help="the store directory (default: ./%(default)s)",
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


# -------------------------------------------------------------------- commands


def _run_build(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from kg.pipeline import build

    with tqdm(
        unit="article", file=sys.stderr, disable=not sys.stderr.isatty(), dynamic_ncols=True
    ) as bar:
        summary = build(
            args.paths,
            store_dir=args.store,
            out=args.out,
            batch_size=args.batch_size,
            on_error=lambda error: tqdm.write(f"error: {error}", file=sys.stderr),
            progress=bar.update,
        )
    print(summary, file=sys.stderr)
    return 0 if summary.ok else 1


def _run_query(args: argparse.Namespace) -> int:
    if args.name is None and not args.list:
        args.parser.error("give a query NAME, or --list to see them")
    params = _params(args.parser, args.param)
    from kg import queries

    if args.list:
        _print_catalogue(queries.list_queries(), sys.stdout)
        return 0
    from kg.formatting import render

    with _open_existing_store(args.store) as store:
        result = queries.run_query(args.name, store, params)
    print(render(result.columns, result.rows, args.format))
    return 0


def _run_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_graph

    if args.file is not None:
        data = _load_file(Path(args.file))
    else:
        with _open_existing_store(args.store or DEFAULT_STORE) as store:
            data = _dataset(store.dataset())
    report = validate_graph(data)
    print(report.text)
    return 0 if report.conforms else 1


def _run_eval(args: argparse.Namespace) -> int:
    gold_dir = Path(args.gold_dir)
    if not gold_dir.is_dir():
        args.parser.error(f"GOLD_DIR {args.gold_dir} is not a directory")
    if not any(gold_dir.glob("*.json")):
        args.parser.error(f"GOLD_DIR {args.gold_dir} holds no *.json gold files")
    import json

    from tqdm import tqdm

    from kg.evaluate import evaluate

    with tqdm(
        unit="article", file=sys.stderr, disable=not sys.stderr.isatty(), dynamic_ncols=True
    ) as bar:
        report = evaluate(
            gold_dir,
            args.inputs,
            store_dir=args.store,
            on_error=lambda error: tqdm.write(f"error: {error}", file=sys.stderr),
            progress=bar.update,
        )
    if report.build is not None:
        print(report.build, file=sys.stderr)
    print(json.dumps(report.as_dict(), indent=1) if args.json else report.text())
    return 0 if report.ok else 1


# --------------------------------------------------------------------- helpers


def _params(parser: argparse.ArgumentParser, pairs: list[tuple[str, str]]) -> dict[str, str]:
    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params:
            parser.error(f"parameter {name!r} given twice")
        params[name] = value
    return params


def _print_catalogue(entries: Sequence[StoredQuery], out: TextIO) -> None:
    """One line per stored query: its name, what it answers, the parameters it takes."""
    width = max((len(entry.name) for entry in entries), default=0)
    for entry in entries:
        params = " ".join(f"--param {p.name}={p.type.value.upper()}" for p in entry.params)
        line = f"{entry.name.ljust(width)}  {_first_sentence(entry.purpose)}"
        print(f"{line}  ({params})" if params else line, file=out)


def _first_sentence(text: str, limit: int = 60) -> str:
    """The first sentence of ``text``, cut at ``limit`` characters."""
    sentence = re.split(r"(?<=[.:;])\s", text.strip(), maxsplit=1)[0].rstrip(".:;")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _load_file(path: Path) -> Dataset:
    """An RDF file (format from its suffix) as a Dataset."""
    from rdflib import Dataset

    from kg.errors import InputError

    if not path.is_file():
        raise InputError(path, "no such file")
    dataset = Dataset()
    try:
        dataset.parse(path)
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise InputError(path, f"cannot parse as RDF ({exc})") from None
    return dataset


def _dataset(quads: Iterable[Quad]) -> Dataset:
    """The store's quads as an rdflib Dataset, the ontology graph left out."""
    from rdflib import Dataset, Graph
    from rdflib.term import IdentifiedNode

    from kg.ontology import ONTOLOGY_GRAPH

    dataset = Dataset()
    graphs: dict[IdentifiedNode, Graph] = {}
    for s, p, o, g in quads:
        if not isinstance(g, IdentifiedNode):
            dataset.add((s, p, o))
        elif str(g) != ONTOLOGY_GRAPH:
            graph = graphs.get(g) or graphs.setdefault(g, dataset.graph(g))
            graph.add((s, p, o))
    return dataset


def _open_existing_store(location: str) -> Store:
    """The store at ``location``, read-only; an error if there is none yet."""
    from kg.errors import StoreError
    from kg.store import open_store

    is_url = location.startswith(("http://", "https://"))
    if not is_url and not Path(location).is_dir():
        raise StoreError(
            f"no store at {location} (run `kg build PATH... --store {location}` first)"
        )
    return open_store(location, read_only=True)


def _error(error: BaseException) -> None:
    print(f"error: {error}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
