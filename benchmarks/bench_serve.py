"""Load test of ``coordrules serve`` on loopback: many subscribers polling at once (issue 13).

The service runs on the demo's inputs in its own process (uvicorn, one
worker), with a feed token for each of the ten leaders. Fifty subscribers
(one asyncio client, fifty connections) poll the feeds: first unconditional
GETs (200, the whole feed), then GETs with ``If-None-Match`` (304, no body).
The client is a bare keep-alive HTTP/1.1 loop on asyncio streams, so that
the server, not the client, is what is measured. Beside each, a baseline
measured in the same run: a bare Starlette app, run the same way, that
answers with static bytes of the same size (200) or a bare 304. Each
scenario runs three times, interleaved, and the best run is shown; each run
is bounded: at most 4,000 requests or 8 seconds.
Printed: requests, requests per second, p50 and p99 latency, and the ratio
of coordrules's throughput to the baseline's.

Run: ``PYTHONPATH=src python benchmarks/bench_serve.py`` (needs the serve extra).
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

SUBSCRIBERS = 50
MAX_REQUESTS = 4_000
MAX_SECONDS = 8.0
ROUNDS = 3
HERE = Path(__file__).resolve()


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve_coordrules(port: int, folder: str) -> None:
    """Server process: the service on the demo's inputs; prints one token per line, then runs."""
    import uvicorn

    from coordrules.serve import SQLiteStore, create_app, demo_config, issue_token

    config = demo_config(Path(folder) / "state.sqlite3")
    store = SQLiteStore(config.database)
    app = create_app(config, store=store, poll=False)
    people = [p for p, _ in app.state.service.build.people]
    for person in people:
        print(issue_token(store, "person", person), flush=True)
    print("ready", flush=True)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def serve_baseline(port: int, size: int) -> None:
    """Server process: static answers of the same size, the floor of what any app costs."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    body = b"x" * size

    async def full(request: object) -> Response:
        return Response(body, media_type="text/calendar; charset=utf-8", headers={"ETag": '"a"'})

    async def same(request: object) -> Response:
        return Response(status_code=304, headers={"ETag": '"a"'})

    app = Starlette(routes=[Route("/full", full), Route("/same", same)])
    print("ready", flush=True)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def _start(*args: str) -> tuple[subprocess.Popen[str], list[str]]:
    process = subprocess.Popen(
        [sys.executable, str(HERE), *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(HERE.parents[1] / "src")},
    )
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        if line.strip() == "ready":
            break
        lines.append(line.strip())
    return process, lines


async def _wait(base: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(200):
            try:
                await client.get(base + "/health")
                return
            except httpx.TransportError:
                await asyncio.sleep(0.05)
    raise RuntimeError("server did not start")


async def _subscriber_connection(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", port)


async def _get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str, extra: str
) -> int:
    """One keep-alive HTTP/1.1 GET; the status. A bare client: the server is what is measured."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n{extra}\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    if length:
        await reader.readexactly(length)
    return status


async def _load(port: int, paths: list[str], extras: list[str], status: int) -> dict[str, float]:
    """Fifty subscribers poll *paths* in turn until the request or time budget is spent."""
    latencies: list[float] = []
    count = 0
    start = time.perf_counter()

    async def subscriber(number: int) -> None:
        nonlocal count
        reader, writer = await _subscriber_connection(port)
        try:
            while count < MAX_REQUESTS and time.perf_counter() - start < MAX_SECONDS:
                i = (count + number) % len(paths)
                count += 1
                began = time.perf_counter()
                got = await _get(reader, writer, paths[i], extras[i])
                latencies.append(time.perf_counter() - began)
                assert got == status, got
        finally:
            writer.close()

    await asyncio.gather(*(subscriber(n) for n in range(SUBSCRIBERS)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


async def main() -> None:
    folder = tempfile.mkdtemp(prefix="bench-serve-")
    ours_port, base_port = _port(), _port()
    ours, tokens = _start("--coordrules", str(ours_port), folder)
    try:
        ours_base = f"http://127.0.0.1:{ours_port}"
        await _wait(ours_base)
        paths = [f"/feed/{t}.ics" for t in tokens]
        async with httpx.AsyncClient() as client:
            first = [await client.get(ours_base + p) for p in paths]
        size = sum(len(r.content) for r in first) // len(first)
        tags = [f"If-None-Match: {r.headers['etag']}\r\n" for r in first]
        plain = [""] * len(paths)
        baseline, _ = _start("--baseline", str(base_port), str(size))
        try:
            base = f"http://127.0.0.1:{base_port}"
            async with httpx.AsyncClient() as client:
                for _ in range(200):
                    try:
                        await client.get(base + "/same")
                        break
                    except httpx.TransportError:
                        await asyncio.sleep(0.05)
            scenarios = {
                "coordrules 200": (ours_port, paths, plain, 200),
                "baseline 200": (base_port, ["/full"], [""], 200),
                "coordrules 304": (ours_port, paths, tags, 304),
                "baseline 304": (base_port, ["/same"], [""], 304),
            }
            best: dict[str, dict[str, float]] = {}
            for _ in range(ROUNDS):  # interleaved, best of each: a shared machine is noisy
                for name, (port, where, extra, status) in scenarios.items():
                    row = await _load(port, where, extra, status)
                    if name not in best or row["rps"] > best[name]["rps"]:
                        best[name] = row
            rows = list(best.items())
        finally:
            baseline.terminate()
            baseline.wait(10)
    finally:
        ours.terminate()
        ours.wait(10)
    print(
        f"{len(tokens)} feeds of {size} bytes on average; {SUBSCRIBERS} subscribers; "
        f"best of {ROUNDS} runs of at most {MAX_REQUESTS} requests or {MAX_SECONDS:g} s"
    )
    print(f"{'scenario':16} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  vs baseline")
    figures = dict(rows)
    for name, row in rows:
        kind = name.split()[1]
        ratio = row["rps"] / figures[f"baseline {kind}"]["rps"]
        print(
            f"{name:16} {row['requests']:8.0f} {row['rps']:8.0f} {row['p50']:8.1f} "
            f"{row['p99']:8.1f}  {ratio:5.2f}×"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--coordrules":
        serve_coordrules(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == "--baseline":
        serve_baseline(int(sys.argv[2]), int(sys.argv[3]))
    else:
        asyncio.run(main())
