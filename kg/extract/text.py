"""The text of a span without rebuilding it token by token.

``Span.text`` and ``Doc.text`` join every token's text each time they are read; the
extractor reads sentence texts many times, so it slices the document's text, kept once in
``doc.user_data``, instead."""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

__all__ = [
    "doc_ents",
    "doc_lemmas",
    "doc_lowers",
    "doc_text",
    "ent_at",
    "forget",
    "remember_text",
    "text_of",
]

_KEYS = ("kg_text", "kg_lowers", "kg_lemmas", "kg_ents")

_KEY = "kg_text"


def doc_text(doc: Doc) -> str:
    text: str | None = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """``text`` is what ``doc`` was made from (spaCy keeps every character), so
    ``doc_text`` can return it without joining the tokens again; checked at both ends."""
    if not len(doc):
        return
    last = doc[-1]
    if (
        last.idx + len(last.text_with_ws) == len(text)
        and text.startswith(doc[0].text)
        and text.endswith(last.text_with_ws)
    ):
        doc.user_data[_KEY] = text


def doc_lowers(doc: Doc) -> list[str]:
    """Every token's ``lower_``, read once per document."""
    lows: list[str] | None = doc.user_data.get("kg_lowers")
    if lows is None:
        lows = doc.user_data["kg_lowers"] = _strings(doc, LOWER, _LOWERS, str)
    return lows


def doc_lemmas(doc: Doc) -> list[str]:
    """Every token's lower-cased lemma, read once per document."""
    lemmas: list[str] | None = doc.user_data.get("kg_lemmas")
    if lemmas is None:
        lemmas = doc.user_data["kg_lemmas"] = _strings(doc, LEMMA, _LEMMAS, str.lower)
    return lemmas


# string hash -> the string (made by ``how``): a word's hash never changes, so these
# outlive the documents (and spaCy's memory zones); bounded, cleared when full
_LOWERS: dict[int, str] = {}
_LEMMAS: dict[int, str] = {}
_STRINGS_LIMIT = 200_000


def _strings(doc: Doc, attr: int, known: dict[int, str], how: Callable[[str], str]) -> list[str]:
    """Token attribute ``attr`` (a string) of every token, read as one array: making a
    ``Token`` for each and asking it costs several times more."""
    if len(known) > _STRINGS_LIMIT:
        known.clear()
    strings = doc.vocab.strings
    out = []
    for key in doc.to_array(attr).tolist():
        text = known.get(key)
        if text is None:
            text = known[key] = how(strings[key])
        out.append(text)
    return out


def doc_ents(doc: Doc) -> tuple[SpacySpan, ...]:
    """``doc.ents``, built once per document (spaCy builds the tuple on every read)."""
    ents: tuple[SpacySpan, ...] | None = doc.user_data.get("kg_ents")
    if ents is None:
        ents = doc.user_data["kg_ents"] = tuple(doc.ents)
    return ents


def ent_at(doc: Doc, i: int) -> SpacySpan | None:
    """The entity token ``i`` is part of, if any."""
    if not doc[i].ent_iob_ or doc[i].ent_iob_ == "O":
        return None
    return next((e for e in doc_ents(doc) if e.start <= i < e.end), None)


def forget(doc: Doc) -> None:
    """Drop what was kept on ``doc``: its entities point back at it, and that cycle would
    keep every document (and its tensors) alive until Python's cycle collector runs."""
    for key in _KEYS:
        doc.user_data.pop(key, None)


def text_of(span: SpacySpan) -> str:
    """``span.text``, sliced from the document's text."""
    return doc_text(span.doc)[span.start_char : span.end_char]
