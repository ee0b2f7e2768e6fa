"""Polling the site over HTTP like any outside client: conditional GET and feeds/index.json.

A poll sends ``If-None-Match`` and ``If-Modified-Since`` with the validators of
the last document it fully handled (RFC 9110 §13.1), so an unchanged feed costs
a ``304 Not Modified`` and nothing more.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from .config import FeedRef
from .explain import explain_bad_json, explain_network_failure, explain_status

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class Fetched:
    body: bytes
    validators: Validators


@dataclass(frozen=True)
class NotModified:
    pass


@dataclass(frozen=True)
class FetchFailed:
    reason: str


FetchResult = Fetched | NotModified | FetchFailed


def conditional_get(client: httpx.Client, url: str, validators: Validators) -> FetchResult:
    try:
        with client.stream("GET", url, headers=validators.headers()) as response:
            if response.status_code == 304:
                return NotModified()
            if response.status_code != 200:
                return FetchFailed(explain_status(response.status_code))
            body = _read_limited(response)
    except httpx.HTTPError as failure:
        return FetchFailed(explain_network_failure(failure, httpx.URL(url).host or url))
    if body is None:
        return FetchFailed(f"документ больше {MAX_DOCUMENT_BYTES // (1024 * 1024)} МБ")
    return Fetched(body, Validators(response.headers.get("ETag"),
                                    response.headers.get("Last-Modified")))


def _read_limited(response: httpx.Response) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_DOCUMENT_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class IndexEntry:
    scope: str
    key: str
    title: str
    json_path: str


@dataclass(frozen=True)
class FeedIndex:
    """The site's ``feeds/index.json``: every feed of the site, with paths from the site root."""

    site: str  # ends with "/"
    entries: tuple[IndexEntry, ...]

    def keys(self, scope: str) -> list[str]:
        return [entry.key for entry in self.entries if entry.scope == scope]

    def url_of(self, ref: FeedRef) -> str | None:
        scope, key = ref.scope, ref.value
        for entry in self.entries:
            if entry.scope == scope and entry.key == key:
                return urljoin(self.site, entry.json_path)
        return None


def index_url(site: str) -> str:
    return urljoin(site, "feeds/index.json")


def parse_index(site: str, body: bytes) -> FeedIndex | str:
    """The index, or why it cannot be read."""
    try:
        document = json.loads(body.decode("utf-8"))
    except ValueError as failure:  # UnicodeDecodeError included
        return explain_bad_json(failure)
    feeds = document.get("feeds") if isinstance(document, dict) else None
    if not isinstance(feeds, list):
        return "в документе нет списка лент (feeds)"
    entries = []
    for raw in feeds:
        if not isinstance(raw, dict):
            continue
        scope, key, path = raw.get("scope"), raw.get("key"), raw.get("json")
        if isinstance(scope, str) and isinstance(key, str) and isinstance(path, str):
            title = raw.get("title")
            entries.append(IndexEntry(scope, key, title if isinstance(title, str) else "", path))
    return FeedIndex(site, tuple(entries))
