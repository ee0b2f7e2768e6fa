"""The bridge's memory in SQLite: what went where, and what still has to go.

Tables:

``routes``     one row per (feed, chat) pair: the moment of subscription and
               whether the first fetch has been taken as the starting point.
``baseline``   item ids that were already in the feed when a route started;
               they are never posted to that route's chat (``--backfill`` aside).
``posts``      the outbox and the record, one row per (chat, item). A row is
               ``pending`` when queued, ``sending`` just before the request
               goes out, ``sent`` (with the messenger's message id) only once the
               messenger has confirmed it, or ``failed`` when the messenger
               refused this one message for good. A row found ``sending`` after
               a crash is sent again: the one case that can double a post.
``feeds``      the validators (ETag, Last-Modified) of the last document that
               was fully queued, and when each feed last answered.
``channels``   when each chat last accepted a request, and why it was stopped.

Every change is committed at once (WAL journal, ``synchronous=FULL``), so a
kill at any moment leaves a consistent file behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .feed import FeedItem
from .fetch import Validators

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS routes (
    route_key TEXT PRIMARY KEY,
    subscribed_at TEXT NOT NULL,
    baseline_done INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS baseline (
    route_key TEXT NOT NULL,
    item_id TEXT NOT NULL,
    PRIMARY KEY (route_key, item_id)
);
CREATE TABLE IF NOT EXISTS posts (
    chat_key TEXT NOT NULL,
    item_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    published TEXT NOT NULL,
    notice_id TEXT,
    event INTEGER,
    status_label TEXT,
    item_json TEXT NOT NULL,
    message_id TEXT,
    kind TEXT,
    shown_label TEXT,
    queued_at TEXT NOT NULL,
    sent_at TEXT,
    error TEXT,
    PRIMARY KEY (chat_key, item_id)
);
CREATE INDEX IF NOT EXISTS posts_by_notice ON posts (chat_key, notice_id, event);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_ok_at TEXT,
    last_error TEXT,
    last_error_at TEXT
);
CREATE TABLE IF NOT EXISTS channels (
    chat_key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    last_ok_at TEXT,
    stopped_at TEXT,
    stop_reason TEXT
);
"""


@dataclass(frozen=True)
class RouteState:
    subscribed_at: datetime
    baseline_done: bool


@dataclass(frozen=True)
class PostRecord:
    chat_key: str
    item: FeedItem
    state: str
    message_id: str | None
    kind: str | None  # "text" or "photo": how the message was sent, so edits match it
    shown_label: str | None


@dataclass(frozen=True)
class EditNeeded:
    """A first post whose status line shows ``first.shown_label`` but should show ``label``."""

    first: PostRecord
    label: str


@dataclass(frozen=True)
class FeedHealth:
    url: str
    last_ok_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None


@dataclass(frozen=True)
class ChannelHealth:
    chat_key: str
    name: str
    last_ok_at: datetime | None
    stopped_at: datetime | None
    stop_reason: str | None
    pending: int
    failed: int
    sent: int


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class Store:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    @classmethod
    def open(cls, path: Path) -> Store:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=30)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.executescript(_SCHEMA)
        with connection:
            connection.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                               (SCHEMA_VERSION,))
        return cls(connection)

    @classmethod
    def open_existing(cls, path: Path) -> Store | None:
        """For read-only reports: None when the bridge has never run."""
        if not path.exists():
            return None
        return cls(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30))

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _change(self) -> Iterator[sqlite3.Connection]:
        with self.db:
            yield self.db

    # Routes and their starting point
    def register_route(self, route_key: str, now: datetime) -> RouteState:
        with self._change() as db:
            db.execute("INSERT OR IGNORE INTO routes (route_key, subscribed_at) VALUES (?, ?)",
                       (route_key, now.isoformat()))
        row = self.db.execute("SELECT subscribed_at, baseline_done FROM routes WHERE route_key = ?",
                              (route_key,)).fetchone()
        return RouteState(datetime.fromisoformat(row[0]), bool(row[1]))

    def set_baseline(self, route_key: str, item_ids: list[str]) -> None:
        with self._change() as db:
            db.executemany("INSERT OR IGNORE INTO baseline VALUES (?, ?)",
                           [(route_key, item_id) for item_id in item_ids])
            db.execute("UPDATE routes SET baseline_done = 1 WHERE route_key = ?", (route_key,))

    def baseline_ids(self, route_key: str) -> set[str]:
        rows = self.db.execute("SELECT item_id FROM baseline WHERE route_key = ?", (route_key,))
        return {row[0] for row in rows}

    # Feeds
    def validators(self, url: str) -> Validators:
        row = self.db.execute("SELECT etag, last_modified FROM feeds WHERE url = ?",
                              (url,)).fetchone()
        return Validators(*row) if row else Validators()

    def feed_answered(self, url: str, now: datetime, validators: Validators | None) -> None:
        """The feed answered usably; new validators are stored once the document is queued."""
        with self._change() as db:
            db.execute("INSERT OR IGNORE INTO feeds (url) VALUES (?)", (url,))
            db.execute("UPDATE feeds SET last_ok_at = ?, last_error = NULL WHERE url = ?",
                       (now.isoformat(), url))
            if validators is not None:
                db.execute("UPDATE feeds SET etag = ?, last_modified = ? WHERE url = ?",
                           (validators.etag, validators.last_modified, url))

    def feed_failed(self, url: str, now: datetime, reason: str) -> None:
        with self._change() as db:
            db.execute("INSERT OR IGNORE INTO feeds (url) VALUES (?)", (url,))
            db.execute("UPDATE feeds SET last_error = ?, last_error_at = ? WHERE url = ?",
                       (reason, now.isoformat(), url))

    # The outbox
    def is_known(self, chat_key: str, item_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM posts WHERE chat_key = ? AND item_id = ?",
                              (chat_key, item_id)).fetchone()
        return row is not None

    def enqueue(self, chat_key: str, items: list[FeedItem], now: datetime) -> int:
        """Queue the items not yet known for the chat; returns how many were new."""
        with self._change() as db:
            before = db.total_changes
            db.executemany(
                "INSERT OR IGNORE INTO posts (chat_key, item_id, state, published, notice_id,"
                " event, status_label, item_json, queued_at) VALUES (?, ?, 'pending', ?, ?, ?, ?,"
                " ?, ?)",
                [(chat_key, item.id, item.published.isoformat(), item.notice_id, item.event,
                  item.status_label, item.to_json(), now.isoformat()) for item in items])
            return db.total_changes - before

    def outbox(self, chat_key: str) -> list[PostRecord]:
        """Everything still to send to the chat, oldest first."""
        rows = self.db.execute(
            "SELECT chat_key, item_json, state, message_id, kind, shown_label FROM posts"
            " WHERE chat_key = ? AND state IN ('pending', 'sending')"
            " ORDER BY published, COALESCE(notice_id, ''), COALESCE(event, 0), item_id",
            (chat_key,))
        return [self._record(row) for row in rows]

    def mark_pending(self, chat_key: str, item_id: str) -> None:
        self._set(chat_key, item_id, "state = 'pending'", ())

    def mark_sending(self, chat_key: str, item_id: str) -> None:
        self._set(chat_key, item_id, "state = 'sending'", ())

    def mark_sent(self, chat_key: str, item_id: str, message_id: str, kind: str,
                  now: datetime) -> None:
        self._set(chat_key, item_id, "state = 'sent', message_id = ?, kind = ?, sent_at = ?,"
                  " shown_label = status_label, error = NULL", (message_id, kind, now.isoformat()))

    def mark_failed(self, chat_key: str, item_id: str, reason: str) -> None:
        self._set(chat_key, item_id, "state = 'failed', error = ?", (reason,))

    def mark_shown(self, chat_key: str, item_id: str, label: str) -> None:
        self._set(chat_key, item_id, "shown_label = ?", (label,))

    def _set(self, chat_key: str, item_id: str, assignments: str,
             values: tuple[str, ...]) -> None:
        with self._change() as db:
            db.execute(f"UPDATE posts SET {assignments} WHERE chat_key = ? AND item_id = ?",
                       (*values, chat_key, item_id))

    def posts(self, chat_key: str, state: str) -> list[PostRecord]:
        rows = self.db.execute(
            "SELECT chat_key, item_json, state, message_id, kind, shown_label FROM posts"
            " WHERE chat_key = ? AND state = ? ORDER BY published, item_id", (chat_key, state))
        return [self._record(row) for row in rows]

    def edits_needed(self, chat_key: str) -> list[EditNeeded]:
        """First posts whose status line is behind the newest event sent for their notice."""
        rows = self.db.execute(
            "SELECT first.chat_key, first.item_json, first.state, first.message_id, first.kind,"
            "       first.shown_label, latest.status_label"
            " FROM posts AS first JOIN posts AS latest"
            "   ON latest.chat_key = first.chat_key AND latest.notice_id = first.notice_id"
            " WHERE first.chat_key = ? AND first.event = 0 AND first.state = 'sent'"
            "   AND latest.state = 'sent' AND latest.status_label IS NOT NULL"
            "   AND latest.event = (SELECT MAX(event) FROM posts AS other"
            "        WHERE other.chat_key = first.chat_key AND other.notice_id = first.notice_id"
            "          AND other.state = 'sent')"
            "   AND latest.status_label IS NOT first.shown_label"
            " ORDER BY first.published, first.item_id", (chat_key,))
        return [EditNeeded(self._record(row[:6]), row[6]) for row in rows]

    @staticmethod
    def _record(row: tuple[str, ...]) -> PostRecord:
        chat_key, item_json, state, message_id, kind, shown_label = row
        return PostRecord(chat_key, FeedItem.from_json(item_json), state, message_id, kind,
                          shown_label)

    # Channels
    def channel_ok(self, chat_key: str, name: str, now: datetime) -> None:
        with self._change() as db:
            db.execute("INSERT OR IGNORE INTO channels (chat_key, name) VALUES (?, ?)",
                       (chat_key, name))
            db.execute("UPDATE channels SET name = ?, last_ok_at = ?, stopped_at = NULL,"
                       " stop_reason = NULL WHERE chat_key = ?", (name, now.isoformat(), chat_key))

    def channel_stopped(self, chat_key: str, name: str, now: datetime, reason: str) -> None:
        with self._change() as db:
            db.execute("INSERT OR IGNORE INTO channels (chat_key, name) VALUES (?, ?)",
                       (chat_key, name))
            db.execute("UPDATE channels SET name = ?, stopped_at = ?, stop_reason = ?"
                       " WHERE chat_key = ?", (name, now.isoformat(), reason, chat_key))

    # Reports
    def feed_health(self) -> list[FeedHealth]:
        rows = self.db.execute("SELECT url, last_ok_at, last_error, last_error_at FROM feeds"
                               " ORDER BY url")
        return [FeedHealth(url, _time(ok), error, _time(error_at))
                for url, ok, error, error_at in rows]

    def channel_health(self, chat_key: str, name: str) -> ChannelHealth:
        row = self.db.execute("SELECT last_ok_at, stopped_at, stop_reason FROM channels"
                              " WHERE chat_key = ?", (chat_key,)).fetchone() or (None,) * 3
        counts = dict(self.db.execute(
            "SELECT state, COUNT(*) FROM posts WHERE chat_key = ? GROUP BY state", (chat_key,)))
        return ChannelHealth(chat_key, name, _time(row[0]), _time(row[1]), row[2],
                             counts.get("pending", 0) + counts.get("sending", 0),
                             counts.get("failed", 0), counts.get("sent", 0))
