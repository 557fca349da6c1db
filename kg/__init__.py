"""kg: news articles about armed conflict -> an event knowledge graph.

Stages: ingest -> nlp -> extract -> link -> rdf -> store -> query.
"""

__version__ = "0.1.0"
