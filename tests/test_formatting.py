"""kg.formatting: aligned tables, CSV through the csv module, JSON objects."""

from __future__ import annotations

import csv
import datetime as dt
import doctest
import io
import json
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

import kg.formatting
from kg.formatting import ResultFormat, cell_text, format_csv, format_json, format_table, render

XSD = "http://www.w3.org/2001/XMLSchema#"
COLUMNS = ["attack", "place", "killed"]
ROWS = [
    [URIRef("https://w3id.org/kg/id/article/a/attack/1"), Literal("Aleppo"), Literal(2)],
    [URIRef("https://w3id.org/kg/id/article/a/attack/2"), Literal("Maar Shamarin"), None],
    [URIRef("https://w3id.org/kg/id/article/b/attack/1"), Literal('Idlib, "north"'), Literal(40)],
]


def test_table_aligns_columns_and_right_aligns_numbers() -> None:
    assert format_table(COLUMNS, ROWS).splitlines() == [
        "attack                                     place           killed",
        "-----------------------------------------  --------------  ------",
        "https://w3id.org/kg/id/article/a/attack/1  Aleppo               2",
        "https://w3id.org/kg/id/article/a/attack/2  Maar Shamarin",
        'https://w3id.org/kg/id/article/b/attack/1  Idlib, "north"      40',
    ]


def test_table_flattens_whitespace_and_cuts_long_cells() -> None:
    table = format_table(["text"], [["line one\nline  two"], ["x" * 100]], max_width=20)
    assert table.splitlines()[2:] == ["line one line two", "x" * 19 + "…"]


def test_table_without_rows() -> None:
    assert format_table(["place", "n"], []) == "place  n\n-----  -\n(no rows)"


def test_csv_has_a_header_and_quotes_as_the_csv_module_does() -> None:
    text = format_csv(COLUMNS, ROWS)
    assert list(csv.reader(io.StringIO(text))) == [
        COLUMNS,
        ["https://w3id.org/kg/id/article/a/attack/1", "Aleppo", "2"],
        ["https://w3id.org/kg/id/article/a/attack/2", "Maar Shamarin", ""],
        ["https://w3id.org/kg/id/article/b/attack/1", 'Idlib, "north"', "40"],
    ]
    assert 'b/attack/1,"Idlib, ""north""",40\n' in text


def test_json_is_a_list_of_objects_with_typed_values() -> None:
    rows = [
        [Literal(40), Literal("2020-01-22", datatype=URIRef(XSD + "date")), Literal(True)],
        [Literal("7.5", datatype=URIRef(XSD + "decimal")), None, Literal("x", lang="en")],
        [ox.Literal("12", datatype=ox.NamedNode(XSD + "integer")), ox.NamedNode("http://ex/a"),
         ox.Literal("Алеппо")],
    ]  # fmt: skip
    assert json.loads(format_json(["n", "d", "b"], rows)) == [
        {"n": 40, "d": "2020-01-22", "b": True},
        {"n": 7.5, "d": None, "b": "x"},
        {"n": 12, "d": "http://ex/a", "b": "Алеппо"},
    ]


def test_json_without_rows() -> None:
    assert json.loads(format_json(["a"], [])) == []


def test_rows_may_be_mappings() -> None:
    rows = [{"place": "Aleppo", "n": "2"}, {"place": "Idlib"}]
    assert json.loads(render(["place", "n"], rows, "json")) == [
        {"place": "Aleppo", "n": "2"},
        {"place": "Idlib", "n": None},
    ]


def test_row_of_the_wrong_length_is_an_error() -> None:
    with pytest.raises(ValueError, match="row has 1 cells for 2 columns"):
        format_csv(["a", "b"], [["x"]])


@pytest.mark.parametrize("fmt", list(ResultFormat))
def test_render_dispatches_on_format(fmt: ResultFormat) -> None:
    expected = {
        ResultFormat.TABLE: format_table,
        ResultFormat.CSV: format_csv,
        ResultFormat.JSON: format_json,
    }[fmt](COLUMNS, ROWS)
    assert render(COLUMNS, ROWS, fmt.value) == expected


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="xml"):
        render(COLUMNS, ROWS, "xml")


def test_cell_text() -> None:
    assert cell_text(None) == ""
    assert cell_text(dt.date(2020, 1, 23)) == "2020-01-23"
    assert cell_text(ox.Literal("Aleppo")) == "Aleppo"
    assert cell_text(Decimal("1.5")) == "1.5"


def test_doctests() -> None:
    result = doctest.testmod(kg.formatting)
    assert result.attempted > 0
    assert result.failed == 0
