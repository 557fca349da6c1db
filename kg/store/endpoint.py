"""Where a remote store lives: its query, update and Graph Store URLs, auth and batches.

A store location is one string, so ``--store`` takes a directory or a URL alike::

    [KIND+]http(s)://[USER@]HOST[:PORT][/PATH][#OPTION=VALUE&...]

KIND names a server whose URL layout kg knows; without it the URL is a plain
SPARQL 1.1 endpoint that answers queries and updates at that URL (no Graph Store
Protocol, so loads go through SPARQL Update):

=========  ========================  ==========================  =================================
KIND       query                     update                      Graph Store Protocol
=========  ========================  ==========================  =================================
(none)     URL                       URL                         -
oxigraph   BASE/query                BASE/update                 BASE/store
virtuoso   BASE/sparql (-auth)       BASE/sparql-auth            BASE/sparql-graph-crud(-auth)
fuseki     BASE/query (BASE=/DS)     BASE/update                 BASE/data
graphdb    BASE (/repositories/R)    BASE/statements             BASE/rdf-graphs/service
=========  ========================  ==========================  =================================

USER turns authentication on: HTTP Basic, or Digest for Virtuoso (whose ``-auth``
endpoints take only Digest).  The password is never part of the URL: it comes from
``$KG_STORE_PASSWORD``, or a prompt when kg runs on a terminal.  The fragment, which
HTTP clients never send, holds client options: ``update=URL`` and ``gsp=URL``
(absolute, or relative to the query URL as a link on its page would be),
``auth=basic|digest|none``, ``realm=R`` (the Digest realm the query client answers,
default ``SPARQL``), ``batch=N`` (triples per SPARQL Update request), ``gsp-batch=N``
(triples per Graph Store request), ``timeout=SECONDS``, ``retries=N``.

>>> e = Endpoint.parse("virtuoso+http://dba@127.0.0.1:8890")
>>> e.query_url, e.update_url, e.gsp_url, e.auth.value, e.user
('http://127.0.0.1:8890/sparql-auth', 'http://127.0.0.1:8890/sparql-auth', \
'http://127.0.0.1:8890/sparql-graph-crud-auth', 'digest', 'dba')
>>> Endpoint.parse("http://127.0.0.1:7878/query#update=update").update_url
'http://127.0.0.1:7878/update'
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass, replace
from enum import StrEnum
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from kg.errors import ConfigError

__all__ = ["Auth", "Dialect", "Endpoint", "PASSWORD_ENV", "is_remote", "get_password"]

PASSWORD_ENV = "KG_STORE_PASSWORD"
"""The environment variable a remote store's password is read from."""


class Dialect(StrEnum):
    """The server behind an endpoint, for its URL layout and its quirks."""

    SPARQL = "sparql"  # any SPARQL 1.1 endpoint
    OXIGRAPH = "oxigraph"
    VIRTUOSO = "virtuoso"
    FUSEKI = "fuseki"
    GRAPHDB = "graphdb"


class Auth(StrEnum):
    NONE = "none"
    BASIC = "basic"
    DIGEST = "digest"


def is_remote(location: object) -> bool:
    """True for a URL (``http(s)://`` or ``KIND+http(s)://``), False for a directory.

    >>> is_remote("virtuoso+http://h:8890"), is_remote("kg-store")
    (True, False)
    """
    if not isinstance(location, str):
        return False
    scheme = location.split("://", 1)[0] if "://" in location else ""
    return scheme.rsplit("+", 1)[-1] in ("http", "https")


@dataclass(frozen=True)
class Endpoint:
    """A remote store's URLs and client settings (never its password)."""

    query_url: str
    update_url: str | None = None
    gsp_url: str | None = None
    dialect: Dialect = Dialect.SPARQL
    auth: Auth = Auth.NONE
    user: str | None = None
    realm: str = "SPARQL"
    update_batch: int = 1000
    gsp_batch: int = 100_000
    timeout: float = 120.0
    retries: int = 3

    @property
    def name(self) -> str:
        """The endpoint in messages: its query URL (which holds no credentials)."""
        return self.query_url

    @classmethod
    def parse(cls, location: str) -> Endpoint:
        """The endpoint a ``--store`` URL names (see the module docs)."""
        scheme, _, rest = location.partition("://")
        kind, _, protocol = scheme.rpartition("+")
        try:
            dialect = Dialect(kind.lower()) if kind else Dialect.SPARQL
        except ValueError:
            known = ", ".join(d.value for d in Dialect if d is not Dialect.SPARQL)
            raise ConfigError(
                f"unknown store kind {kind!r} in {location!r} (known: {known})"
            ) from None
        if protocol.lower() not in ("http", "https"):
            raise ConfigError(f"not an http(s) URL: {location!r}")
        parts = urlsplit(f"{protocol.lower()}://{rest}")
        if parts.password is not None:
            raise ConfigError(
                f"put no password in the store URL; set ${PASSWORD_ENV} or type it when asked"
            )
        if not parts.hostname:
            raise ConfigError(f"no host in the store URL {location!r}")
        netloc = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
        if ":" in parts.hostname:  # an IPv6 literal
            netloc = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port else "")
        base = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), parts.query, ""))
        endpoint = _layout(dialect, base, user=parts.username or None)
        return _options(endpoint, parts.fragment)


def _layout(dialect: Dialect, base: str, *, user: str | None) -> Endpoint:
    auth = Auth.NONE if user is None else Auth.BASIC
    if dialect is Dialect.OXIGRAPH:
        return Endpoint(f"{base}/query", f"{base}/update", f"{base}/store", dialect, auth, user)
    if dialect is Dialect.VIRTUOSO:
        # anonymous reads on /sparql; writes need /sparql-auth with Digest authentication
        secured = "-auth" if user else ""
        return Endpoint(
            f"{base}/sparql{secured}",
            f"{base}/sparql-auth",
            f"{base}/sparql-graph-crud{secured}",
            dialect,
            Auth.DIGEST if user else Auth.NONE,
            user,
        )
    if dialect is Dialect.FUSEKI:
        return Endpoint(f"{base}/query", f"{base}/update", f"{base}/data", dialect, auth, user)
    if dialect is Dialect.GRAPHDB:
        return Endpoint(
            base, f"{base}/statements", f"{base}/rdf-graphs/service", dialect, auth, user
        )
    return Endpoint(base, base, None, dialect, auth, user)


_INT_OPTIONS = {"batch": "update_batch", "gsp-batch": "gsp_batch", "retries": "retries"}


def _options(endpoint: Endpoint, fragment: str) -> Endpoint:
    changes: dict[str, object] = {}
    for key, value in parse_qsl(fragment, keep_blank_values=True):
        if key in ("update", "gsp"):
            url = urljoin(endpoint.query_url, value) if value else None
            changes["update_url" if key == "update" else "gsp_url"] = url
        elif key == "auth":
            try:
                changes["auth"] = Auth(value.lower())
            except ValueError:
                raise ConfigError(
                    f"store option auth={value!r}: want basic, digest or none"
                ) from None
        elif key == "realm":
            changes["realm"] = value
        elif key in _INT_OPTIONS:
            changes[_INT_OPTIONS[key]] = _number(
                key, value, int, minimum=0 if key == "retries" else 1
            )
        elif key == "timeout":
            changes["timeout"] = _number(key, value, float, minimum=0.001)
        else:
            known = "update, gsp, auth, realm, batch, gsp-batch, timeout, retries"
            raise ConfigError(f"unknown store option {key!r} (known: {known})")
    return replace(endpoint, **changes)  # type: ignore[arg-type]


def _number(key: str, value: str, kind: type[int] | type[float], *, minimum: float) -> float:
    try:
        number = kind(value)
    except ValueError:
        raise ConfigError(f"store option {key}={value!r}: not a number") from None
    if number < minimum:
        raise ConfigError(f"store option {key}={value!r}: must be at least {minimum:g}")
    return number


def get_password(endpoint: Endpoint) -> str:
    """The password of ``endpoint.user``: ``$KG_STORE_PASSWORD``, else a prompt on a terminal."""
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if sys.stdin.isatty() and sys.stderr.isatty():
        host = urlsplit(endpoint.query_url).netloc
        return getpass.getpass(f"password for {endpoint.user} at {host}: ")
    raise ConfigError(
        f"SPARQL endpoint {endpoint.name}: no password for user {endpoint.user!r} "
        f"(set ${PASSWORD_ENV})"
    )
