"""Benchmark of the worst inputs of each family of hostile input (issue 11).

Each case is built here (nothing is read from outside but the bundled
sample), written to a temporary folder and run as ``python -m coordrules ...``
in a subprocess with ``PYTHONPATH`` at this checkout's ``src``, under a time
limit (it is killed and reported "over budget" past it) and an address-space
limit (so a runaway case cannot take the machine). For each case the script
prints the exit status, the wall and CPU time and the peak memory of that one
subprocess (``ru_maxrss`` from ``os.wait4``) beside:

* the budget (seconds of CPU, MB of peak memory) that the case must stay in;
* a baseline measured in the same run: ``python -c "import coordrules"``
  (the cost of starting at all), and, where there is one, the raw library on
  the same bytes (``icalendar`` parsing the feed, ``zipfile`` listing the
  DOCX, ``tomllib`` or ``csv`` reading the file), each as a ratio.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_hostile.py [--timeout 60] [--only NAME]

The budgets are those of ``docs/security.md`` (to be confirmed at
integration); a line ending in ``OVER`` names a case that broke one (or crashed: a
traceback is reported too, since a crash is not a refusal).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
SAMPLE = SRC / "coordrules" / "_sample"
WEEK = ["--from", "2026-12-07", "--to", "2026-12-13", "--as-of", "2026-12-06T20:00"]
ADDRESS_SPACE = 4 * 1024**3
"""No case may map more than this: it protects the machine, and a MemoryError is reported."""

CPU_BUDGET = 10.0
"""Seconds of CPU any single input may cost (the fuzz harness's budget too)."""
MEMORY_BUDGET = 1024
"""MB of peak resident memory any single input may cost (the fuzz harness's budget too)."""


@dataclass
class Case:
    """One hostile input: its files, the command line, and the raw-library baseline."""

    family: str
    name: str
    files: dict[str, bytes]
    args: list[str]
    raw: str | None = None
    """Code run with the input's path as ``sys.argv[1]``: the raw library on the same bytes."""
    raw_input: str = ""
    budget: tuple[float, int] = (CPU_BUDGET, MEMORY_BUDGET)
    notes: list[str] = field(default_factory=list)


@dataclass
class Run:
    """What one subprocess cost."""

    status: int | None
    wall: float
    cpu: float
    peak_mb: float
    killed: bool
    memory_error: bool
    traceback: bool


def run(argv: list[str], cwd: Path, timeout: float) -> Run:
    """Run *argv* in *cwd* under the limits; its own wall, CPU and peak memory."""

    def limits() -> None:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8"}
    with (cwd / "stderr").open("wb") as err:
        started = time.monotonic()
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=limits,
        )
        killed = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                killed = True
                break
            time.sleep(0.02)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    stderr = (cwd / "stderr").read_bytes()
    return Run(
        process.returncode,
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        killed,
        b"MemoryError" in stderr,
        b"Traceback" in stderr,
    )


# -- building the inputs ----------------------------------------------------------------


def feed(extra_events: list[str]) -> bytes:
    """The sample Văn phòng Tỉnh ủy feed with *extra_events* (iCalendar lines) added."""
    text = (SAMPLE / "vp-tinh-uy.ics").read_bytes().decode("utf-8")
    head, _, _ = text.rpartition("END:VCALENDAR")
    return (head + "\r\n".join(extra_events) + "\r\nEND:VCALENDAR\r\n").encode("utf-8")


def vevent(uid: str, start: str, minutes: int, *extra: str) -> list[str]:
    """One meeting of Trần Minh Quang at *start* (local time) lasting *minutes*."""
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261204T090000Z",
        f"DTSTART;TZID=Asia/Ho_Chi_Minh:{start}",
        f"DURATION:PT{minutes}M",
        f"SUMMARY:Họp {uid}",
        "LOCATION:Hội trường Tỉnh ủy",
        "ATTENDEE;CN=Trần Minh Quang;PARTSTAT=ACCEPTED:mailto:quang@tinhuy.thanhbinh.example",
        *extra,
        "END:VEVENT",
    ]


def series(rule: str) -> bytes:
    """A feed with one series of *rule* starting on the Monday of the sample week."""
    return feed(vevent("series@bench", "20261207T080000", 60, f"RRULE:{rule}"))


def overlapping(count: int) -> bytes:
    """A feed with *count* meetings of one leader at the same time."""
    lines: list[str] = []
    for i in range(count):
        lines += vevent(f"overlap-{i}@bench", "20261209T080000", 120)
    return feed(lines)


def many_events(count: int) -> bytes:
    """A feed with *count* meetings spread over the week."""
    lines: list[str] = []
    for i in range(count):
        day, minute = 7 + i % 5, (i * 7) % 600
        start = f"202612{day:02d}T{7 + minute // 60:02d}{minute % 60:02d}00"
        lines += vevent(f"ev-{i}@bench", start, 30)
    return feed(lines)


def entries(docx: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def rezip(parts: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(name, data)
    return out.getvalue()


def edit_document(docx: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    """*docx* with its ``word/document.xml`` passed through *edit*."""
    return rezip([(n, edit(d) if n == "word/document.xml" else d) for n, d in entries(docx)])


def empty_paragraphs(docx: bytes, count: int) -> bytes:
    """*docx* with *count* empty paragraphs at the end of the body."""
    return edit_document(
        docx, lambda xml: xml.replace(b"<w:sectPr", b"<w:p/>" * count + b"<w:sectPr", 1)
    )


def zip_bomb(docx: bytes, size: int) -> bytes:
    """*docx* whose ``word/document.xml`` unpacks to *size* bytes (deflated: a few hundred KB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries(docx):
            if name != "word/document.xml":
                archive.writestr(name, data)
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            stream.write(b"<?xml version='1.0'?>")
            chunk = b" " * 1_000_000
            for _ in range(size // len(chunk)):
                stream.write(chunk)
    return out.getvalue()


def lying_size(docx: bytes) -> bytes:
    """*docx* whose headers say ``word/document.xml`` unpacks to 1 byte."""
    buf = bytearray(docx)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = buf.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(buf[name_at : name_at + 17]) == b"word/document.xml":
                buf[at + offset : at + offset + 4] = (1).to_bytes(4, "little")
            at = buf.find(signature, at + 4)
    return bytes(buf)


def pack_header(ident: str, extends: str) -> bytes:
    return f'[pack]\nid = "{ident}"\nname = "Gói {ident}"\nextends = "{extends}"\n'.encode()


RAW_ICS = "import icalendar, sys; icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())"
RAW_ZIP = (
    "import zipfile, sys\n"
    "with zipfile.ZipFile(sys.argv[1]) as z:\n"
    "    [len(z.read(i)) for i in z.infolist() if i.file_size < 50_000_000]"
)
RAW_TOML = "import tomllib, sys; tomllib.loads(open(sys.argv[1], encoding='utf-8').read())"
RAW_CSV = "import csv, sys; list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))"


def cases() -> list[Case]:
    """The worst inputs of every family."""
    people = (SAMPLE / "people.toml").read_bytes()
    weekly = (SAMPLE / "vp-tinh-uy-tuan.docx").read_bytes()
    document = (SAMPLE / "dossier" / "to-trinh.docx").read_bytes()
    dossier = {f"hs/{p.name}": p.read_bytes() for p in (SAMPLE / "dossier").iterdir()}
    minutes = ",".join(str(m) for m in range(60))
    hours = ",".join(str(h) for h in range(24))
    days = ",".join(str(d) for d in range(1, 32))
    merge = ["merge", "feed.ics", *WEEK, "--people", "people.toml", "--json", "out/r.json"]
    merge += ["--ics", "out/m.ics", "--per-person", "out/people"]
    return [
        Case(
            "feeds",
            "INTERVAL=0",
            {"feed.ics": series("FREQ=DAILY;INTERVAL=0")},
            merge,
            RAW_ICS,
            "feed.ics",
        ),
        Case(
            "feeds",
            "YEARLY + dense BYHOUR/BYMINUTE/BYSECOND",
            {
                "feed.ics": series(
                    f"FREQ=YEARLY;BYHOUR={hours};BYMINUTE={minutes};BYSECOND={minutes}"
                )
            },
            merge,
            RAW_ICS,
            "feed.ics",
        ),
        Case(
            "feeds",
            "MONTHLY + BYMONTHDAY 1..31 + BYHOUR + BYMINUTE",
            {
                "feed.ics": series(
                    f"FREQ=MONTHLY;BYMONTHDAY={days};BYHOUR={hours};BYMINUTE={minutes}"
                )
            },
            merge,
            RAW_ICS,
            "feed.ics",
        ),
        Case(
            "feeds",
            "SECONDLY COUNT=240000",
            {"feed.ics": series("FREQ=SECONDLY;COUNT=240000")},
            merge,
            RAW_ICS,
            "feed.ics",
        ),
        Case(
            "feeds",
            "MINUTELY series, 2 h each: N overlapping occurrences",
            {
                "feed.ics": feed(
                    vevent("dense@bench", "20261207T080000", 120, "RRULE:FREQ=MINUTELY;INTERVAL=5")
                )
            },
            merge,
            RAW_ICS,
            "feed.ics",
        ),
        Case(
            "feeds",
            "400 overlapping meetings of one leader",
            {"feed.ics": overlapping(400)},
            merge,
            RAW_ICS,
            "feed.ics",
        ),
        Case(
            "feeds",
            "20,000 meetings in one week",
            {"feed.ics": many_events(20_000)},
            merge,
            RAW_ICS,
            "feed.ics",
        ),
        Case(
            "weekly-docx",
            "100,000 empty paragraphs",
            {"w.docx": empty_paragraphs(weekly, 100_000)},
            ["merge", "w.docx", *WEEK, "--json", "out/r.json", "--docx", "out/w.docx"],
            RAW_ZIP,
            "w.docx",
        ),
        Case(
            "weekly-docx",
            "zip bomb (300 MB document.xml)",
            {"w.docx": zip_bomb(weekly, 300_000_000)},
            ["merge", "w.docx", *WEEK, "--json", "out/r.json"],
            RAW_ZIP,
            "w.docx",
        ),
        Case(
            "weekly-docx",
            "declared size that lies",
            {"w.docx": lying_size(weekly)},
            ["merge", "w.docx", *WEEK, "--json", "out/r.json"],
            RAW_ZIP,
            "w.docx",
        ),
        Case(
            "weekly-docx",
            'gridSpan="abc" in every cell',
            {
                "w.docx": edit_document(
                    weekly, lambda x: x.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="abc"/>')
                )
            },
            ["merge", "w.docx", *WEEK, "--json", "out/r.json"],
            RAW_ZIP,
            "w.docx",
        ),
        Case(
            "dossier-docx",
            "inspect: 100,000 empty paragraphs",
            {"d.docx": empty_paragraphs(document, 100_000)},
            ["inspect", "d.docx", "--json", "out/i.json"],
            RAW_ZIP,
            "d.docx",
        ),
        Case(
            "dossier-docx",
            "inspect: zip bomb (300 MB)",
            {"d.docx": zip_bomb(document, 300_000_000)},
            ["inspect", "d.docx", "--json", "out/i.json"],
            RAW_ZIP,
            "d.docx",
        ),
        Case(
            "dossier-docx",
            "dossier: a document with 100,000 empty paragraphs",
            {**dossier, "hs/to-trinh.docx": empty_paragraphs(document, 100_000)},
            ["dossier", "hs/manifest.toml", "--as-of", "2026-12-06T20:00", "--json", "out/d.json"],
            RAW_ZIP,
            "hs/to-trinh.docx",
        ),
        Case(
            "packs",
            "array nested 100,000 deep",
            {
                "pack.toml": b"x = "
                + b"[" * 100_000
                + b"]" * 100_000
                + b"\n"
                + (SAMPLE / "tinh-thanh-binh.toml").read_bytes()
            },
            ["rules", "--pack", "pack.toml"],
            RAW_TOML,
            "pack.toml",
        ),
        Case(
            "packs",
            "extends chain of 2,000 packs",
            {
                "pack.toml": pack_header("p0", "p1.toml"),
                **{f"p{i}.toml": pack_header(f"p{i}", f"p{i + 1}.toml") for i in range(1, 2000)},
                "p2000.toml": pack_header("p2000", "vn-province"),
            },
            ["rules", "--pack", "pack.toml"],
            RAW_TOML,
            "pack.toml",
        ),
        Case(
            "people",
            "CSV of 20,000 appointments",
            {
                "people.csv": b"person,name,position,since\n"
                + b"".join(b"p%d,Nguoi %d,bi-thu,2025-07-01\n" % (i, i) for i in range(20_000)),
                "feed.ics": (SAMPLE / "vp-tinh-uy.ics").read_bytes(),
            },
            ["merge", "feed.ics", *WEEK, "--people", "people.csv", "--json", "out/r.json"],
            RAW_CSV,
            "people.csv",
        ),
        Case(
            "people",
            "CSV field of 1 MB",
            {
                "people.csv": b'person,name,position,since\na,"'
                + b"x" * 1_000_000
                + b'",bi-thu,2025-07-01\n',
                "feed.ics": (SAMPLE / "vp-tinh-uy.ics").read_bytes(),
            },
            ["merge", "feed.ics", *WEEK, "--people", "people.csv", "--json", "out/r.json"],
            RAW_CSV,
            "people.csv",
        ),
        Case(
            "people",
            "TOML nested 100,000 deep",
            {
                "people.toml": b"x = "
                + b"{a = " * 100_000
                + b"1"
                + b"}" * 100_000
                + b"\n"
                + people,
                "feed.ics": (SAMPLE / "vp-tinh-uy.ics").read_bytes(),
            },
            ["merge", "feed.ics", *WEEK, "--people", "people.toml", "--json", "out/r.json"],
            RAW_TOML,
            "people.toml",
        ),
        Case(
            "manifests",
            "5,000 items",
            {
                **dossier,
                "hs/manifest.toml": dossier["hs/manifest.toml"]
                + b"".join(
                    b'\n[[items]]\nid = "x%d"\nkind = "report"\ntitle = "x"\n'
                    b'submitted_by = "ubnd"\n  [[items.documents]]\n  path = "phu-luc.docx"\n' % i
                    for i in range(5000)
                ),
            },
            ["dossier", "hs/manifest.toml", "--as-of", "2026-12-06T20:00", "--json", "out/d.json"],
            RAW_TOML,
            "hs/manifest.toml",
        ),
        Case(
            "manifests",
            "document path /dev/zero",
            {
                **dossier,
                "hs/manifest.toml": dossier["hs/manifest.toml"].replace(
                    b'"to-trinh.docx"', b'"/dev/zero"', 1
                ),
            },
            ["dossier", "hs/manifest.toml", "--as-of", "2026-12-06T20:00", "--json", "out/d.json"],
        ),
    ]


def ratio(got: Run, baseline: float) -> str:
    """Wall time over *baseline*; ">" when the case was killed (the true ratio is larger)."""
    return f"{'>' if got.killed else ''}{got.wall / max(baseline, 1e-3):.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds of wall time per case")
    parser.add_argument("--only", help="run the cases whose name or family contains this")
    options = parser.parse_args()
    chosen = [c for c in cases() if not options.only or options.only in f"{c.family} {c.name}"]
    work = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    try:
        base = run([sys.executable, "-c", "import coordrules"], work, options.timeout)
        print(
            f"baseline: python -c 'import coordrules': {base.wall:.2f} s wall, "
            f"{base.cpu:.2f} s CPU, {base.peak_mb:.0f} MB"
        )
        print(
            f"budget per input: {CPU_BUDGET:.0f} s CPU, {MEMORY_BUDGET} MB peak; "
            f"time limit {options.timeout:.0f} s wall\n"
        )
        header = (
            f"{'family':13} {'case':52} {'exit':>4} {'wall s':>7} {'CPU s':>7} {'MB':>6} "
            f"{'×import':>8} {'raw s':>6} {'raw MB':>6} {'×raw':>6}  verdict"
        )
        print(header)
        print("-" * len(header))
        over = 0
        for number, case in enumerate(chosen):
            folder = work / f"case-{number}"
            # Every case may name the sample people file; its own files come on top.
            files = {"people.toml": (SAMPLE / "people.toml").read_bytes(), **case.files}
            for rel, data in files.items():
                (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                (folder / rel).write_bytes(data)
            (folder / "out").mkdir()
            got = run([sys.executable, "-m", "coordrules", *case.args], folder, options.timeout)
            raw = None
            if case.raw is not None:
                raw = run([sys.executable, "-c", case.raw, case.raw_input], folder, options.timeout)
            cpu_budget, mb_budget = case.budget
            verdict = []
            if got.killed:
                verdict.append(f"over budget: killed at {options.timeout:.0f} s")
            elif got.cpu > cpu_budget:
                verdict.append(f"over budget: {got.cpu:.1f} s CPU > {cpu_budget:.0f}")
            if got.memory_error:
                verdict.append(
                    f"over budget: MemoryError (address space {ADDRESS_SPACE >> 30} GiB)"
                )
            if got.peak_mb > mb_budget:
                verdict.append(f"over budget: {got.peak_mb:.0f} MB > {mb_budget}")
            if got.status not in (0, 1, 2) and not got.killed:
                verdict.append(f"exit {got.status}")
            if got.traceback:
                verdict.append("a traceback (a crash, not a clear error)")
            over += bool(verdict)
            raw_text = (
                f"{raw.wall:6.2f} {raw.peak_mb:6.0f} {ratio(got, raw.wall):>6}"
                if raw is not None and not raw.killed
                else f"{'-':>6} {'-':>6} {'-':>6}"
                if raw is None
                else f"{'>' + str(int(options.timeout)):>6} {raw.peak_mb:6.0f} {'-':>6}"
            )
            print(
                f"{case.family:13} {case.name[:52]:52} {got.status!s:>4} "
                f"{got.wall:7.2f} {got.cpu:7.2f} "
                f"{got.peak_mb:6.0f} {ratio(got, base.wall):>8} {raw_text}  "
                + ("; ".join(verdict) + " OVER" if verdict else "ok"),
                flush=True,
            )
            shutil.rmtree(folder, ignore_errors=True)
        print(f"\n{over} of {len(chosen)} case(s) over budget or crashed")
        return 1 if over else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
