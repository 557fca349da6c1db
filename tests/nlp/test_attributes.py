"""kg_attribute_rules gives the analysis the model's own attribute ruler gives."""

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from kg.nlp import load_pipeline, model_name
from kg.nlp.attributes import compile_rules

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"
TRICKY = (
    "Y'all ain't seen nothin' yet: I told you it is what it is.  There are two.\n\n \n"
    "There's a cat; it's his. I'd do it, wouldn't you? Ain't no way, y all. "
    "That which they did does not matter, and it was them who had done it."
)


@pytest.fixture(scope="module")
def shipped() -> spacy.language.Language:
    """The model with its own attribute ruler, sentences started at line breaks as in kg's."""
    nlp = spacy.load(model_name())
    nlp.add_pipe("kg_paragraphs", before="parser")
    return nlp


def test_kg_pipeline_uses_the_compiled_rules_in_the_rulers_place(shipped):
    names = load_pipeline().pipe_names
    assert "attribute_ruler" not in names
    at = shipped.pipe_names.index("attribute_ruler")
    before, after = shipped.pipe_names[at - 1], shipped.pipe_names[at + 1]
    assert names.index(before) < names.index("kg_attribute_rules") < names.index(after)


def test_same_tags_pos_morphology_and_lemmas_as_the_model(shipped):
    texts = [TRICKY] + [path.read_text() for path in sorted(DEV.glob("*.txt"))[:80]]
    ours = load_pipeline()
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    tokens = 0
    for theirs_doc, our_doc in zip(shipped.pipe(texts), ours.pipe(texts), strict=True):
        theirs = [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in theirs_doc]
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in our_doc] == theirs
        assert (theirs_doc.to_array(attrs) == our_doc.to_array(attrs)).all()
        tokens += len(our_doc)
    assert tokens > 15_000


def test_the_tricky_words_get_the_rules_fixes():
    doc = load_pipeline()("I ain't going, y'all, and he's not either.")
    by_text = {t.text.lower(): t for t in doc}
    assert by_text["ai"].lemma_ == "be"
    assert by_text["not"].pos_ == "PART"
    assert str(by_text["not"].morph) == "Polarity=Neg"


def test_rules_it_cannot_evaluate_are_left_to_spacy(shipped):
    ruler = AttributeRuler(shipped.vocab)
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    assert compile_rules(ruler) is None
    other = AttributeRuler(shipped.vocab)
    other.add([[{"SHAPE": "dd"}]], {"POS": "NUM"})
    assert compile_rules(other) is None
    plain = AttributeRuler(shipped.vocab)
    plain.add([[{"TAG": "NN", "LOWER": {"IN": ["cat"]}}]], {"POS": "NOUN"})
    assert compile_rules(plain) is not None
