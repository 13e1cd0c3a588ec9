"""``coordrules inspect FILE.docx...``: what each document is, and its format findings.

The pack (``--pack``, the bundled ``vn-province`` by default) gives the
document-format rules (thể thức) the files are checked against and the
bodies whose ``form`` says whether an issuer writes Party or state documents.
A file that cannot be read is reported (file and reason) and the others are
still inspected; the exit status is then 2 and ``--json`` is not written.
Otherwise 1 when an error finding was made, else 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coordrules.cli.common import print_findings
from coordrules.cli.output import Output, check_outputs, report_json, text_safe, write_outputs
from coordrules.model.errors import InputError
from coordrules.model.findings import Finding, Report
from coordrules.model.text import vn_moment


def add_parser(subparsers: Any) -> None:
    """Register ``inspect``."""
    parser = subparsers.add_parser(
        "inspect",
        help="đọc và kiểm tra thể thức văn bản / inspect DOCX documents",
        description=(
            "Cho biết mỗi văn bản DOCX là loại gì và kiểm tra thể thức. / "
            "Tell what each DOCX document is and check its official format."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE.docx", help="tệp DOCX / DOCX files")
    parser.add_argument(
        "--pack", default="vn-province", help="gói quy tắc / bundled pack name or pack file"
    )
    parser.add_argument(
        "--json", metavar="OUT.json", help="ghi kết quả JSON / write the findings as JSON"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Inspect each file; print what was found; write the JSON only when every file was read."""
    # The DOCX adapter loads here, not when the parser is built: ``--help`` stays quick.
    from coordrules.adapters.docx.inspection import inspect_document
    from coordrules.packs.load import load_pack

    targets = [Output(args.json, option="--json")] if args.json else []
    check_outputs(targets, inputs=args.files)
    pack = load_pack(args.pack)
    findings: list[Finding] = []
    failed = False
    for name in args.files:
        try:
            info = inspect_document(name, pack=pack)
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
    report = text_safe(Report.build(findings))
    print_findings(report)
    if failed:
        # Status 2: no output file, not even the findings of the files that were read.
        if args.json:
            print(
                f"coordrules: không ghi / not written: {args.json} "
                "(có tệp không đọc được / a file could not be read)",
                file=sys.stderr,
            )
        return 2
    if args.json:
        sys.stdout.flush()  # a standard output that cannot be written fails before the file
        write_outputs([Output(args.json, report_json(report), "--json")], inputs=args.files)
    return 1 if report.has_errors else 0
