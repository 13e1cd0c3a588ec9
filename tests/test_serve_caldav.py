"""A CalDAV collection as a source of ``coordrules serve``: Radicale on loopback, the caldav client.

The Văn phòng UBND's calendar (the sample's vp-ubnd.ics) is uploaded to
Radicale one event per object, as CalDAV servers keep it; the service reads
the collection for its window and the road inspection reaches Hoàng Quốc
Việt's feed. A collection that cannot be reached is reported stale.
"""

from __future__ import annotations

import time
from pathlib import Path

import icalendar
import pytest

from coordrules.cli.samples import sample_path
from coordrules.serve import SQLiteStore, create_app, issue_token, load_config
from serve_support import ROAD_TITLE, sample_config
from test_ical_clients import radicale  # noqa: F401  (the fixture: Radicale on loopback)

pytestmark = pytest.mark.external


def _objects(data: bytes) -> list[str]:
    """One VCALENDAR per event, with the feed's VTIMEZONEs."""
    calendar = icalendar.Calendar.from_ical(data)
    zones = list(calendar.walk("VTIMEZONE"))
    out = []
    for event in calendar.walk("VEVENT"):
        one = icalendar.Calendar()
        one.add("VERSION", "2.0")
        one.add("PRODID", "-//test//EN")
        for zone in zones:
            one.add_component(zone)
        one.add_component(event)
        out.append(one.to_ical().decode("utf-8"))
    return out


def _stale(service: object) -> dict[str, object]:
    report = service.build.report  # type: ignore[attr-defined]
    return {f.subjects[0]: f.details for f in report.findings if f.rule == "serve.source-stale"}


def test_a_caldav_collection_is_a_source(
    radicale: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from caldav.davclient import DAVClient

    principal = DAVClient(url=radicale, username="coordrules", password="x").principal()
    collection = principal.make_calendar(name=f"vp-ubnd-{time.monotonic_ns()}")
    for text in _objects((sample_path() / "vp-ubnd.ics").read_bytes()):
        collection.save_event(text)
    monkeypatch.setenv("VP_UBND_PASSWORD", "x")
    sources = (
        '[[source]]\nname = "vp-tinh-uy"\npath = "vp-tinh-uy.ics"\n'
        f'[[source]]\nname = "vp-ubnd"\ncaldav = "{collection.url}"\n'
        'username = "coordrules"\npassword_env = "VP_UBND_PASSWORD"\n'
        '[[source]]\nname = "gone"\ncaldav = "http://127.0.0.1:9/nothing/"\n'
    )
    extra = "[remote]\ntimeout_seconds = 2\nretries = 0\n"
    config = load_config(sample_config(tmp_path, sources=sources, extra=extra))
    store = SQLiteStore(config.database)
    token = issue_token(store, "person", "hoang-quoc-viet")
    service = create_app(config, store=store, poll=False).state.service

    # vp-ubnd.ics holds 8 events; the one on 11 December ends before it starts
    # (planted): 7 used, 1 import problem, as when the file itself is the source.
    ubnd = next(s for s in service.build.report.sources if s.name == "vp-ubnd")
    assert (ubnd.occurrences, ubnd.problems) == (7, 1)
    feed = icalendar.Calendar.from_ical(service.feed_for(token).data)
    assert any(ROAD_TITLE in str(e["SUMMARY"]) for e in feed.walk("VEVENT"))
    assert set(_stale(service)) == {"gone"}
    # The password never appears in what the service shows.
    assert b'"x"' not in service.report_json()
