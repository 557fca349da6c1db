"""What a worker sends back for one article: its graph as N-Quads, or why it failed.

Plain data (no rdflib or spaCy objects), so it pickles cheaply across processes and
Dask workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kg.errors import ArticleError

__all__ = ["ArticleResult", "Outcome"]


class Outcome(StrEnum):
    """What ``kg build`` did with one article."""

    STORED = "stored"  # built and committed to the store
    UNCHANGED = "unchanged"  # already in the store with the same content hash: skipped
    FAILED = "failed"  # language analysis, extraction or conversion failed


@dataclass(frozen=True)
class ArticleResult:
    """One article's named graph (``nquads``, without the content-hash quad, which the
    writer adds last) or the reason it failed (``error``)."""

    article_id: str
    path: str | None
    graph: str
    article_iri: str
    content_hash: str
    nquads: bytes = b""
    triples: int = 0
    attacks: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def hash_quad(self) -> bytes:
        """The ``kg:contentHash`` quad that marks the article complete in the store."""
        from kg.vocab import KG

        return (
            f'<{self.article_iri}> <{KG.contentHash}> "{self.content_hash}" <{self.graph}> .\n'
        ).encode()

    def as_error(self) -> ArticleError:
        return ArticleError(self.article_id, self.error or "failed", path=self.path)
