"""``kg dump``: a store's named graphs written to a file, as ``kg build --out`` writes them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.store.base import Store

__all__ = ["DumpSummary", "dump_store"]


@dataclass(frozen=True)
class DumpSummary:
    triples: int
    graphs: int


def dump_store(store: Store, path: str | Path, *, fmt: str | None = None) -> DumpSummary:
    """Write every named graph of ``store`` (the ontology's too) to ``path``.

    The format follows the suffix (``.trig``, ``.nq``, ``.ttl`` for the union of the
    graphs, ``.jsonld``) unless ``fmt`` names one; N-Quads lines are sorted, so
    stores holding the same graphs give the same file.  The graphs are gathered in
    memory.
    """
    from kg.rdf import write_dataset

    graphs: dict[str, Graph] = {}
    for s, p, o, g in store.dataset():
        if g is not None:
            graphs.setdefault(str(g), Graph()).add((s, p, o))
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    triples = write_dataset(sorted(graphs.items()), out, fmt=fmt)
    return DumpSummary(triples, len(graphs))
