"""``coordrules inspect FILE.docx...``: what each document is, and its format findings.

A file that cannot be read is reported (file and reason) and the others are
still inspected; the exit status is then 2. Otherwise 1 when an error
finding was made, else 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coordrules.adapters.docx.inspection import inspect_document
from coordrules.cli.common import print_findings
from coordrules.model.errors import InputError
from coordrules.model.findings import Finding, Report
from coordrules.model.text import vn_moment


def add_parser(subparsers: Any) -> None:
    """Register ``inspect``."""
    parser = subparsers.add_parser(
        "inspect",
        help="đọc và kiểm tra thể thức văn bản / inspect DOCX documents",
        description="Tell what each DOCX document is and check its official format.",
    )
    parser.add_argument("files", nargs="+", help="tệp DOCX / DOCX files")
    parser.add_argument(
        "--json", metavar="OUT", help="ghi kết quả JSON / write the findings as JSON"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Inspect each file; print what was found."""
    findings: list[Finding] = []
    failed = False
    for name in args.files:
        try:
            info = inspect_document(name)
        except InputError as error:
            print(f"coordrules: lỗi / error: {error}", file=sys.stderr)
            failed = True
            continue
        number = info.number.text if info.number is not None else "—"
        print(f"{Path(name).name}:")
        kind = info.type or "không rõ / unknown"
        kind += " (dự thảo / draft)" if info.draft else ""
        kind += " — văn bản của Đảng / Party document" if info.party else ""
        print(f"  loại / type: {kind}")
        print(f"  số / number: {number}")
        print(f"  cơ quan ban hành / issuer: {info.issuer or '—'}")
        when = vn_moment(info.date) if info.date else "—"
        print(f"  địa danh, ngày / place, date: {info.place or '—'}, {when}")
        print(f"  trích yếu / subject: {info.subject or '—'}")
        if info.recipients:
            print(f"  kính gửi / to: {'; '.join(info.recipients)}")
        if info.signer is not None:
            print(
                f"  ký / signer: {info.signer.authority or ''} {' / '.join(info.signer.lines[1:])}"
            )
        if info.legacy_encoding:
            print(f"  phông cũ / legacy encoding: {info.legacy_encoding}")
        findings.extend(info.findings)
    report = Report.build(findings)
    print_findings(report)
    if args.json:
        Path(args.json).write_text(report.to_json() + "\n", encoding="utf-8")
    if failed:
        return 2
    return 1 if report.has_errors else 0
