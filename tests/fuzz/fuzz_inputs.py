"""Hostile and odd inputs for the fuzz harness: Hypothesis strategies and byte mutators.

Real inputs are the seeds: the bundled sample (feeds, the weekly DOCX, the
dossier and its documents, the pack, the people file, the manifest),
``tests/data/weekly/*.docx``, and the ``.ics`` test files that the installed
``icalendar`` and ``recurring-ical-events`` packages ship (read where pip put
them, at test time; never copied here). Each strategy draws one seed, one
mutation (byte-level, line-level or structure-aware) and one command line,
and returns a :class:`~fuzz_harness.Case`.

The families, one strategy each: :func:`feeds`, :func:`weekly_docx`,
:func:`dossier_docx`, :func:`packs`, :func:`people`, :func:`manifests` and
:func:`command_lines`.
"""

from __future__ import annotations

import importlib.util
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from fuzz_harness import CASE_DIR, ROOT, SRC, Case
from hypothesis import strategies as st

SAMPLE = SRC / "coordrules" / "_sample"
WEEK = ["--from", "2026-12-07", "--to", "2026-12-13", "--as-of", "2026-12-06T20:00"]
AS_OF = ["--as-of", "2026-12-06T20:00"]
SAMPLE_FEEDS = ("vp-tinh-uy.ics", "vp-ubnd.ics", "vp-doan-dbqh-hdnd.ics")


# -- the seeds ----------------------------------------------------------------------


def _package_folder(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def corpus_feeds() -> tuple[Path, ...]:
    """The sample feeds, then every ``.ics`` test file of icalendar and recurring-ical-events."""
    found = [SAMPLE / name for name in (*SAMPLE_FEEDS, "previous.ics")]
    for package in ("icalendar", "recurring_ical_events"):
        folder = _package_folder(package)
        if folder is not None:
            found += sorted(p for p in folder.rglob("*.ics") if p.stat().st_size < 200_000)
    return tuple(found)


@cache
def weekly_documents() -> tuple[Path, ...]:
    """The sample weekly calendar and the weekly-calendar test corpus."""
    return (SAMPLE / "vp-tinh-uy-tuan.docx", *sorted((ROOT / "tests/data/weekly").glob("*.docx")))


@cache
def dossier_files() -> dict[str, bytes]:
    """The sample dossier: its manifest and documents, by name."""
    return {p.name: p.read_bytes() for p in sorted((SAMPLE / "dossier").iterdir()) if p.is_file()}


def sample_bytes(name: str) -> bytes:
    """A file of the bundled sample."""
    return (SAMPLE / name).read_bytes()


# -- byte and line mutation ---------------------------------------------------------

INTERESTING = (
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r",
    b"\n ",
    b"9" * 30,
    b"-1",
    b"0",
    b"\xc3",
    b"%s%n",
    b"../" * 4,
    "Tờ trình\u0301".encode(),
)


def mutate_bytes(data: bytes, rnd: random.Random, rounds: int = 0) -> bytes:
    """*data* after 1–8 random byte-level edits (flip, insert, delete, repeat, splice, truncate)."""
    buf = bytearray(data)
    for _ in range(rounds or rnd.randint(1, 8)):
        op = rnd.randrange(7)
        at = rnd.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(at, len(buf) - 1)] ^= 1 << rnd.randrange(8)
        elif op == 1:
            buf[at:at] = rnd.choice(INTERESTING)
        elif op == 2:
            del buf[at : at + rnd.randint(1, 64)]
        elif op == 3 and buf:
            chunk = bytes(buf[at : at + rnd.randint(1, 200)])
            buf[at:at] = chunk * rnd.choice((2, 10, 1000))
        elif op == 4:
            buf[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
        elif op == 5 and len(buf) > 1:
            other = rnd.randrange(len(buf))
            size = rnd.randint(1, 100)
            buf[at : at + size] = buf[other : other + size]
        else:
            del buf[rnd.randrange(len(buf) + 1) :]
    return bytes(buf)


def mutate_lines(data: bytes, rnd: random.Random, extra: list[bytes]) -> bytes:
    """*data* split in lines, with lines dropped, repeated, swapped or taken from *extra*."""
    lines = data.splitlines()
    for _ in range(rnd.randint(1, 6)):
        at = rnd.randrange(len(lines) + 1)
        op = rnd.randrange(5)
        if op == 0 and lines:
            del lines[min(at, len(lines) - 1)]
        elif op == 1 and lines:
            lines[at:at] = [lines[min(at, len(lines) - 1)]] * rnd.choice((2, 50))
        elif op == 2 and len(lines) > 1:
            other = rnd.randrange(len(lines))
            at = min(at, len(lines) - 1)
            lines[at], lines[other] = lines[other], lines[at]
        elif extra:
            lines[at:at] = [rnd.choice(extra)]
        elif lines:
            lines[min(at, len(lines) - 1)] = mutate_bytes(lines[min(at, len(lines) - 1)], rnd, 1)
    return b"\r\n".join(lines) + b"\r\n"


# -- iCalendar --------------------------------------------------------------------

FREQS = ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")


@st.composite
def rrules(draw: st.DrawFn) -> str:
    """An ``RRULE`` value: any FREQ, odd INTERVALs (0, negative, huge), dense BYxxx lists, ends."""
    parts = [f"FREQ={draw(st.sampled_from(FREQS))}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.sampled_from(('0', '-1', '999999', 'x', '1', '2')))}")
    ranges = {
        "BYSECOND": range(60),
        "BYMINUTE": range(60),
        "BYHOUR": range(24),
        "BYMONTHDAY": range(1, 32),
        "BYMONTH": range(1, 13),
        "BYYEARDAY": range(1, 367),
        "BYWEEKNO": range(1, 54),
    }
    for key in draw(st.lists(st.sampled_from(sorted(ranges)), max_size=4, unique=True)):
        values = ranges[key]
        count = draw(st.sampled_from((len(values), 3, 1)))
        parts.append(f"{key}={','.join(str(v) for v in list(values)[:count])}")
    if draw(st.booleans()):
        parts.append(
            "BYDAY="
            + ",".join(
                draw(
                    st.sampled_from(
                        (["MO"], ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], ["-1FR"], ["99MO"])
                    )
                )
            )
        )
    end = draw(
        st.sampled_from(
            (
                "",
                "COUNT=3",
                "COUNT=1000000",
                "COUNT=0",
                "UNTIL=20000101T000000Z",
                "UNTIL=20261231T000000Z",
                "UNTIL=garbage",
            )
        )
    )
    if end:
        parts.append(end)
    if draw(st.booleans()):
        parts.append("BYSETPOS=" + draw(st.sampled_from(("1", "-1", "0", "400"))))
    return ";".join(parts)


HOSTILE_IDS = (
    "../escaped",
    "../../escaped-twice",
    f"{CASE_DIR}/../../absolute-escape",
    "a/b",
    "..",
    ".",
    "",
    "x" * 300,
    "con",
    ".hidden",
    "a\\b",
    "-rf",
    "Nguyễn Văn A",
    "ne\u0301",
    "tab\there",
)


def person_ids() -> st.SearchStrategy[str]:
    """Person ids as a feed or people file might give them: path-like, long, odd."""
    return st.one_of(
        st.sampled_from(HOSTILE_IDS),
        st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40),
    )


def event(uid: str, start: str, minutes: int, extra: list[str]) -> list[str]:
    """The lines of one VEVENT starting at *start* (local Hồ Chí Minh time)."""
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261204T090000Z",
        f"DTSTART;TZID=Asia/Ho_Chi_Minh:{start}",
        f"DURATION:PT{minutes}M",
        f"SUMMARY:Họp thử {uid}",
        "LOCATION:Hội trường Tỉnh ủy",
        "ATTENDEE;CN=Trần Minh Quang;PARTSTAT=ACCEPTED:mailto:quang@tinhuy.thanhbinh.example",
        *extra,
        "END:VEVENT",
    ]


def with_events(feed: bytes, lines: list[str]) -> bytes:
    """*feed* with *lines* inserted before its last ``END:VCALENDAR``."""
    head, sep, tail = feed.rpartition(b"END:VCALENDAR")
    if not sep:
        head, tail = feed, b""
    return head + "\r\n".join(lines).encode() + b"\r\nEND:VCALENDAR" + tail


ICS_LINES = [
    b"RRULE:FREQ=DAILY;INTERVAL=0",
    b"RRULE:FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11;BYMINUTE=0,10,20,30,40,50;BYSECOND=1,2,3",
    b"EXDATE:20261208T080000Z",
    b"RDATE;VALUE=DATE:20261209",
    b"DTSTART;TZID=Asia/Ho_Chi_Minh;VALUE=DATE:20261208",
    b"DTSTART;TZID=(UTC-05:00) Eastern Time (US & Canada):20261208T080000",
    b"DTSTART;TZID=" + b"Z" * 5000 + b":20261208T080000",
    b"TRIGGER:PT-2H",
    b"SEQUENCE:garbage",
    b"LAST-MODIFIED:garbage",
    b"RECURRENCE-ID:19000101T000000Z",
    b"BEGIN:VEVENT",
    b"END:VEVENT",
    b"BEGIN:VALARM",
    b"BEGIN:VTODO",
    b"DUE:garbage",
    b"X-WR-TIMEZONE:Mars/Olympus",
    b"DTEND:00010101T000000",
    b"ATTENDEE;X-COORDRULES-PERSON=../../escaped:mailto:x@example.com",
    b"ATTENDEE;CN=" + "Lê ".encode() * 3000 + b":mailto:le@example.com",
]


@st.composite
def feeds(draw: st.DrawFn) -> Case:
    """A feed: a real one mutated, or a sample one given hostile series, overlaps or person ids."""
    rnd = draw(st.randoms(use_true_random=False))
    kind = draw(st.sampled_from(("bytes", "lines", "rrule", "overlap", "person", "endings")))
    base_path = draw(st.sampled_from(corpus_feeds()))
    base = base_path.read_bytes()
    sample = sample_bytes("vp-tinh-uy.ics")
    note = f"{kind} of {base_path.name}"
    if kind == "bytes":
        data = mutate_bytes(base, rnd)
    elif kind == "lines":
        data = mutate_lines(base, rnd, ICS_LINES)
    elif kind == "rrule":
        rule = draw(rrules())
        start = draw(st.sampled_from(("20261207T080000", "19700101T000000", "20261213T235959")))
        data = with_events(sample, event("series@fuzz", start, 60, [f"RRULE:{rule}"]))
        note = f"RRULE:{rule} from {start}"
    elif kind == "overlap":
        count = draw(st.sampled_from((2, 50, 400)))
        lines: list[str] = []
        for i in range(count):
            lines += event(f"overlap-{i}@fuzz", "20261209T080000", 120, [])
        data = with_events(sample, lines)
        note = f"{count} overlapping meetings of one leader"
    elif kind == "person":
        ident = draw(person_ids()).replace('"', "")
        line = f'ATTENDEE;CN=Người lạ;X-COORDRULES-PERSON="{ident}":mailto:x@example.com'
        data = with_events(sample, event("person@fuzz", "20261209T080000", 60, [line]))
        note = f"X-COORDRULES-PERSON={ident!r}"
    else:
        ending = draw(st.sampled_from((b"\r", b"\n", b"\r\r\n", b"\x00\r\n")))
        data = b"\xef\xbb\xbf" * draw(st.integers(0, 1)) + ending.join(base.splitlines()) + ending
        note = f"line endings {ending!r} in {base_path.name}"
    others = draw(st.lists(st.sampled_from(SAMPLE_FEEDS), max_size=2, unique=True))
    window = draw(st.sampled_from((WEEK, YEAR)))
    return feed_case(data, note, others, window)


YEAR = [*WEEK[:2], "--to", "2027-12-31", *WEEK[4:]]


def feed_case(
    data: bytes, note: str, others: Sequence[str] = (), window: Sequence[str] = WEEK
) -> Case:
    """``merge`` of the feed *data* (and sample feeds *others*) into every kind of output."""
    files = {"feed.ics": data, "people.toml": sample_bytes("people.toml")}
    files |= {name: sample_bytes(name) for name in others}
    args = ["merge", "feed.ics", *others, *window, "--people", "people.toml"]
    args += ["--ics", "out/merged.ics", "--json", "out/report.json", "--per-person", "out/people"]
    return Case("feeds", args, files, list(OUT_EXISTS), note=note)


OUT_EXISTS = [("out", "dir", "")]
"""The output folder exists before the run (a missing one is tried by the command-line family)."""


# -- DOCX ---------------------------------------------------------------------------


def _entries(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def rezip(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of *entries*, each compressed with *method*."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return out.getvalue()


def patch_entry_header(data: bytes, name: bytes, **fields: int) -> bytes:
    """*data* (a zip) with the local and central headers of entry *name* patched.

    *fields*: ``flags``, ``method``, ``size`` (uncompressed), ``csize``.
    """
    buf = bytearray(data)
    local = {"flags": (6, "<H"), "method": (8, "<H"), "csize": (18, "<I"), "size": (22, "<I")}
    central = {"flags": (8, "<H"), "method": (10, "<H"), "csize": (20, "<I"), "size": (24, "<I")}
    for signature, offsets, name_at in ((b"PK\x03\x04", local, 30), (b"PK\x01\x02", central, 46)):
        at = buf.find(signature)
        while at >= 0:
            length_at = 26 if signature == b"PK\x03\x04" else 28
            (length,) = struct.unpack_from("<H", buf, at + length_at)
            if bytes(buf[at + name_at : at + name_at + length]) == name:
                for key, value in fields.items():
                    offset, form = offsets[key]
                    struct.pack_into(form, buf, at + offset, value)
            at = buf.find(signature, at + 4)
    return bytes(buf)


def corrupt_stream(data: bytes, name: bytes, rnd: random.Random) -> bytes:
    """*data* with bytes inside entry *name*'s compressed stream overwritten."""
    buf = bytearray(data)
    at = buf.find(b"PK\x03\x04")
    while at >= 0:
        (length, extra) = struct.unpack_from("<HH", buf, at + 26)
        (csize,) = struct.unpack_from("<I", buf, at + 18)
        if bytes(buf[at + 30 : at + 30 + length]) == name and csize > 8:
            start = at + 30 + length + extra
            for _ in range(4):
                buf[start + rnd.randrange(csize)] = rnd.randrange(256)
            break
        at = buf.find(b"PK\x03\x04", at + 4)
    return bytes(buf)


def zip_bomb(docx: bytes, size: int = 210_000_000) -> bytes:
    """*docx* with ``word/document.xml`` replaced by *size* spaces deflated to a few hundred KB.

    The zip is assembled by hand: one megabyte of spaces is deflated once,
    ending in a full flush, and that block repeated (a full flush makes the
    repeats valid), so a 200 MB bomb costs a fraction of a second to build.
    """
    chunk = b" " * 1_000_000
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    count = size // len(chunk)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    bomb = block * count + tail
    parts = [(n, d) for n, d in _entries(docx) if n != "word/document.xml"]
    out = io.BytesIO()
    central = []
    for name, data in [*parts, ("word/document.xml", b"")]:
        if name == "word/document.xml":
            packed, crc_of, length = bomb, crc, count * len(chunk)
        else:
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed = packer.compress(data) + packer.flush()
            crc_of, length = zlib.crc32(data), len(data)
        raw = name.encode()
        offset = out.tell()
        fields = (20, 0, 8, 0, 0x21, crc_of, len(packed), length, len(raw))
        out.write(struct.pack("<4s5HIIIHH", b"PK\x03\x04", *fields, 0) + raw + packed)
        central.append(
            struct.pack("<4s6HIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset) + raw
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(
        struct.pack(
            "<4s4HIIH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), start, 0
        )
    )
    return out.getvalue()


def empty_paragraphs(xml: bytes, count: int) -> bytes:
    """*xml* (``word/document.xml``) with *count* empty paragraphs before the body's end."""
    return xml.replace(b"<w:sectPr", b"<w:p/>" * count + b"<w:sectPr", 1)


XML_EDITS = (
    "gridspan",
    "paragraphs",
    "doctype",
    "bytes",
    "truncate",
    "nesting",
    "numbers",
)


def mutate_docx(data: bytes, rnd: random.Random, how: str) -> tuple[bytes, str]:
    """*data* (a DOCX) mutated by *how*; returns the bytes and a note."""
    name = b"word/document.xml"
    if how == "zip-bytes":
        return mutate_bytes(data, rnd), "bytes of the zip"
    if how == "encrypted":
        return patch_entry_header(data, name, flags=1), "encrypted flag on document.xml"
    if how == "method":
        method = rnd.choice((99, 1, 6, 9, 14, 98))
        return patch_entry_header(data, name, method=method), f"compression method {method}"
    if how == "sizes":
        size = rnd.choice((0, 1, 0x7FFFFFFF, 0xFFFFFFFE))
        return patch_entry_header(data, name, size=size), f"declared size {size}"
    if how == "stream":
        method = rnd.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2))
        again = rezip(_entries(data), method)
        return corrupt_stream(again, name, rnd), f"corrupt stream, method {method}"
    if how == "bomb":
        return zip_bomb(data), "document.xml deflated from 210 MB"
    entries = _entries(data)
    edit = rnd.choice(XML_EDITS)
    fixed: list[tuple[str, bytes]] = []
    for entry, body in entries:
        if entry == "word/document.xml":
            if edit == "gridspan":
                body = body.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="abc"/>')
                body = body.replace(b'w:gridSpan w:val="', b'w:gridSpan w:val="x')
            elif edit == "paragraphs":
                body = empty_paragraphs(body, rnd.choice((1000, 100_000)))
            elif edit == "doctype":
                laughs = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                body = body.replace(b"?>", b"?>" + laughs, 1).replace(b"<w:t>", b"<w:t>&b;", 3)
            elif edit == "bytes":
                body = mutate_bytes(body, rnd)
            elif edit == "truncate":
                body = body[: rnd.randrange(len(body))]
            elif edit == "nesting":
                depth = rnd.choice((300, 5000))
                deep = b"<w:sdt><w:sdtContent>" * depth + b"</w:sdtContent></w:sdt>" * depth
                body = body.replace(b"<w:body>", b"<w:body>" + deep, 1)
            else:
                value = rnd.choice((b"-1", b"99999999999999999999", b"1e400", b"", b"NaN"))
                body = body.replace(b'w:w="', b'w:w="' + value, 5)
                body = body.replace(b'w:val="', b'w:val="' + value, 5)
        fixed.append((entry, body))
    method = rnd.choice(
        (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2)
    )
    return rezip(fixed, method), f"document.xml {edit}, method {method}"


DOCX_MUTATIONS = (
    "zip-bytes",
    "encrypted",
    "method",
    "sizes",
    "stream",
    "bomb",
    "xml",
    "xml",
    "xml",
)


@st.composite
def weekly_docx(draw: st.DrawFn) -> Case:
    """A weekly calendar DOCX, mutated, read by ``merge`` (sometimes by ``inspect``)."""
    rnd = draw(st.randoms(use_true_random=False))
    base = draw(st.sampled_from(weekly_documents()))
    data, note = mutate_docx(base.read_bytes(), rnd, draw(st.sampled_from(DOCX_MUTATIONS)))
    return weekly_case(data, f"{note} of {base.name}", inspect=draw(st.integers(0, 4)) == 0)


def weekly_case(data: bytes, note: str, *, inspect: bool = False) -> Case:
    """``merge`` (or ``inspect``) of the weekly calendar *data*."""
    files = {"tuan.docx": data, "people.toml": sample_bytes("people.toml")}
    if inspect:
        args = ["inspect", "tuan.docx", "--json", "out/inspect.json"]
    else:
        args = ["merge", "tuan.docx", *WEEK, "--people", "people.toml"]
        args += ["--docx", "out/tuan.docx", "--report", "out/report.docx", "--json", "out/r.json"]
    return Case("weekly-docx", args, files, list(OUT_EXISTS), note=note)


@st.composite
def dossier_docx(draw: st.DrawFn) -> Case:
    """The sample dossier with one or two documents mutated, read by ``dossier`` or ``inspect``."""
    rnd = draw(st.randoms(use_true_random=False))
    files = {f"hs/{name}": data for name, data in dossier_files().items()}
    documents = sorted(n for n in files if n.endswith(".docx"))
    notes = []
    for name in draw(st.lists(st.sampled_from(documents), min_size=1, max_size=2, unique=True)):
        files[name], how = mutate_docx(files[name], rnd, draw(st.sampled_from(DOCX_MUTATIONS)))
        notes.append(f"{how} of {name}")
    return dossier_case(files, "; ".join(notes), inspect=draw(st.integers(0, 3)) == 0)


def dossier_case(files: dict[str, bytes], note: str, *, inspect: bool = False) -> Case:
    """``dossier`` of ``hs/manifest.toml`` in *files* (or ``inspect`` of its documents)."""
    if inspect:
        documents = sorted(n for n in files if n.endswith(".docx"))
        args = ["inspect", *documents, "--json", "out/inspect.json"]
    else:
        args = [
            "dossier",
            "hs/manifest.toml",
            *AS_OF,
            "--json",
            "out/d.json",
            "--docx",
            "out/d.docx",
        ]
    return Case("dossier-docx", args, files, list(OUT_EXISTS), note=note)


# -- TOML: packs, people, manifests -------------------------------------------------


def deep_array(depth: int) -> bytes:
    """A TOML key whose value is an array nested *depth* deep."""
    return b"deep = " + b"[" * depth + b"]" * depth + b"\n"


def deep_table(depth: int) -> bytes:
    """A TOML inline table nested *depth* deep."""
    return b"deep = " + b"{a = " * depth + b"1" + b"}" * depth + b"\n"


PACK_SNIPPETS = (
    b"[policy]\nseries_cap = 0\n",
    b"[policy]\nseries_cap = 9223372036854775807\n",
    b"[policy]\nmax_feed_bytes = 9223372036854775807\n",
    b"[policy]\nmax_feed_bytes = -1\n",
    b'[[work_calendar.year]]\nyear = 0\nbasis = "assumed"\n',
    b'[[work_calendar.year]]\nyear = 1\nbasis = "assumed"\n'
    b'days_off = [{ first = 0001-01-01, last = 9999-12-31, name = "x" }]\n',
    b"[[policy.confirmation_deadline]]\nvalue = { amount = 9223372036854775807, "
    b'unit = "working_days", anchor = "before", reference = "start" }\nbasis = "assumed"\n',
    b'[[policy.change_notice]]\nvalue = { amount = 100000000, unit = "days", '
    b'anchor = "before", reference = "start" }\nbasis = "assumed"\n',
    b'[[policy.default_travel_minutes]]\nvalue = 10000000000\nbasis = "assumed"\n',
    b'[work_calendar]\ntimezone = "../../etc/passwd"\n',
    b"[work_calendar]\nweekend = [0, 1, 2, 3, 4, 5, 6]\n",
    b'[[rule]]\nid = "r"\nvalue = 1\nbasis = "statute"\nsince = 0001-01-01\n',
)


def pack_header(ident: str, extends: str | None) -> bytes:
    """The ``[pack]`` table of a pack *ident* extending *extends*."""
    text = f'[pack]\nid = "{ident}"\nname = "Gói {ident}"\n'
    if extends is not None:
        text += f'extends = "{extends}"\n'
    return text.encode()


@st.composite
def packs(draw: st.DrawFn) -> Case:
    """A pack: the sample pack or a copy of vn-province, mutated; or a long ``extends`` chain."""
    rnd = draw(st.randoms(use_true_random=False))
    kind = draw(st.sampled_from(("snippet", "bytes", "lines", "deep", "chain", "extends")))
    files: dict[str, bytes] = {}
    child = sample_bytes("tinh-thanh-binh.toml")
    if kind == "snippet":
        snippet = draw(st.sampled_from(PACK_SNIPPETS))
        files["pack.toml"] = child + b"\n" + snippet
        note = snippet.decode().replace("\n", " ")
    elif kind == "bytes":
        base = (SRC / "coordrules/packs/vn-province.toml").read_bytes()
        files["pack.toml"] = mutate_bytes(base, rnd)
        note = "bytes of vn-province.toml"
    elif kind == "lines":
        base = (SRC / "coordrules/packs/vn-province.toml").read_bytes()
        files["pack.toml"] = mutate_lines(base, rnd, list(PACK_SNIPPETS))
        note = "lines of vn-province.toml"
    elif kind == "deep":
        depth = draw(st.sampled_from((100, 1000, 100_000)))
        make = draw(st.sampled_from((deep_array, deep_table)))
        files["pack.toml"] = make(depth) + child
        note = f"{make.__name__}({depth})"
    elif kind == "chain":
        length = draw(st.sampled_from((3, 100, 2000)))
        files["pack.toml"] = pack_header("p0", "p1.toml")
        for i in range(1, length):
            files[f"p{i}.toml"] = pack_header(f"p{i}", f"p{i + 1}.toml")
        files[f"p{length}.toml"] = pack_header(f"p{length}", "vn-province")
        note = f"extends chain of {length}"
    else:
        parent = draw(
            st.sampled_from(
                (
                    "pack.toml",
                    "../../x.toml",
                    "/dev/zero",
                    "/etc/passwd",
                    f"{CASE_DIR}",
                    "",
                    "p.toml",
                )
            )
        )
        files["pack.toml"] = pack_header("self", parent)
        files["p.toml"] = pack_header("p", "pack.toml")
        note = f"extends = {parent!r}"
    return pack_case(files, note, draw(st.sampled_from(("rules", "merge", "dossier"))))


def pack_case(files: dict[str, bytes], note: str, command: str) -> Case:
    """*command* (``rules``, ``merge`` or ``dossier``) with ``--pack pack.toml`` from *files*."""
    files = dict(files)
    if command == "rules":
        args = ["rules", "--pack", "pack.toml"]
    elif command == "merge":
        files |= {name: sample_bytes(name) for name in SAMPLE_FEEDS}
        files["people.toml"] = sample_bytes("people.toml")
        args = ["merge", *SAMPLE_FEEDS, *WEEK, "--pack", "pack.toml", "--people", "people.toml"]
        args += ["--json", "out/r.json", "--ics", "out/m.ics"]
    else:
        files |= {f"hs/{n}": d for n, d in dossier_files().items()}
        args = [
            "dossier",
            "hs/manifest.toml",
            *AS_OF,
            "--pack",
            "pack.toml",
            "--json",
            "out/d.json",
        ]
    return Case("packs", args, files, list(OUT_EXISTS), note=note)


def people_csv(rnd: random.Random) -> tuple[bytes, str]:
    """A people CSV with one odd feature."""
    header = "person,name,emails,aliases,position,since,until"
    good = "tran-minh-quang,Trần Minh Quang,quang@tinhuy.thanhbinh.example,,bi-thu,2025-07-01,"
    odd = rnd.choice(("long", "cr", "nul", "quote", "ids", "many"))
    if odd == "long":
        row = good.replace("Trần Minh Quang", '"' + "Trần " * 40_000 + '"')
    elif odd == "cr":
        row = good.replace("Trần Minh Quang", "Trần\rMinh Quang")
    elif odd == "nul":
        row = good.replace("Trần", "Tr\x00ần")
    elif odd == "quote":
        row = good.replace("Trần", '"Trần')
    elif odd == "ids":
        row = good.replace("tran-minh-quang", rnd.choice(HOSTILE_IDS).replace(",", ""))
    else:
        row = "\n".join(good.replace("tran-minh-quang", f"p{i}") for i in range(20_000))
    return f"{header}\n{row}\n".encode(), f"CSV {odd}"


@st.composite
def people(draw: st.DrawFn) -> Case:
    """A people directory (TOML or CSV) with odd ids, bytes, nesting or CSV traps, used by merge."""
    rnd = draw(st.randoms(use_true_random=False))
    kind = draw(st.sampled_from(("ids", "bytes", "deep", "csv", "dates")))
    base = sample_bytes("people.toml")
    name = "people.toml"
    if kind == "ids":
        ident = draw(person_ids()).replace("\\", "\\\\").replace('"', '\\"')
        data = base.replace(b'id = "tran-minh-quang"', f'id = "{ident}"'.encode(), 1)
        note = f"person id {ident!r}"
    elif kind == "bytes":
        data, note = mutate_bytes(base, rnd), "bytes of people.toml"
    elif kind == "deep":
        depth = draw(st.sampled_from((1000, 100_000)))
        data, note = deep_array(depth) + base, f"array nested {depth} deep"
    elif kind == "dates":
        day = draw(st.sampled_from(("0001-01-01", "9999-12-31", "2026-02-29")))
        data = base.replace(b"since = 2025-07-01", f"since = {day}".encode(), 1)
        note = f"since = {day}"
    else:
        data, note = people_csv(rnd)
        name = "people.csv"
    return people_case(name, data, note)


def people_case(name: str, data: bytes, note: str) -> Case:
    """``merge`` of the sample feeds with the people file *name* holding *data*."""
    files = {name: data, **{n: sample_bytes(n) for n in SAMPLE_FEEDS}}
    args = ["merge", *SAMPLE_FEEDS, *WEEK, "--people", name, "--per-person", "out/people"]
    args += ["--ics", "out/m.ics", "--json", "out/r.json"]
    return Case("people", args, files, list(OUT_EXISTS), note=note)


MANIFEST_PATHS = (
    "../outside.docx",
    f"{CASE_DIR}/outside.docx",
    "/dev/zero",
    "/etc/passwd",
    "missing.docx",
    ".",
    "manifest.toml",
    "",
    "nul\x00.docx",
    "x" * 5000 + ".docx",
)


@st.composite
def manifests(draw: st.DrawFn) -> Case:
    """The sample manifest with odd document paths, dates, nesting, bytes or many items."""
    rnd = draw(st.randoms(use_true_random=False))
    base = dossier_files()["manifest.toml"]
    kind = draw(st.sampled_from(("path", "bytes", "lines", "dates", "deep", "many")))
    if kind == "path":
        path = draw(st.sampled_from(MANIFEST_PATHS))
        escaped = path.replace("\\", "\\\\").replace("\x00", "\\u0000")
        data = base.replace(b'path = "to-trinh.docx"', f'path = "{escaped}"'.encode(), 1)
        note = f"document path {path[:60]!r}"
    elif kind == "bytes":
        data, note = mutate_bytes(base, rnd), "bytes of manifest.toml"
    elif kind == "lines":
        extra = [
            b"received = 0001-01-01T00:00:00",
            b"start = 9999-12-31T23:59:59",
            b'timezone = "Mars/Base"',
            b"[[items]]",
            b"urgent = 1",
        ]
        data, note = mutate_lines(base, rnd, extra), "lines of manifest.toml"
    elif kind == "dates":
        day = draw(
            st.sampled_from(("0001-01-01T00:00:00", "9999-12-31T23:59:59", "2026-12-17T17:00:00"))
        )
        data = base.replace(b"start = 2026-12-15T08:00:00", f"start = {day}".encode(), 1)
        note = f"meeting start {day}"
    elif kind == "deep":
        depth = draw(st.sampled_from((1000, 100_000)))
        data, note = deep_table(depth) + base, f"table nested {depth} deep"
    else:
        count = draw(st.sampled_from((100, 5000)))
        item = (
            b'\n[[items]]\nid = "x%d"\nkind = "report"\ntitle = "x"\nsubmitted_by = "ubnd"\n'
            b'  [[items.documents]]\n  path = "phu-luc.docx"\n'
        )
        data = base + b"".join(item % i for i in range(count))
        note = f"{count} more items"
    return manifest_case(data, note)


def manifest_case(manifest: bytes, note: str) -> Case:
    """``dossier`` of the sample documents with *manifest*, and a document outside its folder."""
    files = {f"hs/{n}": d for n, d in dossier_files().items()}
    files["outside.docx"] = dossier_files()["to-trinh.docx"]
    files["hs/manifest.toml"] = manifest
    args = ["dossier", "hs/manifest.toml", *AS_OF, "--json", "out/d.json", "--docx", "out/d.docx"]
    return Case("manifests", args, files, list(OUT_EXISTS), note=note)


# -- command lines ------------------------------------------------------------------

DATES = (
    "2026-12-07",
    "07/12/2026",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "",
    "x",
    "2026-12-13",
)
MOMENTS = (
    "2026-12-06T20:00",
    "06/12/2026 20:00",
    "9999-12-31T23:59:59",
    "0001-01-01T00:00",
    "2026-12-06T20:00+14:00",
    "now",
)
ODD_NAMES = (
    "out/a b.json",
    "out/" + "d" * 300 + ".json",
    "out/\udcff\udcfe.json",
    "out/new/deeper/x.json",
    "out/tệp.json",
    "out/-x.json",
    "out",
    "out/",
    "feed.ics",
    "people.toml",
    "out/link.json",
    "out/fifo.json",
    "/dev/full",
    "out/../../../escaped.json",
)


@st.composite
def command_lines(draw: st.DrawFn) -> Case:
    """Random option combinations and odd paths for every command, on the sample inputs."""
    command = draw(st.sampled_from(("merge", "dossier", "inspect", "rules", "demo", "nonsense")))
    name = st.sampled_from(ODD_NAMES)
    args = [command]
    if command == "merge":
        sources = draw(
            st.lists(
                st.sampled_from(
                    (
                        "feed.ics",
                        "tuan.docx",
                        "x=feed.ics",
                        "=feed.ics",
                        "a=b=tuan.docx",
                        "missing.ics",
                        "people.toml",
                        "hs",
                        "feed.ics",
                    )
                ),
                min_size=1,
                max_size=3,
            )
        )
        args += sources
        for option, values in (
            ("--from", st.sampled_from(DATES)),
            ("--to", st.sampled_from(DATES)),
            ("--as-of", st.sampled_from(MOMENTS)),
            (
                "--people",
                st.sampled_from(("people.toml", "feed.ics", "missing.toml", "hs", "/dev/zero")),
            ),
            (
                "--pack",
                st.sampled_from(("vn-province", "vn-commune", "nonsense", "people.toml", "hs")),
            ),
            (
                "--previous",
                st.sampled_from(("feed.ics", "out/merged.ics", "missing.ics", "people.toml")),
            ),
            ("--source-office", st.sampled_from(("feed=vp-ubnd", "x=y", "=", "feed="))),
            ("--office", st.sampled_from(("vp-ubnd", "Văn phòng UBND tỉnh", "nonsense"))),
            ("--ics", name),
            ("--json", name),
            ("--docx", name),
            ("--report", name),
            ("--per-person", st.sampled_from(("out/people", "out", "feed.ics", "out/link.json"))),
        ):
            if draw(st.booleans()):
                args += [option, draw(values)]
    elif command == "dossier":
        args.append(draw(st.sampled_from(("hs/manifest.toml", "hs", "feed.ics", "missing.toml"))))
        for option, values in (
            ("--as-of", st.sampled_from(MOMENTS)),
            ("--pack", st.sampled_from(("vn-province", "vn-commune", "nonsense"))),
            ("--json", name),
            ("--docx", name),
            ("--office", st.sampled_from(("vp-ubnd", "nonsense"))),
        ):
            if draw(st.booleans()):
                args += [option, draw(values)]
    elif command == "inspect":
        args += draw(
            st.lists(
                st.sampled_from(
                    (
                        "hs/to-trinh.docx",
                        "tuan.docx",
                        "feed.ics",
                        "hs",
                        "missing.docx",
                        "out/fifo.json",
                    )
                ),
                min_size=1,
                max_size=3,
            )
        )
        if draw(st.booleans()):
            args += ["--json", draw(name)]
    elif command == "rules":
        if draw(st.booleans()):
            args += [
                "--pack",
                draw(st.sampled_from(("vn-province", "vn-commune", "people.toml", "missing"))),
            ]
        if draw(st.booleans()):
            args += ["--as-of", draw(st.sampled_from(DATES))]
    elif command == "demo":
        args += [
            "--out",
            draw(st.sampled_from(("out/demo", "out/link.json", "feed.ics", "out/" + "d" * 300))),
        ]
    else:
        args += draw(st.lists(st.text(max_size=5), max_size=3))
    encoding = draw(st.sampled_from(("utf-8", "utf-8", "latin-1", "cp1258", "ascii")))
    full = draw(st.integers(0, 5)) == 0
    note = f"PYTHONIOENCODING={encoding}" + (", stdout on /dev/full" if full else "")
    return cli_case(args, note, encoding=encoding, full=full)


# -- the worst known input of each family, always run first ---------------------------


def _dense_yearly() -> str:
    minutes = ",".join(str(m) for m in range(60))
    hours = ",".join(str(h) for h in range(24))
    return f"FREQ=YEARLY;BYHOUR={hours};BYMINUTE={minutes};BYSECOND={minutes}"


def _docx(name: str, how: str) -> bytes:
    """The sample *name* broken in one known way (not drawn: the same bytes every run)."""
    data = (SAMPLE / name).read_bytes()
    rnd = random.Random(0)
    if how == "gridspan":
        entries = [
            (n, b.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="abc"/>', 1))
            for n, b in _entries(data)
        ]
        return rezip(entries)
    if how == "paragraphs":
        return rezip(
            [
                (n, empty_paragraphs(b, 100_000) if n == "word/document.xml" else b)
                for n, b in _entries(data)
            ]
        )
    if how == "bomb":
        return zip_bomb(data)
    if how == "lzma":
        return corrupt_stream(rezip(_entries(data), zipfile.ZIP_LZMA), b"word/document.xml", rnd)
    if how == "deflate":
        return corrupt_stream(data, b"word/document.xml", rnd)
    if how == "encrypted":
        return patch_entry_header(data, b"word/document.xml", flags=1)
    if how == "method":
        return patch_entry_header(data, b"word/document.xml", method=99)
    if how == "sizes":
        return patch_entry_header(data, b"word/document.xml", size=1)
    raise ValueError(how)


DOCX_WORST = ("gridspan", "paragraphs", "bomb", "lzma", "deflate", "encrypted", "method", "sizes")


def worst_cases(family: str) -> list[Case]:
    """The known worst inputs of *family* (issue 11's list), run before the drawn cases."""
    sample = sample_bytes("vp-tinh-uy.ics")
    if family == "feeds":
        overlap: list[str] = []
        for i in range(400):
            overlap += event(f"overlap-{i}@fuzz", "20261209T080000", 120, [])
        escape = 'ATTENDEE;X-COORDRULES-PERSON="../../escaped":mailto:x@example.com'
        return [
            feed_case(
                with_events(
                    sample, event("s@f", "20261207T080000", 60, ["RRULE:FREQ=DAILY;INTERVAL=0"])
                ),
                "INTERVAL=0",
            ),
            feed_case(
                with_events(
                    sample, event("s@f", "20261207T080000", 60, [f"RRULE:{_dense_yearly()}"])
                ),
                "YEARLY with dense BYHOUR/BYMINUTE/BYSECOND",
            ),
            feed_case(
                with_events(
                    sample,
                    event("s@f", "20261207T080000", 60, ["RRULE:FREQ=SECONDLY;COUNT=240000"]),
                ),
                "SECONDLY, COUNT=240000",
            ),
            feed_case(
                with_events(
                    sample,
                    event(
                        "s@f", "20261207T080000", 60, ["RRULE:FREQ=DAILY;UNTIL=20000101T000000Z"]
                    ),
                ),
                "UNTIL before DTSTART",
            ),
            feed_case(with_events(sample, overlap), "400 overlapping meetings of one leader"),
            feed_case(
                with_events(sample, event("p@f", "20261209T080000", 60, [escape])),
                "person id ../../escaped",
            ),
        ]
    if family == "weekly-docx":
        return [weekly_case(_docx("vp-tinh-uy-tuan.docx", how), how) for how in DOCX_WORST]
    if family == "dossier-docx":
        cases = []
        for how in ("gridspan", "paragraphs", "bomb", "lzma", "encrypted", "method"):
            files = {f"hs/{n}": d for n, d in dossier_files().items()}
            files["hs/to-trinh.docx"] = _docx("dossier/to-trinh.docx", how)
            cases.append(
                dossier_case(files, f"to-trinh.docx: {how}", inspect=how in ("bomb", "method"))
            )
        return cases
    if family == "packs":
        child = sample_bytes("tinh-thanh-binh.toml")
        chain = {"pack.toml": pack_header("p0", "p1.toml")}
        chain |= {f"p{i}.toml": pack_header(f"p{i}", f"p{i + 1}.toml") for i in range(1, 2000)}
        chain["p2000.toml"] = pack_header("p2000", "vn-province")
        return [
            pack_case(
                {"pack.toml": deep_array(100_000) + child}, "array nested 100000 deep", "rules"
            ),
            pack_case(chain, "extends chain of 2000", "rules"),
            pack_case(
                {"pack.toml": child + b"\n" + PACK_SNIPPETS[4]}, "work_calendar.year = 0", "merge"
            ),
            pack_case({"pack.toml": child + b"\n" + PACK_SNIPPETS[1]}, "huge series_cap", "merge"),
            pack_case(
                {"pack.toml": child + b"\n" + PACK_SNIPPETS[6]}, "huge deadline amount", "dossier"
            ),
        ]
    if family == "people":
        base = sample_bytes("people.toml")
        header = b"person,name,emails,aliases,position,since,until\n"
        return [
            people_case(
                "people.toml",
                base.replace(b'"tran-minh-quang"', b'"../../escaped"', 1),
                "person id ../../escaped",
            ),
            people_case("people.toml", deep_array(100_000) + base, "array nested 100000 deep"),
            people_case(
                "people.csv",
                header + b'a,"' + b"x" * 200_000 + b'",,,bi-thu,2025-07-01,\n',
                "CSV field over the csv limit",
            ),
            people_case("people.csv", header + b"a,Tr\rn,,,bi-thu,2025-07-01,\n", "CSV bare CR"),
            people_case("people.csv", header + b"a,Tr\x00n,,,bi-thu,2025-07-01,\n", "CSV NUL"),
            people_case(
                "people.toml",
                base.replace(b"since = 2025-07-01", b"since = 0001-01-01", 1),
                "since = 0001-01-01",
            ),
        ]
    if family == "manifests":
        base = dossier_files()["manifest.toml"]

        def path(new: str) -> bytes:
            return base.replace(b'path = "to-trinh.docx"', f'path = "{new}"'.encode(), 1)

        return [
            manifest_case(path("/dev/zero"), "document path /dev/zero"),
            manifest_case(path("../outside.docx"), "document path ../outside.docx"),
            manifest_case(path("nul\\u0000.docx"), "document path with NUL"),
            manifest_case(deep_table(100_000) + base, "table nested 100000 deep"),
            manifest_case(
                base.replace(b"start = 2026-12-15T08:00:00", b"start = 0001-01-01T00:00:00", 1),
                "meeting in year 1",
            ),
        ]
    if family == "command-lines":
        return [
            cli_case(
                ["merge", "feed.ics", *WEEK, "--json", "out/r.json"],
                "latin-1 stdout",
                encoding="latin-1",
            ),
            cli_case(["merge", "feed.ics", *WEEK], "cp1258 stdout", encoding="cp1258"),
            cli_case(["rules"], "stdout on a full device", full=True),
            cli_case(
                ["merge", "feed.ics", *WEEK, "--json", "feed.ics"],
                "output is the input",
                refused=True,
            ),
            cli_case(
                ["merge", "feed.ics", *WEEK, "--json", "out/r", "--ics", "out/r"],
                "one path for two outputs",
                refused=True,
            ),
            cli_case(
                ["merge", "feed.ics", *WEEK, "--json", "out/link.json"],
                "output is a symlink to the input",
                refused=True,
            ),
            cli_case(
                ["merge", "feed.ics", *WEEK, "--json", "out/fifo.json"],
                "output is a FIFO",
                refused=True,
            ),
            cli_case(
                ["merge", "feed.ics", *WEEK, "--json", "out/" + "d" * 300 + ".json"],
                "output name too long",
            ),
            cli_case(
                ["merge", "\udcff.ics", *WEEK, "--json", "out/\udcfe.json"], "file names not UTF-8"
            ),
            cli_case(
                ["merge", "feed.ics", *WEEK, "--previous", "missing/old.ics"],
                "--previous missing: the error names the whole path",
                expect="missing/old.ics",
            ),
            cli_case(
                ["inspect", "tuan.docx", "--json", "out/new/i.json"],
                "inspect --json in a missing folder",
            ),
        ]
    raise ValueError(family)


def cli_case(
    args: list[str],
    note: str,
    *,
    encoding: str = "utf-8",
    full: bool = False,
    expect: str = "",
    refused: bool = False,
) -> Case:
    """A command line on the sample inputs, with a symlink and a FIFO waiting in ``out/``.

    *expect*: text the error must hold on status 2; *refused*: the command must exit 2.
    """
    files = {"feed.ics": sample_bytes("vp-ubnd.ics"), "people.toml": sample_bytes("people.toml")}
    files["\udcff.ics"] = files["feed.ics"]
    files["tuan.docx"] = sample_bytes("vp-tinh-uy-tuan.docx")
    files |= {f"hs/{n}": d for n, d in dossier_files().items()}
    specials = [
        ("out/link.json", "symlink", f"{CASE_DIR}/feed.ics"),
        ("out/fifo.json", "fifo", ""),
    ]
    case = Case(
        "command-lines", args, files, specials, note, stdout_full=full, expect_stderr=expect
    )
    case.env["PYTHONIOENCODING"] = encoding
    case.expect_status = (2,) if refused else ()
    return case
