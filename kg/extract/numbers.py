"""Numbers as reporters write them: "up to 50", "nearly 40", "some 250", "hundreds",
"between 10 and 15", "at least 7", "two".  Works on token sequences, not on the
parse, because the small model's parse of hedges is unreliable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract.text import doc_lowers, ent_at
from kg.records import Qualifier, Quantity

__all__ = ["QuantityMatch", "parse_number", "quantity_at", "quantity_ending_before", "VAGUE_WORDS"]

# the token sequences numbers are read from: a whole document or a slice of one
Tokens: TypeAlias = Doc | SpacySpan

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
}
# vague amounts: (low, high)
VAGUE_WORDS = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "several": (3, 9),
    "tens": (20, 99),
}
# hedge words before a number -> qualifier (longest first)
_HEDGES: tuple[tuple[tuple[str, ...], Qualifier], ...] = (
    (("as", "many", "as"), Qualifier.UP_TO),
    (("no", "fewer", "than"), Qualifier.AT_LEAST),
    (("not", "less", "than"), Qualifier.AT_LEAST),
    (("more", "than"), Qualifier.MORE_THAN),
    (("at", "least"), Qualifier.AT_LEAST),
    (("up", "to"), Qualifier.UP_TO),
    (("less", "than"), Qualifier.LESS_THAN),
    (("fewer", "than"), Qualifier.LESS_THAN),
    (("nearly",), Qualifier.NEARLY),
    (("almost",), Qualifier.NEARLY),
    (("some",), Qualifier.ABOUT),
    (("about",), Qualifier.ABOUT),
    (("around",), Qualifier.ABOUT),
    (("approximately",), Qualifier.ABOUT),
    (("roughly",), Qualifier.ABOUT),
    (("estimated",), Qualifier.ABOUT),
    (("over",), Qualifier.MORE_THAN),
    (("under",), Qualifier.LESS_THAN),
    (("between",), Qualifier.RANGE),
)


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found in a doc: tokens ``start``..``end`` (exclusive)."""

    quantity: Quantity
    start: int
    end: int


def parse_number(text: str) -> int | None:
    """``"40"`` -> 40, ``"1,200"`` -> 1200, ``"seven"`` -> 7, ``"twenty-five"`` -> 25."""
    t = text.lower().replace(",", "").strip()
    if t.isdigit():
        return int(t)
    if t in _UNITS:
        return _UNITS[t]
    if "-" in t:
        parts = t.split("-")
        if all(p in _UNITS for p in parts):
            return sum(_UNITS[p] for p in parts)
    return None


def _number_tokens(doc: Tokens, i: int) -> tuple[int, int] | None:
    """(value, end) of a number starting at token i ("twenty - five", "1,200")."""
    tok = doc[i]
    value = parse_number(tok.text)
    if value is None:
        return None
    end = i + 1
    if end + 1 < len(doc) and doc[end].text == "-" and parse_number(doc[end + 1].text) is not None:
        value = parse_number(f"{tok.text}-{doc[end + 1].text}") or value
        end += 2
    return value, end


_NOT_DATE_WORDS = frozenset(
    {"between", "and", "to", "about", "some", "at", "least", "more", "than", "up", "nearly"}
)


def _in_date(tok: Token) -> bool:
    """A number inside a DATE/TIME entity, unless the entity is only numbers and hedges
    (the tagger reads "between 10 and 15" as a date)."""
    if tok.ent_type_ not in ("DATE", "TIME"):
        return False
    ent = ent_at(tok.doc, tok.i)
    return ent is None or any(
        t.is_alpha and t.lower_ not in _NOT_DATE_WORDS and parse_number(t.text) is None for t in ent
    )


def _hedge_before(doc: Tokens, i: int) -> tuple[Qualifier, int]:
    """The hedge ending just before token i, and where it starts."""
    lows = _lowers(doc)
    for words, qual in _HEDGES:
        n = len(words)
        if i - n >= 0 and tuple(lows[i - n : i]) == words:
            return qual, i - n
    return Qualifier.EXACT, i


def _lowers(doc: Tokens) -> list[str]:
    return doc_lowers(doc) if isinstance(doc, Doc) else [t.lower_ for t in doc]


def quantity_at(doc: Tokens, i: int) -> QuantityMatch | None:
    """The quantity whose number or hedge starts at token ``i``, if any."""
    lows = _lowers(doc)
    for words, _ in _HEDGES:
        n = len(words)
        if tuple(lows[i : i + n]) == words and i + n < len(doc):
            found = _quantity_from_number(doc, i + n)
            if found is not None and found.start == i:
                return found
    found = _quantity_from_number(doc, i)
    return found if found is not None and found.start == i else None


def _quantity_from_number(doc: Tokens, i: int) -> QuantityMatch | None:
    if i >= len(doc):
        return None
    tok = doc[i]
    if tok.lower_ in VAGUE_WORDS:
        if (
            i + 1 < len(doc)
            and doc[i + 1].lower_ == "of"
            and i + 2 < len(doc)
            and doc[i + 2].lower_ in VAGUE_WORDS
        ):
            return None  # "hundreds of thousands": a population, not a count of fighters
        if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in VAGUE_WORDS:
            return None
        low, high = VAGUE_WORDS[tok.lower_]
        q = Quantity(None, Qualifier.VAGUE, low, high, tok.text)
        return QuantityMatch(q, i, i + 1)
    num = _number_tokens(doc, i)
    if num is None or _is_clock_or_year(tok) or _in_date(tok):
        return None  # "May 20", "24 hours": not a count of people
    value, end = num
    qual, start = _hedge_before(doc, i)
    if qual is Qualifier.RANGE:
        return _range(doc, start, value, end)
    hi = _range_tail(doc, end)
    if hi is not None:
        high, end = hi
        text = doc[start:end].text
        return QuantityMatch(Quantity(value, Qualifier.RANGE, value, high, text), start, end)
    text = doc[start:end].text
    floor, ceiling = _bounds(qual, value)
    return QuantityMatch(Quantity(value, qual, floor, ceiling, text), start, end)


def _range(doc: Tokens, start: int, low: int, end: int) -> QuantityMatch | None:
    if end + 1 < len(doc) and doc[end].lower_ in ("and", "to"):
        nxt = _number_tokens(doc, end + 1)
        if nxt is not None:
            high, stop = nxt
            return QuantityMatch(
                Quantity(low, Qualifier.RANGE, low, high, doc[start:stop].text), start, stop
            )
    return None


def _range_tail(doc: Tokens, end: int) -> tuple[int, int] | None:
    """ "10 to 15", "10-15": the upper end and where it stops."""
    if end + 1 < len(doc) and doc[end].lower_ in ("to", "-", "–"):
        nxt = _number_tokens(doc, end + 1)
        if nxt is not None:
            return nxt
    return None


def _bounds(qual: Qualifier, value: int) -> tuple[int | None, int | None]:
    if qual in (Qualifier.UP_TO, Qualifier.LESS_THAN):
        return (None, value)
    if qual in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        return (value, None)
    if qual is Qualifier.NEARLY:
        return (None, value)
    return (value, value) if qual is Qualifier.EXACT else (None, None)


def _is_clock_or_year(tok: Token) -> bool:
    t = tok.text
    return ":" in t or (t.isdigit() and len(t) == 4 and 1900 <= int(t) <= 2100)


def quantity_ending_before(doc: Tokens, i: int, *, lower: int) -> QuantityMatch | None:
    """The nearest quantity that lies entirely in tokens ``lower``..``i``."""
    for j in range(i - 1, lower - 1, -1):
        if (
            j - 2 >= lower
            and doc[j - 1].lower_ in ("-", "and", "to")
            and parse_number(doc[j - 2].text) is not None
        ):
            continue  # "five" of "Twenty-five", "15" of "between 10 and 15"
        found = _quantity_from_number(doc, j)
        if found is not None and found.start >= lower and found.end <= i:
            return found
    return None
