"""The text of a span without rebuilding it token by token.

``Span.text`` and ``Doc.text`` join every token's text each time they are read; the
extractor reads sentence texts many times, so it slices the document's text, kept once in
``doc.user_data``, instead."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

__all__ = ["doc_ents", "doc_lemmas", "doc_lowers", "doc_text", "ent_at", "forget", "text_of"]

_KEYS = ("kg_text", "kg_lowers", "kg_lemmas", "kg_ents")

_KEY = "kg_text"


def doc_text(doc: Doc) -> str:
    text: str | None = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def doc_lowers(doc: Doc) -> list[str]:
    """Every token's ``lower_``, read once per document."""
    lows: list[str] | None = doc.user_data.get("kg_lowers")
    if lows is None:
        lows = doc.user_data["kg_lowers"] = [t.lower_ for t in doc]
    return lows


def doc_lemmas(doc: Doc) -> list[str]:
    """Every token's lower-cased lemma, read once per document."""
    lemmas: list[str] | None = doc.user_data.get("kg_lemmas")
    if lemmas is None:
        lemmas = doc.user_data["kg_lemmas"] = [t.lemma_.lower() for t in doc]
    return lemmas


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
