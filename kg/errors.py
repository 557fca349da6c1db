"""The errors kg raises, one module for the whole package.

Backend exceptions (OSError, pyoxigraph, SPARQLWrapper, spaCy ...) are translated
into these where the code talks to the backend, so callers catch ``KgError``.

>>> str(InputError("seeds/a.txt", "empty file"))
'seeds/a.txt: empty file'
>>> print(InputError("feed.jsonl", "missing field 'text'", line=3))
feed.jsonl:3: missing field 'text'
>>> str(ArticleError("a1", "extraction failed (ValueError: boom)", path="feed.jsonl"))
'feed.jsonl: article a1: extraction failed (ValueError: boom)'
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "KgError",
    "InputError",
    "ArticleError",
    "StoreError",
    "EndpointError",
    "QueryError",
    "ConfigError",
    "InconsistentOntologyError",
]


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KgError):
    """An input (file, JSON line, stdin) that cannot be read as an article.

    The message is ``PATH: REASON``, or ``PATH:LINE: REASON`` for one line of a
    JSON Lines file, so editors and ``grep`` can jump to it.
    """

    def __init__(self, path: str | Path, reason: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {reason}")


class ArticleError(KgError):
    """An article that was read but could not be analysed, extracted or converted.

    The message is ``PATH: article ID: REASON`` (``article ID: REASON`` without a path).
    """

    def __init__(self, article_id: str, reason: str, *, path: str | None = None) -> None:
        self.article_id = article_id
        self.reason = reason
        self.path = path
        what = f"article {article_id}: {reason}"
        super().__init__(f"{path}: {what}" if path else what)


class StoreError(KgError):
    """The triplestore could not be opened, read or written."""


class EndpointError(StoreError):
    """A remote SPARQL endpoint is unreachable, refuses the credentials or fails.

    The message is one line naming the endpoint (its URL without any user or
    password) and what went wrong; ``status`` is the HTTP status, if there was one.

    >>> print(EndpointError("http://127.0.0.1:9/query", "unreachable (connection refused)"))
    SPARQL endpoint http://127.0.0.1:9/query: unreachable (connection refused)
    """

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        self.url = url
        self.reason = reason
        self.status = status
        super().__init__(f"SPARQL endpoint {url}: {reason}")


class QueryError(KgError):
    """A stored query is unknown, has bad parameters, or failed to run."""


class ConfigError(KgError):
    """A setting (model name, store location, endpoint ...) is missing or invalid."""


class InconsistentOntologyError(KgError):
    """A graph contradicts the ontology (HermiT found it inconsistent).

    For example a node typed both ``kg:Attack`` and ``kg:Place``, or a ``kg:Place``
    used as a ``kg:attacker`` value (range plus disjointness).
    """
