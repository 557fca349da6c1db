"""Numbers as reporters write them, on tokenized real phrases."""

import pytest
import spacy

from kg.extract.numbers import parse_number, quantity_at
from kg.records import Qualifier

nlp = spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "low", "high"),
    [
        ("up to 50 militants", 50, Qualifier.UP_TO, None, 50),
        ("nearly 40 troops", 40, Qualifier.NEARLY, None, 40),
        ("some 250 people", 250, Qualifier.ABOUT, None, None),
        ("at least 7 civilians", 7, Qualifier.AT_LEAST, 7, None),
        ("more than 300 fighters", 300, Qualifier.MORE_THAN, 300, None),
        ("seven militants", 7, Qualifier.EXACT, 7, 7),
        ("twenty-five soldiers", 25, Qualifier.EXACT, 25, 25),
        ("1,200 troops", 1200, Qualifier.EXACT, 1200, 1200),
        ("between 10 and 15 soldiers", 10, Qualifier.RANGE, 10, 15),
        ("hundreds of terrorists", None, Qualifier.VAGUE, 200, 999),
        ("dozens of civilians", None, Qualifier.VAGUE, 24, 99),
    ],
)
def test_quantity_at_start(text, value, qualifier, low, high):
    found = quantity_at(nlp(text), 0)
    assert found is not None
    assert (found.quantity.value, found.quantity.qualifier) == (value, qualifier)
    assert (found.quantity.low, found.quantity.high) == (low, high)


@pytest.mark.parametrize(
    "text", ["at around 21:00", "in December 2016", "hundreds of thousands of people"]
)
def test_not_a_count(text):
    doc = nlp(text)
    assert all(quantity_at(doc, i) is None for i in range(len(doc)))


def test_parse_number_words():
    assert parse_number("four") == 4
    assert parse_number("ninety") == 90
    assert parse_number("tank") is None
