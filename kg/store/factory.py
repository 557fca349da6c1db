"""Choosing a store by its location."""

from __future__ import annotations

from pathlib import Path

from kg.errors import StoreError
from kg.store.base import Store
from kg.store.embedded import EmbeddedStore

__all__ = ["open_store"]


def open_store(location: str | Path, *, read_only: bool = False) -> Store:
    """A directory path -> the embedded store; an http(s) URL -> a remote SPARQL endpoint.

    >>> open_store("http://127.0.0.1:7878")
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: remote stores: not yet
    """
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        raise StoreError("remote stores: not yet")
    return EmbeddedStore(location, read_only=read_only)
