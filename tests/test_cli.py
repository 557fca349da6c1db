"""kg.cli: help texts, argument checking and exit codes (no NLP needed here)."""

from __future__ import annotations

import csv
import doctest
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kg.cli
from kg.cli import main, make_parser, parse_param


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``kg ARGV...`` in process: (exit status, stdout, stderr)."""
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse: --help, usage errors
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def test_help_names_the_commands_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for text in ("build", "query", "validate", "kg build seeds/", "kg query --list"):
        assert text in out


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            "build",
            ["PATH", "--store", "--out", "--batch-size", "kg build seeds/", "date YYYY-MM-DD"],
        ),
        ("query", ["NAME", "--list", "--param", "--format", "attacks_at_place --param place="]),
        ("validate", ["FILE", "--store", "kg validate kg.trig"]),
    ],
)
def test_subcommand_help(
    capsys: pytest.CaptureFixture[str], command: str, expected: list[str]
) -> None:
    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    for text in expected:
        assert text in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys)
    assert status == 2
    assert "usage: kg" in err


def test_build_needs_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "build")
    assert status == 2
    assert "PATH" in err


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_build_batch_size_must_be_positive(capsys: pytest.CaptureFixture[str], value: str) -> None:
    status, _, err = run(capsys, "build", "seeds", "--batch-size", value)
    assert status == 2
    assert "--batch-size" in err


def test_build_defaults() -> None:
    args = make_parser().parse_args(["build", "seeds", "extra.jsonl"])
    assert (args.paths, args.store, args.out, args.batch_size) == (
        ["seeds", "extra.jsonl"],
        "kg-store",
        None,
        32,
    )


def test_build_refuses_an_unknown_output_suffix_before_any_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    status, _, err = run(capsys, "build", "seeds", "--store", str(store), "--out", "kg.xml")
    assert status == 1
    assert err.startswith("error: kg.xml: unknown RDF file suffix '.xml'")
    assert not store.exists()


def test_query_needs_a_name_or_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "query")
    assert status == 2
    assert "give a query NAME, or --list" in err


@pytest.mark.parametrize("param", ["place", "=Aleppo"])
def test_query_param_must_be_name_value(capsys: pytest.CaptureFixture[str], param: str) -> None:
    status, _, err = run(capsys, "query", "attacks_at_place", "--param", param)
    assert status == 2
    assert "expected NAME=VALUE" in err


def test_query_param_given_twice(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "query", "q", "--param", "a=1", "--param", "a=2")
    assert status == 2
    assert "parameter 'a' given twice" in err


def test_query_params_and_format() -> None:
    args = make_parser().parse_args(
        ["query", "timeline", "-p", "from=2020-01-01", "--param", "to=2020-01-31", "-f", "csv"]
    )
    assert (args.name, args.param, args.format, args.store) == (
        "timeline",
        [("from", "2020-01-01"), ("to", "2020-01-31")],
        "csv",
        "kg-store",
    )


def test_query_format_choices(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "query", "timeline", "--format", "xml")
    assert status == 2
    assert "invalid choice: 'xml'" in err


def test_query_list_names_the_stored_queries(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("kg.queries", reason="the query catalogue is not in this tree yet")
    status, out, _ = run(capsys, "query", "--list")
    assert status == 0
    names = [line.split()[0] for line in out.splitlines() if line.strip()]
    assert "attacks_at_place" in names
    assert "timeline" in names


def test_validate_file_and_store_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "validate", "kg.trig", "--store", "kg-store")
    assert status == 2
    assert "not allowed with argument" in err


def test_parse_param_keeps_equals_signs_in_the_value() -> None:
    assert parse_param("url=https://x/?a=b") == ("url", "https://x/?a=b")


def test_module_runs_as_a_script() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr
    assert "usage: kg" in done.stdout


def test_doctests() -> None:
    result = doctest.testmod(kg.cli)
    assert result.attempted > 0
    assert result.failed == 0


# ------------------------------------------------ real runs (spaCy, embedded store)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SUMMARY = r"(\d+) articles, (\d+) attacks, (\d+) triples, (\d+) errors"


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    assert main(["build", str(SEEDS), "--store", str(store)]) == 0
    return store


def test_build_reports_each_bad_input_on_one_line_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    seed = SEEDS / "000_619e0e6b1d1d4374.txt"
    status, out, err = run(capsys, "build", str(empty), str(seed), "--store", str(tmp_path / "s"))
    assert status == 1
    assert out == ""
    lines = err.splitlines()  # not a terminal: no progress bar
    assert lines[0] == f"error: {empty}: empty file"
    match = re.fullmatch(SUMMARY, lines[1])
    assert match is not None, lines
    assert (match[1], match[4]) == ("1", "1")
    assert len(lines) == 2


def test_build_of_good_articles_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "build", str(SEEDS), "--store", str(tmp_path / "s"))
    assert status == 0
    match = re.fullmatch(SUMMARY, err.strip())
    assert match is not None, err
    assert (match[1], match[4]) == ("2", "0")
    assert int(match[2]) > 0


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_prints_the_result(
    capsys: pytest.CaptureFixture[str], built_store: Path, fmt: str
) -> None:
    status, out, err = run(
        capsys, "query", "attacks_at_place", "--param", "place=Aleppo",
        "--store", str(built_store), "--format", fmt,
    )  # fmt: skip
    assert (status, err) == (0, "")
    if fmt == "json":
        rows = json.loads(out)
        assert rows
        assert all("Aleppo" in row["matched"] for row in rows)
    elif fmt == "csv":
        header, *rows = list(csv.reader(io.StringIO(out)))
        assert "matched" in header
        assert rows
    else:
        assert out.splitlines()[1].startswith("---")


def test_query_errors(capsys: pytest.CaptureFixture[str], built_store: Path) -> None:
    status, _, err = run(capsys, "query", "no_such_query", "--store", str(built_store))
    assert status == 1
    assert err.startswith("error: unknown query 'no_such_query'")
    status, _, err = run(capsys, "query", "timeline", "--store", str(built_store))
    assert status == 1
    assert "missing parameter" in err


def test_query_without_a_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    none = tmp_path / "none"
    status, _, err = run(capsys, "query", "attacks", "--store", str(none))
    assert status == 1
    assert err == f"error: no store at {none} (run `kg build PATH... --store {none}` first)\n"
    assert not none.exists()


def test_validate_the_built_store(capsys: pytest.CaptureFixture[str], built_store: Path) -> None:
    status, out, _ = run(capsys, "validate", "--store", str(built_store))
    assert (status, out) == (0, "conforms\n")


def test_validate_a_file_with_violations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kg: <https://w3id.org/kg/ontology#> .\n"
        "<https://w3id.org/kg/id/article/x/attack/1> a kg:Attack .\n"
    )
    status, out, _ = run(capsys, "validate", str(bad))
    assert status == 1
    assert "attack/1" in out


@pytest.mark.parametrize(
    ("content", "reason"), [(None, "no such file"), ("<a> <b> .", "cannot parse as RDF")]
)
def test_validate_an_unreadable_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | None, reason: str
) -> None:
    path = tmp_path / "g.ttl"
    if content is not None:
        path.write_text(content)
    status, _, err = run(capsys, "validate", str(path))
    assert status == 1
    assert err.startswith(f"error: {path}: {reason}")
