"""The service's configuration: one TOML file, every key documented in docs/howto-serve.md.

Without a file the service runs on the demo's bundled inputs (a fictional
province, checked as of the demo's fixed moment) with a database in the
current folder.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs

from coordrules.adapters.ical.write import FeedPrivacy
from coordrules.model.errors import InputError


@attrs.frozen
class SourceConfig:
    """One calendar source: a local file or folder (``path``), a subscription URL (``url``),
    or a CalDAV calendar collection (``caldav``)."""

    name: str
    path: Path | None = None
    url: str | None = None
    office: str | None = None
    """The office that keeps the source (default: matched by its name)."""
    caldav: str | None = None
    """The URL of a CalDAV calendar collection."""
    username: str | None = None
    """CalDAV user name."""
    password_env: str | None = None
    """The environment variable that holds the CalDAV password (never the password itself)."""


@attrs.frozen
class ServeConfig:
    """Everything ``coordrules serve`` needs; see :func:`load_config` for the TOML keys."""

    sources: tuple[SourceConfig, ...]
    pack: str = "vn-province"
    people: Path | None = None
    database: Path = Path("coordrules-serve.sqlite3")
    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str | None = None
    """What printed addresses start with (default ``http://HOST:PORT``)."""
    poll_seconds: float = 30.0
    """How often local files are checked for changes (mtime and size)."""
    refresh_seconds: float = 300.0
    """How often remote sources are fetched again."""
    timeout_seconds: float = 10.0
    """Connect and read timeout, and the whole download's limit, per remote attempt."""
    max_bytes: int = 20_000_000
    """A remote source larger than this is refused (its last good copy stays)."""
    retries: int = 2
    """Further attempts after a failed fetch, with doubling back-off from 0.5 s."""
    weeks: int = 2
    """The window: this many weeks from Monday of the current week."""
    as_of: datetime | None = None
    """A fixed moment of the check (the demo's); default: the clock at each build."""
    window: tuple[date, date] | None = None
    """A fixed window; default from *weeks*."""
    previous: Path | None = None
    """A merged feed published earlier, for late changes (``merge --previous``)."""
    office: str | None = None
    """The office issuing the week's DOCX (default: that of the first source)."""
    title: str = "Lịch công tác"
    privacy: FeedPrivacy = FeedPrivacy.STANDARD
    """What every published feed shows (``[calendar] privacy``: ``standard``,
    ``busy-only`` or ``full``; see docs/howto-publish-feeds.md)."""
    cache_seconds: int = 300
    """``Cache-Control: max-age`` of the feeds."""

    @property
    def address(self) -> str:
        """The base address printed for people to open."""
        return (self.base_url or f"http://{self.host}:{self.port}").rstrip("/")


_TOP = {"serve", "calendar", "remote", "source"}
_KEYS: Mapping[str, Mapping[str, type | tuple[type, ...]]] = {
    "serve": {
        "host": str,
        "port": int,
        "database": str,
        "base_url": str,
        "poll_seconds": (int, float),
        "cache_seconds": int,
    },
    "calendar": {
        "pack": str,
        "people": str,
        "weeks": int,
        "as_of": datetime,
        "from": date,
        "to": date,
        "previous": str,
        "office": str,
        "title": str,
        "privacy": str,
    },
    "remote": {
        "refresh_seconds": (int, float),
        "timeout_seconds": (int, float),
        "max_bytes": int,
        "retries": int,
    },
    "source": {
        "name": str,
        "path": str,
        "url": str,
        "office": str,
        "caldav": str,
        "username": str,
        "password_env": str,
    },
}


def _bad(path: str, place: str, reason: str, reason_vi: str) -> InputError:
    return InputError(path, reason, place=place, reason_vi=reason_vi)


def _privacy(file: str, value: str) -> FeedPrivacy:
    try:
        return FeedPrivacy(value)
    except ValueError:
        known = ", ".join(p.value for p in FeedPrivacy)
        raise _bad(
            file,
            "calendar.privacy",
            f"{value!r} is not one of {known}",
            f"phải là một trong {known}",
        ) from None


def _table(file: str, data: Mapping[str, Any], section: str, place: str) -> dict[str, Any]:
    known = _KEYS[section]
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise _bad(
                file,
                f"{place}.{key}",
                f"unknown key; known: {', '.join(known)}",
                "khóa không có trong cấu hình",
            )
        wanted = known[key]
        if isinstance(value, bool) or not isinstance(value, wanted):
            raise _bad(file, f"{place}.{key}", "wrong type of value", "sai kiểu giá trị")
        out[key] = value
    return out


def _read_toml(path: str | Path) -> dict[str, Any]:
    """The TOML document in *path*; :class:`InputError` when unreadable or not TOML."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InputError(
            file, f"cannot read: {error.strerror or error}", reason_vi="không đọc được tệp"
        ) from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(file, f"not TOML: {error}", reason_vi="không phải tệp TOML") from None


def _sources(file: str, items: Any, here: Path) -> list[SourceConfig]:
    """The ``[[source]]`` tables: each with exactly one of path, url and caldav, names unique."""
    if not isinstance(items, list) or not items:
        raise _bad(
            file, "source", "at least one [[source]] is needed", "cần ít nhất một [[source]]"
        )
    sources: list[SourceConfig] = []
    for number, item in enumerate(items, 1):
        place = f"source[{number}]"
        if not isinstance(item, dict):
            raise _bad(file, place, "expected a table", "cần một bảng")
        values = _table(file, item, "source", place)
        if sum(key in values for key in ("path", "url", "caldav")) != 1:
            raise _bad(
                file,
                place,
                "give exactly one of path, url and caldav",
                "cần đúng một trong path, url, caldav",
            )
        for key in ("url", "caldav"):
            if key in values and not values[key].lower().startswith(("http://", "https://")):
                raise _bad(file, f"{place}.{key}", "only http(s) addresses", "chỉ địa chỉ http(s)")
        default = Path(values["path"]).stem if "path" in values else f"nguon-{number}"
        name = values.get("name", default)
        if name in {s.name for s in sources}:
            raise _bad(file, f"{place}.name", f"two sources named {name!r}", "hai nguồn trùng tên")
        sources.append(
            SourceConfig(
                name=name,
                path=here / values["path"] if "path" in values else None,
                url=values.get("url"),
                office=values.get("office"),
                caldav=values.get("caldav"),
                username=values.get("username"),
                password_env=values.get("password_env"),
            )
        )
    return sources


def _window(file: str, calendar: dict[str, Any]) -> tuple[date, date] | None:
    """``[calendar] from`` and ``to`` (a week from the one given, when one is missing)."""
    if "from" not in calendar and "to" not in calendar:
        return None
    start = calendar.get("from") or calendar["to"] - timedelta(days=6)
    window = (start, calendar.get("to") or start + timedelta(days=6))
    if window[1] < window[0]:
        raise _bad(file, "calendar.to", "before calendar.from", "trước ngày bắt đầu")
    return window


def load_config(path: str | Path) -> ServeConfig:
    """Read the service's TOML configuration; relative paths are from the file's folder.

    Sections and keys (all optional but ``[[source]]``)::

        [serve]      host, port, database, base_url, poll_seconds, cache_seconds
        [calendar]   pack, people, weeks, as_of, from, to, previous, office, title
        [remote]     refresh_seconds, timeout_seconds, max_bytes, retries
        [[source]]   name, and path (file or folder), url or caldav; office;
                     for caldav: username, password_env

    Raises :class:`~coordrules.InputError` naming the key for an unknown key,
    a value of the wrong type, or a source without exactly one of path and url.
    """
    file = str(path)
    data = _read_toml(path)
    for key in data:
        if key not in _TOP:
            raise _bad(file, key, f"unknown section; known: {', '.join(sorted(_TOP))}", "mục lạ")
    here = Path(path).resolve().parent

    def section(name: str) -> dict[str, Any]:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise _bad(file, name, "expected a table", "cần một bảng [..]")
        return _table(file, value, name, name)

    serve, calendar, remote = section("serve"), section("calendar"), section("remote")
    sources = _sources(file, data.get("source", []), here)
    window = _window(file, calendar)
    as_of = calendar.get("as_of")
    if as_of is not None and as_of.tzinfo is None:
        raise _bad(file, "calendar.as_of", "give the UTC offset (+07:00)", "cần múi giờ (+07:00)")
    for key, low in (("port", 0), ("weeks", 1), ("max_bytes", 1), ("retries", 0)):
        value = {**serve, **calendar, **remote}.get(key)
        if value is not None and value < low:
            raise _bad(file, key, f"must be at least {low}", f"phải từ {low} trở lên")
    return ServeConfig(
        sources=tuple(sources),
        pack=calendar.get("pack", "vn-province")
        if not calendar.get("pack", "").endswith(".toml")
        else str(here / calendar["pack"]),
        people=here / calendar["people"] if "people" in calendar else None,
        database=here / serve.get("database", "coordrules-serve.sqlite3"),
        host=serve.get("host", "127.0.0.1"),
        port=serve.get("port", 8000),
        base_url=serve.get("base_url"),
        poll_seconds=float(serve.get("poll_seconds", 30)),
        cache_seconds=serve.get("cache_seconds", 300),
        refresh_seconds=float(remote.get("refresh_seconds", 300)),
        timeout_seconds=float(remote.get("timeout_seconds", 10)),
        max_bytes=remote.get("max_bytes", 20_000_000),
        retries=remote.get("retries", 2),
        weeks=calendar.get("weeks", 2),
        as_of=as_of,
        window=window,
        previous=here / calendar["previous"] if "previous" in calendar else None,
        office=calendar.get("office"),
        title=calendar.get("title", "Lịch công tác"),
        privacy=_privacy(file, calendar.get("privacy", FeedPrivacy.STANDARD.value)),
    )


def demo_config(database: str | Path = "coordrules-serve.sqlite3") -> ServeConfig:
    """The configuration used when none is given: the demo's bundled sample inputs."""
    from coordrules.cli.demo import AS_OF, SOURCES, WINDOW
    from coordrules.cli.samples import sample_path

    sample = sample_path()
    return ServeConfig(
        sources=tuple(
            SourceConfig(
                name=name,
                path=sample / file,
                office="vp-tinh-uy" if name == "vp-tinh-uy-tuan" else None,
            )
            for name, file in SOURCES
        ),
        pack=str(sample / "tinh-thanh-binh.toml"),
        people=sample / "people.toml",
        database=Path(database),
        as_of=AS_OF,
        window=WINDOW,
        previous=sample / "previous.ics",
        office="vp-ubnd",
    )
