"""``coordrules demo``: the main job on the bundled sample data.

The sample is a fictional province, tỉnh Thanh Bình; every name in it is
invented. It holds the three offices' calendars for the week of 7 December
2026 as real producers write them (a standards-following feed with a
VTIMEZONE, an Outlook export with a Windows time zone and X-MICROSOFT
properties, a Google export with X-WR-TIMEZONE and UTC times), the Văn phòng
Tỉnh ủy's weekly calendar as a DOCX, a people directory in which leaders
hold several positions, the feed published the Friday before, and the
dossier of the HĐND session opening on 15 December.

The demo checks everything as of Sunday 6 December 2026, 20:00 (fixed, so
every run gives the same files), writes the merged feed, one feed per
leader, the weekly calendar and the reports, and prints a short summary.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from coordrules.cli.dossier import check_manifest, checklist_docx
from coordrules.cli.merge import Job, Outputs, SourceArgument, build_outputs, run_job
from coordrules.cli.output import Output, report_json, write_outputs
from coordrules.cli.samples import sample_path
from coordrules.model.findings import Report

AS_OF = datetime(2026, 12, 6, 20, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
"""The moment the demo checks for: the Sunday evening before the week."""
WINDOW = (date(2026, 12, 7), date(2026, 12, 13))
SOURCES = (
    ("vp-tinh-uy", "vp-tinh-uy.ics"),
    ("vp-ubnd", "vp-ubnd.ics"),
    ("vp-doan-dbqh-hdnd", "vp-doan-dbqh-hdnd.ics"),
    ("vp-tinh-uy-tuan", "vp-tinh-uy-tuan.docx"),
)
"""Source name and sample file; the DOCX is kept by the Văn phòng Tỉnh ủy."""

FILES = (
    ("lich-chung.ics", "lịch chung (feed) / merged feed"),
    ("lanh-dao/", "lịch từng lãnh đạo / one feed per leader"),
    ("lich-cong-tac-tuan.docx", "lịch công tác tuần / weekly work calendar"),
    ("bao-cao-lich.docx", "báo cáo kiểm tra lịch / calendar report"),
    ("bao-cao-lich.json", "báo cáo kiểm tra lịch (JSON) / calendar report as JSON"),
    ("phieu-kiem-tra-ho-so.docx", "phiếu kiểm tra hồ sơ kỳ họp / dossier checklist"),
    ("ho-so-ky-hop.json", "kiểm tra hồ sơ (JSON) / dossier report as JSON"),
    ("dau-vao/", "dữ liệu mẫu đầu vào / the sample inputs, to try the commands on"),
)
"""What the demo writes, with a description for the summary."""


def add_parser(subparsers: Any) -> None:
    """Register ``demo``."""
    parser = subparsers.add_parser(
        "demo",
        help="chạy thử trên dữ liệu mẫu / run the main job on bundled sample data",
        description=(
            "Chạy thử trên dữ liệu mẫu (một tỉnh hư cấu): hợp nhất lịch của ba văn phòng và một "
            "lịch công tác tuần DOCX, tìm mọi xung đột, kiểm tra hồ sơ một kỳ họp, ghi các lịch, "
            "tệp DOCX và báo cáo JSON. / "
            "Run the main job on the bundled sample data (a fictional province): merge the "
            "three offices' calendars and a DOCX weekly calendar, find every conflict, check "
            "a session's dossier, and write the feeds, DOCX files and JSON reports."
        ),
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        default="coordrules-demo",
        help="thư mục kết quả / output folder",
    )
    parser.set_defaults(run=run)


def _counts(report: Report) -> str:
    summary = report.summary
    return (
        f"{summary['error']} lỗi / errors, {summary['warning']} cảnh báo / warnings, "
        f"{summary['info']} thông tin / info"
    )


def _by_code(report: Report) -> str:
    counts = Counter(f.code for f in report.findings)
    return ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items()))


def run(args: argparse.Namespace) -> int:
    """Run the demo; exit 0 (the findings in the sample are planted on purpose)."""
    out = Path(args.out)
    sample = sample_path()
    from coordrules.packs.directory import load_directory  # on first use: not for ``--help``
    from coordrules.packs.load import load_pack

    pack = load_pack(sample / "tinh-thanh-binh.toml")
    job = Job(
        sources=tuple(SourceArgument(name, sample / file) for name, file in SOURCES),
        pack=pack,
        directory=load_directory(sample / "people.toml", pack),
        window=WINDOW,
        as_of=AS_OF,
        previous=sample / "previous.ics",
        source_offices={"vp-tinh-uy-tuan": "vp-tinh-uy"},
    )
    calendar, report = run_job(job)
    outputs = Outputs(
        ics=str(out / "lich-chung.ics"),
        per_person=str(out / "lanh-dao"),
        json=str(out / "bao-cao-lich.json"),
        docx=str(out / "lich-cong-tac-tuan.docx"),
        report=str(out / "bao-cao-lich.docx"),
        office="vp-ubnd",
    )
    written = build_outputs(job, calendar, report, outputs)
    dossier = check_manifest(sample / "dossier" / "manifest.toml", pack, AS_OF)
    written.append(
        Output(str(out / "phieu-kiem-tra-ho-so.docx"), checklist_docx(dossier, pack, AS_OF))
    )
    written.append(Output(str(out / "ho-so-ky-hop.json"), report_json(dossier.report)))
    # The inputs too, so that the commands can be tried on them (the tutorial does).
    for path in sorted(sample.rglob("*")):
        if path.is_file() and not path.name.startswith((".", "__")):
            written.append(
                Output(str(out / "dau-vao" / path.relative_to(sample)), path.read_bytes())
            )

    leaders = sum(1 for file in written if Path(file.path).parent.name == "lanh-dao")
    print("coordrules demo — tỉnh Thanh Bình (hư cấu) / a fictional province")
    print(f"Kiểm tra lúc / checked as of {AS_OF:%H:%M %d/%m/%Y}")
    print()
    print(f"1. Lịch công tác tuần / weekly calendar {WINDOW[0]:%d/%m} – {WINDOW[1]:%d/%m/%Y}")
    for source in report.sources:
        print(f"   nguồn / source {source.name}: {source.occurrences} mục / items")
    print(f"   → {len(calendar.occurrences)} cuộc họp sau hợp nhất / meetings after merging")
    print(f"   → {_counts(report)}")
    print(f"   {_by_code(report)}")
    print()
    meeting = dossier.meeting
    print(f"2. Hồ sơ / dossier: {meeting.title} ({meeting.start:%d/%m/%Y})")
    states = Counter(row.state for row in dossier.rows)
    print(
        f"   {len(dossier.rows)} tài liệu bắt buộc / required documents: "
        f"{states['received']} đủ / on time, {states['late']} muộn / late, "
        f"{states['missing']} thiếu / missing, {states['due']} chưa đến hạn / not yet due"
    )
    print(f"   → {_counts(dossier.report)}")
    print(f"   {_by_code(dossier.report)}")
    print()
    sys.stdout.flush()  # a standard output that cannot be written fails before any file
    write_outputs(written)
    print(f"Đã ghi vào / written to {out}/:")
    for name, what in FILES:
        extra = f" ({leaders} tệp / files)" if name == "lanh-dao/" else ""
        print(f"   {name:28} {what}{extra}")
    print()
    print("Xem chi tiết / details: coordrules merge --help, coordrules dossier --help")
    return 0
