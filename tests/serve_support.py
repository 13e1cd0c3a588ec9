"""Helpers for the tests of ``coordrules serve``: a copy of the sample, a server on loopback."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from coordrules.cli.samples import sample_path

SAMPLE_FILES = ("vp-tinh-uy.ics", "vp-ubnd.ics", "vp-doan-dbqh-hdnd.ics", "vp-tinh-uy-tuan.docx")

#: In vp-ubnd.ics: "Kiểm tra tiến độ dự án đường ven biển", Tue 8 Dec 2026
#: 08:00–10:00 (SE Asia Standard Time = UTC+7), chaired by Hoàng Quốc Việt
#: and listed by no other office.
ROAD_TITLE = "Kiểm tra tiến độ dự án đường ven biển"
ROAD_START = 'DTSTART;TZID="SE Asia Standard Time":20261208T080000'
ROAD_END = 'DTEND;TZID="SE Asia Standard Time":20261208T100000'


def sample_config(folder: Path, *, extra: str = "", sources: str | None = None) -> Path:
    """Copy the sample inputs into *folder*; write and return a config TOML for them."""
    sample = sample_path()
    for name in (*SAMPLE_FILES, "people.toml", "tinh-thanh-binh.toml", "previous.ics"):
        shutil.copyfile(sample / name, folder / name)
    if sources is None:
        sources = "".join(
            f'[[source]]\nname = "{Path(f).stem}"\npath = "{f}"\n'
            + ('office = "vp-tinh-uy"\n' if f.endswith(".docx") else "")
            for f in SAMPLE_FILES
        )
    text = f"""
[serve]
database = "state.sqlite3"
poll_seconds = 0.3
cache_seconds = 60

[calendar]
pack = "tinh-thanh-binh.toml"
people = "people.toml"
as_of = 2026-12-06T20:00:00+07:00
from = 2026-12-07
to = 2026-12-13
previous = "previous.ics"
office = "vp-ubnd"

{extra}

{sources}
"""
    path = folder / "serve.toml"
    path.write_text(text, encoding="utf-8")
    return path


def move_road_meeting(folder: Path) -> None:
    """Move the road inspection to 13:30–15:30 the same day, in the copy of vp-ubnd.ics."""
    path = folder / "vp-ubnd.ics"
    text = path.read_text(encoding="utf-8")
    assert ROAD_START in text
    assert ROAD_END in text
    text = text.replace(ROAD_START, ROAD_START.replace("T080000", "T133000"))
    text = text.replace(ROAD_END, ROAD_END.replace("T100000", "T153000"))
    path.write_text(text, encoding="utf-8")


def free_socket() -> socket.socket:
    """A listening-ready socket bound to a free port on 127.0.0.1."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def running(app: object, *, timeout: float = 20.0) -> Iterator[str]:
    """Run *app* with uvicorn in a thread on loopback; yield its base address."""
    sock = free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="on")  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()
