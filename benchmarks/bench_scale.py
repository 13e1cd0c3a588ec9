"""Benchmark: the public API on Dask distributed, 2 worker processes against one process.

Run from the repository root (needs the ``dask`` extra)::

    PYTHONPATH=src python benchmarks/bench_scale.py            # 12 feeds, 3×10^4 events
    PYTHONPATH=src python benchmarks/bench_scale.py 60000 24   # events, feeds

Synthetic feeds as in ``bench_merge.py`` (a year; shared meetings listed by
every office of a group of three). It times, wall-clock:

* one process: read every feed (``read_ics``), merge, ``check_calendar``;
* a ``LocalCluster`` of 2 worker processes (one thread each):
  ``read_feeds`` (one task per feed), merge on the client,
  ``check_calendar_parallel`` (2 parts); the report is checked equal to the
  one-process report, byte for byte;

and prints each stage's speed-up and the per-item costs the projection in
``docs/explanation-scale.md`` is written from: read µs per event, merge µs
per occurrence, check µs per occurrence, and what is shipped (the pickled
size of a source calendar and of the merged calendar, bytes per occurrence).
Start-up of the cluster is printed apart, not counted.
"""

from __future__ import annotations

import pickle
import sys
import tempfile
import time
from pathlib import Path

from bench_merge import AS_OF, WINDOW, feeds
from distributed import Client, LocalCluster

from coordrules import check_calendar, load_pack, merge, read_ics
from coordrules.scale import check_calendar_parallel, read_feeds


def main(argv: list[str]) -> None:
    events = int(argv[0]) if argv else 30_000
    groups = (int(argv[1]) if len(argv) > 1 else 12) // 3
    pack = load_pack("vn-province")
    with tempfile.TemporaryDirectory() as tmp:
        paths: list[Path] = []
        for group in range(groups):
            for office, blob in enumerate(feeds(events // groups)):
                path = Path(tmp) / f"g{group}-vp{office}.ics"
                # Each group of three offices has its own meetings (UIDs, titles).
                tag = f"g{group}".encode()
                blob = blob.replace(b"@tinh", b"@" + tag).replace(b"SUMMARY:", b"SUMMARY:" + tag)
                path.write_bytes(blob)
                paths.append(path)

        began = time.perf_counter()
        sources = [read_ics(p, window=WINDOW, pack=pack) for p in paths]
        t_read = time.perf_counter() - began
        began = time.perf_counter()
        calendar = merge(sources, pack, window=WINDOW)
        t_merge = time.perf_counter() - began
        began = time.perf_counter()
        report = check_calendar(calendar, pack, as_of=AS_OF, window=WINDOW)
        t_check = time.perf_counter() - began
        single = report.to_json()

        began = time.perf_counter()
        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            t_start = time.perf_counter() - began
            began = time.perf_counter()
            spread = read_feeds(client, paths, window=WINDOW, pack=pack)
            d_read = time.perf_counter() - began
            began = time.perf_counter()
            merged = merge(spread, pack, window=WINDOW)
            d_merge = time.perf_counter() - began
            began = time.perf_counter()
            parallel = check_calendar_parallel(
                client, merged, pack, as_of=AS_OF, window=WINDOW, parts=2
            )
            d_check = time.perf_counter() - began
        assert merged == calendar
        assert parallel.to_json() == single, "the reports differ"

    occurrences = len(calendar.occurrences)
    copies = sum(len(s.occurrences) for s in sources)
    shipped_source = sum(len(pickle.dumps(s)) for s in sources) / copies
    shipped_merged = len(pickle.dumps(calendar)) / occurrences
    print(
        f"{len(paths)} feeds, {events:,} events, {copies:,} occurrences read, "
        f"{occurrences:,} merged; cluster start-up {t_start:.1f}s (not counted)"
    )
    for name, one, two in (
        ("read", t_read, d_read),
        ("merge", t_merge, d_merge),
        ("check", t_check, d_check),
    ):
        print(f"  {name:<6} one process {one:7.2f}s   2 workers {two:7.2f}s   ×{one / two:4.2f}")
    total_one, total_two = t_read + t_merge + t_check, d_read + d_merge + d_check
    print(f"  total  one process {total_one:7.2f}s   2 workers {total_two:7.2f}s   "
          f"×{total_one / total_two:4.2f}")  # fmt: skip
    print(
        f"per item (one process): read {t_read / copies * 1e6:,.0f} µs/occurrence, "
        f"merge {t_merge / copies * 1e6:,.0f} µs/copy, "
        f"check {t_check / occurrences * 1e6:,.0f} µs/occurrence; shipped: "
        f"{shipped_source:,.0f} B per source occurrence, {shipped_merged:,.0f} B per merged "
        f"occurrence (pickle); report identical: yes"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
