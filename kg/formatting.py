"""Render query results (column names plus rows of values) as a table, CSV or JSON.

A row is a sequence of cells in column order or a mapping from column name to
cell (a missing name is unbound).  Cells may be plain Python values, ``None``
(unbound), or RDF terms (rdflib or pyoxigraph); they are shown by their lexical
value.

>>> print(render(["place", "attacks"], [["Aleppo", 2], ["Idlib", 11]], "table"))
place   attacks
------  -------
Aleppo        2
Idlib        11
>>> print(render(["place", "attacks"], [["Aleppo", 2]], "csv"), end="")
place,attacks
Aleppo,2
>>> print(render(["place", "attacks"], [["Aleppo", 2]], "json"))
[
  {"place": "Aleppo", "attacks": 2}
]
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum

__all__ = [
    "ResultFormat",
    "render",
    "format_table",
    "format_csv",
    "format_json",
    "cell_text",
]

Row = Sequence[object] | Mapping[str, object]


class ResultFormat(StrEnum):
    """The output formats of ``kg query``."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def render(
    columns: Sequence[str], rows: Iterable[Row], fmt: ResultFormat | str = ResultFormat.TABLE
) -> str:
    """``rows`` under ``columns`` in format ``fmt`` (``table``, ``csv`` or ``json``)."""
    fmt = ResultFormat(fmt)
    if fmt is ResultFormat.CSV:
        return format_csv(columns, rows)
    if fmt is ResultFormat.JSON:
        return format_json(columns, rows)
    return format_table(columns, rows)


def format_table(columns: Sequence[str], rows: Iterable[Row], *, max_width: int = 60) -> str:
    """An aligned plain-text table; numeric columns right-aligned, long cells cut with ``…``.

    >>> print(format_table(["a"], []))
    a
    -
    (no rows)
    """
    cells = [[_table_cell(value, max_width) for value in row] for row in _cells(columns, rows)]
    widths = [len(name) for name in columns]
    for row in cells:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    numeric = [_is_numeric_column(cells, i) for i in range(len(columns))]
    lines = [
        _table_line(columns, widths, [False] * len(columns)),
        _table_line(["-" * width for width in widths], widths, numeric),
    ]
    lines += [_table_line(row, widths, numeric) for row in cells]
    if not cells:
        lines.append("(no rows)")
    return "\n".join(lines)


def format_csv(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """RFC 4180 CSV with a header row; unbound cells are empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell_text(value) for value in row] for row in _cells(columns, rows))
    return buffer.getvalue()


def format_json(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """A JSON array with one object per row; unbound cells are ``null``.

    >>> format_json(["n"], [])
    '[]'
    """
    lines = [
        json.dumps(
            {name: _json_value(value) for name, value in zip(columns, row, strict=True)},
            ensure_ascii=False,
        )
        for row in _cells(columns, rows)
    ]
    if not lines:
        return "[]"
    return "[\n  " + ",\n  ".join(lines) + "\n]"


def cell_text(value: object) -> str:
    """The text shown for one cell: the lexical value of an RDF term, ``""`` for None.

    >>> cell_text(None), cell_text(3), cell_text(dt.date(2020, 1, 23))
    ('', '3', '2020-01-23')
    """
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    lexical = getattr(value, "value", None)  # pyoxigraph terms
    if isinstance(lexical, str):
        return lexical
    return str(value)


# --------------------------------------------------------------------- helpers


def _cells(columns: Sequence[str], rows: Iterable[Row]) -> Iterator[Sequence[object]]:
    """Each row as a sequence in column order; a row of the wrong length is an error."""
    for row in rows:
        if isinstance(row, Mapping):
            yield [row.get(name) for name in columns]
        elif len(row) != len(columns):
            raise ValueError(f"row has {len(row)} cells for {len(columns)} columns: {row!r}")
        else:
            yield row


def _table_cell(value: object, max_width: int) -> str:
    text = " ".join(cell_text(value).split())
    if len(text) > max_width:
        return text[: max_width - 1] + "…"
    return text


def _table_line(cells: Sequence[str], widths: Sequence[int], right: Sequence[bool]) -> str:
    parts = [
        cell.rjust(width) if is_right else cell.ljust(width)
        for cell, width, is_right in zip(cells, widths, right, strict=True)
    ]
    return "  ".join(parts).rstrip()


def _is_numeric_column(cells: Sequence[Sequence[str]], index: int) -> bool:
    values = [row[index] for row in cells if row[index]]
    return bool(values) and all(_is_number(value) for value in values)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _json_value(value: object) -> object:
    """A JSON-ready value: RDF literals become numbers, booleans or strings."""
    to_python = getattr(value, "toPython", None)  # rdflib terms
    if callable(to_python):
        value = to_python()
    value = _oxigraph_literal_value(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return cell_text(value)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_INTEGERS = {
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
}  # fmt: skip


def _oxigraph_literal_value(value: object) -> object:
    """Numbers and booleans out of a pyoxigraph ``Literal``; anything else unchanged."""
    datatype = getattr(getattr(value, "datatype", None), "value", None)
    lexical = getattr(value, "value", None)
    if not isinstance(datatype, str) or not isinstance(lexical, str):
        return value
    local = datatype.removeprefix(_XSD)
    try:
        if local in _XSD_INTEGERS:
            return int(lexical)
        if local in {"decimal", "double", "float"}:
            return float(lexical)
    except ValueError:
        return lexical
    if local == "boolean":
        return lexical in {"true", "1"}
    return value
