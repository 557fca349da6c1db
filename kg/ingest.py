"""Read articles from files, directories, glob patterns and stdin, one at a time.

Two formats are read:

* **Seed text** (``*.txt``): the file starts with the header `` date YYYY-MM-DD ``
  and the article text follows, on the same line or the next.  ``Article.text`` is
  everything after the header with leading whitespace removed, so extracted
  offsets index into it; ``Article.id`` is the file stem.  A file whose first word
  is not ``date`` has no header: it is read as a whole with ``date=None``.  A
  header whose date is not a real ``YYYY-MM-DD`` date (``date 2020-13-45``) is an
  error, not a header-less article.
* **JSON Lines** (``*.jsonl``, ``*.ndjson``): one object per line with ``id`` and
  ``text`` (required) and ``date`` (ISO date or date-time), ``title``, ``url``,
  ``source`` (optional); blank lines are skipped, other keys ignored.

A source is a file, a directory (searched recursively in sorted order for
``*.txt``, ``*.jsonl`` and ``*.ndjson``; hidden files and directories skipped), a
glob pattern (``'feeds/**/*.jsonl'``) or ``-`` for stdin (JSON Lines when its
first non-blank character is ``{``, else one seed-text article with id
``stdin``).  A named file with another suffix is sniffed the same way.

Every problem (missing file, empty file, binary data, bad UTF-8, a seed file
larger than ``max_bytes``, a malformed header, a bad JSON line, a missing field,
an id seen before in the run) becomes an ``InputError`` passed to ``on_error``;
the run goes on with the next article.  Files are read one at a time and JSON
Lines line by line, so memory does not grow with the corpus (apart from the set
of ids seen, needed to refuse duplicates).  For JSON Lines ``max_bytes`` limits
each line (one article), not the file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from glob import glob
from pathlib import Path
from typing import BinaryIO, NamedTuple

from kg.errors import InputError
from kg.records import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN",
    "iter_articles",
    "iter_input_files",
    "parse_seed_text",
    "article_from_json",
]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
"""Largest seed file, or JSON line, read (5 MiB)."""

STDIN = "-"
"""The source name that reads standard input."""

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
STDIN_NAME = "<stdin>"

ErrorHandler = Callable[[InputError], None]

_HEADER = re.compile(r"[ \t]*date[ \t]+(\d\S*)(?=\s|$)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_GLOB_CHARS = re.compile(r"[*?\[]")
_OPTIONAL_FIELDS = ("title", "url", "source")


class _Invalid(ValueError):
    """A reason an input is refused; the caller adds where it was found."""


# --------------------------------------------------------------------------- API


def iter_articles(
    sources: Iterable[str | os.PathLike[str]],
    *,
    on_error: ErrorHandler,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article]:
    """Yield the articles of ``sources`` one by one; report bad input to ``on_error``.

    The same file named twice (directly, through a directory or a glob) is read
    once.  An article whose id was already read in this run is an error.
    """
    seen_ids: dict[str, str] = {}
    for item in _iter_items(sources, on_error=on_error, max_bytes=max_bytes):
        if isinstance(item, InputError):
            on_error(item)
            continue
        article, line = item
        where = _where(article.path, line)
        if article.id in seen_ids:
            on_error(_duplicate(article, line, seen_ids[article.id]))
        else:
            seen_ids[article.id] = where
            yield article


def iter_input_files(
    sources: Iterable[str | os.PathLike[str]], *, on_error: ErrorHandler
) -> Iterator[Path | str]:
    """Expand ``sources`` into the files to read, in order, each once.

    Yields ``Path`` objects, and the string ``"-"`` for stdin.  Sources that
    name nothing (a missing path, a glob matching no file) go to ``on_error``.
    """
    seen: set[Path] = set()
    for source in sources:
        for path in _expand(source, on_error):
            if isinstance(path, str):
                yield path
                continue
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


def parse_seed_text(text: str, *, article_id: str, path: str | None = None) -> Article:
    """Parse one seed-text article (header `` date YYYY-MM-DD `` then the text).

    >>> a = parse_seed_text(' date 2020-01-23 Some 450 militants attacked.', article_id='x')
    >>> a.date, a.text
    (datetime.date(2020, 1, 23), 'Some 450 militants attacked.')
    >>> parse_seed_text('No header here.', article_id='y').date is None
    True
    """
    where = path or STDIN_NAME
    try:
        date, body = _split_header(text)
    except _Invalid as exc:
        raise InputError(where, str(exc)) from None
    if not body:
        raise InputError(where, "no article text after the header")
    return Article(id=article_id, text=body, date=date, path=path)


def article_from_json(record: object, *, path: str | None = None) -> Article:
    """Build an ``Article`` from one decoded JSON Lines record.

    Raises ``ValueError`` naming the field at fault; the reader adds file and line.

    >>> article_from_json({'id': 'a1', 'text': 'Shelling in Idlib.', 'date': '2020-01-02'}).date
    datetime.date(2020, 1, 2)
    """
    if not isinstance(record, dict):
        raise _Invalid(f"expected a JSON object, got {_json_type(record)}")
    article_id = _required_string(record, "id")
    text = _required_string(record, "text")
    extras = {name: _optional_string(record, name) for name in _OPTIONAL_FIELDS}
    return Article(
        id=article_id,
        text=text,
        date=_json_date(record.get("date")),
        path=path,
        **extras,
    )


# ----------------------------------------------------------- sources -> files


def _expand(source: str | os.PathLike[str], on_error: ErrorHandler) -> Iterator[Path | str]:
    """The files one source stands for."""
    name = os.fspath(source)
    if name == STDIN:
        yield STDIN
        return
    path = Path(name)
    if path.is_dir():
        yield from _walk(path)
    elif path.exists() or path.is_symlink():
        yield path
    elif _GLOB_CHARS.search(name):
        yield from _glob(name, on_error)
    else:
        on_error(InputError(name, "no such file or directory"))


def _walk(directory: Path) -> Iterator[Path]:
    """Article files under ``directory``, recursively, sorted, hidden ones skipped."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            suffix = os.path.splitext(name)[1].lower()
            if not name.startswith(".") and suffix in TEXT_SUFFIXES | JSONL_SUFFIXES:
                yield Path(root, name)


def _glob(pattern: str, on_error: ErrorHandler) -> Iterator[Path]:
    """Files matching ``pattern``; matched directories are walked."""
    matches = sorted(glob(pattern, recursive=True))
    if not matches:
        on_error(InputError(pattern, "no files match this pattern"))
    for match in matches:
        path = Path(match)
        yield from _walk(path) if path.is_dir() else (path,)


# ----------------------------------------------------------- files -> articles

_Item = tuple[Article, int | None] | InputError
"""An article with its line number (JSON Lines), or why an input was refused."""


def _iter_items(
    sources: Iterable[str | os.PathLike[str]], *, on_error: ErrorHandler, max_bytes: int
) -> Iterator[_Item]:
    for path in iter_input_files(sources, on_error=on_error):
        if isinstance(path, str):
            yield from _read_stdin(max_bytes)
        else:
            yield from _read_file(path, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[_Item]:
    """The articles, or errors, of one file."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl_file(path, max_bytes)
            return
        data = _read_small_file(path, max_bytes)
    except InputError as exc:
        yield exc
        return
    if suffix not in TEXT_SUFFIXES and _looks_like_json(data):
        yield from _jsonl_items(_raw_lines(io.BytesIO(data), max_bytes), str(path), max_bytes)
    else:
        yield _seed_item(data, article_id=path.stem, path=str(path))


def _read_small_file(path: Path, max_bytes: int) -> bytes:
    """All bytes of a file no larger than ``max_bytes`` (size checked before reading)."""
    size = _stat_size(path)
    if size > max_bytes:
        raise InputError(path, f"too large ({size} bytes, limit {max_bytes})")
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(path, _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise InputError(path, f"too large (over {max_bytes} bytes)")
    return data


def _stat_size(path: Path) -> int:
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError(path, _os_reason(exc)) from None
    if not path.is_file():
        raise InputError(path, "not a regular file")
    return stat.st_size


def _seed_item(data: bytes, *, article_id: str, path: str | None) -> _Item:
    """Decode and parse one seed-text article, or say why not."""
    where = path or STDIN_NAME
    try:
        text = _decode(data)
    except _Invalid as exc:
        return InputError(where, str(exc))
    if not text.strip():
        return InputError(where, "empty file" if not text else "empty file (only whitespace)")
    try:
        return parse_seed_text(text, article_id=article_id, path=path), None
    except InputError as exc:
        return exc


def _read_jsonl_file(path: Path, max_bytes: int) -> Iterator[_Item]:
    _stat_size(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise InputError(path, _os_reason(exc)) from None
    with stream:
        yield from _jsonl_items(_raw_lines(stream, max_bytes), str(path), max_bytes)


def _read_stdin(max_bytes: int) -> Iterator[_Item]:
    """Stdin as JSON Lines (first non-blank character ``{``) or as one seed article."""
    stream = _stdin_bytes()
    lines = _raw_lines(stream, max_bytes)
    head: list[bytes | _TooLong] = []
    for line in lines:
        head.append(line)
        if isinstance(line, _TooLong) or line.strip():
            break
    first = head[-1] if head else b""
    if isinstance(first, bytes) and first.lstrip().startswith(b"{"):
        yield from _jsonl_items(_chain(head, lines), None, max_bytes)
        return
    if isinstance(first, _TooLong):
        yield InputError(STDIN_NAME, f"too large (over {max_bytes} bytes)")
        return
    data = b"".join(line for line in head if isinstance(line, bytes))
    data += stream.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        yield InputError(STDIN_NAME, f"too large (over {max_bytes} bytes)")
    else:
        yield _seed_item(data, article_id="stdin", path=None)


def _stdin_bytes() -> BinaryIO:
    """Standard input as bytes (test doubles without ``.buffer`` are encoded)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


# ------------------------------------------------------------------ JSON Lines


class _TooLong(NamedTuple):
    """A line longer than the limit, skipped without keeping it."""

    size: int


def _raw_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | _TooLong]:
    """The lines of ``stream``; a line longer than ``max_bytes`` comes as ``_TooLong``."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while (rest := stream.readline(max_bytes + 1)) and not rest.endswith(b"\n"):
            size += len(rest)
        yield _TooLong(size + len(rest))


def _jsonl_items(
    lines: Iterable[bytes | _TooLong], path: str | None, max_bytes: int
) -> Iterator[_Item]:
    """Articles or errors from JSON Lines; a NUL byte stops the file (binary data)."""
    where = path or STDIN_NAME
    offset, records = 0, 0
    for number, line in enumerate(lines, start=1):
        if isinstance(line, _TooLong):
            reason = f"line too long ({line.size} bytes, limit {max_bytes})"
            yield InputError(where, reason, line=number)
            offset, records = offset + line.size, records + 1
            continue
        if b"\0" in line:
            at = offset + line.index(b"\0")
            yield InputError(where, f"binary data (NUL byte at offset {at})", line=number)
            return
        try:
            article = _jsonl_article(line, offset, path)
        except _Invalid as exc:
            yield InputError(where, str(exc), line=number)
        else:
            if article is not None:
                yield article, number
        records += bool(line.strip())
        offset += len(line)
    if not records:
        yield InputError(where, "empty file (no JSON records)")


def _jsonl_article(line: bytes, offset: int, path: str | None) -> Article | None:
    """One JSON line as an article; ``None`` for a blank line."""
    text = _decode(line, offset=offset)
    if not text.strip():
        return None
    try:
        record = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        raise _Invalid(f"bad JSON ({exc.msg} at column {exc.colno})") from None
    return article_from_json(record, path=path)


def _required_string(record: dict[str, object], name: str) -> str:
    value = record.get(name)
    if value is None:
        raise _Invalid(f"missing field {name!r}")
    if isinstance(value, int) and not isinstance(value, bool) and name == "id":
        value = str(value)
    if not isinstance(value, str):
        raise _Invalid(f"field {name!r} must be a string, got {_json_type(value)}")
    if not value.strip():
        raise _Invalid(f"field {name!r} is empty")
    return value


def _optional_string(record: dict[str, object], name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value or None
    raise _Invalid(f"field {name!r} must be a string, got {_json_type(value)}")


def _json_date(value: object) -> dt.date | None:
    """An ISO date, or the date part of an ISO date-time; ``None``/missing allowed."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _Invalid(f"field 'date' must be a string, got {_json_type(value)}")
    try:
        if len(value) > 10:
            return dt.datetime.fromisoformat(value).date()
        return _iso_date(value)
    except ValueError:
        raise _Invalid(f"field 'date' is not an ISO date: {value!r}") from None


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


# --------------------------------------------------------------------- helpers


def _split_header(text: str) -> tuple[dt.date | None, str]:
    """``(date, body)`` of a seed text; no header gives ``(None, text.lstrip())``."""
    match = _HEADER.match(text)
    if match is None:
        return None, text.lstrip()
    token = match.group(1)
    try:
        date = _iso_date(token)
    except ValueError:
        raise _Invalid(f"malformed header: {token!r} is not a date (YYYY-MM-DD)") from None
    return date, text[match.end() :].lstrip()


def _iso_date(token: str) -> dt.date:
    """Strict ``YYYY-MM-DD`` (``date.fromisoformat`` alone also takes ``20200123``)."""
    if not _ISO_DATE.fullmatch(token):
        raise ValueError(token)
    return dt.date.fromisoformat(token)


def _decode(data: bytes, *, offset: int = 0) -> str:
    """UTF-8 text (a leading BOM dropped); NUL bytes or bad bytes are refused."""
    nul = data.find(b"\0")
    if nul >= 0:
        raise _Invalid(f"binary file (NUL byte at offset {offset + nul})")
    if data.startswith(codecs.BOM_UTF8):
        data, offset = data[len(codecs.BOM_UTF8) :], offset + len(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise _Invalid(f"not UTF-8 (byte 0x{bad:02x} at offset {offset + exc.start})") from None


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip().startswith(b"{")


def _chain(
    head: list[bytes | _TooLong], rest: Iterator[bytes | _TooLong]
) -> Iterator[bytes | _TooLong]:
    yield from head
    yield from rest


def _duplicate(article: Article, line: int | None, first: str) -> InputError:
    return InputError(
        article.path or STDIN_NAME,
        f"duplicate article id {article.id!r} (first read from {first})",
        line=line,
    )


def _where(path: str | None, line: int | None) -> str:
    where = path or STDIN_NAME
    return where if line is None else f"{where}:{line}"


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
