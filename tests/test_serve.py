"""``coordrules serve`` (issue 13): state across restarts, feeds over HTTP, tokens, subscribers.

Every server here listens on 127.0.0.1 only. Expected values come from
reading the sample inputs (tests/serve_support.py names the meeting moved).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordrules.model.errors import InputError
from coordrules.serve import (
    SQLiteStore,
    content_hash,
    create_app,
    issue_token,
    load_config,
    redact,
    token_hash,
)
from coordrules.serve.config import ServeConfig
from serve_support import ROAD_TITLE, move_road_meeting, running, sample_config
from test_ical_clients import icaljs_module
from typed_views import prop

SRC = Path(__file__).resolve().parents[1] / "src"
ENV = {**os.environ, "PYTHONPATH": str(SRC)}
PEOPLE = [
    "tran-minh-quang",
    "le-thi-hong-nhung",
    "pham-duc-hai",
    "vo-van-tam",
    "dang-thu-ha",
    "hoang-quoc-viet",
    "bui-thanh-son",
    "do-van-binh",
    "trinh-thi-mai",
    "ngo-thi-lan",
]
"""Every person of the sample's people.toml, in its order."""


def _event(feed: bytes, title: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(feed)
    found = [e for e in calendar.events if title in str(e["SUMMARY"])]
    assert len(found) == 1, [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    return found[0]


# -- the package stays optional ------------------------------------------------


def test_import_coordrules_does_not_import_the_web_stack() -> None:
    code = (
        "import sys, coordrules, coordrules.cli.main; coordrules.cli.main.build_parser(); "
        "print([m for m in ('starlette', 'uvicorn', 'httpx', 'coordrules.serve') "
        "if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=ENV, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_serve_without_the_extra_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    from coordrules.cli.main import main

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "starlette" else real(name)
    )
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "chưa cài gói bổ sung serve" in err
    assert 'pip install "coordrules[serve]"' in err
    assert "Traceback" not in err


def test_serve_help_is_in_vietnamese_and_english() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coordrules", "serve", "--help"],
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Chạy dịch vụ lịch" in result.stdout
    assert "Run the feed service" in result.stdout
    assert "--config" in result.stdout


# -- the store -----------------------------------------------------------------

FEED = (
    b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:m-1@coordrules\r\nDTSTAMP:%s\r\n"
    b"DTSTART:20261207T010000Z\r\nSUMMARY:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
stamps = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1))


@given(stamps, stamps)
def test_content_hash_ignores_dtstamp(a: datetime, b: datetime) -> None:
    one = FEED % (a.strftime("%Y%m%dT%H%M%SZ").encode(), "Họp".encode())
    two = FEED % (b.strftime("%Y%m%dT%H%M%SZ").encode(), "Họp".encode())
    assert content_hash(one) == content_hash(two)


@given(st.text(alphabet="abcxyz ", min_size=1, max_size=20))
def test_content_hash_sees_any_other_change(title: str) -> None:
    stamp = b"20261201T000000Z"
    assert content_hash(FEED % (stamp, b"Hop")) != content_hash(
        FEED % (stamp, b"Hop" + title.encode())
    )


def test_tokens_are_stored_only_hashed(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.sqlite3")
    token = issue_token(store, "person", "tran-minh-quang")
    store.close()
    raw = (tmp_path / "s.sqlite3").read_bytes()
    for wal in tmp_path.glob("s.sqlite3-*"):
        raw += wal.read_bytes()
    assert token.encode() not in raw
    rows = sqlite3.connect(tmp_path / "s.sqlite3").execute("SELECT hash FROM token").fetchall()
    assert rows == [(token_hash(token),)]


def test_rotating_revokes_the_old_token(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.sqlite3")
    old = issue_token(store, "person", "pham-duc-hai")
    new = issue_token(store, "person", "pham-duc-hai")
    assert store.find_token(token_hash(old)) is None
    assert store.find_token(token_hash(new)) == ("person", "pham-duc-hai")
    assert [t.revoked is None for t in store.tokens()] == [False, True]


@given(st.text(alphabet="ABCXYZabcxyz0189-_", min_size=1, max_size=64), st.booleans())
def test_redact_removes_any_token(token: str, page: bool) -> None:
    path, hidden = (
        (f"/staff/{token}/week.docx", "/staff/***/week.docx")
        if page
        else (f"/feed/{token}.ics", "/feed/***")
    )
    line = '127.0.0.1:5 - "GET %s?x=1 HTTP/1.1" 200'
    assert redact(line % path) == line % hidden


def test_redact_removes_tokens_from_paths() -> None:
    line = '127.0.0.1:5 - "GET /feed/AbC_-123.ics HTTP/1.1" 200 and /staff/Zz9/week.docx'
    assert redact(line) == '127.0.0.1:5 - "GET /feed/*** HTTP/1.1" 200 and /staff/***/week.docx'


# -- configuration -------------------------------------------------------------


def test_config_unknown_key_is_an_error_naming_it(tmp_path: Path) -> None:
    path = sample_config(tmp_path, extra="[remote]\ntimeout = 3\n")
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert caught.value.place == "remote.timeout"
    assert caught.value.reason_vi


def test_config_source_needs_path_or_url(tmp_path: Path) -> None:
    path = sample_config(tmp_path, sources='[[source]]\nname = "x"\n')
    with pytest.raises(InputError, match="exactly one of path, url and caldav"):
        load_config(path)


def test_config_reads_relative_paths_from_its_folder(tmp_path: Path) -> None:
    config = load_config(sample_config(tmp_path))
    assert config.database == tmp_path / "state.sqlite3"
    assert [s.name for s in config.sources] == [
        "vp-tinh-uy",
        "vp-ubnd",
        "vp-doan-dbqh-hdnd",
        "vp-tinh-uy-tuan",
    ]
    assert config.sources[3].office == "vp-tinh-uy"
    assert config.window is not None
    assert config.window[0].isoformat() == "2026-12-07"


# -- the running server --------------------------------------------------------


class Served:
    """A server on loopback with a token for every feed and the staff page."""

    def __init__(self, base: str, config: ServeConfig, tokens: dict[str, str], app: object):
        self.base, self.config, self.tokens, self.app = base, config, tokens, app

    def feed_url(self, key: str) -> str:
        return f"{self.base}/feed/{self.tokens[key]}.ics"


def _tokens(store: SQLiteStore) -> dict[str, str]:
    tokens = {f"person:{p}": issue_token(store, "person", p) for p in PEOPLE}
    for body in ("tinh-uy", "ubnd", "hdnd"):
        tokens[f"body:{body}"] = issue_token(store, "body", body)
    tokens["all"] = issue_token(store, "all", "all")
    tokens["staff"] = issue_token(store, "staff", "staff")
    return tokens


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("served")
    config = load_config(sample_config(folder))
    store = SQLiteStore(config.database)
    tokens = _tokens(store)
    app = create_app(config, store=store, poll=False)
    with running(app) as base:
        yield Served(base, config, tokens, app)


def test_http_client_reads_every_feed(served: Served) -> None:
    with httpx.Client() as client:
        for key in served.tokens:
            if key == "staff":
                continue
            response = client.get(served.feed_url(key))
            assert response.status_code == 200, key
            assert response.headers["content-type"] == "text/calendar; charset=utf-8"
            assert re.fullmatch(r'"[0-9a-f]{32}"', response.headers["etag"])
            assert response.headers["last-modified"].endswith(" GMT")
            assert response.headers["cache-control"] == "private, max-age=60"
            calendar = icalendar.Calendar.from_ical(response.content)
            assert calendar["METHOD"] == "PUBLISH"
    # From vp-ubnd.ics: Hoàng Quốc Việt chairs the road inspection on Tuesday.
    viet = httpx.get(served.feed_url("person:hoang-quoc-viet")).content
    assert _event(viet, ROAD_TITLE).decoded("DTSTART") == datetime(2026, 12, 8, 1, 0, tzinfo=UTC)


def test_a_person_without_meetings_gets_an_empty_feed(served: Served) -> None:
    # Đỗ Văn Bình is in people.toml and attends nothing in the sample week.
    response = httpx.get(served.feed_url("person:do-van-binh"))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT") == []
    assert "Đỗ Văn Bình" in str(calendar["X-WR-CALNAME"])


ICALJS_FETCH = r"""
const ICAL = require(process.argv[2]);
(async () => {
  const out = {};
  for (const url of process.argv.slice(3)) {
    const response = await fetch(url);
    const text = await response.text();
    const root = new ICAL.Component(ICAL.parse(text));
    for (const tz of root.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    }
    out[url] = {status: response.status, type: response.headers.get('content-type'),
      events: root.getAllSubcomponents('vevent').map((v) => {
        const e = new ICAL.Event(v);
        return [e.uid, e.summary, e.startDate.toJSDate().toISOString()];
      })};
  }
  console.log(JSON.stringify(out));
})();
"""


@pytest.mark.external
def test_icaljs_reads_every_feed_from_the_server(served: Served, tmp_path: Path) -> None:
    module = icaljs_module()
    script = tmp_path / "fetch.cjs"
    script.write_text(ICALJS_FETCH)
    urls = [served.feed_url(k) for k in served.tokens if k != "staff"]
    result = subprocess.run(
        ["node", str(script), str(module), *urls],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(result.stdout)
    assert set(seen) == set(urls)
    for url in urls:
        ours = icalendar.Calendar.from_ical(httpx.get(url).content)
        expected = sorted(
            [
                str(e["UID"]),
                str(e["SUMMARY"]),
                e.decoded("DTSTART").astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            ]
            for e in ours.walk("VEVENT")
        )
        assert seen[url]["status"] == 200
        assert seen[url]["type"] == "text/calendar; charset=utf-8"
        assert sorted(seen[url]["events"]) == expected
    # Hoàng Quốc Việt's feed as ical.js shows it holds the road inspection at 01:00 UTC.
    viet = seen[served.feed_url("person:hoang-quoc-viet")]["events"]
    assert [e[2] for e in viet if e[1].endswith(ROAD_TITLE)] == ["2026-12-08T01:00:00.000Z"]


def test_unchanged_feed_gives_304(served: Served) -> None:
    url = served.feed_url("person:pham-duc-hai")
    first = httpx.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    again = httpx.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert httpx.get(url, headers={"If-None-Match": f'"x", W/{etag}'}).status_code == 304
    assert httpx.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert httpx.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    earlier = datetime.now(UTC) - timedelta(days=3650)
    old = earlier.strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert httpx.get(url, headers={"If-Modified-Since": old}).status_code == 200
    # If-None-Match decides when both are sent (RFC 9110 §13.2.2).
    both = {"If-None-Match": '"other"', "If-Modified-Since": modified}
    assert httpx.get(url, headers=both).status_code == 200


def _same_404(response: httpx.Response, reference: httpx.Response) -> None:
    assert response.status_code == 404
    assert response.content == reference.content
    strip = {"date"}
    assert {k: v for k, v in response.headers.items() if k not in strip} == {
        k: v for k, v in reference.headers.items() if k not in strip
    }


def test_404s_do_not_reveal_people(served: Served, tmp_path: Path) -> None:
    store = served.app.state.service.store  # type: ignore[attr-defined]
    ghost = issue_token(store, "person", "nobody-at-all")
    revoked = issue_token(store, "person", "trinh-thi-mai")
    issue_token(store, "person", "trinh-thi-mai")  # rotated: the first is revoked
    with httpx.Client() as client:
        reference = client.get(f"{served.base}/feed/unknown-token.ics")
        for path in (
            f"/feed/{ghost}.ics",  # a token for a person who does not exist
            f"/feed/{revoked}.ics",  # a revoked token of a person who does
            "/feed/tran-minh-quang.ics",  # a person id is not a token
            f"/feed/{served.tokens['staff']}.ics",  # a staff token opens no feed
            f"/staff/{served.tokens['person:tran-minh-quang']}/",  # a feed token, no page
            f"/staff/{served.tokens['person:tran-minh-quang']}/report.json",
            "/staff/unknown/week.docx",
            "/lanh-dao/tran-minh-quang.ics",
        ):
            _same_404(client.get(served.base + path), reference)
    assert "tran-minh-quang" not in reference.text


def test_staff_gets_page_json_and_docx(served: Served) -> None:
    base = f"{served.base}/staff/{served.tokens['staff']}/"
    page = httpx.get(base)
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert 'href="week.docx"' in page.text
    assert 'href="report.json"' in page.text
    report = httpx.get(base + "report.json").json()
    assert report["window"] == {"from": "2026-12-07", "to": "2026-12-13"}
    assert "person-double-booked" in {f["code"] for f in report["findings"]}
    docx = httpx.get(base + "week.docx")
    assert docx.status_code == 200
    assert docx.content[:2] == b"PK"


def test_health(served: Served) -> None:
    health = httpx.get(f"{served.base}/health").json()
    assert health["status"] == "ok"
    assert [s["name"] for s in health["sources"]] == [
        "vp-tinh-uy",
        "vp-ubnd",
        "vp-doan-dbqh-hdnd",
        "vp-tinh-uy-tuan",
    ]
    assert all(s["stale_since"] is None for s in health["sources"])


# -- changes, restarts ---------------------------------------------------------


def test_changed_source_reaches_the_feed_with_sequence_incremented(tmp_path: Path) -> None:
    config = load_config(sample_config(tmp_path))
    store = SQLiteStore(config.database)
    token = issue_token(store, "person", "hoang-quoc-viet")
    app = create_app(config, store=store)  # polls every 0.3 s
    with running(app) as base:
        url = f"{base}/feed/{token}.ics"
        before = httpx.get(url)
        old = _event(before.content, ROAD_TITLE)
        time.sleep(0.05)
        move_road_meeting(tmp_path)
        deadline = time.monotonic() + 15
        while True:
            after = httpx.get(url, headers={"If-None-Match": before.headers["etag"]})
            if after.status_code == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert after.status_code == 200, "the change never reached the feed"
    assert after.headers["etag"] != before.headers["etag"]
    new = _event(after.content, ROAD_TITLE)
    assert new.decoded("DTSTART") == datetime(2026, 12, 8, 6, 30, tzinfo=UTC)  # 13:30 +07
    assert new.decoded("DTEND") == datetime(2026, 12, 8, 8, 30, tzinfo=UTC)
    assert prop(new, "SEQUENCE", int) == old.sequence + 1  # sequence: 0 when absent
    assert str(new["UID"]) == str(old["UID"])


def test_restart_keeps_sequence_and_etags(tmp_path: Path) -> None:
    config = load_config(sample_config(tmp_path))
    store = SQLiteStore(config.database)
    token = issue_token(store, "person", "hoang-quoc-viet")
    first = create_app(config, store=store, poll=False)
    service = first.state.service
    move_road_meeting(tmp_path)
    assert service.refresh()
    moved = service.feed_for(token)
    sequence = prop(_event(moved.data, ROAD_TITLE), "SEQUENCE", int)
    assert sequence >= 1
    store.close()

    # A new process: same database file, same inputs.
    second = create_app(config, store=SQLiteStore(config.database), poll=False)
    again = second.state.service.feed_for(token)
    assert again.etag == moved.etag
    assert again.data == moved.data
    assert prop(_event(again.data, ROAD_TITLE), "SEQUENCE", int) == sequence
    # Moving it back is a change too: SEQUENCE goes on up, never back to 0.
    source = tmp_path / "vp-ubnd.ics"
    source.write_text(
        source.read_text(encoding="utf-8")
        .replace("20261208T133000", "20261208T080000")
        .replace("20261208T153000", "20261208T100000"),
        encoding="utf-8",
    )
    assert second.state.service.refresh()
    back = second.state.service.feed_for(token)
    assert prop(_event(back.data, ROAD_TITLE), "SEQUENCE", int) == sequence + 1
    assert back.etag != moved.etag


def test_rebuild_without_change_keeps_bytes_and_etag(tmp_path: Path) -> None:
    config = load_config(sample_config(tmp_path))
    store = SQLiteStore(config.database)
    token = issue_token(store, "all", "all")
    service = create_app(config, store=store, poll=False).state.service
    before = service.feed_for(token)
    assert service.refresh(force=True)
    after = service.feed_for(token)
    assert (after.data, after.etag, after.modified) == (before.data, before.etag, before.modified)


# -- logs ----------------------------------------------------------------------


def test_no_token_in_the_service_output(tmp_path: Path) -> None:
    config_path = sample_config(tmp_path)
    rotate = subprocess.run(
        [sys.executable, "-m", "coordrules", "serve", "tokens", "rotate", "person:*", "all",
         "staff", "--config", str(config_path)],
        env=ENV, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    tokens = dict(line.split("\t") for line in rotate.stdout.splitlines())
    assert len(tokens) == len(PEOPLE) + 2
    secrets = {url.rsplit("/", 2)[-2] if url.endswith("/") else url.rsplit("/", 1)[-1][:-4]
               for url in tokens.values()}  # fmt: skip
    sock_port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "coordrules", "serve", "--config", str(config_path),
         "--port", str(sock_port)],
        env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{sock_port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            assert process.poll() is None, "the server stopped"
            time.sleep(0.2)
        with httpx.Client() as client:
            for url in tokens.values():
                path = url.split("/", 3)[3]
                first = client.get(f"{base}/{path}")
                assert first.status_code == 200
                if "etag" in first.headers:
                    etag = first.headers["etag"]
                    assert (
                        client.get(f"{base}/{path}", headers={"If-None-Match": etag}).status_code
                        == 304
                    )
            staff = next(u for k, u in tokens.items() if k == "staff:staff").split("/", 3)[3]
            assert client.get(f"{base}/{staff}report.json").status_code == 200
            assert client.get(f"{base}/feed/{'x' * 43}.ics").status_code == 404
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "GET /feed/*** HTTP/1.1" in output  # the access log is there, filtered
    for secret in secrets:
        assert secret not in output


def _free_port() -> int:
    from serve_support import free_socket

    sock = free_socket()
    port: int = sock.getsockname()[1]
    sock.close()
    return port


# -- one command on a fresh install --------------------------------------------


def test_serve_starts_on_the_demo_and_prints_the_staff_address(tmp_path: Path) -> None:
    import pty

    port = _free_port()
    primary, secondary = pty.openpty()  # a terminal: the staff address is shown there
    process = subprocess.Popen(
        [sys.executable, "-m", "coordrules", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=ENV,
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    os.close(secondary)
    seen = b""
    try:
        deadline = time.monotonic() + 60
        while b"/staff/" not in seen or not seen.rstrip().endswith(b"*'"):
            assert time.monotonic() < deadline, seen
            assert process.poll() is None, seen
            seen += os.read(primary, 4096)
        text = seen.decode()
        url = re.search(rf"http://127\.0\.0\.1:{port}/staff/[A-Za-z0-9_-]{{43}}/", text)
        assert url is not None, text
        for _ in range(100):
            try:
                page = httpx.get(url.group(0))
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert page.status_code == 200
        # The demo's inputs: the sample week and its leaders.
        assert "07/12/2026 – 13/12/2026" in page.text
        assert "Trần Minh Quang" in page.text
    finally:
        process.terminate()
        process.wait(30)
        os.close(primary)
    # The database is where the command ran, and holds only the token's hash.
    database = tmp_path / "coordrules-serve.sqlite3"
    token = url.group(0).rsplit("/", 2)[1]
    rows = sqlite3.connect(database).execute("SELECT kind, hash FROM token").fetchall()
    assert rows == [("staff", token_hash(token))]


def test_a_folder_source_reads_every_calendar_in_it(tmp_path: Path) -> None:
    folder = tmp_path / "offices"
    sample_config(tmp_path)
    folder.mkdir()
    for name in ("vp-ubnd.ics", "vp-doan-dbqh-hdnd.ics"):
        (tmp_path / name).rename(folder / name)
    (folder / "notes.txt").write_text("not a calendar, not read")
    config = load_config(
        sample_config(tmp_path, sources='[[source]]\nname = "offices"\npath = "offices"\n')
    )
    service = create_app(config, store=SQLiteStore(config.database), poll=False).state.service
    names = [s.name for s in service.build.report.sources]
    assert names == ["offices/vp-doan-dbqh-hdnd", "offices/vp-ubnd"]
    # A new file in the folder is a change: the next rebuild reads it.
    (tmp_path / "vp-tinh-uy.ics").rename(folder / "vp-tinh-uy.ics")
    assert service.refresh()
    names = [s.name for s in service.build.report.sources]
    assert names == ["offices/vp-doan-dbqh-hdnd", "offices/vp-tinh-uy", "offices/vp-ubnd"]
    assert not service.refresh()  # nothing changed since


def test_a_bad_config_is_a_usage_error_without_traceback(tmp_path: Path) -> None:
    path = sample_config(tmp_path, extra="[calendar]\nweeks = 'two'\n")
    result = subprocess.run(
        [sys.executable, "-m", "coordrules", "serve", "--config", str(path)],
        env=ENV, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "calendar" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_a_usage_error(tmp_path: Path) -> None:
    from serve_support import free_socket

    taken = free_socket()
    taken.listen()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "coordrules", "serve", "--db", str(tmp_path / "s.sqlite3"),
             "--port", str(taken.getsockname()[1])],
            env=ENV, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        taken.close()
    assert result.returncode == 2
    assert "không mở được cổng" in result.stderr
    assert "Traceback" not in result.stderr


def test_tokens_command_lists_without_secrets_and_revokes(tmp_path: Path) -> None:
    config_path = sample_config(tmp_path)

    def command(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "coordrules", "serve", "tokens", *args,
             "--config", str(config_path)],
            env=ENV, capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip

    issued = command("rotate", "person:pham-duc-hai", "body:ubnd")
    tokens = [line.split("\t")[1].rsplit("/", 1)[1][:-4] for line in issued.splitlines()]
    assert [line.split("\t")[0] for line in issued.splitlines()] == [
        "person:pham-duc-hai",
        "body:ubnd",
    ]
    listed = command("list")
    assert "pham-duc-hai" in listed
    assert "ubnd" in listed
    for token in tokens:
        assert token not in listed
    assert "Đã thu hồi / revoked: 1" in command("revoke", "person:pham-duc-hai")
    store = SQLiteStore(load_config(config_path).database)
    assert store.find_token(token_hash(tokens[0])) is None
    assert store.find_token(token_hash(tokens[1])) == ("body", "ubnd")


def test_week_page_escapes_what_the_sources_say(tmp_path: Path) -> None:
    from coordrules.serve.page import week_page

    config_path = sample_config(tmp_path)
    source = tmp_path / "vp-ubnd.ics"
    text = source.read_text(encoding="utf-8")
    hostile = "<script>alert(1)</script> & <b>"
    source.write_text(text.replace(ROAD_TITLE, hostile), encoding="utf-8")
    config = load_config(config_path)
    service = create_app(config, store=SQLiteStore(config.database), poll=False).state.service
    html = week_page(service.build, service.pack)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in html


# -- privacy -------------------------------------------------------------------


def test_config_privacy_must_be_a_known_profile(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_config(sample_config(tmp_path, extra='privacy = "public"'))
    assert caught.value.place == "calendar.privacy"


def test_person_feeds_follow_the_configured_privacy_profile(tmp_path: Path) -> None:
    # The sample's road meeting is on Hoàng Quốc Việt's calendar. With busy-only
    # his feed shows only "Bận / Busy" at those times; the staff week page still
    # shows the meeting in his row, since the page reads the calendar, not the feed.
    config = load_config(sample_config(tmp_path, extra='privacy = "busy-only"'))
    store = SQLiteStore(config.database)
    person = issue_token(store, "person", "hoang-quoc-viet")
    staff = issue_token(store, "staff", "staff")
    service = create_app(config, store=store, poll=False).state.service
    feed = icalendar.Calendar.from_ical(service.feed_for(person).data)
    events = list(feed.walk("VEVENT"))
    assert events
    assert {str(e["SUMMARY"]) for e in events} == {"Bận / Busy"}
    starts = {e.decoded("DTSTART") for e in events}
    assert datetime(2026, 12, 8, 1, 0, tzinfo=UTC) in starts  # the road meeting, 08:00 +07
    assert ROAD_TITLE.encode() not in service.feed_for(person).data
    with running(create_app(config, store=store, poll=False)) as base:
        page = httpx.get(f"{base}/staff/{staff}/")
    assert page.status_code == 200
    assert ROAD_TITLE in page.text
