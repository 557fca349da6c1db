"""Triplestores behind one small interface: embedded pyoxigraph now, remote endpoints later."""

from kg.store.base import NO_BINDINGS, Quad, QueryResult, Store, Triple
from kg.store.embedded import EmbeddedStore
from kg.store.factory import open_store

__all__ = ["EmbeddedStore", "NO_BINDINGS", "Quad", "QueryResult", "Store", "Triple", "open_store"]
