"""The project's own spaCy components.

``kg_paragraphs`` starts a sentence after every line break, so headlines and
datelines stand alone.  ``kg_actor_ruler`` marks the ontology's actor aliases and
equipment labels in ``doc.spans["kg_actors"]`` / ``doc.spans["kg_equipment"]``,
each span labelled with the ontology term's local name: the ontology is the only
place those words are written down.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = [
    "ACTORS",
    "EQUIPMENT",
    "ParagraphBreaks",
    "OntologyRuler",
    "make_actor_ruler",
    "make_paragraphs",
]

ACTORS = "kg_actors"
EQUIPMENT = "kg_equipment"


class ParagraphBreaks:
    """Mark a sentence start after each line break (runs before the parser)."""

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
                doc[tok.i + 1].is_sent_start = True
        return doc


class OntologyRuler:
    """Phrase-match the ontology's labels (case-insensitive) into span groups."""

    def __init__(
        self,
        nlp: Language,
        *,
        actors: Iterable[tuple[str, str, bool]],
        equipment: Iterable[tuple[str, str, bool]],
    ):
        """Entries are (term key, label, exact); exact labels ("IS") match only as written."""
        self.matchers: dict[str, tuple[PhraseMatcher, PhraseMatcher]] = {}
        for group, entries in ((ACTORS, actors), (EQUIPMENT, equipment)):
            loose, exact = (
                PhraseMatcher(nlp.vocab, attr="LOWER"),
                PhraseMatcher(nlp.vocab, attr="ORTH"),
            )
            for key, label, is_exact in entries:
                (exact if is_exact else loose).add(key, [nlp.make_doc(label)])
            self.matchers[group] = (loose, exact)

    def __call__(self, doc: Doc) -> Doc:
        for group, (loose, exact) in self.matchers.items():
            found = list(loose(doc)) + list(exact(doc))
            spans = [Span(doc, s, e, label=doc.vocab.strings[k]) for k, s, e in found]
            doc.spans[group] = filter_spans(spans)
        return doc


@Language.factory("kg_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()


@Language.factory("kg_actor_ruler", assigns=["doc.spans"])
def make_actor_ruler(nlp: Language, name: str) -> OntologyRuler:
    from kg.ontology import actor_aliases, equipment_types

    actors = [(a.key, label, False) for a in actor_aliases() for label in a.labels]
    actors += [(a.key, label, True) for a in actor_aliases() for label in a.exact_labels]
    equipment = [(e.key, label, False) for e in equipment_types() for label in e.labels]
    equipment += [(e.key, label, True) for e in equipment_types() for label in e.exact_labels]
    return OntologyRuler(nlp, actors=actors, equipment=equipment)
