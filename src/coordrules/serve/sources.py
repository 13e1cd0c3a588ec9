"""Getting the sources' bytes: local files and folders (polled), remote subscription URLs.

A local source is a file or a folder (every ``.ics`` and ``.docx`` directly
in it, sorted); it is read again when a file's modification time or size
changes, or a file appears or goes. A remote source is fetched with a
conditional GET (``If-None-Match``, ``If-Modified-Since``), a timeout on
each attempt and on the whole download, a size limit counted on the bytes
received, and retries with doubling back-off. A source that fails keeps its
last good copy; :class:`SourceState` says since when it is stale and why.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import attrs
import httpx

from coordrules._version import __version__
from coordrules.serve.config import ServeConfig, SourceConfig

SUFFIXES = (".ics", ".ical", ".ifb", ".docx")


Files = tuple[tuple[Path, bytes], ...]
"""A source's copy: (file name, bytes) per file."""

SKIP = object()
"""Returned by :func:`fetch_remote` when the source is not due yet."""


@attrs.define
class SourceState:
    """What the service knows of one source between builds."""

    config: SourceConfig
    files: Files | None = None
    """The copy read last (good or not)."""
    good: Files | None = None
    """The last copy that could be used; its calendars are the ones merged."""
    bad: Files | None = None
    """The last copy that could not be read, not to be read again until it changes."""
    fetched: datetime | None = None
    """When the source last gave a usable copy (read now, or unchanged since)."""
    failing_since: datetime | None = None
    """Set while the source fails: since when its copy is stale."""
    reason: str | None = None
    """Why the last attempt failed (English; the finding adds a Vietnamese lead)."""
    signature: object = None
    """Local: (name, mtime, size) of each file. Remote: (ETag, Last-Modified)."""
    next_fetch: float = 0.0
    """Remote: the monotonic time of the next fetch."""
    changed: bool = True
    """Whether anything the build shows changed since the last build."""

    def fail(self, reason: str, now: datetime) -> None:
        """Keep the last good copy; note the failure."""
        if self.failing_since is None:
            self.failing_since = now
            self.changed = True
        if reason != self.reason:
            self.changed = True
        self.reason = reason

    def recover(self, now: datetime) -> None:
        """The source gives a usable copy again."""
        self.fetched = now
        if self.failing_since is not None:
            self.failing_since, self.reason, self.changed = None, None, True


def local_signature(path: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, mtime in ns, size) of the file, or of each source file in the folder."""
    paths = (
        sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
        if path.is_dir()
        else [path]
    )
    out = []
    for p in paths:
        stat = p.stat()
        out.append((p.name, stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def poll_local(state: SourceState, now: datetime, max_bytes: int) -> Files | None:
    """The copy of a local source, read again only if its files changed; ``None`` on failure."""
    path = state.config.path
    assert path is not None
    try:
        signature = local_signature(path)
        if signature == state.signature and state.files is not None:
            return state.files
        files = []
        for name, _, size in signature:
            file = path / name if path.is_dir() else path
            if size > max_bytes:
                raise ValueError(f"{file.name}: larger than {max_bytes} bytes")
            files.append((file, file.read_bytes()))
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        state.signature = None
        state.fail(reason, now)
        return None
    state.signature = signature
    state.files = tuple(files)
    return state.files


class TooLarge(Exception):
    """A remote source sent more bytes than allowed."""


def fetch_remote(
    state: SourceState,
    config: ServeConfig,
    now: datetime,
    *,
    client: httpx.Client,
    sleep: Callable[[float], None] = time.sleep,
) -> Files | object | None:
    """The copy of a remote source when it is due (else :data:`SKIP`); ``None`` on failure."""
    if time.monotonic() < state.next_fetch:
        return SKIP
    state.next_fetch = time.monotonic() + config.refresh_seconds
    url = state.config.url
    assert url is not None
    headers = {"User-Agent": f"coordrules/{__version__}"}
    if state.files is not None and isinstance(state.signature, tuple):
        etag, modified = state.signature
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
    reason = "?"
    for attempt in range(config.retries + 1):
        if attempt:
            sleep(min(0.5 * 2 ** (attempt - 1), 8.0))
        try:
            status, body, etag, modified = _get(client, url, headers, config)
        except TooLarge:
            reason = f"larger than {config.max_bytes} bytes"
            break  # the same file will not shrink on a retry
        except (httpx.HTTPError, TimeoutError) as error:
            reason = f"{type(error).__name__}: {error}"[:200]
            continue
        if status == 304 and state.files is not None:
            return state.files
        if status == 200:
            state.signature = (etag, modified)
            state.files = ((Path(state.config.name + ".ics"), body),)
            return state.files
        reason = f"HTTP status {status}"
        if 400 <= status < 500 and status not in (408, 429):
            break  # a wrong address or a refusal does not mend on a retry
    state.fail(reason, now)
    return None


def fetch_caldav(
    state: SourceState,
    config: ServeConfig,
    now: datetime,
    window: tuple[date, date],
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Files | object | None:
    """The events of a CalDAV collection in *window* when due (else :data:`SKIP`); ``None``
    on failure. Each calendar object is one file of the copy; recurring series come
    unexpanded (the reader expands them). The password is read from the environment
    variable ``password_env`` names, never from the configuration file."""
    if time.monotonic() < state.next_fetch:
        return SKIP
    state.next_fetch = time.monotonic() + config.refresh_seconds
    source = state.config
    assert source.caldav is not None
    try:
        from caldav.davclient import DAVClient
    except ImportError:
        state.fail("the caldav package is not installed: pip install caldav", now)
        return None
    password = os.environ.get(source.password_env) if source.password_env else None
    if source.password_env and password is None:
        state.fail(f"the environment variable {source.password_env} is not set", now)
        return None
    start = datetime.combine(window[0], datetime.min.time(), UTC) - timedelta(days=1)
    end = datetime.combine(window[1], datetime.min.time(), UTC) + timedelta(days=2)
    reason = "?"
    for attempt in range(config.retries + 1):
        if attempt:
            sleep(min(0.5 * 2 ** (attempt - 1), 8.0))
        try:
            client = DAVClient(
                url=source.caldav,
                username=source.username,
                password=password,
                timeout=int(max(1, config.timeout_seconds)),
            )
            collection = client.calendar(url=source.caldav)
            found = collection.search(start=start, end=end, event=True, expand=False)
            files: list[tuple[Path, bytes]] = []
            size = 0
            for number, item in enumerate(found):
                data = item.data
                raw = data.encode("utf-8") if isinstance(data, str) else bytes(data or b"")
                size += len(raw)
                if size > config.max_bytes:
                    raise TooLarge
                files.append((Path(f"{number:05}.ics"), raw))
        except TooLarge:
            reason = f"larger than {config.max_bytes} bytes"
            break
        except Exception as error:  # caldav raises many kinds; each is one failed attempt
            reason = f"{type(error).__name__}: {error}"[:200]
            continue
        state.files = tuple(files)
        return state.files
    state.fail(reason, now)
    return None


def _get(
    client: httpx.Client, url: str, headers: dict[str, str], config: ServeConfig
) -> tuple[int, bytes, str | None, str | None]:
    """One GET: status, body (bounded in size and time), ETag, Last-Modified."""
    deadline = time.monotonic() + config.timeout_seconds
    with client.stream("GET", url, headers=headers) as response:
        declared = response.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > config.max_bytes:
            raise TooLarge
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > config.max_bytes:
                raise TooLarge
            if time.monotonic() > deadline:
                raise TimeoutError(f"download took longer than {config.timeout_seconds:g} s")
            chunks.append(chunk)
        return (
            response.status_code,
            b"".join(chunks),
            response.headers.get("ETag"),
            response.headers.get("Last-Modified"),
        )


def now_utc() -> datetime:
    """The clock, in UTC."""
    return datetime.now(UTC)
