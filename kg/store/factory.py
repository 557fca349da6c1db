"""Choosing a store by its location: a directory or a SPARQL endpoint URL."""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import Store
from kg.store.embedded import EmbeddedStore
from kg.store.endpoint import is_remote

__all__ = ["open_store", "is_remote"]


def open_store(location: str | os.PathLike[str], *, read_only: bool = False) -> Store:
    """A directory -> the embedded store; an ``http(s)://`` or ``KIND+http(s)://`` URL ->
    the remote SPARQL endpoint (``kg.store.endpoint`` describes the URL).

    >>> open_store("oxigraph+http://127.0.0.1:7878", read_only=True)
    RemoteStore('http://127.0.0.1:7878/query')
    """
    if isinstance(location, str) and is_remote(location):
        from kg.store.remote import RemoteStore

        return RemoteStore(location, read_only=read_only)
    return EmbeddedStore(Path(location), read_only=read_only)
