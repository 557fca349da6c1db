"""kg.ingest: seed text, JSON Lines, directories, globs and stdin; every bad input
is reported with its file (and line) and the other articles still come through."""

from __future__ import annotations

import datetime as dt
import doctest
import io
import json
import sys
from pathlib import Path

import pytest

import kg.errors
import kg.ingest
from kg.errors import InputError
from kg.ingest import iter_articles, iter_input_files
from kg.records import Article

REPO = Path(__file__).resolve().parents[2]

TIP = (
    '"On January 22, when it became dark up to 200 militants of the Turkistan Islamic '
    'Party attacked Syrian government forces\u2019 positions," the statement runs.'
)
ALEPPO = "A militant unit attacked Syria\u2019s Aleppo for the first time since December 2016."
IDLIB = "Nearly 40 Syrian troops were killed and 80 suffered wounds in the Idlib province."


def read(*sources: str | Path, **options: int) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    articles = list(iter_articles(sources, on_error=errors.append, **options))
    return articles, errors


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: object) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def messages(errors: list[InputError]) -> list[str]:
    return [str(error) for error in errors]


# ------------------------------------------------------------------ seed text


def test_seed_header_and_text_on_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "000_tip.txt", f" date 2020-01-23 {TIP}")
    [article], errors = read(path)
    assert errors == []
    assert article == Article(id="000_tip", text=TIP, date=dt.date(2020, 1, 23), path=str(path))
    start = article.text.index("up to 200")
    assert article.text[start : start + 9] == "up to 200"


def test_seed_header_on_its_own_line(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f" date 2020-01-24\n\n{ALEPPO}\n")
    [article], errors = read(tmp_path / "a.txt")
    assert errors == []
    assert article.date == dt.date(2020, 1, 24)
    assert article.text == ALEPPO + "\n"


def test_seed_without_header_is_read_whole_with_no_date(tmp_path: Path) -> None:
    write(tmp_path / "plain.txt", f"\n  {IDLIB}")
    write(tmp_path / "palms.txt", "date palms burned near Idlib.")
    articles, errors = read(tmp_path / "plain.txt", tmp_path / "palms.txt")
    assert errors == []
    assert [(a.id, a.date, a.text) for a in articles] == [
        ("plain", None, IDLIB),
        ("palms", None, "date palms burned near Idlib."),
    ]


@pytest.mark.parametrize("header", [" date 2020-13-45 ", " date 2020-1-5 ", "date 20200105 "])
def test_seed_header_with_bad_date_is_malformed(tmp_path: Path, header: str) -> None:
    bad = write(tmp_path / "bad.txt", header + TIP)
    good = write(tmp_path / "good.txt", f" date 2020-01-23 {TIP}")
    articles, errors = read(bad, good)
    assert [a.id for a in articles] == ["good"]
    [error] = errors
    assert error.path == str(bad)
    assert error.reason.startswith("malformed header")
    assert str(error).startswith(f"{bad}: malformed header")


def test_seed_header_without_text(tmp_path: Path) -> None:
    path = write(tmp_path / "hollow.txt", " date 2020-01-23 \n  \n")
    articles, errors = read(path)
    assert articles == []
    assert messages(errors) == [f"{path}: no article text after the header"]


def test_the_repository_seeds(tmp_path: Path) -> None:
    articles, errors = read(REPO / "seeds")
    assert errors == []
    assert [(a.id, a.date) for a in articles] == [
        ("000_619e0e6b1d1d4374", dt.date(2020, 1, 23)),
        ("003_a7f512804fc7d667", dt.date(2020, 1, 24)),
    ]
    assert articles[0].text.startswith('"On January 22, when it became dark')


# --------------------------------------------------------------- bad files


def test_missing_file(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ALEPPO)
    missing = tmp_path / "missing.txt"
    articles, errors = read(missing, good)
    assert [a.id for a in articles] == ["good"]
    assert messages(errors) == [f"{missing}: no such file or directory"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b" \n\t\n", "empty file (only whitespace)")],
)
def test_empty_file(tmp_path: Path, content: bytes, reason: str) -> None:
    empty = write(tmp_path / "empty.txt", content)
    good = write(tmp_path / "good.txt", ALEPPO)
    articles, errors = read(empty, good)
    assert [a.id for a in articles] == ["good"]
    assert messages(errors) == [f"{empty}: {reason}"]


def test_binary_file(tmp_path: Path) -> None:
    binary = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    good = write(tmp_path / "good.txt", ALEPPO)
    articles, errors = read(binary, good)
    assert [a.id for a in articles] == ["good"]
    assert messages(errors) == [f"{binary}: binary file (NUL byte at offset 8)"]


def test_not_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    latin1 = write(
        tmp_path / "latin1.txt", " date 2020-01-23 Alep\xe9 was shelled.".encode("latin-1")
    )
    good = write(tmp_path / "good.txt", ALEPPO)
    articles, errors = read(latin1, good)
    assert [a.id for a in articles] == ["good"]
    assert messages(errors) == [f"{latin1}: not UTF-8 (byte 0xe9 at offset 21)"]


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf date 2020-01-23 " + ALEPPO.encode())
    [article], errors = read(path)
    assert errors == []
    assert (article.date, article.text) == (dt.date(2020, 1, 23), ALEPPO)


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", " date 2020-01-23 " + "x" * 200)
    small = write(tmp_path / "small.txt", ALEPPO)
    articles, errors = read(big, small, max_bytes=100)
    assert [a.id for a in articles] == ["small"]
    assert messages(errors) == [f"{big}: too large (217 bytes, limit 100)"]


def test_default_limit_is_five_mebibytes() -> None:
    assert kg.ingest.DEFAULT_MAX_BYTES == 5 * 1024 * 1024


def test_duplicate_ids_in_one_run(tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "x.txt", ALEPPO)
    second = write(tmp_path / "b" / "x.txt", IDLIB)
    feed = write(tmp_path / "feed.jsonl", jsonl({"id": "x", "text": TIP}, {"id": "y", "text": TIP}))
    articles, errors = read(first, second, feed)
    assert [(a.id, a.text) for a in articles] == [("x", ALEPPO), ("y", TIP)]
    assert messages(errors) == [
        f"{second}: duplicate article id 'x' (first read from {first})",
        f"{feed}:1: duplicate article id 'x' (first read from {first})",
    ]


def test_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "seeds" / "a.txt", ALEPPO)
    articles, errors = read(path, tmp_path / "seeds", str(tmp_path / "seeds" / "*.txt"))
    assert errors == []
    assert [a.id for a in articles] == ["a"]


def test_articles_stream_one_file_at_a_time(tmp_path: Path) -> None:
    first = write(tmp_path / "first.txt", ALEPPO)
    second = write(tmp_path / "second.txt", IDLIB)
    errors: list[InputError] = []
    articles = iter_articles([first, second], on_error=errors.append)
    assert next(articles).id == "first"
    second.unlink()  # not read yet, so its loss shows up as an error now
    assert list(articles) == []
    assert messages(errors) == [f"{second}: no such file or directory"]


# ------------------------------------------------------------------ JSON Lines


def test_jsonl_records(tmp_path: Path) -> None:
    feed = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {
                "id": "tass-1",
                "date": "2020-01-23",
                "text": TIP,
                "title": "Militants attack",
                "url": "https://tass.com/world/1",
                "source": "TASS",
                "lang": "en",
            },
            {"id": 42, "date": "2020-01-24T09:30:00Z", "text": ALEPPO},
            {"id": "n3", "date": None, "text": IDLIB, "title": None},
        )
        + "\n   \n",
    )
    articles, errors = read(feed)
    assert errors == []
    assert articles == [
        Article(id="tass-1", text=TIP, date=dt.date(2020, 1, 23), title="Militants attack",
                url="https://tass.com/world/1", source="TASS", path=str(feed)),
        Article(id="42", text=ALEPPO, date=dt.date(2020, 1, 24), path=str(feed)),
        Article(id="n3", text=IDLIB, path=str(feed)),
    ]  # fmt: skip


def test_ndjson_suffix(tmp_path: Path) -> None:
    feed = write(tmp_path / "feed.ndjson", jsonl({"id": "a", "text": ALEPPO}))
    articles, errors = read(feed)
    assert (errors, [a.id for a in articles]) == ([], ["a"])


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "b", "text": ', "bad JSON (Expecting value at column 21)"),
        ('{"id": "b", "text": "x"} trailing', "bad JSON (Extra data at column 26)"),
        ('["b", "x"]', "expected a JSON object, got array"),
        ('{"text": "x"}', "missing field 'id'"),
        ('{"id": "b"}', "missing field 'text'"),
        ('{"id": "b", "text": "   "}', "field 'text' is empty"),
        ('{"id": "", "text": "x"}', "field 'id' is empty"),
        ('{"id": "b", "text": 7}', "field 'text' must be a string, got number"),
        ('{"id": true, "text": "x"}', "field 'id' must be a string, got boolean"),
        ('{"id": "b", "text": "x", "title": ["t"]}', "field 'title' must be a string, got array"),
        (
            '{"id": "b", "text": "x", "date": "2020-13-45"}',
            "field 'date' is not an ISO date: '2020-13-45'",
        ),
        (
            '{"id": "b", "text": "x", "date": "23 Jan 2020"}',
            "field 'date' is not an ISO date: '23 Jan 2020'",
        ),
        ('{"id": "b", "text": "x", "date": 20200123}', "field 'date' must be a string, got number"),
    ],
)
def test_jsonl_bad_line_names_file_line_and_reason(tmp_path: Path, line: str, reason: str) -> None:
    feed = write(
        tmp_path / "feed.jsonl",
        jsonl({"id": "a", "text": ALEPPO}) + line + "\n" + jsonl({"id": "c", "text": IDLIB}),
    )
    articles, errors = read(feed)
    assert [a.id for a in articles] == ["a", "c"]
    [error] = errors
    assert (error.path, error.line, error.reason) == (str(feed), 2, reason)
    assert str(error) == f"{feed}:2: {reason}"


def test_jsonl_bad_utf8_names_line_and_byte_offset(tmp_path: Path) -> None:
    first = jsonl({"id": "a", "text": ALEPPO}).encode()
    feed = write(
        tmp_path / "feed.jsonl",
        first + b'{"id": "b", "text": "Alep\xe9"}\n{"id": "c", "text": "x"}\n',
    )
    articles, errors = read(feed)
    assert [a.id for a in articles] == ["a", "c"]
    assert messages(errors) == [f"{feed}:2: not UTF-8 (byte 0xe9 at offset {len(first) + 25})"]


def test_jsonl_line_too_long(tmp_path: Path) -> None:
    feed = write(
        tmp_path / "feed.jsonl",
        jsonl({"id": "a", "text": "x" * 300}, {"id": "b", "text": ALEPPO}),
    )
    articles, errors = read(feed, max_bytes=200)
    assert [a.id for a in articles] == ["b"]
    assert messages(errors) == [f"{feed}:1: line too long (324 bytes, limit 200)"]


def test_jsonl_binary_data_stops_the_file(tmp_path: Path) -> None:
    feed = write(
        tmp_path / "feed.jsonl", jsonl({"id": "a", "text": ALEPPO}).encode() + b"\x00\x01\x02\n{}\n"
    )
    good = write(tmp_path / "good.txt", IDLIB)
    articles, errors = read(feed, good)
    assert [a.id for a in articles] == ["a", "good"]
    offset = len(jsonl({"id": "a", "text": ALEPPO}).encode())
    assert messages(errors) == [f"{feed}:2: binary data (NUL byte at offset {offset})"]


@pytest.mark.parametrize("content", ["", "\n  \n"])
def test_jsonl_empty_file(tmp_path: Path, content: str) -> None:
    feed = write(tmp_path / "feed.jsonl", content)
    articles, errors = read(feed)
    assert articles == []
    assert messages(errors) == [f"{feed}: empty file (no JSON records)"]


def test_other_suffix_is_sniffed(tmp_path: Path) -> None:
    feed = write(tmp_path / "export.json", jsonl({"id": "a", "text": ALEPPO}))
    text = write(tmp_path / "note.md", f" date 2020-01-23 {IDLIB}")
    articles, errors = read(feed, text)
    assert errors == []
    assert [(a.id, a.date) for a in articles] == [("a", None), ("note", dt.date(2020, 1, 23))]


# ---------------------------------------------------------- directories, globs


def test_directory_is_walked_sorted_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", IDLIB)
    write(root / "a.txt", ALEPPO)
    write(root / "sub" / "c.jsonl", jsonl({"id": "c", "text": TIP}))
    write(root / "sub" / "deeper" / "d.TXT", TIP)
    write(root / "a_first.ndjson", jsonl({"id": "e", "text": TIP}))
    write(root / ".hidden.txt", TIP)
    write(root / ".git" / "x.txt", TIP)
    write(root / "README.md", "not an article")
    write(root / "places.json", '{"not": "an article"}')
    articles, errors = read(root)
    assert errors == []
    assert [a.id for a in articles] == ["a", "e", "b", "c", "d"]
    files = list(iter_input_files([root], on_error=pytest.fail))
    assert [Path(f).name for f in files] == ["a.txt", "a_first.ndjson", "b.txt", "c.jsonl", "d.TXT"]


def test_glob_pattern(tmp_path: Path) -> None:
    write(tmp_path / "2020" / "01" / "x.jsonl", jsonl({"id": "x", "text": TIP}))
    write(tmp_path / "2020" / "02" / "y.jsonl", jsonl({"id": "y", "text": IDLIB}))
    write(tmp_path / "2020" / "02" / "z.txt", ALEPPO)
    articles, errors = read(str(tmp_path / "2020" / "**" / "*.jsonl"))
    assert errors == []
    assert [a.id for a in articles] == ["x", "y"]


def test_glob_matching_nothing(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ALEPPO)
    pattern = str(tmp_path / "*.jsonl")
    articles, errors = read(pattern, good)
    assert [a.id for a in articles] == ["good"]
    assert messages(errors) == [f"{pattern}: no files match this pattern"]


# ----------------------------------------------------------------------- stdin


def test_stdin_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    feed = (
        "\n  \n"
        + jsonl({"id": "s1", "text": ALEPPO})
        + '{"id": "s2"}\n'
        + jsonl({"id": "s3", "text": IDLIB})
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(feed))
    articles, errors = read("-")
    assert [(a.id, a.path) for a in articles] == [("s1", None), ("s3", None)]
    assert messages(errors) == ["<stdin>:4: missing field 'text'"]


def test_stdin_seed_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(f" date 2020-01-23 {TIP}".encode()))
    )
    [article], errors = read("-")
    assert errors == []
    assert (article.id, article.date, article.text) == ("stdin", dt.date(2020, 1, 23), TIP)


def test_stdin_without_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"\n{IDLIB}\n"))
    [article], errors = read("-")
    assert errors == []
    assert (article.id, article.date, article.text) == ("stdin", None, IDLIB + "\n")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b" date 2020-02-30 text", "malformed header: '2020-02-30' is not a date (YYYY-MM-DD)"),
        (b"\n\nAlep\xe9", "not UTF-8 (byte 0xe9 at offset 6)"),
        (b"x" * 150, "too large (over 100 bytes)"),
        (b"short\n" + b"x" * 150, "too large (over 100 bytes)"),
    ],
)
def test_stdin_errors(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: bytes, reason: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content)))
    good = write(tmp_path / "good.txt", ALEPPO)
    articles, errors = read("-", good, max_bytes=100)
    assert [a.id for a in articles] == ["good"]
    assert messages(errors) == [f"<stdin>: {reason}"]


# -------------------------------------------------------------------- doctests


@pytest.mark.parametrize("module", [kg.ingest, kg.errors], ids=lambda m: m.__name__)
def test_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0
