"""Real consumers read our feeds as we do: ical.js (Thunderbird), Radicale via caldav, vobject.

ical.js is installed with npm into ``~/.cache/coordrules-node`` (outside the
repository) on first use; node, npm and Radicale are required programs.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest

from conftest import require_program
from coordrules import Finding, Message, Report, feeds_per_person, read_ics, write_ics
from ical_data import STAMP, sample

pytestmark = pytest.mark.external

WINDOW = (date(2025, 1, 1), date(2025, 12, 31))
NODE_CACHE = Path(os.environ.get("COORDRULES_NODE_CACHE", Path.home() / ".cache/coordrules-node"))

ICALJS_SCRIPT = r"""
const ICAL = require(process.argv[2]);
const text = require('fs').readFileSync(process.argv[3], 'utf8');
const root = new ICAL.Component(ICAL.parse(text));
for (const tz of root.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(new ICAL.Timezone(tz));
}
const out = root.getAllSubcomponents('vevent').map((v) => {
  const e = new ICAL.Event(v);
  const when = (t) => t.isDate ? t.toString() : t.toJSDate().toISOString();
  return {uid: e.uid, summary: e.summary, start: when(e.startDate), end: when(e.endDate),
          floating: !e.startDate.isDate && e.startDate.zone === ICAL.Timezone.localTimezone};
});
console.log(JSON.stringify(out));
"""


def feeds() -> dict[str, bytes]:
    """Every feed we export in the tests: merged (with findings) and one per person."""
    cal = sample()
    finding = Finding.of(
        "person-double-booked",
        Message(vi="Trùng lịch", en="Double booked"),
        rule="r",
        occurrences=(cal.occurrences[0].ref(), cal.occurrences[1].ref()),
    )
    from test_ical_write import _org

    out = {
        "merged": write_ics(
            cal, name="Lịch lãnh đạo", dtstamp=STAMP, report=Report.build([finding])
        )
    }
    for person, data in feeds_per_person(cal, _org(), dtstamp=STAMP).items():
        out[f"person-{person}"] = data
    return out


def ours(data: bytes) -> list[tuple[str, str, str, str]]:
    """(uid, summary, start, end) as we read the feed, in ical.js's notation."""
    rows = []
    for occ in read_ics(data, window=WINDOW).occurrences:
        raw = icalendar.Calendar.from_ical(data)
        summary = next(str(e["SUMMARY"]) for e in raw.walk("VEVENT") if str(e["UID"]) == occ.uid)
        rows.append((occ.uid, summary, _iso(occ.start), _iso(occ.end)))
    return sorted(rows)


def _iso(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return moment.isoformat()


def icaljs_module() -> Path:
    """ical.js (installed from npm into a cache folder once): the path node requires."""
    require_program("node")
    npm = require_program("npm")
    module = NODE_CACHE / "node_modules" / "ical.js" / "dist" / "ical.es5.cjs"
    if not module.exists():
        NODE_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(NODE_CACHE), "--no-audit", "--no-fund", "ical.js@2"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return module


@pytest.fixture(scope="module")
def icaljs() -> Path:
    return icaljs_module()


@pytest.mark.parametrize("feed", sorted(feeds()))
def test_icaljs_reads_the_same_occurrences(feed: str, icaljs: Path, tmp_path: Path) -> None:
    data = feeds()[feed]
    path = tmp_path / "feed.ics"
    path.write_bytes(data)
    script = tmp_path / "read.cjs"
    script.write_text(ICALJS_SCRIPT)
    result = subprocess.run(
        ["node", str(script), str(icaljs), str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    theirs = json.loads(result.stdout)
    assert not any(e["floating"] for e in theirs)  # every TZID had its VTIMEZONE
    rows = sorted((e["uid"], e["summary"], e["start"], e["end"]) for e in theirs)
    assert rows == ours(data)
    # Every event, and none from an empty feed (a person due nowhere still gets one).
    assert len(rows) == data.count(b"BEGIN:VEVENT")


@pytest.mark.parametrize("feed", sorted(feeds()))
def test_vobject_validates_the_feed(feed: str) -> None:
    import vobject

    data = feeds()[feed]
    parsed = vobject.readOne(data.decode("utf-8"))
    assert parsed.validate()
    starts = sorted(_iso(e.dtstart.value) for e in parsed.contents.get("vevent", []))
    assert starts == sorted(row[2] for row in ours(data))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_program("radicale")
    root = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    config = root / "config"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = none\n"
        f"[storage]\nfilesystem_folder = {root / 'store'}\n[rights]\ntype = authenticated\n"
        "[logging]\nlevel = warning\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"radicale did not start: {process.stderr.read()!r}")  # type: ignore[union-attr]
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _split_per_uid(data: bytes) -> list[str]:
    """One VCALENDAR per UID, each with the VTIMEZONEs it uses (Radicale wants this)."""
    cal = icalendar.Calendar.from_ical(data)
    zones = {str(z["TZID"]): z for z in cal.walk("VTIMEZONE")}
    objects = []
    for event in cal.walk("VEVENT"):
        one = icalendar.Calendar()
        one.add("VERSION", "2.0")
        one.add("PRODID", str(cal["PRODID"]))
        used = {
            str(event[p].params["TZID"]) for p in ("DTSTART", "DTEND") if "TZID" in event[p].params
        }
        for tzid in sorted(used):
            one.add_component(zones[tzid])
        one.add_component(event)
        objects.append(one.to_ical().decode("utf-8"))
    return objects


@pytest.mark.parametrize("feed", sorted(feeds()))
def test_radicale_accepts_every_event_and_serves_them_back(feed: str, radicale: str) -> None:
    from caldav.davclient import DAVClient

    data = feeds()[feed]
    client = DAVClient(url=radicale, username="coordrules", password="x")
    principal = client.principal()
    calendar = principal.make_calendar(name=f"test-{feed}-{time.monotonic_ns()}")
    for text in _split_per_uid(data):
        calendar.save_event(text)
    served = b"".join(
        e.data.encode("utf-8") if isinstance(e.data, str) else e.data for e in calendar.events()
    )
    rows = []
    for chunk in served.split(b"END:VCALENDAR")[:-1]:
        rows.extend(ours(chunk + b"END:VCALENDAR\r\n"))
    assert sorted(rows) == ours(data)
    assert len(calendar.events()) == len(ours(data))
