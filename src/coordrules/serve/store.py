"""State that outlives the process: published feeds, their ETags, feed tokens.

The service keeps, for every feed it publishes (one per person, per body,
and the merged one), the bytes last published, a content hash for the
``ETag`` (DTSTAMP left out, so that a rebuild that changes nothing keeps the
tag), and the moment the content last changed (``Last-Modified``). The last
published bytes are handed to the feed writers as ``previous``, so SEQUENCE
and LAST-MODIFIED of events carry on across restarts and never go back.

Feed tokens are stored only as their SHA-256: a copy of the database does
not give anyone a working feed address.

:class:`Store` is the interface; :class:`SQLiteStore` (standard library
``sqlite3``, one file) is the default. A portal may pass its own store to
:func:`coordrules.serve.create_app`.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import attrs

TOKEN_KINDS = ("person", "body", "all", "staff")
"""What a token opens: one person's feed, one body's feed, the merged feed, the staff pages."""

_DTSTAMP = re.compile(rb"^DTSTAMP[;:][^\r\n]*(?:\r?\n[ \t][^\r\n]*)*\r?\n", re.MULTILINE)


def content_hash(feed: bytes) -> str:
    """The ETag value of *feed*: SHA-256 of its bytes without the DTSTAMP lines.

    DTSTAMP is the writer's clock and changes on every build; nothing a
    subscriber shows depends on it, so two builds that differ only there get
    the same tag and the subscriber a ``304 Not Modified``.
    """
    return hashlib.sha256(_DTSTAMP.sub(b"", feed)).hexdigest()[:32]


def token_hash(token: str) -> str:
    """How a token is stored: the hex SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> str:
    """A fresh unguessable token (32 random bytes, URL-safe base64)."""
    return secrets.token_urlsafe(32)


@attrs.frozen
class Published:
    """One feed as last published."""

    key: str
    """``person:ID``, ``body:ID`` or ``all``."""
    data: bytes
    etag: str
    """:func:`content_hash` of *data*."""
    modified: datetime
    """When the content (not only DTSTAMP) last changed, in UTC."""


@attrs.frozen
class TokenInfo:
    """A token as :meth:`Store.tokens` lists it: never the token itself."""

    kind: str
    subject: str
    created: datetime
    revoked: datetime | None
    fingerprint: str
    """The first 8 hex digits of the stored hash, to tell tokens apart in a list."""


class Store(Protocol):
    """Where the service keeps what must survive a restart.

    Implementations must be safe to call from several threads.
    """

    def published(self, key: str) -> Published | None:
        """The feed last published under *key*, or ``None``."""

    def publish(self, feed: Published) -> None:
        """Record *feed* as the one now published under its key."""

    def add_token(self, kind: str, subject: str, token_sha256: str, at: datetime) -> None:
        """Store a new token by its hash, for *kind* and *subject*."""

    def find_token(self, token_sha256: str) -> tuple[str, str] | None:
        """``(kind, subject)`` of a live token with this hash, or ``None``."""

    def revoke(self, kind: str, subject: str, at: datetime) -> int:
        """Revoke every live token of *kind* and *subject*; return how many."""

    def tokens(self) -> list[TokenInfo]:
        """Every token, live and revoked, oldest first."""


class SQLiteStore:
    """:class:`Store` in one SQLite file (``:memory:`` for a throw-away store)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS feed (key TEXT PRIMARY KEY, data BLOB NOT NULL, "
                "etag TEXT NOT NULL, modified TEXT NOT NULL)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS token (hash TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                "subject TEXT NOT NULL, created TEXT NOT NULL, revoked TEXT)"
            )

    def close(self) -> None:
        """Close the database file."""
        with self._lock:
            self._db.close()

    def published(self, key: str) -> Published | None:
        """The feed last published under *key*, or ``None``."""
        with self._lock:
            row = self._db.execute(
                "SELECT data, etag, modified FROM feed WHERE key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        return Published(key, bytes(row[0]), row[1], datetime.fromisoformat(row[2]))

    def publish(self, feed: Published) -> None:
        """Record *feed* as the one now published under its key."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO feed (key, data, etag, modified) VALUES (?, ?, ?, ?)",
                (feed.key, feed.data, feed.etag, feed.modified.astimezone(UTC).isoformat()),
            )

    def add_token(self, kind: str, subject: str, token_sha256: str, at: datetime) -> None:
        """Store a new token by its hash, for *kind* and *subject*."""
        with self._lock:
            self._db.execute(
                "INSERT INTO token (hash, kind, subject, created) VALUES (?, ?, ?, ?)",
                (token_sha256, kind, subject, at.astimezone(UTC).isoformat()),
            )

    def find_token(self, token_sha256: str) -> tuple[str, str] | None:
        """``(kind, subject)`` of a live token with this hash, or ``None``."""
        with self._lock:
            row = self._db.execute(
                "SELECT kind, subject FROM token WHERE hash = ? AND revoked IS NULL",
                (token_sha256,),
            ).fetchone()
        return None if row is None else (row[0], row[1])

    def revoke(self, kind: str, subject: str, at: datetime) -> int:
        """Revoke every live token of *kind* and *subject*; return how many."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE token SET revoked = ? WHERE kind = ? AND subject = ? AND revoked IS NULL",
                (at.astimezone(UTC).isoformat(), kind, subject),
            )
        return cursor.rowcount

    def tokens(self) -> list[TokenInfo]:
        """Every token, live and revoked, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT kind, subject, created, revoked, hash FROM token ORDER BY created, rowid"
            ).fetchall()
        return [
            TokenInfo(
                kind,
                subject,
                datetime.fromisoformat(created),
                None if revoked is None else datetime.fromisoformat(revoked),
                digest[:8],
            )
            for kind, subject, created, revoked, digest in rows
        ]


def issue_token(store: Store, kind: str, subject: str, *, at: datetime | None = None) -> str:
    """Revoke the live tokens of *kind*/*subject*, store a new one, return it (shown once)."""
    if kind not in TOKEN_KINDS:
        raise ValueError(f"unknown token kind {kind!r}")
    moment = at or datetime.now(UTC)
    store.revoke(kind, subject, moment)
    token = new_token()
    store.add_token(kind, subject, token_hash(token), moment)
    return token
