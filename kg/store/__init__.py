"""Triplestores behind one small interface: the embedded pyoxigraph store and remote
SPARQL 1.1 endpoints."""

from typing import TYPE_CHECKING

from kg.store.base import NO_BINDINGS, LoadSummary, Quad, QueryResult, Store, Triple
from kg.store.embedded import EmbeddedStore
from kg.store.endpoint import Endpoint, is_remote
from kg.store.factory import open_store

if TYPE_CHECKING:
    from kg.store.remote import RemoteStore

__all__ = [
    "EmbeddedStore",
    "Endpoint",
    "LoadSummary",
    "NO_BINDINGS",
    "Quad",
    "QueryResult",
    "RemoteStore",
    "Store",
    "Triple",
    "is_remote",
    "open_store",
]


def __getattr__(name: str) -> object:
    # RemoteStore pulls in requests and SPARQLWrapper: imported when first asked for
    if name == "RemoteStore":
        from kg.store.remote import RemoteStore

        return RemoteStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
