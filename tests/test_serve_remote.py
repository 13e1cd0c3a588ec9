"""Remote sources of ``coordrules serve``: conditional GET, and sources that misbehave.

A tiny HTTP server on 127.0.0.1 plays the remote calendars: one good (with
an ETag, answering ``If-None-Match`` with 304), one that never answers, one
that trickles bytes, one far too big, one that sends garbage, one that fails
with 500. None of them may stop the service or the other sources; each bad
one keeps its last good copy and the report says it is stale and since when.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
import icalendar
import jsonschema
import pytest

from coordrules.cli.samples import sample_path
from coordrules.serve import SQLiteStore, create_app, issue_token, load_config
from serve_support import ROAD_TITLE, running, sample_config

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "docs/reference/report.schema.json").read_text("utf-8")
)
BAD = ("slow", "drip", "huge", "garbage", "error")


class Remote(BaseHTTPRequestHandler):
    """The remote calendars; ``good`` serves ``body`` with ETag ``etag``."""

    body: ClassVar[bytes] = (sample_path() / "vp-ubnd.ics").read_bytes()
    etag: ClassVar[str] = '"v1"'
    seen: ClassVar[list[tuple[str, str | None]]] = []
    stop: ClassVar[threading.Event] = threading.Event()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        name = self.path.strip("/").removesuffix(".ics")
        Remote.seen.append((name, self.headers.get("If-None-Match")))
        if name == "good":
            if self.headers.get("If-None-Match") == Remote.etag:
                self.send_response(304)
                self.send_header("ETag", Remote.etag)
                self.end_headers()
                return
            self._send(200, Remote.body, {"ETag": Remote.etag})
        elif name == "slow":
            Remote.stop.wait(5)  # longer than the client's timeout
            self._send(200, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        elif name == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()
            self.wfile.write(b"BEGIN:VCALENDAR\r\n")
            for _ in range(40):  # a byte every 0.2 s: each read is quick, the whole is not
                if Remote.stop.wait(0.2):
                    break
                self.wfile.write(b"X")
                self.wfile.flush()
        elif name == "huge":
            self.send_response(200)
            self.end_headers()  # no Content-Length: the size shows only while reading
            chunk = b"BEGIN:VEVENT\r\n" * 4096
            try:
                for _ in range(400):  # about 23 MB
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client gave up, as it should
        elif name == "garbage":
            self._send(200, b"\x00\xff<html>not a calendar</html>")
        else:
            self._send(500, b"oops")

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gives up mid-answer is what these tests provoke


@pytest.fixture
def remote() -> Iterator[str]:
    Remote.seen.clear()
    Remote.stop.clear()
    server = _Quiet(("127.0.0.1", 0), Remote)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        Remote.stop.set()
        server.shutdown()
        server.server_close()


def _config(folder: Path, remote: str, refresh: float = 0) -> Path:
    sources = '[[source]]\nname = "vp-tinh-uy"\npath = "vp-tinh-uy.ics"\n'
    sources += f'[[source]]\nname = "vp-ubnd"\nurl = "{remote}/good.ics"\n'
    sources += "".join(f'[[source]]\nname = "{n}"\nurl = "{remote}/{n}.ics"\n' for n in BAD)
    extra = (
        f"[remote]\nrefresh_seconds = {refresh}\ntimeout_seconds = 1\n"
        "retries = 1\nmax_bytes = 300000\n"
    )
    return sample_config(folder, extra=extra, sources=sources)


def _stale(service: object) -> dict[str, dict[str, object]]:
    report = service.build.report  # type: ignore[attr-defined]
    return {
        f.subjects[0]: dict(f.details) for f in report.findings if f.rule == "serve.source-stale"
    }


def test_bad_remote_sources_do_not_stop_the_good_ones(tmp_path: Path, remote: str) -> None:
    config = load_config(_config(tmp_path, remote))
    store = SQLiteStore(config.database)
    token = issue_token(store, "person", "hoang-quoc-viet")
    started = time.monotonic()
    service = create_app(config, store=store, poll=False).state.service
    # Every bad source costs at most its attempts × the timeout, plus back-off.
    assert time.monotonic() - started < 20

    stale = _stale(service)
    assert set(stale) == set(BAD)
    assert all(details["last_good"] is None for details in stale.values())
    assert "larger than 300000 bytes" in str(stale["huge"]["reason"])
    assert "BEGIN:VCALENDAR" in str(stale["garbage"]["reason"])
    assert "500" in str(stale["error"]["reason"])
    assert "Timeout" in str(stale["slow"]["reason"])
    assert "longer than 1 s" in str(stale["drip"]["reason"])
    # The good remote source is in: its road inspection is in Việt's feed.
    feed = service.feed_for(token)
    titles = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.data).walk("VEVENT")]
    assert any(ROAD_TITLE in t for t in titles)
    # A subscription URL holds secrets of its own: the report never names it.
    assert remote.encode() not in service.report_json()
    # The report with its stale-source findings keeps the documented JSON shape.
    jsonschema.validate(json.loads(service.report_json()), SCHEMA)
    # Retries: one more attempt for a timeout or a 500; none for a file too big.
    attempts = [name for name, _ in Remote.seen]
    assert attempts.count("error") == 2
    assert attempts.count("huge") == 1


def test_conditional_get_and_last_good_copy(tmp_path: Path, remote: str) -> None:
    config = load_config(_config(tmp_path, remote))
    store = SQLiteStore(config.database)
    token = issue_token(store, "person", "hoang-quoc-viet")
    service = create_app(config, store=store, poll=False).state.service
    before = service.feed_for(token)
    Remote.seen.clear()
    service.refresh()
    assert ("good", '"v1"') in Remote.seen  # If-None-Match sent, 304 answered
    assert service.feed_for(token).etag == before.etag
    assert "vp-ubnd" not in _stale(service)

    # The good source turns bad: its last good copy stays, and the report says so.
    old_body, old_etag = Remote.body, Remote.etag
    Remote.body, Remote.etag = b"<html>maintenance</html>", '"v2"'
    try:
        service.refresh()
    finally:
        Remote.body, Remote.etag = old_body, old_etag
    stale = _stale(service)
    assert "vp-ubnd" in stale
    assert stale["vp-ubnd"]["last_good"] is not None
    assert stale["vp-ubnd"]["stale_since"] is not None
    message = next(f.message for f in service.build.report.findings if f.subjects == ("vp-ubnd",))
    assert "không cập nhật được" in message.vi
    assert "is stale since" in message.en
    feed = service.feed_for(token)
    titles = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.data).walk("VEVENT")]
    assert any(ROAD_TITLE in t for t in titles)


def test_the_server_answers_while_slow_sources_are_fetched(tmp_path: Path, remote: str) -> None:
    config = load_config(_config(tmp_path, remote, refresh=0.5))
    store = SQLiteStore(config.database)
    token = issue_token(store, "person", "hoang-quoc-viet")
    app = create_app(config, store=store)  # polls in the background
    with running(app) as base, httpx.Client(timeout=5) as client:
        end = time.monotonic() + 4  # the background fetches take longer than this
        slowest = 0.0
        while time.monotonic() < end:
            began = time.monotonic()
            assert client.get(f"{base}/feed/{token}.ics").status_code == 200
            health = client.get(f"{base}/health")
            slowest = max(slowest, time.monotonic() - began)
            assert health.status_code == 200
            time.sleep(0.1)
        stale = {s["name"] for s in health.json()["sources"] if s["stale_since"]}
    assert slowest < 1.0
    assert stale == set(BAD)
