"""Talking to a SPARQL endpoint: queries through SPARQLWrapper, updates and Graph Store
requests through ``requests``; retries with backoff; errors as one clear line.

Transient failures (connection refused or reset, timeouts, HTTP 429, 502, 503,
504, and Virtuoso's deadlock errors) are retried ``endpoint.retries`` times, waiting
0.25 s, 0.5 s, 1 s ... (or the server's ``Retry-After``).  What still fails becomes an
``EndpointError`` naming the endpoint, or a ``QueryError`` when the server rejects a
query (HTTP 400).  The password is handed to the HTTP libraries only; it is never put
in a message.
"""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.error
import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.errors import EndpointError, QueryError
from kg.store.endpoint import PASSWORD_ENV, Auth, Endpoint

__all__ = ["Client", "TRANSIENT"]

TRANSIENT = frozenset({429, 502, 503, 504})
"""HTTP statuses worth another try."""

_T = TypeVar("_T")


class _Transient(Exception):
    """A failure worth another try; ``error`` is raised when the tries run out."""

    def __init__(self, error: Exception, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


class Client:
    """One endpoint's HTTP side: a keep-alive session and a query client."""

    def __init__(self, endpoint: Endpoint, password: str | None) -> None:
        self.endpoint = endpoint
        self._password = password
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "kg (https://w3id.org/kg)"
        self.session.auth = self._auth()

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------------ queries

    def select(self, sparql: str) -> dict[str, Any]:
        """Run a SELECT or ASK query and return the SPARQL JSON results."""
        url = self.endpoint.query_url

        def attempt() -> dict[str, Any]:
            wrapper = SPARQLWrapper(url)
            wrapper.setMethod(POST)  # long stored queries do not fit in a URL
            wrapper.setReturnFormat(JSON)
            wrapper.setTimeout(int(self.endpoint.timeout))
            if self.endpoint.user is not None and self.endpoint.auth is not Auth.NONE:
                wrapper.setHTTPAuth(DIGEST if self.endpoint.auth is Auth.DIGEST else BASIC)
                wrapper.setCredentials(
                    self.endpoint.user, self._password, realm=self.endpoint.realm
                )
            with warnings.catch_warnings():  # it warns on query forms it cannot tell
                warnings.simplefilter("ignore", RuntimeWarning)
                wrapper.setQuery(sparql)
            try:
                response = wrapper.query()
                _check_complete(url, response.response.headers)
                body = response.response.read()
            except (SPARQLWrapperException, urllib.error.URLError, OSError) as e:
                raise self._query_error(url, e) from None
            try:
                result: dict[str, Any] = json.loads(body)
            except ValueError:
                raise EndpointError(url, "the answer is not SPARQL JSON results") from None
            return result

        return self._retry(attempt)

    # ------------------------------------------------------------ other requests

    def request(
        self,
        method: str,
        url: str,
        *,
        what: str,
        params: Mapping[str, str] | None = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        ok: Callable[[int], bool] = lambda status: status < 300,
    ) -> requests.Response:
        """An HTTP request with retries; EndpointError unless ``ok(status)``."""

        def attempt() -> requests.Response:
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    data=data,
                    headers=headers,
                    timeout=self.endpoint.timeout,
                )
            except requests.Timeout as e:
                raise _Transient(EndpointError(url, f"no answer to {what} (timed out)")) from e
            except requests.ConnectionError as e:
                raise _unreachable(url, e) from e
            except requests.RequestException as e:
                raise EndpointError(url, f"{what} failed ({_reason(e)})") from None
            if ok(response.status_code):
                return response
            error = self._status_error(url, response.status_code, response.text, what)
            if response.status_code in TRANSIENT or _deadlock(response.status_code, response.text):
                raise _Transient(error, _retry_after(response.headers.get("Retry-After")))
            raise error

        return self._retry(attempt)

    def update(self, sparql: str, *, what: str) -> None:
        """Run a SPARQL Update (``application/sparql-update`` body) at the update URL."""
        url = self.endpoint.update_url
        if url is None:
            raise EndpointError(self.endpoint.name, "has no update URL (add #update=URL)")
        self.request(
            "POST",
            url,
            what=what,
            data=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    # ------------------------------------------------------------------ helpers

    def _auth(self) -> AuthBase | None:
        user, password = self.endpoint.user, self._password or ""
        if user is None or self.endpoint.auth is Auth.NONE:
            return None
        if self.endpoint.auth is Auth.DIGEST:
            return HTTPDigestAuth(user, password)
        return HTTPBasicAuth(user, password)

    def _retry(self, attempt: Callable[[], _T]) -> _T:
        tries = self.endpoint.retries + 1
        for n in range(tries):
            try:
                return attempt()
            except _Transient as transient:
                if n + 1 >= tries:
                    raise transient.error from None
                time.sleep(min(transient.retry_after or 0.25 * 2**n, 30.0))
        raise AssertionError("unreachable")

    def _status_error(self, url: str, status: int, body: str, what: str) -> EndpointError:
        if status in (401, 403):
            return EndpointError(url, self._refused(status), status=status)
        detail = _short(body)
        return EndpointError(
            url, f"HTTP {status} to {what}" + (f": {detail}" if detail else ""), status=status
        )

    def _refused(self, status: int) -> str:
        kind, user, auth = self.endpoint.dialect.value, self.endpoint.user, self.endpoint.auth
        ask_user = f"{kind}+http://USER@HOST:PORT, password in ${PASSWORD_ENV}"
        if status == 401 and user is None:
            return f"refused (HTTP 401 Unauthorized): it wants a user ({ask_user})"
        if status == 401:
            return (
                f"refused user {user!r} (HTTP 401 Unauthorized): wrong password? "
                f"({auth.value} authentication)"
            )
        if user is None:
            return f"refused (HTTP 403 Forbidden): read-only, or it wants a user ({ask_user})"
        return f"refused user {user!r} (HTTP 403 Forbidden): not allowed to do this"

    def _query_error(self, url: str, e: BaseException) -> Exception:
        if isinstance(e, urllib.error.HTTPError):
            body = _read(e)
            if e.code in TRANSIENT:
                error = self._status_error(url, e.code, body, "a query")
                return _Transient(error, _retry_after(e.headers.get("Retry-After")))
            return self._status_error(url, e.code, body, "a query")
        if isinstance(e, SPARQLWrapperException):
            status = _WRAPPER_STATUS.get(type(e).__name__, 0)
            body = _wrapper_body(e)
            if status == 400:
                return QueryError(f"SPARQL endpoint {url} rejected the query: {_short(body)}")
            if status in (401, 403):
                return EndpointError(url, self._refused(status), status=status)
            error = self._status_error(url, status, body, "a query")
            return _Transient(error) if _deadlock(status, body) else error
        if isinstance(e, (TimeoutError, socket.timeout)):
            return _Transient(EndpointError(url, "no answer to a query (timed out)"))
        return _unreachable(url, e.reason if isinstance(e, urllib.error.URLError) else e)


_WRAPPER_STATUS = {
    "QueryBadFormed": 400,
    "Unauthorized": 401,
    "EndPointNotFound": 404,
    "URITooLong": 414,
    "EndPointInternalError": 500,
}


def _check_complete(url: str, headers: Any) -> None:
    """Virtuoso flags a result cut short by its time limit ("anytime query") in a header."""
    state = headers.get("X-SQL-State") if headers is not None else None
    if state and state.strip() == "S1TAT":
        raise EndpointError(
            url,
            "returned partial results (Virtuoso's MaxQueryExecutionTime was reached); "
            "raise it in virtuoso.ini",
        )


def _deadlock(status: int, body: str) -> bool:
    """Virtuoso answers a transaction deadlock (SQL state 40001) with HTTP 500: retry it."""
    return status == 500 and ("40001" in body or "deadlock" in body.lower())


def _unreachable(url: str, cause: object) -> Exception:
    """Connection failures: worth retrying (a server restarting) unless the host is unknown."""
    reason = _reason(cause)
    error = EndpointError(url, f"unreachable ({reason})")
    return error if reason == "unknown host" else _Transient(error)


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _read(e: urllib.error.HTTPError) -> str:
    try:
        return e.read().decode("utf-8", "replace")
    except Exception:
        return ""


def _wrapper_body(e: SPARQLWrapperException) -> str:
    """The server's answer SPARQLWrapper put in its message (``Response:\\nb'...'``)."""
    text = str(e)
    _, _, response = text.partition("Response:\n")
    if response.startswith(("b'", 'b"')):
        response = response[2:-1].encode("latin-1", "replace").decode("unicode_escape", "replace")
    return response


def _reason(e: object) -> str:
    """The innermost cause of a connection failure, e.g. ``connection refused``."""
    text = str(e)
    for pattern, reason in (
        (r"Connection refused|Errno 111", "connection refused"),
        (r"Name or service not known|nodename nor servname|Errno -[235]", "unknown host"),
        (r"timed out", "timed out"),
        (r"Connection reset|Errno 104", "connection reset"),
        (r"No route to host|Network is unreachable", "no route to host"),
        (r"CERTIFICATE_VERIFY_FAILED|SSLError", "TLS certificate not trusted"),
    ):
        if re.search(pattern, text):
            return reason
    return _short(text, 120) or type(e).__name__


def _short(text: str, limit: int = 200) -> str:
    """A server's error body as one short line: tags dropped, whitespace collapsed."""
    text = re.sub(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>", " ", text)  # HTML tags, not <IRIs>
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
