"""``coordrules dossier MANIFEST.toml``: the dossier checklist (phiếu kiểm tra hồ sơ).

Reads the manifest, loads the pack, reads every document with
``inspect_document`` and prints the checklist: each required document, its
deadline and its state, then the findings. ``--json OUT`` writes the report
in the stable JSON shape. Exit status 0 without error findings, 1 with,
2 for bad input (then nothing is written), 3 for a bug in coordrules.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from coordrules.cli.common import DATE_RULE, office_id, parse_as_of, print_findings
from coordrules.cli.output import (
    Output,
    check_outputs,
    has_bad_names,
    report_json,
    text_safe,
    write_outputs,
)
from coordrules.model.errors import InputError
from coordrules.model.findings import Report
from coordrules.model.text import vn_moment

if TYPE_CHECKING:
    from coordrules.model.dossier import DocumentInfo, Dossier, Meeting
    from coordrules.packs.pack import Pack
    from coordrules.rules.dossier import ChecklistRow

_MARK = {"received": "[x]", "late": "[!]", "missing": "[ ]", "due": "[.]"}
_STATE = {
    "received": "đã nhận / received",
    "late": "nộp muộn / late",
    "missing": "thiếu, quá hạn / missing, overdue",
    "due": "chưa đến hạn / not yet due",
}


def add_parser(subparsers: Any) -> None:
    """Register ``dossier``."""
    parser = subparsers.add_parser(
        "dossier",
        help="kiểm tra hồ sơ cuộc họp / check a meeting's dossier",
        description=(
            "Kiểm tra hồ sơ cuộc họp theo tệp mô tả TOML. / "
            "Check a meeting dossier described by a TOML manifest."
        ),
    )
    parser.add_argument(
        "manifest", metavar="MANIFEST", help="tệp mô tả hồ sơ / dossier manifest (TOML)"
    )
    parser.add_argument(
        "--pack", default="vn-province", help="gói quy tắc / bundled pack name or pack file"
    )
    parser.add_argument(
        "--as-of",
        metavar="DATETIME",
        help=f"thời điểm kiểm tra / moment of the check ({DATE_RULE}; default: now)",
    )
    parser.add_argument(
        "--json", metavar="OUT.json", help="ghi báo cáo JSON / write the report as JSON"
    )
    parser.add_argument(
        "--docx",
        metavar="OUT.docx",
        help="ghi phiếu kiểm tra hồ sơ / write the checklist as an official DOCX",
    )
    parser.add_argument(
        "--office",
        help="văn phòng ban hành / office issuing the DOCX, by id or name "
        "(default: the office serving the meeting kind)",
    )
    parser.add_argument(
        "--allow-outside",
        action="store_true",
        help="mở cả các tệp mà tệp mô tả hồ sơ trỏ ra ngoài thư mục của nó (../, đường dẫn "
        "tuyệt đối, liên kết) / also open documents the manifest names outside its own "
        "folder (../, absolute paths, links leading out); refused by default",
    )
    parser.set_defaults(run=run)


def _row_line(row: ChecklistRow) -> str:
    req = row.requirement
    where = "" if row.item is None else f" — {row.item.title}"
    due = row.deadline.strftime("%H:%M %d/%m/%Y")
    line = f"  {_MARK[row.state]} {req.name}{where}: hạn / due {due} ({req.deadline.describe()})"
    line += f" — {_STATE[row.state]}"
    if row.late_by:
        line += f" {row.late_by}"
    if row.document is not None:
        line += f" [{Path(row.document.path).name}]"
    if req.sourced().basis.value != "statute":
        line += f" ({req.basis.value})"
    return line


def _serving_office(pack: Pack, kind: str) -> str:
    found = pack.organisation().meeting_kind(kind)
    if found is None:
        raise InputError(
            kind,
            "the meeting kind is not in the pack; give --office",
            reason_vi="loại cuộc họp không có trong gói quy tắc; hãy chỉ định --office",
        )
    return found.office


@attrs.frozen
class DossierCheck:
    """A checked dossier: the manifest's meeting and dossier, the report, the checklist."""

    meeting: Meeting
    dossier: Dossier
    report: Report
    rows: tuple[ChecklistRow, ...]
    types: Mapping[str, str | None]
    """Document id → its type (declared, else read from the file)."""


def check_manifest(
    manifest: str | Path, pack: Pack, as_of: datetime, *, allow_outside: bool = False
) -> DossierCheck:
    """Load *manifest*, read each document once, check it and build the checklist.

    Documents outside the manifest's folder are refused unless *allow_outside*.
    """
    # The DOCX adapter and the rules load here, not when the parser is built:
    # ``--help`` stays quick.
    from coordrules.adapters.docx.inspection import check_dossier, inspect_document
    from coordrules.packs.manifest import load_manifest
    from coordrules.rules.dossier import checklist, resolve_type

    meeting, dossier = load_manifest(manifest, allow_outside=allow_outside)
    cache: dict[str, DocumentInfo] = {}

    def inspect(path: str) -> DocumentInfo:
        # Each file is read once, for the check and for the checklist.
        if path not in cache:
            cache[path] = inspect_document(path, pack=pack)
        return cache[path]

    report = check_dossier(meeting, dossier, pack, as_of=as_of, inspect=inspect)
    # A file that could not be read, or not yet received at as_of, is not in the
    # cache and counts as absent.
    types = {
        d.id: resolve_type(d.declared_type, cache[d.path].type, pack.document_type)
        if d.path in cache
        else None
        for d in dossier.documents
    }
    rows = tuple(checklist(meeting, dossier, pack, as_of=as_of, types=types))
    return DossierCheck(meeting, dossier, report, rows, types)


def checklist_docx(
    check: DossierCheck, pack: Pack, as_of: datetime, office: str | None = None
) -> bytes:
    """The checklist (phiếu kiểm tra hồ sơ) as an official DOCX, dated *as_of*."""
    from coordrules.adapters.docx.report import write_report_docx

    issuer = office or _serving_office(pack, check.meeting.kind)
    title = f"Phiếu kiểm tra hồ sơ {check.meeting.title}"
    return write_report_docx(check.report, pack=pack, office=issuer, title=title,
                             checklist=check.rows, issued=as_of.date())  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Check the dossier; print the checklist; write JSON and DOCX when asked."""
    from coordrules.packs.load import load_pack  # on first use: ``--help`` needs no packs
    from coordrules.rules.dossier import received_at

    pack = load_pack(args.pack)
    as_of = parse_as_of(args.as_of, pack.work_calendar.tz)
    office = None if args.office is None else office_id(pack, args.office)
    targets = [Output(path, option=option) for path, option in
               ((args.json, "--json"), (args.docx, "--docx")) if path]  # fmt: skip
    inputs = [args.manifest, *([pack.path] if pack.path else [])]
    check_outputs(targets, inputs=inputs)  # before the long work
    check = check_manifest(args.manifest, pack, as_of, allow_outside=args.allow_outside)
    inputs += [doc.path for doc in check.dossier.documents]
    if has_bad_names(inputs):
        check = text_safe(check)
    meeting, dossier, report, rows, types = (
        check.meeting, check.dossier, check.report, check.rows, check.types
    )  # fmt: skip
    print(f"Hồ sơ / dossier: {meeting.title} ({meeting.kind}), {vn_moment(meeting.start)}")
    print(f"Gói quy tắc / pack: {pack.id}; tính đến / as of {vn_moment(as_of)}")
    print("Thành phần hồ sơ / required documents:")
    for row in rows:
        print(_row_line(row))
    if not rows:
        print("  (không có yêu cầu / no requirement in force)")
    used = {row.document.id for row in rows if row.document is not None}
    others = [d for d in dossier.documents if d.id not in used]
    if others:
        print("Tài liệu khác / other documents:")
        for doc in others:
            kind = types.get(doc.id)
            if not received_at(doc, as_of):
                kind = (
                    f"nhận lúc {vn_moment(doc.received)}, sau thời điểm kiểm tra / "
                    "received after the moment of the check"
                )
            elif kind is None:
                unreadable = any(
                    f.code == "import-problem" and f.documents and f.documents[0].id == doc.id
                    for f in report.findings
                )
                kind = (
                    "không đọc được / could not be read"
                    if unreadable
                    else "không rõ loại / unknown type"
                )
            print(f"  - {Path(doc.path).name}: {kind}")
    print("Phát hiện / findings:")
    print_findings(report)
    # Everything is built before anything is written: no half output on error.
    outputs: list[Output] = []
    if args.json:
        outputs.append(Output(args.json, report_json(report), "--json"))
    if args.docx:
        outputs.append(Output(args.docx, checklist_docx(check, pack, as_of, office), "--docx"))
    sys.stdout.flush()  # a standard output that cannot be written fails before any file
    write_outputs(outputs, inputs=inputs)
    return 1 if report.has_errors else 0
