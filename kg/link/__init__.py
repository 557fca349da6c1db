"""Link stage: places -> GeoNames (and Wikidata) features.

    ingest -> nlp -> extract -> link -> rdf -> store -> query

``link_extraction(x)`` links the places of an extraction's attacks in the context
of their article; ``kg.rdf`` turns the links into ``owl:sameAs``/``gn:geonamesID``,
coordinates, feature codes and confidences.  Modules, by role:

- ``normalize``: keys of Arabic place names in Latin script (transliterations);
- ``arabic``: names in Arabic script romanized, to be keyed like the Latin ones;
- ``gazetteer``: import of GeoNames/WOF files into a SQLite index, ``CandidateSource``;
- ``rank``: scores and confidence from name similarity and article context;
- ``linker``: one name or one article's places, compounds split into their places;
- ``wikidata``: live lookup in a Wikidata-shaped SPARQL endpoint, cached;
- ``relink``: ``kg link``, the places of a built store linked again;
- ``records``: ``PlaceLink``, ``PlaceLinks``, ``ArticleLinks``.

>>> from kg.link.normalize import skeleton
>>> skeleton("Abu-Djreif") == skeleton("Abū Jurayf")
True
"""

from kg.link.gazetteer import (
    CandidateSource,
    Feature,
    Gazetteer,
    ImportSummary,
    NameMatch,
    bundled_gazetteer,
    default_gazetteer_path,
    import_files,
    open_gazetteer,
)
from kg.link.linker import DEFAULT_THRESHOLD, Linker
from kg.link.rank import LinkContext
from kg.link.records import ArticleLinks, PlaceLink, PlaceLinks
from kg.link.stage import attack_places, default_linker, link_extraction, link_places

__all__ = [
    "link_extraction",
    "link_places",
    "attack_places",
    "default_linker",
    "Linker",
    "LinkContext",
    "DEFAULT_THRESHOLD",
    "ArticleLinks",
    "PlaceLink",
    "PlaceLinks",
    "CandidateSource",
    "Feature",
    "NameMatch",
    "Gazetteer",
    "ImportSummary",
    "import_files",
    "open_gazetteer",
    "bundled_gazetteer",
    "default_gazetteer_path",
]
