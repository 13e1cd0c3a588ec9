"""The service's engine, without HTTP: sources in, one build out, feeds published.

:class:`Service` polls the sources (:mod:`coordrules.serve.sources`), and
when one changed reads, merges and checks them as ``coordrules merge``
does, writes one feed per person and per body (empty ones too) and the
merged feed, and publishes each feed whose content changed to the
:class:`~coordrules.serve.store.Store`. A source that fails keeps its last
good copy, and the report carries an ``import-problem`` finding saying that
it is stale and since when.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import attrs
import httpx

from coordrules.adapters.docx.weekly_read import read_weekly_docx
from coordrules.adapters.docx.weekly_write import write_weekly_docx
from coordrules.adapters.ical.read import read_ics, read_merged_ics
from coordrules.adapters.ical.write import feeds_per_body, feeds_per_person, write_ics
from coordrules.cli.common import office_id
from coordrules.cli.merge import Job, SourceArgument, issuing_office
from coordrules.cli.output import report_json
from coordrules.model.errors import InputError
from coordrules.model.events import MergedCalendar, SourceCalendar
from coordrules.model.findings import Finding, Message, Report
from coordrules.model.org import Directory, Organisation
from coordrules.model.text import vn_moment
from coordrules.packs.directory import load_directory
from coordrules.packs.load import load_pack
from coordrules.packs.pack import Pack
from coordrules.rules.conflicts import check_calendar
from coordrules.rules.merge import merge
from coordrules.serve.config import ServeConfig
from coordrules.serve.sources import (
    SKIP,
    Files,
    SourceState,
    fetch_caldav,
    fetch_remote,
    now_utc,
    poll_local,
)
from coordrules.serve.store import Published, SQLiteStore, Store, content_hash, token_hash

log = logging.getLogger("coordrules.serve")

ALL = "all"
"""The store key of the merged feed."""
STALE_RULE = "serve.source-stale"
RECHECK = timedelta(minutes=5)
"""When the moment of the check is the clock, the report is made again at least this often."""


@attrs.frozen
class Build:
    """One consistent state of everything served; replaced whole on each rebuild."""

    calendar: MergedCalendar
    report: Report
    feeds: Mapping[str, Published]
    """By store key: ``person:ID``, ``body:ID``, ``all``."""
    people: tuple[tuple[str, str], ...]
    """(id, name) of every person in the directory: the week page's rows."""
    members: Mapping[str, frozenset[str]]
    """Merged-occurrence ids in each person's feed, by person id."""
    window: tuple[date, date]
    built: datetime
    number: int
    """Counts builds since the process started."""


class Service:
    """Sources, builds and the store; thread-safe; the HTTP app is a thin layer on top."""

    def __init__(
        self,
        config: ServeConfig,
        store: Store | None = None,
        *,
        clock: Callable[[], datetime] = now_utc,
        client: httpx.Client | None = None,
    ) -> None:
        self.config = config
        self.store: Store = store if store is not None else SQLiteStore(config.database)
        self.clock = clock
        self.pack: Pack = load_pack(config.pack)
        self.directory: Directory | None = (
            None if config.people is None else load_directory(config.people, self.pack)
        )
        self.org: Organisation = self.pack.organisation(self.directory)
        self.offices = {
            s.name: office_id(self.pack, s.office, f"source {s.name}: office")
            for s in config.sources
            if s.office is not None
        }
        if config.office is not None:
            office_id(self.pack, config.office, "calendar.office")
        self.previous: MergedCalendar | None = (
            None if config.previous is None else read_merged_ics(config.previous, pack=self.pack)
        )
        timeout = httpx.Timeout(config.timeout_seconds)
        self.client = client or httpx.Client(timeout=timeout, follow_redirects=True)
        self.states = [SourceState(s) for s in config.sources]
        self.parsed: dict[str, list[SourceCalendar]] = {}
        self._lock = threading.Lock()
        self._docx: tuple[int, bytes] | None = None
        self.build: Build | None = None
        self._count = 0
        self._window: tuple[date, date] | None = None

    def close(self) -> None:
        """Close the HTTP client of the remote sources (the store stays open)."""
        self.client.close()

    # -- sources and builds ------------------------------------------------

    def refresh(self, *, force: bool = False) -> bool:
        """Poll the sources; rebuild when one changed (or *force*). Whether it rebuilt."""
        with self._lock:
            now = self.clock()
            window = self.window(now)
            if window != self._window:  # a new week: read every good copy for it
                self._window = window
                for state in self.states:
                    if state.good is not None:
                        self._parse(state, state.good, now)
                force = True
            if self.config.as_of is None and self.build is not None:
                # Findings depend on the clock too (deadlines pass): check again now and then.
                force = force or now - self.build.built >= RECHECK
            for state in self.states:
                got: Files | object | None
                if state.config.path is not None:
                    got = poll_local(state, now, self.config.max_bytes)
                elif state.config.caldav is not None:
                    got = fetch_caldav(state, self.config, now, window)
                else:
                    got = fetch_remote(state, self.config, now, client=self.client)
                if got is SKIP or got is None:
                    continue
                assert isinstance(got, tuple)
                if got == state.good:
                    state.recover(now)
                elif got != state.bad:
                    self._parse(state, got, now)
            if not force and self.build is not None and not any(s.changed for s in self.states):
                return False
            self._rebuild(now)
            for state in self.states:
                state.changed = False
            return True

    def _parse(self, state: SourceState, files: Files, now: datetime) -> None:
        """Read a new copy of one source; on bad input keep the last good calendars."""
        window = self.window(now)
        name = state.config.name
        folder = state.config.path is not None and state.config.path.is_dir()
        calendars = []
        try:
            for path, data in files:
                label = f"{name}/{path.stem}" if folder else name
                if path.suffix.lower() == ".docx":
                    calendar = read_weekly_docx(
                        data,
                        name=label,
                        pack=self.pack,
                        directory=self.directory,
                        year=window[0].year,
                    )
                else:
                    calendar = read_ics(data, name=label, window=window, pack=self.pack)
                calendars.append(calendar)
        except InputError as error:
            state.bad = files
            state.fail(error.reason + (f" ({error.place})" if error.place else ""), now)
            return
        if state.config.caldav is not None:
            # One calendar object per event: together they are one source.
            calendars = [
                attrs.evolve(
                    calendars[0] if calendars else SourceCalendar(name),
                    occurrences=tuple(o for c in calendars for o in c.occurrences),
                    problems=tuple(p for c in calendars for p in c.problems),
                )
            ]
        self.parsed[name] = calendars
        state.good, state.bad, state.changed = files, None, True
        state.recover(now)

    def window(self, now: datetime) -> tuple[date, date]:
        """The checked window: the configured one, or *weeks* from Monday of this week."""
        if self.config.window is not None:
            return self.config.window
        today = self.as_of(now).date()
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=7 * self.config.weeks - 1)

    def as_of(self, now: datetime) -> datetime:
        """The moment of the check: the configured one, or *now* in the pack's time zone."""
        if self.config.as_of is not None:
            return self.config.as_of
        return now.astimezone(self.pack.work_calendar.tz)

    def _stale(self) -> list[Finding]:
        findings = []
        for state in self.states:
            if state.failing_since is None:
                continue
            name = state.config.name
            since = state.failing_since
            if state.fetched is None or name not in self.parsed:
                vi = (
                    f"Nguồn {name} chưa lấy được lần nào (từ {vn_moment(since)}); "
                    "không có trong lịch."
                )
                en = f"Source {name} has not been read yet (since {since:%Y-%m-%d %H:%M} UTC)."
            else:
                vi = (
                    f"Nguồn {name} không cập nhật được từ {vn_moment(since)}; đang dùng bản "
                    f"lấy lúc {vn_moment(state.fetched)}."
                )
                en = (
                    f"Source {name} is stale since {since:%Y-%m-%d %H:%M} UTC; using the copy "
                    f"taken at {state.fetched:%Y-%m-%d %H:%M} UTC."
                )
            findings.append(
                Finding.of(
                    "import-problem",
                    Message(vi=vi, en=f"{en} Reason: {state.reason}"),
                    rule=STALE_RULE,
                    subjects=(name,),
                    file=name,  # never the URL: subscription URLs hold secrets
                    details={
                        "stale_since": since.isoformat(),
                        "last_good": None if state.fetched is None else state.fetched.isoformat(),
                        "reason": state.reason,
                    },
                )
            )
        return findings

    def _rebuild(self, now: datetime) -> None:
        window = self.window(now)
        as_of = self.as_of(now)
        calendars = [c for s in self.states for c in self.parsed.get(s.config.name, ())]
        offices = {
            c.name: self.offices[s.config.name]
            for s in self.states
            if s.config.name in self.offices
            for c in self.parsed.get(s.config.name, ())
        }
        calendar = merge(
            calendars, self.pack, self.directory, window=window, source_offices=offices
        )
        report = check_calendar(
            calendar,
            self.pack,
            self.directory,
            as_of=as_of,
            window=window,
            previous=self.previous,
        )
        stale = self._stale()
        if stale:
            report = Report.build(
                [*report.findings, *stale],
                as_of=report.as_of,
                window=report.window,
                sources=report.sources,
            )
        stamp = now.astimezone(UTC).replace(microsecond=0)
        written = self._written(calendar, report, stamp)
        feeds = {key: self._publish(key, data, stamp) for key, data in written.items()}
        people = tuple((p.id, p.name) for p in (self.directory.people if self.directory else ()))
        # The week page's rows: the meetings each person is due at, as their feed
        # selects them (read from the calendar, not the feed, whose UIDs a
        # busy-only profile hides).
        members = {
            pid: frozenset(m.id for m in calendar.for_person(pid, self.org)) for pid, _ in people
        }
        self._count += 1
        self.build = Build(calendar, report, feeds, people, members, window, now, self._count)
        self._docx = None
        log.info(
            "build %d: %d meetings, %d findings",
            self._count,
            len(calendar.occurrences),
            len(report.findings),
        )

    def _written(
        self, calendar: MergedCalendar, report: Report, stamp: datetime
    ) -> dict[str, bytes]:
        """Every feed's new bytes, each written with its last published copy as *previous*."""
        title = self.config.title
        people_ids = [p.id for p in self.org.directory.people]
        body_ids = [b.id for b in self.org.bodies]
        out: dict[str, bytes] = {}
        people = feeds_per_person(
            calendar,
            self.org,
            dtstamp=stamp,
            report=report,
            published=self._previous("person", people_ids),
            title=title + " — {name}",
            privacy=self.config.privacy,
        )
        bodies = feeds_per_body(
            calendar,
            self.org,
            dtstamp=stamp,
            report=report,
            published=self._previous("body", body_ids),
            title=title + " — {name}",
            privacy=self.config.privacy,
        )
        for kind, feeds, members in (
            ("person", people, [(p.id, p.name) for p in self.org.directory.people]),
            ("body", bodies, [(b.id, b.name) for b in self.org.bodies]),
        ):
            for key, data in feeds.items():
                out[f"{kind}:{key}"] = data
            for key, name in members:
                if f"{kind}:{key}" not in out:  # nobody's feed may be missing: an empty one
                    previous = self.store.published(f"{kind}:{key}")
                    out[f"{kind}:{key}"] = write_ics(
                        calendar,
                        name=f"{title} — {name}",
                        dtstamp=stamp,
                        report=report,
                        select=lambda _m: False,
                        published=None if previous is None else previous.data,
                        privacy=self.config.privacy,
                    )
        previous = self.store.published(ALL)
        out[ALL] = write_ics(
            calendar,
            name=f"{title} chung",
            dtstamp=stamp,
            report=report,
            published=None if previous is None else previous.data,
            privacy=self.config.privacy,
        )
        return out

    def _previous(self, kind: str, ids: Iterable[str]) -> dict[str, bytes]:
        """The last published bytes of each ``KIND:id`` feed the store holds."""
        found = {i: self.store.published(f"{kind}:{i}") for i in ids}
        return {i: feed.data for i, feed in found.items() if feed is not None}

    def _publish(self, key: str, data: bytes, stamp: datetime) -> Published:
        """The feed to serve under *key*: the stored one if its content is the same."""
        etag = content_hash(data)
        old = self.store.published(key)
        if old is not None and old.etag == etag:
            return old
        feed = Published(key, data, etag, stamp)
        self.store.publish(feed)
        return feed

    # -- what the HTTP layer asks ------------------------------------------

    def feed_for(self, token: str) -> Published | None:
        """The feed *token* opens, or ``None`` (unknown, revoked, or not a feed token)."""
        found = self.store.find_token(token_hash(token))
        build = self.build
        if found is None or build is None:
            return None
        kind, subject = found
        key = {"person": f"person:{subject}", "body": f"body:{subject}", "all": ALL}.get(kind)
        return None if key is None else build.feeds.get(key)

    def is_staff(self, token: str) -> bool:
        """Whether *token* is a live staff token."""
        found = self.store.find_token(token_hash(token))
        return found is not None and found[0] == "staff"

    def report_json(self) -> bytes:
        """The current report as JSON (the documented shape)."""
        assert self.build is not None
        return report_json(self.build.report)

    def week_docx(self) -> bytes:
        """The current window as the weekly work calendar (DOCX), made once per build."""
        build = self.build
        assert build is not None
        cached = self._docx
        if cached is not None and cached[0] == build.number:
            return cached[1]
        job = Job(
            sources=tuple(
                SourceArgument(s.name, s.path or Path(s.name)) for s in self.config.sources
            ),
            pack=self.pack,
            directory=self.directory,
            window=build.window,
            as_of=self.as_of(build.built),
            source_offices=self.offices,
        )
        office = issuing_office(job, self.config.office)
        data = write_weekly_docx(
            build.calendar,
            window=(build.window[0], build.window[1]),
            pack=self.pack,
            office=office,
            report=build.report,
            issued=self.as_of(build.built).date(),
        )
        self._docx = (build.number, data)
        return data
